"""Prompts by use: message dicts, calls and their parameters, message tuples, formatted templates."""

from __future__ import annotations

import ast
import re

from ..prompt_names import name_words, role_of, says_prompt
from .rules import (
    _AGENT_PROMPT_CALLS, _ELL_MESSAGES, _HANDLING_VERBS, _LOOKUP_METHODS, _SETTER_VERBS, _SINK_METHODS, CHAT_ROLES,
    MESSAGE_CALLS, MESSAGE_KEYS, PROMPT_KEYWORDS, REQUEST_KEYS, ROLE_METHODS, TEMPLATE_CALLS,
)
from .syntax import (
    _branches, _builds_a_tool, _callee, _calls_a_model, _dotted, _generates_an_image, _handles_prompts, _marks_a_message,
    _replaced_slot, _role, _role_message_class, _state_path,
)


class _Uses:
    """Prompts by use: message dicts, calls and their parameters, formatted templates."""

    # -- the use rule -------------------------------------------------------------------------

    def _use(self, node: ast.AST) -> None:
        if isinstance(node, ast.Dict):
            keys = {k.value: v for k, v in zip(node.keys, node.values)
                    if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            if "content" in keys and "role" in keys and self._is_message(node, keys):
                role = keys["role"]
                role = role.value if isinstance(role, ast.Constant) and isinstance(role.value, str) else None
                self._prompt_value(keys["content"], node, _role(role), label=_role(role) or "content", message=True)
            if set(keys) == {"role", "parts"} and len(node.keys) == 2 and not self._in_sink(node):
                self._gemini_content(node, keys)
            if set(keys) <= {"type", "text", "cache_control"} and len(keys) == len(node.keys) \
                    and isinstance(keys.get("type"), ast.Constant) and keys["type"].value in ("text", "input_text") \
                    and "text" in keys:
                role = self._part_of_message(node)
                if role is not False:  # a text part of a message's content: [{"type": "text", "text": "..."}]
                    self._prompt_value(keys["text"], node, role, label=role or "content")
            parent = self.parents.get(id(node))
            if isinstance(parent, ast.keyword) and parent.arg == "agent_kwargs":
                # initialize_agent(..., agent_kwargs={"prefix": P, "suffix": S}): LangChain's agent prompt
                # is prefix + tools + format_instructions + suffix
                for key in ("prefix", "suffix"):
                    if key in keys:
                        self._prompt_value(keys[key], node, None, label=key, syntax="format")
            # {"system": "You are a srt subtitle file translator.", "user": "Translate ... {text}"}: a mapping keyed
            # by chat roles only holds each role's message text (the user's as much as the system's)
            by_role = len(keys) >= 2 and len(keys) == len(node.keys) and set(keys) <= CHAT_ROLES
            for key, value in keys.items():  # {"system_prompt": "...", "prompt": f"..."}: the name rule on keys
                # (not a command-line option's help: {"--custom-instructions": "Custom instructions for ..."})
                if (says_prompt(key) or by_role) and not key.startswith("-") and not self._in_sink(node):
                    self._prompt_value(value, node, role_of(key) or _role(key), label=key)
        elif isinstance(node, ast.Call):
            self._call(node)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            self._formatted(node.left, node, "percent")

    def _gemini_content(self, node: ast.Dict, keys: dict) -> None:
        """Gemini's ``Content`` (``{"role": "user" | "model", "parts": [{"text": "..."}]}``; google-generativeai also
        takes one part, a dict or a string, as ``parts``): each text part is the message's text, ``model`` the
        assistant (PentestGPT's seeded persona turn ``{"parts": {"text": "I am a helpful assistant."}, "role":
        "model"}``)."""
        role = keys["role"]
        role = _role(role.value) if isinstance(role, ast.Constant) and isinstance(role.value, str) else None
        parts = keys["parts"]
        for part in parts.elts if isinstance(parts, (ast.List, ast.Tuple)) else [parts]:
            if isinstance(part, ast.Dict):
                texts = [v for k, v in zip(part.keys, part.values) if isinstance(k, ast.Constant) and k.value == "text"]
                part = texts[0] if len(texts) == 1 and len(part.keys) == 1 else None
            if part is not None:
                self._prompt_value(part, node, role, label=role or "content")

    def _part_of_message(self, part: ast.Dict):
        """The role of the message whose ``content`` list holds ``part`` (None when not written), or
        False when the list is not a message's content."""
        lst = self.parents.get(id(part))
        content = lst
        # (a content built by adding lists: [{"type": "text", ...}] + images + [{"type": "text", ...}])
        while isinstance(self.parents.get(id(content)), ast.BinOp) and isinstance(self.parents[id(content)].op, ast.Add):
            content = self.parents[id(content)]
        msg = self.parents.get(id(content)) if isinstance(lst, ast.List) else None
        if not isinstance(msg, ast.Dict):
            return False
        keys = {k.value: v for k, v in zip(msg.keys, msg.values) if isinstance(k, ast.Constant)}
        if keys.get("content") is not content or "role" not in keys or not self._is_message(msg, keys):
            return False
        role = keys["role"]
        return _role(role.value) if isinstance(role, ast.Constant) and isinstance(role.value, str) else None

    def _is_message(self, node: ast.Dict, keys: dict) -> bool:
        """A ``{"role", "content"}`` dict is a chat message an API accepts: its keys are message
        fields (``MESSAGE_KEYS``), and it is not kept in a record with other fields (a transcript
        entry ``{"thought": ..., "messages": [{...}]}`` shown in a UI; a websocket event
        ``{"type": "chat", "role", "content"}``).  A request body holding it has request keys only.
        A flag or a mapping of settings beside them is the program's mark on its own message, found again in the
        history later (DeepCode's environment slot ``ENV_CONTEXT_MARKER: True`` and compaction checkpoint
        ``"compaction": {"reset": True, "retain": len(kept)}``; its clients drop keys a provider does not know): no
        text of a record (``_marks_a_message``)."""
        extra = [v for k, v in zip(node.keys, node.values)
                 if not (isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value in MESSAGE_KEYS)]
        if None in node.keys or not all(_marks_a_message(v) for v in extra):
            return False
        if isinstance(keys.get("type"), ast.Constant) and keys["type"].value != "message":
            return False
        cur = self.parents.get(id(node))
        if isinstance(cur, (ast.List, ast.Tuple)):
            cur = self.parents.get(id(cur))
        if isinstance(cur, ast.Dict):
            outer = {k.value for k in cur.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            return len(outer) == len(cur.keys) and outer <= REQUEST_KEYS
        return not self._shown_in_streamlit(node)

    def _shown_in_streamlit(self, node: ast.Dict) -> bool:
        """``st.session_state.messages = [{"role": "assistant", "content": "How can I help you?"}]`` (or
        ``.append({...})``): Streamlit's session state holds the chat the page shows; its messages reach a
        model only when the file gives that state to one (``messages=st.session_state.messages``)."""
        cur = self.parents.get(id(node))
        if isinstance(cur, ast.List):
            cur = self.parents.get(id(cur))
        if isinstance(cur, ast.Assign) and len(cur.targets) == 1:
            state = _state_path(cur.targets[0])
        elif isinstance(cur, ast.Call) and isinstance(cur.func, ast.Attribute) and cur.func.attr in ("append", "extend"):
            state = _state_path(cur.func.value)
        else:
            return False
        if state is None:
            return False
        for n in ast.walk(self.tree):
            if isinstance(n, (ast.Attribute, ast.Subscript)) and isinstance(n.ctx, ast.Load) and _state_path(n) == state:
                parent = self.parents.get(id(n))
                if isinstance(parent, ast.keyword) and parent.arg == "messages" \
                        or isinstance(parent, ast.Call) and n in parent.args and _calls_a_model(parent.func):
                    return False
        return True

    def _keyed_slots(self, node: ast.Call) -> None:
        """A template handed to a call together with the mapping that fills it: Cradle's
        ``assemble_prompt(template_str=magic_prompt, params=input)`` with ``input['event'] = event``: each key of
        the mapping written in the text between the same delimiters (``<$event$>``, ``<$image_introduction$>``)
        is a slot the call fills by name.  The template is the argument given to a prompt-named keyword; the
        mapping a dict literal or a local of the function built from ``{}`` by ``input["key"] = ...``, its
        keys string literals.  Delimiters are one to three marks (no letter, digit or space), the same for every
        key the text holds; ``{key}`` is str.format's, read by its own rule."""
        template = next((k.value for k in node.keywords if k.arg and says_prompt(k.arg)
                         and isinstance(k.value, ast.Name)), None)
        if template is None:
            return
        scope = self._scope(node)
        keys: set[str] = set()
        for k in node.keywords:
            if k.value is template:
                continue
            keys |= self._mapping_keys(k.value, scope)
        if not keys:
            return
        d = self._resolve(template, scope)
        if d is None:
            return
        for value, _container, where in self._values_of(template, d):
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                continue
            text, common = value.value, None
            for key in keys:
                for m in re.finditer(r"(?<!\w)" + re.escape(key) + r"(?!\w)", text):
                    before = re.search(r"[^\w\s]{0,3}$", text[:m.start()]).group()
                    after = re.match(r"[^\w\s]{0,3}", text[m.end():]).group()
                    if not before and not after:
                        continue  # the word in the prose ("the event you want"), not a marker
                    here = {(before[len(before) - i:], after[:j]) for i in range(1, len(before) + 1)
                            for j in range(1, len(after) + 1)}
                    common = here if common is None else common & here
            if not common:
                continue  # a key written bare somewhere, or no delimiters every occurrence shares
            left, right = max(common, key=lambda lr: (len(lr[0]) + len(lr[1]), lr))
            if (left, right) == ("{", "}") or left[-1:] != right[:1] and not (left[-1:] in "<([" and right[:1] in ">)]") \
                    or not (set(left + right) - set("'\"`")):
                continue  # str.format's own field, marks that do not enclose the key, or quotes (a word quoted)
            for key in keys:
                if left + key + right in text:
                    self.slots.setdefault(id(value), set()).add(left + key + right)

    def _mapping_keys(self, value: ast.expr, scope) -> set[str]:
        """The string keys of a dict literal, or of a local built from ``{}`` by ``name["key"] = ...``."""
        if isinstance(value, ast.Dict):
            return {k.value for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
        if not (isinstance(value, ast.Name) and scope.kind == "function" and scope.qual in self.func_nodes):
            return set()
        out: set[str] = set()
        for stmt in ast.walk(self.func_nodes[scope.qual]):
            if isinstance(stmt, ast.Assign):
                for t in stmt.targets:
                    if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == value.id \
                            and isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str):
                        out.add(t.slice.value)
                    elif isinstance(t, ast.Name) and t.id == value.id and isinstance(stmt.value, ast.Dict):
                        out |= {k.value for k in stmt.value.keys
                                if isinstance(k, ast.Constant) and isinstance(k.value, str)}
        return out

    def _call(self, node: ast.Call) -> None:
        if _generates_an_image(node):
            return  # pipe(prompt, negative_prompt=...): its prompt and negative prompt are an image model's
        name = _callee(node)
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "format":
            self._formatted(f.value, node, "format")
            self.format_calls.append(node)
        slot = _replaced_slot(node, self.imports)
        if slot is not None:
            self._slot_filled(slot[1], slot[0], self._scope(node), 0)
        self._regex_filled(node)
        self._keyed_slots(node)
        for kw in node.keywords:
            if kw.arg and (kw.arg in PROMPT_KEYWORDS or says_prompt(kw.arg)) \
                    and not self._param_only_sinks(name, kw.arg, node) and not self._terminal_option(node):
                syntax = self._template_syntax(node, name) if kw.arg == "template" and name in TEMPLATE_CALLS \
                    else self._callee_params(node)[1].get(kw.arg)  # (a parameter the function formats)
                self._prompt_value(kw.value, node, role_of(kw.arg), label=kw.arg, syntax=syntax)
            elif kw.arg == "messages" and isinstance(kw.value, (ast.List, ast.Tuple)):
                self._message_tuples(kw.value, node)
            elif kw.arg == "messages" and not isinstance(kw.value, (ast.List, ast.Tuple, ast.ListComp)):
                # completion(messages="...") / messages=prompt: a string given as the messages is one
                # user message (LiteLLM, graphrag's completion, DSPy LMs); a list is read above
                self._prompt_value(kw.value, node, "user", label="messages")
            elif kw.arg in ("prefix", "suffix") and name in _AGENT_PROMPT_CALLS:
                self._prompt_value(kw.value, node, None, label=kw.arg, syntax="format")
            elif kw.arg == "text" and name.endswith("TextBlockParam"):
                # Anthropic's SDK: system = BetaTextBlockParam(type="text", text=f"{SYSTEM_PROMPT}..."), a text
                # block of a system prompt or a message (the TypedDict form of {"type": "text", "text": ...})
                self._prompt_value(kw.value, node, None, label="text_block")
            elif kw.arg == "content" and name in MESSAGE_CALLS:
                self._prompt_value(kw.value, node, MESSAGE_CALLS[name], label=MESSAGE_CALLS[name])
            elif kw.arg == "description" and _builds_a_tool(node):
                # Tool.from_function(self.add, name=..., description=f'Create a new memory in Memory: "{self.key}".'),
                # LangChain's Tool(name, func, description): the text the model reads to choose the tool
                self._prompt_value(kw.value, node, None, label="description")
        if node.args and not _handles_prompts(name) and name not in TEMPLATE_CALLS and name not in MESSAGE_CALLS:
            # get_completion(reflection_query) where ``def get_completion(prompt, ...)``: an argument given
            # to a parameter named for a prompt, by position (the keyword rule above, for positions)
            params, formats = self._callee_params(node)
            for arg, param in zip(node.args, params):
                if isinstance(arg, ast.Starred):
                    break
                if param and (param in PROMPT_KEYWORDS or says_prompt(param)) \
                        and not self._param_only_sinks(name, param, node):
                    self._prompt_value(arg, node, role_of(param), label=param, syntax=formats.get(param))
        if node.args and _calls_a_model(f):
            # self.llm(check), llm.invoke(prompt): an object named for a language model is given the
            # prompt as its first argument (LangChain's LLM __call__ / invoke / predict)
            self._prompt_value(node.args[0], node, "user", label="user")
        if name in _ELL_MESSAGES and node.args and self._from_ell(f, _ELL_MESSAGES):  # ell.system("...")
            self._prompt_value(node.args[0], node, _ELL_MESSAGES[name], label=_ELL_MESSAGES[name])
        if name in ROLE_METHODS and node.args and isinstance(f, ast.Attribute):
            # Message.user_message("..."), self.system_message(...): a builder of one role's message
            # (a class's constructor per role, or a client's ``{"role": "system", "content": m}`` helper)
            self._prompt_value(node.args[0], node, ROLE_METHODS[name], label=ROLE_METHODS[name])
        if name in MESSAGE_CALLS and node.args and name not in ("SystemMessagePromptTemplate",):
            self._prompt_value(node.args[0], node, MESSAGE_CALLS[name], label=MESSAGE_CALLS[name])
        role_class = _role_message_class(name)
        if role_class and name not in MESSAGE_CALLS:  # UserMessage(content="..."), AssistantMessage("...")
            kws = {k.arg: k.value for k in node.keywords}
            text = kws.get("content", node.args[0] if node.args else None)
            if text is not None:
                self._prompt_value(text, node, role_class, label=role_class)
        if (node.args and name not in TEMPLATE_CALLS and name not in MESSAGE_CALLS and name[:1].isupper()
                and says_prompt(name)):  # a prompt object built from its text: TextPrompt("..."), CodePrompt(...)
            init = self._class_init(node)
            if init is None:
                self._prompt_value(node.args[0], node, role_of(name), label="template")
            else:  # the class's own __init__ names its parameters: the text is the one named for a prompt
                # (shell-gpt SystemRole("Shell Command Generator", SHELL_ROLE): the first is the role's name)
                params, formats = init
                for arg, param in zip(node.args, params):
                    if isinstance(arg, ast.Starred):
                        break
                    if says_prompt(param) or param in PROMPT_KEYWORDS:
                        self._prompt_value(arg, node, role_of(name), label="template", syntax=formats.get(param))
        if name in TEMPLATE_CALLS and node.args:
            self._prompt_value(node.args[0], node, None, label="template", syntax=self._template_syntax(node, name))
        if name == "from_messages" and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
            self._message_tuples(node.args[0], node)
        if name_words(name)[-1:] == ["message"] and name not in MESSAGE_CALLS \
                and not set(name_words(name)) & {"completion", "response", "choice", "delta"}:
            # (ChatCompletionMessage, ResponseMessage: what a model answered, not what it is sent)
            # ChatMessage(role="system", content=...), Message("system", "...") (gptme), a message
            # class by its shape: a role it accepts, then the content
            kws = {k.arg: k.value for k in node.keywords}
            role = kws.get("role", node.args[0] if node.args else None)
            # (the text under its usual parameter names: TaskWeaver ``format_chat_message(role=, message=)``)
            text = next((kws[k] for k in ("content", "message", "text") if k in kws), None)
            content = text if text is not None else node.args[1] if len(node.args) > 1 and "role" not in kws else None
            if content is not None and isinstance(role, ast.Constant) and isinstance(role.value, str) \
                    and _role(role.value):
                self._prompt_value(content, node, _role(role.value), label=_role(role.value))
        words = name_words(name)
        if (len(node.args) == 2 and isinstance(f, ast.Attribute) and isinstance(node.args[0], ast.Constant)
                and node.args[0].value in CHAT_ROLES and name not in MESSAGE_CALLS and words[-1:] != ["message"]
                and not set(words) & (_HANDLING_VERBS | _SINK_METHODS | _LOOKUP_METHODS) and not self._in_sink(node)):
            # self.memory.push('user', self.search_prompt(user_prompt)) (agenticSeek): a chat role, then the text, the
            # (role, content) pair of a message as a method of a history or memory takes it
            role = node.args[0].value
            self._prompt_value(node.args[1], node, role, label=role)
        if words[:1] and words[0] in _SETTER_VERBS and says_prompt(name) and node.args:
            # prompt_stack.add_system_message("..."), agent.set_system_prompt(...), with_instructions(...)
            self._prompt_value(node.args[0], node, role_of(name), label="_".join(words[1:]))

    def _from_ell(self, f: ast.expr, names) -> bool:
        """``ell.simple`` (``import ell``) or ``simple`` imported from an ``ell`` module, for a name in ``names``."""
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.attr in names:
            return self.imports.get(f.value.id, "").split(".")[0] == "ell"
        if isinstance(f, ast.Name) and f.id in names:
            return self.imports.get(f.id, "").split(".")[0] == "ell"
        return False

    def _param_only_sinks(self, function: str, param: str, call: ast.Call | None = None) -> bool:
        """Whether ``function`` is defined in this file, or imported from another file of the scan by
        ``call`` (Auto-GPT ``utils.clean_input("AI Name: ")``), and only prints, logs or asks the user
        with its ``param`` (``self._confirm(prompt="Run code? [y/N]")`` -> ``input(prompt)``): the
        argument is text for a person, whatever the keyword is called."""
        quals = [q for q, s in self.scopes.items() if s.kind == "function" and q[-1] == function]
        if not quals:
            if call is None or self.project is None or not isinstance(call.func, (ast.Name, ast.Attribute)):
                return False
            from ..python_project import imported_param_for_people

            return any(imported_param_for_people(self.project, t, param) for t in self._import_targets(call.func))
        for q in quals:
            uses = [u for (qual, n), us in self.sink_uses.items() if n == param and qual[:len(q)] == q for u, _ in us]
            if not uses or not all(uses):
                return False
        return True

    def _callee_params(self, call: ast.Call) -> tuple[list[str], dict[str, str]]:
        """(the names of the parameters ``call``'s positional arguments go to, the syntax of each
        parameter the function fills: ``prompt_template.format(**kwargs)`` -> ``format``), when the
        function is defined in this file (``f(...)``, ``self.m(...)``) or, in a scan, imported from
        another file of it (``from .utils import get_completion``: its module-level ``def``); else ([], {})."""
        f = call.func
        qual = self._callee_qual(call)
        from ..python_project import imported_params, param_formats

        if qual is not None:
            params = self.params[qual]
            method = len(qual) > 1 and self.scopes.get(qual[:-1]) is not None and self.scopes[qual[:-1]].kind == "class"
            formats = param_formats(self.func_nodes[qual], params)
            return (params[1:] if method and params[:1] in (["self"], ["cls"]) else params), formats
        if self.project is None or not isinstance(f, (ast.Name, ast.Attribute)):
            return [], {}
        for target in self._import_targets(f):
            params, formats = imported_params(self.project, target)
            if params:
                return params, formats
        return [], {}

    def _callee_qual(self, call: ast.Call) -> tuple | None:
        """The qualified name of the function of this file ``call`` calls (``f(...)``, ``self.m(...)``), or None."""
        f = call.func
        if isinstance(f, ast.Name):
            scope = self._scope(call).qual
            while True:
                if scope + (f.id,) in self.params:
                    return scope + (f.id,)
                if not scope:
                    return None
                scope = scope[:-1]
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in ("self", "cls"):
            scope = self._scope(call).qual
            while scope and self.scopes[scope].kind != "class":
                scope = scope[:-1]
            qual = self._method(scope, f.attr) if scope else None
            return qual if qual in self.params else None
        return None

    def _method(self, cls: tuple, name: str, depth: int = 0) -> tuple | None:
        """The function ``name`` of the class ``cls``, or of a base class of this file it inherits it from
        (taskgen ``class Agent(BaseAgent)`` calls ``self.prepare_input_user_prompt_for_query(...)``)."""
        s = self.scopes.get(cls + (name,))
        if s is not None and s.kind == "function":
            return cls + (name,)
        node = self.class_nodes.get(cls)
        if node is None or depth > 3:
            return None
        for base in node.bases:
            if isinstance(base, ast.Name) and (base.id,) in self.class_nodes:
                found = self._method((base.id,), name, depth + 1)
                if found is not None:
                    return found
        return None

    def _class_init(self, call: ast.Call) -> tuple[list[str], dict[str, str]] | None:
        """(parameters after ``self``, the syntax of each it formats) of the ``__init__`` of the class of this
        file that ``call`` constructs (``SystemRole(...)`` with ``class SystemRole``), or None."""
        if not isinstance(call.func, ast.Name):
            return None
        from ..python_project import param_formats

        scope = self._scope(call).qual
        while True:
            cls = scope + (call.func.id,)
            if self.scopes.get(cls) is not None and self.scopes[cls].kind == "class":
                init = cls + ("__init__",)
                if init not in self.params:
                    return None
                params = self.params[init]
                return params[1:], param_formats(self.func_nodes[init], params)
            if not scope:
                return None
            scope = scope[:-1]

    def _regex_filled(self, call: ast.Call) -> None:
        """``PromptTemplate.from_string(TEMPLATE)`` / ``PromptTemplate(template_string=TEMPLATE)`` with a class, of
        this file or imported from another file of the scan, that fills its template by ``re.sub`` over a field
        pattern (``python_project.regex_filler``): the template's fields are that pattern's matches."""
        from ..python_project import REGEX_SLOT, imported_regex_filler, regex_filler

        f = call.func
        if isinstance(f, ast.Name):
            cname, method = f.id, "__init__"
        elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
            cname, method = f.value.id, f.attr
        else:
            return
        if not cname[:1].isupper():
            return
        if (cname,) in self.class_nodes:
            known = self.__dict__.setdefault("_regex_fillers", {})  # one walk of the class per file, not per call
            if cname not in known:
                known[cname] = regex_filler(self.class_nodes[(cname,)])
            filler = known[cname]
        elif self.project is not None and cname in self.import_from:
            filler = next((r for t in self._import_targets(ast.Name(id=cname))
                           if (r := imported_regex_filler(self.project, t)) is not None), None)
        else:
            return
        if filler is None or method not in filler[1]:
            return
        pos, name = filler[1][method]
        given = [kw.value for kw in call.keywords if kw.arg == name]
        if len(call.args) > pos and not any(isinstance(a, ast.Starred) for a in call.args[:pos + 1]):
            given.append(call.args[pos])
        for value in given:
            self._slot_filled(value, REGEX_SLOT + filler[0], self._scope(call), 0)

    def _import_targets(self, node: ast.expr) -> list[tuple]:
        """The dotted import paths ``X`` / ``mod.X`` may name: the import of this file that binds its root,
        else each ``from M import *`` module (a name the file neither defines nor imports by name)."""
        attrs = []
        while isinstance(node, ast.Attribute):
            attrs.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return []
        rest = tuple(reversed(attrs))
        if node.id in self.import_from:
            module, name = self.import_from[node.id]
            target = module + ((name,) if name else ()) + rest
            return [target] if len(target) >= 2 else []
        if node.id in self.scopes[()].defs or node.id in self.scopes[()].assigned:
            return []
        return [m + (node.id,) + rest for m in self.star_imports if m]

    def _terminal_option(self, call: ast.Call) -> bool:
        """``typer.Option(..., prompt="Specify the model")``, ``@click.option(prompt=True)``: a command-line
        option whose ``prompt`` is the question click asks the person at the terminal when the option
        is not given (click docs, "Prompting")."""
        if _callee(call) not in ("Option", "option", "Argument", "argument"):
            return False
        owner = _dotted(call.func).split(".")[0]
        return self.imports.get(owner, owner).split(".")[0] in ("click", "typer")

    def _template_syntax(self, node: ast.Call, name: str) -> str | None:
        for kw in node.keywords:
            if kw.arg == "template_format" and isinstance(kw.value, ast.Constant):
                return {"f-string": "format", "jinja2": "jinja", "mustache": "mustache"}.get(kw.value.value)
        if name == "Template":
            origin = self.imports.get(_dotted(node.func).split(".")[0], "")
            if "jinja" in origin:
                return "jinja"
            if origin.startswith("string"):
                return "template"
            return None
        return TEMPLATE_CALLS[name]

    def _message_tuples(self, seq: ast.List | ast.Tuple, call: ast.Call) -> None:
        for item in seq.elts:
            if (isinstance(item, ast.Tuple) and len(item.elts) == 2 and isinstance(item.elts[0], ast.Constant)
                    and isinstance(item.elts[0].value, str)):
                role = _role(item.elts[0].value)
                self._prompt_value(item.elts[1], call, role, label=role or "message", syntax="format")

    def _formatted(self, receiver: ast.expr, use: ast.AST, syntax: str) -> None:
        """``X.format(...)`` / ``X % args`` says X's syntax when X is a prompt by its name or by a use
        of the result (``prompt=X.format(...)``).  Being formatted alone does not make X a prompt:
        regular expressions, diagram templates and file headers are formatted too.  A lookup in a
        mapping written in the code (``prompt_templates[prompt_key].format(question=...)``) formats each
        text value the lookup can give."""
        if isinstance(receiver, ast.Subscript) and not self._in_sink(use):
            for _container, item, _where in self._mapping_items(receiver, self._scope(use)):
                if _where.kind != "function":
                    self.formatted.setdefault(id(item), syntax)
            return
        if isinstance(receiver, ast.Constant) and isinstance(receiver.value, str) and isinstance(use, ast.Call) \
                and syntax == "format" and not any(isinstance(a, ast.Starred) for a in use.args):
            # "Observation: {}".format(observation) (bambooai): a literal formatted in place, its positional fields
            # are the call's arguments (read from the call, or from the literal when it is what is found)
            args = [self.source(a) for a in use.args]
            self.format_args.setdefault(id(use), []).append(args)
            self.format_args.setdefault(id(receiver), []).append(args)
            return
        if isinstance(receiver, (ast.Name, ast.Attribute)) and not self._in_sink(use):
            d = self._resolve(receiver, self._scope(use))
            default = self._param_default(receiver, self._scope(use)) if d is None else None
            if d is not None and d[2].kind != "function":
                self.formatted.setdefault(id(d[0]), syntax)
                if isinstance(use, ast.Call) and syntax == "format" \
                        and not any(isinstance(a, ast.Starred) for a in use.args):
                    self.format_args.setdefault(id(d[0]), []).append([self.source(a) for a in use.args])
            elif default is not None:
                # def __init__(self, system_prompt=OPTIMIZER_SYSTEM_PROMPT): system_prompt.format(...)
                # fills the default when no value is given: the constant has that syntax
                self._formatted(default, default, syntax)
            elif d is None:
                self._external_use("formatted", receiver, self._scope(use), None, syntax)
            else:  # prompt = (A if json_mode else B); prompt.format(...): each constant it may hold
                for branch in _branches(d[0]):
                    if isinstance(branch, (ast.Name, ast.Attribute)):
                        dd = self._resolve(branch, d[2])
                        if dd is None:
                            self._external_use("formatted", branch, d[2], None, syntax)
                        elif dd[2].kind != "function":
                            self.formatted.setdefault(id(dd[0]), syntax)
