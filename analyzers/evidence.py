"""Rule ids of the volatility classifier's evidence (issue #12): which piece of evidence decided a class.

``volatility.classify`` returns a ``Volatility`` whose ``rule`` names the stage of ``classify`` and, inside
the code readers (``dataflow``, ``crossflow``, ``crossflow_js``, ``constants``, ``flow_state``), the sub-rule
that produced the class: ``<stage>:<sub-rule>``.  A modifier that changed the class after that (the one-shot
boundary, the machine of a service, a clock frozen at import, an agent definition's goal, an item of a
Jinja loop) is written before it with ``/``: ``boundary.one-shot/flow:py.loop-bound``.  The first part
is the evidence that set the class; the rest is what it was made from.

The code readers return ``(class, why[, flowed])`` tuples that are combined and re-wrapped as a value is
followed; ``ev(rule, ...)`` makes one that carries its rule id, ``carry(got, ...)`` re-wraps one and keeps
the rule of ``got`` (the sub-rule that first decided the class, not the wrapper that passed it on).

``DISABLED`` and ``FIRED`` are for ``benchmarks/rule_precision.py`` only (ablation: a disabled rule gives no
evidence, and the next evidence decides; and which rules were reached at all).  Nothing else sets them:
user runs leave ``DISABLED`` empty and ``FIRED`` None.  Every rule id is in ``RULES``
(tests/test_volatility_rule_ids.py checks that the code and this table name the same ids).
"""

from __future__ import annotations

DISABLED: set[str] = set()
FIRED: set[str] | None = None


class Ev(tuple):
    """A ``(class, why[, flowed])`` tuple that knows the rule that made it."""

    rule: str = ""


def ev(rule: str, *items) -> Ev | None:
    """The tuple ``items`` made by ``rule``; None (no evidence) when the benchmark disabled the rule."""
    if FIRED is not None:
        FIRED.add(rule)
    if rule in DISABLED:
        return None
    out = Ev(items)
    out.rule = rule
    return out


def carry(got, *items) -> Ev:
    """``items`` re-wrapping ``got`` (a tuple or a ``Volatility``): the rule stays ``got``'s."""
    out = Ev(items)
    out.rule = rule_of(got)
    return out


def rule_of(got) -> str:
    return getattr(got, "rule", "") or ""


def enabled(rule: str) -> bool:
    """A modifier of ``classify`` (a stage that changes a class already found) may apply."""
    if FIRED is not None:
        FIRED.add(rule)
    return rule not in DISABLED


def decisive(rule: str) -> str:
    """The part of a rule id that set the class: ``boundary.one-shot/flow:py.loop-bound`` -> ``boundary.one-shot``."""
    return rule.split("/", 1)[0]


def parts(rule: str) -> list[str]:
    """Every rule an id names, decisive first; a stage's sub-rule also alone (``flow:py.loop-bound`` gives
    ``flow:py.loop-bound`` and ``py.loop-bound``, the sub-rule reached through any stage)."""
    out = []
    for p in rule.split("/"):
        out.append(p)
        if ":" in p:
            out.append(p.split(":", 1)[1])
    return out


# Every rule id, and what it says.  A stage of ``classify`` is ``stage.sub``; a sub-rule of the code readers
# is ``py.*`` / ``js.*`` / ``fill.*`` / ``const.*`` / ``state.*`` / ``expr.*`` / ``name.*`` (reached through
# a stage: ``flow:``, ``project:``, ``const:``, ``tool:``).
RULES = {
    # classify's stages, in order
    "setting.source": "the source declares the class",
    "setting.inline": "an inline `pcache: volatility[...]` comment",
    "setting.config": "[tool.pcache.variables] glob",
    "jinja.else": "an {% else %}: the class of the condition that opened it",
    "jinja.loop-item": "an item of what an enclosing {% for %} walks (items of a fixed list: per-config)",
    "expr.import-frozen": "a clock read once at import: fixed for the life of the process",
    "expr.object-frozen": "a clock in an f-string rendered once for an object that keeps it: one value per object",
    "expr.clock-time": "a clock formatted with a time of day",
    "struct.turn-input": "a name that also fills a chat template's last human message after its history placeholder",
    "struct.rerendered-system": "a value computed for each message, filled into a chat template's system message "
                                "in the call that sends the history after it",
    "state.session-once": "a session-state key of an agent's instruction that the code writes only when absent: "
                          "once per session",
    "expr.clock-date": "a clock formatted as a date",
    "expr.clock-day": "a clock cut to its date (a day method, an ISO date cut)",
    "expr.clock-date-part": "a JS Date cut to a date part (getFullYear, getMonth, getDate, getDay)",
    "expr.clock": "a clock read to the second or finer",
    "expr.random": "a random value or new id at every render",
    "expr.user-call": "a call reading the user's machine, cwd, locale or location",
    "expr.run-input": "what the person running the program types or passes on the command line",
    "expr.config-load": "a configuration file's loader",
    "expr.env-user": "an environment variable of the user's session",
    "expr.env-config": "any other environment variable: the deployment's",
    "machine.service": "a value of the process's machine in a service: the deployment's (per-config)",
    "code.constant-case": "a CONSTANT_CASE name of the code",
    "code.bound-literal": "a name bound once to a string literal in the same file",
    "goal.definition": "a goal next to the fields of an agent's definition",
    "literal.volatile": "a volatile literal (date, time, id, address) in the expression",
    "name.limit": "a limit or count word (max_*, n_*)",
    "name.switch": "a boolean switch (use_*, *_enabled)",
    "name.previous": "previous_* / prior_*: what the previous step left",
    "name.compound": "a whole name of the name table (username, session_id, ...)",
    "name.prompt-block": "*_prompt named for what it is: a block of the instructions",
    "name.attribute-owner": "an attribute word (name, id, ...) decided by its owner word",
    "name.word": "a word of the name table, last word first",
    "name.goal-system": "an ambiguous goal in a system prompt: the agent's definition",
    "name.goal-fields": "an ambiguous goal next to an agent definition's fields",
    "name.goal-objective": "an ambiguous goal with no definition around it: the run's objective",
    "samples.literal": "probe --vars sample values that are volatile literals",
    "samples.constant": "probe --vars samples all the same",
    "samples.varied": "probe --vars samples that differ",
    "default.unknown": "no evidence",
    "boundary.one-shot": "a per-turn value sent in a one-shot call: the input of that request",
    "turn.completion-prompt": "a text passed as prompt= to a text-completion call (llm.completion(prompt=...)): the whole request",
    "turn.role-adder": "a text added by thread.add_user(...) (a role-named adder on a kept conversation): a turn of it",
    "boundary.appended-message": "a per-turn value in a message the loop appends after the earlier ones: "
                                 "the input of that request",
    # sub-rules of the code readers (dataflow / crossflow / crossflow_js / constants / flow_state); an
    # expression rule (``expr.*``) or a name rule is also reached through them
    "settings.option": "an option of a call's options object whose key the name table classes as moving",
    "settings.user": "the user's section of the settings",
    "settings.read": "a read from settings (a config object, a key path)",
    "code.constant-name": "a CONSTANT_CASE name the code follows no further: a constant by the naming convention",
    "code.constant-choice": "a choice between named constants of the code (a ternary of two constants)",
    "code.text-choice": "a name bound only to blocks of text written in place (or none): a choice between fixed texts",
    "code.literal-choice": "a name bound only to literals under `if` tests: the class of the condition that chooses",
    "code.by-name": "a name the code follows no further: the name table",
    "param.default": "a parameter with a default: a knob left at it unless a caller sets it",
    "param.per-call": "a parameter of the function that builds the prompt: supplied by each call",
    "param.field-by-name": "a field of an object that is only a parameter: by the field's name",
    "request.settings": "settings carried by the request",
    "request.body": "read from the request being served",
    "py.literal": "a literal",
    "py.literal-text": "parts all literal text",
    "py.known-at-call": "a name whose value the call fixes (a literal argument)",
    "py.loop-bound": "bound anew at every pass of a loop",
    "py.loop-rebound": "re-assigned inside the loop that renders it",
    "py.read-write-state": "state a function reads for the prompt and writes back",
    "py.import-frozen": "a value computed once at import (a clock): fixed for the process",
    "py.conversation-position": "a message at a fixed place from the start of the conversation: the request that opened it",
    "py.reordered": "reordered in place at every render",
    "js.literal": "a literal (JS/TS)",
    "js.data-import": "imported from a data file the project ships",
    "js.text-import": "the text of a file the project ships",
    "js.imported-literal": "imported from a module that binds it once to text written whole",
    "js.bool-param": "a boolean parameter: a switch",
    "js.fixed-list-item": "an item of a literal list (JS/TS): fixed per item",
    "js.loop-bound": "bound anew at every pass of a loop (JS/TS)",
    "js.loop-counter": "the counter of the for loop the prompt is rendered in (for (let i = 1; ...; i++))",
    "js.grown-history": "an item of a collection the object grows in another method: the history rendered",
    "js.from-conversation": "computed from the conversation each call carries",
    "js.loop-rebound": "re-assigned inside the loop (JS/TS)",
    "js.defaulted": "a parameter left to a fixed default",
    "js.conversation-position": "a message at a fixed place from the start of the conversation (JS/TS): its opening request",
    "js.unset-option": "an optional field that no file of the scan sets",
    "fill.loop-grown": "an argument grown at every iteration of the caller's loop",
    "fill.from-conversation": "computed from the conversation given to the function",
    "fill.looped-argument": "computed from an argument bound in the caller's loop",
    "fill.per-call-site": "each call passes its own literal: fixed per call site",
    "fill.reply-rewrites": "re-assigned from the answer to the call that sends the prompt (value_origin)",
    "state.loop-grown": "an attribute that starts empty and an iterating loop adds to (value_origin)",
    "js.shipped-file": "the text of a file read at a path the project holds (value_origin)",
    "const.module": "bound once to text in a module of the project",
    "const.class": "set once to text in a class body",
    "const.only-binding": "bound once to text, its only binding in the scan",
    "const.js-imported": "imported from a module where it is bound once to a literal",
    "state.keyed-per-call": "each call passes its own literal under the key",
    "state.counter": "an attribute stepped by the code: a counter",
    "state.empty": "an attribute that starts empty and nothing adds to",
    "state.per-class": "each class sets its own literal (Python, JS/TS)",
    "state.field-default": "a field with a default, set per instance",
    "state.constructed": "self.x set only when the object is made (a field with no default, __init__): per-config, when nothing else decides",
    "fill.data-file-key": "a placeholder of a template in a data file that the same file sets under its name: per-config, when nothing else decides",
    "state.constructed-optional": "an object's own field declared with the default None that no code of the scan assigns: per-config",
    "state.set-once": "an attribute set once to a literal (Python, JS/TS)",
    "state.model-reply": "an attribute rewritten from the model's reply",
    "state.made-once": "a clock read in a constructor: once per object (per conversation)",
    "state.tool-store": "reads a store that a tool of the agent rewrites",
    "state.tool-argument": "an argument the model chose for a tool",
}
