"""Helpers shared by the volatility data-flow tests (test_volatility_crossflow/_dataflow/_follow/_loops):
a fresh classifier cache around each test, a project's files, one variable classified with its project,
small projects written from text."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pcache.analyzers.crossflow.index import ProjectIndex
from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.volatility import VolatilitySettings, classify, clear_cache, variable_name


@pytest.fixture(autouse=True)
def fresh_classifier_cache():
    """Imported into a test module, runs around each of its tests: no class memoised by another test."""
    clear_cache()
    yield
    clear_cache()


def project_files(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*") if p.is_file())


def classify_in_project(prompt_file: Path, container: str, variable: str, project: Path):
    """The class of the first variable named like ``variable`` in prompt ``container`` of ``prompt_file``,
    classified with the files under ``project`` (as a scan of that folder would)."""
    for p in load_paths([str(prompt_file)]).prompts:
        if (p.container or "") != container:
            continue
        for s in p.variables:
            if variable in variable_name(s):
                return classify(s, p, VolatilitySettings(project=ProjectIndex(project_files(project))))
    raise AssertionError(f"{variable} of {container} not read in {prompt_file}")


def write_files(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text))
