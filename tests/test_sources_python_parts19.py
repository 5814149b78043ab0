"""Text parts appended one by one to a local content list that a message sends (#11, blind round 29: BrowserGym's
demo agent, 4 prompts missed; in-sample now).

Goldens come from the fixture read with ``ast`` (the literal values of the appended ``"text"`` f-strings) and
tiktoken o200k, never from pcache.
"""
from __future__ import annotations

import ast
from pathlib import Path

import tiktoken

from pcache.analyzers.sources.interface import SourceOptions
from pcache.analyzers.sources.load import load_paths

AGENT = Path(__file__).parent / "fixtures" / "code" / "browsergym-demo-agent" / "demo_agent" / "agent.py"
O200K = tiktoken.get_encoding("o200k_base")


def _load(path: Path) -> dict:
    return {p.container: p for p in load_paths([str(path)], SourceOptions()).prompts}


def _text(prompt) -> str:
    return "".join(s.text for s in prompt.segments)


def _appended_text(path: Path, line: int) -> ast.JoinedStr | ast.Constant:
    """The ``"text"`` value of the dict appended to a list whose ``"text"`` string starts on ``line``."""
    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(n, ast.Dict):
            for k, v in zip(n.keys, n.values):
                if isinstance(k, ast.Constant) and k.value == "text" and v.lineno == line:
                    return v
    raise KeyError(line)


def _static(node) -> str:
    """An f-string's text up to its first field (the whole text when it has none)."""
    if isinstance(node, ast.Constant):
        return node.value
    out = ""
    for part in node.values:
        if not isinstance(part, ast.Constant):
            break
        out += part.value
    return out


def test_text_parts_appended_to_a_content_list_are_that_message_s_prompt():
    # system_msgs = []; system_msgs.append({"type": "text", "text": f"""# Instructions ..."""}) (chat mode, line 92;
    # goal mode, line 135); then messages=[{"role": "system", "content": system_msgs}, {"role": "user", ...}]
    found = _load(AGENT)
    for container, line, role in (("DemoAgent.get_action.system_msgs", 92, "system"),
                                  ("DemoAgent.get_action.system_msgs@135", 135, "system"),
                                  ("DemoAgent.get_action.user_msgs@287", 287, "user")):
        p = found[container]
        assert p.role == role
        want = _static(_appended_text(AGENT, line))
        assert _text(p) == want
        assert not [s for s in p.segments if s.kind == "variable"]
    assert "You are a UI Assistant" in _text(found["DemoAgent.get_action.system_msgs"])


def test_a_part_with_a_field_keeps_the_field_as_its_first_variable():
    # "# Action Space\n\n{self.action_set.describe(...)}\n\nHere are examples ...": first variable after the header
    p = _load(AGENT)["DemoAgent.get_action.user_msgs@230"]
    segs = p.segments
    first = next(s for s in segs if s.kind == "variable")
    before = "".join(s.text for s in segs[:segs.index(first)])
    want = _static(_appended_text(AGENT, 230))
    assert before == want == "# Action Space\n\n"
    assert len(O200K.encode(before)) == 4  # the label's first_var_token (round29_labels.toml)
    assert "self.action_set.describe(" in first.text


def test_image_parts_and_the_logged_copy_are_not_prompts():
    found = _load(AGENT)
    texts = [_text(p) for p in found.values()]
    # {"type": "image_url", ...} parts carry no text; prompt_text_strings (joined and only logged) is no message
    assert not any(t.startswith("image_url: ") for t in texts)
    assert not any(c.split(".")[-1].startswith("prompt_text_strings") for c in found)
    # every prompt of the file is a part of one of the two sent lists, with the role of its message
    for c, p in found.items():
        name = c.split(".")[-1].split("@")[0]
        assert name in ("system_msgs", "user_msgs"), c
        assert p.role == ("system" if name == "system_msgs" else "user")
