"""Hand labels, by rule read off the trees (third blind run, written before pcache ran on them):
prompt libraries whose every file of a family is one prompt.

- lobehub/lobe-chat-agents @ ec2b0e4: each agent's `config.systemRole` is the system prompt LobeChat
  sends, in `src/*.json` and in its translations `locales/<agent>/index.<lang>.json` (a locale file that
  holds prompts). No variable: LobeChat fills only its own placeholders ({{date}}, {{username}}, ...)
  and none is used; other braces are text the author wrote for the model. `agent-template*.json`:
  neutral (a template to copy).
- github/awesome-copilot @ ab7544d: `agents/*.agent.md`, `instructions/*.instructions.md` and
  `skills/*/SKILL.md` are each one prompt (front matter is settings). Neutral: `skills/*/` reference
  files, `extensions/`, `plugins/*` and `.github/` files; everything else (cookbook, docs, website,
  eng scripts) is documentation or code: a prompt reported there is a false positive.
"""
import glob
import json
import os

COMMITS = {
    "lobehub/lobe-chat-agents": "ec2b0e414c7078b21269363637077d0e6f7c3e84",
    "github/awesome-copilot": "ab7544d03d4c49fdd07f5958e1888ad39c4118e2",
}


def lobe_agents(root: str) -> dict[str, list[str]]:
    """file -> expected prompt key paths."""
    out: dict[str, list[str]] = {}
    files = glob.glob(os.path.join(root, "src/*.json")) + glob.glob(
        os.path.join(root, "locales/*/*.json"))
    for path in files:
        with open(path, encoding="utf-8") as fh:
            role = json.load(fh).get("config", {}).get("systemRole")
        if isinstance(role, str) and role.strip():
            out[os.path.relpath(path, root)] = ["config.systemRole"]
    return out


def awesome_copilot(root: str) -> list[str]:
    pats = ["agents/*.agent.md", "instructions/*.instructions.md", "skills/*/SKILL.md"]
    return sorted(os.path.relpath(p, root) for pat in pats
                  for p in glob.glob(os.path.join(root, pat)))


def awesome_copilot_neutral(rel: str) -> bool:
    return rel.startswith(("skills/", "extensions/", "plugins/", ".github/"))
