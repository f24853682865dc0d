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
