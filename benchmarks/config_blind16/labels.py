"""Hand labels for the twelfth blind config round (issue #11, helper cfg17), written by reading the trees and the
code that loads them BEFORE running pcache on them (no pcache output on these three trees was seen before this file
was committed).  Trees: the fetch tool's snapshots at the commits below, extracted blob by blob (``extract.sh``) into
/tmp/cfg17/blind/<name>, made git work trees with every extracted file committed.  Label shape as
../config_blind15/labels.py: (file, key path, syntax, first variable); "" for a whole-file prompt; first variable
None for a static prompt.  Rows were listed by ``make_labels.py`` applying the decisions below to the parsed files,
then read.  "neutral" entries are neither found nor false positive; "scope" bounds where a report can be a false
positive (each tree is scoped to the folders or files read for labels: every file in scope was read).

Claimed and not used: argilla-io/distilabel (snapshot over the size limit), Azure/PyRIT (the snapshot is a stub
README; microsoft/PyRIT has none).

Decisions taken while reading:
- microsoft/agent-framework at 5eb3eb7 (Microsoft Agent Framework; declarative agents and workflows in YAML).
  ``declarative-agents/agent-samples/**.yaml`` are ``kind: Prompt`` agents: ``instructions`` is the agent's system
  instructions, sent as written: a static prompt.  Their top-level ``description`` ("Helpful assistant"), model
  settings, ``outputSchema`` property descriptions and tool ``description``/parameter descriptions: no prompt.
  Workflows (``declarative-agents/workflow-samples/``, ``dotnet/samples/03-workflows/Declarative/``,
  ``python/samples/03-workflows/declarative/``, ``python/samples/02-agents/devui/workflow_declarative/``,
  ``python/samples/04-hosting/**/workflow.yaml``): ``SendActivity.activity`` (text or ``{Local.X}`` templates shown to
  the user), ``SendMessage.message``, ``Question.prompt.text`` and ``RequestExternalInput.prompt.text`` (questions to
  the human), ``displayName``, Power Fx formulas (``=...``), ``InvokeFunctionTool.arguments.template`` (a function's
  format string, "The weather in {location} is {temp}°{unit}"), conditions: no prompt.  An agent's
  ``input.messages`` written as a Power Fx formula holding a string (``=UserMessage("Please describe ...")``,
  ``=Concat("Answer the query ...", ...)``) and ``SetTextVariable.value`` texts (``{Local.InputTask}`` instruction
  blocks, "AGENT - {...} USER - {...}"): neutral (the text sent is what the formula or the action makes of it).
  Agent skills ``**/skills/*/SKILL.md`` under ``04-hosting`` (loaded into the agent's context by the skills
  provider): static prompts, the body after the front matter.  ``agent.yaml``/``agent.manifest.yaml`` (hosting
  manifests: name, description, resources, environment), ``toolbox.yaml``, ``.env.example``, Dockerfiles,
  ``pyproject.toml``, ``requirements.txt``, READMEs, ``Resources/*.txt`` and ``resources/*.txt`` (emails and reports
  the samples read as input), ``wttr.json``: no prompt.  Scope: the folders above, ``dotnet/samples/04-hosting/``,
  ``python/samples/04-hosting/``.
- NVIDIA/NeMo-Agent-Toolkit at 201f3dc (NAT: workflows in YAML, ``functions``/``workflow`` sections by ``_type``).
  A ``react_agent``'s ``system_prompt`` and ``additional_instructions`` are joined into the system message of a
  LangChain ``ChatPromptTemplate`` (``react_agent/agent.py``: ``prompt_str += f" {additional_instructions}"``,
  f-string template, ``{tools}``/``{tool_names}`` required): prompts, syntax "format", first variable the first
  ``{name}`` (static when none).  A ``tool_calling_agent``'s ``system_prompt``/``additional_instructions`` go into a
  ``SystemMessage`` as written: static prompts.  ``email_phishing_analyzer.prompt`` is filled with
  ``config.prompt.replace("{body}", text)``: a prompt, syntax "format", first variable ``{body}``.  Function and
  workflow ``description`` fields (tool descriptions the agent reads; "A ReAct agent with automatic Mem0 memory"),
  ``hitl_approval_tool.prompt`` (shown to the human: ``HumanPromptText``), model names, eval/profiler/optimizer
  settings, ``prompt_caching_prefixes`` settings: no prompt.  ``prompt_init``/``prompt_recombiner``
  ``system_objective`` (a one-line goal the prompt optimizer writes into its own prompt): neutral.  Eval data sets
  (``examples/agents/data/*.json``, ``simple_calculator*.json``, ``*.csv``), ``por_requirements.txt`` (a document the
  agent reads), READMEs, ``pyproject.toml``, ``uv.lock``: no prompt.  Scope: ``examples/agents/``,
  ``examples/getting_started/``, ``examples/HITL/``, ``examples/evaluation_and_profiling/email_phishing_analyzer/``.
- bmad-code-org/BMAD-METHOD at 67d876f (BMad Method: agent skills installed into coding assistants; each skill a
  ``SKILL.md`` plus a ``customize.toml`` that ``src/scripts/resolve_customization.py`` merges and prints as JSON for
  the model to read; no code fills any ``{...}`` in them: ``{project-root}``, ``{spec_file}``, ``{agent.role}`` are
  resolved by the model as the text tells it).  Every ``src/**/SKILL.md`` (the skill's prompt, loaded as written after
  its front matter): a static prompt.  ``customize.toml``: the persona ``agent.role``, ``agent.identity``,
  ``agent.communication_style`` (the SKILL.md tells the model to embody them), ``agent.menu[i].prompt`` ("executes
  the prompt text directly"), ``workflow.review_layers[i].instruction``/``oneshot_review_layers`` and
  ``implementation_handoff`` (a subagent's prompt), ``finalize_reviewers[i]`` (a reviewer's instruction),
  ``party_members[i].persona``, ``party_groups[i].scene``, ``open_spec`` (instructions the model follows): static
  prompts.  ``agent.principles[i]`` (one short sentence each, a list the persona follows), ``lenses[i].instruction``
  ("Load `references/...` and follow it."), ``*.when`` conditions, ``capabilities``, ``design_handoffs[i]``: neutral.
  ``agent.menu[i].description`` (the menu shown to the user), names, titles, icons, codes, skill names, paths and
  path patterns (``*_template = "assets/prd-template.md"``, ``run_folder_pattern``), enums, ``style_guide``, empty
  ``on_complete``: no prompt.  ``module.yaml``: ``prompt`` (installer questions to the user), ``default``, ``result``,
  option labels: no prompt; ``agents[i].description`` (a roster descriptor other skills read to route and embody
  agents): neutral.  Scope: the ``customize.toml``, ``SKILL.md`` and ``module.yaml`` files of ``src/`` (the other
  Markdown of the skill folders, references, steps, templates, were not read for labels).
"""

AGENT_FRAMEWORK = [
    ('declarative-agents/agent-samples/azure/AzureOpenAI.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/azure/AzureOpenAIAssistants.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/azure/AzureOpenAIChat.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/azure/AzureOpenAIResponses.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/chatclient/Assistant.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/chatclient/GetWeather.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/foundry/FoundryAgent.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/foundry/MicrosoftLearnAgent.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/foundry/PersistentAgent.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/openai/OpenAI.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/openai/OpenAIAssistants.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/openai/OpenAIChat.yaml', 'instructions', None, None),
    ('declarative-agents/agent-samples/openai/OpenAIResponses.yaml', 'instructions', None, None),
    ('dotnet/samples/04-hosting/FoundryHostedAgents/responses/Hosted-AgentSkills/skills/escalation-policy/SKILL.md', '', None, None),
    ('dotnet/samples/04-hosting/FoundryHostedAgents/responses/Hosted-AgentSkills/skills/support-style/SKILL.md', '', None, None),
    ('python/samples/04-hosting/foundry-hosted-agents/responses/foundry_toolbox_mcp_skills/skills/escalation-policy/SKILL.md', '', None, None),
    ('python/samples/04-hosting/foundry-hosted-agents/responses/foundry_toolbox_mcp_skills/skills/support-style/SKILL.md', '', None, None),
]
AGENT_FRAMEWORK_NEUTRAL = [
    ('declarative-agents/workflow-samples/DeepResearch.yaml', 'trigger.actions[13].conditions[1].actions[2].conditions[0].actions[3].input.messages'),
    ('declarative-agents/workflow-samples/DeepResearch.yaml', 'trigger.actions[13].conditions[1].actions[2].conditions[0].actions[5].input.messages'),
    ('declarative-agents/workflow-samples/DeepResearch.yaml', 'trigger.actions[10].value'),
    ('declarative-agents/workflow-samples/DeepResearch.yaml', 'trigger.actions[13].conditions[1].actions[2].conditions[0].actions[6].value'),
    ('dotnet/samples/03-workflows/Declarative/InputArguments/InputArguments.yaml', 'trigger.actions[3].value'),
    ('dotnet/samples/03-workflows/Declarative/InvokeFoundryToolboxMcp/InvokeFoundryToolboxMcp.yaml', 'trigger.actions[4].input.messages'),
    ('dotnet/samples/03-workflows/Declarative/InvokeFunctionTool/InvokeFunctionTool.yaml', 'trigger.actions[2].input.messages'),
    ('dotnet/samples/03-workflows/Declarative/InvokeHttpRequest/InvokeHttpRequest.yaml', 'trigger.actions[4].input.messages'),
    ('dotnet/samples/03-workflows/Declarative/InvokeMcpTool/InvokeMcpTool.yaml', 'trigger.actions[3].input.messages'),
    ('python/samples/03-workflows/declarative/invoke_foundry_toolbox_mcp/workflow.yaml', 'trigger.actions[2].input.messages'),
]

NAT = [
    ('examples/agents/mixture_of_agents/configs/config.yml', 'workflow.system_prompt', 'format', '{tools}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-langsmith-eval.yml', 'workflow.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-langsmith-eval.yml', 'functions.email_phishing_analyzer.prompt', 'format', '{body}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-langsmith-optimize.yml', 'workflow.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-llama-3.1-8b-instruct.yml', 'workflow.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-llama-3.1-8b-instruct.yml', 'functions.email_phishing_analyzer.prompt', 'format', '{body}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-llama-3.3-70b-instruct.yml', 'workflow.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-llama-3.3-70b-instruct.yml', 'functions.email_phishing_analyzer.prompt', 'format', '{body}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-mistral-large-3-675b-instruct-2512.yml', 'workflow.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-mistral-large-3-675b-instruct-2512.yml', 'functions.email_phishing_analyzer.prompt', 'format', '{body}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-mistral-small-4-119b-2603.yml', 'workflow.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-mistral-small-4-119b-2603.yml', 'functions.email_phishing_analyzer.prompt', 'format', '{body}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-nemotron-3-nano-30b-a3b.yml', 'workflow.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-nemotron-3-nano-30b-a3b.yml', 'functions.email_phishing_analyzer.prompt', 'format', '{body}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-nemotron-3-super-120b-a12b.yml', 'workflow.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-nemotron-3-super-120b-a12b.yml', 'functions.email_phishing_analyzer.prompt', 'format', '{body}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-reasoning.yml', 'functions.email_phishing_analyzer.prompt', 'format', '{body}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-reasoning.yml', 'functions.email_agent.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config.yml', 'workflow.additional_instructions', None, None),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config.yml', 'functions.email_phishing_analyzer.prompt', 'format', '{body}'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config_optimizer.yml', 'workflow.additional_instructions', None, None),
]
NAT_NEUTRAL = [
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-langsmith-optimize.yml', 'functions.prompt_init.system_objective'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config-langsmith-optimize.yml', 'functions.prompt_recombination.system_objective'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config_optimizer.yml', 'functions.prompt_init.system_objective'),
    ('examples/evaluation_and_profiling/email_phishing_analyzer/src/nat_email_phishing_analyzer/configs/config_optimizer.yml', 'functions.prompt_recombination.system_objective'),
]

BMAD = [
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.role', None, None),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.identity', None, None),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.communication_style', None, None),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.menu[1].prompt', None, None),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.menu[2].prompt', None, None),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.menu[3].prompt', None, None),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.menu[4].prompt', None, None),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.menu[5].prompt', None, None),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.menu[6].prompt', None, None),
    ('src/bmm-skills/agents/bmad-agent-architect/customize.toml', 'agent.role', None, None),
    ('src/bmm-skills/agents/bmad-agent-architect/customize.toml', 'agent.identity', None, None),
    ('src/bmm-skills/agents/bmad-agent-architect/customize.toml', 'agent.communication_style', None, None),
    ('src/bmm-skills/agents/bmad-agent-dev/customize.toml', 'agent.role', None, None),
    ('src/bmm-skills/agents/bmad-agent-dev/customize.toml', 'agent.identity', None, None),
    ('src/bmm-skills/agents/bmad-agent-dev/customize.toml', 'agent.communication_style', None, None),
    ('src/bmm-skills/agents/bmad-agent-pm/customize.toml', 'agent.role', None, None),
    ('src/bmm-skills/agents/bmad-agent-pm/customize.toml', 'agent.identity', None, None),
    ('src/bmm-skills/agents/bmad-agent-pm/customize.toml', 'agent.communication_style', None, None),
    ('src/bmm-skills/agents/bmad-agent-ux-designer/customize.toml', 'agent.role', None, None),
    ('src/bmm-skills/agents/bmad-agent-ux-designer/customize.toml', 'agent.identity', None, None),
    ('src/bmm-skills/agents/bmad-agent-ux-designer/customize.toml', 'agent.communication_style', None, None),
    ('src/bmm-skills/plan/bmad-architecture/customize.toml', 'workflow.finalize_reviewers[0]', None, None),
    ('src/bmm-skills/plan/bmad-architecture/customize.toml', 'workflow.finalize_reviewers[1]', None, None),
    ('src/bmm-skills/ship/bmad-build-auto/customize.toml', 'workflow.implementation_handoff', None, None),
    ('src/bmm-skills/ship/bmad-build-auto/customize.toml', 'workflow.review_layers[0].instruction', None, None),
    ('src/bmm-skills/ship/bmad-build-auto/customize.toml', 'workflow.review_layers[1].instruction', None, None),
    ('src/bmm-skills/ship/bmad-build-auto/customize.toml', 'workflow.review_layers[2].instruction', None, None),
    ('src/bmm-skills/ship/bmad-build-auto/customize.toml', 'workflow.review_layers[3].instruction', None, None),
    ('src/bmm-skills/ship/bmad-build/customize.toml', 'workflow.open_spec', None, None),
    ('src/bmm-skills/ship/bmad-build/customize.toml', 'workflow.implementation_handoff', None, None),
    ('src/bmm-skills/ship/bmad-build/customize.toml', 'workflow.review_layers[0].instruction', None, None),
    ('src/bmm-skills/ship/bmad-build/customize.toml', 'workflow.review_layers[1].instruction', None, None),
    ('src/bmm-skills/ship/bmad-build/customize.toml', 'workflow.review_layers[2].instruction', None, None),
    ('src/bmm-skills/ship/bmad-build/customize.toml', 'workflow.oneshot_review_layers[0].instruction', None, None),
    ('src/bmm-skills/ship/bmad-code-review/customize.toml', 'workflow.review_layers[0].instruction', None, None),
    ('src/bmm-skills/ship/bmad-code-review/customize.toml', 'workflow.review_layers[1].instruction', None, None),
    ('src/bmm-skills/ship/bmad-code-review/customize.toml', 'workflow.review_layers[2].instruction', None, None),
    ('src/bmm-skills/ship/bmad-code-review/customize.toml', 'workflow.review_layers[3].instruction', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[0].persona', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[1].persona', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[2].persona', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[3].persona', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[4].persona', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[5].persona', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[6].persona', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[7].persona', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[8].persona', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_groups[0].scene', None, None),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_groups[1].scene', None, None),
    ('src/bmm-skills/agents/bmad-agent-analyst/SKILL.md', '', None, None),
    ('src/bmm-skills/agents/bmad-agent-architect/SKILL.md', '', None, None),
    ('src/bmm-skills/agents/bmad-agent-dev/SKILL.md', '', None, None),
    ('src/bmm-skills/agents/bmad-agent-pm/SKILL.md', '', None, None),
    ('src/bmm-skills/agents/bmad-agent-ux-designer/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-architecture/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-create-epics-and-stories/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-generate-project-context/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-prd/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-prfaq/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-product-brief/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-project-context/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-spec/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-sprint-planning/SKILL.md', '', None, None),
    ('src/bmm-skills/plan/bmad-ux/SKILL.md', '', None, None),
    ('src/bmm-skills/ship/bmad-build-auto/SKILL.md', '', None, None),
    ('src/bmm-skills/ship/bmad-build/SKILL.md', '', None, None),
    ('src/bmm-skills/ship/bmad-checkpoint-preview/SKILL.md', '', None, None),
    ('src/bmm-skills/ship/bmad-code-review/SKILL.md', '', None, None),
    ('src/bmm-skills/ship/bmad-correct-course/SKILL.md', '', None, None),
    ('src/bmm-skills/ship/bmad-qa-generate-e2e-tests/SKILL.md', '', None, None),
    ('src/bmm-skills/ship/bmad-retrospective/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-create-architecture/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-create-prd/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-create-story/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-dev-auto/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-dev-story/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-document-project/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-domain-research/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-edit-prd/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-market-research/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-quick-dev/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-sprint-status/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-technical-research/SKILL.md', '', None, None),
    ('src/bmm-skills/v6-shims/bmad-validate-prd/SKILL.md', '', None, None),
    ('src/core-skills/bmad-advanced-elicitation/SKILL.md', '', None, None),
    ('src/core-skills/bmad-brainstorming/SKILL.md', '', None, None),
    ('src/core-skills/bmad-customize/SKILL.md', '', None, None),
    ('src/core-skills/bmad-deep-recon/SKILL.md', '', None, None),
    ('src/core-skills/bmad-forge-idea/SKILL.md', '', None, None),
    ('src/core-skills/bmad-help/SKILL.md', '', None, None),
    ('src/core-skills/bmad-party-mode/SKILL.md', '', None, None),
    ('src/core-skills/bmad-review/SKILL.md', '', None, None),
    ('src/core-skills/v6-shims/bmad-editorial-review-prose/SKILL.md', '', None, None),
    ('src/core-skills/v6-shims/bmad-editorial-review-structure/SKILL.md', '', None, None),
    ('src/core-skills/v6-shims/bmad-editorial-review/SKILL.md', '', None, None),
    ('src/core-skills/v6-shims/bmad-review-adversarial-general/SKILL.md', '', None, None),
    ('src/core-skills/v6-shims/bmad-review-edge-case-hunter/SKILL.md', '', None, None),
    ('src/core-skills/v6-shims/bmad-review-verification-gap/SKILL.md', '', None, None),
]
BMAD_NEUTRAL = [
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.principles[0]'),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.principles[1]'),
    ('src/bmm-skills/agents/bmad-agent-analyst/customize.toml', 'agent.principles[2]'),
    ('src/bmm-skills/agents/bmad-agent-architect/customize.toml', 'agent.principles[0]'),
    ('src/bmm-skills/agents/bmad-agent-architect/customize.toml', 'agent.principles[1]'),
    ('src/bmm-skills/agents/bmad-agent-architect/customize.toml', 'agent.principles[2]'),
    ('src/bmm-skills/agents/bmad-agent-dev/customize.toml', 'agent.principles[0]'),
    ('src/bmm-skills/agents/bmad-agent-dev/customize.toml', 'agent.principles[1]'),
    ('src/bmm-skills/agents/bmad-agent-dev/customize.toml', 'agent.principles[2]'),
    ('src/bmm-skills/agents/bmad-agent-dev/customize.toml', 'agent.principles[3]'),
    ('src/bmm-skills/agents/bmad-agent-dev/customize.toml', 'agent.principles[4]'),
    ('src/bmm-skills/agents/bmad-agent-dev/customize.toml', 'agent.principles[5]'),
    ('src/bmm-skills/agents/bmad-agent-pm/customize.toml', 'agent.principles[0]'),
    ('src/bmm-skills/agents/bmad-agent-pm/customize.toml', 'agent.principles[1]'),
    ('src/bmm-skills/agents/bmad-agent-pm/customize.toml', 'agent.principles[2]'),
    ('src/bmm-skills/agents/bmad-agent-ux-designer/customize.toml', 'agent.principles[0]'),
    ('src/bmm-skills/agents/bmad-agent-ux-designer/customize.toml', 'agent.principles[1]'),
    ('src/bmm-skills/agents/bmad-agent-ux-designer/customize.toml', 'agent.principles[2]'),
    ('src/bmm-skills/plan/bmad-ux/customize.toml', 'workflow.design_handoffs[0]'),
    ('src/bmm-skills/ship/bmad-code-review/customize.toml', 'workflow.review_layers[3].when'),
    ('src/core-skills/bmad-deep-recon/customize.toml', 'workflow.research_types[0].when'),
    ('src/core-skills/bmad-deep-recon/customize.toml', 'workflow.research_types[1].when'),
    ('src/core-skills/bmad-deep-recon/customize.toml', 'workflow.research_types[2].when'),
    ('src/core-skills/bmad-deep-recon/customize.toml', 'workflow.research_types[3].when'),
    ('src/core-skills/bmad-deep-recon/customize.toml', 'workflow.research_types[4].when'),
    ('src/core-skills/bmad-deep-recon/customize.toml', 'workflow.research_types[5].when'),
    ('src/core-skills/bmad-party-mode/customize.toml', 'workflow.party_members[0].capabilities'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[0].when'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[0].instruction'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[1].when'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[1].instruction'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[2].when'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[2].instruction'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[3].when'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[3].instruction'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[4].when'),
    ('src/core-skills/bmad-review/customize.toml', 'workflow.lenses[4].instruction'),
    ('src/bmm-skills/module.yaml', 'agents[0].description'),
    ('src/bmm-skills/module.yaml', 'agents[1].description'),
    ('src/bmm-skills/module.yaml', 'agents[2].description'),
    ('src/bmm-skills/module.yaml', 'agents[3].description'),
    ('src/bmm-skills/module.yaml', 'agents[4].description'),
]



PROJECTS = {
    "microsoft/agent-framework": {"scope": ["declarative-agents/", "dotnet/samples/03-workflows/", "python/samples/03-workflows/",
                                            "python/samples/02-agents/devui/workflow_declarative/", "dotnet/samples/04-hosting/",
                                            "python/samples/04-hosting/"],
                                  "labels": AGENT_FRAMEWORK, "neutral": AGENT_FRAMEWORK_NEUTRAL},
    "NVIDIA/NeMo-Agent-Toolkit": {"scope": ["examples/agents/", "examples/getting_started/", "examples/HITL/",
                                            "examples/evaluation_and_profiling/email_phishing_analyzer/"],
                                  "labels": NAT, "neutral": NAT_NEUTRAL},
    # scope: exact files (a prefix that is a whole path), listed from the tree when scored
    "bmad-code-org/BMAD-METHOD": {"scope": [], "scope_files": ("customize.toml", "SKILL.md", "module.yaml"),
                                  "labels": BMAD, "neutral": BMAD_NEUTRAL},
}
