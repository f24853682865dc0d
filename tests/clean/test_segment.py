"""Clause splitting: contrast markers, offsets property, empty and huge texts."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxtext.clean import Clause, split_clauses

CASES = [
    (
        "The staff were lovely but I waited four hours.",
        ["The staff were lovely", "but I waited four hours."],
    ),
    (
        "The staff were lovely, but I waited four hours.",
        ["The staff were lovely", "but I waited four hours."],
    ),
    (
        "Food was good however the service was slow",
        ["Food was good", "however the service was slow"],
    ),
    (
        "Although the staff were nice, I waited four hours.",
        ["Although the staff were nice", "I waited four hours."],
    ),
    ("I liked it even though it was late.", ["I liked it", "even though it was late."]),
    ("The food was cold yet tasty.", ["The food was cold", "yet tasty."]),
    ("Everything was great except the coffee.", ["Everything was great", "except the coffee."]),
    (
        "The food was great whereas the drinks were awful",
        ["The food was great", "whereas the drinks were awful"],
    ),
    ("I read a book while I waited", ["I read a book", "while I waited"]),
    (
        "The room was nice, on the other hand the breakfast was poor.",
        ["The room was nice", "on the other hand the breakfast was poor."],
    ),
    ("Good food; bad service; ok price", ["Good food", "bad service", "ok price"]),
    ("Great food. Slow service though.", ["Great food.", "Slow service though."]),
    ("Nothing but praise for the team.", ["Nothing but praise for the team."]),
    ("Last but not least, thanks!", ["Last but not least, thanks!"]),
    ("I have yet to receive a refund.", ["I have yet to receive a refund."]),
    ("Not received yet, but hopeful.", ["Not received yet", "but hopeful."]),
    ("It took a while to load.", ["It took a while to load."]),
    ("While I waited, the staff helped.", ["While I waited", "the staff helped."]),
    ("But it was fine.", ["But it was fine."]),
    ("...but nothing else", ["but nothing else"]),
    ("Line one\nline two but bad", ["Line one", "line two", "but bad"]),
    ("[enraged face] but ok", ["[enraged face]", "but ok"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_clauses(text: str, expected: list[str]) -> None:
    clauses = split_clauses([text])[0]
    assert [c.text for c in clauses] == expected
    for c in clauses:
        assert text[c.start : c.end] == c.text


def test_sentence_numbers_and_type() -> None:
    text = "Great food. Slow service but friendly.\nWill return"
    clauses = split_clauses([text])[0]
    assert all(isinstance(c, Clause) for c in clauses)
    assert [(c.text, c.sentence) for c in clauses] == [
        ("Great food.", 0),
        ("Slow service", 1),
        ("but friendly.", 1),
        ("Will return", 2),
    ]


def test_empty_and_odd_inputs() -> None:
    assert split_clauses(["", "   ", "!!!", None]) == [[], [], [], []]  # type: ignore[list-item]
    assert split_clauses([]) == []


def test_batch_keeps_order() -> None:
    texts = ["A but B.", "", "C; D", "E"]
    out = split_clauses(texts)
    assert [[c.text for c in cl] for cl in out] == [["A", "but B."], [], ["C", "D"], ["E"]]


def test_huge_text_is_capped_and_fast() -> None:
    text = "The staff were lovely but I waited four hours. " * 2200  # ~100 KB
    start = time.perf_counter()
    clauses = split_clauses([text])[0]
    assert time.perf_counter() - start < 10
    assert 0 < clauses[-1].end <= 20_000
    assert all(text[c.start : c.end] == c.text for c in clauses)
    assert len(split_clauses([text], max_chars=1000)[0]) < len(clauses)


_ALPHABET = st.sampled_from(
    list("abc xyz,.;!?-\n'\"()") + ["but", " however ", " yet ", " while ", "although", "😀", "é"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=40).map("".join), max_size=5))
def test_offsets_property(texts: list[str]) -> None:
    for text, clauses in zip(texts, split_clauses(texts)):
        for c in clauses:
            assert text[c.start : c.end] == c.text
            assert c.text == c.text.strip() and c.text
            assert any(ch.isalnum() for ch in c.text)
        starts = [c.start for c in clauses]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in pairwise(clauses))


_SENTENCE_ALPHABET = st.sampled_from(
    list("ab .!?,;\"')(\n") + ["...", "?!", " Dr. ", "\u3002", "\u061f", " :) ", "ok"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_SENTENCE_ALPHABET, max_size=40).map("".join))
def test_sentence_starts_follow_spacys_sentencizer(text: str) -> None:
    from cxtext._nlp import load_nlp
    from cxtext.clean.segment import _rule_hashes, _sentence_starts, _Tokens

    nlp = load_nlp()
    reference = nlp(text)  # the pipeline's own sentencizer
    expected = [s.start for s in reference.sents] if len(reference) else [0]
    assert _sentence_starts(_Tokens(nlp.make_doc(text)), _rule_hashes()) == expected


def test_split_with_docs_returns_the_same_clauses_and_their_tokens() -> None:
    from cxtext.clean.segment import split_clauses_with_docs

    texts = ["Lovely staff but I waited an hour. Never again!", "", "   ", None, "ok"]
    clauses, docs = split_clauses_with_docs(texts)  # type: ignore[arg-type]
    assert clauses == split_clauses(texts)  # type: ignore[arg-type]
    assert docs[1] is None and docs[2] is None and docs[3] is None
    assert docs[0].text == texts[0] and docs[4].text == "ok"
    # clause offsets index the Doc too
    first = docs[0].char_span(clauses[0][0].start, clauses[0][0].end)
    assert first is not None and first.text == "Lovely staff"
