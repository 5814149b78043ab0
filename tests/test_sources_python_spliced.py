"""Prompts in Python that reach a model through what a function returns or through the other branch of an ``if``
(#11; misses the #12 labellers noted on the eval fixtures of Kiln, mini-agi and kimi-cli, in-sample now).

Goldens: the text before the first variable is read from the file with ``ast`` and counted with tiktoken
(o200k), never taken from pcache.
"""
from __future__ import annotations

import ast
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.tokenizer import tokenize_prompts
from test_sources_python import fstring_head as head_of

EVAL = Path(__file__).parent / "fixtures" / "agents" / "eval"
KILN = EVAL / "kiln" / "libs" / "core" / "kiln_ai" / "adapters"
O200K = tiktoken.get_encoding("o200k_base")


def scanned(path: Path) -> dict:
    return {p.container: p for p in load_paths([str(path)]).prompts if p.path.endswith(".py")}


def value_at(path: Path, line: int) -> ast.expr:
    """The f-string assigned or returned on ``line`` (an assignment's value may start on the next line)."""
    for n in ast.walk(ast.parse(path.read_text())):
        if isinstance(n, (ast.Assign, ast.Return)) and n.lineno == line:
            return n.value
    raise KeyError(line)


def first_token(p) -> int:
    (tp,) = tokenize_prompts([p], O200K)
    return tp.first_variable.token


def test_both_branches_of_an_if_that_give_a_message_its_text():
    """Kiln ``TwoMessageCotFormatter.next_turn``: ``user_message = f"{formatted_user_message}\\n\\n{...}"`` in one
    branch, ``f"The input is:\\n<user_input>\\n..."`` in the other, then ``BasicChatMessage("user", user_message)``:
    exactly one runs, so each is the user message, the first named by the local and the second ``@line``."""
    path = KILN / "chat" / "chat_formatter.py"
    got = scanned(path)
    first = got["TwoMessageCotFormatter.next_turn.user_message"]
    second = got["TwoMessageCotFormatter.next_turn.user_message@223"]
    assert first.line == 220 and first.role == "user"
    assert [v.text for v in first.variables] == ["{formatted_user_message}", "{self.thinking_instructions}"]
    assert first_token(first) == 0
    assert second.variables[0].text == "{formatted_user_message}"
    assert abs(first_token(second) - len(O200K.encode(head_of(value_at(path, 223))))) <= 2


def test_a_prompt_named_local_given_text_before_itself():
    """kimi-cli ``prepare_soul``: ``prompt = spec.prompt`` then ``prompt = f"{git_ctx}\\n\\n{prompt}"``: the prompt
    with the repository's state put before it (all variable, so the cache sees variable content from token 0)."""
    got = scanned(EVAL / "kimi-cli" / "src" / "kimi_cli" / "subagents")
    p = got["prepare_soul.prompt"]
    assert [v.text for v in p.variables] == ["{git_ctx}", "{prompt}"]
    assert first_token(p) == 0


def test_what_a_method_returns_into_a_prompt_template_field():
    """mini-agi ``context = self.__get_context()`` then ``prompt=PROMPT.format(context=context, ...)``: the text the
    (name-mangled, private) method returns fills the prompt's ``{context}``, so it is a part of the prompt, named by
    the method."""
    path = EVAL / "mini-agi" / "miniagi.py"
    got = scanned(path)
    p = got["MiniAGI.__get_context"]
    assert p.variables[0].text == "{self.summarized_history}"
    assert "PREV ACTIONS:" in p.text
    ret = value_at(path, 274)
    assert abs(first_token(p) - len(O200K.encode(head_of(ret)))) <= 2


def test_what_a_method_returns_into_a_model_adapters_invoke():
    """Kiln ``GEval.run_eval``: ``run_description = self.generate_final_answer_run_description(...)`` (one of three
    branches) then ``adapter.invoke_returning_run_output(run_description)`` on ``adapter = adapter_for_task(...)``:
    a model adapter's ``invoke`` runs the model on that input, so each method's returned f-string is a user prompt."""
    path = KILN / "eval" / "g_eval.py"
    got = scanned(path)
    for name, line in (("GEval.generate_final_answer_run_description", 129),
                       ("GEval.generate_ref_ans_run_description", 143)):
        p = got[name]
        assert p.role == "user" and p.variables[0].text == "{eval_input}"
        assert abs(first_token(p) - len(O200K.encode(head_of(value_at(path, line))))) <= 2
    assert "GEval.generate_full_trace_run_description" in got


def test_unnamed_compositions_and_other_invokes_stay_out(tmp_path):
    """The narrow edges: a composition of variables alone under a name that says nothing, a tool's ``invoke``, and
    a ``.format`` argument from a function that no prompt uses are not prompts."""
    src = tmp_path / "m.py"
    src.write_text(
        "def run(tool, a, b):\n"
        "    out = f\"{a}\\n\\n{b}\"\n"
        "    return tool.invoke(out)\n"
        "\n"
        "def header():\n"
        "    return f\"Report for the period {a} to {b}\"\n"
        "\n"
        "def page(a):\n"
        "    h = header()\n"
        "    return '<h1>{h}</h1>'.format(h=h)\n")
    assert scanned(src) == {}


def test_gemini_content_parts_are_messages(tmp_path):
    """PentestGPT ``GeminiAPI.send_message`` seeds each request with ``{"parts": {"text": "What is your persona?"},
    "role": "user"}`` and ``{"parts": {"text": "I am a helpful assistant."}, "role": "model"}``: Gemini's ``Content``
    (a role and its text parts; ``model`` is the assistant) is a chat message (blind round 22 miss, in-sample now).
    The history entries it extends with (``message.ask``) are the conversation's, not text of the file."""
    path = Path(__file__).parent / "fixtures" / "python" / "pentestgpt_gemini_api.py"
    got = scanned(path)
    assert sorted(got) == ["GeminiAPI.send_message.chat_message.assistant", "GeminiAPI.send_message.chat_message.user"]
    assert (got["GeminiAPI.send_message.chat_message.user"].text, got["GeminiAPI.send_message.chat_message.user"].role) \
        == ("What is your persona?", "user")
    assert got["GeminiAPI.send_message.chat_message.assistant"].role == "assistant"
    # a record with other fields beside role and parts is not a Content
    record = tmp_path / "record.py"
    record.write_text('def f(x):\n    return [{"role": "user", "parts": [{"text": "Summarize the text below in two lines"}], "id": 3}]\n')
    assert scanned(record) == {}
