"""Hand labels for the eleventh blind config round (issue #11, helper cfg16), written by reading the trees and the
code that loads them BEFORE running pcache on them (no pcache output on these three trees was seen before this file
was committed).  Trees: the fetch tool's snapshots at the commits below, extracted blob by blob (``extract.sh``) into
/tmp/cfg16/blind/<name>, made git work trees with every extracted file committed.  Label shape as
../config_blind14/labels.py: (file, key path, syntax, first variable); "" for a whole-file prompt; first variable
None for a static prompt.  Rows were listed by ``make_labels.py`` applying the decisions below to the parsed files,
then read.  "neutral" entries are neither found nor false positive; "scope" bounds where a report can be a false
positive (two trees are scoped to their prompt folders: their other folders were not read for labels).

Claimed and not used: none.  None of the three trees holds a ``.prompt`` file (the Dotprompt/Continue framing of this
branch changes nothing on them: the blind scan is main's behaviour on these trees).

Decisions taken while reading:
- llama-farm/llamafarm at ebd1b3c (a local AI platform; its ``prompts/`` package is a prompt-template library).
  ``prompts/templates/**/*.yaml``: ``template`` is rendered with ``jinja2.Template`` (``prompts/models/template.py``):
  a prompt, syntax "jinja", first variable the first ``{{ }}``/``{% %}``.  ``prompts/config/*.yaml`` and
  ``prompts/config_examples/**``: ``templates.<name>.template`` (also under ``prompts.`` / ``prompts.config.``) the
  same; a config example's ``{context}`` single braces are text under Jinja: a static prompt.
  ``global_prompts[i].system_prompt|prefix_prompt|suffix_prompt`` are joined into the request as written
  (``core/global_prompt_manager.py``): static prompts.  ``metadata`` (descriptions, example inputs and expected
  outputs), ``input_variables``, ``validation_rules``, strategies' rules: no prompt.  ``prompts/tests/``: neutral.
  Scope: ``prompts/`` and ``config/templates/`` (``prompts: []``: nothing).
- phil65/llmling-agent at fed46ae (agentpool: agents declared in YAML).  ``agents.<n>.system_prompt`` (a string or a
  list whose strings are prompts; ``{type: library, reference}`` items are references) and
  ``prompts.system_prompts.<n>.content`` (the prompt library) are system prompts, sent as written: static.
  ``agents.<n>.description``, model ids, endpoints, tool import paths, response schemas: no prompt.
  ``text_templates/system_prompt.jinja`` renders the system prompt (Jinja; first expression a ``{%- if %}``);
  ``text_templates/tool_call_*.jinja`` format a tool call for display: neutral.  ``config_resources/
  {claude,opencode}_style_subagent.md`` (a sub-agent: front matter, then its system prompt), ``prompts/parts/zed.md``
  (a part of the system prompt), ``AGENTS.md`` (the agent file): static prompts.  Docs (``docs/**/*.md``), READMEs,
  design notes (``*_COMPLETE.md``, ``ARCHITECTURE.md``, ``claude_commands.md``): no prompt.  Scope: ``src/agentpool/``,
  ``docs/``, ``AGENTS.md``.
- antinomyhq/forge at 54cecac (a coding agent in Rust; ``templates/`` is embedded with ``include_dir!`` and registered
  as Handlebars templates, ``forge_app/src/template_engine.rs``).  ``templates/*.md``: prompts, syntax "handlebars",
  first variable the first ``{{ }}``; partials (``forge-partial-*``) and templates whose first expression is a partial
  (``{{> ...}}``): neutral.  Built-in agents ``crates/forge_repo/src/agents/*.md``, the command
  ``commands/*.md``, built-in skills ``crates/forge_repo/src/skills/*/SKILL.md``: YAML front matter, then the prompt
  (Handlebars); the first variable is the body's first expression (a front-matter ``user_prompt`` is in the same
  file).  ``claude_code.md`` (``include_str!``ed as the system message of the Anthropic auth transform) and
  ``AGENTS.md``: static prompts.  Tool descriptions (``forge_domain/src/tools/descriptions/*.md``, sent as tool
  definitions): neutral.  Fixtures and test data (``*/fixtures/``, ``tests/``, ``responses.jsonl``), ``.forge/``
  (the repository's own skills), ``.github/``: neutral.  ``benchmarks/evals/*/task.yml`` (shell commands and CSV
  sources), ``forge.schema.json``, ``provider.json``, ``built_in_commands.json``, ``permissions.default.yaml``,
  ``.forge.toml``, docs, plans, READMEs, workflows: no prompt.
"""

LLAMAFARM = [
    ('prompts/config/default.yaml', 'global_prompts[0].system_prompt', None, None),
    ('prompts/config/default.yaml', 'global_prompts[1].prefix_prompt', None, None),
    ('prompts/config/default.yaml', 'global_prompts[2].system_prompt', None, None),
    ('prompts/config/default.yaml', 'templates.qa_basic.template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/config/default.yaml', 'templates.medical_qa.template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/config/default.yaml', 'templates.agent_coordinator.template', 'jinja', '{{ objective }}'),
    ('prompts/config/default_prompts.yaml', 'global_prompts[0].system_prompt', None, None),
    ('prompts/config/default_prompts.yaml', 'global_prompts[1].prefix_prompt', None, None),
    ('prompts/config/default_prompts.yaml', 'global_prompts[2].system_prompt', None, None),
    ('prompts/config/default_prompts.yaml', 'templates.summarization.template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/config/default_prompts.yaml', 'templates.qa_detailed.template', 'jinja', '{{ context | format_documents(max_length=2000) }}'),
    ('prompts/config/default_prompts.yaml', 'templates.qa_basic.template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/config/default_prompts.yaml', 'templates.chat_assistant.template', 'jinja', '{% if context %}'),
    ('prompts/config/default_prompts.yaml', 'templates.few_shot_classification.template', 'jinja', '{{ examples }}'),
    ('prompts/config/default_prompts.yaml', 'templates.ab_testing.template', 'jinja', '{{ test_description }}'),
    ('prompts/config/default_prompts.yaml', 'templates.chain_of_thought.template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/config/default_prompts.yaml', 'templates.comparative_analysis.template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/config/default_prompts.yaml', 'templates.prompt_evaluation.template', 'jinja', '{{ prompt_template }}'),
    ('prompts/config/default_prompts.yaml', 'templates.response_scoring.template', 'jinja', '{{ query }}'),
    ('prompts/config/default_prompts.yaml', 'templates.rag_evaluation.template', 'jinja', '{{ query }}'),
    ('prompts/config/default_prompts.yaml', 'templates.code_analysis.template', 'jinja', '{{ context }}'),
    ('prompts/config/default_prompts.yaml', 'templates.medical_qa.template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/config/default_prompts.yaml', 'templates.llm_judge.template', 'jinja', '{{ original_query }}'),
    ('prompts/config/default_prompts.yaml', 'templates.tool_execution.template', 'jinja', '{{action}}'),
    ('prompts/config/default_prompts.yaml', 'templates.tool_selection.template', 'jinja', '{{objective}}'),
    ('prompts/config/default_prompts.yaml', 'templates.tool_planning.template', 'jinja', '{{goal}}'),
    ('prompts/config/default_prompts.yaml', 'templates.workflow_orchestration.template', 'jinja', '{{workflow_name}}'),
    ('prompts/config/default_prompts.yaml', 'templates.agent_reflection.template', 'jinja', '{{task_description}}'),
    ('prompts/config/default_prompts.yaml', 'templates.agent_coordinator.template', 'jinja', '{{objective}}'),
    ('prompts/config/default_prompts.yaml', 'environments.production.global_prompts[0].suffix_prompt', None, None),
    ('prompts/config_examples/ab_testing/template_comparison_config.yaml', 'prompts.templates.qa_enhanced.template', None, None),
    ('prompts/config_examples/basic/multi_template_config.yaml', 'prompts.templates.document_summary.template', None, None),
    ('prompts/config_examples/basic/multi_template_config.yaml', 'prompts.templates.detailed_analysis.template', None, None),
    ('prompts/config_examples/basic/simple_qa_config.yaml', 'prompts.templates.qa_basic.template', None, None),
    ('prompts/config_examples/domain_specific/legal_config.yaml', 'prompts.config.templates.legal_analysis.template', None, None),
    ('prompts/config_examples/domain_specific/legal_config.yaml', 'prompts.config.templates.contract_review.template', None, None),
    ('prompts/config_examples/domain_specific/medical_config.yaml', 'prompts.config.templates.medical_qa.template', None, None),
    ('prompts/config_examples/domain_specific/medical_config.yaml', 'prompts.config.templates.clinical_summary.template', None, None),
    ('prompts/templates/advanced/ab_testing.yaml', 'template', 'jinja', '{{ test_description }}'),
    ('prompts/templates/advanced/chain_of_thought.yaml', 'template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/templates/advanced/comparative_analysis.yaml', 'template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/templates/agentic/agent_coordinator.yaml', 'template', 'jinja', '{{objective}}'),
    ('prompts/templates/agentic/agent_reflection.yaml', 'template', 'jinja', '{{task_description}}'),
    ('prompts/templates/agentic/tool_execution.yaml', 'template', 'jinja', '{{action}}'),
    ('prompts/templates/agentic/tool_planning.yaml', 'template', 'jinja', '{{goal}}'),
    ('prompts/templates/agentic/tool_selection.yaml', 'template', 'jinja', '{{objective}}'),
    ('prompts/templates/agentic/workflow_orchestration.yaml', 'template', 'jinja', '{{workflow_name}}'),
    ('prompts/templates/basic/qa_basic.yaml', 'template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/templates/basic/qa_detailed.yaml', 'template', 'jinja', '{{ context | format_documents(max_length=2000) }}'),
    ('prompts/templates/basic/summarization.yaml', 'template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/templates/chat/assistant_basic.yaml', 'template', 'jinja', '{% if context %}'),
    ('prompts/templates/domain_specific/code_analysis.yaml', 'template', 'jinja', '{{ context }}'),
    ('prompts/templates/domain_specific/llm_judge.yaml', 'template', 'jinja', '{{ original_query }}'),
    ('prompts/templates/domain_specific/medical_qa.yaml', 'template', 'jinja', '{{ context | format_documents }}'),
    ('prompts/templates/domain_specific/prompt_evaluation.yaml', 'template', 'jinja', '{{ prompt_template }}'),
    ('prompts/templates/domain_specific/rag_evaluation.yaml', 'template', 'jinja', '{{ query }}'),
    ('prompts/templates/domain_specific/response_scoring.yaml', 'template', 'jinja', '{{ query }}'),
    ('prompts/templates/few_shot/few_shot_classification.yaml', 'template', 'jinja', '{{ examples }}'),
]
LLAMAFARM_NEUTRAL = [
]

LLMLING = [
    ('docs/advanced/agui_example.yml', 'agents.local_assistant.system_prompt', None, None),
    ('docs/advanced/agui_example.yml', 'agents.coordinator.system_prompt', None, None),
    ('docs/configuration/prompts_example.yml', 'prompts.system_prompts.expert_analyst.content', None, None),
    ('docs/configuration/prompts_example.yml', 'prompts.system_prompts.step_by_step.content', None, None),
    ('docs/configuration/prompts_example.yml', 'agents.analyst.system_prompt[0]', None, None),
    ('docs/examples/create_docs/config.yml', 'agents.file_scanner.system_prompt', None, None),
    ('docs/examples/create_docs/config.yml', 'agents.doc_writer.system_prompt', None, None),
    ('docs/examples/create_docs/config.yml', 'agents.error_checker.system_prompt', None, None),
    ('docs/examples/crewai_flow/config.yml', 'agents.city_picker.system_prompt', None, None),
    ('docs/examples/crewai_flow/config.yml', 'agents.fact_finder.system_prompt', None, None),
    ('docs/examples/download_agents/config.yml', 'agents.fan.system_prompt', None, None),
    ('docs/examples/download_agents/config.yml', 'agents.file_getter_1.system_prompt', None, None),
    ('docs/examples/download_agents/config.yml', 'agents.overseer.system_prompt', None, None),
    ('docs/examples/download_agents/config.yml', 'agents.file_getter_2.system_prompt', None, None),
    ('docs/examples/download_workers/config.yml', 'agents.overseer.system_prompt', None, None),
    ('docs/examples/download_workers/config.yml', 'agents.file_getter_1.system_prompt', None, None),
    ('docs/examples/download_workers/config.yml', 'agents.file_getter_2.system_prompt', None, None),
    ('docs/examples/human_interaction/config.yml', 'agents.assistant.system_prompt', None, None),
    ('docs/examples/mcp_servers_yaml/config.yml', 'agents.picker.system_prompt', None, None),
    ('docs/examples/mcp_servers_yaml/config.yml', 'agents.analyzer.system_prompt', None, None),
    ('docs/examples/model_comparison/config.yml', 'agents.overseer.system_prompt', None, None),
    ('docs/examples/pick_experts/config.yml', 'agents.coordinator.system_prompt', None, None),
    ('docs/examples/round_robin/config.yml', 'prompts.system_prompts.word_chain.content', None, None),
    ('docs/examples/structured_response/config.yml', 'agents.yaml_analyzer.system_prompt', None, None),
    ('docs/examples/structured_response/config.yml', 'agents.python_analyzer.system_prompt', None, None),
    ('docs/getting-started/example_simple.yml', 'agents.url_opener.system_prompt', None, None),
    ('docs/getting-started/example_structured.yml', 'agents.code_reviewer.system_prompt', None, None),
    ('docs/getting-started/example_tools.yml', 'agents.file_manager.system_prompt', None, None),
    ('src/agentpool/config_resources/acp_assistant.yml', 'agents.assistant.system_prompt[0]', None, None),
    ('src/agentpool/config_resources/agents.yml', 'agents.url_opener.system_prompt[0]', None, None),
    ('src/agentpool/config_resources/agents.yml', 'agents.system_inspector.system_prompt[0]', None, None),
    ('src/agentpool/config_resources/agents.yml', 'agents.system_inspector.system_prompt[1]', None, None),
    ('src/agentpool/config_resources/agents.yml', 'agents.file_explorer.system_prompt[0]', None, None),
    ('src/agentpool/config_resources/agents_template.yml', 'agents.simple_agent.system_prompt', None, None),
    ('src/agentpool/config_resources/agents_template.yml', 'agents.simple_agent_2.system_prompt', None, None),
    ('src/agentpool/config_resources/agents_template.yml', 'agents.simple_agent_3.system_prompt', None, None),
    ('src/agentpool/config_resources/tts_test_agents.yml', 'agents.tts_sync_sentence.system_prompt[0]', None, None),
    ('src/agentpool/config_resources/tts_test_agents.yml', 'agents.tts_sync_run.system_prompt[0]', None, None),
    ('src/agentpool/config_resources/tts_test_agents.yml', 'agents.tts_async_queue.system_prompt[0]', None, None),
    ('src/agentpool/config_resources/tts_test_agents.yml', 'agents.tts_async_cancel.system_prompt[0]', None, None),
    ('src/agentpool/config_resources/claude_style_subagent.md', '', None, None),
    ('src/agentpool/config_resources/opencode_style_subagent.md', '', None, None),
    ('src/agentpool/prompts/parts/zed.md', '', None, None),
    ('AGENTS.md', '', None, None),
    ('src/agentpool/text_templates/system_prompt.jinja', '', 'jinja', '{%- if inject_agent_info and agent.name %}'),
]
LLMLING_NEUTRAL = [
]

FORGE = [
    ('templates/forge-commit-message-prompt.md', '', None, None),
    ('templates/forge-doom-loop-reminder.md', '', 'handlebars', '{{consecutive_calls}}'),
    ('templates/forge-pending-todos-reminder.md', '', 'handlebars', '{{#each todos}}'),
    ('templates/forge-system-prompt-title-generation.md', '', None, None),
    ('templates/forge-tool-retry-message.md', '', 'handlebars', '{{attempts_left}}'),
    ('crates/forge_repo/src/agents/forge.md', '', 'handlebars', '{{tool_names.todo_write}}'),
    ('crates/forge_repo/src/agents/muse.md', '', None, None),
    ('crates/forge_repo/src/agents/sage.md', '', None, None),
    ('commands/github-pr-description.md', '', 'handlebars', '{{parameters}}'),
    ('crates/forge_repo/src/skills/create-skill/SKILL.md', '', 'handlebars', '{{local_skills_path}}'),
    ('crates/forge_repo/src/skills/execute-plan/SKILL.md', '', None, None),
    ('crates/forge_repo/src/skills/github-pr-description/SKILL.md', '', None, None),
    ('AGENTS.md', '', None, None),
    ('crates/forge_app/src/dto/anthropic/transforms/claude_code.md', '', None, None),
]
FORGE_NEUTRAL = [
    ('templates/forge-command-generator-prompt.md', ''),
    ('templates/forge-custom-agent-template.md', ''),
    ('templates/forge-partial-skill-instructions.md', ''),
    ('templates/forge-partial-summary-frame.md', ''),
    ('templates/forge-partial-system-info.md', ''),
    ('templates/forge-partial-tool-error-reflection.md', ''),
    ('templates/forge-partial-tool-use-example.md', ''),
]


LLMLING_NEUTRAL += [
    ("src/agentpool/text_templates/tool_call_default.jinja", ""),
    ("src/agentpool/text_templates/tool_call_markdown.jinja", ""),
    ("src/agentpool/text_templates/tool_call_simple.jinja", ""),
]
LLAMAFARM_NEUTRAL += [("prompts/tests/", "")]
FORGE_NEUTRAL += [
    ("crates/forge_domain/src/tools/descriptions/", ""), ("crates/forge_repo/src/fixtures/", ""),
    ("crates/forge_services/src/fixtures/", ""), ("crates/forge_app/src/fixtures/", ""),
    ("crates/forge_domain/src/fixtures/", ""), ("crates/forge_display/src/fixtures/", ""),
    ("crates/forge_app/src/dto/openai/fixtures/", ""), ("crates/forge_app/src/dto/openai/responses.jsonl", ""),
    ("crates/forge_domain/tests/", ""), (".forge/", ""), (".github/", ""),
    ("benchmarks/evals/semantic_search_quality/test_context.json", ""),
]

PROJECTS = {
    "llama-farm/llamafarm": {"scope": ["prompts/", "config/templates/"], "labels": LLAMAFARM, "neutral": LLAMAFARM_NEUTRAL},
    "phil65/llmling-agent": {"scope": ["src/agentpool/", "docs/", "AGENTS.md"], "labels": LLMLING,
                             "neutral": LLMLING_NEUTRAL},
    "antinomyhq/forge": {"scope": [""], "labels": FORGE, "neutral": FORGE_NEUTRAL},
}
