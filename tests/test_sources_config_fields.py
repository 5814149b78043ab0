"""Prompts kept as fields of YAML, JSON and TOML config files (analyzers/sources/config_fields.py).

Fixtures are real files of public projects (tests/fixtures/SOURCES.md).  Goldens: the field values are
read with yaml/json/tomllib here, and the tokens before the first placeholder counted with tiktoken
directly on that value (the first variable's token index must be within 2 of it)."""

from __future__ import annotations

import json
import shutil
import tomllib

import pytest
import tiktoken
import yaml

from conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "code"
ENC = tiktoken.get_encoding("o200k_base")


def by_container(data) -> dict:
    return {p["container"]: p for p in data["prompts"]}


def golden_first_variable(value: str, marker: str) -> int:
    return len(ENC.encode(value[: value.index(marker)]))


def at(path, line: int, column: int) -> str:
    return path.read_text().splitlines()[line - 1][column - 1:]


# ------------------------------------------------------------------ YAML (SWE-agent)


def test_swe_agent_yaml_fields_are_prompts(run_json):
    path = FIX / "swe-agent" / "default.yaml"
    data = run_json("scan", path)
    got = by_container(data)
    assert set(got) == {
        "agent.templates.system_template", "agent.templates.instance_template",
        "agent.templates.next_step_template", "agent.templates.next_step_no_output_template",
        "agent.tools.registry_variables.SUBMIT_REVIEW_MESSAGES[0]",
    }  # env_variables (PAGER: cat), bundle paths, parse_function: type are settings, not prompts
    cfg = yaml.safe_load(path.read_text())
    inst = got["agent.templates.instance_template"]
    assert inst["path"] == f"{path}:agent.templates.instance_template"
    assert (inst["syntax"], inst["role"], inst["kind"]) == ("jinja", "user", "template")
    assert got["agent.templates.system_template"]["role"] == "system"
    value = cfg["agent"]["templates"]["instance_template"]
    fv = inst["first_variable"]
    assert abs(fv["token"] - golden_first_variable(value, "{{working_dir}}")) <= 2
    assert at(path, fv["line"], fv["column"]).startswith("{{working_dir}}")
    # every variable of every field sits where the file has it, with its expression
    for p in data["prompts"]:
        for v in p["variables"]:
            assert at(path, v["line"], v["column"]).startswith(v["text"]), v
            assert v["expression"] == v["text"].strip("{} ")
    review = got["agent.tools.registry_variables.SUBMIT_REVIEW_MESSAGES[0]"]
    msg = cfg["agent"]["tools"]["registry_variables"]["SUBMIT_REVIEW_MESSAGES"][0]
    assert abs(review["first_variable"]["token"] - golden_first_variable(msg, "{{diff}}")) <= 2
    assert review["tokens"] == len(ENC.encode(msg))


def test_block_scalar_static_text_maps_to_its_lines():
    from pcache.analyzers.sources.config_fields import ConfigFieldsSource
    from pcache.analyzers.sources.interface import SourceOptions

    path = FIX / "swe-agent" / "default.yaml"
    text = path.read_text()
    loaded = ConfigFieldsSource().load(str(path), text, SourceOptions())
    inst = next(p for p in loaded.prompts if p.container.endswith("instance_template"))
    lines = text.splitlines()
    for seg in inst.segments:
        if seg.verbatim and seg.text.strip():
            assert lines[seg.line - 1][seg.column - 1:].startswith(seg.text.rstrip("\n")), seg


def test_semantic_kernel_declared_template_format(run_json):
    path = FIX / "semantic-kernel" / "GenerateStoryHandlebars.yaml"
    got = by_container(run_json("scan", path))
    assert set(got) == {"template"}  # name/description/input_variables are metadata
    tpl = got["template"]
    assert tpl["syntax"] == "handlebars"  # template_format: handlebars
    assert [v["name"] for v in tpl["variables"]] == ["topic", "length"]
    value = yaml.safe_load(path.read_text(encoding="utf-8-sig"))["template"]
    assert abs(tpl["first_variable"]["token"] - golden_first_variable(value, "{{topic}}")) <= 2


# ------------------------------------------------------------------ TOML (KernelBench)


def test_toml_prompt_file(run_json):
    path = FIX / "kernelbench" / "prompts" / "prompts.toml"
    got = by_container(run_json("scan", path))
    # named (instruction), or templated in a file whose name says prompts; not the display strings
    assert set(got) == {"shared.problem_statement", "shared.instruction", "templates.common.arch_block",
                        "templates.common.precision_note"}
    cfg = tomllib.loads(path.read_text())
    for key, marker in [("shared.problem_statement", "{backend_display}"),
                        ("shared.instruction", "{backend_display}"),
                        ("templates.common.precision_note", "{precision_display}")]:
        a, b = key.rsplit(".", 1)
        value = cfg[a.split(".")[0]][b] if a.count(".") == 0 else cfg["templates"]["common"][b]
        p = got[key]
        assert p["syntax"] == "format"
        assert abs(p["first_variable"]["token"] - golden_first_variable(value, marker)) <= 2
        assert at(path, p["first_variable"]["line"], p["first_variable"]["column"]).startswith(marker)


# ------------------------------------------------------------------ JSON


def test_json_map_with_a_prompt_field_is_not_a_request_error(run_json, tmp_path):
    # Cline's smoke-test scenario: {"name", "description", "prompt", ...}.  It used to fail with
    # "not an OpenAI request body" (exit 2).
    path = FIX / "cline" / "smoke-config.json"
    got = by_container(run_json("scan", path))
    assert set(got) == {"prompt"}
    value = json.loads(path.read_text())["prompt"]
    assert got["prompt"]["tokens"] == len(ENC.encode(value))
    line = next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if '"prompt"' in ln)
    assert got["prompt"]["first_variable"] is None


def test_json_map_of_templated_prompts_with_roles(run_json, tmp_path):
    doc = {"summarize": {"messages": [
        {"role": "system", "content": "You summarize documents for busy engineers."},
        {"role": "user", "content": "Summarize this in {n} bullet points:\n{document}"}]},
        "model": "gpt-4o"}
    f = tmp_path / "tasks.json"
    f.write_text(json.dumps(doc, indent=2))
    got = by_container(run_json("scan", f))
    assert set(got) == {"summarize.messages[0].content", "summarize.messages[1].content"}
    user = got["summarize.messages[1].content"]
    assert (user["role"], user["syntax"]) == ("user", "format")
    value = doc["summarize"]["messages"][1]["content"]
    assert abs(user["first_variable"]["token"] - golden_first_variable(value, "{n}")) <= 2
    assert at(f, user["first_variable"]["line"], user["first_variable"]["column"]).startswith("{n}")


def test_request_bodies_keep_their_reader(run_json, tmp_path):
    body = {"model": "gpt-4o", "messages": [{"role": "system", "content": "You are terse."},
                                           {"role": "user", "content": "Hi"}]}
    (tmp_path / "r.json").write_text(json.dumps(body))
    (tmp_path / "chat.yaml").write_text("messages:\n  - role: user\n    content: Hello there, how are you?\n")
    data = run_json("scan", tmp_path)
    assert sorted(p["kind"] for p in data["prompts"]) == ["chat", "chat"]


def test_escaped_json_strings_keep_their_start():
    from pcache.analyzers.sources.config_fields import ConfigFieldsSource
    from pcache.analyzers.sources.interface import SourceOptions

    text = '{\n  "system_prompt": "Say \\"hi\\" to {name}.\\nThen stop."\n}\n'
    [p] = ConfigFieldsSource().load("p.json", text, SourceOptions()).prompts
    assert p.text == 'Say "hi" to {name}.\nThen stop.'
    var = p.variables[0]
    assert (var.line, var.column) == (2, text.splitlines()[1].index("{name}") + 1)


# ------------------------------------------------------------------ files without prompts


def test_repo_root_config_files_lint_clean(run_cli):
    code, out, err = run_cli("lint", FIX / "repo-root")
    # clean (exit 0), and not silent: one line says nothing was there to lint
    assert code == 0 and err.count("\n") == 1 and "no prompts in the" in err and "nothing to lint" in err
    assert "package.json" not in out and "docker-compose" not in out


@pytest.mark.parametrize("name", ["package.json", "tsconfig.json", "docker-compose.yml"])
def test_named_config_without_prompts_is_one_line(run_cli, name):
    code, out, err = run_cli("scan", FIX / "repo-root" / name)
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and name in lines[0] and "no prompts" in lines[0]
    assert "Traceback" not in err


def test_walk_skips_files_without_prompts_quietly(run_cli, tmp_path):
    shutil.copytree(FIX / "repo-root", tmp_path / "repo")
    shutil.copy(FIX / "swe-agent" / "default.yaml", tmp_path / "repo" / "agent.yaml")
    (tmp_path / "repo" / "settings.json").write_text('{"debug": true, "port": 8080}')
    code, out, err = run_cli("scan", tmp_path / "repo", "--format", "json")
    assert code == 0 and err == ""
    files = {p["file"].rsplit("/", 1)[-1] for p in json.loads(out)["prompts"]}
    assert files == {"agent.yaml"}


def test_locale_bundles_and_ui_strings_are_not_prompts(run_cli, tmp_path):
    # an i18next bundle: placeholders and even prompt-ish keys, but text for people
    loc = tmp_path / "src" / "i18n" / "locales" / "en"
    loc.mkdir(parents=True)
    (loc / "chat.json").write_text(json.dumps({
        "customPrompt": {"label": "Custom prompt", "hint": "Roo wants to search {{path}} for files"},
        "welcome": "Hello {{name}}, welcome back to the app"}))
    (tmp_path / "app.yaml").write_text('title: "Hello {name}, welcome back"\nurl: "https://{host}/api"\n')
    code, out, err = run_cli("scan", tmp_path)
    assert code == 0 and "no prompts" in err.lower()  # clean: nothing but UI text (as lint)


def test_bad_template_in_named_field_is_read_as_text(run_json, tmp_path):
    # a field whose syntax was guessed and does not parse in it (an unclosed ``{% if %}``): plain text with a note
    (tmp_path / "model.json").write_text(json.dumps(
        {"template": "{% if system %}{{ system }} You are a model. {{ prompt }}", "system": "You answer in French."}))
    got = by_container(run_json("scan", tmp_path / "model.json"))
    assert got["template"]["kind"] == "text" and got["system"]["role"] == "system"


def test_go_template_in_named_field(run_json, tmp_path):
    # Ollama model files hold Go templates under "template" (text/template: ``.System`` is a field of the
    # data): read in Go's syntax, its fields variables (they were read as plain text before Go was known)
    (tmp_path / "model.json").write_text(json.dumps(
        {"template": "{{ .System }} You are a model. {{ .Prompt }}", "system": "You answer in French."}))
    got = by_container(run_json("scan", tmp_path / "model.json"))
    assert got["template"]["kind"] == "template" and got["template"]["syntax"] == "go"
    assert [v["name"] for v in got["template"]["variables"]] == [".System", ".Prompt"]


def test_invalid_yaml_names_file_and_line(run_cli, tmp_path):
    f = tmp_path / "agent.yaml"
    f.write_text("agent:\n  system_template: |\n    You are helpful.\n  bad: [unclosed\n")
    code, out, err = run_cli("scan", f)
    assert code == 2 and "agent.yaml:" in err and "invalid YAML" in err and "Traceback" not in err


def test_list_of_lines_under_a_prompt_key_is_one_prompt(run_json):
    # ChatDev PhaseConfig.json: "phase_prompt": ["line", ...], joined with "\n".join(...) by ChatDev
    path = ROOT / "tests" / "fixtures" / "agents" / "eval" / "chatdev" / "PhaseConfig.json"
    data = run_json("scan", path)
    got = by_container(data)
    assert set(got) == {"DemandAnalysis.phase_prompt", "LanguageChoose.phase_prompt",
                        "TestModification.phase_prompt"}
    cfg = json.loads(path.read_text())
    lines = path.read_text().splitlines()
    for phase, marker in (("DemandAnalysis", "{assistant_role}"), ("LanguageChoose", "{task}"),
                          ("TestModification", "{language}")):
        value = "\n".join(cfg[phase]["phase_prompt"])
        p = got[f"{phase}.phase_prompt"]
        assert p["syntax"] == "format" and p["tokens"] == len(ENC.encode(value))
        fv = p["first_variable"]
        assert abs(fv["token"] - golden_first_variable(value, marker)) <= 2
        assert lines[fv["line"] - 1][fv["column"] - 1:].startswith(marker)


def test_lists_of_separate_prompts_stay_separate():
    from pcache.analyzers.sources.config_fields import ConfigFieldsSource
    from pcache.analyzers.sources.interface import SourceOptions

    text = ('prompts:\n  - "Write a tweet about {{topic}} for developers"\n  - "Write a poem about {{topic}} today"\n'
            'system_prompt:\n  - "You are terse."\n  - "Answer in English."\n')
    got = {p.container: p for p in ConfigFieldsSource().load("promptfooconfig.yaml", text, SourceOptions()).prompts}
    assert set(got) == {"prompts[0]", "prompts[1]", "system_prompt"}
    assert got["system_prompt"].text == "You are terse.\nAnswer in English."
    assert [s.line for s in got["system_prompt"].segments if s.text.strip()] == [5, 6]


def test_agent_role_written_as_instructions_is_a_prompt_schema_placeholders_are_not(run_json, run_cli):
    # ChatDev 2.0 workflows: an agent node's config.role is its system prompt (sentences), unlike a
    # crewAI role title; design.yaml documents the schema with <type> | default placeholders and
    # "${API_KEY}" settings
    path = FIX / "chatdev" / "react.yaml"
    got = by_container(run_json("scan", path))
    cfg = yaml.safe_load(path.read_text())
    for i in (0, 2):
        p = got[f"graph.nodes[{i}].config.role"]
        assert p["role"] == "system" and p["tokens"] == len(ENC.encode(cfg["graph"]["nodes"][i]["config"]["role"]))
    assert not any(c.endswith(("provider", "base_url", "api_key", "name", "input_mode")) for c in got)
    code, _, err = run_cli("scan", FIX / "chatdev" / "design.yaml")
    assert code == 2 and "no prompts" in err
    from pcache.analyzers.sources.config_fields import ConfigFieldsSource
    from pcache.analyzers.sources.interface import NoPrompts, SourceOptions

    title = "agents:\n  researcher:\n    role: Senior Data Researcher\n    goal: Find {topic} news\n"
    got = {p.container for p in ConfigFieldsSource().load("agents.yaml", title, SourceOptions()).prompts}
    assert got == {"agents.researcher.goal"}  # a one-line role title is no prompt of its own
    import pytest as _pytest

    with _pytest.raises(NoPrompts):  # a message role that is no role name makes no message
        ConfigFieldsSource().load("d.yaml", "x:\n  role: <string> | [user, assistant]\n  content: <text> | required\n",
                                  SourceOptions())


def test_prompt_named_files_hold_their_content_command_templates_are_no_prompts(run_json, run_cli):
    # TaskWeaver: default_exp_prompt.yaml keeps its prompt in `content` (no placeholder);
    # code_generator_prompt_plugin_only.yaml says prompt mid-name.  Fabric: cmd_template is a shell line
    data = run_json("scan", FIX / "taskweaver")
    got = {(p["file"].rsplit("/", 1)[-1], p["container"]): p for p in data["prompts"]}
    assert set(got) == {("default_exp_prompt.yaml", "content"), ("code_generator_prompt_plugin_only.yaml", "content")}
    cfg = yaml.safe_load((FIX / "taskweaver" / "code_generator_prompt_plugin_only.yaml").read_text())["content"]
    fv = got[("code_generator_prompt_plugin_only.yaml", "content")]["first_variable"]
    assert fv["name"] == "ROLE_NAME" and abs(fv["token"] - golden_first_variable(cfg, "{ROLE_NAME}")) <= 2
    code, _, err = run_cli("scan", FIX / "fabric" / "plugin" / "sqlite3_demo.yaml")
    assert code == 2 and "no prompts" in err


def test_a_jinja_file_reads_every_field_with_jinja(run_json, o200k):
    """pr-agent renders each field of its TOML prompt files with jinja2.  ``pr_help_prompts.toml``'s user
    field is Jinja (``{{ question|trim }}``); its system field holds no Jinja but says "type $DocHelper",
    which alone reads as a string.Template placeholder.  One engine fills the file, so ``$DocHelper`` is
    text: the system prompt is static and its tokens are tiktoken's count of the field's value."""
    import tomllib

    path = FIX / "pr-agent" / "pr_help_prompts.toml"
    fields = tomllib.loads(path.read_text())["pr_help_prompts"]
    assert "$DocHelper" in fields["system"] and "{{ question|trim }}" in fields["user"]
    prompts = {p["container"]: p for p in run_json("scan", path, "--format", "json")["prompts"]}
    system = prompts["pr_help_prompts.system"]
    assert system["variables"] == [] and system["first_variable"] is None
    assert system["tokens"] == len(o200k.encode_ordinary(fields["system"]))
    assert prompts["pr_help_prompts.user"]["syntax"] == "jinja"


def test_field_whose_guessed_jinja_does_not_parse_is_a_warning_line(run_cli, tmp_path):
    # an unclosed {% if %} in a block scalar: read as plain text (its {{ today }} is then not analysed),
    # so the user is told on one warning line naming the file and the line of the {% ... %}, exit unchanged
    (tmp_path / "agent.yaml").write_text(
        "agent:\n"
        "  system_template: |\n"
        "    You are a helpful assistant. {% if tools %}Tools: {{ tools }}{% endif\n"
        "    Today is {{ today }}.\n"
        "  instance_template: \"Solve {{ problem_statement }}\"\n")
    code, out, err = run_cli("lint", tmp_path / "agent.yaml")
    assert code == 0
    (line,) = [ln for ln in err.splitlines() if ln.strip()]
    assert line.startswith(f"pcache: warning: {tmp_path / 'agent.yaml'}:3: agent.system_template: not a Jinja template")
    assert "read as plain text" in line
    code, out, err = run_cli("lint", "--syntax", "jinja", tmp_path / "agent.yaml")
    assert code == 2 and f"agent.yaml:3: agent.system_template: unclosed '{{%'" in err
