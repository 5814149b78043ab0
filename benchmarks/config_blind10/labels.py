"""Hand labels for the sixth blind config-field and prompt-folder round (issue #11, helper src-cfg10),
written by reading the trees BEFORE running pcache on them (no pcache output on these three trees was seen
before this file was committed; the rules of this session were written and committed first, 2a1fecc).
Trees: the fetch tool's snapshots at the commits below, extracted blob by blob with `git cat-file`
(/tmp/cfgblind10/<name>, made a git work tree with every extracted file committed, as a clone has them;
``extract.sh``).  Blobs absent from the snapshots: arena-hard-auto 2 (two ``model_judgment/*.jsonl``, run
outputs), none in a labelled file.
Same label shape as ../config_blind9/labels.py: (file, key path, syntax, first variable); key path as
pcache's documented container (``a.b[0].c``), "" for a whole-file prompt; syntax ``format`` where the
project fills the text with ``str.format``, None for a prompt without a variable or one filled by a
program's own replacing (no template engine names its placeholders); the first variable as written.
Scope (where a report that is no label and not neutral counts as a false positive): every non-code file
of arena-hard-auto and LongBench; for lmms-eval (330 task folders, 1,377 YAML files: too many to label
with care in the time) six task folders drawn with ``random.Random(10).sample`` from the sorted list of
``lmms_eval/tasks/*`` folders (videommmu, av_asr, realworldqa, slidevqa, vinoground, aime), and every
non-code file outside ``lmms_eval/tasks/``.

Decisions taken while reading:
- lm-sys/arena-hard-auto (``config/judge_config.yaml``, read by ``gen_judgment.py``): ``system_prompt``
  is the judge's system message (static; ``[[A>>B]]`` are brackets, no field); ``prompt_template[0]``
  is the user message, filled with ``template.format(**prompt_args)``: first variable ``{question_1}``.
  ``api_config.yaml`` documents an optional ``system_prompt`` only in a comment; ``gen_answer_config.yaml``,
  ``BenchBuilder/config.yaml`` (``error_output: $ERROR$``, a marker string) hold no prompt.  The benchmark's
  questions (``data/arena-hard-v0.1/question.jsonl``: each line's ``turns[0].content`` is a user prompt the
  run sends) are neutral (the benchmark's data); the model answers, ``notebook/*.json(l)`` statistics and
  name maps, READMEs and the licence are no prompts.
- THUDM/LongBench: ``LongBench/config/dataset2prompt.json`` maps each dataset to its prompt, filled with
  ``prompt_format.format(**json_obj)`` (every one starts with text, then ``{context}``); LongBench v2's
  ``prompts/*.txt`` (read whole by ``pred.py``) are filled by ``str.replace`` of ``$DOC$``, ``$Q$``,
  ``$C_A$``..., ``$COT$``: syntax None, the first placeholder as written (``0shot_cot_ans`` and
  ``0shot_no_context`` have no ``$DOC$``: ``$Q$``).  ``dataset2maxlen.json``, ``model2maxlen.json``,
  ``model2path.json``, ``task.md``/``task_zh.md`` (task tables), READMEs, ``refs/ref.bib`` are no prompts.
- EvolvingLMMs-Lab/lmms-eval (task configs in lm-evaluation-harness's format, plus
  ``lmms_eval_specific_kwargs.<model>`` whose ``pre_prompt``/``post_prompt``/``*_prompt`` strings the task's
  ``utils.py`` puts around the question: each non-empty one a prompt part, static; empty strings are no
  prompt; ``doc_to_text: !function utils.x`` names code): videommmu's five ``_default_template_yaml`` files
  (extensionless YAML that the task configs ``include:``), realworldqa's ``xcomposer2_4khd`` pre/post prompt
  (InternLM-XComposer's turn framing around ``Question: ``, framing included as gpt4all's ``systemPrompt``
  was), slidevqa's ``_default_template_slidevqa_yaml`` ``post_prompt``; av_asr's, vinoground's and aime's
  prompts are all in their ``utils.py`` (code) or empty.  Outside the tasks: ``skills/lmms-eval-guide/SKILL.md``
  (an Agent Skill: instructions an agent loads; static) is a prompt, its ``references/*.md`` (loaded on
  demand) neutral; ``configs/*.yaml``, ``miscs/example_eval.yaml`` (run settings), docs, READMEs, the chat
  template ``examples/chat_templates/*.jinja``, tests and the TUI's web code are no prompts.
"""

PROJECTS = {
    'lm-sys/arena-hard-auto': {
        "commit": 'efc012e192b88024a5203f5a28ec8fc0342946df',
        "scope": [""],
        "kind": "prompts",
        "labels": [
            ('config/judge_config.yaml', 'system_prompt', None, None),
            ('config/judge_config.yaml', 'prompt_template[0]', 'format', '{question_1}'),
        ],
        "neutral": [
            ('data/arena-hard-v0.1/question.jsonl', ''),
        ],
    },
    'THUDM/LongBench': {
        "commit": '2e00731f8d0bff23dc4325161044d0ed8af94c1e',
        "scope": [""],
        "kind": "prompts",
        "labels": [
            ('LongBench/config/dataset2prompt.json', 'narrativeqa', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'qasper', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'multifieldqa_en', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'multifieldqa_zh', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'hotpotqa', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', '2wikimqa', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'musique', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'dureader', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'gov_report', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'qmsum', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'multi_news', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'vcsum', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'trec', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'triviaqa', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'samsum', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'lsht', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'passage_count', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'passage_retrieval_en', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'passage_retrieval_zh', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'lcc', 'format', '{context}'),
            ('LongBench/config/dataset2prompt.json', 'repobench-p', 'format', '{context}'),
            ('prompts/0shot.txt', '', None, '$DOC$'),
            ('prompts/0shot_cot.txt', '', None, '$DOC$'),
            ('prompts/0shot_cot_ans.txt', '', None, '$Q$'),
            ('prompts/0shot_no_context.txt', '', None, '$Q$'),
            ('prompts/0shot_rag.txt', '', None, '$DOC$'),
        ],
        "neutral": [],
    },
    'EvolvingLMMs-Lab/lmms-eval': {
        "commit": '75571cfe0fa36ca5ec2e6aa2bb268f9d38295af3',
        "scope": ["lmms_eval/tasks/videommmu/", "lmms_eval/tasks/av_asr/", "lmms_eval/tasks/realworldqa/",
                  "lmms_eval/tasks/slidevqa/", "lmms_eval/tasks/vinoground/", "lmms_eval/tasks/aime/",
                  ".github/", ".gitignore", ".pre-commit-config.yaml", "CITATION.cff", "CODE_OF_CONDUCT.md",
                  "CONTRIBUTING.md", "LICENSE", "README.md", "SECURITY.md", "cicd/", "configs/", "docs/",
                  "examples/", "lmms_eval/tui/", "miscs/", "pyproject.toml", "skills/", "test/", "tools/"],
        "kind": "prompts",
        "labels": [
            ('lmms_eval/tasks/videommmu/_default_template_yaml', 'lmms_eval_specific_kwargs.default.pre_prompt', None, None),
            ('lmms_eval/tasks/videommmu/_default_template_yaml', 'lmms_eval_specific_kwargs.default.perception_and_comprehension_prompt', None, None),
            ('lmms_eval/tasks/videommmu/_default_template_yaml', 'lmms_eval_specific_kwargs.default.mcq_prompt', None, None),
            ('lmms_eval/tasks/videommmu/_default_template_yaml', 'lmms_eval_specific_kwargs.default.open_ended_prompt', None, None),
            ('lmms_eval/tasks/videommmu/gt_none_option/_default_template_yaml', 'lmms_eval_specific_kwargs.default.pre_prompt', None, None),
            ('lmms_eval/tasks/videommmu/gt_none_option/_default_template_yaml', 'lmms_eval_specific_kwargs.default.perception_and_comprehension_prompt', None, None),
            ('lmms_eval/tasks/videommmu/gt_none_option/_default_template_yaml', 'lmms_eval_specific_kwargs.default.mcq_prompt', None, None),
            ('lmms_eval/tasks/videommmu/gt_none_option/_default_template_yaml', 'lmms_eval_specific_kwargs.default.open_ended_prompt', None, None),
            ('lmms_eval/tasks/videommmu/no_visual/_default_template_yaml', 'lmms_eval_specific_kwargs.default.pre_prompt', None, None),
            ('lmms_eval/tasks/videommmu/no_visual/_default_template_yaml', 'lmms_eval_specific_kwargs.default.perception_and_comprehension_prompt', None, None),
            ('lmms_eval/tasks/videommmu/no_visual/_default_template_yaml', 'lmms_eval_specific_kwargs.default.mcq_prompt', None, None),
            ('lmms_eval/tasks/videommmu/no_visual/_default_template_yaml', 'lmms_eval_specific_kwargs.default.open_ended_prompt', None, None),
            ('lmms_eval/tasks/videommmu/number_option/_default_template_yaml', 'lmms_eval_specific_kwargs.default.pre_prompt', None, None),
            ('lmms_eval/tasks/videommmu/number_option/_default_template_yaml', 'lmms_eval_specific_kwargs.default.perception_and_comprehension_prompt', None, None),
            ('lmms_eval/tasks/videommmu/number_option/_default_template_yaml', 'lmms_eval_specific_kwargs.default.mcq_prompt', None, None),
            ('lmms_eval/tasks/videommmu/number_option/_default_template_yaml', 'lmms_eval_specific_kwargs.default.open_ended_prompt', None, None),
            ('lmms_eval/tasks/videommmu/random_choice/_default_template_yaml', 'lmms_eval_specific_kwargs.default.pre_prompt', None, None),
            ('lmms_eval/tasks/videommmu/random_choice/_default_template_yaml', 'lmms_eval_specific_kwargs.default.perception_and_comprehension_prompt', None, None),
            ('lmms_eval/tasks/videommmu/random_choice/_default_template_yaml', 'lmms_eval_specific_kwargs.default.mcq_prompt', None, None),
            ('lmms_eval/tasks/videommmu/random_choice/_default_template_yaml', 'lmms_eval_specific_kwargs.default.open_ended_prompt', None, None),
            ('lmms_eval/tasks/realworldqa/realworldqa.yaml', 'lmms_eval_specific_kwargs.xcomposer2_4khd.pre_prompt', None, None),
            ('lmms_eval/tasks/realworldqa/realworldqa.yaml', 'lmms_eval_specific_kwargs.xcomposer2_4khd.post_prompt', None, None),
            ('lmms_eval/tasks/slidevqa/_default_template_slidevqa_yaml', 'lmms_eval_specific_kwargs.default.post_prompt', None, None),
            ('skills/lmms-eval-guide/SKILL.md', '', None, None),
        ],
        "neutral": [
            ('skills/lmms-eval-guide/references/', ''),
        ],
    },
}
