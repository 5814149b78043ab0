"""Hand labels for the seventh blind config round (issue #11, helper src-cfg11), written by reading the trees
BEFORE running pcache on them (no pcache output on these three trees was seen before this file was
committed; this session's rules were landed on main first, 378cb69..13ea3ee).  Trees: the fetch tool's
snapshots at the commits below, extracted blob by blob with ``git cat-file`` (/tmp/cfg11/blind/<name>, made
a git work tree with every extracted file committed, as a clone has them; ``extract.sh``).  No blob absent.
Same label shape as ../config_blind10/labels.py: (file, key path, syntax, first variable); key path as
pcache's documented container (``a.b[0].c``), "" for a whole-file prompt; syntax None and first variable
None for a static prompt.  Scope: every non-code file of each tree (code, ``.py`` and the notebooks, is the
other half of #11; pcache does not read ``.ipynb``).

Claimed for this round and not used: FranxYao/chain-of-thought-hub (no snapshot to be had), WildEval/ZeroEval
(its file list read only: its templates are Python modules, ``src/templates/*.py``, code for the other half).

Decisions taken while reading:
- ysymyth/ReAct (notebooks ``alfworld.ipynb``, ``FEVER.ipynb``, ``hotpotqa.ipynb`` load ``prompts/*.json``
  and put an entry at the head of each request: ``'Interact with a household to solve a task. Here are two
  examples.\\n' + d[f'react_{v}_1'] + d[f'react_{v}_0'] + ...``, ``webthink_prompt =
  prompt_dict['webthink_simple3']``): each entry of the four prompt libraries is a prompt (few-shot
  examples written as one text), static: ``Search[...]``, ``Action 1:`` are text the model imitates, no
  placeholder.  Entries the notebooks do not name (``act_*``, ``alfworld.json``, ``prompts_naive.json``'s
  other variants) are prompts of the same library all the same (the paper's variants).  ``data/`` (HotpotQA
  and FEVER questions, the benchmark's data appended after the prompt) neutral; ``base_config.yaml``
  (ALFWorld's environment settings), README, LICENSE: no prompt.
- OpenLMLab/GAOKAO-Bench (``Bench/objective_bench.py``, ``subjective_bench.py``, ``subjective_grade.py``
  read ``examples[i]['prefix_prompt']`` of ``Obj_Prompt.json``, ``Sub_Prompt.json`` and
  ``Sub_Grade_Prompt_wo_marking_criterion.json`` and send it with each question: ``model_api(prompt,
  question)``): each ``prefix_prompt`` is a prompt, static; ``Sub_Prompt.json``'s ``examples[12]`` holds a
  list of two (``bench_function.py`` sends ``prompt[0]`` with the question and ``prompt[1]`` with the two
  articles): two prompts.  ``keyword``, ``type``, the empty ``comment``: no prompt.  ``Data/`` (the exam
  questions sent after each prefix prompt) neutral; ``Results/`` (model outputs of runs, each holding a copy
  of the prompt it was run with) and the READMEs: no prompt.
- tatsu-lab/stanford_alpaca (``generate_instruction.py``: ``prompt = open("./prompt.txt").read() + "\\n"``,
  then the seed tasks appended): ``prompt.txt`` is a prompt, static (``<noinput>`` is text the model is
  shown).  ``seed_tasks.jsonl`` (the seed instructions formatted into it) neutral; ``datasheet.md``,
  ``model_card.md`` (documentation of the data and model), ``configs/default_offload_opt_param.json``
  (DeepSpeed settings), README and licences: no prompt.  ``train.py``'s ``PROMPT_DICT`` is code.
"""

REACT = [
    ('prompts/alfworld.json', 'react_put_0', None, None),
    ('prompts/alfworld.json', 'react_put_1', None, None),
    ('prompts/alfworld.json', 'react_clean_0', None, None),
    ('prompts/alfworld.json', 'react_clean_1', None, None),
    ('prompts/alfworld.json', 'react_heat_0', None, None),
    ('prompts/alfworld.json', 'react_heat_1', None, None),
    ('prompts/alfworld.json', 'react_cool_0', None, None),
    ('prompts/alfworld.json', 'react_cool_1', None, None),
    ('prompts/alfworld.json', 'react_puttwo_0', None, None),
    ('prompts/alfworld.json', 'react_puttwo_1', None, None),
    ('prompts/alfworld.json', 'react_examine_0', None, None),
    ('prompts/alfworld.json', 'react_examine_1', None, None),
    ('prompts/alfworld.json', 'act_put_0', None, None),
    ('prompts/alfworld.json', 'act_put_1', None, None),
    ('prompts/alfworld.json', 'act_clean_0', None, None),
    ('prompts/alfworld.json', 'act_clean_1', None, None),
    ('prompts/alfworld.json', 'act_heat_0', None, None),
    ('prompts/alfworld.json', 'act_heat_1', None, None),
    ('prompts/alfworld.json', 'act_cool_0', None, None),
    ('prompts/alfworld.json', 'act_cool_1', None, None),
    ('prompts/alfworld.json', 'act_puttwo_0', None, None),
    ('prompts/alfworld.json', 'act_puttwo_1', None, None),
    ('prompts/alfworld.json', 'act_examine_0', None, None),
    ('prompts/alfworld.json', 'act_examine_1', None, None),
    ('prompts/alfworld_3prompts.json', 'react_put_0', None, None),
    ('prompts/alfworld_3prompts.json', 'react_put_1', None, None),
    ('prompts/alfworld_3prompts.json', 'react_put_2', None, None),
    ('prompts/alfworld_3prompts.json', 'react_clean_0', None, None),
    ('prompts/alfworld_3prompts.json', 'react_clean_1', None, None),
    ('prompts/alfworld_3prompts.json', 'react_clean_2', None, None),
    ('prompts/alfworld_3prompts.json', 'react_heat_0', None, None),
    ('prompts/alfworld_3prompts.json', 'react_heat_1', None, None),
    ('prompts/alfworld_3prompts.json', 'react_heat_2', None, None),
    ('prompts/alfworld_3prompts.json', 'react_cool_0', None, None),
    ('prompts/alfworld_3prompts.json', 'react_cool_1', None, None),
    ('prompts/alfworld_3prompts.json', 'react_cool_2', None, None),
    ('prompts/alfworld_3prompts.json', 'react_puttwo_0', None, None),
    ('prompts/alfworld_3prompts.json', 'react_puttwo_1', None, None),
    ('prompts/alfworld_3prompts.json', 'react_puttwo_2', None, None),
    ('prompts/alfworld_3prompts.json', 'react_examine_0', None, None),
    ('prompts/alfworld_3prompts.json', 'react_examine_1', None, None),
    ('prompts/alfworld_3prompts.json', 'react_examine_2', None, None),
    ('prompts/alfworld_3prompts.json', 'act_put_0', None, None),
    ('prompts/alfworld_3prompts.json', 'act_put_1', None, None),
    ('prompts/alfworld_3prompts.json', 'act_put_2', None, None),
    ('prompts/alfworld_3prompts.json', 'act_clean_0', None, None),
    ('prompts/alfworld_3prompts.json', 'act_clean_1', None, None),
    ('prompts/alfworld_3prompts.json', 'act_clean_2', None, None),
    ('prompts/alfworld_3prompts.json', 'act_heat_0', None, None),
    ('prompts/alfworld_3prompts.json', 'act_heat_1', None, None),
    ('prompts/alfworld_3prompts.json', 'act_heat_2', None, None),
    ('prompts/alfworld_3prompts.json', 'act_cool_0', None, None),
    ('prompts/alfworld_3prompts.json', 'act_cool_1', None, None),
    ('prompts/alfworld_3prompts.json', 'act_cool_2', None, None),
    ('prompts/alfworld_3prompts.json', 'act_puttwo_0', None, None),
    ('prompts/alfworld_3prompts.json', 'act_puttwo_1', None, None),
    ('prompts/alfworld_3prompts.json', 'act_puttwo_2', None, None),
    ('prompts/alfworld_3prompts.json', 'act_examine_0', None, None),
    ('prompts/alfworld_3prompts.json', 'act_examine_1', None, None),
    ('prompts/alfworld_3prompts.json', 'act_examine_2', None, None),
    ('prompts/fever.json', 'webact_simple3', None, None),
    ('prompts/fever.json', 'cotqa_simple3', None, None),
    ('prompts/fever.json', 'webqa_simple3', None, None),
    ('prompts/fever.json', 'webthink_simple3', None, None),
    ('prompts/prompts_naive.json', 'webthink_simple', None, None),
    ('prompts/prompts_naive.json', 'cotqa_simple', None, None),
    ('prompts/prompts_naive.json', 'webqa_simple', None, None),
    ('prompts/prompts_naive.json', 'webthink_simple_3', None, None),
    ('prompts/prompts_naive.json', 'webthink_simple6', None, None),
    ('prompts/prompts_naive.json', 'webact_simple6', None, None),
    ('prompts/prompts_naive.json', 'cotqa_simple6', None, None),
    ('prompts/prompts_naive.json', 'webqa_simple6', None, None),
]
GAOKAO = [
    ('Bench/Obj_Prompt.json', 'examples[0].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[1].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[2].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[3].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[4].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[5].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[6].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[7].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[8].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[9].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[10].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[11].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[12].prefix_prompt', None, None),
    ('Bench/Obj_Prompt.json', 'examples[13].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[0].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[1].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[2].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[3].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[4].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[5].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[6].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[7].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[8].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[9].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[10].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[11].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[12].prefix_prompt[0]', None, None),
    ('Bench/Sub_Prompt.json', 'examples[12].prefix_prompt[1]', None, None),
    ('Bench/Sub_Prompt.json', 'examples[13].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[14].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[15].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[16].prefix_prompt', None, None),
    ('Bench/Sub_Prompt.json', 'examples[17].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[0].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[1].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[2].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[3].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[4].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[5].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[6].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[7].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[8].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[9].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[10].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[11].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[12].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[13].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[14].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[15].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[16].prefix_prompt', None, None),
    ('Bench/Sub_Grade_Prompt_wo_marking_criterion.json', 'examples[17].prefix_prompt', None, None),
]

PROJECTS = {
    'ysymyth/ReAct': {
        "commit": '6bdb3a1fd38b8188fc7ba4102969fe483df8fdc9',
        "scope": [""],
        "kind": "prompts",
        "labels": REACT,
        "neutral": [('data/', '')],
    },
    'OpenLMLab/GAOKAO-Bench': {
        "commit": '6dbb24f8d8439041e5431c4c184a582182a6ce9c',
        "scope": [""],
        "kind": "prompts",
        "labels": GAOKAO,
        "neutral": [('Data/', '')],
    },
    'tatsu-lab/stanford_alpaca': {
        "commit": '761dc5bfbdeeffa89b8bff5d038781a4055f796a',
        "scope": [""],
        "kind": "prompts",
        "labels": [
            ('prompt.txt', '', None, None),
        ],
        "neutral": [('seed_tasks.jsonl', '')],
    },
}
