"""Every byte pcache reads from a user's file comes through here.

Reads are bounded (``--max-input-mb``, ``PCACHE_MAX_INPUT_MB``), only regular files are opened (a FIFO,
device or socket is refused by name before ``open`` and again on the open descriptor), gzip is
decompressed with the same output limit, and JSON/YAML are parsed with depth and size limits that reject
instead of recursing.  Every failure is an ``InputError`` with a message and, when known, a line.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import re
import stat
import sys
import zlib
from dataclasses import dataclass
from typing import Callable, Iterator

DEFAULT_MAX_MB = 64
MAX_DEPTH = 128  # JSON/YAML nesting: far above real prompts and logs, far below the interpreter's stack
MAX_YAML_ALIASES = 1000
MAX_YAML_NODES = 1_000_000  # after alias expansion (billion laughs)
GZIP_MAGIC = b"\x1f\x8b"


class InputError(Exception):
    """A file (or one of its lines) that pcache cannot read; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


class BinaryInput(InputError):
    pass


@dataclass
class Limits:
    max_bytes: int


def _env_limit() -> int:
    raw = os.environ.get("PCACHE_MAX_INPUT_MB", "")
    try:
        mb = float(raw)
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * (1 << 20)) if 0 < mb < 1 << 30 else DEFAULT_MAX_MB << 20


LIMITS = Limits(_env_limit())


def set_max_input_mb(mb: float) -> None:
    LIMITS.max_bytes = int(mb * (1 << 20))


def _mb(n: int) -> str:
    return f"{n / (1 << 20):g} MiB"


def too_big(what: str) -> InputError:
    return InputError(f"{what} larger than the {_mb(LIMITS.max_bytes)} input limit",
                      hint="raise it with `pcache --max-input-mb N <command> ...` or PCACHE_MAX_INPUT_MB=N")


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def _not_regular(mode: int) -> InputError | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return InputError(f"not a regular file ({kind})", hint="pcache reads regular files only")


def why_missing(path: str, missing: str = "no such file") -> str:
    """Why ``os.path.exists(path)`` is false, in words: ``missing``, or the symlink it is (a loop, or one
    to nothing), which ``exists`` reports the same way."""
    try:
        if not os.path.islink(path):
            return missing
        target = os.readlink(path)
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop"
        return f"a symlink to a missing file ({target})" if exc.errno == errno.ENOENT else missing
    return missing


def open_regular(path: str):
    """A binary file object for ``path``, which must be a regular file (symlinks are followed and
    their target checked).  ``O_NONBLOCK`` keeps a FIFO swapped in after the check from blocking."""
    err = _not_regular(os.stat(path).st_mode)
    if err:
        raise err
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        err = _not_regular(os.fstat(fd).st_mode)
        if err:
            raise err
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class NotRegularFile(OSError):
    """``open_text`` on a FIFO, device, socket or directory: an ``OSError``, as a missing file is."""


def open_text(path: str, encoding: str = "utf-8", errors: str = "strict", newline: str | None = None):
    """``open(path, encoding=..., errors=..., newline=...)`` for the files a reader looks at on its own (a
    module a prompt imports, a tsconfig, a file a config names): a regular file only, so that a FIFO named
    ``x.py`` cannot block the run and a link to ``/dev/zero`` cannot fill memory."""
    try:
        raw = open_regular(path)
    except InputError as exc:
        raise NotRegularFile(exc.message) from None
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline=newline)


def _bounded_read(f, limit: int, what: str) -> bytes:
    data = f.read(limit + 1)
    if len(data) > limit:
        raise too_big(what)
    return data


def gunzip(data: bytes) -> bytes:
    """``data`` decompressed (all members), refused past the input limit."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as g:
            return _bounded_read(g, LIMITS.max_bytes, "decompresses to")
    except EOFError:
        raise InputError("truncated gzip file (the compressed data ends early)") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"corrupt gzip data ({exc})") from None


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-`` is stdin), gunzipped when they start with the gzip magic."""
    limit = LIMITS.max_bytes
    if path == "-":
        data = _bounded_read(sys.stdin.buffer, limit, "standard input is")
    else:
        with open_regular(path) as f:
            if os.fstat(f.fileno()).st_size > limit:
                raise too_big("file is")
            data = _bounded_read(f, limit, "file is")
    if data[:2] == GZIP_MAGIC:
        return gunzip(data)
    if path.endswith(".gz") and data:
        raise InputError("named .gz but not gzip-compressed")
    return data


def decode_text(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); binary data and invalid UTF-8 are refused with a line."""
    if b"\x00" in data[:8192]:
        raise BinaryInput("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", line=line,
                         hint="save the file as UTF-8") from None


def read_text(path: str) -> str:
    return decode_text(read_bytes(path))


class LineReader:
    """Streams the lines of a (possibly gzipped) file with each line bounded by the input limit and
    decoded strictly: a bad line is reported through ``on_error(line, message)`` and skipped, so the
    lines around it are kept.  A truncated or corrupt gzip stream ends the file with an ``InputError``
    (the lines before it were already delivered)."""

    def __init__(self, path: str):
        self.path = path
        self._raw = sys.stdin.buffer if path == "-" else open_regular(path)
        head = self._raw.peek(2)[:2] if hasattr(self._raw, "peek") else b""
        self._stream = gzip.GzipFile(fileobj=self._raw) if head == GZIP_MAGIC else self._raw
        if path.endswith(".gz") and head != GZIP_MAGIC and head:
            self.close()
            raise InputError("named .gz but not gzip-compressed")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self) -> None:
        if self._raw is not sys.stdin.buffer:
            self._raw.close()

    def size(self) -> int:
        try:
            return os.fstat(self._raw.fileno()).st_size if self.path != "-" else 0
        except (OSError, ValueError):
            return 0

    def tell(self) -> int:
        """Bytes of the file on disk read so far (for progress)."""
        try:
            return self._raw.tell()
        except (OSError, ValueError):
            return 0

    def head(self, size: int) -> bytes:
        """Up to ``size`` leading bytes (decompressed); a gzip stream that ends early still gives what
        it has (reading the lines will report the truncation), or an ``InputError`` when it has none."""
        out = b""
        try:
            while len(out) < size:
                chunk = self._stream.read(min(512, size - len(out)))
                if not chunk:
                    break
                out += chunk
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            if not out:
                raise InputError("truncated gzip file (the compressed data ends early)" if isinstance(
                    exc, EOFError) else f"corrupt gzip data ({exc})") from None
        return out

    def _readline(self, limit: int) -> bytes:
        try:
            return self._stream.readline(limit)
        except EOFError:
            raise InputError("truncated gzip file (the compressed data ends early)") from None
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise InputError(f"corrupt gzip data ({exc})") from None

    def lines(self, on_error: Callable[[int, str], None], keepends: bool = False) -> Iterator[tuple[int, str]]:
        limit = LIMITS.max_bytes
        n = 0
        while True:
            raw = self._readline(limit + 1)
            if not raw:
                return
            n += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while True:  # skip the rest of the long line without holding it
                    rest = self._readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
                on_error(n, too_long_line(limit))
                continue
            text = line_text(raw, n, on_error)
            if text is not None:
                yield n, text if keepends else text.rstrip("\r\n")


def too_long_line(limit: int) -> str:
    return f"line larger than the {_mb(limit)} input limit (raise it with --max-input-mb)"


def line_text(raw: bytes, n: int, on_error: Callable[[int, str], None]) -> str | None:
    """Line ``n`` of a file decoded (strict UTF-8, the byte order mark of line 1 dropped), or None after
    ``on_error`` when it is not UTF-8."""
    if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        on_error(n, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})")
        return None


# -- JSON ------------------------------------------------------------------------------------------

def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def json_depth_exceeds(obj, limit: int = MAX_DEPTH) -> bool:
    level, depth = [obj], 0
    while level:
        depth += 1
        if depth > limit:
            return True
        nxt: list = []
        for o in level:
            if type(o) is dict:
                nxt += [v for v in o.values() if type(v) is dict or type(v) is list]
            elif type(o) is list:
                nxt += [x for x in o if type(x) is dict or type(x) is list]
        level = nxt
    return False


_OPEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]')


def _depth_line(text: str, limit: int) -> int | None:
    """The line where ``text`` first nests deeper than ``limit`` (only on the error path)."""
    depth = 0
    for m in _OPEN.finditer(text):
        c = m.group()[0]
        if c in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, m.start()) + 1
        elif c in "]}":
            depth -= 1
    return None


_LONG_INT = re.compile(r"(?<![\d.eE])-?\d{4000,}")


_DECODER = None


def _decoder():
    """One ``JSONDecoder`` for every call (``json.loads`` with an option builds a new one, and its
    scanner, each time: ~2 % of an audit that parses every log line)."""
    global _DECODER
    if _DECODER is None:
        import json

        _DECODER = json.JSONDecoder(parse_constant=_reject_constant)
    return _DECODER


def json_message(exc) -> str:
    """A ``json.JSONDecodeError`` as one line without its position's line (the caller puts that first):
    "invalid JSON: Expecting ',' delimiter (column 5)"; json's messages that end in "starting at" name
    the place ("Unterminated string starting at column 13")."""
    where = f" column {exc.colno}" if exc.msg.endswith(" at") else f" (column {exc.colno})"
    return f"invalid JSON: {exc.msg}{where}"


def loads_json(text: str | bytes, line: int | None = None):
    """``json.loads`` that never recurses past ``MAX_DEPTH``, rejects NaN/Infinity and numbers too
    long for Python, and raises ``InputError`` (with the line inside ``text``, offset by ``line``)."""
    import json

    base = (line or 1) - 1
    try:
        if isinstance(text, (bytes, bytearray)):  # as json.loads does, on one shared decoder
            obj = _decoder().decode(text.decode(json.detect_encoding(text), "surrogatepass"))
        elif isinstance(text, str) and not text.startswith("\ufeff"):
            obj = _decoder().decode(text)
        else:  # json.loads' own error for a BOM or a non-text value
            obj = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(json_message(exc), line=base + exc.lineno) from None
    except RecursionError:
        obj = None
        deep = True
    except ValueError as exc:  # int() past sys.get_int_max_str_digits, or NaN/Infinity
        s = text if isinstance(text, str) else text.decode("utf-8", "replace")
        m = _LONG_INT.search(s)
        where = base + s.count("\n", 0, m.start()) + 1 if m else line
        msg = str(exc) if "JSON" in str(exc) else "a number with more than 4,300 digits"
        raise InputError(f"invalid JSON: {msg}", line=where) from None
    else:
        deep = False
        if isinstance(obj, (dict, list)):
            s = text if isinstance(text, str) else None
            opens = s.count("[") + s.count("{") if s is not None else text.count(b"[") + text.count(b"{")
            deep = opens > MAX_DEPTH and json_depth_exceeds(obj)
    if deep:
        s = text if isinstance(text, str) else text.decode("utf-8", "replace")
        at = _depth_line(s, MAX_DEPTH)
        raise InputError(f"JSON nested more than {MAX_DEPTH} levels deep",
                         line=base + at if at else line) from None
    return obj


def try_json(text: str):
    """The parsed value of ``text`` or ``None`` when it is not (safely parseable) JSON."""
    try:
        return loads_json(text)
    except InputError:
        return None


# -- YAML ------------------------------------------------------------------------------------------

def _yaml_loader():
    import base64
    import binascii

    import yaml
    from yaml.composer import ComposerError
    from yaml.constructor import ConstructorError
    from yaml.events import AliasEvent

    class GuardedLoader(yaml.SafeLoader):
        """SafeLoader that stops at ``MAX_DEPTH`` nesting and ``MAX_YAML_ALIASES`` aliases, keeps
        dates as the text written, and turns ``!!binary`` into text (only JSON types come out)."""

        def __init__(self, stream):
            super().__init__(stream)
            self._depth = 0
            self._aliases = 0

        def compose_node(self, parent, index):
            if self.check_event(AliasEvent):
                self._aliases += 1
                if self._aliases > MAX_YAML_ALIASES:
                    raise ComposerError(None, None, f"more than {MAX_YAML_ALIASES} aliases",
                                        self.peek_event().start_mark)
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                        self.peek_event().start_mark)
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    def timestamp_as_text(loader, node):
        return loader.construct_scalar(node)

    def binary_as_text(loader, node):
        try:
            return base64.decodebytes(loader.construct_scalar(node).encode("ascii")).decode("utf-8")
        except (binascii.Error, UnicodeError) as exc:
            raise ConstructorError(None, None, f"!!binary value that is not UTF-8 text ({exc})",
                                   node.start_mark) from None

    GuardedLoader.add_constructor("tag:yaml.org,2002:timestamp", timestamp_as_text)
    GuardedLoader.add_constructor("tag:yaml.org,2002:binary", binary_as_text)
    return GuardedLoader


_LOADER = None


def _expanded(root) -> tuple[int, int] | None:
    """(values, depth) of the node graph with every alias expanded (aliases share the anchored node
    object); None for a recursive alias (a cycle).  Iterative: the graph may be deep once expanded."""
    from yaml.nodes import MappingNode, SequenceNode

    def kids(node):
        if isinstance(node, SequenceNode):
            return node.value
        if isinstance(node, MappingNode):
            return [x for kv in node.value for x in kv]
        return ()

    done: dict[int, tuple[int, int]] = {}
    open_: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, finish = stack.pop()
        key = id(node)
        if finish:
            sub = [done[id(k)] for k in kids(node)]
            done[key] = (1 + sum(s for s, _ in sub), 1 + max((d for _, d in sub), default=0))
            open_.discard(key)
            continue
        if key in done:
            continue
        if key in open_:
            return None
        open_.add(key)
        stack.append((node, True))
        for k in kids(node):
            if id(k) in open_:
                return None
            if id(k) not in done:
                stack.append((k, False))
    return done[id(root)]


def compose_yaml(text: str):
    """The YAML node graph of ``text`` (one document), within the depth, alias and expansion limits;
    raises ``InputError`` with the line."""
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = _yaml_loader()
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise yaml_input_error(exc) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    _check_shape(node)
    return node


def compose_yaml_all(text: str) -> list:
    """The node graph of every document of a multi-document YAML stream (``---`` separated), each
    within the same limits as ``compose_yaml``."""
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = _yaml_loader()
    loader = _LOADER(text)
    docs = []
    try:
        while loader.check_node():
            docs.append(loader.get_node())
    except yaml.YAMLError as exc:
        raise yaml_input_error(exc) from None
    finally:
        loader.dispose()
    for node in docs:
        if node is not None:
            _check_shape(node)
    return docs


def _check_shape(node) -> None:
    shape = _expanded(node)
    line = node.start_mark.line + 1
    if shape is None:
        raise InputError("recursive YAML alias (a value that contains itself)", line=line)
    if shape[0] > MAX_YAML_NODES:
        raise InputError(f"YAML expands to more than {MAX_YAML_NODES:,} values through aliases", line=line)
    if shape[1] > MAX_DEPTH:
        raise InputError(f"YAML nested more than {MAX_DEPTH} levels deep (aliases expanded)", line=line)


def construct_yaml(node):
    import yaml

    if node is None:
        return None
    loader = _LOADER("")
    try:
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise yaml_input_error(exc) from None
    finally:
        loader.dispose()


def load_yaml(text: str):
    return construct_yaml(compose_yaml(text))


def yaml_input_error(exc) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
    return InputError(f"invalid YAML: {problem}", line=mark.line + 1 if mark is not None else None)
