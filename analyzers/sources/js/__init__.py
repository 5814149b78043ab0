"""Prompts kept as string literals and template literals in JavaScript and TypeScript source
(``.js .mjs .cjs .jsx .ts .mts .cts .tsx``; compiled ``dist/*.js`` too), parsed with tree-sitter, never
run.

A literal is a prompt by the rule of ``prompt_names`` applied to where it sits:

* the value of a declaration, class field, object property or assignment whose name says prompt
  (``const SYSTEM_PROMPT = `...```, ``static systemPrompt = "..."``, ``{ system: "...",
  instructions: `...` }``, ``this.prompt = ...``);
* a chat message's ``content`` (an object with a ``role``; ``["system", "..."]`` pairs), an argument
  of a call whose name says prompt or message role (``new SystemMessage("...")``,
  ``PromptTemplate.fromTemplate("...")``);
* the value a function whose name says prompt returns (``getSystemPrompt() { return `...` }``);
* in a file whose path says prompts (``src/core/prompts/sections/rules.ts``, ``prompt.ts``): any
  returned literal, exported constant, or local that the function returns;

never UI text, log or error messages, SQL (their names and uses say nothing of prompts), and never
under the size rule.  ``${expr}`` is a variable segment (its text as written, ``expression`` the code
inside); ``+`` concatenations, ``[...].join(sep)``, ``.trim()`` and ``as``/``satisfies`` wrappers are
followed; other expressions inside a concatenation are variables too.  A literal without ``${}`` that
holds template syntax (``{topic}``, ``{{name}}``) is parsed as that template.  Each prompt is named
``FILE:Qualified.name`` (enclosing classes, functions, objects and calls, then its own name), with
``Prompt.container`` that name and ``Prompt.role`` when the name or message says it.
"""
