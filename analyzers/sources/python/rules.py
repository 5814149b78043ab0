"""The calls, keywords, words and text patterns by which the Python reader tells a prompt's use and name."""

from __future__ import annotations

import re


# Keywords that carry a prompt whatever ``says_prompt`` says of them.
PROMPT_KEYWORDS = frozenset({"instructions", "system", "system_prompt", "prompt", "template", "preamble"})
# Calls whose first argument (or ``template=``) is a prompt template: callee name -> syntax.
TEMPLATE_CALLS = {"PromptTemplate": "format", "from_template": "format", "Template": None,
                  "from_string": "jinja", "PromptBuilder": "jinja", "ChatPromptBuilder": "jinja",
                  "RichPromptTemplate": "jinja"}
# Base classes whose subclass's docstring is the model's instructions: a DSPy ``Signature``
# ("the docstring becomes the task instructions", dspy.ai/learn/programming/signatures).
DOCSTRING_PROMPT_BASES = frozenset({"Signature"})
# ell's language model programs (docs.ell.so, "Getting started"): a function decorated ``@ell.simple``
# sends its docstring as the system prompt and the string it returns as the user prompt;
# ``@ell.complex`` returns the messages, built with ``ell.system(...)`` / ``ell.user(...)``.
_ELL_PROGRAMS = frozenset({"simple", "complex"})
_ELL_MESSAGES = {"system": "system", "user": "user", "assistant": "assistant"}
# Message constructors -> role.
MESSAGE_CALLS = {"SystemMessage": "system", "HumanMessage": "user", "AIMessage": "assistant",
                 "ToolMessage": "tool", "from_system": "system", "from_user": "user",
                 "from_assistant": "assistant", "SystemMessagePromptTemplate": "system",
                 "HumanMessagePromptTemplate": "user", "AIMessagePromptTemplate": "assistant"}
# LangChain calls whose ``prefix=`` / ``suffix=`` are the text around the tools or examples of an agent's
# or a few-shot prompt (formatted with str.format).
_AGENT_PROMPT_CALLS = frozenset({"create_prompt", "from_llm_and_tools", "from_examples", "FewShotPromptTemplate"})
# Class methods of a message class that build a message of one role (``Message.user_message("...")``).
ROLE_METHODS = {"system_message": "system", "user_message": "user", "assistant_message": "assistant",
                "developer_message": "developer", "tool_message": "tool"}
# The chat roles of the OpenAI and Anthropic APIs: a mapping keyed by them alone maps each role to its text.
CHAT_ROLES = frozenset({"system", "developer", "user", "assistant"})
# Fields of a chat message in the OpenAI, Anthropic and Responses APIs (a dict with other keys is
# some other record that happens to carry a role and a content).
MESSAGE_KEYS = frozenset({"role", "content", "name", "tool_calls", "tool_call_id", "function_call", "refusal",
                          "audio", "reasoning_content", "cache_control", "type", "id", "status"})
# Parameters of a chat request body (OpenAI Chat Completions / Responses, Anthropic Messages, and the
# LiteLLM call that takes them): a ``messages`` list inside any other dict is a stored transcript.
REQUEST_KEYS = frozenset({
    "model", "messages", "system", "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens",
    "max_output_tokens", "stream", "stream_options", "stop", "stop_sequences", "tools", "tool_choice",
    "response_format", "n", "seed", "user", "metadata", "frequency_penalty", "presence_penalty", "logprobs",
    "top_logprobs", "logit_bias", "parallel_tool_calls", "store", "reasoning_effort", "reasoning", "modalities",
    "audio", "prediction", "service_tier", "thinking", "extra_body", "extra_headers", "timeout", "input",
    "instructions", "previous_response_id", "text", "include", "truncation", "functions", "function_call",
})
# Request fields that bound or sample one reply (OpenAI Chat Completions / Completions / Responses,
# Anthropic Messages): a call given one of them is a request, its result the model's answer.
_GENERATION_KEYWORDS = frozenset({"max_tokens", "max_completion_tokens", "max_output_tokens", "stop",
                                  "stop_sequences", "top_p", "top_k", "frequency_penalty", "presence_penalty",
                                  "logprobs", "top_logprobs", "logit_bias", "n"})
ROLE_ALIASES = {"human": "user", "ai": "assistant", "model": "assistant", "function": "tool"}
# Calls whose arguments are output for people or errors, never for a model.
_SINK_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log",
                           "print", "echo", "secho", "write", "fail", "skip", "execute", "executemany"})
_SINK_OWNERS = re.compile(r"(?:^|[._])(?:log|logger|logging|_logger|LOGGER|LOG|warnings|console|click|typer|"
                          r"sys\.stderr|sys\.stdout|pytest|cursor|cur|conn|connection|session|db)$")
# rich.prompt (``Prompt.ask``, ``Confirm.ask``), click/typer (``click.prompt``), questionary and
# getpass ask a person at the terminal: their text (and a ``*_prompt`` constant given to them) is for people.
_ASK_OWNERS = re.compile(r"(?:^|\.)(?:Prompt|Confirm|IntPrompt|FloatPrompt|InvalidResponse)$")
_ASKERS = {"click": ("prompt", "confirm"), "typer": ("prompt", "confirm"),
           "questionary": ("text", "select", "confirm", "password", "checkbox", "autocomplete", "path", "rawselect")}
# Verbs of a method that puts a prompt somewhere: its first argument is the prompt
# (``add_system_message``, ``set_system_prompt``, ``with_instructions``, ``append_instructions``).
_SETTER_VERBS = frozenset({"add", "set", "with", "append", "prepend", "update", "insert", "use"})
# Verbs of a function that handles prompts it does not write: what ``list_mcp_prompts`` or
# ``serialize_prompt`` returns is a listing, a record or a rendering for people, not a prompt.
_HANDLING_VERBS = frozenset({"list", "load", "fetch", "read", "search", "find", "count", "delete", "remove",
                             "save", "store", "print", "show", "log", "serialize", "dump", "parse", "validate",
                             "register", "export", "import", "download", "upload", "display", "render_stats"})
# Methods that look a key up (``config.get("system", default)``): a role name as their key is no message.
_LOOKUP_METHODS = frozenset({"get", "pop", "setdefault", "getattr", "replace", "split", "startswith", "endswith",
                             "count", "index", "find", "format", "join", "encode"})
# Last words of a constant that name an answer (what a model or the program says back), not a prompt.
_ANSWER_WORDS = frozenset({"answer", "answers", "reply", "replies"})
# Keywords whose value names or labels a thing for people (an author, a title, a label).
_LABEL_KEYWORDS = frozenset({"author", "title", "label", "placeholder", "tooltip", "avatar", "icon",
                             "display_name", "button_text"})
# The conventions of a command-line question to a person: a yes/no choice, keys to press, how to quit.
_TERMINAL_ASK = re.compile(r"\[[yY]/[nN]\]|\([yY]/[nN]\)|\b(?:press|hit)\s+(?:enter|return|any key)\b|"
                           r"\bto\s+(?:quit|exit)\b", re.I)
# Text whose every ``{{...}}`` is a name (``{{CURRENT_DATE}}``, ``{{MESSAGES:END:2}}``), not an
# expression or escaped JSON (``{{"current_state": ...}}`` is str.format's escape of a brace).
_NAME_TAGS = re.compile(r"(?:[^{]|\{(?!\{)|\{\{\s*[\w.:-]+\s*\}\})*", re.S)
_JSON_IN_BRACES = re.compile(r'\{\{\s*"')
# A config file's source: a ``[section]`` header on its first line (TOML, INI, systemd units).
_CONFIG_FILE = re.compile(r"\s*\[[A-Za-z_][\w. -]*\][ \t]*\n")
# prompt_toolkit style strings: ``bold fg:ansiyellow bg:ansired``, ``#ff0066 italic``.
_TERMINAL_STYLE = re.compile(r"\s*(?:(?:bold|italic|underline|reverse|blink|hidden|noinherit|nobold|noitalic|"
                             r"(?:fg|bg):\S+|#[0-9a-fA-F]{3,6}|ansi\w+)\s*)+$")
# Markup for a browser: a document or an HTML element first (prompts use their own XML-ish tags); or an XML
# document for a parser, which opens with its XML declaration (XML 1.0, section 2.8: pipecat's TwiML answers to
# a telephony webhook, ``<?xml version="1.0" encoding="UTF-8"?><Response>...``): a prompt's tags need none.
_HTML = re.compile(r"\s*<(?:\?xml\s|!DOCTYPE|html|head|body|div|span|p|table|tr|td|style|script|a|ul|ol|li|br|svg|"
                   r"img|form|input|button|h[1-6]|meta|link)\b", re.I)
# Terminal markup for Rich (``[bold green]Running {total} tasks``): a status line for people.
_RICH = re.compile(r"\s*\[/?(?:bold|italic|dim|underline|strike|reverse|blink|red|green|blue|yellow|magenta|cyan|"
                   r"white|black|grey\d*|bright_\w+)\b[^\]\n]*\]")
# Diagram source for a renderer (Mermaid: an ``%%{init}%%`` directive or a diagram type first).
_DIAGRAM = re.compile(r"\s*(?:%%\{|(?:graph|flowchart)\s+(?:TD|TB|BT|RL|LR)\b|(?:sequence|class|state|er)Diagram\b)")
_LETTERS = re.compile(r"[^\W\d_]{2}")
# A guardrails RAIL document: ``<rail version="0.1">`` first (after blank space), a prompt element inside.
_RAIL_ROOT = re.compile(r"\s*<rail\b")
_RAIL_PROMPT = re.compile(r"<(?:prompt|instructions)>")
_MAX_DEPTH = 6  # constants referring to constants: how deep a name is followed
