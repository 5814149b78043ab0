"""Agreement of the volatility classifier with an expert, on the first variable of real agent prompts
(issue 12), and the verdicts that follow.

The labels (tests/fixtures/agents/eval/labels.toml) were given by hand from the code that produces each
value, before the classifier was run on them.  Projects of split "tune" informed the classifier's rules.
Split "measure" (Goose, GPT-Pilot, Open WebUI, SuperAGI) was held out for the first round of rules
(54 % tune / 58 % measure before it, 80 % / 73 % after); its misses were then read and a second round
of rules followed (attribute words, logs, extensions), so it is no longer out-of-sample.  Split
"measure-2" (ChatDev, BabyAGI, bolt.new, Agno, Zed, LlamaIndex) was labelled after that (11/19 before
the data-flow round, measured again after it).  Split "measure-3" (gptme, OpenManus, Qwen-Agent, Void,
Skyvern) was labelled and committed before the data-flow rules (analyzers/dataflow.py) were written:
10/22 with the name rules alone, 12/22 at the first run of the data-flow rules (the clean figure), 13/22
after generic fixes: a conditional's test is part of its value, an unknown call is no evidence (both
found on the tune split), and a subscript of a name is no call (noticed on a measure-3 miss,
``tripleTick[0]``, so 13/22 is not clean).  Split "measure-4" (deer-flow, Perplexica, Onyx, AgentGPT,
TaskWeaver, Letta, Agent Zero, RAGFlow; the prompt files with the code that fills them) was labelled and
committed (e32050b) after the cross-file rules (analyzers/crossflow.py) and before the classifier ran on
it: 12/23 = 52 % at that commit (the clean figure).  Its misses were then read: a template kept under a
key of a YAML file and a value returned by a function of the project became rules, a fill site whose
value is in the end only another name became weak evidence (14/23, no longer clean), and ``goal``
became an ambiguous name (see volatility.AMBIGUOUS).  Split "measure-5" (shell_gpt, Agentless, pr-agent,
AgentScope, qodo-cover, vercel/ai-chatbot, Quivr: projects never used before) was labelled and committed
(4d22c6a) before the classifier ran on it: 11/22 = 50 % at that commit (the clean, blind figure; judged
alike 12/22), with the classifier of main 281d693.  Its misses (and measure-4's) were then read and the
value followed to where it is decided (analyzers/rules/docs/PC101.md): settings read by key path,
branches decided by the call's arguments, literal defaults, clocks read once at import, tags filled by
``str.replace``, settings carried by the request, a literal per call site, and three name rules
(``language`` per-request, ``instruction`` per-config, ``previous_*`` per-turn): 19/22 (measure-5) and
21/23 (measure-4), both in-sample now.  Split "measure-6" (deep-searcher, AgentLaboratory, R2R, Graphiti,
DocsGPT, PraisonAI: projects never used before) was labelled and committed (7054fa3) after that round and
before the classifier ran on it: 12/20 = 60 % at that commit (the clean, blind figure of the fifth
round's classifier; judged alike 12/20).  Its misses were then read (sixth round: a list grown in the
loop that reads it is per-turn, a literal passed through a local name counts per call site, a literal
subscript key names the value, a taxonomy is per-config): 15/20, in-sample now.  Split "measure-7"
(RD-Agent, AutoAgent, TruLens, Swarms, Superagent, AutoCodeRover, Verba: projects never used before) was
labelled and committed (8f00a5b) after the sixth round and before the classifier ran on it: 9/20 = 45 %
at that commit (the clean, blind figure of the sixth round's classifier; judged alike 9/20).  Blind
figures so far: 52 % (measure-4), 50 % (measure-5), 60 % (measure-6), 45 % (measure-7): each new set of
projects brings its own idioms (``T(".prompts:key").r(...)``, ``context_variables.get(...)``, settings
objects of the SDK's caller), and the bar of 85 % is not met out of sample.  A seventh round read
measure-7's misses (a function given arguments presents them; a prompt named for what it is, such as
``output_space_prompt``, is a configured block of the instructions): measure-7 10/20 and measure-2
14/19, in-sample.  An eighth round followed values through the code rather than adding names (attributes
set by the project's classes, loops that render the prompt, values computed from the conversation,
key-path loaders such as RD-Agent's ``T(...)``, JS request bodies, options objects and ``??`` defaults;
tests/test_volatility_loops.py): in-sample, see FLOOR.  Split "measure-8" (stagehand, WrenAI, kotaemon,
screenshot-to-code, moatless-tools, LaVague, nanobrowser) was labelled by a second expert and run once on
the eighth round's classifier: 8/30 = 27 %.

The ninth round read every blind first-run miss of measure-4..8 (benchmarks/volatility_first_runs.py
replays each split's first-run classifier on today's labels) and changed the order of evidence rather
than adding names: a head noun the labels split on across projects (``goal``, ``instruction(s)``,
``action``, ``context``) yields to what the code says of the value (a parameter of the prompt-building
function is supplied by each call), and a boolean switch is a setting.  Each change was kept only if no
split lost a row.  Two labelling conventions of benchmarks/LABEL_AGREEMENT.md were adopted (a date read
at import is per-day; per-turn only between calls that would otherwise share their prefix), relabelling
two rows as the second expert had labelled them blind; first runs on today's labels: measure-4 12/23,
measure-5 12/22, measure-6 13/20, measure-7 9/20, measure-8 8/30.

Split "measure-9" (trae-agent, ii-agent, Agent-S, claude-engineer, Devon, mentat: projects never used before)
was labelled by a third expert (labels-measure9.toml, committed a805e75 on a branch no classifier work saw)
and run by the lead, once on the classifier before the ninth round (main 5a36a55): 19/30 = 63 %, and once on
the ninth round's final classifier (main 9e4eec0): 18/30 = 60 % (the clean, blind figure; judged alike
18/30; the source reads 20/30 first variables as the expert does).  The row lost between the two runs is a
convention: ii-agent's date read at import, per-config for the third expert, per-day by the convention the
ninth round adopted.  A tenth round then read measure-8's and measure-9's misses and wrote structural
principles, no name rule (see FLOOR): measure-9 23/30, in-sample.

Split "measure-10" (anthropic-quickstarts, aideml, pandas-ai, KaibanJS, ai-shell, micro-agent) was labelled by a
fourth expert (labels-measure10.toml, committed 051aa3e on branch label7, which no classifier work saw) and run
by the lead once, on main 6166377 after the tenth round: 13/30 = 43 % (blind; judged alike 14/30; the source
reads 20/30 first variables as the expert does).  See benchmarks/LABEL_AGREEMENT.md for the misses by kind.
An eleventh round modelled the loop that calls the model and the machine a program runs on, from the code's
structure and the project's packaging (tests/test_volatility_agent_loop.py; LABEL_AGREEMENT.md "Eleventh
round"): measure-9 24/30, measure-10 21/30, in-sample.

Splits "measure-11" (nanobot, scira, bytebot, beeai-framework, agenticSeek, TradingAgents; a fifth expert,
labels-measure11.toml, branch label8 at 29a4086) and "measure-12" (taxy, claude-code-action, Archon, TinyTroupe,
OmniParser, AGiXT; a sixth expert, labels-measure12.toml, branch label9 at bf242cc) were labelled while the
eleventh round ran, on branches no classifier work saw, and run by the lead twice: on main 3f7b369 (before the
eleventh round landed: 17/30 and 12/31) and on main 07cbe8b (after it: 17/30 = 57 % and 10/31 = 32 %, the blind
figures; judged alike 21/30 and 12/31; the source reads 20/30 and 26/31 first variables as the expert does).
A twelfth round then read their misses (in-sample from here) and followed values into the code that fills the
template (tests/test_volatility_fill.py; LABEL_AGREEMENT.md "Twelfth round"): see FLOOR.

Splits "measure-13" (holmesgpt, potpie, open-lovable, magnitude, Kiln; a seventh expert, labels-measure13.toml,
branch label10 at e1f3c37) and "measure-14" (open-operator, ai-legion, loopgpt, mini-agi, kimi-cli, u14app's
deep-research; an eighth expert, labels-measure14.toml, branch label11 at 03a6fda) were labelled while the twelfth
round ran, on branches no classifier work saw, and run by the lead twice: on main 2edc24d (before the round: 20/30
and 15/31) and on main 5e8c5bf (after every change of the session: 17/30 = 57 % and 15/31 = 48 %, the blind
figures; judged alike 17/30 and 17/31; the source reads 26/30 and 16/31 first variables as the expert does).
A thirteenth round on the agent loop (loop10; tests/test_volatility_oneshot_loop.py; LABEL_AGREEMENT.md "Thirteenth
round") read measure-14's loop misses: a clock read at each one-shot call is the input of that request, an attribute
rewritten from the model's reply is per-turn: measure-14 15 -> 18, in-sample.

Splits "measure-17" (six Python projects; an eleventh expert, labels-measure17.toml, branch label17 at e9feb53)
and "measure-18" (five projects, mostly TypeScript; a twelfth expert, labels-measure18.toml, branch label18 at
101e977) were labelled while volmethod measured each rule's precision across all splits (benchmarks/
rule_precision.py; no class changed) and run by the lead on main de7f562 and on main 5e44672: 17/30 = 57 % and
15/30 = 50 % both times (blind).

Splits "measure-19" (five Python projects: agent-squad, mcp-agent, cognee, adk-python, ms-agent; a thirteenth expert,
labels-measure19.toml, branch label20 at 2b89653) and "measure-20" (six projects, mostly TypeScript: Tambo, Melty,
Botpress, OpenUI, llm-answer-engine, Surf.new; a fourteenth expert, labels-measure20.toml, branch label21 at 4f6e1a3)
were labelled while fill12 (value origin) and convention12 (the labels' written conventions as rules) worked in-sample,
and run by the lead on main 45c2b28 (16/30 and 13/30) and on main f4513cb (17/30 = 57 % and 13/30 = 43 %, blind;
judged alike 19/30 and 15/30).  A second labeller (labels-second-1920.toml, branch label22) agrees with the first
labels on 51/60 rows (85 %, kappa 0.80).

Splits "measure-21" (five Python projects: SalesGPT, gpt-migrate, Mobile-Agent-E, ControlFlow, Cradle; a fifteenth
expert, labels-measure21.toml, branch label23 at ea059d9) and "measure-22" (six TypeScript projects: Rowboat, Aide,
FireGEO, Rubberduck, Fire Enrich, Zerox; a sixteenth expert, labels-measure22.toml, branch label24 at f0c14db) were
labelled while the session of 2026-12-01 04:19 worked (transfer-checked evidence, the loaders' rounds, root verdicts)
and run by the lead on main dbb2094 before that work and on main 51aff65 after it: 12/30 = 40 % and 12/30 = 40 %
both times (blind; judged alike 14/30 and 12/30).  A second labeller (labels-second-2122.toml, branch label25)
agrees with the first labels on 52/60 rows (87 %, kappa 0.81).

Splits "measure-23" (five Python projects: Dataherald, txtai, Augmentoolkit, fast-graphrag, RealChar; a seventeenth
expert, labels-measure23.toml, branch label26 at 3cef0b2) and "measure-24" (six TypeScript projects: Agentica, Cali,
Lingo.dev, lobe-cli-toolbox, Nanocoder, Shell Ask; an eighteenth expert, labels-measure24.toml, branch label27 at
01b9217) were labelled while the session of 2026-12-01 07:13 worked (the loaders' rounds, root verdicts, speed, the
module split; no classifier rule) and run by the lead on main 1e5af5a before that work and on main 6bc7f21 after it:
16/30 = 53 % and 16/30 = 53 % both times (blind; judged alike 18/30 and 19/30).  A second labeller
(labels-second-2324.toml, branch label28) agrees with the first labels on 50/60 rows (83 %, kappa 0.75).
Splits "measure-25" (six Python projects: BondAI, llama-cpp-agent, motleycrew, PyWinAssistant, Gentopia, AgentLite)
and "measure-26" (six TypeScript projects: DeepChat, TypeAgent, cursor-tools, Wingman, rag-chat, Lumos), a nineteenth
expert (labels-measure25/26.toml, branch label32 at f65aa8a), were labelled while the session of 2026-12-02 01:10
worked (the loop-message convention, state.constructed, boundary.appended-message, the loaders' rounds) and run by the
lead on main 562f587 before that work and on lead1 b4b5f47 after it: 19/30 and 11/30 before, 19/30 = 63 % and
12/30 = 40 % after (blind).  A second labeller (labels-second-2526.toml, branch label33) agrees with the first labels
on 56/60 rows (93 %, kappa 0.90).

Each project is classified with the index of the files of its folder (``project_files``), as a scan of
that folder would.  ``unknown`` counts as a miss in the agreement whatever the expert says; the report
also gives "judged alike", where ``unknown`` counts as the per-request it is judged as.  Run this file
directly for the table: ``python tests/test_volatility_eval.py``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
LABELS = FIXTURES / "agents" / "eval" / "labels.toml"
# measure-8 was labelled by a second expert in its own file (committed 43f094f, before the classifier ran)
# measure-9 was labelled blind by a third expert in its own file (labels-measure9.toml, committed on branch label6
# before any classifier ran on its projects); measure-10 by a fourth (labels-measure10.toml, branch label7),
# measure-11 by a fifth (branch label8), measure-12 by a sixth (branch label9)
LABEL_FILES = (LABELS, FIXTURES / "agents" / "eval" / "labels-measure8.toml",
               FIXTURES / "agents" / "eval" / "labels-measure9.toml",
               FIXTURES / "agents" / "eval" / "labels-measure10.toml",
               FIXTURES / "agents" / "eval" / "labels-measure11.toml",
               FIXTURES / "agents" / "eval" / "labels-measure12.toml",
               FIXTURES / "agents" / "eval" / "labels-measure13.toml",
               FIXTURES / "agents" / "eval" / "labels-measure14.toml",
               FIXTURES / "agents" / "eval" / "labels-measure15.toml",
               FIXTURES / "agents" / "eval" / "labels-measure16.toml",
               FIXTURES / "agents" / "eval" / "labels-measure17.toml",
               FIXTURES / "agents" / "eval" / "labels-measure18.toml",
               FIXTURES / "agents" / "eval" / "labels-measure19.toml",
               FIXTURES / "agents" / "eval" / "labels-measure20.toml",
               FIXTURES / "agents" / "eval" / "labels-measure21.toml",
               FIXTURES / "agents" / "eval" / "labels-measure22.toml",
               FIXTURES / "agents" / "eval" / "labels-measure23.toml",
               FIXTURES / "agents" / "eval" / "labels-measure24.toml",
               FIXTURES / "agents" / "eval" / "labels-measure25.toml",
               FIXTURES / "agents" / "eval" / "labels-measure26.toml",
               FIXTURES / "agents" / "eval" / "labels-measure27.toml",
               FIXTURES / "agents" / "eval" / "labels-measure28.toml",
               FIXTURES / "agents" / "eval" / "labels-measure29.toml",
               FIXTURES / "agents" / "eval" / "labels-measure30.toml")
BAR = 0.85
SPLITS = ("tune", "measure", "measure-2", "measure-3", "measure-4", "measure-5", "measure-6", "measure-7",
          "measure-8", "measure-9", "measure-10", "measure-11", "measure-12", "measure-13", "measure-14",
          "measure-15", "measure-16", "measure-17", "measure-18", "measure-19", "measure-20",
          "measure-21", "measure-22", "measure-23", "measure-24", "measure-25", "measure-26",
          "measure-27", "measure-28", "measure-29", "measure-30")


@dataclass
class Outcome:
    label: dict
    found: bool  # pcache reads the prompt and its first variable is the expert's
    got: str  # the class pcache gives the expert's variable
    source: str
    first: str  # pcache's first variable ("" when the prompt is not read)
    evidence: str = ""  # what decided pcache's class
    rule: str = ""  # the rule id that decided it (analyzers/evidence.py; "" from a classifier before rule ids)

    @property
    def agrees(self) -> bool:
        return self.got == self.label["class"]

    @property
    def judged_alike(self) -> bool:
        """The verdict pcache bases on its class matches the expert's: ``unknown`` is judged as
        ``per-request`` (volatility.EFFECTIVE), so it is judged alike when the expert says per-request.
        A second figure only: agreement (``agrees``) counts ``unknown`` as a miss whatever the expert
        says, since the issue asks for the class an expert would give."""
        from pcache.analyzers.volatility import EFFECTIVE

        return EFFECTIVE.get(self.got, self.got) == self.label["class"]


def _key(text: str) -> str:
    from pcache.analyzers.volatility import _chains

    chains = _chains(text)
    return chains[0].split(".")[0] if chains else text.strip("{}$ ")


def _chain(text: str) -> str:
    from pcache.analyzers.volatility import _chains

    chains = _chains(text)
    return chains[0] if chains else text.strip("{}$ ")


def labels() -> list[dict]:
    tables = [tomllib.loads(f.read_text(encoding="utf-8")) for f in LABEL_FILES]
    return [row for t in tables for row in t.get("label", []) + t.get("row", [])]


def project_files(label: dict) -> list[str]:
    """The files of the label's project that a scan of it would read: every file under its folder of
    ``agents/eval/`` (the prompt file and the code that fills it); a fixture elsewhere stands alone."""
    path = FIXTURES / label["file"]
    parts = Path(label["file"]).parts
    if parts[:2] == ("agents", "eval") and len(parts) > 3:
        root = FIXTURES.joinpath(*parts[:3])
        return sorted(str(p) for p in root.rglob("*") if p.is_file())
    return [str(path)]




def evaluate(projects: set[str] | None = None) -> list[Outcome]:
    """Every labelled row classified (only the rows of ``projects`` when given)."""
    from pcache.analyzers.model import Segment
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.volatility import VolatilitySettings, classify, expression_of, variable_name

    rows = [r for r in labels() if projects is None or r["project"] in projects]
    projects = {r["project"]: project_files(r) for r in rows}
    # a project's labelled files are read with the index of its files, as a scan of the project would read them:
    # a text another file of it fills or sends (Botpress LLMz's `export default` prompts, filled by dual-modes.ts;
    # agent-s's FORMATTING_FEEDBACK_PROMPT, replaced in utils/common_utils.py), a function another file defines
    # (gpt-migrate's prompt_constructor in utils.py).  Python projects were read all together without it until
    # session 14 (src-py14), which changed no split's agreement (source reads: measure-9 23 -> 24 with swarms'
    # fixture cut extended to the line that uses its handoff prompt).
    from pcache.analyzers.sources.load import Corpus
    corpus = Corpus()
    for name in sorted(projects):
        mine = sorted({str(FIXTURES / r["file"]) for r in rows if r["project"] == name})
        corpus.prompts += load_paths(mine, SourceOptions(project=ProjectIndex(projects[name]))).prompts
    indexes = {name: VolatilitySettings(project=ProjectIndex(files)) for name, files in projects.items()}
    by_key = {}
    for p in corpus.prompts:
        rel = Path(p.path).resolve().relative_to(FIXTURES.resolve()).as_posix()
        by_key[(rel, p.container or "")] = p
    out = []
    for r in rows:
        prompt = by_key.get((r["file"], r["prompt"]))
        segs = prompt.variables if prompt else []
        keys = [_key(expression_of(s)) if expression_of(s) else _key(variable_name(s)) for s in segs]
        keys = [k if k else _key(variable_name(s)) for k, s in zip(keys, segs)]
        first = keys[0] if keys else ""

        def matching(label):
            want = _key(label["variable"])
            # (a printf field by its specifier as written: the first `%s` of a template util.format fills)
            return next((s for s, k in zip(segs, keys) if k == want or variable_name(s) == label["variable"]
                         or (s.text.startswith("%") and s.text == label["variable"])), None)

        match = matching(r)
        if match is None and segs and r["class"] == "constant" and "next_variable" in r:
            # the constant is read as text (as the expert agrees: it does not break the cache): the
            # first variable is the one after it
            r = {**r, "variable": r["next_variable"], "class": r["next_class"], "why": r["next_why"],
                 "constant_read_as_text": r["variable"]}
            match = matching(r)
        if match is None:  # the source does not see it as a variable: classify it as written
            seg, ctx = Segment("{" + r["variable"] + "}", "variable", name=r["variable"],
                               expression=r["variable"]), None
        else:
            seg, ctx = match, prompt
        vol = classify(seg, ctx, indexes[r["project"]])
        out.append(Outcome(r, bool(segs) and match is segs[0], vol.cls, vol.source, first, vol.evidence,
                           getattr(vol, "rule", "")))
    return out


def agreement(outcomes: list[Outcome], split: str) -> tuple[int, int]:
    chosen = [o for o in outcomes if o.label["split"] == split]
    return sum(o.agrees for o in chosen), len(chosen)


# The verdict each class gets in a head (PC101, issue 12): per-turn content re-prefills the history every
# turn (error); per-request/per-session/unknown content is an error when the static text after it would
# reach the minimum, else info; per-user the same as a warning; per-day info; per-config and constants
# raise nothing by default.
# A per-turn history rendered in place (``{chat_history}`` between fixed text) grows by appending: the text before
# it and the old history stay a prefix, and only the text the template writes after it is read again at every turn
# (roots11, PC101 history_tail_lost): info when that tail costs nothing (measure-17's farfalle rephrase template),
# an error when it crosses a cached block; the assertion below ties info to zero cost.
VERDICTS = {"per-turn": {"error", "info"}, "per-request": {"error", "info"}, "per-session": {"error", "info"},
            "unknown": {"error", "info"}, "per-user": {"warning", "info"}, "per-day": {"info"},
            "per-config": {None}, "constant": {None}}


def verdicts(outcomes: list[Outcome]) -> list[tuple[Outcome, str | None, int]]:
    """(outcome, severity of the PC101 finding on its first variable or None, cost) for every labelled
    prompt whose first variable pcache reads as the expert does, each linted as the head of a
    conversation."""
    from pcache.analyzers.conversation import PositionSettings
    from pcache.analyzers.lint import LintOptions, lint
    from pcache.analyzers.rules.context import LintSettings
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths

    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.volatility import VolatilitySettings

    chosen = [o for o in outcomes if o.found]
    found = []
    for project in sorted({o.label["project"] for o in chosen}):  # each with its own files, as a scan would
        mine = [o for o in chosen if o.label["project"] == project]
        files = sorted({str(FIXTURES / o.label["file"]) for o in mine})
        # (loaded with the project's index, as evaluate() loads them)
        corpus = load_paths(files, SourceOptions(project=ProjectIndex(project_files(mine[0].label))))
        settings = LintSettings(positions=PositionSettings(by_glob={"*": "head"}, root=str(FIXTURES)),
                                volatility=VolatilitySettings(project=ProjectIndex(project_files(mine[0].label))))
        found += lint(corpus.prompts, "gpt-4o", LintOptions(select=["PC101"], settings=settings)).findings
    out = []
    for o in chosen:
        path = str((FIXTURES / o.label["file"]).resolve())
        mine = [f for f in found if str(Path(f.path).resolve()) == path
                and (f.prompt.rsplit(":", 1)[-1] == o.label["prompt"] or not o.label["prompt"])
                and o.first in {_key(v) for v in f.data.get("variables", [])}]
        # a finding on a later variable of the same object (pandas-ai's `if memory.count() > 1` after a
        # per-config `memory.agent_description`) is not the verdict on this one: the whole chain must match
        # when the finding's variables carry the labelled chain's object with another attribute
        whole = _chain(o.label["variable"])
        if whole and "." in whole:
            mine = [f for f in mine if whole in {_chain(v) for v in f.data.get("variables", [])}
                    or not any(_chain(v).startswith(o.first + ".") for v in f.data.get("variables", []))]
        f = min(mine, key=lambda f: f.token, default=None)
        out.append((o, f.severity if f else None, f.cost_tokens_per_conversation if f else 0))
    return out


def report(outcomes: list[Outcome]) -> str:
    lines = []
    for split in SPLITS:
        ok, n = agreement(outcomes, split)
        projects = sorted({o.label["project"] for o in outcomes if o.label["split"] == split})
        found = sum(o.found for o in outcomes if o.label["split"] == split)
        alike = sum(o.judged_alike for o in outcomes if o.label["split"] == split)
        lines.append(f"{split}: {ok}/{n} = {ok / n:.0%} agree ({len(projects)} projects: {', '.join(projects)}); "
                     f"judged alike (unknown as per-request) {alike}/{n}; "
                     f"the source reads {found}/{n} first variables as the expert does")
    for o in outcomes:
        if not o.agrees or not o.found:
            mark = "MISS " if not o.agrees else "parse"
            lines.append(f"  {mark} {o.label['split']:<7} {o.label['project']:<15} {o.label['variable'][:30]:<30} "
                         f"expert {o.label['class']:<11} pcache {o.got:<11} ({o.source}); pcache's first: "
                         f"{o.first or '-'}")
    return "\n".join(lines)


# -- tests --------------------------------------------------------------------------------------------

def test_labels_are_well_formed():
    from pcache.analyzers.volatility import CLASSES

    rows = labels()
    assert len(rows) >= 40
    for r in rows:
        assert r["class"] in CLASSES and r["split"] in SPLITS, r
        assert (FIXTURES / r["file"]).is_file(), r["file"]
        assert r["why"] and r["source"].startswith("https://github.com/"), r
    projects = {s: {r["project"] for r in rows if r["split"] == s} for s in SPLITS}
    assert len(projects["measure"]) >= 3 and len(projects["measure-2"]) >= 3 and len(projects["measure-3"]) >= 5
    assert len(projects["measure-4"]) >= 8 and sum(r["split"] == "measure-4" for r in rows) >= 20
    assert len(projects["measure-5"]) >= 6 and sum(r["split"] == "measure-5" for r in rows) >= 20
    assert len(projects["measure-6"]) >= 6 and sum(r["split"] == "measure-6" for r in rows) >= 20
    assert len(projects["measure-7"]) >= 6 and sum(r["split"] == "measure-7" for r in rows) >= 20
    assert len(projects["measure-8"]) >= 6 and sum(r["split"] == "measure-8" for r in rows) >= 20
    assert len(projects["measure-9"]) >= 6 and sum(r["split"] == "measure-9" for r in rows) >= 20
    for k, a in enumerate(SPLITS):  # no project in two splits
        for b in SPLITS[k + 1:]:
            assert not projects[a] & projects[b], (a, b, projects[a] & projects[b])
    held_out = {"aider", "open-interpreter", "crewai", "openhands", "mini-swe-agent", "smolagents", "khoj",
                "autogen", "metagpt", "langchain", "openai-agents", "gpt-engineer", "gemini-cli"}
    assert not {r["project"].lower() for r in rows} & held_out


@pytest.fixture(scope="module")
def outcomes():
    return evaluate()


# Measured agreement (see the module docstring): a floor that fails when a change makes the classifier
# agree less.  The bar is BAR (85 %); out-of-sample (measure-2, measure-3) the classifier is below it.
# measure: 22 -> 21 when ``goal`` became ambiguous (SuperAGI's {goals}: the source does not read it as the
# first variable, so the table classifies it without its template, where nothing says agent definition).
# measure-5: 11 at its blind first run (labels committed in 4d22c6a before the classifier ran on them).
# After the fifth round (follow the value: settings read by key path, branches decided by the arguments
# of the call, defaults, clocks frozen at import, tags filled by str.replace, request-rooted settings,
# per-call-site literals; ``language`` per-request and ``instruction`` per-config by name): tune 41 -> 40
# (CAMEL's translator ``language`` is its configuration; 3 of the 5 labelled ``language`` variables,
# in three other projects, are the language of the input, 1 a user's choice).
# measure-6: 12 at its blind first run (labels committed in 7054fa3 before the classifier ran on them),
# 15 after the sixth round (in-sample).
# measure-7: 9 at its blind first run (labels committed in 8f00a5b before the classifier ran on them),
# 10 after the seventh round (in-sample).
# Constants read as text (a string const bound once is static text of the prompt, in JS as in Python):
# three labelled first variables of class ``constant`` are no longer variables, and the eval compares the
# next one (labels.toml next_variable, labelled then by reading the code, not blind).  Void's ``stat``
# agrees (measure-3 holds at 14); two rows honestly flip: tune 40 -> 39 (Continue's
# ``BuiltInToolNames.FileGlobSearch``, a member of a string enum of another file of the project that the
# fixture does not hold: expert constant, pcache per-request) and measure-5 19 -> 18 (ai-chatbot's
# ``requestPrompt = getRequestPromptFromHints(requestHints)``, the client's geolocation: expert per-user,
# pcache per-request by the word "request" in its name; the value is not followed through the call).
# Eighth round (data flow, not names: attributes set by the project's classes, loops that render the
# prompt, values computed from the conversation, key-path loaders, JS request bodies / options / ``??``):
# tune 39 -> 40, measure-3 14 -> 15, measure-6 15 -> 17, measure-7 10 -> 19 (all in-sample: the rules
# were written from these misses; measure-8 is the blind check).
# Then the name rules fitted to one split were reviewed (kept: ``instruction``/``instructions`` per-config,
# the developer's directions as in the OpenAI API's ``instructions``; ``previous_*``/``prior_*`` per-turn,
# what the previous step of a loop left).  Dropped: ``language``/``lang`` (per-config until the fifth
# round, per-request since: the labels split three ways, the input's language, the answers' language
# set for an agent, a user's choice), the geolocation words ``latitude``/``longitude``/``lat``/``lon``/
# ``lng``/``geo``/``geolocation``/``coordinates`` (added for one row) and ``*_types``/``categories``
# (added for one row).  Lowered honestly: measure-2 14 -> 13 (ChatDev ``language`` and Zed
# ``language_name`` are ``unknown`` now, judged per-request as the expert labels them; BabyAGI's task
# list, read and written back around the model call, is now per-turn), measure-6 17 -> 16 (Graphiti's
# ``context['entity_types']``).  Data flow took over where the code says it: qodo-cover's ``language``
# (a template file named by a keyword of the render helper: a parameter each call supplies), ai-chatbot's
# ``requestHints.latitude`` and ``requestPrompt`` (``geolocation(request)`` through an object literal and
# the callers), shell-gpt's ``name`` (the constructions of SystemRole pass their own literal):
# measure-5 18 -> 20, then 19 when the JS source began reading through ``getRequestPromptFromHints(...)``
# (main, src-js4): ``requestPrompt`` is no longer a variable of the prompt, whose first variable is now
# ``requestHints.latitude`` (per-user, as the expert labels requestPrompt), and the table classifies the
# label's name alone.
# measure-8 (stagehand, WrenAI, kotaemon, screenshot-to-code, moatless-tools, LaVague, nanobrowser): labelled
# by a second expert (labels-measure8.toml, committed 43f094f on a branch no classifier work could see) and
# run once on the eighth round's classifier (main 89a5a12): 8/30 = 27 %, the clean, blind figure.  The same
# expert relabelled measure-5/6/7 blind: 56/62 agree with the first expert (90 %, Cohen's kappa 0.86;
# benchmarks/LABEL_AGREEMENT.md), so the gap is the classifier's, not the labels'.  Then one generic
# expression rule from its misses (an ISO timestamp cut to its date, ``toISOString().split('T')[0]``, is
# per-day): 10/30, in-sample.
# Ninth round (provenance before ambiguous names, no new name rule): a head noun that the labels split on
# across projects (``goal``, ``instruction(s)``, ``action``, ``context``: volatility.AMBIGUOUS) gives way to
# what the file says of the value: a parameter of the function that builds the prompt is supplied by
# each call (per-request).  Every split unchanged but measure-8 10 -> 14 (stagehand's instruction x2,
# goal, action/originalUserAction right; userProvidedInstructions, labelled per-config, then wrong, and
# right again (15 -> 16) once only the singular ``instruction`` counted as ambiguous: the plural
# ``instructions`` are standing directions, per-config in all three projects that label one).  The
# labelling conventions of benchmarks/LABEL_AGREEMENT.md were adopted (labels.toml header): a date read at
# import is per-day (quivr relabelled, the classifier follows: measure-5 holds at 19), per-turn only
# between calls that would otherwise share their prefix (deep-searcher's router relabelled per-request:
# measure-6 16 -> 15, the loop rule still says per-turn).  A boolean switch (``use_*``, ``disable_*``,
# ``*_enabled``) is a setting: measure-3 15 -> 16 (skyvern), measure-8 14 -> 15 (moatless; a blind miss
# at its first run, read per-turn by "thoughts").  Predicates (``is_*``, ``has_*``) are left out: Continue's
# ``isSuffix`` is computed from the request.
# Tenth round (structural evidence, no name rule; PC101.md "what the code fixes"): (a) a name the code
# resolves to text it writes once is constant (claude-engineer ``SystemPrompts.DEFAULT``, nanobrowser's
# imported ``commonSecurityRules`` x2); (a2) an attribute that starts empty and that nothing in the scan
# adds to is constant as written (trae-agent's lake view ``steps_fmt``, ``prev_step``); (b) ``self.x``
# takes the class of what the project function assigned to it returns (ii-agent's default system
# prompt, per-day); (c) a per-turn value sent in a one-shot call of a component no loop of its own file
# steps is per-request (Agent-S's summary; deep-searcher's router, relabelled in the ninth round).
# measure-6 15 -> 16, measure-8 16 -> 18, measure-9 18 -> 23 (in-sample now: the rules were written from
# its misses); every other split unchanged, no row lost.
# Eleventh round (the agent loop and the machine, from the code's structure; PC101.md "the agent loop", "the
# process's machine, by the packaging"; tests/test_volatility_agent_loop.py): a value bound at a pass of the
# loop that calls the model is per-turn wherever the message is rendered (KaibanJS tool result and schema
# error, through JSON.stringify and a helper's destructured parameter), and a value of the process's machine
# is per-config in a service by its manifests (anthropic-quickstarts' Dockerfile, ii-agent's fastapi
# dependency; packaging files of those projects added to their fixtures): measure-9 23 -> 24, measure-10
# 13 -> 16 (in-sample: the rules were written from their misses); then what the code as written fixes in
# JS/TS (a value overwritten before its use by a statement every path passes: micro-agent's visualTestResult,
# constant; a data file the module imports, bundled with the deployment: anthropic-quickstarts' categories,
# per-config): measure-10 16 -> 18; a JS value declared before the loop and re-assigned in it is carried
# from one pass to the next (per-turn, as in Python): no row moved.  Then the source loaders (main) began
# reporting four of measure-10's prompts with their code, and the same principles reached them: an operand of
# ``??`` made at a pass (KaibanJS toolName, per-turn), a function of the file is what it returns (ai-shell's
# getOperationSystemDetails(), os.name() in a CLI: per-user), an optional field no file of the scan sets
# (micro-agent's options.priorCode: constant): measure-10 18 -> 21.  Every other split unchanged.
# Twelfth round (values followed into the code that fills the template; PC101.md "followed to where it is
# decided"; tests/test_volatility_fill.py): a comparison is as volatile as what it compares and an f-string's
# value is followed two bindings deep (TradingAgents target_label), a JS name imported from a module that binds
# it once to text written whole is constant (taxy formattedActions), a call naming a template file fills it
# with the mapping it passes under any keyword (TinyTroupe purpose, number_of_words; tiny_story.py added to the
# fixture), a template file is named by a stem with a space (AGiXT url; Websearch.py added): measure-11
# 17 -> 18, measure-12 10 -> 14; then a call on an object the class holds is not a call of its own method
# (agenticSeek goal), a project function given values is computed from them (claude-code-action
# defaultPrompt), an object's __call__ is called where its instances are (OmniTool screen_info): measure-11
# 18 -> 19, measure-12 14 -> 16 (in-sample: the rules were written from their misses).
FLOOR = {"tune": 40, "measure": 23, "measure-2": 13, "measure-3": 16, "measure-4": 21, "measure-5": 19,
         "measure-6": 16, "measure-7": 19, "measure-8": 18,
         "measure-9": 25, "measure-10": 18, "measure-11": 19, "measure-12": 18,
         "measure-13": 25, "measure-14": 23, "measure-15": 17, "measure-16": 22,
         "measure-17": 23, "measure-18": 18,
         "measure-19": 18, "measure-20": 13, "measure-21": 15, "measure-22": 12,
         "measure-23": 16, "measure-24": 16,
         "measure-25": 22, "measure-26": 18,
         "measure-27": 19, "measure-28": 19,
         "measure-29": 19, "measure-30": 15}  # measure-29: 18 blind, then in-sample (src-py19, vol19); measure-30: its blind run; measure-29/30: their blind runs (session 2026-12-02 17:19); measure-27/28: their blind runs (session 2026-12-02 13:34); measure-25/26: their blind runs (session 2026-12-02 01:10); measure-23/24: their blind first runs (session 2026-12-01 07:13); measure-10: 13 at its blind first run;
# measure-11 and measure-12: 17 and 10 at their blind first runs (after the eleventh round); measure-13 and
# measure-14: their blind figures after the twelfth round (17 and 15).  Then (in-sample, the lead): an argument
# that is only its caller's parameter ("supplied by each call") is no evidence, so a project function given one
# decides nothing and the name is read (the order: a name before the default): Kiln's
# _xml_escape(task_instruction) per-config again (measure-13 17 -> 19), claude-code-action's defaultPrompt back to
# its name's per-config (measure-12 16 -> 15: a row the twelfth round had gained through that default)
# Thirteenth round (vol10, in-sample; tests/test_volatility_evidence.py, PC101.md "fields of a passed object"): a
# field of an object that is only a parameter is read by the field's name before that default: measure-13 19 -> 21
# (Potpie ctx.project_id, Magnitude ctx.cwd), measure-12 15 -> 16, two up and one down (claude-code-action
# context.repository.owner right; defaultPrompt right through context.inputs.useCommitSigning read as "inputs",
# an accident of the name table, not evidence; eventData.claudeBranch lost: the branch of this event's run,
# per-request for the expert, read per-user by the word "branch")
# Then Jinja2's own structure (jinja_flow.py): a name bound by an enclosing {% for %} is an item of what it walks
# (HolmesGPT key), and an included template is filled where its includer is (HolmesGPT cluster_name through
# generic_ask_conversation.jinja2): measure-13 21 -> 23; no other row moved
# Then where and when a value is fixed (a parameter defaulted to a named constant, loopgpt self.name; a path joined
# to a template file's name, kimi-cli MAX_LINES; an f-string joined to a format template, and a script run from
# the command line, mini-agi operating_system; a JS tag replaced by a shipped text file, Magnitude WORKER_BASE),
# a field of a parameter typed with a project type (Magnitude ctx.fullName) and what a fetch answers (open-lovable
# searchPlan): measure-13 23 -> 26, measure-14 15 -> 18; no other row moved.  All in-sample (vol10).
# Thirteenth round, the agent loop (loop10, in-sample: written from measure-14's misses): a clock read at each
# one-shot call is the input of that request (deep-research's `now`, filled by getSystemPrompt() in another file,
# every call of it the system of a streamText({system, prompt})), and an attribute rewritten from the model's
# reply is per-turn (loopgpt's plan and staging_tool): measure-14 15 -> 18; no other split moved.  Then the JS/TS
# loader reported ai-legion's and open-operator's prompts (src-js10), and the loop round's JS rules reached them: a
# store the agent's tools rewrite (ai-legion's goals) and an argument the model chose for a tool (readFile's path)
# are per-turn; open-operator's previous steps per-turn by their map item: measure-14 18 -> 21 (in-sample).
# Both thirteenth rounds together (vol10 and loop10, merged, with that loader): measure-13 26, measure-14 24,
# measure-12 16 (in-sample; the newly visible miss is open-operator's currentUrl, read constant through
# `let currentUrl = ""`).
# measure-15 (open-notebook, OpenAdapt, DeepCode, gpt-cli, search_with_lepton, BambooAI; a ninth labeller, branch
# label12) and measure-16 (page-assist, page-agent, code-review-gpt, Serena, companion-app; a tenth, branch label13)
# were labelled blind while the thirteenth rounds ran and merged only into the lead's measuring branch: 15/34 and
# 14/30 on main 7e985f0 before the rounds, 15/34 and 14/30 on main be12781 after them (the blind figures; one
# wrong class changed, no row moved).  A second labeller, given only where each variable is, agreed with their
# labels on 61/64 rows (95 %, kappa 0.94; benchmarks/LABEL_AGREEMENT.md).
# measure-17 (rawdog, hackingBuddyGPT, ChatDBG, private-gpt, farfalle, Upsonic; Python; an eleventh labeller, branch
# label17) and measure-18 (pi-mono, CopilotKit, eko, cloudflare/agents, deepwiki-open; mostly TS; a twelfth, branch
# label18) were labelled blind while the session of 2026-11-30 22:39 ran (volmethod's rule ids and precision study,
# the three source loaders' rounds, roots11's placements) and merged only into the lead's measuring branch: 17/30
# and 15/30 on main de7f562 before that work, 17/30 and 15/30 on main 5e44672 after it (the blind figures; no row
# of either split changed).  A second labeller, given only where each variable is, agreed on 55/60 rows (92 %,
# kappa 0.89; benchmarks/LABEL_AGREEMENT.md).
# convention12 (session 2026-12-01, in-sample: written from these splits' misses; tests/test_volatility_conventions.py,
# LABEL_AGREEMENT.md "Conventions as rules"): the labellers' written conventions as rules: a JS Date cut to a date
# part is per-day (page-assist getFullYear), a chat bot's process is a service's machine (pi-mono mom's cwd), a
# choice between named constants and a CONSTANT_CASE name the code follows no further are constant (pi-mono
# basePrompt, DeepCode base, pi-mono runtimeProviderDescriptions), an object's own field declared with a default
# is per-config (hackingBuddyGPT self.host): measure-15 15 -> 16, measure-16 14 -> 15, measure-17 17 -> 18,
# measure-18 15 -> 18; no row lost.  Then an item of a collection the object grows between calls is the history
# rendered (page-agent's agent history, x2), the counter of the for loop that renders the prompt is per-turn
# (code-review-gpt attempt), a constant filled by .replace/.format/.join takes the class of what fills it
# (code-review-gpt languageToInstructionPrompt), and a message text laid out by dedent() still reaches its one-shot
# call (rawdog import_name): measure-16 15 -> 19, measure-17 18 -> 19 (in-sample); no row lost.  The message at a
# fixed place from the start of the conversation (messages[0]) is the request that opened it, per-request, not
# per-session (wrong on both rows it decided): measure-12 16 -> 18 (OmniParser's task x2, in-sample).  A JS prompt
# accumulated by `prompt += ...` and returned by a private method reaches the one-shot call of its caller, where a
# time read per call is per-request (the history rendered in it stays per-turn): measure-16 19 -> 20 (page-agent).
# volmethod: every class names the rule that decided it (Outcome.rule; analyzers/evidence.py) and
# benchmarks/rule_precision.py measures each rule over all splits; no class changed, every floor as before
# (LABEL_AGREEMENT.md "Method: evidence precision across splits").
# fill12 (session 2026-12-01, in-sample: written from these splits' misses; analyzers/value_origin.py,
# tests/test_volatility_value_origin.py): the value followed to where the program decides it -- a template object
# handed to a helper with the keywords that fill it, a value re-assigned from the answer to the call that sends the
# prompt (fill.reply-rewrites), an attribute that starts empty and an iterating loop grows (state.loop-grown), a
# dict literal's values: measure-15 15 -> 16 (OpenAdapt actions), measure-17 17 -> 20 (hackingBuddyGPT cmd, facts,
# number); no row lost.
# convention12 and fill12 together, on main f958204 with src-js12's loader (in-sample): measure-12 19 (taxy's
# serializedActions, newly read by the JS loader, per-turn by js.loop-bound), measure-15 17, measure-17 22; no row of
# either round lost.  On main 56ef411 (roots12's positions: a parameter's member is what the callers pass under it)
# taxy's serializedActions reads per-request again (param.per-call): measure-12 18.
# Then a prompt factory's method named for a data file's key fills it (Serena's create_onboarding_prompt(system=...)),
# and a fill site is no longer hidden by a word of a string literal in a condition ({% if 'ToolMarker...' in
# available_markers %}: the name stage reads the expression's chains, the project stage now the same): measure-16
# 14 -> 16 (Serena system, available_markers); no row lost (in-sample).
# Then the text of a file read at a path the project holds (fs.readFile("companions/" + name)) is shipped with the
# deployment, per-config when the path chooses among such files (js.shipped-file): measure-16 16 -> 17 (companion-app
# preamble); no row lost (in-sample).
# On main c232062 (convention12 landed, with fill12's first step): measure-16 20 -> 23 by these last three rows (Serena
# system, available_markers; companion-app preamble), no row of any split lost: FLOOR measure-16 23 (in-sample).
# measure-19 (agent-squad, mcp-agent, cognee, adk-python, ms-agent; Python; a thirteenth labeller, branch label20)
# and measure-20 (Tambo, Melty, Botpress, OpenUI, llm-answer-engine, Surf.new; mostly TS; a fourteenth, branch
# label21) were labelled blind while the session of 2026-12-01 ran (fill12, convention12, the loaders' rounds) and
# merged only into the lead's measuring branch: 16/30 and 13/30 on main 45c2b28 before that work, 17/30 and 13/30
# on main f4513cb after it (the blind figures).  A second labeller agreed on 51/60 rows (85 %, kappa 0.80).
# measure-21 (SalesGPT, gpt-migrate, Mobile-Agent-E, ControlFlow, Cradle; Python; a fifteenth labeller, branch
# label23) and measure-22 (Rowboat, Aide, FireGEO, Rubberduck, Fire Enrich, Zerox; TS; a sixteenth, branch label24)
# were labelled blind while the session of 2026-12-01 04:19 ran and merged only into the lead's measuring branch:
# 12/30 and 12/30 on main dbb2094 before that session's work and on main 51aff65 after it (the blind figures; no
# class changed: evidence13/14's candidates did not pass their validation half).  A second labeller agreed on 52/60.
# Session 16 (vol16): the loop-message convention (labels.toml header; LABEL_AGREEMENT.md "Session 16"): a value made
# by the step just run and sent in a new message of the loop (appended to the history, or the content of a fresh call
# of a retry loop) is per-request.  Fifteen development rows of that shape relabelled per-turn -> per-request, with
# the classifier unchanged: tune 40 -> 39 (swe-agent observation), measure-7 19 -> 17 (auto-code-rover x2), measure-9
# 24 -> 25 (trae-agent tool_result.error, already per-request), measure-11 19 (bytebot block.name right, beeai thought
# wrong), measure-14 24 -> 22 (ai-legion path, loopgpt tool_id), measure-16 23 -> 22 (code-review-gpt attempt),
# measure-17 22 -> 20 (rawdog output, error): FLOOR at these counts.
# Then state.constructed (self.x that only the object's construction sets, read when nothing else decides:
# per-config; tests/test_volatility_constructed.py), adopted by the transfer gate (development 263 -> 266, validation
# 213 -> 214, no split lower): measure-21 12 -> 15 (ControlFlow's memory key x3, in-sample: written from them),
# measure-19 17 -> 18 (a validation row, counted, not read): FLOOR at these counts.
# Then the loop-message convention on the validation half (relabel16; LABEL_AGREEMENT.md "Session 16: the
# loop-message convention on the validation half"): 45 per-turn validation rows read from the code, 7 relabelled
# per-request before the eval ran; classifier unchanged: measure-10 21 -> 18 (KaibanJS tool result, tool error,
# schema error), measure-12 18 -> 17 (TinyTroupe retry message), measure-15 17 -> 16 (DeepCode sub-agent message
# was already a miss; BambooAI observation), measure-18 18 -> 17 (eko to-do list): FLOOR at these counts.
# Then boundary.appended-message (a per-turn value in a message the loop appends after the conversation's earlier
# messages is per-request; tests/test_volatility_appended.py), written by vol16 before the validation relabel (it
# lost 4 validation rows then) and judged once by the lead after it, by evidence13's adoption test: development
# 266 -> 269 (measure-14 +1, measure-17 +2), validation 208 -> 210 (measure-12, -15, -18 +1 each, measure-13 -1;
# right 3/3 and 3/4 where it decided): adopted; FLOOR at these counts (measure-13 26 -> 25).
# measure-25 (BondAI, llama-cpp-agent, motleycrew, PyWinAssistant, Gentopia, AgentLite; Python; a nineteenth
# labeller, branch label32 at f65aa8a) and measure-26 (DeepChat, TypeAgent, cursor-tools, Wingman, rag-chat, Lumos;
# TS; the same labeller) were labelled blind while the session of 2026-12-02 01:10 ran and merged only into the lead's
# measuring branch: 19/30 and 11/30 on main 562f587 before that session's work, 19/30 and 12/30 on lead1 b4b5f47
# after it (the blind figures; measure-26's +1 is DeepChat's payload, per-request by boundary.appended-message).
# Partition: measure-25 development, measure-26 validation (evidence13's rule).
# measure-26 12 -> 18 (src-js17, in-sample): five of its six loader misses were fixture cuts mid-declaration
# (DeepChat, TypeAgent files recut whole at the labels' commits) and DeepChat's turn handoff text; two label
# names set to the loader's, no class changed.  measure-27 (lida, Giskard, sotopia, MiniRAG, L2MAC, chat2plot;
# Python; a twentieth labeller, branch label33 at 8d0b93b) and measure-28 (gpt-runner, Shortest, aicommit2,
# MemFree, obsidian-textgenerator, WebChatGPT, open-deep-research; TypeScript; a twenty-first labeller, branch
# label34 at e170848) were labelled blind and run by the lead on main 38cc75f before this session's changes
# (16/30, 12/28) and on its final classifier (16/30, 12/28: the blind figures).  Partition: measure-27
# validation, measure-28 development (evidence13's rule).
# Session 17 (vol17, in-sample: written from development misses only; judged by the transfer gate, LABEL_AGREEMENT.md
# "Session 17"): a name bound only to blocks of text written in place is constant (code.text-choice, PyWinAssistant
# element_map/info_map: measure-25 19 -> 21); a variable nothing decides next to an agent definition's fields is
# per-config (definition.sibling, SalesGPT salesperson_name x2: measure-21 15 -> 17); a placeholder the template's own
# data file sets is per-config (fill.data-file-key, KernelBench precision_display: tune 39 -> 40); an object's own
# field declared with the default None that no code assigns is per-config (state.constructed-optional,
# hackingBuddyGPT conn.username: measure-17 22 -> 23).  Validation 222 -> 222 (no validation split moved): FLOOR at
# these counts.
# Session 18 (vol18, in-sample): definition.sibling dropped (a word list of an agent definition's fields; its signal
# was 6/10 right on the validation half wherever it appears, 0/1 where it decided, and no code in the fixtures sets
# the values it was written for): measure-21 17 -> 15 (SalesGPT salesperson_name x2 back to unknown), FLOOR with it.
# A text a role-named adder puts in a kept conversation (thread.add_user) is a turn of it (turn.role-adder,
# auto-code-rover's retry prompt: measure-7 17 -> 19); a text passed as prompt= to a text-completion call is a
# one-shot request (turn.completion-prompt, Gentopia's summary: measure-25 21 -> 22).  Validation 244 -> 244.
# Then (in-sample, src-js18, the JS loader): printf-style fills (MemFree's `util.format(DirectAnswerPrompt,
# profile, context, history)`: its `%s` fields), a `prompt` local in a function named for generating a thing, an enum
# member of roles as a message's speaker: measure-28 12 -> 19 (source reads 12 -> 23), no other split moved.
# Then (in-sample, src-py18, the Python/template loader): ten measure-27 label names set to the loader's names of the
# same prompts (lida 5, MiniRAG 5; no class changed), CommonMark code spans in prose (L2MAC), a function given the
# model to run holds its reply (sotopia agenerate): measure-27 16 -> 19 (source reads 16 -> 29).
# measure-29 (ScrapeGraphAI, autogluon-assistant, ii-researcher, llm-graph-builder, AgentClinic, OpenCopilot; Python)
# and measure-30 (dialoqbase, mycoder, Zero, AutoGPT.js, nextjs-openai-doc-search, mintlify/writer; TypeScript), a
# twenty-second labeller (branch label35 at 272c91b), merged only after both runs: before, on main 1c81f65 in a
# scratch worktree, 18/30 and 15/30; after, on the session's final loader and classifier (ff21eb7), 18/30 and 15/30
# (the blind figures; source reads 18/30 and 25/30).  Partition: measure-29 development, measure-30 validation.
# measure-29 18 -> 19 (in-sample, src-py19): 9 label names made the loader's; .format in a text; loop-rebuilt local.
# Then (in-sample, vol19): a value computed for each message, filled into a chat template's system message in the
# call that sends the history after it (struct.rerendered-system, llm-graph-builder `context`): measure-29 18 -> 19
# (in-sample, vol19).  Validation 262 -> 262.


@pytest.mark.parametrize("split", SPLITS)
def test_agreement_with_the_expert(outcomes, split):
    ok, n = agreement(outcomes, split)
    assert ok >= FLOOR[split], report(outcomes)


def _costs_nothing_where_it_sits(o: Outcome) -> bool:
    """Whether the labelled first variable sits where it costs nothing, computed with tiktoken directly on the
    prompt's static text (not with pcache's cost model): past the 1,024-token minimum, and the static text after
    it does not reach the next 128-token step, so the cached prefix is the same with or without it (MiniRAG's
    ``{query}`` at token ~1,620 of a 1,635-token prompt)."""
    import tiktoken

    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.load import load_paths

    corpus = load_paths([str(FIXTURES / o.label["file"])],
                        SourceOptions(project=ProjectIndex(project_files(o.label))))
    prompts = [p for p in corpus.prompts if p.name.rsplit(":", 1)[-1] == o.label["prompt"]]
    if len(prompts) != 1:
        return False
    segments = prompts[0].segments
    at = next((i for i, seg in enumerate(segments) if seg.kind == "variable"
               and _key(seg.name if seg.name is not None else seg.text) == o.first), None)
    if at is None:
        return False
    enc = tiktoken.get_encoding("o200k_base")
    before = len(enc.encode("".join(seg.text for seg in segments[:at]), disallowed_special=()))
    after = len(enc.encode("".join(seg.text for seg in segments[at + 1:] if seg.kind != "variable"),
                           disallowed_special=()))
    return before >= 1024 and (before - 1024) // 128 == (before + after - 1024) // 128


def test_verdicts_follow_the_class(outcomes):
    rows = verdicts(outcomes)
    assert len(rows) >= 30
    for o, severity, cost in rows:
        if not o.agrees:
            continue
        if severity is None and None not in VERDICTS[o.got] and _costs_nothing_where_it_sits(o):
            continue  # after the cacheable prefix: no finding (severity follows cost)
        assert severity in VERDICTS[o.got], (o.label, severity, cost)
        # severity follows cost: a finding that costs no cached tokens is info
        assert (severity == "info") == (cost == 0) or severity is None or o.got == "per-day", (o.label, cost)
    follow = sum(sev in VERDICTS[o.label["class"]] for o, sev, _c in rows)
    assert follow >= 0.8 * len(rows), [(o.label["variable"], o.label["class"], sev) for o, sev, _c in rows]


if __name__ == "__main__":  # pragma: no cover
    results = evaluate()
    print(report(results))
    rows = verdicts(results)
    follow = sum(sev in VERDICTS[o.label["class"]] for o, sev, _c in rows)
    print(f"verdicts: {follow}/{len(rows)} follow from the expert's class")
    for o, sev, cost in rows:
        if sev not in VERDICTS[o.label["class"]]:
            print(f"  {o.label['project']:<15} {o.label['variable'][:30]:<30} expert {o.label['class']:<11} "
                  f"-> {sev} (cost {cost:,})")
