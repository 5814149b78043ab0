"""Hand labels for the fifth round's second blind split (issue #11, helper src-cfg9): three more projects,
claimed and opened after the first split was scanned and after the chat-template rule was written (that
rule was read off gpt4all, not these trees), labelled by reading BEFORE any pcache run on them.  Trees:
the fetch tool's snapshots at the commits below, extracted blob by blob (``extract.sh``) under
/tmp/cfgblind9/<name> and made git work trees (one blob absent: a kernel-memory example's PDF).
Label shape as ``labels.py``; syntax "sk" for Semantic Kernel's ``{{$name}}``/``{{plugin.fn}}``, a tuple
of the double-brace syntaxes for an application's own ``{{__name__}}`` replacement.  Scope: every
non-code file (the scorer ignores code files; C#, Rust and the web apps' TS are code).

Decisions taken while reading:
- microsoft/chat-copilot (``webapi/appsettings.json``, JSON with comments, read by .NET configuration
  into ``PromptsOptions``; Semantic Kernel syntax): the ``Prompts`` section's instructions
  (``SystemDescription``, ``SystemResponse``, ``SystemAudience``, ``SystemAudienceContinuation``,
  ``SystemIntent``, ``SystemIntentContinuation``, ``SystemCognitive``, ``MemoryAntiHallucination``,
  ``MemoryContinuation``) and the two memory-type descriptions that ``PromptsOptions`` puts into the
  extraction prompt (``WorkingMemoryExtraction``, ``LongTermMemoryExtraction``).  ``InitialBotMessage``
  (the bot's greeting, shown and kept in the history), ``KnowledgeCutoffDate`` and ``MemoryFormat``
  (values filled into ``{{$knowledgeCutoff}}``/``{{$format}}``) are neutral; names, limits, the
  OpenAPI plugin specs, the deploy templates and the docs are no prompts.
- microsoft/kernel-memory (its HEAD keeps the v1 service under ``archived/km-v1/``): the Semantic
  Kernel prompt files under ``Prompts/`` folders (the service's ``answer-with-facts.txt`` and
  ``summarize.txt``, the evaluation app's 13 templates, read as embedded resources), the Anthropic
  connector's ``DefaultSystemPrompt`` in the two appsettings that set it, and the root ``CLAUDE.md``
  (instructions Claude Code loads: pcache's documented agent file).  ``EmptyAnswer`` ("INFO NOT
  FOUND", filled into ``{{$notFound}}``) is neutral; ``ModeratedAnswer`` (a reply shown to the user), the
  example documents (``file1-Wikipedia-Carbon.txt``...), test fixtures and docs are no prompts.
- sigoden/aichat (Rust): the built-in roles ``assets/roles/*.md`` (each file a role's prompt; ``%code%``'s
  ``### INPUT:``/``### OUTPUT:`` pairs are aichat's few-shot form, static text here;
  ``%create-prompt%`` ends in aichat's ``__INPUT__`` placeholder, which no template engine names:
  syntax None, first variable ``__INPUT__``; ``%shell%`` uses aichat's ``{{__shell__}}`` variables;
  ``%functions%.md`` is front matter only: no prompt) and ``config.example.yaml``'s ``summarize_prompt``,
  ``summary_prompt`` (the text put before a session's summary) and ``rag_template`` (aichat's
  ``__CONTEXT__``/``__INPUT__`` placeholders).  ``left_prompt``/``right_prompt`` are the REPL's
  terminal prompts (``{color.green}...``): no prompt; nor are ``models.yaml``, the shell scripts and
  the HTML pages.
"""

PROJECTS = {
    'microsoft/chat-copilot': {
        "commit": '23b27821baa11b2a1639070434628e5b151ce706',
        "scope": [""],
        "kind": "prompts",
        "labels": [
            ('webapi/appsettings.json', 'Prompts.SystemDescription', 'sk', '{{$knowledgeCutoff}}'),
            ('webapi/appsettings.json', 'Prompts.SystemResponse', None, None),
            ('webapi/appsettings.json', 'Prompts.SystemAudience', None, None),
            ('webapi/appsettings.json', 'Prompts.SystemAudienceContinuation', None, None),
            ('webapi/appsettings.json', 'Prompts.SystemIntent', None, None),
            ('webapi/appsettings.json', 'Prompts.SystemIntentContinuation', 'sk', '{{TimePlugin.Now}}'),
            ('webapi/appsettings.json', 'Prompts.SystemCognitive', 'sk', '{{$memoryName}}'),
            ('webapi/appsettings.json', 'Prompts.MemoryAntiHallucination', None, None),
            ('webapi/appsettings.json', 'Prompts.MemoryContinuation', None, None),
            ('webapi/appsettings.json', 'Prompts.WorkingMemoryExtraction', None, None),
            ('webapi/appsettings.json', 'Prompts.LongTermMemoryExtraction', None, None),
        ],
        "neutral": [
            ('webapi/appsettings.json', 'Prompts.InitialBotMessage'),
            ('webapi/appsettings.json', 'Prompts.KnowledgeCutoffDate'),
            ('webapi/appsettings.json', 'Prompts.MemoryFormat'),
        ],
    },
    'microsoft/kernel-memory': {
        "commit": '94b69d340d6b2dec7bd30479927c36b9f8d4913f',
        "scope": [""],
        "kind": "prompts",
        "labels": [
            ('archived/km-v1/applications/evaluation/Prompts/Evaluation/ContextPrecision.txt', '', 'sk', '{{$question}}'),
            ('archived/km-v1/applications/evaluation/Prompts/Evaluation/ContextRecall.txt', '', 'sk', '{{$question}}'),
            ('archived/km-v1/applications/evaluation/Prompts/Evaluation/Correctness.txt', '', 'sk', '{{$question}}'),
            ('archived/km-v1/applications/evaluation/Prompts/Evaluation/Faithfulness.txt', '', 'sk', '{{$context}}'),
            ('archived/km-v1/applications/evaluation/Prompts/Extraction/Keyphrase.txt', '', 'sk', '{{$input}}'),
            ('archived/km-v1/applications/evaluation/Prompts/Extraction/Question.txt', '', 'sk', '{{$answer}}'),
            ('archived/km-v1/applications/evaluation/Prompts/Extraction/Statements.txt', '', 'sk', '{{$question}}'),
            ('archived/km-v1/applications/evaluation/Prompts/SyntheticData/ConditionalQuestion.txt', '', 'sk', '{{$question}}'),
            ('archived/km-v1/applications/evaluation/Prompts/SyntheticData/MultiContextQuestion.txt', '', 'sk', '{{$question}}'),
            ('archived/km-v1/applications/evaluation/Prompts/SyntheticData/QuestionAnswer.txt', '', 'sk', '{{$context}}'),
            ('archived/km-v1/applications/evaluation/Prompts/SyntheticData/ReasoningQuestion.txt', '', 'sk', '{{$question}}'),
            ('archived/km-v1/applications/evaluation/Prompts/SyntheticData/SeedQuestion.txt', '', 'sk', '{{$context}}'),
            ('archived/km-v1/applications/evaluation/Prompts/Transmutation/Translate.txt', '', 'sk', '{{$translate_to}}'),
            ('archived/km-v1/service/Core/Prompts/answer-with-facts.txt', '', 'sk', '{{$facts}}'),
            ('archived/km-v1/service/Core/Prompts/summarize.txt', '', 'sk', '{{$input}}'),
            ('archived/km-v1/service/Service/appsettings.json', 'KernelMemory.Services.Anthropic.DefaultSystemPrompt', None, None),
            ('archived/km-v1/examples/210-KM-without-builder/appsettings.json', 'KernelMemory.Services.Anthropic.DefaultSystemPrompt', None, None),
            ('CLAUDE.md', '', None, None),
        ],
        "neutral": [
            ('archived/', '*.EmptyAnswer'),
        ],
    },
    'sigoden/aichat': {
        "commit": '82976d349ad97ac9aae0655ad631dace5e2a6385',
        "scope": [""],
        "kind": "prompts",
        "labels": [
            ('assets/roles/%code%.md', '', None, None),
            ('assets/roles/%create-prompt%.md', '', None, '__INPUT__'),
            ('assets/roles/%create-title%.md', '', None, None),
            ('assets/roles/%explain-shell%.md', '', None, None),
            ('assets/roles/%shell%.md', '', ('mustache', 'handlebars', 'jinja'), '{{__shell__}}'),
            ('config.example.yaml', 'summarize_prompt', None, None),
            ('config.example.yaml', 'summary_prompt', None, None),
            ('config.example.yaml', 'rag_template', None, '__CONTEXT__'),
        ],
        "neutral": [],
    },
}
