"""Independent candidate lister: every str literal / f-string with >= 6 words (or any with a prompt-ish
name target), outside docstrings, logs, print, raise; with enclosing qualified scope and target."""
import ast, sys, os, re
SINK = re.compile(r"(log|logger|logging|print|warn|echo|secho|Error|Exception|st\.\w+)$")
def words(s): return len(s.split())
def text_of(n):
    if isinstance(n, ast.Constant) and isinstance(n.value, str): return n.value
    if isinstance(n, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{%s}" % ast.unparse(v.value) for v in n.values)
    return None
def walk(path):
    src = open(path, encoding="utf-8", errors="replace").read()
    try: tree = ast.parse(src)
    except SyntaxError as e: print(f"#PARSE {path} {e}"); return
    parents = {}
    for p in ast.walk(tree):
        for c in ast.iter_child_nodes(p): parents[id(c)] = p
    docs = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body:
            f = n.body[0]
            if isinstance(f, ast.Expr) and isinstance(f.value, ast.Constant): docs.add(id(f.value))
    for n in ast.walk(tree):
        if id(n) in docs: continue
        t = text_of(n)
        if t is None: continue
        par = parents.get(id(n))
        if isinstance(par, ast.JoinedStr): continue
        if words(t) < 6: continue
        chain, cur, sink, ctx = [], par, False, None
        child = n
        while cur is not None:
            if isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)): chain.append(cur.name)
            if isinstance(cur, (ast.Raise, ast.Assert)): sink = True
            if isinstance(cur, ast.Call):
                fn = ast.unparse(cur.func)
                if SINK.search(fn) and not chain: sink = True
                if re.search(r'(^|\.)(info|debug|warning|error|exception|critical|print|echo|secho|set_description|add_argument|Field|HTTPException|JSONResponse)$', fn) and not chain: sink = True
                if ctx is None: ctx = "call " + fn[:40] + ("(kw %s)" % next((k.arg for k in cur.keywords if k.value is child), "")) 
            if isinstance(cur, (ast.Assign, ast.AnnAssign)) and ctx is None:
                tg = cur.targets[0] if isinstance(cur, ast.Assign) else cur.target
                ctx = "= " + ast.unparse(tg)[:50]
            if isinstance(cur, ast.Return) and ctx is None: ctx = "return"
            if isinstance(cur, ast.Dict) and ctx is None:
                for k, v in zip(cur.keys, cur.values):
                    if v is child and isinstance(k, ast.Constant): ctx = "dict[%r]" % k.value
            child, cur = cur, parents.get(id(cur))
        if sink: continue
        q = ".".join(reversed(chain))
        print(f"{path}:{n.lineno}\t{q}\t{ctx}\t{t[:90]!r}")
for root in sys.argv[1:]:
    for dp, dn, fn in os.walk(root):
        dn[:] = sorted(d for d in dn if d not in ("tests", "test", "docs", "examples", "__pycache__") and not d.startswith("."))
        for f in sorted(fn):
            if f.endswith(".py") and not f.startswith("test_"): walk(os.path.join(dp, f))
