"""False findings of the root lint of session 2026-12-01 07:13 (helper roots14; benchmarks/PROMPT_DISCOVERY.md,
"Root lint, session 2026-12-01 07:13"), each on a cut of the real file: the known list of roots12/roots13
(in-sample) and what the blind roots of this session showed."""

from __future__ import annotations

import re
from pathlib import Path

import tiktoken

from test_root_lint11 import _project_lint  # the folder linted as `pcache lint ROOT` does

CODE = Path(__file__).resolve().parent / "fixtures" / "code"


def test_a_chainlite_prompt_file_is_a_whole_request(tmp_path):
    """WikiChat's ``pipelines/prompts/refine.prompt`` is a ChainLite prompt: ``# instruction`` (the system
    message), ``# distillation instruction``, and one ``# input`` block, the final user message, where
    ``{{ dlg.history(num_turns=2) }}`` renders the dialogue so far.  ``llm_generation_chain("refine.prompt",
    ...)`` sends the blocks as one request (ChainLite's ``load_prompt.py``: "The order of few-shot blocks in
    the prompt should be ((input -> output) * N) -> input"); nothing follows the last input.  Before: the file
    was a head, the history per-turn by its name at token ~311, a PC101 error of 12,544 tokens per
    conversation at WikiChat's root."""
    from pcache.analyzers.conversation import prompt_position

    root = CODE / "wikichat-chainlite"
    path = root / "pipelines" / "prompts" / "refine.prompt"
    text = path.read_text(encoding="utf-8")
    # the blocks as ChainLite reads them, by hand: instruction, distillation instruction, one input
    assert re.findall(r"(?m)^# (\w[\w ]*)$", re.sub(r"\{#.*?#\}", "", text, flags=re.S)) == [
        "instruction", "distillation instruction", "input"]
    prompts, index, found = _project_lint(root)
    (prompt,) = prompts
    assert prompt_position(prompt, project=index) == "whole"
    assert not [f for f in found if f.severity == "error"]
    # as a whole request the static text alone decides: below 1,024 tokens (tiktoken on the text without
    # its Jinja), so no variable costs a cached token
    enc = tiktoken.get_encoding("o200k_base")
    static = re.sub(r"\{\{.*?\}\}|\{#.*?#\}", "", text, flags=re.S)
    assert len(enc.encode(static)) < 1024
    pc101 = [f for f in found if f.code == "PC101"]
    assert pc101 and all(f.cost_tokens_per_conversation == 0 for f in pc101)
    # its static text alone is below the minimum: a note (the request it renders holds the dialogue too, and
    # nothing is asked), as a head's PC201 is; a logged request body's stays listed (test_lint_notes)
    assert [(f.position, f.note) for f in found if f.code == "PC201"] == [("whole", True)]

    # the same text with its last block an output is not laid out as ChainLite requires: a head again,
    # and the per-turn history is an error
    broken = tmp_path / "pipelines" / "prompts"
    broken.mkdir(parents=True)
    (broken / "refine.prompt").write_text(text + "\n# output\n<revised_response>\n</revised_response>\n",
                                          encoding="utf-8")
    prompts, index, found = _project_lint(tmp_path)
    assert prompt_position(prompts[0], project=index) == "head"
    assert [f.code for f in found if f.severity == "error"] == ["PC101"]


def test_a_url_path_parameter_is_no_template_field(tmp_path):
    """LangBot's QA cases (``skills/skills/langbot-testing/cases/*.yaml``) hold an ``automation_prompt`` (the
    message a browser test sends) and ``diagnostics``, notes for the tester: "Use GET
    /api/v1/pipelines/{uuid} only to confirm ...".  The prompt key made the file's templated fields count,
    and ``{uuid}`` made the note a format template: a PC101 error of 9,728 tokens per conversation on each of
    three such files at LangBot's root (blind).  ``{uuid}`` is a whole segment of a URL path, OpenAPI's path
    templating: a route's parameter, not a field a prompt fills."""
    from pcache.analyzers.sources.load import load_paths

    root = CODE / "langbot-case"
    path = root / "skills" / "skills" / "langbot-testing" / "cases" / "local-agent-basic-debug-chat.yaml"
    text = path.read_text(encoding="utf-8")
    assert "/api/v1/pipelines/{uuid} only" in text
    corpus = load_paths([str(root)])
    assert [p.container for p in corpus.prompts] == ["automation_prompt"]
    # the same note with a placeholder in its prose is still a template of the file
    other = tmp_path / "case.yaml"
    other.write_text(text.replace("{uuid} only", "{uuid} only for {model_name}"), encoding="utf-8")
    corpus = load_paths([str(other)])
    assert sorted(p.container for p in corpus.prompts) == ["automation_prompt", "diagnostics[1]"]


def test_a_builders_sections_are_placed_where_its_joined_text_is_sent(tmp_path):
    """parlant assembles every prompt in a ``PromptBuilder``: ``add_section(name, template, props)`` keeps
    ``PromptSection(template=..., props=...)`` in ``self.sections``; ``build()`` formats and joins them and
    returns one text, which each service sends as one request: a one-message list (OpenAI's
    ``[{"role": "developer", "content": prompt}]``; Snowflake's inside a posted ``payload``), Gemini's
    ``generate_content(contents=prompt)``, Ollama's ``generate(model=..., prompt=prompt)``, Emcie's posted
    ``{"prompt": prompt}`` to ``/v1/completions``; the data collector writes it to a file.  So a section --
    the class constant ``_INTERACTION_BODY`` read as ``self._INTERACTION_BODY``, the note kept in the
    section's ``props`` -- is part of a whole request, not the head of a conversation.  Before: heads, and
    ``_last_agent_message_note``'s ``{last_message}`` a per-turn PC101 error of 9,728 tokens per
    conversation at parlant's root (six such errors there)."""
    import shutil

    from pcache.analyzers.conversation import prompt_position

    root = tmp_path / "parlant"  # the builder (verdicts13's cut) and the services that send what it builds
    shutil.copytree(CODE / "parlant-sent", root)
    shutil.copy(CODE / "parlant-builder" / "prompt_builder.py", root)
    prompts, index, found = _project_lint(root)
    placed = {p.container: prompt_position(p, project=index) for p in prompts}
    assert placed["PromptBuilder._INTERACTION_BODY"] == "whole"
    assert placed["PromptBuilder._last_agent_message_note"] == "whole"
    assert {f.position for f in found if f.code == "PC101"} == {"whole"}

    # one service that hands the built text to a call the scan cannot see into: the builder's text goes
    # somewhere unknown, so its sections stay heads
    other = tmp_path / "other"
    shutil.copytree(root, other)
    service = other / "openai_service.py"
    text = service.read_text(encoding="utf-8")
    assert text.count('messages=[{"role": "developer", "content": prompt}]') == 2
    service.write_text(text.replace('messages=[{"role": "developer", "content": prompt}]',
                                    "messages=self._history.with_turn(prompt)"), encoding="utf-8")
    prompts, index, found = _project_lint(other)
    placed = {p.container: prompt_position(p, project=index) for p in prompts}
    assert placed["PromptBuilder._last_agent_message_note"] == placed["PromptBuilder._INTERACTION_BODY"] == "head"


def test_a_root_whose_packages_sit_in_a_source_folder_is_a_monorepo(tmp_path):
    """bisheng keeps its code in ``src/backend/`` (``pyproject.toml``) and ``src/frontend/platform/``
    (``package.json``); its root has no build manifest, so the walk took it for a repository of prompt files
    and read every Markdown page holding braces as a template: the spec-driven development documents under
    ``features/`` (``path 格式 `/{root_id}/{new_id}/```, ``src/backend/bisheng/{module}/...``), 14 PC101
    errors and 7 infos at its root (blind).  A manifest one level inside the monorepo's folder of packages
    (``src/``, ``packages/``, ``apps/``...) makes the root a monorepo's, whose prose is documentation."""
    import shutil

    from pcache.analyzers.sources.load import load_paths

    root = CODE / "bisheng-monorepo"
    spec = root / "features" / "v2.5.0" / "002-department-tree" / "spec.md"
    assert "`/{root_id}/{new_id}/`" in spec.read_text(encoding="utf-8")
    assert (root / "src" / "backend" / "pyproject.toml").is_file() and not (root / "pyproject.toml").exists()
    assert not load_paths([str(root)]).prompts
    # the same page in a folder whose manifest sits in a folder that is no folder of packages
    # (wshobson/agents' ``plugins/plugin-eval/pyproject.toml``, one plugin among prompt folders): still read
    shutil.copytree(root / "features", tmp_path / "features")
    (tmp_path / "plugins" / "plugin-eval").mkdir(parents=True)
    shutil.copy(root / "src" / "backend" / "pyproject.toml", tmp_path / "plugins" / "plugin-eval")
    assert [p.path for p in load_paths([str(tmp_path)]).prompts] == [str(tmp_path / spec.relative_to(root))]


def test_literal_text_appended_keeps_a_template_a_joined_value_makes_another():
    """``template += "{last_event_note}\\n"`` (parlant's ``_add_history_section``) appends text to a template
    being written: the name still holds it, and its later reads (``add_section(template=template)``) decide.
    ``final_best_prompt += "Keywords: " + intent_keywords`` (PromptWizard's ``get_best_prompt``) joins another
    value into a new text, returned out of the scan: followed there, PromptWizard's ``quest_reason_ans`` became
    a head with a false per-turn error (9,600) at its root, where it had been a final turn."""
    import ast

    from pcache.analyzers.oneshot import _parents
    from pcache.analyzers.placement_flow import _extended

    def targets(path: Path, name: str) -> list[ast.Name]:
        tree = ast.parse(path.read_text(encoding="utf-8").replace("    def ", "def ", 1) if path.name == "core_logic.py"
                         else path.read_text(encoding="utf-8"))
        f = type("F", (), {"tree": tree})()
        parents = _parents(f)
        return [(n, parents) for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name
                and isinstance(parents.get(id(n)), ast.AugAssign)]

    ((parlant, p1),) = targets(CODE / "parlant-builder" / "prompt_builder.py", "template")
    assert _extended(p1, parlant)
    ((wizard, p2),) = targets(CODE / "promptwizard-best" / "core_logic.py", "final_best_prompt")
    assert not _extended(p2, wizard)


def test_an_xml_packet_of_a_protocol_is_no_prompt(tmp_path):
    """LangBot answers WeChat's servers with XML packets: ``xml_template`` (``<xml><ToUserName><![CDATA[{to_user}]]>
    ...<CreateTime>{create_time}</CreateTime>...</xml>``, the official-account reply) and
    ``XMLParse.AES_TEXT_RESPONSE_TEMPLATE`` (``<Encrypt><![CDATA[%(msg_encrypt)s]]></Encrypt>...
    <TimeStamp>%(timestamp)s</TimeStamp>``).  Their names say template, and the clock in them made three PC101
    errors (9,984-10,112 tokens) and three infos at LangBot's root (blind).  Neither opens with an XML
    declaration (pipecat's TwiML rule): each is one element whose every text is a single value, no sentence:
    a protocol's message.  The RAG template beside them, whose tags wrap sentences, is still a prompt."""
    from pcache.analyzers.sources.load import load_paths

    root = CODE / "langbot-xml"
    assert "<CreateTime>{create_time}</CreateTime>" in (root / "api.py").read_text(encoding="utf-8")
    assert [(Path(p.path).name, p.container) for p in load_paths([str(root)]).prompts] == [
        ("localagent.py", "rag_combined_prompt_template")]
    # the same packet with a sentence in an element is text for a model again
    text = (root / "api.py").read_text(encoding="utf-8").replace(
        "<Content><![CDATA[{content}]]></Content>",
        "<Content>Reply to the user in one short sentence: {content}</Content>")
    (tmp_path / "api.py").write_text(text, encoding="utf-8")
    assert [p.container for p in load_paths([str(tmp_path)]).prompts] == ["xml_template"]


def test_recorded_exchanges_of_a_saved_session_are_no_prompts(tmp_path):
    """data-formulator's demo sessions (``public/df_*.json``) keep, for each derived table, the exchange that
    made it: ``tables[i].derive.dialog`` = system, user, the model's answer (and more turns).  Once roots13 took
    the files for no request body, the config reader read every message as a prompt (182 at the root; no
    finding, but ``scan`` listed them).  A prompt's message list ends with the turn to be answered; two lists
    that each end with the model's answer after a system and a user message are a record of what was sent and
    answered, as a run's ``model_output`` records are."""
    import json

    from pcache.analyzers.sources.load import load_paths

    root = CODE / "data-formulator-dialogs"
    path = root / "public" / "df_movies.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert [[m["role"] for m in t["derive"]["dialog"]] for t in doc["tables"]] == [
        ["system", "user", "assistant"], ["system", "user", "assistant", "user", "assistant"]]
    assert not load_paths([str(root)]).prompts
    # one such exchange is no run's record, and a list that ends with the user's turn is a prompt: read
    one = {"tables": doc["tables"][:1]}
    (tmp_path / "one.json").write_text(json.dumps(one), encoding="utf-8")
    assert len(load_paths([str(tmp_path / "one.json")]).prompts) == 3
    asked = {"tables": [{"derive": {"dialog": t["derive"]["dialog"][:2]}} for t in doc["tables"]]}
    (tmp_path / "one.json").write_text(json.dumps(asked), encoding="utf-8")
    assert len(load_paths([str(tmp_path / "one.json")]).prompts) == 4


def test_the_turns_input_written_into_the_system_template_is_per_turn(tmp_path):
    """DB-GPT's chat_dashboard scene: ``ChatPromptTemplate(messages=[SystemPromptTemplate.from_template(
    PROMPT_SCENE_DEFINE + _DEFAULT_TEMPLATE, ...), MessagesPlaceholder(variable_name="chat_history"),
    HumanPromptTemplate.from_template("{input}")])``, and ``_DEFAULT_TEMPLATE`` holds "{input}" too.  One input
    mapping fills every message: the human message after the history is this turn's, so ``input`` is new at
    every turn, and in the system message it makes the history after it prefill again each turn.  Before: the
    name ``input`` said per-request, an info at 0 (roots13's missed cost, at six scenes of DB-GPT)."""
    from pcache.analyzers.sources.load import load_paths
    from pcache.analyzers.volatility import classify

    from test_root_lint11 import _project_lint as lint_root

    root = CODE / "dbgpt-scene"
    text = (root / "prompt.py").read_text(encoding="utf-8")
    assert 'MessagesPlaceholder(variable_name="chat_history"),\n        HumanPromptTemplate.from_template("{input}")' in text
    (p,) = [p for p in load_paths([str(root)]).prompts if p.container == "_DEFAULT_TEMPLATE"]
    (seg,) = [s for s in p.variables if s.name == "input"]
    got = classify(seg, p)
    assert (got.cls, got.rule) == ("per-turn", "struct.turn-input")
    _prompts, _index, found = lint_root(root)
    assert [f.prompt.rsplit(":", 1)[-1] for f in found if f.severity == "error"] == ["_DEFAULT_TEMPLATE", "prompt"]
    # a human message filled with another name leaves ``input`` to its name
    (tmp_path / "prompt.py").write_text(text.replace('from_template("{input}")', 'from_template("{question}")'),
                                        encoding="utf-8")
    (p,) = [p for p in load_paths([str(tmp_path)]).prompts if p.container == "_DEFAULT_TEMPLATE"]
    (seg,) = [s for s in p.variables if s.name == "input"]
    assert classify(seg, p).cls == "per-request"
