"""AI.JSX prompts written as JSX children of `<SystemMessage>`, `<UserMessage>`, `<AssistantMessage>` (fixie-ai/ai-jsx,
issue #11's JS/TS loader gap; README "What counts as a prompt in JS/TS code").  The files are cuts of the project's
own examples (tests/fixtures/SOURCES.md).  Goldens: the children TypeScript 5's JSX transform emits for each
message element (`benchmarks/blind_js17/jsxtext.js`: `ts.transpileModule` with jsx=react; a string child is text,
any other child a value, written here as "\\x00"), counted with tiktoken directly."""

from __future__ import annotations

import json
import shutil

from test_sources_js_known_misses11 import FIX, tokens

AIJSX = FIX / "ai-jsx"

# node benchmarks/blind_js17/jsxtext.js tests/fixtures/code/ai-jsx/FILE.tsx (TypeScript 5.9)
ADVENTURE_SYSTEM = (
    "You are an assistant who can directly render UI to the user. You always follow directions. When you speak to "
    "the user, your message must follow these types: type Response = Line[] type Line = TextLine | UILine type "
    "TextLine = { type: 'text'; content: string }type UILine = { type: 'ui'; content: Grid }type Button = { id: "
    "string; text: string }; type Row = Button[]; type Grid = Row[]; Use TextLine to display text to the user. Use "
    "UILine to display UI to the user. When the user clicks a button, you'll receive a message telling you which "
    "they clicked. Use your ability to show buttons to help the user accomplish their goal. Don't make the user type "
    "out a whole response if they can just click a button instead. For example, if you the user a question with a "
    "finite set of choices, give them buttons to make those choices. Try to make the buttons include emoji, when "
    "possible. Respond only with JSON. Your entire response should be of type `Response`. Do not include anything "
    "outside of the `Response` object. Include a combination of `TextLine` and `UILine` objects in your response.")
DEBATE_SYSTEM = ("You are a debate assistant tasked with writing responses for \x00 who is arguing \x00 the following "
                 "position: \x00")
SIMPLE_SYSTEM = "You are an assistant who only uses one syllable words."
SIMPLE_USER = "Why is the sky blue?"


def scan(run_json, *paths) -> dict:
    return {p["container"]: p for p in run_json("scan", *paths)["prompts"]}


def test_message_children_text_is_the_prompt_cleaned_as_the_jsx_compiler_does(run_json):
    # choose-your-adventure ai.tsx: a system prompt written as JSX text over twelve indented lines, with braces
    # written as {'{'} and {'}'}: the lines are joined by one space, the braces are text, and no space comes
    # between a `{'}'}` and the next line ("string }type UILine") -- as the compiler emits it
    got = scan(run_json, AIJSX / "choose-your-adventure-ai.tsx")
    p = got["ButtonEnabledAgent.SystemMessage"]
    assert p["role"] == "system"
    assert p["first_variable"] is None
    assert p["tokens"] == tokens(ADVENTURE_SYSTEM)
    assert p["line"] == 24
    # the history turns are values only (`{chatMessage.rawMessage}`, the user's click or words): no prompt
    assert not [c for c in got if c.endswith(("AssistantMessage", "UserMessage"))]


def test_expression_children_are_variables_and_string_children_text(run_json):
    # debate.tsx: `...responses for {props.name} who is arguing{' '}\n{props.inFavor ? ... : ...} the following
    # position: {props.position}`: the first variable is `props.name`, after the text before it
    got = scan(run_json, AIJSX / "debate.tsx")
    p = got["Debater.SystemMessage"]
    assert p["role"] == "system"
    assert p["first_variable"]["name"] == "props.name"
    assert abs(p["first_variable"]["token"] - tokens(DEBATE_SYSTEM.split("\x00")[0])) <= 2  # (issue #11's tolerance)
    # (and the variable is placed at `{props.name}` in the file)
    assert p["first_variable"]["line"] == 18 and p["first_variable"]["column"] == 74
    assert [v["name"] for v in p["variables"]][:3] == ["props.name", "props.inFavor ? 'in favor of' : 'against'",
                                                       "props.position"]
    # the Debater's own `<UserMessage name={props.name}>` holds only a nested completion: no prompt
    assert "Debater.UserMessage" not in got


def test_each_message_element_is_a_prompt_with_its_role(run_json):
    got = scan(run_json, AIJSX / "simple-chat.tsx")
    assert got["App.SystemMessage"]["role"] == "system"
    assert got["App.SystemMessage"]["tokens"] == tokens(SIMPLE_SYSTEM)
    assert got["App.UserMessage"]["role"] == "user"
    assert got["App.UserMessage"]["tokens"] == tokens(SIMPLE_USER)


def test_a_message_component_not_imported_from_ai_jsx_is_no_prompt(run_cli, tmp_path):
    # the same file with its message components imported from the app's own module (a chat UI's bubbles, as
    # nanocoder's `<AssistantMessage>` is): no prompt is read from their children
    src = (AIJSX / "simple-chat.tsx").read_text()
    assert "from 'ai-jsx/core/completion'" in src
    (tmp_path / "simple-chat.tsx").write_text(src.replace("from 'ai-jsx/core/completion'", "from './bubbles'"))
    code, out, err = run_cli("scan", tmp_path / "simple-chat.tsx", "--format", "json")
    assert code == 2 and "no prompts" in err, (code, out, err)


def test_show_names_the_message_prompt(run_cli):
    code, out, err = run_cli("show", f"{AIJSX / 'debate.tsx'}:Debater.SystemMessage")
    assert code == 0, err
    assert "You are a debate assistant" in out and "props.name" in out


def test_a_component_named_for_prompts_returning_markup_is_no_prompt(run_cli):
    # big-AGI FusionInstructionsEditor.tsx: `function EditableChatInstructionPrompt(props) { ... return <>
    # <Typography>{props.label}</Typography> ... </>; }`: a React component named for the prompt it edits
    # returns markup; only AI.JSX message elements are read as JSX text
    path = FIX / "big-agi" / "FusionInstructionsEditor.tsx"
    assert "function EditableChatInstructionPrompt(" in path.read_text()
    code, out, err = run_cli("scan", path, "--format", "json")
    assert code == 2 and "no prompts" in err, (code, out[:500], err)


# node benchmarks/blind_js17/jsxtext.js tests/fixtures/code/ai-jsx/mdx.tsx: the first two rows
MDX_SYSTEM = "You are an AI that helps users book flights. The user's reservation: \x00"
MDX_NESTED_USER = "Generate a sample flight reservation."


def test_a_message_nested_in_a_child_completion_is_its_own_prompt(run_json):
    # mdx.tsx: `<SystemMessage>... The user's reservation:{' '}<JsonChatCompletion ...><UserMessage>Generate a
    # sample flight reservation.</UserMessage></JsonChatCompletion></SystemMessage>`: the nested completion is a
    # request of its own, rendered into the system message; the system message's first variable is that element
    rows = {p["line"]: p for p in run_json("scan", AIJSX / "mdx.tsx")["prompts"]}
    system, nested = rows[17], rows[19]
    assert system["role"] == "system" and system["first_variable"]["name"].startswith("<JsonChatCompletion")
    assert abs(system["first_variable"]["token"] - tokens(MDX_SYSTEM.split("\x00")[0])) <= 2
    assert nested["role"] == "user" and nested["first_variable"] is None
    assert nested["tokens"] == tokens(MDX_NESTED_USER)
