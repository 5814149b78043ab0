"""Hand labels for the eighteenth blind prompt-discovery run (issue #11, JS/TS), written by reading the
trees BEFORE running pcache on them (no pcache output on these four trees was seen before this file
was committed). Same label form, prefix rules and scorer as blind_js9-17: each label is (file, line of
the literal, hint, prefix); prefix the text before the first variable as the code evaluates it (Node on
the literal's source, `benchmarks/blind_js6/literal_prefix.py`), None when the prompt has no variable.
A `${CONST}` of a module constant (another file's, imported) is its text, not a variable (the support demo's
`${AGENT_NAME}`, "Blossom": the developer prompt has no variable). A `dedent` template's prefix is the
dedented text (smartpdfs). User turns written in code and sent by a click count (the slackbot's two
`setSuggestedPrompts` messages: Slack sends the clicked one as the user's message, the bot hands it to the model).
NEUTRAL: tool results (the support demo's mock API routes), turns whose text is only a value (a Slack thread's
messages, the document excerpt, the executed action's JSON).
Not prompts (reported, they are false positives): a greeting only displayed in the chat (the support demo's
INITIAL_MESSAGE, kept in `chatMessages`, never in the items sent), the Slack bot's posted greeting, FAQ extracts
shown in the UI, tool and schema descriptions, status texts (`is searching the web for ...`), log and error texts,
a media model's prompt (smartpdfs' FLUX cover-image prompt, README: no provider's prompt cache serves it).
Projects (claimed in /work/claimed-projects.txt before opening; none in earlier sets, fixtures or labels,
none held out or a fork of one; licences read first): openai/openai-support-agent-demo (a Next.js support
agent on the Responses API; MIT), vercel-labs/ai-sdk-slackbot (a Slack assistant on the AI SDK; MIT in its
README, ISC in package.json), Nutlope/smartpdfs (a PDF summarizer; MIT), Nutlope/explorecareers (career paths
from a resume; MIT).
Scopes (FPs are counted inside them only): support demo `config/ lib/ components/ stores/ app/`; slackbot
`lib/ api/`; smartpdfs `src/`; explorecareers `app/ lib/`.
Trees: each mirror's HEAD, extracted file by file (`blind_js11/extract.py`), under /tmp/blindjs18/<owner>+<name>.
Labelled against main 38cc75f (the code to be scanned); no rule was written after reading these trees.
Score: python benchmarks/blind_js4/measure.py PROJECT ROOT SCAN_JSON benchmarks/blind_js18/labels_code.py
"""

PROJECTS = {'Nutlope/explorecareers (app/ lib/)': {'commit': '664a242c3dc3ff3b1788878d4c6f73c531437534',
                                        'labels': [('app/api/getCareers/route.ts', 24, '*', None),
                                                   ('app/api/getCareers/route.ts',
                                                    28,
                                                    '*',
                                                    'Give me 6 career paths that the following user could '
                                                    'transition into based on their resume and any '
                                                    'additional context. Respond like this in JSON: '
                                                    '{jobTitle: string, jobDescription: string, timeline: '
                                                    'string, salary: string, difficulty: string}.\n'
                                                    '\n'
                                                    '      <example>\n'
                                                    '      [\n'
                                                    '        {\n'
                                                    '        "jobTitle": "UX Designer",\n'
                                                    '        "jobDescription": "Creates user-centered design '
                                                    'solutions to improve product usability and user '
                                                    'experience.",\n'
                                                    '        "timeline": "3-6 months",\n'
                                                    '        "salary": "$85k - $110k",\n'
                                                    '        "difficulty": "Medium"\n'
                                                    '        },\n'
                                                    '        {\n'
                                                    '        "jobTitle": "Digital Marketing Specialist",\n'
                                                    '        "jobDescription": "Develops and implements '
                                                    'online marketing campaigns to drive business growth.",\n'
                                                    '        "timeline": "2-4 months",\n'
                                                    '        "salary": "$50k - $70k",\n'
                                                    '        "difficulty": "Low"\n'
                                                    '        },\n'
                                                    '        {\n'
                                                    '        "jobTitle": "Software Engineer",\n'
                                                    '        "jobDescription": "Designs, develops, and tests '
                                                    'software applications to meet business needs.",\n'
                                                    '        "timeline": "6-12 months",\n'
                                                    '        "salary": "$100k - $140k",\n'
                                                    '        "difficulty": "High"\n'
                                                    '        },\n'
                                                    '        {\n'
                                                    '        "jobTitle": "Business Analyst",\n'
                                                    '        "jobDescription": "Analyzes business needs and '
                                                    'develops solutions to improve operations and '
                                                    'processes.",\n'
                                                    '        "timeline": "3-6 months",\n'
                                                    '        "salary": "$65k - $90k",\n'
                                                    '        "difficulty": "Medium"\n'
                                                    '        },\n'
                                                    '        {\n'
                                                    '        "jobTitle": "Cybersecurity Specialist",\n'
                                                    '        "jobDescription": "Protects computer systems '
                                                    'and networks from cyber threats by developing and '
                                                    'implementing security protocols.",\n'
                                                    '        "timeline": "6-12 months",\n'
                                                    '        "salary": "$80k - $120k",\n'
                                                    '        "difficulty": "High"\n'
                                                    '        }\n'
                                                    '        ]\n'
                                                    '      </example>\n'
                                                    '\n'
                                                    '      <resume>\n'
                                                    '      '),
                                                   ('app/api/getCareers/route.ts', 96, '*', None),
                                                   ('app/api/getCareers/route.ts',
                                                    100,
                                                    '*',
                                                    'You are helping a person transition into the ')],
                                        'neutral': []},
 'Nutlope/smartpdfs (src/)': {'commit': 'b605aa6605e95bfaed16a4cc6fcf4dafcba9497d',
                              'labels': [('src/app/api/summarize/route.ts',
                                          13,
                                          'systemPrompt',
                                          'You are an expert at summarizing text.\n'
                                          '\n'
                                          'Your task:\n'
                                          '1. Read the document excerpt I will provide\n'
                                          '2. Create a concise summary in ')],
                              'neutral': [('src/app/api/summarize/route.ts', 54, '*')]},
 'openai/openai-support-agent-demo (config/ lib/ components/ stores/ app/)': {'commit': '9141e75fc347f2c3617a76e709e76fdec1f54714',
                                                                              'labels': [('config/constants.ts',
                                                                                          6,
                                                                                          'DEVELOPER_PROMPT',
                                                                                          None)],
                                                                              'neutral': [('app/api/',
                                                                                           0,
                                                                                           '*'),
                                                                                          ('components/Action.tsx',
                                                                                           43,
                                                                                           '*')]},
 'vercel-labs/ai-sdk-slackbot (lib/ api/)': {'commit': '5806bb43b7555e5024726e9746f13e638d3b1e6a',
                                             'labels': [('lib/generate-response.ts',
                                                         12,
                                                         'system',
                                                         'You are a Slack bot assistant Keep your responses '
                                                         'concise and to the point.\n'
                                                         '    - Do not tag users.\n'
                                                         '    - Current date is: '),
                                                        ('lib/handle-messages.ts', 27, '*', None),
                                                        ('lib/handle-messages.ts', 31, '*', None)],
                                             'neutral': [('lib/slack-utils.ts', 100, '*'),
                                                         ('lib/handle-app-mention.ts', 47, '*')]}}
