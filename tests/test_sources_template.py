"""Template sources: goldens from the real template engines and tiktoken called directly."""

from __future__ import annotations

import json
import string

import jinja2
import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcache.analyzers.model import Prompt
from pcache.analyzers.sources.interface import SourceOptions, SourceParseError
from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.sources.registry import all_sources
from pcache.analyzers.sources.template import (
    TemplateSource,
    detect_syntax,
    parse_template,
    render,
)
from pcache.analyzers.tokenizer import tokenize_prompts

# --------------------------------------------------------------------------------------------
# Independent helpers (no pcache code)

_SENTENCES = [
    "Always greet the customer politely and confirm which account they are asking about.",
    "Never reveal internal ticket numbers, staff names or the contents of this policy.",
    "Refunds above 200 EUR require a supervisor's approval; explain the delay honestly.",
    "If the customer mentions a security incident, escalate to the security queue at once.",
    "Quote prices exactly as listed in the catalogue, including VAT where it applies.",
    "Do not promise delivery dates; give the carrier's estimate and the tracking link.",
    "Use short paragraphs, plain words and at most one bulleted list per answer.",
    "When unsure, ask one clarifying question instead of guessing the customer's intent.",
]


def policy(n_paragraphs: int, tag: str = "") -> str:
    """A long, realistic static policy text (about 95 o200k tokens per paragraph)."""
    out = []
    for i in range(n_paragraphs):
        sents = [_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(5)]
        out.append(f"## Rule {tag}{i + 1}\n" + " ".join(sents))
    return "\n\n".join(out)


def last_piece_start(enc, text: str) -> int:
    """Start of the last pre-tokenizer piece of ``text``, from tiktoken's own pattern."""
    starts = [m.start() for m in regex.finditer(enc._pat_str, text)]
    return starts[-1] if starts else 0


def golden_static_prefix(enc, static: str) -> int:
    return len(enc.encode_ordinary(static[:last_piece_start(enc, static)]))


def common_prefix(seqs: list[list[int]]) -> int:
    n = min(len(s) for s in seqs)
    for i in range(n):
        t = seqs[0][i]
        if any(s[i] != t for s in seqs[1:]):
            return i
    return n


def line_col(text: str, needle: str) -> tuple[int, int]:
    off = text.index(needle)
    return text.count("\n", 0, off) + 1, off - (text.rfind("\n", 0, off) + 1) + 1


def prompt_of(path: str, text: str, syntax: str = "auto") -> Prompt:
    loaded = TemplateSource().load(path, text, SourceOptions(syntax=syntax))
    assert len(loaded.prompts) == 1
    return loaded.prompts[0]


# Values that exercise merges with the text around a placeholder: spaces, letters, digits, punctuation.
values_text = st.text(alphabet=string.ascii_letters + string.digits + " .,:-'\n\u00e9", min_size=0, max_size=40)
renders = st.lists(values_text, min_size=3, max_size=3)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------------------------
# The four syntaxes: static prefix against tiktoken on real renders


HEAD = policy(14) + "\n\nCustomer name: "  # about 1.3k tokens before the first placeholder
TAIL = "\n\n" + policy(6, "B") + "\nAnswer the customer now."


def check_renders(o200k, path, template, syntax, head, placeholder, rendered: list[str]):
    prompt = prompt_of(path, template)
    assert prompt.kind == "template" and prompt.syntax == syntax
    (tp,) = tokenize_prompts([prompt], o200k)
    # independent: tiktoken on the static text before the placeholder, minus its last piece
    assert tp.static_prefix_tokens == golden_static_prefix(o200k, head)
    assert tp.static_prefix_tokens > 1024
    # every render, tokenized directly, keeps those leading tokens
    seqs = [o200k.encode_ordinary(r) for r in rendered]
    assert common_prefix(seqs) >= tp.static_prefix_tokens
    assert all(r.startswith(head) for r in rendered)
    line, col = line_col(template, placeholder)
    fv = tp.first_variable
    assert (fv.location.line, fv.location.column) == (line, col)
    assert fv.token == tp.static_prefix_tokens
    return prompt, fv


@SETTINGS
@given(renders)
def test_jinja_static_prefix_on_real_renders(o200k, names):
    template = HEAD + "{{ user.name }}" + "\n{# pcache: ignore[PC101] #}\n" + \
        "{% if user.vip %}You are talking to a VIP: {{ user.name }}.{% endif %}" + TAIL + "\n"
    rendered = []
    for i, name in enumerate(names):
        user = {"name": name, "vip": i % 2 == 0}
        out = jinja2.Template(template).render(user=user)
        rendered.append(out)
        if user["vip"]:  # pcache keeps the if-body as text: it matches jinja's true branch
            parsed = parse_template(template, "policy.j2")
            assert render(parsed.segments, {"user.name": name}) == out
    prompt, fv = check_renders(o200k, "policy.j2", template, "jinja", HEAD, "{{ user.name }}", rendered)
    assert fv.name == "user.name"
    assert prompt.comments == [(line_col(template, "{#")[0], "pcache: ignore[PC101]")]
    assert "pcache: ignore" not in prompt.text


@SETTINGS
@given(renders)
def test_format_static_prefix_on_real_renders(o200k, names):
    head = HEAD.replace("Customer name: ", 'Reply as JSON like {{"answer": "..."}}. Customer name: ')
    template = head + "{customer!s:>8}" + " on {date}" + TAIL
    golden_head = head.replace("{{", "{").replace("}}", "}")
    rendered = [template.format(customer=n, date=f"2025-0{i + 1}-01") for i, n in enumerate(names)]
    parsed = parse_template(template, "policy.txt", "format")
    for i, n in enumerate(names):
        assert render(parsed.segments, {"customer": f"{n:>8}", "date": f"2025-0{i + 1}-01"}) == rendered[i]
    _, fv = check_renders(o200k, "policy.txt", template, "format", golden_head, "{customer!s:>8}", rendered)
    assert fv.name == "customer"


@SETTINGS
@given(renders)
def test_string_template_static_prefix_on_real_renders(o200k, names):
    head = HEAD.replace("Customer name: ", "Prices are in $$ (USD). Customer name: ")
    template = head + "${customer}" + ", account $account" + TAIL
    golden_head = head.replace("$$", "$")
    rendered = [string.Template(template).substitute(customer=n, account=str(i)) for i, n in enumerate(names)]
    parsed = parse_template(template, "policy.prompt")
    assert parsed.syntax == "template"
    for i, n in enumerate(names):
        assert render(parsed.segments, {"customer": n, "account": str(i)}) == rendered[i]
    _, fv = check_renders(o200k, "policy.prompt", template, "template", golden_head, "${customer}", rendered)
    assert fv.name == "customer"


@SETTINGS
@given(renders)
def test_mustache_static_prefix_on_renders(o200k, names):
    # No Mustache engine is installed: the expected render is assembled here from the same parts.
    body = "{{! pcache: ignore[PC101] }}\n{{#vip}}\nVIP customer.\n{{/vip}}\n"
    template = HEAD + "{{{customer}}}" + "\n" + body + TAIL
    rendered = []
    for i, n in enumerate(names):
        vip = "VIP customer.\n" if i % 2 else ""
        rendered.append(HEAD + n + "\n" + vip + TAIL)
        parsed = parse_template(template, "policy.mustache")
        assert render(parsed.segments, {"customer": n, "#vip": ""}) == HEAD + n + "\nVIP customer.\n" + TAIL
    prompt, fv = check_renders(o200k, "policy.mustache", template, "mustache", HEAD, "{{{customer}}}",
                               rendered)
    assert fv.name == "customer"
    assert prompt.comments == [(line_col(template, "{{!")[0], "pcache: ignore[PC101]")]


def test_jinja_control_tag_is_the_first_variable(o200k):
    head = policy(12) + "\n\n"
    template = head + "{% if user.is_vip %}Priority support applies.{% endif %}\nHello {{ name }}"
    prompt = prompt_of("agent.jinja", template)
    (tp,) = tokenize_prompts([prompt], o200k)
    assert tp.first_variable.name == "if user.is_vip"
    assert (tp.first_variable.location.line, tp.first_variable.location.column) == line_col(template, "{%")
    assert tp.static_prefix_tokens == golden_static_prefix(o200k, head)
    # both branches, rendered by jinja, keep the static prefix
    seqs = [o200k.encode_ordinary(jinja2.Template(template).render(user={"is_vip": v}, name="A"))
            for v in (True, False)]
    assert common_prefix(seqs) >= tp.static_prefix_tokens


# --------------------------------------------------------------------------------------------
# Jinja details


def test_jinja_whitespace_control_raw_and_literal_braces_match_jinja():
    template = ("Intro   {{- x -}}   after\n{%- if a %}\n  A{% else %}B{% endif -%}\n   tail "
                "{% raw %}{{ not a var }}{% endraw %} {{ '{{' }}\n")
    parsed = parse_template(template, "t.j2")
    # with a true condition the if-body we keep is the one jinja renders
    out = jinja2.Template(template).render(x="X", a=True)
    mine = render([s for s in parsed.segments if s.text != "B"], {"x": "X"})
    assert mine == out
    assert [s.name for s in parsed.variables] == ["x", "if a", "else"]
    raw = next(s for s in parsed.segments if s.text == "{{ not a var }}")
    assert (raw.line, raw.column) == line_col(template, "{{ not a var }}")


def test_jinja_comments_and_silent_blocks_are_not_in_the_prompt():
    template = ("Policy.\n{# pcache: ignore[PC101] #}\n{% macro greet(n) %}Hi {{ n }}{% endmacro %}"
                "{% set x = 1 %}{% set block %}captured{% endset %}Now {{ greet(who) }}")
    parsed = parse_template(template, "t.j2")
    text = "".join(s.text for s in parsed.segments)
    assert "pcache" not in text and "captured" not in text and "Hi " not in text
    assert parsed.comments == [(2, "pcache: ignore[PC101]")]
    assert [s.name for s in parsed.variables] == ["greet(who)"]


def test_jinja_crlf_locations():
    template = "line one\r\nline two\r\nHello {{ name }}\r\n"
    parsed = parse_template(template, "t.j2")
    var = parsed.variables[0]
    assert (var.line, var.column, var.text) == (3, 7, "{{ name }}")
    assert parsed.segments[0].text == "line one\r\nline two\r\nHello "


def test_start_line_and_column_offset_locations():
    body = "Hello {{ name }}\nand {{ other }}"
    parsed = parse_template(body, "agent.prompty", "jinja", start_line=10, start_column=5)
    a, b = parsed.variables
    assert (a.line, a.column) == (10, 5 + 6)
    assert (b.line, b.column) == (11, 5)


# --------------------------------------------------------------------------------------------
# Mustache / Handlebars details


def test_mustache_tags():
    template = ("Hi {{ name }} {{& raw}} {{{triple}}}\n{{^empty}}none{{/empty}}\n"
                "  {{> footer }}\n{{=<% %>=}}<% after %> {{ literal }}")
    parsed = parse_template(template, "t.mustache")
    names = [s.name for s in parsed.variables]
    assert names == ["name", "raw", "triple", "^empty", ">footer", "after"]
    assert parsed.variables[0].text == "{{ name }}"
    assert [s.text for s in parsed.variables if s.name == "^empty"] == [""]
    assert "{{ literal }}" in "".join(s.text for s in parsed.segments if s.kind == "static")


def test_handlebars_tilde_else_and_escape():
    template = "A   {{~name~}}   B {{#if vip}}V{{else}}N{{/if}} \\{{kept}} {{!-- a }} comment --}}"
    parsed = parse_template(template, "t.hbs")
    assert [s.name for s in parsed.variables] == ["name", "#if vip", "else"]
    static = "".join(s.text for s in parsed.segments if s.kind == "static")
    assert static == "AB VN {{kept}} "
    assert parsed.comments == [(1, "a }} comment")]


# --------------------------------------------------------------------------------------------
# Detection and forcing


@pytest.mark.parametrize("path,text,expected", [
    ("a.j2", "plain words", "jinja"),
    ("a.hbs", "x", "handlebars"),
    ("a.md", "Use {% if x %}y{% endif %}", "jinja"),
    ("a.txt", "Note {# hidden #} here", "jinja"),
    ("a.txt", "Hi {{ name }}", "jinja"),
    ("a.md", "{{#items}}- {{.}}{{/items}}", "mustache"),
    ("a.tmpl", "Hi {{{ name }}}", "mustache"),
    ("a.prompt", "Hello {name}, today is {today}.", "format"),
    ("a.txt", "Dear ${customer},", "template"),
    ("a.txt", "Dear $customer, see you.", "template"),
    # near misses stay plain text
    ("a.md", 'Reply with JSON like {"answer": "yes", "score": {"value": 1}}', "none"),
    ("a.md", "Return an empty object {} when unsure.", "none"),
    ("a.md", "## Heading {#custom-id}\nBody", "none"),
    ("a.md", "Run `echo {name}` or:\n```python\nf'{x}'\n```\n", "none"),
    ("a.md", "```jinja\n{% for x in y %}{{ x }}{% endfor %}\n```\n", "none"),
    ("a.txt", "Set $HOME and $PATH first.", "none"),
    ("a.txt", "It costs $5, pay $amount now.", "none"),
    ("a.md", "Inline maths $x$ and $y^2$.", "none"),
    ("a.tpl", "nothing to see", "none"),
])
def test_detect_syntax(path, text, expected):
    assert detect_syntax(text, path) == expected


def test_json_example_in_markdown_stays_text(tmp_path):
    text = policy(3) + '\n\nExample:\n```json\n{"name": "Ada", "items": [{"id": 1}]}\n```\n' + \
        'Or inline: {"ok": true}\n'
    f = tmp_path / "system.md"
    f.write_text(text)
    corpus = load_paths([str(f)])
    assert not corpus.errors
    (prompt,) = corpus.prompts
    assert prompt.kind == "text" and prompt.text == text and not prompt.variables


def test_syntax_forcing():
    text = "Hello {name}, {{ not jinja }} and $dollar"
    assert prompt_of("a.md", text, "none").kind == "text"
    assert prompt_of("a.md", text, "none").text == text
    fmt = prompt_of("a.md", text, "format")
    assert fmt.syntax == "format" and [v.name for v in fmt.variables] == ["name"]
    assert "{ not jinja }" in fmt.text
    tpl = prompt_of("a.md", text, "template")
    assert [v.name for v in tpl.variables] == ["dollar"]
    jin = prompt_of("a.md", text, "jinja")
    assert [v.name for v in jin.variables] == ["not jinja"]
    # a .j2 read as plain text when forced
    assert prompt_of("a.j2", "Hi {{ x }}", "none").kind == "text"


def test_file_without_placeholders_is_text():
    assert prompt_of("a.txt", "Just a policy.\n").kind == "text"
    p = prompt_of("a.j2", "Just a policy.{# note #}\n")
    assert p.kind == "text" and p.text == "Just a policy." and p.comments == [(1, "note")]


def test_registry_order_and_matching():
    names = [s.name for s in all_sources()]
    assert names.index("template") < names.index("text")
    src = TemplateSource()
    for p in ("a.j2", "a.jinja2", "a.mustache", "a.handlebars", "a.tmpl", "a.tpl", "a.txt", "a.md",
              "a.prompt", "a.markdown", "SYSTEM_PROMPT", "-"):
        assert src.matches(p, "x"), p
    assert not src.matches("a.py", "{x}")


# --------------------------------------------------------------------------------------------
# Bad templates


@pytest.mark.parametrize("path,text,syntax,line", [
    ("a.j2", "ok\nok\nHello {{ name\nmore\n", "auto", 3),
    ("a.j2", "ok\n{# note\nok {{ x }}\n", "auto", 2),
    ("a.j2", "ok\n{% if x %}\nnever closed\n", "auto", 2),
    ("a.j2", "ok\n{{ a + }}\n", "auto", 2),
    ("a.mustache", "ok\n\nHi {{ name\n", "auto", 3),
    ("a.mustache", "a\n{{#items}}\nb\n", "auto", 2),
    ("a.mustache", "a\n{{#items}}\nb\n{{/other}}\n", "auto", 4),
    ("a.txt", "fine {x}\nthen { broken\n", "format", 2),
    ("a.txt", "fine\nthen } broken\n", "format", 2),
    ("a.txt", "a\nb ${oops\n", "template", 2),
])
def test_bad_template_raises_with_line(path, text, syntax, line):
    with pytest.raises(SourceParseError) as info:
        parse_template(text, path, syntax)
    assert info.value.line == line
    assert info.value.message


def test_bad_template_line_is_in_file_coordinates():
    with pytest.raises(SourceParseError) as info:
        parse_template("a\n{{#x}}\n", "t.mustache", start_line=7)
    assert info.value.line == 8


def test_bad_template_in_a_walk_is_one_warning_and_others_still_load(tmp_path):
    (tmp_path / "bad.j2").write_text("fine\n{% for x in y %}\n")
    (tmp_path / "good.j2").write_text("Hi {{ who }}\n")
    corpus = load_paths([str(tmp_path)])
    assert [p.name.rsplit("/", 1)[-1] for p in corpus.prompts] == ["good.j2"]
    assert corpus.errors == []
    (warn,) = corpus.warnings
    assert warn.path.endswith("bad.j2") and warn.line == 2  # the unclosed {% for %}
    assert str(warn).endswith("file skipped")  # .j2 declares Jinja: not read as something else
    named = load_paths([str(tmp_path / "bad.j2")])  # named on the command line: an error
    assert named.prompts == [] and named.warnings == []
    (err,) = named.errors
    assert err.line == 2 and not err.warning


def test_guessed_template_syntax_that_fails_is_plain_text_in_a_walk(tmp_path):
    # (a .md whose {% ... %} is not Jinja: the syntax was only read off the content)
    (tmp_path / "notes.md").write_text("Use the {% raw %} tag like this.\nSecond line.\n")
    corpus = load_paths([str(tmp_path)])
    (prompt,) = corpus.prompts
    assert prompt.kind == "text" and "{% raw %}" in "".join(s.text for s in prompt.segments)
    (warn,) = corpus.warnings
    assert warn.line == 1 and "read as plain text" in str(warn)


# --------------------------------------------------------------------------------------------
# CLI


def test_cli_scan_json_shows_first_variable(tmp_path, o200k, monkeypatch):
    from typer.testing import CliRunner

    from pcache.cli.app import app

    head = policy(13) + "\n\nToday is "
    template = head + "{{ today }}.\n{% if vip %}VIP{% endif %}\n"
    f = tmp_path / "agent.j2"
    f.write_text(template)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", "agent.j2", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (p,) = data["prompts"]
    line, col = line_col(template, "{{ today }}")
    assert p["first_variable"]["name"] == "today"
    assert (p["first_variable"]["line"], p["first_variable"]["column"]) == (line, col)
    assert p["static_prefix_tokens"] == golden_static_prefix(o200k, head)
    assert p["first_variable"]["token"] == p["static_prefix_tokens"]


# --------------------------------------------------------------------------------------------
# Real templates: SWE-agent's Jinja prompt templates (shared corpus)


def _strings_with_jinja(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _strings_with_jinja(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings_with_jinja(v)
    elif isinstance(obj, str) and ("{{" in obj or "{%" in obj):
        yield obj


@pytest.mark.parametrize("name", ["default.yaml", "07.yaml"])
def test_swe_agent_templates_match_jinja(name):
    import jinja2.meta
    import yaml

    from conftest import SHARED

    path = SHARED / "corpora" / "swe-agent" / name
    if not path.exists():
        pytest.skip("shared corpus not available")
    templates = list(_strings_with_jinja(yaml.safe_load(path.read_text())))
    assert templates
    env = jinja2.Environment()
    for t in templates:
        parsed = parse_template(t, "config.j2")
        undeclared = jinja2.meta.find_undeclared_variables(env.parse(t))
        names = {v.name for v in parsed.variables if v.text.startswith("{{")}
        assert names == undeclared
        lines = t.split("\n")
        for v in parsed.variables:  # each placeholder sits where it says
            assert lines[v.line - 1][v.column - 1:].startswith(v.text)
        values = {n: f"<{n}>" for n in undeclared}
        if all(v.text for v in parsed.variables):
            assert render(parsed.segments, values) == env.from_string(t).render(**values)
