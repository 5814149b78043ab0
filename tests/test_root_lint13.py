"""Non-prompts that the blind root lint of session 2026-12-01 04:19 (helper roots13; benchmarks/PROMPT_DISCOVERY.md,
"Root lint, session 2026-12-01 04:19") found reported as prompts, each on a cut of the real file."""

from __future__ import annotations

import json
from pathlib import Path

from pcache.analyzers.sources.load import load_paths

from test_root_lint11 import _project_lint  # the folder linted as `pcache lint ROOT` does

CODE = Path(__file__).resolve().parent / "fixtures" / "code"


def test_an_app_log_kept_under_messages_is_no_request_body():
    """data-formulator's demo sessions (``public/df_*.json``) are the app's saved state; their top-level
    ``messages`` are the UI's notifications (``{"timestamp", "type", "component", "value"}``), none with the
    ``role`` the Chat Completions API requires of every message.  Before: read as a request body of
    7 tokens, a PC201 "never cached" info on each of the four sessions at the root."""
    from pcache.analyzers.framing import body_kind

    path = CODE / "data-formulator-session" / "public" / "df_stock_prices_live.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["messages"] and not any("role" in m for m in data["messages"])  # the file, read directly
    assert body_kind(data) is None
    # a body whose messages carry their role is still one (the same keys otherwise)
    assert body_kind({**data, "messages": [{"role": "user", "content": m["value"]} for m in data["messages"]]}) \
        == "chat"
    corpus = load_paths([str(path.parent.parent)])
    assert not corpus.prompts


def test_a_table_keyed_by_titles_is_no_config():
    """WikiChat's ``benchmark/topics/head_articles_en.json`` maps 5,000 Wikipedia article titles to the
    articles' text.  A few titles hold a word a prompt's key holds ("Deterministic system"), and the
    articles' LaTeX holds braces (``\\mathbf {Y}``): the key rule took "Deterministic system" for a
    system prompt, and the file then counted every braced article as a template (16 PC101 infos on ten
    such files at the root).  Most keys are titles, not names (8 of the 11 in this cut hold a space), and
    the prompt words stand in fewer than half of them: a data table, no prompt."""
    root = CODE / "wikichat-topics"
    data = json.loads((root / "benchmark" / "topics" / "head_articles_en.json").read_text(encoding="utf-8"))
    assert "Deterministic system" in data and "{Y}" in data["General linear model"]
    corpus = load_paths([str(root)])
    assert not corpus.prompts, [p.name for p in corpus.prompts]


def test_a_web_apps_templates_folder_is_no_prompt_folder():
    """WikiChat's ``public/templates/`` holds the pages its FastAPI server renders (``Jinja2Templates``):
    ``base.jinja2`` opens with ``<!DOCTYPE html>``, ``search.jinja2`` extends it around HTML elements, the
    partials are HTML, and ``search_api.jinja2`` is the Markdown of the API's documentation page
    (``{% for corpus in all_corpora %}`` at token 5: a PC101 error of 2,432 tokens per conversation at the
    root).  Most templates of the folder are web pages, so it is the web application's folder, not a prompt
    folder, and its Markdown page goes with it; the ChainLite prompt in ``pipelines/prompts/`` is still
    read."""
    root = CODE / "wikichat-web"
    prompts, _index, found = _project_lint(root)
    assert [Path(p.path).relative_to(root).as_posix() for p in prompts] == ["pipelines/prompts/rerank_pointwise.prompt"]
    assert not [f for f in found if "public/" in f.path]


def test_an_xml_document_answering_a_webhook_is_no_prompt():
    """pipecat's development runner answers a telephony provider's webhook with TwiML/TeXML:
    ``XML_TEMPLATES = {"twilio": f\"\"\"<?xml version="1.0" encoding="UTF-8"?><Response>...{args.proxy}...\"\"\"}``
    returned as ``HTMLResponse(content=xml_content, media_type="application/xml")``.  A document that opens
    with an XML declaration is for a parser (XML 1.0, section 2.8); the name says template, the text is no
    prompt.  Before: three prompts (``XML_TEMPLATES.twilio``, ``.telnyx``, ``.plivo``), a PC101 info each
    at pipecat's root."""
    path = CODE / "pipecat-runner" / "run.py"
    text = path.read_text(encoding="utf-8")
    assert text.count('<?xml version="1.0" encoding="UTF-8"?>') == 3
    corpus = load_paths([str(path.parent)])
    assert not corpus.prompts, [p.name for p in corpus.prompts]


def test_a_json_event_of_a_protocol_is_no_prompt():
    """pipecat's Nova Sonic service ends a session by sending ``prompt_end``, a JSON event of the service's
    bidirectional stream (``{"event": {"promptEnd": {"promptName": "..."}}}``, written as an f-string with
    doubled braces), through ``_send_client_event(event_json)``.  The name starts with *prompt*; the text,
    its placeholder a value inside it, parses as a JSON object: data for a program.  Before: a prompt with
    a PC101 info at pipecat's root."""
    path = CODE / "pipecat-nova-sonic" / "llm.py"
    body = path.read_text(encoding="utf-8").split("prompt_end = f'''", 1)[1].split("'''", 1)[0]
    # the document as the f-string renders it, with a value in its one placeholder
    rendered = body.replace("{{", "{").replace("}}", "}").replace("{self._prompt_name}", "p-1")
    assert json.loads(rendered) == {"event": {"promptEnd": {"promptName": "p-1"}}}
    corpus = load_paths([str(path.parent)])
    assert not corpus.prompts, [p.name for p in corpus.prompts]


def test_a_project_generators_templates_folder_is_no_prompt_folder():
    """pipecat's ``pipecat init`` renders a new project from ``src/pipecat/cli/templates/``: ``bot_cascade.py.jinja2``
    (a Python module, named for the format it renders) imports ``server/_macros/*.jinja2`` and includes
    ``server/_blocks/*.jinja2``; ``README.md.jinja2`` includes ``_readme_blocks/*.jinja2``.  The blocks, macros and
    README sections are parts of the files the generator writes, named by the templates that render code and
    documentation: the folder is the generator's.  Before: each part read as a prompt (six PC101 infos at
    pipecat's root)."""
    root = CODE / "pipecat-cli"
    folder = root / "src" / "pipecat" / "cli" / "templates"
    bot = (folder / "server" / "bot_cascade.py.jinja2").read_text(encoding="utf-8")
    assert "{% import 'server/_macros/helper_functions.jinja2' as helpers %}" in bot
    assert "{% include 'server/_blocks/run_bot_logic_cascade.jinja2' with context %}" in bot
    corpus = load_paths([str(root)])
    assert not corpus.prompts, [p.name for p in corpus.prompts]
