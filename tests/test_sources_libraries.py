"""Prompt libraries and the classes of misses of the third blind run (benchmarks/PROMPT_DISCOVERY.md):
LobeChat agent files and their translations, Copilot customization files, common-tags literals,
Hugging Face chat-ui messages, and the static-prefix boundary before a variable.

Fixtures are real files (tests/fixtures/SOURCES.md).  Goldens: the text in front of the first variable
as the code evaluates it, typed out here by hand, counted with tiktoken directly."""

from __future__ import annotations

import json
import shutil

import pytest
import tiktoken

from conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "code"
CHATBOT_PROMPTS = ROOT / "tests" / "fixtures" / "agents" / "eval" / "ai-chatbot" / "lib" / "ai" / "prompts.ts"  # one copy, shared with #12's eval
ENC = tiktoken.get_encoding("o200k_base")


def by_container(data) -> dict:
    return {p["container"]: p for p in data["prompts"]}


def rel_containers(data, root) -> set[tuple[str, str]]:
    return {(str(__import__("pathlib").Path(p["file"]).resolve().relative_to(root.resolve())), p["container"])
            for p in data["prompts"]}


def near(got: int, prefix: str) -> bool:
    return abs(got - len(ENC.encode(prefix))) <= 2


# ------------------------------------------------------------------ LobeChat agent files


def test_lobe_agent_system_role_and_its_translation_are_prompts(run_json, tmp_path):
    root = tmp_path / "lobe"
    shutil.copytree(FIX / "lobe-chat-agents", root)
    (root / "package.json").write_text('{"name": "lobe-chat-agents"}\n')  # the repository is a code package
    got = rel_containers(run_json("scan", root), root)
    assert ("src/accounting.json", "config.systemRole") in got
    assert ("locales/accounting/index.zh-CN.json", "config.systemRole") in got


def test_lobe_agent_market_examples_are_not_prompts(run_json):
    """Top-level ``examples`` (a dialogue the market page shows) beside a prompt kept in ``config``."""
    got = by_container(run_json("scan", FIX / "lobe-chat-agents" / "src" / "accounting.json"))
    assert set(got) == {"config.systemRole"}
    assert got["config.systemRole"]["role"] == "system"


def test_few_shot_examples_beside_their_prompt_still_count(run_json, tmp_path):
    f = tmp_path / "agent.json"
    f.write_text(json.dumps({"system_prompt": "You translate English into French, word for word.",
                             "examples": [{"role": "user", "content": "Good morning to you"},
                                          {"role": "assistant", "content": "Bonjour à vous"}]}))
    got = by_container(run_json("scan", f))
    assert {"system_prompt", "examples[0].content", "examples[1].content"} <= set(got)


def test_ui_translation_bundle_stays_quiet(run_cli, tmp_path):
    """A translation bundle's labels are no prompts, even under prompt-named keys."""
    root = tmp_path / "app"
    (root / "src" / "i18n" / "locales" / "fr").mkdir(parents=True)
    (root / "package.json").write_text('{"name": "app"}\n')
    (root / "src" / "i18n" / "locales" / "fr" / "translation.json").write_text(json.dumps({
        "System Prompt": "Prompt système", "systemPrompt": "Invite système",
        "Enter a system prompt": "Saisissez une invite système",
        "promptTemplate": "Bonjour {{name}}, bienvenue !"}, ensure_ascii=False))
    code, out, err = run_cli("lint", root)
    assert code == 0, out + err
    assert "translation.json" not in out + err


# ------------------------------------------------------------------ Copilot customization files


def test_copilot_agent_and_instructions_files_are_prompts(run_json, tmp_path):
    root = tmp_path / "awesome-copilot"
    shutil.copytree(FIX / "awesome-copilot", root)
    (root / "docs").mkdir()
    (root / "docs" / "README.agents.md").write_text("# Custom agents\n\nA list of the agents in this repository.\n")
    files = {str(__import__("pathlib").Path(p["file"]).resolve().relative_to(root.resolve()))
             for p in run_json("scan", root)["prompts"]}
    assert files == {"agents/CSharpExpert.agent.md", "instructions/a11y.instructions.md"}


# ------------------------------------------------------------------ common-tags literals


def test_common_tags_one_line_joins_and_nested_tags(run_json):
    got = by_container(run_json("scan", FIX / "openai-translator" / "translate.ts"))
    big_bang = got["translate.rolePrompt"]["first_variable"]
    assert big_bang["name"] == "query.articlePrompt"
    assert near(big_bang["token"], "You are a professional writer and you will write ")
    cjk = got["translate.rolePrompt@L71"]["first_variable"]  # oneLineTrim inside codeBlock
    assert cjk["name"] == "targetLangName"
    assert near(cjk["token"], "你是一个翻译引擎，请将给到的文本翻译成")
    word = got["translate.rolePrompt@L113"]["first_variable"]
    assert word["name"] == "targetLangName"
    assert near(word["token"], "You are a professional translation engine. Please translate the text into ")
    summarize = got["translate.commandPrompt@L182"]["first_variable"]
    assert near(summarize["token"], "Please summarize this text in the most concise language and must use ")


# ------------------------------------------------------------------ chat-ui messages


def test_chat_ui_from_messages_and_preprompt(run_json):
    got = run_json("scan", FIX / "chat-ui" / "title.ts")["prompts"]
    roles = {p["role"] for p in got}
    assert roles == {"user", "system"}, got
    user = next(p for p in got if p["role"] == "user")
    assert user["first_variable"]["name"] == "prompt"
    assert near(user["first_variable"]["token"], 'User message: "')
    system = next(p for p in got if p["role"] == "system")
    assert system["first_variable"] is None and system["tokens"] > 150


# ------------------------------------------------------------------ the static-prefix boundary


@pytest.mark.parametrize("static", [
    "你是一个翻译引擎，请翻译给出的文本，只需要翻译不需要解释。当且仅当文本只有一个单词时，请给出单词原始形态（如果有）、单词的语种、",
    "你是一个翻译引擎，请将给到的文本翻译成",  # one piece of 17 tokens: dropping it left 8
    "Rules for the answer:\n" + "=" * 40 + "\n" + "=" * 60,
    "Some text before a long rule " + "-" * 57,
    "The user's name is ",
])
def test_static_prefix_is_the_tokens_no_value_changes(static):
    """The first variable sits where renderings with different values first differ, measured here
    by tiktoken on two renderings, and pcache's count is within one token of a plain count."""
    from pcache.analyzers.model import Prompt, Segment
    from pcache.analyzers.tokenizer import tokenize_prompts

    prompt = Prompt(name="p", path="p", segments=[Segment(static, "static"), Segment("{x}", "variable", name="x")])
    [tp] = tokenize_prompts([prompt], ENC)
    plain = len(ENC.encode(static))
    renders = [ENC.encode(static + v) for v in ("中文", "=", "-", "a", " b", "\nc", "0")]
    agree = min(next((i for i, (a, b) in enumerate(zip(r, renders[0])) if a != b), min(len(r), len(renders[0])))
                for r in renders[1:])
    assert tp.static_prefix_tokens <= agree
    assert plain - tp.static_prefix_tokens <= 2


def test_declared_agent_files_in_skill_folders_named_for_docs_or_tests(run_json, tmp_path):
    """A ``SKILL.md`` of an Agent Skill about docs or tests is a prompt; a plain ``tests/`` or
    ``docs/`` folder still holds test data and documentation."""
    root = tmp_path / "repo"
    for rel in ("skills/java-docs/SKILL.md", "skills/breakdown-test/SKILL.md", "tests/fixtures/AGENTS.md",
                "docs/SKILL.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("---\nname: x\n---\n\nYou write Javadoc comments for every public method.\n")
    (root / "package.json").write_text('{"name": "repo"}\n')
    files = {str(__import__("pathlib").Path(p["file"]).resolve().relative_to(root.resolve()))
             for p in run_json("scan", root)["prompts"]}
    assert files == {"skills/java-docs/SKILL.md", "skills/breakdown-test/SKILL.md"}


def test_role_written_as_const_still_makes_a_message(run_json, tmp_path):
    """chat-ui's retry nudge: ``{role: "user" as const, content: "[SYSTEM: ...]"}``."""
    f = tmp_path / "flow.ts"
    f.write_text('const messages = [\n  { role: "assistant" as const, content: visible },\n'
                 '  { role: "user" as const, content: "[SYSTEM: Your previous response hit the output limit. '
                 'Retry with a smaller tool call.]" },\n];\nawait client.chat.completions.create({ messages });\n')
    got = run_json("scan", f)["prompts"]
    assert [p["role"] for p in got] == ["user"]


# ------------------------------------------------------------------ form fields


def test_setter_of_a_form_field_state_is_not_a_prompt(run_cli):
    """llamacoder's ``setPrompt("Build this")`` fills the ``<textarea value={prompt}>`` for the person to
    send: the field's text, not a prompt the code sends."""
    code, out, err = run_cli("scan", FIX / "llamacoder" / "prompt-form.tsx", "--format", "json")
    assert code == 2 and "no prompts" in (out + err).lower(), out + err


def test_prompt_named_setter_without_a_field_still_counts(run_json, tmp_path):
    f = tmp_path / "agent.tsx"
    f.write_text('export function Agent() {\n  const [systemPrompt, setSystemPrompt] = useState("");\n'
                 '  useEffect(() => { setSystemPrompt(`You are terse. Today is ${today}.`); }, []);\n'
                 '  return <Chat system={systemPrompt} />;\n}\n')
    assert [p["container"] for p in run_json("scan", f)["prompts"]][0].endswith("setSystemPrompt")


# ------------------------------------------------------------------ role definitions


def test_taskweaver_role_intro_is_a_prompt(run_json):
    """A ``*.role.yaml``'s ``intro`` is what the Planner's prompt says of the role; the code
    interpreter's is formatted with ``{plugin_description}``."""
    import yaml

    roles = FIX / "taskweaver-roles"
    got = {p["file"].rsplit("/", 1)[-1]: p for p in run_json("scan", roles)["prompts"]}
    assert set(got) == {"web_search.role.yaml", "code_interpreter.role.yaml"}
    assert all(p["container"] == "intro" for p in got.values())
    ci = got["code_interpreter.role.yaml"]
    intro = yaml.safe_load((roles / "code_interpreter.role.yaml").read_text())["intro"]
    assert (ci["syntax"], ci["first_variable"]["name"]) == ("format", "plugin_description")
    assert near(ci["first_variable"]["token"], intro.split("{plugin_description}")[0])


# ------------------------------------------------------------------ [title, prompt] libraries


def test_titled_pairs_of_a_prompt_library(run_json):
    """NextChat's ``public/prompts.json``: ``{lang: [[title, prompt], ...]}``; each text is a prompt, no
    title is."""
    path = FIX / "nextchat" / "public" / "prompts.json"
    got = by_container(run_json("scan", path))
    data = json.loads(path.read_text())
    assert set(got) == {f"{lang}[{i}][1]" for lang, pairs in data.items() for i in range(len(pairs))}
    assert got["en[0][1]"]["tokens"] == len(ENC.encode(data["en"][0][1]))


def test_two_setting_strings_in_a_prompt_file_are_no_pair(run_cli, tmp_path):
    f = tmp_path / "prompts.json"
    f.write_text(json.dumps({"models": [["gpt-4o", "gpt-4o-mini"]], "paths": ["prompts/a.txt", "prompts/b.txt"]}))
    code, out, err = run_cli("scan", f, "--format", "json")
    assert code == 2 and "no prompts" in (out + err).lower(), out + err


def test_real_ui_translation_bundle_lints_clean(run_cli):
    """Open WebUI's French bundle (keys are the English UI strings: "System Prompt", "Prompt Content",
    "Hello, {{name}}"): labels and greetings, no translated prompt; the walk reads it and stays quiet."""
    code, out, err = run_cli("lint", FIX / "open-webui-i18n")
    assert code == 0, out + err
    assert "translation.json:" not in out + err
# ------------------------------------------------------------------ constants and calls of the same file


def test_constant_of_the_same_file_is_text_of_the_prompt(run_json):
    """``systemPrompt`` returns `${regularPrompt}\\n\\n${requestPrompt}`: ``regularPrompt`` is a module
    ``const`` bound to a literal, so its text is sent on every request; ``requestPrompt`` is bound to
    ``getRequestPromptFromHints(requestHints)``, a same-file function that returns one literal, so the
    first variable is that literal's first ``${...}``, ``requestHints.latitude``.
    Golden: tiktoken on the constant's value and the function's literal as written in the fixture."""
    data = run_json("scan", CHATBOT_PROMPTS)
    got = by_container(data)
    fv = got["systemPrompt"]["first_variable"]
    assert fv["name"] == "requestHints.latitude"
    src = (CHATBOT_PROMPTS).read_text()
    value = src.split("export const regularPrompt = `", 1)[1].split("`;", 1)[0]
    hints = src.split("getRequestPromptFromHints = (requestHints: RequestHints) => `\\\n", 1)[1].split("${", 1)[0]
    assert near(fv["token"], value + "\n\n" + hints)
    line = src[:src.index("${requestHints.latitude}")].count("\n") + 1
    assert fv["line"] == line  # where the function's literal writes it
    assert "regularPrompt" in got  # the constant is still a prompt of its own


def test_inlined_constant_text_is_located_at_its_definition():
    from pcache.analyzers.sources.load import load_paths

    prompts = load_paths([str(CHATBOT_PROMPTS)]).prompts
    first = next(p for p in prompts if p.container == "systemPrompt").segments[0]
    assert first.kind == "static" and first.text.startswith("You are a friendly assistant!")
    assert (first.line, first.column) == (40, 31)  # inside `export const regularPrompt = `...``


def test_reassignable_names_stay_variables(run_json, tmp_path):
    f = tmp_path / "p.ts"
    f.write_text('export function getSystemPrompt(expert: boolean) {\n  let intro = "You are terse.";\n'
                 '  if (expert) intro = "You are an expert.";\n'
                 '  return `${intro} Answer the question in one paragraph.`;\n}\n')
    fv = by_container(run_json("scan", f))["getSystemPrompt"]["first_variable"]
    assert (fv["name"], fv["token"]) == ("intro", 0)


def test_names_that_can_change_stay_variables(run_json, tmp_path):
    """A module ``let``, a const bound to a call, and a parameter that shadows a module constant are not
    fixed text.  A const whose literal holds a `${...}` that can change is that literal: its text up to
    the `${...}` is text of the prompt, and the first variable is the one inside it (``dear ${user}``:
    ``user`` after "dear ", as the code evaluates it)."""
    f = tmp_path / "p.ts"
    f.write_text('let MODE = "terse";\nconst NAME = "Ada";\nconst HOST = os.hostname();\n'
                 'export const aPrompt = `${MODE} You answer every question in exactly one short paragraph.`;\n'
                 'export const bPrompt = `${HOST} You answer every question in exactly one short paragraph.`;\n'
                 'export function cPrompt(NAME: string) {\n  const who = `${NAME}!`;\n'
                 '  return `${NAME} You answer every question in exactly one short paragraph.`;\n}\n'
                 'export function dPrompt(user: string) {\n  const who = `dear ${user}`;\n'
                 '  return `${who} You answer every question in exactly one short paragraph.`;\n}\n')
    got = by_container(run_json("scan", f))
    assert [(got[k]["first_variable"]["name"], got[k]["first_variable"]["token"]) for k in ("aPrompt", "bPrompt", "cPrompt")] == \
        [("MODE", 0), ("HOST", 0), ("NAME", 0)]
    fv = got["dPrompt"]["first_variable"]
    assert fv["name"] == "user" and abs(fv["token"] - len(ENC.encode("dear "))) <= 2


def test_constant_of_constants_joined_with_plus_is_text(run_json, tmp_path):
    """``HEAD + "..." + task`` where ``HEAD`` is a literal holding another const: all static up to ``task``."""
    f = tmp_path / "p.ts"
    f.write_text('const DESIGN_SECTION = "Use the design system.";\n'
                 'const HEAD = `You are a UI engineer. ${DESIGN_SECTION}`;\n'
                 'export function buildSystemPrompt(task: string) {\n'
                 '  return HEAD + "\\n\\nBuild the page the user asks for: " + task;\n}\n')
    fv = by_container(run_json("scan", f))["buildSystemPrompt"]["first_variable"]
    assert fv["name"] == "task"
    assert near(fv["token"], "You are a UI engineer. Use the design system.\n\nBuild the page the user asks for: ")
