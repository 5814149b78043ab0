"""The request plan and the measured results of a probe (no I/O here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Destination:
    """Where requests go.  ``kind`` is ``openai``, ``azure`` or ``compatible`` (any --base-url)."""

    kind: str
    base_url: str  # shown to the user: the API root (never carries a key)
    host: str
    api_version: str | None = None  # Azure only
    deployment: str | None = None  # Azure only
    organization: str | None = None
    project: str | None = None


@dataclass(frozen=True)
class ProbeOptions:
    model: str | None = None  # tokenizer/prices model (and the model sent unless --deployment)
    api: str = "chat"  # chat | responses
    repeat: int = 2
    delay: float = 0.0  # seconds between the repeats of one prompt
    sample: int | None = None  # probe only N prompts (spread evenly over the corpus)
    max_requests: int | None = None
    max_cost: Decimal | None = None
    prompt_cache_key: str | None = None
    concurrency: int = 4
    timeout: float = 60.0
    max_retries: int = 2
    same_values: bool = False
    seed: int | None = None  # template sample values; None: fresh values on every run
    regime: str | None = None  # openai-legacy | llama.cpp | vllm[:N]; None = from the destination
    served_model: str | None = None  # model name sent to a compatible server (--model stays the tokenizer)
    turns: int | None = None  # a growing conversation of N turns instead of --repeat repeats
    turn_tokens: int = 200  # size of each user and assistant turn (words of about one token)
    server_tokens: bool = True  # count with a self-hosted server's /tokenize when it has one


@dataclass
class PlannedPrompt:
    """One prompt and the request bodies of its repeats, with the offline prediction."""

    name: str
    path: str
    kind: str
    bodies: list[dict]  # one body per repeat, without the output-limit field
    api: str  # chat | responses: where these bodies go
    model: str  # tokenizer/prices model
    predicted_prompt_tokens: int
    shared_prefix_tokens: int  # tokens the last repeat shares with an earlier one (offline)
    predicted_cacheable_tokens: int  # on the last repeat, under the plan's regime
    estimate: bool = False  # the token count relies on undocumented framing
    cost_bound_usd: Decimal | None = None
    values: list[dict[str, str]] = field(default_factory=list)  # template values per repeat
    rule: object = field(default=None, repr=False)  # the regimes.Regime the prediction used
    # Per request (repeat or turn), in order: prompt tokens, tokens shared with the best earlier
    # request of this prompt, and the cached tokens the rule predicts from them.
    request_tokens: list[int] = field(default_factory=list)
    request_shared: list[int] = field(default_factory=list)
    request_predicted: list[int] = field(default_factory=list)
    tokenizer: str = "offline"  # offline (tiktoken, pcache's framing) | server (its /tokenize, exact)
    turns: bool = False  # the requests are the turns of one conversation
    volatility: dict[str, str] = field(default_factory=dict)  # variable -> class used for turn values


@dataclass
class Plan:
    destination: Destination
    model: str  # the model sent (Azure: the deployment's base model)
    api: str
    regime: str
    prompts: list[PlannedPrompt]
    skipped: list[str] = field(default_factory=list)  # prompts dropped by --sample/--max-*
    notes: list[str] = field(default_factory=list)
    cost_bound_usd: Decimal | None = None  # None when no price is known for the model
    output_tokens: int = 1  # output limit asked for per request
    detect_server: bool = False  # one GET /models first (announced in the notes)
    local: bool = False  # a self-hosted server: no prices (the model is not the one priced)

    @property
    def requests(self) -> int:
        return sum(len(p.bodies) for p in self.prompts)


@dataclass
class Observation:
    """One request's outcome.  ``cached_tokens`` is None when the API did not report it."""

    repeat: int
    prompt_tokens: int | None = None
    cached_tokens: int | None = None
    cache_write_tokens: int | None = None
    output_tokens: int | None = None
    latency_ms: float | None = None
    cost_usd: Decimal | None = None
    error: str | None = None
    response_id: str | None = None
    diagnostics: object = None  # providers.diagnostics.CacheDiagnosis the API returned, if any


@dataclass
class PromptResult:
    planned: PlannedPrompt
    observations: list[Observation] = field(default_factory=list)
    error: str | None = None
    complete: bool = False  # all repeats were sent

    @property
    def last(self) -> Observation | None:
        ok = [o for o in self.observations if o.error is None]
        return ok[-1] if ok else None

    @property
    def prompt_tokens(self) -> int | None:
        last = self.last
        return last.prompt_tokens if last else None

    @property
    def cached_tokens(self) -> int | None:
        last = self.last
        return last.cached_tokens if last else None

    @property
    def hit_ratio(self) -> float | None:
        """Observed cached tokens of the last repeat over its prompt tokens (None when unknown)."""
        last = self.last
        if last is None or last.cached_tokens is None or not last.prompt_tokens:
            return None
        return last.cached_tokens / last.prompt_tokens

    @property
    def cost_usd(self) -> Decimal | None:
        costs = [o.cost_usd for o in self.observations if o.cost_usd is not None]
        return sum(costs, Decimal(0)) if costs else None


@dataclass
class ProbeReport:
    plan: Plan
    results: list[PromptResult]
    interrupted: bool = False
    stopped: str | None = None  # why sending stopped early (--max-cost reached ...)
    detected_server: str | None = None  # owned_by of /models on compatible servers
    budget: object = field(default=None, repr=False)  # run._Budget: its count of HTTP requests that left
    served_model: str | None = None  # id of the first model of /models on compatible servers

    @property
    def requests_sent(self) -> int:
        """HTTP requests that left (retries, resends and an announced GET /models included; a request
        in flight when Ctrl-C came counts: it may have reached the server)."""
        sent = getattr(self.budget, "sent", None)
        return sent if sent is not None else sum(len(r.observations) for r in self.results)

    @property
    def hit_ratio(self) -> float | None:
        """Sum of cached over sum of prompt tokens of the last repeats that reported both."""
        cached = total = 0
        for r in self.results:
            last = r.last
            if last is not None and last.cached_tokens is not None and last.prompt_tokens:
                cached += last.cached_tokens
                total += last.prompt_tokens
        return cached / total if total else None

    @property
    def cost_usd(self) -> Decimal | None:
        costs = [r.cost_usd for r in self.results if r.cost_usd is not None]
        return sum(costs, Decimal(0)) if costs else None
