"""Hand labels for the thirteenth blind config round (issue #11, helper cfg18), written by reading the trees and the
code that loads them BEFORE running pcache on them (no pcache output on these three trees was seen before this file
was committed).  Trees: the fetch tool's snapshots at the commits below, extracted blob by blob (``extract.sh``) into
/tmp/cfg18/blind/<name>, made git work trees with every extracted file committed.  Label shape as
../config_blind16/labels.py: (file, key path, syntax, first variable); "" for a whole-file prompt; first variable
None for a static prompt.  Rows were listed by ``make_labels.py`` applying the decisions below to the parsed files,
then read.  "neutral" entries are neither found nor false positive; "scope" bounds where a report can be a false
positive (each tree is scoped to the folders read for labels: every file in scope was read).

Decisions taken while reading:
- eli64s/readme-ai at 6f507b5 (README generator; LLM prompts in TOML).  ``readmeai/config/settings/prompts.toml``
  ``[prompts]``: ``features_table``, ``overview``, ``tagline`` (``models/prompts.py`` ``get_prompt_template`` then
  ``template.format(*[context[key] ...])``), ``file_summary`` (``models/base.py``:
  ``self.prompts["prompts"]["file_summary"].format(...)``) and ``logo`` (``models/dalle.py``:
  ``.format(project_name=..., ...)``, the image model's prompt): prompts, syntax "format", first variable the first
  ``{0}``/``{name}`` field.  ``_file_summary``, ``_overview``, ``_tagline`` (underscored drafts: no code reads them;
  ``{{project_structure}}`` there would be a literal brace under ``str.format``): neutral.
  ``config.toml`` (``system_message = ""``, empty; model names, API settings, Markdown section templates
  ``md.*`` written into the README, badge and quickstart templates), the other ``settings/*.toml`` (language maps,
  ignore lists, tool commands), ``templates/*.toml`` (README headers, banners, quickstart Markdown): no prompt.
  Scope: ``readmeai/config/settings/``.
- deepset-ai/hayhooks at 051d5a8 (serves Haystack pipelines; pipelines written as Haystack YAML).  A
  ``ChatPromptBuilder``/``PromptBuilder`` component's ``init_parameters.template``: a Jinja2 template (Haystack
  renders it with its ``{% message role=... %}`` extension into chat messages): a prompt, syntax "jinja", first
  variable the first ``{{ ... }}``/``{% ... %}`` other than the message tags.  A template whose message holds only a
  variable (``{% message role="user" %}{{ question }}{% endmessage %}``: no text of its own): neutral.
  ``template: null`` (the wrapper sets it in code), ``user_agents``, connection and input/output mappings, component
  types, ``metadata.description``: no prompt.  ``examples/pipeline_wrappers/custom_tracing/
  classification_prompt_template.txt`` (read by the wrapper and filled by ``string.Template(...).safe_substitute(
  pipeline_yaml=...)``): a whole-file prompt, syntax "template", first variable ``$pipeline_yaml``.  The example
  ``files_to_index/*`` (documents indexed for RAG), READMEs, ``requirements.txt``, ``compose.yml``, the dashboard's
  ``components.json``, chainlit ``config.toml``/``theme.json``: no prompt.  Scope: ``examples/``,
  ``tests/test_files/``.  Positions: the headline golden is the scorer's (template text before the first variable
  as written, the ``{% message %}`` tag included); ``measure.py`` also lists the golden on the message's content
  (the text between the tag and the first variable), the text Haystack sends.
- PySpur-Dev/pyspur at 97b9856 (visual agent workflows; workflow templates in JSON, eval tasks in YAML).
  ``backend/pyspur/templates/*.json`` (templates the UI offers, ``definition.nodes[i].config``): an LLM node's
  ``system_message`` and ``user_message`` (``nodes/llm/single_llm_call.py``: ``Template(...).render(...)``, Jinja2)
  and a Best-of-N node's ``rating_prompt`` (sent as the rating call's ``system_message``): prompts, syntax "jinja"
  with the first ``{{ ... }}`` as first variable, static when none (``<p>{{input_prompt.input_1}}</p>`` has text of
  its own, the markup, sent as written).  A ``user_message`` that is only a variable (``{{MarkdownExtractor.markdown}}``):
  neutral.  ``definition.test_inputs`` (a user's sample inputs): neutral.  ``output_json_schema`` (JSON schema),
  ``url_template``, ``url_variables``, the Slack node's ``message`` (posted to Slack), titles, model names,
  ``preferences``, ``metadata.description``: no prompt.  ``backend/pyspur/evals/tasks/*.yaml``
  (``evals/evaluator.py``: ``f"{preamble}\\n\\n{Template(doc_to_text).render(**problem)}"``): ``preamble`` a static
  prompt (the head of every request), ``doc_to_text`` a Jinja prompt (first variable the first ``{{ ... }}``), one
  holding only a variable (``{{ Question }}``) neutral; ``doc_to_target`` (the expected answer), regexes, dataset
  names, subject mappings, ``metadata``: no prompt.  ``docs/images/SlackSummarizer.json`` (a copy shown in the docs)
  is outside the scope.  Scope: ``backend/pyspur/templates/``, ``backend/pyspur/evals/tasks/``.
"""

README_AI = [
    ('readmeai/config/settings/prompts.toml', 'prompts.features_table', 'format', '{0}'),
    ('readmeai/config/settings/prompts.toml', 'prompts.file_summary', 'format', '{0}'),
    ('readmeai/config/settings/prompts.toml', 'prompts.logo', 'format', '{project_name}'),
    ('readmeai/config/settings/prompts.toml', 'prompts.overview', 'format', '{0}'),
    ('readmeai/config/settings/prompts.toml', 'prompts.tagline', 'format', '{0}'),
]
README_AI_NEUTRAL = [
    ('readmeai/config/settings/prompts.toml', 'prompts._file_summary'),
    ('readmeai/config/settings/prompts.toml', 'prompts._overview'),
    ('readmeai/config/settings/prompts.toml', 'prompts._tagline'),
]

HAYHOOKS = [
    ('examples/pipeline_wrappers/chat_with_website/chat_with_website.yml', 'components.prompt.init_parameters.template', 'jinja', '{% for document in documents %}'),
    ('examples/pipeline_wrappers/chat_with_website_mcp/chat_with_website.yml', 'components.prompt.init_parameters.template', 'jinja', '{% for document in documents %}'),
    ('examples/pipeline_wrappers/chat_with_website_streaming/chat_with_website.yml', 'components.prompt.init_parameters.template', 'jinja', '{% for document in documents %}'),
    ('examples/pipeline_wrappers/run_api_streaming/chat_with_website.yml', 'components.prompt.init_parameters.template', 'jinja', '{% for document in documents %}'),
    ('tests/test_files/files/chat_with_website/chat_with_website.yml', 'components.prompt.init_parameters.template', 'jinja', '{% for document in documents %}'),
    ('tests/test_files/mixed/basic_rag_pipeline.yml', 'components.prompt_builder.init_parameters.template', 'jinja', '{% for document in documents %}'),
    ('tests/test_files/yaml/broken/duplicate_input_target.yml', 'components.chat_summary_prompt_builder.init_parameters.template', 'jinja', '{{ query }}'),
    ('tests/test_files/yaml/inputs_outputs_pipeline.yml', 'components.prompt.init_parameters.template', 'jinja', '{% for document in documents %}'),
    ('tests/test_files/yaml/list_input.yml', 'components.chat_summary_prompt_builder.init_parameters.template', 'jinja', '{{ query }}'),
    ('tests/test_files/yaml/multi_llm_streaming_all_pipeline.yml', 'components.prompt_1.init_parameters.template', 'jinja', '{{query}}'),
    ('tests/test_files/yaml/multi_llm_streaming_all_pipeline.yml', 'components.prompt_2.init_parameters.template', 'jinja', '{{previous_reply[0].text}}'),
    ('tests/test_files/yaml/multi_llm_streaming_pipeline.yml', 'components.prompt_1.init_parameters.template', 'jinja', '{{query}}'),
    ('tests/test_files/yaml/multi_llm_streaming_pipeline.yml', 'components.prompt_2.init_parameters.template', 'jinja', '{{previous_reply[0].text}}'),
    ('examples/pipeline_wrappers/custom_tracing/classification_prompt_template.txt', '', 'template', '$pipeline_yaml'),
]
HAYHOOKS_NEUTRAL = [
    ('tests/test_files/yaml/broken/broken_rag_pipeline.yml', 'components.prompt_builder.init_parameters.template'),
]

PYSPUR = [
    ('backend/pyspur/templates/Slack_Summarizer.json', 'definition.nodes[3].config.system_message', None, None),
    ('backend/pyspur/templates/Slack_Summarizer.json', 'definition.nodes[4].config.system_message', None, None),
    ('backend/pyspur/templates/Slack_Summarizer.json', 'definition.nodes[5].config.system_message', None, None),
    ('backend/pyspur/templates/joke_generator.json', 'definition.nodes[1].config.system_message', None, None),
    ('backend/pyspur/templates/joke_generator.json', 'definition.nodes[1].config.user_message', 'jinja', '{{input_node.audience}}'),
    ('backend/pyspur/templates/joke_generator.json', 'definition.nodes[1].config.rating_prompt', None, None),
    ('backend/pyspur/templates/joke_generator.json', 'definition.nodes[2].config.system_message', None, None),
    ('backend/pyspur/templates/joke_generator.json', 'definition.nodes[2].config.rating_prompt', None, None),
    ('backend/pyspur/templates/joke_generator.json', 'definition.nodes[3].config.system_message', None, None),
    ('backend/pyspur/templates/joke_generator.json', 'definition.nodes[3].config.user_message', 'jinja', '{{input_node.audience}}'),
    ('backend/pyspur/templates/ollama_model_comparison.json', 'definition.nodes[1].config.system_message', None, None),
    ('backend/pyspur/templates/ollama_model_comparison.json', 'definition.nodes[1].config.user_message', 'jinja', '{{input_prompt.input_1}}'),
    ('backend/pyspur/templates/ollama_model_comparison.json', 'definition.nodes[2].config.system_message', None, None),
    ('backend/pyspur/templates/ollama_model_comparison.json', 'definition.nodes[2].config.user_message', 'jinja', '{{input_prompt.input_1}}'),
    ('backend/pyspur/templates/ollama_model_comparison.json', 'definition.nodes[3].config.system_message', None, None),
    ('backend/pyspur/templates/ollama_model_comparison.json', 'definition.nodes[3].config.user_message', 'jinja', '{{input_prompt.input_1}}'),
    ('backend/pyspur/evals/tasks/gpqa.yaml', 'preamble', None, None),
    ('backend/pyspur/evals/tasks/gpqa.yaml', 'doc_to_text', 'jinja', '{{Question}}'),
    ('backend/pyspur/evals/tasks/gsm8k.yaml', 'preamble', None, None),
    ('backend/pyspur/evals/tasks/gsm8k.yaml', 'doc_to_text', 'jinja', '{{question}}'),
    ('backend/pyspur/evals/tasks/math.yaml', 'preamble', None, None),
    ('backend/pyspur/evals/tasks/mmlu.yaml', 'preamble', None, None),
    ('backend/pyspur/evals/tasks/mmlu.yaml', 'doc_to_text', 'jinja', '{{question}}'),
]
PYSPUR_NEUTRAL = [
    ('backend/pyspur/templates/Slack_Summarizer.json', 'definition.nodes[3].config.user_message'),
    ('backend/pyspur/templates/Slack_Summarizer.json', 'definition.nodes[5].config.user_message'),
    ('backend/pyspur/templates/Slack_Summarizer.json', 'definition.test_inputs[0].blogpost_url'),
    ('backend/pyspur/templates/joke_generator.json', 'definition.nodes[2].config.user_message'),
    ('backend/pyspur/templates/joke_generator.json', 'definition.test_inputs[0].topic'),
    ('backend/pyspur/templates/joke_generator.json', 'definition.test_inputs[0].audience'),
    ('backend/pyspur/templates/ollama_model_comparison.json', 'definition.test_inputs[0].input_1'),
    ('backend/pyspur/evals/tasks/math.yaml', 'doc_to_text'),
]


PROJECTS = {
    "eli64s/readme-ai": {"scope": ["readmeai/config/settings/"], "labels": README_AI, "neutral": README_AI_NEUTRAL},
    "deepset-ai/hayhooks": {"scope": ["examples/", "tests/test_files/"], "labels": HAYHOOKS, "neutral": HAYHOOKS_NEUTRAL},
    "PySpur-Dev/pyspur": {"scope": ["backend/pyspur/templates/", "backend/pyspur/evals/tasks/"],
                          "labels": PYSPUR, "neutral": PYSPUR_NEUTRAL},
}
