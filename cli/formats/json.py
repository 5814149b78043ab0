"""JSON: ``{"findings": [{code, severity, path, line, column, token, message, ...}], "summary": {...}}``."""

from __future__ import annotations

import json


def render(result, suggestions: list, color: bool = False) -> str:
    doc = {
        "findings": [f.to_dict() for f in result.findings],
        "summary": result.summary(),
    }
    if suggestions:
        doc["suggestions"] = [s.to_dict() for s in suggestions]
    errors = getattr(result, "errors", None)
    if errors:
        doc["errors"] = [{"path": e.path, "line": e.line, "message": e.message} for e in errors]
    return json.dumps(doc, indent=2, ensure_ascii=False)
