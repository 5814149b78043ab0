"""The label helper of the sixth to eighth blind JS/TS runs: the text of a JS string or template
literal before its first `${`, as Node evaluates it (independent of pcache: the literal's source is
cut from the file by a scan for its closing quote and handed to `node -e`).
Usage: python literal_prefix.py FILE LINE [NEEDLE]   (the first literal starting on/after LINE, after
NEEDLE on that line); prints {"line", "has_var", "prefix"}.  Labels then replace `${CONST}` of a
constant by its text by hand, as their docstrings say."""
import json
import subprocess
import sys


def literal(path, line, needle=None):
    """(raw source up to the first `${` or the end, has_var, literal's line, quote, whole raw body)."""
    src = open(path, encoding="utf-8").read()
    pos = sum(len(x) + 1 for x in src.split("\n")[:line - 1])
    if needle:
        pos = src.index(needle, pos) + len(needle)
    while src[pos] not in "`'\"":
        pos += 1
    q, i, first = src[pos], pos + 1, None
    while True:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == q:
            break
        if q == "`" and src.startswith("${", i) and first is None:
            first, depth, j = i, 0, i + 1
            while True:  # skip to the brace closing the substitution
                depth += {"{": 1, "}": -1}.get(src[j], 0)
                if depth == 0 and src[j] == "}":
                    break
                j += 1
            i = j + 1
            continue
        i += 1
    end = first if first is not None else i
    return src[pos + 1:end], first is not None, src[:pos].count("\n") + 1, q, src[pos + 1:i]


def cook(raw, q="`"):
    """The string Node makes of a literal's source text."""
    js = "process.stdout.write(JSON.stringify(" + q + raw + q + "))"
    return json.loads(subprocess.run(["node", "-e", js], capture_output=True, text=True, check=True).stdout)


if __name__ == "__main__":
    raw, has_var, at, q, _ = literal(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
    print(json.dumps({"line": at, "has_var": has_var, "prefix": cook(raw, q) if has_var else None},
                     ensure_ascii=False))
