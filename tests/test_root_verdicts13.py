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

    from pcache.analyzers.dataflow.python_file import _py_file
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


def test_a_clock_rendered_once_for_a_session_object_is_per_session():
    """pipecat's Ultravox realtime example: ``run_bot`` (one call per connection) renders ``system_prompt =
    f\"\"\"... Local time is currently: {datetime.datetime.now().isoformat()} ...\"\"\"`` once, outside any loop,
    and hands it only to ``UltravoxRealtimeLLMService(params=OneShotInputParams(system_prompt=...))``, the
    session's service, which keeps it: the clock is read once per object, a session at most, not at every
    turn.  Before: per-turn, an error of 17,280 cached tokens per conversation.  Now per-session; the
    static text after it (counted by tiktoken on the f-string's literal parts) is below the 1,024-token
    minimum, so no two conversations could share it anyway: an info at 0."""
    import ast

    from token_helpers import tokens

    root = CODE / "pipecat-session"
    prompts, index, found = _project_lint(root)
    (prompt,) = [p for p in prompts if p.container == "run_bot.system_prompt"]
    (pc101,) = [f for f in found if f.code == "PC101" and f.prompt.endswith(":run_bot.system_prompt")]
    assert (pc101.volatility, pc101.volatility_source) == ("per-session", "expression")
    assert (pc101.severity, pc101.position, pc101.cost_tokens_per_conversation) == ("info", "head", 0)
    tree = ast.parse((root / "realtime-ultravox.py").read_text())
    fstring = next(n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) and len(n.values) > 2)
    after = "".join(v.value for v in fstring.values[2:] if isinstance(v, ast.Constant))
    assert tokens(after) < 1024


def test_a_clock_rendered_for_each_object_made_in_a_loop_stays_per_turn(tmp_path):
    """The same f-string rendered inside a loop of its function (a new object at each pass) is rendered
    again at every pass: the rule does not apply and the clock keeps its class."""
    from pcache.analyzers.oneshot import rendered_per_object

    text = (CODE / "pipecat-session" / "realtime-ultravox.py").read_text()
    head, rest = text.split("    system_prompt = f", 1)
    # the body indented under a loop (the f-string's own lines too: its text changes, not its structure)
    looped = head + "    for _ in range(3):\n" + "".join("    " + ln for ln in ("    system_prompt = f" + rest)
                                                      .splitlines(True))
    path = tmp_path / "realtime-ultravox.py"
    path.write_text(looped)
    import ast

    ast.parse(looped)
    from pcache.analyzers.sources.load import load_paths

    (prompt,) = [p for p in load_paths([str(path)]).prompts if p.container.endswith("system_prompt")]
    (first,) = prompt.variables[:1]
    assert rendered_per_object(first, prompt) is None
    (orig,) = [p for p in load_paths([str(CODE / "pipecat-session" / "realtime-ultravox.py")]).prompts
               if p.container.endswith("system_prompt")]
    assert rendered_per_object(orig.variables[0], orig) is not None


def test_a_call_named_for_a_section_about_the_history_adds_no_turn():
    """placement_py's history adder wants the history noun as what is added to: the name's last word
    (``add_user_message``, ``append_to_history``) or its first (agent-zero's ``hist_add_message``).  parlant's
    ``self._add_history_section(interaction_events=..., last_event_note=...)`` adds a *section* (about the
    history) to a prompt being built, not a turn to a conversation.  Before: *add* and *history* anywhere
    in the name made it an adder, and the note passed to it a turn."""
    import ast

    from pcache.analyzers.placement_py import _adds_to_history

    def calls(path: Path, name: str) -> list[ast.Call]:
        tree = ast.parse(path.read_text())
        return [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                and (getattr(n.func, "attr", None) or getattr(n.func, "id", None)) == name]

    parlant = calls(CODE / "parlant-builder" / "prompt_builder.py", "_add_history_section")
    assert len(parlant) == 2 and not any(_adds_to_history(c) for c in parlant)
    zero = calls(CODE / "agent-zero" / "agent.py", "hist_add_message")
    assert zero and all(_adds_to_history(c) for c in zero)
    # the words of the names, as written in the two files
    assert ast.parse("self.append_to_history(x)").body[0].value.func.attr == "append_to_history"
    assert _adds_to_history(ast.parse("self.append_to_history(x)").body[0].value)
    assert _adds_to_history(ast.parse("memory.add_user_message(x)").body[0].value)
