"""The page around a page's own parts, as `templates/base.html` lays it out, for pages built
in Python without a template of their own (family pages: 18,000 of them on ../shared/un-ga,
where jinja's rendering of a small template was a third of each page's cost).

The base template is rendered once per page root with a marker in each block, and the text
between the markers is kept: a page is then its parts put between those texts, the same bytes
as a template extending base.html with those blocks, with no second copy of the layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import jinja2

#: The blocks of base.html a page built in Python fills (the others keep base.html's text).
BLOCKS = ("title", "kind", "scripts", "crumbs", "main", "keys")
#: Marks where a block goes while the shell is made: a character no template holds.
_MARK = "\x00"
#: Distinct (environment, root, context) shells remembered: pages sit at one or two depths.
SHELL_CACHE = 16


@lru_cache(maxsize=SHELL_CACHE)
def _shell(
    env: jinja2.Environment, context: tuple[tuple[str, object], ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(texts, blocks): base.html's text split at its blocks, and the block between each
    two texts, in the order the page holds them."""
    source = '{% extends "base.html" %}' + "".join(
        f"{{% block {name} %}}{_MARK}{name}{_MARK}{{% endblock %}}" for name in BLOCKS
    )
    pieces = env.from_string(source).render(**dict(context)).split(_MARK)
    texts, names = tuple(pieces[0::2]), tuple(pieces[1::2])
    if sorted(names) != sorted(BLOCKS):
        raise AssertionError(f"base.html holds the blocks {names}, not {BLOCKS}")
    return texts, names


def framed(
    env: jinja2.Environment, context: Mapping[str, object], blocks: Mapping[str, str]
) -> str:
    """A page: `blocks` (escaped markup, by block name; a block left out is empty) in
    base.html rendered with `context`."""
    texts, names = _shell(env, tuple(sorted(context.items())))
    out = [texts[0]]
    for name, text in zip(names, texts[1:], strict=True):
        out += (blocks.get(name, ""), text)
    return "".join(out)
