"""Self-hosted OpenAI-compatible servers (spec section 5): vLLM (whole KV blocks of ``--block-size``),
SGLang (token-level radix tree), llama.cpp (token-exact slot reuse).  The last prompt token is always
computed again (``reprocessed_tail_tokens``).  No prices; the prediction is exact unless evicted."""

from __future__ import annotations

from .base import PrefixRegime, _int, dig
from .interface import ObservedUsage, RegimeData


class SelfHosted(PrefixRegime):
    @property
    def step(self) -> int:
        if self.arg:  # vllm:BLOCK
            return int(self.arg)
        return int(self.value("step_tokens", 1))

    def read_usage(self, body: dict) -> ObservedUsage | None:
        got = super().read_usage(body)
        if got is not None and got.read is None and isinstance(dig(body, "timings.cache_n"), int):
            # llama.cpp native field (older builds omit prompt_tokens_details: unknown, not 0)
            return ObservedUsage(got.total, _int(dig(body, "timings.cache_n")), None, None, got.output)
        return got


def create(data: RegimeData, model: str | None = None, arg: str | None = None) -> SelfHosted:
    return SelfHosted(data, model, arg)
