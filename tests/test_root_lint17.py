"""False findings of the root lint of session 2026-12-02 13:34 (helper roots17; benchmarks/PROMPT_DISCOVERY.md,
"Root lint, session 17 (roots17)"), each on a cut of the real file: HuixiangDou (this session's blind root) and
bisheng (roots14's blind root, a false error the lead named)."""

from __future__ import annotations

from pathlib import Path

from test_root_lint11 import _project_lint  # the folder linted as `pcache lint ROOT` does

CODE = Path(__file__).resolve().parent / "fixtures" / "code"


def _one(prompts, container):
    (p,) = [p for p in prompts if p.container == container]
    return p


def test_huixiangdou_hf_chat_query_is_the_final_user_turn(tmp_path):
    """HuixiangDou's ``InferenceWrapper.chat_stream`` hands ``prompt`` (here prefixed with a fixed sentence)
    to ``self.model.stream_chat(self.tokenizer, prompt, history, ...)``: the chat method of a Hugging Face
    model loaded with ``trust_remote_code`` (InternLM2's, as ChatGLM's and Qwen-1's: ``chat(tokenizer,
    query, history=...)``), whose code builds the request from its system text, the history pairs, then the
    query as the last user turn.  Before: a head, its variable at token 15 (at HuixiangDou's root a PC101
    error of 9,728 tokens, the variable per-turn through its callers)."""
    from pcache.analyzers.conversation import prompt_position

    root = CODE / "huixiangdou-hf-chat"
    path = root / "huixiangdou" / "services" / "llm_server_hybrid.py"
    text = path.read_text(encoding="utf-8")
    assert "self.model.stream_chat(self.tokenizer, prompt, history" in text
    prompts, index, found = _project_lint(root)
    prompt = _one(prompts, "InferenceWrapper.chat_stream.prompt")
    assert prompt_position(prompt, project=index) == "final-turn"
    assert not [f for f in found if f.prompt.endswith("chat_stream.prompt")]

    # the same text handed to a call whose first argument is no tokenizer stays a head, with its finding
    (tmp_path / "llm.py").write_text(text.replace("stream_chat(self.tokenizer, prompt",
                                                  "stream_chat(self.session, prompt"), encoding="utf-8")
    prompts, index, found = _project_lint(tmp_path)
    prompt = _one(prompts, "InferenceWrapper.chat_stream.prompt")
    assert prompt_position(prompt, project=index) == "head"
    assert "PC101" in [f.code for f in found if f.prompt.endswith("chat_stream.prompt")]


def test_bisheng_time_block_in_the_agent_input_is_the_final_user_turn(tmp_path):
    """bisheng's Linsight task (``src/backend/bisheng/linsight/domain/task_exec.py``) writes a clock to the
    minute (``_current_time_block``) at the start of the user message it gives the LangGraph agent:
    ``agent.astream({"messages": [{"role": "user", "content": f"{self._current_time_block()}..."}]})`` and
    ``return {"messages": [{"role": "user", "content": content}]}`` (``parts = [time block, ...]`` joined).
    The docstring says why: "Injected into the dynamic first message (NOT the static system prompt) so the
    system prompt stays byte-identical".  The last message under a mapping's ``messages`` key is the last of
    the request (LangGraph's ``add_messages`` appends it after the agent's system prompt and the thread's
    history; a chat body keeps its order): a user's is the final turn.  Before: a head, the clock per-turn
    at token 3, a PC101 error of 9,728 tokens (at bisheng's root, and on this cut)."""
    from pcache.analyzers.conversation import prompt_position

    root = CODE / "bisheng-agent-input"
    text = (root / "linsight" / "domain" / "task_exec.py").read_text(encoding="utf-8")
    prompts, index, found = _project_lint(root)
    block = _one(prompts, "LinsightWorkflowTask._current_time_block")
    assert "strftime('%Y-%m-%d %H:%M')" in block.text
    assert prompt_position(block, project=index) == "final-turn"
    assert not [f for f in found if f.severity == "error"]

    # had the code put the block in a system message, it would head the request: the error is kept
    sent = text.replace('{"role": "user", "content": f"{self._current_time_block()}',
                        '{"role": "system", "content": f"{self._current_time_block()}')
    sent = sent.replace('return {"messages": [{"role": "user", "content": content}]}',
                        'return {"messages": [{"role": "system", "content": content}]}')
    assert sent.count('"role": "system"') == 2
    (tmp_path / "task_exec.py").write_text(sent, encoding="utf-8")
    prompts, index, found = _project_lint(tmp_path)
    block = _one(prompts, "LinsightWorkflowTask._current_time_block")
    assert prompt_position(block, project=index) == "head"
    assert [f.code for f in found if f.severity == "error" and f.prompt.endswith("._current_time_block")] == ["PC101"]


def test_youtu_config_template_block_is_read_without_a_crash():
    """youtu-agent's ``utu/prompts/meta/tool_generator_mcp.yaml`` keeps ``TEMPLATE_CONFIG: |``, a Jinja template
    of the YAML config file its tool generator writes (``name: {{ name }}``).  Its key says config, so the
    reader tried it as a configuration document held in a literal block; YAML reads ``{{ name }}`` as a
    mapping keyed by a mapping, and the reader's merge of keys hashed that key: ``pcache lint .`` at the
    root stopped with "internal error: TypeError: unhashable type: 'list'" (main 38cc75f, blind).  A key that
    is no scalar means the block is a template, not a document: it stays the one string it is."""
    from pcache.analyzers.sources.config_fields import yaml_leaves

    path = CODE / "youtu-config-template" / "utu" / "prompts" / "meta" / "tool_generator_mcp.yaml"
    text = path.read_text(encoding="utf-8")
    leaves = {leaf.path: leaf.value for leaf in yaml_leaves(text)}
    assert set(leaves) == {("TEMPLATE_MANIFEST",), ("TEMPLATE_CONFIG",)}
    assert leaves[("TEMPLATE_CONFIG",)].startswith("# @package _global_\n\nname: {{ name }}\n")
    prompts, _index, _found = _project_lint(CODE / "youtu-config-template")  # no internal error
    assert "TEMPLATE_CONFIG" in {p.container for p in prompts}


def test_youtu_worker_message_after_the_history_is_the_final_turn(tmp_path):
    """youtu-agent's orchestrator (``utu/agents/orchestrator_agent.py:_run_task``) renders the ``worker``
    template of ``utu/prompts/agents/orchestrator/chain.yaml`` and sends it as ``recorder.history_messages +
    [{"role": "user", "content": task_with_context}]``: the message goes after the history, the last of the
    list made.  Before: a head, ``{{ problem }}`` at token 58 (at the root a per-turn PC101 error of 10,368
    tokens, blind; on this cut an info)."""
    from pcache.analyzers.conversation import prompt_position

    root = CODE / "youtu-worker-turn"
    code = (root / "utu" / "agents" / "orchestrator_agent.py").read_text(encoding="utf-8")
    assert 'recorder.history_messages + [{"role": "user", "content": task_with_context}]' in code
    prompts, index, found = _project_lint(root)
    worker = _one(prompts, "worker")
    assert prompt_position(worker, project=index) == "final-turn"
    assert not [f for f in found if f.code == "PC101"]

    # the same message put before the history heads the request
    for rel in ("utu/agents/orchestrator_agent.py", "utu/prompts/agents/orchestrator/chain.yaml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text((root / rel).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "utu/agents/orchestrator_agent.py").write_text(code.replace(
        'recorder.history_messages + [{"role": "user", "content": task_with_context}]',
        '[{"role": "system", "content": task_with_context}] + recorder.history_messages'), encoding="utf-8")
    prompts, index, found = _project_lint(tmp_path)
    worker = _one(prompts, "worker")
    assert prompt_position(worker, project=index) == "head"
    assert "PC101" in [f.code for f in found]


NAMES = ("Reflexion.evaluation_template", "create_reflexion_flow_agents.evaluation_template")


def test_oxygent_query_of_an_agent_call_is_its_user_turn(tmp_path):
    """OxyGent's ``Reflexion`` flow (``oxygent/oxy/flows/reflexion.py``) fills ``evaluation_template`` and
    ``improvement_template`` (class fields) and hands each as ``oxy_request.call(callee=..., arguments=
    {"query": text})``; OxyGent's agents write their instruction as the system message, the short memory, then
    ``Message.user_message(oxy_request.get_query())``: the query is the callee's user turn.  The improvement
    query is bound at the end of a pass and read by the call at the start of the next pass: a loop-carried
    value, not followed (its error is left).  ``create_reflexion_flow_agents`` gives ``Reflexion(evaluation_template="...")`` another template: the
    constructor's keyword names a field the class declares, read as ``self.evaluation_template`` by
    ``_execute``, so the text goes where that read goes.  Before: both heads, ``{answer}`` and ``{improvement_suggestions}`` per-turn PC101 errors (4 errors at
    OxyGent's root with the same templates of ``MathReflexion`` and ``create_reflexion_flow_agents``, blind)."""
    from pcache.analyzers.conversation import prompt_position

    root = CODE / "oxygent-agent-query"
    code = (root / "oxygent" / "oxy" / "flows" / "reflexion.py").read_text(encoding="utf-8")
    prompts, index, found = _project_lint(root)
    for name in NAMES:
        assert prompt_position(_one(prompts, name), project=index) == "final-turn"
    assert [f.prompt.rsplit(":", 1)[-1] for f in found if f.code == "PC101" and f.severity == "error"] == [
        "Reflexion.improvement_template"]

    # handed to a call that names no callee (no OxyGent agent call), the templates stay heads
    (tmp_path / "reflexion.py").write_text(code.replace("callee=self.", "target=self."), encoding="utf-8")
    prompts, index, found = _project_lint(tmp_path)
    for name in NAMES:
        assert prompt_position(_one(prompts, name), project=index) == "head"
    assert [f.code for f in found if f.severity == "error"] == ["PC101", "PC101", "PC101"]


def _system_query_one_shot(root):
    from pcache.analyzers.oneshot import one_shot
    from pcache.analyzers.sources.load import load_paths

    (prompt,) = [p for p in load_paths([str(root)]).prompts if p.container == "ParallelAgent._execute.system"]
    (seg,) = [s for s in prompt.segments if s.line and s.text == "{oxy_request.get_query()}"]
    return one_shot(seg, prompt)


def test_oxygent_fresh_memory_of_two_messages_is_one_request(tmp_path):
    """OxyGent's ``ParallelAgent._execute`` (``oxygent/oxy/agents/parallel_agent.py``) makes ``temp_memory =
    Memory()``, adds ``Message.system_message(f"...{oxy_request.get_query()}...")`` and one
    ``Message.user_message(...)`` (the members' results), and sends ``temp_memory.to_dict_list()`` in one
    call: a request written for this call, no history after it.  The user's query in it changes per request
    of that call, not per turn (at OxyGent's root, blind: per-turn through a caller's loop, a head, a PC101
    error of 9,728 tokens).  Before: ``Message.system_message`` was no message to the reader and two messages
    added were taken for a conversation."""
    root = CODE / "oxygent-parallel"
    text = (root / "oxygent" / "oxy" / "agents" / "parallel_agent.py").read_text(encoding="utf-8")
    assert _system_query_one_shot(root) is not None

    # messages added in a loop build a conversation, and a memory the object keeps is no fresh request
    looped = text.replace("        temp_memory.add_message(\n            Message.user_message(",
                          "        for _ in self.permitted_tool_name_list: temp_memory.add_message(\n"
                          "            Message.user_message(")
    kept = text.replace("temp_memory = Memory()", "temp_memory = self.memory")
    for i, variant in enumerate((looped, kept)):
        assert variant != text
        folder = tmp_path / str(i)
        folder.mkdir()
        (folder / "parallel_agent.py").write_text(variant, encoding="utf-8")
        assert _system_query_one_shot(folder) is None


def test_youtu_text_given_as_messages_is_the_whole_request(tmp_path):
    """youtu-agent's GAIA document toolkit (``examples/gaia/tools/document_processing_toolkit.py``) fills
    ``POSTPROCESS_QA_PROGRESSIVE`` (with the answer so far, ``{previous_answer}``) and sends it as
    ``self.llm.query_one(messages=prompt)``: the text itself handed as a request's messages can only be its
    one message, the whole request.  Before: a head, ``previous_answer`` per-turn by its name, a PC101 error
    of 10,240 tokens (at the root, blind, and on this cut)."""
    from pcache.analyzers.conversation import prompt_position

    root = CODE / "youtu-messages-text"
    rel = "examples/gaia/tools/document_processing_toolkit.py"
    code = (root / rel).read_text(encoding="utf-8")
    prompts, index, found = _project_lint(root)
    for name in ("POSTPROCESS_QA_PROGRESSIVE", "POSTPROCESS_QA_FIRST"):
        assert prompt_position(_one(prompts, name), project=index) == "whole"
    assert not [f for f in found if f.severity == "error"]

    # handed under another keyword to a call outside the project, the template stays a head
    for r in (rel, "examples/gaia/tools/document_processing_prompts.yaml"):
        (tmp_path / r).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / r).write_text((root / r).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / rel).write_text(code.replace("query_one(messages=prompt)", "query_one(text=prompt)"), encoding="utf-8")
    prompts, index, found = _project_lint(tmp_path)
    assert prompt_position(_one(prompts, "POSTPROCESS_QA_PROGRESSIVE"), project=index) == "head"
    assert [f.code for f in found if f.severity == "error"] == ["PC101"]
