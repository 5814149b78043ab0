"""Hand labels for the twelfth blind prompt-discovery run (issue #11, JS/TS), written by reading the
trees BEFORE running pcache on them (no pcache output on these five trees was seen before this file
was committed). Same label form, prefix rules and scorer as blind_js9-11: each label is (file, line of
the literal, hint, prefix); prefix the text before the first variable as the code evaluates it (Node on
the literal's source, `benchmarks/blind_js6/literal_prefix.py`), None when the prompt has no variable.
A joined array is cooked item by item with its separator up to the first variable (aicommits'
`generatePrompt`: item 1, "\n", then `Message language: ${locale}`). A conditional's branches bound to
one slot are separate prompts (make-real's `user(sourceCode)`: the `CONTEXT: ...${sourceCode}` branch,
the `INSTRUCTIONS: ...` branch, and the reminder appended after both); a literal whose first `${}` is a
conditional has the text before it as prefix (fireplexity's follow-up system prompt).
A fragment counts when the code sends it on its own or as a section (aicommits' `commitTypes.conventional`
and `specifyCommitFormat`, items of the joined system prompt).
NEUTRAL: records around values (fireplexity's numbered source records, its `${m.role}: ${m.content}`
conversation preview), nested alternatives inside a prompt (`${isFollowUp ? '...' : ''}`,
`${sources.length > 0 ? `Available sources about: ...` : ''}`), short format placeholders
(aicommits' `commitTypeFormats`), prompt tables no code reads (make-real's exported
`LEGACY_SYSTEM_PROMPT` and `IMPROVED_ORIGINAL`), and novel's six system texts: built as
`{role: "system", content}` but never sent (the route sends only `messages[messages.length - 1].content`
as `prompt`), so either reading is accepted. Not prompts (reported, they are false positives): UI text,
toasts, error responses, the browser's `prompt("Please enter Youtube Video Link")`, zod `describe`s
(notesGPT's Instructor schema), log lines.
Projects (claimed in /work/claimed-projects.txt before opening; none in earlier sets, fixtures or labels,
none held out or a fork of one): Nutlope/aicommits (a git commit-message CLI), steven-tey/novel (a
Notion-style editor with AI completions), mendableai/fireplexity (an AI search app), Nutlope/notesGPT (a
voice-notes app with LLM extraction), tldraw/make-real (wireframe-to-HTML with OpenAI/Anthropic/Gemini).
fireplexity has no licence file: it is labelled by reading only (nothing of it is copied into fixtures).
Scopes (FPs are counted inside them only): aicommits `src/`; novel the whole tree; fireplexity `app/`
`lib/`; notesGPT `convex/` `lib/` `app/`; make-real `app/` (its `prompts/*.md` are Markdown notes no code
reads, outside this JS/TS record). Trees: each mirror's HEAD, extracted file by file
(`blind_js11/extract.py`), under /tmp/blindjs12/<owner>+<name>.
Labelled after this session's first in-sample rules (branch src-js10 at the commit before the labels);
no rule was written after reading these trees before the blind run.
Score: python benchmarks/blind_js4/measure.py PROJECT ROOT SCAN_JSON benchmarks/blind_js12/labels_code.py
"""

PROJECTS = {'Nutlope/aicommits (src/)': {'commit': '604def8284361b8827087350fe6fcb6d9e2de836',
                              'labels': [('src/utils/prompt.ts',
                                          47,
                                          'generatePrompt',
                                          'Generate a concise git commit message written in present tense '
                                          'for the following code diff with the given specifications below:\n'
                                          'Message language: '),
                                         ('src/utils/prompt.ts',
                                          21,
                                          'conventional',
                                          'Choose a type from the type-to-description JSON below that best '
                                          'describes the git diff:\n'),
                                         ('src/utils/prompt.ts',
                                          8,
                                          'specifyCommitFormat',
                                          'The output response must be in format:\n')],
                              'neutral': [('src/utils/prompt.ts', 4, '*'), ('src/utils/prompt.ts', 49, '*')]},
 'Nutlope/notesGPT (convex/ lib/ app/)': {'commit': '57b92f165f6a0b1a173b039fbe55696ce8960fa2',
                                          'labels': [('convex/together.ts', 58, 'content', None)],
                                          'neutral': []},
 'mendableai/fireplexity (app/ lib/)': {'commit': '6aa21d72331f6c2cedf4d906519e1c455f88038a',
                                        'labels': [('app/api/fireplexity/search/route.ts',
                                                    124,
                                                    'content',
                                                    None),
                                                   ('app/api/fireplexity/search/route.ts',
                                                    141,
                                                    'content',
                                                    'Answer this query: "'),
                                                   ('app/api/fireplexity/search/route.ts',
                                                    149,
                                                    'content',
                                                    None),
                                                   ('app/api/fireplexity/search/route.ts',
                                                    168,
                                                    'content',
                                                    'Answer this query: "'),
                                                   ('app/api/fireplexity/search/route.ts',
                                                    183,
                                                    'content',
                                                    'Generate 5 natural follow-up questions based on the '
                                                    'query and context.\n'
                                                    '                \n'
                                                    '                ONLY generate questions if the query '
                                                    'warrants them:\n'
                                                    '                - Skip for simple greetings or basic '
                                                    'acknowledgments\n'
                                                    '                - Create questions that feel natural, '
                                                    'not forced\n'
                                                    '                - Make them genuinely helpful, not just '
                                                    'filler\n'
                                                    '                - Focus on the topic and sources '
                                                    'available\n'
                                                    '                \n'
                                                    "                If the query doesn't need follow-ups, "
                                                    'return an empty response.\n'
                                                    '                '),
                                                   ('app/api/fireplexity/search/route.ts',
                                                    189,
                                                    'content',
                                                    'Query: '),
                                                   ('app/api/fire-cache/search/route.ts',
                                                    148,
                                                    'content',
                                                    None),
                                                   ('app/api/fire-cache/search/route.ts',
                                                    165,
                                                    'content',
                                                    'Answer this query: "'),
                                                   ('app/api/fire-cache/search/route.ts',
                                                    173,
                                                    'content',
                                                    None),
                                                   ('app/api/fire-cache/search/route.ts',
                                                    192,
                                                    'content',
                                                    'Answer this query: "'),
                                                   ('app/api/fire-cache/search/route.ts',
                                                    207,
                                                    'content',
                                                    'Generate 5 natural follow-up questions based on the '
                                                    'query and context.\n'
                                                    '                \n'
                                                    '                ONLY generate questions if the query '
                                                    'warrants them:\n'
                                                    '                - Skip for simple greetings or basic '
                                                    'acknowledgments\n'
                                                    '                - Create questions that feel natural, '
                                                    'not forced\n'
                                                    '                - Make them genuinely helpful, not just '
                                                    'filler\n'
                                                    '                - Focus on the topic and sources '
                                                    'available\n'
                                                    '                \n'
                                                    "                If the query doesn't need follow-ups, "
                                                    'return an empty response.\n'
                                                    '                '),
                                                   ('app/api/fire-cache/search/route.ts',
                                                    213,
                                                    'content',
                                                    'Query: ')],
                                        'neutral': [('app/api/fireplexity/search/route.ts', 109, '*'),
                                                    ('app/api/fireplexity/search/route.ts', 175, '*'),
                                                    ('app/api/fireplexity/search/route.ts', 185, '*'),
                                                    ('app/api/fireplexity/search/route.ts', 189, '*'),
                                                    ('app/api/fire-cache/search/route.ts', 133, '*'),
                                                    ('app/api/fire-cache/search/route.ts', 199, '*'),
                                                    ('app/api/fire-cache/search/route.ts', 209, '*'),
                                                    ('app/api/fire-cache/search/route.ts', 213, '*')]},
 'steven-tey/novel': {'commit': 'fa95098e66476c466faebb8211baa5869c101a9c',
                      'labels': [('apps/web/app/api/generate/route.ts',
                                  64,
                                  'content',
                                  'The existing text is: '),
                                 ('apps/web/app/api/generate/route.ts',
                                  75,
                                  'content',
                                  'The existing text is: '),
                                 ('apps/web/app/api/generate/route.ts',
                                  87,
                                  'content',
                                  'The existing text is: '),
                                 ('apps/web/app/api/generate/route.ts',
                                  100,
                                  'content',
                                  'The existing text is: '),
                                 ('apps/web/app/api/generate/route.ts', 113, 'content', 'For this text: ')],
                      'neutral': [('apps/web/app/api/generate/route.ts', 44, '*'),
                                  ('apps/web/app/api/generate/route.ts', 58, '*'),
                                  ('apps/web/app/api/generate/route.ts', 71, '*'),
                                  ('apps/web/app/api/generate/route.ts', 82, '*'),
                                  ('apps/web/app/api/generate/route.ts', 94, '*'),
                                  ('apps/web/app/api/generate/route.ts', 107, '*')]},
 'tldraw/make-real (app/)': {'commit': '51c412c10b830399c11852002fc8e9779d7c6fb0',
                             'labels': [('app/prompt.ts', 70, 'system', None),
                                        ('app/prompt.ts',
                                         67,
                                         'user',
                                         'CONTEXT: Here is the existing code:\n\n'),
                                        ('app/prompt.ts', 68, 'user', None),
                                        ('app/prompt.ts', 69, 'user', None),
                                        ('app/lib/getMessages.ts',
                                         45,
                                         'text',
                                         "Here's a list of all the text that we found in the design. Use it "
                                         'as a reference if anything is hard to read in the '
                                         'screenshot(s):\n'),
                                        ('app/lib/getMessages.ts', 52, 'text', 'The designs have a ')],
                             'neutral': [('app/prompt.ts', 4, '*'),
                                         ('app/prompt.ts', 5, '*'),
                                         ('app/prompt.ts', 6, '*'),
                                         ('app/prompt.ts', 22, '*'),
                                         ('app/prompt.ts', 24, '*'),
                                         ('app/prompt.ts', 25, '*')]}}
