"""The overview in real Chromium, as a reviewer uses it on more than a handful of documents:
filters by words, series, event and document with live counts and a "no match" line; a header
row and first column that stay in view; a matrix that is one tab stop; a timeline whose
labels never overlap; no two columns headed alike.

Two reports: the 12 documents of texts/ plus ../shared/corpus (two copies of A/RES/79/274,
three resolutions on Palestine refugees, 78/74, 79/88 and 80/78, read from their titles) and
the un-ga sample of test_report_browser (80 resolutions, several overview pages).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED
from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.report.html import write_report
from test_browser import ROOT, assert_clean, browser, shot, visit
from test_report_browser import unga

pytestmark = pytest.mark.browser
__all__ = ["browser", "unga"]  # fixtures shared with test_browser and test_report_browser

CORPUS = SHARED / "corpus"
UN25, OIC22 = "unga-res-79-274", "oic-cfm-res-64-48-pol"
REFUGEES = ["A/RES/78/74", "A/RES/79/88", "A/RES/80/78"]
#: The old overview of these 12 documents had 517 tab stops (591 in issue 12's count, with
#: a smaller corpus folder): every matrix and heat map cell was one. A reviewer should reach
#: the heat map in a few dozen presses.
MAX_TAB_STOPS = 120


@pytest.fixture(scope="module")
def twelve(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    out = tmp_path_factory.mktemp("twelve") / "reports"
    write_report(analyse(load_corpus([ROOT / "texts", CORPUS])), out)
    return out


def shown(page: Any) -> list[str]:
    """The row heads' names of the matrix rows left shown."""
    return page.eval_on_selector_all(
        "#matrix tbody tr:not([hidden]) th .name", "l => l.map(e => e.textContent)"
    )


def test_words_of_any_version_find_the_row_and_none_says_so(browser: Any, twelve: Path) -> None:
    """ "Caspian" stands late in 79/274's paragraph "Welcoming the initiatives of neutral
    Turkmenistan directed at further strengthening economic, social, ... Caspian Sea region"
    (past the ten words the row shows, which the old filter searched): typed in the filter it
    leaves that family's rows; the counts follow; nonsense leaves none and says so."""
    seen = visit(browser, twelve / "index.html")
    page = seen.page
    total = page.locator("#matrix tbody tr").count()
    assert page.locator("#matrix-none").is_hidden()
    page.fill("#filter", "Caspian")
    names = shown(page)
    assert names and all(n.startswith("Welcoming the initiatives of neutral") for n in names)
    counts = page.locator("#matrix-counts").inner_text()
    assert counts.startswith(f"{len(names)} of {total} families")
    assert page.locator("#matrix-none").is_hidden()
    page.fill("#filter", "Peace Mediation Chamber")
    assert any(n.startswith("Encourages the effective use of the territories") for n in shown(page))
    page.fill("#filter", "zzqx unheard-of")
    assert shown(page) == []
    assert page.locator("#matrix-none").is_visible()
    assert page.locator("#matrix-counts").inner_text().startswith(f"0 of {total} families")
    shot(seen, "overview-no-match")
    assert_clean(seen, twelve)
    page.close()


def test_series_event_and_document_filters(browser: Any, twelve: Path) -> None:
    """The series of the three Palestine refugees resolutions leaves their three columns; with
    the event "dropped" or a document chosen, every row left has that event or a version in
    that column."""
    seen = visit(browser, twelve / "index.html")
    page = seen.page
    page.select_option("select[name=series]", label="Assistance to Palestine refugees")
    heads = page.eval_on_selector_all(
        "#matrix thead tr.docs th:not([hidden]) a", "l => l.map(a => a.textContent)"
    )
    assert heads == REFUGEES
    rows = page.locator("#matrix tbody tr:not([hidden])")
    assert rows.count() > 0
    for i in range(rows.count()):
        assert rows.nth(i).locator("td:not([hidden]) a").count() >= 1
    assert page.locator("#matrix-counts").inner_text().endswith("3 of 12 documents shown.")
    shot(seen, "overview-series-filter")
    page.select_option("select[name=series]", value="")
    page.select_option("select[name=kind]", value="borrowed")
    rows = page.locator("#matrix tbody tr:not([hidden])")
    assert 0 < rows.count() < page.locator("#matrix tbody tr").count()
    for i in range(rows.count()):
        assert rows.nth(i).locator("td.k-borrowed").count() >= 1
    page.select_option("select[name=kind]", value="")
    doc_id = page.get_attribute("#matrix thead th[data-doc] >> nth=0", "data-doc")
    page.select_option("select[name=doc]", value=doc_id)
    rows = page.locator("#matrix tbody tr:not([hidden])")
    assert rows.count() > 0
    for i in range(rows.count()):
        assert rows.nth(i).locator("td").first.locator("a").count() == 1
    page.close()


def test_header_row_and_first_column_stay_in_view(browser: Any, twelve: Path) -> None:
    """Scrolled down inside the matrix, the document headers stay at the top of its box;
    scrolled right, the family column stays at its left."""
    seen = visit(browser, twelve / "index.html", width=900)
    page = seen.page
    box = page.locator(".scroll.sticky")
    box.scroll_into_view_if_needed()
    page.evaluate("document.querySelector('.scroll.sticky').scrollTo(400, 900)")
    frame = box.bounding_box()
    head = page.locator("#matrix thead tr.docs th").nth(3).bounding_box()
    corner = page.locator("#matrix thead th.corner").bounding_box()
    row = page.locator("#matrix tbody tr").nth(30).locator("th").bounding_box()
    assert frame and head and corner and row
    assert frame["y"] <= head["y"] <= frame["y"] + 120  # under the series row, still in view
    assert abs(corner["x"] - frame["x"]) <= 2 and abs(row["x"] - frame["x"]) <= 2
    shot(seen, "overview-sticky")
    page.close()


def test_matrix_is_one_tab_stop_with_arrow_keys_inside(browser: Any, twelve: Path) -> None:
    """Far fewer tab stops than cells; inside the matrix the arrow keys move from link to link,
    and Tab leaves the matrix at once; the skip link jumps past it."""
    seen = visit(browser, twelve / "index.html")
    page = seen.page
    stops = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, [tabindex]')]
              .filter(e => e.tabIndex >= 0 && !e.closest('[hidden]')).length"""
    )
    assert stops <= MAX_TAB_STOPS
    assert page.locator("#matrix a[tabindex='0']").count() == 1
    page.focus("#matrix a[tabindex='0']")
    start = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.closest('td') !== null")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowLeft")
    moved = page.evaluate("document.activeElement.textContent")
    assert moved != start and page.evaluate("document.activeElement.closest('th') !== null")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#matrix') === null")
    page.focus(".skipper")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#after-matrix"
    page.close()


def labels_overlap(page: Any) -> list[str]:
    """Pairs of timeline marks whose drawn labels (symbol and date lines together) intersect,
    or whose stem line crosses another mark's label (the old timeline's fault on un-ga)."""
    return page.evaluate(
        """() => {
          const box = els => {
            const r = els.map(e => e.getBoundingClientRect());
            const low = k => Math.min(...r.map(b => b[k]));
            const high = k => Math.max(...r.map(b => b[k]));
            return { left: low('left'), right: high('right'),
                     top: low('top'), bottom: high('bottom') };
          };
          const hit = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
                                a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
          const marks = [...document.querySelectorAll('svg.timeline g.mark')].map(g => ({
            name: g.querySelector('text').textContent,
            text: box([...g.querySelectorAll('text')]),
            lines: [...g.querySelectorAll('line')].map(l => l.getBoundingClientRect())}));
          const out = [];
          marks.forEach((a, i) => marks.forEach((b, j) => {
            if (j > i && hit(a.text, b.text)) out.push(a.name + ' / ' + b.name);
            if (j !== i && a.lines.some(l => hit(l, b.text))) out.push(a.name + ' stem/' + b.name);
          }));
          return out; }"""
    )


def overview_pages(report: Path) -> list[Path]:
    return sorted(report.glob("index*.html"))


def test_timeline_labels_never_overlap(browser: Any, twelve: Path, unga: Path) -> None:
    """Every label and date of every overview page's timeline, as Chromium draws them, stays
    clear of every other (the un-ga timeline's labels overlapped before)."""
    pages = [*overview_pages(twelve), *overview_pages(unga)]
    assert len(pages) >= 3
    for path in pages:
        seen = visit(browser, path)
        assert labels_overlap(seen.page) == [], path.name
        seen.page.close()
    seen = visit(browser, overview_pages(unga)[0])
    seen.page.locator("svg.timeline").screenshot(
        path=str(ROOT / "tests/artifacts/screenshots/unga-timeline.png")
    )
    seen.page.close()


def test_no_two_columns_are_headed_alike(browser: Any, twelve: Path) -> None:
    """texts/ and ../shared/corpus both hold A/RES/79/274: its two columns are told apart, and
    every column and timeline mark has its short title in reach."""
    seen = visit(browser, twelve / "index.html")
    page = seen.page
    heads = page.eval_on_selector_all(
        "#matrix thead tr.docs th a", "l => l.map(a => a.textContent)"
    )
    assert len(heads) == 12 and len(set(heads)) == 12
    assert sum(h.startswith("A/RES/79/274") for h in heads) == 2
    groups = page.eval_on_selector_all("#matrix thead th.series", "l => l.map(a => a.textContent)")
    assert "Permanent neutrality of Turkmenistan" in groups
    page.close()


def test_a_row_jumped_to_is_not_under_the_sticky_header(browser: Any, twelve: Path) -> None:
    """Opening a side-by-side page on a clause's anchor puts the clause below the sticky row of
    document names, not under it (seen in issue 12's screenshots)."""
    pair = sorted((twelve / "pairs").glob(f"*--{UN25}.html"))[0]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(pair.as_uri() + "#b-O3")
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    heads = page.locator(".sbs .row.heads").bounding_box()
    target = page.locator("#b-O3").bounding_box()
    assert heads and target
    assert target["y"] >= heads["y"] + heads["height"] - 1
    page.close()


def test_filters_and_sticky_header_on_the_un_ga_sample(browser: Any, unga: Path) -> None:
    """On the 80 real resolutions: choosing a series of several versions leaves exactly its
    columns and only rows with an event in them; words of a clause find its rows; scrolled,
    the document headers stay at the top of the matrix's box."""
    seen = visit(browser, overview_pages(unga)[0])
    page = seen.page
    series = page.evaluate(
        """() => { const n = {};
          document.querySelectorAll('#matrix thead tr.docs th').forEach(
            th => { n[th.dataset.series] = (n[th.dataset.series] || 0) + 1; });
          return Object.keys(n).filter(k => n[k] > 1).sort(); }"""
    )
    assert series, "the sample's first page holds a series of two or more versions"
    page.select_option("select[name=series]", value=series[0])
    shown_heads = page.locator("#matrix thead tr.docs th:not([hidden])")
    assert shown_heads.count() >= 2
    for i in range(shown_heads.count()):
        assert shown_heads.nth(i).get_attribute("data-series") == series[0]
    rows = page.locator("#matrix tbody tr:not([hidden])")
    assert rows.count() > 0
    for i in range(0, rows.count(), max(1, rows.count() // 20)):
        assert rows.nth(i).locator("td:not([hidden]) a").count() >= 1
    page.select_option("select[name=series]", value="")
    words = " ".join(rows.nth(0).locator("th .name").inner_text().split()[:4])
    page.fill("#filter", words)
    assert 0 < page.locator("#matrix tbody tr:not([hidden])").count()
    page.fill("#filter", "")
    page.evaluate("document.querySelector('.scroll.sticky').scrollTo(0, 1500)")
    frame = page.locator(".scroll.sticky").bounding_box()
    head = page.locator("#matrix thead tr.docs th").first.bounding_box()
    assert frame and head and frame["y"] <= head["y"] <= frame["y"] + 160
    shot(seen, "unga-overview-series")
    assert_clean(seen, unga)
    page.close()


def test_counts_read_with_thousands_separators(browser: Any, unga: Path) -> None:
    """The overview's totals are grouped by threes (the 80 resolutions hold thousands of
    clauses), and the script's live counts group them the same way, whatever the locale."""
    seen = visit(browser, overview_pages(unga)[0])
    page = seen.page
    totals = page.eval_on_selector_all("dl.stats dd", "l => l.map(e => e.textContent)")
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*", t) for t in totals), totals
    assert any("," in t for t in totals), totals
    grouped = page.evaluate("[0, 999, 1000, 12476, 1234567].map(self.lineagePeople)")
    assert grouped == ["0", "999", "1,000", "12,476", "1,234,567"]
    page.fill("#filter", "the")
    line = page.locator("#matrix-counts").inner_text()
    numbers = re.findall(r"\d[\d,]*(?= )", line)
    assert numbers and all(re.fullmatch(r"\d{1,3}(,\d{3})*", n) for n in numbers), line
    assert_clean(seen, unga)
    page.close()
