"""How often a variable's value changes: its volatility class, and where that answer came from.

Classes, from most to least volatile (``RANK``):

* ``per-turn``: a new value on every call to the model (a clock to the second, a step counter, tokens
  left, a fresh id per call, a growing scratchpad);
* ``per-request``: a new value per user request or task, then stable for the conversation it starts
  (the task, the question, a request id);
* ``per-session``: one value per conversation (session / conversation / thread id);
* ``per-user``: one value per user, machine or project (user name, cwd, home, OS, shell);
* ``per-day``: one value per day (a date without a time of day);
* ``per-config``: one value per deployment, agent or tool set (role, goal, backstory, tools);
* ``constant``; ``unknown`` (judged as ``per-request``, and the output says how to declare it).

``classify(segment, prompt, settings)`` infers it in the order the issue fixes: an explicit setting
(``Segment.volatility`` from a source, an inline ``pcache: volatility[per-day]`` comment on the line of
the variable or the line before, ``[tool.pcache.variables]`` with glob keys); the expression (f-string,
JS ``${}``, Jinja call or filter); the literal detector on string literals in the expression; the name;
sample values (``probe --vars``); else ``unknown``.  It returns a ``Volatility`` that unpacks as
``(cls, source)``.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from .evidence import enabled, rule_of
from .inputs import open_text
from .last_evidence import data_file_key
from .model import Prompt, Segment
from .volatile import Volatile, find_volatile

CLASSES = ("per-turn", "per-request", "per-session", "per-user", "per-day", "per-config", "constant", "unknown")
SOURCES = ("setting", "expression", "literal", "name", "samples", "default")
# What a class is judged as (an unknown value is assumed to change per request).
EFFECTIVE = {"unknown": "per-request"}
# Most volatile first; used to pick the class that decides a line holding several variables.
RANK = {c: k for k, c in enumerate(("per-turn", "per-request", "unknown", "per-session", "per-user", "per-day",
                                    "per-config", "constant"))}
CHANGES = {"per-turn": "changes every turn", "per-request": "changes with every request",
           "per-session": "changes with every conversation", "per-user": "differs per user",
           "per-day": "changes once a day", "per-config": "changes with the configuration",
           "constant": "never changes", "unknown": "may change with every request"}
DECLARE_HINT = ('declare it: [tool.pcache.variables] NAME = "per-day" (glob keys allowed) or a comment '
                "`pcache: volatility[per-day]` on its line")


@dataclass(frozen=True)
class Volatility:
    cls: str
    source: str  # setting | expression | literal | name | samples | default
    evidence: str = ""  # what decided it: the name, the call, the literal, the setting's key
    # the rule that decided it (``evidence.RULES``: ``<stage>:<sub-rule>``, a modifier first); not part of
    # the class's identity and not shown to users
    rule: str = field(default="", compare=False)

    def __iter__(self) -> Iterator[str]:  # ``cls, source = classify(...)``
        return iter((self.cls, self.source))

    @property
    def effective(self) -> str:
        return EFFECTIVE.get(self.cls, self.cls)


def _v(rule: str, cls: str, source: str, evidence: str = "") -> Volatility | None:
    """A class decided by ``rule``; None (no evidence here) when ``benchmarks/rule_precision.py`` disabled it."""
    return Volatility(cls, source, evidence, rule) if enabled(rule) else None


def _staged(stage: str, got: Volatility | None) -> Volatility | None:
    """``got`` (found by a code reader) under its stage: ``flow:py.loop-bound``."""
    if got is None:
        return None
    rule = f"{stage}:{got.rule}" if got.rule else f"{stage}:?"
    return Volatility(got.cls, got.source, got.evidence, rule) if enabled(rule) else None


def _modified(rule: str, got: Volatility, cls: str, source: str, evidence: str) -> Volatility:
    """``got`` changed by the modifier ``rule``: ``rule/<got's rule>``."""
    return Volatility(cls, source, evidence, f"{rule}/{got.rule}" if got.rule else rule)


def _then(got: Volatility, rule: str) -> str:
    """``got``'s rule, passed on unchanged by ``rule`` (which decides nothing itself)."""
    return f"{got.rule}/{rule}" if got.rule else rule


@dataclass
class VolatilitySettings:
    """Declared classes: ``variables`` maps a glob (matched against the variable's name, case
    insensitive) to a class; ``samples`` maps a variable name to sample values (``probe --vars``)."""

    variables: dict[str, str] = field(default_factory=dict)
    samples: dict[str, list] = field(default_factory=dict)
    # crossflow.ProjectIndex of the files the scan read: where templates are filled in other files
    project: object = None


def check_class(value: object, where: str) -> str:
    from .errors import PcacheError

    v = str(value).strip().lower().replace("_", "-")
    if v not in CLASSES:
        raise PcacheError(f"{where}: unknown volatility class {value!r}", hint="use one of " + ", ".join(CLASSES))
    return v


# ----------------------------------------------------------------------------------------- literals

def literal_class(v: Volatile) -> str:
    """Class of a volatile literal: a bare date changes per day, an address per user, a time or an id
    per request."""
    if v.kind == "date":
        return "per-day"
    if v.kind in ("email", "ip"):
        return "per-user"
    return "per-request"  # datetime, time, timestamp, uuid, hex/base64/request id


# --------------------------------------------------------------------------------------- expression

_CLOCK = re.compile(
    r"\b(?:datetime\.(?:datetime\.)?(?:now|utcnow|today)|date\.today|Date\.now|new\s+Date|time\.(?:time|time_ns|"
    r"localtime|gmtime|strftime|ctime|asctime|monotonic|perf_counter)|timezone\.now|arrow\.(?:now|utcnow)|"
    r"pendulum\.(?:now|today)|DateTime\.(?:now|utcnow)|moment|dayjs|now|today|utcnow|current_time|current_date)"
    r"\s*\(")
_JINJA_NOW = re.compile(r"^\{%-?\s*now\b")  # Jinja2 time extension: {% now 'utc', '%Y-%m-%d' %}
# An ISO 8601 timestamp cut to its date: the part before "T", or its first 10 characters (YYYY-MM-DD):
# ``new Date().toISOString().split('T')[0]``, ``.slice(0, 10)``, ``datetime.now().isoformat()[:10]``.
_ISO_DATE_CUT = (r"(?:toISOString|toJSON|isoformat)\(\)\s*(?:\.split\(\s*['\"]T['\"]\s*\)\s*\[\s*0\s*\]|"
                 r"\.(?:slice|substring|substr)\(\s*0\s*,\s*10\s*\)|\[\s*0?\s*:\s*10\s*\])")
# A date part of a JS Date (the year, month, day of the month or of the week, local or UTC: MDN Date
# getters): it changes at most once a day, whatever the clock's resolution (labels-measure16's
# ``new Date().getFullYear()``; a time part, getHours...getTime, keeps the clock's class).
_DATE_PART = re.compile(r"\.get(?:UTC)?(?:FullYear|Month|Date|Day)\(\s*\)")
_TIME_PART = re.compile(r"\.(?:get(?:UTC)?(?:Hours|Minutes|Seconds|Milliseconds)|getTime|valueOf|toISOString|"
                        r"toLocaleString|toLocaleTimeString|toString|toTimeString|toUTCString)\(")
# Formatting a clock value: strftime / format spec directives.
_TIME_DIRECTIVE = re.compile(r"%-?[HIMSXcTRprfsklz]|\b[Hh]{1,2}:mm\b|\bss\b")
_DATE_DIRECTIVE = re.compile(r"%-?[YmdAaBbjxFDyeUWGuVC]|\bYYYY\b|\bMM[-/]DD\b")
_DAY_METHOD = re.compile(r"\.(?:date\(\)|toDateString|toLocaleDateString|year\b|month\b|day\b|weekday|isoweekday)|"
                         r"date\.today\(\)(?!\s*\.\s*(?:strftime|isoformat)\(\s*['\"][^'\"]*%[HIMS])|" + _ISO_DATE_CUT)
_RANDOM = re.compile(r"\b(?:uuid\.?uuid[1-7]|uuid[1-7]|uuidv[1-7]|randomUUID|nanoid|ulid|shortuuid|"
                     r"secrets\.token_\w+|random\.\w+|Math\.random|os\.urandom|token_hex|token_urlsafe)\s*\(")
_USER_CALL = re.compile(
    r"\b(?:getpass\.getuser|os\.getlogin|os\.getuid|pwd\.getpwuid|os\.getcwd|os\.getcwdb|Path\.cwd|Path\.home|"
    r"pathlib\.Path\.(?:cwd|home)|os\.path\.expanduser|process\.cwd|os\.homedir|os\.userInfo|os\.hostname|"
    r"os\.platform|os\.type|os\.release|os\.arch|os\.uname|socket\.gethostname|locale\.getlocale|"
    r"locale\.getdefaultlocale|osName|getShell|getHomeDir|homedir|cwd|getcwd|geolocation)\s*\(|"
    r"\bnavigator\.geolocation\b|"
    r"\bplatform\.\w+|\bsys\.platform\b|\bsys\.version\b|\bos\.name\b|\bprocess\.platform\b|"
    r"\bvscode\.env\.(?:shell|appHost|language)|\bresolvedOptions\(\)\.timeZone|\bos\.sep\b")
# Values of the process's machine (OS, architecture, shell, user, cwd, hostname, locale): whose machine that
# is, the user's or a deployment's, the project's packaging says (``packaging.program_kind``).  The client's
# location and an editor's environment are the user's wherever the code runs.
_MACHINE = re.compile(
    r"\b(?:getpass\.getuser|os\.getlogin|os\.getuid|pwd\.getpwuid|os\.getcwd|Path\.cwd|Path\.home|process\.cwd|"
    r"os\.homedir|os\.userInfo|os\.hostname|os\.platform|os\.type|os\.release|os\.arch|os\.uname|"
    r"socket\.gethostname|locale\.getlocale|locale\.getdefaultlocale|platform\.\w+|sys\.platform|sys\.version|"
    r"os\.name|process\.platform|environment variable (?:USER|USERNAME|LOGNAME|HOME|SHELL|HOSTNAME|OS)\b)")
_ENV = re.compile(r"(?:os\.(?:getenv|environ(?:\.get)?)\s*[\(\[]|process\.env\.?\[?)\s*['\"]?([A-Za-z_]\w*)")
_USER_ENV = {"USER", "USERNAME", "LOGNAME", "HOME", "SHELL", "PWD", "HOSTNAME", "COMPUTERNAME", "LANG", "LC_ALL",
             "TZ", "USERPROFILE", "OS", "TERM", "PATH"}


# What the person running the program gives it for this run: typed at a prompt, or passed on the
# command line (argparse, sys.argv, Node's process.argv, readline).
_RUN_INPUT = re.compile(r"(?<![\w.])(?:input|raw_input)\s*\(|\bsys\.(?:argv|stdin)\b|\.parse_(?:known_)?args\s*\(|"
                        r"\bprocess\.argv\b|\bDeno\.args\b|\breadline\.question\s*\(|\btyper\.prompt\s*\(|"
                        r"\bclick\.prompt\s*\(")


# Configuration files read by their loaders (YAML, TOML, INI, .env, OmegaConf/Hydra): what they hold is
# set per deployment.  JSON is left out: a JSON file is as often a task's data as a configuration.
_CONFIG_LOAD = re.compile(r"\b(?:yaml\.(?:safe_|full_|unsafe_)?load(?:_all)?|toml\.loads?|tomllib\.loads?|"
                          r"tomli\.loads?|OmegaConf\.(?:load|create)|dotenv_values|configparser\.ConfigParser|"
                          r"hydra\.compose)\s*\(")


def _formats(expr: str) -> list[str]:
    """Date format strings in an expression: strftime/format arguments and ``:spec`` parts."""
    out = re.findall(r"""(?:strftime|format|date|time|toFormat)\s*\(\s*[rfbu]*(['"])(.*?)\1""", expr)
    found = [s for _q, s in out]
    spec = re.search(r"(?<!:):(?!\s*[-+]?\d*$)([^:{}()]*%[^{}()]*)$", expr)  # f-string / format spec
    if spec:
        found.append(spec.group(1))
    return found


def expression_class(expr: str, tag: str | None = None) -> Volatility | None:
    """Class from what the expression computes; None when it only names a value."""
    e = expr.strip()
    if not e:
        return None
    fmts = _formats(e)
    clock = _CLOCK.search(e) or _JINJA_NOW.match(tag or "")
    if clock or (fmts and any("%" in f for f in fmts)):
        evidence = (clock.group(0).rstrip("( ") if clock else "") or e.split(":", 1)[0].strip()
        got = None
        if any(_TIME_DIRECTIVE.search(f) for f in fmts):
            got = _v("expr.clock-time", "per-turn", "expression", f"{evidence} formatted with a time of day")
        if got is None and any(_DATE_DIRECTIVE.search(f) for f in fmts):
            got = _v("expr.clock-date", "per-day", "expression", f"{evidence} formatted as a date")
        if got is None and clock and _DATE_PART.search(e) and not _TIME_PART.search(e):
            got = _v("expr.clock-date-part", "per-day", "expression", f"{evidence} cut to a date part")
        if got is None and (_DAY_METHOD.search(e) or re.search(r"\b(?:date\.today|today)\s*\(\s*\)\s*$", e)):
            got = _v("expr.clock-day", "per-day", "expression", f"{evidence} (a date)")
        if got is None and clock:
            got = _v("expr.clock", "per-turn", "expression", f"{evidence} (a time to the second or finer)")
        if got is not None:
            return got
    m = _RANDOM.search(e)
    got = m and _v("expr.random", "per-turn", "expression", f"{m.group(0).rstrip('( ')} (a new value at every render)")
    if got:
        return got
    m = _USER_CALL.search(e)
    got = m and _v("expr.user-call", "per-user", "expression", m.group(0).rstrip("( "))
    if got:
        return got
    m = _RUN_INPUT.search(e)
    got = m and _v("expr.run-input", "per-request", "expression",
                   f"{m.group(0).rstrip('( ')} (what the user gives this run)")
    if got:
        return got
    m = _CONFIG_LOAD.search(e)
    got = m and _v("expr.config-load", "per-config", "expression", f"{m.group(0).rstrip('( ')} (a configuration file)")
    if got:
        return got
    m = _ENV.search(e)
    if m:
        var = m.group(1)
        if var.upper() in _USER_ENV:
            return _v("expr.env-user", "per-user", "expression", f"environment variable {var}")
        return _v("expr.env-config", "per-config", "expression", f"environment variable {var}")
    return None


# ------------------------------------------------------------------------- names bound in the code

_CONSTANT_CASE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
CODE_SYNTAXES = ("js", "fstring")  # prompts whose placeholders are expressions evaluated in the code


def code_constant(seg: Segment, prompt: Prompt | None) -> Volatility | None:
    """A JS ``${NAME}`` or Python f-string ``{NAME}`` whose NAME is a constant of the code: written in
    CONSTANT_CASE (the convention of PEP 8 and the JS/TS style guides for module constants), or bound
    once in the same file to a plain string literal (``const initFilename = "CONTINUE.md"``)."""
    if prompt is None or prompt.syntax not in CODE_SYNTAXES:
        return None
    name = (seg.expression or variable_name(seg)).strip()
    if not _IDENT.fullmatch(name):
        return None
    got = None
    if len(name) > 1 and _CONSTANT_CASE.fullmatch(name):
        got = _v("code.constant-case", "constant",
                 "expression", f"{name} (a CONSTANT_CASE name: a constant of the code)")
    if got is None and _bound_to_literal(prompt.path, name):
        got = _v("code.bound-literal", "constant", "expression", f"{name} (bound to a string literal in this file)")
    return got


def _bound_to_literal(path: str, name: str) -> bool:
    return _bound_in(path, _stamp(path), name)


@lru_cache(maxsize=4096)
def _bound_in(path: str, stamp: tuple, name: str) -> bool:
    """``name`` is assigned once in the file, to a plain string literal, and is no parameter."""
    text = _source_text(path)
    if not text or name not in text:
        return False
    n = re.escape(name)
    binds = re.findall(rf"(?m)^[ \t]*(?:export\s+)?(?:(?:const|let|var)\s+)?{n}\s*(?::[^=\n]+)?=(?!=)", text)
    js = rf"^[ \t]*(?:export\s+)?const\s+{n}\s*(?::[^=\n]+)?=\s*(?:(['\"])[^'\"\n\\\\]*\1|`[^`$\\\\]*`)\s*;?\s*$"
    py = rf"^{n}\s*(?::[^=\n]+)?=\s*(['\"])[^'\"\n\\\\]*\2\s*$"
    literal = re.search(rf"(?m){js}|{py}", text)
    param = re.search(rf"[(,]\s*{n}\s*[:,)=]", text)  # also a parameter somewhere: not one value
    return bool(literal) and len(binds) == 1 and not param


def _stamp(path: str) -> tuple:
    """What identifies a version of a file for the caches (a rewritten file is read again)."""
    import os

    try:
        st = os.stat(path)
    except OSError:
        return ()
    return (st.st_mtime_ns, st.st_size)


def _source_text(path: str) -> str | None:
    return _read_source(path, _stamp(path))


@lru_cache(maxsize=64)
def _read_source(path: str, stamp: tuple) -> str | None:
    try:
        with open_text(path, encoding="utf-8-sig", newline="") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return None


# --------------------------------------------------------------------------------------------- name

# Whole names (separators removed) that mean one thing, checked before the words they are made of.
_COMPOUNDS = {
    "timezone": "per-user", "tz": "per-user", "username": "per-user", "userid": "per-user", "homedir": "per-user",
    "workdir": "per-user", "workingdir": "per-user", "workingdirectory": "per-user", "cwd": "per-user",
    "requestid": "per-request", "traceid": "per-request", "correlationid": "per-request", "messageid": "per-turn",
    "sessionid": "per-session", "conversationid": "per-session", "threadid": "per-session", "chatid": "per-session",
    "agentname": "per-config", "botname": "per-config", "assistantname": "per-config", "modelname": "per-config",
    "problemstatement": "per-request", "commanddocs": "per-config", "tooldocs": "per-config",
    "apidocs": "per-config", "openfile": "per-turn", "openfiles": "per-turn", "currentfile": "per-turn",
    "visiblefiles": "per-turn", "opentabs": "per-turn", "agentscratchpad": "per-turn", "tokensleft": "per-turn",
    "currentdate": "per-day", "currenttime": "per-turn", "datetime": "per-turn", "toolnames": "per-config",
    "systemprompt": "per-config", "osname": "per-user", "ostype": "per-user", "defaultshell": "per-user",
    # the conversation itself (its messages, its history) grows at every turn; only its *id* is per-session
    "messages": "per-turn", "chathistory": "per-turn", "messagehistory": "per-turn",
    "groundtruth": "per-request",  # the reference answer of the case being judged
}
# Words, checked from the last word of the name to the first (the head noun decides: ``user_input`` is
# an input, ``user_name`` a user).
_WORDS = {
    "per-day": ("today", "date", "day", "weekday", "yesterday", "tomorrow"),
    "per-turn": ("now", "time", "timestamp", "ts", "clock", "step", "turn", "remaining", "left", "iteration",
                 "elapsed", "countdown", "counter", "scratchpad", "nonce", "uuid", "history", "observation",
                 "progress", "attempt", "thought", "conversation", "transcript", "dialog", "dialogue", "log",
                 "logs", "stdout", "stderr", "traceback"),
    "per-request": ("task", "input", "query", "question", "request", "problem", "issue", "ticket", "message",
                    "context", "document", "doc", "passage", "text", "content", "prompt",
                    "trace", "ask", "objective", "topic", "statement", "retrieved", "search", "result", "diff",
                    "plan", "answer", "code", "src", "snippet", "file", "filename",
                    "patch", "pr", "pullrequest", "mergerequest"),
    "per-session": ("session", "thread"),
    "per-user": ("user", "username", "customer", "client", "member", "account", "email", "profile", "cwd", "pwd",
                 "home", "homedir", "os", "platform", "shell", "hostname", "host", "machine", "locale", "timezone",
                 "location", "city", "country", "workspace", "workdir", "directory", "dir", "folder", "repo",
                 "repository", "project", "branch", "env", "environment", "system_info", "sysinfo"),
    "per-config": ("role", "goal", "backstory", "tool", "tools", "agent", "persona", "description", "function",
                   "instruction",
                   "command", "skill", "capability", "rule", "guideline", "policy", "format", "schema", "example",
                   "demonstration", "demo", "window", "config", "setting", "mode", "model", "version", "company",
                   "product", "brand", "bot", "assistant", "max", "min", "limit", "character",
                   "personality", "style", "tone", "template", "spec", "api", "mcp", "server", "backend", "provider",
                   "extension", "plugin"),
}
_WORD_CLASS: dict[str, str] = {}
for _cls, _ws in _WORDS.items():
    for _w in _ws:
        _WORD_CLASS.setdefault(_w, _cls)
# Qualifiers that make any name a configured limit: ``max_steps`` is set once per agent.
_LIMIT_WORDS = ("max", "min", "limit", "maximum", "minimum", "allowed")
# Container and format words that say how a value is shown, not what it is: the word before decides
# (``ground_truth_section`` is the ground truth, ``skills_xml`` the skills, ``backend_display`` the backend).
_WRAPPERS = ("section", "block", "str", "string", "list", "display", "xml", "json", "md", "markdown", "html",
             "formatted", "fmt", "repr")
# Attribute words: ``project_description``, ``file_name``, ``task_title`` change when their owner does,
# so the owner (the word before) decides when it is known.
_ATTRIBUTES = ("name", "names", "description", "desc", "title", "id", "type", "label", "path")
# A boolean switch (``disable_thoughts``, ``use_vision``, ``llm_screenshots_enabled``): it turns a part of
# the prompt on or off, a setting of the deployment or agent, whatever the noun it switches says.  Only
# the imperative words someone sets; a predicate (``is_*``, ``has_*``: ``isSuffix``, ``has_history``)
# may as well describe this request's state.
_SWITCH_FIRST = ("enable", "disable", "use", "allow", "include", "show", "hide", "skip")
_SWITCH_LAST = ("enabled", "disabled")
# A leading word saying the value is what the previous step left: ``previous_summary``, ``prior_steps``
# are carried from one call to the next, so they change every turn.
_PREVIOUS_WORDS = ("previous", "prev", "prior")
# A leading count word: ``n_expansions``, ``num_questions`` say how many to produce, a call parameter.
_COUNT_PREFIX = ("n", "num")
_SPLIT = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|[A-Z]+|\d+")
_IDENT_CHAIN = re.compile(r"[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*|\[\s*['\"]?[\w$]+['\"]?\s*\])*")
_KEYWORDS = {"if", "elif", "else", "endif", "for", "endfor", "in", "not", "and", "or", "is", "self", "this",
             "set", "with", "include", "block", "macro", "call", "filter", "raw", "true", "false", "none",
             "null", "undefined", "props", "ctx", "context_vars", "data", "vars", "kwargs", "args", "item",
             "loop", "range", "len", "str", "int", "join", "trim", "upper", "lower", "default", "safe", "tojson",
             "indent", "await", "new", "return", "const", "let", "var"}


def _words(name: str) -> list[str]:
    return [w.lower() for w in _SPLIT.findall(name)]


def _singular(w: str) -> str:
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def name_class(name: str) -> Volatility | None:
    """Class from the name of a value (``current_date``, ``user.name``, ``agent_role``)."""
    words = _words(name)
    while len(words) > 1 and words[-1] in _WRAPPERS:
        words = words[:-1]
    if not words:
        return None
    if any(w in _LIMIT_WORDS for w in words) or (len(words) > 1 and words[0] in _COUNT_PREFIX):
        got = _v("name.limit", "per-config", "name", name)
        if got:
            return got
    if len(words) > 1 and (words[0] in _SWITCH_FIRST or words[-1] in _SWITCH_LAST):
        got = _v("name.switch", "per-config", "name", f"{name} (a switch that turns a part of the prompt on or off)")
        if got:
            return got
    if len(words) > 1 and words[0] in _PREVIOUS_WORDS:
        got = _v("name.previous", "per-turn", "name", f"{name} (what the previous step left)")
        if got:
            return got
    for k in range(len(words)):  # longest compound ending at each word, last word first
        joined = "".join(words[k:])
        if joined in _COMPOUNDS:
            got = _v("name.compound", _COMPOUNDS[joined], "name", name)
            if got:
                return got
            break
    if len(words) > 1 and words[-1] == "prompt":  # a prompt named for what it is: a block of the instructions
        owner = _WORD_CLASS.get(words[-2]) or _WORD_CLASS.get(_singular(words[-2]))
        if owner not in ("per-request", "per-user", "per-turn", "per-session"):
            got = _v("name.prompt-block", "per-config", "name", f"{name} (a named block of the instructions)")
            if got:
                return got
    if len(words) > 1 and words[-1] in _ATTRIBUTES:
        owner = _WORD_CLASS.get(words[-2]) or _WORD_CLASS.get(_singular(words[-2]))
        if owner:
            got = _v("name.attribute-owner", owner, "name", name)
            if got:
                return got
    for w in reversed(words):
        cls = _WORD_CLASS.get(w) or _WORD_CLASS.get(_singular(w))
        if cls:
            return _v("name.word", cls, "name", name)
        if w in AMBIGUOUS:
            return None  # the head noun is ambiguous: a modifier (``originalUserAction``'s user) does not decide
    return None


# Head nouns that mean different things in different projects: a CrewAI/SuperAGI agent's ``goal`` is
# part of its definition (per-config), an AgentGPT/RAGFlow/Stagehand run's ``goal`` is what the user
# asked for (per-request); ``instruction`` is the one instruction of this call (Stagehand's
# ``act(instruction)``) or a configured one (SuperAGI), while the plural ``instructions`` are the standing
# directions of the developer or operator (the OpenAI API's ``instructions``, pr-agent's
# ``extra_instructions``, Stagehand's ``userProvidedInstructions``: per-config in every label); ``context``
# is the retrieved material of this question, the state of a phase, or a dict of settings; ``action``
# is the action of this call or of this step.  The expert labels split on each of them across projects
# (tests/fixtures/agents/eval/labels*.toml).  Where the code says where the value comes from (it is a
# parameter of the function that builds the prompt: each call supplies it), that provenance decides
# (``ambiguous_name``); only where it says nothing does the name's usual class stand.
AMBIGUOUS = {"goal", "goals", "instruction", "action", "actions", "context", "contexts"}


def ambiguous_name(name: str) -> bool:
    """The head noun of ``name`` (its last word, past format and attribute words) is in ``AMBIGUOUS``."""
    words = _words(name.rsplit(".", 1)[-1])
    while len(words) > 1 and words[-1] in _WRAPPERS + _ATTRIBUTES:
        words = words[:-1]
    return bool(words) and words[-1] in AMBIGUOUS


# Fields of an agent's definition: a template holding one is an agent definition (CrewAI's role/goal/
# backstory, SuperAGI's goals/constraints/tools).
_DEFINITION = {"role", "backstory", "persona", "personality", "constraints", "tools", "agentname"}


def _ambiguous(chain: str, got: Volatility, prompt: Prompt | None) -> Volatility:
    """An ambiguous name decided by where it sits: in a system prompt or next to the fields of an
    agent definition it is configuration; elsewhere it is the objective of the run the user started
    (per-request)."""
    words = _words(chain.rsplit(".", 1)[-1])
    while len(words) > 1 and words[-1] in _WRAPPERS + _ATTRIBUTES:
        words = words[:-1]
    if not words or _singular(words[-1]) != "goal" or got.cls != "per-config":
        return got
    if prompt is not None:
        if prompt.role in ("system", "developer"):
            if enabled("name.goal-system"):
                return _modified("name.goal-system", got, "per-config", "name",
                                 f"{chain} (in a system prompt: an agent's definition)")
            return got
        fields = _definition_fields(prompt)
        if fields:
            if enabled("name.goal-fields"):
                return _modified("name.goal-fields", got, "per-config", "name",
                                 f"{chain} (next to {', '.join(fields)}: an agent's definition)")
            return got
    if not enabled("name.goal-objective"):
        return got
    return _modified("name.goal-objective", got, "per-request", "name",
                     f"{chain} (no agent definition around it: the objective of this run)")


def _definition_fields(prompt: Prompt) -> list[str]:
    others = {"".join(_words(variable_name(v))) for v in prompt.variables}
    return sorted(others & _DEFINITION)


def _chains(expr: str) -> list[str]:
    """Identifier chains of an expression, the value first: ``user.name | upper`` -> [``user.name``];
    ``for t in tools`` -> [``tools``]; ``if step > 3`` -> [``step``]."""
    e = expr.strip().lstrip("#^/>&!{").strip()
    m = re.match(r"for\s+.+?\s+in\s+(.+)$", e)
    if m:
        e = m.group(1)
    e = re.sub(r"^(?:if|elif|unless|with|each|set)\b", "", e).strip()
    e = re.sub(r"""\[\s*(['"])([A-Za-z_]\w*)\1\s*\]""", r".\2", e)  # context['entity_types']: the key names the value
    e = re.sub(r"""(['"]).*?\1""", " ", e)  # string literals are not names
    head = e.split("|", 1)[0] if "|" in e and "||" not in e else e  # Jinja filters come after the value
    out = []
    called = []  # a function given arguments presents them (to_prompt_json(x) is x): its name comes last
    for m in _IDENT_CHAIN.finditer(head):
        chain = re.sub(r"\s+", "", m.group(0))
        parts = [p for p in re.split(r"[.\[\]'\"]+", chain) if p and p.lower() not in _KEYWORDS]
        if parts:
            plain_call = "." not in chain and re.match(r"\s*\(\s*[^\s)]", head[m.end():])
            (called if plain_call else out).append(".".join(parts))
    return out + called


# ---------------------------------------------------------------------------------------- settings

_INLINE = re.compile(r"pcache:\s*volatility\[(?P<body>[^\]]*)\]")


def _inline_decl(text: str, names: tuple[str, ...]) -> str | None:
    for m in _INLINE.finditer(text):
        body = m.group("body")
        for item in re.split(r"[,\s]+", body.strip()):
            if not item:
                continue
            key, sep, value = item.partition("=")
            if not sep:
                return item
            if any(fnmatch.fnmatchcase(n.lower(), key.strip().lower()) for n in names if n):
                return value
    return None


@lru_cache(maxsize=64)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        with open_text(path, encoding="utf-8-sig", newline="") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return ()
    return tuple(text.splitlines()) if "pcache:" in text else ()


def clear_cache() -> None:
    _file_lines.cache_clear()
    _read_source.cache_clear()
    _bound_in.cache_clear()
    from .dataflow.flow import clear_cache as clear_flow
    from .packaging import clear_cache as clear_packaging

    clear_packaging()

    clear_flow()


def _setting(seg: Segment, prompt: Prompt | None, settings: VolatilitySettings | None,
             name: str) -> Volatility | None:
    if seg.volatility:
        return Volatility(seg.volatility, "setting", "declared by the source", "setting.source")
    names = (name, seg.name or "", seg.expression or "")
    if prompt is not None:
        lines = (seg.line, seg.line - 1)
        for line, text in prompt.comments:
            n = text.count("\n")
            if line <= seg.line <= line + n + 1 and "volatility[" in text:
                got = _inline_decl(text, names)
                if got:
                    return Volatility(got.strip().lower(), "setting", "inline pcache: volatility comment",
                                      "setting.inline")
        file_lines = _file_lines(prompt.path) if seg.verbatim else ()
        for line in lines:
            if 1 <= line <= len(file_lines) and "volatility[" in file_lines[line - 1]:
                got = _inline_decl(file_lines[line - 1], names)
                if got:
                    return Volatility(got.strip().lower(), "setting", "inline pcache: volatility comment",
                                      "setting.inline")
    if settings and settings.variables:
        for glob, cls in settings.variables.items():
            g = glob.lower()
            if any(n and fnmatch.fnmatchcase(n.lower(), g) for n in names):
                return Volatility(cls, "setting", f"[tool.pcache.variables] {glob}", "setting.config")
    return None


def _samples(name: str, settings: VolatilitySettings | None) -> Volatility | None:
    if not settings or not settings.samples:
        return None
    values = settings.samples.get(name)
    if values is None:
        return None
    values = [str(v) for v in (values if isinstance(values, list) else [values])]
    if not values:
        return None
    classes = []
    for v in values:
        lits = find_volatile(v)
        if lits and lits[0].start == 0 and lits[0].end >= len(v.strip()):
            classes.append(literal_class(lits[0]))
    if classes and len(classes) == len(values):
        return Volatility(min(classes, key=RANK.__getitem__), "samples", values[0], "samples.literal")
    if len(values) > 1:
        if len(set(values)) == 1:
            return Volatility("constant", "samples", values[0], "samples.constant")
        return Volatility("per-request", "samples", f"{len(set(values))} different values", "samples.varied")
    return None


# ------------------------------------------------------------------------------------------ classify

def variable_name(seg: Segment) -> str:
    """The name a variable is known by: the source's name, else its text without delimiters."""
    if seg.name:
        return seg.name.strip()
    text = seg.text.strip()
    for open_, close in (("{{", "}}"), ("${", "}"), ("{", "}"), ("$", "")):
        if text.startswith(open_) and text.endswith(close):
            return text[len(open_):len(text) - len(close)].strip("-~ ")
    return text


def expression_of(seg: Segment) -> str:
    """The expression as written: the source's ``expression``, else the placeholder's content
    (``now() | strftime('%Y')``, ``now:%H:%M`` for a format spec)."""
    if seg.expression:
        return seg.expression
    text = seg.text.strip()
    for open_, close in (("{{", "}}"), ("${", "}"), ("{%", "%}"), ("{", "}")):
        if text.startswith(open_) and text.endswith(close):
            return text[len(open_):len(text) - len(close)].strip("-~+ ")
    return seg.name or text


def classify(seg: Segment, prompt: Prompt | None = None,
             settings: VolatilitySettings | None = None) -> Volatility:
    """The volatility class of a variable segment and what decided it (see the module docstring)."""
    name = variable_name(seg)
    got = _setting(seg, prompt, settings, name)
    if got is not None:
        return got
    opener = _branch_opener(seg, prompt, name)
    if opener is not None:  # {% else %} evaluates nothing: its text is chosen by the condition that opened it
        got = classify(opener, prompt, settings)
        return Volatility(got.cls, got.source, f"the else of `{variable_name(opener)}`: {got.evidence}",
                          _then(got, "jinja.else"))
    expr = expression_of(seg)
    item = _loop_item(seg, prompt, expr)
    if item is not None:  # {% for key, value in config.labels.items() %} ... {{ key }}: an item of what it walks
        got = classify(item, prompt, settings)
        # items of a fixed list differ: fixed per item
        cls = "per-config" if got.cls == "constant" and enabled("jinja.loop-item") else got.cls
        walked = expression_of(item).split(" in ", 1)[-1]
        why = f"{name}: an item of {walked}, walked by the {{% for %}} at line {item.line} ({got.evidence})"
        if cls != got.cls:
            return _modified("jinja.loop-item", got, cls, got.source, why)
        return Volatility(cls, got.source, why, _then(got, "jinja.loop-item"))
    from .crossflow.project import project_class
    from .dataflow.flow import flow_class, frozen_at_import

    got = expression_class(expr, seg.text)
    # a clock read once at import is fixed for the process; a date so read still changes at most once a
    # day (with each start of the program on a new day): it keeps per-day (labelling convention)
    if got is not None and got.cls == "per-turn" and _CLOCK.search(expr) and frozen_at_import(seg, prompt) \
            and enabled("expr.import-frozen"):
        return _modified("expr.import-frozen", got, "per-config", "expression",
                         f"{got.evidence}, evaluated once at import: fixed for the life of the process")
    if got is not None and got.cls == "per-turn" and _CLOCK.search(expr):
        from .oneshot import rendered_per_object

        # rendered once for an object that keeps the text (a session's service): one value per object
        made = rendered_per_object(seg, prompt)
        if made is not None and enabled("expr.object-frozen"):
            return _modified("expr.object-frozen", got, "per-session", "expression",
                             f"{got.evidence}, rendered once for the object made at line {made}: one value "
                             "per object, a session at most")
    if got is not None:
        return _boundary(seg, prompt, _on_machine(got, prompt, settings), settings)
    got = code_constant(seg, prompt)
    if got is not None:
        return _on_machine(got, prompt, settings)

    index = settings.project if settings else None
    from .constants import constant_class

    fixed = constant_class(seg, prompt, expr, index)
    if fixed is not None:  # a name the code resolves to text it writes once: a project constant
        return Volatility(fixed[0], "expression", fixed[1], f"const:{rule_of(fixed) or '?'}")
    from .flow_state import js_tool_argument, js_tool_written

    tool = js_tool_written(seg, prompt) or js_tool_argument(seg, prompt)
    got = Volatility(tool[0], "expression", tool[1], f"tool:{rule_of(tool) or '?'}") if tool is not None else \
        _staged("project", project_class(seg, prompt, expr, name, index)) or \
        _staged("flow", flow_class(seg, prompt, expr, name, index))
    if got is not None and got.cls != "per-config" and prompt is not None and ambiguous_name(name) \
            and _singular(_words(name)[-1]) == "goal" and _definition_fields(prompt) and enabled("goal.definition"):
        # def make_agent(role, goal, backstory): a goal filled next to the fields of an agent's
        # definition is that agent's configured goal, whoever passes it
        return _modified("goal.definition", got, "per-config", "name",
                         f"{name} (next to {', '.join(_definition_fields(prompt))}: an agent's definition)")
    if got is not None:
        return _boundary(seg, prompt, _on_machine(got, prompt, settings), settings)
    for v in find_volatile(expr):
        got = _v("literal.volatile", literal_class(v), "literal", v.shown)
        if got is not None:
            return got
        break
    from .turn_input import turn_input

    line = turn_input(seg, prompt, name) if enabled("struct.turn-input") else None
    if line is not None:  # the same value fills the chat template's human message after its history
        return Volatility("per-turn", "expression", f"{name}: the turn's input, which also fills the last human "
                          f"message after the history placeholder at line {line}", "struct.turn-input")
    from .rerendered import rerendered_system

    line = rerendered_system(seg, prompt, name, index) if enabled("struct.rerendered-system") else None
    if line is not None:  # computed for each message, filled into the system message before the history
        return Volatility("per-turn", "expression", f"{name}: computed for each message and filled into the system "
                          f"message before the conversation's history, sent with it at line {line}: re-rendered "
                          "at every turn", "struct.rerendered-system")
    from .session_state import session_once

    once = session_once(seg, prompt, name, index) if enabled("state.session-once") else None
    if once is not None:  # an agent instruction's state key the code writes once per session state
        return Volatility("per-session", "expression", f"{name}: a session-state key of the agent's instruction; "
                          f"{once}: once per session", "state.session-once")
    for chain in _chains(expr) or [name]:
        got = name_class(chain)
        if got is not None:
            return _boundary(seg, prompt, _ambiguous(chain, got, prompt), settings)
    got = _samples(name, settings)
    if got is not None:
        return got
    made = _constructed(seg, prompt, expr)
    if made is not None and enabled("state.constructed"):
        return Volatility("per-config", "expression", made, "state.constructed")
    key = data_file_key(prompt, name)
    if key is not None and enabled("fill.data-file-key"):
        return Volatility("per-config", "expression",
                          f"{name}: set in the template's own data file ({key}), the deployment's configuration",
                          "fill.data-file-key")
    return Volatility("unknown", "default", name, "default.unknown")


def _constructed(seg: Segment, prompt: Prompt | None, expr: str) -> str | None:
    """``self.x`` read in a method of the class that holds the prompt, where only the object's construction
    sets ``x``: a field of the class with no default (a dataclass / pydantic model: each construction passes
    it) or ``self.x = ...`` in ``__init__``, and no other code of the file assigns ``self.x`` or steps it.  Read
    when no other evidence decides: the object keeps the value for its life (an agent, a client, a memory
    module), so it is the configuration it was built with (``flow_state.constructed``)."""
    if prompt is None or not prompt.path or not prompt.path.lower().endswith((".py", ".pyw")) or not seg.line:
        return None
    m = re.fullmatch(r"\s*self\.([A-Za-z_]\w*)\s*", expr or "")
    if not m:
        return None
    from .dataflow.python_file import _py_file
    from .flow_state import constructed

    f = _py_file(prompt.path, _stamp(prompt.path))
    return constructed(f, seg.line, m.group(1)) if f is not None else None


_OPENERS = ("if ", "elif ", "for ", "#if ", "#unless ", "#each ", "#with ", "^")


def _loop_item(seg: Segment, prompt: Prompt | None, expr: str) -> Segment | None:
    if prompt is None or prompt.syntax != "jinja" or (seg.name or "").startswith(_OPENERS):
        return None
    from .jinja_flow import loop_item

    root = _IDENT.match(expr.strip())
    return loop_item(seg, prompt, root.group(0)) if root else None


def _branch_opener(seg: Segment, prompt: Prompt | None, name: str) -> Segment | None:
    """The control tag an ``{% else %}`` / Handlebars ``{{else}}`` belongs to: the nearest control tag
    before it in the prompt (an inner block closed before the else is inside the same region, so its
    class is never the first to cost)."""
    if name != "else" or prompt is None:
        return None
    before = None
    for s in prompt.segments:
        if s is seg:
            return before
        if s.kind == "variable" and (s.name or "").startswith(_OPENERS):
            before = s
    return None


def _on_machine(got: Volatility, prompt: Prompt | None, settings: VolatilitySettings | None) -> Volatility:
    """A value of the process's machine is the user's when the program runs where its user works, the
    deployment's when it runs as a service (labelling convention; ``packaging.program_kind``)."""
    if got.cls != "per-user" or got.source != "expression" or prompt is None or not prompt.path \
            or not _MACHINE.search(got.evidence):
        return got
    from .packaging import program_kind, scan_root

    kind = program_kind(prompt.path, scan_root(settings.project if settings else None))
    if kind is None:
        return got
    if kind[0] == "service" and enabled("machine.service"):
        return _modified("machine.service", got, "per-config", got.source,
                         f"{got.evidence}: the machine of a service, the same for all its users ({kind[1]})")
    if kind[0] == "service":
        return got
    return Volatility(got.cls, got.source, f"{got.evidence}: the user's own machine ({kind[1]})", got.rule)


def _boundary(seg: Segment, prompt: Prompt | None, got: Volatility,
              settings: VolatilitySettings | None = None) -> Volatility:
    """per-turn only between calls that share their prefix: a value a caller's loop (or its name) makes
    new at every step, rendered into a prompt sent in a one-shot call (fresh messages, no history after
    it), is the input of that request (``oneshot.one_shot``); so is a clock or a random id read at each
    such call: no later call shares a prefix that it could break (labelling convention, measure-14)."""
    if got.cls != "per-turn":
        return got
    from .conventions import renders_history
    from .oneshot import one_shot

    if renders_history(got.rule):  # the history rendered into the prompt stays per-turn, one-shot or not
        return got

    project = settings.project if settings else None
    if not enabled("boundary.one-shot"):
        return _appended(got, prompt, project)
    line = one_shot(seg, prompt, project)
    if line is None:
        return _appended(got, prompt, project)
    where = f"line {line}" if isinstance(line, int) else line
    return _modified("boundary.one-shot", got, "per-request", got.source,
                     f"{got.evidence}; sent in a one-shot call at {where} (fresh messages, no history "
                     "after it): the input of that request")


def _appended(got: Volatility, prompt: Prompt | None, project) -> Volatility:
    """A value of a message the loop appends after the conversation's earlier messages (the code sends the
    prompt as a new last message: ``conversation.code_position`` is ``final-turn``) changes what follows the
    cached prefix only; it is the input of that request (labelling convention: the loop-message convention,
    benchmarks/LABEL_AGREEMENT.md "Session 16")."""
    if prompt is None or not enabled("boundary.appended-message"):
        return got
    from .conversation import code_position

    if code_position(prompt, project) != "final-turn":
        return got
    return _modified("boundary.appended-message", got, "per-request", got.source,
                     f"{got.evidence}; sent in a new message appended after the conversation's earlier "
                     "messages: the input of that request")


def classify_literal(v: Volatile) -> Volatility:
    return Volatility(literal_class(v), "literal", v.shown, "literal.volatile")


def describe(vol: Volatility) -> str:
    """A short phrase for messages: ``per-day, by its name``, ``per-turn, by datetime.now formatted...``."""
    if vol.cls == "unknown":
        return "volatility unknown, judged per-request"
    how = {"setting": "declared", "expression": f"by {vol.evidence}", "literal": "by its form",
           "name": "by its name", "samples": "by the sample values", "default": "assumed"}[vol.source]
    return f"{vol.cls}, {how}"
