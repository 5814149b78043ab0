"""The typed values that flow through the pipeline: sources -> tokens -> analysis -> findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SegmentKind = Literal["static", "variable", "special"]


@dataclass(frozen=True)
class Location:
    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Segment:
    """A piece of a prompt.

    ``static`` text is fixed; ``variable`` text is a placeholder whose value changes per request
    (``text`` is the placeholder as written); ``special`` is one framing token (``<|im_start|>``...)
    that the API inserts and that never merges with neighbouring text.

    ``line``/``column`` (1-based) locate the start of the segment in its file.  When ``verbatim`` is
    true the text is a literal slice of the file, so offsets inside it map to exact lines; otherwise
    (JSON strings, synthesised framing) every offset maps to the segment start.
    """

    text: str
    kind: SegmentKind = "static"
    line: int = 1
    column: int = 1
    verbatim: bool = True
    name: str | None = None
    # Where in a request the segment sits: "tools", "schema", "system", "developer", "user",
    # "assistant", "tool", "framing", or "" for plain text.
    part: str = ""
    message: int | None = None  # index of the message the segment belongs to (None outside messages)
    # For a variable: the expression as written in the source (``getpass.getuser()``,
    # ``datetime.now():%Y-%m-%d``, ``user.name | upper``), or None when only a name is known.
    expression: str | None = None
    # For a variable: how often its value changes (per-turn, per-request, per-session, per-user,
    # per-day, per-config, constant, unknown), when a source or setting says so; else inferred later.
    volatility: str | None = None
    # For a special segment standing for several tokens (an image): how many; None means one.  Its
    # ``name`` then says what it is (an image's bytes or URL and detail), so equal images compare equal.
    tokens: int | None = None


def _dict_init(cls):
    """Replace a frozen dataclass's generated ``__init__`` with one that fills ``__dict__`` in one call.

    The generated one sets each field through ``object.__setattr__`` (3.7 us a Segment against 0.8 us),
    and the audit of a log makes hundreds of thousands of segments.  Same parameters, defaults and
    resulting instance (still frozen: assignment raises as before)."""
    from dataclasses import MISSING, fields

    params, names, defaults = [], [], {}
    for f in fields(cls):
        if f.default_factory is not MISSING or not f.init:  # pragma: no cover - not in Segment
            raise TypeError(f"{cls.__name__}.{f.name}: only plain defaults are supported")
        names.append(f.name)
        if f.default is MISSING:
            params.append(f.name)
        else:
            defaults[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
    src = (f"def __init__(self, {', '.join(params)}):\n"
           f"    self.__dict__.update({', '.join(f'{n}={n}' for n in names)})\n")
    scope: dict = {}
    exec(src, dict(defaults), scope)  # noqa: S102 - source built above from the field names only
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


_dict_init(Segment)


@dataclass
class Prompt:
    """One prompt as the model sees it, in order."""

    name: str  # display name: a path, ``path#L3`` or a Batch ``custom_id``
    path: str  # the file it came from
    segments: list[Segment]
    kind: str = "text"  # text | template | chat | responses
    model: str | None = None  # model named inside the source (a request body's ``model``)
    estimate: bool = False  # token count relies on undocumented framing (chat, tools, schemas)
    syntax: str | None = None  # template syntax when kind == "template"
    line: int = 1  # first line of the prompt in its file (JSONL line number)
    body: dict | None = None  # the request body for request sources, as parsed
    notes: list[str] = field(default_factory=list)
    # Template comments as (line, text): where inline suppressions such as
    # ``{# pcache: ignore[PC101] #}`` are found.
    comments: list[tuple[int, str]] = field(default_factory=list)
    # Where the prompt lives inside its file: a qualified name (``EditBlockPrompts.main_system``) or a
    # key path (``agent.system_template``); None for a prompt that is the whole file.
    container: str | None = None
    # The message role when a source knows it (system, developer, user, assistant, tool).
    role: str | None = None
    # Why the count is an estimate, short stable words (``tools``, ``image-url-without-size``,
    # ``built-in-tool``, ``reasoning-items``, ``previous-response``, ``unknown-model``...); empty when
    # the count is exact or the estimate comes from the framing alone.
    estimate_reasons: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    @property
    def variables(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "variable"]


def mark_estimate(prompt: Prompt, reason: str, note: str | None = None) -> None:
    """Flag ``prompt``'s count as an estimate for ``reason`` (kept once), with an optional note."""
    prompt.estimate = True
    if reason not in prompt.estimate_reasons:
        prompt.estimate_reasons.append(reason)
    if note and note not in prompt.notes:
        prompt.notes.append(note)


@dataclass(frozen=True)
class SourceError:
    """A file (or one line of it) that could not be read; the rest of the corpus goes on."""

    path: str
    message: str
    line: int | None = None
    hint: str | None = None
    # A file a directory walk found and could not read as what its name suggests (code this Python
    # cannot parse, a text whose guessed template syntax fails): said in one line, does not make the
    # run fail.  Named on the command line, the same problem is an error.
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


@dataclass(frozen=True)
class Variable:
    name: str
    location: Location
    token: int  # token index where the variable's value starts


@dataclass(frozen=True)
class Divergence:
    """Where a prompt leaves the prefix it shares with its group (or nearest neighbour)."""

    name: str
    token: int
    location: Location | None
    text: str  # this prompt's text from the divergence point (visible escapes)
    other_text: str  # the group's text at the same token
    other: str | None  # name of the prompt it was compared with
    reason: str  # "diverges" | "outlier" | "too_short" | "ends"


@dataclass
class Group:
    prefix_tokens: int
    cacheable_tokens: int
    members: list[str]


@dataclass
class PromptStats:
    name: str
    path: str
    kind: str
    tokens: int
    static_prefix_tokens: int
    cacheable_tokens: int
    first_variable: Variable | None
    estimate: bool
    group: int | None = None  # index into CorpusReport.groups
    group_cacheable_tokens: int = 0
    estimate_reasons: list[str] = field(default_factory=list)


@dataclass
class CorpusReport:
    prompts: int
    shared_prefix_tokens: int
    cacheable_tokens: int
    groups: list[Group]
    divergences: list[Divergence]
    too_short: list[str]
