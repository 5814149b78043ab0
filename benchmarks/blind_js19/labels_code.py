"""Hand labels for the nineteenth blind prompt-discovery run (issue #11, JS/TS; helper blind11), written by reading the
trees BEFORE running pcache on them (no pcache output on these five trees was seen before this file was committed).
Same label form, prefix rules and scorer as blind_js9-18: each label is (file, line of the literal, hint, prefix);
prefix the text before the first variable as the code evaluates it (Node on the literal's source,
`benchmarks/blind_js6/literal_prefix.py`), None when the prompt has no variable. A `${CONST}` of a module constant is
its text, not a variable (zod-gpt's `${FunctionName}`, 'print': its two auto-heal texts have no variable).
User turns written in code count (zod-gpt's auto-heal turns, the testing agent's "continue").
A literal that only splices a prompt constant with values or an optional line (the starter app's
`${DEVELOPER_PROMPT.trim()}\n\nToday is ${dayName}, ...`, the testing agent's `${cuaPrompt} ${envInstructions ? ...}`)
is a composition: NEUTRAL, its constant is the labelled prompt.
NEUTRAL also: data headers around values (`INSTRUCTIONS:\n${...}`, "Context: " + ..., zod-gpt's issue lines), tool,
connector and function descriptions (the Python rounds' rule; set 18 had called tool descriptions not prompts),
tool results, a form's default task that becomes a value of another prompt (the testing demo's TEST_CASE), the
nested per-file literal of ai-analyst's prompt.
Not prompts (reported, they are false positives): a greeting only displayed in the chat (the starter app's
INITIAL_MESSAGE, kept in `chatMessages`, never in `conversationItems`), UI texts, status texts emitted to the
browser (`socket.emit("message", ...)`), log and error texts, image data URLs.
Projects (claimed in /work/claimed-projects.txt before opening; none in earlier sets, fixtures or labels, none held
out or a fork of one; licences read first): openai/openai-responses-starter-app (MIT), e2b-dev/ai-analyst
(Apache-2.0), Nutlope/llama-ocr (MIT in package.json), dzhng/zod-gpt (MIT), openai/openai-testing-agent-demo (MIT).
Released after opening, no licence: vercel-labs/ai-sdk-computer-use, vercel-labs/ai-sdk-preview-internal-knowledge-base,
mckaywrigley/clarity-ai (never labelled).
Scopes (FPs are counted inside them only): starter app `config/ lib/ components/ stores/ app/`; ai-analyst
`app/ lib/ components/`; llama-ocr `src/`; zod-gpt `src/`; testing demo `cua-server/src/ frontend/`.
Trees: each mirror's HEAD, extracted file by file (`blind_js11/extract.py`), under /tmp/blindjs19/<owner>+<name>.
Labelled against main 1c81f65 (the code to be scanned); no rule was written after reading these trees.
Score: python benchmarks/blind_js4/measure.py PROJECT ROOT SCAN_JSON benchmarks/blind_js19/labels_code.py
"""

PROJECTS = {'Nutlope/llama-ocr (src/)': {'commit': '1b588159ed5351a8b40c3c0dba10e1834e706f75',
                              'labels': [('src/index.ts', 36, 'systemPrompt', None)],
                              'neutral': []},
 'dzhng/zod-gpt (src/)': {'commit': '9be7db3375f6dd02f318547c07a6eab12b71ad80',
                          'labels': [('src/completion.ts',
                                      94,
                                      'systemMessage',
                                      'You will respond to ALL human messages in JSON. Make sure the '
                                      'response correctly follow the following JSON schema specifications:\n'
                                      '<json_schema>\n'),
                                     ('src/completion.ts', 119, '*', None),
                                     ('src/completion.ts', 171, '*', None),
                                     ('src/completion.ts',
                                      172,
                                      '*',
                                      'There is an issue with that response, please follow the JSON schema '
                                      'EXACTLY, the output must be valid parsable JSON: ')],
                          'neutral': [('src/completion.ts', 166, '*'),
                                      ('src/completion.ts', 169, '*'),
                                      ('src/completion.ts', 16, '*')]},
 'e2b-dev/ai-analyst (app/ lib/ components/)': {'commit': '33cdeab8688c2882a3655079a38eac0a527d59ca',
                                                'labels': [('lib/prompt.ts',
                                                            4,
                                                            'toPrompt',
                                                            '\n'
                                                            'You are a sophisticated python data '
                                                            'scientist/analyst.\n'
                                                            'You are provided with a question and a '
                                                            'dataset.\n'
                                                            'Generate a python script to be run in a Jupyter '
                                                            'notebook that calculates the result and renders '
                                                            'a plot.\n'
                                                            'Only one code block is allowed, use markdown '
                                                            'code blocks.\n'
                                                            'Install additional packages (using !pip syntax) '
                                                            'before importing them.\n'
                                                            '\n'
                                                            'The following libraries are already installed:\n'
                                                            '- jupyter\n'
                                                            '- numpy\n'
                                                            '- pandas\n'
                                                            '- matplotlib\n'
                                                            '- seaborn\n'
                                                            '- plotly (not supported yet)\n'
                                                            '\n'
                                                            'Files:\n')],
                                                'neutral': [('lib/prompt.ts', 20, '*')]},
 'openai/openai-responses-starter-app (config/ lib/ components/ stores/ app/)': {'commit': '0fae283f12ca3f71015cd9fa3f9b28df97e9ae21',
                                                                                 'labels': [('config/constants.ts',
                                                                                             4,
                                                                                             'DEVELOPER_PROMPT',
                                                                                             None)],
                                                                                 'neutral': [('config/constants.ts',
                                                                                              33,
                                                                                              '*'),
                                                                                             ('config/tools-list.ts',
                                                                                              0,
                                                                                              '*'),
                                                                                             ('lib/tools/connectors.ts',
                                                                                              0,
                                                                                              '*'),
                                                                                             ('app/api/functions/',
                                                                                              0,
                                                                                              '*')]},
 'openai/openai-testing-agent-demo (cua-server/src/ frontend/)': {'commit': 'd116b832cef59a47ac139bc8b36776e7a7d5a89e',
                                                                  'labels': [('cua-server/src/lib/constants.ts',
                                                                              1,
                                                                              'PROMPT_WITH_LOGIN',
                                                                              None),
                                                                             ('cua-server/src/lib/constants.ts',
                                                                              28,
                                                                              'PROMPT_WITHOUT_LOGIN',
                                                                              None),
                                                                             ('cua-server/src/lib/constants.ts',
                                                                              51,
                                                                              'TEST_SCRIPT_REVIEW_PROMPT',
                                                                              None),
                                                                             ('cua-server/src/services/openai-cua-client.ts',
                                                                              11,
                                                                              'cuaPrompt',
                                                                              None),
                                                                             ('cua-server/src/lib/computer-use-loop.ts',
                                                                              103,
                                                                              '*',
                                                                              None)],
                                                                  'neutral': [('cua-server/src/services/openai-cua-client.ts',
                                                                               141,
                                                                               '*'),
                                                                              ('cua-server/src/services/openai-cua-client.ts',
                                                                               158,
                                                                               '*'),
                                                                              ('cua-server/src/services/openai-cua-client.ts',
                                                                               33,
                                                                               '*'),
                                                                              ('cua-server/src/handlers/test-case-initiation-handler.ts',
                                                                               32,
                                                                               '*'),
                                                                              ('cua-server/src/handlers/test-case-initiation-handler.ts',
                                                                               47,
                                                                               '*'),
                                                                              ('cua-server/src/agents/test-script-review-agent.ts',
                                                                               75,
                                                                               '*'),
                                                                              ('cua-server/src/agents/test-script-review-agent.ts',
                                                                               207,
                                                                               '*'),
                                                                              ('frontend/lib/constants.ts',
                                                                               1,
                                                                               '*')]}}
