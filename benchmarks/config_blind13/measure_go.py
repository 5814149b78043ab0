"""measure.py with one change written after the blind scan (labels untouched): a label that accepts the
double-brace syntaxes for a Go ``text/template`` (``labels.GO``) accepts ``go`` too, the name pcache gives
Go's syntax since this round's fixes (it had none when the labels were written).  In-sample figures only."""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import labels  # noqa: E402
import measure  # noqa: E402

GO = (*labels.GO, "go")
for spec in labels.PROJECTS.values():
    spec["labels"] = [(f, kp, GO if syn == labels.GO else syn, fv) for f, kp, syn, fv in spec["labels"]]
sys.modules["labels"] = labels

if __name__ == "__main__":
    measure.main(sys.argv[1:])
