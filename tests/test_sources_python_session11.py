"""Prompts in Python the blind rounds recorded as missed and left (#11, session 11; in-sample now): a module whose
name only looks like a pytest file, text sent through a chat wrapper whose class nothing in the file names, the
texts a prompt takes from a mapping by a lookup.

Goldens come from the fixture read with ``ast`` (and tiktoken o200k for positions), never from pcache.
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.load import load_paths
from pcache.analyzers.tokenizer import tokenize_prompts

FIX = Path(__file__).parent / "fixtures" / "python"
O200K = tiktoken.get_encoding("o200k_base")


def returned_literals(path: Path, function: str) -> list[str]:
    """The string literals a module-level function of ``path`` returns (read with ``ast``)."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return [r.value.value for r in ast.walk(node) if isinstance(r, ast.Return)
                    and isinstance(r.value, ast.Constant) and isinstance(r.value.value, str)]
    raise KeyError(function)


def test_a_module_named_like_a_pytest_file_is_read_when_it_holds_no_test(tmp_path):
    """stride-gpt ``core/test_cases.py`` asks a model for security test cases: its name starts like pytest's
    ``test_*.py``, but it declares no test, imports no test framework and runs nothing at import, so a walk reads it
    (``_get_system_prompt``'s fallback system prompt).  prometheus-eval's ``test_relative.py`` is a test run by hand
    (top-level calls): still skipped by a walk, though named alone it is read."""
    root = tmp_path / "repo"  # (the fixtures are kept under other names: pytest would collect them here)
    module = root / "stride_gpt" / "core" / "test_cases.py"
    script = root / "prometheus-eval" / "test_relative.py"
    for path, kept in ((module, "stride_core_test_cases.py"), (script, "prometheus_eval_test_relative.py")):
        path.parent.mkdir(parents=True)
        shutil.copy(FIX / "test_named_modules" / kept, path)
    walked = load_paths([str(root)]).prompts
    by_file = {}
    for p in walked:
        by_file.setdefault(Path(p.path).name, []).append(p)
    assert "test_relative.py" not in by_file
    got = {p.container: p for p in by_file["test_cases.py"]}
    (fallback,) = returned_literals(module, "_get_system_prompt")
    p = got["_get_system_prompt"]
    assert p.role == "system" and p.variables == []
    assert "".join(s.text for s in p.segments) == fallback
    assert load_paths([str(script)]).prompts  # named on the command line, the script's data is read


def class_dict(path: Path, cls: str, name: str) -> dict[str, tuple[str, int]]:
    """{key: (text, line)} of a class attribute bound to a dict literal of strings (read with ``ast``)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for st in node.body:
                if isinstance(st, ast.Assign) and st.targets[0].id == name:
                    return {k.value: (v.value, v.lineno) for k, v in zip(st.value.keys, st.value.values)}
    raise KeyError(name)


def test_text_sent_through_a_chat_wrapper_of_unknown_class():
    """PentestGPT ``pentestGPT.input_parsing_handler``: ``self.parsingAgent.send_message(prefix + word_limit +
    wrapped_input, ...)``, the agent set in ``__init__`` to ``ChatGPT(...)`` or to what ``dynamic_import(...)`` returns:
    nothing in the file says which class runs, and ``LLMAPI.send_message(self, message, conversation_id, ...)`` of
    ``llm_api.py`` (another file of the scan) puts ``message`` into a user message, so the argument is a user prompt
    named by the parameter.  The four texts of ``postfix_options`` that ``prefix += self.postfix_options[source]`` adds
    are each a prompt, named by the mapping and key."""
    root = FIX / "pentestgpt_dynamic" / "pentestgpt" / "utils"
    got = {p.container: p for p in load_paths([str(root)]).prompts if p.path.endswith("pentest_gpt.py")}
    source = (root / "pentest_gpt.py").read_text()
    sent = got["pentestGPT.input_parsing_handler.message"]
    assert sent.role == "user"
    call_line = next(i for i, line in enumerate(source.splitlines(), 1) if "self.parsingAgent.send_message(" in line)
    assert sent.line == call_line + 1  # the argument, on the line after the call
    # the text before the first variable: prefix's literal (ast), then its conditional addition
    fn = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef)
              and n.name == "input_parsing_handler")
    prefix = next(st.value.value for st in fn.body if isinstance(st, ast.Assign) and st.targets[0].id == "prefix")
    assert sent.variables[0].text == "self.postfix_options[source]"
    (tp,) = tokenize_prompts([sent], O200K)
    assert abs(tp.first_variable.token - len(O200K.encode(prefix))) <= 2
    options = class_dict(root / "pentest_gpt.py", "pentestGPT", "postfix_options")
    for key, (text, line) in options.items():
        p = got[f"pentestGPT.postfix_options.{key}"]
        assert "".join(s.text for s in p.segments) == text and p.line == line and p.role == "user"
