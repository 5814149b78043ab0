"""Small detectors for literals that change from request to request (dates, ids, addresses...).

Each detector is a function ``text -> list[Volatile]`` that can be tested on its own; ``find_volatile``
runs them all and keeps the earliest, longest non-overlapping matches.  They look for values an
application injects per request, so they are deliberately strict: a version number, a price, an
opening time ("9:00") or a section number must not match.

Ids are shown masked (``shown``): a prompt may hold a secret, and findings are printed and uploaded.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Volatile:
    kind: str  # "date", "datetime", "time", "timestamp", "uuid", "hex id", "base64 id", "request id", "email", "ip"
    start: int  # character offsets in the text searched
    end: int
    text: str

    @property
    def shown(self) -> str:
        """The literal as safe to print: long ids are cut (they may be secrets)."""
        if self.kind in ("hex id", "base64 id", "request id") and len(self.text) > 12:
            return f"{self.text[:6]}\u2026 ({len(self.text)} chars)"
        return self.text


_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"

# Boundaries: not glued to other digits, letters or dots/dashes that would make it a version or a longer id.
_L = r"(?<![\w.\-/:])"
_R = r"(?![\w\-/]|\.\d)"

_ISO = re.compile(
    _L + r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
    r"(?:(?P<t>[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?)(?P<z>Z|[+-][0-2]\d:?[0-5]\d|\s?UTC)?)?" + _R)
_SLASH_DATE = re.compile(_L + r"(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d\d)" + _R)
_YMD_SLASH = re.compile(_L + r"(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)" + _R)
_WORD_DATE = re.compile(
    r"(?i)\b(?:(?:" + _DAYS + r"),?\s+)?"
    r"(?:(?:" + _MONTHS + r")\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTHS + r")\.?,?\s+(?:19|20)\d\d)"
    r"(?:,?\s+(?:at\s+)?[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?:\s?[ap]\.?m\.?)?(?:\s?(?:UTC|GMT|Z|[+-]\d{4}))?)?\b")
# A clock time with seconds ("09:14:03") or with a zone ("14:05 UTC"): "9:00" alone is an opening hour.
_TIME = re.compile(_L + r"[0-2]?\d:[0-5]\d(?::[0-5]\d(?:[.,]\d{1,6})?(?:\s?[ap]\.?m\.?)?(?:\s?(?:UTC|GMT|Z))?"
                   r"|\s?(?:UTC|GMT)\b)" + _R, re.I)
_UNIX = re.compile(r"(?<![\w.\-/:$€£,])(?P<n>1[0-9]{9}(?:[0-9]{3}(?:[0-9]{3})?)?)(?:\.\d+)?(?![\w\-/,]|\.\d)")
_UUID = re.compile(r"(?i)(?<![0-9a-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-z])")
_HEX = re.compile(r"(?i)(?<![0-9a-z_\-])(?:0x)?[0-9a-f]{16,}(?![0-9a-z_\-])")
# Ids are short; a longer run of base64 is an embedded file or image (content, not an id).
_B64 = re.compile(r"(?<![A-Za-z0-9_\-+/])[A-Za-z0-9_\-+/]{20,200}={0,2}(?![A-Za-z0-9_\-+/=])")
_PREFIXED_ID = re.compile(
    r"(?<![A-Za-z0-9])(?:req|request|trace|span|sess|session|corr|chatcmpl|resp|run|msg|call|evt|txn|job)"
    r"[_\-](?=[A-Za-z0-9_\-]*\d)[A-Za-z0-9_\-]{8,}(?![A-Za-z0-9_\-])")
_LABELLED_ID = re.compile(
    r"(?i)\b(?:x-)?(?:request|trace|span|correlation|session|conversation|transaction)[ _\-]?id"
    r"[\"']?\s*[:=]\s*[\"']?(?P<v>[A-Za-z0-9][A-Za-z0-9_\-.:]{5,})")
_TRACEPARENT = re.compile(r"(?i)\b[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\b")
_EMAIL = re.compile(r"(?i)(?<![\w.+\-])[a-z0-9][a-z0-9._%+\-]*@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
                    r"(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,}\b")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
_WORDY = re.compile(r"[A-Z]?[a-z]{3,}|[A-Z]{2,}(?![a-z])")
# Cheap pre-checks: each is a necessary part of every match of a detector, mostly starting with a literal
# character (so ``re`` skips to it at C speed); a text without it cannot hold what the detector finds.
_YEAR = re.compile(r"(?:19|20)\d\d")  # in every date pattern
_PRE_ISO = re.compile(r"-[01]\d-")
_PRE_TIME = re.compile(r":[0-5]\d")
_PRE_UNIX = re.compile(r"1\d{9}")
_PRE_UUID = re.compile(r"-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-")
_PRE_HEX = re.compile(r"[0-9a-fA-F]{16}")
_PRE_B64 = re.compile(r"[A-Za-z0-9_\-+/]{20}")
_PRE_LABELLED = re.compile(r"[dD][\"']?\s*[:=]")
_PRE_PREFIXED = re.compile(r"[_\-][A-Za-z0-9_\-]*\d")
_PRE_TRACEPARENT = re.compile(r"-[0-9a-fA-F]{32}-")
_PRE_IPV4 = re.compile(r"\.\d{1,3}\.\d")
_PRE_IPV6 = re.compile(r":[0-9A-Fa-f]{0,4}:")


def _has_year(text: str) -> bool:
    return ("19" in text or "20" in text) and _YEAR.search(text) is not None
_VERSION_BEFORE = re.compile(r"(?i)(?:\bv|version|release|build)\s*$")


def _valid_md(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _matches(pattern: re.Pattern, text: str, pre: re.Pattern):
    """The matches of ``pattern`` in ``text``; none when its cheap pre-check ``pre`` finds nothing."""
    return pattern.finditer(text) if pre.search(text) else ()


def _literal(kind: str, m: re.Match) -> Volatile:
    return Volatile(kind, m.start(), m.end(), m.group())


def find_iso_dates(text: str) -> list[Volatile]:
    """``2026-11-23``, ``2026-11-23T09:14:03Z``, ``2026-11-23 09:14:03.123+01:00``."""
    if not _has_year(text):
        return []
    return [_literal("datetime" if m["t"] else "date", m) for m in _matches(_ISO, text, _PRE_ISO)
            if _valid_md(int(m["m"]), int(m["d"]))]


def find_common_dates(text: str) -> list[Volatile]:
    """``11/23/2026``, ``23.11.2026``, ``2026/11/23``, ``November 23, 2026``, ``Mon, 23 Nov 2026 09:14:03 GMT``."""
    out = []
    if not _has_year(text):
        return out  # every pattern below holds a year
    for m in _SLASH_DATE.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if _valid_md(a, b) or _valid_md(b, a):
            out.append(_literal("date", m))
    for m in _YMD_SLASH.finditer(text):
        if _valid_md(int(m["m"]), int(m["d"])):
            out.append(_literal("date", m))
    for m in _WORD_DATE.finditer(text):
        out.append(_literal("datetime" if ":" in m.group() else "date", m))
    return out


def find_times(text: str) -> list[Volatile]:
    """Clock times precise to the second (``09:14:03``) or with a zone (``14:05 UTC``)."""
    return [_literal("time", m) for m in _matches(_TIME, text, _PRE_TIME) if int(m.group().split(":")[0]) <= 24]


def find_unix_timestamps(text: str) -> list[Volatile]:
    """Unix times in seconds, milliseconds or microseconds between 2001 and 2033 (``1763889243``)."""
    return [_literal("timestamp", m) for m in _matches(_UNIX, text, _PRE_UNIX)
            if 1_000_000_000 <= int(m["n"][:10]) <= 2_000_000_000]


def find_uuids(text: str) -> list[Volatile]:
    return [_literal("uuid", m) for m in _matches(_UUID, text, _PRE_UUID)]


def find_hex_ids(text: str) -> list[Volatile]:
    """Hex strings of 16+ digits mixing letters and digits (hashes, trace ids, object ids)."""
    out = []
    for m in _matches(_HEX, text, _PRE_HEX):
        body = m.group().lower().removeprefix("0x")
        if re.search(r"\d", body) and re.search(r"[a-f]", body):
            out.append(_literal("hex id", m))
    return out


def find_base64_ids(text: str) -> list[Volatile]:
    """Tokens of 20+ base64/base64url characters mixing upper case, lower case and digits."""
    out = []
    for m in _matches(_B64, text, _PRE_B64):
        s = m.group()
        if "/" in s and not re.search(r"[+=]", s) and s.count("/") >= 2:
            continue  # a path such as docs/api/v2/Reference1
        if re.search(r"[A-Z]", s) and re.search(r"[a-z]", s) and re.search(r"\d", s):
            # ``CamelCaseIdentifier2`` is code, not an id: mostly made of word-like runs
            wordy = sum(len(w) for w in _WORDY.findall(s))
            if wordy < len(s) * 0.6:
                out.append(Volatile("base64 id", m.start(), m.end(), s))
    return out


def find_request_ids(text: str) -> list[Volatile]:
    """``request_id: abc123...``, ``X-Trace-Id=...``, ``req_8hF2kq91``, ``chatcmpl-...``, W3C traceparent."""
    out = []
    for m in _matches(_LABELLED_ID, text, _PRE_LABELLED):
        v = m["v"].rstrip(".:")
        if re.search(r"\d", v):
            out.append(Volatile("request id", m.start("v"), m.start("v") + len(v), v))
    out.extend(_literal("request id", m) for m in _matches(_PREFIXED_ID, text, _PRE_PREFIXED))
    out.extend(_literal("request id", m) for m in _matches(_TRACEPARENT, text, _PRE_TRACEPARENT))
    return out


def find_emails(text: str) -> list[Volatile]:
    if "@" not in text:
        return []
    return [_literal("email", m) for m in _EMAIL.finditer(text)]


def find_ips(text: str) -> list[Volatile]:
    """IPv4 (not after "v"/"version") and IPv6 addresses."""
    out = []
    for m in _matches(_IPV4, text, _PRE_IPV4):
        if _VERSION_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            continue
        try:
            ipaddress.IPv4Address(m.group())
        except ValueError:
            continue
        out.append(_literal("ip", m))
    for m in _matches(_IPV6, text, _PRE_IPV6):
        s = m.group()
        if s.count(":") < 2 or re.fullmatch(r"[0-9:]+", s) and "::" not in s:
            continue  # 12:30:45 is a time
        try:
            ipaddress.IPv6Address(s)
        except ValueError:
            continue
        out.append(Volatile("ip", m.start(), m.end(), s))
    return out


DETECTORS = (
    find_iso_dates, find_common_dates, find_unix_timestamps, find_uuids, find_request_ids,
    find_emails, find_ips, find_times, find_hex_ids, find_base64_ids,
)


def _find_volatile(text: str, detectors=DETECTORS) -> list[Volatile]:
    found: list[tuple[int, int, int, Volatile]] = []
    for rank, detect in enumerate(detectors):
        for v in detect(text):
            found.append((v.start, -(v.end - v.start), rank, v))
    if not found:
        return []
    found.sort(key=lambda x: x[:3])
    out: list[Volatile] = []
    end = -1
    for start, _neg, _rank, v in found:
        if start >= end:
            out.append(v)
            end = v.end
    return out


# Characters no detector consumes and no lookaround of a detector looks for (they are neither word
# characters, nor white space, nor in any character class above): a literal never spans one, and the
# text on one side of one does not change what is found on the other.  Splitting there and searching
# each piece on its own finds exactly what a search of the whole text finds, and the pieces repeat a
# lot (system prompts, tools, the chat framing ``<|im_start|>``), so each distinct piece is searched once.
# Two levels: the text is cut at "<" (the chat framing: about one piece per message, cheap to look up
# whole), a piece not seen yet at every separator (JSON and code in tools and prompts).
_SEPARATORS = re.compile(r"[<>|{}\[\]()]")
_CACHE_CHARS = 64_000_000  # bound on the characters the caches keep (then they start over)


class _PieceCache:
    def __init__(self, find):
        self.find = find
        self.memo: dict[str, tuple[Volatile, ...]] = {}
        self.chars = 0

    def get(self, piece: str) -> tuple[Volatile, ...]:
        hit = self.memo.get(piece)
        if hit is None:
            hit = tuple(self.find(piece))
            self.chars += len(piece)
            if self.chars > _CACHE_CHARS:
                self.memo.clear()
                self.chars = len(piece)
            self.memo[piece] = hit
        return hit

    def clear(self) -> None:
        self.memo.clear()
        self.chars = 0


def _shifted(out: list[Volatile], hits: tuple[Volatile, ...], offset: int) -> None:
    if offset:
        out.extend(Volatile(v.kind, v.start + offset, v.end + offset, v.text) for v in hits)
    else:
        out.extend(hits)


def _find_in_pieces(pieces: list[str], cache: _PieceCache) -> list[Volatile]:
    """What ``cache`` finds in each piece, at its offset in the text the pieces were split from (at
    single-character separators)."""
    out: list[Volatile] = []
    offset = 0
    get = cache.get
    for piece in pieces:
        if piece:
            hits = get(piece)
            if hits:
                _shifted(out, hits, offset)
        offset += len(piece) + 1
    return out


def _find_split(text: str) -> list[Volatile]:
    return _find_in_pieces(_SEPARATORS.split(text), _fine)


_fine = _PieceCache(_find_volatile)
_coarse = _PieceCache(_find_split)


def clear_cache() -> None:
    _fine.clear()
    _coarse.clear()


def find_volatile(text: str, detectors=DETECTORS) -> list[Volatile]:
    """All volatile literals in ``text``, earliest first, overlaps resolved in favour of the longer
    (then the more specific: the detector listed first)."""
    if detectors is not DETECTORS:
        return _find_volatile(text, detectors)
    return _find_in_pieces(text.split("<"), _coarse)
