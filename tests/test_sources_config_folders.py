"""Config fields and prompt folders of real projects (issue #11, the blind round of
benchmarks/config_blind6): prompt flow's flow folders, AgentVerse's string.Template task configs,
AgentBench's few-shot library.  Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens
are tiktoken on the values read with PyYAML/json, never pcache's own counts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.sources.template import detect_from_content
from token_helpers import first_token as _first_token, tokens as _tokens

FIX = Path(__file__).resolve().parent / "fixtures"
PROMPTFLOW = FIX / "code" / "promptflow"
AGENTVERSE = FIX / "agents" / "agentverse"


def test_flow_folder_templates_are_prompts_in_a_code_project(tmp_path):
    root = tmp_path / "promptflow"
    shutil.copytree(PROMPTFLOW, root)
    corpus = load_paths([str(root)])
    read = {Path(p).relative_to(root).as_posix() for p in corpus.paths}
    # the tree is a code project (setup.cfg): a template is read for the flow.dag.yaml beside it
    assert "examples/flows/standard/basic/hello.jinja2" in read
    assert "examples/flows/chat/chat-basic/chat.jinja2" in read
    # pip requirements and a flow's sample inputs are never read by a walk
    assert not any(r.endswith(("requirements.txt", "sample.json", "data.jsonl")) for r in read)
    files = {Path(p.path).relative_to(root).as_posix() for p in corpus.prompts}
    assert not any(f.endswith("flow.dag.yaml") for f in files)  # `prompt: ${hello_prompt.output}` is wiring
    hello = next(p for p in corpus.prompts if p.path.endswith("hello.jinja2"))
    text = (root / "examples/flows/standard/basic/hello.jinja2").read_text()
    head = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    assert hello.syntax == "jinja"
    assert _first_token(hello) == _tokens(head[:head.index("{{text}}")])


def test_a_tools_files_beside_the_prompts_hold_none(tmp_path):
    """Templates that render a YAML file or MANIFEST.in, a release note whose name holds `promptflow`, a
    GitHub Actions workflow kept outside `.github/` (in a folder whose name says prompt): no prompts."""
    root = tmp_path / "promptflow"
    shutil.copytree(PROMPTFLOW, root)
    corpus = load_paths([str(root)])
    read = {Path(p).relative_to(root).as_posix() for p in corpus.paths}
    assert not {"scripts/tool/templates/tool.yaml.j2", "scripts/tool/templates/MANIFEST.in.j2",
                "scripts/release/promptflow-release-note.md"} & read
    assert not [p for p in corpus.prompts if p.path.endswith("evaluate.yml")]
    assert not [e for e in corpus.errors if not e.warning]


def test_flow_templates_outside_a_flow_folder_stay_unread(tmp_path):
    root = tmp_path / "promptflow"
    shutil.copytree(PROMPTFLOW, root)
    (root / "examples/flows/standard/basic/flow.dag.yaml").unlink()
    read = {Path(p).name for p in load_paths([str(root)]).paths}
    assert "hello.jinja2" not in read and "chat.jinja2" in read


def test_dollar_references_and_fenced_placeholders():
    assert detect_from_content("${hello_prompt.output}") == "none"  # prompt flow's node reference
    assert detect_from_content("Hi {name}, see ${inputs.text}") == "format"
    assert detect_from_content("Can you complete the following code?\n```python \n${task_description} \n```") \
        == "template"
    # a ${x} among other code in a fence is that code's own syntax
    assert detect_from_content("Write code like:\n```js\nconst s = `Hi ${name}`\n```\nThanks.") == "none"


CODECOMPANION = FIX / "code" / "codecompanion" / "lua" / "codecompanion" / "prompt_library" / "builtins"


def test_dotted_dollar_references_of_a_prompt_library_file_are_its_variables():
    """codecompanion's Markdown prompts: ``${context.bufnr}`` is filled by the plugin, so the file is a
    template whose first variable sits where the text says, not a static prompt (a reference alone, a
    binding such as prompt flow's ``${node.output}``, stays no template: test above)."""
    path = CODECOMPANION / "explain.md"
    text = path.read_text(encoding="utf-8")
    (prompt,) = load_paths([str(path)]).prompts
    assert prompt.syntax == "template"
    refs = re.findall(r"\$\{([\w.]+)\}", text)
    assert [s.name for s in prompt.segments if s.kind == "variable"] == refs
    first = text.index("${")
    assert abs(_first_token(prompt) - _tokens(text[:first])) <= 2
    line = text.count("\n", 0, first) + 1
    column = first - text.rfind("\n", 0, first)
    var = next(s for s in prompt.segments if s.kind == "variable")
    assert (var.line, var.column) == (line, column)


def test_replaced_slots_are_read_as_detection_reads_them_without_fenced_code():
    """A ``#{buffer}`` slot in prose beside Lua tables in code fences (``{ input = any, ... }``): the
    text is read for its ``{name}`` slots only, never for 'fields' cut out of the code examples."""
    path = CODECOMPANION / "upgrades" / "tools.md"
    (prompt,) = load_paths([str(path)]).prompts
    names = [s.name for s in prompt.segments if s.kind == "variable"]
    assert names == ["buffer"]


def test_dollar_references_shown_as_inline_code_are_the_documented_code(capsys):
    """dyad's guide writes ``${NEON_AUTH_BASE_URL}`` and ``${window.location.origin}`` in inline code (one
    slips out after an escaped backtick): JS template literals shown to the model, no slot of its loader;
    the file is read as plain text, quietly (no 'not a string.Template template' warning)."""
    path = FIX / "code" / "dyad" / "prompts" / "guides" / "add-authentication.md"
    text = path.read_text(encoding="utf-8")
    assert detect_from_content(text, unseen_loader=True) == "none"
    (prompt,) = load_paths([str(path)]).prompts
    assert [s for s in prompt.segments if s.kind == "variable"] == []
    assert "".join(s.text for s in prompt.segments) == text


def test_agentverse_persona_fields_are_sections_of_the_prompts_that_splice_them():
    path = AGENTVERSE / "nlp_classroom_3players.yaml"
    corpus = load_paths([str(path)])
    prompts = {p.container: p for p in corpus.prompts}
    data = yaml.safe_load(path.read_text())
    anchor = prompts["prompts.prompt"]
    value = data["prompts"]["prompt"]
    assert anchor.syntax == "template"
    assert _first_token(anchor) == _tokens(value[:value.index("${role_description}")])
    containers = {p.container for p in corpus.prompts}
    for i in range(3):  # each agent's role_description fills ${role_description}
        assert f"agents[{i}].role_description" in containers
    assert "name" not in containers and "agents[0].name" not in containers
    persona = next(p for p in corpus.prompts if p.container == "agents[0].role_description")
    assert "".join(s.text for s in persona.segments) == data["agents"][0]["role_description"]


def test_a_placeholder_alone_in_a_code_fence_is_the_first_variable():
    path = AGENTVERSE / "humaneval_gpt4.yaml"
    data = yaml.safe_load(path.read_text())
    solver = next(p for p in load_paths([str(path)]).prompts if p.container == "prompts.solver_prepend_prompt")
    value = data["prompts"]["solver_prepend_prompt"]
    assert solver.syntax == "template"
    assert _first_token(solver) == _tokens(value[:value.index("${task_description}")])


def test_braces_in_a_string_template_file_are_text():
    path = AGENTVERSE / "mgsm_gpt4.yaml"
    data = yaml.safe_load(path.read_text())
    corpus = load_paths([str(path)])
    critic = next(p for p in corpus.prompts if p.container == "prompts.critic_append_prompt")
    assert "\\boxed{answer}" in data["prompts"]["critic_append_prompt"]
    assert not [s for s in critic.segments if s.kind == "variable"]  # `\boxed{answer}` is an instruction
    assert all(s.name != "answer" for p in corpus.prompts for s in p.segments if s.kind == "variable")


def test_a_prompt_folder_library_keyed_by_name():
    folder = FIX / "agents" / "agentbench" / "prompts"
    corpus = load_paths([str(folder)])
    single = json.loads((folder / "alfworld_singleturn.json").read_text())
    found = {p.container: p for p in corpus.prompts if p.path.endswith("alfworld_singleturn.json")}
    assert set(found) == set(single)
    for key, text in single.items():
        assert sum(_tokens(s.text) for s in found[key].segments) == _tokens(text)
    multi = json.loads((folder / "alfworld_multiturn.json").read_text())
    (key, turns), = multi.items()
    # a list of turns is one few-shot conversation: one prompt (not one per turn), its turns in order
    got = [p for p in corpus.prompts if p.path.endswith("alfworld_multiturn.json")]
    assert [p.container for p in got] == [key]
    assert got[0].text == "".join(turns) and _tokens(got[0].text) == _tokens("".join(turns))
    messages = [s.message for s in got[0].segments]
    assert messages == sorted(messages) and set(messages) == set(range(len(turns)))
    raw = (folder / "alfworld_multiturn.json").read_text().splitlines()
    starts = [next(s.line for s in got[0].segments if s.message == i) for i in range(len(turns))]
    assert starts == [next(n for n, line in enumerate(raw, 1) if json.dumps(t)[1:20] in line) for t in turns]


def test_a_library_entry_needs_a_prompt_file(tmp_path):
    """The same mapping outside a prompt folder, under a name that says nothing, is settings."""
    data = json.loads((FIX / "agents" / "agentbench" / "prompts" / "alfworld_singleturn.json").read_text())
    (tmp_path / "rooms.json").write_text(json.dumps(data))
    corpus = load_paths([str(tmp_path)])
    assert corpus.prompts == []


def test_a_runs_data_and_a_conformance_suite_are_not_prompts(tmp_path):
    """AgentVerse keeps a dataset at `data/responsegen/fed_data.jsonl`, prompty a Jinja conformance
    suite at `jinja_subset/conformance/*.json`: inputs and expected outputs, not prompts."""
    root = tmp_path / "proj"
    library = FIX / "agents" / "agentbench" / "prompts" / "alfworld_singleturn.json"
    (root / "agent" / "prompts").mkdir(parents=True)
    (root / "setup.py").write_text("from setuptools import setup\nsetup(name='agent')\n")
    shutil.copy(library, root / "agent" / "prompts" / "alfworld_singleturn.json")
    (root / "agent" / "prompts" / "conformance").mkdir()
    shutil.copy(library, root / "agent" / "prompts" / "conformance" / "render_golden.json")
    (root / "data" / "responsegen").mkdir(parents=True)
    line = {"messages": [{"role": "user", "content": json.loads(library.read_text())["react_put_0"]}]}
    (root / "data" / "responsegen" / "fed_data.jsonl").write_text(json.dumps(line) + "\n")
    read = {Path(p).relative_to(root).as_posix() for p in load_paths([str(root)]).paths}
    assert {r for r in read if not r.endswith(".py")} == {"agent/prompts/alfworld_singleturn.json"}


def test_docs_pages_of_a_repository_without_a_manifest_are_documentation(tmp_path):
    """AgentBench's root holds no build manifest; its `docs/*.md` pages are documentation all the same."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "docs").mkdir()
    shutil.copy(FIX / "code" / "swe-agent-docs" / "faq.md", root / "docs" / "Entrance_en.md")
    shutil.copytree(FIX / "agents" / "agentbench" / "prompts", root / "prompts")
    read = {Path(p).relative_to(root).as_posix() for p in load_paths([str(root)]).paths}
    assert read == {"prompts/alfworld_multiturn.json", "prompts/alfworld_singleturn.json"}


def test_dify_hashed_tags_are_variables_and_role_labels_are_no_prompts():
    folder = FIX / "agents" / "dify" / "prompt_templates"
    corpus = load_paths([str(folder)])
    for name in ("common_chat.json", "baichuan_chat.json"):
        data = json.loads((folder / name).read_text())
        found = {p.container: p for p in corpus.prompts if p.path.endswith(name)}
        assert set(found) == {"context_prompt", "histories_prompt", "query_prompt"}  # not prefixes, stops
        for key, tag in (("context_prompt", "{{#context#}}"), ("histories_prompt", "{{#histories#}}"),
                         ("query_prompt", "{{#query#}}")):
            assert found[key].syntax == "mustache"
            assert _first_token(found[key]) == _tokens(data[key][:data[key].index(tag)])


# ------------------------------------------------------------------ `pcache lint .` at repository roots


def test_a_folder_named_for_a_product_is_no_prompt_folder(tmp_path):
    """promptflow's `migration-guide/PromptFlow-to-MAF/`: the product name starts with "Prompt", but a
    folder says prompts only in its head word (`prompts/`, `system_prompts/`): its Markdown pages and
    an Azure ML component's `program_arguments` are no prompts.  A folder that names prompts still is."""
    root = tmp_path / "promptflow"
    shutil.copytree(PROMPTFLOW, root)
    guide = root / "migration-guide" / "PromptFlow-to-MAF"
    corpus = load_paths([str(root)])
    assert not [p for p in corpus.prompts if "PromptFlow-to-MAF" in p.path]
    (guide / "system_prompts").mkdir()
    shutil.copy(guide / "phase-1-audit" / "node-mapping.md", guide / "system_prompts" / "mapper.md")
    corpus = load_paths([str(root)])
    assert {Path(p.path).relative_to(guide).as_posix() for p in corpus.prompts if "PromptFlow-to-MAF" in p.path} \
        == {"system_prompts/mapper.md"}


def test_a_page_titled_by_its_subject_is_no_prompt(tmp_path):
    """pcache's own `benchmarks/PROMPT_DISCOVERY.md` ("Prompt discovery on real source trees") in a code
    project: a page about prompts, named for its subject; `system_prompt.md` beside it is a prompt."""
    root = tmp_path / "proj"
    (root / "benchmarks").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'proj'\n")
    repo = Path(__file__).resolve().parents[1]
    page = (repo / "benchmarks" / "PROMPT_DISCOVERY.md").read_text().splitlines()[:20]
    (root / "benchmarks" / "PROMPT_DISCOVERY.md").write_text("\n".join(page) + "\n")
    (root / "benchmarks" / "system_prompt.md").write_text("You are a careful reviewer of benchmarks.\n")
    read = {Path(p).relative_to(root).as_posix() for p in load_paths([str(root)]).paths}
    assert read == {"benchmarks/system_prompt.md"}


def test_ui_catalog_strings_under_prompt_words_are_no_prompts(run_cli):
    """dyad's i18next catalogs (`locales/<lang>/home.json`): `createAppUsingTemplate`,
    `setupInstructions`, `completePrompt` are UI messages of one sentence each (a template of an app,
    instructions for people, a prompt put to the user); OpenAgents' catalogs key each message by its
    English text ("Search prompts...": the source message, not a name)."""
    for folder in (FIX / "code" / "dyad" / "i18n", FIX / "code" / "openagents-i18n"):
        code, out, err = run_cli("lint", folder)
        assert code == 0, out + err
        assert ".json" not in out, out


def test_a_translated_system_prompt_in_a_catalog_still_counts(tmp_path):
    """The catalog rule keeps a model's setup: a key saying `system` with instructions, and a prompt
    word a UI also uses when the text is instructions of two sentences."""
    loc = tmp_path / "locales" / "fr"
    loc.mkdir(parents=True)
    (loc / "agent.json").write_text(json.dumps({
        "config": {"systemRole": "Vous êtes un traducteur. Traduisez chaque phrase en anglais, mot à mot."},
        "summaryPrompt": "Résumez la conversation en trois phrases. N'ajoutez rien d'autre que le résumé.",
        "setupInstructions": "Pour connecter votre application, vous devez créer un jeton d'accès :"},
        ensure_ascii=False))
    got = {p.container for p in load_paths([str(tmp_path)]).prompts}
    assert got == {"config.systemRole", "summaryPrompt"}


# ------------------------------------------------------------------ third blind round (config_blind7), in-sample

NEMO = FIX / "agents" / "nemo-guardrails"


def _jinja_head(value: str, first: str) -> int:
    return _tokens(value[:value.index(first)])


def test_nemo_prompt_entries_instructions_and_spliced_sample_conversation():
    """NeMo Guardrails' config: `prompts: [{task, models, content}]` holds one prompt per item (the
    composition `{{ general_instructions }} ... Assistant:` too), `instructions: [{type: general,
    content}]` the general instructions, and `sample_conversation` is spliced in by
    `{{ sample_conversation | verbose_v1 }}`."""
    path = NEMO / "hf_pipeline_dolly" / "config.yml"
    data = yaml.safe_load(path.read_text())
    got = {p.container: p for p in load_paths([str(path)]).prompts}
    assert {"prompts[0].content", "prompts[1].content", "instructions[0].content", "sample_conversation"} <= set(got)
    assert not {c for c in got if c.endswith((".task", ".output_parser")) or "models" in c}
    second = data["prompts"][1]["content"]
    assert got["prompts[1].content"].syntax == "jinja"
    assert _first_token(got["prompts[1].content"]) == _jinja_head(second, "{{ general_instructions }}")
    assert got["sample_conversation"].text == data["sample_conversation"]


def test_nemo_messages_typed_by_role_are_prompt_messages():
    """`messages: [{type: system, content: "This is how ..."}, "{{ ... | to_messages }}"]`: a `type`
    naming a role in a list of messages is the message's role, so static messages count too."""
    path = NEMO / "prompts" / "openai-chatgpt.yml"
    data = yaml.safe_load(path.read_text())
    got = {p.container: p for p in load_paths([str(path)]).prompts}
    messages = data["prompts"][0]["messages"]
    static = {f"prompts[0].messages[{i}].content" for i, m in enumerate(messages)
              if isinstance(m, dict) and "{{" not in m["content"]}
    assert static and static <= set(got)
    assert {got[c].role for c in static} == {"system"}


def test_a_task_name_with_an_assignment_is_no_template():
    """`task: content_safety_check_input $model=llama_guard` (a Colang flow call) is an identifier and an
    assignment, not prose with a `$model` placeholder; the item's `content` is the prompt."""
    path = NEMO / "content_safety" / "prompts.yml"
    data = yaml.safe_load(path.read_text())
    got = {p.container: p for p in load_paths([str(path)]).prompts}
    assert set(got) == {"prompts[0].content"}
    value = data["prompts"][0]["content"]
    assert _first_token(got["prompts[0].content"]) == _jinja_head(value, "{{ user_input }}")


def test_a_prompt_for_sql_is_a_prompt():
    """openai/evals `modelgraded/sql.yaml: sql.prompt`: `sql` qualifies what the prompt grades (a
    `sql_template` is a query, a `sql_prompt` asks a model about SQL)."""
    path = FIX / "agents" / "evals-modelgraded" / "sql.yaml"
    value = yaml.safe_load(path.read_text())["sql"]["prompt"]
    got = {p.container: p for p in load_paths([str(path)]).prompts}
    assert set(got) == {"sql.prompt"} and got["sql.prompt"].syntax == "format"
    assert _first_token(got["sql.prompt"]) == _tokens(value[:value.index("{input}")])


def test_lm_evaluation_harness_task_configs():
    """EleutherAI lm-evaluation-harness task configs: `doc_to_text` (the Jinja template of each request)
    and `description` are its documented prompt fields; `doc_to_target`, `doc_to_choice` and the
    decontamination query (a search string against training data) are not prompts."""
    folder = FIX / "agents" / "lm-eval-tasks"
    got = {(Path(p.path).name, p.container): p for p in load_paths([str(folder)]).prompts}
    assert set(got) == {("arc_easy.yaml", "doc_to_text"), ("gsm8k-cot-zeroshot.yaml", "doc_to_text"),
                        ("mmlu_abstract_algebra.yaml", "description")}
    for name in ("arc_easy.yaml", "gsm8k-cot-zeroshot.yaml"):
        value = yaml.safe_load((folder / name).read_text())["doc_to_text"]
        prompt = got[(name, "doc_to_text")]
        assert prompt.syntax == "jinja" and _first_token(prompt) == _jinja_head(value, "{{question}}")
    description = yaml.safe_load((folder / "mmlu_abstract_algebra.yaml").read_text())["description"]
    assert got[("mmlu_abstract_algebra.yaml", "description")].text == description


def test_a_task_field_elsewhere_is_no_lm_eval_prompt(tmp_path):
    """The same keys without the task config's marker keys are settings as before."""
    (tmp_path / "settings.yaml").write_text("description: The nightly build of the web app\n"
                                            "doc_to_text: question_stem\n")
    assert load_paths([str(tmp_path)]).prompts == []


def test_a_tool_schema_property_named_with_agent_is_no_agent_section():
    """TapeAgents' form schema `RequestFlightChange.yaml`: `parameters.properties.travel_agent_id.
    description` documents an id parameter; a section is an agent's or a task's by its head word
    (`agents`, `research_task`), not by `agent` inside `travel_agent_id`."""
    path = FIX / "agents" / "tapeagents-forms" / "RequestFlightChange.yaml"
    got = {p.container for p in load_paths([str(path)]).prompts}
    assert not [c for c in got if c.startswith("parameters.")]

