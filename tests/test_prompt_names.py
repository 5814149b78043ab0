"""The name and size rule for prompts in code and config (analyzers/sources/prompt_names.py)."""

import pytest

from analyzers.sources.prompt_names import (
    has_prompt_size, holds_template_syntax, in_agent_section, is_path_prompty, name_words, role_of,
    says_prompt, says_prompt_in,
)


def test_words_of_every_naming_style():
    assert name_words("systemPromptV2") == ["system", "prompt", "v", "2"]
    assert name_words("MAIN_SYSTEM") == ["main", "system"]
    assert name_words("agent.instance_template") == ["instance", "template"]
    assert name_words("tasks[0].description") == ["description"]
    assert name_words("HTMLParser") == ["html", "parser"]
    assert name_words("system-prompt") == ["system", "prompt"]


@pytest.mark.parametrize("name", [
    "SYSTEM_PROMPT", "systemPrompt", "system_prompt", "main_system", "system_reminder", "promptText",
    "instance_template", "next_step_template", "instructions", "systemInstruction", "preamble",
    "persona", "backstory", "SYSTEM", "template", "prompt_v2", "PLANNER_PROMPT_2",
    # LlamaIndex default_prompts.py: the qualifier is what the task produces (a prompt asking for SQL)
    "DEFAULT_TEXT_TO_SQL_TMPL", "DEFAULT_TABLE_CONTEXT_TMPL",
    # Qwen-Agent: one prompt per language (PROMPT_TEMPLATE_ZH), "prompt" first then its purpose
    "PROMPT_TEMPLATE_EN", "PROMPT_TEMPLATE_ZH", "EXTRACT_QUERY_TEMPLATE_ZH", "SYSTEM_PROMPT_TEMPLATE_EN",
    "PROMPT_REACT",
    # a prompt qualified by an output format asks a model for it (openai/evals' sql.prompt)
    "sql_prompt", "EMAIL_PROMPT",
])
def test_names_that_say_prompt(name):
    assert says_prompt(name)


@pytest.mark.parametrize("name", [
    "prompt_tokens", "promptId", "template_path", "system_name", "PROMPT_DIR", "operating_system",
    "url_template", "email_template", "sql_template", "message", "prompt_id", "PROMPT_DESCRIPTION",
    "prompt_en_path", "ERROR_MESSAGE", "description", "goal", "title",
    "promptCacheKey", "",
])
def test_names_that_do_not(name):
    assert not says_prompt(name)


def test_context_words():
    # goal/description only inside an agent or task section
    assert says_prompt_in("goal", ("agents", "researcher"))
    assert says_prompt_in("description", ("research_task",), ["description", "expected_output", "agent"])
    assert says_prompt_in("goal", ("researcher",), ["role", "goal", "backstory"])
    assert not says_prompt_in("description", ("tools", "search"))
    assert not in_agent_section(("server",), ["description", "port"])
    # content/message only as a chat message's content
    assert says_prompt_in("content", message=True)
    assert not says_prompt_in("content")


def test_roles_from_names():
    assert role_of("system_template") == "system"
    assert role_of("instance_template") == "user"
    assert role_of("assistantPrefix") == "assistant"
    assert role_of("agent", "next_step_template") is None
    assert role_of("system", "user_prompt") == "user"  # the closest name wins


def test_size_rule():
    assert not has_prompt_size("chatml")  # a setting
    assert not has_prompt_size("prompts/system.txt")
    assert not has_prompt_size("", placeholders=1)  # a bare slot
    assert has_prompt_size("Summarize", placeholders=1)
    assert has_prompt_size("Be concise.")


def test_template_syntax_reuses_template_detection():
    assert holds_template_syntax("You are {role}. {backstory}") == "format"
    assert holds_template_syntax("Repo at {{working_dir}}") == "jinja"
    assert holds_template_syntax("{{#tools}}- {{name}}{{/tools}}") == "mustache"
    assert holds_template_syntax("Hello $name, welcome") == "template"
    assert holds_template_syntax('Reply as JSON: {"a": 1}') is None
    assert holds_template_syntax("Costs $5 a month") is None
    assert holds_template_syntax("plain text") is None


def test_prompt_named_files():
    assert is_path_prompty("config/prompts/agent.json")
    assert is_path_prompty("system_prompt.toml")
    assert not is_path_prompty("locales/en.json")
