"""CX themes: the theme taxonomy and theme taggers.

Examples
--------
>>> from cxtext.themes import KeywordThemeTagger
>>> KeywordThemeTagger().fit().predict(["The app kept crashing"])
[['digital_experience']]
"""

from cxtext.themes.keyword import KeywordThemeTagger, ThemeHit
from cxtext.themes.taxonomy import Taxonomy, Theme, load_taxonomy

__all__ = ["KeywordThemeTagger", "Taxonomy", "Theme", "ThemeHit", "load_taxonomy"]

for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
