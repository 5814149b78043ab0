"""What the twelfth config round found (issue #11, benchmarks/PROMPT_DISCOVERY.md, "Config round 12, session 17"):
BMad Method's installer questions and agent menus, its persona fields; NeMo Agent Toolkit's human-in-the-loop
approval prompt and its agents' prompts; the Azure Developer CLI's project file beside Microsoft Agent Framework's
hosted agents.

Inputs are cuts of the real files (tests/fixtures/SOURCES.md); goldens are the texts the files hold, read here with
PyYAML and tomllib and counted with tiktoken, without pcache."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from pcache.analyzers.sources.load import load_paths

from fixture_trees import by_file as _by_file, clone as _clone, head_tokens as _head_tokens, tokens as _tokens


def _containers(prompts) -> list[str]:
    return [p.container for p in prompts]


def _variables(prompt) -> list[str]:
    return [s.name for s in prompt.segments if s.kind == "variable"]


# -- BMad Method: installer questions, menu entries, persona fields


@pytest.fixture(scope="module")
def bmad(tmp_path_factory):
    root = _clone(tmp_path_factory.mktemp("bmad"), "bmad")
    return root, _by_file(load_paths([str(root)]).prompts, root)


def test_installer_questions_with_a_default_answer_are_no_prompts(bmad):
    """``module.yaml``: ``communication_language: {prompt: "What language should agents use when chatting with you?",
    default: "English", result: "{value}"}`` is a question the installer asks the person (blind: 7 reported, a list
    of lines too: ``user_skill_level.prompt``).  The core module has no other text: quiet when walked, "no prompts"
    when named."""
    root, files = bmad
    core = yaml.safe_load((root / "src/core-skills/module.yaml").read_text(encoding="utf-8"))
    assert "?" in core["communication_language"]["prompt"] and core["communication_language"]["default"]
    assert "src/core-skills/module.yaml" not in files
    named = load_paths([str(root / "src/core-skills/module.yaml")])
    assert not named.prompts and len(named.errors) == 1 and "no prompts" in named.errors[0].message
    bmm = yaml.safe_load((root / "src/bmm-skills/module.yaml").read_text(encoding="utf-8"))
    assert isinstance(bmm["user_skill_level"]["prompt"], list) and bmm["planning_artifacts"]["default"]
    assert not [c for c in _containers(files.get("src/bmm-skills/module.yaml", [])) if c.endswith(".prompt")]


def test_menu_entries_are_no_prompts_but_their_prompt_is(bmad):
    """``customize.toml``: ``[[agent.menu]]`` entries are shown to the user (``description``) and run a skill or a
    prompt ("Each item has exactly one of `skill` ... or `prompt` (executes the prompt text directly)"): the
    ``description`` belongs to the menu entry, not to the agent (blind: 22 reported as an agent's description)."""
    root, files = bmad
    rel = "src/bmm-skills/agents/bmad-agent-analyst/customize.toml"
    data = tomllib.loads((root / rel).read_text(encoding="utf-8"))
    menu = data["agent"]["menu"]
    got = {p.container: p for p in files[rel]}
    assert not [c for c in got if c.startswith("agent.menu") and c.endswith(".description")]
    with_prompt = [i for i, item in enumerate(menu) if "prompt" in item]
    assert with_prompt and all(f"agent.menu[{i}].prompt" in got for i in with_prompt)
    p = got[f"agent.menu[{with_prompt[0]}].prompt"]
    assert not _variables(p) and abs(_head_tokens(p) - _tokens(menu[with_prompt[0]]["prompt"])) <= 1


def test_persona_fields_are_prompts(bmad):
    """``[agent]``'s ``role``, ``identity`` and ``communication_style``: the SKILL.md tells the model to "fill the
    additional role of {agent.role}, embody {agent.identity}, speak in the style of {agent.communication_style}"
    (blind: ``role`` only, as a role written as sentences)."""
    root, files = bmad
    rel = "src/bmm-skills/agents/bmad-agent-analyst/customize.toml"
    agent = tomllib.loads((root / rel).read_text(encoding="utf-8"))["agent"]
    got = {p.container: p for p in files[rel]}
    for key in ("role", "identity", "communication_style"):
        p = got[f"agent.{key}"]
        assert not _variables(p) and abs(_head_tokens(p) - _tokens(agent[key])) <= 1
    assert not [c for c in got if c in ("agent.name", "agent.title", "agent.icon")]


# -- NeMo Agent Toolkit: a human-in-the-loop approval prompt; the agents' prompts


@pytest.fixture(scope="module")
def nat(tmp_path_factory):
    root = _clone(tmp_path_factory.mktemp("nat"), "nat-toolkit")
    return root, _by_file(load_paths([str(root)]).prompts, root)


def test_hitl_approval_prompt_is_no_prompt(nat):
    """``functions.hitl_approval_tool.prompt`` is shown to the person who approves (``HumanPromptText``, NAT's
    ``hitl_approval_tool.py``; blind: reported); the file holds no other prompt."""
    root, files = nat
    rel = "examples/HITL/simple_calculator_hitl/configs/config-hitl.yml"
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    assert data["functions"]["hitl_approval_tool"]["prompt"].strip()
    assert rel not in files


def test_agent_prompts_stay(nat):
    """Guards: a ReAct agent's ``system_prompt`` (LangChain f-string template, first field ``{tools}``), a function's
    ``prompt`` (filled by ``.replace("{body}", text)``), and an agent's ``additional_instructions`` stay prompts; a
    function's ``description`` under ``functions`` (the sub-agent's, read by the orchestrator) stays as it was."""
    root, files = nat
    rel = "examples/agents/mixture_of_agents/configs/config.yml"
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    got = {p.container: p for p in files[rel]}
    p = got["workflow.system_prompt"]
    text = data["workflow"]["system_prompt"]
    assert p.syntax == "format" and _variables(p)[0] == "tools"
    assert abs(_head_tokens(p) - _tokens(text[:text.index("{tools}")])) <= 1
    assert "functions.math_agent.description" in got
    rel = "examples/email_phishing_analyzer/configs/config.yml"
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    got = {p.container: p for p in files[rel]}
    text = data["functions"]["email_phishing_analyzer"]["prompt"]
    p = got["functions.email_phishing_analyzer.prompt"]
    assert _variables(p)[0] == "body" and abs(_head_tokens(p) - _tokens(text[:text.index("{body}")])) <= 1
    assert "workflow.additional_instructions" in got


# -- Microsoft Agent Framework: the Azure Developer CLI's project file


def test_azure_developer_cli_project_file_is_not_walked(tmp_path):
    """``azure.yaml`` (azd's project file: ``services.<name>.description`` of a hosted agent's service; blind:
    reported) is skipped by a walk, as compose files are; the declarative agent beside it is read."""
    root = _clone(tmp_path, "agent-framework")
    data = yaml.safe_load((root / "hosting/azure.yaml").read_text(encoding="utf-8"))
    assert "description" in data["services"]["hosted-chat-client-agent"]
    files = _by_file(load_paths([str(root)]).prompts, root)
    assert "hosting/azure.yaml" not in files
    agent = yaml.safe_load((root / "declarative-agents/GetWeather.yaml").read_text(encoding="utf-8"))
    (p,) = [p for p in files["declarative-agents/GetWeather.yaml"] if p.container == "instructions"]
    assert abs(_head_tokens(p) - _tokens(agent["instructions"])) <= 1
    assert not [c for c in _containers(files["declarative-agents/GetWeather.yaml"]) if re.search(r"description", c)]
