from __future__ import annotations

import gc

import pandas as pd
import pytest

import cxtext
from cxtext._gc import collector_paused


@pytest.fixture(autouse=True)
def _collector_on_afterwards():
    yield
    gc.enable()


def test_collector_paused_restores_an_enabled_collector_even_on_error():
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_collector_paused_leaves_a_disabled_collector_disabled():
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_analysis_runs_with_the_collector_paused(monkeypatch):
    analyzer = cxtext.Analyzer(preset="fast", progress=False)
    seen = []
    clean = analyzer.cleaner.transform

    def spy(texts):
        seen.append(gc.isenabled())
        return clean(texts)

    monkeypatch.setattr(analyzer.cleaner, "transform", spy)
    gc.enable()
    result = analyzer.analyze(pd.DataFrame({"c": ["Great staff", "slow delivery"]}), text="c")
    assert seen == [False]
    assert gc.isenabled()
    assert result.comments["sentiment"].tolist() == ["positive", "negative"]
