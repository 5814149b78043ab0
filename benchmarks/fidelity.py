#!/usr/bin/env python3
"""Fidelity of pcache's prompt-token counts against the ``usage`` the real OpenAI API returned.

Every recorded request of the development set is rendered through pcache (the same path as
``pcache scan``) and its token count compared with the recorded ``usage.prompt_tokens`` (Chat) or
``usage.input_tokens`` (Responses).  Figures are printed per category:

* ``plain``: text-only requests (no tools, no response schema, no image, nothing pcache cannot see);
* ``tools``: function tools, a ``json_schema`` response format, or tool calls in the history;
* ``images``: an ``image_url`` / ``input_image`` part;
* ``unknowable``: parts whose prompt text is not in the request (built-in tools, ``previous_response_id``,
  encrypted reasoning items, audio/files): shown, never part of a target;
* ``t:schema``, ``t:functions``, ``t:history``, ``t:parallel``, ``t:forced``: overlapping parts of
  ``tools`` (a json_schema format, function tools, calls in the history, two or more calls in one turn,
  a named or ``required`` tool_choice);

and across them ``reasoning`` (gpt-5*, o1*, o3*, o4*) and ``responses`` (the Responses API).  For each: how
many counts are exact, how many within 3 % (|predicted - actual| <= 3 % of actual), and how many pcache
marks as estimates.

Corpora (``--corpus``): ``dev`` = ``shared/corpora/openai-recorded`` (660 pairs, 7 projects),
``crewai`` = ``shared/corpora/crewai-vcr`` (Chat + Responses; the framing was first fitted on it, so its
figures are in-sample), ``pydantic`` = the ``api.openai.com`` records of ``shared/corpora/pydantic-ai-vcr``.

Examples::

    python benchmarks/fidelity.py                      # every corpus, one table each
    python benchmarks/fidelity.py --corpus dev --misses tools   # list the misses of one category
    python benchmarks/fidelity.py --json               # machine-readable
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

REASONING = ("o1", "o3", "o4", "gpt-5")
CATEGORIES = ("plain", "tools", "images", "unknowable", "reasoning", "responses", "all",
              "t:schema", "t:functions", "t:history", "t:parallel", "t:forced")


def shared_dir() -> Path:
    for cand in (os.environ.get("PCACHE_SHARED"), ROOT.parent / "shared", Path("/work/shared")):
        if cand and (Path(cand) / "corpora").is_dir():
            return Path(cand)
    raise SystemExit("shared/corpora not found (set PCACHE_SHARED)")


@dataclass
class Pair:
    name: str
    endpoint: str  # chat | responses
    request: dict
    actual: int
    predicted: int | None = None
    estimate: bool = False
    reasons: tuple = ()
    error: str | None = None

    @property
    def model(self) -> str:
        return str(self.request.get("model") or "")


def _parts(req: dict):
    for m in req.get("messages") or []:
        if isinstance(m, dict) and isinstance(m.get("content"), list):
            yield from (p for p in m["content"] if isinstance(p, dict))
    inp = req.get("input")
    if isinstance(inp, list):
        for item in inp:
            if isinstance(item, dict):
                yield item
                if isinstance(item.get("content"), list):
                    yield from (p for p in item["content"] if isinstance(p, dict))
                if isinstance(item.get("output"), list):
                    yield from (p for p in item["output"] if isinstance(p, dict))


def categories(p: Pair) -> set[str]:
    req = p.request
    out = {"all"}
    bare = p.model.split("/")[-1]
    if bare.startswith(REASONING):
        out.add("reasoning")
    if p.endpoint == "responses":
        out.add("responses")
    types = {str(x.get("type")) for x in _parts(req)}
    tools = req.get("tools") or []
    builtin = any(isinstance(t, dict) and t.get("type", "function") != "function" for t in tools)
    unknowable = (builtin or req.get("previous_response_id") or "reasoning" in types
                  or types & {"input_audio", "input_file", "file", "audio", "item_reference"}
                  or req.get("modalities") and "audio" in req.get("modalities"))
    images = types & {"image_url", "input_image"}
    fmt = req.get("response_format") or (req.get("text") or {}).get("format") or {}
    schema = isinstance(fmt, dict) and fmt.get("type") == "json_schema"
    history_calls = any(isinstance(m, dict) and (m.get("tool_calls") or m.get("role") == "tool")
                        for m in req.get("messages") or []) or types & {"function_call", "function_call_output"}
    if unknowable:
        out.add("unknowable")
    elif images:
        out.add("images")
    elif tools or req.get("functions") or schema or history_calls:
        out.add("tools")
        # overlapping sub-categories of ``tools``: what the request carries
        if schema:
            out.add("t:schema")
        if tools or req.get("functions"):
            out.add("t:functions")
        if history_calls:
            out.add("t:history")
        calls = [len(m.get("tool_calls") or []) for m in req.get("messages") or [] if isinstance(m, dict)]
        items = sum(1 for x in _parts(req) if x.get("type") == "function_call")
        if max(calls, default=0) > 1 or items > 1:
            out.add("t:parallel")
        choice = req.get("tool_choice")
        if isinstance(choice, dict) or choice == "required":
            out.add("t:forced")
    else:
        out.add("plain")
    return out


def load(corpus: str, shared: Path) -> list[Pair]:
    c = shared / "corpora"
    pairs: list[Pair] = []
    if corpus == "dev":
        for line in (c / "openai-recorded" / "recorded.jsonl").read_text().splitlines():
            r = json.loads(line)
            key = "prompt_tokens" if r["endpoint"] == "chat" else "input_tokens"
            pairs.append(Pair(r["id"], r["endpoint"], r["request"], r["usage"][key]))
    elif corpus == "crewai":
        for fname, ep, key in (("openai_chat_completions.jsonl", "chat", "prompt_tokens"),
                               ("openai_responses.jsonl", "responses", "input_tokens")):
            for n, line in enumerate((c / "crewai-vcr" / fname).read_text().splitlines(), 1):
                r = json.loads(line)
                pairs.append(Pair(f"crewai/{fname}#L{n}", ep, r["request"], r["usage"][key]))
    elif corpus == "pydantic":
        for n, line in enumerate((c / "pydantic-ai-vcr" / "usage_with_cache.jsonl").read_text().splitlines(), 1):
            r = json.loads(line)
            if r.get("host") != "api.openai.com" or not isinstance(r.get("request"), dict):
                continue
            ep = "chat" if r["endpoint"].endswith("chat/completions") else "responses"
            key = "prompt_tokens" if ep == "chat" else "input_tokens"
            pairs.append(Pair(f"pydantic#L{n}", ep, r["request"], r["usage"][key]))
    else:
        raise SystemExit(f"unknown corpus {corpus!r}")
    return pairs


def predict(pairs: list[Pair]) -> None:
    """Render and count every pair the way ``pcache scan`` does (one JSONL line per request)."""
    sys.path.insert(0, str(ROOT.parent))
    from pcache.analyzers.scan import tokenize_corpus
    from pcache.analyzers.sources.interface import SourceOptions
    from pcache.analyzers.sources.jsonl import JsonlSource

    text = "\n".join(json.dumps({"request": p.request}) for p in pairs)
    loaded = JsonlSource().load("fidelity.jsonl", text, SourceOptions(request_field="request"))
    by_line = {pr.line: pr for pr in loaded.prompts}
    for err in loaded.errors:
        pairs[err.line - 1].error = err.message
    prompts = [by_line[i + 1] for i in range(len(pairs)) if i + 1 in by_line]
    tps, _ = tokenize_corpus(prompts, None)
    for tp in tps:
        p = pairs[tp.prompt.line - 1]
        p.predicted = len(tp)
        p.estimate = tp.prompt.estimate
        p.reasons = tuple(getattr(tp.prompt, "estimate_reasons", ()) or ())


def within(p: Pair, share: float = 0.03) -> bool:
    return p.predicted is not None and abs(p.predicted - p.actual) <= share * p.actual


def table(pairs: list[Pair]) -> dict[str, dict]:
    out = {}
    for cat in CATEGORIES:
        rows = [p for p in pairs if cat in categories(p)]
        if not rows:
            continue
        n = len(rows)
        exact = sum(p.predicted == p.actual for p in rows)
        w3 = sum(within(p) for p in rows)
        est = sum(p.estimate for p in rows)
        out[cat] = {"pairs": n, "exact": exact, "exact_pct": round(100 * exact / n, 1),
                    "within_3pct": w3, "within_3pct_pct": round(100 * w3 / n, 1), "estimates": est,
                    "errors": sum(p.predicted is None for p in rows)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", choices=("dev", "crewai", "pydantic"),
                    help="corpus to measure (repeatable; default: all three)")
    ap.add_argument("--misses", metavar="CATEGORY", help="list the pairs of CATEGORY that are not exact")
    ap.add_argument("--json", action="store_true", help="print the tables as JSON")
    args = ap.parse_args(argv)
    shared = shared_dir()
    corpora = args.corpus or ["dev", "crewai", "pydantic"]
    result = {}
    for corpus in corpora:
        pairs = load(corpus, shared)
        predict(pairs)
        result[corpus] = table(pairs)
        if args.misses:
            for p in pairs:
                if args.misses in categories(p) and p.predicted != p.actual:
                    print(f"{corpus} {p.name} {p.model} predicted={p.predicted} actual={p.actual} "
                          f"diff={None if p.predicted is None else p.predicted - p.actual} "
                          f"reasons={','.join(p.reasons)} {p.error or ''}")
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for corpus, tab in result.items():
        label = " (in-sample: the framing was first fitted on it)" if corpus == "crewai" else ""
        print(f"\n{corpus}{label}")
        print(f"  {'category':<11} {'pairs':>5} {'exact':>13} {'within 3 %':>13} {'estimates':>9}")
        for cat, row in tab.items():
            print(f"  {cat:<11} {row['pairs']:>5} {row['exact']:>5} {row['exact_pct']:>6.1f} % "
                  f"{row['within_3pct']:>5} {row['within_3pct_pct']:>6.1f} % {row['estimates']:>9}"
                  + (f"  ({row['errors']} not counted)" if row["errors"] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
