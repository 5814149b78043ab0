"""One redaction for every output of a run that holds API keys (probe, live counts).

A key is hidden wherever 8+ characters of it appear, and wherever a 4+ character piece of it stands
alone (a server's echo of its tail after "****", an Azure key's last characters), besides anything
shaped like a key; a 4-character piece inside an ordinary word ("count") is left alone.  The well-known, non-secret prefixes (``sk-``, ``sk-proj-`` ...) are not pieces of
the secret.  Keys shorter than 4 characters are hidden where they stand alone.
"""

from __future__ import annotations

import os
import re

_PREFIXES = ("sk-proj-", "sk-svcacct-", "sk-admin-", "sk-ant-api03-", "sk-ant-admin01-", "sk-ant-", "sk-")
_KEYLIKE = re.compile(r"\b(sk-[A-Za-z0-9_\-*.]{6,}|[A-Fa-f0-9]{32})\b")
_PIECE = 4
MASK = "***"


def keys_in_use(env=None) -> list[str]:
    """The API keys this process could send: every ``*_API_KEY`` variable (the short ones too: a
    3-character key is still the key)."""
    env = os.environ if env is None else env
    return [v for k, v in env.items() if v and k.endswith("_API_KEY")]


class Redactor:
    def __init__(self, secrets):
        pieces: set[str] = set()
        short: set[str] = set()
        for s in secrets:
            if not s:
                continue
            s = s.strip()
            body = next((s[len(p):] for p in _PREFIXES if s.startswith(p) and len(s) > len(p)), s)
            if len(body) < _PIECE:
                short.add(s)
                continue
            pieces.update(body[i:i + _PIECE] for i in range(len(body) - _PIECE + 1))
        # every position where a piece starts (lookahead: overlapping), then covered spans merged
        self._pieces = re.compile("(?=(" + "|".join(map(re.escape, sorted(pieces))) + "))") if pieces else None
        self._short = re.compile("(?<![A-Za-z0-9])(" + "|".join(map(re.escape, sorted(short))) + ")(?![A-Za-z0-9])") \
            if short else None

    def __call__(self, text: str) -> str:
        if not text:
            return text
        if self._pieces is not None:
            spans: list[list[int]] = []
            for m in self._pieces.finditer(text):
                start, end = m.start(), m.start() + len(m.group(1))
                if spans and start <= spans[-1][1]:
                    spans[-1][1] = max(spans[-1][1], end)
                else:
                    spans.append([start, end])
            # a stretch of 8+ key characters always goes; a shorter one when it stands alone (a tail
            # echoed after "****", a fragment between separators), not inside an ordinary word
            spans = [(a, b) for a, b in spans if b - a >= 8 or (
                not (a > 0 and text[a - 1].isalnum()) and not (b < len(text) and text[b].isalnum()))]
            if spans:
                out, pos = [], 0
                for start, end in spans:
                    out += [text[pos:start], MASK]
                    pos = end
                out.append(text[pos:])
                text = "".join(out)
        if self._short is not None:
            text = self._short.sub(MASK, text)
        return _KEYLIKE.sub(MASK, text)


def redact(text: str, secrets) -> str:
    return Redactor(list(secrets) + keys_in_use())(text)


class RedactingStream:
    """A text stream (stdout/stderr) whose every write is redacted."""

    def __init__(self, stream, redactor: Redactor):
        self._stream = stream
        self._redactor = redactor

    def write(self, text: str) -> int:
        self._stream.write(self._redactor(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self._stream, name)
