"""The reviewer's tools of the report in real Chromium: search across the report, offline from
file://, under the pages' CSP, on the seeds (texts/) and on a sample of ../shared/un-ga.

The un-ga sample is the 80 resolutions numbered 1 to 40 of sessions 78 and 79 (the whole 659
take minutes to analyse, too long for a test; benchmarks/bench_report.py measures the whole).
Expected clauses come from reading the texts. Screenshots go to tests/artifacts/screenshots/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.report.html import write_report
from test_browser import ROOT, assert_clean, browser, shot, visit

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the Chromium fixture of test_browser, shared

UN25, OIC22 = "unga-res-79-274", "oic-cfm-res-64-48-pol"
UNGA = SHARED / "un-ga"
#: Resolutions 1 to SAMPLE_MAX of each session: a sample with real series in it, small
#: enough to analyse in seconds.
SAMPLE_MAX = 40
#: How long a search may take to answer, index loading included (a loaded test machine).
ANSWER_MS = 20_000


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "reports"
    write_report(analyse(load_corpus([ROOT / "texts"])), out, pairs=[(OIC22, UN25)])
    return out


def unga_sample(folder: Path) -> Path:
    """Copy the sample's files (names like 2024-10-24_a-res-79-5.txt) into folder."""
    folder.mkdir()
    for path in sorted(UNGA.glob("*.txt")):
        found = re.search(r"-res-7[89]-(\d+)$", path.stem)
        if found and int(found.group(1)) <= SAMPLE_MAX:
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def unga(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not UNGA.is_dir():
        pytest.skip(f"no un-ga corpus at {UNGA}")
    work = tmp_path_factory.mktemp("unga")
    texts = unga_sample(work / "texts")
    out = work / "reports"
    write_report(analyse(load_corpus([texts])), out)
    return out


def search(page: Any, query: str) -> str:
    """Type a query into the search box; the status line once the answer is there."""
    page.fill("#search-q", query)
    page.wait_for_function(
        """q => { const s = document.querySelector('.search-status').textContent;
                  return s.includes('\\u201c' + q + '\\u201d'); }""",
        arg=query,
        timeout=ANSWER_MS,
    )
    return page.locator(".search-status").inner_text()


def hrefs(page: Any) -> list[str]:
    return page.eval_on_selector_all("#search-results a.hit-main", "l => l.map(a => a.href)")


def test_a_phrase_from_inside_a_clause_finds_it_and_opens_its_anchor(
    browser: Any, seeds: Path
) -> None:
    """ "Peace Mediation Chamber" stands in the middle of 79/274 O3 (read in the text); typed
    on the overview it finds that clause, and the result opens the document at #O3."""
    seen = visit(browser, seeds / "index.html")
    page = seen.page
    status = search(page, "Peace Mediation Chamber")
    assert "1 clause wording" in status
    links = hrefs(page)
    assert links == [(seeds / "documents" / f"{UN25}.html").as_uri() + "#O3"]
    assert page.locator("#search-results mark").first.inner_text() == "Peace Mediation Chamber"
    shot(seen, "search-seeds")
    page.click("#search-results a.hit-main")
    page.wait_for_url("**/unga-res-79-274.html#O3")
    box = page.locator("#O3").bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert "Peace Mediation Chamber" in page.locator("#O3").inner_text()
    assert_clean(seen, seeds)
    page.close()


def test_punctuation_and_case_between_words_do_not_matter(browser: Any, seeds: Path) -> None:
    """79/274's second preambular paragraph recalls 75/28 "on the role and importance of a
    policy of neutrality in maintaining and strengthening international peace, security and
    sustainable development," (a comma after "peace"); typed without the comma, in lower case,
    on another document's page, the phrase still finds 79/274 P2."""
    seen = visit(browser, seeds / "documents" / f"{OIC22}.html")
    page = seen.page
    search(page, "strengthening international peace security and sustainable")
    assert (seeds / "documents" / f"{UN25}.html").as_uri() + "#P2" in hrefs(page)
    page.close()


def test_symbol_title_and_family_are_searched(browser: Any, seeds: Path) -> None:
    """A symbol finds its document, a title word finds documents, a family id its page; from a
    page one folder down the links still point into the report."""
    seen = visit(browser, seeds / "documents" / f"{UN25}.html")
    page = seen.page
    search(page, "64/48-POL")
    assert hrefs(page)[0] == (seeds / "documents" / f"{OIC22}.html").as_uri()
    search(page, "Permanent neutrality of")
    assert (seeds / "documents" / f"{UN25}.html").as_uri() in hrefs(page)
    search(page, "F1")
    assert hrefs(page)[0] == (seeds / "families" / "F1.html").as_uri()
    assert_clean(seen, seeds)
    page.close()


def test_no_match_says_so(browser: Any, seeds: Path) -> None:
    """A word in no text gives an empty list and a sentence saying nothing matched."""
    seen = visit(browser, seeds / "index.html")
    page = seen.page
    status = search(page, "xylophone quartet")
    assert status.startswith("No match for")
    assert hrefs(page) == []
    page.close()


def test_keyboard_reaches_the_results(browser: Any, seeds: Path) -> None:
    """Arrow down from the box focuses the first result, Enter follows it, Escape clears."""
    seen = visit(browser, seeds / "index.html")
    page = seen.page
    search(page, "Caspian")
    page.focus("#search-q")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    assert first == hrefs(page)[0]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.press("Escape")
    assert page.locator("#search-results").is_hidden()
    page.close()


def test_the_index_loads_only_when_searching(browser: Any, seeds: Path) -> None:
    """A page that is only read never requests search-index.js; focusing the box loads it."""
    seen = visit(browser, seeds / "index.html")
    page = seen.page
    assert not any(u.endswith("/search-index.js") for u in seen.requests)
    page.focus("#search-q")
    page.wait_for_function("!!self.LINEAGE_SEARCH", timeout=ANSWER_MS)
    assert any(u.endswith("/search-index.js") for u in seen.requests)
    page.close()


@pytest.mark.slow
def test_search_on_real_un_resolutions(browser: Any, unga: Path) -> None:
    """In A/RES/79/5 a clause reads "Recalling its resolutions declaring zones of peace in the
    South Atlantic 2 and the Indian Ocean,3 ..." (footnote markers 2 and 3, a PDF line break).
    The phrase as a reader types it, without the markers, finds P5 of 79/5; the symbol finds
    the document."""
    seen = visit(browser, unga / "index.html")
    page = seen.page
    search(page, "zones of peace in the South Atlantic and the Indian Ocean")
    doc = (unga / "documents" / "a-res-79-5.html").as_uri()
    assert f"{doc}#P5" in hrefs(page)
    shot(seen, "search-unga")
    search(page, "A/RES/79/5")
    assert hrefs(page)[0] == doc
    page.click("#search-results a.hit-main")
    page.wait_for_url("**/a-res-79-5.html")
    assert_clean(seen, unga)
    page.close()


def test_change_list_counts_and_jumps_to_its_rows(browser: Any, seeds: Path) -> None:
    """64/48-POL → 79/274: the OIC text's first clause ("Guided by the principles of Charters
    of the OIC ...") is not in 79/274, and 79/274's operative 1 ("Reiterates its strong
    support ...") is new: the change list says dropped P1 and added O1, its counts add up to
    its entries, and an entry's link opens its row."""
    seen = visit(browser, seeds / "pairs" / f"{OIC22}--{UN25}.html")
    page = seen.page
    items = page.locator(".changelist li")
    texts = items.all_inner_texts()
    assert any(t.startswith("dropped P1") and "Guided by the principles" in t for t in texts)
    assert any(t.startswith("added O1") and "Reiterates its strong support" in t for t in texts)
    summary = page.locator(".changelist summary").inner_text()
    numbers = [
        int(n) for n in re.findall(r"(\d+) (?:added|dropped|amended|rewritten|moved)", summary)
    ]
    assert sum(numbers) == items.count() == int(re.search(r"Changes \((\d+)\)", summary).group(1))
    page.click(".changelist a[href='#b-O1']")
    page.wait_for_url("**#b-O1")
    box = page.locator("#b-O1").bounding_box()
    assert box is not None and -1 <= box["y"] < 900  # scrolled to the top (sub-pixel)
    shot(seen, "change-list")
    assert_clean(seen, seeds)
    page.close()


def test_redline_shows_one_column_with_deletions_and_insertions(browser: Any, seeds: Path) -> None:
    """The redline of 64/48-POL → 79/274 is one column: the side-by-side is hidden, the OIC
    text's "Emphasizing" stands struck through before 79/274's inserted "Underlining" in the
    same paragraph (read in both texts: P10 of the OIC text opens "Emphasizing that the
    implementation ...", P4 of 79/274 "Underlining that the national policies ..."), the
    dropped P1 is deleted whole, and n moves between the redline's changes."""
    seen = visit(browser, seeds / "pairs" / f"{OIC22}--{UN25}.html")
    page = seen.page
    page.get_by_role("button", name="Redline (one column)").click()
    assert page.locator(".sbs").is_hidden() and page.locator("#redline").is_visible()
    row = page.locator("#r-b-P4")
    assert row.locator("del").first.inner_text() == "Emphasizing"
    assert row.locator("ins").first.inner_text() == "Underlining"
    text = row.locator(".text").inner_text()
    assert text.index("Emphasizing") < text.index("Underlining") < text.index("that the")
    assert "Underlining that the" in text.replace("Emphasizing", "")
    dropped = page.locator("#r-a-P1 del").inner_text()
    assert dropped.startswith("Guided by the principles of Charters of the OIC")
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.closest('#redline') !== null")
    shot(seen, "redline")
    page.get_by_role("button", name="Side by side").click()
    assert page.locator(".sbs").is_visible() and page.locator("#redline").is_hidden()
    assert_clean(seen, seeds)
    page.close()


def test_redline_highlights_the_passages_both_wordings_share(browser: Any, seeds: Path) -> None:
    """64/48-POL's "Acknowledging ... such as mediation, good offices, fact-finding missions,
    negotiation, the use of special envoys, informal consultations, peacebuilding and targeted
    development activities" and 79/274's P5 ("... mediation, good offices, negotiation, the use
    of special envoys ...") share that last run of 13 words (read in both texts): the redline
    highlights it as the side-by-side does, inside the row's words, and nowhere in a deletion
    or insertion."""
    seen = visit(browser, seeds / "pairs" / f"{OIC22}--{UN25}.html")
    page = seen.page
    run = (
        "negotiation, the use of special envoys, informal consultations, peacebuilding and "
        "targeted development activities"
    )
    assert page.locator("#b-P5 .shared").all_inner_texts() == [run]
    page.get_by_role("button", name="Redline (one column)").click()
    row = page.locator("#r-b-P5")
    assert row.locator(".shared").all_inner_texts() == [run]
    assert page.locator("#redline ins .shared, #redline del .shared").count() == 0
    text = row.locator(".text").inner_text()
    assert text.index("good offices") < text.index(run)
    row.scroll_into_view_if_needed()
    shot(seen, "redline-shared")
    assert_clean(seen, seeds)
    page.close()


def test_relation_tooltips_say_the_relation_in_plain_words(browser: Any, seeds: Path) -> None:
    """A relation badge's tooltip starts with the legend's plain words for its relation and
    ends with its similarity and method: on 79/274's page, the clause copied word for word
    from 75/28 ("Underlining that the national policies of neutrality ...") says verbatim,
    "the same words", similarity 1.00."""
    seen = visit(browser, seeds / "documents" / f"{UN25}.html")
    page = seen.page
    item = page.locator("li.clause", has_text="Underlining that the national policies")
    title = item.locator("span.rel").first.get_attribute("title") or ""
    assert title.startswith("verbatim: the same words"), title
    assert "similarity 1.00; matched by" in title
    legend = page.locator(".rlegend dd").first.text_content()
    assert title.split("; similarity")[0] == f"verbatim: {legend}"
    assert_clean(seen, seeds)
    page.close()


def test_family_page_legend_is_built_from_legend_js(browser: Any, seeds: Path) -> None:
    """A family page with relations gets its legend from static/legend.js: "What the
    relations mean" with the five relations in words, and its badges' tooltips start with
    those words, as on the pages that carry the legend themselves."""
    family = next(
        p for p in sorted((seeds / "families").glob("*.html")) if "rel r-" in p.read_text()
    )
    seen = visit(browser, family)
    page = seen.page
    assert page.locator("div.rlegend-slot").count() == 0
    legend = page.locator("details.rlegend")
    assert legend.count() == 1
    assert legend.locator("summary").text_content() == "What the relations mean"
    names = legend.locator("dt .rel").all_text_contents()
    assert names == ["verbatim", "minor", "major", "partial", "paraphrase"]
    first = legend.locator("dd").first.text_content() or ""
    assert first.startswith("the same words")
    assert "reviews.toml" in (legend.locator("p code").text_content() or "")
    badge = page.locator("span.rel[title]").first
    relation = badge.get_attribute("class").split("r-", 1)[1]
    words = legend.locator(f"dt .r-{relation}").locator("xpath=../..").locator("dd")
    assert (badge.get_attribute("title") or "").startswith(f"{relation}: {words.text_content()}")
    assert_clean(seen, seeds)
    page.close()


@pytest.mark.slow
def test_change_list_and_redline_on_real_un_resolutions(browser: Any, unga: Path) -> None:
    """A/RES/78/7 → A/RES/79/7 (the embargo against Cuba, re-adopted a year on): 79/7's P6
    recalls "... 77/7 of 3 November 2022 and 78/7 of 2 November 2023 and its decision 76/563",
    where 78/7 stopped at 77/7 (read in both texts). The change list has P6 amended, flagged
    substantive for the new symbol and date, and its link opens the row; the redline shows the
    added words inserted in P6's one column; "seventy-ninth session" → "eightieth session"
    (O4, O5: the next session, as every re-adopted resolution says) is amended, not
    substantive."""
    seen = visit(browser, unga / "pairs" / "a-res-78-7--a-res-79-7.html")
    page = seen.page
    p6 = page.locator(".changelist li").filter(has=page.locator("a[href='#b-P6']"))
    text = p6.inner_text()
    assert text.startswith("amended P6")
    assert "substantive: date none → 2 November 2023; symbol none → 78/7" in text
    o4 = page.locator(".changelist li").filter(has=page.locator("a[href='#b-O4']")).inner_text()
    assert o4.startswith("amended O4") and "eightieth" in o4 and "substantive" not in o4
    page.click(".changelist a[href='#b-P6']")
    page.wait_for_url("**#b-P6")
    box = page.locator("#b-P6").bounding_box()
    assert box is not None and -1 <= box["y"] < 900
    shot(seen, "change-list-unga")
    page.get_by_role("button", name="Redline (one column)").click()
    assert page.locator(".sbs").is_hidden() and page.locator("#redline").is_visible()
    row = page.locator("#r-b-P6")
    assert "78/7 of 2 November 2023" in " ".join(row.locator("ins").all_inner_texts())
    assert "77/7 of 3 November 2022" in row.locator(".text").inner_text()
    row.scroll_into_view_if_needed()
    shot(seen, "redline-unga")
    assert_clean(seen, unga)
    page.close()
