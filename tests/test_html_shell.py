"""Pages built in Python in base.html's layout (`report.html.shell`) are the bytes a template
extending base.html with the same blocks renders."""

from __future__ import annotations

import jinja2
import pytest

from lineage.report.html import _ENV, _base, shell

#: Blocks as a page would fill them, with markup, a sign to escape already escaped, and
#: newlines at their ends (the template's trim_blocks must not eat a block's own newline).
BLOCKS = {
    "title": "Family F&amp;1",
    "kind": "family",
    "scripts": '<script src="../static/legend.js" defer="defer"></script>\n',
    "crumbs": " › <span>Family F1</span>",
    "main": "<h1>Family F1</h1>\n<p>a &lt;b&gt;</p>\n",
    "keys": " Keys: <kbd>n</kbd>",
}


def _template(blocks: dict[str, str]) -> str:
    return '{% extends "base.html" %}' + "".join(
        f"{{% block {name} %}}{text}{{% endblock %}}" for name, text in blocks.items()
    )


@pytest.mark.parametrize("root", ["", "../"])
@pytest.mark.parametrize("left_out", [None, "scripts", "keys"])
def test_a_framed_page_is_what_base_html_renders(root: str, left_out: str | None) -> None:
    blocks = {k: v for k, v in BLOCKS.items() if k != left_out}
    expected = _ENV.from_string(_template(blocks)).render(**_base(root))
    assert shell.framed(_ENV, _base(root), blocks) == expected
    assert expected.count("<title>Family F&amp;1 · lineage</title>") == 1


def test_a_base_template_without_a_block_is_refused() -> None:
    """A base.html that lost a block the Python-built pages fill fails loudly, not with a
    page missing its content."""
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"base.html": "<title>{% block title %}{% endblock %}</title>"})
    )
    with pytest.raises(AssertionError, match="blocks"):
        shell.framed(env, {}, {"title": "x"})
