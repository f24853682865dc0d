import warnings

import numpy as np
import pandas as pd
import pytest
from synthetic_scores import EFFECTS, synthetic_result

from cxtext.errors import ColumnNotFoundError, ConfigError
from cxtext.scores.drivers import DRIVER_COLUMNS, drivers
from cxtext.scores.scales import ScoreWarning


def _by_key(table):
    return table.set_index(["theme", "sentiment"])


def test_recovers_planted_effects_and_columns(make_result):
    res = make_result(n=2000, seed=3)
    table = drivers(res, "score", n_boot=300, level=0.99)
    assert list(table.columns) == DRIVER_COLUMNS[:14]
    t = _by_key(table)
    for key, effect in EFFECTS.items():
        assert t.loc[key, "ci_low"] <= effect <= t.loc[key, "ci_high"], key
        assert abs(t.loc[key, "impact"] - effect) < 0.25, key
    assert table.iloc[0][["theme", "sentiment"]].tolist() == ["waiting_time", "negative"]
    assert t.loc[("delivery", "neutral"), "significant"] == np.False_
    assert t.loc[("waiting_time", "negative"), "p_value"] < 1e-6
    assert abs(table.attrs["intercept"] - 6.0) < 0.15
    assert table.attrs["n"] == 2000
    # one indicator per theme x sentiment in the table; adjusted R² a little under R²
    assert table.attrs["predictors"] == len(table)
    assert 0 < table.attrs["r2"] - table.attrs["adjusted_r2"] < 0.01


def test_controls_for_co_occurrence():
    # staff praise always comes with a waiting complaint in half the cases: raw means mislead, OLS does not
    rng = np.random.default_rng(0)
    n = 3000
    wait = rng.random(n) < 0.3
    staff = np.where(wait, rng.random(n) < 0.8, rng.random(n) < 0.1)
    y = 7 - 2 * wait + 1 * staff + rng.normal(0, 1, n)
    res = synthetic_result(n=n, effects={("waiting_time", "negative"): 0.0, ("staff_attitude", "positive"): 0.0})
    res.comments["score"] = y
    rows = [(f"c{i:05d}", "waiting_time", "negative") for i in np.flatnonzero(wait)]
    rows += [(f"c{i:05d}", "staff_attitude", "positive") for i in np.flatnonzero(staff)]
    res.mentions = pd.DataFrame(rows, columns=["comment_id", "theme", "sentiment"])
    t = _by_key(drivers(res, "score", ci="analytic"))
    staff_row = t.loc[("staff_attitude", "positive")]
    assert staff_row["mean_with"] - staff_row["mean_without"] < 0.3  # confounded raw difference
    assert staff_row["ci_low"] <= 1.0 <= staff_row["ci_high"]


@pytest.mark.parametrize("ci,sims,n_boot", [("analytic", 200, 2), ("bootstrap", 60, 200)])
def test_ci_coverage_by_simulation(ci, sims, n_boot):
    hits, total = 0, 0
    for s in range(sims):
        res = synthetic_result(n=400, seed=100 + s, noise=1.5)
        t = _by_key(drivers(res, "score", ci=ci, n_boot=n_boot, random_state=s))
        for key, effect in EFFECTS.items():
            hits += t.loc[key, "ci_low"] <= effect <= t.loc[key, "ci_high"]
            total += 1
    coverage = hits / total
    assert 0.90 <= coverage <= 0.99, coverage


def test_string_scores_blanks_and_baseline(make_result):
    res = make_result(n=500, n_blank=100, as_strings=True, seed=1)
    res.comments.loc[0, "score"] = "ten"
    with pytest.warns(ScoreWarning, match="'ten'"):
        table = drivers(res, "score", ci="analytic")
    assert table.attrs["n"] == 499  # blank rows kept (baseline), the invalid one left out
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        drivers(res, "score", ci="analytic", warn=False)


def test_missing_column_lists_columns(make_result):
    with pytest.raises(ColumnNotFoundError, match=r"\[CX101\].*'nps'.*'score'"):
        drivers(make_result(n=50), "nps")
    with pytest.raises(ColumnNotFoundError, match="(?i)segment column 'region'"):
        drivers(make_result(n=50), "score", by="region")


def test_small_n_flagged_not_significant(make_result):
    res = make_result(n=300, seed=2)
    extra = pd.DataFrame({"comment_id": ["c00000", "c00001"], "theme": ["billing", "billing"],
                          "sentiment": ["negative", "negative"]})
    res.mentions = pd.concat([res.mentions, extra], ignore_index=True)
    res.comments.loc[:1, "score"] = -20.0  # a huge effect on two comments
    table = drivers(res, "score", ci="analytic", min_n=30)
    row = _by_key(table).loc[("billing", "negative")]
    assert row["small_n"] and not row["significant"] and row["n"] == 2
    assert np.isnan(row["ci_low"])  # too few comments for an interval
    assert table.iloc[-1]["small_n"]  # small drivers listed after the well-supported ones


def test_nps_counterfactual(make_result):
    res = make_result(n=1500, seed=4, base=8.0, noise=1.0, clip=(0, 10))
    table = drivers(res, "score", kind="nps", n_boot=200)
    t = _by_key(table)
    wait = t.loc[("waiting_time", "negative")]
    assert wait["nps_change"] > 0
    assert wait["nps_change_low"] <= wait["nps_change"] <= wait["nps_change_high"]
    assert np.isnan(t.loc[("staff_attitude", "positive"), "nps_change"])
    y = res.comments["score"].to_numpy()
    actual = 100 * (np.mean(y >= 9) - np.mean(y <= 6))
    assert wait["nps_if_neutral"] == pytest.approx(actual + wait["nps_change"])
    # bigger complaint effect -> bigger gain
    assert wait["nps_change"] > t.loc[("price_value", "negative"), "nps_change"]


def test_by_segment_and_reproducible(make_result):
    res = make_result(n=800, seed=5)
    a = drivers(res, "score", by="segment", n_boot=100, random_state=7)
    b = drivers(res, "score", by="segment", n_boot=100, random_state=7)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns[:3]) == ["segment", "theme", "sentiment"]
    assert set(a["segment"]) == {"web", "phone"}
    assert a.groupby("segment")["n"].max().max() < 400


def test_bad_params(make_result):
    res = make_result(n=50)
    with pytest.raises(ConfigError, match="ci"):
        drivers(res, "score", ci="exact")
    with pytest.raises(ConfigError, match="sentiment"):
        drivers(res, "score", sentiments=["angry"])
    with pytest.raises(ConfigError, match="kind"):
        drivers(res, "score", kind="loyalty")


def test_demo_data_planted_drivers_recovered(tmp_path):
    """Ground-truth mentions of the demo generator -> the planted drivers come out on top."""
    import subprocess
    import sys
    from pathlib import Path

    from cxtext.analyzer import AnalysisResult

    script = Path(__file__).resolve().parents[2] / "data" / "make_demo_data.py"
    out, truth = tmp_path / "d.csv", tmp_path / "t.csv"
    subprocess.run([sys.executable, str(script), "--out", str(out), "--truth", str(truth)],
                   check=True, capture_output=True)
    demo = pd.read_csv(out, dtype=str, keep_default_na=False)
    gt = pd.read_csv(truth, dtype=str, keep_default_na=False)
    polarity = {"pos": "positive", "neg": "negative", "sugg": "neutral"}
    rows = [(rid, *tok.split(":")) for rid, th in zip(gt["response_id"], gt["themes"])
            for tok in th.split(";") if tok]
    mentions = pd.DataFrame([(r, t, polarity[p]) for r, t, p in rows],
                            columns=["comment_id", "theme", "sentiment"])
    res = AnalysisResult(comments=demo, mentions=mentions, text="comment", id="response_id")
    table = drivers(res, "nps", n_boot=300, min_n=20)
    ranked = table[~table["small_n"]].sort_values("impact")
    assert set(map(tuple, ranked[["theme", "sentiment"]].head(2).values)) == {
        ("waiting_time", "negative"), ("effort", "negative")}
    assert set(map(tuple, ranked[["theme", "sentiment"]].tail(2).values)) == {
        ("staff_attitude", "positive"), ("empathy", "positive")}
    t = _by_key(table)
    generic = t.loc[("general", "negative"), "impact"]
    assert t.loc[("waiting_time", "negative"), "ci_high"] < generic
    assert t.loc[("effort", "negative"), "ci_high"] < generic
    assert t.loc[("waiting_time", "negative"), "nps_change"] > 0


# -- emotions as drivers ------------------------------------------------------------------------
EMOTION_EFFECTS = {"anger": -1.5, "gratitude": 1.0, "confusion": 0.0}


def _with_emotions(res, seed=0, p=0.2, effects=EMOTION_EFFECTS):
    """Add random emotions (independent of the themes) and their planted effect on the score."""
    rng = np.random.default_rng(seed)
    names = list(effects)
    has = rng.random((len(res.comments), len(names))) < p
    res.comments["emotions"] = [[names[j] for j in np.flatnonzero(row)] for row in has]
    res.comments["score"] = res.comments["score"] + has.astype(float) @ np.array(list(effects.values()))
    return res


def test_emotion_drivers_recover_planted_effects(make_result):
    res = _with_emotions(make_result(n=2000, seed=8), seed=9)
    table = drivers(res, "score", source="emotions", n_boot=300, level=0.99)
    assert list(table.columns) == DRIVER_COLUMNS[:14]
    assert set(table["sentiment"]) == {"emotion"}
    t = table.set_index("theme")
    for emo, effect in EMOTION_EFFECTS.items():
        assert t.loc[emo, "ci_low"] <= effect <= t.loc[emo, "ci_high"], emo
        assert abs(t.loc[emo, "impact"] - effect) < 0.35, emo  # themes are unmodelled noise here
    assert t.loc["anger", "significant"] and not t.loc["confusion", "significant"]
    assert table.iloc[0]["theme"] == "anger"
    assert table.attrs["source"] == "emotions"


def test_both_sources_in_one_model(make_result):
    res = _with_emotions(make_result(n=2000, seed=10), seed=11)
    t = _by_key(drivers(res, "score", source="both", n_boot=300, level=0.99))
    planted = {**EFFECTS, **{(e, "emotion"): v for e, v in EMOTION_EFFECTS.items()}}
    assert set(t.index) == set(planted)
    for key, effect in planted.items():
        assert t.loc[key, "ci_low"] <= effect <= t.loc[key, "ci_high"], key
        assert abs(t.loc[key, "impact"] - effect) < 0.25, key


def test_emotion_drivers_confounded_with_a_theme():
    # anger mostly comes with waiting complaints: only the joint model separates their effects
    rng = np.random.default_rng(1)
    n = 3000
    wait = rng.random(n) < 0.3
    anger = np.where(wait, rng.random(n) < 0.7, rng.random(n) < 0.05)
    res = synthetic_result(n=n, effects={("waiting_time", "negative"): 0.0})
    res.comments["score"] = 7 - 2 * wait - 1 * anger + rng.normal(0, 1, n)
    res.mentions = pd.DataFrame([(f"c{i:05d}", "waiting_time", "negative") for i in np.flatnonzero(wait)],
                                columns=["comment_id", "theme", "sentiment"])
    res.comments["emotions"] = [["anger"] if a else [] for a in anger]
    alone = _by_key(drivers(res, "score", source="emotions", ci="analytic"))
    joint = _by_key(drivers(res, "score", source="both", ci="analytic"))
    assert alone.loc[("anger", "emotion"), "ci_high"] < -2.0  # picks up the waiting effect
    row = joint.loc[("anger", "emotion")]
    assert row["ci_low"] <= -1.0 <= row["ci_high"]


def test_emotion_cells_as_csv_text_and_default_unchanged(make_result):
    res = _with_emotions(make_result(n=600, seed=12), seed=13)
    lists = drivers(res, "score", source="emotions", ci="analytic")
    res.comments["emotions"] = [";".join(e) if e else np.nan for e in res.comments["emotions"]]
    text = drivers(res, "score", source="emotions", ci="analytic")
    pd.testing.assert_frame_equal(lists, text)
    default = drivers(res, "score", ci="analytic")
    pd.testing.assert_frame_equal(default, drivers(res, "score", source="themes", ci="analytic"))
    assert "emotion" not in set(default["sentiment"])


def test_emotion_drivers_nps_by_segment_and_errors(make_result):
    res = _with_emotions(make_result(n=1500, seed=14, base=8.0, clip=(0, 10)), seed=15)
    res.comments["score"] = res.comments["score"].round().clip(0, 10)
    t = _by_key(drivers(res, "score", kind="nps", source="both", n_boot=100))
    assert np.isnan(t.loc[("anger", "emotion"), "nps_change"])
    assert t.loc[("waiting_time", "negative"), "nps_change"] > 0
    seg = drivers(res, "score", by="segment", source="emotions", ci="analytic")
    assert set(seg["segment"]) == {"web", "phone"} and set(seg["sentiment"]) == {"emotion"}
    with pytest.raises(ConfigError, match="source"):
        drivers(res, "score", source="feelings")
    res.comments = res.comments.drop(columns="emotions")
    with pytest.raises(ColumnNotFoundError, match="emotions"):
        drivers(res, "score", source="emotions")


def _nps_cat(v):
    return np.where(v >= 8.5, 1.0, np.where(v < 6.5, -1.0, 0.0))


def _small_neutral_result():
    """150 waiting complaints (-4 NPS points); 5 neutral waiting mentions on 10s (a noisy +3 coefficient)."""
    from cxtext.analyzer import AnalysisResult

    rng = np.random.default_rng(0)
    n = 600
    y = np.clip(np.round(8.5 + rng.normal(0, 1, n)), 0, 10)
    y[:150] = np.clip(y[:150] - 4, 0, 10)
    y[300:305] = 10
    mentions = [(i, "waiting_time", "negative") for i in range(150)]
    mentions += [(i, "waiting_time", "neutral") for i in range(300, 305)]
    mentions += [(i, "billing", "negative") for i in (400, 401)]  # two comments: no interval
    comments = pd.DataFrame({"id": range(n), "nps": y})
    return AnalysisResult(comments=comments, mentions=pd.DataFrame(mentions, columns=["comment_id", "theme", "sentiment"]),
                          id="id"), y


def test_nps_counterfactual_ignores_a_small_neutral_driver():
    res, y = _small_neutral_result()
    t = _by_key(drivers(res, "nps", kind="nps", n_boot=200))
    wait = t.loc[("waiting_time", "negative")]
    assert t.loc[("waiting_time", "neutral"), "small_n"] and t.loc[("waiting_time", "neutral"), "impact"] > 1
    assert wait["nps_change_basis"] == "no mention"
    # complaints moved to "no mention": shift by -b_neg only
    moved = _nps_cat(y[:150] - wait["impact"]) - _nps_cat(y[:150])
    assert wait["nps_change"] == pytest.approx(100 * moved.sum() / len(y))
    assert wait["nps_change_low"] <= wait["nps_change"] <= wait["nps_change_high"]
    # with a threshold the neutral driver passes, its coefficient is used again
    t3 = _by_key(drivers(res, "nps", kind="nps", n_boot=200, min_n=3))
    assert t3.loc[("waiting_time", "negative"), "nps_change_basis"] == "neutral"
    assert t3.loc[("waiting_time", "negative"), "nps_change"] > wait["nps_change"]
    assert pd.isna(t.loc[("waiting_time", "neutral"), "nps_change_basis"])


def test_nps_counterfactual_has_no_interval_without_a_driver_interval():
    res, _ = _small_neutral_result()
    billing = _by_key(drivers(res, "nps", kind="nps", n_boot=100)).loc[("billing", "negative")]
    assert billing["n"] == 2 and np.isnan(billing["ci_low"])
    assert np.isfinite(billing["nps_change"])
    assert np.isnan(billing["nps_change_low"]) and np.isnan(billing["nps_change_high"])


def test_a_driver_in_every_comment_has_no_impact():
    """Its column is the intercept's: nothing to compare it with, so no impact and never significant."""
    rng = np.random.default_rng(0)
    n = 60
    res = synthetic_result(n=n, effects={("staff_attitude", "positive"): 0.0, ("waiting_time", "negative"): 0.0})
    keep = res.mentions["theme"] != "staff_attitude"
    every = pd.DataFrame({"comment_id": res.comments["id"], "theme": "staff_attitude", "sentiment": "positive"})
    res.mentions = pd.concat([res.mentions[keep], every], ignore_index=True)
    res.comments["score"] = rng.normal(7, 1, n)
    t = _by_key(drivers(res, "score", min_n=1, n_boot=50))
    row = t.loc[("staff_attitude", "positive")]
    assert np.isnan(row["impact"]) and not row["significant"] and "intercept" in row["collinear_with"]
    assert np.isfinite(t.loc[("waiting_time", "negative"), "impact"])


def test_drivers_that_nearly_always_occur_together_name_each_other():
    """"easy" tags effort and ease_of_use in most of the same comments: their impacts split one effect."""
    rng = np.random.default_rng(1)
    n = 200
    ids = np.arange(n)
    easy = rng.random(n) < 0.3
    both = easy & (rng.random(n) < 0.9)           # ~90% of "easy" comments carry both themes
    only_effort = easy & ~both
    rows = ([(i, "effort", "positive") for i in ids[easy]]
            + [(i, "ease_of_use", "positive") for i in ids[both]]
            + [(i, "waiting_time", "negative") for i in ids[rng.random(n) < 0.3]])
    assert only_effort.any()
    from cxtext.analyzer import AnalysisResult

    comments = pd.DataFrame({"id": ids, "score": 6 + 2 * easy + rng.normal(0, 1, n)})
    res = AnalysisResult(comments=comments, mentions=pd.DataFrame(rows, columns=["comment_id", "theme", "sentiment"]),
                         id="id")
    t = _by_key(drivers(res, "score", min_n=1, n_boot=50))
    assert t.loc[("effort", "positive"), "collinear_with"] == "ease_of_use:positive"
    assert t.loc[("ease_of_use", "positive"), "collinear_with"] == "effort:positive"
    assert t.loc[("waiting_time", "negative"), "collinear_with"] == ""


@pytest.mark.parametrize("ci", ["bootstrap", "analytic"])
def test_a_constant_score_has_no_drivers(ci):
    # every score equal: zero impacts, no interval width, no p-value, nothing significant
    # (the ridge used to split the mean among themes that cover every comment: "significant" 0.0025)
    import cxtext

    texts = ["The staff were rude", "Great food"] * 30 + ["ok then"] * 4
    res = cxtext.analyze(pd.DataFrame({"c": texts, "y": [5.0] * len(texts)}), text="c", n_jobs=1)
    dr = cxtext.drivers(res, "y", ci=ci, n_boot=50)
    assert len(dr) and (dr["impact"] == 0).all() and (dr["ci_low"] == dr["ci_high"]).all()
    assert dr["p_value"].isna().all() and not dr["significant"].any()


def test_nps_change_interval_carries_which_comments_complained():
    # integer scores that no coefficient draw moves across a group boundary used to give a
    # zero-width interval ([30.9, 30.9]); the complaining comments are now resampled too
    from cxtext.analyzer import AnalysisResult

    rng = np.random.default_rng(2)
    wait = rng.random(3000) < 0.3
    y = np.clip(np.round(8 + rng.normal(0, 1.2, 3000) - 3 * wait), 0, 10).astype(int)
    comments = pd.DataFrame({"id": range(3000), "nps": y})
    mentions = pd.DataFrame({"comment_id": np.flatnonzero(wait), "theme": "wait", "sentiment": "negative"})
    table = drivers(AnalysisResult(comments=comments, mentions=mentions, id="id"), "nps", kind="nps", n_boot=200)
    row = table.set_index("theme").loc["wait"]
    assert row["nps_change_low"] < row["nps_change"] < row["nps_change_high"]
    assert 2 < row["nps_change_high"] - row["nps_change_low"] < 10  # about ±2 points on ~900 complaints


def test_drivers_in_exactly_the_same_comments_get_their_joint_impact_only():
    from cxtext.analyzer import AnalysisResult

    rng = np.random.default_rng(0)
    n = 400
    both = rng.random(n) < 0.3  # waiting and staff complaints always come together
    price = rng.random(n) < 0.3
    nps = np.clip(np.round(8 - 4 * both - 1.5 * price + rng.normal(0, 1, n)), 0, 10)
    comments = pd.DataFrame({"id": range(n), "nps": nps})
    rows = np.flatnonzero(both)
    mentions = pd.DataFrame(
        [(i, "waiting_time", "negative") for i in rows] + [(i, "staff_attitude", "negative") for i in rows]
        + [(i, "price_value", "negative") for i in np.flatnonzero(price)],
        columns=["comment_id", "theme", "sentiment"])
    t = drivers(AnalysisResult(comments=comments, mentions=mentions, id="id"), "nps", kind=None, n_boot=200)
    pair = t[t["theme"].isin(["waiting_time", "staff_attitude"])]
    assert pair["impact"].isna().all() and not pair["significant"].any()
    note = pair["collinear_with"].iloc[0]
    assert "same comments" in note and "joint impact" in note
    joint = float(note.split("joint impact ")[1].split(",")[0])
    assert -4.5 < joint < -3.5  # the effect built in
    assert t.set_index("theme").loc["price_value", "significant"]
    # the table sorts them after the estimable drivers, as the report does
    assert t["theme"].iloc[0] == "price_value"


def test_drivers_of_a_score_where_lower_is_better_list_the_most_harmful_first(make_result):
    from cxtext.scores import ces_scale, join_scores

    res = make_result()
    ces = np.where(res.comments["id"].isin(res.mentions.loc[res.mentions["sentiment"] == "negative", "comment_id"]),
                   6, 2)
    res.comments["effort"] = ces
    joined = join_scores(res, ces="effort", ces_scale=ces_scale(easy="low"))
    t = drivers(joined, "effort", n_boot=50)
    assert t.attrs["higher_is_better"] is False
    estimable = t[~t["small_n"] & t["impact"].notna()]
    assert estimable["impact"].is_monotonic_decreasing  # the largest rise in effort first


def _many_indicators(n, n_themes, seed=0):
    """``n`` comments, each mentioning two of ``n_themes`` themes negatively; random scores."""
    from cxtext.analyzer import AnalysisResult

    rng = np.random.default_rng(seed)
    mentions = [(i, f"t{j}", "negative") for i in range(n) for j in rng.choice(n_themes, 2, replace=False)]
    comments = pd.DataFrame({"id": range(n), "score": rng.integers(0, 11, n).astype(float),
                             "region": np.where(np.arange(n) % 2, "north", "south")})
    return AnalysisResult(comments=comments, id="id",
                          mentions=pd.DataFrame(mentions, columns=["comment_id", "theme", "sentiment"]))


def test_no_more_comments_than_indicators_is_warned_and_nothing_is_significant():
    res = _many_indicators(10, 12)
    with pytest.warns(ScoreWarning, match=r"\[CX405\].*10 comments for \d+ indicators: the fit is exact"):
        table = drivers(res, "score", ci="analytic", min_n=1)
    assert table.attrs["predictors"] >= 9 and not table["significant"].any()
    with pytest.warns(ScoreWarning, match="ridge"):  # the message says how to fix it
        drivers(res, "score", ci="analytic", min_n=1)


def test_fewer_than_ten_comments_per_indicator_is_warned_per_segment():
    res = _many_indicators(80, 12)
    with pytest.warns(ScoreWarning, match=r"80 comments for 12 indicators \(fewer than ten per indicator\)"):
        drivers(res, "score", ci="analytic")
    with pytest.warns(ScoreWarning, match=r"segment region='north': 40 comments") as caught:
        drivers(res, "score", ci="analytic", by="region")
    assert sum("CX405" in str(w.message) for w in caught) == 1  # one warning naming both segments
    assert "segment region='south'" in str(next(w.message for w in caught if "CX405" in str(w.message)))


def test_enough_comments_per_indicator_or_warn_false_gives_no_cx405(make_result):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScoreWarning)
        drivers(make_result(n=2000, seed=1), "score", ci="analytic")
        drivers(_many_indicators(10, 12), "score", ci="analytic", warn=False)
