"""False findings of the root lints of sessions 2026-11-30 19:44 and 22:39 (benchmarks/PROMPT_DISCOVERY.md,
"Root lint, session 2026-11-30 22:39", left items) and of the new roots of session 2026-12-01 ("Root lint,
session 2026-12-01 (helper roots12)"), each on a cut of a real file."""

from __future__ import annotations

from pathlib import Path

from test_root_lint11 import _project_lint  # the folder linted as `pcache lint ROOT` does

CODE = Path(__file__).resolve().parent / "fixtures" / "code"


def test_a_text_a_helper_returns_is_placed_where_its_callers_send_it(o200k):
    """wshobson's prompt-optimizer skill script: ``add_examples(prompt)`` returns
    ``f\"\"\"{prompt}\\n\\nExample: ...\"\"\"``; ``generate_variations`` appends it to a local list it returns;
    ``optimize`` loops over that list and hands each variation to ``evaluate_prompt``, whose nested
    ``process_test_case`` fills it (``prompt_template.format(**test_case.input)``) and sends it with
    ``self.client.complete(prompt)``: a text completion, the prompt the whole request (nothing follows
    it, no conversation).  Before: a head whose ``{prompt}`` (per-turn: carried through the optimizer's
    loop) made every turn re-prefill the history, an error of 9,600 tokens per conversation.  Now the
    whole request of 12 static tokens: nothing cacheable, PC101 info at 0."""
    from pcache.analyzers.conversation import prompt_position

    prompts, index, found = _project_lint(CODE / "wshobson-optimizer")
    (prompt,) = [p for p in prompts if p.container == "PromptOptimizer.add_examples"]
    assert [v.name for v in prompt.variables] == ["prompt"]
    assert prompt_position(prompt, project=index) == "whole"
    pc101 = [f for f in found if f.code == "PC101" and f.prompt.endswith(":PromptOptimizer.add_examples")]
    assert [(f.severity, f.position, f.cost_tokens_per_conversation) for f in pc101] == [("info", "whole", 0)]
    # the static text, counted by tiktoken on the f-string's words, is far below the 1,024-token minimum
    static = "".join(s.text for s in prompt.segments if s.kind == "static")
    assert len(o200k.encode(static)) < 1024
    assert not [f for f in found if f.severity == "error"]


def test_a_data_file_key_read_through_the_class_it_is_loaded_into():
    """PromptWizard loads ``prompt_pool.yaml`` into ``CritiqueNRefinePromptPool``, a dataclass whose
    fields are the file's keys, and ``core_logic.py`` (which never names the YAML file) takes a
    ``prompt_pool: CritiqueNRefinePromptPool`` and fills ``self.prompt_pool.critique_refine_template
    .format(instruction=prompt, examples=..., critique=..., steps_per_sample=1)``, then sends it with its
    own ``self.chat_completion(critique_refine_prompt, ...)``, the user message after a system one.  The
    fill is linked to the key through the class: ``{steps_per_sample}`` is the literal ``1`` (a constant,
    not per-turn by its name) and the template is the final turn.  Before: a head, ``steps_per_sample``
    per-turn by its name at token 91, an error of 10,240 tokens per conversation."""
    from pcache.analyzers.conversation import prompt_position

    prompts, index, found = _project_lint(CODE / "promptwizard-pool")
    (prompt,) = [p for p in prompts if p.container == "critique_refine_template"]
    assert [v.name for v in prompt.variables] == ["instruction", "examples", "critique", "steps_per_sample"]
    assert prompt_position(prompt, project=index) == "final-turn"
    assert not [f for f in found if f.severity == "error"], [f.message for f in found if f.severity == "error"]
    # the class of the value: read from the fill's literal, not from the variable's name
    from pcache.analyzers.volatility import VolatilitySettings, classify

    seg = next(s for s in prompt.segments if s.kind == "variable" and s.name == "steps_per_sample")
    got = classify(seg, prompt, VolatilitySettings(project=index))
    assert got.cls == "constant", got
    # a key the class does not declare keeps no link: eval_prompt is filled nowhere in this cut
    (other,) = [p for p in prompts if p.container == "eval_prompt"]
    assert prompt_position(other, project=index) == "head"


def test_a_member_of_a_parameter_is_what_the_callers_pass_under_that_member():
    """Flowise's ``ConversationalRetrievalQAChain`` node reads ``nodeData.inputs?.systemMessagePrompt`` (the
    node's configured system message) and writes it at token 0 of ``customResponsePrompt``.  Agent.ts
    calls some node's ``init`` with ``{...nodeData, inputs: {...nodeData.inputs, name:
    sanitizeToolName(storeName), ...}}``, whose tool name may be ``tool_${Date.now()}_...``.  Only the
    member the function reads (``inputs.systemMessagePrompt``) of what a caller passes can fill it: that
    object literal has no such key (it comes through the spread), so the call says nothing of it, and its
    sibling ``name`` does not make the system message per-turn.  Before: per-turn, an error of 9,728
    tokens per conversation at the root."""
    prompts, index, found = _project_lint(CODE / "flowise-spread")
    (prompt,) = [p for p in prompts if p.container.endswith("init.customResponsePrompt")]
    assert [v.name for v in prompt.variables][:1] == ["systemMessagePrompt"]
    pc101 = [f for f in found if f.code == "PC101" and f.prompt.endswith("init.customResponsePrompt")]
    assert pc101 and all(f.volatility != "per-turn" and "Date.now" not in f.message for f in pc101)
    assert not [f for f in found if f.severity == "error"]


def test_a_message_a_helper_returns_is_placed_where_its_callers_put_it():
    """Pipecat Flows' ``LLMAdapter.format_summary_message(summary)`` returns ``{"role": "developer",
    "content": f"Here's a summary of the conversation:\\n{summary}"}``; the flow manager binds it to a local
    and ``messages.append(summary_message)``s it to the messages of the context it resets at a node
    transition.  A message added to the conversation is a turn, fixed once written (later requests read
    it from the cache with the rest of the history), so nothing it holds costs cache.  Before: a head
    whose ``{summary}`` made every turn re-prefill the history, an error of 9,600 tokens per conversation."""
    from pcache.analyzers.conversation import prompt_position

    prompts, index, found = _project_lint(CODE / "pipecat-flows")
    (prompt,) = [p for p in prompts if p.container == "LLMAdapter.format_summary_message.developer"]
    assert [v.name for v in prompt.variables] == ["summary"]
    assert prompt_position(prompt, project=index) == "final-turn"
    assert not [f for f in found if f.code == "PC101" and f.prompt.endswith("format_summary_message.developer")]
