"""The Python source reader (``PythonSource``): which files it reads and the ``load`` entry point."""

from __future__ import annotations

import sys

from ...pyparse import parse_python
from ..interface import LoadedFile, SourceOptions, SourceParseError, UnparsableCode
from .finder import _Finder


class PythonSource:
    name = "python"

    def matches(self, path: str, head: str) -> bool:
        return path.lower().endswith((".py", ".pyw"))

    def load(self, path: str, text: str, options: SourceOptions) -> LoadedFile:
        if options.project is not None:  # analysed already for another file's names (python_project)
            from ..python_project import take_analysis

            finder = take_analysis(options.project, path, text)
            if finder is not None:
                finder.project = options.project
                finder.path = path  # the path as the user named it (the index keeps absolute ones)
                return LoadedFile(finder.prompts())
        try:
            tree = parse_python(text, path)
        except SyntaxError as exc:
            if sys.version_info < (3, 12) and (exc.msg or "").startswith("f-string"):
                # Python 3.12 (PEP 701) allows what 3.11 rejects inside f-strings: the same quotes,
                # backslashes, comments and line breaks in the {...} parts
                raise UnparsableCode(
                    f"needs Python >= 3.12 to parse (f-string: PEP 701); pcache runs on "
                    f"{sys.version_info.major}.{sys.version_info.minor} ({exc.msg})", line=exc.lineno,
                    hint="run pcache with Python 3.12 or newer to read this file") from None
            raise UnparsableCode(f"Python syntax error: {exc.msg}", line=exc.lineno,
                                 hint="pcache reads .py files with ast; fix the file or --exclude it") from None
        except (ValueError, RecursionError, MemoryError) as exc:
            raise SourceParseError(f"cannot parse Python: {exc}") from None
        return LoadedFile(_Finder(path, text, tree, options.project).prompts())
