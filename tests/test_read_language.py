"""Language: detected when no metadata gives it, recorded in the JSON and as `lang` on pages."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from conftest import CORPUS, UNGA
from lineage.cli import main
from lineage.corpus import load_corpus
from lineage.read import language
from lineage.read.language import DEFAULT, SAMPLE_CHARS, detect_language

ENGLISH = (
    "Recalling its resolutions 50/80 A of 12 December 1995 and 69/285 of 3 June 2015 on the "
    "permanent neutrality of Turkmenistan, Reaffirming the sovereign right of every State to "
    "determine independently its foreign policy in accordance with the norms and principles "
    "of international law, including the Charter of the United Nations,"
)
RUSSIAN = (
    "Ссылаясь на свои резолюции 50/80 A от 12 декабря 1995 года и 69/285 от 3 июня 2015 года "
    "о постоянном нейтралитете Туркменистана, вновь подтверждая суверенное право каждого "
    "государства самостоятельно определять свою внешнюю политику в соответствии с нормами и "
    "принципами международного права, включая Устав Организации Объединенных Наций,"
)
FRENCH = (
    "Rappelant ses résolutions 50/80 A du 12 décembre 1995 et 69/285 du 3 juin 2015 sur la "
    "neutralité permanente du Turkménistan, Réaffirmant le droit souverain de chaque État de "
    "déterminer en toute indépendance sa politique étrangère conformément aux normes et "
    "principes du droit international, y compris la Charte des Nations Unies,"
)


def test_detects_english_russian_and_french_paragraphs() -> None:
    """The same preambular paragraphs of 79/274 in three of the UN languages."""
    assert detect_language(ENGLISH) == "en"
    assert detect_language(RUSSIAN) == "ru"
    assert detect_language(FRENCH) == "fr"


def test_too_short_to_tell_is_the_default() -> None:
    """A line or two is no evidence: the default, not a guess."""
    assert detect_language("Décide de rester saisi.") == DEFAULT


def test_real_resolution_without_metadata_is_english() -> None:
    """An un-ga extraction (page furniture and all) of A/RES/79/274 is English."""
    text = (CORPUS / "2025-03-21_unga-res-79-274.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "en"


def test_metadata_beats_detection(tmp_path: Path) -> None:
    """Front matter saying `language` is taken as it is, even over a French text."""
    (tmp_path / "2024-01-01_fr.txt").write_text(
        f'+++\nlanguage = "fr-CA"\n+++\n{FRENCH}\n', encoding="utf-8"
    )
    (doc,) = load_corpus([tmp_path]).documents
    assert doc.language == "fr-CA"


def test_language_in_the_json_and_on_the_page(tmp_path: Path) -> None:
    """A French text without metadata: `"language": "fr"` in the JSON, `<html lang="fr">` on
    its document page, "en" on the English one's."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "2024-01-01_fr.txt").write_text(
        f"L'Assemblée générale,\n\n{FRENCH}\n", encoding="utf-8"
    )
    (texts / "2024-01-02_en.txt").write_text(
        f"The General Assembly,\n\n{ENGLISH}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", "-", str(texts)])
    assert result.exit_code == 0, result.output
    assert {d["id"]: d["language"] for d in json.loads(result.output)["documents"]} == {
        "fr": "fr",
        "en": "en",
    }
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["report", str(texts), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    for doc_id in ("fr", "en"):
        page = etree.HTML((out / "documents" / f"{doc_id}.html").read_bytes())
        assert page.get("lang") == doc_id


@cache
def _reference() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    """py3langid's own identifier, walking its automaton byte by byte (loaded once)."""
    return _reference()


def _counts(identifier: LanguageIdentifier, text: str) -> object:
    data = identifier._encode(text)
    return visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data)


def _fast_counts(text: str) -> object:
    fast = language._identifier()
    fast.classify("warm")  # its arrays are made on first use
    return language.walk(*fast.arrays, fast._encode(text))


def test_array_walk_counts_what_py3langid_counts_on_real_texts(
    reference: LanguageIdentifier,
) -> None:
    """On the sample of every 20th un-ga text, and in three languages, the array walk finds
    py3langid's feature counts, in the same order (the order its score sums them in), and
    the same language and score."""
    texts = [ENGLISH, RUSSIAN, FRENCH]
    texts += [p.read_text(encoding="utf-8") for p in sorted(UNGA.glob("*.txt"))[::20]]
    assert len(texts) > 30
    for text in texts:
        sample = text[:SAMPLE_CHARS]
        expected = _counts(reference, sample)
        assert expected
        assert list(_fast_counts(sample).items()) == list(expected.items())
        assert language._identifier().classify(sample) == reference.classify(sample)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300))
def test_array_walk_equals_the_byte_walk_on_any_text(text: str) -> None:
    """Any text (any script, control characters, emoji): the same counts, or None only when
    py3langid finds no feature at all."""
    expected = _counts(_reference(), text)
    found = _fast_counts(text)
    assert (list(found.items()) if found else None) == (
        list(expected.items()) if expected else None
    )


def test_a_window_too_short_is_caught_and_py3langid_walks(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a window of 2 bytes the states are wrong, the check sees it (None), and the
    language still comes from py3langid's own walk: French stays French."""
    monkeypatch.setattr(language, "WINDOW", 2)
    assert _fast_counts(FRENCH) is None
    assert detect_language(FRENCH) == "fr"


def test_letters_after_the_first_thousand_characters_count() -> None:
    """A text opening with 1,000 characters of figures (a table, page furniture) and French
    after them: its letters are counted over the whole sample, and it is French."""
    opening = "12 34 56 78 90\n" * 67
    assert len(opening) > language.FIRST_CHARS
    assert detect_language(opening + FRENCH) == "fr"
    assert detect_language(opening) == DEFAULT
