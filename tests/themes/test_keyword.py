"""Tests for cxtext.themes.keyword: the keyword theme tagger."""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError as SklearnNotFittedError

from cxtext.errors import ConfigError, InputError, NotFittedError
from cxtext.themes import KeywordThemeTagger, Taxonomy, Theme, ThemeHit, load_taxonomy


@pytest.fixture(scope="module")
def tagger() -> KeywordThemeTagger:
    return KeywordThemeTagger().fit()


def themes_of(tagger: KeywordThemeTagger, text: str) -> list[str]:
    return tagger.predict([text])[0]


def test_init_stores_params_and_clones() -> None:
    tax = load_taxonomy()
    est = KeywordThemeTagger(tax, min_confidence=0.4)
    assert est.get_params() == {"taxonomy": tax, "min_confidence": 0.4}
    assert clone(est).get_params()["min_confidence"] == 0.4


def test_not_fitted_error_is_clear() -> None:
    est = KeywordThemeTagger()
    with pytest.raises(NotFittedError, match=r"not fitted yet.*fit\(\)"):
        est.tag(["hello"])
    with pytest.raises(SklearnNotFittedError):
        est.predict(["hello"])


@pytest.mark.parametrize("bad", [-0.1, 1.5, "high", float("nan"), True])
def test_bad_min_confidence(bad: object) -> None:
    with pytest.raises(ConfigError, match="min_confidence"):
        KeywordThemeTagger(min_confidence=bad).fit()  # type: ignore[arg-type]


def test_single_string_is_refused(tagger: KeywordThemeTagger) -> None:
    with pytest.raises(InputError, match=r"tag\(\[text\]\)"):
        tagger.tag("I waited for ages")  # type: ignore[arg-type]


def test_fitted_state(tagger: KeywordThemeTagger) -> None:
    assert tagger.classes_ == load_taxonomy().ids
    assert isinstance(tagger.taxonomy_, Taxonomy)
    assert tagger.n_patterns_ > 500


def test_spans_index_the_text(tagger: KeywordThemeTagger) -> None:
    texts = [
        "We waited  ages in the queue 😡 and the staff were RUDE.",
        "The refund took ages… and nobody kept me informed.",
        "App kept crashing at checkout; charged twice!!",
        "“Lovely, clean room” — but the Wi-Fi was down and the price was steep.",
        "",
    ]
    results = tagger.tag(texts)
    assert len(results) == len(texts)
    assert results[-1] == []
    for text, hits in zip(texts, results):
        assert len({h.theme for h in hits}) == len(hits), "one hit per theme"
        for hit in hits:
            assert isinstance(hit, ThemeHit)
            assert text[hit.start : hit.end] == hit.matched
            assert 0.0 <= hit.confidence <= 1.0
        assert [h.confidence for h in hits] == sorted((h.confidence for h in hits), reverse=True)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("I waited outside for forty minutes", "waiting_time"),
        ("Waiting was the worst part", "waiting_time"),
        ("Queues everywhere", "waiting_time"),
        ("Refunded within a day", "returns_refunds"),
        ("She apologized and really listened", "empathy"),
        ("I was overcharged", "billing"),
        ("It takes ages to get anything done", "waiting_time"),
    ],
)
def test_lemma_matching(tagger: KeywordThemeTagger, text: str, theme: str) -> None:
    assert theme in themes_of(tagger, text)


def test_multiword_seed_span(tagger: KeywordThemeTagger) -> None:
    text = "Kept on hold forever"
    hit = next(h for h in tagger.tag([text])[0] if h.theme == "waiting_time")
    assert hit.matched in {"on hold", "forever"}
    assert hit.confidence > 0.7  # two distinct seeds, one of them a phrase


def test_exclude_suppresses_only_overlapping_hits(tagger: KeywordThemeTagger) -> None:
    assert "waiting_time" not in themes_of(tagger, "I can't wait to come back!")
    assert "waiting_time" not in themes_of(tagger, "I can\u2019t wait to come back!")
    assert "returns_refunds" not in themes_of(tagger, "We will definitely return.")
    hits = tagger.tag(["I can't wait any more, the queue is huge"])[0]
    wait = [h for h in hits if h.theme == "waiting_time"]
    assert wait and wait[0].matched == "queue"


@pytest.mark.parametrize(
    ("text", "not_theme", "control"),
    [  # look-alikes found in bug bashes (taxonomy 1.5.0 to 1.8.3), each with a control that still tags
        ("Absolutely disgusting behaviour from the receptionist.", "cleanliness", "The toilets were disgusting."),
        ("Sat in A&E with a broken wrist.", "product_quality", "The handle arrived broken."),
        ("Put through to a voicemail box that is full.", "packaging", "The box was crushed."),
        ("Ticked the box but nothing happened.", "packaging", "Far too much plastic packaging."),
        ("They lost my biopsy sample.", "delivery", "My parcel got lost."),
        ("Someone should lose their job over this.", "delivery", "They lost my bags."),
        ("The broadband package is too slow.", "packaging", "The package was soaked."),
        ("I was worried sick about my mum.", "safety", "I didn't feel safe on the ward."),
        # taxonomy 1.7.0 (a bash on utility, insurance, garage, food-delivery and gym comments)
        ("Moved from yoga to boxing classes.", "packaging", "The box was crushed."),
        ("They replaced the worn brake pads.", "packaging", "It came in a padded envelope."),
        ("The garage is just off the ring road.", "support", "I had to ring them three times."),
        ("Got my money back 3 weeks later.", "reliability", "The parcel was 3 weeks late."),
        ("They were great about freezing my membership.", "ambience", "The room was freezing."),
        ("Booked the car in for a service.", "staff_attitude", "Service was friendly and quick."),
        ("No complaints.", "resolution", "My complaint was never resolved."),
        ("Their roof leak took weeks to fix.", "packaging", "The bottle leaked in the box."),
        # taxonomy 1.8.0 (a blind six-genre set: insurance, energy, food delivery, garages, transport, courses)
        ("Hold music for 55 mins then cut off.", "ambience", "The music was far too loud."),
        ("When the storm took our roof they went quiet for six weeks.", "ambience", "A lovely quiet room."),
        ("The oil light came on two days later.", "ambience", "The lighting was harsh."),
        ("A greasy handprint on the driver's seat.", "ambience", "Comfortable seats and a nice view."),
        ("I'll get the pads looked at before the MOT.", "packaging", "It came in a padded envelope."),
        ("Booked an emergency appointment for Boxing Day.", "safety", "There was no fire exit sign."),
        ("Still making the same noise after the repair.", "ambience", "The people next door were making a noise."),
        ("Delivery times depend on how busy it is.", "ambience", "I couldn't believe how busy the gym was."),
        ("Called the emergency callout plumber.", "safety", "Called the emergency line about a gas leak."),
        ("Learnt loads, thanks!", "digital_experience", "The page takes ages loading."),
        ("Staff were waiting with the ramp at the platform.", "waiting_time", "We were waiting for an hour."),
        # taxonomy 1.8.1 (an emotion bash on patient feedback)
        ("We are forever grateful to the hospice nurses.", "waiting_time", "It took forever to get through."),
        ("I will forever remember her kindness.", "waiting_time", "The queue went on forever."),
        ("I'll be forever in your debt.", "billing", "I was charged twice."),
        # taxonomy 1.8.2 (a probe of short answers)
        ("Knocked it out of the park.", "accessibility", "Parking was a nightmare."),
        # taxonomy 1.8.3 (theme errors read on the patient-feedback sets; checked on a blind set)
        ("The midwives who delivered our son were incredible.", "delivery", "They delivered to the wrong address."),
        ("Lovely midwives on the delivery suite.", "delivery", "Next day delivery as promised."),
        ("We'd be lost without her.", "delivery", "My parcel got lost."),
        ("Sadly we lost the baby at 20 weeks.", "delivery", "The hospital lost my mum's wedding ring."),
        ("The patient transport driver was lovely.", "delivery", "The delivery driver was rude."),
    ],
)
def test_default_taxonomy_leaves_out_look_alikes(tagger: KeywordThemeTagger, text: str, not_theme: str,
                                                 control: str) -> None:
    assert not_theme not in themes_of(tagger, text)
    assert not_theme in themes_of(tagger, control)


def test_exclude_in_custom_taxonomy(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        textwrap.dedent("""\
        version: "0.1"
        name: t
        themes:
          - id: queueing
            label: Queueing
            description: Standing in line.
            group: process
            seeds: [line, queue]
            exclude: [line manager]
        """),
        encoding="utf-8",
    )
    est = KeywordThemeTagger(str(path)).fit()
    assert est.predict(["Long line at the till", "My line manager approved it"]) == [
        ["queueing"],
        [],
    ]


def test_negation_keeps_the_theme(tagger: KeywordThemeTagger) -> None:
    assert "waiting_time" in themes_of(tagger, "No wait at all")
    assert "staff_attitude" in themes_of(tagger, "The staff were not rude")


def test_confidence_order_and_threshold() -> None:
    text = "The service was fine but we waited on hold for an hour"
    low = KeywordThemeTagger().fit().tag([text])[0]
    by_theme = {h.theme: h.confidence for h in low}
    assert by_theme["staff_attitude"] < by_theme["waiting_time"]  # generic 'service' vs phrases
    high = KeywordThemeTagger(min_confidence=0.5).fit().predict([text])[0]
    assert "waiting_time" in high and "staff_attitude" not in high


def test_missing_values_give_no_hits(tagger: KeywordThemeTagger) -> None:
    pd = pytest.importorskip("pandas")
    series = pd.Series(["rude staff", None, float("nan"), pd.NA], dtype=object)
    assert tagger.predict(series) == [["staff_attitude"], [], [], []]


def test_own_examples_are_mostly_tagged(tagger: KeywordThemeTagger) -> None:
    total = hit = 0
    weak = []
    for theme in tagger.taxonomy_:
        preds = tagger.predict(list(theme.examples))
        found = sum(theme.id in p for p in preds)
        total += len(preds)
        hit += found
        if found / len(preds) < 2 / 3:
            weak.append(theme.id)
    assert hit / total >= 0.9
    assert not weak


def test_taxonomy_object_and_pickle(tagger: KeywordThemeTagger) -> None:
    tax = Taxonomy([Theme("noise", "Noise", "How loud.", "place", seeds=("loud", "noisy"))])
    est = KeywordThemeTagger(tax).fit()
    assert est.taxonomy_ is tax
    again = pickle.loads(pickle.dumps(est))
    assert again.predict(["So noisy in there"]) == [["noise"]]


_CLAUSE_TEXTS = [
    "The nurse was lovely but I waited four hours.",
    "@united Cancelled my flight. Staff were rude; the refund never came!",
    "Calling your number just says thanks for calling and hangs up.",
    "Although delivery was quick, the packaging was damaged",
    "@unfriendly",
    "@rude_staff!!",
    "Great crew @friendlyskies",
    "",
    "Nothing to say.",
    "The app kept crashing, however support fixed it while I waited",
    # Tied seeds on one word ("call"/"calling"): the seed name breaks the tie, so the
    # bonus for distinct seeds does not depend on which other matches the text has.
    "Hi. Calling your number just says thanks for calling and hangs up.",
    "Staff were rude. Told to call back today, now your system is too busy to handle any calls.",
    "Ugh. The delivery was late. No one answering calls due to high call volume and not even an option to wait.",
]


def test_tag_clauses_matches_tagging_each_clause(tagger: KeywordThemeTagger) -> None:
    from cxtext.clean.segment import split_clauses_with_docs

    clauses, docs = split_clauses_with_docs(_CLAUSE_TEXTS)
    flat = [c.text for cl in clauses for c in cl]
    hits = tagger.tag_clauses(docs, clauses)
    assert len(hits) == len(flat)
    assert hits == tagger.tag(flat)
    assert any(h.theme == "staff_attitude" for clause_hits in hits for h in clause_hits)
    # offsets index each clause
    for text, clause_hits in zip(flat, hits):
        assert all(text[h.start:h.end] == h.matched for h in clause_hits)


def test_tag_clauses_needs_the_docs(tagger: KeywordThemeTagger) -> None:
    from cxtext.clean.segment import split_clauses_with_docs

    clauses, _ = split_clauses_with_docs(["Staff were rude"])
    with pytest.raises(InputError, match="without the Doc"):
        tagger.tag_clauses([None], clauses)
    with pytest.raises(InputError, match="one Doc per comment"):
        tagger.tag_clauses([], clauses)


def test_places_named_after_waiting_are_not_waiting_time():
    tagger = KeywordThemeTagger().fit()
    themes = [[h.theme for h in hits] for hits in tagger.tag([
        "Clean and tidy waiting area", "The waiting room was spotless",
        "We waited two hours in the waiting room", "Quick and efficient service",
        "The GP didn't seem to know what he was doing", "Very energy efficient fridge"])]
    assert "waiting_time" not in themes[0] + themes[1]
    assert "cleanliness" in themes[0] and "cleanliness" in themes[1]
    assert "waiting_time" in themes[2]  # the waiting itself still counts
    assert "responsiveness" in themes[3]
    assert "knowledge" in themes[4]
    assert "responsiveness" not in themes[5]


def test_taggers_of_equal_taxonomies_share_their_compiled_matchers() -> None:
    first, second = KeywordThemeTagger().fit(), KeywordThemeTagger().fit()
    assert first._compiled is second._compiled  # compiled once per process and taxonomy
    smaller = KeywordThemeTagger(taxonomy=load_taxonomy().drop(["waiting_time"])).fit()
    assert smaller._compiled is not first._compiled
    text = ["We waited ages and the staff were rude"]
    assert set(first.predict(text)[0]) == {"staff_attitude", "waiting_time"}
    assert set(smaller.predict(text)[0]) == {"staff_attitude"}
    assert pickle.loads(pickle.dumps(first)).predict(text) == first.predict(text)


def test_pii_placeholders_are_no_theme_words(tagger: KeywordThemeTagger) -> None:
    """redact_pii leaves "[PHONE]"/"[EMAIL]": no mention of the phone or e-mail support."""
    from cxtext.clean.segment import split_clauses_with_docs

    texts = ["[PHONE]", "Mine is [PHONE]/[EMAIL] now", "My [EMAIL] is below", "The phone line was dead"]
    assert tagger.predict(texts) == [[], [], [], ["support"]]
    clauses, docs = split_clauses_with_docs(texts)
    assert [[h.theme for h in hits] for hits in tagger.tag_clauses(docs, clauses)] == [[], [], [], ["support"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("[smiling face with smiling eyes]", []),  # "😊" after cleaning: no smiling staff
    ("Delivered on time [beaming face with smiling eyes]", ["delivery"]),
    ("Staff were smiling and helpful [smiling face]", ["staff_attitude"]),
    ("[package] arrived on time", ["delivery"]),  # the words outside the name still count
    ("[thumbs up] delivery fast", ["delivery"]),
    ("The staff [smiling] were rude", ["staff_attitude"]),
    ("The room was cold [and the staff rude]", ["staff_attitude"]),  # the respondent's own brackets count
    ("Refund paid into [IBAN] at last", ["returns_refunds", "billing"]),
])
def test_emoji_names_and_placeholders_are_no_theme_words(tagger: KeywordThemeTagger, text, expected) -> None:
    found = tagger.predict([text])[0]
    assert [t for t in expected if t in found] == expected
    assert not ({"staff_attitude", "packaging", "billing"} - set(expected)) & set(found), found


def test_an_exclude_with_equals_matches_exact_words_only(tmp_path: Path) -> None:
    """"=later" leaves "late" (its lemma) alone; a plain exclude would take every form."""
    path = tmp_path / "t.yaml"
    path.write_text(textwrap.dedent("""\
        version: "0.1"
        name: t
        themes:
          - id: lateness
            label: Lateness
            description: Being late.
            group: process
            seeds: [late]
            exclude: ["=later"]
        """), encoding="utf-8")
    est = KeywordThemeTagger(str(path)).fit()
    assert est.predict(["Refund came 3 weeks later", "The parcel was late", "It arrived later than promised",
                        "LATER that day"]) == [[], ["lateness"], [], []]
    plain = path.read_text(encoding="utf-8").replace('"=later"', '"later"')
    path.write_text(plain, encoding="utf-8")
    assert KeywordThemeTagger(str(path)).fit().predict(["The parcel was late"]) == [[]]  # lemma: late


def test_a_seed_written_with_equals_matches_its_exact_words_only(tmp_path):
    import warnings

    from cxtext.themes import KeywordThemeTagger, load_taxonomy

    path = tmp_path / "tax.yaml"
    path.write_text(
        "version: 1.0.0\nname: mine\nthemes:\n"
        "  - id: couriers\n    label: Couriers\n    description: Carriers.\n    group: delivery\n"
        "    seeds: ['=ups', '=glasses', 'parcel']\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing to warn about
        tagger = KeywordThemeTagger(taxonomy=load_taxonomy(path)).fit()
    found = [[h.theme for h in hits] for hits in tagger.tag(
        ["Set up was easy", "UPS lost it", "A glass of wine", "My new glasses", "Two parcels came"])]
    assert found == [[], ["couriers"], [], ["couriers"], ["couriers"]]


@pytest.mark.parametrize("seed", ["a&e.", "self\u2011checkout", "="])
def test_seeds_that_cannot_match_are_warned_about(tmp_path, seed):
    from cxtext.themes import load_taxonomy

    path = tmp_path / "tax.yaml"
    path.write_text(
        "version: 1.0.0\nname: mine\nthemes:\n"
        "  - id: hospital\n    label: Hospital\n    description: Wards.\n    group: place\n"
        f"    seeds: ['ward', '{seed}']\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"theme 'hospital' seed .* will rarely or never match"):
        load_taxonomy(path)


def test_a_numeric_taxonomy_version_is_warned_about(tmp_path):
    from cxtext.themes import load_taxonomy

    path = tmp_path / "tax.yaml"
    path.write_text("version: 1.10\nname: mine\nthemes:\n  - id: hospital\n    label: Hospital\n"
                    "    description: Wards.\n    group: place\n    seeds: ['ward']\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"read as the number 1.1.*quotes"):
        load_taxonomy(path)


def test_keywords_added_in_python_are_stored_as_a_file_would_hold_them(tmp_path):
    from cxtext.themes import load_taxonomy

    tax = load_taxonomy().add("loyalty", label="Loyalty", description="Points and rewards.", group="product",
                              seeds=["Loyalty Points", " self-checkout "], exclude=["Points Of View"])
    theme = tax.get("loyalty") if hasattr(tax, "get") else next(t for t in tax if t.id == "loyalty")
    assert theme.seeds == ("loyalty points", "self-checkout") and theme.exclude == ("points of view",)
