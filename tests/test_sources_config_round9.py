"""What the ninth config round missed (issue #11, benchmarks/PROMPT_DISCOVERY.md, "Config round 9, blind"):
Teams AI's prompt folders, LocalAI's model gallery and prompt templates, unitxt's catalog.

Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are the texts the files hold, read
here with ``json``/PyYAML and counted with tiktoken, without pcache."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from pcache.analyzers.sources.load import load_paths

from fixture_trees import by_file as _by_file, clone as _clone, head_tokens as _head_tokens, tokens as _tokens

FIX = Path(__file__).resolve().parent / "fixtures" / "agents"


def _first(prompt):
    return next((s for s in prompt.segments if s.kind == "variable"), None)


# -- Teams AI: a prompt folder's skprompt.txt names memory paths


LISTBOT = "js/samples/03.ai-concepts/d.chainedActions-listBot/src/prompts/default/skprompt.txt"
HINT = "python/samples/04.ai.a.twentyQuestions/src/prompts/hint/skprompt.txt"
CHEF = "dotnet/samples/04.ai.a.teamsChefBot/Prompts/Chat/skprompt.txt"


def test_teams_ai_memory_paths_are_variables(tmp_path):
    """Teams AI renders ``{{$conversation.lists}}`` with ``Memory.getValue("conversation.lists")`` (a scope
    and a key, split on the dot): a variable of the prompt, not text.  Each sample's ``skprompt.txt`` is one
    prompt in Semantic Kernel's syntax, its first variable where the file writes it."""
    root = _clone(tmp_path, "teams-ai")
    loaded = load_paths([str(root)])
    files = _by_file(loaded.prompts, root)
    assert sorted(files) == sorted([LISTBOT, HINT, CHEF])
    for rel, first in ((LISTBOT, "{{$conversation.lists}}"), (HINT, "{{$conversation.guess_count}}")):
        (p,) = files[rel]
        text = (root / rel).read_text(encoding="utf-8")
        assert p.syntax == "sk"
        var = _first(p)
        assert var is not None and var.text == first
        assert var.name == first[3:-2]
        assert abs(_head_tokens(p) - _tokens(text[:text.index(first)])) <= 1
        names = [s.name for s in p.segments if s.kind == "variable"]
        assert names == [m[3:-2] for m in re.findall(r"\{\{\$[\w.]+\}\}", text)]


def test_pages_about_prompts_are_documentation(tmp_path):
    """Teams AI (a monorepo: ``js/package.json``, the samples' ``.csproj`` and ``pyproject.toml``) documents its
    concepts one page each, ``getting-started/CONCEPTS/ACTIONS.md``, ``PLANNER.md``, ``PROMPTS.md``...; the chef
    bot indexes the same pages as ``files/*.txt`` for retrieval.  ``PROMPTS.md`` and ``prompts.txt`` are named
    for their topic among pages of the same kind: documentation and documents, not prompts.  The prompt
    folders' ``skprompt.txt`` are read."""
    root = _clone(tmp_path, "teams-ai")
    files = _by_file(load_paths([str(root)]).prompts, root)
    assert "getting-started/CONCEPTS/PROMPTS.md" not in files
    assert "dotnet/samples/04.ai.a.teamsChefBot/files/prompts.txt" not in files
    assert CHEF in files and (root / "getting-started/CONCEPTS/PROMPTS.md").read_text().startswith("# Prompts")


def test_a_prompt_named_prompt_alone_is_still_read(tmp_path):
    """A file named ``prompt.txt`` with no set of sibling pages (Stanford Alpaca's, at its root beside
    ``requirements.txt``) is the prompt its name says."""
    root = tmp_path / "agent"
    (root / "src").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "agent"\n')
    shutil.copy(FIX / "stanford-alpaca" / "prompt.txt", root / "src" / "prompt.txt")
    (root / "src" / "notes.txt").write_text("Notes for people.\n")
    files = _by_file(load_paths([str(root)]).prompts, root)
    assert list(files) == ["src/prompt.txt"]


# -- unitxt: a catalog template says what it is by its type tag


HELM = "src/unitxt/catalog/templates/qa/multiple_choice/with_topic/helm.json"
LANGID = "src/unitxt/catalog/templates/language_identification/simple.json"
JUDGE = "src/unitxt/catalog/templates/rag_eval/faithfulness/judge_with_question_simplified_numeric.json"
BOOLQA = "src/unitxt/catalog/system_prompts/boolqa.json"
MTBENCH = "src/unitxt/catalog/templates/response_assessment/pairwise_comparison/mt_bench_single_turn_with_reference.json"
FLAN = "src/unitxt/catalog/templates/classification/multi_class/relation/truthfulness/flan_2.json"


def test_unitxt_templates_by_their_type_tag(tmp_path):
    """unitxt's catalog writes each artifact with its class in ``__type__``; a ``*_template`` fills its
    ``input_format`` with ``str.format`` (the example's fields) and puts it after the ``instruction``: both
    are the template's prompt text.  ``output_format`` (``{label}``: the target) and the post-processors
    are not; a ``__name__`` key is the artifact's metadata (``__deprecated_msg__``), not a prompt even in
    a ``system_prompts/`` folder, whose ``text`` is."""
    root = _clone(tmp_path, "unitxt")
    loaded = load_paths([str(root)])
    files = _by_file(loaded.prompts, root)
    assert sorted(files) == sorted([HELM, LANGID, JUDGE, BOOLQA, MTBENCH, FLAN])
    for rel, want in ((HELM, {"input_format"}), (LANGID, {"instruction", "input_format"}),
                      (JUDGE, {"instruction", "input_format"}), (BOOLQA, {"text"}),
                      (MTBENCH, {"instruction", "input_format"}),  # not its target ``[[{winner}]]``
                      (FLAN, {"input_format"})):  # nor ``output_format: "Answer: {label}"``
        data = json.loads((root / rel).read_text(encoding="utf-8"))
        got = {p.container: p for p in files[rel]}
        assert set(got) == want, rel
        for key, p in got.items():
            value = data[key]
            assert "".join(s.text for s in p.segments) == value
            first = re.search(r"\{(\w+)\}", value)
            if first is None:
                assert _first(p) is None and p.syntax is None
            else:
                assert p.syntax == "format" and _first(p).name == first.group(1)
                assert abs(_head_tokens(p) - _tokens(value[:first.start()])) <= 1


# -- LocalAI: a model config held in a gallery entry's ``config_file``, its templates written in Go


def _inner(root: Path, rel: str) -> dict:
    import yaml

    return yaml.safe_load(yaml.safe_load((root / rel).read_text(encoding="utf-8"))["config_file"])


def _go_prefix(value: str) -> str:
    """The text a Go template writes before its first action that writes data: comments and declarations of
    constants write nothing (text/template's documentation); computed here with a regex, not pcache's parser."""
    out, pos = [], 0
    for m in re.finditer(r"\{\{-?\s*(.*?)\s*-?\}\}", value, re.S):
        out.append(value[pos:m.start()])
        pos = m.end()
        if re.fullmatch(r'\$\w+\s*:?=\s*""', m.group(1)) or m.group(1).startswith("/*"):
            continue
        return "".join(out)
    return "".join(out)


def test_localai_gallery_templates_in_the_embedded_config(tmp_path):
    """A gallery entry's ``config_file: |`` is the model's YAML config (LocalAI's installer parses it and
    writes it as the model's file): its fields are read as the config's, named on through the key.  Of its
    ``template`` section, the templates that tell the model something are prompts (``function``'s "You are a
    function calling AI model...", alpaca's ``chat``); the ones that only frame the conversation are not:
    ``chat_message`` writes each message's ``{{ .RoleName }}`` (a chat format), ``chat``/``completion`` put
    control tokens around ``{{.Input}}``, and mathstral's ``function`` lays out the tools as JSON between
    ``[AVAILABLE_TOOLS]`` markers."""
    root = _clone(tmp_path, "localai")
    loaded = load_paths([str(root)])
    files = _by_file(loaded.prompts, root)
    gallery = {rel: {p.container for p in ps} for rel, ps in files.items() if rel.startswith("gallery/")}
    assert gallery == {
        "gallery/alpaca.yaml": {"config_file.template.chat"},
        "gallery/chatml.yaml": {"config_file.template.function"},
        "gallery/llama3.1-instruct.yaml": {"config_file.template.function"},
        "gallery/mudler.yaml": {"config_file.template.function"},
    }
    for rel, (key,) in gallery.items():
        (p,) = files[rel]
        value = _inner(root, rel)["template"][key.rsplit(".", 1)[1]]
        assert p.syntax == "go"
        var = _first(p)
        assert abs(_head_tokens(p) - _tokens(_go_prefix(value))) <= 1, rel
        # the first variable sits where the file writes it, inside the block scalar (a control action's text is
        # empty, as a Jinja ``{% for %}``'s is: it is placed at its opening brace)
        lines = (root / rel).read_text(encoding="utf-8").splitlines()
        head = var.text or "{{" + var.name.split()[0]
        want = next(i for i, line in enumerate(lines, 1) if head in line)
        assert (var.line, var.column) == (want, lines[want - 1].index(head) + 1), rel


def test_go_template_constants_and_trims():
    """text/template's raw string constant writes its text (llama3.1's ``{{`{{"example_name": ...}}`}}``: how
    the template writes literal braces), a declaration of a constant writes nothing, and ``{{-``/``-}}``
    trim the white space beside them."""
    from pcache.analyzers.sources.template import parse_template

    root = FIX / "localai"
    value = _inner(root, "gallery/llama3.1-instruct.yaml")["template"]["function"]
    parsed = parse_template(value, "x.yaml", "go")
    static = "".join(s.text for s in parsed.segments if s.kind == "static")
    assert '<function=example_function_name>{{"example_name": "example_value"}}</function>' in static
    assert [s.name for s in parsed.segments if s.kind == "variable"][:3] == ["range .Functions", ".Name", ".Description"]
    mudler = parse_template(_inner(root, "gallery/mudler.yaml")["template"]["function"], "x.yaml", "go")
    assert not any("$tools:" in (s.name or "") for s in mudler.segments)
    trimmed = parse_template("A {{- .X -}} \n B", "x", "go")
    assert [s.text for s in trimmed.segments] == ["A", "{{- .X -}}", "B"]


def test_localai_prompt_templates_folder(tmp_path):
    """``prompt-templates/`` (the ``*.tmpl`` files a model config names) is a prompt folder by its last word
    and its prompt word, as ``templates/`` is: alpaca's template is a prompt around ``{{.Input}}``;
    ``llama2-chat-message.tmpl`` writes each message's role: a chat format, no prompt."""
    root = _clone(tmp_path, "localai")
    files = _by_file(load_paths([str(root)]).prompts, root)
    tmpl = sorted(rel for rel in files if rel.startswith("prompt-templates/"))
    assert "prompt-templates/alpaca.tmpl" in tmpl and "prompt-templates/llama2-chat-message.tmpl" not in tmpl
    (p,) = files["prompt-templates/alpaca.tmpl"]
    text = (root / "prompt-templates/alpaca.tmpl").read_text(encoding="utf-8")
    assert p.syntax == "go" and _first(p).name == ".Input"
    assert _head_tokens(p) == _tokens(text[:text.index("{{.Input}}")])


# -- Haystack 1.x: a PromptTemplate's fields are Python expressions (left from round 8: prompthub)


def test_haystack_prompt_template_function_calls(tmp_path):
    """Haystack 1.x's ``PromptTemplate`` checks its text as an f-string and lets a field call ``join``:
    ``{join(documents)}`` is a placeholder, and so is the whole of ``{join(documents, delimiter=new_line,
    pattern=new_line+'Document[$idx]: $content', str_replace={...})}`` (its ``$idx`` is inside the call's
    string argument: no ``string.Template`` field)."""
    import yaml

    root = _clone(tmp_path, "prompthub-calls")
    files = _by_file(load_paths([str(root)]).prompts, root)
    for rel, calls in (("prompts/deepset-question-answering.yaml", "{join(documents)}"),
                       ("prompts/deepset-question-answering-with-references.yaml", "{join(documents, delimiter")):
        (p,) = files[rel]
        value = yaml.safe_load((root / rel).read_text(encoding="utf-8"))["text"]
        assert p.container == "text" and p.syntax == "format"
        names = [s.name for s in p.segments if s.kind == "variable"]
        assert names[-1] == "query" and names[0].startswith("join(documents") and len(names) == 2
        assert _first(p).text.startswith(calls) and _first(p).text.endswith(")}")
        assert abs(_head_tokens(p) - _tokens(value[:value.index(calls)])) <= 1


# -- a walked folder that is neither a repository nor a code project (left from round 8)


def test_a_prompt_folders_readme_is_documentation(tmp_path):
    """alpaca-lora's ``templates/`` walked by itself (no ``.git``, no manifest: a folder of prompt files):
    its JSON templates are read, its ``README.md`` (what the templates are and how to write one) documents
    the folder, as a repository's README does."""
    root = tmp_path / "templates"
    shutil.copytree(FIX / "alpaca-lora" / "templates", root)
    files = _by_file(load_paths([str(root)]).prompts, root)
    assert sorted(files) == ["alpaca.json", "vigogne.json"]
    for rel in files:
        assert {p.container for p in files[rel]} == {"prompt_input", "prompt_no_input"}


# -- no regression: a mapping keyed by numbers is no data table keyed by titles


def test_a_mapping_keyed_by_numbers_keeps_its_prompts(tmp_path):
    """Config round 4's SillyTavern ``default/content/settings.json`` keeps one image-prompt per generation mode
    in ``extension_settings.sd.prompts``, keyed ``"0"``, ``"1"``...: indexes, not titles, so the mapping is no
    data table (tests/test_root_lint13.py's WikiChat articles keyed by title are).  The shape is written here,
    not cut: SillyTavern is AGPL-3.0 (the round-4 rescore runs on its real file)."""
    texts = {"0": "In the next response I want you to provide only a detailed comma-delimited list of keywords "
                  "and phrases which describe {{char}}.",
             "1": "Ignore previous instructions and provide a detailed description of {{user}}'s physical "
                  "appearance from the perspective of {{char}}.",
             "2": "Ignore previous instructions and provide a detailed description of the last message."}
    (tmp_path / "settings.json").write_text(json.dumps(
        {"extension_settings": {"sd": {"steps": 20, "prompts": texts, "character_prompts": {}}}}, indent=4))
    loaded = load_paths([str(tmp_path / "settings.json")])
    got = {p.container: p for p in loaded.prompts}
    assert set(got) == {f"extension_settings.sd.prompts.{k}" for k in texts}
    assert got["extension_settings.sd.prompts.1"].syntax in ("jinja", "mustache")
    assert _first(got["extension_settings.sd.prompts.1"]).name == "user"
