"""Where the Python code puts a template file's text (issue 12; PC101.md "where the prompt sits";
``analyzers/placement_py.py``): a template that every fill renders into a turn added to the conversation (a
message added to the history, a tool's result) is no head: once added, the turn is read from the cache with
the rest of the history, so what it holds costs nothing.  Real files of agent-zero
(tests/fixtures/SOURCES.md); each test failed before the rule.
"""

from __future__ import annotations

import json
from pathlib import Path

from flow_helpers import fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "code" / "agent-zero"


def _positions(root: Path) -> dict[str, str]:
    from pcache.analyzers.conversation import prompt_position
    from pcache.analyzers.crossflow.index import ProjectIndex
    from pcache.analyzers.sources.load import load_paths

    corpus = load_paths([str(root)])
    index = ProjectIndex(corpus.paths)
    return {Path(p.path).name: prompt_position(p, None, index) for p in corpus.prompts}


def test_a_framework_message_added_to_the_history_is_a_turn():
    # agent.py: `content = self.parse_prompt("fw.ai_response.md", message=message)`, then
    # `return self.hist_add_message(True, content=content)`: the model's reply, added to the history as a turn
    assert _positions(ROOT)["fw.ai_response.md"] == "final-turn"


def test_a_tools_result_is_a_turn_through_the_helpers_that_return_it():
    # code_execution_tool.py: `response = self.agent.read_prompt("fw.code.info.md", info=sysinfo)`, returned by
    # get_terminal_output <- terminal_session <- execute_terminal_command <- `CodeExecution(Tool).execute`
    # (`return Response(message=response, ...)`); fw.code.max_time.md is rendered into it (`info=sysinfo`,
    # besides `PrintStyle.warning(sysinfo)`, a log line)
    got = _positions(ROOT)
    assert got["fw.code.info.md"] == "final-turn"
    assert got["fw.code.max_time.md"] == "final-turn"
    assert got["fw.code.pause_dialog.md"] == "final-turn"


def test_the_same_template_read_without_the_code_stays_a_head():
    # the position comes from the code that fills the file: alone, the prompt folder says nothing
    assert set(_positions(ROOT / "prompts").values()) == {"head"}


def test_turns_are_not_priced_as_heads(run_cli):
    # their values move at every pass of the loop (per-turn, by the loop rule), which in a head would be an
    # error priced at ~$12 per 1,000 conversations; as turns of the history they cost nothing
    code, out, _ = run_cli("lint", ROOT, "--format", "json", "--show-notes")
    doc = json.loads(out)
    assert code == 0 and doc["summary"]["error"] == 0, doc["findings"]
    assert all(f["position"] == "final-turn" for f in doc["findings"]), doc["findings"]


def test_a_text_used_elsewhere_keeps_the_head(tmp_path):
    # a template whose fill also goes to a system prompt is not only a turn: the head stays
    from flow_helpers import write_files

    agent = """
        class Agent:
            def hist_add_message(self, ai, content):
                self.history.append(content)

            def note(self, info):
                content = self.read_prompt("fw.note.md", info=info)
                print(content)
                self.hist_add_message(False, content=content)
        """
    write_files(tmp_path, {"prompts/fw.note.md": "Note for the agent: {{info}} (keep working)\n",
                           "agent.py": agent})
    assert _positions(tmp_path)["fw.note.md"] == "final-turn"
    write_files(tmp_path, {"agent.py": agent + """
            def system(self, info):
                return self.llm(system=self.read_prompt("fw.note.md", info=info))
        """})
    assert _positions(tmp_path)["fw.note.md"] == "head"
