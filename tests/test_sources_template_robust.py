"""Template detection and Jinja includes (issue 11, "templates, more robust")."""

from __future__ import annotations

from pcache.analyzers.sources.template import detect_from_content, parse_template


def test_format_fields_inside_code_fences_and_attribute_index_fields():
    # aider-style edit format: the fence itself is a field, and fields sit inside the fenced block
    text = ("Reply with the edit of {filename} in a fenced block:\n"
            "{fence[0]}python\n{original_code}\n{fence[1]}\n"
            "Use the style of {user.style}.\n")
    assert detect_from_content(text) == "format"
    parsed = parse_template(text, "edit.txt")
    assert [v.name for v in parsed.variables] == ["filename", "fence[0]", "original_code", "fence[1]", "user.style"]
    fenced = "Explain the code to {reader}.\n```python\nprint('{greeting}')\n```\n"
    assert [v.name for v in parse_template(fenced, "a.txt").variables] == ["reader", "greeting"]


def test_code_examples_alone_and_json_examples_are_not_format_fields():
    only_code = "Format answers like this:\n```python\nprint(f\"Hello {name}\")\n```\n"
    assert detect_from_content(only_code) == "none"
    json_example = 'Answer for {user} as JSON:\n```json\n{"answer": "yes"}\n```\n'
    assert detect_from_content(json_example) == "none"


def test_jinja_include_is_static_text_of_the_included_file(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "rules.j2").write_text("Rule one: be kind to {{ user }}.\nRule two: be brief.\n")
    main = tmp_path / "main.j2"
    main.write_text('You are a support bot.\n{% include "partials/rules.j2" %}\n'
                    '{% import "macros.j2" as m %}{% if vip %}VIP{% endif %}\nAnswer: {{ question }}\n')
    parsed = parse_template(main.read_text(), str(main))
    text = "".join(s.text for s in parsed.segments)
    assert text.startswith("You are a support bot.\nRule one: be kind to {{ user }}.\nRule two: be brief.\n")
    assert [v.name for v in parsed.variables] == ["user", "if vip", "question"]  # if stays a variable point
    inc = next(s for s in parsed.segments if s.text.startswith("Rule one"))
    assert (inc.line, inc.column, inc.verbatim) == (2, 1, False)  # located at the include tag
    assert parsed.notes == []


def test_jinja_include_not_found_is_a_note_not_a_variable(tmp_path):
    main = tmp_path / "main.j2"
    main.write_text('Static start.\n{% include "nowhere.j2" %}\nStatic end, then {{ q }}.\n')
    parsed = parse_template(main.read_text(), str(main))
    assert [v.name for v in parsed.variables] == ["q"]
    assert len(parsed.notes) == 1 and "nowhere.j2" in parsed.notes[0] and parsed.notes[0].startswith("line 2:")


def test_jinja_include_of_an_expression_stays_variable(tmp_path):
    main = tmp_path / "main.j2"
    main.write_text("Start.\n{% include partial_name %}\nEnd.\n")
    parsed = parse_template(main.read_text(), str(main))
    assert [v.text for v in parsed.variables] == ["{% include partial_name %}"]


def test_jinja_include_cycle_stops(tmp_path):
    (tmp_path / "a.j2").write_text('A {% include "b.j2" %}')
    (tmp_path / "b.j2").write_text('B {% include "a.j2" %}')
    parsed = parse_template((tmp_path / "a.j2").read_text(), str(tmp_path / "a.j2"))
    assert "".join(s.text for s in parsed.segments).startswith("A B ")


def test_colon_slot_names_are_mustache_and_inline_code_tags_are_filled():
    # Open WebUI's task templates (tests/fixtures/agents/eval/open-webui): {{MESSAGES:END:2}} is no
    # Jinja expression; ```{{prompt}}``` in one line is still filled by the engine
    import ast

    import tiktoken

    from conftest import ROOT

    enc = tiktoken.get_encoding("o200k_base")
    src = (ROOT / "tests" / "fixtures" / "agents" / "eval" / "open-webui" / "config_task_templates.py").read_text()
    values = {n.targets[0].id: n.value.value for n in ast.parse(src).body}
    query = values["DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE"]
    assert detect_from_content(query) == "mustache"
    parsed = parse_template(query, "q.txt", "mustache")
    assert [v.name for v in parsed.variables] == ["CURRENT_DATE", "MESSAGES:END:6"]
    static = "".join(s.text for s in parsed.segments[:parsed.segments.index(parsed.variables[0])])
    assert abs(len(enc.encode(static)) - len(enc.encode(query[:query.index("{{CURRENT_DATE}}")]))) <= 2
    emoji = values["DEFAULT_EMOJI_GENERATION_PROMPT_TEMPLATE"]
    assert detect_from_content(emoji) == "jinja"
    assert [v.name for v in parse_template(emoji, "e.txt", "jinja").variables] == ["prompt"]
    # a Jinja expression stays Jinja; a fenced example block still does not make a template
    assert detect_from_content("Hello {{ user.name | upper }}, today is {{ today }}.") == "jinja"
    assert detect_from_content("Use this syntax:\n```\n{{ name }}\n```\n") == "none"
