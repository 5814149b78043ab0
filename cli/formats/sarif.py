"""SARIF 2.1.0 for GitHub code scanning: the rules with their help text, results with physical locations."""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
INFO_URI = "https://github.com/prompt-cache-analyzer/pcache"


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return p.as_uri()
    return p.as_posix().removeprefix("./")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("prompt-cache-analyzer")
    except Exception:  # pragma: no cover - not installed
        return "0"


def render(result, suggestions: list, color: bool = False) -> str:
    from pcache.analyzers.rules.registry import all_rules

    rules = list(all_rules())
    index = {r.code: k for k, r in enumerate(rules)}
    driver = {
        "name": "pcache",
        "informationUri": INFO_URI,
        "version": _version(),
        "rules": [{
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.summary},
            "help": {"text": r.docs or r.summary, "markdown": r.docs or r.summary},
            "defaultConfiguration": {"level": LEVEL[r.severity]},
            "properties": {"tags": ["prompt-caching", r.family]},
        } for r in rules],
    }
    results = []
    for f in result.findings:
        res = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL[f.severity],
            "message": {"text": f.message + (f" Fix: {f.fix}" if f.fix else "")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": {"startLine": max(1, f.line), "startColumn": max(1, f.column)},
                },
            }],
            "partialFingerprints": {"pcache/v1": f"{f.code}:{f.prompt}:{f.message[:80]}"},
            "properties": {"prompt": f.prompt, "token": f.token, "costTokens": f.cost_tokens,
                           "volatility": f.volatility, "volatility_source": f.volatility_source,
                           "position": f.position,
                           "cost_tokens_per_conversation": f.cost_tokens_per_conversation,
                           "cost_usd_per_1000": f.cost_usd_per_1000},
        }
        results.append(res)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {"summary": result.summary()},
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
