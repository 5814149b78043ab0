"""Every command's ``--help`` renders cleanly at 80 and 120 columns: nothing rich would read as markup is
lost, prose is wrapped by rich (no ragged lines from a hard-wrapped source), examples fit on their
lines and nothing is cut off with an ellipsis."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest
from typer.models import ParameterInfo
from typer.testing import CliRunner

from pcache.cli.app import COMMANDS, app

BRACKETED = re.compile(r"\[[^\]\s]+\]")
WIDTHS = (80, 120)


def render(args: list[str], width: int) -> str:
    res = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert res.exit_code == 0, res.output
    return res.output


def sources(name: str | None) -> list[str]:
    """The help texts as written: the command's HELP and its parameters' help."""
    if name is None:
        return [app.info.help]
    mod = importlib.import_module(f"pcache.cli.commands.{dict((c, m) for c, m, _ in COMMANDS)[name]}")
    out = [mod.HELP]
    for p in inspect.signature(getattr(mod, name)).parameters.values():
        if isinstance(p.default, ParameterInfo) and p.default.help:
            out.append(p.default.help)
    return out


def description(text: str) -> list[str]:
    """The lines between the usage line and the first panel."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "Usage:" in line) + 1
    end = next((i for i, line in enumerate(lines) if line.startswith("╭")), len(lines))
    return lines[start:end]


NAMES = [None] + [c for c, _, _ in COMMANDS]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", NAMES, ids=lambda n: n or "pcache")
def test_help_renders_cleanly(name, width):
    out = render([name] if name else [], width)
    flat = re.sub(r"[\s│]+", " ", out)
    for src in sources(name):
        for tag in BRACKETED.findall(src.replace("\\[", "[")):
            assert tag in flat, f"{tag} from the help source is missing in the rendered help"
    assert "…" not in out, "help text cut off with an ellipsis"
    for line in out.splitlines():
        assert len(line) <= width, f"line wider than {width}: {line!r}"
    lines = description(out)
    for cur, nxt in zip(lines, lines[1:]):
        if not cur.strip() or not nxt.strip():
            continue
        if cur.startswith("   ") or nxt.startswith("   "):  # an example: must fit on its own line(s)
            assert cur.startswith("   ") and nxt.startswith("   "), f"example wrapped: {cur!r} / {nxt!r}"
            continue
        word = nxt.split()[0]
        assert len(cur.rstrip()) + len(word) > width - 3, f"ragged line at {width} columns: {cur.rstrip()!r}"
