"""What the sixth config round left (issue #11, benchmarks/PROMPT_DISCOVERY.md, "Sixth blind round", and the
rounds before it, "Left"):

- task configs that ``include:`` a template config without an extension (lmms-eval's and
  lm-evaluation-harness's ``_default_template_yaml``): the included file is YAML, its fields are read in the
  context of the task files that include it;
- markers a project's code replaces itself (LongBench's ``$DOC$``, aichat's ``__INPUT__``): variables where
  the code says it fills them, text where it does not;
- a repository without a build manifest that keeps a prompt folder at its top: its other prose is
  documentation (LongBench's ``task.md``, can-ai-code's ``GUIDE.md``), its templates are still prompts.

Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are the values PyYAML reads, the file
texts, and tiktoken on the text before each variable, computed here without pcache."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from token_helpers import first_token, tokens

from pcache.analyzers.sources.load import load_paths

from fixture_trees import by_file as _by_file

FIX = Path(__file__).resolve().parent / "fixtures" / "agents"


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # lmms-eval's ``!function``


# -- include: an extensionless config named by a task config


def test_a_template_config_a_task_includes_is_read_as_yaml(tmp_path):
    """lmms-eval's ``videommmu/adaptation.yaml`` says ``include: _default_template_yaml``; the included file
    (no extension, so a walk passed it over) holds the task's ``lmms_eval_specific_kwargs.default.*_prompt``
    strings.  Each non-empty one is a prompt named by its key path, its text the value PyYAML reads, placed
    at its line."""
    root = tmp_path / "lmms-eval"
    shutil.copytree(FIX / "lmms-eval-tasks", root)
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    rel = "lmms_eval/tasks/videommmu/_default_template_yaml"
    got = {p.container: p for p in _by_file(loaded.prompts, root).get(rel, [])}
    raw = (root / rel).read_text()
    kwargs = yaml.load(raw, Loader=_Loader)["lmms_eval_specific_kwargs"]["default"]
    want = {f"lmms_eval_specific_kwargs.default.{k}": v for k, v in kwargs.items() if v}
    assert sorted(got) == sorted(want)
    lines = raw.splitlines()
    for key, value in want.items():
        p = got[key]
        assert p.text == value and p.kind == "text"
        field = key.rsplit(".", 1)[1]
        assert lines[p.line - 1].lstrip().startswith(field + ":")
    # the including task file holds no prompt text of its own (its fields are ``!function`` references)
    assert not _by_file(loaded.prompts, root).get("lmms_eval/tasks/videommmu/adaptation.yaml")


def test_an_included_template_named_on_the_command_line_is_yaml(tmp_path):
    """Named alone, the same file is read as the YAML config its includer says it is: four prompts by key
    path, not one prose prompt holding the whole file."""
    root = tmp_path / "lmms-eval"
    shutil.copytree(FIX / "lmms-eval-tasks", root)
    path = root / "lmms_eval/tasks/videommmu/_default_template_yaml"
    loaded = load_paths([str(path)])
    assert loaded.errors == []
    assert sorted(p.container for p in loaded.prompts) == [
        "lmms_eval_specific_kwargs.default.mcq_prompt", "lmms_eval_specific_kwargs.default.open_ended_prompt",
        "lmms_eval_specific_kwargs.default.perception_and_comprehension_prompt",
        "lmms_eval_specific_kwargs.default.pre_prompt"]


def test_an_included_template_is_read_with_its_task_files_keys(tmp_path):
    """lm-evaluation-harness's ``mmlu/default/_default_template_yaml`` holds ``doc_to_text`` (the Jinja
    template of each question) without the ``task`` key its including files name
    (``mmlu_abstract_algebra.yaml``: ``"include": "_default_template_yaml"``, ``"task": ...``).  Read in
    their context it is a task config's prompt field: Jinja, its first variable at token 0."""
    root = tmp_path / "lm-eval"
    shutil.copytree(FIX / "lm-eval-mmlu", root)
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    files = _by_file(loaded.prompts, root)
    template = {p.container: p for p in files["lm_eval/tasks/mmlu/default/_default_template_yaml"]}
    assert sorted(template) == ["doc_to_text"]
    p = template["doc_to_text"]
    raw = (root / "lm_eval/tasks/mmlu/default/_default_template_yaml").read_text()
    value = yaml.safe_load(raw)["doc_to_text"]
    assert p.syntax == "jinja" and p.variables[0].text == "{{question.strip()}}"
    assert first_token(p) == tokens(value[:value.index("{{question.strip()}}")]) == 0
    assert p.line == next(i for i, line in enumerate(raw.splitlines(), 1) if line.startswith("doc_to_text:"))
    # the including file's own prompt field is read as before
    task = {p.container: p for p in files["lm_eval/tasks/mmlu/default/mmlu_abstract_algebra.yaml"]}
    assert sorted(task) == ["description"]


def test_an_included_task_template_keeps_its_formats_other_fields_out(tmp_path):
    """lm-evaluation-harness's ``afrimgsm/direct/prompt_1/afrimgsm_yaml`` (included by ``afrimgsm_amh.yaml``)
    sits in a folder named ``prompt_1``, a path that says prompts, where any templated field would count.
    Read as the task config it is, its ``doc_to_text`` is its prompt and its Jinja ``doc_to_target`` (the
    expected answer) is not; ``afrimmlu_direct``'s ``doc_to_decontamination_query`` (the text matched against
    training data) is no prompt either, and its ``doc_to_text`` is code (``!function``)."""
    root = tmp_path / "lm-eval"
    shutil.copytree(FIX / "lm-eval-afri", root)
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    files = _by_file(loaded.prompts, root)
    gsm = "lm_eval/tasks/afrimgsm/direct/prompt_1/afrimgsm_yaml"
    assert sorted(files) == [gsm]
    (p,) = files[gsm]
    raw = (root / gsm).read_text()
    assert yaml.safe_load(raw)["doc_to_text"].startswith("{% if answer is not none %}")
    assert p.container == "doc_to_text" and p.syntax == "jinja" and first_token(p) == 0
    assert p.line == next(i for i, line in enumerate(raw.splitlines(), 1) if line.startswith("doc_to_text:"))


# -- markers the project's code replaces


def test_markers_the_code_replaces_are_variables(tmp_path):
    """LongBench v2's ``prompts/0shot.txt`` is filled by ``pred.py`` with
    ``template.replace('$DOC$', ...).replace('$Q$', ...)``: ``$DOC$`` is its first variable, at line 4,
    column 1, after the tokens tiktoken counts on the text before it; ``0shot_no_context.txt`` starts with
    ``$Q$``'s question line.  The syntax stays None (no template engine names these markers)."""
    root = tmp_path / "LongBench"
    shutil.copytree(FIX / "longbench", root)
    loaded = load_paths([str(root)])
    files = _by_file(loaded.prompts, root)
    (p,) = files["prompts/0shot.txt"]
    text = (root / "prompts/0shot.txt").read_text()
    first = p.variables[0]
    assert (first.text, first.line, first.column) == ("$DOC$", 4, 1)
    assert first_token(p) == tokens(text[:text.index("$DOC$")])
    assert [v.text for v in p.variables] == ["$DOC$", "$Q$", "$C_A$", "$C_B$", "$C_C$", "$C_D$"]
    assert p.text == text and p.syntax is None
    assert any("pred.py:" in n for n in p.notes)
    (q,) = files["prompts/0shot_no_context.txt"]
    qtext = (root / "prompts/0shot_no_context.txt").read_text()
    assert q.variables[0].text == "$Q$" and first_token(q) == tokens(qtext[:qtext.index("$Q$")])


def test_a_marker_named_by_a_constant_is_a_variable_and_one_no_code_replaces_is_text(tmp_path):
    """aichat's ``%create-prompt%`` role ends in ``__INPUT__``; its Rust fills it by
    ``self.prompt.replace(INPUT_PLACEHOLDER, ...)`` with ``const INPUT_PLACEHOLDER: &str = "__INPUT__"``
    (``role.rs``), and ``config.example.yaml``'s ``rag_template`` by ``.replace("__CONTEXT__", ...)``
    (``mod.rs``).  Without the code that replaces them, the same markers are text."""
    root = tmp_path / "aichat"
    shutil.copytree(FIX / "aichat-placeholders", root)
    (root / "src/config/mod.rs").unlink()  # only the constant says __INPUT__ is replaced
    loaded = load_paths([str(root)])
    files = _by_file(loaded.prompts, root)
    (role,) = files["assets/roles/%create-prompt%.md"]
    text = (root / "assets/roles/%create-prompt%.md").read_text()
    first = role.variables[0]
    assert (first.text, first.line, first.column) == ("__INPUT__", 25, 22)
    assert first_token(role) == tokens(text[:text.index("__INPUT__")])
    # __CONTEXT__ is replaced only in mod.rs, removed here: the rag template's markers are text but __INPUT__
    (rag,) = files["config.example.yaml"]
    assert [v.text for v in rag.variables] == ["__INPUT__"]

    shutil.copy(FIX / "aichat-placeholders/src/config/mod.rs", root / "src/config/mod.rs")
    from pcache.analyzers.sources.program_placeholders import replaced_markers

    replaced_markers.cache_clear()
    files = _by_file(load_paths([str(root)]).prompts, root)
    (rag,) = files["config.example.yaml"]
    value = yaml.safe_load((root / "config.example.yaml").read_text())["rag_template"]
    assert [v.text for v in rag.variables] == ["__CONTEXT__", "__INPUT__"]
    assert first_token(rag) == tokens(value[:value.index("__CONTEXT__")])

    shutil.rmtree(root / "src")
    replaced_markers.cache_clear()
    files = _by_file(load_paths([str(root)]).prompts, root)
    (role,) = files["assets/roles/%create-prompt%.md"]
    assert role.variables == [] and role.text == text


# -- a repository of prompts without a build manifest


def test_a_repository_keeping_a_prompt_folder_reads_prompts_not_its_guides(tmp_path):
    """can-ai-code (Python scripts and pip's ``requirements.txt``, no build manifest) keeps its templates in
    ``prompts/`` and the HumanEval ones in ``humaneval/`` (Jinja: ``{{prompt}}``); ``GUIDE.md`` is its
    evaluation guide.  The repository says where its prompts are by its prompt folder: the guide is
    documentation, the templates are read."""
    root = tmp_path / "can-ai-code"
    shutil.copytree(FIX / "can-ai-code", root)
    (root / ".git").mkdir()  # a clone
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    files = _by_file(loaded.prompts, root)
    assert sorted(files) == ["humaneval/Llama-HumanEval.txt", "prompts/Alpaca.txt"]
    (h,) = files["humaneval/Llama-HumanEval.txt"]
    text = (root / "humaneval/Llama-HumanEval.txt").read_text()
    assert h.syntax == "jinja" and first_token(h) == tokens(text[:text.index("{{prompt}}")])


def test_a_repository_without_a_prompt_folder_keeps_all_its_prose(tmp_path):
    """The same tree without its ``prompts/`` folder says nothing of where its prompts are: as before, a
    folder of files without a manifest is read whole (the guide too)."""
    root = tmp_path / "can-ai-code"
    shutil.copytree(FIX / "can-ai-code", root)
    shutil.rmtree(root / "prompts")
    loaded = load_paths([str(root)])
    assert sorted(_by_file(loaded.prompts, root)) == ["GUIDE.md", "humaneval/Llama-HumanEval.txt"]


def test_longbench_task_tables_are_documentation(tmp_path):
    """LongBench's ``LongBench/task.md`` (its task table) beside the repository's ``prompts/``: not read."""
    root = tmp_path / "LongBench"
    shutil.copytree(FIX / "longbench", root)
    loaded = load_paths([str(root)])
    assert "LongBench/task.md" not in _by_file(loaded.prompts, root)
    assert loaded.errors == []


# -- a chat prompt written as a JSON list of messages


def test_a_prompt_written_as_a_json_list_of_messages_is_a_prompt(tmp_path):
    """promptfoo's ``prompts:`` items may be a chat written as a JSON array of ``{role, content}`` messages
    (its Bedrock Converse example).  A string that is itself JSON is data for code (Flowise's
    ``promptValues``), but a list of chat messages is the prompt: each item is read, Jinja, its first
    variable after the tokens tiktoken counts on the text before it (the second round's labels)."""
    path = tmp_path / "promptfooconfig.converse-system.yaml"
    shutil.copy(FIX / "promptfoo-converse/promptfooconfig.converse-system.yaml", path)
    loaded = load_paths([str(path)])
    assert loaded.errors == []
    got = {p.container: p for p in loaded.prompts}
    assert sorted(got) == ["prompts[0]", "prompts[1]"]
    values = yaml.safe_load(path.read_text())["prompts"]
    for i, var in ((0, "{{topic}}"), (1, "{{question}}")):
        p = got[f"prompts[{i}]"]
        assert p.syntax == "jinja" and p.variables[0].text == var
        assert first_token(p) == tokens(values[i][:values[i].index(var)])
