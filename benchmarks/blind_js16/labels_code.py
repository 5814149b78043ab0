"""Hand labels for the sixteenth blind prompt-discovery run (issue #11, JS/TS), written by reading the
trees BEFORE running pcache on them (no pcache output on these six trees was seen before this file
was committed). Same label form, prefix rules and scorer as blind_js9-15: each label is (file, line of
the literal, hint, prefix); prefix the text before the first variable as the code evaluates it (Node on
the literal's source, `benchmarks/blind_js6/literal_prefix.py`), None when the prompt has no variable.
Two prefix forms new to this set (make_labels.py): a literal without `${` that LangChain's
`PromptTemplate.fromTemplate` / `ChatPromptTemplate.fromMessages` fills has its first variable at its first
`{field}` (autodoc's condense prompt `{chat_history}`, ai-pdf-chatbot's answer prompt `{question}`); a literal
the code passes through npm `dedent(...)` as a function has its prefix dedented as dmnd/dedent 1.5 does
(self.so's resume prompt: the 4-space indentation of its static lines cut, then trimmed).
Fill-in-the-middle prompts are prompts (llama-coder's three `{prompt}` formats sent raw to Ollama's
`/api/generate`: first variable the document's prefix after the FIM marker). A function returning a prompt
is that prompt (autodoc's `createCodeFileSummary`, `createCodeQuestions`, `folderSummaryPrompt`, `makeQAPrompt`;
ai-codereviewer's `createPrompt`). The compiled copy of a prompt in a committed bundle (`dist/index.js`, the
file a GitHub Action runs) is a prompt of its own. The user's request written in an example's code is a
prompt (agentic's `prompt: 'What is the weather in San Francisco?'`, the Dexter runner's argument
`runner(\`Summarize the latest news on ${topic}\`)`: `createAIRunner` returns a function sending its argument as
the user turn; LlamaIndex's `agent.chat({message})`); so is each SDK's system prompt (`system`, `systemMessage`,
`systemPrompt`, Genkit's `history: [{role: 'system', content: [{text}]}]`, a LangChain `['system', '...']` pair).
NEUTRAL: map records and values-only records spliced into prompts (autodoc's file/folder records,
ai-codereviewer's diff lines, llama-coder's notebook cells and path/language header comments around the
document), conditional branches, a turn that is only a variable (`['human', '{query}']`, `['human',
'{input}']`, LangChain `placeholder`s), the request filling a template's `{input}` (agentic's LangChain
example), tool results, autodoc's `filePrompt`/`folderPrompt` defaults (settings written to the project's
config that fill the prompts' variables: a user's setting once written), ai-pdf-chatbot's example-question
buttons, agentic's `Msg` unit-test data.
Not prompts (reported, they are false positives): tool and schema descriptions, UI texts (inquirer questions,
VS Code notices, status bar), log and error texts, HTTP headers, the bundled dependencies' own strings in
`dist/index.js` (the OpenAI SDK's, Octokit's), test expectations.
Projects (claimed in /work/claimed-projects.txt before opening; none in earlier sets, fixtures or labels,
none held out or a fork of one; licences read first): ex3ndr/llama-coder (a VS Code extension; MIT),
context-labs/autodoc (a Node CLI agent; MIT), aidar-freeed/ai-codereviewer (a GitHub Action with its ncc
`dist/`; MIT), mayooear/ai-pdf-chatbot-langchain (a Next.js app over a LangGraph.js backend; MIT),
Nutlope/self.so (a Next.js app, AI SDK in server modules; MIT), transitive-bullshit/chatgpt-api (at this
commit the agentic library: ten SDK examples; MIT).
Scopes (FPs are counted inside them only): llama-coder `src/`; autodoc `src/`; ai-codereviewer `src/ dist/`;
ai-pdf-chatbot `backend/src/ frontend/app/ frontend/lib/ frontend/components/`; self.so `app/ lib/
components/`; chatgpt-api `examples/ src/`.
Trees: each mirror's HEAD, extracted file by file (`blind_js11/extract.py`), under /tmp/blindjs16/<owner>+<name>.
Labelled against main 1e5af5a (the code to be scanned); no rule was written after reading these trees.
Score: python benchmarks/blind_js4/measure.py PROJECT ROOT SCAN_JSON benchmarks/blind_js16/labels_code.py
"""

PROJECTS = {'Nutlope/self.so (app/ lib/ components/)': {'commit': '0b32a217649d0d3b6b5cb0f11aecb0845ea5366e',
                                             'labels': [('lib/server/ai/generateResumeObject.ts',
                                                         31,
                                                         'prompt',
                                                         'You are an expert resume writer. Generate a resume '
                                                         'object from the following resume text with this '
                                                         'EXACT structure:\n'
                                                         '\n'
                                                         '{\n'
                                                         '  "header": {\n'
                                                         '    "name": "Full Name",\n'
                                                         '    "shortAbout": "Brief professional summary",\n'
                                                         '    "location": "City, Country (optional)",\n'
                                                         '    "contacts": {\n'
                                                         '      "website": "website URL (optional)",\n'
                                                         '      "email": "email address (optional)",\n'
                                                         '      "phone": "phone number (optional)",\n'
                                                         '      "twitter": "twitter username (optional)",\n'
                                                         '      "linkedin": "linkedin username (optional)",\n'
                                                         '      "github": "github username (optional)"\n'
                                                         '    },\n'
                                                         '    "skills": ["skill1", "skill2", "skill3"]\n'
                                                         '  },\n'
                                                         '  "summary": "Detailed professional summary '
                                                         'paragraph",\n'
                                                         '  "workExperience": [\n'
                                                         '    {\n'
                                                         '      "company": "Company Name",\n'
                                                         '      "link": "Company website URL",\n'
                                                         '      "location": "City, Country or Remote",\n'
                                                         '      "contract": "Full-time/Part-time/Contract",\n'
                                                         '      "title": "Job Title",\n'
                                                         '      "start": "YYYY-MM-DD",\n'
                                                         '      "end": "YYYY-MM-DD or null if current",\n'
                                                         '      "description": "Job description"\n'
                                                         '    }\n'
                                                         '  ],\n'
                                                         '  "education": [\n'
                                                         '    {\n'
                                                         '      "school": "School/University Name",\n'
                                                         '      "degree": "Degree obtained",\n'
                                                         '      "start": "Start year as string (e.g., '
                                                         '\'2014\')",\n'
                                                         '      "end": "End year as string (e.g., '
                                                         '\'2018\')"\n'
                                                         '    }\n'
                                                         '  ]\n'
                                                         '}\n'
                                                         '\n'
                                                         ' ## Instructions:\n'
                                                         '\n'
                                                         ' ### General Processing Rules\n'
                                                         ' - Extract information from the resume text and '
                                                         'map it to this exact JSON structure.\n'
                                                         ' - If information is missing, use reasonable '
                                                         'defaults or leave optional fields empty.\n'
                                                         ' - Ensure all required fields are present with '
                                                         'appropriate data types.\n'
                                                         ' - IMPORTANT: All date fields (start, end) must be '
                                                         'strings, not numbers.\n'
                                                         '\n'
                                                         ' ### Content Generation\n'
                                                         " - If the resume text does not include an 'about' "
                                                         'section or specific skills mentioned, please '
                                                         'generate appropriate content for these sections '
                                                         'based on the context of the resume and based on '
                                                         'the job role.\n'
                                                         ' - For the about section: Create a professional '
                                                         "summary that highlights the candidate's "
                                                         'experience, expertise, and career objectives.\n'
                                                         '\n'
                                                         ' ### Skills Handling\n'
                                                         ' - Generate a maximum of 10 skills taken from the '
                                                         'ones mentioned in the resume text or based on the '
                                                         'job role/job title; infer some if not present.\n'
                                                         ' - Extract up to 10 relevant skills from the '
                                                         'resume.\n'
                                                         '\n'
                                                         ' ### Contacts and Social Media\n'
                                                         " - If the resume doesn't contain the full link to "
                                                         'a social media website, leave the username/link as '
                                                         'empty strings for the specific social media '
                                                         'websites.\n'
                                                         ' - Only include social media usernames if '
                                                         'explicitly mentioned in the resume.\n'
                                                         ' - The username never contains any spaces, so only '
                                                         'return the full username for the website if it is '
                                                         "present; otherwise, don't return it.\n"
                                                         ' - Do not change, reformat, or normalize the '
                                                         'username in any way.\n'
                                                         ' - Extract the username EXACTLY as it appears in '
                                                         'the provided text or URL, preserving all '
                                                         'characters, hyphens, numbers, and letter casing.\n'
                                                         ' - The username must be taken from the last '
                                                         "segment of the URL path (after the final '/'), "
                                                         'excluding any query parameters or fragments.\n'
                                                         ' - If the resume does not contain a valid username '
                                                         'for that platform, return an empty string.\n'
                                                         '\n'
                                                         '## Resume text:\n'
                                                         '\n'),
                                                        ('lib/server/ai/isFileContentBad.ts',
                                                         17,
                                                         'prompt',
                                                         'You are given the following file content, evalute '
                                                         'if content is harmful or spammy.\n'
                                                         '    ')],
                                             'neutral': []},
 'aidar-freeed/ai-codereviewer (src/ dist/)': {'commit': 'a9a064dfa1db8c83f40ef63f6e247fa09c935ed6',
                                               'labels': [('src/main.ts',
                                                           82,
                                                           'createPrompt',
                                                           'Your task is to review pull requests. '
                                                           'Instructions:\n'
                                                           '- Provide the response in following JSON '
                                                           'format:  {"reviews": [{"lineNumber":  '
                                                           '<line_number>, "reviewComment": "<review '
                                                           'comment>"}]}\n'
                                                           '- Do not give positive comments or compliments.\n'
                                                           '- Provide comments and suggestions ONLY if there '
                                                           'is something to improve, otherwise "reviews" '
                                                           'should be an empty array.\n'
                                                           '- Write the comment in GitHub Markdown format.\n'
                                                           '- Use the given description only for the overall '
                                                           'context and only comment the code.\n'
                                                           '- IMPORTANT: NEVER suggest adding comments to '
                                                           'the code.\n'
                                                           '\n'
                                                           'Review the following code diff in the file "'),
                                                          ('dist/index.js',
                                                           109,
                                                           'createPrompt',
                                                           'Your task is to review pull requests. '
                                                           'Instructions:\n'
                                                           '- Provide the response in following JSON '
                                                           'format:  {"reviews": [{"lineNumber":  '
                                                           '<line_number>, "reviewComment": "<review '
                                                           'comment>"}]}\n'
                                                           '- Do not give positive comments or compliments.\n'
                                                           '- Provide comments and suggestions ONLY if there '
                                                           'is something to improve, otherwise "reviews" '
                                                           'should be an empty array.\n'
                                                           '- Write the comment in GitHub Markdown format.\n'
                                                           '- Use the given description only for the overall '
                                                           'context and only comment the code.\n'
                                                           '- IMPORTANT: NEVER suggest adding comments to '
                                                           'the code.\n'
                                                           '\n'
                                                           'Review the following code diff in the file "')],
                                               'neutral': [('src/main.ts', 107, '*'),
                                                           ('dist/index.js', 132, '*')]},
 'context-labs/autodoc (src/)': {'commit': 'f6069a735345182521997c806f6b4336458b47d8',
                                 'labels': [('src/cli/commands/index/prompts.ts',
                                             10,
                                             'createCodeFileSummary',
                                             '\n    You are acting as a '),
                                            ('src/cli/commands/index/prompts.ts',
                                             31,
                                             'createCodeQuestions',
                                             '\n    You are acting as a '),
                                            ('src/cli/commands/index/prompts.ts',
                                             53,
                                             'folderSummaryPrompt',
                                             '\n    You are acting as a '),
                                            ('src/cli/commands/query/createChatChain.ts',
                                             8,
                                             'CONDENSE_PROMPT',
                                             'Given the following conversation and a follow up question, '
                                             'rephrase the follow up question to be a standalone question.\n'
                                             '\n'
                                             'Chat History:\n'),
                                            ('src/cli/commands/query/createChatChain.ts',
                                             18,
                                             'makeQAPrompt',
                                             'You are an AI assistant for a software project called ')],
                                 'neutral': [('src/cli/commands/index/prompts.ts', 60, '*'),
                                             ('src/cli/commands/index/prompts.ts', 70, '*'),
                                             ('src/cli/commands/query/createChatChain.ts', 35, '*'),
                                             ('src/cli/commands/init/index.ts', 37, '*'),
                                             ('src/cli/commands/init/index.ts', 45, '*')]},
 'ex3ndr/llama-coder (src/)': {'commit': 'd4b65d6737e2c5d4b5797fd77e18e740dd9355df',
                               'labels': [('src/prompts/processors/models.ts', 16, 'prompt', '<｜fim▁begin｜>'),
                                          ('src/prompts/processors/models.ts', 24, 'prompt', '<fim_prefix>'),
                                          ('src/prompts/processors/models.ts', 31, 'prompt', '<PRE> ')],
                               'neutral': [('src/prompts/preparePrompt.ts', 50, '*'),
                                           ('src/prompts/preparePrompt.ts', 71, '*'),
                                           ('src/prompts/preparePrompt.ts', 73, '*'),
                                           ('src/prompts/processors/fileHeaders.ts', 0, '*'),
                                           ('src/prompts/processors/comment.ts', 0, '*')]},
 'mayooear/ai-pdf-chatbot-langchain (backend/src/ frontend/app/ frontend/lib/ frontend/components/)': {'commit': '4bb98092472d0af57db600a10ba2183d76adecc4',
                                                                                                       'labels': [('backend/src/retrieval_graph/prompts.ts',
                                                                                                                   6,
                                                                                                                   'ROUTER_SYSTEM_PROMPT',
                                                                                                                   None),
                                                                                                                  ('backend/src/retrieval_graph/prompts.ts',
                                                                                                                   14,
                                                                                                                   'RESPONSE_SYSTEM_PROMPT',
                                                                                                                   'You '
                                                                                                                   'are '
                                                                                                                   'an '
                                                                                                                   'assistant '
                                                                                                                   'for '
                                                                                                                   'question-answering '
                                                                                                                   'tasks. '
                                                                                                                   'Use '
                                                                                                                   'the '
                                                                                                                   'following '
                                                                                                                   'pieces '
                                                                                                                   'of '
                                                                                                                   'retrieved '
                                                                                                                   'context '
                                                                                                                   'to '
                                                                                                                   'answer '
                                                                                                                   'the '
                                                                                                                   'question. \n'
                                                                                                                   '    '
                                                                                                                   'If '
                                                                                                                   'you '
                                                                                                                   "don't "
                                                                                                                   'know '
                                                                                                                   'the '
                                                                                                                   'answer, '
                                                                                                                   'just '
                                                                                                                   'say '
                                                                                                                   'that '
                                                                                                                   'you '
                                                                                                                   "don't "
                                                                                                                   'know. '
                                                                                                                   'Use '
                                                                                                                   'three '
                                                                                                                   'sentences '
                                                                                                                   'maximum '
                                                                                                                   'and '
                                                                                                                   'keep '
                                                                                                                   'the '
                                                                                                                   'answer '
                                                                                                                   'concise.\n'
                                                                                                                   '    \n'
                                                                                                                   '    '
                                                                                                                   'question:\n'
                                                                                                                   '    ')],
                                                                                                       'neutral': [('backend/src/retrieval_graph/prompts.ts',
                                                                                                                    8,
                                                                                                                    '*'),
                                                                                                                   ('frontend/components/example-prompts.tsx',
                                                                                                                    0,
                                                                                                                    '*')]},
 'transitive-bullshit/chatgpt-api (examples/ src/)': {'commit': 'bc454ee7fae2406d8bc70d63118f657245fad54a',
                                                      'labels': [('examples/ai-sdk/browserbase.ts',
                                                                  19,
                                                                  'system',
                                                                  None),
                                                                 ('examples/ai-sdk/browserbase.ts',
                                                                  20,
                                                                  'prompt',
                                                                  None),
                                                                 ('examples/ai-sdk/weather.ts',
                                                                  17,
                                                                  'system',
                                                                  None),
                                                                 ('examples/ai-sdk/weather.ts',
                                                                  18,
                                                                  'prompt',
                                                                  None),
                                                                 ('examples/dexter/analyze.ts',
                                                                  20,
                                                                  'systemMessage',
                                                                  None),
                                                                 ('examples/dexter/analyze.ts',
                                                                  24,
                                                                  '*',
                                                                  None),
                                                                 ('examples/dexter/code-interpreter.ts',
                                                                  18,
                                                                  '*',
                                                                  None),
                                                                 ('examples/dexter/election-news.ts',
                                                                  22,
                                                                  'systemMessage',
                                                                  None),
                                                                 ('examples/dexter/election-news.ts',
                                                                  26,
                                                                  '*',
                                                                  None),
                                                                 ('examples/dexter/weather.ts',
                                                                  17,
                                                                  'systemMessage',
                                                                  None),
                                                                 ('examples/dexter/weather.ts',
                                                                  20,
                                                                  '*',
                                                                  None),
                                                                 ('examples/genkit/weather.ts',
                                                                  25,
                                                                  '*',
                                                                  None),
                                                                 ('examples/genkit/weather.ts',
                                                                  30,
                                                                  'prompt',
                                                                  None),
                                                                 ('examples/langchain/weather.ts',
                                                                  18,
                                                                  '*',
                                                                  None),
                                                                 ('examples/llamaindex/weather.ts',
                                                                  14,
                                                                  'systemPrompt',
                                                                  None),
                                                                 ('examples/llamaindex/weather.ts',
                                                                  19,
                                                                  'message',
                                                                  None),
                                                                 ('examples/openai/weather.ts',
                                                                  14,
                                                                  'content',
                                                                  None),
                                                                 ('examples/openai/weather.ts',
                                                                  16,
                                                                  'content',
                                                                  None)],
                                                      'neutral': [('examples/langchain/weather.ts', 19, '*'),
                                                                  ('examples/langchain/weather.ts', 20, '*'),
                                                                  ('examples/langchain/weather.ts', 21, '*'),
                                                                  ('examples/langchain/weather.ts', 32, '*'),
                                                                  ('examples/openai/weather.ts', 42, '*'),
                                                                  ('src/message.test.ts', 0, '*')]}}
