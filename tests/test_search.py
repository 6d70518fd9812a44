"""The report's search index (report/html/search.py), read as data: every clause is in it once
by its wording, its ids decode back to the clause's words, and it is the same bytes every run.

What the browser does with it (a phrase typed finds its clause, the link opens it) is in
test_report_browser.py; here the data the script reads is checked on its own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from lineage.analysis import analyse
from lineage.clean.normalize import SUPERSCRIPTS
from lineage.corpus import load_corpus
from lineage.model import Analysis
from lineage.report.html import render_report
from lineage.report.html.model import Lookup
from lineage.report.html.search import (
    ID_CHARS,
    SEARCH_FILE,
    display_token,
    encoder,
    index_data,
    index_script,
)

TEXTS = Path(__file__).resolve().parent.parent / "texts"
UN25 = "unga-res-79-274"


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyse(load_corpus([TEXTS]))


@pytest.fixture(scope="module")
def data(analysis: Analysis) -> dict:
    return index_data(Lookup(analysis))


def decode(data: dict, text: str) -> list[str]:
    """The tokens of one id string, as search.js decodes it (an escape takes two characters)."""
    words = data["words"].split(" ")
    single = data["single"]
    position = {c: i for i, c in enumerate(ID_CHARS)}
    out, i = [], 0
    while i < len(text):
        n = position[text[i]]
        if n >= single:
            out.append(words[single + (n - single) * single + position[text[i + 1]]])
            i += 2
        else:
            out.append(words[n])
            i += 1
    return out


def test_every_clause_is_listed_once_under_its_wording(analysis: Analysis, data: dict) -> None:
    """Each clause of texts/ stands in exactly one entry, and that entry decodes to its words
    and punctuation marks (look-alike letters inside Latin words shown Latin: 64/48-POL writes
    "bу" with a Cyrillic у)."""
    texts = data["texts"].split("\n")
    assert len(texts) == len(data["where"])
    seen: dict[tuple[str, str], str] = {}
    doc_ids = [d[0] for d in data["docs"]]
    for text, where in zip(texts, data["where"], strict=True):
        words = decode(data, text)
        for d, clause_id in zip(where[0::3], where[1::3], strict=True):
            key = (doc_ids[d], clause_id)
            assert key not in seen
            seen[key] = " ".join(words)
    clauses = {(d.id, c.id): c for d in analysis.documents for c in d.clauses}
    assert set(seen) == set(clauses)
    for key, words in seen.items():
        expected = re.findall(rf"[^\W{SUPERSCRIPTS}]+|[{SUPERSCRIPTS}]+|[^\w\s]", clauses[key].text)
        assert words == " ".join(map(display_token, expected))


def test_the_chamber_clause_is_found_by_its_words(data: dict) -> None:
    """79/274 O3 (read in the text: "... to set up on its territory the Peace Mediation Chamber
    under the auspices of the United Nations ...") holds the phrase, in that order."""
    docs = [d[0] for d in data["docs"]]
    found = [
        (docs[where[0]], where[1])
        for text, where in zip(data["texts"].split("\n"), data["where"], strict=True)
        if "Peace Mediation Chamber under the auspices" in " ".join(decode(data, text))
    ]
    assert found == [(UN25, "O3")]


def test_documents_carry_symbol_title_and_date(data: dict) -> None:
    """Documents are searched by symbol and title: both are in the index, in date order."""
    assert [d[1] for d in data["docs"]] == [
        "A/RES/75/28",
        "A/75/651-S/2020/1203",
        "64/48-POL",
        "A/RES/79/274",
    ]
    assert data["docs"][-1][2] == "Permanent neutrality of Turkmenistan"
    assert [d[3] for d in data["docs"]] == sorted(d[3] for d in data["docs"])


def test_families_are_named_and_every_family_index_is_valid(data: dict) -> None:
    """A clause's family is given by position in the family list, or -1 for none."""
    families = data["families"]
    assert families and all(re.fullmatch(r"F\d+", f[1]) for f in families)
    for where in data["where"]:
        for f in where[2::3]:
            assert f == -1 or 0 <= f < len(families)


def test_the_index_is_a_script_of_data_and_the_same_bytes_twice(analysis: Analysis) -> None:
    """One assignment of JSON to self.LINEAGE_SEARCH, nothing to run; rendered twice, equal."""
    script = index_script(Lookup(analysis))
    head, assignment = script.split("\n", 1)
    assert head.startswith("/*") and head.endswith("*/")
    prefix = "self.LINEAGE_SEARCH="
    assert assignment.startswith(prefix) and assignment.endswith(";\n")
    json.loads(assignment[len(prefix) : -2])
    assert render_report(analysis)[SEARCH_FILE] == script


def test_the_index_is_smaller_than_the_text_it_indexes(analysis: Analysis) -> None:
    """Compact: the id strings and vocabulary take less than the clauses' own characters."""
    size = len(index_script(Lookup(analysis)).encode("utf-8"))
    text = sum(len(c.text.encode("utf-8")) for d in analysis.documents for c in d.clauses)
    assert size < text


def test_id_characters_need_no_escape_in_json() -> None:
    """Every id character is written as itself by json.dumps, so ids cost no escapes."""
    assert len(set(ID_CHARS)) == len(ID_CHARS)
    sample = "".join(ID_CHARS)
    assert json.dumps(sample, ensure_ascii=False) == f'"{sample}"'
    assert "\n" not in ID_CHARS


@settings(deadline=None)  # a loaded machine must not make a correct encoder fail
@given(
    st.integers(min_value=2, max_value=40),
    st.lists(st.integers(min_value=0, max_value=499), max_size=60),
)
def test_encoder_ids_read_back_past_the_one_character_ids(single: int, sequence: list[int]) -> None:
    """With fewer one-character ids than tokens (here 500 tokens, 2 to 40 single ids), escape
    pairs still give each token its own id and a string of ids decodes to the same tokens."""
    vocabulary = [f"w{i}" for i in range(500)]
    codes = encoder(vocabulary, single)
    assert len(set(codes.values())) == len(vocabulary)
    text = "".join(codes[vocabulary[i]] for i in sequence)
    data = {"words": " ".join(vocabulary), "single": single}
    assert decode(data, text) == [vocabulary[i] for i in sequence]


def test_lookalike_letters_inside_latin_words_are_shown_latin() -> None:
    """`neutrаlity` with a Cyrillic `а` is indexed as the Latin word; Russian words stay."""
    assert display_token("neutr\u0430lity") == "neutrality"
    assert display_token("Нейтралитет") == "Нейтралитет"
    assert display_token("peace") == "peace"


def test_a_superscript_marker_is_a_token_of_its_own() -> None:
    """78/69 glues footnote 10 to "Indigenous Peoples" (shown "Peoples¹⁰", clean/shown.py):
    the index holds "Peoples" and "¹⁰" apart, so the words of the title find the clause
    (search.js steps over superscript digits, as over punctuation)."""
    path = SHARED / "un-ga" / "2023-12-05_a-res-78-69.txt"
    if not path.is_file():
        pytest.skip(f"no {path}")
    one = index_data(Lookup(analyse(load_corpus([path]))))
    wordings = [decode(one, text) for text in one["texts"].split("\n")]
    hits = [w for w in wordings if "Peoples ¹⁰ in the context" in " ".join(w)]
    assert len(hits) == 1
    assert not any("Peoples¹⁰" in w for w in wordings)
