"""Static-first layouts of OpenAI request bodies (Chat Completions and Responses) that fail corpus or
literal rules: PC102 (a volatile literal in the cacheable prefix), PC103 (a request leaves its group's
prefix early), PC104 (a difference inside the routing window) and PC303 (tools differ in a group).

What moves: the lines of a system/developer message (or the Responses ``instructions``) that hold a
flagged volatile literal or the text that differs from the group at the divergence point.  Where it
goes: OpenAI's prompt-caching guide says "place static content like instructions and examples at the
beginning of your prompt, and put variable content, such as user-specific information, at the end", so
the moved lines become one short message of the same role placed after every static message, just
before the final user turn (the user's own text stays untouched, and the note keeps its
system/developer authority).  For PC303 every request of the group gets one fixed tool list: the union
of the group's tools (the most common definition of each), sorted by name.

Numbers: the fixed body is rendered and tokenized again like any request (``sources.request`` +
``tokenizer``) and compared with the group's members, also fixed the same way: cached tokens per request
are the provider cache model's ``cacheable()`` of the longest shared prefix, before and after.  A request
in no group (a lone PC102) is compared with itself with the volatile values changed, i.e. the cache
keeps what comes before the first volatile token (before) or before the moved note (after).

The diff is of the request JSON (pretty-printed, keys in the original order) for ``.json`` files and of
the rendered message text for JSONL lines (one long JSON line would make an unreadable diff).  It is
only ever shown, never applied.
"""

from __future__ import annotations

import copy
import difflib
import json
from collections import Counter
from typing import Any

from .prefix import lcp
from .suggest import Suggestion, cost_per_1000

REQUEST_KINDS = ("chat", "responses")
CODES = ("PC102", "PC103", "PC104", "PC303")
MOVABLE_ROLES = ("system", "developer")
MAX_MEMBERS = 32  # group members a fixed request is compared with (the longest shared prefix wins)


# ------------------------------------------------------------------ body <-> rendered messages


def message_paths(body: dict, kind: str) -> list[tuple]:
    """JSON path of every rendered message, in the order ``framing`` numbers them (``Segment.message``)."""
    if kind == "chat":
        msgs = body.get("messages") if isinstance(body.get("messages"), list) else []
        return [("messages", i) for i in range(len(msgs))]
    out: list[tuple] = []
    if isinstance(body.get("instructions"), str):
        out.append(("instructions",))
    inp = body.get("input")
    if isinstance(inp, str):
        out.append(("input",))
    elif isinstance(inp, list):
        for i, item in enumerate(inp):
            if not isinstance(item, dict):
                continue
            t = item.get("type", "message")
            if t in ("message", "function_call", "function_call_output") or "role" in item:
                out.append(("input", i))
    return out


def _get(body: Any, path: tuple) -> Any:
    for k in path:
        body = body[k]
    return body


def _role(body: dict, path: tuple) -> str:
    if path == ("instructions",):
        return "system"
    if path == ("input",):
        return "user"
    m = _get(body, path)
    return m.get("role") if isinstance(m, dict) and isinstance(m.get("role"), str) else "user"


def _pieces(body: dict, path: tuple) -> list[tuple[tuple, str]]:
    """(JSON path, text) of the text pieces of a message (string content or text parts)."""
    if path in (("instructions",), ("input",)):
        v = _get(body, path)
        return [(path, v)] if isinstance(v, str) else []
    m = _get(body, path)
    content = m.get("content") if isinstance(m, dict) else None
    if isinstance(content, str):
        return [((*path, "content"), content)]
    out = []
    if isinstance(content, list):
        for i, part in enumerate(content):
            if isinstance(part, str):
                out.append(((*path, "content", i), part))
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                out.append(((*path, "content", i, "text"), part["text"]))
    return out


def _set(body: dict, path: tuple, value: Any) -> None:
    _get(body, path[:-1])[path[-1]] = value


def final_user_path(body: dict, kind: str) -> tuple | None:
    paths = message_paths(body, kind)
    if paths and _role(body, paths[-1]) == "user":
        return paths[-1]
    return None


# ------------------------------------------------------------------ moving lines


def _line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Character range of the whole lines that ``[start, end)`` touches (with their line ends)."""
    a = text.rfind("\n", 0, start) + 1
    stop = max(end - 1, start)
    b = text.find("\n", stop)
    return a, (len(text) if b == -1 else b + 1)


def cut_lines(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[str]]:
    """``text`` without the whole lines the spans touch, and those lines (stripped, blank ones dropped).
    A blank line left over where the block was (at the start, the end, or a double blank) goes too."""
    ranges = sorted(_line_span(text, a, b) for a, b in spans)
    merged: list[list[int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    moved: list[str] = []
    out = []
    pos = 0
    for a, b in merged:
        keep = text[pos:a]
        moved.extend(ln.strip() for ln in text[a:b].splitlines() if ln.strip())
        # the lines after the block: drop the blank ones if the block started the text or followed a blank line
        rest_start = b
        at_start = not keep.strip() and not out
        after_blank = keep.endswith("\n\n") or keep == "\n"
        while (at_start or after_blank) and text.startswith("\n", rest_start):
            rest_start += 1
        out.append(keep if not at_start else "")
        pos = rest_start
    out.append(text[pos:])
    new = "".join(out)
    return new, moved


def _volatile_spans(tp, result_findings: list, char_of) -> list[int]:
    """Character offsets (in the prompt text) of the PC102 literals flagged in this prompt."""
    from .volatile import find_volatile

    offsets: list[int] = []
    for f in result_findings:
        if f.code != "PC102" or f.token is None:
            continue
        lo, hi = char_of(f.token), char_of(f.token + 1)
        # the literal starts inside the flagged token (the token may begin with a space or a newline)
        seg, off = tp.segment_at(lo)
        start = lo - off
        hits = [v for v in find_volatile(seg.text) if lo <= start + v.start < max(hi, lo + 1)]
        offsets.append(start + hits[0].start if hits else lo)
    return offsets


def _plan_moves(tp, kind: str, body: dict, chars: list[tuple[int, int]]) -> dict[tuple, list[tuple[int, int]]]:
    """Piece path -> spans (offsets in the piece) for character ranges of the prompt text that fall in
    a movable (system/developer, not final) message."""
    paths = message_paths(body, kind)
    final = final_user_path(body, kind)
    out: dict[tuple, list[tuple[int, int]]] = {}
    for a, b in chars:
        seg, off = tp.segment_at(a)
        if seg.message is None or seg.part not in MOVABLE_ROLES or not (0 <= seg.message < len(paths)):
            continue
        path = paths[seg.message]
        if path == final or _role(body, path) not in MOVABLE_ROLES:
            continue
        seg_start = a - off
        for ppath, text in _pieces(body, path):
            if text == seg.text:
                end = min(max(b, a + 1) - seg_start, len(text))
                out.setdefault(ppath, []).append((off, end))
                break
    return out


def apply_moves(body: dict, kind: str, moves: dict[tuple, list[tuple[int, int]]]) -> tuple[dict, list[str], str]:
    """A copy of ``body`` with the planned lines cut out of their messages and placed in one note of the
    same role right before the final user turn (or at the end).  Returns (body, moved lines, role)."""
    new = copy.deepcopy(body)
    moved: list[str] = []
    role = "system"
    for ppath in sorted(moves, key=lambda p: [str(x) for x in p]):
        text = _get(new, ppath)
        rest, lines = cut_lines(text, moves[ppath])
        _set(new, ppath, rest)
        moved.extend(lines)
        mpath = ppath[:2] if ppath[0] in ("messages", "input") and len(ppath) > 1 else ppath[:1]
        role = _role(new, mpath) if mpath != ("instructions",) else ("developer" if kind == "responses" else "system")
    if not moved:
        return new, moved, role
    note = {"role": role, "content": "\n".join(moved)}
    final = final_user_path(new, kind)
    if kind == "chat":
        msgs = new["messages"]
        at = final[1] if final else len(msgs)
        msgs.insert(at, note)
    else:
        inp = new.get("input")
        if isinstance(inp, str):
            new["input"] = [note, {"role": "user", "content": inp}]
        elif isinstance(inp, list):
            at = final[1] if final and len(final) == 2 else len(inp)
            inp.insert(at, note)
        else:
            new["input"] = [note]
    return new, moved, role


# ------------------------------------------------------------------ tools (PC303)


def _tool_name(tool: Any, k: int) -> str:
    if not isinstance(tool, dict):
        return f"#{k}"
    fn = tool.get("function") if isinstance(tool.get("function"), dict) else tool
    return str(fn.get("name") or f"#{k}")


def fixed_tools(bodies: list[dict]) -> tuple[list, dict[str, list[str]]]:
    """One tool list for a group: every tool any member sends (its most common definition), sorted by
    name; and, per tool name, how the members differ ("missing in N", "N definitions")."""
    defs: dict[str, Counter] = {}
    first: dict[tuple[str, str], Any] = {}
    have: Counter = Counter()
    for body in bodies:
        tools = body.get("tools") if isinstance(body.get("tools"), list) else []
        for k, tool in enumerate(tools):
            name = _tool_name(tool, k)
            canon = json.dumps(tool, sort_keys=True)
            defs.setdefault(name, Counter())[canon] += 1
            first.setdefault((name, canon), tool)
            have[name] += 1
    out = []
    differs: dict[str, list[str]] = {}
    for name in sorted(defs):
        canon, _n = defs[name].most_common(1)[0]
        out.append(first[(name, canon)])
        why = []
        if have[name] < len(bodies):
            why.append(f"missing in {len(bodies) - have[name]} of {len(bodies)} requests")
        if len(defs[name]) > 1:
            why.append(f"{len(defs[name])} different definitions")
        if why:
            differs[name] = why
    return out, differs


# ------------------------------------------------------------------ rendering and counting


def _tokens(body: dict, tp) -> Any:
    from .sources.request import make_prompt
    from .tokenizer import tokenize_prompts

    prompt = make_prompt(body, tp.prompt.name, tp.prompt.path, lambda p: None, (1, 1), line=tp.prompt.line)
    return tokenize_prompts([prompt], tp.encoding)[0]


def _lcp_count(a, b) -> int:
    """Shared leading tokens of two ``array('I')``s (one C-speed bytes comparison)."""
    return lcp(a.tobytes(), b.tobytes())


def message_text(body: dict, kind: str) -> str:
    """The request as readable text: tools (one canonical JSON line each), then each message's role and
    content, for diffs of JSONL lines."""
    lines: list[str] = []
    tools = body.get("tools") if isinstance(body.get("tools"), list) else []
    if tools:
        lines.append(f"[tools: {len(tools)}]")
        lines.extend(json.dumps(t, ensure_ascii=False) for t in tools)
    for path in message_paths(body, kind):
        lines.append(f"[{_role(body, path)}]" if path != ("instructions",) else "[instructions]")
        pieces = _pieces(body, path)
        if pieces:
            for _p, text in pieces:
                lines.extend(text.splitlines() or [""])
        else:
            lines.append(json.dumps(_get(body, path), ensure_ascii=False))
    return "\n".join(lines) + "\n"


def request_diff(tp, before: dict, after: dict, kind: str) -> str:
    path = tp.prompt.path
    if path.lower().endswith((".jsonl", ".ndjson")):
        a, b = message_text(before, kind), message_text(after, kind)
        label = f"{path}#L{tp.prompt.line} ({tp.name})" if tp.name != f"{path}#L{tp.prompt.line}" else f"{path}#L{tp.prompt.line}"
    else:
        a = json.dumps(before, indent=2, ensure_ascii=False) + "\n"
        b = json.dumps(after, indent=2, ensure_ascii=False) + "\n"
        label = path if tp.name == path else f"{path} ({tp.name})"
    return "".join(difflib.unified_diff(a.splitlines(keepends=True), b.splitlines(keepends=True),
                                        fromfile=f"a/{label}", tofile=f"b/{label}"))


# ------------------------------------------------------------------ entry point


def suggest_requests(result) -> list[Suggestion]:
    """One suggestion per request body with PC102/PC103/PC104/PC303 findings whose layout can be fixed
    by moving lines of a system/developer message or by a fixed tool list, and only when the fixed
    layout (adopted by its whole group) caches more than today's."""
    by_prompt: dict[str, list] = {}
    for f in result.findings:
        if f.code in CODES:
            by_prompt.setdefault(f.prompt, []).append(f)
    if not by_prompt:
        return []
    planner = _Planner(result.report, by_prompt)
    out: list[Suggestion] = []
    for i, tp in enumerate(result.report.tokenized):
        if tp.name in by_prompt and tp.prompt.kind in REQUEST_KINDS and isinstance(tp.prompt.body, dict):
            s = planner.suggest(i)
            if s is not None:
                out.append(s)
    return out


class _Planner:
    """Shared state of one ``suggest_requests`` run: the lint context, every prompt's findings, and
    the fixed layouts already built (a group member is fixed the same way as the request it is
    compared with: the suggestion is a layout for the whole group)."""

    def __init__(self, report, by_prompt: dict[str, list]):
        from .providers.registry import cache_model_for
        from .rules.context import LintContext

        self.report = report
        self.by_prompt = by_prompt
        self.ctx = LintContext(report, cache_model_for(report.model, report.provider))
        self.pair_of = {p.index: p for p in self.ctx.pairs}
        self.group_of: dict[str, list[str]] = {}
        for g in report.corpus.groups:
            for name in g.members:
                self.group_of[name] = g.members
        self._fixed_tokens: dict[tuple[int, int], Any] = {}

    def members(self, i: int) -> list[int]:
        ctx, pair = self.ctx, self.pair_of.get(i)
        names = self.group_of.get(ctx.tokenized[i].name)
        if names is None and pair is not None:
            other = ctx.tokenized[pair.other].name
            names = self.group_of.get(other) or [other]
        idx = [ctx.index_of[n] for n in (names or []) if n in ctx.index_of and ctx.index_of[n] != i]
        idx = [j for j in idx if ctx.is_request(j) and isinstance(ctx.tokenized[j].prompt.body, dict)]
        if pair is not None and pair.other in idx:  # the neighbour first: it is what the findings name
            idx.remove(pair.other)
            idx.insert(0, pair.other)
        return idx[:MAX_MEMBERS]

    def moves(self, i: int) -> dict[tuple, list[tuple[int, int]]]:
        """Lines to move in prompt ``i``: its flagged volatile literals and the text that differs from
        its neighbour at the divergence point (up to where they match again)."""
        ctx, tp = self.ctx, self.ctx.tokenized[i]
        found = self.by_prompt.get(tp.name) or []
        if not found or not isinstance(tp.prompt.body, dict):
            return {}
        chars = [(c, c + 1) for c in _volatile_spans(tp, found, tp.char_offset)]
        pair = self.pair_of.get(i)
        if pair is not None and any(f.code in ("PC103", "PC104") for f in found):
            a_tok, _b_tok, length = ctx.resync(pair)
            end = tp.char_offset(a_tok) if length else pair.char + 1
            if end > pair.char:
                chars.append((pair.char, end))
        return _plan_moves(tp, tp.prompt.kind, tp.prompt.body, chars)

    def fixed_body(self, i: int, tools: list | None) -> tuple[dict, list[str], str]:
        tp = self.ctx.tokenized[i]
        body = tp.prompt.body
        fixed = body
        if tools is not None:
            fixed = copy.deepcopy(body)
            fixed["tools"] = tools
        moves = self.moves(i)
        if moves:
            return apply_moves(fixed, tp.prompt.kind, moves)
        return fixed, [], "system"

    def fixed_tokens(self, j: int, tools: list | None):
        key = (j, id(tools))
        if key not in self._fixed_tokens:
            tp = self.ctx.tokenized[j]
            fixed, _moved, _role = self.fixed_body(j, tools)
            self._fixed_tokens[key] = tp.tokens if fixed is tp.prompt.body else _tokens(fixed, tp).tokens
        return self._fixed_tokens[key]

    def suggest(self, i: int) -> Suggestion | None:
        from .providers.registry import cache_model_for

        ctx, report = self.ctx, self.report
        tp = ctx.tokenized[i]
        body, kind = tp.prompt.body, tp.prompt.kind
        found = self.by_prompt[tp.name]
        model = tp.prompt.model or report.model
        cache = cache_model_for(model, report.provider)
        codes = sorted({f.code for f in found})
        members = self.members(i)
        notes: list[str] = []

        # 1. tools: one fixed, sorted list for the whole group
        tools = None
        if "PC303" in codes and members:
            bodies = [body] + [ctx.tokenized[j].prompt.body for j in members]
            tools, differs = fixed_tools(bodies)
            for name, why in differs.items():
                notes.append(f"tool {name}: {'; '.join(why)}")
            notes.append("send this one sorted tool list with every request; restrict a request's tools with "
                         "tool_choice (allowed_tools) instead of removing them")
            schemas = {json.dumps(b.get("response_format", (b.get("text") or {}).get("format")
                                    if isinstance(b.get("text"), dict) else None), sort_keys=True) for b in bodies}
            if len(schemas) > 1:
                notes.append(f"the group also sends {len(schemas)} different response schemas: keep one per "
                             "group (not changed here)")

        # 2. lines to move (volatile literals, the differing text at the divergence point)
        fixed, moved, role = self.fixed_body(i, tools)
        if moved:
            notes.insert(0, f"moved {len(moved)} line{'s' if len(moved) != 1 else ''} with per-request content "
                            f"into a {role} message after the static part (before the final user turn)")
        if fixed is body:
            return None

        after_tp = _tokens(fixed, tp)
        total_before, total_after = len(tp.tokens), len(after_tp.tokens)
        if members:
            shared_before = max(_lcp_count(tp.tokens, ctx.tokenized[j].tokens) for j in members)
            shared_after = max(_lcp_count(after_tp.tokens, self.fixed_tokens(j, tools)) for j in members)
            basis = f"shared prefix with {ctx.tokenized[members[0]].name}" + (
                f" and {len(members) - 1} more of its group" if len(members) > 1 else "") + \
                " (each with the same layout)"
        else:
            # a lone request: the cache keeps what precedes the first per-request value
            flagged = [f.token for f in found if f.token is not None]
            shared_before = min(flagged) if flagged else total_before
            shared_after = _note_token(after_tp, fixed, kind) if moved else total_after
            basis = "prefix before the first per-request value"
        before, after = cache.cacheable(shared_before), cache.cacheable(shared_after)
        if after <= before:
            return None  # the layout would not cache more: no suggestion
        notes.append(f"cached tokens computed against the {basis}")
        return Suggestion(
            tp.prompt.path, tp.name, codes, request_diff(tp, body, fixed, kind), total_before, before, after,
            model, cost_per_1000(model, total_before, before), cost_per_1000(model, total_after, after),
            tokens_after=total_after, notes=notes, kind="request")


def _note_token(after_tp, fixed: dict, kind: str) -> int:
    """Token where the moved note message starts in the fixed request."""
    paths = message_paths(fixed, kind)
    final = final_user_path(fixed, kind)
    at = paths.index(final) - 1 if final in paths else len(paths) - 1
    for k, seg in enumerate(after_tp.prompt.segments):
        if seg.message == at:
            char = after_tp._seg_starts[k]
            return _token_at(after_tp, char)
    return len(after_tp.tokens)


def _token_at(tp, char: int) -> int:
    import bisect

    starts = [r.char_start for r in tp.runs]
    k = bisect.bisect_right(starts, char) - 1
    run = tp.runs[max(k, 0)]
    if run.special or char == run.char_start:
        return run.token_start
    from .tokenizer import encode_ordinary
    return run.token_start + len(encode_ordinary(tp.encoding, tp.text[run.char_start:char]))
