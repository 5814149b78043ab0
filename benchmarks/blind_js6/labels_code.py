"""Hand labels for the sixth blind prompt-discovery run (issue #11, JS/TS), written by reading the
trees BEFORE running pcache on them (no pcache output on these four trees was seen before this file
was committed). Same label form and scorer as blind_js4 (see its labels_code.py): each label is
(file, line of the literal, hint, prefix); hint a name the prompt is kept or sent under ("*" = any
prompt of that file within 8 lines); prefix the value's text before its first variable as the code
evaluates it, None when the prompt has no variable. Prefixes were computed by Node evaluating the
literal's source text up to its first `${` (a helper that cuts the literal from the file and hands
it to `node -e`), with `${CONST}` of a constant literal (same file or imported) replaced by its text
and `${f()}` of a function without arguments that returns one constant literal (same file or
imported: midscene's `locateGroundingRules()`) replaced by that literal.
A fragment counts when the code sends it on its own or as a section (ai-town's `prompt.push(...)`
lines; an array of lines joined into one prompt is one prompt, its later items neutral).
Persona text that reaches the model through the project's own database (ai-town's
`data/characters.ts` `identity`/`plan`, inserted by `init.ts` and spliced into `About you: ...`)
counts: it is prompt text kept in the code.
NEUTRAL: records and formatted lists, all-variable compositions (`${a} to ${b}:`), tag wrappers,
tool, handoff and schema descriptions, tool results (returned policy texts, sample data), texts sent
to an embedding model, one-word messages (`'hi'`, `'Summary:'`), nested alternatives of a
conditional inside a prompt (midscene's `renderSubGoalsContent('...', '...')` arguments), example
values of a few-shot block; a line of 0 means the whole file (or, with a hint, the prompts of that
file holding it).
Scopes: openai-realtime-agents whole tree; ai-town `convex/` and `data/`; srcbook `packages/api/`
(its prompts are `.txt` files read with readFileSync and sent verbatim: static, whatever braces they
hold); midscene `packages/core/src/ai-model/prompt/` (the prompt folder; its callers elsewhere are not
labelled). Trees: each mirror's HEAD, extracted file by file (absent blobs: two media/data files).
Score: python benchmarks/blind_js4/measure.py PROJECT ROOT SCAN_JSON benchmarks/blind_js6/labels_code.py"""

PROJECTS = {'openai/openai-realtime-agents': {'commit': 'b80e22706fbd3fefad3ca78aceb43fbd0ec95a92',
                                   'labels': [('src/app/agentConfigs/simpleHandoff.ts',
                                               9,
                                               'instructions',
                                               None),
                                              ('src/app/agentConfigs/simpleHandoff.ts',
                                               19,
                                               'instructions',
                                               None),
                                              ('src/app/agentConfigs/customerServiceRetail/simulatedHuman.ts',
                                               9,
                                               'instructions',
                                               None),
                                              ('src/app/agentConfigs/customerServiceRetail/sales.ts',
                                               10,
                                               'instructions',
                                               None),
                                              ('src/app/agentConfigs/customerServiceRetail/authentication.ts',
                                               9,
                                               'instructions',
                                               None),
                                              ('src/app/agentConfigs/customerServiceRetail/returns.ts',
                                               9,
                                               'instructions',
                                               None),
                                              ('src/app/agentConfigs/customerServiceRetail/returns.ts',
                                               242,
                                               'content',
                                               None),
                                              ('src/app/agentConfigs/customerServiceRetail/returns.ts',
                                               246,
                                               'content',
                                               'Carefully consider the context provided, which includes the '
                                               'request and relevant policies and facts, and determine '
                                               "whether the user's desired action can be completed according "
                                               'to the policies. Provide a concise explanation or '
                                               'justification. Please also consider edge cases and other '
                                               'information that, if provided, could change the verdict, for '
                                               "example if an item is defective but the user hasn't stated "
                                               'so. Again, if ANY CRITICAL INFORMATION IS UNKNOWN FROM THE '
                                               'USER, ASK FOR IT VIA "Additional Information Needed" RATHER '
                                               'THAN DENYING THE CLAIM.\n'
                                               '\n'
                                               '<modelContext>\n'
                                               'userDesiredAction: '),
                                              ('src/app/agentConfigs/chatSupervisor/index.ts',
                                               7,
                                               'instructions',
                                               None),
                                              ('src/app/agentConfigs/chatSupervisor/supervisorAgent.ts',
                                               10,
                                               'supervisorAgentInstructions',
                                               None),
                                              ('src/app/agentConfigs/chatSupervisor/supervisorAgent.ts',
                                               295,
                                               'content',
                                               '==== Conversation History ====\n          '),
                                              ('src/app/agentConfigs/guardrails.ts',
                                               15,
                                               'content',
                                               'You are an expert at classifying text according to '
                                               'moderation policies. Consider the provided message, analyze '
                                               'potential classes from output_classes, and output the best '
                                               'classification. Output json, following the provided schema. '
                                               'Keep your analysis and reasoning short and to the point, '
                                               'maximum 2 sentences.\n'
                                               '\n'
                                               '      <info>\n'
                                               '      - Company name: ')],
                                   'neutral': [('src/app/agentConfigs/', 0, 'handoffDescription'),
                                               ('src/app/agentConfigs/', 0, 'description'),
                                               ('src/app/agentConfigs/', 0, 'parameters'),
                                               ('src/app/agentConfigs/customerServiceRetail/returns.ts',
                                                166,
                                                '*'),
                                               ('src/app/agentConfigs/chatSupervisor/sampleData.ts', 0, '*'),
                                               ('src/app/App.tsx', 281, '*')]},
 'a16z-infra/ai-town (convex/ data/)': {'commit': '2693ed6973e3461204385c9d11fb3aca4e8e3a7a',
                                        'labels': [('convex/agent/conversation.ts', 45, '*', 'You are '),
                                                   ('convex/agent/conversation.ts', 52, '*', None),
                                                   ('convex/agent/conversation.ts', 102, '*', 'You are '),
                                                   ('convex/agent/conversation.ts',
                                                    108,
                                                    '*',
                                                    'Below is the current chat history between you and '),
                                                   ('convex/agent/conversation.ts', 109, '*', None),
                                                   ('convex/agent/conversation.ts', 153, '*', 'You are '),
                                                   ('convex/agent/conversation.ts',
                                                    158,
                                                    '*',
                                                    'Below is the current chat history between you and '),
                                                   ('convex/agent/conversation.ts', 159, '*', None),
                                                   ('convex/agent/conversation.ts', 192, '*', 'About you: '),
                                                   ('convex/agent/conversation.ts',
                                                    193,
                                                    '*',
                                                    'Your goals for the conversation: '),
                                                   ('convex/agent/conversation.ts', 196, '*', 'About '),
                                                   ('convex/agent/conversation.ts',
                                                    210,
                                                    '*',
                                                    'Last time you chatted with '),
                                                   ('convex/agent/conversation.ts', 221, '*', None),
                                                   ('convex/agent/memory.ts', 45, 'content', 'You are '),
                                                   ('convex/agent/memory.ts',
                                                    251,
                                                    'content',
                                                    'On the scale of 0 to 9, where 0 is purely mundane '
                                                    '(e.g., brushing teeth, making bed) and 9 is extremely '
                                                    'poignant (e.g., a break up, college acceptance), rate '
                                                    'the likely poignancy of the following piece of memory.\n'
                                                    '      Memory: '),
                                                   ('convex/agent/memory.ts',
                                                    350,
                                                    'prompt',
                                                    '[no prose]\n[Output only JSON]\nYou are '),
                                                   ('convex/agent/memory.ts', 354, '*', None),
                                                   ('convex/agent/memory.ts', 356, '*', None),
                                                   ('convex/agent/memory.ts', 359, '*', None),
                                                   ('data/characters.ts', 23, 'identity', None),
                                                   ('data/characters.ts', 29, 'identity', None),
                                                   ('data/characters.ts', 35, 'identity', None),
                                                   ('data/characters.ts', 49, 'identity', None),
                                                   ('data/characters.ts', 55, 'identity', None),
                                                   ('data/characters.ts', 24, 'plan', None),
                                                   ('data/characters.ts', 30, 'plan', None),
                                                   ('data/characters.ts', 36, 'plan', None),
                                                   ('data/characters.ts', 50, 'plan', None),
                                                   ('data/characters.ts', 56, 'plan', None)],
                                        'neutral': [('convex/agent/conversation.ts', 31, '*'),
                                                    ('convex/agent/conversation.ts', 55, '*'),
                                                    ('convex/agent/conversation.ts', 98, '*'),
                                                    ('convex/agent/conversation.ts', 103, '*'),
                                                    ('convex/agent/conversation.ts', 125, '*'),
                                                    ('convex/agent/conversation.ts', 154, '*'),
                                                    ('convex/agent/conversation.ts', 174, '*'),
                                                    ('convex/agent/conversation.ts', 243, '*'),
                                                    ('convex/agent/memory.ts', 57, '*'),
                                                    ('convex/agent/memory.ts', 60, '*'),
                                                    ('convex/agent/memory.ts', 65, '*'),
                                                    ('convex/agent/memory.ts', 352, '*')]},
 'srcbookdev/srcbook (packages/api/)': {'commit': 'd62124b24ce060a1e15b921259353b5579df5f8c',
                                        'labels': [('packages/api/prompts/srcbook-generator.txt',
                                                    0,
                                                    '*',
                                                    None),
                                                   ('packages/api/prompts/cell-generator-javascript.txt',
                                                    0,
                                                    '*',
                                                    None),
                                                   ('packages/api/prompts/cell-generator-typescript.txt',
                                                    0,
                                                    '*',
                                                    None),
                                                   ('packages/api/prompts/code-updater-javascript.txt',
                                                    0,
                                                    '*',
                                                    None),
                                                   ('packages/api/prompts/code-updater-typescript.txt',
                                                    0,
                                                    '*',
                                                    None),
                                                   ('packages/api/prompts/fix-cell-diagnostics.txt',
                                                    0,
                                                    '*',
                                                    None),
                                                   ('packages/api/ai/generate.mts',
                                                    46,
                                                    '*',
                                                    '==== BEGIN SRCBOOK ====\n'),
                                                   ('packages/api/ai/generate.mts',
                                                    66,
                                                    '*',
                                                    '==== BEGIN SRCBOOK ====\n'),
                                                   ('packages/api/ai/generate.mts',
                                                    96,
                                                    '*',
                                                    '==== BEGIN SRCBOOK ====\n'),
                                                   ('packages/api/ai/generate.mts', 139, 'system', None),
                                                   ('packages/api/ai/generate.mts', 140, 'prompt', None)],
                                        'neutral': [('packages/api/ai/generate.mts', 35, '*')]},
 'web-infra-dev/midscene (packages/core/src/ai-model/prompt/)': {'commit': 'dfc5a5f6ce41abb4f01d4be8c4d998ffa2b5a8c1',
                                                                 'labels': [('packages/core/src/ai-model/prompt/describe.ts',
                                                                             35,
                                                                             'elementDescriberInstruction',
                                                                             '\n'
                                                                             'Describe the real page element '
                                                                             'indicated by the temporary '
                                                                             'callout.\n'
                                                                             'The callout is an annotation '
                                                                             'overlay. It is not part of the '
                                                                             'page or target.\n'
                                                                             'The description will be used '
                                                                             'later to locate the same '
                                                                             'element on the original '
                                                                             'screenshot without '
                                                                             'annotations, so write a '
                                                                             'locator-style description '
                                                                             'instead of a visual caption.\n'
                                                                             '\n'
                                                                             'IMPORTANT: You MUST write the '
                                                                             'description in '),
                                                                            ('packages/core/src/ai-model/prompt/locate-grounding-rules.ts',
                                                                             2,
                                                                             'locateGroundingRules',
                                                                             None),
                                                                            ('packages/core/src/ai-model/prompt/order-sensitive-judge.ts',
                                                                             2,
                                                                             'systemPromptToJudgeOrderSensitive',
                                                                             None),
                                                                            ('packages/core/src/ai-model/prompt/order-sensitive-judge.ts',
                                                                             34,
                                                                             'orderSensitiveJudgePrompt',
                                                                             'Analyze this element '
                                                                             'description: "'),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             9,
                                                                             'currentScreenshotConstraint',
                                                                             None),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             12,
                                                                             '*',
                                                                             'Boolean, based on the current '
                                                                             'screenshot and its contents if '
                                                                             'provided, unless the user '
                                                                             'explicitly asks to compare '
                                                                             'with reference images, whether '
                                                                             'the following statement is '
                                                                             'true: '),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             16,
                                                                             '*',
                                                                             'Boolean, the user wants to do '
                                                                             "some 'wait for' operation. "
                                                                             'based on the current '
                                                                             'screenshot and its contents if '
                                                                             'provided, unless the user '
                                                                             'explicitly asks to compare '
                                                                             'with reference images, please '
                                                                             'check whether the following '
                                                                             'statement is true: '),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             19,
                                                                             '*',
                                                                             ''),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             31,
                                                                             '*',
                                                                             None),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             36,
                                                                             '*',
                                                                             None),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             40,
                                                                             '*',
                                                                             None),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             46,
                                                                             'referenceImagesPrompt',
                                                                             None),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             49,
                                                                             '*',
                                                                             None),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             50,
                                                                             '*',
                                                                             None),
                                                                            ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                             55,
                                                                             'systemPromptToExtract',
                                                                             '\n'
                                                                             'You are a versatile '
                                                                             'professional in software UI '
                                                                             'design and testing. Your '
                                                                             'outstanding contributions will '
                                                                             'impact the user experience of '
                                                                             'billions of users.\n'
                                                                             '\n'),
                                                                            ('packages/core/src/ai-model/prompt/llm-locator.ts',
                                                                             17,
                                                                             'systemPromptToLocateElement',
                                                                             '\n'
                                                                             '## Role:\n'
                                                                             'You are an AI assistant that '
                                                                             'helps identify UI elements.\n'
                                                                             '\n'
                                                                             '## Objective:\n'
                                                                             '- Identify elements in '
                                                                             'screenshots that match the '
                                                                             "user's description.\n"
                                                                             '- Provide the coordinates of '
                                                                             'the element that matches the '
                                                                             "user's description.\n"
                                                                             '\n'
                                                                             '## Important Notes for '
                                                                             'Locating Elements:\n'
                                                                             '- First identify the target '
                                                                             "primitive from the user's "
                                                                             'description, then locate that '
                                                                             'primitive only. Treat labels, '
                                                                             'owners, rows, columns, and '
                                                                             'surrounding text as context '
                                                                             'unless the description says '
                                                                             'they are the target.\n'
                                                                             '- If the target itself is '
                                                                             'visible text, link text, '
                                                                             'status text, table cell text, '
                                                                             'or header text, return only '
                                                                             'the tight visible text region, '
                                                                             'not the entire control, row, '
                                                                             'sentence, or container.\n'
                                                                             '- If a text or link target '
                                                                             'wraps across multiple lines, '
                                                                             'do not return one large box '
                                                                             'covering the whole wrapped '
                                                                             'text. Return a tight box '
                                                                             'around a distinctive visible '
                                                                             'segment of the target text; '
                                                                             'for CJK link labels, the first '
                                                                             '2-4 visible characters are '
                                                                             'enough when unique.\n'
                                                                             '- If the target is an '
                                                                             'input/select/filter field '
                                                                             'body, current value area, or '
                                                                             'blank field region, return '
                                                                             'that field/control body or '
                                                                             'value region. Do not retarget '
                                                                             'to a trailing search icon, '
                                                                             'dropdown arrow, clear button, '
                                                                             'or nearby table header.\n'
                                                                             '- If the target is an icon, '
                                                                             'arrow, checkbox, radio, or '
                                                                             'accessory control, return only '
                                                                             'that glyph/control region. Do '
                                                                             'not return adjacent owner '
                                                                             'text.\n'
                                                                             '- If the target is a tiny '
                                                                             'icon/control among adjacent '
                                                                             'similar icons, use the '
                                                                             'described local order or '
                                                                             'relative position within that '
                                                                             'group and return only that '
                                                                             'glyph/control.\n'
                                                                             '- If the same text appears in '
                                                                             'multiple regions, obey the '
                                                                             'described owner region first, '
                                                                             'such as filter bar vs table '
                                                                             'header.\n'
                                                                             '\n'
                                                                             '## Output Format:\n'
                                                                             '```json\n'
                                                                             '{\n'
                                                                             '  "'),
                                                                            ('packages/core/src/ai-model/prompt/llm-locator.ts',
                                                                             57,
                                                                             'findElementPrompt',
                                                                             'Find: '),
                                                                            ('packages/core/src/ai-model/prompt/llm-section-locator.ts',
                                                                             19,
                                                                             'systemPromptToLocateSection',
                                                                             '\n'
                                                                             '## Role:\n'
                                                                             'You are an AI assistant that '
                                                                             'helps identify UI elements.\n'
                                                                             '\n'
                                                                             '## Objective:\n'
                                                                             '- Find a section containing '
                                                                             'the target element\n'
                                                                             '- If the description mentions '
                                                                             'reference elements, also '
                                                                             'locate sections containing '
                                                                             'those references\n'
                                                                             '\n'
                                                                             '## Output Format:\n'
                                                                             '```json\n'
                                                                             '{\n'
                                                                             '  '),
                                                                            ('packages/core/src/ai-model/prompt/llm-section-locator.ts',
                                                                             56,
                                                                             'sectionLocatorInstruction',
                                                                             'Find section containing: '),
                                                                            ('packages/core/src/ai-model/prompt/planning/system-prompt.ts',
                                                                             75,
                                                                             'buildStandardPlanningSystemPrompt',
                                                                             '\n'
                                                                             'Target: You are an expert to '
                                                                             'manipulate the UI to '
                                                                             "accomplish the user's "
                                                                             'instruction. User will give '
                                                                             'you an instruction, some '
                                                                             'screenshots, background '
                                                                             'knowledge and previous logs '
                                                                             'indicating what have been '
                                                                             'done. Your task is to '
                                                                             'accomplish the instruction by '
                                                                             'thinking through the path to '
                                                                             'complete the task and give the '
                                                                             'next action to execute.\n'
                                                                             '\n'
                                                                             '## Step 1: '),
                                                                            ('packages/core/src/ai-model/prompt/planning/multi-turn-example.ts',
                                                                             68,
                                                                             'buildPlanningMultiTurnExample',
                                                                             '\n'
                                                                             '## Multi-turn Conversation '
                                                                             'Example\n'
                                                                             '\n'
                                                                             'Below is an example of a '
                                                                             'multi-turn conversation for '
                                                                             '"fill out the registration '
                                                                             "form with name 'John' and "
                                                                             "email 'john@example.com', then "
                                                                             'return the filled email '
                                                                             'address":\n'
                                                                             '\n'
                                                                             '### Turn 1 - Initial '
                                                                             'instruction\n'
                                                                             '\n'
                                                                             '**User message:**\n'
                                                                             '<user_instruction>fill out the '
                                                                             'registration form with name '
                                                                             "'John' and email "
                                                                             "'john@example.com', then "
                                                                             'return the filled email '
                                                                             'address</user_instruction>\n'
                                                                             '\n'
                                                                             '**Screenshot:** [Shows a '
                                                                             'registration form with empty '
                                                                             'Name and Email fields]\n'
                                                                             '\n'
                                                                             '**Your response:**\n'
                                                                             '\n')],
                                                                 'neutral': [('packages/core/src/ai-model/prompt/describe.ts',
                                                                              0,
                                                                              'examplesMap'),
                                                                             ('packages/core/src/ai-model/prompt/describe.ts',
                                                                              24,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/describe.ts',
                                                                              27,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                              152,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/extraction.ts',
                                                                              155,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/llm-locator.ts',
                                                                              16,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/llm-section-locator.ts',
                                                                              0,
                                                                              'resultJsonProperty'),
                                                                             ('packages/core/src/ai-model/prompt/llm-section-locator.ts',
                                                                              0,
                                                                              'resultFieldDescription'),
                                                                             ('packages/core/src/ai-model/prompt/llm-section-locator.ts',
                                                                              0,
                                                                              'referenceFieldDescription'),
                                                                             ('packages/core/src/ai-model/prompt/planning/system-prompt.ts',
                                                                              0,
                                                                              'renderSubGoalsContent'),
                                                                             ('packages/core/src/ai-model/prompt/planning/system-prompt.ts',
                                                                              0,
                                                                              'renderThoughtContent'),
                                                                             ('packages/core/src/ai-model/prompt/planning/system-prompt.ts',
                                                                              0,
                                                                              'renderLogContent'),
                                                                             ('packages/core/src/ai-model/prompt/planning/system-prompt.ts',
                                                                              59,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/planning/system-prompt.ts',
                                                                              266,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/planning/system-prompt.ts',
                                                                              300,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/planning/multi-turn-example.ts',
                                                                              0,
                                                                              'renderSubGoalsContent'),
                                                                             ('packages/core/src/ai-model/prompt/planning/multi-turn-example.ts',
                                                                              0,
                                                                              'description'),
                                                                             ('packages/core/src/ai-model/prompt/planning/multi-turn-example.ts',
                                                                              0,
                                                                              'createSampleTapAction'),
                                                                             ('packages/core/src/ai-model/prompt/planning/multi-turn-example.ts',
                                                                              0,
                                                                              'createSampleInputAction'),
                                                                             ('packages/core/src/ai-model/prompt/planning/multi-turn-example.ts',
                                                                              0,
                                                                              'planning'),
                                                                             ('packages/core/src/ai-model/prompt/planning/multi-turn-example.ts',
                                                                              0,
                                                                              'log'),
                                                                             ('packages/core/src/ai-model/prompt/planning/multi-turn-example.ts',
                                                                              0,
                                                                              'memory'),
                                                                             ('packages/core/src/ai-model/prompt/planning/multi-turn-example.ts',
                                                                              0,
                                                                              'message'),
                                                                             ('packages/core/src/ai-model/prompt/planning/sub-goals-text.ts',
                                                                              0,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/planning/planning-response-example.ts',
                                                                              0,
                                                                              '*'),
                                                                             ('packages/core/src/ai-model/prompt/planning/action-output-example.ts',
                                                                              0,
                                                                              '*')]}}
