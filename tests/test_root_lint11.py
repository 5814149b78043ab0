"""False findings of the root lint of session 2026-11-30 19:44 (benchmarks/PROMPT_DISCOVERY.md, "Root lint,
session 2026-11-30 19:44", left items) fixed in session 2026-11-30 22:39, each on a cut of a real file."""

from __future__ import annotations

from pathlib import Path

from pcache.analyzers.lint import LintOptions, lint
from pcache.analyzers.sources.load import load_paths

CODE = Path(__file__).resolve().parent / "fixtures" / "code"


def test_prompty_templates_are_not_request_logs():
    """genaiscript's samples hold three Prompty files, each a system and a user message template
    (``{{question}}``, ``{{joke}}``, the Contoso chat's ``{% for item in history %}``).  A Prompty file is a
    prompt *template* a program fills and sends, not a record of requests sent: no conversation can be
    measured from it, so the conversation model stays the documented default (8 turns of 400 tokens) instead
    of "1 turn of N tokens measured from 3 conversations of the request logs"."""
    paths = sorted(str(p) for p in (CODE / "genaiscript").glob("*.prompty"))
    corpus = load_paths(paths)
    assert not corpus.errors and len(corpus.prompts) == 3
    # each is a chat body of a system and a user message, the shape a logged request has
    assert all(p.kind == "chat" and len(p.body["messages"]) == 2 for p in corpus.prompts)
    conv = lint(corpus.prompts, None, LintOptions()).conversation.summary()
    assert (conv["turns"], conv["turn_tokens"], conv["measured_from_conversations"]) == (8, 400, 0)
    assert (conv["turns_source"], conv["turn_tokens_source"]) == ("default", "default")


def test_a_history_rendered_in_place_is_the_conversation_not_a_change_of_the_head(o200k):
    """Flowise's Conversational Retrieval QA chain condenses the question with LangChain's template
    ``...Chat History:\n{chat_history}\nFollow Up Input: {question}\nStandalone question:``.  The buffer
    memory renders the history by appending to it: turn k's text is the start of turn k+1's, so the text
    before it and the old history stay a prefix, as messages after a head do; only the tokens the template
    writes after the history are prefilled again at every turn.  Before: "every turn prefills the whole
    history again", 9,856 tokens per conversation.  Now the cost of that tail, recomputed here with
    OpenAI's rule (nothing under 1,024 tokens, then 128-token steps) over the default 8 turns of 400
    tokens: request k shares ``L(k-1) - tail`` tokens instead of ``L(k-1)``.  ``{question}`` after it is the
    newest message: not judged.  The response prompt's ``{context}`` (no history) is judged as before."""
    def cacheable(n: int) -> int:
        return 0 if n < 1024 else 1024 + 128 * ((n - 1024) // 128)

    path = CODE / "flowise" / "Conversational Retrieval QA Chain.json"
    corpus = load_paths([str(path)])
    (rephrase,) = [p for p in corpus.prompts if p.container.endswith("rephrasePrompt")]
    names = [v.name for v in rephrase.variables]
    assert names == ["chat_history", "question"]
    history = rephrase.variables[0]
    k = rephrase.segments.index(history)
    before = "".join(s.text for s in rephrase.segments[:k])
    after = "".join(s.text for s in rephrase.segments[k + 1:])
    head = len(o200k.encode(before + after))
    tail = len(o200k.encode(after))
    lost = sum(cacheable(head + 400 * t) - cacheable(head + 400 * t - tail) for t in range(1, 8))
    found = lint(corpus.prompts, None, LintOptions()).findings
    pc101 = {f.prompt.rsplit(":", 1)[-1]: f for f in found if f.code == "PC101"}
    got = pc101[[c for c in pc101 if c.endswith("rephrasePrompt")][0]]
    assert got.data["variables"] == ["chat_history"] and abs(got.data["history_tail_tokens"] - tail) <= 1
    assert got.cost_tokens_per_conversation == lost and 0 < lost < 1024
    assert got.severity == "error"  # per-turn and costing cached tokens: severity follows cost
    (response,) = [f for c, f in pc101.items() if c.endswith("responsePrompt")]
    (prompt,) = [p for p in corpus.prompts if p.container.endswith("responsePrompt")]
    first = prompt.variables[0]
    static = "".join(s.text for s in prompt.segments[:prompt.segments.index(first)])
    # the last static token may merge with the value's first (issue 11: within 2 of tiktoken on the text)
    assert first.name == "context" and abs(response.token - len(o200k.encode(static))) <= 1
    # a window memory is not append-only: declared, the variable is judged by its class again
    from pcache.analyzers.rules.context import LintSettings
    from pcache.analyzers.volatility import VolatilitySettings

    declared = LintSettings(volatility=VolatilitySettings({"chat_history": "per-turn"}))
    again = [f for f in lint(corpus.prompts, None, LintOptions(settings=declared)).findings
             if f.code == "PC101" and f.prompt.endswith("rephrasePrompt")]
    assert [f.severity for f in again] == ["error"] and again[0].cost_tokens_per_conversation > 5 * lost


def test_an_assistant_message_rebuilt_from_the_agents_steps_is_history():
    """Langchain-Chatchat's ``format_to_platform_tool_messages`` rebuilds, at every call, one
    ``AIMessage(content=f"arguments='{agent_action.tool_input}', name='{agent_action.tool}'")`` per step of
    ``intermediate_steps``, bound to a local (``ai_msgs``, in two branches) and added with
    ``messages.extend([ai_msgs, ...])``.  It is the agent's own earlier tool call replayed: the same text for
    the same step in every later request, a turn of the conversation like a message appended directly.  Not
    a head: no PC101 (before: an error, "every turn prefills the whole history again", 9,600 tokens)."""
    from pcache.analyzers.conversation import prompt_position

    path = CODE / "chatchat" / "all_tools.py"
    corpus = load_paths([str(path)])
    (prompt,) = corpus.prompts
    assert (prompt.container, prompt.role) == ("format_to_platform_tool_messages.ai_msgs.assistant", "assistant")
    assert [v.name for v in prompt.variables][:2] == ["agent_action.tool_input", "agent_action.tool"]
    assert prompt_position(prompt) == "final-turn"
    assert not [f for f in lint(corpus.prompts, None, LintOptions()).findings if f.code == "PC101"]


def _project_lint(root: Path):
    """The folder's prompts linted as ``pcache lint ROOT`` does: with the scan's code as the project."""
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.rules.context import LintSettings
    from pcache.analyzers.volatility import VolatilitySettings

    files = sorted(str(p) for p in root.rglob("*") if p.is_file())
    corpus = load_paths([str(root)])
    assert not corpus.errors, corpus.errors
    index = ProjectIndex(files)
    settings = LintSettings(volatility=VolatilitySettings(project=index))
    return corpus.prompts, index, lint(corpus.prompts, None, LintOptions(settings=settings)).findings


def test_a_user_prompt_sent_through_a_project_helper_is_the_final_turn():
    """PromptWizard fills ``prompt_pool.yaml:eval_prompt`` in ``instantiate.py``
    (``final_prompt = self.prompt_pool.eval_prompt.format(instruction=..., question=question)``) and hands
    it to its own helper ``self.prompt_opt.chat_completion(user_prompt=final_prompt, system_prompt=...)``,
    which builds a fresh ``[{"role": "system", ...}, {"role": "user", "content": user_prompt}]`` for
    ``LLMMgr.chat_completion(messages)``.  The helper is found by its name among the scan's functions (the
    other ``chat_completion``, ``LLMMgr``'s, takes no ``user_prompt``), the argument bound to its parameter,
    and the parameter is the last message, a user's, of the request it builds: the final turn.  Nothing
    follows it, so PC101 says nothing (before: a head, a PC101 finding on ``{question}``)."""
    from pcache.analyzers.conversation import prompt_position

    prompts, index, found = _project_lint(CODE / "promptwizard")
    (prompt,) = [p for p in prompts if p.container == "eval_prompt"]
    assert [v.name for v in prompt.variables] == ["instruction", "question"]
    assert prompt_position(prompt, project=index) == "final-turn"
    # a template of the same file that no code of the scan fills stays a head, with its finding
    (other,) = [p for p in prompts if p.container == "quest_reason_ans"]
    assert prompt_position(other, project=index) == "head"
    pc101 = [f.prompt.rsplit(":", 1)[-1] for f in found if f.code == "PC101"]
    assert "quest_reason_ans" in pc101 and "eval_prompt" not in pc101, pc101


def test_a_genaiscript_inline_prompt_is_a_whole_request():
    """genaiscript's ``cache.genai.mts`` writes ``const innerPrompt = `Generate 2 word poem. ${Math.random()}```
    at the top of the script and runs it three times with ``runPrompt(innerPrompt, {cache: "inner", ...})``:
    GenAIScript documents ``runPrompt`` as an inner LLM invocation in a new chat context, its text the
    request's user message.  A top-level ``const`` the module does not export is read in that script only.
    The prompt is the whole request (10 tokens, nothing cacheable): not a head whose every turn re-prefills
    the history (an error of 9,600 tokens per conversation under the default conversation model before)."""
    from pcache.analyzers.conversation import prompt_position

    corpus = load_paths([str(CODE / "genaiscript" / "cache.genai.mts")])
    (prompt,) = corpus.prompts
    assert prompt.container == "innerPrompt" and [v.name for v in prompt.variables] == ["Math.random()"]
    assert prompt_position(prompt) == "whole"
    found = [f for f in lint(corpus.prompts, None, LintOptions()).findings if f.code == "PC101"]
    assert [(f.severity, f.position, f.cost_tokens) for f in found] == [("info", "whole", 0)]


def test_a_form_fields_description_and_code_example_are_not_prompts():
    """Flowise describes each node parameter as a form field (``INodeParams``: ``label``, ``name``, ``type``):
    its ``description`` (``Assign values to the prompt variables. You can also use $flow.state.<variable-
    name>...``) and its ``codeExample`` (JavaScript shown in the editor) are for the person filling it in;
    its ``default`` (``You are about to execute tool: {tools}. Ask if user want to proceed``) and the node's
    ``inputs`` hold the values sent.  Cut of the ``Branch Out Merge In`` agentflow's first sequential agent."""
    corpus = load_paths([str(CODE / "flowise" / "Branch Out Merge In.json")])
    assert not corpus.errors
    assert sorted(p.container for p in corpus.prompts) == [
        "nodes[0].data.inputParams[1].default", "nodes[0].data.inputs.approvalPrompt",
        "nodes[0].data.inputs.systemMessagePrompt"]


def test_a_history_loop_at_the_end_of_a_message_costs_nothing():
    """genaiscript's Contoso ``chat.prompty`` ends its user message with ``{% for item in history %}
    {{item.role}}:\\n{{item.content}}\\n{% endfor %}``: the loop's body is the history itself, and the chat
    framing after the message (its end, the reply's start) ends every request whatever the layout.  Nothing
    the template writes follows the history: 0 cached tokens, info (before: an error per turn)."""
    corpus = load_paths([str(CODE / "genaiscript" / "chat.prompty")])
    found = [f for f in lint(corpus.prompts, None, LintOptions()).findings if f.code == "PC101"
             and "history" in f.data.get("variables", [""])[0]]
    assert [(f.severity, f.cost_tokens_per_conversation) for f in found] == [("info", 0)]
    assert found[0].data["history_tail_tokens"] <= 1  # the newline closing the loop's last item
