"""The ``pcache`` command: global options, command registry, and user-error handling."""

from __future__ import annotations

import sys

import typer

from . import common

app = typer.Typer(
    name="pcache",
    help=common.help_text(
        "Find what breaks LLM prompt caching in your prompts, templates and request logs, "
        "and what it costs.\n\n"
        "Examples:\n\n"
        "  pcache scan sample_prompts/\n\n"
        "  pcache lint prompts/ --format github\n\n"
        "  pcache show sample_prompts/support_bot_bad.md\n\n"
        "  pcache diff a.json b.json\n\n"
        "  pcache audit logs/2026-10.jsonl.gz\n\n"
        "  pcache probe sample_prompts/chat_requests --dry-run\n\n"
        "  pcache rule PC101\n\n"
        "Each command's --help has more examples."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"pcache {version('prompt-cache-analyzer')}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
    max_input_mb: float = typer.Option(
        None, "--max-input-mb", metavar="MB", envvar="PCACHE_MAX_INPUT_MB", show_envvar=False,
        help="Largest file (or decompressed file, or log line) read, in MiB [default: 64; env "
             "PCACHE_MAX_INPUT_MB]."),
) -> None:
    common.STATE.debug = debug
    if max_input_mb is not None:
        import math

        if not (math.isfinite(max_input_mb) and 0 < max_input_mb <= 1 << 20):
            raise typer.BadParameter("must be a number of MiB above 0", param_hint="--max-input-mb")
        from pcache.analyzers.inputs import set_max_input_mb

        set_max_input_mb(max_input_mb)


# One line per command: cli/commands/<module>.py defines HELP and a function named like the
# command.  Command modules import only typer at module level; analysis imports happen inside.
COMMANDS = [
    ("scan", "scan", True),
    ("lint", "lint", True),
    ("rule", "rule", False),
    ("show", "show", True),
    ("diff", "diff", True),
    ("models", "models", False),
    ("probe", "probe", True),
    ("audit", "audit", True),
]


def _register() -> None:
    import importlib

    for name, module, needs_args in COMMANDS:
        mod = importlib.import_module(f"{__package__}.commands.{module}")
        func = getattr(mod, name)
        common.escape_parameter_help(func)
        app.command(name, help=common.help_text(mod.HELP), no_args_is_help=needs_args)(common.guarded(func))


_register()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("pcache: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - outside any command (common.guarded covers those)
        common.internal_error(exc)


if __name__ == "__main__":
    main()
