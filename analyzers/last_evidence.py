"""Evidence read only when nothing else decides a variable's class (issue 12): the step before ``unknown``.

Every rule here answers where ``volatility.classify`` would otherwise say ``unknown``, after the code, the name
table and the samples; so it moves no class that another rule settles (benchmarks/LABEL_AGREEMENT.md "Session 17").
Each reads the template's own structure, never the name of one project:

* ``definition.sibling``: a template holding fields of an agent's definition is that agent's set-up text;
* ``fill.data-file-key``: a placeholder of a template kept in a data file that the same file sets under its name.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache

from .model import Prompt

# Whole names of fields of an agent's definition, separators removed; and the last word of one
# (``salesperson_role``, ``agent_backstory``).
DEFINITION = {"role", "backstory", "persona", "personality", "constraints", "tools", "agentname"}
DEFINITION_LAST = {"role", "backstory", "persona", "personality", "constraint"}


def definition_siblings(prompt: Prompt | None, name: str) -> list[str]:
    """The other variables of ``prompt`` that are fields of an agent's definition: a name whose last word is one
    of them (``salesperson_role``, ``agent_backstory``, ``persona``, ``constraints``) or that is one (``tools``,
    ``agent_name``).  A template carrying them is that agent's set-up text (its system prompt, its inception
    prompt), filled from the agent's configuration when the agent is built; a variable of it that nothing else
    decides (no code, no name) is read as another field of that definition."""
    from .volatility import _singular, _words, variable_name

    if prompt is None:
        return []
    own = "".join(_words(name))
    out = []
    for v in prompt.variables:
        words = _words(variable_name(v))
        if not words or "".join(words) == own:
            continue
        if "".join(words) in DEFINITION or _singular(words[-1]) in DEFINITION_LAST:
            out.append(variable_name(v))
    return sorted(set(out))[:3]


_DATA = (".toml", ".yaml", ".yml", ".json")


def data_file_key(prompt: Prompt | None, name: str) -> str | None:
    """Where the data file holding ``prompt`` (a TOML/YAML/JSON file of templates) sets the key ``name`` to a scalar
    (``[precision.fp32] precision_display = "FP32 ..."`` next to ``precision_note = "... {precision_display} ..."``):
    the placeholder is filled from that file's own settings, chosen by the deployment (per-config).  None when the
    file is no data file, does not parse, or sets the key nowhere (or only to a table or list)."""
    if prompt is None or not prompt.path or not prompt.path.lower().endswith(_DATA) or not re.fullmatch(r"\w+", name):
        return None
    from .volatility import _stamp

    return _scalar_keys(prompt.path, _stamp(prompt.path)).get(name)


@lru_cache(maxsize=32)
def _scalar_keys(path: str, stamp: tuple) -> dict[str, str]:
    """Every key of the data file at ``path`` set to a scalar, with the dotted path of its first setting."""
    from .crossflow.index import _read

    text = _read(path, 1 << 20)
    if text is None:
        return {}
    low = path.lower()
    try:
        if low.endswith(".toml"):
            data = tomllib.loads(text)
        elif low.endswith(".json"):
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception:  # noqa: BLE001  (TOML, JSON, YAML errors: a broken file is its reader's to report)
        return {}
    out: dict[str, str] = {}

    def walk(node, where: str, depth: int) -> None:
        if depth > 8:
            return
        if isinstance(node, dict):
            for k, v in node.items():
                if not isinstance(k, str):
                    continue
                at = f"{where}.{k}" if where else k
                if isinstance(v, (int, float, bool)) or isinstance(v, str) and "\n" not in v and "{" not in v:
                    out.setdefault(k, at)  # a setting; a text with lines or fields is another template
                else:
                    walk(v, at, depth + 1)
        elif isinstance(node, list):
            for i, v in enumerate(node[:64]):
                walk(v, f"{where}[{i}]", depth + 1)

    walk(data, "", 0)
    return out
