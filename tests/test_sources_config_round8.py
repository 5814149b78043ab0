"""What the seventh config round found (issue #11, benchmarks/PROMPT_DISCOVERY.md, "Config measure, seventh
blind round"): 667 false positives in two classes, both in repositories without a build manifest.

- A run's outputs (GAOKAO-Bench's ``Results/``): each file copies the prompt it ran with (``prompt``,
  ``teacher_prompt``) beside records of questions, reference answers and the model's answers
  (``model_output``, ``model_answer``, ``model_correction``); the questions' LaTeX braces read as template
  fields.  What a run wrote is no prompt (``sources/run_records.py``).
- Documentation cards (Stanford Alpaca's ``datasheet.md`` and ``model_card.md``): pages written in the
  published Datasheets for Datasets and Model Cards formats, read whole as prompts because the repository
  has no manifest (``sources/doc_cards.py``).

Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are the values ``json`` reads and the
file texts, computed here without pcache."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from pcache.analyzers.sources.load import load_paths

from fixture_trees import by_file as _by_file, clone as _clone

FIX = Path(__file__).resolve().parent / "fixtures" / "agents"
RESULTS = "Results/gpt_4_0314_obj/gpt-4-0314_2010-2022_Math_I_MCQs.json"
CORRECTIONS = ("Results/gpt_4_0314_sub/gpt-4-1106-preview_correction_wo_marking_criterion/"
               "gpt-4-0314_2010-2022_Math_I_Open-ended_Questions_wo_marking_criterion.json")


# -- a run's outputs


def test_a_benchmarks_run_outputs_are_not_prompts(tmp_path):
    """GAOKAO-Bench (Python scripts, no build manifest): its prompts are ``Bench/Obj_Prompt.json``'s
    ``examples[i].prefix_prompt``; ``Results/`` holds what a run of gpt-4 wrote, ``Data/`` the questions.
    Only the prompts are read, each its JSON value, as the round-7 labels say."""
    root = _clone(tmp_path, "gaokao-bench")
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    files = _by_file(loaded.prompts, root)
    assert sorted(files) == ["Bench/Obj_Prompt.json"]
    want = {f"examples[{i}].prefix_prompt": e["prefix_prompt"]
            for i, e in enumerate(json.loads((root / "Bench/Obj_Prompt.json").read_text())["examples"])}
    assert {p.container: p.text for p in files["Bench/Obj_Prompt.json"]} == want


def test_run_outputs_are_skipped_without_git_too(tmp_path):
    """The same tree as a plain folder (a source archive): the records say what the files are, not a
    repository's layout."""
    root = _clone(tmp_path, "gaokao-bench", git=False)
    assert sorted(_by_file(load_paths([str(root)]).prompts, root)) == ["Bench/Obj_Prompt.json"]


def test_a_run_output_named_on_the_command_line_says_what_it_is(tmp_path):
    """Named, a results file is one "no prompts" line that says why (its records hold a model's outputs),
    not its copied prompt and its questions' braces as templates."""
    root = _clone(tmp_path, "gaokao-bench")
    for rel in (RESULTS, CORRECTIONS):
        loaded = load_paths([str(root / rel)])
        assert loaded.prompts == []
        (err,) = loaded.errors
        assert err.message.startswith("no prompts") and "model's outputs" in (err.hint or "")


def test_model_output_fields_by_their_names():
    """The record keys of the real files: the model's answer, output and correction are a model's
    outputs; the reference answer, the analysis, the question, the score of the correction are not."""
    from pcache.analyzers.sources.run_records import model_output_key

    for rel in (RESULTS, CORRECTIONS):
        records = json.loads((FIX / "gaokao-bench" / rel).read_text())["example"]
        keys = set().union(*(r.keys() for r in records))
        outputs = {k for k in keys if model_output_key(k)}
        assert outputs == keys & {"model_output", "model_answer", "model_correction"}
        assert outputs  # each file has them
    data = json.loads((FIX / "gaokao-bench/Data/Objective_Questions/2010-2022_Math_I_MCQs.json").read_text())
    assert not any(model_output_key(k) for r in data["example"] for k in r)  # the questions, no run


# -- documentation cards


def test_a_datasheet_and_a_model_card_are_documentation(tmp_path):
    """Stanford Alpaca (no build manifest, no prompt folder): ``prompt.txt`` is its prompt (read whole);
    ``datasheet.md`` (Gebru et al.'s sections: Motivation, Composition, Collection process, Uses,
    Distribution, Maintenance) and ``model_card.md`` (Mitchell et al.'s: Model details, Intended use,
    Metrics, Evaluation datasets, Training dataset) document the data and the model."""
    root = _clone(tmp_path, "stanford-alpaca")
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    files = _by_file(loaded.prompts, root)
    assert sorted(files) == ["prompt.txt"]
    (p,) = files["prompt.txt"]
    assert p.text == (root / "prompt.txt").read_text()


def test_a_card_named_on_the_command_line_is_still_read(tmp_path):
    """Named, a file is read as what the user says it is."""
    root = _clone(tmp_path, "stanford-alpaca")
    loaded = load_paths([str(root / "model_card.md")])
    (p,) = loaded.prompts
    assert p.text == (root / "model_card.md").read_text()


def test_a_card_under_a_prompt_folder_is_read(tmp_path):
    """A prompt folder names its files as prompts: the same card kept under ``prompts/`` (a template of one,
    a page a model is given) is read."""
    root = _clone(tmp_path, "stanford-alpaca")
    (root / "prompts").mkdir()
    shutil.move(root / "datasheet.md", root / "prompts" / "datasheet.md")
    files = _by_file(load_paths([str(root)]).prompts, root)
    assert sorted(files) == ["prompt.txt", "prompts/datasheet.md"]


# -- the eighth round's misses (in-sample: written from these files after the blind scan)


def _yaml_tagged(text: str):
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # promptsource's ``!Template`` objects are mappings of their fields
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_mapping(node, deep=True)
                                  if isinstance(node, yaml.MappingNode) else None)
    return yaml.load(text, Loader=_Loader)


def test_fields_whose_key_names_a_prompt_template_are_prompts(tmp_path):
    """alpaca-lora's ``templates/alpaca.json`` (``utils/prompter.py`` formats ``prompt_input`` or
    ``prompt_no_input`` with the instruction): a key that says prompt anywhere in it, holding a template with
    prose, is a prompt; ``description`` and ``response_split`` are not, nor the folder's README."""
    from token_helpers import first_token, tokens

    root = _clone(tmp_path, "alpaca-lora")
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    files = _by_file(loaded.prompts, root)
    assert sorted(files) == ["templates/alpaca.json", "templates/vigogne.json"]
    for rel in files:
        data = json.loads((root / rel).read_text())
        got = {p.container: p for p in files[rel]}
        assert sorted(got) == ["prompt_input", "prompt_no_input"]
        for key, p in got.items():
            assert p.text == data[key] and p.syntax == "format" and p.variables[0].text == "{instruction}"
            assert first_token(p) == tokens(data[key][:data[key].index("{instruction}")])


def test_a_jinja_field_is_a_template_and_its_own_fields_are_not_sections(tmp_path):
    """promptsource's ``templates.yaml``: each ``!Template``'s ``jinja`` (a key naming the template's engine)
    is a prompt, a composition of placeholders too (``{{question}} ... ||| {{answer}}``).  The template's
    ``answer_choices`` are its choices, which its Jinja reads as a list (``answer_choices[label]``), and its
    ``reference`` says where it comes from, though the Jinja names ``{{reference}}`` (a column of the
    dataset): no sections spliced in, no prompts."""
    root = _clone(tmp_path, "promptsource")
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    files = _by_file(loaded.prompts, root)
    base = "promptsource/templates/"
    assert sorted(files) == [base + "esnli/templates.yaml", base + "math_dataset/algebra__linear_1d/templates.yaml",
                             base + "mocha/templates.yaml"]
    for rel, prompts in files.items():
        templates = _yaml_tagged((root / rel).read_text())["templates"]
        got = {p.container: p for p in prompts}
        assert sorted(got) == sorted(f"templates.{k}.jinja" for k in templates)
        for k, t in templates.items():
            p = got[f"templates.{k}.jinja"]
            # its first variable is the first tag that is no literal (``{{ "entails" }}`` is its text)
            first = next(m.group(0) for m in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", t["jinja"], re.S)
                         if not re.fullmatch(r'\{\{ "\w+" \}\}', m.group(0)))
            assert p.syntax == "jinja" and p.variables[0].text == first


def test_a_literal_output_tag_is_text_before_the_first_variable(tmp_path):
    """esnli's ``Determine whether the first sentence {{ "entails" }}, {{ "contradicts" }} or is {{ "neutral" }}
    ...``: the literals render as their own text; the first variable is ``{{ premise }}``, after the tokens
    of the rendered text before it."""
    from token_helpers import first_token, tokens

    root = _clone(tmp_path, "promptsource")
    rel = "promptsource/templates/esnli/templates.yaml"
    (p,) = [p for p in load_paths([str(root / rel)]).prompts if "89b174c7" in p.container]
    value = _yaml_tagged((root / rel).read_text())["templates"]["89b174c7-f4d6-442c-8ac2-10c51595770e"]["jinja"]
    head = value[:value.index("{{ premise }}")]
    for word in ("entails", "contradicts", "neutral"):
        head = head.replace('{{ "%s" }}' % word, word)
    assert p.variables[0].text == "{{ premise }}"
    assert abs(first_token(p) - tokens(head)) <= 1


def test_the_card_beside_a_prompt_config_is_documentation(tmp_path):
    """prompthub keeps each prompt as ``prompts/<name>.yaml`` (its ``text``) and ``<name>.md`` beside it, the
    prompt's card (``index/index.go``'s ``cardFile``: what it does, how to call it from Haystack).  The
    prompt is read, the card is not; named, the card is read."""
    root = _clone(tmp_path, "prompthub")
    loaded = load_paths([str(root)])
    assert loaded.errors == []
    files = _by_file(loaded.prompts, root)
    assert sorted(files) == ["prompts/deepset-question-answering-check.yaml"]
    import yaml

    (p,) = files["prompts/deepset-question-answering-check.yaml"]
    assert p.container == "text"
    assert p.text == yaml.safe_load((root / "prompts/deepset-question-answering-check.yaml").read_text())["text"]
    named = load_paths([str(root / "prompts/deepset-question-answering-check.md"),
                        str(root / "prompts/deepset-question-answering-check.yaml")])
    assert sorted(Path(p.path).name for p in named.prompts) == [
        "deepset-question-answering-check.md", "deepset-question-answering-check.yaml"]
