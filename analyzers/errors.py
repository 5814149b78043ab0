"""Errors the user can fix. The CLI prints them as one line (plus a hint) and exits 2."""

from __future__ import annotations


class PcacheError(Exception):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message
