"""The code loaders (Python ``.py``, JS/TS, config YAML/JSON/TOML fields, prompt folders) on hostile inputs:
a result or one line naming the file, exit 2, never a traceback, a hang, a memory blow-up or a silent exit;
a bad file a directory walk finds never costs the good files beside it their prompts.

The inputs are generated here, small (under 2 MB in all) and deterministic (the garbage bytes come from
fixed seeds): nesting thousands deep (tree-sitter trees and ``ast`` walks must not recurse on it), long
``+`` chains and implicit concatenations, thousands of variables in one field, truncated, binary,
Latin-1, UTF-16 and BOM files, a FIFO and a link to ``/dev/zero`` named like code, symlink loops in a
prompt folder, and ``FILE.py:Name`` forms that name nothing.  Every run is capped (tests/cli_runs.py).
"""

from __future__ import annotations

import json
import os
import random
import socket
from pathlib import Path

import pytest

from cli_runs import Run, check_all, run_all, sane

GOOD = {
    "good.py": 'SYSTEM_PROMPT = """You are a careful assistant who answers in short, exact sentences. '
               'Today is {today}."""\n',
    "good.ts": "export const SYSTEM_PROMPT = `You are a careful assistant who answers in short, exact sentences. "
               "Today is ${today}.`;\n",
    "good.yaml": 'agent:\n  system_template: "You are a careful assistant who answers in short, exact sentences. '
                 'Today is {{today}}."\n',
}
DEEP = 3000


def _garbage(seed: int, n: int = 3000) -> bytes:
    return bytes(random.Random(seed).randrange(256) for _ in range(n))


def hostile(seed: int) -> dict[str, str | bytes]:
    """file name -> content of every hostile code/config file."""
    py = GOOD["good.py"]
    js = GOOD["good.ts"]
    return {
        # Python
        "deep_parens.py": "SYSTEM_PROMPT = " + "(" * DEEP + '"x"' + ")" * DEEP + "\n",
        "deep_list.py": "MESSAGES = " + "[" * 900 + '{"role": "system", "content": "You are {x}"}' + "]" * 900 + "\n",
        "deep_call.py": "SYSTEM_PROMPT = " + "str(" * 900 + '"You are {x}"' + ")" * 900 + "\n",
        "long_plus.py": "SYSTEM_PROMPT = " + " + ".join(['"You are a helper. "'] * 5000) + "\n",
        "long_plus_var.py": "def f(x):\n    prompt = " + " + ".join(['"You are a helper " + x'] * 2000)
                            + "\n    return client.chat(messages=[{'role': 'system', 'content': prompt}])\n",
        "implicit_concat.py": "SYSTEM_PROMPT = (\n" + "".join(f'    "You are helper {i}. "\n' for i in range(5000)) + ")\n",
        "deep_fstring.py": "SYSTEM_PROMPT = " + 'f"a{' * 150 + "x" + '}"' * 150 + "\n",
        "deep_lambda.py": "P = " + "lambda: " * 500 + '"You are a helper {x}"\n',
        "many_fields.py": 'SYSTEM_PROMPT = "' + "{x} " * 20000 + '"\n',
        "latin1.py": "SYSTEM_PROMPT = 'caf\xe9 {x}'\n".encode("latin-1"),
        "utf16.py": py.encode("utf-16"),
        "bom.py": b"\xef\xbb\xbf" + py.encode(),
        "truncated.py": py[:40],
        "garbage.py": _garbage(seed),
        # JavaScript / TypeScript
        "deep_parens.js": "export const SYSTEM_PROMPT = " + "(" * DEEP + '"x"' + ")" * DEEP + ";\n",
        "deep_arrows.js": "export const P = " + "() => " * DEEP + "`You are ${x}`;\n",
        "deep_array.ts": "export const messages = " + "[" * DEEP + "{role: 'system', content: `You are ${x}`}"
                         + "]" * DEEP + ";\n",
        "deep_template.js": "export const SYSTEM_PROMPT = " + "`a${" * 2000 + "x" + "}`" * 2000 + ";\n",
        "deep_ternary.js": "export const SYSTEM_PROMPT = " + "x ? `a${y}` : " * DEEP + "`b`;\n",
        "deep_blocks.ts": "function f(x) {\n" + "{" * 1000 + "const prompt = `You are ${x}`; chat({system: prompt});"
                          + "}" * 1000 + "\n}\n",
        "long_plus_var.ts": "export function f(x: string) {\n  const prompt = " + " + ".join(['"You are " + x'] * 2000)
                            + ";\n  return openai.chat.completions.create({messages: [{role: 'system', "
                              "content: prompt}]});\n}\n",
        "latin1.js": "export const SYSTEM_PROMPT = `caf\xe9 ${x}`;\n".encode("latin-1"),
        "bom.ts": b"\xef\xbb\xbf" + js.encode(),
        "truncated.ts": js[:50],
        "garbage.js": _garbage(seed + 1),
        # config fields
        "deep.yaml": "agent:\n  system_template: " + "[" * DEEP + '"You are {{x}}"' + "]" * DEEP + "\n",
        "alias_bomb.yaml": 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
            + 'system_prompt: "You are {{x}}"\n',
        "deep.json": '{"system_prompt": ' + "[" * 20000 + '"You are {{x}}"' + "]" * 20000 + "}",
        "deep.toml": "system_prompt = " + "[" * DEEP + '"You are {{x}}"' + "]" * DEEP + "\n",
        "deep_jinja.yaml": 'system_prompt: "' + "{% if x %}" * 2000 + "a" + "{% endif %}" * 2000 + '"\n',
        "many_fields.yaml": 'system_prompt: "' + "{{x}} " * 4000 + '"\n',
        "many_keys.json": "{" + ",".join(f'"k{i}_prompt": "You are helper {i} {{x}}"' for i in range(1000)) + "}",
        "latin1.yaml": "system_prompt: 'caf\xe9 {{x}}'\n".encode("latin-1"),
        "truncated.toml": 'system_prompt = """You are a',
        "garbage.yaml": _garbage(seed + 2),
    }


def _specials(d: Path) -> list[Path]:
    """Files that are no regular file where code and prompts are looked for."""
    os.mkfifo(d / "pipe.py")
    os.symlink("/dev/zero", d / "zero.ts")
    os.symlink("/dev/zero", d / "zero.yaml")
    return [d / "pipe.py", d / "zero.ts", d / "zero.yaml"]


def _prompt_folder(d: Path, seed: int) -> Path:
    """A ``prompts/`` folder with one good prompt and symlink loops, a FIFO, a device, a socket, binary."""
    folder = d / "prompts"
    (folder / "a").mkdir(parents=True)
    (folder / "system").write_text("You are a careful assistant. Today is {today}.\n")
    os.symlink(".", folder / "loop")
    os.symlink("..", folder / "a" / "up")
    os.symlink("me", folder / "me")
    os.symlink("nowhere", folder / "gone")
    os.mkfifo(folder / "pipe")
    os.symlink("/dev/zero", folder / "zero")
    (folder / "blob").write_bytes(_garbage(seed + 3))
    (folder / "latin").write_bytes("caf\xe9 {x}\n".encode("latin-1"))
    if len(str(folder / "sock")) < 100:  # AF_UNIX paths are short
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(folder / "sock"))
        s.close()
    return folder


@pytest.fixture(scope="module", params=[1])
def tree(request, tmp_path_factory):
    d = tmp_path_factory.mktemp(f"hostile{request.param}")
    files = {}
    for name, body in hostile(request.param).items():
        p = d / name
        p.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        files[name] = p
    for name, body in GOOD.items():
        (d / name).write_text(body)
    specials = _specials(d)
    _prompt_folder(d, request.param)
    assert sum(p.stat().st_size for p in files.values()) < 2 << 20  # small inputs: they prove the bound
    return d, files, specials


def _good_found(out: str) -> set[str]:
    return {name for name in (*GOOD, "system") if f"{name}:" in out or f"/{name}\"" in out}


def test_a_walk_keeps_every_good_prompt_and_names_each_file_it_could_not_read(tree):
    d, files, specials = tree
    # a walk reads every file above (about 10 s of CPU idle): the CPU cap catches a loop, the wall clock a
    # blocked read, generous for a loaded machine
    results = run_all([("scan", d, "--format", "json"), ("lint", d, "--format", "json")], timeout=300)

    def check(r: Run) -> None:
        assert _good_found(r.out) == {*GOOD, "system"}, (r.args[0], _good_found(r.out))
        assert r.code == 2, r.code  # the results are out; the exit code says some files were bad
        for p in [*specials, d / "prompts" / "pipe", d / "prompts" / "zero"]:
            assert any(str(p) in ln and "not a regular file" in ln for ln in r.err.splitlines()), \
                f"{r.args[0]}: no line for {p}"
        for line in r.err.splitlines():
            assert line.startswith(("pcache: ", "  ")), line

    check_all(results, check)


def test_each_hostile_file_named_alone_gives_a_result_or_one_line_naming_it(tree):
    _d, files, specials = tree
    runs = [("lint", p) for p in [*files.values(), *specials]]
    runs += [("show", files[n]) for n in ("deep_parens.py", "long_plus_var.py", "many_fields.py", "deep_template.js",
                                          "deep_blocks.ts", "many_fields.yaml", "deep.toml", "latin1.js")]
    runs += [("show", specials[0]), ("diff", files["deep_arrows.js"], files["bom.ts"]),
             ("diff", files["implicit_concat.py"], files["long_plus.py"]),
             ("diff", files["many_keys.json"], files["deep_jinja.yaml"])]

    def check(r: Run) -> None:
        if r.code == 2:
            named = [Path(a).name for a in r.args[1:]]
            first = r.err.strip().splitlines()[0]
            assert any(n in first for n in named), f"{r.args}: the error does not name the file: {first}"

    check_all(run_all(runs), check)


def test_a_prompt_name_that_names_nothing_is_one_line(tree):
    d, _files, _specials = tree
    good = d / "good.py"
    cases = [("show", f"{d}/missing.py:SYSTEM_PROMPT", "no such file"),
             ("show", f"{good}:Missing", "no prompt 'Missing'"),
             ("diff", f"{good}:SYSTEM_PROMPT", f"{good}:Missing", "no prompt 'Missing'"),
             ("show", f"{d / 'pipe.py'}:X", "not a regular file"),
             ("scan", f"{good}:SYSTEM_PROMPT", "pcache show"),
             ("lint", f"{d / 'good.yaml'}:agent.system_template", "pcache show")]
    results = run_all([c[:-1] for c in cases])
    for (*_args, word), r in zip(cases, results):
        sane(r, codes=(2,))
        assert len(r.err.strip().splitlines()) <= 2 and word in r.err, (r.args, r.err)


def test_a_symlink_loop_or_a_link_to_nothing_named_to_any_command_is_one_line(tmp_path):
    """A path named on the command line that is a symlink to itself (``Path.resolve`` raised RuntimeError
    on Python 3.11 when the config was looked up above it: an internal error for every command, and the good
    file beside it lost its result) or to nothing: one line naming it and saying which, exit 2, and the
    other files keep their results (found by benchmarks/hostile_sweep.py)."""
    good = tmp_path / "good.py"
    good.write_text(GOOD["good.py"])
    log = tmp_path / "good.jsonl"
    log.write_text("".join(
        '{"request": {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}, "response": '
        '{"model": "gpt-4o", "usage": {"prompt_tokens": 1100, "completion_tokens": 5}}, "timestamp": %d}\n'
        % (1760000000 + i) for i in range(3)))
    for name in ("loop.py", "loop.jsonl", "loop.json"):
        os.symlink(name, tmp_path / name)
    os.symlink("nowhere.md", tmp_path / "gone.md")
    loop, gone = tmp_path / "loop.py", tmp_path / "gone.md"
    cases = [(("scan", loop, gone, good, "--format", "json"), [loop, gone]),
             (("lint", loop, gone, good, "--format", "json"), [loop, gone]),
             (("show", loop), [loop]), (("show", gone), [gone]), (("diff", loop, good), [loop]),
             (("audit", tmp_path / "loop.jsonl", log, "--format", "json"), [tmp_path / "loop.jsonl"]),
             (("audit", tmp_path / "loop.jsonl"), [tmp_path / "loop.jsonl"]),
             (("probe", tmp_path / "loop.json", "--dry-run"), [tmp_path / "loop.json"])]
    results = run_all([c[0] for c in cases])
    for (args, named), r in zip(cases, results):
        sane(r, codes=(2,))
        for p in named:
            why = "a symlink loop" if p.name.startswith("loop") else "a symlink to a missing file (nowhere.md)"
            lines = [ln for ln in r.err.splitlines() if str(p) in ln]
            assert len(lines) == 1 and why in lines[0], (args[0], p.name, r.err[-800:])
        if args[0] in ("scan", "lint"):
            assert _good_found(r.out) == {"good.py"}, (args[0], r.out[-400:])
        if args[0] == "audit" and log in args:
            assert json.loads(r.out)["summary"]["requests"] == 3, r.out[-400:]


def test_a_name_rebound_from_itself_over_several_lines_is_followed_once(run_cli):
    """Agent-S's ``OSWorldACI.__init__`` (tests/fixtures/SOURCES.md) rebinds a parameter from itself inside
    parentheses (``code_agent_engine_params = (\\n code_agent_engine_params or ...\\n)``): the read on the
    second line is the old value, so following where the new one goes must not loop back onto it (it
    recursed until Python's limit and ended the whole lint of the folder with an internal error)."""
    src = Path(__file__).parent / "fixtures" / "agents" / "eval" / "agent-s" / "gui_agents" / "s3" / "agents"
    assert "code_agent_engine_params = (\n            code_agent_engine_params or" in (src / "grounding.py").read_text()
    # the eval tree as one root: its project index is what carries the flow onto that binding
    code, out, err = run_cli("lint", src.parents[3], "--format", "json")
    assert code in (0, 1), err
    assert "internal error" not in err and "RecursionError" not in err
    assert json.loads(out)["summary"]["files"] >= 1


def test_a_loop_that_feeds_a_name_back_to_itself_ends(tmp_path, run_cli):
    (tmp_path / "agent.py").write_text(
        "def run(client, history, notes):\n"
        "    while True:\n"
        "        text = (\n"
        "            text + notes\n"
        "        )\n"
        "        notes = (\n"
        "            text\n"
        "        )\n"
        "        client.chat.completions.create(model='gpt-4o', messages=[\n"
        "            {'role': 'system', 'content': f'You are a careful assistant. Notes so far: {notes}'}])\n")
    code, out, err = run_cli("lint", tmp_path / "agent.py", "--format", "json")
    assert code in (0, 1), err
    assert "internal error" not in err
