"""Clause splitting: contrast markers, opposite opinions at a comma, offsets property,
empty and huge texts."""

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
    # a handle or hashtag keeps its @/# (the tweet features read it); stray punctuation does not
    ("@JetBlue ..... No crew at our gate.", ["@JetBlue ..... No crew at our gate."]),
    ("#fail the app crashed", ["#fail the app crashed"]),
    ("... @ home it broke", ["home it broke"]),
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


# Opposite opinions joined by a comma, a spaced dash or "apart from" / "other than" /
# "the only downside": cut there (segment.py's docstring has the rule).
OPINION_CUT = [
    # the bug bash's examples
    (
        "Good quality product, shame delivery took 2 weeks.",
        ["Good quality product", "shame delivery took 2 weeks."],
    ),
    ("Love the app, hate the fees.", ["Love the app", "hate the fees."]),
    ("Great price, poor quality.", ["Great price", "poor quality."]),
    ("Lovely staff, shame about the long wait.", ["Lovely staff", "shame about the long wait."]),
    ("Fab food, rude waiter.", ["Fab food", "rude waiter."]),
    ("Staff were helpful, the wait was not.", ["Staff were helpful", "the wait was not."]),
    (
        "Excellent service apart from the long queue.",
        ["Excellent service", "apart from the long queue."],
    ),
    # ours
    (
        "The rooms were spotless, the breakfast was awful.",
        ["The rooms were spotless", "the breakfast was awful."],
    ),
    ("Friendly staff - terrible food.", ["Friendly staff", "terrible food."]),
    (
        "Delivery was quick, the box was damaged though.",
        ["Delivery was quick", "the box was damaged though."],
    ),
    ("Great app, keeps crashing.", ["Great app", "keeps crashing."]),
    ("The food was delicious, the service slow.", ["The food was delicious", "the service slow."]),
    ("Nice hotel, shame about the noisy street.", ["Nice hotel", "shame about the noisy street."]),
    (
        "Lovely shop, pity that parking is so difficult.",
        ["Lovely shop", "pity that parking is so difficult."],
    ),
    (
        "Helpful agent, the hold time was ridiculous.",
        ["Helpful agent", "the hold time was ridiculous."],
    ),
    (
        "Everything was perfect other than the cold coffee.",
        ["Everything was perfect", "other than the cold coffee."],
    ),
    (
        "Great stay, my only complaint is the price.",
        ["Great stay", "my only complaint is the price."],
    ),
    (
        "The dress is gorgeous, the fabric is itchy.",
        ["The dress is gorgeous", "the fabric is itchy."],
    ),
    (
        "Fits perfectly, the colour was disappointing.",
        ["Fits perfectly", "the colour was disappointing."],
    ),
    ("Comfortable seats, rude cabin crew.", ["Comfortable seats", "rude cabin crew."]),
    ("Prices are reasonable, the wait is not.", ["Prices are reasonable", "the wait is not."]),
    ("Easy to book, the refund was a nightmare.", ["Easy to book", "the refund was a nightmare."]),
    (
        "The staff were unhelpful, the manager was brilliant.",
        ["The staff were unhelpful", "the manager was brilliant."],
    ),
    (
        "Food arrived cold - the waiter was lovely though.",
        ["Food arrived cold", "the waiter was lovely though."],
    ),
    (
        "Great location, the only thing I'd change is the beds.",
        ["Great location", "the only thing I'd change is the beds."],
    ),
    (
        "Quick delivery apart from one missing item.",
        ["Quick delivery", "apart from one missing item."],
    ),
    ("The app is easy to use, not the website.", ["The app is easy to use", "not the website."]),
    (
        "The staff were lovely, the rooms not so much.",
        ["The staff were lovely", "the rooms not so much."],
    ),
    (
        "Apart from the wait, everything was lovely.",
        ["Apart from the wait", "everything was lovely."],
    ),
    ("Great food... awful service", ["Great food", "awful service"]),
    (
        "The checkout is slow, the staff are great.",
        ["The checkout is slow", "the staff are great."],
    ),
    (
        "Great hotel, the only downside was the noise.",
        ["Great hotel", "the only downside was the noise."],
    ),
    (
        "Aside from the rushed service, we were very impressed.",
        ["Aside from the rushed service", "we were very impressed."],
    ),
    (
        "No complaints about the food, the service was poor.",
        ["No complaints about the food", "the service was poor."],
    ),
]

# Ordinary commas (lists, greetings, openers, numbers, addresses, one opinion): no new cut.
OPINION_KEEP = [
    # the bug bash's examples
    ("fast, friendly, efficient service", ["fast, friendly, efficient service"]),
    ("Clean, comfortable and quiet rooms", ["Clean, comfortable and quiet rooms"]),
    ("Thanks, great service", ["Thanks, great service"]),
    ("Overall, very happy", ["Overall, very happy"]),
    ("Yes, the staff were lovely", ["Yes, the staff were lovely"]),
    ("Well, it was fine", ["Well, it was fine"]),
    ("We paid 1,000 pounds, worth every penny.", ["We paid 1,000 pounds, worth every penny."]),
    (
        "Unit 4, 12 High Street, Leeds - terrible shop.",
        ["Unit 4, 12 High Street, Leeds - terrible shop."],
    ),
    ("Hi, I need to change my booking.", ["Hi, I need to change my booking."]),
    ("John, you were amazing.", ["John, you were amazing."]),
    ("Terrible service, thanks.", ["Terrible service, thanks."]),
    ("However, the room was dirty.", ["However, the room was dirty."]),
    ("Great food, great staff, great price.", ["Great food, great staff, great price."]),
    # ours
    (
        "The hotel, which is near the station, was spotless.",
        ["The hotel, which is near the station, was spotless."],
    ),
    ("Check-in was quick - no queue at all.", ["Check-in was quick - no queue at all."]),
    ("No complaints, the team were brilliant.", ["No complaints, the team were brilliant."]),
    ("Not bad, not bad at all.", ["Not bad, not bad at all."]),
    ("Honestly, the worst airline ever.", ["Honestly, the worst airline ever."]),
    (
        "After two weeks, the parcel finally arrived damaged.",
        ["After two weeks, the parcel finally arrived damaged."],
    ),
    ("Good morning, my flight was cancelled.", ["Good morning, my flight was cancelled."]),
    ("If you want good food, avoid this place.", ["If you want good food, avoid this place."]),
    ("The food, sadly, was cold.", ["The food, sadly, was cold."]),
    # "hassle-free" is praise: its fault word is absent (a probe of short answers, 2026-12-07)
    ("Hassle-free delivery, rude driver", ["Hassle-free delivery", "rude driver"]),
    ("Hassle-free, quick and friendly", ["Hassle-free, quick and friendly"]),
    ("Slow free wifi, lovely room", ["Slow free wifi", "lovely room"]),  # only a fault noun is undone by "free"
    # "otherwise" turns the comment (bug bash 2026-12-07: the refund mention read positive)
    (
        "Refund took three weeks, otherwise happy with the purchase",
        ["Refund took three weeks", "otherwise happy with the purchase"],
    ),
    ("Quick, easy, no hassle.", ["Quick, easy, no hassle."]),
    (
        "Couldn't be happier, the staff were brilliant.",
        ["Couldn't be happier, the staff were brilliant."],
    ),
    ("Nothing but praise, brilliant team.", ["Nothing but praise, brilliant team."]),
    ("Our waiter, Tom, was rude.", ["Our waiter, Tom, was rude."]),
    (
        "Very professional, never late, but expensive.",
        ["Very professional, never late", "but expensive."],
    ),
    ("The shoes fell apart from day one.", ["The shoes fell apart from day one."]),
    ("Love it, love it, love it!", ["Love it, love it, love it!"]),
    ("Slow, rude and unhelpful staff.", ["Slow, rude and unhelpful staff."]),
    ("Fits great, not too tight.", ["Fits great, not too tight."]),
    ("Luckily, the delay was short.", ["Luckily, the delay was short."]),
    ("Great service, no waiting.", ["Great service, no waiting."]),
    (
        "Ordered on 12 May, arrived on time, thank you.",
        ["Ordered on 12 May, arrived on time, thank you."],
    ),
    ("Ok, the food was cold.", ["Ok, the food was cold."]),
    ("The team, as always, were fantastic.", ["The team, as always, were fantastic."]),
    ("Can't fault it, brilliant service.", ["Can't fault it, brilliant service."]),
    (
        "I wanted to love this dress, it was too small.",
        ["I wanted to love this dress, it was too small."],
    ),
    ("Nothing other than praise for the crew.", ["Nothing other than praise for the crew."]),
    (
        "What a shame, the flight was delayed again.",
        ["What a shame, the flight was delayed again."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OPINION_CUT + OPINION_KEEP)
def test_opposite_opinions_at_a_comma(text: str, expected: list[str]) -> None:
    clauses = split_clauses([text])[0]
    assert [c.text for c in clauses] == expected
    for c in clauses:
        assert text[c.start : c.end] == c.text


def test_opinion_cut_keeps_sentence_numbers_and_offsets() -> None:
    text = "Great price, poor quality. Lovely staff - rude manager!\nGood food apart from the fries"
    clauses = split_clauses([text])[0]
    assert [(c.text, c.sentence) for c in clauses] == [
        ("Great price", 0),
        ("poor quality.", 0),
        ("Lovely staff", 1),
        ("rude manager!", 1),
        ("Good food", 2),
        ("apart from the fries", 2),
    ]
    assert all(text[c.start : c.end] == c.text for c in clauses)


def test_opinion_words_are_lower_case_and_disjoint() -> None:
    from cxtext.clean.opinion_words import NEGATIVE, NEGATORS, POSITIVE

    assert not POSITIVE & NEGATIVE and not (POSITIVE | NEGATIVE) & NEGATORS
    assert all(w == w.lower() and w.strip() == w for w in POSITIVE | NEGATIVE | NEGATORS)
    assert {"great", "lovely", "helpful"} <= POSITIVE and {"poor", "rude", "shame"} <= NEGATIVE


# Separators other than words: feeling emoji (as the cleaner names them, or raw),
# inline bullets, numbered items, an opening bracket before a cut. Controls stay whole.
SEPARATORS = [
    (
        "staff friendly [thumbs up] delivery slow [thumbs down] price ok",
        ["staff friendly [thumbs up]", "delivery slow [thumbs down]", "price ok"],
    ),
    ("staff friendly \U0001f44d delivery slow \U0001f44e price ok",
     ["staff friendly \U0001f44d", "delivery slow \U0001f44e", "price ok"]),
    ("great staff [thumbs up] [red heart] slow checkout",
     ["great staff [thumbs up] [red heart]", "slow checkout"]),  # one run
    ("Great staff \u2022 Slow checkout \u2022 Expensive parking",
     ["Great staff", "Slow checkout", "Expensive parking"]),
    ("\u2022 Great staff \u2022 Slow checkout", ["Great staff", "Slow checkout"]),
    ("Great staff \u00b7 slow checkout", ["Great staff", "slow checkout"]),
    ("1. Fast delivery 2. Terrible packaging", ["1. Fast delivery", "2. Terrible packaging"]),
    ("1) Fast delivery 2) Terrible packaging 3) ok",
     ["1) Fast delivery", "2) Terrible packaging", "3) ok"]),
    ("Two things: 1. Fast delivery 2. Terrible packaging",
     ["Two things", "1. Fast delivery", "2. Terrible packaging"]),
    ("Hello\n1. Fast 2. Slow", ["Hello", "1. Fast", "2. Slow"]),
    ("Two issues. 1. Staff were rude. 2. The queue was long.",  # after a sentence end too
     ["Two issues.", "1. Staff were rude.", "2. The queue was long."]),
    ("Gave it 1. Then 2. stars", ["Gave it 1.", "Then 2.", "stars"]),  # a number after a word opens no list
    ("Great service (but slow checkout)", ["Great service", "(but slow checkout)"]),
    ("I LOVE YOU!!! [growing heart] Fast (and cheap).", ["I LOVE YOU!!!", "[growing heart] Fast (and cheap)."]),
    ("great [thumbs up] [airplane] fast flight", ["great [thumbs up] [airplane]", "fast flight"]),
    ("I [red heart] flying", ["I [red heart] flying"]),  # the emoji is a verb
    ("[red heart] [United Kingdom] [red heart] [United States]",
     ["[red heart] [United Kingdom] [red heart] [United States]"]),  # one run of emoji
    # controls
    ("[thumbs up] great staff", ["[thumbs up] great staff"]),  # opens the clause
    ("great staff [thumbs up] [thumbs up]", ["great staff [thumbs up] [thumbs up]"]),
    ("10 [thumbs up] would recommend", ["10 [thumbs up] would recommend"]),
    ("Thanks [folded hands] for sorting my refund", ["Thanks [folded hands] for sorting my refund"]),  # carries on
    ("Great staff [thumbs up] For the price it was ok", ["Great staff [thumbs up]", "For the price it was ok"]),
    ("5 [star] hotel", ["5 [star] hotel"]),  # stars rate
    ("5 * hotel", ["5 * hotel"]),
    ("delivery [delivery truck] was slow", ["delivery [delivery truck] was slow"]),  # an object
    ("Mail me at [EMAIL] thanks", ["Mail me at [EMAIL] thanks"]),
    ("Great staff \u2022Slow", ["Great staff \u2022Slow"]),  # not spaced
    ("Paral\u00b7lel bars", ["Paral\u00b7lel bars"]),
    ("Rated it 1. Terrible", ["Rated it 1.", "Terrible"]),  # no list
    ("It costs \u00a32. Terrible value", ["It costs \u00a32.", "Terrible value"]),
    ("1. Fast delivery. Cost \u00a32. Bad", ["1. Fast delivery.", "Cost \u00a32.", "Bad"]),
    ("1. Fast delivery 3. Terrible", ["1. Fast delivery 3.", "Terrible"]),  # not in order
    ("2.5 stars, version 1.2 is fine", ["2.5 stars, version 1.2 is fine"]),
    ("Great service (slow checkout though)", ["Great service (slow checkout though)"]),
    ("Slow service :( but ok", ["Slow service :(", "but ok"]),
    ("A&E was fine, 24/7 support", ["A&E was fine, 24/7 support"]),
    ("Open 24/7 and A&E 5 * rated", ["Open 24/7 and A&E 5 * rated"]),
]


@pytest.mark.parametrize(("text", "expected"), SEPARATORS)
def test_separators(text: str, expected: list[str]) -> None:
    clauses = split_clauses([text])[0]
    assert [c.text for c in clauses] == expected
    for c in clauses:
        assert text[c.start : c.end] == c.text


def test_numbered_items_are_sentences() -> None:
    clauses = split_clauses(["1. Fast delivery 2. Terrible packaging. Thanks"])[0]
    assert [(c.text, c.sentence) for c in clauses] == [
        ("1. Fast delivery", 0), ("2. Terrible packaging.", 1), ("Thanks", 2)]


def test_emoji_split_on_cleaned_text() -> None:
    from cxtext.clean import normalise_text

    text = normalise_text("staff friendly \U0001f44d delivery slow \U0001f44e price ok")
    assert [c.text for c in split_clauses([text])[0]] == [
        "staff friendly [thumbs up]", "delivery slow [thumbs down]", "price ok"]


_ALPHABET = st.sampled_from(
    list("abc xyz,.;!?-\n'\"()")
    + ["but", " however ", " yet ", " while ", "although", "😀", "é", " [thumbs up] ", " \u2022 ",
       "1. ", " 2. ", "1)", "(", "\U0001f44e"]
    + [
        " great ",
        " poor ",
        " not ",
        ", ",
        " - ",
        " apart from ",
        " other than ",
        " only issue ",
        " shame about ",
        "...",
        "\u2014",
    ]
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
