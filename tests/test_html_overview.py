"""The overview's layout rules, without a browser: timeline packing, short titles, labels told
apart, the matrix's filter text and series groups (test_overview_browser.py checks them as
Chromium draws them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from conftest import SHARED
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.report.html import render_report
from lineage.report.html.model import SHORT_TITLE_CHARS, Lookup, kind_order, short_title
from lineage.report.html.overview import overview
from lineage.report.html.timeline import DOT, GUTTER, LABEL_GAP, WIDTH, _Item, _place, _width

TEXTS = Path(__file__).resolve().parent.parent / "texts"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

labels = st.text(alphabet="ARES/0123456789-", min_size=1, max_size=40)


@given(st.lists(st.tuples(st.integers(GUTTER, WIDTH - 40), labels), min_size=1, max_size=40))
def test_labels_of_one_row_never_overlap_and_stay_in_the_drawing(
    points: list[tuple[int, str]],
) -> None:
    """However crowded a lane (dates in any order of x, any symbol up to 40 characters), two
    labels of one row keep LABEL_GAP between their bounds, and every label stays inside the
    drawing, right of the lane names."""
    rows: list[int] = []
    placed = []
    for x, label in sorted(points):
        item = _Item("2024-01-01", label, None, False, "s")
        mark = _place(rows, x, 0, item)
        width = _width(item)
        start = mark.tx - width if mark.left else mark.tx
        placed.append((mark.y, start, start + width))
        assert GUTTER - 2 * DOT <= start and start + width <= WIDTH
    by_row: dict[int, list[tuple[int, int]]] = {}
    for y, start, stop in placed:
        by_row.setdefault(y, []).append((start, stop))
    for spans in by_row.values():
        spans.sort()
        for (_, stop), (start, _) in zip(spans, spans[1:], strict=False):
            assert stop + LABEL_GAP <= start + 2 * DOT


@given(st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=12), min_size=1, max_size=20))
def test_short_title_is_the_titles_first_words(words: list[str]) -> None:
    """A short title is the title itself when short enough, else its first whole words
    within SHORT_TITLE_CHARS and "…"."""
    title = " ".join(w for w in words if w.strip()) or "x"
    short = short_title(title)
    norm = " ".join(title.split())
    if len(norm) <= SHORT_TITLE_CHARS:
        assert short == norm
    else:
        assert short.endswith(" …")
        kept = short[:-2]
        assert len(kept) <= SHORT_TITLE_CHARS and norm.startswith(kept)
        assert norm[len(kept)] == " " or len(kept) == SHORT_TITLE_CHARS


def test_short_title_of_a_real_title() -> None:
    """Read from 75/28's title: it is cut after "policy", the last whole word that fits."""
    title = (
        "The role and importance of a policy of neutrality in maintaining and strengthening "
        "international peace, security and sustainable development"
    )
    assert short_title(title) == "The role and importance of a policy …"
    assert short_title("Permanent neutrality of Turkmenistan") == (
        "Permanent neutrality of Turkmenistan"
    )


@pytest.fixture(scope="module")
def twelve() -> dict[str, str]:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"no corpus at {corpus}")
    return render_report(analyse(load_corpus([TEXTS, corpus])))


def test_two_texts_of_one_symbol_get_two_labels(twelve: dict[str, str]) -> None:
    """texts/ and ../shared/corpus both hold A/RES/79/274 (ids unga-res-79-274, a-res-79-274):
    the matrix's columns name them apart, and each column says its series."""
    root = etree.fromstring(twelve["index.html"].encode("utf-8"), PARSER)
    heads = root.xpath('//table[@id="matrix"]/thead/tr[@class="docs"]/th/a/text()')
    assert len(heads) == len(set(heads)) == 12
    assert sorted(h for h in heads if h.startswith("A/RES/79/274")) == [
        "A/RES/79/274 [a-res-79-274]",
        "A/RES/79/274 [unga-res-79-274]",
    ]
    spans = root.xpath('//table[@id="matrix"]/thead/tr[@class="groups"]/th[@colspan]/@colspan')
    assert sum(int(n) for n in spans) == 12


def test_filter_text_holds_every_wording_of_the_family(twelve: dict[str, str]) -> None:
    """The row of 79/274's "Welcoming the initiatives of neutral Turkmenistan ..." paragraph
    carries "Caspian Sea region" (its last words) for the filter, not only its first ten."""
    root = etree.fromstring(twelve["index.html"].encode("utf-8"), PARSER)
    rows = root.xpath('//table[@id="matrix"]/tbody/tr[contains(@data-text, "Caspian Sea")]')
    assert rows
    for row in rows:
        name = row.xpath("string(th/span[@class='name'])")
        assert name.startswith("Welcoming the initiatives of neutral Turkmenistan")
        assert "Caspian" not in name  # the shown name is cut: the filter reads further


def test_family_page_shows_the_full_wording(twelve: dict[str, str]) -> None:
    """A family's page gives its first wording whole, never cut with "…" (the old title was cut
    after 14 words): the long ones are there in full, ending as clauses end."""
    long = 0
    for name in (n for n in twelve if n.startswith("families/")):
        root = etree.fromstring(twelve[name].encode("utf-8"), PARSER)
        full = root.xpath("string(//p[@class='fulltitle'])")
        assert full and not full.endswith("…"), name
        long += len(full.split()) > 14
    assert long > 20


def test_timeline_spans_the_documents_and_names_earlier_cited_ones_below() -> None:
    """The seeds are dated 2020-12-07 to 2025-03-21 (read from their front matter); 75/28 and
    79/274 cite the 2015 Ashgabat outcome document A/70/652-S/2016/20, which has no text. The
    axis spans the seeds' dates only: its year marks are 2021 to 2025, every mark on it is a
    seed, and the 2015 document is named below the drawing instead of stretching it."""
    files = render_report(analyse(load_corpus([TEXTS])))
    root = etree.fromstring(files["index.html"].encode("utf-8"), PARSER)
    ns = {"s": "http://www.w3.org/2000/svg"}
    svg = root.xpath('//s:svg[contains(@class,"timeline")]', namespaces=ns)[0]
    years = svg.xpath('.//s:text[contains(@class,"year")]/text()', namespaces=ns)
    assert years == ["2021", "2022", "2023", "2024", "2025"]
    assert svg.xpath('.//s:g[contains(@class,"cited")]', namespaces=ns) == []
    dates = svg.xpath(
        './/s:g[contains(@class,"mark")]/s:a/s:text[@class="sub"]/text()', namespaces=ns
    )
    assert sorted(dates) == ["2020-12-07", "2020-12-12", "2022-03-23", "2025-03-21"]
    below = "".join(root.xpath('//p[@class="outside"]//text()'))
    assert "A/70/652-S/2016/20" in below and "2015" in below


def test_pager_spans_of_the_un_ga_sample_follow_one_another() -> None:
    """Pages hold series side by side, in the order the series begin; a button names the first
    versions of its first and last series and when they begin, so on resolutions 1-40 of
    sessions 78-80 (series of two and three versions, a year apart) one page's span never
    reaches into the next's, and no two buttons read alike. The documents' own dates
    overlapped: each page held versions of 2023, 2024 and 2025."""
    unga = SHARED / "un-ga"
    files = [
        p
        for p in sorted(unga.glob("*.txt"))
        if (m := re.search(r"-res-(?:78|79|80)-(\d+)$", p.stem)) and int(m.group(1)) <= 40
    ]
    if not files:
        pytest.skip(f"no {unga}")
    common = overview(Lookup(analyse(load_corpus(files))), page_docs=10)
    spans = [re.findall(r"\d{4}-\d\d-\d\d", label) for _, _, label in common.pages]
    assert len(spans) >= 4 and all(spans)
    for before, after in zip(spans, spans[1:], strict=False):
        assert before[-1] <= after[0], common.pages
    for _, _, label in common.pages:  # "A/RES/78/7 – A/RES/78/40, begun 2023-10-26 – 2023-12-01"
        assert re.fullmatch(r"A/RES/\S+( – A/RES/\S+)?, begun [\d-]+( – [\d-]+)?", label), label
    assert len({label for _, _, label in common.pages}) == len(common.pages)


def test_family_clauses_by_document_keep_every_clause_in_family_order() -> None:
    """`Lookup.family_clauses` (what a matrix cell reads instead of scanning its family): for
    every family of texts/, each document's clauses are the family's clauses in that document,
    in the family's order, and no document is left out."""
    lookup = Lookup(analyse(load_corpus([TEXTS])))
    many = 0
    for fam in lookup.families:
        by_doc = lookup.family_clauses(fam)
        assert set(by_doc) == {lookup.doc_of(u) for u in fam.clauses}
        for doc_id, uids in by_doc.items():
            assert uids == [u for u in fam.clauses if lookup.doc_of(u) == doc_id]
        many += len(by_doc) > 1
    assert many > 10  # the seed texts carry dozens of families across documents


def test_kind_order_is_the_models_then_unknown_kinds_alphabetically() -> None:
    """Event kinds in EVENT_CODES' order whatever order they are given in, unknown ones last
    (alphabetically); asked again (remembered), a fresh list each time."""
    first = kind_order(["moved", "zeta", "new", "alpha", "carried"])
    assert first == ["new", "carried", "moved", "alpha", "zeta"]
    first.append("x")
    assert kind_order({"carried", "moved", "new", "alpha", "zeta"}) == first[:-1]
