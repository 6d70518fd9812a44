"""The HTML report, read as files: what each page says, that it is safe, whole and repeatable.

The report is built from the real pipeline on texts/ (load_corpus, analyse). Expectations come
from reading the seed texts. Browser behaviour (keyboard, console, network) is in
test_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from lineage.analysis import analyse
from lineage.corpus import load_corpus
from lineage.errors import UsageError
from lineage.history.series import build_graph
from lineage.model import Analysis, Clause, Corpus, Document, Event, Family, Link
from lineage.report.html import CSP, render_pair_page, render_report, write_report
from lineage.report.html.model import page_name

TEXTS = Path(__file__).resolve().parent.parent / "texts"
COMMITTED = TEXTS.parent / "reports"
UN20, ASH20, OIC22, UN25 = (
    "unga-res-75-28",
    "ashgabat-conference-final-document",
    "oic-cfm-res-64-48-pol",
    "unga-res-79-274",
)
#: The seeds are four series (none is another's previous version: docs/series.md), so a report
#: makes no side-by-side page unasked; the committed reports/ holds the one the README shows,
#: `lineage report --pair oic-cfm-res-64-48-pol unga-res-79-274`.
ASKED = [(OIC22, UN25)]
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyse(load_corpus([TEXTS]))


@pytest.fixture(scope="module", params=["fresh", "committed"])
def report(
    request: pytest.FixtureRequest, analysis: Analysis, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The report of texts/: rendered now, and the committed reports/ folder, so every fact
    below holds of what a reader of the repository opens, not only of a fresh render."""
    if request.param == "committed":
        return COMMITTED
    out = tmp_path_factory.mktemp("report")
    write_report(analysis, out, pairs=ASKED)
    return out


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), PARSER)


def text_of(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def clause_item(report: Path, doc_id: str, words: str) -> etree._Element:
    """The <li> of a document page whose clause text holds `words`."""
    page = parse(report / "documents" / f"{doc_id}.html")
    found = [
        li
        for li in page.iter("li")
        if "clause" in li.get("class", "").split() and words in text_of(li)
    ]
    assert len(found) == 1, f"{len(found)} clauses of {doc_id} hold {words!r}"
    return found[0]


def test_report_has_every_page_kind(report: Path, analysis: Analysis) -> None:
    """Overview, one page per document and per family, the pair asked for (no document of
    the seeds has a previous version among them), static files."""
    names = {p.relative_to(report).as_posix() for p in report.rglob("*") if p.is_file()}
    assert {"index.html", "static/lineage.css", "static/lineage.js"} <= names
    assert {f"documents/{d}.html" for d in (UN20, ASH20, OIC22, UN25)} <= names
    assert {f"families/{f.id}.html" for f in analysis.families} <= names
    assert {f"pairs/{OIC22}--{UN25}.html"} == {n for n in names if n.startswith("pairs/")}


def test_every_page_is_well_formed_xhtml(report: Path) -> None:
    """Pages are written as XHTML-compatible HTML5, so a strict XML parser reads each one."""
    pages = sorted(report.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        root = parse(page).getroot()
        assert root.tag == "html" and root.get("lang") == "en", page
        assert [el.tag for el in root] == ["head", "body"], page
        assert len(root.xpath("//title")) == 1 and not root.xpath("//title/*"), page
        ids = root.xpath("//@id")
        assert len(ids) == len(set(ids)), page


def test_pages_are_offline_and_script_free_inline(report: Path) -> None:
    """Strict CSP on every page; no inline script/style, no event attributes, no remote URL."""
    for page in sorted(report.rglob("*.html")):
        root = parse(page).getroot()
        csp = root.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
        assert csp == [CSP], page
        assert all(s.get("src") for s in root.iter("script")), page
        assert not list(root.iter("style")), page
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                assert name != "style" and not name.startswith("on"), (page, el.tag, name)
                if name in ("href", "src"):
                    assert not urlsplit(value).scheme and not value.startswith("//"), value


def test_every_internal_link_resolves(report: Path) -> None:
    """Each relative href points at a file of the report and, with a fragment, at an id in it."""
    ids: dict[Path, set[str]] = {}
    for page in sorted(report.rglob("*.html")):
        ids[page.resolve()] = set(parse(page).getroot().xpath("//@id"))
    checked = 0
    for page in sorted(report.rglob("*.html")):
        for href in parse(page).getroot().xpath("//@href"):
            parts = urlsplit(href)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            assert target.is_file(), (page, href)
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in ids[target], (page, href)
            checked += 1
    assert checked > 100


def test_2025_marks_peace_mediation_chamber_clause_new(report: Path) -> None:
    """79/274's operative clause on a Peace Mediation Chamber appears in no earlier text."""
    li = clause_item(report, UN25, "Peace Mediation Chamber")
    assert "p-new" in li.get("class", "").split()
    assert li.get("id", "").startswith("O")
    badges = [text_of(b) for b in li.iter("span") if "badge" in b.get("class", "")]
    assert badges == ["new"]


def test_2025_preventive_diplomacy_clause_descends_from_75_28(report: Path) -> None:
    """'Acknowledging that such national policies...' is 75/28's 'Recognizing that such...'."""
    li = clause_item(
        report,
        UN25,
        "Acknowledging that such national policies of neutrality "
        "are aimed at promoting the use of preventive diplomacy",
    )
    assert "p-new" not in li.get("class", "")
    assert li.get("id", "").startswith("P")
    hrefs = li.xpath(".//a/@href")
    assert any(h.startswith(f"../documents/{UN20}.html") for h in hrefs), hrefs
    assert any(h.startswith("../families/F") for h in hrefs), hrefs


def test_clause_anchors_match_clause_ids(report: Path, analysis: Analysis) -> None:
    """A reviewer can link to any clause: each document page has an element per clause id."""
    for doc in analysis.documents:
        ids = set(parse(report / "documents" / f"{doc.id}.html").getroot().xpath("//li/@id"))
        assert {c.id for c in doc.clauses} <= ids


def test_document_page_shows_press_release_apart(report: Path) -> None:
    """79/274's press-release paragraphs are shown under 'Not clauses', never as clauses."""
    root = parse(report / "documents" / f"{UN25}.html").getroot()
    apart = root.xpath('//section[@class="apart"]')
    assert apart and "Aksoltan Atayeva" in text_of(apart[0])
    clauses = " ".join(text_of(li) for li in root.xpath('//li[contains(@class,"clause")]'))
    assert "Aksoltan Atayeva" not in clauses


def provenance(li: etree._Element) -> tuple[str, list[str], list[str], list[str]]:
    """(badge, documents it comes from, documents it first appeared in, relations) of a clause."""
    badge = " ".join(text_of(b) for b in li.xpath('.//span[contains(@class,"badge")]'))
    came = [h.split("#")[0] for h in li.xpath('.//span[@class="from"]/a/@href')]
    first = [h.split("#")[0] for h in li.xpath('.//span[@class="first"]/a/@href')]
    relations = [text_of(r).split()[0] for r in li.xpath('.//span[contains(@class,"rel")]')]
    return badge, came, first, relations


def test_pages_say_where_clauses_come_from_as_a_reader_finds(report: Path) -> None:
    """Facts read off the texts, checked on the document pages:
    - 79/274 "Underlining that the national policies of neutrality of some States ..." is
      75/28's clause word for word: borrowed (75/28 is another series), verbatim, from and
      first in 75/28;
    - 79/274 "Underlining the contribution of neutral Turkmenistan ..." is the OIC's
      "Underlying the contribution ..." (one word changed, spacing of "-led"): borrowed, from
      and first in the OIC resolution, which no earlier text has;
    - 79/274 "Recognizing the positive role that neutral Turkmenistan plays in ... humanitarian
      assistance" takes the OIC's wording ("guiding principles ... including the principle of
      neutrality"), which reworded 75/28's "Recognizing also the positive role that neutral
      countries could play": from the OIC resolution, first in 75/28;
    - OIC op 6 "Invite all OIC Member States to mark annually the International Day ..." is
      75/28's op 5 with its addressees cut: from and first in 75/28, not new;
    - 79/274's last clause (the provisional agenda of the eightieth session) is in no earlier
      text: new, with no source."""
    doc = {d: f"../documents/{d}.html" for d in (UN20, OIC22)}
    verbatim = provenance(
        clause_item(
            report, UN25, "Underlining that the national policies of neutrality of some States"
        )
    )
    assert verbatim == ("borrowed", [doc[UN20]], [doc[UN20]], ["verbatim"])
    amended = provenance(
        clause_item(
            report,
            UN25,
            "Underlining the contribution of neutral Turkmenistan in the United Nations",
        )
    )
    assert amended[:3] == ("borrowed", [doc[OIC22]], [doc[OIC22]])
    assert amended[3] != ["verbatim"]
    humanitarian = provenance(
        clause_item(report, UN25, "Recognizing the positive role that neutral Turkmenistan plays")
    )
    assert humanitarian[0] != "new" and humanitarian[1:3] == ([doc[OIC22]], [doc[UN20]])
    day = provenance(
        clause_item(
            report, OIC22, "Invite all OIC Member States to mark annually the International Day"
        )
    )
    assert day[0] != "new" and day[1:3] == ([doc[UN20]], [doc[UN20]])
    agenda = provenance(
        clause_item(
            report, UN25, "Decides to include in the provisional agenda of its eightieth session"
        )
    )
    assert agenda == ("new", [], [], [])


def test_pair_page_matches_edited_clause_on_one_row(report: Path) -> None:
    """OIC 'Underlying the contribution' became 2025 'Underlining the contribution': one row,
    the old word deleted on the left and the new one inserted on the right."""
    root = parse(report / "pairs" / f"{OIC22}--{UN25}.html").getroot()
    rows = [r for r in root.xpath('//div[contains(@class,"row")]') if "inter-Tajik" in text_of(r)]
    assert len(rows) == 1
    row = rows[0]
    assert "match" in row.get("class", "").split()
    left, right = row.xpath('./div[contains(@class,"col")]')
    assert "Underlying" in " ".join(text_of(d) for d in left.iter("del"))
    assert "Underlining" in " ".join(text_of(i) for i in right.iter("ins"))


def test_pair_page_puts_new_clause_on_its_own_row(report: Path) -> None:
    """The Peace Mediation Chamber clause has no counterpart in the OIC text."""
    root = parse(report / "pairs" / f"{OIC22}--{UN25}.html").getroot()
    rows = [
        r
        for r in root.xpath('//div[contains(@class,"row")]')
        if "Peace Mediation Chamber" in text_of(r)
    ]
    assert len(rows) == 1 and "b-only" in rows[0].get("class", "").split()


def test_family_page_lists_versions_in_date_order(report: Path, analysis: Analysis) -> None:
    """The family of the 2025 preventive-diplomacy clause starts at 75/28 and ends at 79/274,
    each later version diffed from an earlier one, and 2025 points at 75/28's wording, which
    only differs by its first word ("Recognizing" became "Acknowledging")."""
    uid = next(
        c.uid
        for c in analysis.corpus.document(UN25).clauses
        if c.text.startswith("Acknowledging that such national policies")
    )
    fam = next(f for f in analysis.families if uid in f.clauses)
    root = parse(report / "families" / f"{fam.id}.html").getroot()
    versions = root.xpath('//li[contains(@class,"version")]/@id')
    assert versions[0] == f"v-{UN20}" and versions[-1] == f"v-{UN25}"
    assert versions == sorted(versions, key=[f"v-{d}" for d in (UN20, ASH20, OIC22, UN25)].index)
    for version in root.xpath('//li[contains(@class,"version")]')[1:]:
        assert list(version.iter("ins")) or list(version.iter("del")), version.get("id")
    last = root.xpath(f'//li[@id="v-{UN25}"]')[0]
    assert f"../documents/{UN20}.html#P6" in last.xpath(".//a/@href")
    assert "Recognizing that such national policies" in text_of(
        root.xpath(f'//li[@id="v-{UN20}"]')[0]
    )


def test_overview_shows_2015_outcome_document_as_cited_without_text(report: Path) -> None:
    """A/70/652-S/2016/20 is in the citation graph, marked as having no text, and named below
    the timeline (dated 2015, before the seeds' dates, which the axis spans)."""
    root = parse(report / "index.html").getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    nodes = root.xpath('//s:g[contains(@class,"cited")]', namespaces=ns)
    labels = [text_of(n) for n in nodes]
    assert any("A/70/652" in label for label in labels), labels
    assert "A/70/652-S/2016/20" in text_of(root.xpath('//details[@class="citelist"]')[0])
    assert "A/70/652-S/2016/20" in text_of(root.xpath('//p[@class="outside"]')[0])


def test_overview_matrix_has_a_row_per_family(report: Path, analysis: Analysis) -> None:
    """One matrix row per family present, one column per document, cells linking to versions."""
    root = parse(report / "index.html").getroot()
    rows = root.xpath('//table[@id="matrix"]/tbody/tr')
    assert len(rows) == len(analysis.families)
    assert all(len(r.xpath("./td")) == 4 for r in rows)
    links = root.xpath('//table[@id="matrix"]//td/a/@href')
    assert links and all(re.match(r"families/F\d+\.html#v-", h) for h in links)


def test_two_runs_give_identical_files(analysis: Analysis, tmp_path: Path) -> None:
    """Same input, same bytes: rendering twice, and a fresh analysis, change nothing."""
    first = render_report(analysis)
    again = render_report(analyse(load_corpus([TEXTS])))
    assert first == again
    write_report(analysis, tmp_path / "a")
    write_report(analysis, tmp_path / "b")
    files_a = {
        p.relative_to(tmp_path / "a"): p.read_bytes()
        for p in (tmp_path / "a").rglob("*")
        if p.is_file()
    }
    files_b = {
        p.relative_to(tmp_path / "b"): p.read_bytes()
        for p in (tmp_path / "b").rglob("*")
        if p.is_file()
    }
    assert files_a == files_b
    assert all(b"\r\n" not in data for data in files_a.values())


def test_failed_run_leaves_previous_report_intact(analysis: Analysis, tmp_path: Path) -> None:
    """A run that fails (here: an unknown document asked for) writes nothing at all."""
    write_report(analysis, tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(UsageError, match="no-such-doc"):
        write_report(analysis, tmp_path, pairs=[(UN20, "no-such-doc")])
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.parent.iterdir() if p.name.startswith(f".{tmp_path.name}.")]


def test_extra_pairs_get_their_page(analysis: Analysis) -> None:
    """write_report(pairs=...) adds side-by-side pages beyond the successive ones."""
    files = render_report(analysis, pairs=[(UN20, UN25)])
    assert f"pairs/{UN20}--{UN25}.html" in files
    assert "Peace Mediation Chamber" in files[f"pairs/{UN20}--{UN25}.html"]


HOSTILE = """+++
id = "hostile"
date = 2021-01-01
title = "Evil <script>alert('title')</script>"
+++
The General Assembly,

Recalling the <script>alert(1)</script> and <img src=x onerror="alert(2)"> texts,

1. *Invites* the Secretary-General to cooperate closely with neutral States, with a view to
implementing the principles of preventive diplomacy <b onclick="x()">now</b>;
"""


def test_html_in_a_document_is_shown_as_text(analysis: Analysis, tmp_path: Path) -> None:
    """A document holding <script> or <img onerror> shows them as text; no element is made."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "2020-12-07_unga-res-75-28.txt").write_text(
        (TEXTS / "2020-12-07_unga-res-75-28.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (texts / "2021-01-01_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report"
    write_report(analyse(load_corpus([texts])), out)
    page = out / "documents" / "hostile.html"
    root = parse(page).getroot()
    assert "<script>alert(1)</script>" in text_of(root)
    assert '<img src=x onerror="alert(2)">' in text_of(root)
    for path in out.rglob("*.html"):
        tree = parse(path).getroot()
        assert not list(tree.iter("img")) and not list(tree.iter("b"))
        assert all(
            s.get("src", "").endswith(("static/lineage.js", "static/search.js", "static/legend.js"))
            for s in tree.iter("script")
        )
    assert "&lt;script&gt;" in page.read_text(encoding="utf-8")


def test_render_pair_page_stands_alone(analysis: Analysis) -> None:
    """`lineage diff A B --html` gets one self-contained page: inline CSS/JS allowed by hash."""
    html = render_pair_page(analysis, OIC22, UN25)
    root = etree.fromstring(html.encode("utf-8"), PARSER)
    csp = root.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "'unsafe-inline'" not in csp and "default-src 'none'" in csp
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        assert len(list(root.iter(tag))) == 1
        (raw,) = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)  # the bytes a browser hashes
        digest = base64.b64encode(hashlib.sha256(raw.encode("utf-8")).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert not root.xpath("//@src") and not root.xpath('//link[@rel="stylesheet"]')
    assert "Peace Mediation Chamber" in html
    assert render_pair_page(analysis, OIC22, UN25) == html
    with pytest.raises(UsageError):
        render_pair_page(analysis, OIC22, "nope")


def _synthetic(n_docs: int) -> Analysis:
    """A corpus of n_docs documents sharing one clause, each with one clause of its own."""
    docs, links, events, shared = [], [], [], []
    for i in range(n_docs):
        doc_id = f"d{i:04d}"
        text = "Recalling the importance of neutrality for peace and security in the region"
        own = f"Decides to hold meeting number {i} of the working group"
        clauses = (
            Clause(doc_id, "P1", "preamble", 0, "", text, 0, 10, 1, text.lower()),
            Clause(doc_id, "O1", "operative", 1, "1.", own, 11, 20, 2, own.lower()),
        )
        docs.append(
            Document(
                doc_id,
                f"Doc {i}",
                f"{2000 + i // 12:04d}-{i % 12 + 1:02d}-01",
                "Body",
                "",
                "en",
                "",
                f"{doc_id}.txt",
                "",
                clauses,
            )
        )
        shared.append(f"{doc_id}/P1")
        if i:
            links.append(Link(shared[i - 1], shared[i], "verbatim", 1.0, "exact"))
        events.append(
            Event(
                doc_id,
                "carried" if i else "new",
                (shared[i],),
                shared[i - 1] if i else None,
                "verbatim" if i else None,
            )
        )
    fams = [Family("F1", tuple(shared), shared[0], tuple(events))]
    fams += [
        Family(f"F{i + 2}", (f"{d.id}/O1",), f"{d.id}/O1", (Event(d.id, "new", (f"{d.id}/O1",)),))
        for i, d in enumerate(docs)
    ]
    corpus = Corpus(tuple(docs))
    return Analysis(corpus, tuple(links), tuple(fams), graph=build_graph(corpus, links))


def test_large_corpus_overview_is_paged() -> None:
    """70 documents, 30 a page: three overview pages, none with more than 30 columns; the 70
    versions of one series (one title, a clause carried), 69 side-by-side pages."""
    files = render_report(_synthetic(70), page_docs=30)
    pages = sorted(n for n in files if re.fullmatch(r"index(-\d+)?\.html", n))
    assert pages == ["index-2.html", "index-3.html", "index.html"]
    for name in pages:
        root = etree.fromstring(files[name].encode("utf-8"), PARSER)
        width = len(root.xpath('//table[@id="matrix"]/thead/tr[@class="docs"]/th'))
        assert 1 <= width <= 30
        assert len(root.xpath('//table[@class="heat"]/tbody/tr')) == width
        pager = root.xpath('//nav[@class="pager"]//a/@href')
        assert len(pager) == 2 and name not in pager
    last = etree.fromstring(files["index-3.html"].encode("utf-8"), PARSER)
    assert len(last.xpath('//table[@id="matrix"]/thead/tr[@class="docs"]/th')) == 10
    assert len([n for n in files if n.startswith("pairs/")]) == 69


@given(st.text(max_size=20), st.text(max_size=20))
def test_page_names_are_safe_and_distinct(a: str, b: str) -> None:
    """Any id gives a file name of safe characters, and two ids never share one."""
    assert re.fullmatch(r"[A-Za-z0-9_~-]+", page_name(a))
    assert (page_name(a) == page_name(b)) == (a == b)


def test_cli_report_writes_the_report(tmp_path: Path) -> None:
    """`lineage report texts -o DIR`, run as a user would, writes the overview and pages."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    done = subprocess.run(
        [
            *(sys.executable, "-m", "lineage.cli", "report", str(TEXTS)),
            *("-o", str(tmp_path / "out"), "--pair", OIC22, UN25),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "out" / "index.html").is_file()
    assert (tmp_path / "out" / "pairs" / f"{OIC22}--{UN25}.html").is_file()


def test_empty_and_single_document_corpora_render() -> None:
    """No documents, or one document without links, still give well-formed pages."""
    assert sorted(render_report(Analysis(Corpus(()), (), ()))) == [
        "index.html",
        "search-index.js",
        "static/legend.js",
        "static/lineage.css",
        "static/lineage.js",
        "static/search.js",
    ]
    solo = _synthetic(1)
    odd = Family("F9", ("d0000/O1",), "d0000/O1", (Event("d0000", "renumbered", ("d0000/O1",)),))
    files = render_report(Analysis(solo.corpus, (), (*solo.families[:1], odd)))
    assert "documents/d0000.html" in files and "families/F9.html" in files
    for name, text in files.items():
        if name.endswith(".html"):
            etree.fromstring(text.encode("utf-8"), PARSER)
    assert "renumbered" in files["families/F9.html"]


def test_side_by_side_rows_keep_both_documents_whole_and_in_order(analysis: Analysis) -> None:
    """Every pair: each clause of both documents on exactly one row, the second document in
    order, the first in order along its own rows and the steady matches (a moved row is never
    steady), deletions before insertions."""
    from lineage.report.html.model import Lookup
    from lineage.report.html.sidebyside import pair_page

    lookup = Lookup(analysis)
    ids = [d.id for d in analysis.documents]
    for a_id in ids:
        for b_id in ids:
            if a_id == b_id:
                continue
            rows = [r for g in pair_page(lookup, a_id, b_id).groups for r in g.rows]
            a_ids = [r.a.id[2:] for r in rows if r.a]
            b_ids = [r.b.id[2:] for r in rows if r.b]
            assert b_ids == [c.id for c in analysis.corpus.document(b_id).clauses]
            assert sorted(a_ids) == sorted(c.id for c in analysis.corpus.document(a_id).clauses)
            index = {c.id: c.index for c in analysis.corpus.document(a_id).clauses}
            steady = [index[r.a.id[2:]] for r in rows if r.a and (r.kind == "a-only" or r.steady)]
            assert steady == sorted(steady), (a_id, b_id)
            assert not any(r.moved and r.steady for r in rows), (a_id, b_id)
            for before, after in zip(rows, rows[1:], strict=False):
                assert not (before.kind == "b-only" and after.kind == "a-only"), (a_id, b_id)


def test_rewrite_drops_pages_of_the_earlier_report(analysis: Analysis, tmp_path: Path) -> None:
    """A page the new report no longer has is removed; files that are not the report's stay."""
    write_report(analysis, tmp_path, pairs=[(UN20, UN25)])
    extra = tmp_path / "pairs" / f"{UN20}--{UN25}.html"
    assert extra.is_file()
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "documents" / "notes.txt").write_text("mine too", encoding="utf-8")
    write_report(analysis, tmp_path, pairs=ASKED)
    assert not extra.exists()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "documents" / "notes.txt").is_file()
    assert (tmp_path / "pairs" / f"{OIC22}--{UN25}.html").is_file()


def test_committed_reports_folder_is_the_report_of_texts():
    """reports/ in the repository is exactly what `lineage report` writes for texts/ today.

    The report is byte-identical run to run, so a stale reports/ (a template or the aligner
    changed, nobody re-ran `lineage report`) is a real difference, and this test names it.
    """
    from conftest import ROOT, TEXTS
    from lineage.analysis import analyse
    from lineage.corpus import load_corpus
    from lineage.report.html import render_report

    expected = render_report(analyse(load_corpus([TEXTS])), pairs=ASKED)
    folder = ROOT / "reports"
    on_disk = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file() and p.name != ".lineage-manifest.json"  # what `lineage report` wrote
    }
    stale = sorted(k for k in expected if on_disk.get(k) != expected[k])
    extra = sorted(set(on_disk) - set(expected))
    assert not stale and not extra, (
        "reports/ is out of date (run `lineage report --pair oic-cfm-res-64-48-pol "
        f"unga-res-79-274`): differs {stale[:5]}, extra {extra[:5]}"
    )
