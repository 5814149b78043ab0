"""Volatility classes and the conversation model (issue 12).

Goldens come from tiktoken and a conversation simulated here with the documented OpenAI rule (nothing
below 1,024 tokens, then whole 128-token steps; spec 1.2), never from pcache's own numbers."""

from __future__ import annotations

import json

import pytest

from pcache.analyzers.config import find_config
from pcache.analyzers.lint import LintOptions, conversation_settings, lint
from pcache.analyzers.model import Segment
from pcache.analyzers.rules.context import LintSettings
from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.volatility import VolatilitySettings, classify

MINIMUM, STEP = 1024, 128
POLICY = "Follow the refund policy exactly and cite the section you used. "


def cacheable(n: int) -> int:
    return 0 if n < MINIMUM else STEP * (n // STEP)


def lint_files(paths, settings=None, model="gpt-4o"):
    corpus = load_paths([str(p) for p in paths])
    assert not corpus.errors, corpus.errors
    return lint(corpus.prompts, model, LintOptions(settings=settings or LintSettings())).findings


def pc101(findings):
    return [f for f in findings if f.code == "PC101"]


def simulate(head_tokens: int, volatile_at: int | None, static_tokens: int, turns: int, turn_tokens: int,
             per_turn: bool) -> int:
    """Cached tokens of one conversation, request by request: request k sends the head and k turns; it
    reads from the cache the longest prefix it shares with an earlier request (the previous request of
    the conversation, or the static head every conversation shares), cut by the 1,024/128 rule.  A
    per-turn value at ``volatile_at`` makes each request share only the tokens before it."""
    total = 0
    previous = None
    for k in range(1, turns + 1):
        sent = head_tokens + k * turn_tokens
        shared = static_tokens if volatile_at is None else min(static_tokens, volatile_at)
        if previous is not None:
            same_head = previous if not per_turn else min(previous, volatile_at)
            shared = max(shared, same_head)
        total += cacheable(min(shared, sent))
        previous = sent
    return total


# -- the same template with {today} and {now} ---------------------------------------------------------

def _head(tmp_path, name: str, variable: str, o200k, repeat: int = 30):
    text = f"You are the refund assistant. Today: {{{{ {variable} }}}}.\n" + POLICY * repeat + "\n"
    p = tmp_path / name
    p.write_text(text)
    return p, text


def test_today_and_now_get_different_verdicts(tmp_path, o200k):
    today, _ = _head(tmp_path, "today.txt.j2", "today", o200k)
    now, _ = _head(tmp_path, "now.txt.j2", "now", o200k)
    (a,) = pc101(lint_files([today]))
    (b,) = pc101(lint_files([now]))
    assert (a.volatility, a.severity) == ("per-day", "info")
    assert (b.volatility, b.severity) == ("per-turn", "error")
    assert a.position == b.position == "head"
    assert b.cost_tokens_per_conversation > 100 * max(a.cost_tokens_per_conversation, 1)
    assert "prefills the whole history" in b.message and "one cold prefix per day" in a.message


def test_per_turn_cost_is_quadratic_against_a_simulated_conversation(tmp_path, o200k):
    path, text = _head(tmp_path, "now.j2", "now", o200k)
    before, after = text.split("{{ now }}")
    v = len(o200k.encode_ordinary(before))  # the variable's first token (the placeholder text differs)
    static = len(o200k.encode_ordinary(before + after))  # the head with the variable moved out
    head = len(o200k.encode_ordinary(text))
    costs = {}
    for turns in (4, 8, 16, 32):
        settings = LintSettings(**conversation_settings(find_config(str(tmp_path)), turns, 400))
        (f,) = pc101(lint_files([path], settings))
        ideal = simulate(head, None, static, turns, 400, per_turn=False)
        actual = simulate(head, v, static, turns, 400, per_turn=True)
        # the placeholder text may merge with its neighbours: allow one token on each boundary
        expected = {simulate(head + dh, None, static + ds, turns, 400, False) - actual
                    for dh in (-1, 0, 1) for ds in (-1, 0, 1)}
        assert f.cost_tokens_per_conversation in expected, (turns, f.cost_tokens_per_conversation, ideal - actual)
        costs[turns] = f.cost_tokens_per_conversation
    # doubling the conversation roughly quadruples the cost once it is long (quadratic, not linear)
    assert 3.5 < costs[32] / costs[16] < 4.5 and costs[16] / costs[8] > 3


def test_per_request_costs_the_first_request_only(tmp_path, o200k):
    p = tmp_path / "task.j2"
    text = "Task: {{ task }}\n" + POLICY * 100 + "\n"
    p.write_text(text)
    (f,) = pc101(lint_files([p]))
    static = len(o200k.encode_ordinary("Task: \n" + POLICY * 100 + "\n"))
    assert f.volatility == "per-request" and f.severity == "error"
    assert f.cost_tokens_per_conversation in {cacheable(static + d) for d in (-1, 0, 1)}
    # 8 or 32 turns: the same, the history caches within the conversation
    s32 = LintSettings(**conversation_settings(find_config(str(tmp_path)), 32, 400))
    (g,) = pc101(lint_files([p], s32))
    assert g.cost_tokens_per_conversation == f.cost_tokens_per_conversation


def test_short_head_with_date_is_info_and_pc201_says_what_grows(tmp_path, o200k):
    # the example: a 400-token system prompt with {current_date} at token ~322
    body = POLICY * 25
    p = tmp_path / "system.j2"
    p.write_text(body + "Current date: {{ current_date }}\n" + POLICY * 5)
    found = lint_files([p])
    (f,) = pc101(found)
    assert (f.volatility, f.severity, f.cost_tokens_per_conversation) == ("per-day", "info", 0)
    (short,) = [x for x in found if x.code == "PC201"]
    head = len(o200k.encode_ordinary(p.read_text()))
    turn = next(k for k in range(1, 9) if head + 400 * k >= MINIMUM)
    assert f"from turn {turn} the conversation passes 1,024 tokens and its history caches" in short.message
    # the same with the time: every turn re-prefills the history: an error
    q = tmp_path / "system_time.j2"
    q.write_text(body + "Current time: {{ current_time }}\n" + POLICY * 5)
    (g,) = pc101(lint_files([q]))
    assert (g.volatility, g.severity) == ("per-turn", "error") and g.cost_tokens_per_conversation > 5000


def test_whole_and_final_turn_positions(tmp_path):
    p = tmp_path / "t.j2"
    p.write_text("Date: {{ today }}\n" + POLICY * 100)
    whole = LintSettings(**conversation_settings(find_config(str(tmp_path)), role="whole"))
    (f,) = pc101(lint_files([p], whole))
    assert f.position == "whole" and f.volatility == "per-day" and f.severity == "info"
    final = LintSettings(**conversation_settings(find_config(str(tmp_path)), role="final-turn"))
    assert not pc101(lint_files([p], final))


def test_per_config_hidden_unless_asked(tmp_path):
    p = tmp_path / "agent.j2"
    p.write_text("You are {{ role }}. Your goal: {{ goal }}\n" + POLICY * 100)
    assert not pc101(lint_files([p]))
    shown = LintSettings(**conversation_settings(find_config(str(tmp_path)), show_config_variables=True))
    (f,) = pc101(lint_files([p], shown))
    assert f.volatility == "per-config" and f.severity == "info" and f.cost_tokens_per_conversation == 0


def test_settings_win_over_the_name(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.pcache.variables]\n"stamp*" = "per-day"\n')
    p = tmp_path / "t.j2"
    p.write_text("Stamp: {{ stamp_now }}\n" + POLICY * 100)
    (f,) = pc101(lint_files([p], LintSettings(**conversation_settings(find_config(str(p))))))
    assert (f.volatility, f.volatility_source) == ("per-day", "setting")
    q = tmp_path / "inline.j2"
    q.write_text("{# pcache: volatility[per-config] #}\nModel: {{ now_model }}\n" + POLICY * 100)
    assert not pc101(lint_files([q]))  # declared per-config: nothing reported by default


def test_json_and_sarif_carry_the_fields(tmp_path, run_cli):
    p = tmp_path / "now.j2"
    p.write_text("Now: {{ now }}\n" + POLICY * 100)
    code, out, _ = run_cli("lint", p, "--format", "json")
    (f,) = [f for f in json.loads(out)["findings"] if f["code"] == "PC101"]
    assert code == 1
    for key in ("volatility", "volatility_source", "position", "cost_tokens_per_conversation", "cost_usd_per_1000"):
        assert key in f
    assert (f["volatility"], f["volatility_source"], f["position"]) == ("per-turn", "name", "head")
    code, out, _ = run_cli("lint", p, "--format", "sarif")
    props = json.loads(out)["runs"][0]["results"][0]["properties"]
    assert props["volatility"] == "per-turn" and props["cost_usd_per_1000"] == f["cost_usd_per_1000"] > 0


# -- classify -------------------------------------------------------------------------------------

@pytest.mark.parametrize("expression, cls", [
    ("datetime.now().strftime('%Y-%m-%d')", "per-day"),
    ("datetime.now():%Y-%m-%d", "per-day"),
    ("datetime.now().strftime('%Y-%m-%d %H:%M:%S')", "per-turn"),
    ("datetime.now()", "per-turn"),
    ("time.time()", "per-turn"),
    ("date.today()", "per-day"),
    ("Date.now()", "per-turn"),
    ("new Date().toLocaleDateString()", "per-day"),
    ("new Date().toISOString()", "per-turn"),
    # an ISO timestamp cut to its date (YYYY-MM-DD): the part before "T" or its first 10 characters
    ("new Date().toISOString().split('T')[0]", "per-day"),
    ("new Date().toISOString().slice(0, 10)", "per-day"),
    ("datetime.now().isoformat()[:10]", "per-day"),
    ("new Date().toISOString().slice(0, 16)", "per-turn"),  # keeps the hours and minutes
    ("new Date().toISOString().split('T')[1]", "per-turn"),  # the time of day
    ("uuid.uuid4()", "per-turn"),
    ("getpass.getuser()", "per-user"),
    ("os.getcwd()", "per-user"),
    ("platform.system()", "per-user"),
    ("process.cwd()", "per-user"),
    ("os.environ['HOME']", "per-user"),
    ("now() | strftime('%A, %B %d')", "per-day"),
])
def test_expression_classes(expression, cls):
    vol = classify(Segment("{x}", "variable", name="x", expression=expression))
    assert (vol.cls, vol.source) == (cls, "expression")


@pytest.mark.parametrize("name, cls", [
    ("today", "per-day"), ("current_date", "per-day"), ("now", "per-turn"), ("current_time", "per-turn"),
    ("timestamp", "per-turn"), ("remaining_steps", "per-turn"), ("max_steps", "per-config"),
    ("request_id", "per-request"), ("task", "per-request"), ("user_input", "per-request"),
    ("query", "per-request"), ("session_id", "per-session"), ("username", "per-user"), ("cwd", "per-user"),
    ("user.name", "per-user"), ("shell", "per-user"), ("role", "per-config"), ("backstory", "per-config"),
    ("agent_name", "per-config"), ("tools", "per-config"), ("timezone", "per-user"),
])
def test_name_classes(name, cls):
    vol = classify(Segment("{" + name + "}", "variable", name=name))
    assert (vol.cls, vol.source) == (cls, "name")


def test_format_spec_literal_samples_and_default():
    assert tuple(classify(Segment("{now:%H:%M}", "variable", name="now"))) == ("per-turn", "expression")
    assert tuple(classify(Segment("{stamp:%Y-%m-%d}", "variable", name="stamp"))) == ("per-day", "expression")
    assert tuple(classify(Segment("{{ x | default('2026-01-05') }}", "variable", name="x | default('2026-01-05')"))) \
        == ("per-day", "literal")
    samples = VolatilitySettings(samples={"x": ["2026-01-05T10:00:01Z", "2026-01-05T10:00:09Z"], "y": ["a", "a"]})
    assert tuple(classify(Segment("{x}", "variable", name="x"), None, samples)) == ("per-request", "samples")
    assert tuple(classify(Segment("{y}", "variable", name="y"), None, samples)) == ("constant", "samples")
    assert tuple(classify(Segment("{x}", "variable", name="x"))) == ("unknown", "default")
    assert tuple(classify(Segment("{x}", "variable", name="x", volatility="per-user"))) == ("per-user", "setting")


# -- real agent prompts (tests/fixtures/agents, see SOURCES.md) -----------------------------------

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures" / "agents"
# The class an expert gives the first variable of each prompt, from what the project puts in it.
EXPERT = {
    ("swe-agent-default.yaml", "agent.templates.instance_template"): "per-user",  # working_dir: the repo's folder
    ("swe-agent-default.yaml", "agent.templates.next_step_template"): "per-turn",  # observation of each step
    ("swe-agent-default.yaml", "agent.tools.registry_variables.SUBMIT_REVIEW_MESSAGES[0]"): "per-request",  # diff
    ("swe-agent-0.7.yaml", "agent.templates.system_template"): "per-config",  # WINDOW: lines shown, a setting
    ("swe-agent-0.7.yaml", "agent.templates.instance_template"): "per-request",  # problem_statement
    ("swe-agent-0.7.yaml", "agent.templates.next_step_template"): "per-turn",  # observation
    ("swe-agent-0.7.yaml", "agent.templates.next_step_no_output_template"): "per-turn",  # open_file at this step
    ("swe-agent-0.7.yaml", "agent.templates.demonstration_template"): "per-config",  # the demonstration
}


def test_first_variable_class_on_real_agent_prompts():
    corpus = load_paths([str(FIXTURES / "swe-agent-default.yaml"), str(FIXTURES / "swe-agent-0.7.yaml")])
    got = {}
    for p in corpus.prompts:
        key = (p.path.rsplit("/", 1)[-1], p.container)
        if key in EXPERT and p.variables:
            got[key] = classify(p.variables[0], p).cls
    assert set(got) == set(EXPERT)
    agree = sum(got[k] == EXPERT[k] for k in EXPERT) / len(EXPERT)
    assert agree >= 0.85, {k: (got[k], EXPERT[k]) for k in EXPERT if got[k] != EXPERT[k]}


def test_verdicts_on_real_agent_prompts():
    files = [FIXTURES / "swe-agent-default.yaml", FIXTURES / "swe-agent-0.7.yaml"]
    found = pc101(lint_files(files))
    # per-config variables (WINDOW, demonstration) raise nothing by default; the per-step observation
    # template is appended as the latest message: it costs nothing and is not reported
    assert not [f for f in found if f.volatility in ("per-config", "per-turn")]
    shown = LintSettings(**conversation_settings(find_config(str(FIXTURES)), show_config_variables=True))
    config = [f for f in pc101(lint_files(files, shown)) if f.volatility == "per-config"]
    assert config and all(f.severity == "info" and f.cost_tokens_per_conversation == 0 for f in config)


def test_literal_time_in_a_real_policy_is_an_error_and_a_bare_date_is_not(tmp_path):
    # tau-bench's airline policy opens with "The current time is 2024-05-15 15:00:00 EST." (a fixed
    # simulated clock there; rendered per request in a production agent: the detector judges the form)
    wiki = FIXTURES / "tau-bench-airline-wiki.md"
    (f,) = [f for f in lint_files([wiki]) if f.code == "PC102"]
    assert (f.volatility, f.volatility_source, f.severity) == ("per-request", "literal", "error")
    dated = tmp_path / "wiki.md"
    dated.write_text(wiki.read_text().replace("2024-05-15 15:00:00 EST", "2024-05-15"))
    (g,) = [f for f in lint_files([dated]) if f.code == "PC102"]
    assert (g.volatility, g.severity) == ("per-day", "info")


def test_a_prompt_files_example_literals_are_fixed_text_a_stated_current_time_is_not(tmp_path):
    """fabric's summarize_lecture prompt shows an input sample of a transcript (``[02:17:43.120 -->
    02:17:49.200] ...``) inside its first 1,024 tokens.  The file is sent as written: its clock times are the
    same in every request and cost nothing.  The same clock time stated as the present one, or the same
    sample carried in request bodies whose values differ, is volatile."""
    from conftest import ROOT

    lecture = ROOT / "tests" / "fixtures" / "code" / "fabric" / "patterns" / "summarize_lecture" / "system.md"
    text = lecture.read_text()
    assert "02:17:43.120" in text
    assert not [f for f in lint_files([lecture]) if f.code == "PC102"]
    stated = tmp_path / "system.md"
    stated.write_text("The current time is 02:17:43.120.\n" + text)
    (f,) = [f for f in lint_files([stated]) if f.code == "PC102" and f.line == 1]
    assert (f.volatility, f.severity) == ("per-request", "error")
    bodies = []
    for k, clock in enumerate(("02:17:43.120", "09:01:12.500")):
        body = tmp_path / f"r{k}.json"
        body.write_text(json.dumps({"model": "gpt-4o", "messages": [
            {"role": "system", "content": text.replace("02:17:43.120", clock)},
            {"role": "user", "content": "Summarize."}]}))
        bodies.append(body)
    assert [f for f in lint_files(bodies) if f.code == "PC102" and "02:17:43.120" in f.message]


# -- rules added from the evaluation on real prompts (tests/test_volatility_eval.py) ------------------

@pytest.mark.parametrize("name, cls", [
    ("messages", "per-turn"), ("past_messages", "per-turn"), ("conversation", "per-turn"),
    ("conversation_id", "per-session"), ("thought1", "per-turn"), ("backend_logs", "per-turn"),
    ("step_by_step_plan", "per-request"), ("ground_truth_section", "per-request"),
    ("n_expansions", "per-config"), ("num_questions", "per-config"), ("project_description", "per-user"),
    ("tool_description", "per-config"), ("task_description", "per-request"), ("file_name", "per-request"),
    ("skills_xml", "per-config"), ("extensions", "per-config"),
])
def test_name_rules_from_the_evaluation(name, cls):
    vol = classify(Segment("{" + name + "}", "variable", name=name))
    assert (vol.cls, vol.source) == (cls, "name")


def test_constants_of_the_code_are_constant(tmp_path):
    src = tmp_path / "prompts.ts"
    src.write_text(
        'import { LOCK } from "./lock"\n'
        'const initFilename = "CONTINUE.md"\n'
        'const shadowed = "x"\n'
        'export const INIT = `Create ${initFilename} now. ${LOCK_TEXT_SYMBOL} marks files. Dir: ${cwd}.`\n'
        'export const other = (shadowed: string) => `Use ${shadowed} here, please.`\n')
    corpus = load_paths([str(src)])
    got = {}
    for p in corpus.prompts:
        for seg in p.variables:
            got[seg.name] = tuple(classify(seg, p))
    # a const of the same file bound to a literal is text of the prompt, no variable at all
    assert "initFilename" not in got
    (init,) = [p for p in corpus.prompts if p.container == "INIT"]
    assert "Create CONTINUE.md now." in "".join(s.text for s in init.segments if s.kind == "static")
    assert got["LOCK_TEXT_SYMBOL"] == ("constant", "expression")
    assert got["cwd"] == ("per-user", "name")
    assert got["shadowed"][0] != "constant"  # also a parameter: not one value
    # a mustache placeholder in CONSTANT_CASE is filled at run time: not a constant of the code
    tpl = tmp_path / "q.j2"
    tpl.write_text("Today's date is: {{CURRENT_DATE}}\n")
    (p,) = load_paths([str(tpl)]).prompts
    assert tuple(classify(p.variables[0], p)) == ("per-day", "name")


def test_a_long_head_with_short_static_text_says_so_without_negative_numbers(tmp_path, o200k):
    """A head that passes the minimum only with its variables' placeholders (sample_prompts'
    research_agent.j2 read "a 1,066-token prompt ..., -42 short of the minimum"): PC201 gives the
    static text's shortfall, a positive number that tiktoken reproduces, and the head's full length."""
    tail = "".join(f"Field {k}: {{{{ field_{k} }}}}\n" for k in range(60))
    n = max(k for k in range(1, 200) if len(o200k.encode_ordinary(POLICY * k)) < MINIMUM - 20)
    static = POLICY * n
    p = tmp_path / "system.j2"
    p.write_text(static + tail)
    whole = len(o200k.encode_ordinary(p.read_text()))
    fixed = len(o200k.encode_ordinary(static + "Field 0:"))  # the text before the first variable
    assert fixed < MINIMUM <= whole  # the case: long with its placeholders, short without them
    (short,) = [x for x in lint_files([p]) if x.code == "PC201"]
    assert "-" not in short.message.split("short of")[0].split()[-1]
    got = int(short.message.split(" short of")[0].rsplit(" ", 1)[1].replace(",", ""))
    assert abs(got - (MINIMUM - fixed)) <= 2 and got > 0
    assert "tokens with its variables)" in short.message
    assert "from turn 1 the conversation passes" in short.message


def test_a_literal_given_as_an_example_is_prose_not_a_value(tmp_path):
    """tau-bench's retail policy: 'All times in the database are EST and 24 hour based. For example
    "02:30:00" means 2:30 AM EST.' The time explains a format, the same in every request: no PC102.
    The same time stated as the time of this request is reported, and so is the airline policy's
    'The current time is 2024-05-15 15:00:00 EST.' (no cue)."""
    from conftest import SHARED

    wiki = SHARED / "corpora" / "tau-bench" / "retail_wiki.md"
    if not wiki.is_file():
        pytest.skip("shared corpora not found")
    text = wiki.read_text()
    assert 'For example "02:30:00" means' in text
    assert not [f for f in lint_files([wiki]) if f.code == "PC102"]
    stated = tmp_path / "retail_wiki.md"
    stated.write_text(text.replace('For example "02:30:00" means 2:30 AM EST.', 'The time now is "02:30:00".'))
    (f,) = [f for f in lint_files([stated]) if f.code == "PC102"]
    assert "02:30:00" in f.message
    for cue in ("e.g. ", "such as ", "For instance, "):
        q = tmp_path / "cue.md"
        q.write_text(text.replace('For example "02:30:00"', cue + '"02:30:00"'))
        assert not [f for f in lint_files([q]) if f.code == "PC102"], cue


def test_an_else_takes_the_class_of_the_condition_that_opened_it(run_json):
    """pr-agent's code-suggestions system prompt opens with ``{%- if not focus_only_on_problems %} ...
    {%- else %} ... {%- endif %}``; the flag comes from the deployment's settings (per-config).  The
    ``{% else %}`` evaluates nothing of its own: which text follows is decided by the ``if``, so it takes the
    if's class instead of being an unknown variable reported as per-request."""
    from conftest import ROOT

    folder = ROOT / "tests" / "fixtures" / "agents" / "eval" / "pr-agent"
    toml = folder / "settings" / "code_suggestions" / "pr_code_suggestions_prompts.toml"
    assert "{%- else %}" in toml.read_text()
    shown = run_json("show", f"{toml}:pr_code_suggestions_prompt.system", "--format", "json")
    by_name = {v["name"]: v for v in shown["variables"]}
    opener = by_name["if not focus_only_on_problems"]
    assert by_name["else"]["volatility"] == opener["volatility"]
    found = run_json("lint", folder, "--format", "json")["findings"]
    assert not [f for f in found if f["code"] == "PC101" and "`else`" in f["message"]]


# -- root lint of session 2026-11-30 19:44 (benchmarks/PROMPT_DISCOVERY.md, "Root lint") ---------------

WSHOBSON = FIXTURES.parent / "code" / "wshobson-agents"


def test_a_definitions_fenced_sample_code_is_fixed_text_the_same_line_in_prose_is_not(tmp_path):
    """wshobson/agents' team-communication-protocols skill (a Claude Code SKILL.md, sent as written) shows the
    plan-approval message as a JSON sample in a fenced block: ``"request_id": "abc-123"``.  CommonMark shows a
    code block's content as written: an example, the same in every request.  The same line out of its fence
    states the present request id and is reported."""
    skill = WSHOBSON / "team-communication-protocols.SKILL.md"
    text = skill.read_text()
    assert text.count('"request_id": "abc-123"') == 2
    assert not [f for f in lint_files([skill]) if f.code == "PC102"]
    unfenced = tmp_path / "SKILL.md"
    unfenced.write_text(text.replace("```json\n", "\n").replace("\n```\n", "\n\n"))
    found = [f for f in lint_files([unfenced]) if f.code == "PC102"]
    assert found and all("abc-123" in f.message and f.severity == "error" for f in found)


def test_addresses_reserved_for_documentation_are_examples(tmp_path):
    """wshobson/agents' python-packaging reference gives ``{name = "Your Name", email = "you@example.com"}``
    in a sample pyproject.toml.  Out of the fence, RFC 2606 still says no user has an address at
    example.com; a real domain in its place is a user's address (per-user)."""
    details = WSHOBSON / "python-packaging-details.md"
    text = details.read_text()
    assert 'email = "you@example.com"' in text
    assert not [f for f in lint_files([details]) if f.code == "PC102"]
    prose = text.replace("```toml\n", "\n").replace("```\n", "\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    unfenced = tmp_path / "a" / "details.md"
    unfenced.write_text(prose)
    assert not [f for f in lint_files([unfenced]) if f.code == "PC102" and "example.com" in f.message]
    real = tmp_path / "b" / "details.md"
    real.write_text(prose.replace("you@example.com", "you@acme.io"))
    (f,) = [f for f in lint_files([real]) if f.code == "PC102" and "acme.io" in f.message]
    assert (f.volatility, f.severity) == ("per-user", "warning")
