"""Compute first-variable tokens for hand labels: my own ast reading + tiktoken o200k (independent of pcache)."""
import ast, json, os, string, sys, textwrap

import tiktoken
enc = tiktoken.get_encoding("o200k_base")
ROOT = os.environ.get("BLIND_ROOT", "/tmp/blind/")

def node_at(tree, line, col=None):
    best = None
    for n in ast.walk(tree):
        if isinstance(n, (ast.Constant, ast.JoinedStr, ast.BinOp)) and n.lineno == line and (col is None or n.col_offset == col):
            if isinstance(n, ast.Constant) and not isinstance(n.value, str): continue
            if best is None or (n.end_lineno, n.end_col_offset) > (best.end_lineno, best.end_col_offset) or \
               (n.col_offset < best.col_offset):
                best = n
    return best

def pieces(n):
    """List of ('s', text) / ('v', expr) in order."""
    if isinstance(n, ast.Constant): return [("s", n.value)]
    if isinstance(n, ast.JoinedStr):
        return [("s", v.value) if isinstance(v, ast.Constant) else ("v", ast.unparse(v.value)) for v in n.values]
    if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add):
        return pieces(n.left) + pieces(n.right)
    return [("v", ast.unparse(n))]

def prefix(ps, fmt):
    out = ""
    for k, t in ps:
        if k == "v": return out, True
        if fmt:
            for lit, field, spec, conv in string.Formatter().parse(t):
                out += lit
                if field is not None: return out, True
        else:
            out += t
    return out, False

def label(file, line, fmt=False, doc=False, transform=None, col=None, marker=None, inline=None):
    """Tokens before the first variable of the string written at ``file:line``.  ``fmt``: str.format
    fields are variables; ``marker``: the first occurrence of this text starts the first variable
    (``{{task}}`` placeholders filled by ``str.replace``); ``inline``: f-string fields that are module
    constants, replaced by their value (static text, not a variable)."""
    src = open(ROOT + file, encoding="utf-8").read()
    tree = ast.parse(src)
    if doc:
        for n in ast.walk(tree):
            if isinstance(n, ast.ClassDef) and n.lineno == line: return None
    n = node_at(tree, line, col)
    assert n is not None, (file, line)
    ps = pieces(n)
    if inline:
        ps = [("s", inline[t]) if k == "v" and t in inline else (k, t) for k, t in ps]
    if marker:
        text = ""
        for k, t in ps:
            if k == "v":
                return len(enc.encode(text))
            if marker in t:
                return len(enc.encode(text + t[:t.index(marker)]))
            text += t
        return None
    if transform == "dedent":
        # dedent on the whole text with variables as markers
        ps = [("s", textwrap.dedent("".join(t if k == "s" else "\0" for k, t in ps)))]
        text = ps[0][1]
        if "\0" in text: return len(enc.encode(text[:text.index("\0")]))
    if transform == "strip":
        if ps and ps[0][0] == "s": ps[0] = ("s", ps[0][1].lstrip())
    pre, has = prefix(ps, fmt)
    return len(enc.encode(pre)) if has else None

if __name__ == "__main__":
    print(label(*sys.argv[1:3]))
