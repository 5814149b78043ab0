"""Token arrays of rendered requests, encoded on a background thread while the next batch is prepared.

The audit needs only each request's token array (no runs, no static prefix), so this is the token
part of ``tokenizer.tokenize_prompts``: runs of text between special segments are joined and each
distinct run is encoded once per batch (the real and the what-if prompts of a batch together); runs
that repeat across batches (system prompts, tool definitions) come from a small LRU.  tiktoken
releases the GIL while it encodes, so the encoding of batch *k* runs on the second core while
Python reads, renders and replays around it.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

from ..model import Segment
from ..tokenizer import _array_encoder, special_ids

_LRU_TEXTS = 64  # repeated runs kept across batches (a few system prompts / tool lists)


class Batch:
    """Plans of one batch of prompts and the future of its distinct texts' token arrays."""

    __slots__ = ("plans", "known", "future", "todo", "repeat", "marks", "fills", "encoding")

    def __init__(self, plans, known, future, todo, repeat, marks=None):
        self.marks = marks  # per prompt: plan index of its marked special segment, or None
        self.plans = plans  # per prompt: text index (int), special ids (tuple) or known tokens (array)
        self.known = known  # text index -> array already known (LRU hits)
        self.future = future  # -> arrays of ``todo`` in order
        self.todo = todo  # (text index, text) to encode
        self.repeat = repeat  # text indexes used by more than one prompt of the batch
        self.fills: list = []  # (prompt, first plan item, end plan item, chunk): chunk tokens to keep
        self.encoding = ""


class TokenEncoder:
    def __init__(self, threaded: bool = True):
        self.threaded = threaded  # False: encode in ``submit`` (no thread left running between batches)
        self.pool: ThreadPoolExecutor | None = None
        self.encoders: dict[int, object] = {}
        self.lru: OrderedDict[str, array] = OrderedDict()

    def _encoder(self, encoding):
        enc = self.encoders.get(id(encoding))
        if enc is None:
            enc = self.encoders[id(encoding)] = (encoding, _array_encoder(encoding))
        return enc[1]

    def submit(self, encoding, prompts: list, marks: list[int | None] | None = None) -> Batch:
        """Plan the prompts and start encoding their distinct texts.

        A prompt is a list of segments, or (segments, chunks): ``framing.Rendered.segments`` and
        ``.chunks``, the memoised messages among them; a sealed chunk whose tokens are known for this
        encoding is taken whole, the others are planned segment by segment and their tokens kept on
        the chunk (``result``).  ``marks``: per prompt, the index of a special segment whose token
        offset ``offsets`` gives."""
        unique: dict[str, int] = {}
        uses: dict[int, int] = {}
        plans = []
        at_mark: list[int | None] = []
        fills: list[tuple[int, int, int, object]] = []  # (prompt, first plan item, end plan item, chunk)
        name = encoding.name
        for k, prompt in enumerate(prompts):
            segments, chunks = prompt if isinstance(prompt, tuple) else (prompt, ())
            plan: list = []
            buf: list[str] = []
            mark = marks[k] if marks is not None and k < len(marks) else None
            found = None
            pos = 0
            for start, chunk in (*chunks, (len(segments), None)):
                at = _plan_segments(segments, pos, start, mark, buf, plan, unique, uses)
                found = found if at is None else at
                if chunk is None:
                    break
                pos = start + len(chunk.segments)
                if not chunk.sealed:
                    pos = start  # planned with the segments after it
                    continue
                _flush(buf, plan, unique, uses)
                tokens = chunk.tokens.get(name)
                if tokens is not None and not (mark is not None and start < mark < pos):
                    if mark == start:
                        found = len(plan)
                    plan.append(tokens)
                    continue
                first = len(plan)
                at = _plan_segments(segments, start, pos, mark, buf, plan, unique, uses)
                found = found if at is None else at
                if len(plan) > first:
                    fills.append((k, first, len(plan), chunk))
                else:
                    chunk.tokens[name] = array("I")
            _flush(buf, plan, unique, uses)
            plans.append(plan)
            at_mark.append(found)
        known: dict[int, array] = {}
        todo: list[tuple[int, str]] = []
        lru = self.lru
        for text, i in unique.items():
            hit = lru.get(text)
            if hit is not None:
                lru.move_to_end(text)
                known[i] = hit
            else:
                todo.append((i, text))
        encode = self._encoder(encoding)
        texts = [t for _, t in todo]
        if not self.threaded:
            future: Future = Future()
            future.set_result([encode(t) for t in texts])
        else:
            if self.pool is None:
                self.pool = ThreadPoolExecutor(1, thread_name_prefix="pcache-audit-encode")
            future = self.pool.submit(lambda: [encode(t) for t in texts])
        batch = Batch(plans, known, future, todo, {i for i, n in uses.items() if n > 1}, at_mark)
        batch.fills = fills
        batch.encoding = name
        return batch

    def result(self, batch: Batch) -> list[array]:
        """The token array of each prompt of ``batch`` (waits for its encoding)."""
        arrays = batch.known
        lru = self.lru
        for (i, text), toks in zip(batch.todo, batch.future.result()):
            arrays[i] = toks
            if i in batch.repeat:  # repeated within the batch: likely repeated in the next ones too
                lru[text] = toks
                if len(lru) > _LRU_TEXTS:
                    lru.popitem(last=False)
        fills: dict[int, list] = {}
        for k, first, end, chunk in batch.fills:
            fills.setdefault(k, []).append((first, end, chunk))
        out = []
        offsets: list[int | None] = []
        for k, plan in enumerate(batch.plans):
            tokens = array("I")
            mark = batch.marks[k] if batch.marks else None
            offsets.append(None)
            todo = fills.get(k)
            if todo is None:
                for j, value in enumerate(plan):
                    if j == mark:
                        offsets[-1] = len(tokens)
                    tokens.extend(arrays[value] if value.__class__ is int else value)
            else:
                starts = {first: (end, chunk) for first, end, chunk in todo}
                end, at, chunk = -1, 0, None  # the chunk being planned: its end item, first token
                for j, value in enumerate(plan):
                    if j in starts:
                        (end, chunk), at = starts[j], len(tokens)
                    if j == mark:
                        offsets[-1] = len(tokens)
                    tokens.extend(arrays[value] if value.__class__ is int else value)
                    if j + 1 == end:
                        chunk.tokens[batch.encoding] = tokens[at:]
            out.append(tokens)
        batch.marks = offsets
        return out

    @staticmethod
    def offsets(batch: Batch) -> list[int | None]:
        """After ``result``: the token offset of each prompt's marked segment (None when unmarked)."""
        return batch.marks

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None


def _flush(buf: list[str], plan: list, unique: dict[str, int], uses: dict[int, int]) -> None:
    """The text gathered since the last special token becomes one plan item: the index of its distinct
    text (encoded once per batch)."""
    if buf:
        run = buf[0] if len(buf) == 1 else "".join(buf)
        i = unique.setdefault(run, len(unique))
        uses[i] = uses.get(i, 0) + 1
        plan.append(i)
        buf.clear()


def _plan_segments(segments, lo: int, hi: int, mark, buf: list[str], plan: list, unique: dict[str, int],
                   uses: dict[int, int]) -> int | None:
    """Plan ``segments[lo:hi]``: text gathers in ``buf``, a special token flushes it and adds its ids.
    Returns the plan index of the special segment ``mark`` when it is in the range."""
    found = None
    for j in range(lo, hi):
        seg = segments[j]
        if seg.kind == "special":
            _flush(buf, plan, unique, uses)
            if j == mark:
                found = len(plan)
            plan.append(special_ids(seg))
        else:
            buf.append(seg.text)
    return found
