"""Token counts from a self-hosted server's own tokenizer and chat template, so a probe of a local model
predicts with the tokens the server really processes (not o200k's).

* llama.cpp: ``POST /apply-template`` (the served model's chat template, ``{"messages": ...}`` ->
  ``{"prompt": ...}``) then ``POST /tokenize`` (``{"content", "add_special", "parse_special"}`` ->
  ``{"tokens": [...]}``), the way the server tokenizes a chat completion's prompt.
* vLLM: ``POST /tokenize`` with ``{"model", "messages", "add_generation_prompt"}`` (template applied by
  the server).

Both endpoints live at the server root, beside ``/v1``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import PcacheError


class ServerTokenizerError(PcacheError):
    pass


def server_root(base_url: str) -> str:
    """``http://127.0.0.1:8080/v1`` -> ``http://127.0.0.1:8080``."""
    url = base_url.rstrip("/")
    return url[:-3] if url.endswith("/v1") else url


def chat_messages(body: dict) -> list[dict]:
    """The messages a request body sends, Responses ``instructions``/``input`` mapped to chat roles."""
    if "messages" in body:
        return list(body["messages"])
    out: list[dict] = []
    if body.get("instructions"):
        out.append({"role": "system", "content": body["instructions"]})
    inp = body.get("input")
    if isinstance(inp, str):
        out.append({"role": "user", "content": inp})
    else:
        for item in inp or []:
            if isinstance(item, dict) and "role" in item:
                role = "system" if item["role"] == "developer" else item["role"]
                out.append({"role": role, "content": item.get("content", "")})
    return out


@dataclass
class ServerTokenizer:
    """Counts tokens with the server at ``root``; ``kind`` is ``llama.cpp`` or ``vllm``."""

    root: str
    kind: str
    model: str | None = None
    timeout: float = 30.0

    def _post(self, path: str, payload: dict) -> dict:
        import json
        import urllib.error
        import urllib.request

        req = urllib.request.Request(self.root + path, data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            raise ServerTokenizerError(f"{self.root}{path}: HTTP {exc.code}") from None
        except (OSError, ValueError) as exc:  # refused, timed out, bad URL
            raise ServerTokenizerError(f"{self.root}{path}: {exc}") from None
        try:
            got = json.loads(raw)
        except ValueError:
            raise ServerTokenizerError(f"{self.root}{path}: not JSON") from None
        if not isinstance(got, dict):
            raise ServerTokenizerError(f"{self.root}{path}: unexpected answer")
        return got

    def tokens(self, bodies: list[dict]) -> list[list[int]]:
        """Token ids of each body's prompt, as the server will process it."""
        out = []
        for body in bodies:
            messages = chat_messages(body)
            if self.kind == "vllm":
                payload = {"messages": messages, "add_generation_prompt": True}
                if self.model:
                    payload["model"] = self.model
                got = self._post("/tokenize", payload)
            else:
                prompt = self._post("/apply-template", {"messages": messages}).get("prompt")
                if not isinstance(prompt, str):
                    raise ServerTokenizerError(f"{self.root}/apply-template: no prompt in the answer")
                got = self._post("/tokenize", {"content": prompt, "add_special": True, "parse_special": True})
            tokens = got.get("tokens")
            if not isinstance(tokens, list):
                raise ServerTokenizerError(f"{self.root}/tokenize: no tokens in the answer")
            out.append([t if isinstance(t, int) else t["id"] for t in tokens])
        return out
