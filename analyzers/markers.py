"""Where the cache rule draws its lines in one prompt: routing window, minimum, steps, end of caching.

Every position comes from the provider's cache model (``providers/data/*.toml``), never from literals,
and the verdict prices a variable by how many cached tokens it takes away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Prompt, Segment

# Marker kinds, in the order they are drawn when two fall on the same token.
KINDS = ("routing", "minimum", "step", "stop")


@dataclass(frozen=True)
class Marker:
    token: int
    kind: str  # routing | minimum | step | stop
    label: str


@dataclass
class Verdict:
    """What one prompt can cache, and what its first variable costs."""

    tokens: int
    static_prefix_tokens: int
    cacheable_tokens: int
    minimum: int
    variable: str | None = None  # first variable as written (``{{ today }}``)
    variable_token: int | None = None
    variables: int = 0
    static_only_tokens: int | None = None  # tokens of the static text with every variable moved after it
    cacheable_if_moved: int | None = None
    lost_cached_tokens: int = 0
    line: str = ""
    markers: list[Marker] = field(default_factory=list)
    variable_class: str | None = None  # volatility class of the first variable
    deciding_class: str | None = None  # the most volatile class of all variables (when the cost is paid)
    classes: list = field(default_factory=list)  # volatility.Volatility of every variable, in order
    # where the prompt sits (scan_places / lint PC101): a head's first variable can cost the conversation
    # that follows it even after the cacheable prefix
    position: str | None = None
    conversation_cost_tokens: int = 0
    turn_passing_minimum: int | None = None  # a head: the first request of its conversation at the minimum


def _step(cache) -> int | None:
    step = getattr(cache, "step", None)
    return int(step) if step else None


def markers(cache, total_tokens: int, static_prefix_tokens: int) -> list[Marker]:
    """Routing window, minimum, every step up to the end of the static prefix, and the point where
    caching stops (the last whole step inside the static prefix), sorted by token."""
    out: list[Marker] = []
    routing = cache.routing_window
    minimum = cache.minimum
    if routing and routing <= total_tokens:
        out.append(Marker(routing, "routing", f"{routing:,} routing window"))
    if minimum <= total_tokens:
        out.append(Marker(minimum, "minimum", f"{minimum:,} minimum"))
    step = _step(cache)
    if step and step > 1 and static_prefix_tokens > minimum:  # step 1 = exact regimes: no grid
        first = minimum + step
        for t in range(first, static_prefix_tokens + 1, step):
            if cache.cacheable(t) == t:
                out.append(Marker(t, "step", f"{t:,}"))
    stop = cache.cacheable(static_prefix_tokens)
    if static_prefix_tokens >= minimum:
        out.append(Marker(stop, "stop", f"caching stops: {stop:,} cacheable"))
    else:
        out.append(Marker(static_prefix_tokens, "stop",
                          f"caching stops: {static_prefix_tokens:,} static < {minimum:,} minimum"))
    order = {k: i for i, k in enumerate(KINDS)}
    # A stop that coincides with a step replaces the step.
    stops = {m.token for m in out if m.kind == "stop"}
    out = [m for m in out if not (m.kind == "step" and m.token in stops)]
    return sorted(out, key=lambda m: (m.token, order[m.kind]))


def static_only(prompt: Prompt) -> Prompt:
    """``prompt`` with its variables moved after all static text (what the fix would look like)."""
    static = [s for s in prompt.segments if s.kind != "variable"]
    moved = [s for s in prompt.segments if s.kind == "variable"]
    return Prompt(prompt.name, prompt.path, static + moved, prompt.kind, prompt.model, prompt.estimate,
                  prompt.syntax, prompt.line, prompt.body)


def verdict(tp, cache, moved=None, volatility_settings=None) -> Verdict:
    """The one-line verdict for a tokenized prompt.  ``moved`` is the tokenized ``static_only``
    prompt (computed here when not given); the cost of the first variable is
    ``cacheable(static prefix if the variables came after the static text) - cacheable(now)``."""
    from .tokenizer import tokenize_prompts

    total = len(tp)
    spt = tp.static_prefix_tokens
    v = Verdict(total, spt, cache.cacheable(spt), cache.minimum)
    v.markers = markers(cache, total, spt)
    from .volatility import classify

    variables = [s for s in tp.prompt.segments if s.kind == "variable"]
    v.variables = len(variables)
    v.classes = [classify(s, tp.prompt, volatility_settings) for s in variables]
    if tp.first_variable is not None:
        seg: Segment = variables[0]
        v.variable = seg.text or seg.name
        v.variable_class = v.classes[0].cls
        from .volatility import RANK

        v.deciding_class = min((c.cls for c in v.classes), key=RANK.__getitem__)
        v.variable_token = tp.first_variable.token
        if moved is None:
            moved = tokenize_prompts([static_only(tp.prompt)], tp.encoding)[0]
        v.static_only_tokens = moved.static_prefix_tokens
        v.cacheable_if_moved = cache.cacheable(moved.static_prefix_tokens)
        v.lost_cached_tokens = max(0, v.cacheable_if_moved - v.cacheable_tokens)
    v.line = verdict_line(v)
    return v


# When the first variable's cost is paid, by its volatility class (the tokens are the same: the static
# text its value keeps from being shared).
_WHEN = {"per-day": "on the first request of each day (per routing shard)",
         "per-user": "on each user's first request", "per-session": "on each conversation's first request",
         "per-config": "once per configuration", "constant": "never (it is constant)"}


def verdict_line(v: Verdict) -> str:
    line = _line(v)
    if v.position == "head" and v.tokens < v.minimum and v.turn_passing_minimum:
        line += (f"; it heads longer requests: from turn {v.turn_passing_minimum} the conversation passes the "
                 f"{v.minimum:,}-token minimum and its history caches")
    return line


def _line(v: Verdict) -> str:
    head = f"{v.cacheable_tokens:,} of {v.tokens:,} tokens cacheable"
    if v.variable is None:
        if v.tokens < v.minimum:
            return f"{head}: the prompt is shorter than the {v.minimum:,}-token minimum"
        return f"{head}: all static; the last {v.tokens - v.cacheable_tokens:,} tokens fall short of a whole step"
    var = f"`{v.variable}` ({v.variable_class}) at token {v.variable_token:,}" if v.variable_class \
        else f"`{v.variable}` at token {v.variable_token:,}"
    most = f"; the most volatile is {v.deciding_class}" if v.deciding_class and v.deciding_class != v.variable_class \
        else ""
    more = f" (and {v.variables - 1} more variable{'s' if v.variables > 2 else ''} after it{most})" \
        if v.variables > 1 else ""
    if v.lost_cached_tokens:
        when = _WHEN.get(v.deciding_class or "", "per request")
        return f"{head}: {var}{more} costs {v.lost_cached_tokens:,} cached tokens {when}"
    if v.cacheable_if_moved == 0:
        return (f"{head}: {var}; even without variables the {v.static_only_tokens:,} static tokens "
                f"are below the {v.minimum:,}-token minimum")
    if v.conversation_cost_tokens:
        return (f"{head}: {var}{more} costs {v.conversation_cost_tokens:,} cached tokens per conversation "
                f"(the prompt heads longer requests: what follows it is cached only while it stays the same)")
    return f"{head}: {var}{more} costs nothing (it comes after the cacheable prefix)"
