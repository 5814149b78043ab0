"""``lint --suggest`` on prompts kept inside code and config files: the static-first order is shown as a
diff of the prompt's text (never of the file: moving file lines would break the code around the
string), naming the file and line to edit.  Numbers reconcile with tiktoken on the reordered text."""

from __future__ import annotations

import json
from pathlib import Path

import tiktoken

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_prompts" / "support_agent.py"
O200K = tiktoken.get_encoding("o200k_base")


def _cacheable(n: int) -> int:  # OpenAI: nothing under 1,024 tokens, then 128-token steps
    return 0 if n < 1024 else 1024 + (n - 1024) // 128 * 128


def test_suggestion_for_a_python_prompt_is_a_text_diff_naming_the_line(run_cli):
    before = SAMPLE.read_text()
    code, out, _ = run_cli("lint", SAMPLE, "--suggest", "--format", "json", "--model", "gpt-4o")
    assert code == 1
    (s,) = json.loads(out)["suggestions"]
    assert s["kind"] == "code" and s["prompt"].endswith("support_agent.py:build_messages_with_clock.system")
    clock = "Current time: {datetime.now():%Y-%m-%d %H:%M:%S}"
    diff = s["diff"].splitlines()
    assert diff[0].endswith("build_messages_with_clock.system (text)")
    assert f"-{clock}" in diff and f"+{clock}" in diff
    assert diff.index(f"-{clock}") < diff.index(f"+{clock}")  # from the head to the end
    line = next(n for n, ln in enumerate(before.splitlines(), start=1) if "Current time: {datetime.now()" in ln)
    assert f"support_agent.py:{line} (file line {line} holds the per-request part)" in s["notes"][0]
    assert "rewrites no source file" in s["notes"][0]
    # after: the policy text, then the clock; cached = the static text before the clock, in 128-token steps
    after = "".join(ln[1:] if ln[:1] in " +" else "" for ln in diff[3:] if not ln.startswith("@@"))
    policy = ROOT.joinpath("sample_prompts", "support_agent.py")  # the value of POLICY, as ast reads it
    import ast

    tree = ast.parse(policy.read_text())
    value = next(n.value.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "POLICY")
    assert s["cached_tokens_before"] == 0
    assert s["cached_tokens_after"] == _cacheable(len(O200K.encode_ordinary(value)))
    assert after.endswith(clock + "\n\n") or clock in after
    assert SAMPLE.read_text() == before  # shown, never applied


def test_suggestion_for_a_yaml_field_leaves_the_file_alone(run_cli):
    path = ROOT / "sample_prompts" / "release_agents.yaml"
    before = path.read_text()
    code, out, err = run_cli("lint", path, "--suggest", "--no-color")
    assert code == 1 and "Suggested static-first layout" in out
    assert "(text)" in out and "rewrites no source file" in out.replace("\n  ", " ")
    assert path.read_text() == before
