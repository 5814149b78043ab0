"""Texts that are no prompt: UI, logs and errors, files written, command lines; and texts sent as is."""

from __future__ import annotations

import re

from ...js_tree import text as _text
from ..walk import PROMPT_FOLDERS, agent_file
from ..prompt_names import (
    ERROR_SCOPE_WORDS, count_words, excluded_by_scope, is_path_prompty, name_words, names_prompts, says_prompt,
)
from .grammar import ROLES
from .literals import literal_parts
from .roles import _object_keys, _speaker
from .tree import _enclosing_function, _function_name, _identifiers, _prop_name, _root, _text_method, _written_name


# ---------------------------------------------------------------------------------------------
# Where text goes to people, not to a model

# React's naming rules: hooks are ``use`` + a capital (``useChat``), state setters ``set`` + a capital
# (``const [items, setItems] = useState()``), event callbacks ``on`` + a capital (``onMessage``).
_HOOK = re.compile(r"use[A-Z]")
_SETTER = re.compile(r"set[A-Z]")
# The timer globals of HTML and Node (``setTimeout(() => send({...}), 500)``): they run a callback later, they
# hold no state; the code inside the callback is what it is without them.
_TIMERS = frozenset({"setTimeout", "setInterval", "setImmediate"})
_EVENT = re.compile(r"on[A-Z]")
# Calls that show text to a person: console and logger output, terminal questions (readline's
# ``question``/``setPrompt``), browser dialogs, thrown errors.
_SHOWN_CALLEES = frozenset({"log", "info", "warn", "warning", "error", "debug", "trace", "question",
                            "setPrompt", "alert", "confirm", "write", "writeln"})
# A bare ``prompt(...)`` is the browser's dialog (``window.prompt``) or a terminal prompt library's
# (inquirer, @clack/prompts): a question put to a person.
_DIALOGS = frozenset({"prompt", "window.prompt", "globalThis.prompt", "inquirer.prompt", "prompts"})
_FRONT_MATTER = re.compile(r"---[ \t]*\n")
# Words of a function that makes pictures, sound or video: the prompt it takes describes the media for
# an image, music or speech model, whose requests no provider's prompt cache serves (caching is a
# feature of the text/chat endpoints).
_MEDIA_WORDS = frozenset({"image", "images", "img", "picture", "photo", "music", "song", "audio", "speech",
                          "video", "voice", "sound"})


# Head nouns of a function's name that say it makes a value no text is: a key, an id, a count, a size, a
# location, a limit, a flag (not ``description``, ``files``, ``list``, ``section``: texts a prompt may hold).
_VALUE_NOUNS = frozenset({
    "key", "keys", "id", "ids", "uuid", "hash", "count", "counts", "len", "length", "size", "token", "tokens",
    "index", "cache", "path", "paths", "url", "urls", "dir", "dirs", "directory", "limit", "limits", "max", "min",
    "timeout", "ms", "version", "versions", "number", "num", "width", "height", "cost", "costs", "budget", "usage",
    "stats", "enabled", "disabled", "flag",
})


# Words after which a name's words qualify its head noun (``getContextPromptWithPath``: a prompt, with a path).
_QUALIFYING_WORDS = frozenset({"with", "without", "for", "from", "of", "by", "in", "on", "at", "to", "using"})


def _named_for_a_value(fn) -> bool:
    """Whether a function's own name says it makes a value that is no text (``extractPromptCacheKey``, a key;
    ``getPromptTokenCount``, a count; the head noun is the last word before a qualifying one, so
    ``getContextPromptWithPath`` makes a prompt): kept in a prompts folder, what it returns is that value, not
    a prompt.  A member of an object is named by its table's key, not for what it returns
    (opencommit's ``rulesPrompts['body-max-line-length']`` writes the prompt line of that rule)."""
    if fn is None or (fn.parent is not None and fn.parent.type == "pair"):
        return False
    words = name_words(_function_name(fn) or "")
    head = words[:next((i for i, w in enumerate(words) if i and w in _QUALIFYING_WORDS), len(words))]
    return bool(head) and head[-1] in _VALUE_NOUNS


def _ui_sink(node) -> bool:
    """Whether ``node`` sits in the arguments of a React state setter (``setChatHistory(...)``: what
    a component shows) or of an event callback (``onMessage({...})``, ``onAuth({url, instructions})``:
    an event handed to a listener).  A setter whose name says prompt (``setSystemPrompt``) sets a
    prompt."""
    child, p = node, node.parent
    while p is not None:
        if p.type in ("call_expression", "new_expression") and child.type == "arguments":
            fn = p.child_by_field_name("function") or p.child_by_field_name("constructor")
            name = _prop_name(fn) if fn is not None else ""
            if _EVENT.match(name) or (_SETTER.match(name) and name not in _TIMERS
                                      and (not says_prompt(name) or _fills_field(p, name))):
                return True
            if _logging_call(fn):
                return True  # logger.debug("...", {config: {prompt: ...}}): a record of the request
        if p.type in ("function_declaration", "method_definition", "class_declaration", "program"):
            return False
        child, p = p, p.parent
    return False


_LOG_LEVELS = frozenset({"log", "info", "warn", "warning", "error", "debug", "trace", "verbose", "fatal"})
_LOGGER_WORDS = frozenset({"console", "logger", "log", "logging"})


def _error_scope_lifted(names: list, cand) -> bool:
    """Whether a scope about errors or logs (``excluded_by_scope``) says nothing of this text after all:
    a chat message given its role (``{role: 'user', content}`` in ``addLogsToCode``, a function that asks
    a model to add logs; or the prompt-named local it sends) is sent to a model whatever its function is named, and a member of a table
    named as prompts (``DEFAULT_PROMPTS.TOOL_ERROR_FEEDBACK``: the prompt that tells the model its tool
    failed) is one of those prompts.  Only the error/log scope words are lifted; a ``show*`` call or a
    titled ``template`` keep excluding."""
    scopes = [s for s in names[:-1] if isinstance(s, str)]
    hits = [i for i, s in enumerate(scopes) if set(name_words(s)) & ERROR_SCOPE_WORDS]
    if not hits or any(name_words(s)[:1] == ["show"] and len(name_words(s)) > 1 for s in scopes):
        return False
    if excluded_by_scope(names[-1], [s for i, s in enumerate(scopes) if i not in hits]):
        return False
    if (cand.message and cand.role) or cand.sent:
        # (a text bound to a prompt name that a role message sends: `const prompt = ...` in
        # `decideNotificationLevel`, then `{role: 'user', content: prompt}`)
        # (unless the message itself is bound to a name that says error: `const errorUIMessage = {role:
        # "assistant", parts: [{type: "text", text: `Error in delegating task...`}]}` reports a failure)
        return not set(name_words(_holder_name(cand.value))) & ERROR_SCOPE_WORDS
    # (a scope named for a prompt by its head noun, ``ReActAgentToolErrorPrompt = new PromptTemplate({template:
    # ...})``, is the prompt that tells the model of an error, not an error message)
    return any(says_prompt(s) for s in scopes[:hits[0]]) or any(names_prompts(scopes[i]) for i in hits)


def _holder_name(node) -> str:
    """The name the object holding ``node`` is bound to (a declaration or an assignment), or "" when
    the object is handed to a call or returned first."""
    p = node.parent
    while p is not None:
        if p.type == "variable_declarator":
            return _text(p.child_by_field_name("name") or p)
        if p.type == "assignment_expression":
            return _prop_name(p.child_by_field_name("left") or p)
        if p.type in ("arguments", "return_statement", "statement_block", "program"):
            return ""
        p = p.parent
    return ""


def _logging_call(fn) -> bool:
    """Whether ``fn`` is a logger's level method (``console.log``, ``this.logger.debug``, ``log.info``)."""
    if fn is None or fn.type != "member_expression":
        return False
    obj = fn.child_by_field_name("object")
    return _prop_name(fn) in _LOG_LEVELS and obj is not None and \
        bool(set(name_words(_prop_name(obj))[-1:]) & _LOGGER_WORDS)


def _fills_field(node, setter: str) -> bool:
    """Whether ``setter`` is the setter of a React state that a form field shows and edits
    (``const [prompt, setPrompt] = useState("")`` with ``<textarea value={prompt}>``): its argument is
    the field's text for a person to change and send (llamacoder's ``setPrompt("Build this")``), not a
    prompt the code sends."""
    root = node
    while root.parent is not None:
        root = root.parent
    state = None
    stack = [root]
    fields: set[str] = set()
    while stack:  # one pass: the state paired with the setter, and the names bound to value={...}
        n = stack.pop()
        t = n.type
        if t == "array_pattern" and len(n.named_children) == 2 and _text(n.named_children[1]) == setter:
            state = _text(n.named_children[0])
        elif t == "jsx_attribute" and n.named_children and _text(n.named_children[0]) in _FIELD_ATTRS:
            value = n.named_children[-1]
            if value.type == "jsx_expression" and value.named_children:
                fields.add(_text(value.named_children[0]))
            continue
        stack.extend(n.children)
    return state is not None and state in fields


_FIELD_ATTRS = frozenset({"value", "defaultValue"})


def _in_hook(node) -> bool:
    """Whether ``node`` is inside a React hook (a function named ``use`` + a capital)."""
    fn = _enclosing_function(node)
    while fn is not None:
        name = _function_name(fn)
        if name and _HOOK.match(name):
            return True
        fn = _enclosing_function(fn)
    return False


def _only_shown(decl, value) -> bool:
    """Whether every use of the declared name in its file shows it to a person (``console.log(X)``,
    ``rl.question(PROMPT)``, ``throw new Error(X)``): a message for people that its name calls a
    prompt (a terminal prompt).  False when it is never used in the file (exported for others)."""
    name = _text(decl)
    root = decl
    while root.parent is not None:
        root = root.parent
    uses = [n for n in _identifiers(root, name) if n.id != decl.id and not _written_name(n)]
    return bool(uses) and all(_shown(n) for n in uses)


def _assigned_only_shown(cand) -> bool:
    """Whether a candidate assigned to a local (``instructions = 'Press Cmd+Space...'``) is a value
    every read of that local in its function shows to a person (``setTerminalDialog({instructions})``)."""
    slot = cand.slot
    if slot is None or slot.type not in ("assignment_expression", "augmented_assignment_expression"):
        return False  # (`instructions += '# Edit the message below...'`: a piece the local is grown by)
    left = slot.child_by_field_name("left")
    if left is None or left.type != "identifier":
        return False
    scope = _enclosing_function(slot) or _root(slot)
    reads = [n for n in _identifiers(scope, _text(left)) if not _written_name(n)]
    return bool(reads) and all(_shown(n) for n in reads)


def _media_call(node) -> bool:
    """Whether ``node`` is an argument of a call, or a member of an object handed to one, whose callee's words
    say it makes pictures, sound or video (smartpdfs' ``together.images.create({model: "...FLUX.1-dev",
    prompt})``; OpenAI's ``images.generate``, ``audio.speech.create``): a media model's prompt, which no
    provider's prompt cache serves."""
    child, p = node, node.parent
    while p is not None and p.type in ("pair", "object", "arguments", "call_expression", "new_expression",
                                      "shorthand_property_identifier", "await_expression"):
        if p.type in ("call_expression", "new_expression") and child.type == "arguments":
            fn = p.child_by_field_name("function") or p.child_by_field_name("constructor")
            words = {w for part in re.split(r"[.?!\s]+", _text(fn) if fn is not None else "") for w in name_words(part)}
            # (each name of the path: `client.images.create`; not a voice: a realtime voice session's
            # instructions are a chat model's)
            return bool(words & (_MEDIA_WORDS - {"voice"}))
        child, p = p, p.parent
    return False


def _only_media(decl) -> bool:
    """Whether every use of a declared name in its file is a media call's prompt (``_media_call``)."""
    root = _root(decl)
    uses = [n for n in _identifiers(root, _text(decl)) if n.id != decl.id and not _written_name(n)]
    return bool(uses) and all(_media_call(n) for n in uses)


def _shown(node) -> bool:
    child, p = node, node.parent
    while p is not None and p.type not in ("expression_statement", "lexical_declaration", "return_statement",
                                           "variable_declaration", "program"):
        if p.type == "throw_statement":
            return True
        if p.type in ("call_expression", "new_expression") and child.type == "arguments":
            fn = p.child_by_field_name("function") or p.child_by_field_name("constructor")
            name = _prop_name(fn) if fn is not None else ""
            if name in _SHOWN_CALLEES or name.endswith("Error") or (_EVENT.match(name)) or \
                    (_SETTER.match(name) and name not in _TIMERS and not says_prompt(name)) or \
                    _written_to_file(p, name, node):
                return True
        child, p = p, p.parent
    return False


# Node's file-writing functions (``fs.writeFile``/``appendFile``, their ``Sync`` and ``fs/promises``
# forms; fs-extra's ``outputFile``; Deno's ``writeTextFile``): the text is the file's data, read by
# whoever opens that file, not sent to a model by this code.
_FILE_WRITES = frozenset({"writeFile", "writeFileSync", "appendFile", "appendFileSync", "outputFile",
                          "outputFileSync", "writeTextFile", "writeTextFileSync"})


def _written_to_file(call, name: str, node) -> bool:
    """Whether ``node`` is the data a file-writing call writes (aicommits' ``fs.appendFile(messageFilePath,
    instructions)``: comment lines for the person committing).  Not when the path written is a file agents
    read as instructions or a prompt folder's file (``writeFile('CLAUDE.md', rules)``,
    ``prompts/review.md``): a prompt kept for a model to load."""
    if name not in _FILE_WRITES:
        return False
    args = call.child_by_field_name("arguments")
    if args is None or len(args.named_children) < 2 or node.start_byte < args.named_children[1].start_byte:
        return False
    path = "".join(p.text for p in literal_parts(args.named_children[0]) or () if p.kind == "static")
    folders = [f for f in re.split(r"[\\/]", path) if f]
    # (a file named as a prompt, `${promptDir}/claude-prompt.txt`, is one kept for a model to load)
    return not (folders and (agent_file(folders[-1]) or set(folders[:-1]) & set(PROMPT_FOLDERS)
                             or is_path_prompty(folders[-1], prose=True)))


# An XML document for another program (an ``<?xml`` declaration, or a root element with a namespace:
# SSML ``<speak ... xmlns="http://www.w3.org/2001/10/synthesis">``); prompts' tags have no namespaces.
_XML = re.compile(r"\s*<(?:\?xml\b|[\w:-]+\s[^>]*\bxmlns(?::\w+)?=)")


# Keys of an object that asks a person something: a form's fields, a CLI question's choices and
# validator (inquirer, @clack/prompts).  Its ``prompt``/``message`` is the question put to the person.
# Also the keys of a menu or command palette entry bound to a key (Cody's ``{description: 'New Chat',
# prompt: 'Start a new chat', icon, command, keybinding}``): what it holds is shown in the menu.
_QUESTION_KEYS = frozenset({"fields", "placeholder", "choices", "validate", "keybinding", "keybindings",
                            "shortcut", "hotkey", "accelerator"})
# A command line for a shell: a well-known program, then subcommands, flags and paths only (no
# sentence), e.g. ``git diff --cached``, ``npm run build``.
# A URI or URI template (RFC 3986's `scheme://...`, RFC 6570's `{var}` in it), nothing else: an address
# (`new ResourceTemplate("ui://supermemory/app-{version}.html")`, an MCP resource's), not words for a model.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S*")
_COMMAND_LINE = re.compile(r"(?:git|npm|npx|pnpm|yarn|bun|node|deno|python3?|pip3?|uv|poetry|cargo|go|docker|"
                           r"kubectl|make|bash|sh|zsh|curl|wget|ls|cd|cat|grep|rg|find|gh)"
                           r"(?:[ \t]+[a-z][\w-]*){0,2}"  # subcommands (`diff`, `run build`)
                           r"(?:[ \t]+(?:-[\w-]+(?:=\S+)?|[\w~@-]*[./=][\w./:=@~-]*[\w/]|\d+))*")  # flags, paths, numbers
# A module named as a logger (``editOutcomeLogger.ts``, ``prompt-logger.ts``): what it builds is
# logged, not sent to a model.
_RECORDING_WORDS = frozenset({"logger", "loggers"})
_WORDISH = re.compile(r"[^\W\d_]")
_PLAIN_WORD = re.compile(r"[^\w]*[^\W\d_]+(?:['’-][^\W\d_]+)*[^\w]*")


# A token of a utility-CSS class list (``bg-bg-100``, ``hover:text-fg``, ``w-1/2``, ``italic``).
_CLASS_TOKEN = re.compile(r"!?[a-z][a-z0-9]*(?:[-:/.][a-z0-9\[\]#%.]+)*")


def _class_list(text: str) -> bool:
    """Whether ``text`` is a list of CSS class names (``"bg-bg-100 text-fg-300 border-border italic"``,
    a style variant keyed by role): every token a lowercase class name, most of them compound."""
    tokens = text.split()
    return len(tokens) >= 2 and all(_CLASS_TOKEN.fullmatch(t) for t in tokens) and \
        sum(("-" in t or ":" in t) for t in tokens) * 2 > len(tokens)


def not_prose(text: str) -> bool:
    """Whether a short text is a name, a heading or a command rather than words for a model: fewer
    than two words with letters once commands and flags (``/team``, ``--force``) are left out, or at most four words all capitalised with no sentence punctuation
    (``Google Chat``, ``UNCHANGED CODE``: a name or a marker)."""
    words = [w for w in text.split() if _WORDISH.search(w) and not w.startswith(("/", "-", "$", "@"))]
    if count_words(" ".join(words)) < 2:
        return True
    if _class_list(text):
        return True
    letters = [w for w in words if _WORDISH.search(w)]
    return len(letters) <= 4 and not re.search(r"[.!?:;,]", text) and \
        all(next(c for c in w if c.isalpha()).isupper() for w in letters)


# ---------------------------------------------------------------------------------------------
# Whether braces in a literal are placeholders the code fills


_TEMPLATING_WORDS = frozenset({"template", "format", "render", "compile", "mustache", "handlebars", "nunjucks"})


def _templated_call(node) -> bool:
    """Whether the literal ``node`` (through ``+``, parentheses and ``.trim()``) is handed to a call
    named for filling templates (``PromptTemplate.fromTemplate(...)``, ``format(...)``, ``render(...)``)."""
    while node.parent is not None and (node.parent.type in ("parenthesized_expression", "template_substitution",
                                                             "template_string", "binary_expression")
                                       or _text_method(node.parent) or node.parent.type == "member_expression"):
        node = node.parent
    if node.parent is None or node.parent.type != "arguments" or node.parent.parent is None:
        return False
    callee = node.parent.parent.child_by_field_name("function") or node.parent.parent.child_by_field_name(
        "constructor")
    return callee is not None and bool(set(name_words(_text(callee))) & _TEMPLATING_WORDS)


def _exported(decl) -> bool:
    p = decl.parent
    while p is not None and p.type in ("variable_declarator", "lexical_declaration", "variable_declaration"):
        p = p.parent
    return p is not None and p.type == "export_statement"


def _sent_as_is(decl, depth: int = 0) -> bool:
    """Whether the text a declared name holds goes on unchanged: it is not exported, and every use of
    it in its file is spliced into other text (``${NAME}``, ``NAME + "..."``) that in turn is only
    declared, returned or spliced again.  Then ``{{HOLE}}``/``{name}`` in it are text the model
    reads, not placeholders: nothing in the code fills them (a ``.replace``, a template engine, any
    call it is passed to would)."""
    if _exported(decl) or depth > 3:
        return False
    name = _text(decl)
    root = decl
    while root.parent is not None:
        root = root.parent
    uses = [n for n in _identifiers(root, name) if n.id != decl.id]
    if not uses:
        return False
    for use in uses:
        node = use
        while node.parent is not None and (
                node.parent.type in ("template_substitution", "template_string", "parenthesized_expression")
                or (node.parent.type == "binary_expression"
                    and _text(node.parent.child_by_field_name("operator")) == "+")):
            node = node.parent
        top = node.parent
        if top is None:
            return False
        if top.type == "variable_declarator" and top.child_by_field_name("value") is not None \
                and top.child_by_field_name("value").id == node.id:
            target = top.child_by_field_name("name")
            if target is None or target.type != "identifier" or not _sent_as_is(target, depth + 1):
                return False
        elif top.type == "pair" and _message_slot(top):
            continue  # {role: 'system', content: systemPrompt}: the chat APIs send a message's text as it is
        elif top.type not in ("return_statement", "arrow_function"):
            return False
    return True


def _message_slot(pair) -> bool:
    """Whether ``pair`` is the ``content``/``text`` of a chat message (an object with a literal role),
    which no call that fills templates takes (``ChatPromptTemplate.fromMessages([...])`` would)."""
    if _prop_name(pair.child_by_field_name("key")) not in ("content", "text"):
        return False
    role = _speaker(_object_keys(pair.parent))
    if not isinstance(role, str) or role.lower() not in ROLES:
        return False
    node = pair.parent
    while node is not None and node.type not in ("statement_block", "program", "arrow_function",
                                                 "function_declaration", "method_definition"):
        if node.type in ("call_expression", "new_expression"):
            callee = node.child_by_field_name("function") or node.child_by_field_name("constructor")
            words = {w for part in _text(callee).split(".") for w in name_words(part)} if callee is not None else set()
            if words & _TEMPLATING_WORDS:
                return False
        node = node.parent
    return True
