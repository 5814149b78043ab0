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

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .model import Prompt

POSITIONS = ("head", "whole", "final-turn")
REQUEST_KINDS = ("chat", "responses", "anthropic", "gemini")  # request bodies: whole requests
# A tool *message* (a tool result) is the latest item of the request that carries it, like a user turn;
# tool *definitions* are segments of part "tools", not a role.
ROLE_POSITION = {"system": "head", "developer": "head", "instructions": "head", "tool": "final-turn",
                 "tools": "head", "assistant": "head", "user": "final-turn", "head": "head", "whole": "whole",
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
    """What follows a head: ``turns`` requests, each adding ``turn_tokens`` tokens of conversation.
    ``sources`` says where each of the two figures comes from: default, config or measured."""

    turns: int = DEFAULT_TURNS
    turn_tokens: int = DEFAULT_TURN_TOKENS
    conversations_per_day: int = DEFAULT_CONVERSATIONS_PER_DAY
    sources: tuple[str, str] = ("default", "default")  # of turns, of turn_tokens
    measured_from: int = 0  # conversations of the corpus the measured figures come from

    @property
    def source(self) -> str:
        a, b = self.sources
        return a if a == b else f"{a}/{b}"

    def request_tokens(self, head: int) -> list[int]:
        """Input tokens of requests 1..N of a conversation whose head is ``head`` tokens."""
        return [head + k * self.turn_tokens for k in range(1, self.turns + 1)]

    def overridden(self, turns: int | None = None, turn_tokens: int | None = None,
                   conversations_per_day: int | None = None) -> "ConversationModel":
        """The same with the figures a config or a flag gives (source ``config``)."""
        return ConversationModel(turns or self.turns, turn_tokens or self.turn_tokens,
                                 conversations_per_day or self.conversations_per_day,
                                 ("config" if turns else self.sources[0], "config" if turn_tokens else self.sources[1]),
                                 self.measured_from)

    @property
    def _turn_word(self) -> str:
        return "turn" if self.turns == 1 else "turns"

    def describe(self) -> str:
        return f"{self.turns} {self._turn_word} of {self.turn_tokens:,} tokens" + (
            " (measured)" if "measured" in self.sources else "")

    def explain(self) -> str:
        """One line for reports: the figures and where each comes from."""
        a, b = self.sources
        measured = f"measured from {self.measured_from:,} conversations of the request logs"
        if a == b == "default":
            why = ("defaults; set conversation-turns / turn-tokens, or lint request logs along with the prompts to "
                   "measure them")
        elif a == b:
            why = measured if a == "measured" else "configured"
        else:
            why = "; ".join(f"{what}: {measured if src == 'measured' else src}"
                            for what, src in (("turns", a), ("turn size", b)))
        return (f"conversation model: a head is followed by {self.turns} {self._turn_word} of {self.turn_tokens:,} "
                f"tokens ({why})")

    def summary(self) -> dict:
        """For reports: the figures and where each comes from (default, config or measured)."""
        return {"turns": self.turns, "turn_tokens": self.turn_tokens,
                "conversations_per_day": self.conversations_per_day,
                "turns_source": self.sources[0], "turn_tokens_source": self.sources[1],
                "measured_from_conversations": self.measured_from}


@dataclass
class PositionSettings:
    """``[tool.pcache] role`` (a default) and per-file / per-key patterns: gitignore-style, anchored at
    ``root`` (the config's folder) like ``include``, matched by the shared ``config.PathTable`` against
    the path, the container (``agent.templates.*``) and ``path::container``."""

    default: str | None = None
    by_glob: dict[str, str] = field(default_factory=dict)
    root: str | None = None  # None: the current directory

    def lookup(self, path: str, container: str | None) -> str | None:
        if not self.by_glob:
            return None
        import os

        from .config import PathTable, relative_to

        table = self.__dict__.get("_table")
        if table is None:
            table = self.__dict__["_table"] = PathTable(self.root or os.getcwd(), self.by_glob)
        names = (container, f"{relative_to(table.root, path)}::{container}") if container else ()
        return table.lookup(path, names)


# A template whose own name says it is rendered for each step or turn is appended as the latest message.
_PER_STEP = re.compile(r"(?i)(?:^|[_\-.])(?:next[_\-]?step|step|turn|observation|follow[_\-]?up)(?:[_\-.]|$)|"
                       r"(?:NextStep|Observation|FollowUp)")


# Where a template renders the conversation itself: the variables chat memories fill with the history, by
# the keys their libraries document (LangChain's ConversationBufferMemory ``history``, the conversational
# retrieval chain's and LlamaIndex's condense-question ``chat_history``, an agent's ``agent_scratchpad`` /
# ``intermediate_steps`` of its own steps so far, Flowise's ``{conversation}`` and plan-and-execute's
# ``{pastSteps}``).  A buffer memory grows by appending: the text rendered at turn k is the start of the text
# rendered at turn k+1, so the prompt's text before it and the old history stay a prefix, as messages
# after a head do.  (A window memory that drops the oldest turns, or a summary rewritten each turn, is not
# append-only: declare the template's role, or the variable, if yours is one.)
_HISTORY = re.compile(r"(?i)(?:chat_?|message_?|agent_?)?(?:history|conversation|scratchpad)|(?:past|intermediate)_?steps")


def renders_history(seg) -> bool:
    """A variable that renders the conversation so far in place (see ``_HISTORY``); one whose source
    declares another class than per-turn is judged by it."""
    if seg.kind != "variable" or seg.volatility not in (None, "per-turn"):
        return False
    name = (seg.name or "").strip() or (seg.expression or "").strip()
    last = re.split(r"[^\w-]+", name.split("|", 1)[0].strip())
    last = [w for w in last if w]
    return bool(last) and bool(_HISTORY.fullmatch(last[-1]))  # summarized_history: a summary, rewritten


def history_start(prompt: Prompt, declared=None) -> int | None:
    """Index of the first segment of ``prompt`` that renders the conversation in place, else None:
    from there on the prompt is the conversation, which grows by appending (``renders_history``).
    ``declared(seg)``: the user gave the variable a class (a window memory, a rewritten summary)."""
    return next((k for k, s in enumerate(prompt.segments)
                 if renders_history(s) and not (declared and declared(s))), None)


def history_tail_lost(head: int, tail: int, cache, conv: "ConversationModel") -> int:
    """Cached tokens per conversation lost to the ``tail`` tokens a template writes after the history it
    renders in place (a head of ``head`` tokens, turns of the conversation model): request ``k`` shares
    with request ``k-1`` its text up to the end of the old history, ``L_{k-1} - tail`` tokens, where the
    same text with the tail before the history would share ``L_{k-1}``."""
    lengths = conv.request_tokens(head)
    return sum(cache.cacheable(n) - cache.cacheable(max(n - tail, 0)) for n in lengths[:-1])


def code_position(prompt: Prompt, project=None) -> str | None:
    """Where the code sends the prompt, when it says: the JS/TS file that holds it
    (``oneshot_js.js_position``: the ``prompt`` of a one-shot request, a message added to a
    conversation), or the Python code of the scan (``project``, a ``crossflow.ProjectIndex``) that fills a
    template file (``placement_py``: a turn added to the history), or that reads a template or constant
    and sends it, through locals and the project's own helpers, in a request (``placement_flow``)."""
    from .oneshot_js import JS_EXTENSIONS, js_position

    if prompt.path and prompt.path.lower().endswith(JS_EXTENSIONS) and prompt.syntax == "js":
        return js_position(prompt)
    if prompt.path and prompt.path.lower().endswith((".py", ".pyw")):
        from .oneshot import py_position

        placed = py_position(prompt)
        if placed:
            return placed
    if project is not None and prompt.kind == "template":
        from .placement_py import py_file_position

        placed = py_file_position(prompt, project)
        if placed:
            return placed
    if project is not None:
        from .placement_flow import project_position

        return project_position(prompt, project)
    return None


def prompt_position(prompt: Prompt, settings: PositionSettings | None = None, project=None) -> str:
    """Position of a prompt that is not a request body: a per-file/per-key setting, else where the code
    of its file sends it, else where its file's format puts it (``placement_format``), else the message
    role its source reports, else ``[tool.pcache] role``, else
    ``head``."""
    if prompt.kind in REQUEST_KINDS:
        return "whole"
    s = settings or PositionSettings()
    declared = s.lookup(prompt.path, prompt.container)
    if declared:
        return declared
    placed = code_position(prompt, project)
    if placed:
        return placed
    from .placement_format import format_position

    placed = format_position(prompt)
    if placed:
        return placed
    if prompt.role and prompt.role.lower() in ROLE_POSITION:
        return ROLE_POSITION[prompt.role.lower()]
    if prompt.container and _PER_STEP.search(prompt.container.rsplit(".", 1)[-1]):
        return "final-turn"  # a template rendered for each step (SWE-agent's next_step_template)
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


HEAD_ROLES = ("system", "developer")


@dataclass(frozen=True)
class MeasuredConversation:
    """One conversation of a request corpus: its longest request, read from the body and its tokens."""

    turns: int  # model calls the conversation took
    head_tokens: int  # tool definitions and the leading system/developer messages
    total_tokens: int  # the whole longest request

    @property
    def turn_tokens(self) -> float:
        return (self.total_tokens - self.head_tokens) / self.turns


def _items(body: dict | None) -> list | None:
    if not isinstance(body, dict):
        return None
    items = body.get("messages")  # chat, Anthropic messages
    for key in ("input", "contents"):  # Responses input items, Gemini contents
        if items is None and isinstance(body.get(key), list):
            items = body[key]
    return items if isinstance(items, list) and items and all(isinstance(m, dict) for m in items) else None


def _by_model(m: dict) -> bool:
    """An item the model wrote (an assistant message, a Responses function call or reasoning item)."""
    return m.get("role") in ("assistant", "model") or m.get("type") in ("function_call", "reasoning",
                                                                       "custom_tool_call")


def model_calls(items: list[dict]) -> int:
    """Model calls a conversation took: each run of model-written items is one call, and a request
    that does not end with one is itself a call."""
    runs = sum(1 for k, m in enumerate(items) if _by_model(m) and (k == 0 or not _by_model(items[k - 1])))
    return runs + (0 if _by_model(items[-1]) else 1)


def _chain(items: list[dict]) -> list[bytes]:
    """A digest of each prefix of the item list (request ``a`` continues ``b`` when ``b``'s last digest
    is one of ``a``'s)."""
    import hashlib
    import json

    h = hashlib.blake2b(digest_size=16)
    out = []
    for m in items:
        h.update(json.dumps(m, sort_keys=True, default=str).encode())
        out.append(h.copy().digest())
    return out


# Message-template formats: a file of these holds the messages a program will fill and send, not a
# request that was sent (Prompty: "a prompt template"; a YAML file of ``messages``).
TEMPLATE_FORMATS = (".prompty", ".yaml", ".yml")


def recorded(prompt: Prompt) -> bool:
    """Whether a request body is a record of what was sent, which a conversation can be measured from:
    not a message template (a Prompty or YAML messages file, or a body holding template variables, which
    were never sent as written)."""
    if prompt.syntax is not None or any(s.kind == "variable" for s in prompt.segments):
        return False
    return not (prompt.path or "").lower().endswith(TEMPLATE_FORMATS)


def conversations(tokenized, token_at_char) -> list[MeasuredConversation]:
    """The conversations of a corpus of request bodies (``TokenizedPrompt``s; ``token_at_char(i, c)``
    is the token holding character ``c`` of prompt ``i``): requests whose items extend one another are
    one conversation, stood for by its longest request.  A request of fewer than two items or with no
    turn after its head is not a conversation, nor a message template (``recorded``)."""
    chains: list[tuple[list[bytes], int, list[dict]]] = []
    for i, tp in enumerate(tokenized):
        if tp.prompt.kind not in REQUEST_KINDS or not recorded(tp.prompt):
            continue
        items = _items(tp.prompt.body)
        if items is None or len(items) < 2:
            continue
        chains.append((_chain(items), i, items))
    continued = {d for chain, _i, _items in chains for d in chain[:-1]}
    out, seen = [], set()
    for chain, i, items in chains:
        last = chain[-1]
        if last in continued or last in seen:
            continue  # a shorter request of a longer conversation, or a repeat
        seen.add(last)
        k = next((k for k, m in enumerate(items) if m.get("role") not in HEAD_ROLES), None)
        if k is None:
            continue
        tp = tokenized[i]
        start = next((tp._seg_starts[n] for n, seg in enumerate(tp.prompt.segments)
                      if seg.message is not None and seg.message >= k and seg.part not in ("tools", "schema")),
                     None)
        if start is None:
            continue
        out.append(MeasuredConversation(model_calls(items), token_at_char(i, start), len(tp.tokens)))
    return out


MIN_MEASURED = 3  # conversations needed before their medians replace the defaults


def measure(tokenized, token_at_char) -> ConversationModel | None:
    """Turns and tokens per turn measured from the request bodies of a corpus: the median model calls
    per conversation and the median tokens per turn (tokens after the head of its longest request,
    counted with the model's tokenizer, over its calls).  Returns the model, with how many conversations
    it comes from (``measured_from``); None with fewer than ``MIN_MEASURED`` conversations."""
    import statistics

    convs = conversations(tokenized, token_at_char)
    if len(convs) < MIN_MEASURED:
        return None
    turns = max(1, round(statistics.median(c.turns for c in convs)))
    size = max(1, round(statistics.median(c.turn_tokens for c in convs)))
    return ConversationModel(turns, size, sources=("measured", "measured"), measured_from=len(convs))
