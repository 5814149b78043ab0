"""Hand labels for the fourteenth blind prompt-discovery run (issue #11, JS/TS), written by reading the
trees BEFORE running pcache on them (no pcache output on these four trees was seen before this file
was committed). Same label form, prefix rules and scorer as blind_js9-13: each label is (file, line of
the literal, hint, prefix); prefix the text before the first variable as the code evaluates it (Node on
the literal's source, `benchmarks/blind_js6/literal_prefix.py`), None when the prompt has no variable.
A LangChain.js template's `{name}` (its default f-string format) is a variable at its place (pdftochat's
`ANSWER_SYSTEM_TEMPLATE` `{context}`). A `.map(...).join('\n')` spliced into a prompt is its first variable
(napkins' shadcn docs and examples sections). A `let` prompt grown with `+=` counts each piece as a
section (the base, each appended piece), as Agent TARS's `browserRules` in set 13: napkins'
`getCodingPrompt.systemPrompt` (base, shadcn section, closing rule, examples section). An arrow whose body
is a template literal over its parameter is a prompt whose first variable is that parameter
(chat-llamaindex's `TEMPLATE = (PERSONA) => \`I want you to act as a ${PERSONA}. ...\``). Prompts of eval
and repro scripts sent to a model count (napkins' `scripts/*.ts` copies of the coding prompt). Short
system prompts sent as they are count (natural-language-postgres' `const system = \`You are a data
visualization expert. \``).
NEUTRAL: natural-language-postgres' suggested queries' `desktop` texts (a click submits one as the
question that fills the SQL prompt's `${input}`: a value of a variable, either reading); pdftochat's
`['user', '{input}']` turns (the question alone); napkins' map records (`<component>...`, `<example>...`),
the example spliced through them and the shadcn docs' `importDocs`/`usageDocs` they splice;
chat-llamaindex's `content: TEMPLATE("Red Hat Linux Expert")` calls (the template with a literal persona).
Not prompts (reported, they are false positives): zod `describe`s of output schemas, UI and button text
(the suggestions' `mobile` labels, chat-llamaindex's locales and bot greetings, which no code sends), log,
warning and error texts, SQL run on the database (natural-language-postgres' `lib/seed.ts`), the shadcn
component sources of napkins' `lib/shadcn.ts` (code for the preview sandbox).
Projects (claimed in /work/claimed-projects.txt before opening; none in earlier sets, fixtures or labels,
none held out or a fork of one): vercel-labs/natural-language-postgres (a text-to-SQL-and-chart app on the
Vercel AI SDK; Apache-2.0), Nutlope/pdftochat (chat with a PDF through a LangChain.js RAG chain; MIT),
Nutlope/napkins (a screenshot-to-code app on Together AI; MIT), run-llama/chat-llamaindex (a LlamaIndex.TS
chat app with demo bots; MIT).
Scopes (FPs are counted inside them only): natural-language-postgres `app/ components/ lib/`; pdftochat
`app/ components/ utils/`; napkins `app/ components/ lib/ scripts/`; chat-llamaindex `app/`.
Trees: each mirror's HEAD, extracted file by file (`blind_js11/extract.py`), under /tmp/blindjs14/<owner>+<name>.
Labelled against main 45c2b28 (the code to be scanned); no rule was written after reading these trees.
Score: python benchmarks/blind_js4/measure.py PROJECT ROOT SCAN_JSON benchmarks/blind_js14/labels_code.py
"""

PROJECTS = {'Nutlope/napkins (app/ components/ lib/ scripts/)': {'commit': 'cc0b469c0b1f66dd0fd76e7930a17af941abbc7a',
                                                      'labels': [('lib/prompt.ts', 57, 'systemPrompt', None),
                                                                 ('lib/prompt.ts',
                                                                  83,
                                                                  'systemPrompt',
                                                                  '\n'
                                                                  '    There are some prestyled components '
                                                                  'available for use. Please use your best '
                                                                  'judgement to use any of these components '
                                                                  'if the app calls for one.\n'
                                                                  '\n'
                                                                  '    Here are the components that are '
                                                                  'available, along with how to import them, '
                                                                  'and how to use them:\n'
                                                                  '\n'
                                                                  '    '),
                                                                 ('lib/prompt.ts', 108, 'systemPrompt', None),
                                                                 ('lib/prompt.ts',
                                                                  112,
                                                                  'systemPrompt',
                                                                  '\n'
                                                                  '  Here are some examples of good '
                                                                  'outputs:\n'
                                                                  '\n'
                                                                  '\n'),
                                                                 ('scripts/eval-fireworks.ts',
                                                                  25,
                                                                  'systemPrompt',
                                                                  None),
                                                                 ('scripts/eval-focused.ts',
                                                                  26,
                                                                  'systemPrompt',
                                                                  None),
                                                                 ('scripts/eval-single.ts',
                                                                  23,
                                                                  'systemPrompt',
                                                                  None),
                                                                 ('scripts/repro-postamble.ts',
                                                                  18,
                                                                  'prompt',
                                                                  None)],
                                                      'neutral': [('lib/prompt.ts', 90, '*'),
                                                                  ('lib/prompt.ts', 118, '*'),
                                                                  ('lib/prompt.ts', 6, '*'),
                                                                  ('lib/prompt.ts', 7, '*'),
                                                                  ('lib/shadcn-docs/', 0, '*')]},
 'Nutlope/pdftochat (app/ components/ utils/)': {'commit': 'ab8cfd0693b4994d589e8f0d78a2f70343a0a46d',
                                                 'labels': [('utils/ragChain.ts',
                                                             19,
                                                             'historyAwarePrompt',
                                                             None),
                                                            ('utils/ragChain.ts',
                                                             23,
                                                             'ANSWER_SYSTEM_TEMPLATE',
                                                             'You are a helpful AI assistant. Use the '
                                                             'following pieces of context to answer the '
                                                             'question at the end.\n'
                                                             "If you don't know the answer, just say you "
                                                             "don't know. DO NOT try to make up an answer.\n"
                                                             'If the question is not related to the context, '
                                                             'politely respond that you are tuned to only '
                                                             'answer questions that are related to the '
                                                             'context.\n'
                                                             '\n'
                                                             '<context>\n')],
                                                 'neutral': [('utils/ragChain.ts', 16, '*'),
                                                             ('utils/ragChain.ts', 36, '*')]},
 'run-llama/chat-llamaindex (app/)': {'commit': '179c907196cf4f63f6d3ae1beb192186a1e00a0c',
                                      'labels': [('app/store/bot.data.ts',
                                                  9,
                                                  'TEMPLATE',
                                                  'I want you to act as a ')],
                                      'neutral': [('app/store/bot.data.ts', 37, '*'),
                                                  ('app/store/bot.data.ts', 58, '*'),
                                                  ('app/store/bot.data.ts', 79, '*')]},
 'vercel-labs/natural-language-postgres (app/ components/ lib/)': {'commit': '52cfb494310ec9bce2fad9e4ff7c9a1f8131078b',
                                                                   'labels': [('app/actions.ts',
                                                                               13,
                                                                               'system',
                                                                               None),
                                                                              ('app/actions.ts',
                                                                               54,
                                                                               'prompt',
                                                                               'Generate the query necessary '
                                                                               'to retrieve the data the '
                                                                               'user wants: '),
                                                                              ('app/actions.ts',
                                                                               114,
                                                                               'system',
                                                                               None),
                                                                              ('app/actions.ts',
                                                                               130,
                                                                               'prompt',
                                                                               'Explain the SQL query you '
                                                                               'generated to retrieve the '
                                                                               'data the user wanted. Assume '
                                                                               'the user is not an expert in '
                                                                               'SQL. Break down the query '
                                                                               'into steps. Be concise.\n'
                                                                               '\n'
                                                                               '      User Query:\n'
                                                                               '      '),
                                                                              ('app/actions.ts',
                                                                               150,
                                                                               'system',
                                                                               None),
                                                                              ('app/actions.ts',
                                                                               156,
                                                                               'prompt',
                                                                               'Given the following data '
                                                                               'from a SQL query result, '
                                                                               'generate the chart config '
                                                                               'that best visualises the '
                                                                               'data and answers the users '
                                                                               'query.\n'
                                                                               '      For multiple groups '
                                                                               'use multi-lines.\n'
                                                                               '\n'
                                                                               '      Here is an example '
                                                                               'complete config:\n'
                                                                               '      export const '
                                                                               'chartConfig = {\n'
                                                                               '        type: "pie",\n'
                                                                               '        xKey: "month",\n'
                                                                               '        yKeys: ["sales", '
                                                                               '"profit", "expenses"],\n'
                                                                               '        colors: {\n'
                                                                               '          sales: '
                                                                               '"#4CAF50",    // Green for '
                                                                               'sales\n'
                                                                               '          profit: '
                                                                               '"#2196F3",   // Blue for '
                                                                               'profit\n'
                                                                               '          expenses: '
                                                                               '"#F44336"  // Red for '
                                                                               'expenses\n'
                                                                               '        },\n'
                                                                               '        legend: true\n'
                                                                               '      }\n'
                                                                               '\n'
                                                                               '      User Query:\n'
                                                                               '      ')],
                                                                   'neutral': [('components/suggested-queries.tsx',
                                                                                11,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                15,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                19,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                24,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                28,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                33,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                37,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                41,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                46,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                51,
                                                                                'desktop'),
                                                                               ('components/suggested-queries.tsx',
                                                                                55,
                                                                                'desktop')]}}
