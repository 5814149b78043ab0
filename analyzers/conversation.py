"""Where a prompt sits in the requests that carry it, and what a variable of each volatility class costs
there, in cached tokens per conversation and dollars per 1,000 conversations.

Positions:

* ``head``: the start of longer requests (a system prompt, instructions, a tool description): what
  follows it is a conversation, modelled as ``turns`` requests, each adding ``turn_tokens`` tokens
  (defaults: 8 turns of 400 tokens; ``conversation-turns``/``turn-tokens`` in the config);
* ``whole``: the prompt is the entire request (a request body from a log, a one-shot template declared so);
* ``final-turn``: the last user message: nothing follows it but the answer, so nothing it holds costs cache.

The conversation (request ``k`` = 1..N, head of ``H`` tokens, turns of ``T``): request ``k`` sends
``L_k = H + k*T`` tokens and, with nothing volatile in the head, reads from the cache the static head
(``cacheable(S)``, shared with every conversation) on request 1 and the whole previous request
(``cacheable(L_{k-1})``) on request ``k >= 2``.  A variable at token ``v`` of the head changes that:

* ``per-turn``: every request shares only the ``v`` tokens before it: ``N * cacheable(v)`` instead; the
  history is prefilled again on every turn, a cost that grows with the square of the conversation;
* ``per-request`` / ``per-session`` / ``unknown``: request 1 shares ``v`` instead of ``S`` tokens with
  other conversations; later requests cache their history as before;
* ``per-user``: the same, but only the first conversation of each user pays it (the figure is an upper
  bound: every conversation from a new user);
* ``per-day``: one cold prefix per day (and routing shard): the same tokens spread over
  ``conversations_per_day`` conversations;
* ``per-config`` / ``constant``: nothing per conversation.

``cacheable``, the minimum and the step come from the provider's cache model (``providers/``); the
price of a token is genai-prices' input price minus its cached-input price (``pricing.py``).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from decimal import Decimal

from .model import Prompt

POSITIONS = ("head", "whole", "final-turn")
REQUEST_KINDS = ("chat", "responses")
ROLE_POSITION = {"system": "head", "developer": "head", "instructions": "head", "tool": "head", "tools": "head",
                 "assistant": "head", "user": "final-turn", "head": "head", "whole": "whole",
                 "final-turn": "final-turn", "final": "final-turn"}
DEFAULT_TURNS = 8
DEFAULT_TURN_TOKENS = 400
DEFAULT_CONVERSATIONS_PER_DAY = 1000


def check_position(value: object, where: str) -> str:
    from .errors import PcacheError

    v = str(value).strip().lower()
    if v not in ROLE_POSITION:
        raise PcacheError(f"{where}: unknown role {value!r}",
                          hint="use head, whole or final-turn (or a message role: system, developer, user)")
    return ROLE_POSITION[v]


@dataclass(frozen=True)
class ConversationModel:
    """What follows a head: ``turns`` requests, each adding ``turn_tokens`` tokens of conversation."""

    turns: int = DEFAULT_TURNS
    turn_tokens: int = DEFAULT_TURN_TOKENS
    conversations_per_day: int = DEFAULT_CONVERSATIONS_PER_DAY
    source: str = "default"  # default | config | measured

    def request_tokens(self, head: int) -> list[int]:
        """Input tokens of requests 1..N of a conversation whose head is ``head`` tokens."""
        return [head + k * self.turn_tokens for k in range(1, self.turns + 1)]

    def describe(self) -> str:
        return f"{self.turns} turns of {self.turn_tokens:,} tokens" + (
            " (measured)" if self.source == "measured" else "")


@dataclass
class PositionSettings:
    """``[tool.pcache] role`` (a default) and per-file / per-key globs (matched against the path, the
    container, and ``path::container``)."""

    default: str | None = None
    by_glob: dict[str, str] = field(default_factory=dict)


def _glob(target: str, pattern: str) -> bool:
    t = target.replace("\\", "/")
    return fnmatch.fnmatch(t, pattern) or fnmatch.fnmatch(t, f"*/{pattern}")


def prompt_position(prompt: Prompt, settings: PositionSettings | None = None) -> str:
    """Position of a prompt that is not a request body: a per-file/per-key setting, else the message
    role its source reports, else ``[tool.pcache] role``, else ``head``."""
    if prompt.kind in REQUEST_KINDS:
        return "whole"
    s = settings or PositionSettings()
    targets = [prompt.path]
    if prompt.container:
        targets += [prompt.container, f"{prompt.path}::{prompt.container}"]
    for pattern, pos in s.by_glob.items():
        if any(_glob(t, pattern) for t in targets):
            return pos
    if prompt.role and prompt.role.lower() in ROLE_POSITION:
        return ROLE_POSITION[prompt.role.lower()]
    return s.default or "head"


@dataclass(frozen=True)
class Cost:
    """What a volatile value costs: cached tokens lost per conversation (a whole request is a
    conversation of one request), per request on average, and how it is lost."""

    tokens_per_conversation: int
    requests: int  # requests per conversation
    how: str  # one phrase for messages
    upper_bound: bool = False

    @property
    def tokens_per_request(self) -> int:
        return round(self.tokens_per_conversation / max(self.requests, 1))


def ideal_cached(cache, head: int, static: int, conv: ConversationModel) -> list[int]:
    """Cached tokens of each request of a conversation with nothing volatile in the head."""
    lengths = conv.request_tokens(head)
    return [cache.cacheable(static)] + [cache.cacheable(n) for n in lengths[:-1]]


_SHARE_LIMITING = ("per-turn", "per-request", "per-session", "per-user")


def lost_tokens(values: list[tuple[str, int]], position: str, static: int, head: int, cache,
                conv: ConversationModel) -> int:
    """Cached tokens per conversation that the volatile ``values`` ((class, token) pairs) of one prompt
    cost together, against the same prompt with none of them (see the module docstring)."""
    from .volatility import EFFECTIVE

    if position == "final-turn":
        return 0
    vals = [(EFFECTIVE.get(c, c), t) for c, t in values]
    limit = min((t for c, t in vals if c in _SHARE_LIMITING), default=None)
    turn = min((t for c, t in vals if c == "per-turn"), default=None)
    day = min((t for c, t in vals if c == "per-day"), default=None)
    ideal_first = cache.cacheable(static)
    first = cache.cacheable(min(static, limit)) if limit is not None else ideal_first
    lost = ideal_first - first
    if day is not None and (limit is None or day < limit):  # one cold prefix per day, spread out
        lost += round((first - cache.cacheable(min(day, static))) / conv.conversations_per_day)
    if position != "head":
        return max(0, lost)
    ideal = ideal_cached(cache, head, static, conv)
    if turn is not None:
        lost += sum(ideal[1:]) - (conv.turns - 1) * cache.cacheable(turn)
    return max(0, lost)


def how(cls: str, position: str, conv: ConversationModel) -> str:
    """How a value of class ``cls`` costs cache at ``position`` (one phrase for messages)."""
    from .volatility import EFFECTIVE

    cls = EFFECTIVE.get(cls, cls)
    if position == "final-turn" or cls in ("constant", "per-config"):
        return "it changes only with the configuration, so it costs nothing per conversation" \
            if cls == "per-config" else "it costs nothing per conversation"
    if position != "head":
        return {"per-day": "one cold prefix per day, spread over the day's requests",
                "per-user": "the cache is split per user"}.get(cls, "no two requests share what follows it")
    return {
        "per-turn": f"every turn prefills the whole history again ({conv.describe()} per conversation)",
        "per-day": "within a conversation the history caches; one cold prefix per day per routing shard",
        "per-user": "within a conversation the history caches, but conversations of different users share "
                    "nothing after it",
    }.get(cls, "within a conversation the history caches, but no two conversations share what follows it")


def variable_cost(cls: str, position: str, token: int, static: int, head: int, cache,
                  conv: ConversationModel) -> Cost:
    """Cached tokens one value of class ``cls`` at ``token`` costs.  ``static`` is the static prefix
    with every variable moved after the static text, ``head`` the prompt's tokens."""
    requests = conv.turns if position == "head" else 1
    lost = lost_tokens([(cls, token)], position, static, head, cache, conv)
    return Cost(lost, requests, how(cls, position, conv), upper_bound=cls == "per-user")


def severity(cls: str, cost_tokens: int) -> str:
    """Severity follows cost: no cached tokens lost is info; a value that changes per turn, request or
    session and costs cached tokens is an error; a per-user split a warning; a daily change info."""
    from .volatility import EFFECTIVE

    cls = EFFECTIVE.get(cls, cls)
    if cost_tokens <= 0 or cls in ("per-day", "per-config", "constant"):
        return "info"
    if cls == "per-user":
        return "warning"
    return "error"


def turn_passing_minimum(head: int, minimum: int, conv: ConversationModel) -> int | None:
    """The first request (1-based) of a conversation whose input reaches ``minimum`` tokens."""
    for k, n in enumerate(conv.request_tokens(head), start=1):
        if n >= minimum:
            return k
    return None


def usd_per_1000(tokens: int, model: str | None, cache) -> float | None:
    """Dollars per 1,000 conversations of ``tokens`` cached tokens lost per conversation: each is
    billed at the input price instead of the cached-input price (genai-prices).  None when the model
    has no known price or the regime none at all (self-hosted)."""
    if not model or getattr(cache, "price_provider", None) is None:
        return None
    from .pricing import UnknownPriceError, model_prices

    try:
        p = model_prices(model, cache.price_provider)
    except (UnknownPriceError, LookupError):
        try:
            p = model_prices(model)
        except (UnknownPriceError, LookupError):
            return None
    saving = p.input - (p.cached_input if p.cached_input is not None else p.input)
    return float(round(Decimal(tokens) * saving * 1000 / Decimal(1_000_000), 4))


def measure(prompts: list[Prompt], token_counts: list[int]) -> ConversationModel | None:
    """Turns and tokens per turn measured from chat request bodies of a corpus (median user turns per
    request and median tokens per message after the first); None when the corpus has no conversations."""
    import statistics

    turns, sizes = [], []
    for p, n in zip(prompts, token_counts):
        body = p.body if isinstance(p.body, dict) else None
        msgs = body.get("messages") if body else None
        if not isinstance(msgs, list) or len(msgs) < 2:
            continue
        users = sum(1 for m in msgs if isinstance(m, dict) and m.get("role") == "user")
        heads = [m for m in msgs if isinstance(m, dict) and m.get("role") in ("system", "developer")]
        if users:
            turns.append(users)
        rest = len(msgs) - len(heads)
        if rest > 0 and users:
            sizes.append(n / len(msgs) * rest / users)
    if len(turns) < 3:
        return None
    return ConversationModel(max(1, round(statistics.median(turns))), max(1, round(statistics.median(sizes))),
                             source="measured")
