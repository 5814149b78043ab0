"""False findings of the root lint of session 18 (helper roots18; benchmarks/PROMPT_DISCOVERY.md, "Root lint,
session 18 (roots18)"), each on a cut of the real file: google/adk-samples and vocodedev/vocode-python (this
session's blind roots).  A text whose every use ends in output for people or in a token count reaches no model:
it is no prompt, so lint says nothing of it."""

from __future__ import annotations

from pathlib import Path

from test_root_lint11 import _project_lint  # the folder linted as `pcache lint ROOT` does

CODE = Path(__file__).resolve().parent / "fixtures" / "code"


def _no_prompt_unless_sent(tmp_path, root: Path, rel: str, container: str, use: str, sent_use: str) -> None:
    """At ``root`` the prompt named ``container`` is not read and lint says nothing of it; with its one use
    (``use``, in file ``rel``) replaced by a model call (``sent_use``) it is a prompt again."""
    text = (root / rel).read_text(encoding="utf-8")
    assert use in text
    prompts, _index, found = _project_lint(root)
    assert not [p for p in prompts if p.container == container]
    assert not [f for f in found if f.prompt.endswith(":" + container)]
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).write_text(text.replace(use, sent_use), encoding="utf-8")
    prompts, _index, found = _project_lint(tmp_path)
    assert [p for p in prompts if p.container == container]


def test_adk_deploy_listing_template_printed_through_a_join_is_no_prompt(tmp_path):
    """adk-samples' ``deployment/deploy.py:list_agents`` (the same function in four of its agents) writes
    ``template = \"\"\"{agent.name} ... - Create time: {agent.create_time} ...\"\"\"``, formats it once per
    deployed agent in a generator joined with ``"\\n".join(...)`` into ``remote_agents_string``, and only prints
    that (``print(f"All remote agents:\\n{remote_agents_string}")``): a listing for the person at the terminal.
    A join of formatted texts is the same text going on (as ``+`` and f-strings are), so its only read ends in a
    print.  Before: a prompt named by ``template``, heading requests, ``agent.create_time`` per-turn by its name
    at token 15: a PC101 error of 9,728 tokens (four errors at adk-samples' root)."""
    root = CODE / "adk-deploy-list"
    assert '"\\n".join(\n        template.format(agent=agent) for agent in remote_agents\n    )' in \
        (root / "deployment" / "deploy.py").read_text(encoding="utf-8")
    # the same joined text sent to a model is a prompt
    _no_prompt_unless_sent(tmp_path, root, "deployment/deploy.py", "list_agents.template",
                           'print(f"All remote agents:\\n{remote_agents_string}")',
                           'client.chat.completions.create(model="gpt-4o", messages=[\n'
                           '        {"role": "system", "content": remote_agents_string}])')


def test_vocode_text_only_token_counted_is_no_prompt(tmp_path):
    """vocode's ``vocode/streaming/agent/token_utils.py:_format_func_into_prompt_str`` renders a function
    schema the way OpenAI's cookbook says the API bills it, and its only caller counts it:
    ``len(encoding.encode(_format_func_into_prompt_str(func=f)))`` (tiktoken's documented token count,
    ``len(encoding.encode(string))``): a measure of the text, never sent.  Before: a prompt heading requests,
    ``func['description']`` per-request at token 1: a PC101 info at vocode's root."""
    # the same text handed to a model stays a prompt
    _no_prompt_unless_sent(tmp_path, CODE / "vocode-token-count", "vocode/streaming/agent/token_utils.py",
                           "_format_func_into_prompt_str",
                           "len(encoding.encode(_format_func_into_prompt_str(func=f))) for f in functions",
                           "len(client.chat.completions.create(model=model, messages=[{'role': 'system', "
                           "'content': _format_func_into_prompt_str(func=f)}]).choices) for f in functions")
