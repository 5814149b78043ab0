"""Helpers shared by the exporters' readers: counts, request bodies, provider names."""

from __future__ import annotations

from ..usage import check_count


def count(row: dict, key: str) -> int | None:
    """A token count of an export row; None when absent or empty (unknown, never 0)."""
    v = row.get(key) if isinstance(row, dict) else None
    if v is None or v == "":
        return None
    if isinstance(v, str):
        s = v.strip().replace(",", "")
        try:
            v = float(s)
        except ValueError:
            raise ValueError(f"{key} is {v[:20]!r}, not a token count") from None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ValueError(f"{key} is {v!r}, not a token count")
    check_count(key, v)
    return int(v)


def first_count(row: dict, keys: tuple[str, ...]) -> int | None:
    for k in keys:
        v = count(row, k)
        if v is not None:
            return v
    return None


def maybe_json(v):
    """A value that exports store as JSON text (CSV cells, ``metadata`` columns), parsed."""
    if isinstance(v, str) and v[:1] in "{[":
        from ...inputs import try_json  # depth and number limits: a cell is input like any other

        parsed = try_json(v)
        return v if parsed is None else parsed
    return v


def chat_body(messages, model) -> dict | None:
    """A Chat Completions body from a logged message list (or a logged request body)."""
    messages = maybe_json(messages)
    if isinstance(messages, dict) and isinstance(messages.get("messages"), list):
        body = dict(messages)
        body.setdefault("model", model or "")
        return body
    if isinstance(messages, list) and messages and all(isinstance(m, dict) and "role" in m for m in messages):
        return {"model": model or "", "messages": messages}
    return None


PROVIDERS = {"openai": "openai", "azure": "azure", "azure_openai": "azure", "anthropic": "anthropic",
             "google": "google", "gemini": "google", "vertex_ai": "google-vertex", "deepseek": "deepseek",
             "mistral": "mistral", "groq": "groq", "xai": "x-ai", "cohere": "cohere", "openrouter": "openrouter"}


def provider(name) -> str | None:
    return PROVIDERS.get(name.strip().lower()) if isinstance(name, str) else None


def shape_of(provider_id: str | None) -> str:
    return {"anthropic": "anthropic", "google": "gemini", "google-vertex": "gemini",
            "deepseek": "deepseek"}.get(provider_id or "", "chat")
