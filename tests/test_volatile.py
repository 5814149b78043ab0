"""Each volatile-literal detector on realistic hits and near misses."""

from __future__ import annotations

import pytest

from pcache.analyzers import volatile as v


def kinds(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in v.find_volatile(text)]


@pytest.mark.parametrize("text,found", [
    ("Current time: 2026-11-23T09:14:03Z.", "2026-11-23T09:14:03Z"),
    ("logged at 2026-11-23 09:14:03.123+01:00 by", "2026-11-23 09:14:03.123+01:00"),
    ("Today is 2026-11-23.", "2026-11-23"),
])
def test_iso_dates(text, found):
    assert [m.text for m in v.find_iso_dates(text)] == [found]


def test_iso_near_misses():
    assert v.find_iso_dates("version 2026-13-40 is not a date") == []
    assert v.find_iso_dates("part number 12026-11-23") == []


@pytest.mark.parametrize("text,found", [
    ("Date: 11/23/2026", "11/23/2026"),
    ("Datum: 23.11.2026", "23.11.2026"),
    ("on Monday, November 23, 2026 at 9:14 am", "Monday, November 23, 2026 at 9:14 am"),
    ("on 23 Nov 2026", "23 Nov 2026"),
])
def test_common_dates(text, found):
    assert found in [m.text for m in v.find_common_dates(text)]


def test_common_date_near_misses():
    assert v.find_common_dates("a ratio of 3/4 and version 1.2.3") == []
    assert v.find_common_dates("Returns are accepted within 30 days of delivery.") == []


def test_times_need_seconds_or_zone():
    assert [m.text for m in v.find_times("sent at 09:14:03")] == ["09:14:03"]
    assert [m.text for m in v.find_times("as of 14:05 UTC")] == ["14:05 UTC"]
    assert v.find_times("We are open 9:00-17:00, Monday to Friday.") == []


def test_unix_timestamps():
    assert [m.text for m in v.find_unix_timestamps("ts=1763889243 ")] == ["1763889243"]
    assert [m.text for m in v.find_unix_timestamps("at 1763889243123 ms")] == ["1763889243123"]
    assert v.find_unix_timestamps("order 4711, phone +1 555 0100, total $1234567890") == []
    assert v.find_unix_timestamps("in 2999999999 years") == []


def test_uuid():
    assert [m.text for m in v.find_uuids("Request id: 9f1c2e7a-44b0-4c1e-9d7a-2b8e5f0c6a13\n")] == \
        ["9f1c2e7a-44b0-4c1e-9d7a-2b8e5f0c6a13"]
    assert v.find_uuids("9f1c2e7a-44b0-4c1e-9d7a") == []


def test_hex_and_base64_ids():
    assert [m.text for m in v.find_hex_ids("commit 3e39f97a1b2c4d5e6f708192a3b4c5d6e7f80912")] == \
        ["3e39f97a1b2c4d5e6f708192a3b4c5d6e7f80912"]
    assert v.find_hex_ids("deadbeefdeadbeef is all letters") == []
    assert v.find_hex_ids("call 1234567890123456789") == []
    assert [m.kind for m in v.find_base64_ids("token aGVsbG8gV29ybGQ9PXk4Zm1Bx2Q=")] == ["base64 id"]
    assert v.find_base64_ids("internationalization and CustomerSupportAssistant2") == []


def test_request_ids():
    found = [m.text for m in v.find_request_ids("X-Request-Id: 7f3a9c21b8e4 and req_8hF2kq91Lm")]
    assert "7f3a9c21b8e4" in found and "req_8hF2kq91Lm" in found
    assert [m.text for m in v.find_request_ids("traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")] \
        == ["00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]
    assert v.find_request_ids("request ids are logged; call the tool run_search") == []


def test_emails_and_ips():
    assert [m.text for m in v.find_emails("write to dana.k@example.com today")] == ["dana.k@example.com"]
    assert v.find_emails("use the @mention syntax, e.g. @support") == []
    assert [m.text for m in v.find_ips("client 192.168.10.42 connected")] == ["192.168.10.42"]
    assert [m.text for m in v.find_ips("from 2001:db8::8a2e:370:7334")] == ["2001:db8::8a2e:370:7334"]
    assert v.find_ips("version 1.2.3.4, section 4.2.1, 999.1.1.1") == []
    assert v.find_ips("at 12:30:45") == []


def test_find_volatile_resolves_overlaps_and_masks_ids():
    text = "At 2026-11-23T09:14:03Z request_id=req_8hF2kq91LmZ0pQ from 10.0.0.7"
    got = kinds(text)
    assert got[0] == ("datetime", "2026-11-23T09:14:03Z")
    assert ("ip", "10.0.0.7") in got
    assert all(k != "time" for k, _ in got)  # the time inside the ISO date-time is not reported again
    rid = next(m for m in v.find_volatile(text) if m.kind == "request id")
    assert "req_8hF2kq91LmZ0pQ" not in rid.shown and rid.shown.startswith("req_8h")


def test_static_policy_text_has_no_volatile_literals():
    text = ("You are Juniper, the support assistant. Refunds within 30 days; opening hours 9:00-17:00. "
            "Use the tool `search_orders` (v2.1.0). Prices are in EUR, e.g. 129.90. See section 4.2.")
    assert v.find_volatile(text) == []
