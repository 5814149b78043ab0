"""Template files where real projects keep them: Semantic Kernel's ``skprompt.txt`` (its own syntax),
Handlebars prompts, Dotprompt / Continue ``.prompt`` files (YAML front matter, then Handlebars).

Fixtures are real files (tests/fixtures/SOURCES.md).  Goldens: the text before the first placeholder is
sliced out of the file here and counted with tiktoken directly."""

from __future__ import annotations

import json

import tiktoken

from conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "code"
ENC = tiktoken.get_encoding("o200k_base")


def only(data) -> dict:
    (p,) = data["prompts"]
    return p


def at(path, line: int, column: int) -> str:
    return path.read_text().splitlines()[line - 1][column - 1:]


def test_semantic_kernel_skprompt_is_its_own_syntax(run_json):
    folder = FIX / "semantic-kernel" / "ContextQuery"
    data = run_json("scan", folder)  # config.json beside it holds no prompt: skipped quietly
    p = only(data)
    assert p["path"].endswith("skprompt.txt") and p["syntax"] == "sk"
    text = (folder / "skprompt.txt").read_text()
    fv = p["first_variable"]
    assert fv["name"] == "time.Date"  # {{time.Date}}: a function call, computed at render time
    assert abs(fv["token"] - len(ENC.encode(text[:text.index("{{time.Date}}")]))) <= 2
    names = [v["name"] for v in p["variables"]]
    assert names[:6] == ["time.Date", "firstname", "lastname", "city", "state", "country"]
    assert "recall $input" in names and names[-1] == "input"
    for v in p["variables"]:
        assert at(folder / "skprompt.txt", v["line"], v["column"]).startswith(v["text"])


def test_sk_value_blocks_are_static_and_unclosed_braces_are_text():
    from pcache.analyzers.sources.template import parse_template

    text = "Write {{ '{{' }} here, then {{$who}} and {{ not closed"
    parsed = parse_template(text, "skprompt.txt")
    assert parsed.syntax == "sk"
    assert "".join(s.text for s in parsed.segments if s.kind == "static") == \
        "Write {{ here, then  and {{ not closed"
    (var,) = parsed.variables
    assert (var.name, var.text, var.column) == ("who", "{{$who}}", text.index("{{$who}}") + 1)


def test_sk_syntax_is_detected_from_content_not_misread_as_jinja():
    from pcache.analyzers.sources.template import detect_syntax

    assert detect_syntax("Summarize: {{$input}}", "notes.txt") == "sk"
    assert detect_syntax("Ask {{recall $question}} now", "a.md") == "sk"
    assert detect_syntax("Hi {{ name }}", "a.txt") == "jinja"


def test_handlebars_message_blocks_with_literal_roles_are_not_variables(run_json):
    path = FIX / "semantic-kernel" / "65-prompt-override.handlebars"
    p = only(run_json("scan", path))
    assert p["syntax"] == "handlebars"
    fv = p["first_variable"]
    assert fv["name"] == "../nameDelimiter"  # not {{#message role="system"}} at line 3
    assert at(path, fv["line"], fv["column"]).startswith("{{../nameDelimiter}}")
    text = path.read_text()
    # static text in front of it: the file up to it without the comments and the standalone
    # {{#message}} lines (Handlebars drops both), computed here from the raw text
    import re

    head = text[:text.index("{{../nameDelimiter}}")]
    head = re.sub(r"\{\{!--.*?--\}\}\n?", "", head, flags=re.S)
    head = re.sub(r"^\{\{#message role=\"\w+\"\}\}\n", "", head, flags=re.M)
    head = re.sub(r"\n\{\{~/message\}\}\n", "", head)  # ~ strips the whitespace before it
    assert abs(fv["token"] - len(ENC.encode(head))) <= 2


def test_handlebars_if_each_are_control_points():
    from pcache.analyzers.sources.template import parse_template

    parsed = parse_template("Hi {{#if name}}{{name}}{{else}}there{{/if}}.\n{{#each items}}- {{this}}\n{{/each}}",
                            "a.txt")
    assert parsed.syntax == "handlebars"
    assert [v.name for v in parsed.variables] == ["#if name", "name", "else", "#each items", "this"]


def test_dotprompt_front_matter_and_role_markers_are_not_prompt_text(run_json):
    path = FIX / "dotprompt" / "07-multi-turn-history.prompt"
    p = only(run_json("scan", path))
    assert p["syntax"] == "handlebars"
    fv = p["first_variable"]
    # {{history}} is where Dotprompt puts the conversation's earlier messages (its history helper), not a
    # value inside the prompt's text: the only variable is the new message after it
    assert [v["name"] for v in p["variables"]] == ["newMessage"]
    assert at(path, fv["line"], fv["column"]).startswith("{{newMessage}}")
    static = ("You are a friendly AI tutor helping students learn programming.\n"
              "You remember previous conversations and build on them.\nKeep responses concise but helpful.\n\n")
    assert static in path.read_text()
    # no model:, schema: or {{role}} text before it; the system message framed (<|im_start|>system<|im_sep|> ...
    # <|im_end|>: 3 + 1) and the newest turn's opening (3), as a .prompty's messages are
    assert abs(fv["token"] - (3 + len(ENC.encode(static)) + 1 + 3)) <= 2


def test_dotprompt_text_after_the_history_helper_is_the_newest_turn(run_cli, run_json):
    """The system message heads the conversation; what follows ``{{history}}`` is sent after the
    conversation, last, so its variable costs no cached tokens and lint has nothing to say."""
    path = FIX / "dotprompt" / "07-multi-turn-history.prompt"
    fv = only(run_json("scan", path))["first_variable"]
    assert fv["cost_tokens_per_conversation"] == 0 and fv["cost_usd_per_1000"] == 0
    code, out, _ = run_cli("lint", path, "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []


def test_dotprompt_variable_in_the_system_message_before_the_history_still_costs(run_json, tmp_path):
    path = tmp_path / "chat.prompt"
    path.write_text("---\nmodel: googleai/gemini-2.5-flash\n---\n{{role \"system\"}}\nIt is {{currentTime}}.\n"
                    + "Rules of the house.\n" * 400 + "{{history}}\n{{role \"user\"}}\n{{question}}\n")
    fv = only(run_json("scan", path, "--model", "gpt-4o"))["first_variable"]
    assert fv["name"] == "currentTime" and fv["volatility"] == "per-turn"
    assert fv["cost_tokens_per_conversation"] > 0


def test_continue_prompt_file_preamble_is_skipped(run_json):
    path = FIX / "continue" / "core-unit-test.prompt"
    p = only(run_json("scan", path))
    text = path.read_text()
    body = text[text.index("---\n") + 4:]
    # name:/description: are not sent; Continue sends the body as the user's message (parsePromptFileV1V2,
    # slashCommandFromPromptFileV1): framed <|im_start|>user<|im_sep|> body <|im_end|>, then the reply priming
    assert p["tokens"] == 3 + len(ENC.encode(body)) + 1 + 3


def test_unparseable_template_in_a_walk_is_a_warning_named_file_an_error(run_cli, tmp_path):
    (tmp_path / "bad.hbs").write_text("Hello {{#if x}} never closed\n")
    (tmp_path / "good.md").write_text("You are helpful. {{ user }} asks.\n")
    code, out, err = run_cli("scan", tmp_path, "--format", "json")
    assert code == 0 and "good.md" in out
    assert err.count("\n") == 1 and "warning:" in err and "bad.hbs:1:" in err and "file skipped" in err
    code, _, err = run_cli("scan", tmp_path / "bad.hbs")
    assert code == 2 and "bad.hbs:1:" in err and "warning" not in err


def test_prompt_file_with_jinja_tags_is_jinja_and_its_include_resolves(run_json, tmp_path):
    # Projects that render ``prompts/**/*.prompt`` with jinja2's FileSystemLoader (includes named from the
    # loader's root): ``{% ... %}`` is no Handlebars tag, so the file is Jinja, not Dotprompt.
    root = tmp_path / "prompts"
    (root / "partials").mkdir(parents=True)
    (root / "dev").mkdir()
    (root / "partials" / "details.prompt").write_text("Here is the project description:\n{{ description }}\n")
    head = "You are a primary developer working in a team on a web app.\n\n"
    path = root / "dev" / "breakdown.prompt"
    path.write_text(head + '{% include "partials/details.prompt" %}\n{% if task %}Task: {{ task }}{% endif %}\n')
    p = only(run_json("scan", path))
    assert p["syntax"] == "jinja"
    fv = p["first_variable"]
    included_head = head + "Here is the project description:\n"
    assert fv["name"] == "description" and abs(fv["token"] - len(ENC.encode(included_head))) <= 2
