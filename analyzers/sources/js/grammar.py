"""The JS/TS file extensions, the tree-sitter grammars and queries, and byte-to-character positions."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache


JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".jsx")
TS_EXTENSIONS = (".ts", ".mts", ".cts")
TSX_EXTENSIONS = (".tsx",)
EXTENSIONS = (*JS_EXTENSIONS, *TS_EXTENSIONS, *TSX_EXTENSIONS)
# A JS/TS file a directory walk finds above this size is skipped with a warning (named on the command
# line it is read).  Its syntax tree takes ~60 bytes per byte of source (measured: 630 MB and 18 s for
# a 10 MB bundle), and hand-written modules stay far below it (the largest of the Cline, Continue, Roo
# Code, Vercel AI, LlamaIndexTS, AnythingLLM and bolt.new trees: 0.96 MB, a test file); what is larger
# is generated (a 3.5 MB model catalogue) or bundled, and repeats literals its sources already hold.
MAX_WALK_BYTES = 2_000_000
ROLES = {"system": "system", "developer": "developer", "user": "user", "human": "user",
         "assistant": "assistant", "ai": "assistant", "model": "assistant", "tool": "tool"}
_TRIMS = {"trim": "both", "trimStart": "start", "trimLeft": "start", "trimEnd": "end", "trimRight": "end"}
NO_PROMPTS_HINT = ("a literal is read as a prompt when its name or use says so (SYSTEM_PROMPT, "
                   "{role, content}, system:/instructions: properties); see the README's rule")

# Pre-filter in C (tree-sitter predicates) on names worth a look; the Python rule decides.
_NAMEISH = "(?i)(prompt|system|instruction|template|tmpl|tpl|persona|backstory|preamble|content|goal|" \
           "description|expected_output|message|msg|^text$)"
_QUERY_COMMON = f"""
(variable_declarator name: (identifier) @name value: (_) @value)
(pair key: (_) @name value: (_) @value (#match? @name "{_NAMEISH}"))
(assignment_expression left: (_) @name right: (_) @value (#match? @name "{_NAMEISH}"))
(call_expression function: (_) @name arguments: (arguments (_) @value) (#match? @name "{_NAMEISH}"))
(new_expression constructor: (_) @name arguments: (arguments (_) @value) (#match? @name "{_NAMEISH}"))
(array . (string) @name . (_) @value .)
(return_statement (_) @value)
(arrow_function body: (_) @value)
(variable_declarator name: (_) @owner value: (object (pair key: (_) @name value: (_) @value))
  (#match? @owner "{_NAMEISH}"))
(pair key: (_) @owner value: (object (pair key: (_) @name value: (_) @value)) (#match? @owner "{_NAMEISH}"))
(return_statement (object (pair key: (_) @name value: (_) @value)))
(arrow_function body: (parenthesized_expression (object (pair key: (_) @name value: (_) @value))))
"""
_QUERY_JS = _QUERY_COMMON + f"""
(field_definition property: (_) @name value: (_) @value (#match? @name "{_NAMEISH}"))
"""
_QUERY_TS = _QUERY_COMMON + f"""
(public_field_definition name: (_) @name value: (_) @value (#match? @name "{_NAMEISH}"))
"""
# Calls of UI translation functions (i18next ``t``, vue-i18n ``$t``, react-intl ``formatMessage``):
# text built with them is shown to people.
# Calls of terminal styling libraries (chalk, kleur, picocolors, ansi-colors, colors): text they colour is
# printed for a person (a model has no use for ANSI escape codes).
_TERMINAL_STYLE = re.compile(r"(?:chalk|kleur|picocolors|pc|ansiColors|colors|ansis)(?:\.[A-Za-z]\w*)+\s*\(")
_I18N_CALL = re.compile(r"(?:[\w$.]*\.)?(?:t|\$t|i18n\.t|formatMessage|translate)\s*\(")
_KINDS = ("decl", "pair", "assign", "call", "new", "tuple", "return", "arrow", "pair", "pair", "pair", "pair",
          "field")


@lru_cache(maxsize=4)
def _grammar(kind: str):
    import tree_sitter as ts

    if kind == "js":
        import tree_sitter_javascript as grammar

        lang = ts.Language(grammar.language())
        query = _QUERY_JS
    else:
        import tree_sitter_typescript as grammar

        lang = ts.Language(grammar.language_tsx() if kind == "tsx" else grammar.language_typescript())
        query = _QUERY_TS
    return ts.Parser(lang), ts.Query(lang, query)


# The call shapes the read-through rules look at, found in C (the Python rules decide): calls of a
# named function, ``X.replace("{slot}", value)`` fills, and shorthand ``content`` properties.
_QUERY_READS = """
(call_expression function: (identifier) @callee arguments: (arguments) @args)
(call_expression function: (member_expression property: (property_identifier) @method)
  arguments: (arguments . (string) . (_) .) @fill (#match? @method "^replace(All)?$"))
(call_expression function: (member_expression property: (property_identifier) @remethod)
  arguments: (arguments . (regex) . (_) .) @refill (#match? @remethod "^replace(All)?$"))
((shorthand_property_identifier) @shorthand (#eq? @shorthand "content"))
(variable_declarator name: (identifier) @owner value: (object (shorthand_property_identifier) @member)
  (#match? @owner "(?i)(prompt|instruction|template|persona)"))
"""


@lru_cache(maxsize=4)
def _reads_query(language):
    import tree_sitter as ts

    return ts.Query(language, _QUERY_READS)


def _reads(root, language) -> dict[str, list]:
    """The nodes ``_QUERY_READS`` captures in the tree of ``root``, by capture name, in file order."""
    import tree_sitter as ts

    caps = ts.QueryCursor(_reads_query(language)).captures(root)
    return {name: sorted(nodes, key=lambda n: n.start_byte) for name, nodes in caps.items()}


def _kind(path: str) -> str:
    lower = path.lower()
    if lower.endswith(TSX_EXTENSIONS):
        return "tsx"
    if lower.endswith(TS_EXTENSIONS):
        return "ts"
    return "js"


class _Positions:
    """tree-sitter points (row, byte column) -> 1-based (line, character column)."""

    def __init__(self, data: bytes):
        self.data = data
        self.ascii = data.isascii()
        self.starts = [0]
        find = data.find
        pos = find(b"\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = find(b"\n", pos + 1)

    def at_byte(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[row]
        if self.ascii:
            return row + 1, offset - start + 1
        return row + 1, len(self.data[start:offset].decode("utf-8", "replace")) + 1

    def char_offset(self, offset: int) -> int:
        return offset if self.ascii else len(self.data[:offset].decode("utf-8", "replace"))
