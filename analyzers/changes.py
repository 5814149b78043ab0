"""A change judged against its base: which files of a corpus changed, and the corpus as it was at a git
ref (changed files read with ``git show REF:path``, unchanged ones reused as they are now, deleted ones
read from the ref), scanned into a ``baseline.Baseline`` for PC701."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .baseline import Baseline, from_report
from .gitrefs import GitRepo
from .model import Prompt
from .scan import scan
from .sources.interface import SourceOptions
from .sources.load import Corpus, decode_bytes, load_text
from .sources.walk import PROMPT_EXTENSIONS


@dataclass
class Change:
    changed: set[str]  # resolved paths of added/modified files
    deleted: list[str]  # resolved paths of files gone since the base
    base: str | None  # the git ref to compare with (None: no git base)


def resolved(path: str) -> str:
    return os.path.realpath(path)


def git_base_prompts(repo: GitRepo, ref: str, corpus: Corpus, change: Change, options: SourceOptions,
                     roots: list[str], keep=None) -> list[Prompt]:
    """The corpus's prompts as they were at ``ref``.  A file that cannot be read at the base (new, binary,
    not a prompt then) contributes nothing."""
    by_path: dict[str, list[Prompt]] = {}
    for p in corpus.prompts:
        by_path.setdefault(p.path, []).append(p)
    out: list[Prompt] = []
    for path in corpus.paths:
        if resolved(path) in change.changed:
            out.extend(_at_ref(repo, ref, path, options))
        else:
            out.extend(by_path.get(path, []))
    root_dirs = [resolved(r) for r in roots]
    for full in change.deleted:
        inside = any(full == r or full.startswith(r.rstrip(os.sep) + os.sep) for r in root_dirs)
        name = os.path.relpath(full)
        suffix = os.path.splitext(full[:-3] if full.endswith(".gz") else full)[1].lower()
        if inside and suffix in PROMPT_EXTENSIONS and (keep is None or keep(name)):
            out.extend(_at_ref(repo, ref, name, options))
    return out


def _at_ref(repo: GitRepo, ref: str, path: str, options: SourceOptions) -> list[Prompt]:
    from .inputs import InputError

    data = repo.show(ref, path)
    if data is None:
        return []
    try:
        text = decode_bytes(path, data)
    except (InputError, OSError):
        return []
    prompts, _errors = load_text(path, text, options)
    return prompts


def git_baseline(repo: GitRepo, ref: str, corpus: Corpus, change: Change, options: SourceOptions,
                 roots: list[str], model: str | None, provider: str | None, keep=None) -> Baseline:
    """The baseline at ``ref``: the base corpus scanned with the same model and regime as now."""
    prompts = git_base_prompts(repo, ref, corpus, change, options, roots, keep)
    if not prompts:
        return Baseline(ref, model or "", "")
    return from_report(scan(prompts, model, provider), ref, keep_tokens=True)
