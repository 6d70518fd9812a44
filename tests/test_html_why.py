"""Why two clauses are linked, on the pages: the relation in words with a legend on every page
that shows relations, the passage both wordings share highlighted on both sides, the
citations both make, and the reviewers' decisions of reviews.toml where the link is.

Expectations come from reading the seeds: 64/48-POL P7 ("Recalling resolutions ... 71/275 of
2 February 2017 on the International Day of Neutrality and 75/28 of 7 December 2020 entitled
"The Role and Importance of a Policy of Neutrality in Maintaining and Strengthening
International Peace, Security and Sustainable Development"") and 79/274 P2 ("Recalling also its
resolutions 71/275 ... and 75/28 ... on the role and importance of a policy of neutrality in
maintaining and strengthening international peace, security and sustainable development").
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree, html

from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import RELATIONS
from lineage.report.html import render_report

TEXTS = Path(__file__).resolve().parent.parent / "texts"
UN25, OIC22 = "unga-res-79-274", "oic-cfm-res-64-48-pol"
PAIR = f"pairs/{OIC22}--{UN25}.html"
REVIEWS = f"""
[[link]]
source = "{OIC22}/P9"
target = "{UN25}/P13"
decision = "confirm"
note = "same call, one more year"

[[link]]
source = "{OIC22}/P4"
target = "{UN25}/P5"
decision = "reject"
note = "different subject"

[[link]]
source = "{OIC22}/P1"
target = "{UN25}/P1"
decision = "confirm"
relation = "major"
"""


def parse(text: str) -> etree._Element:
    return html.fromstring(text)


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return render_report(analyse(load_corpus([TEXTS])), pairs=[(OIC22, UN25)])


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("reviewed") / "texts"
    shutil.copytree(TEXTS, folder)
    (folder / "reviews.toml").write_text(REVIEWS, encoding="utf-8")
    return render_report(analyse(load_corpus([folder])), pairs=[(OIC22, UN25)])


def row_of(page: etree._Element, anchor: str) -> etree._Element:
    return page.xpath(f'//div[@id="{anchor}"]/parent::div[contains(@class, "row")]')[0]


def test_every_page_with_relations_explains_them(seeds: dict[str, str]) -> None:
    """The overview, a document page and a pair page each carry the legend, with every
    relation the model knows in words; a family page with relations has the legend's slot and
    loads static/legend.js, whose data names every relation in words (lineage.js builds the
    legend from it: test_report_browser.py)."""
    family = next(n for n in seeds if n.startswith("families/") and "rel r-" in seeds[n])
    page = parse(seeds[family])
    assert len(page.xpath('//div[@class="rlegend-slot"]')) == 1
    assert page.xpath('//script[@src="../static/legend.js"]')
    data = json.loads(seeds["static/legend.js"].split("self.LINEAGE_LEGEND=", 1)[1][:-2])
    assert [name for name, _ in data["terms"]] == list(RELATIONS)
    assert all(len(words.split()) >= 3 for _, words in data["terms"])
    for name in ("index.html", f"documents/{UN25}.html", PAIR):
        page = parse(seeds[name])
        legend = page.xpath('//details[@class="rlegend"]')
        assert len(legend) == 1, name
        named = legend[0].xpath(".//dt/span/text()")
        assert named == list(RELATIONS), name
        assert all(len(d.split()) >= 3 for d in legend[0].xpath(".//dd/text()"))
    bare = [n for n in seeds if n.startswith("families/") and "rel r-" not in seeds[n]]
    assert bare and all("rlegend" not in seeds[n] for n in bare)  # no relation, no legend
    assert all("legend.js" not in seeds[n] for n in bare)


def test_the_legend_says_what_a_figure_of_a_link_by_citations_is(seeds: dict[str, str]) -> None:
    """The Ashgabat outcome's P3 ("Underlining the significance of the Resolution 50/80 A dated
    12th December 1995; and 69/285 dated 3rd of June of 2015 ... 71/275 dated 2nd February
    2017") is linked to 75/28 P1 ("Recalling its resolutions 50/80 A of 12 December 1995,
    69/285 of 3 June 2015 and 71/275 of 2 February 2017") by their citations: both cite the
    same three resolutions, so the badge says 1.00 on a much rewritten clause. The legend on
    the page says what that figure is, where it said "the word similarity" of every link."""
    text = seeds["documents/ashgabat-conference-final-document.html"]
    page = parse(text)
    p3 = page.xpath('//li[@id="P3"]')[0]
    badge = p3.xpath('.//span[contains(@class, "rel ")]')[0]
    assert badge.text_content() == "major 1.00"
    assert badge.get("title") == "similarity 1.00; matched by citations"
    note = page.xpath('string(//details[@class="rlegend"]/p)')
    assert note.startswith("The figure after a relation is how alike the two clauses are")
    assert "for a link matched by citations, the share of the documents they cite" in note
    data = json.loads(seeds["static/legend.js"].split("self.LINEAGE_LEGEND=", 1)[1][:-2])
    assert "".join(text for _, text in data["note"]).startswith(note[:60])


def test_a_rewritten_row_shows_its_shared_passage_and_citations(seeds: dict[str, str]) -> None:
    """64/48-POL P7 and 79/274 P2 (major): the passage both hold is highlighted on both sides,
    and the row says both cite 71/275 and 75/28, and says "much rewritten"."""
    row = row_of(parse(seeds[PAIR]), "b-P2")
    left = " ".join(row.xpath('.//div[@id="a-P7"]//span[@class="shared"]/text()'))
    right = " ".join(row.xpath('.//div[@id="b-P2"]//span[@class="shared"]/text()'))
    # 64/48-POL writes "of а Policy" with a Cyrillic "а": the diff folds look-alikes
    phrase = "policy of neutrality in maintaining and strengthening international peace"
    assert phrase in right.lower() and phrase in left.lower()
    day = "International Day of Neutrality and 75/28 of 7 December 2020"
    assert day in right and day in left
    # "71/275 of 2 February 2017 on the" is shared too, but shorter than a passage
    assert "February" not in right
    head = " ".join(row.xpath('.//div[@class="rowhead"]//text()'))
    assert "much rewritten" in head
    cites = row.xpath('string(.//span[@class="ev cites"])')
    assert "71/275 of 2 February 2017" in cites and "75/28 of 7 December 2020" in cites


def test_near_verbatim_rows_highlight_nothing(seeds: dict[str, str]) -> None:
    """A minor row (64/48-POL P13 and 79/274 P7) shares nearly all its words: no highlight."""
    row = row_of(parse(seeds[PAIR]), "b-P7")
    assert "minor" in row.get("class")
    assert row.xpath('.//span[@class="shared"]') == []


def test_reviewers_decisions_show_where_the_link_is(
    seeds: dict[str, str], reviewed: dict[str, str]
) -> None:
    """Confirmed, added and rejected links of reviews.toml are said on the pair page's rows,
    with the reviewer's note; without the file, no row says anything of reviewers."""
    assert "by a reviewer" not in seeds[PAIR] and "reviewer rejected" not in seeds[PAIR]
    page = parse(reviewed[PAIR])
    confirmed = row_of(page, "b-P13").xpath('string(.//span[contains(@class, "rv-confirmed")])')
    assert confirmed == "confirmed by a reviewer: same call, one more year"
    added = row_of(page, "b-P1").xpath('string(.//span[contains(@class, "rv-added")])')
    assert added == "added by a reviewer"
    rejected = page.xpath('//span[contains(@class, "rv-rejected")]/text()')
    assert "a reviewer rejected the link with A/RES/79/274 P5: different subject" in rejected
    assert "a reviewer rejected the link with 64/48-POL P4: different subject" in rejected
    family = next(
        n
        for n in reviewed
        if n.startswith("families/") and "confirmed by a reviewer" in reviewed[n]
    )
    assert f"{UN25}.html#P13" in reviewed[family]


def test_document_pages_say_every_decision_on_a_clause(
    seeds: dict[str, str], reviewed: dict[str, str]
) -> None:
    """A document page shows one link per clause, its origin: a decision on any other link
    of the clause (a rejection, or a confirmed link seen from its source's side) is said on
    the clause, once; the decision on the origin's link stays beside it, not said twice."""

    def said(pages: dict[str, str], doc: str, clause: str) -> list[str]:
        li = parse(pages[f"documents/{doc}.html"]).xpath(f'//li[@id="{clause}"]')[0]
        return [s.text_content() for s in li.xpath('.//span[contains(@class, "review")]')]

    assert said(reviewed, UN25, "P5") == [
        "a reviewer rejected the link with 64/48-POL P4: different subject"
    ]
    assert said(reviewed, OIC22, "P4") == [
        "a reviewer rejected the link with A/RES/79/274 P5: different subject"
    ]
    assert said(reviewed, OIC22, "P1") == ["a reviewer confirmed the link with A/RES/79/274 P1"]
    assert said(reviewed, UN25, "P13") == ["confirmed by a reviewer: same call, one more year"]
    assert said(seeds, OIC22, "P4") == [] and said(seeds, UN25, "P5") == []
