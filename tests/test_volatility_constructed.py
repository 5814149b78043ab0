"""Values the object was built with (issue 12; benchmarks/LABEL_AGREEMENT.md "Session 16"): ``self.x`` where only the
object's construction sets ``x`` -- a field of the class with no default (a dataclass / pydantic model: every
construction passes it) or ``self.x = ...`` in ``__init__`` -- and no other code of the file assigns it, steps it or
grows it, is the configuration the object was built with (per-config), when no other evidence decides (rule
``state.constructed``, in the prompt's own f-string and at a fill site, ``flow:state.constructed``).

The real cut is ControlFlow's sync ``Memory`` (tests/fixtures/SOURCES.md, ``code/controlflow-memory``): its tool
descriptions name the memory's ``key``, a pydantic field with no default.  The counter-tests change the cut where
the rule must not take the value (an attribute a method re-assigns, a container the object grows)."""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

CUT = Path(__file__).parent / "fixtures" / "code" / "controlflow-memory" / "memory.py"


def _copy(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "memory.py").write_text(text, encoding="utf-8")
    return root


def test_a_field_with_no_default_is_what_the_object_was_built_with():
    # `key: str` in `class Memory(ControlFlowModel)` (a pydantic model), read by get_tools' descriptions; nothing in
    # the file re-assigns it: the memory module's key, given by whoever builds the memory (per-config)
    got = classify_in_project(CUT, "Memory.get_tools.description", "self.key", CUT.parent)
    assert got.cls == "per-config" and got.rule == "state.constructed", got
    assert "a field of Memory with no default" in got.evidence, got


def test_an_attribute_a_method_reassigns_is_not_the_construction(tmp_path):
    text = CUT.read_text(encoding="utf-8").replace(
        "    def add(self, content: str) -> str:",
        "    def rename(self, key: str) -> None:\n        self.key = key\n\n    def add(self, content: str) -> str:")
    root = _copy(tmp_path, text)
    got = classify_in_project(root / "memory.py", "Memory.get_tools.description", "self.key", root)
    assert got.rule != "state.constructed" and got.cls == "unknown", got


def test_set_in_init_and_grown_by_a_method_is_not_the_construction(tmp_path):
    # `self.key = []` in __init__ then `self.key.append(...)`: state the object fills as it is used
    text = CUT.read_text(encoding="utf-8").replace(
        "    key: str\n",
        "    def __init__(self, key):\n        self.key = [key]\n\n    def more(self, k):\n        self.key.append(k)\n\n")
    root = _copy(tmp_path, text)
    got = classify_in_project(root / "memory.py", "Memory.get_tools.description", "self.key", root)
    assert got.rule != "state.constructed", got
    text = text.replace("    def more(self, k):\n        self.key.append(k)\n\n", "")
    root2 = tmp_path / "second"
    root2.mkdir()
    (root2 / "memory.py").write_text(text, encoding="utf-8")
    got = classify_in_project(root2 / "memory.py", "Memory.get_tools.description", "self.key", root2)
    assert got.cls == "per-config" and got.rule == "state.constructed", got  # set in __init__ only
    assert "set in Memory.__init__" in got.evidence, got


def test_a_template_filled_with_such_a_field_takes_it(tmp_path):
    # the same description kept as a module template and filled at its use: the fill site reads self.key
    text = CUT.read_text(encoding="utf-8").replace(
        'logger = get_logger("controlflow.memory")\n',
        'logger = get_logger("controlflow.memory")\n\nCREATE_TEMPLATE = \'Create a new memory in Memory: "{key}".\'\n'
    ).replace("description=f'Create a new memory in Memory: \"{self.key}\".',",
              "description=CREATE_TEMPLATE.format(key=self.key),")
    assert "CREATE_TEMPLATE.format(key=self.key)" in text
    root = _copy(tmp_path, text)
    got = classify_in_project(root / "memory.py", "CREATE_TEMPLATE", "key", root)
    assert got.cls == "per-config" and got.rule.endswith("state.constructed"), got


def test_the_name_table_still_comes_first(tmp_path):
    # a field whose name the table classes keeps the name's class: the rule only reads what nothing else decides
    text = CUT.read_text(encoding="utf-8").replace("key: str\n", "query: str\n").replace("{self.key}", "{self.query}")
    root = _copy(tmp_path, text)
    got = classify_in_project(root / "memory.py", "Memory.get_tools.description", "self.query", root)
    assert got.cls == "per-request" and not got.rule.endswith("state.constructed"), got


def test_the_files_writes_are_read_once_per_file(monkeypatch):
    # flow_state.self_writes indexes every self.<attr> write of the file once (the review: constructed walked the
    # file's tree again for each self.x it was asked about); later questions on the same file walk nothing
    from pcache.analyzers import flow_state
    from pcache.analyzers.dataflow.python_file import _PyFile

    f = _PyFile(CUT.read_text(encoding="utf-8"))
    line = next(i for i, t in enumerate(CUT.read_text(encoding="utf-8").splitlines(), 1) if "store_memory_" in t)
    first = flow_state.constructed(f, line, "key")
    assert first is not None and "a field of Memory with no default" in first

    def no_walk(*_a, **_k):
        raise AssertionError("the file's tree walked again")

    monkeypatch.setattr(flow_state.ast, "walk", no_walk)
    assert flow_state.constructed(f, line, "key") == first
    # a field declared with a default (Field(default_factory=...)) is no construction-only field: None, as before
    assert flow_state.constructed(f, line, "provider") is None
