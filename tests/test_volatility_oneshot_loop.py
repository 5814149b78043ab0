"""One-shot calls against conversations, and what an agent loop rewrites between its calls (issue 12; PC101.md
"the per-turn / per-request boundary" and "the agent loop"; labelling conventions of labels-measure14.toml):
a value read at each one-shot call (fresh messages, no history after the template), a clock included, is the
input of that request, while the same value in the head of a conversation that keeps its history is per-turn;
state an agent rewrites from the model's replies (its plan, the command it chose) is per-turn where the loop
renders it again.  Each test runs on the real files of a project (tests/fixtures/SOURCES.md) and failed
before its rule.
"""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache, project_files  # noqa: F401

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


def _lint_one(root: Path, prompt_file: Path, container: str):
    """The PC101 findings of one prompt, linted as a scan of ``root`` would (every file of it indexed)."""
    from pcache.analyzers.crossflow import ProjectIndex
    from pcache.analyzers.lint import LintOptions, lint
    from pcache.analyzers.rules.context import LintSettings
    from pcache.analyzers.sources.load import load_paths
    from pcache.analyzers.volatility import VolatilitySettings

    prompts = [p for p in load_paths([str(prompt_file)]).prompts if p.container == container]
    assert prompts, container
    settings = LintSettings(volatility=VolatilitySettings(project=ProjectIndex(project_files(root))))
    return lint(prompts, "gpt-4o", LintOptions(select=["PC101"], settings=settings)).findings


def test_a_clock_read_at_each_one_shot_call_is_the_input_of_that_request():
    # u14app deep-research: `systemInstruction` ("Today is {now}") is filled by getSystemPrompt()
    # (`systemInstruction.replace("{now}", new Date().toISOString())`, src/utils/deep-research/prompts.ts), and
    # every call of getSystemPrompt is the `system` of an AI SDK `streamText({system, prompt})` (or of a
    # `[...].join()` system beside a message list written out for the call) in src/hooks/useDeepResearch.ts: the
    # SDK takes `prompt` or `messages`, never both, so no history follows the template and the clock is the
    # input of that request (expert: per-request), read per-turn before
    root = EVAL / "deep-research-u14app"
    got = classify_in_project(root / "src/constants/prompts.ts", "systemInstruction", "now", root)
    assert got.cls == "per-request", got
    assert "new Date" in got.evidence and "one-shot call at useDeepResearch.ts:213" in got.evidence, got
    # the cost follows: no conversation re-prefills after it, only what other requests could share is lost
    (f,) = _lint_one(root, root / "src/constants/prompts.ts", "systemInstruction")
    assert (f.volatility, f.severity, f.cost_tokens_per_conversation) == ("per-request", "info", 0), f.message


def test_the_same_clock_in_the_head_of_a_kept_conversation_stays_per_turn():
    # loopgpt agent.py get_full_prompt: `f"The current time and date is {time.strftime('%c')}"` is the second
    # system message, before the kept history (`updated_msgs += [header, dtime]` then `history[:]`): per-turn,
    # and an error with the quadratic cost of re-prefilling the history at every turn
    root = EVAL / "loopgpt"
    got = classify_in_project(root / "loopgpt/agent.py", "Agent.get_full_prompt.dtime.system", "time", root)
    assert got.cls == "per-turn" and "one-shot" not in got.evidence, got


def test_state_an_agent_rewrites_from_each_reply_is_per_turn():
    # loopgpt agent.py: `resp = self._chat(message)` (`_chat` returns `self.model.chat(full_prompt, ...)`), then
    # `response_callback(resp)` with `response_callback = self._default_response_callback`, which sets
    # `self.plan = plan` (the reply's thoughts.plan) and `self.staging_tool = resp["command"]`: the plan is
    # rendered into the header rebuilt at every step (`plan_prompt`), the command into the result appended to
    # the history (`run_staging_tool`): both differ between consecutive calls of the loop (expert: per-turn;
    # read by their names before, per-request and per-config)
    root = EVAL / "loopgpt"
    for container, var in (("Agent.plan_prompt", "plan"), ("Agent.run_staging_tool.system", "tool_id")):
        got = classify_in_project(root / "loopgpt/agent.py", container, var, root)
        assert got.cls == "per-turn" and "rewritten from the model's reply" in got.evidence \
            and "self.model.chat" in got.evidence, (var, got)
    # the agent's name, set once by the constructor, is no such state
    got = classify_in_project(root / "loopgpt/agent.py", "Agent.persona_prompt", "name", root)
    assert got.cls != "per-turn", got


def _position(path: Path, container: str) -> str:
    from pcache.analyzers.conversation import prompt_position
    from pcache.analyzers.sources.load import load_paths

    for p in load_paths([str(path)]).prompts:
        if p.container == container:
            return prompt_position(p)
    raise AssertionError(f"{container} not read in {path}")


def test_a_python_prompt_sent_alone_in_a_one_shot_call_is_the_whole_request():
    # deep-searcher collection_router.py: `self.llm.chat(messages=[{"role": "user", "content": prompt}])` with
    # `prompt = COLLECTION_ROUTE_PROMPT.format(...)`: the only message of a list written for that call is the
    # whole request (no system head, no history after it), as the JS/TS `generateText({prompt})`; by its
    # role alone it was read as the final turn of a conversation, whose variables cost nothing
    root = EVAL / "deep-searcher"
    assert _position(root / "agent/collection_router.py", "COLLECTION_ROUTE_PROMPT") == "whole"
    # chain_of_rag.py: a per-turn value (the loop of its own file steps the call) in such a request costs what one
    # request loses, not the quadratic re-prefill of a conversation's history
    findings = _lint_one(root, root / "agent/chain_of_rag.py", "INTERMEDIATE_ANSWER_PROMPT")
    (f,) = [f for f in findings if f.volatility == "per-turn"]
    assert f.position == "whole" and "whole request" in f.message and f.severity != "error", f.message
    # gpt-researcher: [system, user] written for one `create_chat_completion(messages=messages)`: the user message
    # is the final turn after the system head, which stays a head
    path = Path(__file__).parent / "fixtures" / "agents" / "dataflow" / "gpt_researcher_deep_research.py"
    assert _position(path, "DeepResearchSkill.generate_research_plan.messages.user") == "final-turn"
    assert _position(path, "DeepResearchSkill.generate_research_plan.messages.system") == "head"
