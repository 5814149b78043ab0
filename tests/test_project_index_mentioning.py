"""``ProjectIndex.py_mentioning`` / ``js_mentioning`` (analyzers/crossflow.py): the parsed files of a scan that mention a
name, one helper for the idiom the code readers repeated.  Checked on the deepwiki-open fixture (a Python API and a
Next.js front end, tests/fixtures/SOURCES.md); the expected files were found with ``grep -rlw language`` over the
fixture, not with this code."""

from __future__ import annotations

import ast
from pathlib import Path

from pcache.analyzers.crossflow.index import ProjectIndex

ROOT = Path(__file__).parent / "fixtures" / "agents" / "eval" / "deepwiki-open"


def _index() -> ProjectIndex:
    return ProjectIndex(sorted(str(p) for p in ROOT.rglob("*") if p.is_file()))


def test_python_files_that_mention_a_name_parsed():
    got = list(_index().py_mentioning("language"))
    assert [Path(p).relative_to(ROOT.resolve()).as_posix() for p, _f in got] == ["api/prompts.py", "api/simple_chat.py"]
    assert all(isinstance(f.tree, ast.Module) for _p, f in got)


def test_js_files_that_mention_a_name_parsed():
    got = list(_index().js_mentioning("language"))
    assert [Path(p).relative_to(ROOT.resolve()).as_posix() for p, _t in got] == ["src/app/[owner]/[repo]/page.tsx"]
    tree, data = got[0][1]
    assert tree.root_node.type == "program" and b"language" in data


def test_a_name_no_file_mentions():
    index = _index()
    assert list(index.py_mentioning("no_such_name_anywhere")) == []
    assert list(index.js_mentioning("no_such_name_anywhere")) == []
