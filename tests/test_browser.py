"""The report in a real headless Chromium: every page kind opens from disk, makes no request
outside the report, logs no error, works with the keyboard, on a phone and in the dark.

Screenshots land in tests/artifacts/screenshots/ for a person to look at (docs/img/ holds the
two the README shows, copied from there by hand after looking).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.model import Analysis
from lineage.report.html import render_pair_page, write_report

#: Set by CI servers (and by .ci/run): there a missing browser is a failure, not a skip.
CI_ENV = "CI"
#: Where Chromium is, if not on PATH as `chromium` (tests of this gate point it nowhere).
CHROMIUM_ENV = "LINEAGE_CHROMIUM"


def unavailable(reason: str) -> None:
    """Skip on a developer's machine without the browser; fail in CI, where these tests are
    the only check of the report in a browser and must not vanish silently."""
    if os.environ.get(CI_ENV):
        pytest.fail(f"{reason}, and {CI_ENV} is set: CI must run the browser tests", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


try:
    from playwright import sync_api as playwright
except ImportError:
    unavailable("playwright is not installed (pip install -e '.[test]')")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
UN20, ASH20, OIC22, UN25 = (
    "unga-res-75-28",
    "ashgabat-conference-final-document",
    "oic-cfm-res-64-48-pol",
    "unga-res-79-274",
)
HOSTILE = """+++
id = "hostile"
date = 2021-01-01
title = "Evil <script>alert('title')</script>"
+++
The General Assembly,

Recalling the <script>alert(1)</script> and <img src=x onerror="alert(2)"> texts,

1. *Invites* the Secretary-General to cooperate closely with neutral States;
"""


@dataclass
class Visit:
    """What one page did in the browser: every request, console message, error and dialog."""

    page: Any
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyse(load_corpus([ROOT / "texts"]))


@pytest.fixture(scope="module")
def report(analysis: Analysis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "reports"
    write_report(analysis, out, pairs=[(UN20, UN25), (OIC22, UN25)])  # the seeds: four series
    (out.parent / "standalone.html").write_text(
        render_pair_page(analysis, OIC22, UN25), encoding="utf-8"
    )
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM} (test.sh installs Debian's chromium)")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def visit(
    browser: Any, path: Path, width: int = 1280, height: int = 900, scheme: str = "light"
) -> Visit:
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    seen = Visit(page)
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("console", lambda m: seen.console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return seen


def shot(seen: Visit, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    seen.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def assert_clean(seen: Visit, root: Path) -> None:
    """No console message, no script error, and requests only for files of the report."""
    assert seen.console == [] and seen.errors == [] and seen.dialogs == []
    assert seen.requests, "the page made no request at all?"
    prefix = root.resolve().as_uri() + "/"
    assert all(url.startswith(prefix) for url in seen.requests), seen.requests


@pytest.mark.slow
def test_every_page_kind_opens_offline_and_clean(
    browser: Any, report: Path, analysis: Analysis
) -> None:
    """Overview, document, family, pair and standalone pair pages: styled, scripted, offline."""
    family = next(f.id for f in analysis.families if len(f.clauses) > 2)
    pages = {
        "overview": report / "index.html",
        "document-2025": report / "documents" / f"{UN25}.html",
        "family": report / "families" / f"{family}.html",
        "side-by-side": report / "pairs" / f"{OIC22}--{UN25}.html",
        "standalone-pair": report.parent / "standalone.html",
    }
    for name, path in pages.items():
        seen = visit(browser, path)
        assert_clean(seen, report.parent if name == "standalone-pair" else report)
        page = seen.page
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "system-ui" in font, (name, font)  # the stylesheet applied under the CSP
        shot(seen, name)
        shot(seen, f"{name}-full", full_page=True)
        if name == "side-by-side":  # the README's picture: rows where wording changed
            page.evaluate(
                "window.scrollTo(0, document.querySelector('.row.match')"
                ".getBoundingClientRect().top + window.scrollY - 50)"
            )
            shot(seen, "side-by-side-matches")
        if name == "overview":  # the README's picture: summary, timeline and the matrix
            page.set_viewport_size({"width": 1280, "height": 1500})
            shot(seen, "overview-tall")
        if name != "standalone-pair":
            css = [u for u in seen.requests if u.endswith("/static/lineage.css")]
            js = [u for u in seen.requests if u.endswith("/static/lineage.js")]
            assert css and js
        page.close()


def test_2025_page_shows_provenance(browser: Any, report: Path) -> None:
    """As a reviewer reads it: the Chamber clause is new, the preventive-diplomacy clause comes
    from 2020 (75/28)."""
    seen = visit(browser, report / "documents" / f"{UN25}.html")
    page = seen.page
    chamber = page.locator("li.clause", has_text="Peace Mediation Chamber")
    assert chamber.count() == 1
    assert chamber.locator(".badge").inner_text() == "new"
    acknowledging = page.locator(
        "li.clause",
        has_text="Acknowledging that such national policies of neutrality are "
        "aimed at promoting the use of preventive diplomacy",
    )
    assert acknowledging.count() == 1
    assert acknowledging.locator(".badge").inner_text() != "new"
    assert acknowledging.locator(f'a[href^="../documents/{UN20}.html"]').count() >= 1
    assert "A/RES/75/28" in acknowledging.inner_text()
    assert "Aksoltan Atayeva" in page.locator("section.apart").inner_text()
    page.close()


def test_keyboard_moves_between_changes(browser: Any, report: Path) -> None:
    """Tab reaches the skip link first; n/j and p/k move focus from change to change."""
    seen = visit(browser, report / "pairs" / f"{OIC22}--{UN25}.html")
    page = seen.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator("a.skip").is_visible()
    total = page.locator("[data-change]").count()
    assert total >= 3
    page.keyboard.press("n")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.hasAttribute('data-change')")
    assert page.locator(".status").first.inner_text() == f"Change 2 of {total}"
    second = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("n")
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.textContent") == second
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.get_by_role("button", name="Next change").click()
    assert page.locator(".status").first.inner_text() == f"Change 3 of {total}"
    assert_clean(seen, report)
    page.close()


def test_unchanged_rows_collapse_and_open_on_link(
    browser: Any, report: Path, analysis: Analysis
) -> None:
    """75/28 and 79/274 share an unchanged clause ("Underlining that the national policies of
    neutrality ..."): it is collapsed, and a link to it opens its group."""
    path = report / "pairs" / f"{UN20}--{UN25}.html"
    seen = visit(browser, path)
    page = seen.page
    group = page.locator("details.same", has_text="Underlining that the national policies")
    assert group.count() == 1
    assert group.evaluate("d => d.open") is False
    clause = next(
        c
        for c in analysis.corpus.document(UN25).clauses
        if c.text.startswith("Underlining that the national policies")
    )
    page.goto(path.as_uri() + f"#b-{clause.id}")
    page.wait_for_function("document.querySelector('details.same').open")
    assert page.locator(f"#b-{clause.id}").is_visible()
    page.get_by_role("button", name="Collapse unchanged").click()
    assert group.evaluate("d => d.open") is False
    assert_clean(seen, report)
    page.close()


def test_phone_width_has_no_sideways_scroll(browser: Any, report: Path) -> None:
    """At 375 px the pages fit the screen (wide tables scroll inside their own box)."""
    for name, path in {
        "overview": report / "index.html",
        "document": report / "documents" / f"{UN25}.html",
        "side-by-side": report / "pairs" / f"{OIC22}--{UN25}.html",
    }.items():
        seen = visit(browser, path, width=375, height=800)
        page = seen.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, name
        shot(seen, f"phone-{name}")
        page.close()


def test_dark_scheme_and_print_styles(browser: Any, report: Path) -> None:
    """The system's dark setting gives a dark page; print hides the controls, keeps the cues."""
    path = report / "pairs" / f"{OIC22}--{UN25}.html"
    seen = visit(browser, path, scheme="dark")
    page = seen.page
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 23, 29)"
    shot(seen, "side-by-side-dark")
    page.emulate_media(media="print", color_scheme="light")
    assert page.evaluate("getComputedStyle(document.querySelector('.tools')).display") == "none"
    cue = page.evaluate("getComputedStyle(document.querySelector('del')).textDecorationLine")
    assert cue == "line-through"
    page.close()


def test_diff_marks_do_not_rely_on_colour(browser: Any, report: Path) -> None:
    """Insertions are underlined, deletions struck through, each with words for screen readers."""
    seen = visit(browser, report / "pairs" / f"{OIC22}--{UN25}.html")
    page = seen.page
    ins = page.evaluate("""() => { const e = document.querySelector('ins');
        return [getComputedStyle(e).textDecorationLine,
                getComputedStyle(e, '::before').content]; }""")
    dels = page.evaluate("""() => { const e = document.querySelector('del');
        return [getComputedStyle(e).textDecorationLine,
                getComputedStyle(e, '::before').content]; }""")
    assert ins[0] == "underline" and "inserted" in ins[1]
    assert dels[0] == "line-through" and "deleted" in dels[1]
    page.close()


def test_hostile_document_runs_nothing(browser: Any, tmp_path: Path) -> None:
    """Script and event handlers inside a document's text show as text and never run."""
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(ROOT / "texts" / "2020-12-07_unga-res-75-28.txt", texts)
    (texts / "2021-01-01_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "reports"
    write_report(analyse(load_corpus([texts])), out, pairs=[(UN20, "hostile")])
    for path in (
        out / "documents" / "hostile.html",
        out / "pairs" / f"{UN20}--hostile.html",
        out / "index.html",
    ):
        seen = visit(browser, path)
        assert_clean(seen, out)
        assert seen.page.locator("img").count() == 0
        if path.name == "hostile.html":
            assert "<script>alert(1)</script>" in seen.page.inner_text("main")
        seen.page.close()
