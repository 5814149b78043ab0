"""Hand labels for the second blind config round (issue #11, helper src-cfg6), written by reading the
files BEFORE running pcache on them, with the code of branch src-cfg6 after the first round's fixes
(no rule was written after these files were read).  The two repositories are over the snapshot size
limit, so their files were read with the search tool's read_file and written into a tree that keeps
their paths (no other file of either repository is in it: false positives are counted on these files
only).  Same label shape and scorer as labels.py; a syntax given as a tuple accepts any of its
members (``{{name}}`` renders alike in Jinja/Nunjucks and Mustache; Dify's ``{{#context#}}`` is its own
double-brace syntax, filled by ``PromptTemplateParser``).

Decisions taken while reading:
- Dify (``api/core/prompt/prompt_templates/``): ``context_prompt``, ``histories_prompt`` and
  ``query_prompt`` are the sections Dify's simple prompt transform joins into the prompt (by
  ``system_prompt_orders``); a ``query_prompt`` that is only ``{{#query#}}`` is neutral; the
  ``human_prefix``/``assistant_prefix`` role labels, ``system_prompt_orders`` and ``stops`` are no prompts.
- promptfoo examples: each item of ``prompts:`` is a prompt (the bedrock one a JSON message list
  written as a string, the value pcache reads); ``tests[].vars`` (inputs) and ``assert`` values (an
  ``llm-rubric`` is handed to promptfoo's own grader prompt) are neutral; ``file://prompt.json`` is a
  reference; descriptions, providers and labels are no prompts.
"""

BRACES = ("jinja", "mustache", "handlebars")
P = "api/core/prompt/prompt_templates/"
E = "examples/"

PROJECTS = {
    "langgenius/dify": {
        "commit": "7d33794853f4f4da00f0657901de21620e952120",
        "scope": [P],
        "kind": "prompts",
        "labels": [
            (P + "common_chat.json", "context_prompt", BRACES, "{{#context#}}"),
            (P + "common_chat.json", "histories_prompt", BRACES, "{{#histories#}}"),
            (P + "common_chat.json", "query_prompt", BRACES, "{{#query#}}"),
            (P + "common_completion.json", "context_prompt", BRACES, "{{#context#}}"),
            (P + "baichuan_chat.json", "context_prompt", BRACES, "{{#context#}}"),
            (P + "baichuan_chat.json", "histories_prompt", BRACES, "{{#histories#}}"),
            (P + "baichuan_chat.json", "query_prompt", BRACES, "{{#query#}}"),
            (P + "baichuan_completion.json", "context_prompt", BRACES, "{{#context#}}"),
        ],
        "neutral": [
            (P + "common_completion.json", "query_prompt"),
            (P + "baichuan_completion.json", "query_prompt"),
        ],
    },
    "promptfoo/promptfoo": {
        "commit": "getting-started 0145f90, amazon-bedrock/models d378258, adaline-multiline c286a6c",
        "scope": [E],
        "kind": "prompts",
        "labels": [
            (E + "getting-started/promptfooconfig.yaml", "prompts[0]", ("jinja", "mustache"), "{{language}}"),
            (E + "getting-started/promptfooconfig.yaml", "prompts[1]", ("jinja", "mustache"), "{{language}}"),
            (E + "amazon-bedrock/models/promptfooconfig.converse-system.yaml", "prompts[0]", ("jinja", "mustache"), "{{topic}}"),
            (E + "amazon-bedrock/models/promptfooconfig.converse-system.yaml", "prompts[1]", ("jinja", "mustache"), "{{question}}"),
        ],
        "neutral": [
            (E + "getting-started/promptfooconfig.yaml", "*.vars.language"),
            (E + "getting-started/promptfooconfig.yaml", "*.vars.input"),
            (E + "getting-started/promptfooconfig.yaml", "*.value"),
            (E + "amazon-bedrock/models/promptfooconfig.converse-system.yaml", "*.vars.topic"),
            (E + "amazon-bedrock/models/promptfooconfig.converse-system.yaml", "*.vars.question"),
            (E + "amazon-bedrock/models/promptfooconfig.converse-system.yaml", "*.value"),
            (E + "adaline-multiline/promptfooconfig.yaml", "*.vars.content"),
        ],
    },
}
