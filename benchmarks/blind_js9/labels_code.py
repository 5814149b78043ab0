"""Hand labels for the ninth blind prompt-discovery run (issue #11, JS/TS), written by reading the
trees BEFORE running pcache on them (no pcache output on these four trees was seen before this file
was committed). Same label form, prefix rules and scorer as blind_js6 (see its labels_code.py): each
label is (file, line of the literal, hint, prefix); prefix the text before the first variable as the
code evaluates it (Node on the literal's source before its first `${`, a constant literal of the
project taken as its text: codebuff's `codebuffConfigFile` = 'codebuff.json'; `.trim()` applied where
the code applies it), None when the prompt has no variable. A call with arguments (`closeXml('path')`,
`schemaToJsonStr(...)`) and a runtime placeholder (`PLACEHOLDER.AGENT_NAME`, whose value the agent
runtime replaces) are variables. A `+` composition that opens with a variable has prefix "".
A fragment counts when the code sends it on its own or as a section; an array of lines joined into
one prompt is one prompt (its items neutral), and a constant array spread into such a joined list is
a section (voltagent's `defaultGuidelines`).
Agent instruction files (`AGENTS.md`) count, as earlier rounds' reviews counted them.
NEUTRAL: message headers with a value (HyperAgent's `=== Final Goal ===\n${task}\n` messages), records
and formatted lists, all-variable compositions, tool/handoff/agent descriptions and zod `describe`s,
tool results, nested alternatives of a conditional inside a prompt (codebuff's truncation notes),
example-session turns other than the system message (chatbox `initial_data.ts`), UI translations and
placeholders, unused prompt files, test mocks.
Scopes: HyperAgent `src/`; chatbox `src/`; codebuff `.agents/prompts/` and `backend/src/system-prompt/`;
voltagent `packages/core/src/agent/subagent/`, `packages/core/src/planagent/` and
`packages/core/src/agent/apply-summarization.ts`. Trees: each mirror's HEAD, extracted file by file.
Score: python benchmarks/blind_js4/measure.py PROJECT ROOT SCAN_JSON benchmarks/blind_js9/labels_code.py
"""

PROJECTS = {'hyperbrowserai/HyperAgent (src/)': {'commit': 'a725cac7cefaed9c0000fe89a0ea7ead5ce70f6a',
                                      'labels': [('src/agent/messages/system-prompt.ts',
                                                  12,
                                                  'SYSTEM_PROMPT',
                                                  'You are a web automation assistant that helps users '
                                                  'complete tasks on websites.\n'
                                                  '\n'
                                                  'Your goal is to accomplish the task by breaking it down '
                                                  'into steps and using the available actions.\n'
                                                  '\n'
                                                  '# World State\n'
                                                  'The current Date is '),
                                                 ('src/agent/messages/input-format.ts',
                                                  1,
                                                  'INPUT_FORMAT',
                                                  None),
                                                 ('src/agent/messages/output-format.ts',
                                                  1,
                                                  'OUTPUT_FORMAT',
                                                  None),
                                                 ('src/agent/messages/examples-actions.ts',
                                                  1,
                                                  'EXAMPLE_ACTIONS',
                                                  None),
                                                 ('src/agent/examine-dom/prompts.ts',
                                                  10,
                                                  'buildExamineDomSystemPrompt',
                                                  None),
                                                 ('src/agent/examine-dom/prompts.ts',
                                                  39,
                                                  'instruction',
                                                  'Find the most relevant element to perform an action on '
                                                  'given the following action: '),
                                                 ('src/agent/examine-dom/prompts.ts',
                                                  64,
                                                  'buildExamineDomUserPrompt',
                                                  'instruction: '),
                                                 ('src/agent/tools/agent.ts',
                                                  410,
                                                  'content',
                                                  'Note: Previous steps had schema validation errors. Learn '
                                                  'from these:\n'),
                                                 ('src/agent/tools/agent.ts',
                                                  503,
                                                  'content',
                                                  'The previous response failed validation. Zod validation '
                                                  'errors:\n'
                                                  '```json\n'),
                                                 ('src/agent/actions/extract.ts',
                                                  65,
                                                  'text',
                                                  'Extract the following information from the page according '
                                                  'to this objective: "'),
                                                 ('src/agent/index.ts',
                                                  1604,
                                                  '*',
                                                  'You have to perform an extraction on the current page. '
                                                  'You have to perform the extraction according to the '
                                                  'task: '),
                                                 ('src/agent/index.ts', 1626, '*', None),
                                                 ('src/AGENTS.md', 1, '*', None),
                                                 ('src/agent/AGENTS.md', 1, '*', None),
                                                 ('src/browser-providers/AGENTS.md', 1, '*', None),
                                                 ('src/cdp/AGENTS.md', 1, '*', None),
                                                 ('src/cli/AGENTS.md', 1, '*', None),
                                                 ('src/context-providers/AGENTS.md', 1, '*', None),
                                                 ('src/custom-actions/AGENTS.md', 1, '*', None),
                                                 ('src/debug/AGENTS.md', 1, '*', None),
                                                 ('src/llm/AGENTS.md', 1, '*', None),
                                                 ('src/types/AGENTS.md', 1, '*', None),
                                                 ('src/utils/AGENTS.md', 1, '*', None)],
                                      'neutral': [('src/agent/messages/builder.ts', 0, '*'),
                                                  ('src/agent/tools/agent.ts', 500, '*'),
                                                  ('src/agent/shared/action-restrictions.ts', 0, '*'),
                                                  ('src/agent/actions/', 0, '*'),
                                                  ('src/custom-actions/', 0, '*'),
                                                  ('src/agent/mcp/', 0, '*')]},
 'Bin-Huang/chatbox (src/)': {'commit': 'f6a7939d06e9210fb689603c91ad749620a038fd',
                              'labels': [('src/shared/defaults.ts', 68, 'getDefaultPrompt', None),
                                         ('src/renderer/packages/prompts.ts',
                                          9,
                                          'content',
                                          'Based on the chat history, give this conversation a name.\n'
                                          'Keep it short - 10 characters max, no quotes.\n'
                                          'Use '),
                                         ('src/renderer/packages/models/openai.ts',
                                          290,
                                          'metadataPrompt',
                                          '\nCurrent model: '),
                                         ('src/renderer/packages/models/siliconflow.ts',
                                          151,
                                          '*',
                                          'Current model: '),
                                         ('src/renderer/packages/initial_data.ts', 13, 'content', None),
                                         ('src/renderer/packages/initial_data.ts', 26, 'content', None),
                                         ('src/renderer/packages/initial_data.ts', 66, 'content', None),
                                         ('src/renderer/packages/initial_data.ts', 94, 'content', None),
                                         ('src/renderer/packages/initial_data.ts', 122, 'content', None),
                                         ('src/renderer/packages/initial_data.ts', 150, 'content', None),
                                         ('src/renderer/packages/initial_data.ts', 215, 'content', None),
                                         ('src/renderer/packages/initial_data.ts', 243, 'content', None),
                                         ('src/renderer/packages/initial_data.ts', 271, 'content', None)],
                              'neutral': [('src/renderer/packages/initial_data.ts', 0, '*'),
                                          ('src/renderer/i18n/', 0, '*')]},
 'CodebuffAI/codebuff (.agents/prompts/ backend/src/system-prompt/)': {'commit': 'da0d57111a3501e2056b7aab2ce8a1fe233649e9',
                                                                       'labels': [('.agents/prompts/base-prompts.ts',
                                                                                   13,
                                                                                   'baseAgentSystemPrompt',
                                                                                   '# Persona: '),
                                                                                  ('.agents/prompts/base-prompts.ts',
                                                                                   231,
                                                                                   'baseAgentUserInputPrompt',
                                                                                   ''),
                                                                                  ('.agents/prompts/base-prompts.ts',
                                                                                   306,
                                                                                   'baseAgentAgentStepPrompt',
                                                                                   '<system>\nYou have '),
                                                                                  ('.agents/prompts/ask-prompts.ts',
                                                                                   11,
                                                                                   'askAgentSystemPrompt',
                                                                                   '# Persona: Buffy - The '
                                                                                   'Enthusiastic Coding '
                                                                                   'Assistant\n'
                                                                                   '\n'
                                                                                   '**Your core identity is '
                                                                                   'Buffy.** Buffy is an '
                                                                                   'expert coding assistant '
                                                                                   'who is enthusiastic, '
                                                                                   'proactive, and helpful.\n'
                                                                                   '\n'
                                                                                   '- **Tone:** Maintain a '
                                                                                   'positive, friendly, and '
                                                                                   'helpful tone. Use clear '
                                                                                   'and encouraging '
                                                                                   'language.\n'
                                                                                   '- **Clarity & '
                                                                                   'Conciseness:** Explain '
                                                                                   'your steps clearly but '
                                                                                   'concisely. Say the least '
                                                                                   'you can to get your '
                                                                                   'point across. If you '
                                                                                   'can, answer in one '
                                                                                   'sentence only. Do not '
                                                                                   'summarize changes. End '
                                                                                   'turn early.\n'
                                                                                   '\n'
                                                                                   'You are working on a '
                                                                                   'project over multiple '
                                                                                   '"iterations," '
                                                                                   'reminiscent of the movie '
                                                                                   '"Memento," aiming to '
                                                                                   "accomplish the user's "
                                                                                   'request.\n'
                                                                                   '\n'
                                                                                   '# Agents\n'
                                                                                   '\n'
                                                                                   'Use the spawn_agents '
                                                                                   'tool to spawn agents to '
                                                                                   'help you complete the '
                                                                                   'user request! Each agent '
                                                                                   'has a specific role and '
                                                                                   'can help you with '
                                                                                   'different parts of the '
                                                                                   'user request.\n'
                                                                                   '\n'
                                                                                   'You should spawn many '
                                                                                   'parallel agents in the '
                                                                                   'same tool call to '
                                                                                   'increase time '
                                                                                   'efficiency.\n'
                                                                                   '\n'
                                                                                   'Note that any spawned '
                                                                                   'agent starts with no '
                                                                                   'context at all, and it '
                                                                                   'is up to you to prompt '
                                                                                   'it with enough '
                                                                                   'information to complete '
                                                                                   'your request.\n'
                                                                                   '\n'
                                                                                   '# Files\n'
                                                                                   '\n'
                                                                                   'The `read_file` tool '
                                                                                   'result shows files you '
                                                                                   'have previously read '
                                                                                   'from `read_files` tool '
                                                                                   'calls.\n'
                                                                                   '\n'
                                                                                   'If you write to a file, '
                                                                                   'or if the user modifies '
                                                                                   'a file, new copies of a '
                                                                                   'file will be included in '
                                                                                   '`read_file` tool '
                                                                                   'results.\n'
                                                                                   '\n'
                                                                                   'Thus, multiple copies of '
                                                                                   'the same file may be '
                                                                                   'included over the course '
                                                                                   'of a conversation. Each '
                                                                                   'represents a distinct '
                                                                                   'version in chronological '
                                                                                   'order.\n'
                                                                                   '\n'
                                                                                   'Important:\n'
                                                                                   '\n'
                                                                                   '- Pay particular '
                                                                                   'attention to the last '
                                                                                   'copy of a file as that '
                                                                                   'one is current!\n'
                                                                                   '- You are not the only '
                                                                                   'one making changes to '
                                                                                   'files. The user may '
                                                                                   'modify files too, and '
                                                                                   'you will see the latest '
                                                                                   'version of the file '
                                                                                   'after their changes. You '
                                                                                   'must base you future '
                                                                                   'write_file/str_replace '
                                                                                   'edits off of the latest '
                                                                                   'changes. You must try to '
                                                                                   'accommodate the changes '
                                                                                   'that the user has made '
                                                                                   'and treat those as '
                                                                                   'explicit instructions to '
                                                                                   'follow. If they add '
                                                                                   'lines of code or delete '
                                                                                   'them, you should assume '
                                                                                   'they want the file to '
                                                                                   'remain modified that way '
                                                                                   'unless otherwise noted.\n'
                                                                                   '\n'
                                                                                   '# Subgoals\n'
                                                                                   '\n'
                                                                                   'First, create and edit '
                                                                                   'subgoals if none exist '
                                                                                   'and pursue the most '
                                                                                   'appropriate one. This '
                                                                                   'one of the few ways you '
                                                                                   'can "take notes" in the '
                                                                                   'Memento-esque '
                                                                                   'environment. This is '
                                                                                   'important, as you may '
                                                                                   'forget what happened '
                                                                                   'later! Use the '
                                                                                   '`add_subgoal` and '
                                                                                   '`update_subgoal` tools '
                                                                                   'for this.\n'
                                                                                   '\n'
                                                                                   'Notes:\n'
                                                                                   '\n'
                                                                                   '- Try to phrase the '
                                                                                   'subgoal objective first '
                                                                                   'in terms of observable '
                                                                                   'behavior rather than how '
                                                                                   'to implement it, if '
                                                                                   'possible. The subgoal is '
                                                                                   'what you are solving, '
                                                                                   'not how you are solving '
                                                                                   'it.\n'
                                                                                   '\n'
                                                                                   '# System Messages\n'
                                                                                   '\n'
                                                                                   'Messages from the system '
                                                                                   'are surrounded by '
                                                                                   '<system>'),
                                                                                  ('.agents/prompts/ask-prompts.ts',
                                                                                   156,
                                                                                   'askAgentUserInputPrompt',
                                                                                   ''),
                                                                                  ('.agents/prompts/ask-prompts.ts',
                                                                                   201,
                                                                                   'askAgentAgentStepPrompt',
                                                                                   '<system>\nYou have '),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   18,
                                                                                   'configSchemaPrompt',
                                                                                   '# Codebuff Configuration '
                                                                                   '(codebuff.json)\n'
                                                                                   '\n'
                                                                                   '## Schema\n'
                                                                                   '\n'
                                                                                   'The following describes '
                                                                                   'the structure of the '
                                                                                   '`./codebuff.json` '
                                                                                   'configuration file that '
                                                                                   'users might have in '
                                                                                   'their project root. You '
                                                                                   'can use this to '
                                                                                   'understand user settings '
                                                                                   'if they mention them.\n'
                                                                                   '\n'),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   36,
                                                                                   'knowledgeFilesPrompt',
                                                                                   None),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   85,
                                                                                   'initPrompt',
                                                                                   None),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   112,
                                                                                   'compactPrompt',
                                                                                   None),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   119,
                                                                                   'exportPrompt',
                                                                                   'User has typed "export". '
                                                                                   'Export the current '
                                                                                   "conversation. (It's ok "
                                                                                   'to proceed even if in '
                                                                                   '"Ask" mode because of '
                                                                                   'user change to "Export" '
                                                                                   'mode).\n'
                                                                                   '\n'
                                                                                   '1. Summarize the entire '
                                                                                   'conversation up to this '
                                                                                   'point from the message '
                                                                                   'history (excluding this '
                                                                                   "'export' command) into a "
                                                                                   'new file.\n'
                                                                                   '2. The summary MUST be '
                                                                                   'in Markdown format.\n'
                                                                                   '3. The summary MUST '
                                                                                   'include:\n'
                                                                                   '   - All key decisions '
                                                                                   'made during the '
                                                                                   'conversation.\n'
                                                                                   '   - All significant '
                                                                                   'file changes. If you '
                                                                                   'have access to '
                                                                                   'write_file blocks from '
                                                                                   'our history, reproduce '
                                                                                   'their paths and content '
                                                                                   'accurately. If you only '
                                                                                   'have diffs or '
                                                                                   'descriptions of changes, '
                                                                                   'summarize those.\n'
                                                                                   '   - The reasoning '
                                                                                   'behind those decisions '
                                                                                   'and changes.\n'
                                                                                   "4. Use the 'write_file' "
                                                                                   'tool to save this '
                                                                                   'Markdown summary to a '
                                                                                   'new file with a '
                                                                                   'generated name starting '
                                                                                   'with the prefix '
                                                                                   "'codebuff-export-' like "
                                                                                   "'codebuff-export-topic-of-conversation.md' "
                                                                                   'in the project root '
                                                                                   'directory.\n'
                                                                                   '\n'
                                                                                   'Write file tool format:\n'
                                                                                   '\n'
                                                                                   '<write_file>\n'
                                                                                   '<path>codebuff-export-file-name.md'),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   169,
                                                                                   'getProjectFileTreePrompt',
                                                                                   '# Project file tree\n'
                                                                                   '\n'
                                                                                   'As Buffy, you have '
                                                                                   'access to all the files '
                                                                                   'in the project.\n'
                                                                                   '\n'
                                                                                   'The following is the '
                                                                                   'path to the project on '
                                                                                   "the user's computer. It "
                                                                                   'is also the current '
                                                                                   'working directory for '
                                                                                   'terminal commands:\n'
                                                                                   '<project_path>\n'),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   195,
                                                                                   'windowsNote',
                                                                                   None),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   205,
                                                                                   'getSystemInfoPrompt',
                                                                                   '# System Info\n'
                                                                                   '\n'
                                                                                   'Operating System: '),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   231,
                                                                                   'getGitChangesPrompt',
                                                                                   'Git Changes:\n'
                                                                                   '<git_status>\n'),
                                                                                  ('backend/src/system-prompt/prompts.ts',
                                                                                   251,
                                                                                   'gitCommitGuidePrompt',
                                                                                   None)],
                                                                       'neutral': [('backend/src/system-prompt/prompts.ts',
                                                                                    164,
                                                                                    '*'),
                                                                                   ('backend/src/system-prompt/prompts.ts',
                                                                                    166,
                                                                                    '*'),
                                                                                   ('backend/src/system-prompt/prompts.ts',
                                                                                    167,
                                                                                    '*'),
                                                                                   ('backend/src/system-prompt/prompts.ts',
                                                                                    185,
                                                                                    '*'),
                                                                                   ('backend/src/system-prompt/search-system-prompt.ts',
                                                                                    0,
                                                                                    '*'),
                                                                                   ('backend/src/system-prompt/truncate-file-tree.ts',
                                                                                    0,
                                                                                    '*'),
                                                                                   ('backend/src/system-prompt/agent-instructions.md',
                                                                                    0,
                                                                                    '*'),
                                                                                   ('.agents/prompts/base-prompts.ts',
                                                                                    0,
                                                                                    'buildArray')]},
 'VoltAgent/voltagent (packages/core/src/agent/subagent/ packages/core/src/planagent/ packages/core/src/agent/apply-summarization.ts)': {'commit': '3377f6d1fd05d86617f54628d785eef7c9c0a607',
                                                                                                                                         'labels': [('packages/core/src/agent/subagent/index.ts',
                                                                                                                                                     292,
                                                                                                                                                     'generateSupervisorSystemMessage',
                                                                                                                                                     'You '
                                                                                                                                                     'are '
                                                                                                                                                     'a '
                                                                                                                                                     'supervisor '
                                                                                                                                                     'agent '
                                                                                                                                                     'that '
                                                                                                                                                     'coordinates '
                                                                                                                                                     'between '
                                                                                                                                                     'specialized '
                                                                                                                                                     'agents:\n'
                                                                                                                                                     '\n'
                                                                                                                                                     '<specialized_agents>\n'),
                                                                                                                                                    ('packages/core/src/agent/subagent/index.ts',
                                                                                                                                                     261,
                                                                                                                                                     'defaultGuidelines',
                                                                                                                                                     None),
                                                                                                                                                    ('packages/core/src/planagent/planning/index.ts',
                                                                                                                                                     18,
                                                                                                                                                     'DEFAULT_PLANNING_PROMPT',
                                                                                                                                                     None),
                                                                                                                                                    ('packages/core/src/planagent/plan-agent.ts',
                                                                                                                                                     37,
                                                                                                                                                     'BASE_PROMPT',
                                                                                                                                                     None),
                                                                                                                                                    ('packages/core/src/planagent/plan-agent.ts',
                                                                                                                                                     45,
                                                                                                                                                     'PLANNING_SYSTEM_MESSAGE',
                                                                                                                                                     None),
                                                                                                                                                    ('packages/core/src/planagent/plan-agent.ts',
                                                                                                                                                     55,
                                                                                                                                                     'TASK_SYSTEM_PROMPT',
                                                                                                                                                     None),
                                                                                                                                                    ('packages/core/src/planagent/filesystem/index.ts',
                                                                                                                                                     40,
                                                                                                                                                     'FILESYSTEM_SYSTEM_PROMPT',
                                                                                                                                                     None),
                                                                                                                                                    ('packages/core/src/agent/apply-summarization.ts',
                                                                                                                                                     12,
                                                                                                                                                     'SUMMARY_SYSTEM_PROMPT',
                                                                                                                                                     None)],
                                                                                                                                         'neutral': [('packages/core/src/agent/subagent/index.ts',
                                                                                                                                                      249,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/agent/subagent/index.ts',
                                                                                                                                                      252,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/agent/subagent/index.ts',
                                                                                                                                                      289,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/agent/subagent/index.ts',
                                                                                                                                                      372,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/agent/subagent/test-utils.ts',
                                                                                                                                                      0,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/planagent/plan-agent.ts',
                                                                                                                                                      42,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/planagent/plan-agent.ts',
                                                                                                                                                      244,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/planagent/plan-agent.ts',
                                                                                                                                                      177,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/planagent/plan-agent.ts',
                                                                                                                                                      181,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/planagent/filesystem/',
                                                                                                                                                      0,
                                                                                                                                                      'DESCRIPTION'),
                                                                                                                                                     ('packages/core/src/agent/apply-summarization.ts',
                                                                                                                                                      420,
                                                                                                                                                      '*'),
                                                                                                                                                     ('packages/core/src/agent/apply-summarization.ts',
                                                                                                                                                      435,
                                                                                                                                                      '*')]}}
