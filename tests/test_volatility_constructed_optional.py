"""An object's own field declared with the default None, which no code of the scan assigns (issue 12;
benchmarks/LABEL_AGREEMENT.md "Session 17").

hackingBuddyGPT's Linux privilege-escalation agent (tests/fixtures/SOURCES.md, ``agents/eval/hackingbuddygpt``) declares
``conn: SSHConnection = None`` in ``class LinuxPrivesc(Privesc)`` (a dataclass agent; the use case builds it with the
SSH connection configured for the run) and puts ``"conn": self.conn`` into its template parameters once in
``before_run``; ``query_next_command.txt`` renders ``${conn.username}``.  No code of the scan assigns ``self.conn``:
the field is set only by the construction that passes it, the configuration the agent was built with (per-config,
rule ``state.constructed-optional``, read where the fill site's value is ``self.conn``).  Before the rule the
default None said nothing and the name ``username`` decided (per-user)."""

from __future__ import annotations

import shutil
from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

ROOT = Path(__file__).parent / "fixtures" / "agents" / "eval" / "hackingbuddygpt"
TEMPLATE = ROOT / "src" / "hackingBuddyGPT" / "usecases" / "privesc" / "templates" / "query_next_command.txt"
LINUX = Path("src") / "hackingBuddyGPT" / "usecases" / "privesc" / "linux.py"


def test_a_field_defaulting_to_none_that_nothing_assigns_is_the_construction():
    got = classify_in_project(TEMPLATE, "", "conn.username", ROOT)
    assert got.cls == "per-config" and got.rule.endswith("state.constructed-optional"), got
    assert "declared with the default None" in got.evidence, got


def test_a_field_a_method_assigns_is_not_the_construction(tmp_path):
    root = tmp_path / "hackingbuddygpt"
    shutil.copytree(ROOT, root)
    linux = root / LINUX
    text = linux.read_text(encoding="utf-8")
    assert "    def init(self):\n        super().init()\n" in text
    linux.write_text(text.replace("    def init(self):\n        super().init()\n",
                                  "    def init(self):\n        super().init()\n        self.conn = connect_now()\n"),
                     encoding="utf-8")
    template = root / TEMPLATE.relative_to(ROOT)
    got = classify_in_project(template, "", "conn.username", root)
    assert not got.rule.endswith("state.constructed-optional"), got


def test_a_field_with_a_real_default_keeps_its_own_reading(tmp_path):
    # `conn: SSHConnection = default_connection()`: a default the code computes, not "not given"
    root = tmp_path / "hackingbuddygpt"
    shutil.copytree(ROOT, root)
    linux = root / LINUX
    text = linux.read_text(encoding="utf-8")
    assert "    conn: SSHConnection = None\n" in text
    linux.write_text(text.replace("    conn: SSHConnection = None\n", "    conn: SSHConnection = default_connection()\n"),
                     encoding="utf-8")
    got = classify_in_project(root / TEMPLATE.relative_to(ROOT), "", "conn.username", root)
    assert not got.rule.endswith("state.constructed-optional"), got
