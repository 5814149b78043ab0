"""Hand labels for the seventeenth blind prompt-discovery run (issue #11, JS/TS), written by reading the
trees BEFORE running pcache on them (no pcache output on these four trees was seen before this file
was committed). Same label form, prefix rules and scorer as blind_js9-16: each label is (file, line of
the literal, hint, prefix); prefix the text before the first variable as the code evaluates it (Node on
the literal's source, `benchmarks/blind_js6/literal_prefix.py`), None when the prompt has no variable.
A literal the code fills by `.replace('{field}', value)` has its first variable at that `{field}` (Azure's
`SYSTEM_MESSAGE_CHAT_CONVERSATION`, `{follow_up_questions_prompt}`); a `'text ' + value` concatenation's
prefix is its literal; an array of lines joined into one prompt (supermemory's MCP `context` prompt,
`parts.join("\n")`) has the prefix its joined items make before the first `${`.
A function returning a prompt is that prompt (xata's `updateDocumentPrompt`, both branches;
`getCloudProviderPrompt`, both cases; supermemory's `finalPrompt`). Fragments the code sends as sections count
(xata's `commonSystemPrompt`, `chatSystemPrompt`, `artifactsPrompt`; Azure's follow-up questions section).
Constant few-shot turns sent with every request count (Azure's `QUERY_PROMPT_FEW_SHOTS`, the ask approach's
`QUESTION`/`ANSWER` sample exchange). User turns written in code and sent by a click count (xata's suggested
actions, the artifact toolbars' `appendMessage({role: 'user', content})`), as does the user's request in an
example's code (supermemory's Claude memory-tool example). An MCP server's `instructions` and an MCP prompt's
message text are prompts (supermemory). The realtime console's `response.create` `instructions` is a prompt.
NEUTRAL: tool results (xata's playbooks returned by `getPlaybook`, dbinfo records; supermemory's MCP tool
result texts), headers around values (supermemory's `User Supermemories:`, `Search results for user's recent
message:`, profile sections; Azure's `${question}\n\nSources:\n${content}` user turns; the research prompt's
optional `Name:`/`Email:` records), an MCP prompt's error fallback text, memories appended to a system prompt.
Not prompts (reported, they are false positives): tool and schema descriptions (the realtime console's
`display_color_palette`, xata's and supermemory's tool descriptions), UI texts (suggested actions' titles,
toolbar descriptions), log and error texts, the debug `thoughts` HTML, test data, JSDoc examples.
Projects (claimed in /work/claimed-projects.txt before opening; none in earlier sets, fixtures or labels,
none held out or a fork of one; licences read first): xataio/agent (a Next.js Postgres agent, AI SDK;
Apache-2.0), openai/openai-realtime-console (a React app over the Realtime API; MIT),
Azure-Samples/azure-search-openai-javascript (a RAG sample, Fastify + OpenAI SDK; MIT),
supermemoryai/supermemory (a memory layer: SDK middlewares, MCP server, web app; MIT).
Scopes (FPs are counted inside them only): xata `apps/dbagent/src/lib/ apps/dbagent/src/components/
apps/dbagent/src/app/` (not its evals or playground); realtime console `client/ server.js`; Azure
`packages/search/src/` (the service that calls the model; not the web components); supermemory
`packages/tools/src/ apps/web/app/api/ apps/mcp/src/server/`.
Trees: each mirror's HEAD, extracted file by file (`blind_js11/extract.py`), under /tmp/blindjs17/<owner>+<name>.
Labelled against main 562f587 (the code to be scanned); no rule was written after reading these trees.
Score: python benchmarks/blind_js4/measure.py PROJECT ROOT SCAN_JSON benchmarks/blind_js17/labels_code.py
"""

PROJECTS = {'Azure-Samples/azure-search-openai-javascript (packages/search/src/)': {'commit': '6b50475d7cf5b5c3b7692d50c9aaaa599d0779a4',
                                                                         'labels': [('packages/search/src/lib/approaches/chat-read-retrieve-read.ts',
                                                                                     14,
                                                                                     'SYSTEM_MESSAGE_CHAT_CONVERSATION',
                                                                                     'Assistant helps the '
                                                                                     'Consto Real Estate '
                                                                                     'company customers with '
                                                                                     'support questions '
                                                                                     'regarding terms of '
                                                                                     'service, privacy '
                                                                                     'policy, and questions '
                                                                                     'about support '
                                                                                     'requests. Be brief in '
                                                                                     'your answers.\n'
                                                                                     'Answer ONLY with the '
                                                                                     'facts listed in the '
                                                                                     'list of sources below. '
                                                                                     "If there isn't enough "
                                                                                     'information below, say '
                                                                                     "you don't know. Do not "
                                                                                     'generate answers that '
                                                                                     "don't use the sources "
                                                                                     'below. If asking a '
                                                                                     'clarifying question to '
                                                                                     'the user would help, '
                                                                                     'ask the question.\n'
                                                                                     'For tabular '
                                                                                     'information return it '
                                                                                     'as an html table. Do '
                                                                                     'not return markdown '
                                                                                     'format. If the '
                                                                                     'question is not in '
                                                                                     'English, answer in the '
                                                                                     'language used in the '
                                                                                     'question.\n'
                                                                                     'Each source has a name '
                                                                                     'followed by colon and '
                                                                                     'the actual '
                                                                                     'information, always '
                                                                                     'include the source '
                                                                                     'name for each fact you '
                                                                                     'use in the response. '
                                                                                     'Use square brackets to '
                                                                                     'reference the source, '
                                                                                     'for example: '
                                                                                     "[info1.txt]. Don't "
                                                                                     'combine sources, list '
                                                                                     'each source '
                                                                                     'separately, for '
                                                                                     'example: '
                                                                                     '[info1.txt][info2.pdf].\n'),
                                                                                    ('packages/search/src/lib/approaches/chat-read-retrieve-read.ts',
                                                                                     22,
                                                                                     'FOLLOW_UP_QUESTIONS_PROMPT_CONTENT',
                                                                                     None),
                                                                                    ('packages/search/src/lib/approaches/chat-read-retrieve-read.ts',
                                                                                     31,
                                                                                     'QUERY_PROMPT_TEMPLATE',
                                                                                     None),
                                                                                    ('packages/search/src/lib/approaches/chat-read-retrieve-read.ts',
                                                                                     41,
                                                                                     '*',
                                                                                     None),
                                                                                    ('packages/search/src/lib/approaches/chat-read-retrieve-read.ts',
                                                                                     42,
                                                                                     '*',
                                                                                     None),
                                                                                    ('packages/search/src/lib/approaches/chat-read-retrieve-read.ts',
                                                                                     43,
                                                                                     '*',
                                                                                     None),
                                                                                    ('packages/search/src/lib/approaches/chat-read-retrieve-read.ts',
                                                                                     44,
                                                                                     '*',
                                                                                     None),
                                                                                    ('packages/search/src/lib/approaches/chat-read-retrieve-read.ts',
                                                                                     128,
                                                                                     '*',
                                                                                     'Generate search query '
                                                                                     'for: '),
                                                                                    ('packages/search/src/lib/approaches/ask-retrieve-then-read.ts',
                                                                                     13,
                                                                                     'SYSTEM_CHAT_TEMPLATE',
                                                                                     None),
                                                                                    ('packages/search/src/lib/approaches/ask-retrieve-then-read.ts',
                                                                                     21,
                                                                                     'QUESTION',
                                                                                     None),
                                                                                    ('packages/search/src/lib/approaches/ask-retrieve-then-read.ts',
                                                                                     30,
                                                                                     'ANSWER',
                                                                                     None)],
                                                                         'neutral': [('packages/search/src/lib/approaches/chat-read-retrieve-read.ts',
                                                                                      192,
                                                                                      '*'),
                                                                                     ('packages/search/src/lib/approaches/ask-retrieve-then-read.ts',
                                                                                      54,
                                                                                      '*')]},
 'openai/openai-realtime-console (client/ server.js)': {'commit': 'd71a019331f7fe9feeac68dc1825109e48b166c0',
                                                        'labels': [('client/components/ToolPanel.jsx',
                                                                    98,
                                                                    'instructions',
                                                                    None)],
                                                        'neutral': []},
 'supermemoryai/supermemory (packages/tools/src/ apps/web/app/api/ apps/mcp/src/server/)': {'commit': '34876664810a43a55954a0a83571662a3bd333b8',
                                                                                            'labels': [('apps/mcp/src/server/server.ts',
                                                                                                        29,
                                                                                                        'SERVER_INSTRUCTIONS',
                                                                                                        None),
                                                                                                       ('apps/mcp/src/server/prompts/context.ts',
                                                                                                        39,
                                                                                                        '*',
                                                                                                        '# '
                                                                                                        'Supermemory '
                                                                                                        'Context\n'
                                                                                                        'Active '
                                                                                                        'space: '),
                                                                                                       ('packages/tools/src/voltagent/middleware.ts',
                                                                                                        317,
                                                                                                        '*',
                                                                                                        'The '
                                                                                                        'following '
                                                                                                        'are '
                                                                                                        'relevant '
                                                                                                        'memories '
                                                                                                        'and '
                                                                                                        'context '
                                                                                                        'about '
                                                                                                        'this '
                                                                                                        'user '
                                                                                                        'retrieved '
                                                                                                        'from '
                                                                                                        'previous '
                                                                                                        'interactions. '
                                                                                                        'Use '
                                                                                                        'these '
                                                                                                        'to '
                                                                                                        'personalize '
                                                                                                        'your '
                                                                                                        'response:\n'
                                                                                                        '\n'),
                                                                                                       ('apps/web/app/api/onboarding/research/route.ts',
                                                                                                        51,
                                                                                                        'finalPrompt',
                                                                                                        'You '
                                                                                                        'are '
                                                                                                        'researching '
                                                                                                        'a '
                                                                                                        'user '
                                                                                                        'based '
                                                                                                        'on '
                                                                                                        'their '
                                                                                                        'X/Twitter '
                                                                                                        'profile '
                                                                                                        'to '
                                                                                                        'help '
                                                                                                        'personalize '
                                                                                                        'their '
                                                                                                        'experience.\n'
                                                                                                        '\n'
                                                                                                        'X '
                                                                                                        'Handle: '
                                                                                                        '@'),
                                                                                                       ('packages/tools/src/claude-memory-simple-example.ts',
                                                                                                        63,
                                                                                                        '*',
                                                                                                        None)],
                                                                                            'neutral': [('packages/tools/src/shared/prompt-builder.ts',
                                                                                                         0,
                                                                                                         '*'),
                                                                                                        ('packages/tools/src/shared/memory-client.ts',
                                                                                                         155,
                                                                                                         '*'),
                                                                                                        ('packages/tools/src/openai/middleware.ts',
                                                                                                         220,
                                                                                                         '*'),
                                                                                                        ('packages/tools/src/openai/middleware.ts',
                                                                                                         507,
                                                                                                         '*'),
                                                                                                        ('packages/tools/src/openai/middleware.ts',
                                                                                                         225,
                                                                                                         '*'),
                                                                                                        ('packages/tools/src/openai/middleware.ts',
                                                                                                         512,
                                                                                                         '*'),
                                                                                                        ('packages/tools/src/openai/middleware.ts',
                                                                                                         572,
                                                                                                         '*'),
                                                                                                        ('packages/tools/src/voltagent/middleware.ts',
                                                                                                         372,
                                                                                                         '*'),
                                                                                                        ('packages/tools/src/vercel/memory-prompt.ts',
                                                                                                         73,
                                                                                                         '*'),
                                                                                                        ('apps/mcp/src/server/format.ts',
                                                                                                         0,
                                                                                                         '*'),
                                                                                                        ('apps/mcp/src/server/space-presentation.ts',
                                                                                                         0,
                                                                                                         '*'),
                                                                                                        ('apps/mcp/src/server/prompts/context.ts',
                                                                                                         107,
                                                                                                         '*'),
                                                                                                        ('apps/web/app/api/onboarding/research/route.ts',
                                                                                                         86,
                                                                                                         '*')]},
 'xataio/agent (apps/dbagent/src/lib/ apps/dbagent/src/components/ apps/dbagent/src/app/)': {'commit': 'ee844cf7a314f2cfa4eefb1d377a6a7e17b22d72',
                                                                                             'labels': [('apps/dbagent/src/lib/ai/prompts.ts',
                                                                                                         3,
                                                                                                         'commonSystemPrompt',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/lib/ai/prompts.ts',
                                                                                                         11,
                                                                                                         'chatSystemPrompt',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/lib/ai/prompts.ts',
                                                                                                         20,
                                                                                                         'monitoringSystemPrompt',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/lib/ai/prompts.ts',
                                                                                                         28,
                                                                                                         'artifactsPrompt',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/lib/ai/prompts.ts',
                                                                                                         57,
                                                                                                         'sheetPrompt',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/lib/ai/prompts.ts',
                                                                                                         63,
                                                                                                         'updateDocumentPrompt',
                                                                                                         'Improve '
                                                                                                         'the '
                                                                                                         'following '
                                                                                                         'contents '
                                                                                                         'of '
                                                                                                         'the '
                                                                                                         'document '
                                                                                                         'based '
                                                                                                         'on '
                                                                                                         'the '
                                                                                                         'given '
                                                                                                         'prompt.\n'
                                                                                                         '\n'),
                                                                                                        ('apps/dbagent/src/lib/ai/prompts.ts',
                                                                                                         69,
                                                                                                         'updateDocumentPrompt',
                                                                                                         'Improve '
                                                                                                         'the '
                                                                                                         'following '
                                                                                                         'spreadsheet '
                                                                                                         'based '
                                                                                                         'on '
                                                                                                         'the '
                                                                                                         'given '
                                                                                                         'prompt.\n'
                                                                                                         '\n'),
                                                                                                        ('apps/dbagent/src/lib/ai/agent.ts',
                                                                                                         9,
                                                                                                         'getCloudProviderPrompt',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/lib/ai/agent.ts',
                                                                                                         15,
                                                                                                         'getCloudProviderPrompt',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/lib/monitoring/runner.ts',
                                                                                                         37,
                                                                                                         '*',
                                                                                                         'Run '
                                                                                                         'this '
                                                                                                         'playbook: '),
                                                                                                        ('apps/dbagent/src/lib/monitoring/runner.ts',
                                                                                                         71,
                                                                                                         'prompt',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/lib/monitoring/runner.ts',
                                                                                                         118,
                                                                                                         'prompt',
                                                                                                         'Based '
                                                                                                         'on '
                                                                                                         'the '
                                                                                                         'previous '
                                                                                                         'conversation, '
                                                                                                         'would '
                                                                                                         'you '
                                                                                                         'recommend '
                                                                                                         'running '
                                                                                                         'another '
                                                                                                         'specific '
                                                                                                         'playbook.\n'
                                                                                                         'These '
                                                                                                         'are '
                                                                                                         'the '
                                                                                                         'playbooks '
                                                                                                         'you '
                                                                                                         'can '
                                                                                                         'choose '
                                                                                                         'from: '),
                                                                                                        ('apps/dbagent/src/lib/monitoring/runner.ts',
                                                                                                         161,
                                                                                                         'prompt',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/components/monitoring/actions.ts',
                                                                                                         21,
                                                                                                         'prompt',
                                                                                                         'Generate '
                                                                                                         'a '
                                                                                                         'cron '
                                                                                                         'expression '
                                                                                                         'for '
                                                                                                         'the '
                                                                                                         'following '
                                                                                                         'schedule '
                                                                                                         'description: '
                                                                                                         '"'),
                                                                                                        ('apps/dbagent/src/components/playbooks/action.ts',
                                                                                                         21,
                                                                                                         'prompt',
                                                                                                         'Generate '
                                                                                                         'a '
                                                                                                         'detailed '
                                                                                                         'playbook '
                                                                                                         'content '
                                                                                                         'for '
                                                                                                         'a '
                                                                                                         'database '
                                                                                                         'task '
                                                                                                         'with '
                                                                                                         'the '
                                                                                                         'following '
                                                                                                         'details:\n'
                                                                                                         '                  '
                                                                                                         'Name: '),
                                                                                                        ('apps/dbagent/src/components/playbooks/action.ts',
                                                                                                         45,
                                                                                                         '*',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/components/chat/artifacts/text/server.ts',
                                                                                                         13,
                                                                                                         'system',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/app/(main)/projects/[project]/chats/actions.ts',
                                                                                                         18,
                                                                                                         'system',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/components/chat/artifacts/sheet/client.tsx',
                                                                                                         85,
                                                                                                         '*',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/components/chat/artifacts/text/client.tsx',
                                                                                                         150,
                                                                                                         '*',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/components/chat/artifacts/text/client.tsx',
                                                                                                         160,
                                                                                                         '*',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/app/(main)/projects/[project]/chats/[chat]/page.tsx',
                                                                                                         21,
                                                                                                         '*',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/app/(main)/projects/[project]/chats/[chat]/page.tsx',
                                                                                                         25,
                                                                                                         '*',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/app/(main)/projects/[project]/chats/[chat]/page.tsx',
                                                                                                         29,
                                                                                                         '*',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/app/(main)/projects/[project]/chats/[chat]/page.tsx',
                                                                                                         33,
                                                                                                         '*',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/lib/ai/tools/artifacts.ts',
                                                                                                         164,
                                                                                                         'system',
                                                                                                         None),
                                                                                                        ('apps/dbagent/src/app/(main)/projects/[project]/chats/new/page.tsx',
                                                                                                         80,
                                                                                                         '*',
                                                                                                         'Run '
                                                                                                         'playbook '),
                                                                                                        ('apps/dbagent/src/app/(main)/projects/[project]/chats/new/page.tsx',
                                                                                                         105,
                                                                                                         '*',
                                                                                                         'Run '
                                                                                                         'tool '),
                                                                                                        ('apps/dbagent/src/app/(main)/projects/[project]/chats/new/page.tsx',
                                                                                                         130,
                                                                                                         '*',
                                                                                                         None)],
                                                                                             'neutral': [('apps/dbagent/src/lib/tools/playbooks.ts',
                                                                                                          0,
                                                                                                          '*'),
                                                                                                         ('apps/dbagent/src/lib/tools/dbinfo.ts',
                                                                                                          0,
                                                                                                          '*')]}}
