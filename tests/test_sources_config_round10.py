"""What the tenth config round missed (issue #11, benchmarks/PROMPT_DISCOVERY.md, "Config round 10"): NeMo-Skills'
prompt configs (LaTeX in ``str.format`` templates, fields in code fences, a ``unit_test/`` category of prompts),
Docker cagent's agent YAML (configs in ``.github/agents/``, named ``commands``, shell ``cmd`` fields, a prompt
embedded with ``//go:embed``), Genkit's Dotprompt files and evaluation data sets.

Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are the texts the files hold, read here with
PyYAML/``json``/``string.Formatter`` and counted with tiktoken, without pcache."""

from __future__ import annotations

import json
import re
import string

import pytest
import yaml

from pcache.analyzers.sources.load import load_paths

from fixture_trees import by_file as _by_file, clone as _clone, head_tokens as _head_tokens, tokens as _tokens


def _variables(prompt) -> list[str]:
    return [s.name for s in prompt.segments if s.kind == "variable"]


def _one(files: dict, rel: str, container: str):
    (p,) = [p for p in files.get(rel, []) if p.container == container]
    return p


def _format_golden(text: str) -> tuple[list[str], int]:
    """The fields ``str.format`` fills in ``text``, and the tokens of the text it renders before the first."""
    parsed = list(string.Formatter().parse(text))
    fields = [f for _, f, _, _ in parsed if f is not None]
    head = []
    for literal, field, _, _ in parsed:
        head.append(literal)
        if field is not None:
            break
    return fields, _tokens("".join(head))


# -- NeMo-Skills: prompt configs filled with str.format (nemo_skills/prompt/utils.py: user.format(**input_dict))

CONFIG = "nemo_skills/prompt/config/"


@pytest.fixture(scope="module")
def nemo(tmp_path_factory):
    root = _clone(tmp_path_factory.mktemp("nemo"), "nemo-skills")
    return root, _by_file(load_paths([str(root)]).prompts, root)


@pytest.mark.parametrize("rel", ["eval/aai/mcq-4choices-boxed.yaml", "robustness/math_prompts/boxed_6.yaml"])
def test_latex_arguments_in_doubled_braces_are_format_escapes(nemo, rel):
    """``\\boxed{{A/B/C/D}}`` beside ``{problem}``: ``str.format`` renders ``\\boxed{A/B/C/D}`` and fills
    ``{problem}``; read as Jinja, the doubled braces were a variable and ``{problem}`` text."""
    root, files = nemo
    user = yaml.safe_load((root / CONFIG / rel).read_text(encoding="utf-8"))["user"]
    p = _one(files, CONFIG + rel, "user")
    fields, head = _format_golden(user)
    assert fields == ["problem"]
    assert p.syntax == "format"
    assert _variables(p) == fields
    assert abs(_head_tokens(p) - head) <= 1


@pytest.mark.parametrize("rel", ["judge/simpleqa.yaml", "lean4/formal-proof-deepseek-prover-v2.yaml",
                                 "generic/fim.yaml"])
def test_fields_in_code_fences_are_slots(nemo, rel):
    """Every field of these prompts sits in a code fence (the data a judge grades, the Lean statement, the FIM
    prefix and the fence's language): written as slots of data, they are the template's variables."""
    root, files = nemo
    user = yaml.safe_load((root / CONFIG / rel).read_text(encoding="utf-8"))["user"]
    fields, head = _format_golden(user)
    p = _one(files, CONFIG + rel, "user")
    assert p.syntax == "format"
    assert _variables(p) == fields and len(fields) >= 3
    assert abs(_head_tokens(p) - head) <= 1


def test_code_braces_in_fences_stay_text():
    """Braces of code in a fence are the code's: a Python f-string, a C++ initializer, a JS destructuring, a
    Python set are no fields."""
    from pcache.analyzers.sources.template import detect_from_content

    for text in ('Explain:\n```python\nprint(f"{name}")\n```', "```cpp\nvector<int> v{n};\n```",
                 "```js\nconst {a} = b;\n```", "```python\ndef f():\n    return {x}\n```"):
        assert detect_from_content(text, unseen_loader=True) == "none", text


def test_a_test_named_category_of_prompts_is_read(nemo):
    """``prompt/config/unit_test/code.yaml`` is the prompt that writes unit tests: a folder named as tests below a
    folder that says prompt is a category of prompts, not test data."""
    root, files = nemo
    rel = CONFIG + "unit_test/code.yaml"
    user = yaml.safe_load((root / rel).read_text(encoding="utf-8"))["user"]
    p = _one(files, rel, "user")
    fields, head = _format_golden(user)
    assert _variables(p) == fields == ["num_tests_to_generate", "instruction", "output"]
    assert abs(_head_tokens(p) - head) <= 1


def test_system_sent_as_written_stays_static(nemo):
    """NeMo-Skills sends ``system`` unformatted: qwen's ``\\boxed{{}}`` is text, no variable."""
    root, files = nemo
    rel = CONFIG + "qwen/math-cot.yaml"
    system = yaml.safe_load((root / rel).read_text(encoding="utf-8"))["system"]
    p = _one(files, rel, "system")
    assert p.kind == "text" and "".join(s.text for s in p.segments) == system


# -- Docker cagent: agent YAML


@pytest.fixture(scope="module")
def cagent(tmp_path_factory):
    root = _clone(tmp_path_factory.mktemp("cagent"), "cagent")
    return root, _by_file(load_paths([str(root)]).prompts, root)


def test_agent_configs_in_github_agents_are_read(cagent):
    """``.github/agents/`` holds the files agents load (GitHub's custom agents; cagent's configs its workflows
    run): walked, while the workflows beside them stay quiet."""
    root, files = cagent
    rel = ".github/agents/issue-triager.yaml"
    text = yaml.safe_load((root / rel).read_text(encoding="utf-8"))["agents"]["root"]["instruction"]
    p = _one(files, rel, "agents.root.instruction")
    assert "".join(s.text for s in p.segments) == text
    assert not any(f.startswith(".github/workflows/") for f in files)


@pytest.mark.parametrize("rel,container,path", [
    ("examples/typo.yaml", "agents.root.commands[0].fix", ("agents", "root", "commands", 0, "fix")),
    ("examples/github.yaml", "agents.root.commands.whoami", ("agents", "root", "commands", "whoami")),
    ("examples/env_placeholders.yaml", "agents.root.commands.help", ("agents", "root", "commands", "help")),
])
def test_agent_commands_are_named_prompts(cagent, rel, container, path):
    """cagent's ``commands`` are "named prompts" sent as the user's message (a map, or a list of one-entry maps;
    a command called ``help`` too)."""
    root, files = cagent
    value = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    for k in path:
        value = value[k]
    p = _one(files, rel, container)
    assert p.role == "user" and "".join(s.text for s in p.segments) == value


def test_shell_command_lines_are_no_prompts(cagent):
    """``cmd: "gofmt -w $path"``, ``cmd: "docker images $img"``: command lines a shell runs."""
    root, files = cagent
    for rel in ("examples/post_edit.yaml", "examples/script_shell.yaml"):
        data = (root / rel).read_text(encoding="utf-8")
        assert re.search(r"cmd: .*\$", data)
        assert not [p.container for p in files.get(rel, []) if p.container.endswith(".cmd")]
        assert _one(files, rel, "agents.root.instruction")


def test_a_prompt_embedded_by_go_is_read(cagent):
    """``//go:embed instructions.txt`` before ``var agentBuilderInstructions string``: the Go package sends the
    file as an agent's instruction; a document an agent reads (``badreport.txt``) stays quiet."""
    root, files = cagent
    rel = "pkg/creator/instructions.txt"
    assert "//go:embed instructions.txt\nvar agentBuilderInstructions string" in \
        (root / "pkg/creator/agent.go").read_text(encoding="utf-8")
    (p,) = files[rel]
    assert "".join(s.text for s in p.segments) == (root / rel).read_text(encoding="utf-8")
    assert "examples/professional/badreport.txt" not in files


# -- Genkit: Dotprompt files and evaluation data sets


@pytest.fixture(scope="module")
def genkit(tmp_path_factory):
    root = _clone(tmp_path_factory.mktemp("genkit"), "genkit")
    return root, _by_file(load_paths([str(root)]).prompts, root)


def _body(text: str) -> str:
    return re.split(r"^---[ \t]*(?:\n|\Z)", text, maxsplit=2, flags=re.M)[2]


def test_dotprompt_body_is_handlebars(genkit):
    """A body after Dotprompt's front matter is Handlebars: ``Tell a joke about {subject}`` is text."""
    root, files = genkit
    rel = "js/testapps/express/prompts/TellJoke.prompt"
    (p,) = files[rel]
    assert not _variables(p)
    # sent as the user's message (Dotprompt's first message), the template trimmed (``body.trim()``)
    text = [s.text for s in p.segments if s.kind == "static" and s.part == "user"]
    assert text == ["user", _body((root / rel).read_text(encoding="utf-8")).strip()]  # the role, then the body


def test_dotprompt_settings_only_is_no_prompt(genkit):
    """``ex03.prompt`` holds front matter only (model and settings): walked, it is quiet; named, no prompts."""
    root, files = genkit
    rel = "js/doc-snippets/src/dotprompt/prompts/ex03.prompt"
    assert _body((root / rel).read_text(encoding="utf-8")).strip() == ""
    assert rel not in files
    assert "js/doc-snippets/src/dotprompt/prompts/ex02.prompt" in files
    loaded = load_paths([str(root / rel)])
    assert not loaded.prompts and len(loaded.errors) == 1 and "no prompts" in loaded.errors[0].message


def test_dotprompt_messages_text_before_variable(genkit):
    """``{{role "system"}}``/``{{role "user"}}`` split the body into messages and emit no text; each message is
    framed as the request carries it (README; as a ``.prompty`` is): the tokens before ``{{query}}`` are the
    system message's framed (3 + text + 1) and the user message's opening (3) and text."""
    root, files = genkit
    rel = "js/testapps/evals/prompts/hello.prompt"
    (p,) = files[rel]
    body = _body((root / rel).read_text(encoding="utf-8")).strip()
    pieces = re.split(r'\{\{role "\w+"\}\}', body[:body.index("{{query}}")])
    system, user = [x for x in pieces if x.strip()]
    assert p.syntax == "handlebars" and _variables(p) == ["query"]
    assert [s.part for s in p.segments if s.kind == "static" and s.part in ("system", "user")] == ["system", "system", "user", "user"]
    want = 3 + _tokens(system) + 1 + 3 + _tokens(user)
    from pcache.analyzers.tokenizer import tokenize_prompts, encoding_for
    (tp,) = tokenize_prompts([p], encoding_for("gpt-4o"))
    assert abs(tp.first_variable.token - want) <= 1


def test_evaluation_data_set_is_no_request(genkit):
    """Genkit's evaluation data set, ``[{"input", "reference"}]``: records of test inputs and reference answers,
    not Responses request bodies (``reference`` is no parameter of the API)."""
    root, files = genkit
    rel = "js/testapps/evals/data/cat_adoption_questions_with_reference.json"
    records = json.loads((root / rel).read_text(encoding="utf-8"))
    assert records and all(set(r) == {"input", "reference"} for r in records)
    assert rel not in files


# -- LocalAI (round 9's leftover): a prompt folder's Go template that only frames the request


def test_go_template_file_without_prose_is_a_prompt_format(tmp_path):
    """``wizardlm.tmpl`` (``{{.Input}}`` then ``### Response:``) and ``getting_started.tmpl`` write nothing to the
    model but the request and an answer marker: a model's prompt format, as a config field holding the same is
    (round 9).  ``alpaca.tmpl`` (an instruction around ``{{.Input}}``) and ``koala.tmpl`` stay prompts."""
    root = _clone(tmp_path, "localai")
    files = _by_file(load_paths([str(root)]).prompts, root)
    for name in ("wizardlm.tmpl", "getting_started.tmpl"):
        text = (root / "prompt-templates" / name).read_text(encoding="utf-8")
        words = [w for w in re.sub(r"\{\{.*?\}\}", " ", text).split() if any(c.isalpha() for c in w)]
        assert words == ["Response:"]
        assert "prompt-templates/" + name not in files
    assert "prompt-templates/alpaca.tmpl" in files and "prompt-templates/koala.tmpl" in files
