"""Whose machine a program runs on, from the project's own packaging (issue 12, labelling convention "the
machine a value is read from"): a value of the process's machine (OS, architecture, shell, user name, cwd,
hostname, locale) is the user's (per-user) when the program runs where its user works, a command-line tool,
a desktop app, an editor extension, and the deployment's (per-config) when it runs as a service for many
users, a web server or a container.

``program_kind(path, root)`` reads the manifests in the folder of ``path`` and each folder above it up to
``root`` (the scan's root), nearest first:

* a program its user runs: ``package.json`` with ``bin``, a VS Code manifest (``engines.vscode`` or
  ``contributes``) or an ``electron`` dependency; ``pyproject.toml`` with ``[project.scripts]``,
  ``[project.gui-scripts]`` or ``[tool.poetry.scripts]``; ``setup.py`` / ``setup.cfg`` declaring
  ``console_scripts`` or ``gui_scripts``;
* a service: a ``Dockerfile`` or a compose file; a web framework among the dependencies (``next``,
  ``express``, ``fastify``, ``koa``, ``@nestjs/core``, ``hono``; ``fastapi``, ``flask``, ``django``,
  ``streamlit``, ``gradio``, ``uvicorn``, ``starlette``); a chat-platform bot SDK that receives the
  platform's events (``_BOT_DEPS``).

In one folder a program's entry point wins over a container (a CLI is often shipped as an image too); the
nearest folder that says anything decides.  A bot SDK wins over an entry point: a bot started by its
``bin`` (pi-mono's Slack bot ``mom``) is still one process answering every user of the workspace it is
installed in, the deployment's machine (convention of labels-measure17/18.toml: "the process's machine:
per-user for a program run where its user works (a CLI), per-config for a service").  None when no manifest says (the value keeps per-user: the
machine of whoever runs the code).  Nothing is run; files are read once per scan.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache

from .inputs import open_text

_USER_JS_DEPS = {"electron"}
_SERVICE_JS_DEPS = {"next", "express", "fastify", "koa", "@nestjs/core", "hono"}
_SERVICE_PY_DEPS = {"fastapi", "flask", "django", "streamlit", "gradio", "uvicorn", "starlette"}
# SDKs whose documented job is to receive a chat platform's events for an app installed in a workspace or
# server (Slack's Socket Mode and Bolt, discord.js / discord.py, Telegram bot frameworks, Microsoft's Bot
# Framework): a program built on one serves that platform's users.  A client that only posts
# (``@slack/web-api``, ``slack_sdk`` alone) is not one.
_BOT_DEPS = {"@slack/socket-mode", "@slack/bolt", "discord.js", "telegraf", "grammy", "node-telegram-bot-api",
             "botbuilder", "slack-bolt", "slack_bolt", "discord.py", "python-telegram-bot", "aiogram",
             "pytelegrambotapi"}
_COMPOSE = ("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml")
_PY_SCRIPTS = re.compile(r"(?m)^\s*\[(?:project\.(?:gui-)?scripts|tool\.poetry\.scripts)\]")
_SETUP_SCRIPTS = re.compile(r"console_scripts|gui_scripts")
_PY_DEP = re.compile(r"""["']\s*([A-Za-z0-9_.\-]+)""")
MAX_MANIFEST = 512_000


def _read(path: str) -> str | None:
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_MANIFEST:
            return None
        with open_text(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def _package_json(folder: str) -> tuple[str, str] | None:
    text = _read(os.path.join(folder, "package.json"))
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    deps = {k for key in ("dependencies", "devDependencies") if isinstance(data.get(key), dict) for k in data[key]}
    engines = data.get("engines") if isinstance(data.get("engines"), dict) else {}
    bots = sorted(deps & _BOT_DEPS)
    if bots:
        return "service", f"package.json depends on {bots[0]} (a chat bot serving a platform's users)"
    if data.get("bin"):
        return "user", "package.json declares `bin` (a command its user runs)"
    if "vscode" in engines or data.get("contributes"):
        return "user", "package.json is a VS Code extension manifest"
    if deps & _USER_JS_DEPS:
        return "user", "package.json depends on electron (a desktop app)"
    web = sorted(deps & _SERVICE_JS_DEPS)
    if web:
        return "service", f"package.json depends on {web[0]} (a web server)"
    return None


def _python_manifest(folder: str) -> tuple[str, str] | None:
    text = _read(os.path.join(folder, "pyproject.toml"))
    bots = sorted(_dependencies(text) & _BOT_DEPS) if text is not None else []
    if bots:
        return "service", f"pyproject.toml depends on {bots[0]} (a chat bot serving a platform's users)"
    if text is not None and _PY_SCRIPTS.search(text):
        return "user", "pyproject.toml declares scripts (a command its user runs)"
    for name in ("setup.py", "setup.cfg"):
        setup = _read(os.path.join(folder, name))
        if setup is not None and _SETUP_SCRIPTS.search(setup):
            return "user", f"{name} declares console scripts (a command its user runs)"
    if text is not None:
        deps = _dependencies(text)
        web = sorted(deps & _SERVICE_PY_DEPS)
        if web:
            return "service", f"pyproject.toml depends on {web[0]} (a web server)"
    return None


def _dependencies(pyproject: str) -> set[str]:
    """Names in the ``dependencies = [...]`` list of ``[project]`` (PEP 621), lower-cased."""
    # the list ends at a line holding only "]" (extras such as "anthropic[vertex]" hold brackets too),
    # or on its own line when written on one
    m = re.search(r"(?m)^dependencies\s*=\s*\[(.*)\]\s*$", pyproject) or \
        re.search(r"(?ms)^dependencies\s*=\s*\[(.*?)^\s*\]", pyproject)
    if not m:
        return set()
    return {re.split(r"[\[<>=!~;\s]", d, maxsplit=1)[0].lower() for d in _PY_DEP.findall(m.group(1))}


@lru_cache(maxsize=256)
def _folder_kind(folder: str) -> tuple[str, str] | None:
    found = [k for k in (_package_json(folder), _python_manifest(folder)) if k is not None]
    bot = [k for k in found if "chat bot" in k[1]]
    if bot:
        return bot[0]
    user = [k for k in found if k[0] == "user"]
    if user:
        return user[0]
    if os.path.isfile(os.path.join(folder, "Dockerfile")):
        return "service", "a Dockerfile (the program runs in a container)"
    compose = next((c for c in _COMPOSE if os.path.isfile(os.path.join(folder, c))), None)
    if compose:
        return "service", f"{compose} (the program runs as a service)"
    return found[0] if found else None


_MAIN = re.compile(r"(?m)^if\s+__name__\s*==\s*['\"]__main__['\"]\s*:")
_ARGV = re.compile(r"\bsys\.argv\b|\.parse_(?:known_)?args\s*\(|(?<![\w.])input\s*\(|@click\.command|typer\.run\s*\(")
_SERVES = re.compile(r"\b(?:uvicorn|gunicorn|hypercorn|waitress)\b|\.run\s*\([^)]*\b(?:host|port)\s*=|"
                     r"\b(?:serve|serve_forever|run_app|launch)\s*\(")


@lru_cache(maxsize=256)
def _script_kind(path: str) -> tuple[str, str] | None:
    """The file itself is a command its user runs: a Python script whose ``if __name__ == "__main__":`` block
    reads its run's arguments or input (``sys.argv``, argparse, ``input()``, click/typer) and starts no server;
    the nearest evidence of how the program is run (``python miniagi.py <objective>``)."""
    if not path.lower().endswith(".py"):
        return None
    text = _read(path)
    m = _MAIN.search(text) if text else None
    if m is None:
        return None
    block = text[m.end():]
    if not _ARGV.search(block) or _SERVES.search(block):
        return None
    return "user", f"{os.path.basename(path)} is a script run from the command line (its __main__ block reads its arguments)"


def program_kind(path: str, root: str | None = None) -> tuple[str, str] | None:
    """('user' | 'service', why) for the program the file at ``path`` belongs to; None when no manifest
    between its folder and ``root`` says.  The file itself first: a script run from the command line."""
    script = _script_kind(os.path.abspath(path))
    if script is not None:
        return script
    folder = os.path.dirname(os.path.abspath(path))
    stop = os.path.abspath(root) if root else folder
    while True:
        got = _folder_kind(folder)
        if got is not None:
            return got
        if folder == stop or not folder.startswith(stop) or os.path.dirname(folder) == folder:
            return None
        folder = os.path.dirname(folder)


def scan_root(index) -> str | None:
    """The folder holding every file of the scan (``crossflow.ProjectIndex``), None without one."""
    return getattr(index, "root", None)


def clear_cache() -> None:
    _folder_kind.cache_clear()
    _script_kind.cache_clear()
