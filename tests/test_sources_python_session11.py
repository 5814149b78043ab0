"""Prompts in Python the blind rounds recorded as missed and left (#11, session 11; in-sample now): a module whose
name only looks like a pytest file, ...

Goldens come from the fixture read with ``ast`` (and tiktoken o200k for positions), never from pcache.
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).parent / "fixtures" / "python"


def returned_literals(path: Path, function: str) -> list[str]:
    """The string literals a module-level function of ``path`` returns (read with ``ast``)."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return [r.value.value for r in ast.walk(node) if isinstance(r, ast.Return)
                    and isinstance(r.value, ast.Constant) and isinstance(r.value.value, str)]
    raise KeyError(function)


def test_a_module_named_like_a_pytest_file_is_read_when_it_holds_no_test(tmp_path):
    """stride-gpt ``core/test_cases.py`` asks a model for security test cases: its name starts like pytest's
    ``test_*.py``, but it declares no test, imports no test framework and runs nothing at import, so a walk reads it
    (``_get_system_prompt``'s fallback system prompt).  prometheus-eval's ``test_relative.py`` is a test run by hand
    (top-level calls): still skipped by a walk, though named alone it is read."""
    root = tmp_path / "repo"
    shutil.copytree(FIX / "test_named_modules", root)
    module = root / "stride_gpt" / "core" / "test_cases.py"
    script = root / "prometheus-eval" / "test_relative.py"
    walked = load_paths([str(root)]).prompts
    by_file = {}
    for p in walked:
        by_file.setdefault(Path(p.path).name, []).append(p)
    assert "test_relative.py" not in by_file
    got = {p.container: p for p in by_file["test_cases.py"]}
    (fallback,) = returned_literals(module, "_get_system_prompt")
    p = got["_get_system_prompt"]
    assert p.role == "system" and p.variables == []
    assert "".join(s.text for s in p.segments) == fallback
    assert load_paths([str(script)]).prompts  # named on the command line, the script's data is read
