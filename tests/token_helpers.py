"""Token counts the source tests compare pcache with: tiktoken's o200k_base called directly on the value
a test read independently (PyYAML, json), never pcache's own counts."""

from __future__ import annotations

import tiktoken

O200K = tiktoken.get_encoding("o200k_base")


def tokens(text: str) -> int:
    return len(O200K.encode(text, disallowed_special=()))


def first_token(prompt) -> int | None:
    """The first variable's token as pcache counts it: tokens of the static text before it; None when the
    prompt has no variable."""
    static = ""
    for seg in prompt.segments:
        if seg.kind == "variable":
            return tokens(static)
        static += seg.text
    return None
