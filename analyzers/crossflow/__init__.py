"""Where a template is filled in ANOTHER file of the project, and what fills each variable (issue 12).

A template is often a constant of ``prompts.py`` and filled in ``agent.py``
(``SYSTEM_PROMPT.format(today=datetime.now().strftime("%Y-%m-%d"))``), or a function that returns an
f-string / JS template literal and is called elsewhere (``getSystemPrompt(process.cwd())``).  The file
that defines the template says nothing of how often its values change; the file that fills it does.

``ProjectIndex(paths)`` is built once per scan from the code files the walk read (never beyond them):
which files mention which identifiers (one pass over the texts, linear in the corpus), and each file's
syntax tree parsed at most once, on demand, only when it mentions a template's name.  ``project_class``
then finds, for one variable:

* a **fill site** of a template constant ``T`` (Python): ``T.format(k=v)``, ``T.format(**{"k": v})``,
  ``T.format_map({...})``, ``T % {"k": v}``, ``Template(T).render(k=v)``,
  ``env.from_string(T).render({...})``, ``PromptTemplate(template=T, ...)`` /
  ``PromptTemplate.from_template(T)`` then ``.format(k=v)`` / ``.invoke({"k": v})`` (also through a
  ``prompt | llm`` chain bound in the same function), and a helper called with the template and the
  keyword (``render_prompt(T, k=v)``).  ``T`` is linked to the template by an import from the
  template's module (``from .prompts import T [as U]``, ``from . import prompts`` then ``prompts.T``),
  or is the template's own file;
* a **call site** of the function that builds the prompt, when the variable is one of its parameters:
  the argument at the parameter's position or keyword (Python), at its position or, for a destructured
  ``{ cwd }`` parameter, under its key in an object argument (JS/TS, ``crossflow_js``);

and classifies the filling expression with the same-file rules of ``dataflow`` (clocks, ids, the user's
machine, settings objects, literals, one level of local binding, the parameter's name).  A value that
is a parameter of the filling function is followed once more to that function's callers (two levels in
all, never further).  Several sites: the most volatile decides.  ``None`` when no site is found.
"""
