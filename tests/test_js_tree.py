"""The one JS/TS tree walk (analyzers/js_tree.py) the JS modules share: its three ways of walking."""

from pcache.analyzers.js_tree import FUNCTIONS, text, walk
from pcache.analyzers.sources.js.grammar import _grammar

SRC = b"function outer(a) { const inner = () => hidden; return a + later; }"


def _root():
    parser, _ = _grammar("js")
    return parser.parse(SRC).root_node


def _names(nodes):
    return [text(n) for n in nodes if n.type == "identifier"]


def test_in_order_visits_in_source_order_and_the_default_last_first():
    assert _names(walk(_root(), in_order=True)) == ["outer", "a", "inner", "hidden", "a", "later"]
    assert _names(walk(_root())) == ["later", "a", "hidden", "inner", "a", "outer"]


def test_stop_yields_a_nested_function_without_entering_it():
    body = _root().named_children[0].child_by_field_name("body")
    seen = list(walk(body, in_order=True, stop=FUNCTIONS))
    assert "arrow_function" in [n.type for n in seen]
    assert _names(seen) == ["inner", "a", "later"]  # not the arrow's "hidden"
    assert [n.type for n in walk(_root().named_children[0], stop=FUNCTIONS)] == ["function_declaration"]


def test_every_adds_the_anonymous_tokens():
    root = _root()
    named = list(walk(root))
    every = list(walk(root, every=True))
    assert all(n.is_named for n in named)
    assert {"(", ")", "{", "}", ";", "=>", "+"} <= {n.type for n in every if not n.is_named}
    assert sorted(n.id for n in every if n.is_named) == sorted(n.id for n in named)
