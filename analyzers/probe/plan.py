"""From prompts to a request plan: bodies per repeat, offline prediction, cost upper bound, hard caps."""

from __future__ import annotations

import copy
from decimal import Decimal

from ..errors import PcacheError
from ..model import Prompt, Segment
from .interface import Destination, PlannedPrompt, Plan, ProbeOptions
from .regimes import Regime, regime_for
from .values import values_for

DEFAULT_PROBE_MODEL = "gpt-4o-mini"
# The output limit asked for first, per API (the Responses API refuses max_output_tokens below 16),
# and the largest one a refused request is retried with.  Used for the cost upper bound too.
FIRST_OUTPUT_LIMIT = {"chat": 1, "responses": 16}
MAX_OUTPUT_LIMIT = 64
# Framing of tools, schemas and newer models is estimated (spec 3.3: off by up to ~35 %); the cost
# bound assumes the real prompt may be this much longer.
ESTIMATE_MARGIN = Decimal("1.5")
_LIMIT_KEYS = ("max_tokens", "max_completion_tokens", "max_output_tokens", "stream", "stream_options", "n")


def _placeholder(s: Segment) -> bool:
    """A variable that prints a value (control points such as ``{% if %}`` have no text)."""
    return s.kind == "variable" and bool(s.name) and bool(s.text)


def _render(segments: list[Segment], values: dict[str, str]) -> str:
    """The template with each placeholder replaced by its value (control points render empty)."""
    return "".join(values.get(s.name, "") if _placeholder(s) else ("" if s.kind == "variable" else s.text)
                   for s in segments)


def _text_body(text: str, api: str, model: str) -> dict:
    if api == "responses":
        return {"model": model, "input": text}
    return {"model": model, "messages": [{"role": "user", "content": text}]}


def _bodies(prompt: Prompt, options: ProbeOptions, model: str, given: dict,
            volatility=None) -> tuple[list[dict], str, list]:
    if options.turns:
        from .conversation import conversation_bodies

        return conversation_bodies(prompt, options, model, given, volatility)
    repeats = options.repeat
    if prompt.kind in ("chat", "responses") and prompt.body is not None:
        body = {k: v for k, v in prompt.body.items() if k not in _LIMIT_KEYS}
        if options.model or "model" not in body:
            body["model"] = model
        return [copy.deepcopy(body) for _ in range(repeats)], prompt.kind, []
    names = list(dict.fromkeys(s.name for s in prompt.segments if _placeholder(s)))
    values = values_for(names, repeats, given, options.same_values, options.seed) if names else [{}] * repeats
    return [_text_body(_render(prompt.segments, v), options.api, model) for v in values], options.api, values


def _model_for(prompt: Prompt, options: ProbeOptions) -> str:
    return options.model or prompt.model or DEFAULT_PROBE_MODEL


def _tokenize(bodies: list[dict], model: str, typed: bool = False, notes: list[str] | None = None):
    """Token arrays of the bodies as the API frames them (pcache's offline framing).  A model named in
    the data that tiktoken does not know is counted with the fallback encoding (an estimate, with a
    note); a ``--model`` the user typed must be known."""
    from ..framing import render_body
    from ..tokenizer import encoding_for, resolve_body_model, tokenize_prompts
    from ..vocab import load_encoding

    prompts, estimate = [], False
    for i, body in enumerate(bodies):
        rendered = render_body(body)
        estimate = estimate or rendered.estimate
        prompts.append(Prompt(name=str(i), path="", segments=rendered.segments, kind=rendered.kind))
    if typed:
        encoding = encoding_for(model)
    else:
        choice = resolve_body_model(model)
        encoding = load_encoding(choice.encoding)
        if choice.warning and notes is not None and choice.warning not in notes:
            notes.append(choice.warning)
            estimate = True
    return [tp.tokens for tp in tokenize_prompts(prompts, encoding)], estimate


def shared_prefixes(tokens: list, previous_only: bool = False) -> list[int]:
    """Per request: tokens it shares with the best earlier request of the same prompt (with
    ``previous_only``, the one just before it), 0 for the first."""
    from ..prefix import lcp

    raw = [t.tobytes() for t in tokens]
    if previous_only:
        return [lcp(raw[i - 1], r) if i else 0 for i, r in enumerate(raw)]
    return [max((lcp(e, r) for e in raw[:i]), default=0) for i, r in enumerate(raw)]


def set_tokens(pp: PlannedPrompt, tokens: list, source: str = "offline") -> None:
    """Record the token arrays of ``pp``'s requests and predict each one's cached tokens."""
    pp.request_tokens = [len(t) for t in tokens]
    pp.tokenizer = source
    pp.predicted_prompt_tokens = pp.request_tokens[-1]
    pp._shared = {flag: shared_prefixes(tokens, flag) for flag in (False, True)}
    if pp.rule is not None:
        _predict_all(pp)


def _predict_all(pp: PlannedPrompt) -> None:
    """Shared prefixes and predictions under ``pp.rule`` (which may change once the server is known)."""
    pp.request_shared = pp._shared[bool(getattr(pp.rule, "previous_only", False))]
    pp.shared_prefix_tokens = pp.request_shared[-1] if len(pp.request_shared) > 1 else 0
    pp.request_predicted = [pp.rule.cacheable(s, n) for s, n in zip(pp.request_shared, pp.request_tokens)]
    pp.predicted_cacheable_tokens = predict(pp, pp.rule)


def request_cost_bound(model: str, input_tokens: int, estimate: bool) -> Decimal | None:
    """Upper bound of one request's cost: every input token at the dearer of input and cache-write
    price (plus the estimate margin), and the largest output limit we may ask for."""
    from ..pricing import UnknownPriceError, model_prices

    try:
        p = model_prices(model)
    except UnknownPriceError:
        return None
    per_input = max(p.input, p.cache_write or Decimal(0))
    tokens = Decimal(input_tokens) * (ESTIMATE_MARGIN if estimate else Decimal(1)) + 16
    return (tokens * per_input + MAX_OUTPUT_LIMIT * p.output) / Decimal(1_000_000)


def predict(prompt: PlannedPrompt, regime: "Regime") -> int:
    return regime.cacheable(prompt.shared_prefix_tokens, prompt.predicted_prompt_tokens)


def spread(n: int, k: int) -> list[int]:
    """``k`` indexes spread evenly over ``range(n)`` (first and last included)."""
    if k >= n:
        return list(range(n))
    if k == 1:
        return [0]
    return sorted({round(i * (n - 1) / (k - 1)) for i in range(k)})


def build_plan(prompts: list[Prompt], options: ProbeOptions, destination: Destination,
               given_values: dict | None = None, volatility=None) -> Plan:
    """``volatility`` (a ``VolatilitySettings``: declared classes, ``--vars`` samples) decides which
    values change per turn under ``--turns``, as lint judges them."""
    if options.repeat < 1:
        raise PcacheError("--repeat must be at least 1", hint="use --repeat 2 to measure a cache hit")
    given_values = given_values or {}
    chosen = prompts
    skipped: list[str] = []
    notes: list[str] = []
    if options.sample is not None and options.sample < len(prompts):
        keep = set(spread(len(prompts), max(1, options.sample)))
        chosen = [p for i, p in enumerate(prompts) if i in keep]
        skipped += [p.name for i, p in enumerate(prompts) if i not in keep]
        notes.append(f"--sample {options.sample}: probing {len(chosen)} of {len(prompts)} prompts")
    model_shown = options.model or DEFAULT_PROBE_MODEL
    regime_for(options.regime, destination.kind, model_shown)  # a bad --regime fails before any work

    planned: list[PlannedPrompt] = []
    for p in chosen:
        model = _model_for(p, options)
        bodies, api, values = _bodies(p, options, model, given_values, volatility)
        sent_model = destination.deployment if destination.kind == "azure" else options.served_model
        if sent_model:
            for b in bodies:
                b["model"] = sent_model
        tokens, estimate = _tokenize(bodies, model, typed=bool(options.model), notes=notes)
        pp = PlannedPrompt(name=p.name, path=p.path, kind=p.kind, bodies=bodies, api=api, model=model,
                           predicted_prompt_tokens=0, shared_prefix_tokens=0,
                           predicted_cacheable_tokens=0, estimate=estimate or p.estimate, values=values,
                           turns=bool(options.turns))
        if options.turns:
            from .conversation import volatility_classes

            pp.volatility = volatility_classes(p, volatility)
        pp.rule = regime_for(options.regime, destination.kind, model)
        set_tokens(pp, tokens)
        bounds = [request_cost_bound(model, len(t), pp.estimate) for t in tokens]
        pp.cost_bound_usd = None if any(b is None for b in bounds) else sum(bounds, Decimal(0))
        planned.append(pp)

    # Hard caps: drop whole prompts from the end until the plan fits.
    per_prompt = options.turns or options.repeat
    if options.max_requests is not None:
        if options.max_requests < per_prompt:
            flag = f"--turns {options.turns}" if options.turns else f"--repeat {options.repeat}"
            raise PcacheError(f"--max-requests {options.max_requests} is below {flag}",
                              hint=f"each prompt needs {per_prompt} requests")
        fit = options.max_requests // per_prompt
        if fit < len(planned):
            skipped += [p.name for p in planned[fit:]]
            notes.append(f"--max-requests {options.max_requests}: probing {fit} of {len(planned)} prompts")
            planned = planned[:fit]
    local = destination.kind == "compatible" and bool(planned) and all(
        p.rule.id.startswith(("llamacpp", "vllm", "sglang")) for p in planned)
    if local:  # a self-hosted model: the tokenizer model's prices do not apply
        for p in planned:
            p.cost_bound_usd = None
    if options.max_cost is not None and not local:
        total, kept = Decimal(0), []
        for p in planned:
            if p.cost_bound_usd is None:
                raise PcacheError(f"no price known for model {p.model!r}, so --max-cost cannot be enforced",
                                  hint="pass the base model with --model, or drop --max-cost for a free local server")
            if total + p.cost_bound_usd > options.max_cost:
                break
            total += p.cost_bound_usd
            kept.append(p)
        if len(kept) < len(planned):
            skipped += [p.name for p in planned[len(kept):]]
            notes.append(f"--max-cost {options.max_cost}: probing {len(kept)} of {len(planned)} prompts")
            planned = kept
    # A compatible server is asked what it is (GET /models: its cache rule, the served model's name);
    # announced here, and not done under --max-requests (every HTTP request counts there).
    detect = destination.kind == "compatible" and options.max_requests is None
    if detect and planned:
        notes.append("plus 1 GET /models first, to detect the server (its cache rule and served model)"
                     + ("; on llama.cpp/vLLM also its /tokenize for each prompt, for exact counts"
                        if options.server_tokens else ""))
    costs = [p.cost_bound_usd for p in planned]
    cost = None if any(c is None for c in costs) else sum(costs, Decimal(0))
    models = {p.model for p in planned}
    shown = options.model or (models.pop() if len(models) == 1 else ("mixed" if models else model_shown))
    apis = {p.api for p in planned}
    regimes = {p.rule.id for p in planned}
    return Plan(destination=destination, model=shown, api=apis.pop() if len(apis) == 1 else options.api,
                regime=regimes.pop() if len(regimes) == 1 else ("mixed" if regimes else "openai-legacy"),
                prompts=planned, skipped=skipped, notes=notes, cost_bound_usd=cost,
                output_tokens=FIRST_OUTPUT_LIMIT[options.api], local=local,
                detect_server=detect and bool(planned))


def reprice(plan: Plan, regime: Regime) -> None:
    """Recompute the predictions for another regime (detected after the plan was made)."""
    plan.regime = regime.id
    for p in plan.prompts:
        p.rule = regime
        _predict_all(p)
