"""The README's command reference, generated from the commands' ``--help`` (cog-style markers).

Between ``<!-- [[[cog reference NAME ]]] -->`` and ``<!-- [[[end]]] -->`` README.md holds the help of
``pcache NAME`` (``pcache`` itself for NAME ``pcache``) rendered at 100 columns without colour.  Regenerate with
``python -m pcache.cli.reference README.md``; ``--check`` exits 1 when the file is out of date (a test
runs the check)."""

from __future__ import annotations

import re
import sys

WIDTH = 100
BLOCK = re.compile(r"(<!-- \[\[\[cog reference (?P<name>[\w-]+) \]\]\] -->\n)(?P<body>.*?)(<!-- \[\[\[end\]\]\] -->)",
                   re.S)


def render_help(name: str, width: int = WIDTH) -> str:
    from typer.testing import CliRunner

    from .app import app

    args = [name, "--help"] if name != "pcache" else ["--help"]
    res = CliRunner().invoke(app, args, env={"COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb"})
    if res.exit_code != 0:
        raise RuntimeError(f"pcache {' '.join(args)} exited {res.exit_code}: {res.output}")
    lines = [line.rstrip() for line in res.output.strip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def regenerate(text: str) -> str:
    def block(m: re.Match) -> str:
        name = m.group("name")
        command = "pcache" if name == "pcache" else f"pcache {name}"
        return f"{m.group(1)}```text\n$ {command} --help\n{render_help(name)}```\n{m.group(4)}"

    return BLOCK.sub(block, text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"] or ["README.md"]
    stale = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        new = regenerate(text)
        if new != text:
            if check:
                stale.append(path)
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    for path in stale:
        sys.stderr.write(f"{path}: command reference out of date; run python -m pcache.cli.reference {path}\n")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
