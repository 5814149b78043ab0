"""The one written-down rule for which names say "this holds a prompt", shared by the code and config
sources (Python, JavaScript/TypeScript, YAML/JSON/TOML fields).

A *name* is an identifier or a key (``SYSTEM_PROMPT``, ``systemPrompt``, ``main_system``,
``agent.instance_template``).  It is split into lower-case words (snake, camelCase, SCREAMING, kebab):
``systemPromptV2`` -> ``system prompt v2``.

**The name rule** (``says_prompt``): a name holds a prompt when

1. one of its words is a *prompt word*: ``prompt(s)``, ``system``, ``instruction(s)``, ``template(s)``,
   ``tmpl``/``tpl``, ``persona``, ``backstory``, ``preamble`` (Cohere's system prompt), ``sysprompt``;
2. and its last word is a prompt word or a *text noun* (``message``, ``text``, ``content``, ``prefix``,
   ``suffix``, ``reminder``, ``header``, ``body``, ``str``...).  So ``system_prompt``, ``MAIN_SYSTEM``,
   ``system_reminder``, ``promptText``, ``instance_template`` say prompt, while ``prompt_tokens``,
   ``promptId``, ``template_path``, ``system_name``, ``PROMPT_DIR`` (counts, ids, paths, names) do not;
   nor do ``system``/``template`` qualified as something else (``operating_system``,
   ``url_template``, ``email_template``: ``NOT_PROMPT_QUALIFIERS``, unless the qualifier is a task's
   target: ``text_to_sql_template`` asks a model for SQL; a trailing version or language is ignored:
   ``prompt_v2``, ``PROMPT_TEMPLATE_ZH``; ``title_template``,
   ``shell_template``, ``readme_template``: ``NOT_PROMPT_TEMPLATES``).  A trailing version
   (``prompt_v2``) is ignored.

Some names say prompt only in a context (``in_prompt_context`` / ``says_prompt_in``):
``message(s)``/``content`` where the value is a chat message (a ``{role, content}`` mapping, a
``messages`` list), and ``goal``, ``description``, ``expected_output`` inside an agent or
task section (a key path through ``agent(s)``/``task(s)``/``crew``, or a mapping shaped like one: two
of ``role``/``goal``/``backstory``, or ``description`` with ``expected_output``).

**The size rule** (``has_prompt_size``).  No cache regime gives a floor that applies to a *piece* of
a prompt: llama.cpp and SGLang cache from a single token (``providers/data``), and a short system
prompt that starts with a per-turn timestamp costs every token after it in the request, however
short it is itself.  So the smallest content that can matter for caching is one token, and the floor
is not a token count but "is prose, not a setting": at least ``MIN_PROMPT_WORDS`` (2) whitespace-
separated words counting placeholders, at least one of them static.  A single word is a setting that
prompt-named keys also hold (``prompt_format: chatml``, ``system: linux``, ``template: default``,
``prompt: prompts/system.txt``, a model or role name); a string that is only a placeholder
(``"{input}"``) is a slot the caller fills, with no prompt text of its own; two or more placeholders
alone are a composition (``${role}\n\n${rules}``: a system prompt assembled from sections) and count.

**Scopes** (``excluded_by_scope``): a name inside an error or log section (``ERROR_TYPES``,
``errors:``) is a message for people; a bare ``template``/``system`` under a title, URL or path
section (``metadata.title.template``) is not a prompt either.

**Template syntax** (``holds_template_syntax``): Jinja, Mustache, ``str.format`` or ``$name``
placeholders, found by the same detection the template files use (``sources/template.py``), so a
field's segments are made the same way a template file's are.
"""

from __future__ import annotations

import re
from functools import lru_cache

PROMPT_WORDS = frozenset({
    "prompt", "prompts", "sysprompt", "system", "instruction", "instructions", "template", "templates",
    "tmpl", "tpl", "persona", "backstory", "preamble",
    "preprompt", "preprompts",  # Hugging Face chat-ui's system prompt (and the folder rule's ``preprompts/``)
})
# Last words that still name text: ``system_message``, ``prompt_prefix``, ``system_reminder``.
TEXT_NOUNS = frozenset({
    "message", "messages", "msg", "text", "content", "contents", "prefix", "suffix", "reminder",
    "header", "footer", "body", "str", "string", "intro", "preamble", "addendum", "section",
    "sections", "part", "parts", "block", "context", "guidelines", "rules", "note", "notes",
    "role",  # LobeChat's ``systemRole``: the role the system prompt gives the model
})
# Words before ``system``/``template`` that make it something else: ``operating_system``,
# ``file_system``, ``url_template``, ``email_template``.
NOT_PROMPT_QUALIFIERS = frozenset({
    "operating", "os", "file", "build", "type", "package", "module", "plugin", "coordinate", "unit",
    "number", "design", "event", "render", "ui", "color", "colour", "grid", "url", "uri", "path",
    "filename", "html", "css", "email", "mail", "sql", "log", "date", "time", "datetime", "branch",
    "install", "installation",  # install_instructions: shell commands for people
    "approval", "confirmation", "confirm",  # formatConnectorApprovalPrompt: a question put to a person
    # a command line's prompt, by the side of the screen it is drawn on (zsh's RPROMPT, fish's
    # fish_right_prompt, aichat's left_prompt/right_prompt) or by the REPL that shows it
    "left", "right", "repl",
})
# Qualifiers that name an output format: a template of that format is a page, a query or a mail, not a
# prompt (``sql_template``, ``email_template``), but a prompt qualified by it asks a model for that output
# (``sql_prompt``, ``email_prompt``; openai/evals' ``sql.prompt`` grades SQL answers).
OUTPUT_FORMAT_QUALIFIERS = frozenset({"sql", "email", "mail", "html", "css"})
PROMPT_ONLY_WORDS = frozenset({"prompt", "prompts", "sysprompt"})
# Qualifiers that are verbs before ``prompt``: ``build_prompt`` / ``render_prompt`` name making a prompt (a build
# system and Flask's ``render_template`` stay other things: only ``prompt`` itself is read as the verb's object).
VERB_QUALIFIERS = frozenset({"build", "render"})


def _qualifies(qualifier: str, word: str) -> bool:
    """Whether ``qualifier`` before ``word`` makes it something else than a prompt."""
    if word in PROMPT_ONLY_WORDS and qualifier in OUTPUT_FORMAT_QUALIFIERS | VERB_QUALIFIERS:
        return False
    return qualifier in NOT_PROMPT_QUALIFIERS


# Words before ``template`` that make it a template of something a program writes or shows, not a
# prompt: a page title (Next.js ``metadata.title.template``, ``APP_TITLE_TEMPLATE = "%s - App"``), a
# script, a command line or a file (``getPowerShellTemplate``, ``cmd_template``, ``DOCKERFILE_TEMPLATE``), a report
# for people (AutoPR's ``error_report_template``, the GitHub issue body it links to; simple-evals' HTML
# ``_report_template``).  Only for ``template``: ``title_prompt``, ``code_prompt`` and ``report_prompt`` are prompts that
# make titles, code and reports.
TEMPLATE_WORDS = frozenset({"template", "templates", "tmpl", "tpl"})
NOT_PROMPT_TEMPLATES = frozenset({"title", "shell", "script", "bash", "powershell", "dockerfile", "makefile",
                                  "readme", "config", "component", "page", "layout", "cmd", "command", "report"})
# Scopes whose strings are messages for people or logs, not for a model.
ERROR_SCOPE_WORDS = frozenset({"error", "errors", "exception", "exceptions", "log", "logs", "logger",
                               "logging", "toast", "toasts", "notification", "notifications"})
TITLE_WORDS = frozenset({"title", "label", "name", "metadata", "head", "heading", "tooltip"})
# Words that say prompt only where the value is a chat message or an agent/task field.
MESSAGE_WORDS = frozenset({"message", "messages", "content", "msg"})
# (not ``role``: in an agent it is a title, "Senior Data Researcher", that prompts quote)
AGENT_FIELDS = frozenset({"goal", "description", "expected_output", "backstory"})
AGENT_SECTIONS = frozenset({"agent", "agents", "task", "tasks", "crew", "crews"})
_AGENT_SHAPE = frozenset({"role", "goal", "backstory"})

# Trailing language codes (ISO 639-1, and the country codes projects use for them): a prompt kept
# once per language (``PROMPT_TEMPLATE_ZH``, ``SYSTEM_PROMPT_EN``).  Not ``id``/``it``/``is``: words.
# Trailing words that name the value's type, not what it holds (``v`` of a version is kept here too).  Not
# ``dict``/``list``: ``format_prompt_dict`` (MLAgentBench) maps output fields to their descriptions, parts of a
# prompt's variable, and reading it as a mapping of prompts reported nine of them.
TYPE_WORDS = frozenset({"v", "str"})
LANGUAGE_CODES = frozenset({"en", "zh", "cn", "ja", "jp", "ko", "kr", "fr", "de", "es", "pt", "ru", "ar", "hi",
                            "vi", "tw", "hk"})
# Last words that name something other than text about prompts: counts, ids, paths, settings, code.
NOT_TEXT_NOUNS = frozenset({
    "token", "tokens", "id", "ids", "dir", "dirs", "directory", "path", "paths", "file", "files", "name", "names",
    "count", "counts", "len", "length", "size", "key", "keys", "type", "types", "version", "versions", "cache",
    "url", "urls", "limit", "limits", "max", "min", "mode", "modes", "style", "styles", "color", "colour",
    "format", "formats", "registry", "manager", "loader", "class", "cls", "list", "dict", "map", "index", "hash",
    "config", "settings", "options", "args", "kwargs", "schema", "store", "db", "model", "models", "ext",
    "extension", "folder", "location", "source", "sources", "field", "fields", "var", "vars", "variables",
    "enabled", "disabled", "flag", "budget", "cost", "costs", "usage", "stats", "ms", "timeout",
    "builder", "factory", "handler", "parser", "renderer", "engine", "service", "client", "callback", "fn",
    "func", "function", "pattern", "regex", "re", "uuid", "hint", "label", "title",
    "placeholder", "width", "height", "lines", "line", "number", "num", "select", "input", "button",
    "description", "descriptions", "help", "doc", "docs",  # PROMPT_DESCRIPTION: a parameter's documentation
})

MIN_PROMPT_WORDS = 2

# A SQL statement: its keywords in the conventional upper case, or the statement shapes no English
# sentence has (``select * from``, ``insert into x (``).  ("Create a chart from that data" and "Select
# the best option from the list" are prompts.)
SQL_STATEMENT = re.compile(
    r"\s*(?:(?:SELECT|WITH)\b[\s\S]*\bFROM\b|INSERT\s+(?:OR\s+\w+\s+)?INTO\b|UPDATE\s+\S+\s+SET\b|DELETE\s+FROM\b"
    r"|(?:CREATE|DROP|ALTER)\s+(?:UNIQUE\s+|TEMP(?:ORARY)?\s+|VIRTUAL\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b|PRAGMA\s"
    r"|(?i:select\s+(?:\*|count\s*\(|distinct\b)[\s\S]*\bfrom\b|insert\s+into\s+\S+\s*\())")

# Role of a prompt from its name's words (first match wins, in this order).
_ROLE_WORDS = (
    ("developer", ("developer",)),
    ("system", ("system", "sysprompt", "preamble", "preprompt", "persona", "backstory", "instruction",
                "instructions")),
    ("assistant", ("assistant", "ai")),
    ("tool", ("tool", "observation", "function")),
    ("user", ("user", "human", "instance", "query", "question")),
)

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def name_words(name: str) -> list[str]:
    """Lower-case words of an identifier or key: ``systemPromptV2`` -> ``[system, prompt, v, 2]``,
    ``MAIN_SYSTEM`` -> ``[main, system]``, ``agent.instance_template`` -> last part only."""
    return list(_name_words(name))


@lru_cache(maxsize=1 << 16)
def _name_words(name: str) -> tuple[str, ...]:
    # (the same identifiers are split again and again over a large project: a twentieth of its scan)
    last = re.split(r"[.\[\]/]+", name.strip(".[]/"))[-1] if name else ""
    return tuple(w.lower() for w in _WORD.findall(last))


def says_prompt(name: str) -> bool:
    """Whether the name alone says it holds a prompt (the name rule, parts 1 and 2)."""
    words = _core(name_words(name))
    if not any(w in PROMPT_WORDS and (i == 0 or not _qualifies(words[i - 1], w) or _task_target(words, i - 1))
               and not (w in TEMPLATE_WORDS and i > 0 and words[i - 1] in NOT_PROMPT_TEMPLATES)
               for i, w in enumerate(words)):
        return False
    if words[-1] in PROMPT_WORDS or words[-1] in TEXT_NOUNS:
        return True
    # PROMPT_REACT, PROMPT_SUMMARY: "prompt" first, then what the prompt is for (not a count, id,
    # path or setting of prompts: PROMPT_DIR, prompt_tokens, promptCacheKey)
    return words[0] in ("prompt", "prompts") and words[-1] not in NOT_TEXT_NOUNS


def _task_target(words: list[str], i: int) -> bool:
    """``text_to_sql_template``, ``nl2sql_prompt``: the qualifier is what a task turns text into (the
    prompt asks a model for SQL), not what the template is."""
    return i > 0 and words[i - 1] in ("to", "2")


def _core(words: list[str]) -> list[str]:
    """Words without a trailing version, number or language (``prompt_v2``, ``SYSTEM_PROMPT_2``,
    ``PROMPT_TEMPLATE_EN``, ``PROMPT_TEMPLATE_ZH``: the same prompt in another language)."""
    # a prompt word then a phrase of ``with``/``without`` is that prompt, qualified: rag-chat's
    # ``DEFAULT_PROMPT_WITHOUT_RAG`` (the prompt without retrieval), ``system_prompt_with_tools`` (the head of an
    # English noun phrase comes before its preposition)
    cut = next((i for i in range(1, len(words)) if words[i] in _QUALIFYING_PREPOSITIONS
                and words[i - 1] in PROMPT_WORDS), None)
    if cut is not None:
        words = words[:cut]
    while len(words) > 1 and (words[-1].isdigit() or words[-1] in TYPE_WORDS or words[-1] in LANGUAGE_CODES):
        words = words[:-1]  # (and a trailing type: prompt_length_str is a length, system_prompt_str a prompt)
    return words


_QUALIFYING_PREPOSITIONS = frozenset({"with", "without"})


def in_agent_section(path: list[str] | tuple, sibling_keys=()) -> bool:
    """Whether a field sits in an agent or task section: one of the two keys above it names one
    (``agents.researcher.goal``, ``task.description``), or its mapping has the shape of one (crewAI-style ``role``/``goal``/``backstory``; ``description`` +
    ``expected_output``)."""
    near = [k for k in path if isinstance(k, str)][-2:]  # the agent itself, or its collection
    for key in near:
        # (by the key's head, its last word: ``agents``, ``research_task``; not ``travel_agent_id``,
        # a tool schema's property that holds an id)
        if _core(name_words(key))[-1:] and _core(name_words(key))[-1] in AGENT_SECTIONS:
            return True
    keys = {k for k in sibling_keys if isinstance(k, str)}
    return len(keys & _AGENT_SHAPE) >= 2 or {"description", "expected_output"} <= keys


def says_prompt_in(name: str, path=(), sibling_keys=(), message: bool = False) -> bool:
    """The full name rule for a field or argument: the name alone, or a context word in its context.
    ``path`` is the key path of the enclosing sections, ``sibling_keys`` the other keys of the same
    mapping, ``message`` whether the value is a chat message's content."""
    if says_prompt(name):
        return True
    words = _core(name_words(name))
    if message and words and words[-1] in MESSAGE_WORDS:
        return True
    key = "_".join(words)
    return key in AGENT_FIELDS and in_agent_section(path, sibling_keys)


def role_of(*names: str) -> str | None:
    """The message role a name (or the closest of several, last first) says: ``system_template`` ->
    system, ``instance_template`` -> user, ``assistant_prefix`` -> assistant; None when none does."""
    for name in reversed(names):
        words = set(name_words(name))
        for role, cues in _ROLE_WORDS:
            if words.intersection(cues):
                return role
    return None


def has_prompt_size(static_text: str, placeholders: int = 0) -> bool:
    """The size rule: at least ``MIN_PROMPT_WORDS`` words counting placeholders, one of them static;
    or a composition of at least ``MIN_PROMPT_WORDS`` placeholders (a system prompt assembled from
    sections: the order of its parts is what a cache sees)."""
    words = count_words(static_text)
    return (words >= 1 and words + placeholders >= MIN_PROMPT_WORDS) or placeholders >= MIN_PROMPT_WORDS


# Scripts written without spaces between words (Han, Hiragana, Katakana): each character counts as a
# word, so a Chinese or Japanese sentence is prose like an English one.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def count_words(text: str) -> int:
    """Whitespace-separated words, each Han/Kana character counted as one."""
    if text.isascii():
        return len(text.split())
    return sum(len(_UNSPACED.findall(w)) or 1 for w in text.split())


def excluded_by_scope(name: str, scopes=()) -> bool:
    """Whether the sections or code scopes enclosing a name make it something else than a prompt:
    any of them about errors or logs (``ERROR_TYPES.x.messageTemplate``: exception and log messages
    are not prompts) or a call that shows text to people (``showInputBox({prompt})``), or a bare ``template``/``system`` whose section qualifies it
    (``metadata.title.template``, ``url.template``)."""
    for scope in scopes:
        words = name_words(scope) if isinstance(scope, str) else []
        if set(words) & ERROR_SCOPE_WORDS or (words[:1] == ["show"] and len(words) > 1):
            return True  # (``showInputBox``, ``showWarningMessage``: text shown to people)
    words = _core(name_words(name))
    if len(words) == 1 and words[0] in PROMPT_WORDS:
        parent = next((s for s in reversed(scopes) if isinstance(s, str)), "")
        # (the section's head noun: ``title.template``, ``url.template``; a function named
        # ``buildCodingPrompt`` holding a ``prompt`` local is about prompts, whatever it builds)
        head = _core(name_words(parent))[-1:]
        if words[0] in PROMPT_ONLY_WORDS and name_words(parent)[:1] == ["generate"] and len(name_words(parent)) > 1:
            # (MemFree's `generateUI` holding `const prompt = util.format(UI_PROMPT, ...)`: a scope named for
            # generating a thing holds the prompt that generates it, not that thing's own prompt; a `template`
            # in `generateHtml` stays the page's)
            return False
        return bool(head) and (head[0] in TITLE_WORDS or _qualifies(head[0], words[0]))
    return False


def holds_template_syntax(text: str, unseen_loader: bool = False) -> str | None:
    """The template syntax of ``text`` (``jinja``, ``mustache``, ``format``, ``template``) when it
    holds placeholders, else None.  Same detection as template files (``template.detect_from_content``:
    braces inside Markdown code, JSON examples and prices do not count)."""
    if "{" not in text and "$" not in text:
        return None
    from .template import detect_from_content

    syntax = detect_from_content(text, unseen_loader)
    return None if syntax == "none" else syntax


# Words that make a file's name or folder say prompts: not ``template``/``system`` alone (HTML, email,
# scaffolding and script templates; system configs).
PATH_WORDS = frozenset({"prompt", "prompts", "sysprompt", "instruction", "instructions", "persona",
                        "preprompts"})


# Head nouns of a folder named for a collection of prompts (``prompt_library/``, ``prompt-lib/``).
COLLECTION_NOUNS = frozenset({"library", "libraries", "lib", "collection", "collections"})


def is_path_prompty(path: str, prose: bool = False) -> bool:
    """Whether a file's own name or a folder on its path says it holds prompts (``prompts.yaml``,
    ``src/core/prompts/rules.ts``, ``system_prompt.toml``, ``support-prompt.ts``): its name says
    prompt by the name rule with one of ``PATH_WORDS``.  Then its templated fields (config) or its
    returned and exported literals (code) are prompts even when their own names say nothing.

    A folder is named for what it holds, so its name must say prompt in its head, the last word
    (``prompts/``, ``system_prompts/``, ``prompt_templates/``, ``prompt_library/``): a folder named
    for a topic or a product that starts with the word (``PromptFlow-to-MAF/``, a migration guide;
    ``prompt-engineering/``, ``prompt_optimizer/``) holds that topic's pages and code.  So is a prose
    file (``prose``: Markdown, text) named for what it is: ``system_prompt.md``, but not
    ``PROMPT_DISCOVERY.md``, a page about prompts titled by its subject."""
    parts = [p for p in re.split(r"[\\/]", path) if p]
    if not parts:
        return False
    for i, stem in enumerate([parts[-1].split(".", 1)[0], *parts[:-1]]):
        words = _core(name_words(stem))
        if words and set(words) & PATH_WORDS and says_prompt(stem) and (i == 0 and not prose or names_prompts(stem)):
            return True
    return False


def names_prompts(name: str) -> bool:
    """Whether a name says prompt in its head, the last word: a prompt word or a text noun after one
    (``system_prompt``, ``skprompt``, ``prompt_templates``, ``instructions``), or a collection of them
    (``prompt_library``).  Not ``PROMPT_DISCOVERY`` or ``PromptFlow-to-MAF``, named for a topic: the
    code-constant form ``PROMPT_REACT`` (a prompt for ReAct) is for identifiers, not for the titles of
    files and folders."""
    words = _core(name_words(name))
    if not words or not says_prompt(name):
        return words[-1:] != [] and words[-1].endswith(("prompt", "prompts"))  # skprompt, sysprompt
    return words[-1] in PROMPT_WORDS or words[-1] in TEXT_NOUNS or words[-1] in COLLECTION_NOUNS or \
        words[-1].endswith(("prompt", "prompts"))


def looks_like_code(text: str) -> bool:
    """A script, not a prompt: the text starts with a shebang line (``#!/usr/bin/env bash``)."""
    return text.lstrip().startswith("#!")


__all__ = [
    "MIN_PROMPT_WORDS", "name_words", "says_prompt", "says_prompt_in", "in_agent_section", "role_of",
    "has_prompt_size", "count_words", "holds_template_syntax", "is_path_prompty", "names_prompts", "excluded_by_scope", "looks_like_code",
]
