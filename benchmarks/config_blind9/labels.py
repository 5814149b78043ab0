"""Hand labels for the fifth blind config-field and prompt-folder round (issue #11, helper src-cfg9),
written by reading the trees BEFORE running pcache on them (no pcache output on these three trees was seen
before this file was committed).  Trees: the fetch tool's snapshots at the commits below, extracted blob
by blob with `git cat-file` (/tmp/cfgblind9/<name>, made a git work tree with every extracted file
committed, as a clone has them; symlinks and submodules not extracted; blobs absent from the snapshots:
gpt4all 1 (a docs .mp4), none in a labelled folder).  aiwaves-cn/agents was claimed, opened (its file
list, five configs, ``task/node.py``) and released unlabelled: its configs hold hundreds of prompt
components (``node_prompt_paddings``' style/task/rule pieces filled into templates) that could not be
labelled with care in the time.
Same label shape as ../config_blind8/labels.py: (file, key path, syntax, first variable); key path as
pcache's documented container (``a.b[0].c``; a top-level list's item as ``[0].content``), "" for a
whole-file template; syntax "jinja" where the project renders the text with jinja2, None for a prompt
without a variable; the first variable as written (a ``{{ }}`` or ``{% %}`` tag).  Rows were listed by
a small script applying the decisions below to the parsed files (tomllib/json/PyYAML, a regex for the
first ``{{ }}``/``{% %}``), then read.
Scope (where a report that is no label and not neutral counts as a false positive): every non-code file
of each tree (code files are issue #11's other half: the scorer ignores them).

Decisions taken while reading:
- Codium-ai/AlphaCodium (``alpha_codium/settings/*.toml``, read with Dynaconf, whose keys are case-
  insensitive, and rendered with jinja2 ``Environment(undefined=StrictUndefined)``): each prompt file's
  section's ``system`` and ``user`` (five files spell it ``User``: the same key to Dynaconf); an empty
  ``system = ""`` is no prompt.  ``configuration.toml`` (model names, paths, switches), the docs site,
  ``gen/example.log`` (a run log) are no prompts; ``my_problem_example.json`` (a problem whose fields
  fill ``{{description}}`` etc.) is neutral.
- the-crypt-keeper/can-ai-code (``prompts/``, ``humaneval/``; rendered with ``jinja2.Template``): every
  ``prompts/*.txt`` input template (the whole file is the prompt, model framing included, as the project
  sends it as a completion prompt) and each message ``content`` of the ``prompts/*.json`` chat templates
  (a list of ``{role, content}``); the three ``humaneval/*.txt`` templates (``{{prompt}}``).  The
  ``*-output.txt`` templates render the model's answer back into code (``templateout``: never sent to a
  model) and sit in the prompt folder: neutral.  The interview files' ``Signature``/``Input``/``Output``/
  ``Fact`` (values filled into the templates) are neutral; their ``Description`` and ``Checks``, the
  ``results/``, ``compare*/`` outputs, ``params/`` sampler settings, ``models/models.yaml`` and the
  sandbox's ``sbox/*.tpl`` code templates are no prompts.
- nomic-ai/gpt4all (``gpt4all-chat/metadata/models*.json``, ``gpt4all-training/configs/``): each model
  entry's non-blank ``systemPrompt`` (the legacy system prompt, model framing included) and
  ``systemMessage`` (the plain system message of 3.x); a ``" "`` placeholder is no prompt.  The entries'
  ``promptTemplate`` (``%1``/``%2`` message framing) and ``chatTemplate`` (a model's Jinja chat format)
  are neutral; ``description`` (HTML for the model list), URLs and sizes are no prompts.  The training
  configs' ``prompt:`` (the text ``generate.py`` sends to the model) are prompts; the docs site and the
  C++/QML sources are no prompts.
Code files (.py, .js, .ts...) are issue #11's other half: the scorer ignores them.
"""

PROJECTS = {
    'Codium-ai/AlphaCodium': {
        "commit": 'eb7577dbe998ae7e55696264591ac3c5dde75638',
        "scope": [""],
        "kind": "prompts",
        "labels": [
            ('alpha_codium/settings/choose_best_solution_direct.toml', 'code_contests_prompts_choose_best_solution_direct.system', None, None),
            ('alpha_codium/settings/choose_best_solution_direct.toml', 'code_contests_prompts_choose_best_solution_direct.User', 'jinja', '{{description|trim}}'),
            ('alpha_codium/settings/code_contests_prompt_analyze_and_fix.toml', 'code_contests_prompt_analyze_and_fix.system', None, None),
            ('alpha_codium/settings/code_contests_prompt_analyze_and_fix.toml', 'code_contests_prompt_analyze_and_fix.user', 'jinja', '{%- if use_self_reflection_public %}'),
            ('alpha_codium/settings/code_contests_prompt_analyze_and_fix_direct.toml', 'code_contests_prompt_analyze_and_fix_direct.system', None, None),
            ('alpha_codium/settings/code_contests_prompt_analyze_and_fix_direct.toml', 'code_contests_prompt_analyze_and_fix_direct.user', 'jinja', '{{ description_short|trim }}'),
            ('alpha_codium/settings/code_contests_prompt_analyze_failure.toml', 'code_contests_prompt_analyze_failure.user', 'jinja', '{{ description_short|trim }}'),
            ('alpha_codium/settings/code_contests_prompts_baseline.toml', 'code_contests_prompts_baseline.user', 'jinja', '{{description}}'),
            ('alpha_codium/settings/code_contests_prompts_choose_best_solution.toml', 'code_contests_prompts_choose_best_solution.User', 'jinja', '{{description|trim}}'),
            ('alpha_codium/settings/code_contests_prompts_fix_solution.toml', 'code_contests_prompt_fix_solution.system', None, None),
            ('alpha_codium/settings/code_contests_prompts_fix_solution.toml', 'code_contests_prompt_fix_solution.user', 'jinja', '{{ description_short|trim }}'),
            ('alpha_codium/settings/code_contests_prompts_generate_ai_tests.toml', 'code_contests_prompts_generate_ai_tests.User', 'jinja', '{{ description|trim }}'),
            ('alpha_codium/settings/code_contests_prompts_generate_possible_solutions.toml', 'code_contests_prompt_generate_possible_solutions.system', None, None),
            ('alpha_codium/settings/code_contests_prompts_generate_possible_solutions.toml', 'code_contests_prompt_generate_possible_solutions.user', 'jinja', '{{description}}'),
            ('alpha_codium/settings/code_contests_prompts_reflect.toml', 'code_contests_prompt_reflect.system', None, None),
            ('alpha_codium/settings/code_contests_prompts_reflect.toml', 'code_contests_prompt_reflect.user', 'jinja', '{{name}}'),
            ('alpha_codium/settings/code_contests_prompts_solve.toml', 'code_contests_prompts_solve.system', None, None),
            ('alpha_codium/settings/code_contests_prompts_solve.toml', 'code_contests_prompts_solve.user', 'jinja', '{{ description|trim }}'),
            ('alpha_codium/settings/code_contests_prompts_solve_direct.toml', 'code_contests_prompts_solve_direct.system', None, None),
            ('alpha_codium/settings/code_contests_prompts_solve_direct.toml', 'code_contests_prompts_solve_direct.user', 'jinja', '{{ description|trim }}'),
            ('alpha_codium/settings/code_contests_prompts_validate_ai_tests.toml', 'code_contests_prompts_validate_ai_tests.system', None, None),
            ('alpha_codium/settings/code_contests_prompts_validate_ai_tests.toml', 'code_contests_prompts_validate_ai_tests.User', 'jinja', '{{ description|trim }}'),
            ('alpha_codium/settings/code_contests_prompts_validate_reflection.toml', 'code_contests_prompts_validate_reflection.User', 'jinja', '{{description|trim}}'),
        ],
        "neutral": [
            ('my_problem_example.json', ''),
        ],
    },
    'the-crypt-keeper/can-ai-code': {
        "commit": 'aa5a2f6d3fabb2aba9173902371cb8307e664c0f',
        "scope": [""],
        "kind": "prompts",
        "labels": [
            ('prompts/Alpaca-Input.txt', '', 'jinja', '{{language}}'),
            ('prompts/Alpaca-Speechless.txt', '', 'jinja', '{{language}}'),
            ('prompts/Alpaca-v1.txt', '', 'jinja', '{{language}}'),
            ('prompts/Alpaca-v1b.txt', '', 'jinja', '{{language}}'),
            ('prompts/Alpaca-v1c.txt', '', 'jinja', '{{language}}'),
            ('prompts/Alpaca.txt', '', 'jinja', '{{language}}'),
            ('prompts/DeepMagic.txt', '', 'jinja', '{{language}}'),
            ('prompts/NewHope.txt', '', 'jinja', '{{language}}'),
            ('prompts/Vicuna-1p1-v2a.txt', '', 'jinja', '{{language}}'),
            ('prompts/Vicuna-1p3-v2a.txt', '', 'jinja', '{{language}}'),
            ('prompts/Vicuna-1p3-v2b.txt', '', 'jinja', '{{language}}'),
            ('prompts/Vicuna-Code.txt', '', 'jinja', '{{language}}'),
            ('prompts/Wizard-Coder.txt', '', 'jinja', '{{language}}'),
            ('prompts/airoboros-plain.txt', '', 'jinja', '{{language}}'),
            ('prompts/airoboros.txt', '', 'jinja', '{{language}}'),
            ('prompts/chat-generic-v2.txt', '', 'jinja', '{{language}}'),
            ('prompts/chat-generic.txt', '', 'jinja', '{{language}}'),
            ('prompts/chat-simple-v2.txt', '', 'jinja', '{{language}}'),
            ('prompts/chat-simple.txt', '', 'jinja', '{{language}}'),
            ('prompts/chatml-v0.txt', '', 'jinja', '{{language}}'),
            ('prompts/chatml-v1.txt', '', 'jinja', '{{language}}'),
            ('prompts/chatml.txt', '', 'jinja', '{{language}}'),
            ('prompts/code-millenials.txt', '', 'jinja', '{{language}}'),
            ('prompts/codeCherryPop.txt', '', 'jinja', '{{language}}'),
            ('prompts/codegeex2.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/codellama-infill-input.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/codellama-input-v2.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/codet5p-input.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/completion-input.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/decicoder-fim-input.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/deepseek.txt', '', 'jinja', '{{language}}'),
            ('prompts/dolphin-v2.txt', '', 'jinja', '{{language}}'),
            ('prompts/dolphin.txt', '', 'jinja', '{{language}}'),
            ('prompts/falcon-instruct-v2c.txt', '', 'jinja', '{{language}}'),
            ('prompts/falcon-instruct.txt', '', 'jinja', '{{language}}'),
            ('prompts/fim-codegemma-input.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/fim-codellama-input.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/fim-deepseekv2-input-v2.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/incoder-input-v1.txt', '', 'jinja', '{% if language == "python" %}'),
            ('prompts/llama2-chat-v3a.txt', '', 'jinja', '{{language}}'),
            ('prompts/llama2-chat-v3b.txt', '', 'jinja', '{{language}}'),
            ('prompts/llama2-chat.txt', '', 'jinja', '{{language}}'),
            ('prompts/llama2-code-v1b.txt', '', 'jinja', '{{language}}'),
            ('prompts/llama2-code-v2b.txt', '', 'jinja', '{% if language == "javascript" %}'),
            ('prompts/llama2-coder.txt', '', 'jinja', '{{language}}'),
            ('prompts/magicoder.txt', '', 'jinja', '{{language}}'),
            ('prompts/mistral-v1.txt', '', 'jinja', '{{language}}'),
            ('prompts/mistral-v2.txt', '', 'jinja', '{{language}}'),
            ('prompts/octocoder-v0.txt', '', 'jinja', '{{language}}'),
            ('prompts/openchat.txt', '', 'jinja', '{{language}}'),
            ('prompts/opencoder.txt', '', 'jinja', '{{language}}'),
            ('prompts/orca-1p3.txt', '', 'jinja', '{{language}}'),
            ('prompts/orca.txt', '', 'jinja', '{{language}}'),
            ('prompts/phi2.txt', '', 'jinja', '{{language}}'),
            ('prompts/phind-code.txt', '', 'jinja', '{{language}}'),
            ('prompts/refact-chat.txt', '', 'jinja', '{{language}}'),
            ('prompts/replit-code.txt', '', 'jinja', '{{language}}'),
            ('prompts/replit-glaive.txt', '', 'jinja', '{{language}}'),
            ('prompts/stablecoder-v0.txt', '', 'jinja', '{{language}}'),
            ('prompts/stablecoder-v1b.txt', '', 'jinja', '{{language}}'),
            ('prompts/starchat-v2.txt', '', 'jinja', '{{language}}'),
            ('prompts/starcoder-fim-input.txt', '', 'jinja', '{% if language == "python" %}'),
            ('humaneval/Llama-HumanEval.txt', '', 'jinja', '{{prompt}}'),
            ('humaneval/Vicuna-1p1-HumanEval.txt', '', 'jinja', '{{prompt}}'),
            ('humaneval/Wizard-7B-HumanEval.txt', '', 'jinja', '{{prompt}}'),
            ('prompts/chat-codellama70b-v2.json', '[0].content', 'jinja', '{{language}}'),
            ('prompts/chat-codellama70b-v2.json', '[1].content', 'jinja', '{{Signature}}'),
            ('prompts/chat-codellama70b.json', '[0].content', 'jinja', '{{language}}'),
            ('prompts/chat-codellama70b.json', '[1].content', 'jinja', '{{Signature}}'),
            ('prompts/chat-exaone.json', '[0].content', None, None),
            ('prompts/chat-exaone.json', '[1].content', 'jinja', '{{language}}'),
            ('prompts/chat-nothink.json', '[0].content', 'jinja', '{{language}}'),
            ('prompts/chat-o1.json', '[0].content', 'jinja', '{{language}}'),
            ('prompts/chat-qwen.json', '[0].content', None, None),
            ('prompts/chat-qwen.json', '[1].content', 'jinja', '{{language}}'),
            ('prompts/chat.json', '[0].content', 'jinja', '{{language}}'),
        ],
        "neutral": [
            ('prompts/codellama-infill-output.txt', ''),
            ('prompts/codellama-output.txt', ''),
            ('prompts/codet5p-output.txt', ''),
            ('prompts/completion-output.txt', ''),
            ('prompts/decicoder-fim-output.txt', ''),
            ('prompts/fim-output.txt', ''),
            ('prompts/incoder-output-v1.txt', ''),
            ('prompts/starcoder-fim-output.txt', ''),
            ('junior-v2/', '*.Signature'),
            ('junior-v2/', '*.Input'),
            ('junior-v2/', '*.Output'),
            ('junior-v2/', '*.Fact'),
            ('senior/', '*.Signature'),
            ('senior/', '*.Input'),
            ('senior/', '*.Output'),
            ('senior/', '*.Fact'),
        ],
    },
    'nomic-ai/gpt4all': {
        "commit": 'cd70db29edaf0f02a567f5eea94f5e52240be3e9',
        "scope": [""],
        "kind": "prompts",
        "labels": [
            ('gpt4all-chat/metadata/models.json', '[4].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models.json', '[5].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models.json', '[6].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models.json', '[12].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models2.json', '[0].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models2.json', '[8].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models2.json', '[9].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models2.json', '[14].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[6].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[7].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[10].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[11].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[15].systemMessage', None, None),
            ('gpt4all-chat/metadata/models3.json', '[16].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[16].systemMessage', None, None),
            ('gpt4all-chat/metadata/models3.json', '[18].systemMessage', None, None),
            ('gpt4all-chat/metadata/models3.json', '[19].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[20].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[22].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[28].systemPrompt', None, None),
            ('gpt4all-chat/metadata/models3.json', '[28].systemMessage', None, None),
            ('gpt4all-chat/metadata/models3.json', '[31].systemPrompt', None, None),
            ('gpt4all-training/configs/generate/generate_gptj.yaml', 'prompt', None, None),
            ('gpt4all-training/configs/generate/generate_gptj_lora.yaml', 'prompt', None, None),
            ('gpt4all-training/configs/generate/generate_llama.yaml', 'prompt', None, None),
        ],
        "neutral": [
            ('gpt4all-chat/metadata/models.json', '*.promptTemplate'),
            ('gpt4all-chat/metadata/models.json', '*.chatTemplate'),
            ('gpt4all-chat/metadata/models2.json', '*.promptTemplate'),
            ('gpt4all-chat/metadata/models2.json', '*.chatTemplate'),
            ('gpt4all-chat/metadata/models3.json', '*.promptTemplate'),
            ('gpt4all-chat/metadata/models3.json', '*.chatTemplate'),
        ],
    },
}
