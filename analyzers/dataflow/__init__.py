"""Where a template variable's value comes from, read from the source file that fills it (issue 12).

When a prompt's variable is filled in the same file, the code that produces the value says how often it
changes better than the variable's name does.  ``flow_class(segment, prompt)`` reads the file (Python
with ``ast``, JavaScript/TypeScript with the tree-sitter grammars the JS source already uses; nothing is
run) and classifies the value's expression:

* a Python f-string ``{x}`` or JS ``${x}``: ``x`` as written, and the value ``x`` is bound to in the
  enclosing function (or module): ``date_str = datetime.now().strftime("%Y-%m-%d")``,
  ``const folder = `${uri.fsPath} ...```;
* a Python ``str.format`` / Jinja / ``string.Template`` template filled by a call on the template's
  name in the same file: ``PROMPT.format(user=getpass.getuser())``, ``Template(T).render(cwd=os.getcwd())``,
  ``T.format(**{"date": ...})``; the keyword's value, then one level of local assignment.

A value is classified, in this order, by what it computes (``expression_class``: clocks, random ids,
the user's machine, environment variables); a string or number literal is ``constant``; an attribute,
subscript or call on a settings object (``self.config.x``, ``settings.X``, ``cfg.get("k")``) is
``per-config``; a name is followed once to its binding (one level, never further); a name that is a
parameter of the enclosing function is what the parameter's name says, else ``per-request`` (each
call supplies it); any other name or chain is what its name says.  Operators, f-string parts,
conditionals and method calls combine their parts: the most volatile part decides, and a value is
``constant`` only when every part is.  ``None`` when the file says nothing (the caller falls back to
the literal and name rules).
"""
