"""A source turns one file into prompts.  One module per format; ``registry.py`` lists them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Protocol

from ..inputs import InputError
from ..model import Prompt, SourceError


@dataclass(frozen=True)
class SourceOptions:
    model: str | None = None  # --model: overrides a request body's own model
    syntax: str = "auto"  # --syntax for templates: auto|jinja|mustache|format|template|none
    request_field: str | None = None  # --request-field PATH for JSONL log lines (dotted path)
    # crossflow.ProjectIndex of the files a walk read: code sources look up uses in other files
    project: object = field(default=None, compare=False, hash=False, repr=False)


@dataclass
class LoadedFile:
    """What a source made of one file: its prompts and any per-line problems (file goes on)."""

    prompts: list[Prompt] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)


class Source(Protocol):
    name: str

    def matches(self, path: str, head: str) -> bool:
        """Whether this source reads ``path``; ``head`` is the first few KB of the file's text."""
        ...

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        """Parse ``text`` (the whole decoded file).  Raise ``SourceParseError`` for a bad file."""
        ...


# A file a source cannot read (``message``, 1-based ``line`` when known, ``hint``): the input layer's
# error, so JSON/YAML limits raised there reach the user the same way.
SourceParseError = InputError


class NotThisFormat(SourceParseError):
    """Raised by ``load`` when the file turns out not to be in the source's format after all (a JSON
    file that is no request body): the loader tries the next source that matches the file, and
    reports this error only when none reads it."""


class UnparsedTemplate(SourceParseError):
    """Raised by ``load`` for a template the syntax parser rejects.  ``fallback`` is what a directory
    walk keeps instead (the file as plain text when its syntax was only guessed from its content,
    nothing when its extension declared it): the loader turns the error into a one-line warning
    there, and reports it as an error only when the file was named."""

    def __init__(self, message: str, line: int | None, hint: str | None, fallback: "LoadedFile",
                 consequence: str):
        super().__init__(message, line, hint)
        self.fallback = fallback
        self.consequence = consequence


class NoPrompts(SourceParseError):
    """Raised by ``load`` for a well-formed file that holds no prompt (``package.json``, a config file
    without prompt fields, a source file without prompt strings): quietly skipped when a directory
    walk found it, one error line when the file was named."""

    def __init__(self, message: str = "no prompts in this file", line: int | None = None,
                 hint: str | None = None):
        super().__init__(message, line, hint)


class UnparsableCode(SourceParseError):
    """Raised by ``load`` for source code this Python cannot parse (a newer language version, Python 2,
    a broken file): a warning for a file a directory walk found (it costs nothing else), an error for a
    file named on the command line."""


class NoRequests(NoPrompts):
    """A JSONL file in which no line is a request body (a data set, an evaluation log): quietly
    skipped when a walk found it; named on the command line, each bad line is reported."""

    def __init__(self, errors: list[SourceError]):
        first = errors[0] if errors else None
        super().__init__("no request bodies in this file", first.line if first else None)
        self.errors = errors


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(text.splitlines(), start=1):
        yield n, line
