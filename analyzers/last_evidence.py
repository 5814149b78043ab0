"""Evidence read only when nothing else decides a variable's class (issue 12): the step before ``unknown``.

Every rule here answers where ``volatility.classify`` would otherwise say ``unknown``, after the code, the name
table and the samples; so it moves no class that another rule settles (benchmarks/LABEL_AGREEMENT.md "Session 17").
Each reads the template's own structure, never the name of one project (``definition.sibling``, a word list of an
agent definition's fields, was dropped in session 18: benchmarks/LABEL_AGREEMENT.md "vol18"):

* ``fill.data-file-key``: a placeholder of a template kept in a data file that the same file sets under its name.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache

from .model import Prompt

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
