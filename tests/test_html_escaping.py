"""The report's Python-built markup escapes as markupsafe (the templates' autoescape) does, as
plain str (`report.html.escaping`): the pages' bytes depend on it character for character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup
from markupsafe import escape as markup_escape

from lineage.report.html import escaping


@given(st.text())
def test_any_text_is_escaped_as_markupsafe_escapes_it(text: str) -> None:
    got = escaping.escape(text)
    assert type(got) is str
    assert got == str(markup_escape(text))


def test_each_special_character_has_markupsafes_replacement() -> None:
    """The five characters by the entities markupsafe writes (not html.escape's `&#x27;`,
    `&quot;`): a report built with either would differ byte for byte."""
    assert escaping.escape("""a&b<c>d'e"f""") == "a&amp;b&lt;c&gt;d&#39;e&#34;f"


def test_markup_and_other_values_are_treated_as_markupsafe_treats_them() -> None:
    assert escaping.escape(Markup("<b>kept</b>")) == "<b>kept</b>"
    assert escaping.escape(12) == "12"
    assert escaping.escape(None) == "None"


@given(st.text(alphabet=st.sampled_from("&<>'\"aé‘ \n")) | st.text())
def test_the_fallback_escapes_alike(text: str) -> None:
    """Where markupsafe has no C routine the replacements are the same."""
    assert escaping.replaced(text) == str(markup_escape(text))
