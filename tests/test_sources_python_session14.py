"""Prompts in Python that blind round 26 (Adala) misnamed or dropped, and the #12 eval's measure-21 prompts the loader
did not report (gpt-migrate's prompt files joined by a prompt constructor, ControlFlow's f-string keyword arguments;
#11/#12, session 14; in-sample now).

Goldens come from the fixtures read with ``ast`` and the prompt files read as files (tiktoken o200k for positions),
never from pcache.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import tiktoken

from pcache.analyzers.crossflow.index import ProjectIndex
from pcache.analyzers.sources.interface import SourceOptions
from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).parent / "fixtures" / "python"
EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"
O200K = tiktoken.get_encoding("o200k_base")


def _load(files: list[Path], root: Path | None = None) -> dict:
    """The prompts pcache reads in ``files``, with the index of every file under ``root`` when given (as a scan of
    the project reads them)."""
    options = SourceOptions()
    if root is not None:
        options = SourceOptions(project=ProjectIndex(sorted(str(p) for p in root.rglob("*") if p.is_file())))
    return {p.container: p for p in load_paths([str(f) for f in files], options).prompts}


def _before_first(prompt) -> str:
    first = prompt.variables[0]
    return "".join(s.text for s in prompt.segments[:prompt.segments.index(first)])


def _function(tree: ast.AST, name: str) -> ast.FunctionDef:
    return next(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name)


def _fstring_head(node: ast.JoinedStr) -> str:
    head = ""
    for v in node.values:
        if isinstance(v, ast.FormattedValue):
            return head
        head += v.value
    return head


# ---------------------------------------------------------------------------------------------- #11, blind round 26

def test_messages_added_with_plus_equals_are_named_by_the_list_that_holds_them():
    """Adala ``TransformSkill.improve``: ``messages = [{"role": "system", ...}]`` then ``messages += [{"role": "user",
    "content": f"..."}]`` three times: each added message is named by ``messages`` as the first one is
    (``messages.user``, then ``@line``), not by its role alone."""
    path = FIX / "adala_transform_skill_improve.py"
    improve = _function(ast.parse(path.read_text(encoding="utf-8")), "improve")
    want, seen = {}, set()
    for stmt in ast.walk(improve):
        if isinstance(stmt, (ast.Assign, ast.AugAssign)) and isinstance(stmt.value, ast.List):
            target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
            if not (isinstance(target, ast.Name) and target.id == "messages"):
                continue
            for d in stmt.value.elts:
                keys = {k.value: v for k, v in zip(d.keys, d.values) if isinstance(k, ast.Constant)}
                if not isinstance(keys["content"], (ast.Constant, ast.JoinedStr, ast.BinOp)):
                    continue  # {"role": "assistant", "content": reasoning}: the model's own answer
                role = keys["role"].value
                name = f"TransformSkill.improve.messages.{role}"
                name = name if name not in seen else f"{name}@{keys['content'].lineno}"
                seen.add(name.split("@")[0])
                want[name] = keys["content"]
    assert len([n for n in want if ".user" in n]) == 3  # the fixture as read
    got = _load([path])
    for name, node in want.items():
        assert name in got, (name, sorted(got))
        if isinstance(node, ast.JoinedStr):
            assert abs(len(O200K.encode(_before_first(got[name]))) - len(O200K.encode(_fstring_head(node)))) <= 2
    assert "TransformSkill.improve.user" not in got


def test_a_class_attribute_its_class_only_logs_is_still_read_by_the_base_class():
    """Adala ``class PromptImprovementSkill(AnalysisSkill)`` declares ``instructions: str = "Improve current prompt"``
    (the base class's field, which ``AnalysisSkill`` sends as ``instructions_template=self.instructions`` in another
    file); the class's own only read is ``logger.debug(f"Instructions: {self.instructions}...")``.  Inherited methods
    read it: it is a prompt, not a text only logged."""
    path = FIX / "crossfile" / "adala" / "adala" / "skills" / "collection" / "prompt_improvement.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "PromptImprovementSkill")
    assert [ast.unparse(b) for b in cls.bases] == ["AnalysisSkill"]
    value = next(n.value.value for n in cls.body if isinstance(n, ast.AnnAssign) and n.target.id == "instructions")
    reads = [n for n in ast.walk(cls) if isinstance(n, ast.Attribute) and n.attr == "instructions"
             and isinstance(n.value, ast.Name) and n.value.id == "self" and isinstance(n.ctx, ast.Load)]
    assert len(reads) == 1  # the logger.debug f-string
    got = _load([path])
    assert "".join(s.text for s in got["PromptImprovementSkill.instructions"].segments) == value


# ------------------------------------------------------------------------------------ #12, measure-21 (in-sample)

GPT_MIGRATE = EVAL / "gpt-migrate" / "gpt_migrate"


def _config_constants() -> dict[str, str]:
    tree = ast.parse((GPT_MIGRATE / "config.py").read_text(encoding="utf-8"))
    return {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
            if isinstance(t, ast.Name) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}


def _gpt_migrate_prompts() -> dict[str, tuple[str, int]]:
    """Each ``prompt = <template>.format(...)`` of steps/debug.py (a trailing comma makes some a 1-tuple: the
    element is the text) with the text its template holds: ``prompt_constructor(A, B, ...)`` reads
    ``prompts/<value of A>`` and so on, each file stripped, joined (utils.py); named ``function.prompt``, a repeat
    ``@line``."""
    config = _config_constants()
    tree = ast.parse((GPT_MIGRATE / "steps" / "debug.py").read_text(encoding="utf-8"))
    out = {}
    for fn in [n for n in tree.body if isinstance(n, ast.FunctionDef)]:
        templates = {}
        for stmt in ast.walk(fn):
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) \
                    and getattr(stmt.value.func, "id", "") == "prompt_constructor":
                files = [GPT_MIGRATE / "prompts" / config[a.id] for a in stmt.value.args]
                # (the fixture copies the prompt files the labelled prompts read: human_intervention is not one)
                templates[stmt.targets[0].id] = "".join(f.read_text(encoding="utf-8").strip() for f in files) \
                    if all(f.is_file() for f in files) else None
        for stmt in sorted((n for n in ast.walk(fn) if isinstance(n, ast.Assign)), key=lambda n: n.lineno):
            value = stmt.value.elts[0] if isinstance(stmt.value, ast.Tuple) and len(stmt.value.elts) == 1 \
                else stmt.value
            if getattr(stmt.targets[0], "id", "") == "prompt" and isinstance(value, ast.Call) \
                    and getattr(value.func, "attr", "") == "format":
                name = f"{fn.name}.prompt"
                name = name if name not in out else f"{name}@{stmt.value.lineno}"
                out[name] = (templates[value.func.value.id], stmt.value.lineno)
    return out


def test_prompt_files_joined_by_a_prompt_constructor_are_the_prompt():
    """gpt-migrate: ``prompt_constructor(*args)`` (utils.py) opens ``prompts/{arg}`` for each argument and joins the
    stripped texts; steps/debug.py calls it with config.py's constants (``HIERARCHY``, ``"p1_guidelines/guidelines"``,
    ...) and ``.format(...)``s the result.  Each ``prompt`` is that join with its ``str.format`` fields; the labels of
    measure-21 name them ``debug_error.prompt``, ``debug_error.prompt@28`` ... and ``debug_testfile.prompt``."""
    want = _gpt_migrate_prompts()
    assert {"debug_error.prompt", "debug_error.prompt@28", "debug_error.prompt@68", "debug_error.prompt@89",
            "debug_error.prompt@115", "debug_testfile.prompt"} <= set(want)
    got = _load([GPT_MIGRATE / "steps" / "debug.py"], root=EVAL / "gpt-migrate")
    for name, (text, _line) in want.items():
        if text is None:  # a prompt file the fixture does not hold: nothing is made up
            assert name not in got
            continue
        assert name in got, (name, sorted(got))
        prompt = got[name]
        fields = [f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None]
        assert prompt.syntax == "format" and [v.name for v in prompt.variables] == fields
        assert "".join(s.text if s.kind == "static" else "{" + s.name + "}" for s in prompt.segments) == text
        head = text[:text.index("{" + fields[0] + "}")]
        assert abs(len(O200K.encode(_before_first(prompt))) - len(O200K.encode(head))) <= 2


def test_a_prompt_constructor_unseen_reads_nothing():
    """steps/debug.py scanned alone: nothing says what ``prompt_constructor`` returns (its definition is in
    utils.py), so no prompt is made up from the prompt files."""
    got = _load([GPT_MIGRATE / "steps" / "debug.py"])
    assert not any(name.endswith(".prompt") or ".prompt@" in name for name in got)


CONTROLFLOW = EVAL / "controlflow" / "src" / "controlflow"


def test_fstring_keyword_arguments_of_tool_and_message_constructors():
    """ControlFlow: ``Tool.from_function(self.add, name=..., description=f'Create a new memory in Memory:
    "{self.key}".')`` (the description the model reads to pick the tool), ``OrchestratorMessage(content=f"Starting
    task ...")`` where ``OrchestratorMessage.to_messages`` (events.py) sends ``self.content`` in a ``HumanMessage``,
    and that ``HumanMessage(content=f"({self.prefix})\\n\\n{self.content}")`` itself, whose ``prefix`` field
    defaults to the class's prose ``ORCHESTRATOR_PREFIX``."""
    files = [CONTROLFLOW / "memory" / "async_memory.py", CONTROLFLOW / "orchestration" / "orchestrator.py",
             CONTROLFLOW / "events" / "events.py"]
    got = _load(files, root=EVAL / "controlflow")
    memory = ast.parse(files[0].read_text(encoding="utf-8"))
    descriptions = [kw.value for n in ast.walk(_function(memory, "get_tools")) if isinstance(n, ast.Call)
                    for kw in n.keywords if kw.arg == "description"]
    assert len(descriptions) == 3
    for i, node in enumerate(descriptions):
        name = "AsyncMemory.get_tools.description" + (f"@{node.lineno}" if i else "")
        prompt = got[name]
        assert prompt.variables[0].expression == "self.key"
        assert _before_first(prompt) == _fstring_head(node)
    orchestrator = ast.parse(files[1].read_text(encoding="utf-8"))
    content = next(kw.value for n in ast.walk(_function(orchestrator, "_run_agent_turn")) if isinstance(n, ast.Call)
                   and getattr(n.func, "id", "") == "OrchestratorMessage" for kw in n.keywords if kw.arg == "content")
    first = next(v for v in content.values if isinstance(v, ast.FormattedValue))
    started = got["Orchestrator._run_agent_turn.content"]
    assert started.variables[0].expression == ast.unparse(first.value)
    assert _before_first(started) == _fstring_head(content)
    events = ast.parse(files[2].read_text(encoding="utf-8"))
    message = next(kw.value for n in ast.walk(_function(events, "to_messages")) if isinstance(n, ast.Call)
                   and getattr(n.func, "id", "") == "HumanMessage" for kw in n.keywords if kw.arg == "content")
    sent = got["OrchestratorMessage.to_messages.user"]
    assert [v.expression for v in sent.variables] == [ast.unparse(v.value) for v in message.values
                                                      if isinstance(v, ast.FormattedValue)]
    assert sent.role == "user"
