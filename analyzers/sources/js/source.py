"""The JS/TS reader (``JsCodeSource``): which files it reads and the ``load`` entry point."""

from __future__ import annotations

import os
import re

from ...model import Prompt, Segment, SourceError
from ...js_tree import text as _text
from ..config_fields import translated_instruction
from ..interface import LoadedFile, NoPrompts, SourceOptions, SourceParseError
from ..js_project import (
    defining_module, imported_params, imports_of, importer, keep_tree, note_tree, resolved_path, take_tree,
)
from ..walk import in_translation_folder
# (the same patterns as the Python source's "text written for a model" rule)
from ..python.rules import _DIAGRAM, _HTML
from ..prompt_names import (
    count_words, excluded_by_scope, has_prompt_size, holds_template_syntax, is_path_prompty, looks_like_code,
    SQL_STATEMENT, name_words,
)
from .calls import _COMMAND_ARGUMENTS, _continued, _translated_member
from .candidates import _Candidates
from .exclusions import (
    _assigned_only_shown, _COMMAND_LINE, _URI, _error_scope_lifted, _FRONT_MATTER, _HOOK, _in_hook, _only_shown,
    _media_call, _only_media,
    _PLAIN_WORD, _RECORDING_WORDS, _sent_as_is, _templated_call, _ui_sink, _WORDISH, _XML, not_prose,
)
from .fills import _filled_imports, _noting, filled_keys, split_filled
from .flows import _BRANCH_PHRASE_WORDS, _ERROR_TEXT, _in_error_path, _MARKUP_TAG, _SENTENCE, _without_commands
from .grammar import _grammar, _I18N_CALL, _kind, _Positions, _reads, _TERMINAL_STYLE, EXTENSIONS, NO_PROMPTS_HINT
from .importers import _filled_by_importers, _spliced_exports, importer_prompts
from .jsx_messages import jsx_message_parts
from .literals import _Candidate, _FORMATTER, _NAMES, _Part, array_join_parts, literal_parts
from .names import _MEMBER, resolve_names
from .printf import _requires, formatter, own_formatter, printf_parts, template_fill
from .roles import _MAX_MEMBER_LOOKS, _member_calls
from .tree import _join, _module_functions, _qualified


class JsCodeSource(_Candidates):
    name = "js"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith(EXTENSIONS)

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        data = text.encode("utf-8")
        parser, query = _grammar(_kind(path))
        index = options.project
        self._language = parser.language
        self._kind = _kind(path)
        self._translated = in_translation_folder(path)  # locales/cn.ts: only its translated prompts
        tree = take_tree(index, path, data) or parser.parse(data)  # (parsed once per scan)
        note_tree(index, path, tree)
        imports = imports_of(tree.root_node)
        self._index, self._path, self._imports = index, path, imports
        self._prompt_imports: set[tuple[str, str]] = set()
        if index is not None:  # (an importer reading ahead meets this file in a cycle: nothing)
            index._memo[("js-loading", os.path.abspath(path))] = True
        self._templated_imports: set[tuple[str, str]] = set()
        self._member_calls: set[str] = set()  # members called to make text its prompts splice
        self._options = options
        self._spliced_exports, self._templated_exports = _spliced_exports(index, path, tree.root_node, options)
        imported = _noting(importer(index, path, imports), self)
        self._imported_params = lambda local: imported_params(index, path, imports, local)
        self._imported_wraps = lambda local: imported_params(index, path, imports, local, "wraps")
        self._imported_fills = lambda local: imported_params(index, path, imports, local, "fills")
        self._imported_sends = lambda local: imported_params(index, path, imports, local, "sends")
        # (a JSX component named after prompts shows them: QueuedPrompts.tsx)
        prompty = is_path_prompty(path) and not path.lower().endswith((".tsx", ".jsx"))
        self._hook_module = _HOOK.match(path.replace("\\", "/").rsplit("/", 1)[-1]) is not None
        stem = path.replace("\\", "/").rsplit("/", 1)[-1].split(".", 1)[0]
        if name_words(stem)[-1:] and name_words(stem)[-1] in _RECORDING_WORDS:
            raise NoPrompts(hint=NO_PROMPTS_HINT)  # a logging or telemetry module records text
        token = _NAMES.set(lambda parts: resolve_names(parts, tree.root_node, imported=imported))
        own_formats = {n: f for n, fn in _module_functions(tree.root_node).items() if (f := own_formatter(n, fn))}
        requires = _requires(tree.root_node)
        formats = _FORMATTER.set(lambda callee: formatter(
            callee, imports, requires, own_formats,
            lambda local: imported_params(index, path, imports, local, "formats")))
        try:
            return self._read(path, text, data, tree, query, prompty, imported, options)
        finally:
            _NAMES.reset(token)
            _FORMATTER.reset(formats)
            if index is not None:  # what this file splices in, for the modules it imports from
                index._memo[("js-prompt-imports", os.path.abspath(path))] = self._prompt_imports
                index._memo[("js-templated-imports", os.path.abspath(path))] = self._templated_imports
                index._memo[("js-member-calls", os.path.abspath(path))] = self._member_calls
                index._memo[("js-loading", os.path.abspath(path))] = False
                if getattr(self, "_ahead", False):  # read ahead: its own turn parses nothing again
                    keep_tree(index, os.path.abspath(path), data, tree)

    def _read(self, path, text, data, tree, query, prompty, imported, options) -> LoadedFile:
        candidates = self._candidates(tree.root_node, query, prompty)
        self._note_filled(candidates, tree.root_node)
        fills = filled_keys(_reads(tree.root_node, self._language))
        filled_elsewhere = _filled_by_importers(self._index, path, text)
        if self._translated:
            candidates = [c for c in candidates if _translated_member(c)]
        pos = _Positions(data)
        loaded = LoadedFile()
        seen_values: set[tuple[int, int]] = set()
        names: dict[str, int] = {}
        reported: list[tuple[int, int]] = []  # value ranges of the prompts reported so far
        for cand in candidates:
            key = (cand.value.start_byte, cand.value.end_byte)
            if key in seen_values:
                continue
            # (an AI.JSX message nested in a message's child completion is another request's: `<SystemMessage>
            # ...{' '}<JsonChatCompletion><UserMessage>Generate ...</UserMessage></JsonChatCompletion></SystemMessage>`)
            if not cand.item and not cand.jsx and any(s <= key[0] and key[1] <= e and key != (s, e) for s, e in reported):
                continue  # text inside a prompt already reported (a ${...} or an operand): part of it
            self._noted = []  # the imported names this candidate's text takes in (see _noting)
            if cand.jsx:
                parts = jsx_message_parts(cand.value)  # an AI.JSX message element's children
            else:
                parts = literal_parts(cand.value) if cand.join is None else array_join_parts(cand.value, cand.join)
            if not parts:
                continue
            parts = resolve_names(parts, tree.root_node, imported=imported)
            if any(p.kind == "static" and _COMMAND_ARGUMENTS in p.text for p in parts):
                parts = split_filled(parts, {_COMMAND_ARGUMENTS})
            if cand.join is None and not any(p.kind == "variable" for p in parts):
                # let prompt = A; prompt += `Title:\n${title}`: the text before its first variable
                # goes on in what the code appends
                parts = parts + resolve_names(_continued(cand), tree.root_node, imported=imported)
            keys = fills.get(_text(cand.decl)) if cand.decl is not None else None
            if keys and (not any(k.startswith("{") for k in keys) or any(p.kind == "variable" for p in parts)
                         or not holds_template_syntax("".join(p.text for p in parts))):
                # PROMPT.replace("[[AI_RULES]]", rules): a variable (a `{name}` the code fills is one
                # too when the text is not read as a template: `<source file="{filename}">` beside
                # `{git-diff}`, which no template syntax has)
                parts = split_filled(parts, keys)
            fill = self._printf_fill(cand, tree.root_node) if cand.join is None else None
            if fill is not None:
                # util.format(SummaryPrompt, ctx): its `%s` fields are the call's values, in order
                parts = printf_parts(parts, *fill, end=cand.value.end_byte - 1)
            if cand.own == "default" and cand.slot is not None and cand.slot.type == "export_statement" \
                    and getattr(self, "_default_markers", None):
                parts = split_filled(parts, self._default_markers)  # ■■■protocol■■■, filled by the importer
            if filled_elsewhere and any(p.kind == "variable" for p in parts):
                # CODYAGENT_PROMPTS.review.replace('{{CODY_TOOLS_PLACEHOLDER}}', tools) in an importer: a
                # variable at its place (a text without `${}` is read as the template it is)
                here = {k for k in filled_elsewhere if any(p.kind == "static" and k in p.text for p in parts)}
                if here:
                    parts = split_filled(parts, here)
            elif filled_elsewhere:
                # `$title` filled by the renderer the text is handed to: JavaScript reads no `$name` as
                # a template, so the fill alone says where the variables are; so is a `{plan}` an
                # importer fills (`serpQueriesPrompt.replace("{plan}", plan)`) in a text not read as a
                # template (a JSON example's braces beside it)
                # (also in a text read as a template that is returned or spliced as it is, which the
                # template reading would take for braces nothing fills: page-assist's
                # `DEFAULT_WEBSEARCH_PROMPT`, returned by `getWebSearchPrompt()` and filled by its importer's
                # `.replace("{current_date_time}", current_date_time)`)
                loose = any(k[:1] == "{" and k[:2] != "{{" for k in filled_elsewhere) and (
                    not holds_template_syntax("".join(p.text for p in parts))
                    or (cand.decl is not None and _sent_as_is(cand.decl)))
                here = {k for k in filled_elsewhere if (k.startswith("$") or (loose and k[:2] != "{{"
                                                                             and k.startswith("{")))
                        and any(p.kind == "static" and k in p.text for p in parts)}
                if here:
                    parts = split_filled(parts, here)
            seen_values.add(key)
            prompt = self._prompt(path, text, pos, cand, parts, options, loaded)
            if prompt is None:
                continue
            reported.append(key)
            self._member_calls |= _member_calls(tree.root_node, parts, self._imports)
            # (names resolved to an imported constant's text, and imported names left variables:
            # `${getContentTypesGuidance()}` of a function whose returns hold variables)
            self._note_imports(self._noted + [p.expression for p in parts if p.kind == "variable" and p.expression],
                               prompt.syntax not in (None, "js") or _templated_call(cand.value))
            n = names.get(prompt.container or "", 0) + 1
            names[prompt.container or ""] = n
            if n > 1:  # the same qualified name twice in a file: the line tells them apart
                prompt.container = f"{prompt.container}@L{prompt.line}"
                prompt.name = f"{path}:{prompt.container}"
            loaded.prompts.append(prompt)
        if not loaded.prompts and not loaded.errors:
            raise NoPrompts(hint=NO_PROMPTS_HINT)
        loaded.prompts.sort(key=lambda p: (p.line, p.segments[0].column if p.segments else 0))
        return loaded

    def _printf_fill(self, cand, root):
        """(kind, values, members) of the printf-style formatter call handed the text ``cand`` declares
        (``js.printf``), or None."""
        if cand.decl is None or cand.decl.type != "identifier" or "%" not in _text(cand.value):
            return None
        return template_fill(self._index, self._path, root, self._language, self._imports, _text(cand.decl))

    def _note_filled(self, candidates, root) -> None:
        """Record, for the modules this file imports texts from, the texts its prompt slots hand to a fill
        function (``_filled_imports``): (module, name) sent to the model, with the markers filled in it."""
        index = self._index
        if index is None or not self._imports:
            return
        found = _filled_imports(candidates, _module_functions(root), self._imported_fills, self._imports)
        for (spec, name), (markers, role) in found.items():
            target = defining_module(index, resolved_path(index, self._path, spec), name) \
                if name != "*" else None
            if target:
                self._prompt_imports.add((target, name))
                index._memo.setdefault(("js-filled-markers", target, name), set()).update(markers)
                index._memo.setdefault(("js-filled-role", target, name), role)

    def _note_imports(self, noted, templated: bool = False) -> None:
        """Record the imported names whose text a prompt of this file takes in (``${RULES}``,
        ``${P.RULES}``, ``${getGuidance()}``) as (declaring module, name); ``templated``: that prompt
        is filled as a template, so braces in the imported text are its fields."""
        if self._index is None or not self._imports:
            return
        for expr in noted:
            expr = expr.removesuffix("()")
            head, _, member = expr.partition(".")
            entry = self._imports.get(head) if _MEMBER.fullmatch(expr) else None
            if entry is None:
                continue
            spec, name = entry
            if name == "*":
                if not member:
                    continue
                name = member
            elif member:
                continue
            target = defining_module(self._index, resolved_path(self._index, self._path, spec), name)
            if target:
                self._prompt_imports.add((target, name))
                if templated:
                    self._templated_imports.add((target, name))

    def _spliced_member(self, name: str) -> bool:
        """Whether another file of the scan calls a member ``name`` (``const {pinnedMessage} = mod;
        const content = await pinnedMessage(ctx)``) and splices what it returns into a prompt: the
        objects and classes defining that member (each module's ``pinnedMessage: async () => `...` ``)
        make that prompt's text."""
        index = self._index
        if index is None:
            return False
        memo = index._memo.setdefault(("js-spliced-member",), {})
        if name not in memo:
            from ...crossflow.index import _read

            memo[name], me, looked = False, os.path.abspath(self._path), 0
            for other in index.mentioning(name):
                if other == me or not other.lower().endswith(EXTENSIONS) or looked >= _MAX_MEMBER_LOOKS:
                    continue
                if not re.search(rf"(?<![\w$]){re.escape(name)}\s*\(", _read(other, index.limit) or ""):
                    continue
                looked += 1
                importer_prompts(index, other, self._options)  # (read ahead of its turn when needed)
                if name in index._memo.get(("js-member-calls", other), ()):
                    memo[name] = True
                    break
        return memo[name]

    # -- a prompt from a literal -------------------------------------------------------------

    def _prompt(self, path: str, text: str, pos: _Positions, cand: _Candidate, parts: list[_Part],
                options: SourceOptions, loaded: LoadedFile) -> Prompt | None:
        names = _qualified(cand.slot, cand.own)
        if names and excluded_by_scope(names[-1], names[:-1]) and not _error_scope_lifted(names, cand) \
                and not cand.command:  # (`showTask = dynamicCommand(...)`: a command, not a UI call)
            return None
        if _ui_sink(cand.value) or (cand.message and (self._hook_module or _in_hook(cand.value))):
            return None  # UI state or an event for a listener; a transcript item of a chat UI
        if (cand.decl is not None and _only_shown(cand.decl, cand.value)) or _assigned_only_shown(cand):
            return None  # a constant used only where people see it (log, error, terminal question)
        if _media_call(cand.value) or (cand.decl is not None and _only_media(cand.decl)):
            return None  # images.create({prompt}): a picture's (a sound's, a video's) description
        container = _join(names) or f"L{pos.at_byte(cand.value.start_byte)[0]}"
        variables = [p for p in parts if p.kind == "variable"]
        static = "".join(p.text for p in parts if p.kind == "static")
        if looks_like_code(static) or any(_I18N_CALL.match(p.expression or "") or
                                          _TERMINAL_STYLE.match(p.expression or "") for p in variables):
            return None  # a script, text put through a UI translation function or coloured for a terminal
        if _COMMAND_LINE.fullmatch(static.strip()):
            return None  # `git diff${staged ? ' --cached' : ''}`: a command line for a shell
        if _URI.fullmatch(static.strip()):
            return None  # `ui://supermemory/app-{version}.html`: an address (a URI template's fields are no prompt's)
        if _FRONT_MATTER.match(static):
            return None  # a Markdown document with YAML front matter: a file being written
        if SQL_STATEMENT.match(static) or _HTML.match(static) or _DIAGRAM.match(static) or _XML.match(static):
            return None  # SQL, browser markup, diagram source: text for other programs (the Python rule)
        syntax = None
        if not variables and options.syntax != "none":
            syntax = options.syntax if options.syntax not in ("auto", "", None) else holds_template_syntax(static)
            if syntax and options.syntax in ("auto", "", None) and (
                    cand.as_is or (cand.decl is not None and _sent_as_is(cand.decl))):
                syntax = None  # braces nothing fills: text for the model ({{FILL_HERE}} markers)
            if syntax == "template" and options.syntax in ("auto", "", None) and "${" not in static:
                # JavaScript has no ``$name`` template (Python's string.Template has): a bare ``$xx`` is
                # text (``$xx.xx``, a price written with letters); ``${name}`` in a quoted string is
                # the field a ``.replace`` fills
                syntax = None
        if syntax:
            segments = self._template_segments(path, text, pos, cand, static, syntax, options, loaded)
            if segments is None:
                return None
        else:
            segments = []
            for p in parts:
                line, column = pos.at_byte(p.start)
                if p.kind == "variable":
                    segments.append(Segment(p.text, "variable", line, column, True, p.expression,
                                            expression=p.expression))
                elif p.text:
                    segments.append(Segment(p.text, "static", line, column, p.verbatim))
        tvars = [s for s in segments if s.kind == "variable"]
        if cand.role == "assistant" and cand.message and segments and (segments[0].kind == "variable" or (
                cand.by_path and not _WORDISH.search(_MARKUP_TAG.sub("", static)))):
            # {role: 'assistant', content: [message.content, citations].join('\n')}, and the pieces a local
            # of it is assigned (`combined += "<think>" + deltaReasoning`): the model's own answer (its
            # streamed text, its reasoning in tags) put back in the history, with the app's words after it:
            # not text it writes (a message written in place, `{speaker: 'assistant', text:
            # ps`${OPENING_CODE_TAG}${infillBlock}`}`, is the app's prefill)
            return None
        turn = cand.turn and _WORDISH.search(static) is not None  # ("continue": a user turn, at any size)
        if not tvars and not_prose(static) and not turn:
            return None  # a name, a heading or a command line: not text written for a model
        if cand.branch and not _WORDISH.search(_MARKUP_TAG.sub("", static)):
            # a branch made of values only (`a + "\n\n" + b`, `<think>${r}</think>${c}`): a choice
            # between values
            return None
        if cand.branch and not tvars and not _SENTENCE.search(static) and count_words(static) < _BRANCH_PHRASE_WORDS:
            return None  # `n === 1 ? "file has" : "files have"`: a phrase completing a sentence
        if cand.by_path and (cand.decl is not None or cand.join is not None) and not _SENTENCE.search(static) \
                and count_words(static) < _BRANCH_PHRASE_WORDS:
            return None  # a section of a few words (`["edits", "type checks"].join(" and ")`): a phrase too
        if cand.item and "\n" not in static:
            return None  # `<${t}> tag`, `[From ${f.source}]: ${f.text}`: a piece of the prompt's line, read with it
        if _ERROR_TEXT.match(static):
            return None  # "Error: interrupted before a result was recorded": an error message
        if _in_error_path(cand.value, clause=cand.by_path):
            return None  # returned from a .catch callback (or a catch clause): a fallback after an error
        if cand.by_path and tvars and not _WORDISH.search(_without_commands(static)) and "\n" not in static:
            return None  # only values on one line (`${icon} ${path}`), kept in a prompts file: a label
        if cand.by_path and not tvars and sum(bool(_PLAIN_WORD.fullmatch(w)) for w in static.split()) < 2:
            return None  # no words of prose ('__PLACEHOLDER_0__, __PLACEHOLDER_1__'): a fragment
        if not has_prompt_size("".join(s.text for s in segments if s.kind == "static"), len(tvars)) and not turn:
            return None
        if self._translated and not translated_instruction(static):
            return None  # a translation bundle's label ("自定义提示词列表"): text for people
        first = segments[0].line if segments else pos.at_byte(cand.value.start_byte)[0]
        if segments and segments[0].line < pos.at_byte(cand.value.start_byte)[0]:
            first = pos.at_byte(cand.value.start_byte)[0]  # (its head is a constant declared above it)
        return Prompt(name=f"{path}:{container}", path=path, segments=segments,
                      kind="template" if tvars else "text",
                      syntax=(syntax or "js") if tvars else None, line=first,
                      container=container, role=cand.role)

    def _template_segments(self, path, text, pos, cand, static, syntax, options,
                           loaded) -> list[Segment] | None:
        from ..config_fields import place
        from ..request import LineIndex
        from ..template import parse_template

        try:
            parsed = parse_template(static, path, syntax)
        except SourceParseError as exc:
            if options.syntax in ("auto", "", None):  # the syntax was a guess: plain text after all
                parsed = parse_template(static, path, "none")
            else:
                line = pos.at_byte(cand.value.start_byte)[0] + (exc.line or 1) - 1
                loaded.errors.append(SourceError(path, exc.message, line, exc.hint))
                return None
        start = pos.char_offset(cand.value.start_byte)
        end = pos.char_offset(cand.value.end_byte)
        segs = place(parsed.segments, text, start, end, LineIndex(text))
        return [Segment(s.text, s.kind, s.line, s.column, s.verbatim, s.name,
                        expression=s.name if s.kind == "variable" else None) for s in segs]
