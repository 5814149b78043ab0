"""Prompts in Python source files, found with ``ast`` (the file is never imported or run).

A string is a prompt when it reaches a model by its **use** or says so by its **name**
(README, "What counts as a prompt in code"):

- use: the ``content`` of a ``{"role": ..., "content": ...}`` dict (the role is kept); a
  ``system=``, ``system_prompt=``, ``instructions=``, ``prompt=``, ``template=`` or other
  prompt-named keyword (``prompt_names.says_prompt``); the text of ``("system", "...")`` message
  tuples and of ``SystemMessage(...)``/``HumanMessage(...)``/``ChatMessage.from_system(...)``;
  the template given to ``PromptTemplate(...)``, ``ChatPromptTemplate.from_template(...)``,
  ``Template(...)``, ``Environment().from_string(...)``; a module or class constant that the file
  formats (``PROMPT.format(...)``, ``PROMPT % args``) or passes to one of those uses;
- name: a module-level, class-level or function-level assignment whose target says prompt
  (``SYSTEM_PROMPT``, ``main_system``, ``system_reminder``, ``self.system_prompt``), and what a
  function whose name says prompt returns (``def build_system_prompt(): return f"..."``).

Never a docstring, nor a string inside a logging, ``print``, ``warnings.warn``, ``raise`` or
``assert`` (and a constant whose only uses in its file are those), nor SQL, nor a string under the
size rule (``prompt_names.has_prompt_size``: fewer than two words of prose).

Each prompt is named ``file.py:Qualified.name`` and keeps ``container`` = ``Qualified.name``.
"""
