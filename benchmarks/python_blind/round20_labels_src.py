# Blind round 20 label source (issue #11, Python sources, session 8), written BY READING THE CODE before pcache
# ran on these trees; emit_labels.py turns it into round20_labels.toml.
import os

HEADER = """\
# Blind round 20 (issue #11, Python sources, session 8): hand labels written BY READING THE CODE, committed before
# pcache was run on these trees.  The first run is with the round-19 rules (main after src-py9's round-19 and
# cross-file work).  Project never used before in this repository (checked against /work/claimed-projects.txt,
# benchmarks/, tests/fixtures/SOURCES.md and the eval labels), not held out, no fork of a held-out project:
#
#   raaid  ai-christianson/RA.Aid @ 4b32edc21de6c4548496f842a7796ff534d85a1b  folders ra_aid/prompts and ra_aid/agents,
#          scanned together (a coding agent on LangGraph: str.format templates in a prompts package, formatted and
#          run by the agents)
#
# Same labelling rule as round3_labels.toml (neutral: values of another prompt's variable, data headers,
# compositions, few-shot examples, tool and output-field descriptions, tool results).  Notes:
# - The *_SECTION_* constants (expert, human, web research), NEW_PROJECT_HINTS and DEFAULT_CUSTOM_TOOLS_PROMPT are the
#   values of the templates' {expert_section}, {human_section}, {web_research_section}, {new_project_hints},
#   {custom_tools_section} fields (neutral); so are the agents' `_get_research_only_note` returns, `expert_guidance`
#   and `expert_guidance_section`, and `base_task` (a data header around the user's input).
# - RESEARCH_COMMON_PROMPT_HEADER is included by RESEARCH_PROMPT and RESEARCH_ONLY_PROMPT (`HEADER + "..."`): the two
#   compositions are labelled (their text starts with the header), the header alone is neutral.
# - Every template of the prompts package is filled with str.format (the agents, __main__.py and the CIAYN backend
#   call .format); unused ones (EXTRACT_TOOL_CALL_PROMPT, CIAYN_AGENT_HUMAN_PROMPT, NO_TOOL_CALL_PROMPT,
#   KEY_FACTS_CLEANER_PROMPT, RESEARCH_NOTES_GC_PROMPT) are labelled as prompts of a prompts module.
# - research_notes_gc_agent.py writes its own prompt as an f-string local (`prompt = f\"\"\"You are a Research Notes
#   Cleaner agent ...`), run with run_agent_with_retry(agent, prompt, ...).
# - The @tool functions' returned messages (success_msg, not_found_msg, protected_msg ...) are tool results (neutral).
# NOT prompts (false positives if reported): console_panel / cpm / Panel texts, log messages, exceptions.
"""

ROOTS = {"raaid": "RA.Aid/"}
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind20/")
FMT = {"fmt": True}
P = "ra_aid/prompts/"

PROMPTS = [
 ("raaid", P + "chat_prompts.py", "CHAT_PROMPT", None, FMT),
 ("raaid", P + "ciayn_prompts.py", "EXTRACT_TOOL_CALL_PROMPT", None, FMT),
 ("raaid", P + "ciayn_prompts.py", "CIAYN_AGENT_SYSTEM_PROMPT", None, FMT),
 ("raaid", P + "ciayn_prompts.py", "CIAYN_AGENT_HUMAN_PROMPT", None, FMT),
 ("raaid", P + "ciayn_prompts.py", "NO_TOOL_CALL_PROMPT", None, {}),
 ("raaid", P + "implementation_prompts.py", "IMPLEMENTATION_PROMPT", None, FMT),
 ("raaid", P + "key_facts_cleaner_prompts.py", "KEY_FACTS_CLEANER_PROMPT", None, FMT),
 ("raaid", P + "key_facts_gc_prompts.py", "KEY_FACTS_GC_PROMPT", None, FMT),
 ("raaid", P + "key_snippets_gc_prompts.py", "KEY_SNIPPETS_GC_PROMPT", None, FMT),
 ("raaid", P + "planning_prompts.py", "PLANNING_PROMPT", None, FMT),
 ("raaid", P + "reasoning_assist_prompt.py", "REASONING_ASSIST_PROMPT_PLANNING", None, FMT),
 ("raaid", P + "reasoning_assist_prompt.py", "REASONING_ASSIST_PROMPT_IMPLEMENTATION", None, FMT),
 ("raaid", P + "reasoning_assist_prompt.py", "REASONING_ASSIST_PROMPT_RESEARCH", None, FMT),
 ("raaid", P + "research_notes_gc_prompts.py", "RESEARCH_NOTES_GC_PROMPT", None, FMT),
 ("raaid", P + "research_prompts.py", "RESEARCH_PROMPT", 131, {"before": "Current Date: "}),
 ("raaid", P + "research_prompts.py", "RESEARCH_ONLY_PROMPT", 188, {"before": "Current Date: "}),
 ("raaid", P + "web_research_prompts.py", "WEB_RESEARCH_PROMPT", None, FMT),
 ("raaid", "ra_aid/agents/research_notes_gc_agent.py", "run_research_notes_gc_agent.prompt", 237, {}),
]

NEUTRAL = [
 ("raaid", P + "expert_prompts.py", "EXPERT_PROMPT_SECTION_* (values of {expert_section})", 10),
 ("raaid", P + "human_prompts.py", "HUMAN_PROMPT_SECTION_* (values of {human_section})", 10),
 ("raaid", P + "web_research_prompts.py", "WEB_RESEARCH_PROMPT_SECTION_* (values of {web_research_section})", 5),
 ("raaid", P + "common_prompts.py", "NEW_PROJECT_HINTS (value of {new_project_hints})", 10),
 ("raaid", P + "custom_tools_prompts.py", "DEFAULT_CUSTOM_TOOLS_PROMPT (value of {custom_tools_section})", 5),
 ("raaid", P + "research_prompts.py", "RESEARCH_COMMON_PROMPT_HEADER (included by the two research prompts)", 15),
 ("raaid", "ra_aid/agents/planning_agent.py", "_get_research_only_note returns, expert_guidance", 63),
 ("raaid", "ra_aid/agents/research_agent.py", "_get_research_only_note returns, expert_guidance(_section), base_task", 69),
 ("raaid", "ra_aid/agents/key_facts_gc_agent.py", "tool results of delete_key_facts (and the snippets/notes twins)", 107),
]
