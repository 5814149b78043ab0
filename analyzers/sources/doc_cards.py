"""Documentation cards: Markdown pages that document a model, a dataset or a system in a published card
format, which a walk reads as documentation, not as prompts.

* **Model Cards** (Mitchell et al., "Model Cards for Model Reporting", FAT* 2019): sections Model
  Details, Intended Use, Factors, Metrics, Evaluation Data, Training Data, Quantitative Analyses,
  Ethical Considerations, Caveats and Recommendations; and the Hugging Face Hub's model card template
  (``huggingface_hub``'s ``modelcard_template.md``: Model Details, Uses, Out-of-Scope Use, Bias, Risks,
  and Limitations, How to Get Started with the Model, Training Details, Environmental Impact, Model
  Card Authors...).
* **Datasheets for Datasets** (Gebru et al., CACM 2021): sections Motivation, Composition, Collection
  Process, Preprocessing/cleaning/labeling, Uses, Distribution, Maintenance; and the Hub's dataset card
  template (Dataset Summary, Supported Tasks and Leaderboards, Dataset Structure, Data Fields, Dataset
  Creation, Curation Rationale, Considerations for Using the Data, Licensing Information...).
* The model card ``transformers``' ``Trainer`` writes (``modelcard.py``: Model description, Intended uses &
  limitations, Training and evaluation data, Training procedure, Training hyperparameters, Training
  results, Framework versions).

A page is a card when at least ``MIN_SECTIONS`` of its headings are sections of one of these formats and
they are at least half of its top headings (levels 1 and 2, its title included): the page is organised
as the format says, not a prompt that mentions a metric.  Stanford Alpaca's ``datasheet.md`` (Motivation,
Composition, Collection process, Uses, Distribution, Maintenance) and ``model_card.md`` (Model details,
Intended use, Metrics, Evaluation datasets, Training dataset) are cards.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..inputs import open_text

CARD_EXTENSIONS = (".md", ".markdown")
MODEL_CARD_SECTIONS = (
    # Mitchell et al. 2019
    "model details", "intended use", "factors", "metrics", "evaluation data", "evaluation dataset",
    "training data", "training dataset", "quantitative analyses", "ethical considerations",
    "caveats and recommendations",
    # the Hugging Face Hub's model card template
    "model description", "model sources", "uses", "direct use", "downstream use", "out of scope use",
    "bias risks and limitations", "recommendations", "how to get started with the model", "training details",
    "training procedure", "training hyperparameters", "evaluation", "testing data factors and metrics",
    "testing data", "results", "model examination", "environmental impact", "technical specifications",
    "model architecture and objective", "compute infrastructure", "citation", "glossary", "more information",
    "model card authors", "model card contact", "limitations", "out of scope uses",
    # transformers' Trainer (modelcard.py)
    "intended uses & limitations", "training and evaluation data", "training results", "framework versions",
)
DATASHEET_SECTIONS = (
    # Gebru et al. 2021
    "motivation", "composition", "collection process", "preprocessing cleaning labeling", "uses",
    "distribution", "maintenance",
    # the Hugging Face Hub's dataset card template (both versions)
    "dataset details", "dataset description", "dataset sources", "direct use", "out of scope use",
    "dataset structure", "dataset creation", "curation rationale", "source data",
    "data collection and processing", "annotations", "annotation process", "personal and sensitive information",
    "bias risks and limitations", "recommendations", "dataset card authors", "dataset card contact",
    "dataset summary", "supported tasks and leaderboards", "languages", "data instances", "data fields",
    "data splits", "initial data collection and normalization", "considerations for using the data",
    "social impact of dataset", "discussion of biases", "other known limitations", "additional information",
    "dataset curators", "licensing information", "citation information", "contributions",
)
MIN_SECTIONS = 3
_HEAD = 1 << 16
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


def _norm(title: str) -> str:
    """``Bias, Risks, and Limitations`` -> ``bias risk and limitation``: lower case, links and emphasis
    reduced to their text, punctuation to spaces, a plural ``s`` dropped from each word."""
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title).lower()
    words = re.findall(r"[a-z0-9]+", title)
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


_FORMATS = tuple(frozenset(_norm(s) for s in sections) for sections in (MODEL_CARD_SECTIONS, DATASHEET_SECTIONS))


def card_text(text: str) -> bool:
    """Whether a Markdown text is a documentation card (the module's rule)."""
    headings = [(len(m.group(1)), _norm(m.group(2))) for m in _HEADING.finditer(_FENCE.sub("", text))]
    top = [h for level, h in headings if level <= 2]
    for sections in _FORMATS:
        matched = {h for _level, h in headings if h in sections}
        if len(matched) >= MIN_SECTIONS and 2 * sum(h in sections for h in top) >= len(top):
            return True
    return False


def documentation_card(p: Path) -> bool:
    """Whether the Markdown file at ``p`` is a documentation card (read up to its first 64 KiB)."""
    if not p.name.lower().endswith(CARD_EXTENSIONS):
        return False
    try:
        with open_text(str(p), encoding="utf-8", errors="replace") as fh:
            return card_text(fh.read(_HEAD))
    except (OSError, ValueError):
        return False


# Config files that may hold a prompt whose card sits beside them.
CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".toml")


def prompt_cards(prompts: list, explicit: set[str]) -> set[str]:
    """Markdown files a walk read whole that are the cards of a prompt kept beside them: a config file of the
    same stem in the same folder holds the prompt (its fields were read as prompts), and the Markdown holds
    no placeholder of its own (prompthub's ``prompts/<name>.yaml`` with its ``text``, beside
    ``<name>.md``: what the prompt does and how to call it, which the server serves as the prompt's card).
    One prompt is kept in one place: a template split over the two files (settings in the YAML, the text in
    the Markdown) leaves the YAML without a prompt of its own, or fills placeholders in the Markdown, and
    stays read.  Files named on the command line are never dropped."""
    import os

    with_prompts = {os.path.splitext(os.path.normpath(p.path))[0] for p in prompts
                    if p.container and os.path.normpath(p.path).lower().endswith(CONFIG_SUFFIXES)}
    out: set[str] = set()
    for p in prompts:
        path = os.path.normpath(p.path)
        if p.container or not path.lower().endswith(CARD_EXTENSIONS) or path in explicit:
            continue
        if os.path.splitext(path)[0] in with_prompts and not any(s.kind == "variable" for s in p.segments):
            out.add(p.path)
    return out
