#!/usr/bin/env python3
"""Deterministic generator of realistic benchmark corpora for pcache (same seed -> same bytes).

Kinds:

* ``chat``: one JSONL file of Chat Completions request bodies.  Every request carries the same long
  system prompt (~1,600 tokens) and the same tools (~400 tokens), then a user message (and sometimes a
  short history) that differs per request: ~2,200 tokens and ~12 KB per line, so 5,000 requests are
  ~60 MB.  A few outliers, as in real traffic: ~1% inject a timestamp at the top of the system prompt,
  ~0.5% send the tools in another order, ~0.3% use a short system prompt (under the cache minimum).
* ``templates``: a folder of Jinja2 templates sharing a long static system prompt, with ``{{ var }}``
  placeholders at chosen token positions (``--var-at``), plus plain Markdown prompts.  With
  ``--distinct`` every file gets its own text (nothing shared: the worst case for pcache's dedup).
* ``log``: a request log for ``pcache audit``: generic JSONL lines
  ``{"timestamp", "request": {chat body}, "response": {"model", "usage": {...}}}``, time ordered, a few
  prompt families, ``prompt_tokens`` = the tokens the request renders to, ``cached_tokens`` following
  OpenAI's documented rule (1024 minimum, 128-token steps, 5-minute idle expiry) with some routing
  misses, and a few malformed lines.

Sizes are given as bytes (``--size 60MB``) or counts (``--requests 5000``).  ``chat`` and ``templates``
never tokenize (1 GB takes seconds); ``log`` bills the tokens each request renders to (pcache's
framing and the model's tiktoken encoding), so an audit of it replays exactly.

Examples::

    python benchmarks/make_corpus.py chat --requests 5000 --out /tmp/chat.jsonl
    python benchmarks/make_corpus.py templates --size 5MB --var-at 300,1800 --out /tmp/templates
    python benchmarks/make_corpus.py log --size 1GB --out /tmp/audit.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

DEFAULT_SEED = 20250601

_WORDS = (
    "the a an of to and in for on with as by at from that this these those is are was be been will can "
    "must should may never always only each every any all some no not or but if when then than before "
    "after while until unless because so customer order account request reply answer message tool "
    "result policy refund return exchange delivery shipment address payment card invoice warranty "
    "product item size colour stock store date time day week month status number email phone agent "
    "user assistant system support team manager escalate verify confirm cancel update create check "
    "search find list show explain summarise describe include exclude follow ask tell give keep "
    "clear short precise friendly polite careful helpful correct complete current previous next first "
    "last new old same different available missing damaged late early free standard express "
    "international domestic local region country language currency price discount coupon "
    "subscription plan trial upgrade downgrade renewal billing cycle charge fee tax total amount "
    "balance credit debit transaction record history note case ticket priority severity issue problem "
    "error failure outage incident report summary detail reason example instruction rule step "
    "document section paragraph sentence word format table JSON markdown field value key identifier "
    "reference link page site service platform application mobile web desktop browser version release"
).split()
_TOPICS = (
    "Role", "Identity and account security", "Orders", "Deliveries", "Returns and refunds", "Exchanges",
    "Warranty claims", "Product questions", "Payments and invoices", "Subscriptions", "Escalation",
    "Tone and style", "Formatting", "Tools", "Safety", "Privacy", "Examples", "Edge cases",
)


def _sentence(rng: random.Random, lo: int = 8, hi: int = 22) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 90)}")
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), f"`{rng.choice(_WORDS)}_{rng.choice(_WORDS)}`")
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".........;:?!")[0]


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def system_prompt(rng: random.Random, approx_tokens: int) -> str:
    """Markdown system prompt of about ``approx_tokens`` tokens (~4.3 characters per token)."""
    parts: list[str] = []
    size = 0
    topics = list(_TOPICS)
    i = 0
    while size < approx_tokens * 4.3:
        title = topics[i % len(topics)] + ("" if i < len(topics) else f" ({i // len(topics) + 1})")
        block = [f"# {title}", ""]
        if rng.random() < 0.5:
            block.append(_paragraph(rng, rng.randint(2, 4)))
        else:
            block.extend(f"- {_sentence(rng)}" for _ in range(rng.randint(3, 6)))
        block.append("")
        text = "\n".join(block)
        parts.append(text)
        size += len(text)
        i += 1
    return "\n".join(parts).rstrip() + "\n"


def tools(rng: random.Random, count: int = 5) -> list[dict]:
    out = []
    for _ in range(count):
        name = f"{rng.choice(_WORDS)}_{rng.choice(_WORDS)}_{rng.randint(1, 99)}"
        props = {}
        for _ in range(rng.randint(2, 5)):
            pname = f"{rng.choice(_WORDS)}_{rng.choice(_WORDS)}"
            if rng.random() < 0.3:
                props[pname] = {"type": "string", "enum": [rng.choice(_WORDS) for _ in range(3)],
                                "description": _sentence(rng, 5, 10)}
            else:
                props[pname] = {"type": rng.choice(["string", "integer", "boolean"]),
                                "description": _sentence(rng, 5, 12)}
        out.append({"type": "function", "function": {
            "name": name, "description": _sentence(rng, 10, 20),
            "parameters": {"type": "object", "properties": props, "required": sorted(props)[:1]}}})
    return out


def _timestamp(rng: random.Random) -> str:
    base = datetime(2025, 3, 1, tzinfo=timezone.utc)
    return (base + timedelta(seconds=rng.randrange(30 * 86400))).strftime("%Y-%m-%dT%H:%M:%SZ")


class ChatFamily:
    """One application: a system prompt, tools and a model shared by its requests."""

    def __init__(self, rng: random.Random, system_tokens: int, model: str, n_tools: int = 5):
        self.system = system_prompt(rng, system_tokens)
        self.tools = tools(rng, n_tools)
        self.model = model

    def request(self, rng: random.Random, user_tokens: int = 200) -> dict:
        messages = [{"role": "system", "content": self.system}]
        turns = rng.choice((0, 0, 0, 1, 2))
        for _ in range(turns):
            messages.append({"role": "user", "content": _paragraph(rng, rng.randint(1, 3))})
            messages.append({"role": "assistant", "content": _paragraph(rng, rng.randint(1, 3))})
        n_sent = max(1, round(user_tokens / 17))
        messages.append({"role": "user", "content": _paragraph(rng, rng.randint(n_sent // 2, n_sent * 3 // 2 + 1))})
        return {"model": self.model, "messages": messages, "tools": self.tools, "temperature": 0.2}


def chat_requests(seed: int, count: int | None = None, size: int | None = None):
    """Yield (body, kind) for the ``chat`` corpus; kind is "normal" or the outlier type."""
    rng = random.Random(seed)
    family = ChatFamily(rng, 1600, "gpt-4o-mini")
    short = system_prompt(rng, 300)
    produced = 0
    emitted = 0
    while (count is None or produced < count) and (size is None or emitted < size):
        body = family.request(rng)
        r = rng.random()
        kind = "normal"
        if r < 0.01:
            kind = "timestamp"
            body["messages"][0] = {"role": "system",
                                   "content": f"Current date and time: {_timestamp(rng)}\n\n" + family.system}
        elif r < 0.015:
            kind = "tool_order"
            body["tools"] = list(reversed(family.tools))
        elif r < 0.018:
            kind = "short"
            body["messages"] = [{"role": "system", "content": short}, body["messages"][-1]]
        line = json.dumps(body, ensure_ascii=False, separators=(", ", ": "))
        produced += 1
        emitted += len(line.encode()) + 1
        yield line, kind


def write_chat(out: str, seed: int, count: int | None, size: int | None) -> dict:
    kinds: dict[str, int] = {}
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for line, kind in chat_requests(seed, count, size):
            f.write(line + "\n")
            kinds[kind] = kinds.get(kind, 0) + 1
    return {"requests": sum(kinds.values()), "kinds": kinds}


def write_templates(out: str, seed: int, count: int | None, size: int | None,
                    var_at: list[int], distinct: bool) -> dict:
    """Templates share a long static prompt; ``{{ var }}`` placeholders sit at ~``var_at`` tokens."""
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    shared = system_prompt(rng, 2200)
    written = 0
    n = 0
    while (count is None or n < count) and (size is None or written < size):
        base = system_prompt(rng, 2200) if distinct else shared
        # place each variable at the first line break after ~token position * 4.3 characters
        text = base
        for j, pos in enumerate(sorted(var_at, reverse=True)):
            cut = text.find("\n", int(pos * 4.3))
            cut = len(text) if cut < 0 else cut + 1
            text = text[:cut] + f"Context {j}: {{{{ var_{j} }}}}\n" + text[cut:]
        text += "\n# Task\n\n" + _paragraph(rng, rng.randint(3, 8)) + "\n\n{{ question }}\n"
        sub = os.path.join(out, f"d{n // 500:03d}")
        os.makedirs(sub, exist_ok=True)
        ext = ".j2" if n % 5 else ".md"
        if ext == ".md":
            text = text.replace("{{", "<").replace("}}", ">")
        path = os.path.join(sub, f"prompt_{n:06d}{ext}")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        written += len(text.encode())
        n += 1
    return {"files": n, "bytes": written}


def _rendered_tokens(bodies: list[dict], model: str) -> list:
    """Token arrays of the bodies as pcache renders them (``framing`` + the model's tiktoken encoding):
    the log bills exactly what its requests render to, so a replay of it is exact."""
    from pcache.analyzers.framing import render_body
    from pcache.analyzers.model import Prompt
    from pcache.analyzers.tokenizer import encoding_for, tokenize_prompts

    prompts = [Prompt("", "", render_body(b).segments, kind="chat") for b in bodies]
    return [tp.tokens for tp in tokenize_prompts(prompts, encoding_for(model))]


def _lcp(a, b) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def write_log(out: str, seed: int, count: int | None, size: int | None, batch: int = 256) -> dict:
    """Audit log: time-ordered lines whose ``prompt_tokens`` are the tokens the request renders to and
    whose ``cached_tokens`` follow the documented OpenAI rule (1024-token minimum, 128-token steps,
    5-minute idle expiry) against the family's previous request, with ~8 % routing misses."""
    rng = random.Random(seed)
    families = [ChatFamily(rng, 1600, "gpt-4o-mini"), ChatFamily(rng, 2400, "gpt-4o"),
                ChatFamily(rng, 900, "gpt-4.1-mini", 2)]
    weights = [0.6, 0.3, 0.1]
    t = datetime(2025, 3, 1, tzinfo=timezone.utc)
    last = [None] * len(families)  # (time, tokens) of each family's previous request
    n = 0
    written = 0
    malformed = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        while (count is None or n < count) and (size is None or written < size):
            items = []  # (n, time, family or None, body, completion, routed)
            while len(items) < batch and (count is None or n < count) and \
                    (size is None or written + 12_000 * len(items) < size):
                t += timedelta(seconds=rng.expovariate(1 / 20.0))
                n += 1
                if rng.random() < 0.0005:
                    items.append((n, t, None, None, 0, False))
                    continue
                k = rng.choices(range(len(families)), weights)[0]
                items.append((n, t, k, families[k].request(rng), rng.randint(20, 400), rng.random() > 0.08))
            by_model: dict[str, list[int]] = {}
            for i, (_n, _t, k, _b, _c, _r) in enumerate(items):
                if k is not None:
                    by_model.setdefault(families[k].model, []).append(i)
            tokens: dict[int, object] = {}
            for model, idx in by_model.items():
                for i, toks in zip(idx, _rendered_tokens([items[i][3] for i in idx], model)):
                    tokens[i] = toks
            for i, (num, when, k, body, completion, routed) in enumerate(items):
                stamp = when.isoformat().replace("+00:00", "Z")
                if k is None:
                    line = '{"timestamp": "' + stamp + '", "request": {"model": '  # truncated line
                    malformed += 1
                else:
                    toks = tokens[i]
                    prompt_tokens = len(toks)
                    prev = last[k]
                    shared = _lcp(toks, prev[1]) if prev is not None and (when - prev[0]).total_seconds() <= 300 \
                        and len(prev[1]) >= 1024 else 0
                    cached = (shared // 128) * 128 if shared >= 1024 and routed else 0
                    last[k] = (when, toks)
                    line = json.dumps({"timestamp": stamp, "request": body, "response": {
                        "id": f"chatcmpl-{num:010d}", "model": body["model"], "usage": {
                            "prompt_tokens": prompt_tokens, "completion_tokens": completion,
                            "total_tokens": prompt_tokens + completion,
                            "prompt_tokens_details": {"cached_tokens": cached}}}})
                f.write(line + "\n")
                written += len(line.encode()) + 1
    return {"lines": n, "malformed": malformed, "bytes": written}


def parse_size(text: str) -> int:
    units = {"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "B": 1}
    t = text.strip().upper()
    for u, mul in units.items():
        if t.endswith(u):
            return int(float(t[: -len(u)]) * mul)
    return int(t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Examples:\n  " + "\n  ".join(
                                     l.strip() for l in __doc__.splitlines() if l.strip().startswith("python ")))
    ap.add_argument("kind", choices=["chat", "templates", "log"])
    ap.add_argument("--out", required=True, help="output file (chat, log) or folder (templates)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--size", type=parse_size, help="stop after this many bytes (e.g. 60MB, 1GB)")
    ap.add_argument("--requests", "--count", dest="count", type=int,
                    help="number of requests / files / log lines")
    ap.add_argument("--var-at", default="1800", help="templates: token positions of the placeholders")
    ap.add_argument("--distinct", action="store_true", help="templates: no shared text between files")
    args = ap.parse_args(argv)
    if args.size is None and args.count is None:
        ap.error("give --size or --requests")
    if args.kind == "chat":
        info = write_chat(args.out, args.seed, args.count, args.size)
    elif args.kind == "templates":
        info = write_templates(args.out, args.seed, args.count, args.size,
                               [int(x) for x in args.var_at.split(",") if x.strip()], args.distinct)
    else:
        info = write_log(args.out, args.seed, args.count, args.size)
    sys.stderr.write(f"{args.kind}: {args.out}: {json.dumps(info)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
