from cxtext.report.sections import _wilson, highlight


def test_highlight_escapes_and_marks():
    assert highlight("a <b> c", 2, 5) == "a <mark>&lt;b&gt;</mark> c"


def test_highlight_finds_evidence_when_offsets_are_off():
    assert highlight("xx slow app", 0, 2, "slow") == "xx <mark>slow</mark> app"
    assert highlight("nothing here", 0, 3, "<gone>") == "<mark>&lt;gone&gt;</mark>"


def test_highlight_trims_long_context():
    text = "word " * 100 + "EVIDENCE" + " tail" * 100
    out = highlight(text, 500, 508, "EVIDENCE", context=40)
    assert out.startswith("… ") and out.endswith(" …") and "<mark>EVIDENCE</mark>" in out
    assert len(out) < 130


def test_wilson_interval():
    p, lo, hi = _wilson(0, 10)
    assert p == 0 and lo == 0 and 0.2 < hi < 0.35
    p, lo, hi = _wilson(50, 100)
    assert lo < 0.5 < hi and abs((hi - lo) - 0.19) < 0.01


def _drivers_row(theme, low, high, *, n=120, basis="neutral", significant=True):
    return {"theme": theme, "sentiment": "negative", "n": n, "impact": -1.0, "ci_low": -1.5, "ci_high": -0.5,
            "small_n": False, "significant": significant, "nps_change": 2.0, "nps_change_low": low,
            "nps_change_high": high, "nps_change_basis": basis}


def test_counterfactual_rows_are_labelled_by_their_own_interval():
    import math
    import re
    from types import SimpleNamespace

    import pandas as pd

    from cxtext.report.sections import _counterfactual_table

    dr = pd.DataFrame([_drivers_row("a", 0.0, 5.2), _drivers_row("b", 0.5, 3.0, significant=False),
                       _drivers_row("c", math.nan, math.nan)])
    html = _counterfactual_table(SimpleNamespace(label=str), dr)
    tags = dict(re.findall(r"<tr><td>(\w)\*?</td>.*?<span class=\"tag \w+\">([^<]+)</span>", html))
    # a's driver is significant but its NPS change interval touches 0; b is the reverse
    assert tags == {"a": "not significant", "b": "significant", "c": "no interval"}
    assert "*" not in html and "no mention" not in html


def test_counterfactual_note_when_the_neutral_driver_is_small():
    from types import SimpleNamespace

    import pandas as pd

    from cxtext.report.sections import _counterfactual_table

    dr = pd.DataFrame([_drivers_row("a", 0.5, 3.0, basis="no mention"), _drivers_row("b", 0.5, 3.0)])
    html = _counterfactual_table(SimpleNamespace(label=str), dr)
    assert "<td>a*</td>" in html and "<td>b</td>" in html
    assert "moves these complaints to no mention of the theme" in html


def test_a_driver_found_with_others_says_what_it_moves_with():
    from types import SimpleNamespace

    from cxtext.report.sections import _moves_with

    ctx = SimpleNamespace(label=lambda t: t.replace("_", " ").capitalize())
    row = SimpleNamespace(collinear_with="ease_of_use:positive;digital_experience:positive")
    assert _moves_with(ctx, row) == " · moves with Ease of use · positive, Digital experience · positive"
    assert _moves_with(ctx, SimpleNamespace(collinear_with="")) == ""
    assert _moves_with(ctx, SimpleNamespace(collinear_with="(intercept: in every comment)")) == ""
