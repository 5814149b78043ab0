"""Plain text and Markdown: the whole file is one static prompt."""

from __future__ import annotations

from ..model import Prompt, Segment
from .interface import LoadedFile, SourceOptions

EXTENSIONS = (".txt", ".md", ".markdown", ".prompt", ".text", ".rst", ".snap")


class TextSource:
    name = "text"

    def matches(self, path: str, head: str) -> bool:
        return True  # the fallback for any text file

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        prompt = Prompt(name=path, path=path, segments=[Segment(text)] if text else [], kind="text")
        return LoadedFile([prompt])
