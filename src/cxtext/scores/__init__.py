"""Survey scores with text: NPS/CSAT/CES/FFT handling, theme tables, drivers, trends, review queue.

* :mod:`~cxtext.scores.scales` -- :class:`Scale`, :func:`check_scores` (invalid values reported, never coerced).
* :mod:`~cxtext.scores.nps` -- :func:`nps` with an adjusted-Wald (or Wald / bootstrap) confidence interval.
* :mod:`~cxtext.scores.join` -- :func:`join_scores`: score groups, segments and periods on the comments.
* :mod:`~cxtext.scores.themes_table` -- :func:`theme_table`: volume, sentiment, scores with vs without, quotes.
* :mod:`~cxtext.scores.theme_emotions` -- :func:`theme_emotions`: the emotion mix of each theme's mentions.
* :mod:`~cxtext.scores.drivers` -- :func:`drivers`: theme x sentiment impact on a score (OLS + bootstrap).
* :mod:`~cxtext.scores.trends` -- :func:`theme_trends`, :func:`score_trends`: significant movements only.
* :mod:`~cxtext.scores.review` -- :func:`review_queue`: score/text contradictions and unsure predictions.

Examples
--------
>>> import pandas as pd
>>> from cxtext.scores import nps
>>> nps(pd.Series(["10", "9", "8", "0"])).nps
25.0
"""

from cxtext.scores.drivers import DRIVER_COLUMNS, drivers
from cxtext.scores.join import PERIODS, add_periods, join_scores
from cxtext.scores.nps import NPSResult, nps, nps_from_counts, nps_groups
from cxtext.scores.review import REASONS, review_queue
from cxtext.scores.scales import (
    STATUSES,
    Scale,
    ScoreCheck,
    ScoreWarning,
    ces_scale,
    check_scores,
    csat_scale,
    fft_scale,
    get_scale,
    nps_scale,
)
from cxtext.scores.theme_emotions import theme_emotions
from cxtext.scores.themes_table import theme_table
from cxtext.scores.trends import score_trends, theme_trends

__all__ = [
    "DRIVER_COLUMNS",
    "PERIODS",
    "REASONS",
    "STATUSES",
    "NPSResult",
    "Scale",
    "ScoreCheck",
    "ScoreWarning",
    "add_periods",
    "ces_scale",
    "check_scores",
    "csat_scale",
    "drivers",
    "fft_scale",
    "get_scale",
    "join_scores",
    "nps",
    "nps_from_counts",
    "nps_groups",
    "nps_scale",
    "review_queue",
    "score_trends",
    "theme_emotions",
    "theme_table",
    "theme_trends",
]
