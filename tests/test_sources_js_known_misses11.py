"""JS/TS prompts the loader missed, and text it took for prompts, in projects already read (in-sample:
benchmarks/PROMPT_DISCOVERY.md, "Known misses fixed in-sample (helper src-js11...)"): the twelfth set's
aicommits (a member of a lookup table a joined prompt indexes; comment lines written to the commit-message
file), and three prompts issue #12's measure-16 labellers named by hand because the loader did not report
them (page-agent's replacement template of `SYSTEM_PROMPT.replace(/.../, ...)`, companion-app's template
handed to a LangChain model's `call`).  The files are the projects' own (tests/fixtures/SOURCES.md).
Goldens: the text before the first variable sliced from the file here (plain string operations) and
counted with tiktoken directly."""

from __future__ import annotations

import tiktoken

from conftest import ROOT

EVAL = ROOT / "tests" / "fixtures" / "agents" / "eval"
FIX = ROOT / "tests" / "fixtures" / "code"
ENC = tiktoken.get_encoding("o200k_base")


def tokens(text: str) -> int:
    return len(ENC.encode(text))


def by_name(data) -> dict:
    return {p["container"]: p for p in data["prompts"]}


def head_of(src: str, start: str) -> str:
    """The text of the template literal whose source starts with ``start``, up to its first ``${``,
    with ``\\n`` cooked."""
    body = src[src.index(start):]
    return body.split("${", 1)[0].replace("\\n", "\n")


def test_a_table_member_a_joined_prompt_indexes_is_a_section_of_it(run_json):
    # aicommits prompt.ts: [..., commitTypes[type], specifyCommitFormat(type)].filter(Boolean).join('\n'),
    # with const commitTypes = {'': '', conventional: `Choose a type from ...:\n${JSON.stringify(...)}`}
    src = (FIX / "aicommits" / "prompt.ts").read_text()
    got = by_name(run_json("scan", FIX / "aicommits" / "prompt.ts"))
    member = got["commitTypes.conventional"]
    assert member["first_variable"]["name"].startswith("JSON.stringify(")
    assert abs(member["first_variable"]["token"] - tokens(head_of(src, "Choose a type"))) <= 2
    # the format placeholders of the other table (`'<commit message>'`) are no prose: no prompts
    assert not any(c.startswith("commitTypeFormats") for c in got)


def test_text_written_to_a_file_is_no_prompt(run_cli, run_json, tmp_path):
    # aicommits prepare-commit-msg-hook.ts: let instructions = ''; instructions = `# 🤖 AI generated
    # commit...`; instructions += '# Edit the message below and commit:\n'; ...
    # fs.appendFile(messageFilePath, instructions): comment lines for the person committing
    code, _, err = run_cli("scan", FIX / "aicommits" / "prepare-commit-msg-hook.ts", "--format", "json")
    assert code == 2 and "no prompts" in err
    # the same text also handed to a model stays a prompt; so does one written to a file agents read
    sent = tmp_path / "sent.ts"
    sent.write_text("import fs from 'fs/promises';\nexport async function f(model, path) {\n"
                    "  const instructions = `Summarize the staged diff in one line: ${path}`;\n"
                    "  await fs.writeFile(path, instructions);\n  return model.complete(instructions);\n}\n")
    assert "f.instructions" in by_name(run_json("scan", sent))
    rules = tmp_path / "rules.ts"
    rules.write_text("import fs from 'fs';\nexport function init(root) {\n"
                     "  const instructions = `Always run the tests before committing in ${root}.`;\n"
                     "  fs.writeFileSync('CLAUDE.md', instructions);\n}\n")
    assert "init.instructions" in by_name(run_json("scan", rules))


def test_the_replacement_text_of_a_prompt_rewritten_by_a_pattern(run_json):
    # page-agent MultiPageAgent.ts: const systemPrompt = SYSTEM_PROMPT.replace(/Default working language:
    # \*\*.*?\*\*/, `Default working language: **${targetLanguage}**`)
    path = EVAL / "page-agent" / "packages" / "extension" / "src" / "agent" / "MultiPageAgent.ts"
    src = path.read_text()
    got = by_name(run_json("scan", path))["MultiPageAgent.constructor.systemPrompt"]
    assert got["first_variable"]["name"] == "targetLanguage"
    assert abs(got["first_variable"]["token"] - tokens(head_of(src, "Default working language: **$"))) <= 2


def test_the_text_given_to_a_langchain_model_call_is_a_user_turn(run_json):
    # companion-app: const model = new Replicate({...}) (langchain/llms/replicate); let resp =
    # String(await model.call(`\n       ONLY generate NO more than three sentences as ${name}. ...`))
    for route, first in (("llama2-13b", "name"), ("vicuna13b", "preamble")):
        path = EVAL / "companion-app" / "src" / "app" / "api" / route / "route.ts"
        src = path.read_text()
        got = by_name(run_json("scan", path))["POST.resp.call"]
        assert got["role"] == "user" and got["first_variable"]["name"] == first
        start = src.index(".call(") + len(".call(")
        head = src[src.index("`", start) + 1:].split("${", 1)[0]
        assert abs(got["first_variable"]["token"] - tokens(head)) <= 2
