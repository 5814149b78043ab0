"""Model -> encoding, batch tokenization of prompts, and token -> source location maps."""

from __future__ import annotations

import bisect
import os
import re
import zlib
from itertools import accumulate
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import PcacheError
from .model import Location, Prompt, Segment, Variable
from .vocab import load_encoding

DEFAULT_MODEL = "gpt-4o"
# The encoding a request body's unknown model is counted with (a per-prompt warning, an estimate).
FALLBACK_ENCODING = "o200k_base"
# Models tiktoken 0.14 does not map yet; their tokenizer is undocumented, o200k_base is a guess.
_GUESSED_PREFIXES = ("gpt-6", "claude", "gemini", "deepseek")  # claude/gemini/deepseek: estimates (providers)
KNOWN_FAMILIES = (
    "gpt-4o*, gpt-4.1*, gpt-4.5*, gpt-5*, o1*, o3*, o4-mini* (o200k_base); "
    "gpt-4*, gpt-3.5-turbo*, gpt-35-turbo* (cl100k_base); gpt-oss-* (o200k_harmony); "
    "gpt-6* (o200k_base, guessed)"
)
# Framing tokens the API inserts around messages. They are special tokens, so text never merges
# across them; they get ids far above any vocabulary so they can live in the same arrays.
SPECIAL_BASE = 1 << 24
SPECIAL_IDS = {
    "<|im_start|>": SPECIAL_BASE + 1,
    "<|im_sep|>": SPECIAL_BASE + 2,
    "<|im_end|>": SPECIAL_BASE + 3,
    "<|name_sep|>": SPECIAL_BASE + 4,
    "<|tools|>": SPECIAL_BASE + 5,
    "<|schema|>": SPECIAL_BASE + 6,
    "<|call|>": SPECIAL_BASE + 7,  # an assistant function call (request framing)
    "<|image|>": SPECIAL_BASE + 8,  # an image content part (its real size in tokens is not counted)
    "<|channel|>": SPECIAL_BASE + 9,  # harmony: the channel of an assistant message (reasoning models)
    "<|constrain|>": SPECIAL_BASE + 10,  # harmony: the content type of a forced function call
}
SPECIAL_TEXT = {v: k for k, v in SPECIAL_IDS.items()}
# An image stands for many tokens: all carry one id derived from what the image is (its bytes or URL
# and detail), so equal images share a prefix and different ones diverge at their first token.
IMAGE_BASE = SPECIAL_BASE + (1 << 20)
_IMAGE_IDS = 1 << 20


def special_ids(seg: Segment) -> tuple[int, ...]:
    """The token ids of a special segment: one framing token, or an image's ``tokens`` ids."""
    if seg.tokens is None:
        return (SPECIAL_IDS.get(seg.text, SPECIAL_BASE),)
    ident = zlib.crc32((seg.name or seg.text).encode("utf-8", "surrogatepass")) % _IMAGE_IDS
    return (IMAGE_BASE + ident,) * max(0, seg.tokens)


def special_name(token: int) -> str:
    if token >= IMAGE_BASE:
        return "<|image|>"
    return SPECIAL_TEXT.get(token, "<|special|>")


def decode_marked(enc, tokens) -> str:
    """Tokens -> text, pcache's special and image ids (>= SPECIAL_BASE) shown by name."""
    out, run = [], []
    for t in tokens:
        if t >= SPECIAL_BASE:
            if run:
                out.append(enc.decode(run))
                run = []
            out.append(special_name(t))
        else:
            run.append(t)
    if run:
        out.append(enc.decode(run))
    return "".join(out)


class UnknownModelError(PcacheError):
    pass


@dataclass(frozen=True)
class EncodingChoice:
    model: str
    encoding: str
    warning: str | None = None


@lru_cache(maxsize=256)
def resolve_model(model: str) -> EncodingChoice:
    """The tiktoken encoding for ``model`` (``azure/``-style and ``ft:`` names are understood)."""
    import tiktoken.model

    bare = model.strip()
    for prefix in ("openai/", "azure/"):
        if bare.startswith(prefix):
            bare = bare[len(prefix):]
    if bare.startswith("ft:"):
        bare = bare[3:].split(":", 1)[0]
    if bare in {"o200k_base", "cl100k_base", "o200k_harmony"}:
        return EncodingChoice(model, bare)
    try:
        return EncodingChoice(model, tiktoken.model.encoding_name_for_model(bare))
    except KeyError:
        pass
    if bare.startswith(_GUESSED_PREFIXES):
        return EncodingChoice(
            model,
            "o200k_base",
            f"tiktoken does not know {model!r}; its tokenizer is undocumented, counting with o200k_base",
        )
    raise UnknownModelError(
        f"unknown model {model!r}",
        hint=f"use one of the known families: {KNOWN_FAMILIES}",
    )


def resolve_body_model(model: str) -> EncodingChoice:
    """``resolve_model`` for a model named inside the data (a request body): an unknown name is a
    warning and the fallback encoding, never the end of the run (a ``--model`` typed by the user
    still goes through ``resolve_model`` and fails loudly)."""
    try:
        return resolve_model(model)
    except UnknownModelError:
        return EncodingChoice(model, FALLBACK_ENCODING,
                              f"unknown model {model!r}: counted with {FALLBACK_ENCODING}, an estimate")


def encoding_for(model: str):
    return load_encoding(resolve_model(model).encoding)


def _threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


# Below this many characters one thread is faster than starting a pool.
_PARALLEL_CHARS = 1 << 20


def _array_encoder(encoding):
    """``text -> array('I')`` without a Python list of ints in between, when tiktoken offers its
    buffer API (checked once against ``encode_ordinary``); else through the list."""
    core = getattr(encoding, "_core_bpe", None)
    to_buffer = getattr(core, "encode_to_tiktoken_buffer", None)
    plain = encoding.encode_ordinary

    def via_list(text: str) -> array:
        return array("I", plain(text))

    if to_buffer is None or array("I").itemsize != 4:
        return via_list
    no_specials: frozenset = frozenset()  # ``encode`` with no allowed special == ``encode_ordinary``

    def via_buffer(text: str) -> array:
        out = array("I")
        out.frombytes(memoryview(to_buffer(text, no_specials)).cast("B"))
        return out

    probe = "Probe <|endoftext|> text, 1234 tokens\n\n  caf\u00e9 \U0001F600"
    try:
        if via_buffer(probe).tolist() == plain(probe):
            return via_buffer
    except Exception:  # noqa: BLE001 - any surprise in a private API: use the public one
        pass
    return via_list


# BPE merges within one regex piece take time that grows faster than the piece (about n^1.5 in
# tiktoken: a 4 MiB run of one letter ~3 s, 64 MiB minutes).  Real text has no such pieces (words, digit
# groups of 3, punctuation runs); a piece of _LONG_PIECE+ characters of one class (letters or punctuation
# without a space or digit, or whitespace) is encoded in _LONG_PIECE-character parts.  Its count is then
# an estimate: a part boundary can split a merge, typically one or two extra tokens per part.
_LONG_PIECE = 4096
_LONG_RUN = re.compile(r"(?<![^\s\d])[^\s\d]{%d,}|(?<!\s)\s{%d,}" % (_LONG_PIECE + 1, _LONG_PIECE + 1))
SPLIT_PIECES: list[int] = []  # lengths of the runs encoded in parts (for a note to the user)


def _parts(text: str) -> list[str] | None:
    """``text`` cut inside its very long single-class runs, or None when it has none."""
    if len(text) <= _LONG_PIECE:
        return None
    cuts = []
    for m in _LONG_RUN.finditer(text):
        SPLIT_PIECES.append(m.end() - m.start())
        cuts.extend(range(m.start() + _LONG_PIECE, m.end(), _LONG_PIECE))
    if not cuts:
        return None
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def encode_ordinary(encoding, text: str) -> list[int]:
    """``encoding.encode_ordinary(text)``, with very long single-class runs encoded in parts."""
    parts = _parts(text)
    if parts is None:
        return encoding.encode_ordinary(text)
    return [t for toks in encoding.encode_ordinary_batch(parts) for t in toks]


def encode_unique(encoding, texts: list[str]) -> list[array]:
    """Encode distinct ``texts`` (ordinary text, no specials) into ``array('I')``s.

    Large batches are split into one contiguous chunk per thread (tiktoken releases the GIL while it
    encodes), which costs far less than one pool task per text."""
    long = {i: parts for i, t in enumerate(texts) if len(t) > _LONG_PIECE and (parts := _parts(t))}
    if long:
        rest = [i for i in range(len(texts)) if i not in long]
        done = encode_unique(encoding, [texts[i] for i in rest]) if rest else []
        out = [None] * len(texts)
        for i, arr in zip(rest, done):
            out[i] = arr
        for i, parts in long.items():
            joined = array("I")
            for arr in encode_unique(encoding, parts):
                joined.extend(arr)
            out[i] = joined
        return out  # type: ignore[return-value]
    total = sum(map(len, texts))
    threads = _threads()
    if threads == 1 or total < _PARALLEL_CHARS or len(texts) < 2:  # small: tiktoken's batch API
        return [array("I", t) for t in encoding.encode_ordinary_batch(texts, num_threads=threads)]
    encode = _array_encoder(encoding)
    from concurrent.futures import ThreadPoolExecutor

    # chunk bounds balanced by characters
    bounds = [0]
    target = total / threads
    acc = 0
    for i, t in enumerate(texts):
        acc += len(t)
        if acc >= target * len(bounds) and len(bounds) < threads:
            bounds.append(i + 1)
    bounds.append(len(texts))
    out: list = [None] * len(texts)

    def work(lo: int, hi: int) -> None:
        for i in range(lo, hi):
            out[i] = encode(texts[i])

    with ThreadPoolExecutor(threads) as pool:
        for f in [pool.submit(work, lo, hi) for lo, hi in zip(bounds, bounds[1:]) if hi > lo]:
            f.result()
    return out


def encode_texts(encoding, texts: list[str]) -> list[list[int]]:
    """Encode many texts in one batched call, each distinct text once (prompts repeat a lot)."""
    unique: dict[str, int] = {}
    for t in texts:
        unique.setdefault(t, len(unique))
    encoded = encode_unique(encoding, list(unique))
    return [encoded[unique[t]].tolist() for t in texts]


_DECODE_SPAN = 4096  # tokens decoded per char_offset call before the offsets of the whole prompt pay off
_OFFSET_CHUNK = 1 << 16
_CONTINUATION = bytes(range(0x80, 0xC0))


@dataclass(slots=True)
class _Run:
    """A stretch of the prompt encoded as one piece of text (or one special token)."""

    token_start: int
    token_end: int
    char_start: int
    special: bool


@dataclass
class TokenizedPrompt:
    prompt: Prompt
    encoding: object
    tokens: array
    static_prefix_tokens: int
    first_variable: Variable | None
    runs: list[_Run] = field(repr=False)
    _seg_starts: list[int] = field(repr=False)
    _text: str | None = field(repr=False, default=None)
    _offsets: array | None = field(repr=False, default=None)

    @property
    def name(self) -> str:
        return self.prompt.name

    def __len__(self) -> int:
        return len(self.tokens)

    @property
    def text(self) -> str:
        if self._text is None:  # built on demand: most prompts never need their full text
            self._text = self.prompt.text
        return self._text

    def char_offset(self, token: int) -> int:
        """Character offset in ``text`` where token ``token`` starts (``len(text)`` at the end)."""
        if token >= len(self.tokens):
            return len(self.text)
        i = bisect.bisect_right([r.token_start for r in self.runs], token) - 1
        run = self.runs[i]
        if run.special or token == run.token_start:
            return run.char_start
        if token - run.token_start > _DECODE_SPAN:  # long runs: every offset once, not O(n) per call
            return self.token_offsets()[token]
        head = self.encoding.decode_bytes(self.tokens[run.token_start:token].tolist())
        return run.char_start + len(head.decode("utf-8", errors="ignore"))

    def token_offsets(self) -> array:
        """Character offset in ``text`` where every token starts, computed once, in bounded chunks (an
        ``array('q')``: 8 bytes a token, not a Python int and a bytes object each)."""
        if self._offsets is None:
            offsets = array("q")
            for run in self.runs:
                if run.special:
                    offsets.extend([run.char_start] * (run.token_end - run.token_start))
                    continue
                chars = 0  # characters of the run before the current chunk
                for lo in range(run.token_start, run.token_end, _OFFSET_CHUNK):
                    hi = min(lo + _OFFSET_CHUNK, run.token_end)
                    pieces = self.encoding.decode_tokens_bytes(self.tokens[lo:hi].tolist())
                    base = run.char_start + chars
                    if all(map(bytes.isascii, pieces)):  # bytes are characters: summed in C
                        offsets.extend(accumulate(map(len, pieces[:-1]), initial=base))
                        chars += sum(map(len, pieces))
                        continue
                    for piece in pieces:  # as tiktoken's decode_with_offsets counts them
                        starts_inside = bool(piece) and 0x80 <= piece[0] < 0xC0
                        offsets.append(max(run.char_start, base - starts_inside))
                        base += len(piece.translate(None, _CONTINUATION))
                    chars = base - run.char_start
            self._offsets = offsets
        return self._offsets

    def segment_at(self, char: int) -> tuple[Segment, int]:
        i = max(0, bisect.bisect_right(self._seg_starts, char) - 1)
        return self.prompt.segments[i], char - self._seg_starts[i]

    def location(self, token: int) -> Location:
        char = self.char_offset(token)
        if not self.prompt.segments:
            return Location(self.prompt.path, self.prompt.line, 1)
        segment, offset = self.segment_at(char)
        return segment_location(self.prompt.path, segment, offset)

    def token_text(self, start: int, count: int = 8) -> str:
        """Decoded text of ``count`` tokens from ``start`` (special tokens shown by name)."""
        out: list[str] = []
        chunk: list[int] = []
        for t in self.tokens[start:start + count].tolist():
            if t >= SPECIAL_BASE:
                if chunk:
                    out.append(self.encoding.decode(chunk))
                    chunk = []
                out.append(special_name(t))
            else:
                chunk.append(t)
        if chunk:
            out.append(self.encoding.decode(chunk))
        return "".join(out)


def segment_location(path: str, segment: Segment, offset: int) -> Location:
    if not segment.verbatim or offset <= 0:
        return Location(path, segment.line, segment.column + (0 if segment.verbatim else 0))
    head = segment.text[:offset]
    newlines = head.count("\n")
    if newlines == 0:
        return Location(path, segment.line, segment.column + offset)
    return Location(path, segment.line + newlines, offset - head.rfind("\n"))


def _last_piece_start(encoding, text: str) -> int:
    """Start of the last pre-tokenizer piece of ``text``: that piece may merge with what follows."""
    pattern = _compiled_pattern(encoding._pat_str)
    start = _safe_boundary(text, len(text) - 256) if len(text) > 512 else 0
    last = start
    for m in pattern.finditer(text, pos=start):
        last = m.start()
    return last


def _safe_boundary(text: str, before: int) -> int:
    """A piece boundary at or before ``before``: a line break followed by a character that no piece
    can join to it (not whitespace, not ``/``, see the o200k/cl100k patterns).  0 when none."""
    pos = before
    while pos > 0:
        nl = text.rfind("\n", 0, pos)
        if nl < 0:
            return 0
        nxt = text[nl + 1: nl + 2]
        if nxt and not nxt.isspace() and nxt != "/":
            return nl + 1
        pos = nl
    return 0


@lru_cache(maxsize=8)
def _compiled_pattern(pat: str):
    import regex

    return regex.compile(pat)


def tokenize_prompts(prompts: list[Prompt], encoding) -> list[TokenizedPrompt]:
    """Tokenize prompts in one batch: runs of text between special tokens are encoded together."""
    # Each distinct run of text is encoded once: requests repeat the same system prompt and tools.
    # A plan holds the id of its text (its index in ``unique``), so a run joined from several
    # segments (the tools and the system prompt) is kept once, not once per prompt.
    plans: list[list[tuple[tuple | int, bool, int]]] = []  # per prompt: (special ids or text id, is_special, char)
    starts: list[list[int]] = []  # per prompt: character offset of each segment
    firsts: list[int | None] = []  # per prompt: index of the first variable segment
    unique: dict[str, int] = {}
    add = unique.setdefault
    for prompt in prompts:
        plan: list[tuple[tuple | int, bool, int]] = []
        seg_starts: list[int] = []
        first: int | None = None
        buf: list[str] = []
        char = 0
        run_char = 0
        for seg in prompt.segments:
            text = seg.text
            kind = seg.kind
            seg_starts.append(char)
            if kind == "special":
                if buf:
                    run = buf[0] if len(buf) == 1 else "".join(buf)
                    plan.append((add(run, len(unique)), False, run_char))
                    buf = []
                plan.append((special_ids(seg), True, char))
                char += len(text)
                run_char = char
            else:
                if kind == "variable" and first is None:
                    first = len(seg_starts) - 1
                if not buf:
                    run_char = char
                buf.append(text)
                char += len(text)
        if buf:
            run = buf[0] if len(buf) == 1 else "".join(buf)
            plan.append((add(run, len(unique)), False, run_char))
        plans.append(plan)
        starts.append(seg_starts)
        firsts.append(first)

    arrays = encode_unique(encoding, list(unique))
    del unique
    pending: list[tuple[TokenizedPrompt, int]] = []  # prompts with a variable, its segment index
    out: list[TokenizedPrompt] = []
    for prompt, plan, seg_starts, first in zip(prompts, plans, starts, firsts):
        tokens = array("I")
        runs: list[_Run] = []
        for text, special, char in plan:
            start = len(tokens)
            if special:
                tokens.extend(text)
            else:
                tokens.extend(arrays[text])
            runs.append(_Run(start, len(tokens), char, special))
        tp = TokenizedPrompt(prompt, encoding, tokens, len(tokens), None, runs, seg_starts)
        if first is not None:
            pending.append((tp, first))
        out.append(tp)
    if pending:
        _fill_static_prefixes(pending, encoding)
    return out


def _static_head(tp: TokenizedPrompt, first: int) -> tuple[_Run, str]:
    """The run holding the first variable (it starts at the last special token before it, or at 0)
    and the static text from that run's start to the variable."""
    var_char = tp._seg_starts[first]
    run = next(r for r in reversed(tp.runs) if r.char_start <= var_char and not r.special)
    return run, "".join(s.text for s in tp.prompt.segments[:first])[run.char_start:]


def _set_first_variable(tp: TokenizedPrompt, first: int, run: _Run, fixed: int) -> None:
    tp.static_prefix_tokens = run.token_start + fixed
    var = tp.prompt.segments[first]
    tp.first_variable = Variable(
        var.name or var.text,
        segment_location(tp.prompt.path, var, 0),
        tp.static_prefix_tokens,
    )


_STATIC_BATCH = 512  # prompts per batch of static-prefix measurements (bounds the texts held at once)
# Values a variable may start with, each joining the static text's last piece differently: nothing
# joins it (a space, a line break), or it continues the piece (a letter, a digit, punctuation, a Han
# character; the piece's own last character is added per text).
_PROBES = (" ", "\n", "a", "A", "0", ".", "中")


def _stable_parts(encoding, static_text: str) -> tuple[str, list[str]]:
    """The head no value can change (the static text before its last pre-tokenizer piece: BPE never
    merges across pieces) and the texts that measure how much of the last piece survives: the piece
    alone and the piece followed by each probe value."""
    cut = _last_piece_start(encoding, static_text) if static_text else 0
    tail = static_text[cut:]
    if not tail:
        return static_text, []
    probes = dict.fromkeys((*_PROBES, tail[-1], tail[-1] * 2))
    return static_text[:cut], [tail, *(tail + p for p in probes)]


def _agreement(arrays: list) -> int:
    """Leading tokens of the last piece that every rendering shares with the piece alone."""
    alone = arrays[0]
    n = len(alone)
    for other in arrays[1:]:
        k = 0
        limit = min(n, len(other))
        while k < limit and other[k] == alone[k]:
            k += 1
        n = k
        if not n:
            break
    return n


def _measure_static(encoding, texts: list[str]) -> dict[str, int]:
    """Tokens that no value of the following variable can change, for each static text: the head's
    tokens plus the leading tokens of the last piece on which renderings with different values agree
    (the first token where two renderings differ is where a cache sees them diverge).  The last
    piece is where a value can merge into the text: a Chinese sentence or a ``=====`` rule is one
    piece of many tokens, so cutting at the piece (the rule before) lost up to 6 tokens."""
    plans = {t: _stable_parts(encoding, t) for t in texts}
    distinct = list(dict.fromkeys(s for head, tails in plans.values() for s in (head, *tails) if s))
    arrays = dict(zip(distinct, encode_unique(encoding, distinct))) if distinct else {}
    out = {}
    for text, (head, tails) in plans.items():
        count = len(arrays[head]) if head else 0
        if tails:
            count += _agreement([arrays[t] for t in tails])
        out[text] = count
    return out


def _fill_static_prefixes(pending: list[tuple[TokenizedPrompt, int]], encoding) -> None:
    """``_fill_static_prefix`` for many prompts: each distinct static text is measured once, and
    the texts of a batch are encoded together (on every core), not one ``encode_ordinary`` each."""
    memo: dict[str, int] = {}  # static text -> tokens that no variable value can change
    for lo in range(0, len(pending), _STATIC_BATCH):
        batch = pending[lo:lo + _STATIC_BATCH]
        heads = [_static_head(tp, first) for tp, first in batch]
        todo = list(dict.fromkeys(t for _, t in heads if t not in memo))
        memo.update(_measure_static(encoding, todo))
        for (tp, first), (run, static_text) in zip(batch, heads):
            _set_first_variable(tp, first, run, memo[static_text])


def _fill_static_prefix(tp: TokenizedPrompt, memo: dict | None = None, first: int | None = None) -> None:
    """Leading tokens that no value of any variable can change, and where the first variable sits.

    ``memo`` maps a static text to its count: templates of one family share the text before their
    first variable, so it is measured once per batch."""
    segs = tp.prompt.segments
    if first is None:  # the index of the first variable segment, when the caller has not found it
        first = next((i for i, s in enumerate(segs) if s.kind == "variable"), None)
    if first is None:
        return
    run, static_text = _static_head(tp, first)
    fixed = memo.get(static_text) if memo is not None else None
    if fixed is None:
        fixed = _measure_static(tp.encoding, [static_text])[static_text]
        if memo is not None:
            memo[static_text] = fixed
    _set_first_variable(tp, first, run, fixed)


def count_tokens(text: str, model: str = DEFAULT_MODEL) -> int:
    return len(encode_ordinary(encoding_for(model), text))
