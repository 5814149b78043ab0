"""``pcache diff``: first token divergence, classification, cached tokens for B after A.

Goldens: tiktoken called here, thresholds read from the provider data file, line/column counted here."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from conftest import ROUTING, cacheable
from conftest import common_prefix_len as common


def line_col(text: str, offset: int) -> tuple[int, int]:
    head = text[:offset]
    return head.count("\n") + 1, offset - (head.rfind("\n") + 1) + 1


BASE = "".join(f"Policy {i}: refunds within {i + 10} days; keep the receipt number {i * 13}.\n"
               for i in range(120))


def run_diff(run_cli, a, b, *extra):
    code, out, err = run_cli("diff", a, b, "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_text_divergence_matches_tiktoken(tmp_path, run_cli, o200k):
    ta = BASE + "Customer: Alice asked about order 1.\n"
    tb = BASE + "Customer: Bob asked about order 2.\n"
    (tmp_path / "a.md").write_text(ta, encoding="utf-8")
    (tmp_path / "b.md").write_text(tb, encoding="utf-8")
    d = run_diff(run_cli, tmp_path / "a.md", tmp_path / "b.md")
    ea, eb = o200k.encode(ta), o200k.encode(tb)
    shared = common(ea, eb)
    assert set(d) == {"shared_prefix_tokens", "cached_tokens", "kind", "a", "b"}
    assert set(d["a"]) == set(d["b"]) == {"line", "column", "text"}
    assert d["shared_prefix_tokens"] == shared
    assert d["cached_tokens"] == cacheable(shared) > 0
    assert d["kind"] == "text"
    off = len(o200k.decode(ea[:shared]))
    assert (d["a"]["line"], d["a"]["column"]) == line_col(ta, off)
    assert (d["b"]["line"], d["b"]["column"]) == line_col(tb, off)
    assert d["a"]["text"].lstrip().startswith("Alice") and d["b"]["text"].lstrip().startswith("Bob")


def test_early_divergence_caches_nothing(tmp_path, run_cli, o200k):
    (tmp_path / "a.md").write_text("Date: 2026-11-23\n" + BASE, encoding="utf-8")
    (tmp_path / "b.md").write_text("Date: 2026-11-24\n" + BASE, encoding="utf-8")
    d = run_diff(run_cli, tmp_path / "a.md", tmp_path / "b.md")
    shared = common(o200k.encode("Date: 2026-11-23\n" + BASE), o200k.encode("Date: 2026-11-24\n" + BASE))
    assert d["shared_prefix_tokens"] == shared < ROUTING
    assert d["cached_tokens"] == 0
    assert (d["a"]["line"], d["b"]["line"]) == (1, 1)


@pytest.mark.parametrize("variant, kind", [
    (BASE.replace("\n", "\r\n"), "whitespace"),
    (BASE.replace("Policy 7:", "Policy 7:  \t"), "whitespace"),
    (BASE.replace("keep the receipt number 26", "keep the receipt\u00a0number 26"), "unicode"),
    (BASE.replace("Policy 50", "Policy 5\u200b0"), "unicode"),
    (BASE, "identical"),
])
def test_kinds_on_text(tmp_path, run_cli, variant, kind, o200k):
    (tmp_path / "a.md").write_bytes(BASE.encode("utf-8"))
    (tmp_path / "b.md").write_bytes(variant.encode("utf-8"))
    d = run_diff(run_cli, tmp_path / "a.md", tmp_path / "b.md")
    assert d["kind"] == kind
    shared = common(o200k.encode(BASE), o200k.encode(variant))
    assert d["shared_prefix_tokens"] == shared
    assert d["cached_tokens"] == cacheable(shared)


def test_unicode_nfd_vs_nfc(tmp_path, run_cli):
    import unicodedata

    nfc = BASE + "Café crème.\n"
    (tmp_path / "a.md").write_text(nfc, encoding="utf-8")
    (tmp_path / "b.md").write_text(unicodedata.normalize("NFD", nfc), encoding="utf-8")
    assert run_diff(run_cli, tmp_path / "a.md", tmp_path / "b.md")["kind"] == "unicode"


def _body(args: str) -> dict:
    return {
        "model": "gpt-4o",
        "messages": [
            {"role": "system", "content": BASE},
            {"role": "user", "content": "Where is my order?"},
            {"role": "assistant", "content": None, "tool_calls": [{
                "id": "call_1", "type": "function",
                "function": {"name": "lookup_order", "arguments": args}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "shipped"},
        ],
    }


def test_key_order_in_tool_call_arguments(tmp_path, run_cli):
    a = _body(json.dumps({"order_id": "NW-1", "email": "a@example.com"}))
    b = _body(json.dumps({"email": "a@example.com", "order_id": "NW-1"}))
    (tmp_path / "a.json").write_text(json.dumps(a), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(b), encoding="utf-8")
    d = run_diff(run_cli, tmp_path / "a.json", tmp_path / "b.json")
    assert d["kind"] == "key-order"
    assert 0 < d["shared_prefix_tokens"]
    assert d["cached_tokens"] == cacheable(d["shared_prefix_tokens"])


def test_top_level_key_order_is_identical(tmp_path, run_cli):
    a = _body("{}")
    b = dict(reversed(list(a.items())))
    (tmp_path / "a.json").write_text(json.dumps(a), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(b), encoding="utf-8")
    assert run_diff(run_cli, tmp_path / "a.json", tmp_path / "b.json")["kind"] == "identical"


def test_jsonl_lines(tmp_path, run_cli):
    bodies = [{"model": "gpt-4o", "messages": [{"role": "system", "content": BASE},
                                               {"role": "user", "content": q}]}
              for q in ("first question", "second question", "first question")]
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join(json.dumps(b) for b in bodies) + "\n", encoding="utf-8")
    d = run_diff(run_cli, f"{path}#L1", f"{path}#L3")
    assert d["kind"] == "identical"
    d = run_diff(run_cli, f"{path}#L1", f"{path}#L2")
    assert d["kind"] == "text"
    assert d["a"]["line"] == 1 and d["b"]["line"] == 2
    assert d["a"]["text"].startswith("first") and d["b"]["text"].startswith("second")


def test_text_rendering(tmp_path, o200k):
    from pcache.analyzers.diff import diff_tokenized
    from pcache.analyzers.pick import pick
    from pcache.analyzers.providers.registry import cache_model_for
    from pcache.analyzers.tokenizer import tokenize_prompts
    from pcache.cli.render.diff import STYLE_A, STYLE_B, render_diff_text

    (tmp_path / "a.md").write_text("Date: 2026-11-23\n" + BASE, encoding="utf-8")
    (tmp_path / "b.md").write_text("Date: 2026-11-24\n" + BASE, encoding="utf-8")
    ta, tb = tokenize_prompts([pick(str(tmp_path / "a.md")).prompt, pick(str(tmp_path / "b.md")).prompt],
                              o200k)
    d = diff_tokenized(ta, tb, cache_model_for("gpt-4o"), "gpt-4o")
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor")
    render_diff_text(d, ta, tb, console)
    text = console.export_text(clear=False)
    assert "B reads 0 cached tokens after A" in text
    assert "routing window" in text
    assert "kind: text" in text
    styled = console.export_text(styles=True)
    from rich.style import Style

    for style in (STYLE_A, STYLE_B):
        assert f"\x1b[{Style.parse(style)._make_ansi_codes(console.color_system)}m" in styled


def test_errors(tmp_path, run_cli):
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    code, out, err = run_cli("diff", tmp_path / "a.md", tmp_path / "nope.md")
    assert code == 2 and err.startswith("pcache: error:") and "Traceback" not in err
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    code, out, err = run_cli("diff", tmp_path / "a.md", tmp_path / "bad.json")
    assert code == 2 and "bad.json" in err and "Traceback" not in err


def _tool(name: str, description: str) -> dict:
    return {"type": "function", "function": {"name": name, "description": description, "parameters": {
        "type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}}}


@pytest.mark.parametrize("second, kind", [
    ([_tool("track_parcel", "Where a parcel is."), _tool("lookup_order", "An order by id.")], "tool-order"),
    ([_tool("track_parcel", "Where a parcel is now."), _tool("lookup_order", "An order by id.")], "text"),
])
def test_tool_reorder_is_named_tool_order(tmp_path, run_cli, second, kind):
    first = [_tool("lookup_order", "An order by id."), _tool("track_parcel", "Where a parcel is.")]
    for name, tools in (("a", first), ("b", second)):
        body = {"model": "gpt-4o", "tools": tools,
                "messages": [{"role": "system", "content": BASE}, {"role": "user", "content": "Hi"}]}
        (tmp_path / f"{name}.json").write_text(json.dumps(body), encoding="utf-8")
    d = run_diff(run_cli, tmp_path / "a.json", tmp_path / "b.json")
    assert d["kind"] == kind
    assert d["cached_tokens"] == cacheable(d["shared_prefix_tokens"])
