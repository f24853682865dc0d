"""CX themes: the theme taxonomy and theme taggers.

Examples
--------
>>> from cxtext.themes import KeywordThemeTagger
>>> KeywordThemeTagger().fit().predict(["The app kept crashing"])
[['digital_experience']]
"""

from cxtext.themes.effort import EffortMatch, effort_direction, find_effort
from cxtext.themes.embedding import EmbeddingThemeTagger
from cxtext.themes.keyword import KeywordThemeTagger, ThemeHit
from cxtext.themes.taxonomy import Taxonomy, Theme, load_taxonomy

__all__ = ["EffortMatch", "EmbeddingThemeTagger", "KeywordThemeTagger", "Taxonomy", "Theme",
           "ThemeHit", "effort_direction", "find_effort", "load_taxonomy"]

for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
