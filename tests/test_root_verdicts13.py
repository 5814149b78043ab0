"""Verdicts priced on the request a prompt really is in, at the roots of benchmarks/PROMPT_DISCOVERY.md
("Root verdicts and lint speed (verdicts13, session 2026-12-01 04:19)"), each on a cut of a real file.
In-sample: these roots are where the rules come from."""

from __future__ import annotations

from pathlib import Path

from test_root_lint11 import _project_lint  # the folder linted as `pcache lint ROOT` does

CODE = Path(__file__).resolve().parent / "fixtures" / "code"


def _yaml_templates(path: Path) -> dict:
    """promptsource's templates file read with PyYAML, its ``!Template`` objects as mappings of their fields."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_mapping(node, deep=True)
                                  if isinstance(node, yaml.MappingNode) else None)
    return yaml.load(path.read_text(), Loader=_Loader)["templates"]


def test_a_prompted_example_template_is_a_whole_request():
    """promptsource: a ``!Template``'s ``jinja`` is "rendered using an example from the corresponding Hugging
    Face datasets library ... The separator ||| should appear once to divide the template into prompt and
    output" (``templates.py``, ``Template``; ``apply(example)`` returns ``[prompt, output]``, which the app
    shows as "Input" and "Target").  The text is one example's whole input, not the head of a conversation.
    Before: a head, ``answer_choices[label]`` per-turn (through the app's loop over examples), an error of
    9,728 cached tokens per conversation.  Now a whole request of a dozen tokens: nothing is cacheable, so
    PC101 is an info at 0 and PC201 says it is never cached, with the static text counted by tiktoken
    (within one token: the text's last token may merge with the value's first)."""
    from token_helpers import tokens

    from pcache.analyzers.conversation import prompt_position

    root = CODE / "promptsource-app"
    rel = root / "promptsource/templates/ade_corpus_v2/Ade_corpus_v2_classification/templates.yaml"
    prompts, index, found = _project_lint(root)
    (prompt,) = prompts
    assert prompt.container == "templates.56bd12a8-b8ee-464e-98cc-5f586ba9f74d.jinja"
    assert prompt_position(prompt, project=index) == "whole"
    assert not [f for f in found if f.severity in ("error", "warning")], [f.message for f in found]
    (pc101,) = [f for f in found if f.code == "PC101"]
    assert (pc101.severity, pc101.position, pc101.cost_tokens_per_conversation) == ("info", "whole", 0)
    # the static text before the first variable, as PyYAML reads the field and tiktoken counts it
    jinja = _yaml_templates(rel)["56bd12a8-b8ee-464e-98cc-5f586ba9f74d"]["jinja"]
    static = tokens(jinja[:jinja.index("{{text}}")])
    (pc201,) = [f for f in found if f.code == "PC201"]
    assert pc201.position == "whole" and pc201.severity == "info"
    import re

    counted = int(re.search(r"static text is ([\d,]+) tokens", pc201.message).group(1).replace(",", ""))
    assert abs(counted - static) <= 1 and static < 1024  # (the last token may merge with the value's first)


def test_the_separator_alone_or_another_field_keeps_the_head(tmp_path):
    """The format is a Template's ``jinja`` field holding the separator: the same text under another key (a
    system prompt that happens to hold ``|||``), or a ``jinja`` field without it, is placed as before."""
    from pcache.analyzers.placement_format import format_position
    from pcache.analyzers.sources.load import load_paths

    root = CODE / "promptsource-app"
    rel = root / "promptsource/templates/ade_corpus_v2/Ade_corpus_v2_classification/templates.yaml"
    text = rel.read_text()
    (prompt,) = load_paths([str(rel)]).prompts
    assert format_position(prompt) == "whole"
    other = tmp_path / "agent.yaml"
    other.write_text(text.replace("    jinja: ", "    system_template: "))
    (moved,) = load_paths([str(other)]).prompts
    assert moved.container.endswith(".system_template") and format_position(moved) is None
    plain = tmp_path / "templates.yaml"
    plain.write_text(text.replace(" ||| {{answer_choices[label]}}", " Answer {{answer_choices[label]}}"))
    (unsplit,) = load_paths([str(plain)]).prompts
    assert unsplit.container.endswith(".jinja") and format_position(unsplit) is None


def _message_content(path: Path, role: str):
    """The file as pcache's one-shot reader parses it, and the ``content`` value of its message of ``role``."""
    import ast

    from pcache.analyzers.dataflow import _py_file
    from pcache.analyzers.oneshot import _parents
    from pcache.analyzers.volatility import _stamp

    f = _py_file(str(path), _stamp(str(path)))
    for d in ast.walk(f.tree):
        if isinstance(d, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "role" for k in d.keys):
            values = dict(zip([k.value for k in d.keys], d.values))
            if getattr(values["role"], "value", None) == role:
                return f, _parents(f), values["content"]
    raise AssertionError(f"no {role} message in {path}")


def test_a_message_list_that_starts_a_kept_conversation_is_not_a_one_shot_request():
    """pipecat's realtime example: ``context = LLMContext([{"role": "developer", "content": "Say hello!"}],
    [tools])`` handed to ``LLMContextAggregatorPair(context)``, whose user and assistant aggregators append
    every turn to the context: the message heads a conversation.  Its counterpart, the flows adapter's
    ``generate_summary`` ("a direct one-shot, out-of-band inference"), makes ``summary_context =
    LLMContext(messages=prompt_messages)`` and hands it to ``llm.run_inference(...)`` only: one request,
    the message the whole of it.  Before: both taken for one-shot requests (the line of the call)."""
    from pcache.analyzers.oneshot import _sent_once

    root = CODE / "pipecat-oneshot"
    f, parents, content = _message_content(root / "realtime-azure.py", "developer")
    assert content.value == "Say hello!"
    assert _sent_once(f, parents, content) is None
    f, parents, content = _message_content(root / "adapters.py", "developer")
    where: list = []
    line = _sent_once(f, parents, content, where=where)
    text = (root / "adapters.py").read_text().splitlines()
    assert line is not None and "LLMContext(messages=prompt_messages)" in text[line - 1]
    assert where == ["whole"]
