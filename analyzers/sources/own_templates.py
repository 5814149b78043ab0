"""Template files a project names its own way (avante.nvim's ``templates/*.avanterules``: Jinja).

A prompt folder's files are its prompts; a file there with an extension of its own is read when what it
holds is a template of text:

- its extension names no known language or format: pcache's own (``.md``, ``.j2``...), and none in
  Pygments' registry of languages (``.lua``, ``.vue``, ``.twig``, ``.html``, ``.cfg``: code, web pages
  and settings written in that language), nor a rendered format before it (``page.html.njk``);
- its content uses a template engine's tags (Jinja, Mustache/Handlebars, Semantic Kernel) around text of
  its own (the size rule's words): ``{name}`` and ``$name`` alone are as likely code or settings;
- its text is not a web page: a page's template (Nunjucks, EJS, Svelte files Pygments does not list)
  opens with an HTML element or is mostly HTML elements; a prompt is prose, its sections wrapped in
  tags of its own (``<memory>``).

A walk reads such files when one of them in the folder is a template of prose (most of its lines outside
tags are sentences, ``prose``: not code or settings written as a template), and then the other files of
that extension in the same folder too, its siblings (partials a template includes, ``_memory.avanterules``
wrapping one value in a tag, ``_task-guidelines.avanterules`` holding no tag): ``walk._own_template``.
Named, or once walked, a file is parsed in its template syntax when it holds one (``TemplateSource``).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

TAG_SYNTAXES = frozenset({"jinja", "mustache", "handlebars", "sk"})
_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@lru_cache(maxsize=256)
def _known_extension(ext: str) -> bool:
    from pygments.lexers import find_lexer_class_for_filename
    from pygments.util import ClassNotFound

    from .template import DOTPROMPT_EXTENSIONS, HANDLEBARS_EXTENSIONS, JINJA_EXTENSIONS, MUSTACHE_EXTENSIONS
    from .text import EXTENSIONS as TEXT_EXTENSIONS
    from .walk import FOLDER_EXTENSIONS, PROMPT_EXTENSIONS

    if ext in PROMPT_EXTENSIONS or ext in FOLDER_EXTENSIONS or ext in TEXT_EXTENSIONS or ext in (
            *JINJA_EXTENSIONS, *MUSTACHE_EXTENSIONS, *HANDLEBARS_EXTENSIONS, *DOTPROMPT_EXTENSIONS):
        return True
    try:
        return find_lexer_class_for_filename("x" + ext) is not None
    except ClassNotFound:
        return False


# The elements of HTML (the WHATWG standard's index of elements), SVG's root and a doctype: a page.  Prompts
# wrap their sections in tags of their own (``<memory>``, ``<selected_files>``).
HTML_ELEMENTS = frozenset("""
!doctype a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure
footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main
map mark menu meta meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s
samp script search section select slot small source span strong style sub summary sup svg table tbody td
template textarea tfoot th thead time title tr track u ul var video wbr
""".split())
_ELEMENT = re.compile(r"<(!?[A-Za-z][\w-]*)")


def _markup(text: str) -> bool:
    """Whether a template's text is a web page: its first line, or most of its lines, open with an HTML
    element."""
    lines = [ln.strip() for ln in _TAGS.sub("", text).splitlines() if ln.strip()]

    def html(line: str) -> bool:
        m = _ELEMENT.match(line)
        return bool(m) and m.group(1).lower() in HTML_ELEMENTS

    return bool(lines) and (html(lines[0]) or 2 * sum(map(html, lines)) > len(lines))


_WORD = re.compile(r"[^\W\d_]{2,}")
_CODE_ENDS = ("{", "}", ";", "(", ")", "[", "]", ",")


def prose(text: str) -> bool:
    """Whether most of a template's lines outside its tags are sentences (four words or more, not ending
    in a code delimiter): a prompt, not code or a config file written as a template (a project
    scaffold's ``schema.prisma`` with ``{% if options.auth %}``)."""
    lines = [ln.strip() for ln in _TAGS.sub(" ", text).splitlines() if ln.strip()]
    sentences = sum(len(_WORD.findall(ln)) >= 4 and not ln.endswith(_CODE_ENDS) for ln in lines)
    return bool(lines) and 2 * sentences > len(lines)


def own_template_file(path: str, head: str, of_prose: bool = False) -> bool:
    """Whether a file is a template of text under an extension of the project's own (see the module);
    ``of_prose``: and its text is prose (``prose``), which a walk asks of one file of the folder."""
    from .prompt_names import MIN_PROMPT_WORDS, count_words
    from .template import detect_from_content
    from .walk import RENDERED_FORMATS

    name = os.path.basename(path).lower()
    stem, ext = os.path.splitext(name)
    if not ext or _known_extension(ext) or os.path.splitext(stem)[1].lstrip(".") in RENDERED_FORMATS:
        return False
    if "\0" in head or ("{{" not in head and "{%" not in head):
        return False
    if count_words(_TAGS.sub(" ", head)) < MIN_PROMPT_WORDS:
        return False  # tags and no text (a macro that includes a page: govuk's ``macro.njk``)
    return detect_from_content(head, unseen_loader=True) in TAG_SYNTAXES and not _markup(head) and \
        (not of_prose or prose(head))
