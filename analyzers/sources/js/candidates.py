"""The candidate literals of a file (``_Candidates``): what the queries match and the sections they join."""

from __future__ import annotations

import os
import re

from ...js_tree import text as _text
from ..config_fields import METADATA_KEYS
from ..prompt_names import (
    ERROR_SCOPE_WORDS, name_words, PROMPT_WORDS, role_of, says_prompt, says_prompt_in, TEXT_NOUNS,
)
from .arrays import _indexed_tables, _joined_array, _mapped_returns, _pushed, _spliced_names, _spread_arrays, _unwrapped
from .calls import (
    _agent_inputs, _appended, _COMMAND_ARGUMENTS, _command_object, _command_texts, _handed_in, _option_args, _prompt_class_fields,
    _returned_into, _sent_params, _translated_member,
)
from .exclusions import _DIALOGS, _named_for_a_value, _QUESTION_KEYS, _ui_sink
from .fills import _prompt_arguments, _wrapped_args
from .flows import (
    _aliased_contents, _assigned_values, _BRANCH_PHRASE_WORDS, _branches, _MAX_PASSES, _SENTENCE, _shorthand_members,
    _spliced_assignments,
)
from .grammar import _KINDS, _reads, ROLES
from .importers import _default_literal, _default_sent, _exported_literals, _template_fills
from .imported_sends import imported_sent_args
from .jsx_messages import jsx_message_candidates
from .literals import _Candidate, literal_parts
from .member_sends import member_sent_args
from .reduce_init import reduce_init
from .roles import (
    _builds_message, _built_role, _in_messages_list, _in_response, _jsx_prompt_props, _listed_role, _mapped_items, _member_function,
    _object_keys, _part_role, _prompt_list_part, _returns_name, _shorthand_contents, _speaker, _text_parts,
    _typed_part, _walked_items,
)
from .tree import (
    _array_declarator, _enclosing_function, _excluded, _function_name, _module_functions, _owner_name, _prop_name,
    _within,
)


# The verbs of a call that adds a message to a conversation (``appendMessage``, ``addMessage``, ``pushMessage``).
_ADDING_VERBS = frozenset({"append", "add", "push", "insert", "prepend", "unshift"})
_MEMBER_CHAIN = re.compile(r"[\w$]+(?:\??\.[\w$]+)*")


def _carries_prompt(value) -> bool:
    """Whether a returned text (a template, ``[...].join(sep)``, a ``+`` chain) is written around a value whose
    name says it is a prompt (``turn.prompt``, ``task.prompt``), with words of its own: the text the code sends
    in that prompt's place (a plain name, ``${prompt}`` alone, stays the value it is)."""
    parts = literal_parts(value)
    if not parts:
        return False
    static = " ".join(p.text for p in parts if p.kind == "static")
    named = [p for p in parts if p.kind == "variable" and _MEMBER_CHAIN.fullmatch(p.expression or "")
             and says_prompt(re.split(r"\??\.", p.expression)[-1])]
    # (words of its own: more than a phrase, in sentences, as a conditional's branch must hold to be read)
    return bool(named) and len(static.split()) > _BRANCH_PHRASE_WORDS and bool(_SENTENCE.search(static))


def _listed_prompt_definition(obj, key: str) -> bool:
    """Whether ``key`` of the object literal ``obj`` is the text of a prompt definition: ``obj`` is an item of
    an array named for prompts (``const defaultPrompts = [{title, message}]``) and the key's last word says
    text or prompt (``message``, ``content``, ``system``; not ``title``, ``description``, ``category``)."""
    words = name_words(key)
    if not words or not (words[-1] in PROMPT_WORDS or words[-1] in TEXT_NOUNS):
        return False
    arr = obj.parent if obj is not None else None
    if arr is None or arr.type != "array":
        return False
    owner = _owner_name(arr)
    return bool(owner) and says_prompt(owner) and name_words(owner)[-1] in ("prompts", "templates", "instructions")


class _Candidates:
    """The candidate literals of a file and the sections they join."""

    # -- where literals sit ------------------------------------------------------------------

    def _candidates(self, root, query, prompty: bool) -> list[_Candidate]:
        import tree_sitter as ts

        out: list[_Candidate] = []
        returned: dict[int, set[str]] = {}  # function node id -> identifiers it returns
        decls: list[tuple] = []
        for index, caps in ts.QueryCursor(query).matches(root):
            kind = _KINDS[index]
            value = caps["value"][0]
            name_node = caps.get("name", [None])[0]
            if kind == "return":
                fn = _enclosing_function(value)
                if value.type == "identifier":
                    returned.setdefault(fn.id if fn is not None else 0, set()).add(_text(value))
                    continue
                fname = _function_name(fn)
                if (prompty and not _named_for_a_value(fn)) or (fname and says_prompt(fname)):
                    out.append(_Candidate(value, value.parent, None if fname else "return",
                                          role_of(fname) if fname else None,
                                          by_path=not (fname and says_prompt(fname))))
                elif fname and _carries_prompt(value):
                    # return ['# DeepChat Live Delegation', ..., turn.prompt, '', 'Return markdown with...'].join('\n'):
                    # instructions written around a value the code calls a prompt are that prompt as it is sent
                    out.append(_Candidate(value, value.parent, None, role_of(fname), by_path=True))
                elif fname and _member_function(fn) and literal_parts(_unwrapped(value)) is not None \
                        and self._spliced_member(fname):
                    out.append(_Candidate(_unwrapped(value), value.parent, None, role_of(fname), by_path=True))
            elif kind == "arrow":
                if value.type in ("statement_block",):
                    continue
                fname = _function_name(value.parent)
                if self._translated and _translated_member(_Candidate(value, value.parent.parent, fname, None)):
                    # a translation's prompt written as a function: History: (content) => "..." + content
                    out.append(_Candidate(value, value.parent.parent, fname, None))
                elif (prompty and not _named_for_a_value(value.parent)) or (fname and says_prompt(fname)):
                    out.append(_Candidate(value, value.parent, None, role_of(fname) if fname else None,
                                          by_path=not (fname and says_prompt(fname))))
                elif fname and _member_function(value.parent) and literal_parts(value) is not None \
                        and self._spliced_member(fname):
                    out.append(_Candidate(value, value.parent, None, role_of(fname), by_path=True))
            elif kind == "decl":
                decls.append((name_node, value))
            elif kind in ("pair", "field", "assign"):
                name = _prop_name(name_node)
                if set(name_words(name)) & ERROR_SCOPE_WORDS and not says_prompt(name):
                    continue  # {success: false, error: `Failed to parse ...`}: an error message
                obj = value.parent.parent if kind == "pair" else None
                siblings = _object_keys(obj) if obj is not None else {}
                role = _speaker(siblings)
                message = isinstance(role, str) and role.lower() in ROLES and not _in_response(value)
                if kind == "pair" and siblings.keys() & _QUESTION_KEYS:
                    continue  # a form or a terminal question: asks a person
                part_role = _part_role(obj) if kind == "pair" and name == "text" and not message else None
                built = _built_role(obj) if kind == "pair" and not message else None
                if built and name == "content":
                    # new HumanMessage({ content: `...` }): LangChain's message classes take their
                    # content in an object too
                    out.append(_Candidate(value, value.parent, name, built, message=True))
                elif kind == "pair" and name == "content" and _command_object(obj):
                    # staticCommand({name, description, content: `...`}): a Claude Code command's prompt
                    out.append(_Candidate(value, value.parent, name, "user", command=True))
                elif message and name in ("content", "text"):
                    out.append(_Candidate(value, value.parent, name, ROLES[role.lower()], message=True))
                elif part_role:
                    # a content part of a message: {role, content: [{type: "text", text}]} (OpenAI,
                    # Anthropic) or {role, parts: [{text}]} (Gemini)
                    out.append(_Candidate(value, value.parent, name, part_role, message=True))
                elif kind == "assign" and name == "content" and _in_messages_list(name_node):
                    # messages[0].content = defaultContext: the text written into a message of the chat
                    out.append(_Candidate(value, value.parent, name, None, message=True))
                elif kind == "pair" and name == "text" and not message and (_prompt_list_part(obj) or _typed_part(obj)):
                    if obj.parent is not None and obj.parent.type == "arguments":
                        # contentPrompt.push({type: "text", text}): named after the list, as a pushed text is
                        call = obj.parent.parent
                        holder = _text(call.child_by_field_name("function").child_by_field_name("object"))
                        out.append(_Candidate(value, call, holder, None, message=True, by_path=True))
                    else:
                        out.append(_Candidate(value, value.parent, name, None, message=True))
                elif says_prompt(name) or (kind == "pair" and says_prompt_in(name, (), siblings.keys())):
                    # (goal/description: only in an object shaped like an agent or task; code is
                    # full of other descriptions)
                    out.append(_Candidate(value, value.parent, name, role_of(name)))
                elif kind == "pair" and "_".join(name_words(name)) not in METADATA_KEYS \
                        and says_prompt(_owner_name(obj)):
                    # a member of an object named as a prompt: PROMPT = {system, user, instruction}
                    out.append(_Candidate(value, value.parent, name, role_of(name, _owner_name(obj))))
                elif kind == "pair" and _listed_prompt_definition(obj, name):
                    # a text member of a prompt definition listed in an array named for prompts (Wingman's
                    # defaultPrompts: PromptDefinition[] = [{title, description, message: `${CODE_HAVE}...`}])
                    out.append(_Candidate(value, value.parent, name, role_of(name)))
            elif kind in ("call", "new"):
                if _text(name_node) in _DIALOGS:
                    continue  # the browser's prompt() dialog, a terminal question: asks a person
                callee = _prop_name(name_node)
                words = name_words(callee)
                role = role_of(callee) if words and words[-1] in ("message", "msg") else None
                if role is None and words and words[-1] in ("message", "msg") and words[0] in _ADDING_VERBS:
                    # messageBuilder.appendMessage('user', userContent, appendIndex): a role given as an argument
                    # of a call that adds a message to a conversation (not buildAuthNextMessage("user", "..."): an
                    # HTTP error's text for a kind of caller)
                    said = [ROLES["".join(p.text for p in literal_parts(a)).lower()]
                            for a in value.parent.named_children
                            if a.id != value.id and a.type == "string" and
                            "".join(p.text for p in literal_parts(a) or ()).lower() in ROLES]
                    role = said[0] if len(said) == 1 else None
                listed = _listed_role(value.parent.parent, words) if kind == "call" else None
                if listed:
                    # {role: "user", fragments: [createTextContentFragment(`...`)]}: a text part of
                    # the message, built by a call named after text content
                    out.append(_Candidate(value, value.parent.parent, callee, listed, message=True))
                elif says_prompt(callee) or role:
                    out.append(_Candidate(value, value.parent.parent, callee, role or role_of(callee),
                                          message=bool(role)))
                elif _builds_message(name_node) and not set(words) & ERROR_SCOPE_WORDS:
                    # messageBuilder.ok(agentId, `Contents of ${path}:...`), createMessage(`...`): the
                    # text a message maker is given is that message's content
                    out.append(_Candidate(value, value.parent.parent, callee, role_of(callee), message=True))
            elif kind == "tuple":
                role = "".join(p.text for p in (literal_parts(name_node) or [])).lower()
                if role in ROLES and value.parent.parent is not None \
                        and value.parent.parent.type in ("arguments", "array"):
                    out.append(_Candidate(value, value.parent, None, ROLES[role], message=True))
        for name in getattr(self, "_spliced_exports", ()):
            out.extend(_exported_literals(root, name, name not in self._templated_exports))
        default = _default_literal(root)
        self._default_markers = None
        if default is not None and self._index is not None:
            markers = _default_sent(self._index, self._path, self._options)
            if markers is not None:
                # export default "# Important Instructions\n...■■■protocol■■■..." (a prompt file compiled to a
                # module), which an importer sends to a model: a prompt, named after its export
                self._default_markers = markers
                role = self._index._memo.get(("js-filled-role", os.path.abspath(self._path), "default"))
                out.append(_Candidate(default, default.parent, "default", role, as_is=True))
        out.extend(_prompt_class_fields(root, {c.value.id for c in out}))
        if _COMMAND_ARGUMENTS.encode() in root.text:
            out.extend(_command_texts(root, {c.value.id for c in out}))
        reads = _reads(root, self._language)
        out.extend(_shorthand_contents(reads))
        out.extend(_shorthand_members(reads))
        out.extend(_template_fills(reads))
        out.extend(_prompt_arguments(root, reads, self._imported_params))
        out.extend(member_sent_args(root))
        out.extend(imported_sent_args(reads, self._imported_sends, _module_functions(root)))
        out.extend(_agent_inputs(root, out, self._imports))
        if self._kind in ("js", "tsx"):
            out.extend(_jsx_prompt_props(root, self._language))
            out.extend(jsx_message_candidates(root, self._imports))
        if b".content" in root.text and b".push" in root.text:
            out.extend(_aliased_contents(root))
        # A prompt slot given a name ({role: "user", content: userContent}, system: SYSTEM, the
        # shorthand {role: "system", content}): the text is the literal that name is declared with,
        # in the same function or at module level; a name spliced whole into a prompt is a section of
        # it; what a same-file function returns into a prompt is that prompt's text.  Each pass reads
        # what the previous one added (`${missionStatement}` in a `content` found through a name).
        refs: dict[str, list[_Candidate]] = {}
        spliced: dict[str, list[_Candidate]] = {}
        taken: set[int] = set()  # declarations already candidates
        read_functions: set[int] = set()
        seen_arrays: set[tuple[int, str]] = set()
        functions = _module_functions(root)
        out = [b for c in out for b in _branches(c)]
        frontier = list(out)
        for _ in range(_MAX_PASSES):
            added = self._sections(frontier, root, seen_arrays)
            for cand in frontier + added:
                value = _unwrapped(cand.value)
                if value.type in ("identifier", "shorthand_property_identifier"):
                    refs.setdefault(_text(value), []).append(cand)
                for ident in _spliced_names(cand.value):
                    spliced.setdefault(ident, []).append(cand)
                added.extend(_returned_into(cand, functions, read_functions))
                added.extend(_wrapped_args(cand, functions, self._imported_wraps))
                added.extend(_handed_in(cand))
                added.extend(_sent_params(cand, functions, root))
                added.extend(_option_args(cand, root))
                added.extend(_appended(cand))
                added.extend(_assigned_values(cand, taken))
                added.extend(_text_parts(cand, root))
                added.extend(_mapped_items(cand))
                added.extend(_walked_items(cand, root))
                added.extend(_spliced_assignments(cand, taken))
                added.extend(_indexed_tables(cand, root))
                added.extend(reduce_init(cand))
            for name_node, value in decls:
                if name_node.id in taken:
                    continue
                cand = self._declared(name_node, value, refs, spliced, returned, prompty)
                if cand is not None:
                    taken.add(name_node.id)
                    added.append(cand)
            added = [b for c in added for b in _branches(c)]
            if not added:
                break
            out.extend(added)
            frontier = added
        out = [b for c in out for b in _branches(c)]
        out.sort(key=lambda c: c.value.start_byte)
        return out

    @staticmethod
    def _declared(name_node, value, refs, spliced, returned, prompty):
        """The candidate a declaration makes, given the slots and splices seen so far (None: not yet)."""
        name = _text(name_node)
        fn = _enclosing_function(value)
        exported = fn is None and value.parent.parent is not None and \
            value.parent.parent.parent is not None and \
            value.parent.parent.parent.type == "export_statement"
        if says_prompt(name) or (prompty and (exported or name in returned.get(
                fn.id if fn is not None else 0, ()))):
            # (sent as a chat message: `const prompt = ...; messages.push({role: 'user', content: prompt})`)
            sent = any(r.message and r.role and _within(r.value, fn) for r in refs.get(name, ()))
            return _Candidate(value, value.parent, name, role_of(name), decl=name_node, sent=sent)
        if set(name_words(name)) & ERROR_SCOPE_WORDS:
            return None  # errorMessage, fimLog: an error or a log line, whatever slot it fills
        ref = next((r for r in refs.get(name, ()) if _within(r.value, fn) and not _ui_sink(r.value)
                    and not _excluded(r)), None)
        if ref is not None:
            return _Candidate(value, value.parent, name, ref.role or role_of(name),
                              message=ref.message, decl=name_node)
        # a constant spliced whole into a prompt (`${FIX_REQUEST_PREFIX}\n\n${error}`,
        # base + "\n\n" + DESIGN_SECTION): its text reaches the model with that prompt, as a section
        ref = next((r for r in spliced.get(name, ()) if _within(r.value, fn) and not _ui_sink(r.value)
                    and not _excluded(r)), None)
        if ref is not None:
            return _Candidate(value, value.parent, name, role_of(name) or ref.role, decl=name_node, by_path=True)
        return None

    @staticmethod
    def _sections(frontier, root, seen_arrays) -> list:
        """sections.push(`...`) ... system: sections.join("\n\n"): each pushed text is a section (also
        `...${actionSections.join("\n")}...` inside a section)."""
        sections: list[_Candidate] = []
        for cand in frontier:
            joined = _unwrapped(cand.value)
            name = _joined_array(joined)
            scope = _enclosing_function(cand.value) or root
            if name is None and cand.decl is not None and cand.value.type == "array" and cand.join is None \
                    and _returns_name(_enclosing_function(cand.value), _text(cand.decl)):
                # const prompt = []; prompt.push(`About you: ${...}`); return prompt: the lines a
                # prompt-named array collects for its caller (ai-town's agentPrompts)
                name = _text(cand.decl)
            elif name is not None:
                decl = _array_declarator(scope, name)
                if decl is not None and (scope.id, name) not in seen_arrays:
                    # const prompt = [`You are ${name}...`]; ... content: prompt.join('\n'): the
                    # array's own items are the head of the joined text (none of its own: all spreads)
                    if any(literal_parts(i) is not None for i in decl.child_by_field_name("value").named_children):
                        sections.append(_Candidate(decl.child_by_field_name("value"), decl, name, cand.role,
                                                   message=cand.message, decl=decl.child_by_field_name("name"),
                                                   by_path=not says_prompt(name),
                                                   join=joined.child_by_field_name("arguments")))
                    # [...defaultGuidelines, ...custom].join("\n"): a constant array spread into the
                    # joined one is a section of the text (its items joined the same way)
                    spreads = list(_spread_arrays(decl.child_by_field_name("value"), scope, root))
                    while spreads:
                        inner, inner_decl = spreads.pop()
                        at = _enclosing_function(inner_decl) or root
                        if (at.id, inner) in seen_arrays:
                            continue
                        seen_arrays.add((at.id, inner))
                        value = inner_decl.child_by_field_name("value")
                        sections.append(_Candidate(value, inner_decl, inner, cand.role, message=cand.message,
                                                   decl=inner_decl.child_by_field_name("name"), by_path=True,
                                                   join=joined.child_by_field_name("arguments")))
                        spreads.extend(_spread_arrays(value, at, root))
            if name is not None and (scope.id, name) not in seen_arrays:
                for item in _mapped_returns(scope, name):
                    # const parts = await Promise.all(xs.map(async (x) => [`--- ${x.name} ---\n\n${c}`]));
                    # ... parts.flat().join("\n\n"): the texts the callback returns are the items
                    sections.append(_Candidate(item, item, None, cand.role, message=cand.message, by_path=True))
                seen_arrays.add((scope.id, name))
                for call, arg in _pushed(scope, name):
                    sections.append(_Candidate(arg, call, name, cand.role, message=cand.message, by_path=True))
        queue = list(sections) + [c for c in frontier if c.value.type == "template_string"]
        while queue:
            cand = queue.pop()
            for sub in cand.value.named_children if cand.value.type == "template_string" else ():
                if sub.type != "template_substitution" or not sub.named_children:
                    continue
                name = _joined_array(sub.named_children[0])
                scope = _enclosing_function(cand.value) or root
                if name is None or (scope.id, name) in seen_arrays:
                    continue
                seen_arrays.add((scope.id, name))
                for call, arg in _pushed(scope, name):
                    more = _Candidate(arg, call, name, cand.role, message=cand.message, by_path=True)
                    sections.append(more)
                    queue.append(more)
        return sections
