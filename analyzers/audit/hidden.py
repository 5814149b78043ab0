"""What a request makes the server bill that its logged body does not carry, for the replay's bound
reasons (``replay.BOUND_REASONS``): OpenAI's hosted tools add their own instructions and results to
the prompt (web search results, code interpreter output, file search chunks), and images, audio and
files are billed as tokens the text rendering does not count; reasoning items passed back to the
Responses API (``encrypted_content``) are billed as the reasoning tokens of the turn that made them."""

from __future__ import annotations

# tool types that run on OpenAI's side; "function" and "custom" tools are the caller's own
_CLIENT_TOOLS = {"function", "custom"}
_MEDIA_PARTS = {"image_url", "input_image", "input_file", "input_audio", "image", "document", "file", "audio"}


def hosted_tools(body: dict) -> list[str]:
    tools = body.get("tools")
    if not isinstance(tools, list):
        return []
    out = []
    for t in tools:
        kind = t.get("type") if isinstance(t, dict) else None
        if isinstance(kind, str) and kind not in _CLIENT_TOOLS and kind not in out:
            out.append(kind)
    return out


def has_media(body: dict) -> bool:
    for key in ("messages", "input"):
        msgs = body.get(key)
        if not isinstance(msgs, list):
            continue
        for m in msgs:
            parts = m.get("content") if isinstance(m, dict) else None
            if isinstance(parts, list) and any(isinstance(p, dict) and p.get("type") in _MEDIA_PARTS
                                               for p in parts):
                return True
    return False


def has_encrypted_reasoning(body: dict) -> bool:
    items = body.get("input")
    return isinstance(items, list) and any(
        isinstance(it, dict) and it.get("type") == "reasoning" and it.get("encrypted_content") for it in items)


def server_side_content(body) -> str:
    """"hosted_tool:web_search,code_interpreter", "media", "reasoning" or "" (nothing known)."""
    if not isinstance(body, dict):
        return ""
    tools = hosted_tools(body)
    if tools:
        return "hosted_tool:" + ",".join(tools)
    if has_media(body):
        return "media"
    return "reasoning" if has_encrypted_reasoning(body) else ""
