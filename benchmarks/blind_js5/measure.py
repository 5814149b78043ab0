"""Score a `pcache scan DIR --format json` run against the hand labels of this folder's labels_code.py
(fifth run) with the scorer of blind_js4, unchanged: ``blind_js4/measure.py`` given these labels.
Usage: python measure.py PROJECT ROOT SCAN_JSON."""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    labels = _load("blind_js5_labels", os.path.join(HERE, "labels_code.py"))
    scorer = _load("blind_js4_measure", os.path.join(HERE, "..", "blind_js4", "measure.py"))
    scorer.main(*sys.argv[1:4], labels=labels)
