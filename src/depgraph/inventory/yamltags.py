"""Explicit YAML tags: the few depgraph reads as written, and the message for every other.

An inventory is plain data, so a tag (``!!str``, ``!!timestamp``, ``!custom``)
is either a no-op that says what the value already is or something no field
can take. The YAML reader (:mod:`depgraph.inventory.yamlsource`) asks here
at every tagged value: ``!!str``, ``!!int``, ``!!float``, ``!!bool`` and
``!!null`` on a scalar that reads as that type, and ``!!map``/``!!seq`` on
their own kind of collection, mean what they say; every other tag, and a
tagged value that does not read as its tag, gets one sentence in the user's
terms that names the tag as it is written and says what to do (remove it).
Keeping the rules apart from the event reader keeps that sentence in one
place and lets it be checked without parsing a document.

Example:

>>> scalar_tag_problem("tag:yaml.org,2002:bool", "yes")
>>> scalar_tag_problem("tag:yaml.org,2002:int", "ten")
"'!!int' tag on 'ten', which is not a whole number: remove the tag"
>>> scalar_tag_problem("tag:yaml.org,2002:timestamp", "2024-01-01")
"'!!timestamp' tag: no inventory field takes a date; remove the tag"
>>> collection_tag_problem("!things", "list")
"'!things' tag on a list: depgraph reads plain lists; remove the tag"
"""

from __future__ import annotations

from typing import Literal

import yaml

from depgraph.quoting import quoted

__all__ = ["MERGE_TAG", "STR_TAG", "collection_tag_problem", "scalar_tag_problem", "tag_name"]

_YAML_TAG = "tag:yaml.org,2002:"
MERGE_TAG = _YAML_TAG + "merge"
"""The tag YAML resolves the merge key ``<<`` to."""
STR_TAG = _YAML_TAG + "str"
"""The tag of text: a scalar with it is kept as written."""
_SCALAR_TAGS = {
    _YAML_TAG + kind: words
    for kind, words in (("int", "a whole number"), ("float", "a number"),
                        ("bool", "true or false"), ("null", "null"))
}
"""The explicit scalar tags that mean what a field may need, with what their text must be."""
_COLLECTION_TAGS = {"mapping": _YAML_TAG + "map", "list": _YAML_TAG + "seq"}
_UNUSED_TAGS = {"timestamp": "a date", "binary": "binary data", "set": "a set",
                "omap": "ordered pairs", "pairs": "ordered pairs", "merge": "a merge key",
                "value": "a default value", "yaml": "YAML itself"}
_RESOLVER = yaml.resolver.Resolver()
"""Resolves the type a plain scalar's text reads as (it keeps no state between calls)."""


def tag_name(tag: str) -> str:
    """A tag as a person writes it: ``!!bool`` for the YAML types, else as given.

    >>> tag_name("tag:yaml.org,2002:bool"), tag_name("!custom")
    ('!!bool', '!custom')
    """
    return "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag


def scalar_tag_problem(tag: str, text: str) -> str | None:
    """Why an explicit ``tag`` on a scalar written as ``text`` cannot be read, if it cannot."""
    name = quoted(tag_name(tag))
    words = _SCALAR_TAGS.get(tag)
    if words is None:
        what = _UNUSED_TAGS.get(tag[len(_YAML_TAG):]) if tag.startswith(_YAML_TAG) else None
        if what is None:
            return f"unknown tag {name}: depgraph reads plain values; remove the tag"
        return f"{name} tag: no inventory field takes {what}; remove the tag"
    implicit = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if implicit == tag or (words == "a number" and implicit == _YAML_TAG + "int"):
        return None
    return f"{name} tag on {quoted(text)}, which is not {words}: remove the tag"


def collection_tag_problem(tag: str | None, kind: Literal["mapping", "list"]) -> str | None:
    """Why a ``tag`` on a mapping or list cannot be read, if it cannot (no tag, ``!`` and its own can)."""
    if tag is None or tag in ("!", _COLLECTION_TAGS[kind]):
        return None
    return f"{quoted(tag_name(tag))} tag on a {kind}: depgraph reads plain {kind}s; remove the tag"
