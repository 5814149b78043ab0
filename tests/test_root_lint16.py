"""False findings of the root lint of session 2026-12-02 (helper roots16; benchmarks/RESULTS.md, "Root lint,
session 2026-12-02 (helper roots16)"), each on a cut of the real file from the blind roots of this session."""

from __future__ import annotations

import re
from pathlib import Path

import tiktoken

from test_root_lint11 import _project_lint  # the folder linted as `pcache lint ROOT` does

CODE = Path(__file__).resolve().parent / "fixtures" / "code"
AU = CODE / "agentuniverse-prompt-model"


def _by_container(prompts, path_end):
    return {p.container: p for p in prompts if p.path.endswith(path_end)}


def test_agentuniverse_instruction_is_the_final_user_message(tmp_path):
    """agentUniverse's prompt files (``agentuniverse/agent/default/react_agent/default_en_prompt.yaml``) and
    agent profiles (``profile:`` of an agent YAML) hold ``introduction``, ``target`` and ``instruction``.  Its
    prompt model (``agentuniverse/prompt/prompt_model.py``: ``_message_type_mapping = {'introduction':
    SYSTEM, 'target': SYSTEM, 'instruction': HUMAN}``) and ``generate_chat_template`` make one system message
    of introduction and target and put the instruction after it as the human message, the last of the
    request ``ChatPrompt.as_langchain()`` sends; the conversation so far is rendered inside it
    (``{chat_history}``).  Before: the instruction was a head (``instruction`` says system), and
    ``{chat_history}`` a per-turn PC101 error (50 errors at agentUniverse's root, blind)."""
    from pcache.analyzers.conversation import prompt_position

    prompts, index, found = _project_lint(AU)
    react = _by_container(prompts, "default_en_prompt.yaml")
    profile = _by_container(prompts, "rag_agent_case.yaml")
    assert "instruction" in react and "profile.instruction" in profile
    assert "{chat_history}" in react["instruction"].text and "{chat_history}" in profile["profile.instruction"].text
    assert prompt_position(react["instruction"], project=index) == "final-turn"
    assert prompt_position(profile["profile.instruction"], project=index) == "final-turn"
    # the system message's parts stay heads
    for p in list(react.values()) + list(profile.values()):
        if p.container.rsplit(".", 1)[-1] in ("introduction", "target"):
            assert prompt_position(p, project=index) == "head"
    assert not [f for f in found if f.severity == "error"]

    # without the fields of the prompt model beside it, an ``instruction`` is a system instruction: a head,
    # and the history rendered early in it is an error again
    text = (AU / "agentuniverse" / "agent" / "default" / "react_agent" / "default_en_prompt.yaml").read_text(
        encoding="utf-8")
    alone = re.sub(r"(?m)^(introduction|target):.*\n", "", text)
    assert alone.startswith("instruction:")
    (tmp_path / "prompt.yaml").write_text(alone, encoding="utf-8")
    prompts, index, found = _project_lint(tmp_path)
    (instruction,) = [p for p in prompts if p.container == "instruction"]
    assert prompt_position(instruction, project=index) == "head"
    errors = [f for f in found if f.severity == "error"]
    assert [f.code for f in errors] == ["PC101"] and "chat_history" in errors[0].message
    # the history sits before the 1,024-token minimum (tiktoken on the instruction's text before it)
    enc = tiktoken.get_encoding("o200k_base")
    head = instruction.text.split("{chat_history}")[0]
    assert len(enc.encode(head)) < 1024


def test_agently_input_is_the_final_user_message(tmp_path):
    """Agently's request chain: ``agent.general(...).info(...).set_role(...).input(prompt).output(...).start()``.
    Its request plugins (``Agently/plugins/request/OpenAI.py``, ``construct_request_messages``) write the
    ``.general``/``.set_role`` data as system messages, then the chat history, then one user message made of
    what ``.input`` (with ``.info``/``.instruct``/``.output``) was given: the last message of the request
    ``.start()`` sends.  ``playground/workflow_gernerate_code.py`` hands ``.input`` an f-string that begins
    with the user's question (and prints it first).  Before: a head, ``{question}`` per-turn at token 0, a
    PC101 error of 9,600 tokens per conversation at Agently's root (blind)."""
    from pcache.analyzers.conversation import prompt_position

    root = CODE / "agently-input"
    text = (root / "playground" / "workflow_gernerate_code.py").read_text(encoding="utf-8")
    assert ".input(prompt)" in text and "print(prompt)" in text and ".start()" in text
    prompts, index, found = _project_lint(root)
    (prompt,) = [p for p in prompts if p.container == "generate_code.prompt"]
    assert prompt_position(prompt, project=index) == "final-turn"
    assert not [f for f in found if f.severity == "error"]

    # the same text handed to a call that does not start an Agently request stays a head
    (tmp_path / "playground").mkdir()
    (tmp_path / "playground" / "flow.py").write_text(text.replace(".start()", ".run()"), encoding="utf-8")
    prompts, index, found = _project_lint(tmp_path)
    (prompt,) = [p for p in prompts if p.container == "generate_code.prompt"]
    assert prompt_position(prompt, project=index) == "head"
    assert [f.code for f in found if f.severity == "error"] == ["PC101"]
