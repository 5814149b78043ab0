"""Hand labels for the fifth round's third blind split (issue #11, helper src-cfg9): one project claimed and
opened after the rules of this round were landed (main 377c4ee), labelled by reading BEFORE any pcache run
on it.  Tree: the fetch tool's snapshot at the commit below, extracted blob by blob (``extract.sh``) under
/tmp/cfgblind9/mods.  (Azure-Samples/azure-search-openai-demo was claimed for this split and released
unopened: its snapshot is too big to fetch.)  Label shape as ``labels.py``.  Scope: every non-code file.

Decisions taken while reading:
- charmbracelet/mods (Go): no prompt lives in a non-code file.  ``config_template.yml`` is a Go
  ``text/template`` that writes the user's settings file: its ``format-text`` values are
  ``{{ index .Config.FormatText "markdown" }}`` (the texts themselves are Go constants), ``roles`` holds
  an empty ``default`` list and a commented-out example, ``status-text: Generating`` is a spinner label;
  ``README.md``, ``features.md``, ``examples.md``, the VHS ``.tape`` scripts and the CI files are no
  prompts.  Every report on a non-code file is a false positive.
"""

PROJECTS = {
    'charmbracelet/mods': {
        "commit": '0425d0d7861e4bbc396200b3bd2eee1825715300',
        "scope": [""],
        "kind": "prompts",
        "labels": [],
        "neutral": [],
    },
}
