"""Reads files into prompts through the registered sources; bad files become ``SourceError``s."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..model import Prompt, SourceError
from ..inputs import BinaryInput, InputError, read_text
from .interface import UnparsableCode, NoPrompts, NoRequests, NotThisFormat, SourceOptions, UnparsedTemplate
from .js.grammar import EXTENSIONS as JS_EXTENSIONS, MAX_WALK_BYTES
from .config_fields import ConfigFieldsSource
from .doc_cards import prompt_cards
from . import program_placeholders
from .registry import all_sources
from .walk import find_files

_HEAD = 4096


@dataclass
class Corpus:
    prompts: list[Prompt] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    warnings: list[SourceError] = field(default_factory=list)  # files a walk found and could not read
    files: int = 0  # files read
    skipped: int = 0  # files a walk saw and knew to hold no prompt (package.json, lock files...)
    paths: list[str] = field(default_factory=list)  # the files read, in order


@contextmanager
def paused_gc():
    """The cyclic garbage collector off for a block that builds many long-lived objects (parsed
    bodies, segments, token runs) and no cycles: each full collection would walk all of them again
    (measured ~0.5 s on 5,000 chat requests).  The previous state is restored afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_file(path: str, options: SourceOptions, sources=None, skip_binary: bool = False,
              skip_empty: bool = False, read_as: str | None = None) -> tuple[list[Prompt], list[SourceError]]:
    """The prompts of one file and its errors.  ``skip_binary``/``skip_empty`` (for files a directory
    walk found): a binary file, or a file that holds no prompt, is skipped without an error.
    ``read_as``: the extension the file is read as (``walk.Found.read_as``: an included YAML config; a
    file named on the command line is checked here)."""
    if read_as is None and not skip_empty and path != "-":
        from .config_include import read_as_yaml

        read_as = ".yaml" if read_as_yaml(path) else None
    try:
        text = read_text(path)
    except BinaryInput as exc:
        return [], [] if skip_binary else [SourceError(path, exc.message)]
    except OSError as exc:
        return [], [SourceError(path, exc.strerror or str(exc))]
    except InputError as exc:
        return [], [SourceError(path, exc.message, exc.line, exc.hint)]
    return load_text(path, text, options, sources, skip_empty, match_as=path + read_as if read_as else None)


def decode_bytes(path: str, data: bytes) -> str:
    """The text of a file's bytes (e.g. an older version from git), checked as ``read_text`` checks a file."""
    from ..inputs import GZIP_MAGIC, gunzip, decode_text

    if data[:2] == GZIP_MAGIC:
        data = gunzip(data)
    return decode_text(data)


_JSON_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')
_JSON_COMMENT = re.compile(r"//|/\*|,\s*[}\]]")
_JSON_COMMENT_ONLY = re.compile(r"//|/\*")


def _json_with_comments(path: str, text: str) -> bool:
    """A ``.json`` file with ``//`` or ``/* */`` comments outside its strings: written by hand as settings
    (a trailing comma alone is a broken file, a request body the API would refuse: its error is kept)."""
    return path.lower().endswith(".json") and bool(_JSON_COMMENT_ONLY.search(_JSON_STRING.sub('""', text)))


def _jsonc(path: str, text: str) -> bool:
    """A ``.json`` file with ``//`` or ``/* */`` comments or trailing commas outside its strings: JSONC, the configuration
    format of VS Code, TypeScript and .NET (``appsettings.json``), never a request body or a prompt
    file a program wrote.  One with comments has its config fields read (a .NET service keeps its
    prompts in ``appsettings.json``: chat-copilot's ``Prompts`` section); a walk skips quietly one that
    holds none, one invalid even without its comments, and one whose only fault is a trailing comma."""
    return path.lower().endswith(".json") and bool(_JSON_COMMENT.search(_JSON_STRING.sub('""', text)))


def _json_lines(path: str, text: str, exc: InputError) -> bool:
    """A ``.json`` file that ``json.loads`` refuses only because a second document follows the first,
    each line being one JSON document: JSON Lines (jsonlines.org) under a ``.json`` name (JARVIS's
    ``user_requests.json``), read as the ``.jsonl`` file it is."""
    from ..inputs import loads_json

    if not (path.lower().endswith(".json") and exc.message.startswith("invalid JSON: Extra data")):
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        for line in lines:
            loads_json(line)
    except InputError:
        return False
    return len(lines) > 1


_CONFIG_EXTENSIONS = (".yaml", ".yml", ".json", ".toml")
# the keys a request body, a messages file or a prompt document opens with (OpenAI, Anthropic, Gemini,
# Responses): a broken file whose head names one is a prompt file that failed to parse
_REQUEST_HEAD = re.compile(r"""["']?\b(messages|role|contents|prompt|input|instructions|system)\b["']?\s*:""")


def _unnamed_config(path: str) -> bool:
    """A YAML/JSON/TOML file whose name, and whose folders' names, say nothing of prompts, agents, tasks
    or messages (``serverless.yml``, ``config/settings.json``): a walk reads it only for prompt fields."""
    from pathlib import PurePath

    from .prompt_names import AGENT_SECTIONS, MESSAGE_WORDS, PATH_WORDS, is_path_prompty, name_words
    from .walk import PROMPT_FOLDERS, agent_file

    p = PurePath(path)
    if p.suffix.lower() not in _CONFIG_EXTENSIONS or agent_file(p.name) or is_path_prompty(path):
        return False
    said = PATH_WORDS | AGENT_SECTIONS | MESSAGE_WORDS | set(PROMPT_FOLDERS)
    return not any(set(name_words(n)) & said for n in [p.stem, *p.parent.parts[-3:]])


def load_text(path: str, text: str, options: SourceOptions, sources=None,
              skip_empty: bool = False, match_as: str | None = None) -> tuple[list[Prompt], list[SourceError]]:
    """Prompts of a file whose text is already read, named by ``path`` (``skip_empty``: a file that
    holds no prompt gives no error; ``match_as``: the name sources are picked by, when not ``path``'s)."""
    inner = match_as or (path[:-3] if path.endswith(".gz") else path)
    declined: NotThisFormat | None = None
    for source in sources or all_sources():
        if source.matches(inner, text[:_HEAD]):
            try:
                loaded = source.load(path, text, options)
            except NotThisFormat as exc:  # the next source that matches may read it
                declined = declined or exc
                continue
            except UnparsedTemplate as exc:
                if skip_empty:  # found by a walk: one warning line, the other files go on
                    return exc.fallback.prompts, [SourceError(path, f"{exc.message}; {exc.consequence}",
                                                              exc.line, warning=True)]
                return [], [SourceError(path, exc.message, exc.line, exc.hint)]
            except NoPrompts as exc:
                if skip_empty:
                    return [], []
                if isinstance(exc, NoRequests):
                    return [], exc.errors
                return [], [SourceError(path, exc.message, exc.line, exc.hint)]
            except UnparsableCode as exc:
                return [], [SourceError(path, exc.message, exc.line, exc.hint, warning=skip_empty)]
            except InputError as exc:
                if _json_with_comments(inner, text) and not isinstance(source, ConfigFieldsSource):
                    # JSON with comments: its config fields only
                    return load_text(path, text, options, [ConfigFieldsSource()], skip_empty, match_as)
                if skip_empty and _jsonc(inner, text):
                    return [], []  # a tool's JSONC configuration (tsconfig.json...) found by a walk
                if match_as is None and _json_lines(inner, text, exc):
                    return load_text(path, text, options, sources, skip_empty, match_as=inner + "l")
                if skip_empty and _unnamed_config(inner) and not _REQUEST_HEAD.search(text[:_HEAD]):
                    # a walk met a broken config file that neither its content (no request or messages
                    # reader claimed it) nor its name says is prompts (serverless.yml): it cannot say
                    # whether it holds one; a warning line, the other files keep their results
                    return [], [SourceError(path, f"{exc.message}; not read (nothing in its name, folder or first "
                                                  "keys says prompt)", exc.line, warning=True)]
                return [], [SourceError(path, exc.message, exc.line, exc.hint)]
            except RecursionError:  # e.g. thousands of nested template blocks
                return [], [SourceError(path, "nested too deeply to parse")]
            return program_placeholders.apply(loaded.prompts, path), loaded.errors
    if declined is not None:
        return [], [SourceError(path, declined.message, declined.line, declined.hint)]
    return [], [SourceError(path, "no source understands this file")]


def _picked_prompt_hint(missing: str) -> str | None:
    """``FILE.py:Name`` given where whole files are read: the file exists, the name picks one prompt."""
    import os

    head, sep, name = missing.rpartition(":")
    if sep and name and os.path.isfile(head):
        return f"this command reads whole files ({head}); FILE:Name picks one prompt in `pcache show` and `pcache diff`"
    return None


def _dangling(path: str) -> str:
    import errno
    import os

    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "too many levels of symbolic links (a link loop); skipped"
    return f"a symbolic link to a missing file ({os.readlink(path)!r}); skipped"


def _too_big_to_parse(path: str) -> bool:
    """A JS/TS source a walk found that is too big to parse for what it can hold (``MAX_WALK_BYTES``)."""
    import os

    if not path.lower().endswith(JS_EXTENSIONS):
        return False
    try:
        return os.path.getsize(path) > MAX_WALK_BYTES
    except OSError:
        return False


def load_paths(paths: list[str], options: SourceOptions | None = None,
               include: list[str] | None = None, exclude: list[str] | None = None,
               progress=None, keep=None, prompt_folders: list[str] | None = None) -> Corpus:
    """All prompts under ``paths``, in file order.  ``progress(done, total)`` is called per file;
    ``keep(path)``, when given, decides which found files are read (the configuration's patterns);
    ``prompt_folders`` names the folders whose extensionless files are prompts (walk.PROMPT_FOLDERS)."""
    options = options or SourceOptions()
    import os

    found, missing = find_files(paths, include, exclude, prompt_folders)
    if keep is not None:
        found = [f for f in found if keep(f.path)]
    from ..inputs import why_missing

    corpus = Corpus(errors=[SourceError(m, why_missing(m, "no such file or directory"), hint=_picked_prompt_hint(m))
                            for m in missing])
    corpus.paths = [f.path for f in found if not f.skip]
    for raw in paths:
        under = os.path.abspath(raw).rstrip(os.sep) + os.sep  # "." and "./x" name the same files as "x"
        if os.path.isdir(raw) and not any(os.path.abspath(f.path).startswith(under) for f in found):
            corpus.errors.append(SourceError(raw, "no prompt files in this directory",
                                             hint="files are picked by extension (.md, .txt, .json, .jsonl, .yaml, "
                                                  "templates...); use --include GLOB for others"))
    if options.project is None and any(p.lower().endswith((".py", ".pyw") + JS_EXTENSIONS) for p in corpus.paths):
        import dataclasses

        from ..crossflow.index import ProjectIndex

        # one index per load: which files mention which names, each file's uses computed once (Python),
        # each JS/TS module's importable constants summarized once (js_project)
        options = dataclasses.replace(options, project=ProjectIndex(corpus.paths))
    sources = all_sources()
    with paused_gc():
        for i, f in enumerate(found):
            if f.skip:
                corpus.skipped += 1
                continue
            if not f.explicit and os.path.islink(f.path) and not os.path.exists(f.path):
                # a dangling link a walk met (git keeps them: dyad's CLAUDE.md -> "AGENTS.md\n"):
                # nothing to read, and not the input error a file the user named would be
                corpus.warnings.append(SourceError(f.path, _dangling(f.path), warning=True))
                corpus.files += 1
                continue
            if not f.explicit and _too_big_to_parse(f.path):
                corpus.warnings.append(SourceError(
                    f.path, f"{os.path.getsize(f.path) / 1e6:.1f} MB of JavaScript/TypeScript, over the "
                    f"{MAX_WALK_BYTES / 1e6:.1f} MB a hand-written module reaches (generated or bundled); "
                    "skipped (name the file to read it)", warning=True))
                corpus.files += 1
                continue
            prompts, errors = load_file(f.path, options, sources, skip_binary=not f.explicit,
                                        skip_empty=not f.explicit, read_as=f.read_as)
            if f.explicit and not prompts and not errors:
                if f.path.lower().endswith((".py", ".pyw")):  # code holding no prompt
                    errors = [SourceError(f.path, "no prompts in this file",
                                          hint="README: what counts as a prompt in code")]
                else:
                    errors = [SourceError(f.path, "no prompts in this file (is it empty?)")]
            corpus.prompts.extend(prompts)
            corpus.errors.extend(e for e in errors if not e.warning)
            corpus.warnings.extend(e for e in errors if e.warning)
            corpus.files += 1
            if progress:
                progress(i + 1, len(found))
    cards = prompt_cards(corpus.prompts, {os.path.normpath(f.path) for f in found if f.explicit})
    if cards:  # the cards of prompts kept beside them (doc_cards)
        corpus.prompts = [p for p in corpus.prompts if p.path not in cards]
    return corpus
