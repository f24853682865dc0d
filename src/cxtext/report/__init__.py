"""The HTML report: one self-contained file with scores, themes, drivers, segments, trends and quotes.

* :func:`build_report` writes it (atomically); :func:`render_report` returns the HTML.
* :func:`load_result` reads ``cxtext analyze`` output files back into an
  :class:`~cxtext.AnalysisResult` (what ``cxtext report`` does).

Examples
--------
>>> import pandas as pd
>>> from cxtext.analyzer import AnalysisResult
>>> from cxtext.report import render_report
>>> cm = pd.DataFrame({"text_clean": ["Great staff"], "sentiment": ["positive"]})
>>> mn = pd.DataFrame(columns=["comment_id", "theme", "sentiment"])
>>> "<h2>Overview</h2>" in render_report(AnalysisResult(cm, mn))
True
"""

from cxtext.report.html import build_report, render_report
from cxtext.report.load import load_result

__all__ = ["build_report", "load_result", "render_report"]
