"""Score a `pcache scan ROOT --format json` run against the hand labels of labels.py (config fields,
template files, prompt folders).  Usage: python measure.py PROJECT ROOT SCAN_JSON [--labels MODULE].

(The scorer of ../config_blind7, itself ../config_blind6's with two changes written before the third round's scan: a key path
part may be a quoted key, ``["self_prompting/cot/gpt-4-32k"]``, as pcache names keys that are no simple
names; YAML is read with its application tags (lm-evaluation-harness's ``!function``) left unconstructed.)

Independent of pcache: a field's value is read with PyYAML/json by its key path, a template file's
text from disk (a .prompty's body after its front matter), Jinja comments removed; the expected first-
variable token is tiktoken o200k on the text before the labelled first variable; within +-2.
A reported prompt matches a label of the same file: a field by its key path (or, for a YAML alias
of the labelled text, the line where that text is written), a whole-file label by the file, a
library unit by the key path it sits under.  Every report of one labelled text (aliases, message
parts) counts once.  Code files (.py, .js, .ts...) are the other half of issue #11 and are ignored.
.prompty prompts are rendered as chat messages (their role lines become message framing), so their
position is listed apart and not in the headline.

Changed after the fourth round's blind scan (src-cfg8; labels untouched): a key path is compared part by
part, so pcache's ``prompts.0`` (a key "0" is a simple name in its documented container) and the labels'
``prompts["0"]`` are the same key (the first scorer compared the strings: 7 SillyTavern
``sd.prompts["N"]`` counted as missed and reported as false positives at once)."""
from __future__ import annotations

import importlib.util
import os
import sys

_spec = importlib.util.spec_from_file_location(
    "config_blind7_measure", os.path.join(os.path.dirname(__file__), "..", "config_blind7", "measure.py"))
_third = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_third)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # this round's labels.py, before the third's


def same_key(a: str, b: str) -> bool:
    return a == b or [str(p) for p in _third.parts(a)] == [str(p) for p in _third.parts(b)]


_third.same_key = same_key  # the one change of this round's scorer
score, rows_of, main = _third.score, _third.rows_of, _third.main

if __name__ == "__main__":
    main(sys.argv[1:])
