"""Function tools rendered as harmony's TypeScript namespace, checked against harmony's own test data.

Golden: ``fixtures/harmony/test_render_functions_with_parameters.txt``, the rendering openai/harmony's test
suite expects (Apache-2.0, see fixtures/SOURCES.md) for the tools below (schemas copied from its
``src/tests.rs``).  The kitchensink tool's ``nullable`` and ``oneOf`` properties are left out: no recorded
request uses them and pcache does not render them harmony's way.
"""

from __future__ import annotations

from pathlib import Path

from pcache.analyzers.framing import function_definitions

HARMONY = (Path(__file__).parent / "fixtures" / "harmony" / "test_render_functions_with_parameters.txt").read_text(
    encoding="utf-8")

WEATHER = [
    {"name": "get_location", "description": "Gets the location of the user."},
    {"name": "get_current_weather", "description": "Gets the current weather in the provided location.",
     "parameters": {"type": "object", "properties": {
         "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
         "format": {"type": "string", "enum": ["celsius", "fahrenheit"], "default": "celsius"}},
         "required": ["location"]}},
    {"name": "get_multiple_weathers", "description": "Gets the current weather in the provided list of locations.",
     "parameters": {"type": "object", "properties": {
         "locations": {"type": "array", "items": {"type": "string"},
                       "description": "List of city and state, e.g. [\"San Francisco, CA\", \"New York, NY\"]"},
         "format": {"type": "string", "enum": ["celsius", "fahrenheit"], "default": "celsius"}},
         "required": ["locations"]}},
]


def test_namespace_block_matches_harmony():
    """No parameters, required/optional keys, enums with a default, arrays, descriptions as comments."""
    rendered = function_definitions(WEATHER)
    head = rendered.rsplit("\n} // namespace functions", 1)[0]
    assert head in HARMONY
    assert HARMONY.index("## functions\n\n") + len("## functions\n\n") == HARMONY.index(head)


def test_object_description_title_and_examples_match_harmony():
    """A parameters object's own description (``(_: // params object``), a property's title then ``//``
    then its description, and its examples, as harmony writes them."""
    kitchensink = {"name": "kitchensink", "description": "A function with various complex schemas.",
                   "parameters": {"description": "params object", "type": "object", "properties": {
                       "string": {"type": "string", "title": "STRING", "description": "A string",
                                  "examples": ["hello", "world"]}}}}
    rendered = function_definitions([kitchensink])
    block = rendered.split("namespace functions {\n\n", 1)[1].split("}) => any;", 1)[0]
    assert block in HARMONY
    assert "type kitchensink = (_: // params object\n{\n// STRING\n//\n// A string\n" in block
