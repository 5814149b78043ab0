"""``pcache show``: markers, verdict and the terminal rendering itself.

Goldens: token counts from tiktoken called here, thresholds read from the provider data file here,
arithmetic done here."""

from __future__ import annotations

import json
import re

import pytest
from rich.console import Console
from rich.style import Style

from conftest import MINIMUM, ROUTING, STEP, cacheable


def body_text(lines: int) -> str:
    return "".join(f"Rule {i}: answer politely and cite the policy section number {i * 7}.\n"
                   for i in range(lines))


@pytest.fixture
def bad_template(tmp_path, o200k):
    """A Jinja template with the date first, then ~2,000 static tokens."""
    static = body_text(130)
    n = len(o200k.encode(static))
    assert 10 < n % STEP < STEP - 10  # far from a step boundary: the last piece cannot change the answer
    path = tmp_path / "bad.j2"
    path.write_text("Today is {{ today }}.\n" + static, encoding="utf-8")
    return path, static


def _prompt(path):
    from pcache.analyzers.pick import pick

    return pick(str(path)).prompt


def _tokenized(path, model="gpt-4o"):
    from pcache.analyzers.markers import verdict
    from pcache.analyzers.providers.registry import cache_model_for
    from pcache.analyzers.scan import tokenize_corpus

    (tp,), _ = tokenize_corpus([_prompt(path)], model)
    return tp, verdict(tp, cache_model_for(model))


def test_markers_come_from_the_data_file(tmp_path, o200k):
    from pcache.analyzers.markers import markers
    from pcache.analyzers.providers.registry import cache_model_for

    n = 1900
    ms = markers(cache_model_for("gpt-4o"), 2500, n)
    by_kind = {}
    for m in ms:
        by_kind.setdefault(m.kind, []).append(m.token)
    assert by_kind["routing"] == [ROUTING]
    assert by_kind["minimum"] == [MINIMUM]
    assert by_kind["stop"] == [cacheable(n)]
    expected_steps = [t for t in range(MINIMUM + STEP, n + 1, STEP) if t != cacheable(n)]
    assert by_kind["step"] == expected_steps
    assert [m.token for m in ms] == sorted(m.token for m in ms)


def test_short_static_prefix_stops_at_the_variable(tmp_path):
    from pcache.analyzers.markers import markers
    from pcache.analyzers.providers.registry import cache_model_for

    ms = markers(cache_model_for("gpt-4o"), 3000, 40)
    assert [m.kind for m in ms] == ["stop", "routing", "minimum"]
    assert ms[0].token == 40


def test_verdict_prices_the_first_variable(bad_template, o200k):
    path, static = bad_template
    tp, v = _tokenized(path)
    total = len(o200k.encode("Today is ")) + len(o200k.encode("{{ today }}.\n" + static)) - 0
    assert v.tokens == len(tp) == len(o200k.encode(tp.text))
    assert v.cacheable_tokens == 0
    # Moving the variable after the static text: cacheable(tokens of the static text).
    static_only = "Today is .\n" + static
    expected = cacheable(len(o200k.encode(static_only)))
    assert v.lost_cached_tokens == expected > 0
    # `today` changes once a day: the cost is paid on the first request of each day
    assert v.variable_class == "per-day"
    assert v.line == (f"0 of {len(tp):,} tokens cacheable: `{{{{ today }}}}` (per-day) at token "
                      f"{v.variable_token:,} costs {expected:,} cached tokens on the first request of each day "
                      f"(per routing shard)")
    assert total > 0


def test_verdict_without_variables(tmp_path, o200k):
    text = body_text(120)
    path = tmp_path / "plain.md"
    path.write_text(text, encoding="utf-8")
    tp, v = _tokenized(path)
    n = len(o200k.encode(text))
    assert v.cacheable_tokens == cacheable(n)
    assert v.line.startswith(f"{cacheable(n):,} of {n:,} tokens cacheable: all static")


def _record(width=100):
    return Console(record=True, width=width, force_terminal=True, color_system="truecolor",
                   highlight=False, soft_wrap=False)


def test_rendering_shows_markers_variable_and_verdict(bad_template):
    from pcache.cli.render.show import STYLE_STATIC, STYLE_VARIABLE, render_show_text, show_lines

    path, _ = bad_template
    tp, v = _tokenized(path)
    console = _record()
    render_show_text(tp, v, console, model="gpt-4o")
    text = console.export_text(clear=False)
    assert f"⟦{ROUTING:,} routing window⟧" in text
    assert f"⟦{MINIMUM:,} minimum⟧" in text
    assert "⟦caching stops:" in text
    assert "verdict: 0 of" in text and "on the first request of each day" in text
    assert "{{ today }}  per-day, by its name" in text  # every variable labelled with its class
    # Colours: the variable is drawn bold black on yellow, the static text after it is not green.
    styled = console.export_text(styles=True)
    var_sgr = Style.parse(STYLE_VARIABLE)._make_ansi_codes(console.color_system)
    assert f"\x1b[{var_sgr}m{{{{ today }}}}" in styled
    rows = show_lines(tp, v)
    first_text = next(t for ln, t in rows if "{{ today }}" in t.plain)
    start = first_text.plain.index("{{ today }}")
    styles = {str(s.style) for s in first_text.spans if s.start <= start < s.end}
    assert STYLE_VARIABLE in styles
    later = next(t for ln, t in rows if t.plain.startswith("Rule 0:"))
    assert not any(str(s.style) == STYLE_STATIC for s in later.spans)


def test_static_prefix_is_green(tmp_path):
    from pcache.cli.render.show import STYLE_STATIC, show_lines

    path = tmp_path / "good.j2"
    path.write_text(body_text(130) + "Today is {{ today }}.\n", encoding="utf-8")
    tp, v = _tokenized(path)
    rows = show_lines(tp, v, fold=False)
    first = rows[0][1]
    assert any(str(s.style) == STYLE_STATIC and s.start == 0 for s in first.spans)
    assert rows[0][0] == 1  # gutter: the file's line number


def test_long_static_stretches_fold(bad_template, o200k):
    from pcache.cli.render.show import show_lines

    path, static = bad_template
    tp, v = _tokenized(path)
    folded = show_lines(tp, v)
    full = show_lines(tp, v, fold=False)
    assert len(full) == tp.text.count("\n") + 1
    assert len(folded) < len(full) // 2
    notes = [t.plain for ln, t in folded if ln is None]
    assert notes and all(re.match(r"⋯ [\d,]+ lines folded \(tokens [\d,]+–[\d,]+", n) for n in notes)
    # Every non-step marker stays visible.
    shown = "".join(t.plain for _, t in folded)
    for m in v.markers:
        if m.kind != "step":
            assert m.label in shown


def test_tokens_alternate_backgrounds(tmp_path, o200k):
    from pcache.cli.render.show import TOKEN_BACKGROUNDS, show_lines

    path = tmp_path / "t.md"
    text = "Hello world, this is a short prompt."
    path.write_text(text, encoding="utf-8")
    tp, v = _tokenized(path)
    (ln, line), = show_lines(tp, v, show_tokens=True)
    spans = [s for s in line.spans if str(s.style) in TOKEN_BACKGROUNDS]
    expected = [o200k.decode([t]) for t in o200k.encode(text)]
    assert [line.plain[s.start:s.end] for s in spans] == expected
    assert [str(s.style) for s in spans] == [TOKEN_BACKGROUNDS[i % 2] for i in range(len(expected))]


def test_cli_json_and_quiet(bad_template, run_cli, o200k):
    path, _ = bad_template
    code, out, err = run_cli("show", path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["tokens"] == len(o200k.encode(data and _prompt(path).text))
    assert data["first_variable"]["name"] == "today"
    assert data["first_variable"]["line"] == 1
    assert data["cost"]["lost_cached_tokens"] > 0
    assert {m["kind"] for m in data["markers"]} >= {"routing", "minimum", "stop"}
    code, out, err = run_cli("show", path, "--quiet")
    assert code == 0 and out.count("\n") <= 3 and out.startswith("verdict:")
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_cli_picks_a_jsonl_line(tmp_path, run_cli):
    lines = [{"model": "gpt-4o", "messages": [{"role": "user", "content": f"question number {i}"}]}
             for i in range(1, 4)]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    code, out, err = run_cli("show", f"{path}#L2", "--no-color", "--width", "120")
    assert code == 0, err
    assert "question number 2" in out and "question number 1" not in out
    code, out, err = run_cli("show", f"{path}#L9")
    assert code == 2 and "no prompt #L9" in err and "Traceback" not in err


def test_cli_errors_are_one_line(run_cli, tmp_path):
    code, out, err = run_cli("show", tmp_path / "missing.md")
    assert code == 2
    assert err.startswith("pcache: error:") and "Traceback" not in err
    code, out, err = run_cli("show", tmp_path / "x.md", "--model", "no-such-model")
    assert code == 2


def test_no_color_env(monkeypatch):
    from pcache.cli.common import stdout_console

    monkeypatch.setenv("NO_COLOR", "1")
    assert stdout_console().no_color


def test_json_first_variable_token_is_one_number(tmp_path, run_cli, o200k):
    """The first variable is at one token in ``show --format json``: ``first_variable.token``, its entry in
    ``variables`` and ``static_prefix_tokens`` agree, and that count is tiktoken's over the text before the
    variable less at most the piece a value could join (the line break before ``{today}``)."""
    head = "You are a helpful assistant. Read the notes below with care before you answer.\n"
    path = tmp_path / "t.txt"
    path.write_text(head + "{today}\nMore static text follows here.\n", encoding="utf-8")
    code, out, err = run_cli("show", str(path), "--format", "json", "--syntax", "format")
    assert code == 0, err
    data = json.loads(out)
    fv, first = data["first_variable"], data["variables"][0]
    assert first["name"] == fv["name"] == "today"
    assert first["token"] == fv["token"] == data["static_prefix_tokens"]
    assert len(o200k.encode(head)) - 1 <= fv["token"] <= len(o200k.encode(head))
