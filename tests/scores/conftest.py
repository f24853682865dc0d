"""Fixtures for the score tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from synthetic_scores import synthetic_result

from cxtext.analyzer import AnalysisResult


@pytest.fixture
def make_result() -> Callable[..., AnalysisResult]:
    """Builder of synthetic results (see ``synthetic_scores.synthetic_result``)."""
    return synthetic_result
