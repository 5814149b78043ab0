"""What every command shares: consoles, user-error handling, progress, exit codes."""

from __future__ import annotations

import functools
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass
class _State:
    debug: bool = False


STATE = _State()


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


def help_text(text: str) -> str:
    """Help as written in a command module, made ready for typer's rich renderer: paragraphs of prose
    are joined into one line each (rich wraps them to the terminal width; a hard-wrapped source renders
    ragged), indented lines (examples) are kept as they are, and rich markup is escaped (``[tool.pcache]``
    would otherwise be read as a style tag and vanish)."""
    from rich.markup import escape

    paragraphs = []
    for para in text.strip("\n").split("\n\n"):
        lines = para.split("\n")
        if not any(line.startswith((" ", "\t")) for line in lines):
            para = " ".join(line.strip() for line in lines)
        paragraphs.append(escape(para))
    return "\n\n".join(paragraphs)


def escape_parameter_help(func) -> None:
    """Escape rich markup in the help of a command function's options and arguments (once)."""
    import inspect

    from rich.markup import escape
    from typer.models import ParameterInfo

    for param in inspect.signature(func).parameters.values():
        info = param.default
        if isinstance(info, ParameterInfo) and info.help and not getattr(info, "_pcache_escaped", False):
            info.help = escape(info.help)
            info._pcache_escaped = True


def stdout_console(no_color: bool = False):
    from rich.console import Console

    return Console(no_color=no_color or "NO_COLOR" in os.environ, soft_wrap=False,
                   highlight=False)


def stderr_console(no_color: bool = False):
    from rich.console import Console

    return Console(stderr=True, no_color=no_color or "NO_COLOR" in os.environ, highlight=False)


def fail(message: str, hint: str | None = None, code: int = EXIT_USAGE):
    """Print one error line (and a hint) to stderr and exit."""
    err = f"pcache: error: {message}"
    sys.stderr.write(err + "\n")
    if hint:
        sys.stderr.write(f"  hint: {hint}\n")
    raise typer.Exit(code)


def user_errors(func):
    """Turn library errors into one-line messages with exit code 2 (tracebacks only with --debug)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from pcache.analyzers.errors import PcacheError

        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except PcacheError as exc:
            if STATE.debug:
                raise
            fail(exc.message, exc.hint)
        except OSError as exc:
            if STATE.debug:
                raise
            fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))

    return wrapper


CONFIG_HELP = "Config file (pcache.toml or pyproject.toml; default: the nearest one above the first path)."
SYNTAXES = ("auto", "jinja", "mustache", "handlebars", "sk", "go", "format", "template", "none")


def settings(explicit: str | None, first_path: str | None):
    """The one configuration every command reads: ``--config FILE``, else the nearest ``pcache.toml`` /
    ``pyproject.toml`` with ``[tool.pcache]`` above ``first_path`` (a ``FILE#L3`` pick is its file)."""
    from pcache.analyzers.config import config_for

    if first_path and "#" in first_path and not os.path.exists(first_path):
        first_path = first_path.split("#", 1)[0]
    return config_for(explicit, first_path)


def check_syntax(value: str) -> str:
    if value not in SYNTAXES:
        raise typer.BadParameter(f"unknown syntax {value!r}", param_hint="--syntax")
    return value


def nothing_found(corpus, paths, what: str) -> bool:
    """Files were read (or seen and skipped, such as package.json) and none holds a prompt, and none
    was unreadable: a clean result, said in one line on stderr (nothing silent).  ``what``: the verb
    (``lint``, ``scan``).  A folder with no candidate file at all is still an error (``require_prompts``)."""
    if corpus.prompts or corpus.errors or not (corpus.files or corpus.skipped):
        return False
    n = corpus.files + corpus.skipped
    sys.stderr.write(f"pcache: no prompts in the {n:,} file(s) read under {', '.join(str(p) for p in paths)}: "
                     f"nothing to {what}\n")
    return True


def require_prompts(corpus, paths) -> None:
    """Nothing silent: when no prompt was found under ``paths``, one line on stderr and exit 2 (bad files
    were already reported one line each)."""
    if corpus.prompts:
        return
    if corpus.errors:
        raise typer.Exit(EXIT_USAGE)
    where = ", ".join(str(p) for p in paths) or "."
    fail(f"no prompts found under {where} (text, Markdown, templates, request JSON/JSONL, Prompty, YAML)")


def internal_error(exc: BaseException):
    """A bug: one line naming it (the traceback only with --debug), exit 2."""
    if STATE.debug:
        raise exc
    sys.stderr.write(f"pcache: internal error: {type(exc).__name__}: {str(exc)[:300]}\n"
                     "  hint: rerun with --debug for the traceback and report it\n")
    sys.stderr.flush()
    raise SystemExit(EXIT_USAGE)


def guarded(func):
    """Every command: no traceback and no silent exit.  Ctrl-C says so (typer would exit 130 without a
    word), an EOFError is not typer's "Aborted!", and an unexpected exception is one line."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except KeyboardInterrupt:
            sys.stderr.write("pcache: interrupted\n")
            raise typer.Exit(130) from None
        except EOFError as exc:
            if STATE.debug:
                raise
            fail(f"unexpected end of input ({exc})")
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # noqa: BLE001
            if type(exc).__module__.split(".")[0] in ("typer", "click"):
                raise  # usage errors: typer prints them
            internal_error(exc)

    return wrapper


@contextmanager
def redacted_output(secrets=()):
    """stdout and stderr redacted (analyzers/redact.py) while API keys are in use."""
    from pcache.analyzers.redact import RedactingStream, Redactor, keys_in_use

    redactor = Redactor([*secrets, *keys_in_use()])
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = RedactingStream(sys.stdout, redactor), RedactingStream(sys.stderr, redactor)
    try:
        yield redactor
    finally:
        sys.stdout, sys.stderr = saved


def redacting(func):
    """A command that may hold API keys (probe, scan --live-count): all of its output redacted."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with redacted_output():
            return func(*args, **kwargs)

    return wrapper


def report_source_errors(errors, console=None, warnings=()) -> None:
    """One line per file that could not be read; warnings (files a walk found and could not read
    as what they seem to be) say so and do not change the exit code."""
    for e in [*warnings, *errors]:
        sys.stderr.write(f"pcache: warning: {e}\n" if e.warning else f"pcache: {e}\n")


class Progress:
    """A rich progress bar on a terminal for long work; silent when stderr is not a terminal."""

    def __init__(self, label: str, enabled: bool | None = None, min_total: int = 20):
        self.label = label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.min_total = min_total
        self._bar = None
        self._task = None

    def __enter__(self):
        return self

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total < self.min_total:
            return
        if self._bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress
            from rich.progress import TimeRemainingColumn

            self._bar = RichProgress("[progress.description]{task.description}", BarColumn(),
                                     MofNCompleteColumn(), TimeRemainingColumn(),
                                     console=stderr_console(), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
        return False
