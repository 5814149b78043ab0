"""Prompts in Python source: real files of public projects (tests/fixtures/python, SOURCES.md).

Goldens are computed here independently of the source under test: the string value from ``ast``
(``textwrap.dedent`` applied where the code applies it), the token count of the text before the
first variable from tiktoken directly, and positions from the file's own lines."""

from __future__ import annotations

import ast
import inspect
import json
import sys
import textwrap
from pathlib import Path

import pytest
import tiktoken

from pcache.analyzers.sources.interface import SourceOptions, SourceParseError
from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.sources.python.source import PythonSource

ROOT = Path(__file__).resolve().parent.parent
FIXTURES_ROOT = ROOT / "tests" / "fixtures"
FIX = FIXTURES_ROOT / "python"
O200K = tiktoken.get_encoding("o200k_base")


def load(path: Path | str, text: str | None = None):
    text = Path(path).read_text() if text is None else text
    return PythonSource().load(str(path), text, SourceOptions()).prompts


def by_container(path: Path):
    return {p.container: p for p in load(path)}


def _target(tree: ast.Module, container: str) -> ast.AST:
    """The value node a container names: ``A.b`` (class attribute), ``NAME`` (module constant),
    ``f.name`` (function local), ``Class.method`` (what the method returns)."""
    *outer, last = container.split(".")
    scope: ast.AST = tree
    for part in outer:
        scope = next(n for n in ast.walk(scope)
                     if isinstance(n, (ast.ClassDef, ast.FunctionDef)) and n.name == part)
    for n in ast.walk(scope):
        if isinstance(n, (ast.Assign, ast.AnnAssign)):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            if any(isinstance(t, ast.Name) and t.id == last for t in targets):
                return n.value
        if isinstance(n, ast.FunctionDef) and n.name == last:
            return next(r.value for r in ast.walk(n) if isinstance(r, ast.Return))
    raise KeyError(container)


def fstring_head(node: ast.JoinedStr) -> str:
    """The literal text of an f-string (or implicit concatenation of f-strings) before its first field."""
    out = []
    for v in node.values:
        if not isinstance(v, ast.Constant):
            break
        out.append(v.value)
    return "".join(out)


def value_before_first_variable(path: Path, container: str, marker: str | None) -> str:
    """The value of the string up to its first variable, from ``ast`` (never executed)."""
    node = _target(ast.parse(path.read_text()), container)
    if isinstance(node, ast.JoinedStr):
        return fstring_head(node)
    if isinstance(node, ast.Call):  # dedent("""...""")
        value = textwrap.dedent(ast.literal_eval(node.args[0]))
    else:
        value = ast.literal_eval(node)
    return value[:value.index(marker)]


# (fixture, container, syntax, role, first variable as written or None)
CASES = [
    ("swe_agent_action_sampler.py", "BinaryTrajectoryComparisonConfig.system_template", "none", "system", None),
    ("swe_agent_action_sampler.py", "BinaryTrajectoryComparisonConfig.instance_template", "jinja", "user",
     "{{problem_statement}}"),
    ("swe_agent_action_sampler.py", "BinaryTrajectoryComparisonConfig.comparison_template", "jinja", None,
     "{{thought1}}"),
    ("gpt_researcher_prompts.py", "PromptFamily.generate_deep_research_prompt", "fstring", None, "{context}"),
    ("gpt_researcher_prompts.py", "PromptFamily.auto_agent_instructions", "none", "system", None),
    ("browser_use_judge.py", "construct_judge_messages.system_prompt", "fstring", "system",
     "{ground_truth_section}"),
    ("browser_use_judge.py", "construct_judge_messages.user_prompt", "fstring", "user",
     "{task_truncated or 'No task provided'}"),
    ("haystack_query_expander.py", "DEFAULT_PROMPT_TEMPLATE", "jinja", None, "{{ n_expansions }}"),
    ("dspy_rlm.py", "ACTION_INSTRUCTIONS_TEMPLATE", "format", "system", "{inputs}"),
    # a method of the class that keeps the prompts (PromptFamily), named for what it does
    ("gpt_researcher_prompt_family.py", "PromptFamily.curate_sources", "fstring", None, "{query}"),
    # a prompts module's template (graphrag): its canned answer beside it is not a prompt
    ("graphrag_global_search_reduce_system_prompt.py", "REDUCE_SYSTEM_PROMPT", "format", "system", "{max_length}"),
]


@pytest.mark.parametrize("fixture,container,syntax,role,first", CASES, ids=[c[1] for c in CASES])
def test_real_prompts_found_with_names_syntax_role_and_first_variable(fixture, container, syntax, role, first):
    path = FIX / fixture
    prompts = by_container(path)
    assert container in prompts, sorted(prompts)
    p = prompts[container]
    assert p.name == f"{path}:{container}"
    assert (p.syntax, p.role) == (syntax, role)
    lines = path.read_text().split("\n")
    variables = p.variables
    if first is None:
        assert not variables and p.kind == "text"
        return
    v = variables[0]
    if syntax == "jinja" and first.startswith("{%"):
        assert v.text == "" and v.name == first[2:-2].strip()  # a control point: no text of its own
    else:
        assert v.text == first
    # the variable's position is where it is written in the file
    assert lines[v.line - 1][v.column - 1:].startswith(first)
    # tokens before the first variable: within 2 of tiktoken on the value's prefix
    from pcache.analyzers.tokenizer import tokenize_prompts

    (tp,) = tokenize_prompts([p], O200K)
    prefix = value_before_first_variable(path, container, first if syntax != "fstring" else None)
    assert p.text.startswith(prefix)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(prefix))) <= 2


def test_every_static_segment_is_where_the_file_says():
    """Verbatim static text is a slice of the file at its line/column (escapes are not verbatim)."""
    for path in sorted(FIX.glob("*.py")):
        lines = path.read_text().split("\n")
        for p in load(path):
            for s in p.segments:
                if s.kind == "static" and s.verbatim:
                    first_line = s.text.split("\n", 1)[0]
                    assert lines[s.line - 1][s.column - 1:].startswith(first_line), (path.name, p.container, s)


def test_fixtures_hold_no_other_prompts():
    """Nothing else in these files is a prompt (helpers' messages, docstrings, logging): the expert
    labels (tests/fixtures/python/labels.toml) list every prompt of every fixture."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    labels = tomllib.loads((FIX / "labels.toml").read_text(encoding="utf-8"))["file"]
    found = {(path.name, p.container) for path in FIX.glob("*.py") for p in load(path)}
    expected = {(e["file"], c) for e in labels for c in e["prompts"]}
    assert expected >= {(f, c) for f, c, *_ in CASES}
    assert found == expected


@pytest.mark.parametrize("name", [
    "haystack_chat_prompt_builder_negative.py",  # docstrings, log calls, exception messages
    "cpython_sqlite3_dump_negative.py",  # SQL built with .format
    "swe_agent_inspector_negative.py",  # role dicts inside transcript records shown by a web UI
    "gpt_researcher_websocket_negative.py",  # {"type": "chat", "role", "content"} websocket events
    "swe_agent_traj_to_demo_negative.py",  # a formatted constant that is a YAML file header
    "haystack_sentence_tokenizer_negative.py",  # a regular expression formatted with %
    "haystack_draw_negative.py",  # MERMAID_STYLED_TEMPLATE: diagram source
    "camel_input_and_error_negative.py",  # prompt= only given to input(); an except block's error report
    "langroid_exceptions_negative.py",  # an exception class's help text; a Rich status line
    # Prompt.ask / AskUserMessage / get_user_response questions, author labels, a terminal prompt
    "langroid_human_facing_negative.py",
    "browser_use_playground_negative.py",  # a list joined for the terminal, kept in a local never read
    "graphrag_cli_init_negative.py",  # typer.Option(prompt="Specify the default chat model to use")
])
def test_real_files_without_prompts(name):
    """None of these strings reaches a model (each was reported by an earlier rule)."""
    assert load(FIX / name) == []


def test_a_dict_key_that_says_prompt_holds_one():
    """``TASK = {"id": ..., "prompt": ("..." "...")}`` (gpt-researcher): the name rule applies to keys;
    the value is the implicit concatenation, as Python computes it."""
    path = FIX / "gpt_researcher_hybrid_task.py"
    (p,) = load(path)
    tree = ast.parse(path.read_text())
    want = ast.literal_eval(tree.body[0].value)["prompt"]
    assert (p.container, p.text, p.kind) == ("TASK.prompt", want, "text")
    assert (p.segments[0].line, p.segments[0].column) == (6, 10)  # the value's first character, after the quote
    from pcache.analyzers.tokenizer import tokenize_prompts

    (tp,) = tokenize_prompts([p], O200K)
    assert len(tp) == len(O200K.encode_ordinary(want))


def test_a_prompt_object_built_from_its_text():
    """``GENERATE_ASSISTANTS = TextPrompt('''...{num_roles}...''')`` (camel): a constructor named as a
    prompt takes the prompt's text; the str.format field is the first variable, where it is written."""
    path = FIX / "camel_ai_society.py"
    got = by_container(path)
    p = got["AISocietyPromptTemplateDict.GENERATE_ASSISTANTS"]
    tree = ast.parse(path.read_text())
    call = tree.body[1].body[0].value
    want = call.args[0].value
    assert p.text == want and p.syntax == "format"
    v = p.variables[0]
    assert v.text == "{num_roles}"
    assert path.read_text().split("\n")[v.line - 1][v.column - 1:].startswith("{num_roles}")
    from pcache.analyzers.tokenizer import tokenize_prompts

    (tp,) = tokenize_prompts([p], O200K)
    before = want[:want.index("{num_roles}")]
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(before))) <= 2


def test_message_shape_rules_keep_real_messages():
    """The rules that drop UI records keep what an API accepts: a request body's messages, a Responses
    input item (``type: message``), a message list passed to a call; a prompt-named function's
    fallback prompt in an ``except`` block (no exception quoted) stays a prompt."""
    src = textwrap.dedent('''
        body = {"model": "gpt-4o", "temperature": 0,
                "messages": [{"role": "system", "content": "You are a careful reviewer of pull requests."}]}
        items = [{"type": "message", "role": "user", "content": "Summarise the attached diff in one line."}]
        record = {"step": 3, "messages": [{"role": "system", "content": "Problem statement shown here"}]}
        client.chat(messages=[{"role": "user", "content": "List the three riskiest changes first."}])

        def format_prompt(schema):
            try:
                return "Answer in JSON with the keys " + ", ".join(schema)
            except Exception as e:
                return "Please respond in a structured JSON format that matches the schema."

        def get_templates(api):
            try:
                return api.templates()
            except Exception as e:
                return f"Failed to retrieve message templates: {e!s}"
        ''')
    found = {p.container: p.text for p in load("m.py", src)}
    assert set(found) == {"body.system", "items.user", "user", "format_prompt", "format_prompt@12"}
    texts = set(found.values())
    assert "You are a careful reviewer of pull requests." in texts
    assert "Summarise the attached diff in one line." in texts
    assert "List the three riskiest changes first." in texts
    assert "Please respond in a structured JSON format that matches the schema." in texts
    assert not any("Problem statement" in t or "Failed to retrieve" in t for t in texts)


def test_dedent_and_strip_applied_where_the_code_applies_them():
    src = ('import textwrap\n'
           'def ask(client, q):\n'
           '    return client.create(messages=[{"role": "system", "content": textwrap.dedent("""\n'
           '        You are a careful assistant.\n'
           '          Keep this indent.\n'
           '        Done here.\n'
           '    """).strip()}])\n')
    (p,) = load("m.py", src)
    assert p.text == textwrap.dedent('''
        You are a careful assistant.
          Keep this indent.
        Done here.
    ''').strip()
    assert (p.role, p.container) == ("system", "ask.system")
    assert [(s.line, s.column) for s in p.segments] == [(4, 9), (5, 9), (6, 9)]


def test_escapes_and_implicit_concatenation_keep_exact_positions():
    src = ('SYSTEM_PROMPT = ("You are a bot.\\tBe brief. "\n'
           '                 "Answer in English.\\n" f"User: {user.name!r:>10}")\n')
    (p,) = load("m.py", src)
    assert p.text == "You are a bot.\tBe brief. Answer in English.\nUser: {user.name!r:>10}"
    segs = [(s.kind, s.text, s.line, s.column, s.verbatim) for s in p.segments]
    assert segs == [
        ("static", "You are a bot.", 1, 19, True),
        ("static", "\t", 1, 33, False),  # the escape \t, located where it is written
        ("static", "Be brief. ", 1, 35, True),
        ("static", "Answer in English.", 2, 19, True),
        ("static", "\n", 2, 37, False),
        ("static", "User: ", 2, 43, True),
        ("variable", "{user.name!r:>10}", 2, 49, True),
    ]
    v = p.variables[0]
    assert (v.name, v.expression) == ("user.name", "user.name!r:>10")


def test_fstring_expressions_are_variables_written_as_in_the_source():
    src = ('import getpass\nfrom datetime import datetime\n\n'
           'class EditPrompts:\n'
           '    main_system = f"""Act as an expert developer for {getpass.getuser()}.\n'
           'Today is {datetime.now():%Y-%m-%d}. {{Braces}} stay literal."""\n')
    (p,) = load("m.py", src)
    assert p.container == "EditPrompts.main_system" and p.syntax == "fstring" and p.role == "system"
    assert [(v.text, v.expression, v.line, v.column) for v in p.variables] == [
        ("{getpass.getuser()}", "getpass.getuser()", 5, 54),
        ("{datetime.now():%Y-%m-%d}", "datetime.now():%Y-%m-%d", 6, 10),
    ]
    assert p.text.endswith("{Braces} stay literal.")


def test_format_and_percent_fields_are_variables():
    src = ('QA_PROMPT = "Context: {context_str}\\nAnswer the question: {query_str}"\n'
           'LEGACY_PROMPT = "You are %(name)s. Answer in %(lang)s please."\n'
           'def run(x):\n'
           '    return QA_PROMPT.format(context_str=x, query_str=x), LEGACY_PROMPT % {"name": x, "lang": x}\n')
    a, b = load("m.py", src)
    assert (a.syntax, [(v.text, v.name, v.column) for v in a.variables]) == \
        ("format", [("{context_str}", "context_str", 23), ("{query_str}", "query_str", 59)])
    assert (b.syntax, [v.text for v in b.variables]) == ("percent", ["%(name)s", "%(lang)s"])


def test_use_rules_and_roles():
    src = ('from langchain_core.prompts import ChatPromptTemplate, PromptTemplate\n'
           'from string import Template\n'
           'qa = PromptTemplate.from_template("Answer {question} using the context {context}")\n'
           'chat = ChatPromptTemplate.from_messages([("system", "You are {name}, a helpful bot."), ("human", "{input}")])\n'
           'greet = Template("Hello $who, welcome to the support desk")\n'
           'agent = Agent(name="x", instructions="Always answer in French, briefly.")\n')
    got = {p.container: (p.syntax, p.role) for p in load("m.py", src)}
    assert got == {"qa": ("format", None), "chat.system": ("format", "system"),
                   "greet": ("template", None), "agent.instructions": ("none", "system")}


NEGATIVES = '''
"""Module docstring: You are a helpful assistant. Answer the question {question} briefly."""
import logging
logger = logging.getLogger(__name__)
SQL_TEMPLATE = "SELECT name, email FROM users WHERE id = {user_id} ORDER BY name"
BUTTON_MESSAGE = "Send"
TITLE_TEMPLATE = "{title}"
ERROR_PROMPT_MESSAGE = "The prompt could not be rendered because the template is invalid: {error}"
HTML_TEMPLATE = "<html><body><h1>{title}</h1><p>Generated report for the user</p></body></html>"

def render(error):
    """You are a helpful assistant: this docstring is not a prompt {x}."""
    logger.warning("The system prompt is longer than expected, please check the template: %s", error)
    raise ValueError(ERROR_PROMPT_MESSAGE.format(error=error))

def fail():
    raise RuntimeError(f"Could not send the system prompt to the model, the server said {fail}")
'''


def test_docstrings_logging_exceptions_sql_ui_strings_and_markup_are_not_prompts():
    assert load("m.py", NEGATIVES) == []


def test_syntax_error_is_one_line_and_other_files_go_on(tmp_path):
    (tmp_path / "good.py").write_text('SYSTEM_PROMPT = "You are a careful assistant who answers briefly."\n')
    (tmp_path / "bad.py").write_text("x = 1\ndef f(:\n    pass\n")
    with pytest.raises(SourceParseError) as exc:
        load(tmp_path / "bad.py")
    assert exc.value.line == 2
    corpus = load_paths([str(tmp_path)])  # found by a walk: a warning, the other file keeps its prompt
    assert [p.container for p in corpus.prompts] == ["SYSTEM_PROMPT"]
    assert corpus.errors == []
    assert [(e.path.endswith("bad.py"), e.line) for e in corpus.warnings] == [(True, 2)]
    assert str(corpus.warnings[0]).startswith(f"{tmp_path / 'bad.py'}:2: Python syntax error")
    named = load_paths([str(tmp_path / "bad.py")])  # named on the command line: an error
    assert [(e.line, e.warning) for e in named.errors] == [(2, False)] and named.warnings == []


PEP701 = FIX / "pep701" / "gpt_researcher_deep_research_example.py"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 parses PEP 701 f-strings")
def test_pep701_fstring_is_a_warning_naming_the_line_and_the_python_needed(tmp_path, run_cli):
    """A backslash inside an f-string's {...} (real file, gpt-researcher) is valid Python 3.12 that
    3.11's ast rejects: the file is named with its line and the version it needs; others go on."""
    import shutil

    shutil.copy(PEP701, tmp_path / "example.py")
    shutil.copy(FIX / "browser_use_judge.py", tmp_path / "judge.py")
    corpus = load_paths([str(tmp_path)])
    assert corpus.errors == [] and {p.path for p in corpus.prompts} == {str(tmp_path / "judge.py")}
    (w,) = corpus.warnings
    assert (w.path, w.line) == (str(tmp_path / "example.py"), 14)  # where 3.11 stops: the f-string's end
    assert "needs Python >= 3.12" in w.message and "PEP 701" in w.message
    code, _, err = run_cli("lint", tmp_path)
    assert code in (0, 1)  # the findings decide, not the file this Python cannot read
    assert f"pcache: warning: {tmp_path / 'example.py'}:14: needs Python >= 3.12" in err
    code, _, err = run_cli("scan", PEP701)  # named: an error, exit 2
    assert code == 2 and ":14: needs Python >= 3.12" in err and "warning" not in err


@pytest.mark.skipif(sys.version_info < (3, 12), reason="needs Python 3.12 (PEP 701)")
def test_pep701_fstring_parses_on_python_312():
    corpus = load_paths([str(PEP701.parent)])
    assert corpus.errors == [] and corpus.warnings == []


def test_scan_json_gives_container_syntax_role_and_expressions(run_json):
    data = run_json("scan", FIX / "browser_use_judge.py")
    p = next(p for p in data["prompts"] if p["container"] == "construct_judge_messages.user_prompt")
    assert (p["syntax"], p["role"]) == ("fstring", "user")
    assert p["path"].endswith("browser_use_judge.py:construct_judge_messages.user_prompt")
    assert p["variables"][0]["expression"] == "task_truncated or 'No task provided'"
    assert p["variables"][-1]["expression"] == "len(encoded_images)"
    assert all(v["expression"] for q in data["prompts"] for v in q["variables"])


def test_show_and_diff_pick_a_prompt_by_qualified_name(run_cli):
    a = f"{FIX / 'swe_agent_action_sampler.py'}:BinaryTrajectoryComparisonConfig.instance_template"
    b = f"{FIX / 'swe_agent_action_sampler.py'}:BinaryTrajectoryComparisonConfig.comparison_template"
    code, out, err = run_cli("show", a, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["path"] == a
    code, out, err = run_cli("diff", a, b, "--format", "json")
    assert code == 0, err
    code, out, err = run_cli("show", f"{FIX / 'dspy_rlm.py'}:Nope")
    assert code == 2 and "no prompt 'Nope'" in err and "ACTION_INSTRUCTIONS_TEMPLATE" in err


def test_explicit_python_file_without_prompts_says_so(run_cli):
    code, out, err = run_cli("scan", FIX / "cpython_sqlite3_dump_negative.py")
    assert code == 2 and "no prompts in this file" in err and "Traceback" not in err


def test_prompt_folders_read_extensionless_and_tmpl_files(tmp_path):
    from pcache.analyzers.sources.walk import find_files

    (tmp_path / "preprompts").mkdir()
    (tmp_path / "preprompts" / "roadmap").write_text("You will get instructions for code to write.\n")
    (tmp_path / "preprompts" / "philosophy.tmpl").write_text("Almost always put different classes in different files.\n")
    (tmp_path / "Makefile").write_text("all:\n\techo hi\n")
    (tmp_path / "chart.tmpl").write_text("{{ .Values.name }}\n")  # a Go template outside a prompt folder
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / "venv" / "mod.py").write_text('SYSTEM_PROMPT = "installed code, not the project"\n')
    rel = lambda found: sorted(Path(f.path).relative_to(tmp_path).as_posix() for f in found)  # noqa: E731
    found, _ = find_files([str(tmp_path)])
    assert rel(found) == ["preprompts/philosophy.tmpl", "preprompts/roadmap"]
    found, _ = find_files([str(tmp_path)], prompt_folders=["nothing"])
    assert rel(found) == []
    found, _ = find_files([str(tmp_path / "Makefile")])  # named explicitly: read whatever it is
    assert [f.explicit for f in found] == [True]
    corpus = load_paths([str(tmp_path)])
    assert [Path(p.path).name for p in corpus.prompts] == ["philosophy.tmpl", "roadmap"]


def test_prompt_folders_setting(tmp_path):
    from pcache.analyzers.config import find_config

    (tmp_path / "pcache.toml").write_text('prompt-folders = ["agent_prompts"]\n')
    assert find_config(str(tmp_path)).prompt_folders == ["agent_prompts"]
    (tmp_path / "pcache.toml").write_text('prompt-folders = "a/b"\n')
    from pcache.analyzers.errors import PcacheError

    with pytest.raises(PcacheError, match="prompt-folders"):
        find_config(str(tmp_path))


def test_registry_is_an_explicit_list():
    from pcache.analyzers.sources.registry import all_sources

    names = [s.name for s in all_sources()]
    assert "python" in names and names[-1] == "text"
    assert names.index("python") < names.index("template")


def test_fstring_field_naming_a_module_constant_is_its_text():
    src = ('from datetime import datetime\n'
           'POLICY = "You are Juniper, the support assistant of Northwind. Be brief."\n'
           'def build(q):\n'
           '    system = f"Time: {datetime.now():%H:%M}\\n{POLICY}"\n'
           '    return [{"role": "system", "content": system}]\n')
    (p,) = load("m.py", src)
    assert p.container == "build.system" and p.role == "system"
    assert [v.text for v in p.variables] == ["{datetime.now():%H:%M}"]
    assert p.text.endswith("\nYou are Juniper, the support assistant of Northwind. Be brief.")
    policy = next(s for s in p.segments if s.text.startswith("You are Juniper"))
    assert (policy.line, policy.column) == (2, 11)  # where the constant is written


def test_sample_module_good_and_bad(run_json):
    data = run_json("scan", ROOT / "sample_prompts" / "support_agent.py")
    got = {p["container"]: p for p in data["prompts"]}
    assert set(got) == {"SYSTEM_PROMPT", "build_messages_with_clock.system"}
    good, bad = got["SYSTEM_PROMPT"], got["build_messages_with_clock.system"]
    assert good["cacheable_tokens"] >= 1024 and good["syntax"] == "format"
    assert bad["cacheable_tokens"] == 0 and bad["role"] == "system"
    # the space before the field joins the first token of its value: the stable prefix is "Current time:"
    assert bad["first_variable"]["token"] == len(O200K.encode_ordinary("Current time:"))
    assert bad["variables"][0]["expression"] == "datetime.now():%Y-%m-%d %H:%M:%S"


def _first_variable_checks(path: Path, p, first: str, prefix: str) -> None:
    """The first variable is ``first`` where the file writes it, and the tokens before it are within
    2 of tiktoken on ``prefix`` (the value before it, computed from ``ast`` by the caller)."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    v = p.variables[0]
    assert v.text == first
    assert path.read_text().split("\n")[v.line - 1][v.column - 1:].startswith(first)
    assert p.text.startswith(prefix)
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(prefix))) <= 2


def test_a_prompt_assembled_from_a_list_and_joined():
    """agno ``_build_judge_prompt``: ``parts = ["## Criteria", criteria, ""]``, ``parts.extend(...)``,
    ``return "\\n".join(parts)``: the parts in order with the separator between them; a part that
    is not text (``criteria``) or is added only under a condition is a variable written as its
    expression."""
    path = FIX / "agno_judge_prompt.py"
    p = by_container(path)["_build_judge_prompt"]
    fn = next(n for n in ast.parse(path.read_text()).body if isinstance(n, ast.FunctionDef))
    parts = fn.body[1].value  # parts = [...]
    sep = fn.body[-1].value.func.value.value
    prefix = ast.literal_eval(parts.elts[0]) + sep
    _first_variable_checks(path, p, "criteria", prefix)
    names = [v.text for v in p.variables]
    assert names[1] == '_NUMERIC_INSTRUCTIONS if mode == "numeric" else _BINARY_INSTRUCTIONS'
    assert any(v.text.startswith("fence_untrusted(output_text") for v in p.variables)  # the last, unconditional part
    assert p.container == "_build_judge_prompt" and p.kind == "template"


def test_a_prompt_accumulated_with_plus_equals():
    """agno ``get_json_output_prompt``: ``json_output_prompt = "..."`` then ``+=`` under ``if``: the
    first value is static, every conditional addition a variable from where it is written."""
    path = FIX / "agno_json_output_prompt.py"
    p = by_container(path)["get_json_output_prompt.json_output_prompt"]
    fn = next(n for n in ast.parse(path.read_text()).body if isinstance(n, ast.FunctionDef))
    first = next(n for n in fn.body if isinstance(n, ast.Assign))
    _first_variable_checks(path, p, '"\\n<json_fields>"', first.value.value)
    assert len(p.variables) == 3  # the three additions of the one branch the fixture keeps


def test_dspy_signature_docstring_is_the_instructions():
    """A ``dspy.Signature`` subclass's docstring is its task instructions (DSPy's documented
    behaviour), a system prompt named by its class; other docstrings never are."""
    path = FIX / "dspy_signatures.py"
    got = by_container(path)
    for cls in (n for n in ast.parse(path.read_text()).body if isinstance(n, ast.ClassDef)):
        p = got[cls.name]
        want = cls.body[0].value.value
        assert (p.text, p.role, p.kind) == (want, "system", "text")
        from pcache.analyzers.tokenizer import tokenize_prompts

        (tp,) = tokenize_prompts([p], O200K)
        assert len(tp) == len(O200K.encode_ordinary(want))
    src = 'class Helper:\n    """Formats the answer of the model for the user interface."""\n'
    assert load("m.py", src) == []


def test_a_prompt_object_made_of_another():
    """camel ``ASSISTANT_PROMPT = TextPrompt(ROLE_DESCRIPTION_PROMPT + AISocietyPromptTemplateDict
    .ASSISTANT_PROMPT)``: the class constant is read as its text (its str.format fields are
    variables), the imported one is a variable."""
    path = FIX / "camel_role_description.py"
    got = by_container(path)
    p = got["RoleDescriptionPromptTemplateDict.ASSISTANT_PROMPT"]
    cls = next(n for n in ast.parse(path.read_text()).body if isinstance(n, ast.ClassDef))
    role_description = next(n for n in cls.body if isinstance(n, ast.Assign)).value.args[0].value
    assert p.syntax == "format"
    _first_variable_checks(path, p, "{user_role}", role_description[:role_description.index("{user_role}")])
    assert p.variables[-1].text == "AISocietyPromptTemplateDict.ASSISTANT_PROMPT"
    assert p.text.startswith(role_description.split("{")[0])


def test_jinja_unparsable_double_brace_tags_are_mustache():
    """Open WebUI keeps ``{{MESSAGES:END:2}}`` / ``{{CURRENT_DATE}}`` templates in Python constants and
    replaces the tags by name: Jinja cannot parse them, so they are read as Mustache tags."""
    path = FIXTURES_ROOT / "agents" / "eval" / "open-webui" / "config_task_templates.py"
    got = by_container(path)
    tree = ast.parse(path.read_text())
    values = {n.targets[0].id: n.value.value for n in tree.body if isinstance(n, ast.Assign)}
    for name, first in (("DEFAULT_TITLE_GENERATION_PROMPT_TEMPLATE", "{{MESSAGES:END:2}}"),
                        ("DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE", "{{CURRENT_DATE}}")):
        p = got[name]
        assert p.syntax == "mustache" and not p.notes
        _first_variable_checks(path, p, first, values[name][:values[name].index(first)])


def test_what_a_function_of_the_file_returns_reaches_a_model_through_a_call():
    """SWE-agent ``{"role": "user", "content": discussion}`` where ``discussion =
    self.get_colleague_discussion(...)``: the method's return (built with ``out = "..."`` then
    ``out += ...``) is the prompt, named by the method; the loop's additions are variables."""
    path = FIX / "swe_agent_ask_colleagues.py"
    p = by_container(path)["AskColleagues.get_colleague_discussion"]
    fn = next(n for n in ast.walk(ast.parse(path.read_text()))
              if isinstance(n, ast.FunctionDef) and n.name == "get_colleague_discussion")
    first = next(n for n in fn.body if isinstance(n, ast.Assign)).value.value
    _first_variable_checks(path, p, 'f"Thought (colleague {i}): {thought}\\nProposed Action (colleague {i}): '
                           '{action}\\n\\n"', first)
    assert p.role == "user"
    last = [n for n in fn.body if isinstance(n, ast.AugAssign)][-1].value.value  # unconditional: static text
    assert p.text.endswith(last)


def test_a_message_class_by_its_shape_and_a_text_part_of_a_message():
    """gptme ``Message("system", content="...")``: a class named ``...Message`` given a role and a
    content; mem0 ``{"role": "user", "content": [{"type": "text", "text": "..."}]}``: a text part."""
    got = by_container(FIX / "gptme_summarize.py")
    assert got["_summarize_str.messages.system"].role == "system"
    assert got["_summarize_str.messages.user"].variables[0].text == "{content}"
    path = FIX / "mem0_json_and_image.py"
    got = by_container(path)
    part = got["get_image_description.messages.user"]
    want = next(n.value for n in ast.walk(ast.parse(path.read_text()))
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith("A user is"))
    assert (part.text, part.role) == (want, "user")


def test_text_added_to_a_prompt_the_function_does_not_build():
    """mem0 ``system_prompt += "..."`` on a parameter: the added text is a part of that prompt."""
    got = by_container(FIX / "mem0_json_and_image.py")
    p = got["ensure_json_instruction.system_prompt"]
    assert p.role == "system" and p.text.startswith("\n\nYou must return your response in valid JSON format")


def test_a_default_given_with_or_and_a_setter_named_for_a_prompt():
    """marvin ``prompt = prompt or inspect.cleandoc(\"\"\"...{{instructions}}...\"\"\")``: the default is a
    value of ``prompt`` (Jinja, as ``jinja_env.from_string`` reads it); griptape
    ``prompt_stack.add_system_message("...")``: a method that puts a system message."""
    path = FIX / "marvin_generate_schema.py"
    p = by_container(path)["generate_schema_async.prompt"]
    want = inspect.cleandoc(next(n.value for n in ast.walk(ast.parse(path.read_text()))
                                 if isinstance(n, ast.Constant) and isinstance(n.value, str)
                                 and "{{instructions}}" in n.value))
    assert p.syntax == "jinja"
    _first_variable_checks(path, p, "{{instructions}}", want[:want.index("{{instructions}}")])
    (g,) = load(FIX / "griptape_json_mode.py")
    assert (g.text, g.role) == ("Provide your response as a valid JSON object.", "system")


def test_terminal_styles_are_not_prose():
    """prompt_toolkit styles in a prompt-named module (gptme util/prompt.py ``STYLE_ALERT``)."""
    assert load("prompts.py", 'STYLE_ALERT = "bold fg:ansiyellow bg:ansired"\n') == []
    (p,) = load("prompts.py", 'GREETING = "You are a careful reviewer."\n')
    assert p.container == "GREETING"


def test_text_added_to_a_prompt_given_a_default_with_or():
    """marvin fns/cast.py: ``prompt = prompt or DEFAULT_PROMPT`` then ``prompt += f"..."`` under ``if``:
    the added instructions are part of the prompt (the local is not built from text here)."""
    src = textwrap.dedent('''
        DEFAULT_PROMPT = "You are an expert data converter that always maintains as much semantic meaning."

        async def cast_async(data, target=None, instructions=None, prompt=None):
            prompt = prompt or DEFAULT_PROMPT
            if instructions:
                prompt += f"\\n\\nYou must follow these instructions for your transformation:\\n{instructions}"
            return prompt
        ''')
    got = {p.container: p for p in load("cast.py", src)}
    p = got["cast_async.prompt"]
    assert p.variables[0].text == "{instructions}"
    assert p.text.startswith("\n\nYou must follow these instructions for your transformation:\n")
    assert "DEFAULT_PROMPT" in got


def test_a_command_line_options_help_is_not_a_prompt():
    """mem0 cli/python/src/mem0_cli/app.py ``_build_help_json``: ``{"--custom-instructions": "Custom
    instructions for fact extraction."}`` documents a flag for people."""
    src = ('def _build_help_json():\n'
           '    return {"commands": {"add": {"--custom-instructions": "Custom instructions for fact extraction.",\n'
           '            "--agent-custom-instructions": "Extraction instructions for agent-scoped memories."}}}\n')
    assert load("app.py", src) == []


def test_english_that_starts_like_sql_is_a_prompt_and_sql_is_not(run_json, tmp_path):
    # "Select ... from ..." is an instruction; a SQL statement is for a database (one rule with the JS source)
    path = tmp_path / "pick.py"
    path.write_text('QUERY_PROMPT = "SELECT id, name FROM users WHERE active = 1"\n'
                    'PICK_PROMPT = "Select the best option from the list below and answer with its number only."\n')
    names = [p["container"] for p in run_json("scan", path)["prompts"]]
    assert names == ["PICK_PROMPT"]


def _calls(tree: ast.AST, function: str, method: str) -> list[ast.Call]:
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function)
    return [n for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr == method]


def test_role_message_builders_called_on_an_instance():
    """vanna ``self.system_message("...")`` / ``self.user_message(...)`` (a client's
    ``{"role": ..., "content": message}`` helper): each argument is a prompt of that role, named after
    the list that holds the messages; a response assigned from ``submit_prompt([...])`` does not name it."""
    path = FIX / "vanna_base_messages.py"
    got = by_container(path)
    tree = ast.parse(path.read_text())
    want_roles = {
        "VannaBase.generate_rewritten_question.prompt.system": "system",
        "VannaBase.generate_rewritten_question.prompt.user": "user",
        "VannaBase.generate_followup_questions.message_log.system": "system",
        "VannaBase.generate_followup_questions.message_log.user": "user",
        "VannaBase.generate_summary.message_log.system": "system",
        "VannaBase.generate_summary.message_log.user": "user",
        "VannaBase.generate_question.system": "system",  # (response = self.submit_prompt([...]))
    }
    assert {c: got[c].role for c in want_roles if c in got} == want_roles
    (system,) = _calls(tree, "generate_question", "system_message")
    assert got["VannaBase.generate_question.system"].text == ast.literal_eval(system.args[0])
    # "Briefly summarize ..." + self._response_language(): the call is a variable after the text
    (user,) = _calls(tree, "generate_summary", "user_message")
    static = ast.literal_eval(user.args[0].left)
    from pcache.analyzers.tokenizer import tokenize_prompts

    p = got["VannaBase.generate_summary.message_log.user"]
    (tp,) = tokenize_prompts([p], O200K)
    assert p.variables[0].expression == "self._response_language()"
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(static))) <= 2


def test_what_a_same_file_method_adds_to_a_prompt_is_a_prompt_part():
    """``"..." + self._response_language()`` inside a user message: what ``_response_language``
    returns (``f"Respond in the {self.language} language."``) reaches the model, so it is reported,
    named by the method; its empty-string branch is under the size rule."""
    path = FIX / "vanna_base_messages.py"
    p = by_container(path)["VannaBase._response_language"]
    tree = ast.parse(path.read_text())
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "_response_language")
    fstring = [r.value for r in ast.walk(fn) if isinstance(r, ast.Return) and isinstance(r.value, ast.JoinedStr)][0]
    assert p.variables[0].expression == "self.language"
    from pcache.analyzers.tokenizer import tokenize_prompts

    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(fstring.values[0].value))) <= 2


def test_a_string_given_as_messages_is_one_user_message():
    """graphrag ``llm.completion(messages="This is an LLM connectivity test. Say Hello World")``; the
    embedding call's ``input=[...]`` in the same function is not a prompt."""
    path = FIX / "graphrag_validate_config.py"
    (p,) = load(path)
    call = next(n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Call)
                and any(k.arg == "messages" for k in n.keywords))
    want = next(k.value.value for k in call.keywords if k.arg == "messages")
    assert (p.container, p.role, p.text) == ("validate_config_names.messages", "user", want)


def test_a_canned_answer_beside_prompts_is_not_one(tmp_path):
    """``NO_DATA_ANSWER`` in a prompts module is what the program answers in the model's place; a
    prompt of the same module that includes an answer constant still carries its text."""
    path = FIX / "graphrag_global_search_reduce_system_prompt.py"
    assert set(by_container(path)) == {"REDUCE_SYSTEM_PROMPT"}
    f = tmp_path / "prompts.py"
    f.write_text('EXAMPLE_ANSWER = "The capital of France is Paris."\n'
                 'QA_PROMPT = f"Answer like this example: {EXAMPLE_ANSWER} Now answer the question."\n')
    (p,) = load(f)
    assert p.container == "QA_PROMPT" and "The capital of France is Paris." in p.text


def test_click_and_typer_option_prompts_ask_a_person(tmp_path):
    """``@click.option("--name", prompt="Your name please")`` and ``typer.Option(prompt=...)`` ask at the
    terminal (click docs, "Prompting"); the same keyword on a model client is a prompt."""
    f = tmp_path / "cli.py"
    f.write_text('import click\nfrom typer import Option\n\n'
                 '@click.option("--name", prompt="Your full name please")\n'
                 'def hello(name, model=Option("gpt-4o", prompt="Which model to use")):\n'
                 '    return client.generate(prompt="Write a short poem about the sea.")\n')
    assert [p.container for p in load(f)] == ["hello.prompt"]


CROSS = FIX / "crossfile"


def _format_prefix(path: Path, name: str) -> str:
    """The constant's value up to its first ``str.format`` field (``string.Formatter``, never pcache)."""
    import string

    tree = ast.parse(path.read_text())
    value = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                 and any(isinstance(t, ast.Name) and t.id == name for t in n.targets))
    out = ""
    for literal, field, _spec, _conv in string.Formatter().parse(value):
        out += literal
        if field is not None:
            return out
    raise AssertionError(f"{name} has no field")


@pytest.mark.parametrize("module,name,first", [
    ("prompt/persona.py", "GENERATE_PERSONA_PROMPT", "{sample_task}"),  # X.format(...) in generator/persona.py
    # prompt = (A if json_mode else B) if entity_types else C; prompt.format(...) in generator/extract_graph_prompt.py
    ("template/extract_graph.py", "GRAPH_EXTRACTION_PROMPT", "{entity_types}"),
    ("template/extract_graph.py", "UNTYPED_GRAPH_EXTRACTION_PROMPT", "{language}"),
])
def test_a_template_formatted_in_another_file_has_that_syntax(module, name, first):
    """graphrag keeps its prompt-tuning templates in one module and formats them in another; read
    alone, their ``{{role}}`` escapes look like Mustache and the first ``{field}`` is not a variable.
    Scanned with the folder, the import links the ``.format`` to the constant: syntax ``format`` and
    the first variable within 2 tokens of tiktoken on the text before it."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    root = CROSS / "graphrag" / "prompt_tune"
    path = root / module
    alone = {p.container: p for p in load(path)}[name]
    assert not alone.variables or alone.variables[0].text != first
    corpus = load_paths([str(root)])
    assert corpus.errors == []
    p = next(p for p in corpus.prompts if p.container == name and p.path.endswith(module))
    assert p.syntax == "format" and p.variables[0].text == first
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(_format_prefix(path, name)))) <= 2


def test_a_call_in_another_file_kept_for_the_log_is_no_prompt():
    """TaskWeaver ``prompt_str = serialize_prompt(prompt, pretty=True)`` in ``logging/``: a local named
    for a prompt that holds what an imported function returns does not make that function's return
    a prompt (and ``serialize_`` says it handles prompts it does not write)."""
    corpus = load_paths([str(CROSS / "taskweaver")])
    assert corpus.prompts == [] and corpus.errors == []


def test_an_imported_constant_sent_to_a_model_is_a_prompt(tmp_path):
    """A constant whose name says nothing, in a module whose name says nothing, is a prompt when
    another file imports it and sends it to a model (``messages=[{"role": "system", "content": X}]``,
    ``user_message(X.format(...))``); the same name sent nowhere, or only logged, is not."""
    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "texts.py").write_text(
        'GUIDE = "Answer as a support agent for Acme. Be brief and polite."\n'
        'QUESTION = "Summarize this ticket for the on-call engineer: {ticket}"\n'
        'BANNER = "Welcome to the Acme support console, have a nice day"\n'
        'def build_review(diff):\n    return f"Review this diff carefully and list the bugs you find: {diff}"\n')
    (pkg / "agent.py").write_text(
        'import logging\nfrom .texts import GUIDE, BANNER\nfrom . import texts\nfrom .texts import build_review\n\n'
        'def run(client, ticket, diff):\n'
        '    logging.info(BANNER)\n'
        '    msgs = [{"role": "system", "content": GUIDE},\n'
        '            {"role": "user", "content": texts.QUESTION.format(ticket=ticket)}]\n'
        '    client.chat(messages=msgs)\n'
        '    return client.complete(prompt=build_review(diff))\n')
    got = {p.container: p for p in load_paths([str(pkg)]).prompts}
    assert set(got) == {"GUIDE", "QUESTION", "build_review"}
    assert (got["GUIDE"].role, got["GUIDE"].syntax) == ("system", "none")
    assert (got["QUESTION"].role, got["QUESTION"].syntax, got["QUESTION"].variables[0].text) == \
        ("user", "format", "{ticket}")
    assert got["build_review"].variables[0].expression == "diff"
    # the defining file alone: no use, no prompt
    assert load(pkg / "texts.py") == []


def test_each_python_file_is_analysed_once_per_scan(monkeypatch):
    """Cross-file uses cost no second analysis: the analysis made for another file's names is kept
    for the loader, and the loader's own analysis answers the other files (scan time stays linear)."""
    from pcache.analyzers.sources.python.finder import _Finder

    seen = []
    real = _Finder.analyse

    def counting(self):
        seen.append(self.path)
        return real(self)

    monkeypatch.setattr(_Finder, "analyse", counting)
    corpus = load_paths([str(CROSS)])
    files = sorted({p for p in map(str, CROSS.rglob("*.py"))})
    assert sorted(seen) == files and corpus.prompts


def test_an_argument_given_by_position_to_a_prompt_parameter_of_another_file():
    """reflexion ``get_completion(reflection_query)`` where ``utils.py`` defines
    ``def get_completion(prompt: str, ...)``: the argument goes to a parameter named for a prompt, so
    what ``_generate_reflection_query`` builds (an f-string, then ``+=``) is one; the first variable is
    ``{FEW_SHOT_EXAMPLES}`` (read from a file), within 2 tokens of tiktoken on the text before it.
    Scanned without ``utils.py``, nothing says so."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    root = CROSS / "reflexion" / "alfworld_runs"
    path = root / "generate_reflections.py"
    (p,) = [p for p in load_paths([str(root)]).prompts if p.path.endswith("generate_reflections.py")]
    assert p.container == "_generate_reflection_query" and p.variables[0].text == "{FEW_SHOT_EXAMPLES}"
    fn = next(n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.FunctionDef)
              and n.name == "_generate_reflection_query")
    fstring = next(n.value for n in fn.body if isinstance(n, ast.AnnAssign) and n.target.id == "query")
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(fstring.values[0].value))) <= 2
    assert load_paths([str(path)]).prompts == []


def test_a_positional_argument_to_a_same_file_prompt_parameter(tmp_path):
    """The keyword rule by position, within a file: ``ask_model("...")`` with ``def ask_model(prompt)``
    is a prompt; ``show(prompt)`` that only prints its parameter, and a handling verb
    (``count_prompt_tokens``), are not."""
    f = tmp_path / "a.py"
    f.write_text('def ask_model(prompt, temperature=0):\n    return client.complete(prompt=prompt)\n\n'
                 'def show(prompt):\n    print(prompt)\n\n'
                 'def count_prompt_tokens(prompt):\n    return len(prompt.split())\n\n'
                 'class Bot:\n    def reply(self, prompt):\n        return client.complete(prompt=prompt)\n'
                 '    def run(self):\n        return self.reply("Summarize the last three messages briefly.")\n\n'
                 'def main():\n    ask_model("Write a haiku about the autumn sea.")\n'
                 '    show("Press the button to start the run")\n'
                 '    count_prompt_tokens("How many tokens are in this sentence")\n')
    assert sorted(p.container for p in load(f)) == ["Bot.run.prompt", "main.prompt"]


def test_a_template_star_imported_and_formatted_elsewhere(tmp_path):
    """``from app.prompts import *`` then ``REVIEW.format(diff=d)`` sent as ``messages=``: the star import
    binds the name, so the template (whose ``{{name}}`` escapes look like Mustache when read alone) is
    read as ``str.format`` and its role is the use's."""
    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "prompts.py").write_text('REVIEW = "Use the form {{name}}: {{issue}}. Review this diff: {diff}"\n')
    (pkg / "run.py").write_text('from app.prompts import *\n\ndef go(llm, d):\n'
                                '    return llm.completion(messages=REVIEW.format(diff=d))\n')
    alone = load(pkg / "prompts.py")
    assert [v.text for v in alone[0].variables] != ["{diff}"]
    (p,) = load_paths([str(pkg)]).prompts
    assert (p.container, p.syntax, [v.text for v in p.variables]) == ("REVIEW", "format", ["{diff}"])


def test_invalid_escapes_in_user_code_raise_no_warning(tmp_path, recwarn):
    """An invalid escape such as '\\D' in the user's file is the compiler's DeprecationWarning (3.11) or a
    printed SyntaxWarning (3.12): pcache reads the file, it does not report on its style."""
    import warnings

    p = tmp_path / "agent.py"
    body = "You are a search agent. Split the query on non-digits (\\D) and answer with sources. " * 4
    p.write_text(f'SYSTEM_PROMPT = "{body}"  # one backslash before D: an invalid escape\n')
    assert "\\D" in p.read_text()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        loaded = load_paths([str(p)], SourceOptions())
    assert [pr.container for pr in loaded.prompts] == ["SYSTEM_PROMPT"], loaded
    with warnings.catch_warnings():  # Python's own reading (its warning is not pcache's)
        warnings.simplefilter("ignore")
        value = ast.literal_eval(p.read_text().split("=", 1)[1].split("  #")[0].strip())
    assert "".join(s.text for s in loaded.prompts[0].segments) == value
    bad = [w for w in recwarn if issubclass(w.category, (SyntaxWarning, DeprecationWarning))]
    assert not bad, [(w.category.__name__, str(w.message), w.filename, w.lineno) for w in bad]


def test_a_message_class_named_for_its_role():
    """canopy ``UserMessage(content="This is a health check. Are you alive? Be concise")``: a class named
    ``<role>Message`` builds a message of that role (as ``SystemMessage``/``HumanMessage`` do); the
    one-word ``system_prompt="hi"`` beside it is under the size rule."""
    path = FIX / "canopy_health_check.py"
    (p,) = load(path)
    call = next(n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Call)
                and getattr(n.func, "id", "") == "UserMessage")
    assert (p.container, p.role, p.text) == ("health_check.msg.user", "user", call.keywords[0].value.value)


def test_a_template_filled_by_the_function_it_is_given_to():
    """dev-gpt ``ask_gpt(better_description_prompt, parser, **context)`` where ``ask_gpt(prompt_template,
    ...)`` (another file) does ``prompt_template.format(**kwargs)``: the template is ``str.format``, so the
    f-string's ``{{context_string}}`` (``{context_string}`` once the f-string is evaluated) is its first
    variable, at token 0; read alone it is an f-string whose first variable is ``{get_available_tools()}``."""
    root = CROSS / "devgpt"
    chains = root / "dev_gpt" / "options" / "generate" / "chains" / "auto_refine_description.py"
    alone = {p.container: p for p in load_paths([str(chains)]).prompts}["better_description_prompt"]
    assert alone.variables[0].text == "{get_available_tools()}"
    got = {p.container: p for p in load_paths([str(root)]).prompts}
    p = got["better_description_prompt"]
    assert p.syntax == "format" and p.variables[0].text == "{context_string}"
    from pcache.analyzers.tokenizer import tokenize_prompts

    (tp,) = tokenize_prompts([p], O200K)
    assert tp.first_variable.token == 0
    assert got["ask_gpt.system"].role == "system"


def test_functions_listed_in_a_prompt_named_mapping_return_prompts():
    """SWE-bench ``PROMPT_FUNCTIONS = {"style-2": prompt_style_2, ...}``: a registry named for prompts
    lists the functions that build them, so what each returns is a prompt (``"\\n".join(final_text)``,
    after ``final_text = [...]`` is assigned again); the first variable is ``problem_statement``, after
    ``premise`` and ``<issue>``, within 2 tokens of tiktoken on that text."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "swebench_prompt_functions.py"
    got = by_container(path)
    p = got["prompt_style_2"]
    fn = next(n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.FunctionDef)
              and n.name == "prompt_style_2")
    premise = next(n.value.value for n in fn.body if isinstance(n, ast.Assign) and n.targets[0].id == "premise")
    assert p.variables[0].expression == "problem_statement"
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(premise + "\n<issue>\n"))) <= 2
    # its `instructions` local is a part of what it returns: reported inside it, not again on its own
    instructions = next(n.value for n in fn.body if isinstance(n, ast.Assign) and n.targets[0].id == "instructions")
    head = instructions.left if isinstance(instructions, ast.BinOp) else instructions
    while isinstance(head, ast.BinOp):
        head = head.left
    assert _string_value(head) in p.text and "prompt_style_2.instructions" not in got


def _string_value(node: ast.expr) -> str:
    """A string literal's value, or an f-string's text up to its first field (``ast``, never pcache)."""
    if isinstance(node, ast.JoinedStr):
        out = ""
        for v in node.values:
            if not isinstance(v, ast.Constant):
                break
            out += v.value
        return out
    return ast.literal_eval(node)


def _before_first_field(text: str) -> str:
    import string

    out = ""
    for literal, field, _spec, _conv in string.Formatter().parse(text):
        out += literal
        if field is not None:
            return out
    raise AssertionError("no str.format field")


def test_entries_of_a_mapping_named_for_prompts():
    """nano-graphrag ``PROMPTS["summarize_entity_descriptions"] = "..."``: an entry of a mapping
    named for prompts is one, named ``PROMPTS.<key>``, whatever its key says; the delimiters and the
    spinner frames kept in the same mapping are one word or no text (the size rule).  The first
    ``str.format`` field is within 2 tokens of tiktoken on the text before it."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "nano_graphrag_prompts.py"
    got = by_container(path)
    assert set(got) == {"PROMPTS.summarize_entity_descriptions", "PROMPTS.entiti_continue_extraction",
                        "PROMPTS.entiti_if_loop_extraction", "PROMPTS.naive_rag_response"}
    values = {n.targets[0].slice.value: n.value for n in ast.parse(path.read_text()).body
              if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Subscript)}
    for key in ("summarize_entity_descriptions", "naive_rag_response"):
        p = got[f"PROMPTS.{key}"]
        prefix = _before_first_field(ast.literal_eval(values[key]))
        assert p.syntax == "format"
        (tp,) = tokenize_prompts([p], O200K)
        assert abs(tp.first_variable.token - len(O200K.encode_ordinary(prefix))) <= 2
    assert got["PROMPTS.entiti_continue_extraction"].text == ast.literal_eval(values["entiti_continue_extraction"])


def test_text_values_of_a_mapping_assigned_to_a_prompt_name():
    """WebArena ``prompt = {"intro": "...", "examples": [...], "template": "...", "meta_data": {...}}``:
    the text values of a mapping named for a prompt are its prompts (``prompt.intro``,
    ``prompt.template``); the few-shot turns (a list) and the settings (a nested mapping, with the
    answer phrase the parser looks for) are not.  The template's first field ``{observation}`` is
    within 2 tokens of tiktoken on the text before it."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "webarena_p_cot_id_actree_2s.py"
    got = by_container(path)
    assert set(got) == {"prompt.intro", "prompt.template"}
    mapping = next(n.value for n in ast.parse(path.read_text()).body if isinstance(n, ast.Assign))
    values = {k.value: v for k, v in zip(mapping.keys, mapping.values)}
    assert got["prompt.intro"].text == ast.literal_eval(values["intro"])
    t = got["prompt.template"]
    assert t.syntax == "format" and t.variables[0].text == "{observation}"
    (tp,) = tokenize_prompts([t], O200K)
    assert abs(tp.first_variable.token
               - len(O200K.encode_ordinary(_before_first_field(ast.literal_eval(values["template"]))))) <= 2


def test_a_constant_added_to_a_prompt_and_a_formatted_parameter_default():
    """textgrad: ``backward_prompt += OBJECTIVE_INSTRUCTION_CHAIN.format(**backward_info)`` makes that
    constant a part of the prompt, as ``backward_prompt = START.format(...)`` does for the first one;
    ``def __init__(..., optimizer_system_prompt: str = OPTIMIZER_SYSTEM_PROMPT)`` then
    ``optimizer_system_prompt.format(new_variable_start_tag=...)`` (another file) fills the default, so
    the constant is ``str.format`` and ``{new_variable_start_tag}`` its first variable (read alone it
    has none); both within 2 tokens of tiktoken on the text before it."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    root = CROSS / "textgrad" / "textgrad"
    got = {(Path(p.path).name, p.container): p for p in load_paths([str(root)]).prompts}
    ops = root / "autograd" / "string_based_ops.py"
    prompts_py = root / "optimizer" / "optimizer_prompts.py"
    consts = {}
    for path in (ops, prompts_py):
        for n in ast.parse(path.read_text()).body:
            if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name):
                consts[n.targets[0].id] = _string_value(n.value)
    for key, first in ((("string_based_ops.py", "OBJECTIVE_INSTRUCTION_CHAIN"), "{response_desc}"),
                       (("optimizer_prompts.py", "OPTIMIZER_SYSTEM_PROMPT"), "{new_variable_start_tag}")):
        p = got[key]
        assert p.syntax == "format" and p.variables[0].text == first, key
        (tp,) = tokenize_prompts([p], O200K)
        assert abs(tp.first_variable.token - len(O200K.encode_ordinary(_before_first_field(consts[key[1]])))) <= 2
    alone = {p.container: p for p in load(prompts_py)}["OPTIMIZER_SYSTEM_PROMPT"]
    assert alone.variables == []


def test_a_fenced_block_holding_only_a_field_is_a_slot():
    """dev-gpt ``add_feedback_prompt`` quotes its data in code fences (``` then ``{microservice_description}``
    then ```), filled by ``ask_gpt``'s ``str.format`` in a file outside the scan: a fenced block whose
    only line is a ``{name}`` is a slot, so the template is ``str.format`` and its first variable is
    that field, within 2 tokens of tiktoken on the text before it (template detection otherwise leaves
    braces inside code blocks out, as code examples)."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "devgpt_user_confirmation_feedback_loop.py"
    (p,) = load(path)
    value = next(ast.literal_eval(n.value) for n in ast.parse(path.read_text()).body if isinstance(n, ast.Assign))
    assert (p.container, p.syntax, p.variables[0].text) == ("add_feedback_prompt", "format", "{microservice_description}")
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(_before_first_field(value)))) <= 2


def test_a_name_bound_to_a_call_of_a_function_returning_text_is_that_text(tmp_path):
    """Team decision (issue #11): ``BASE_SYSTEM_PROMPT = _build_system_prompt()`` where the function
    returns one string built from literals is that text where a prompt includes it, and
    ``hello = _greeting(user.name)`` (``return f"... {name} ..."``) is the function's text with the
    call's argument ``user.name`` as its variable; an imported function of the scan that returns one
    literal (``SUPPORT = get_system_prompt()``) reads the same.  A function with two returns stays a
    variable (which text comes back is decided at run time).  The shape is the one public code uses
    (``_SYSTEM_PROMPT = _build_system_prompt()`` then ``blocks = [BASE_SYSTEM_PROMPT, ...]``); the text
    is written for the test.  Goldens: tiktoken on the text before the first variable, from ``ast``."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    app = tmp_path / "app"
    app.mkdir()
    (app / "texts.py").write_text(
        'def get_system_prompt():\n'
        '    return "You are the support assistant of Acme. Answer briefly and cite the manual."\n')
    (app / "agent.py").write_text(
        'from .texts import get_system_prompt\n\n'
        'def _build_system_prompt() -> str:\n'
        '    return (\n'
        '        "You are the on-call assistant for the Acme web team.\\n"\n'
        '        "Answer with the exact commands to run, read-only ones first.\\n"\n'
        '    )\n\n'
        'def _greeting(name):\n'
        '    return f"The engineer on duty is {name}. Address them by name."\n\n'
        'def _mood(late):\n'
        '    if late:\n'
        '        return "It is late: keep answers short."\n'
        '    return "Take the time to explain."\n\n'
        'BASE_SYSTEM_PROMPT = _build_system_prompt()\n'
        'SUPPORT = get_system_prompt()\n\n'
        'def build_prompt(posture, user, late):\n'
        '    hello = _greeting(user.name)\n'
        '    blocks = [BASE_SYSTEM_PROMPT, hello, "## Posture", posture]\n'
        '    return "\\n".join(blocks)\n\n'
        'def build_other(late, task):\n'
        '    mood = _mood(late)\n'
        '    return "\\n".join([mood, "## Task", task])\n\n'
        'def run(client, posture, user, late, task):\n'
        '    client.chat(messages=[{"role": "system", "content": build_prompt(posture, user, late)}])\n'
        '    client.chat(messages=[{"role": "system", "content": build_other(late, task)}])\n'
        '    return client.chat(messages=[{"role": "system", "content": f"{SUPPORT}\\n\\nTask: {task}"}])\n')
    got = {p.container: p for p in load_paths([str(app)]).prompts}
    tree = ast.parse((app / "agent.py").read_text())
    returned = {n.name: next(r.value for r in ast.walk(n) if isinstance(r, ast.Return))
                for n in tree.body if isinstance(n, ast.FunctionDef)}
    base = ast.literal_eval(returned["_build_system_prompt"])
    greeting_head = returned["_greeting"].values[0].value
    support = ast.literal_eval(ast.parse((app / "texts.py").read_text()).body[0].body[0].value)

    p = got["build_prompt"]
    assert (p.variables[0].expression, p.variables[0].name) == ("user.name", "user.name")
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(base + "\n" + greeting_head))) <= 2
    s = got["run.system"]
    assert s.variables[0].expression == "task"
    (ts,) = tokenize_prompts([s], O200K)
    assert abs(ts.first_variable.token - len(O200K.encode_ordinary(support + "\n\nTask: "))) <= 2
    o = got["build_other"]
    (to,) = tokenize_prompts([o], O200K)
    assert o.variables[0].expression == "mood" and to.first_variable.token == 0


def test_langchain_agent_prefix_and_suffix_through_a_tuple_assignment():
    """TaskMatrix ``PREFIX, FORMAT_INSTRUCTIONS, SUFFIX = VISUAL_CHATGPT_PREFIX, ...`` (English and
    Chinese branches) then ``initialize_agent(..., agent_kwargs={'prefix': PREFIX, 'format_instructions':
    FORMAT_INSTRUCTIONS, 'suffix': SUFFIX})``: LangChain builds the agent's prompt from prefix, tools,
    format instructions and suffix, formatting them with ``str.format``; each name of the tuple holds
    the constant at its position, in both branches.  ``{tool_names}`` sits inside a code fence, but every
    brace of that text is a ``{name}`` field: a variable, within 2 tokens of tiktoken on the text before it."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "taskmatrix_visual_chatgpt.py"
    got = by_container(path)
    consts = {n.targets[0].id: ast.literal_eval(n.value) for n in ast.parse(path.read_text()).body
              if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)}
    for lang in ("", "_CN"):
        assert f"VISUAL_CHATGPT_PREFIX{lang}" in got
        for name, first in ((f"VISUAL_CHATGPT_FORMAT_INSTRUCTIONS{lang}", "{tool_names}"),
                            (f"VISUAL_CHATGPT_SUFFIX{lang}", "{chat_history}")):
            p = got[name]
            assert p.syntax == "format" and p.variables[0].text == first, name
            (tp,) = tokenize_prompts([p], O200K)
            assert abs(tp.first_variable.token - len(O200K.encode_ordinary(_before_first_field(consts[name])))) <= 2


def test_a_string_given_to_an_object_named_for_a_model():
    """TaskMatrix ``check = f"Here is a paragraph with adjectives. {prompt} ..."`` then
    ``return self.llm(check)``: an object named ``llm`` is called with its prompt (LangChain's LLM
    ``__call__``); the f-string's first field ``prompt`` is its first variable."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "taskmatrix_visual_chatgpt.py"
    p = by_container(path)["InfinityOutPainting.check_prompt.check"]
    fn = next(n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.FunctionDef) and n.name == "check_prompt")
    head = fn.body[0].value.values[0].value
    assert (p.role, p.variables[0].expression) == ("user", "prompt")
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(head))) <= 2


def test_a_constant_reached_through_an_attribute_alias():
    """TaskMatrix LowCodeLLM ``self.prefix = EXECUTING_LLM_PREFIX`` then ``{"role": "system", "content":
    self.prefix}``: the attribute holds the constant, so the constant is the system prompt; and
    ``current_prompt + self.suffix`` as a user message makes the suffix constant a part of it."""
    path = FIX / "taskmatrix_executing_llm.py"
    got = by_container(path)
    value = next(ast.literal_eval(n.value) for n in ast.parse(path.read_text()).body if isinstance(n, ast.Assign)
                 and n.targets[0].id == "EXECUTING_LLM_PREFIX")
    assert (got["EXECUTING_LLM_PREFIX"].role, got["EXECUTING_LLM_PREFIX"].text) == ("system", value)
    assert got["executingLLM.__init__.messages.system"].text == "You are a helpful assistant."
    # {"role": "user", "content": current_prompt + self.suffix}: the constant added to the caller's text
    assert got["EXECUTING_LLM_SUFFIX"].role == "user"


def test_an_image_pipeline_prompt_is_no_language_model_prompt():
    """TaskMatrix ``Text2Image``: ``self.a_prompt`` and ``self.n_prompt`` go to a Stable Diffusion
    pipeline (``self.pipe(prompt, negative_prompt=self.n_prompt)``, diffusers' text-to-image call, read
    in another method than the one that sets them): an image model's prompt, with no prefix cache to
    keep, so none of the file's strings is reported."""
    assert load(FIX / "taskmatrix_text2image_negative.py") == []


def test_an_ell_language_model_program():
    """ell (docs.ell.so): ``@ell.simple`` sends a function's docstring as the system prompt and the
    string it returns as the user prompt; ``@ell.complex`` returns its messages, ``ell.system("...")``.
    The returned f-string's first field is within 2 tokens of tiktoken on the text before it; a
    decorator named ``simple`` that is not ell's makes nothing a prompt."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "ell_joke.py"
    got = by_container(path)
    tree = ast.parse(path.read_text())
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "joke")
    assert (got["joke.system"].role, got["joke.system"].text) == ("system", ast.get_docstring(fn, clean=False))
    user = got["joke"]
    head = fn.body[-1].value.values[0].value  # "Act out a full joke. Make your script "
    assert (user.role, user.variables[0].expression) == ("user", "get_random_length()")
    (tp,) = tokenize_prompts([user], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(head))) <= 2
    rag = by_container(FIX / "ell_wikipedia_mini_rag.py")
    assert {c: p.role for c, p in rag.items()} == {
        "search_wikipedia_and_suggest_page_to_read.system": "system",
        "answer_query_by_reading_wikipedia_page.system": "system"}
    assert rag["answer_query_by_reading_wikipedia_page.system"].text.startswith("You are an AI assistant that reads")
    other = "from mylib import simple\n\n@simple(model='x')\ndef joke(topic):\n" \
            "    '''You are a funny comedian. You respond in scripts.'''\n    return f'Act out a joke about {topic}'\n"
    assert load("other.py", other) == []


def test_the_items_of_a_mapping_a_prompt_function_returns():
    """promptulate ``def get_preset_role_prompt(role): return preset_role_dict[role]["description"]``:
    the function's name says prompt, so what the lookup can give is one: every role's ``description``
    (any key for ``role``, the constant key ``description``), named by its key path, with its text;
    the roles' ``name`` values are not looked up, and the same lookup in a function not named for a
    prompt makes nothing a prompt."""
    path = FIX / "promptulate_preset_roles.py"
    tree = ast.parse(path.read_text())
    mapping = next(n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "preset_role_dict")
    want = {f"preset_role_dict.{k.value}.description": ast.literal_eval(v.values[1])
            for k, v in zip(mapping.keys, mapping.values)}
    got = {c: p.text for c, p in by_container(path).items()}
    assert got == want and len(want) == 7
    other = path.read_text().replace("def get_preset_role_prompt", "def get_preset_role_entry")
    assert load("other.py", other) == []


def test_a_question_asked_through_a_function_of_another_file_is_no_prompt():
    """Auto-GPT ``ai_name = utils.clean_input("AI Name: ")``: ``def clean_input(prompt)`` in ``utils.py``
    only gives its parameter to plugins' user-input hooks and to prompt_toolkit's
    ``session.prompt(ANSI(prompt))`` (``session = PromptSession(...)``), a question to the person at the
    terminal; scanned together, none of setup.py's questions is a prompt (the parameter is named
    ``prompt``, so the positional rule alone would report four)."""
    corpus = load_paths([str(CROSS / "autogpt")])
    assert corpus.errors == [] and corpus.prompts == []
    # the same session sending to a model instead of asking: the argument is a prompt again
    utils = (CROSS / "autogpt" / "autogpt" / "utils.py").read_text()
    assert "session.prompt(ANSI(prompt))" in utils
    sent = utils.replace("session.prompt(ANSI(prompt))", "llm.invoke(prompt)")
    assert [p.text for p in load("utils.py", sent + "\nclean_input('Summarize the news of the day.')\n")] \
        == ["Summarize the news of the day."]


def test_text_given_only_to_a_call_named_for_printing_is_no_prompt():
    """promptulate ``prompt = \"\"\"Explore the code ...\"\"\"`` then ``print_text(prompt, "blue")``: a local
    named for a prompt whose only use is a call named for printing (a colour-print wrapper) is shown to
    people."""
    assert load(FIX / "promptulate_pne_negative.py") == []


def test_streamlit_session_state_messages_count_only_when_sent():
    """Streamlit keeps the chat a page shows in ``st.session_state.messages``: promptulate's chatbot gives
    that list to the model (``pne.chat(messages=st.session_state.messages)``), so its greeting is an
    assistant message of every request; the Groq example only shows it (the model gets
    ``messages=prompt``), so the same greeting is text for people."""
    got = {c: (p.role, p.text) for c, p in by_container(FIX / "promptulate_streamlit_chatbot.py").items()}
    assert got == {"initialize_session_state.messages.assistant": ("assistant", "How can I help you?")}
    assert load(FIX / "promptulate_streamlit_groq_negative.py") == []


def test_a_prompt_put_into_html_for_a_page_is_no_prompt():
    """TapeAgents' ``render_llm_call`` joins a call's messages into ``prompt_text`` and puts it into
    ``<pre>`` of an HTML box (``len(prompt_text)`` only counts it); ``prompt_length_str`` is a length
    ("123 tokens"), its ``_str`` a type: nothing there is sent to a model."""
    assert load(FIX / "tapeagents_render_llm_call_negative.py") == []


def test_a_typed_field_read_through_self_stays_a_variable():
    """TapeAgents ``AsStep``: ``format_prompt`` (a class-body default) is formatted with the schema and sent
    as a user message (syntax ``format``, first variable ``{schema}`` within 2 tokens of tiktoken on the
    text before it); ``msg = f"{self.guidance}\\n\\n{text}"`` reads ``guidance: str = "..."``, a typed
    field each instance may set (the volatility rules read it per-config): the user message it opens is reported
    (session 14: a message whose first field is its class's field with a prose default, as blind round 13 labelled
    ``AsStep.make_prompt.msg``), with ``self.guidance`` its first variable, not inlined."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "tapeagents_as_step.py"
    cls = next(n for n in ast.parse(path.read_text()).body if isinstance(n, ast.ClassDef))
    consts = {n.target.id: n.value.value for n in cls.body if isinstance(n, ast.AnnAssign)}
    got = by_container(path)
    assert set(got) == {"AsStep.format_prompt", "AsStep.make_prompt.msg"}
    assert [v.expression for v in got["AsStep.make_prompt.msg"].variables] == ["self.guidance", "text"]
    assert "guidance" in consts
    fmt = got["AsStep.format_prompt"]
    (tf,) = tokenize_prompts([fmt], O200K)
    head = consts["format_prompt"].split("{schema}")[0]
    assert fmt.syntax == "format" and abs(tf.first_variable.token - len(O200K.encode_ordinary(head))) <= 2


def test_a_prompts_module_constant_only_printed_where_it_is_imported_is_no_prompt(tmp_path):
    """self-operating-computer keeps ``USER_QUESTION = "Hello, I can help you with anything. What would you
    like done?"`` in ``operate/models/prompts.py`` (a file that keeps prompts), but its only read is in
    ``operate/operate.py``, inside the ``print`` that greets the person before prompt_toolkit asks for the
    objective: scanned together, the question is for people and the two ``OPERATE_*`` prompts stay."""
    root = CROSS / "soc"
    corpus = load_paths([str(root)])
    assert corpus.errors == []
    assert sorted(p.container for p in corpus.prompts) == ["OPERATE_FIRST_MESSAGE_PROMPT", "OPERATE_PROMPT"]
    # read alone, the prompts module says nothing of where the question goes: it is kept there like the others
    alone = {p.container for p in load(root / "operate" / "models" / "prompts.py")}
    assert "USER_QUESTION" in alone
    # the same constant sent to a model where it is imported is a prompt again
    op = (root / "operate" / "operate.py").read_text()
    sent = op.replace('print(\n            f"[{ANSI_GREEN}', 'llm.invoke(\n            f"[{ANSI_GREEN}')
    assert sent != op
    import shutil

    copy = tmp_path / "soc"
    shutil.copytree(root, copy)
    (copy / "operate" / "operate.py").write_text(sent)
    assert "USER_QUESTION" in {p.container for p in load_paths([str(copy)]).prompts}


def test_a_template_written_as_one_word_is_no_prompt():
    """simple-evals ``INDEX_STR_TEMPLATE = "pairwise_{model_or_physician}_{metric}_{pred_str}"``, formatted into
    the keys of a metrics table: its name says template, but static text and placeholders run together
    without a space are one word counting placeholders (a key, a path), under the size rule.  The same
    fields with words between them are prose again."""
    path = FIX / "simple_evals_index_str_template_negative.py"
    assert load(path) == []
    src = path.read_text()
    spaced = src.replace('"pairwise_{model_or_physician}_{metric}_{pred_str}"',
                         '"Compare the {model_or_physician} on {metric} for {pred_str}"')
    assert spaced != src
    assert [p.container for p in load(path, spaced)] == ["INDEX_STR_TEMPLATE"]


def test_a_prompt_keyword_of_a_request_is_named_by_its_function_not_the_reply():
    """raptor ``response = self.client.completions.create(prompt=f"using the folloing information {context}.
    ...", max_tokens=..., stop=...)``: a call given the fields that bound one reply is a request, and
    ``response`` holds the model's answer, so the prompt is ``GPT3QAModel.answer_question.prompt`` (as a
    message in ``messages=[...]`` of the same call would be), with ``{context}`` its first variable.  A
    constructor's keyword is still named by what it builds (``agent.instructions``)."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    (p,) = load(FIX / "raptor_qa_models.py")
    assert p.container == "GPT3QAModel.answer_question.prompt"
    (tp,) = tokenize_prompts([p], O200K)
    assert p.variables[0].text == "{context}"
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary("using the folloing information "))) <= 2
    built = 'agent = Agent(model="gpt-4o", temperature=0, instructions="You review pull requests with care.")\n'
    assert [q.container for q in load("agent.py", built)] == ["agent.instructions"]


def test_a_parameter_default_sent_to_a_model_is_a_prompt():
    """AI-Scientist ``def perform_review(..., reviewer_system_prompt=reviewer_system_prompt_neg)`` then
    ``get_response_from_llm(..., system_message=reviewer_system_prompt)``: the default is the value the
    parameter holds when the caller gives none, so the constant is a system prompt (its name, with a
    trailing ``_neg``, does not say so); ``reviewer_system_prompt_pos``, sent nowhere, is not reported."""
    path = FIX / "ai_scientist_perform_review.py"
    tree = ast.parse(path.read_text())
    consts = {n.targets[0].id: n.value for n in tree.body if isinstance(n, ast.Assign)}
    base = ast.literal_eval(consts["reviewer_system_prompt_base"])
    neg = ast.literal_eval(consts["reviewer_system_prompt_neg"].right)
    got = by_container(path)
    assert set(got) == {"reviewer_system_prompt_neg"}
    assert got["reviewer_system_prompt_neg"].role == "system"
    assert got["reviewer_system_prompt_neg"].text == base + neg


def test_a_template_an_imported_function_formats_and_returns_is_the_prompt():
    """simple-evals ``def format_multichoice_question(row): return QUERY_TEMPLATE_MULTICHOICE.format(**row)`` in
    ``common.py``, sent from ``gpqa_eval.py`` as a user message (``content=format_multichoice_question(...)``):
    the prompt is the template (as for ``prompt = TEMPLATE.format(...)`` within a file), named by the
    constant, syntax ``format``, first variable ``{Question}`` within 2 tokens of tiktoken on the text
    (after the ``.strip()`` the code applies) before it."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    root = CROSS / "simple_evals"
    corpus = load_paths([str(root)])
    assert corpus.errors == []
    (p,) = corpus.prompts
    assert (p.container, p.syntax, p.role) == ("QUERY_TEMPLATE_MULTICHOICE", "format", "user")
    tree = ast.parse((root / "simple_evals" / "common.py").read_text())
    value = next(n.value.func.value.value for n in tree.body if isinstance(n, ast.Assign))
    (tp,) = tokenize_prompts([p], O200K)
    assert p.variables[0].text == "{Question}"
    head = value.strip().split("{Question}")[0]
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(head))) <= 2


def test_a_local_bound_once_to_a_literal_is_static_text():
    """RepoAgent ``nerquery``: ``instrcution = \"\"\"...\"\"\"`` (bound once, in the method's own body) then
    ``query = f"{instrcution}\\n\\nThe input is shown as bellow:\\n{message}..."`` sent to ``self.llm.complete``:
    the local is the same text on every call, so the first variable is ``{message}``, within 2 tokens of
    tiktoken on the literal and the text after it.  Bound in a branch, or a second time, it stays a variable."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "repoagent_text_analysis_tool.py"
    fn = next(n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.FunctionDef) and n.name == "nerquery")
    literal = fn.body[0].value.value
    (p,) = load(path)
    assert p.container == "TextAnalysisTool.nerquery.query" and p.variables[0].text == "{message}"
    (tp,) = tokenize_prompts([p], O200K)
    want = len(O200K.encode_ordinary(literal + "\n\nThe input is shown as bellow:\n"))
    assert abs(tp.first_variable.token - want) <= 2
    src = path.read_text()
    for changed in (src.replace('        instrcution = """', '        if message:\n            instrcution = """', 1),
                    src.replace("        query = f", '        instrcution += "!"\n        query = f', 1)):
        assert changed != src
        (q,) = [x for x in load("t.py", changed) if x.container.endswith("query")]
        assert q.variables[0].text == "{instrcution}"


def test_a_prompt_class_of_the_file_is_built_from_the_argument_its_init_names_for_a_prompt():
    """shell-gpt ``SystemRole("Shell Command Generator", SHELL_ROLE, variables)`` with ``class SystemRole`` whose
    ``__init__(self, name, role, variables)``: the class is named for a role, but its first argument is the
    role's name (shown to people), not its text: none of the names is a prompt.  A parameter named for a
    prompt takes the text (``def __init__(self, name, prompt)``)."""
    path = FIXTURES_ROOT / "agents" / "eval" / "shell-gpt" / "sgpt" / "role.py"
    got = by_container(path)
    assert not any(c.startswith("SystemRole.") for c in got), sorted(got)
    src = path.read_text()
    named = src.replace("        role: str,\n", "        prompt: str,\n", 1).replace(
        "            role = role.format(**variables)\n        self.role = role", "            prompt = prompt.format(**variables)\n        self.role = prompt", 1)
    assert named != src
    roles = {p.container: p for p in load("role.py", named)}
    assert not any(c.startswith("SystemRole.") for c in roles)
    assert {"DEFAULT_ROLE", "SHELL_ROLE", "DESCRIBE_SHELL_ROLE", "CODE_ROLE"} <= set(roles)
    assert roles["SHELL_ROLE"].syntax == "format" and roles["SHELL_ROLE"].variables[0].text == "{shell}"


def test_openai_sdk_request_message_types_are_messages_of_their_role():
    """mentat ``ChatCompletionSystemMessageParam(content=f"Diff:\\n{diff}", role="system")`` in ``messages=[...]``:
    the OpenAI SDK's request message types (``openai.types.chat``: ``ChatCompletion<Role>MessageParam``) are
    chat messages of the role in their name, so the diff header is a system message whose first variable is
    ``{diff}`` (within 2 tokens of tiktoken on ``"Diff:\\n"``)."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIXTURES_ROOT / "agents" / "eval" / "mentat" / "mentat" / "revisor" / "revisor.py"
    got = by_container(path)
    p = got["revise_edit.messages.system"]
    assert p.role == "system" and p.variables[0].text == "{diff}"
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary("Diff:\n"))) <= 2
    generic = 'm = ChatCompletionMessageParam(content="Summarize the diff for the reviewer.", role=r)\n'
    assert load("g.py", generic) == []


def test_a_one_line_prompt_that_mentions_a_key_is_prose():
    """SeeAct ``data_utils/prompts.py``: ``seeact_online_sys_prompt`` is one long line that says "... type text or
    press Enter with the keyboard ..." in its middle: a question to a person at a terminal ends with the key to
    press or its choices, so the system prompt is prose for a model (a line that ends so is still a question)."""
    assert set(by_container(FIX / "seeact_prompts.py")) == {"seeact_online_sys_prompt"}
    assert load("ask.py", 'CONFIRM_PROMPT = "Found 3 files to delete. Press enter to continue"\n'
                          'input(CONFIRM_PROMPT)\n') == []


def test_the_texts_a_function_named_for_prompts_returns_together():
    """SeeAct ``def _initialize_prompts(self): return {"system_prompt": ..., "action_space": ..., ...}`` (and
    ``_initialize_prompts_pure_vision``): a function whose name says it gives prompts returns a mapping of
    them, named ``function.key`` like the entries of a mapping named for prompts; ``def
    generate_new_query_prompt(...)`` returns ``[sys_role, query_text]``: the query it builds by ``+=`` is a
    prompt whose first variable is ``task``, after "You are asked to complete the following task: "."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    agent = by_container(FIX / "seeact_agent.py")
    assert {"SeeActAgent._initialize_prompts.action_space", "SeeActAgent._initialize_prompts.question_description",
            "SeeActAgent._initialize_prompts_pure_vision.question_description"} <= set(agent)
    (q,) = load(FIX / "seeact_format_prompt_utils.py")
    assert q.container == "generate_new_query_prompt.query_text" and q.variables[0].text == "task"
    (tp,) = tokenize_prompts([q], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary("You are asked to complete the following task: "))) <= 2


def _before_slot(path: Path, name: str, marker: str) -> str:
    """The constant's value (``.strip()`` applied where the code applies it) up to the marker, from ``ast``."""
    node = next(n.value for n in ast.parse(path.read_text()).body if isinstance(n, ast.Assign)
                and n.targets[0].id == name)
    strip = isinstance(node, ast.Call)
    text = (node.func.value if strip else node).value
    text = text.strip() if strip else text
    return text[:text.index(marker)]


def test_a_marker_the_code_replaces_is_a_variable():
    """simple-evals HealthBench ``GRADER_TEMPLATE.replace("<<conversation>>", convo_str).replace("<<rubric_item>>",
    ...)``: each marker the code replaces is a slot filled per request (syntax ``replace``), the first one
    within 2 tokens of tiktoken on the text before it; a replace that transforms text (``.replace("{{", "{")``,
    ``.replace("\\n", " ")``: no letter, or a space) makes no slot."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "simple_evals_healthbench_grader.py"
    (p,) = load(path)
    assert p.syntax == "replace" and [v.text for v in p.variables] == ["<<conversation>>", "<<rubric_item>>"]
    (tp,) = tokenize_prompts([p], O200K)
    want = len(O200K.encode_ordinary(_before_slot(path, "GRADER_TEMPLATE", "<<conversation>>")))
    assert abs(tp.first_variable.token - want) <= 2
    plain = 'QA_PROMPT = "Answer {{the question}} in one line.\\n"\nllm.invoke(QA_PROMPT.replace("{{", "{").replace("\\n", " "))\n'
    (q,) = load("qa.py", plain)
    assert q.variables == []


def test_a_marker_replaced_with_re_sub_in_another_file_is_a_variable():
    """AppAgent ``prompts.py`` keeps ``tap_doc_template`` / ``text_doc_template``; ``document_generation.py`` (a
    script) picks one per action (``prompt_template = prompts.text_doc_template`` in an ``elif``) and fills it
    with ``re.sub(r"<ui_element>", ..., prompt_template)``, then ``re.sub(r"<task_desc>", ..., prompt)``: scanned
    together, each template's first variable is ``<ui_element>`` (within 2 tokens of tiktoken)."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    root = CROSS / "appagent"
    corpus = load_paths([str(root)])
    assert corpus.errors == []
    got = {p.container: p for p in corpus.prompts}
    assert set(got) == {"tap_doc_template", "text_doc_template"}
    for name, p in got.items():
        assert p.syntax == "replace" and p.variables[0].text == "<ui_element>"
        (tp,) = tokenize_prompts([p], O200K)
        want = len(O200K.encode_ordinary(_before_slot(root / "scripts" / "prompts.py", name, "<ui_element>")))
        assert abs(tp.first_variable.token - want) <= 2


def test_a_parameter_a_function_sends_makes_its_callers_arguments_prompts():
    """WebVoyager ``def format_msg_text_only(it, init_msg, ...)`` sends ``init_msg + '\\n' + ac_tree`` as a user
    message: ``init_msg`` is not a prompt word, but the caller's ``init_msg = f"Now given a task: {task['ques']}
    ..."`` is that message's text (first variable the task, within 2 tokens of tiktoken on "Now given a task: ");
    ``fail_obs``, assigned its texts further down the agent loop and sent as ``{'role': 'user', 'content':
    fail_obs}`` on the next pass, holds two user messages."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    got = by_container(FIX / "webvoyager_run.py")
    assert {"main.init_msg", "main.fail_obs", "main.fail_obs@73"} <= set(got)
    assert got["main.fail_obs"].role == "user" and "Format ERROR" in got["main.fail_obs"].text
    p = got["main.init_msg"]
    assert p.variables[0].text == "{task['ques']}"
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary("Now given a task: "))) <= 2
    # a text the local is given after the read, outside any loop, is not what the message holds
    later = ('def run(client):\n    note = "Summarize the report below in three short sentences."\n'
             '    client.chat(messages=[{"role": "user", "content": note}])\n'
             '    note = "Finished the summary, thanks for waiting."\n    print(note)\n')
    assert [q.container for q in load("later.py", later)] == ["run.note"]


def test_text_added_to_a_sent_parameter_is_a_prompt():
    """WebVoyager ``format_msg`` adds ``init_msg += f"I've provided the tag name ..."`` to its parameter and sends
    ``{'type': 'text', 'text': init_msg}``: the added text is a part of that user message."""
    text = ('def format_msg(it, init_msg, web_text):\n    if it == 1:\n'
            '        init_msg += f"I\'ve provided the tag name of each element.\\n{web_text}"\n'
            '        return {"role": "user", "content": [{"type": "text", "text": init_msg}]}\n')
    (p,) = load("fm.py", text)
    assert p.container == "format_msg.init_msg" and p.variables[0].text == "{web_text}"


def test_a_text_part_of_content_lists_added_together():
    """WebVoyager ``auto_eval``: ``'content': [{'type': 'text', ...}] + whole_content_img + [{'type': 'text', 'text':
    "Your verdict:\\n"}]`` is one message's content built by adding lists: its text parts are parts of the user
    message."""
    got = by_container(FIX / "webvoyager_auto_eval.py")
    assert got["auto_eval_by_gpt4v.messages.user"].text == "Your verdict:\n"


def test_the_items_of_a_list_named_for_prompts():
    """prometheus-eval ``eval/llms/vllm_utils.py``: ``prompts = ["###Task Description: ..."]`` then
    ``model.completions(prompts, **params)``: each text of a list named for prompts is one."""
    (p,) = load(FIX / "prometheus_vllm_utils.py")
    assert p.container == "main.prompts" and p.text.startswith("###Task Description:")


def test_a_question_asked_through_an_executor_is_for_a_person():
    """Agent-E ``async_input(prompt)`` returns ``loop.run_in_executor(None, input, prompt)``: ``input(prompt)`` run on
    a thread, so ``async_input("Question: " + str(question) + " : ")`` asks a person at the terminal (no prompt)."""
    assert load(FIX / "agent_e_cli_helper_negative.py") == []


def test_an_sdk_text_block_is_a_prompt():
    """anthropic-quickstarts ``loop.py``: ``system = BetaTextBlockParam(type="text", text=f"{SYSTEM_PROMPT}...")``
    then ``client.beta.messages...create(system=[system], ...)``: the Anthropic SDK's text block (the TypedDict form
    of ``{"type": "text", "text": ...}``) is a prompt named by the name that holds it, the module's SYSTEM_PROMPT
    inlined: its first variable is ``platform.machine()``."""
    path = FIXTURES_ROOT / "agents" / "eval" / "anthropic-quickstarts" / "computer-use-demo" / "computer_use_demo" / "loop.py"
    p = by_container(path)["sampling_loop.system"]
    assert p.variables[0].text == "{platform.machine()}"


def test_a_list_of_parts_sent_through_the_classes_own_methods():
    """taskgen ``Agent.reply_user`` appends ``f"Assigned Task: ```{my_query}```\\nRespond to ..."`` to ``queries`` and
    calls ``self.query(query=queries, ...)``; ``query`` hands it to ``self.prepare_input_user_prompt_for_query``
    (inherited from ``BaseAgent``), which extends its returned ``user_prompt_list`` with it, and ``query`` sends that
    list as ``strict_json(user_prompt=...)``: each text put in either list is a part of the user prompt, its first
    variable within 2 tokens of tiktoken."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    got = by_container(FIX / "taskgen_agent.py")
    for name, before in (("Agent.reply_user.queries", "Assigned Task: ```"),
                         ("BaseAgent.prepare_input_user_prompt_for_query.user_prompt_list", "You are an agent named ")):
        (tp,) = tokenize_prompts([got[name]], O200K)
        assert abs(tp.first_variable.token - len(O200K.encode_ordinary(before))) <= 2, name
    kept = ('def note(items):\n    lines = []\n    lines.append("Items checked in this run, for the log:")\n'
            '    lines.extend(items)\n    print("\\n".join(lines))\n\n\ndef run(items):\n    note(items)\n')
    assert load("kept.py", kept) == []


def test_the_subclasses_of_a_prompt_class_and_the_classes_of_a_prompts_module():
    """intercode ``utils/prompts.py``: ``class TemplateReAct(PromptTemplate)`` returns its prompts from
    ``get_init_msg`` / ``get_query_msg`` like the base class named for prompts (first variable ``{query}`` after
    "Question: ", within 2 tokens of tiktoken); in a module whose path says prompts, every class keeps prompts; a
    subclass of a class named for prompts that writes no text (a mixin) does not."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    got = by_container(FIX / "intercode_templates.py")
    assert {"TemplateReAct.get_init_msg", "TemplateReAct.get_query_msg"} <= set(got)
    (tp,) = tokenize_prompts([got["TemplateReAct.get_query_msg"]], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary("Question: "))) <= 2
    text = ('class TemplateCTF:\n    def get_init_msg(self):\n'
            '        return "You are a Capture the Flag player interacting with an Ubuntu machine."\n')
    assert [p.container for p in load("utils/prompts.py", text)] == ["TemplateCTF.get_init_msg"]
    assert load("utils/ctf.py", text) == []
    # deepeval class BaseMetric(PromptMixin): a mixin that renders templates kept elsewhere writes no text of its own
    mixin = ('class PromptMixin:\n    def _get_prompt(self, method, **kwargs):\n'
             '        return resolve_template("metrics", self.__class__.__name__, method, **kwargs)\n\n\n'
             'class BaseMetric(PromptMixin):\n    @property\n    def __name__(self):\n        return "Base Metric"\n')
    assert load("metrics/base_metric.py", mixin) == []


def test_a_mapping_of_templates_formatted_through_a_lookup():
    """gorilla RAFT ``prompt_templates[prompt_key].format(question=question, context=str(chunk))``: each template of
    the mapping is a ``str.format`` template whose first variable is ``{question}`` (read alone, its ``$answer`` looked
    like a ``string.Template`` field hundreds of tokens later)."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "gorilla_raft_templates.py"
    got = by_container(path)
    tree = ast.parse(path.read_text())
    mapping = next(n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "prompt_templates")
    for key, value in zip(mapping.keys, mapping.values):
        p = got[f"prompt_templates.{key.value}"]
        assert p.syntax == "format" and p.variables[0].text == "{question}"
        (tp,) = tokenize_prompts([p], O200K)
        assert abs(tp.first_variable.token - len(O200K.encode_ordinary(value.value.split("{question}")[0]))) <= 2


def test_a_function_named_for_building_a_prompt_returns_one():
    """bilingual_book_maker ``loader/classify/model.py``: ``def build_prompt(candidates)`` joins a list of instruction
    lines and one line per candidate: ``build`` before ``prompt`` is the verb (a build system, ``build_template`` and
    Flask's ``render_template`` stay other things).  Its first variable is the first line appended in the loop, within
    2 tokens of tiktoken on the static lines joined."""
    from pcache.analyzers.sources.prompt_names import says_prompt
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "bbm_classify_build_prompt.py"
    lines = next(n.value for n in ast.walk(ast.parse(path.read_text()))
                 if isinstance(n, ast.Assign) and n.targets[0].id == "lines")
    before = "\n".join(ast.literal_eval(lines)) + "\n"
    (p,) = load(path)
    assert p.container == "build_prompt"
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(before))) <= 2
    assert says_prompt("render_prompt") and not any(says_prompt(n) for n in ("build_system", "render_template",
                                                                               "build_template"))


def test_a_mapping_keyed_by_chat_roles_holds_each_roles_text():
    """bilingual_book_maker ``loader/srt_loader.py`` gives its translator ``prompt_config_to_kwargs({"system": "You are
    a srt subtitle file translator.", "user": "Translate the following subtitle text into {language}, ..."})``: a
    mapping whose keys are all chat roles maps each role to its message, so the user text is a prompt as much as the
    system text (``str.format``: its first variable is ``{language}``).  A mapping with other keys beside a role
    (``{"user": name, "id": 3}``) is no such mapping."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "bbm_srt_loader.py"
    got = by_container(path)
    user = got["SRTBookLoader.__init__.user"]
    assert user.role == "user" and user.syntax == "format" and user.variables[0].text == "{language}"
    assert got["SRTBookLoader.__init__.system"].role == "system"
    value = next(n.value for n in ast.walk(ast.parse(path.read_text()))
                 if isinstance(n, ast.Constant) and str(n.value).startswith("Translate the following"))
    (tp,) = tokenize_prompts([user], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary(value.split("{language}")[0]))) <= 2
    other = 'save({"user": "Translate the following subtitle text into French", "id": 3})\n'
    assert load("other.py", other) == []


def test_a_local_assigned_in_each_branch_of_an_if_holds_each_text():
    """bilingual_book_maker ``Base._build_batch_prompt``: ``if system_content: batch_sys_msg = f"{system_content} Input
    has ..." else: batch_sys_msg = f"Professional translator. Input has {plist_len} ..."``, then ``return batch_prompt,
    batch_sys_msg, batch_text``: exactly one branch runs, so the read holds either text and both are prompts (the
    else branch's first variable ``{plist_len}`` within 2 tokens of tiktoken).  A text assigned after a read in the
    same block is no value of that read."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    got = [p for p in load(FIX / "bbm_base_translator.py")
           if p.container.startswith("Base._build_batch_prompt.batch_sys_msg")]
    assert len(got) == 2
    other = next(p for p in got if p.text.startswith("Professional translator."))
    assert other.variables[0].text == "{plist_len}"
    (tp,) = tokenize_prompts([other], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary("Professional translator. Input has "))) <= 2
    seq = ('def run(client, task):\n    msg = f"Solve the task below step by step: {task}"\n'
           '    client.chat(messages=[{"role": "user", "content": msg}])\n'
           '    msg = f"Our previous attempt resulted in failure: {task}"\n    return msg\n')
    assert [p.text[:5] for p in load("seq.py", seq)] == ["Solve"]


def test_a_strftime_format_sent_as_a_prompt_is_text_with_date_variables():
    """MindSearch ``terminal.py``: ``date = datetime.now().strftime("The current date is %Y-%m-%d.")`` then
    ``MindSearchAgent(llm=llm, template=date, ...)``: what strftime returns is its format with each directive replaced
    by a part of the time, so the agent's template is the format's text, its directives one variable written as the
    call that gives it (read per-day by the volatility rules), located at ``%Y``, within 2 tokens of tiktoken on "The
    current date is ".  A strftime result only placed into another text stays that text's variable."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    path = FIX / "mindsearch_terminal.py"
    p = by_container(path)["date"]
    assert p.text == "The current date is %Y-%m-%d." and [v.text for v in p.variables] == ["%Y-%m-%d"]
    var = p.variables[0]
    assert var.expression == 'datetime.now().strftime("%Y-%m-%d")'
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if t.startswith("date = "))
    assert (var.line, var.column) == (line, path.read_text().splitlines()[line - 1].index("%Y") + 1)
    (tp,) = tokenize_prompts([p], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode_ordinary("The current date is "))) <= 2
    inner = ('from datetime import datetime\nSYSTEM_PROMPT = "You are a helpful assistant. Today is {today}."\n'
             'def run(client):\n    today = datetime.now().strftime("%A, %B %d")\n'
             '    client.chat(messages=[{"role": "system", "content": SYSTEM_PROMPT.format(today=today)}])\n')
    (q,) = load("inner.py", inner)
    assert q.container == "SYSTEM_PROMPT"


def test_a_text_a_prompt_field_gives_under_a_condition_is_a_prompt():
    """bilingual_book_maker ``liteLLM.create_chat_completion``: ``context_sys_str = "For each passage given, ..."`` then
    ``sys_content = f"{self.system_content or ...} {context_sys_str if self.context_flag else ''} "`` (the second
    assignment of ``sys_content``, the one the system message reads): the text the field gives when the flag is on is
    read by the model, so it is a prompt named by its local, with the system role."""
    got = by_container(FIX / "bbm_litellm_translator.py")
    p = got["liteLLM.create_chat_completion.context_sys_str"]
    assert p.role == "system" and p.text.startswith("For each passage given, you may be provided a summary")
    kept = ('def run(client, flag):\n    note = "Only the first three passages are shown to the reviewer here."\n'
            '    print(f"{note if flag else \'\'}")\n    client.chat(messages=[{"role": "user", "content": "Hi"}])\n')
    assert [p.container for p in load("kept.py", kept)] == []


def test_a_method_inherited_from_a_class_of_another_file_sends_what_it_is_given():
    """taskgen ``wrapper.py``: ``class ConversationWrapper(Agent)`` calls ``self.query(f"Summary of Past Conversation:
    ...")`` and ``ConversableAgent`` (``__init__(self, agent: Agent, ...)``, ``self.agent = agent``) calls
    ``self.agent.query(f"...")``, with ``Agent`` imported from ``taskgen/agent.py``, whose ``query`` sends its
    parameter as the user prompt: scanned together, both texts are user prompts named by the parameter (not by
    ``res``, which holds what ``query`` returns), first variable within 2 tokens of tiktoken.  Read alone, the
    wrapper says nothing of where the text goes."""
    from pcache.analyzers.tokenizer import tokenize_prompts

    root = FIX / "taskgen_project"
    got = {(Path(p.path).name, p.container): p for p in load_paths([str(root)]).prompts}
    for name in ("ConversationWrapper.chat.query", "ConversableAgent.chat.query"):
        p = got[("wrapper.py", name)]
        assert p.role == "user"
        (tp,) = tokenize_prompts([p], O200K)
        assert abs(tp.first_variable.token - len(O200K.encode_ordinary("Summary of Past Conversation: ```"))) <= 2
    assert load(root / "taskgen" / "wrapper.py") == []


def test_a_method_of_another_file_named_for_counting_sends_nothing_to_a_model():
    """pr-agent ``get_pr_multi_diffs(..., token_handler: TokenHandler, ...)`` calls ``token_handler.count_tokens(patch)``;
    ``TokenHandler.count_tokens`` hands the patch on to ``_calc_claude_tokens``, which puts it in a user message for
    Anthropic's ``messages.count_tokens`` (a count, not a model's turn): a method named for what it does to a text
    (count, load, print ...) sends nothing to a model, so the patch (``f"\\n\\n## File: '{...}'\\n\\n{...}\\n"``) is no
    prompt."""
    corpus = load_paths([str(FIX / "pr_agent_project")])
    assert corpus.prompts == []


def test_text_added_to_a_message_objects_content_is_a_prompt():
    """camel-ai/owl ``OwlRolePlaying.step``: ``modified_user_msg = deepcopy(user_msg)`` then ``modified_user_msg.content +=
    f"...Here are auxiliary information about the overall task..."`` (CAMEL's ``BaseMessage``): text added to the
    ``content`` of an object named for a message is a part of that message, with the role its name gives, as
    ``messages[-1]["content"] += "..."`` is.  The ``content`` of an object named otherwise (``page.content += ...``) is
    not."""
    got = by_container(FIX / "owl_enhanced_role_playing.py")
    p = got["OwlRolePlaying.step.modified_user_msg.content"]
    assert p.role == "user" and "Here are auxiliary information about the overall task" in p.text
    assert p.variables[0].text == "{self.task_prompt}"
    page = 'def render(page, extra):\n    page.content += f"<footer>Generated for the reader of this page {extra}</footer>"\n'
    assert load("page.py", page) == []
