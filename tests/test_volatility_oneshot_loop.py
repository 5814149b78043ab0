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
    from pcache.analyzers.crossflow.index import ProjectIndex
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
    # the history (`run_staging_tool`): both differ between consecutive calls of the loop (read by their names
    # before, per-request and per-config).  The plan heads every call: per-turn.  The command's result is a new
    # message appended after the earlier ones: the input of that request (the loop-message convention, session 16;
    # the eval's row relabelled per-request)
    root = EVAL / "loopgpt"
    for container, var, cls in (("Agent.plan_prompt", "plan", "per-turn"),
                                ("Agent.run_staging_tool.system", "tool_id", "per-request")):
        got = classify_in_project(root / "loopgpt/agent.py", container, var, root)
        assert got.cls == cls and "rewritten from the model's reply" in got.evidence \
            and "self.model.chat" in got.evidence, (var, got)
    got = classify_in_project(root / "loopgpt/agent.py", "Agent.run_staging_tool.system", "tool_id", root)
    assert got.rule.startswith("boundary.appended-message/"), got
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


def test_a_store_the_agents_tools_rewrite_is_per_turn():
    # ai-legion goals.ts: the goals module's pinnedMessage renders `${currentGoals}`, computed from `goals =
    # (await state.get(KEY)) || []`, and the module's own actions write that key back (`addGoal.execute` and
    # `completeGoal.execute`: `await state.set(KEY, [...])`): the tools run at the model's request between its
    # calls, so the goal list differs between consecutive calls of the loop (expert: per-turn; read by its
    # name before, per-request).  The source loader does not report this prompt yet, so the variable is placed
    # by hand at its position in the real file.
    from pcache.analyzers.model import Prompt, Segment
    from pcache.analyzers.volatility import VolatilitySettings, classify

    root = EVAL / "ai-legion"
    path = root / "src/module/definitions/goals.ts"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(k for k, text in enumerate(lines, 1) if "${currentGoals}" in text)
    seg = Segment("${currentGoals}", "variable", name="currentGoals", expression="currentGoals", line=line,
                  column=lines[line - 1].index("${currentGoals}") + 1)
    prompt = Prompt(name="pinnedMessage", path=str(path), segments=[seg], kind="template", syntax="js",
                    container="pinnedMessage")
    from pcache.analyzers.crossflow.index import ProjectIndex

    got = classify(seg, prompt, VolatilitySettings(project=ProjectIndex(project_files(root))))
    assert got.cls == "per-turn" and "addGoal.execute" in got.evidence and "state.get(KEY)" in got.evidence, got


def test_an_argument_the_model_chose_for_a_tool_is_per_turn():
    # ai-legion system.ts: `readFile: { parameters: { path: {...} }, async execute({ parameters: { path }, ... })
    # { ... messageBuilder.ok(agentId, `Contents of ${path}:\n\n${data}`) } }`: the path is the argument of the
    # readFile action the model wrote at this step, and the ok message goes back into its history (expert:
    # per-turn; unknown before).  Placed by hand at its position in the real file (not reported by the loader yet).
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.model import Prompt, Segment
    from pcache.analyzers.volatility import VolatilitySettings, classify

    root = EVAL / "ai-legion"
    path = root / "src/module/definitions/system.ts"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(k for k, text in enumerate(lines, 1) if "`Contents of ${path}" in text)
    seg = Segment("${path}", "variable", name="path", expression="path", line=line,
                  column=lines[line - 1].index("${path}") + 1)
    prompt = Prompt(name="readFile.execute", path=str(path), segments=[seg], kind="template", syntax="js",
                    container="readFile.execute")
    got = classify(seg, prompt, VolatilitySettings(project=ProjectIndex(project_files(root))))
    assert got.cls == "per-turn" and "readFile.execute" in got.evidence, got
    # listDirectory's listing is computed by the tool (a local), no argument of its schema
    from pcache.analyzers.flow_state import js_tool_argument

    line = next(k for k, text in enumerate(lines, 1) if "${filesWithStats" in text)
    other = Segment("${filesWithStats}", "variable", name="filesWithStats", expression="filesWithStats", line=line,
                    column=lines[line - 1].index("${filesWithStats") + 1)
    assert js_tool_argument(other, prompt) is None


def test_a_python_message_appended_to_the_kept_history_is_a_turn_of_it():
    # loopgpt agent.py run_staging_tool: `self.history.append({"role": "system", "content": f'Command "{tool_id}"
    # with args ... returned:...'})`: a turn added to the conversation, fixed once written (as JS
    # `conversation.push({role, content})`); its per-turn command costs nothing there, where read as the head of a
    # conversation it was priced as an error re-prefilling the whole history.  The header rebuilt at every step
    # (`plan_prompt`, in the first system message) stays a head, and its per-turn plan an error.
    root = EVAL / "loopgpt"
    assert _position(root / "loopgpt/agent.py", "Agent.run_staging_tool.system") == "final-turn"
    assert _position(root / "loopgpt/agent.py", "Agent.chat.system@352") == "final-turn"
    assert not _lint_one(root, root / "loopgpt/agent.py", "Agent.run_staging_tool.system")
    (f,) = _lint_one(root, root / "loopgpt/agent.py", "Agent.plan_prompt")
    assert (f.volatility, f.position, f.severity) == ("per-turn", "head", "error") and f.cost_tokens_per_conversation > 0
    # lines appended to a list of text are no turns: the header's parts stay where their message puts them
    assert _position(root / "loopgpt/agent.py", "Agent.progress_prompt") == "head"
