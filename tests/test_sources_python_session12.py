"""Prompts in Python that blind round 24 (AutoPR) missed or misread (#11, session 12; in-sample now): guardrails RAIL
specs returned by a function, a parameter's default named as a prompt, an f-string with no field whose ``{{name}}``
escapes are ``str.format`` fields inside code fences, and an error-report template (text for people).

Goldens come from the fixture read with ``ast`` (and tiktoken o200k for positions), never from pcache.
"""
from __future__ import annotations

import ast
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.load import load_paths

FIX = Path(__file__).parent / "fixtures" / "python"
O200K = tiktoken.get_encoding("o200k_base")


def _prompts(name: str) -> dict:
    return {p.container: p for p in load_paths([str(FIX / name)]).prompts}


def _function(path: Path, qual: str) -> ast.FunctionDef:
    cls, fn = qual.split(".")
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ClassDef) and node.name == cls:
            return next(n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == fn)
    raise KeyError(qual)


def test_a_guardrails_rail_spec_returned_by_a_function_is_a_prompt():
    """AutoPR ``RailObject.get_rail_spec`` returns ``f\"\"\"<rail version="0.1"><output>{cls.output_spec}</output>
    <instructions>You are a helpful assistant ...</instructions><prompt>...</prompt></rail>\"\"\"``, which
    ``gr.Guard.from_rail_string(rail_spec)`` (another file) sends to the model: guardrails' RAIL document is a prompt
    spec by its format, whatever the function is named.  Named after the function, first variable
    ``cls.output_spec``."""
    path = FIX / "autopr_rail_objects.py"
    ret = next(n for n in ast.walk(_function(path, "RailObject.get_rail_spec")) if isinstance(n, ast.Return))
    fstring = ret.value
    assert isinstance(fstring, ast.JoinedStr)
    head = fstring.values[0].value  # the text before the first field
    first = ast.unparse(fstring.values[1].value)
    p = _prompts("autopr_rail_objects.py")["RailObject.get_rail_spec"]
    assert p.line == ret.lineno
    var = p.variables[0]
    assert var.expression == first == "cls.output_spec"
    before = "".join(s.text for s in p.segments[:p.segments.index(var)])
    assert before == head
    assert abs(len(O200K.encode(before)) - len(O200K.encode(head))) <= 2
    assert "You are a helpful assistant only capable of communicating with valid JSON" in "".join(
        s.text for s in p.segments)


def test_a_parameter_default_named_as_a_system_prompt():
    """AutoPR ``RailService.__init__(..., raw_system_prompt: str = 'You are a software developer and git nerd, ...')``:
    the system prompt the service sends (``system_prompt=self.raw_system_prompt``) when its caller gives none.  Read
    by the name rule, as an assignment would be; named by the function and the parameter."""
    path = FIX / "autopr_rail_service.py"
    fn = _function(path, "RailService.__init__")
    args = fn.args.args[len(fn.args.args) - len(fn.args.defaults):]
    default = dict(zip((a.arg for a in args), fn.args.defaults))["raw_system_prompt"]
    p = _prompts("autopr_rail_service.py")["RailService.__init__.raw_system_prompt"]
    assert p.role == "system" and p.variables == []
    assert "".join(s.text for s in p.segments) == default.value
    assert p.line == default.lineno


def test_an_fstring_without_fields_whose_escapes_are_format_fields_in_fences():
    """AutoPR ``ProposePullRequestRail.prompt_template = f\"\"\"...```{{notes_taken_while_looking_at_files}}```...\"\"\"``:
    an f-string with no field is a plain string whose ``{{name}}`` escapes are ``{name}``; the base class formats it
    (``spec.format(**prompt_params)``, another file), and every field sits in a code fence, so it is read as the
    fenced slots of a ``str.format`` template, as its siblings without fences are."""
    path = FIX / "autopr_plan_pr.py"
    node = next(n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.JoinedStr))
    text = "".join(v.value for v in node.values)
    before = text[:text.index("{notes_taken_while_looking_at_files}")]
    p = _prompts("autopr_plan_pr.py")["ProposePullRequestRail.prompt_template"]
    assert p.syntax == "format"
    assert [v.name for v in p.variables] == ["notes_taken_while_looking_at_files", "issue"]
    got = len(O200K.encode("".join(s.text for s in p.segments[:p.segments.index(p.variables[0])])))
    assert abs(got - len(O200K.encode(before))) <= 2


def test_an_error_report_template_is_text_for_people():
    """AutoPR ``PublishService.error_report_template`` (``## Traceback ... {error}``) is formatted into the body of the
    GitHub issue a person opens from the link AutoPR posts: a template of a report, not a prompt (as a page, a
    script or a README template is not).  The file holds no prompt."""
    assert load_paths([str(FIX / "autopr_publish_service_negative.py")], ).prompts == []


CODEINTERP = FIX / "crossfile" / "codeinterp" / "codeinterpreterapi"


def _keyword_text(path: Path, call: str, keyword: str) -> list[tuple[str, int]]:
    """(text, line) of the string given as ``keyword=`` to each call of ``call`` in ``path`` (read with ``ast``)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == call:
            for kw in node.keywords:
                if kw.arg == keyword:
                    out.append((ast.literal_eval(kw.value), kw.value.lineno))
    return out


def test_the_content_a_program_writes_into_a_message_object_of_another_files_class():
    """codeinterpreter-api (blind round 23) ``_input_handler(self, request: UserRequest)``: ``request.content = "I
    uploaded, just text me back and confirm that you got the file(s)."`` when files come without text.
    ``class UserRequest(HumanMessage)`` in ``schema.py`` (another file of the scan) makes ``request`` a LangChain
    user message, so the text is its content: a user prompt, named by the function and the attribute.  Scanned
    alone, ``session.py`` says nothing of what ``UserRequest`` is: no prompt."""
    session = CODEINTERP / "session.py"
    assign = next(n for n in ast.walk(ast.parse(session.read_text())) if isinstance(n, ast.Assign)
                  and isinstance(n.targets[0], ast.Attribute) and n.targets[0].attr == "content")
    got = {p.container: p for p in load_paths([str(CODEINTERP)]).prompts if p.path.endswith("session.py")}
    p = got["CodeInterpreterSession._input_handler.request.content"]
    assert p.role == "user" and p.variables == []
    assert "".join(s.text for s in p.segments) == assign.value.value
    assert p.line == assign.value.lineno
    assert load_paths([str(session)]).prompts == []


def test_a_message_is_named_by_the_constant_that_holds_it():
    """codeinterpreter-api (blind round 23): the messages of ``remove_dl_link_prompt = ChatPromptTemplate(messages=
    [SystemMessage(content=...), ...])`` are named by the constant that holds the template
    (``remove_dl_link_prompt.system``): a call of a class named for a prompt returns the prompt made of them, not a
    model's reply.  ``system_message = SystemMessage(content="...")`` keeps its role: ``system_message.system``."""
    got = {p.container: p for p in load_paths([str(CODEINTERP / "prompts")]).prompts}
    ((system_text, line),) = _keyword_text(CODEINTERP / "prompts" / "system_message.py", "SystemMessage", "content")
    p = got["system_message.system"]
    assert p.role == "system" and "".join(s.text for s in p.segments) == system_text
    ((dl_text, _),) = _keyword_text(CODEINTERP / "prompts" / "remove_dl_link.py", "SystemMessage", "content")
    p = got["remove_dl_link_prompt.system"]
    assert p.role == "system" and "".join(s.text for s in p.segments) == dl_text
    assert "system" not in got


EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"


def _module_constant(path: Path, name: str) -> ast.Constant:
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name:
            return node.value
    raise KeyError(name)


def test_positional_format_fields_are_the_arguments_the_call_gives():
    """OmniParser (#12 eval, measure-12) ``PROMPT_TEMPLATE_SEECLICK_PARSED_CONTENT_v1 = "The instruction is to {}. ...
    descriptions: {}. ..."`` filled by ``.format(instruction, screen_info)``: nothing is written between the braces,
    so each field is the expression the file's call gives it."""
    path = EVAL / "omniparser" / "eval" / "ss_pro_gpt4o_omniv2.py"
    name = "PROMPT_TEMPLATE_SEECLICK_PARSED_CONTENT_v1"
    calls = [n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr == "format"
             and isinstance(n.func.value, ast.Name) and n.func.value.id == name]
    (call,) = calls
    want = [ast.unparse(a) for a in call.args]
    p = {p.container: p for p in load_paths([str(path)]).prompts}[name]
    assert [v.expression for v in p.variables] == want == ["instruction", "screen_info"]
    text = _module_constant(path, name).value
    before = "".join(s.text for s in p.segments[:p.segments.index(p.variables[0])])
    assert before == text[:text.index("{}")]


def test_a_message_dict_with_the_programs_own_marker_key():
    """DeepCode (#12 eval, measure-15): ``EnvironmentContext.message`` returns ``{"role": "user", "content":
    self.render(), ENV_CONTEXT_MARKER: True}`` and the compaction checkpoint is ``{"role": "user", "content":
    f"{SUMMARY_PREFIX}\\n{summary}", "compaction": {"reset": True, "retain": len(kept)}}``: a flag or a mapping of
    flags beside role and content marks the program's own message (found again in the history later), not a
    record's text field, so both are user messages: what ``render`` returns (its ``_ENV_OPEN`` constant read as
    text, then ``escape(self.cwd)``) and the checkpoint's content (``SUMMARY_PREFIX`` read as text, then
    ``summary``)."""
    runtime = EVAL / "deepcode" / "core" / "agent_runtime"
    ctx = {p.container: p for p in load_paths([str(runtime / "context.py")]).prompts}
    p = ctx["EnvironmentContext.render"]
    opening = _module_constant(runtime / "context.py", "_ENV_OPEN").value
    assert p.role == "user" and p.variables[0].expression == "escape(self.cwd)"
    assert "".join(s.text for s in p.segments[:p.segments.index(p.variables[0])]) == opening + "\n  <cwd>"
    comp = {p.container: p for p in load_paths([str(runtime / "compaction.py")]).prompts}
    p = comp["TailRetainingCompactionStrategy.build_history.checkpoint.user"]
    prefix_text = _module_constant(runtime / "compaction.py", "SUMMARY_PREFIX").value  # (implicit concatenation)
    assert p.role == "user" and p.variables[0].expression == "summary"
    assert "".join(s.text for s in p.segments[:p.segments.index(p.variables[0])]) == prefix_text + "\n"


def test_a_system_prompt_composed_of_imported_constants():
    """claude-engineer (#12 eval, measure-9) ``self.client.messages.create(..., system=f"{SystemPrompts.DEFAULT}\\n\\n
    {SystemPrompts.TOOL_USAGE}")`` with ``from prompts.system_prompts import SystemPrompts``: the system prompt is
    the composition of two constants another module defines; read alone, the file cannot inline their text, so
    they are its variables, in the order written."""
    path = EVAL / "claude-engineer" / "ce3.py"
    kw = next(k for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Call)
              for k in n.keywords if k.arg == "system")
    want = [ast.unparse(v.value) for v in kw.value.values if isinstance(v, ast.FormattedValue)]
    p = {p.container: p for p in load_paths([str(path)]).prompts}["Assistant._get_completion.system"]
    assert p.role == "system" and [v.expression for v in p.variables] == want
    assert p.line == kw.value.lineno
