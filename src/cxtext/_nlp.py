"""One shared, offline spaCy pipeline: ``blank("en")`` + sentencizer + lookup lemmatizer.

No trained spaCy pipeline package is needed: the lemma table comes from
``spacy-lookups-data`` on PyPI, so this works with no network.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load_nlp"]


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Return the shared English pipeline (built once per process).

    Returns
    -------
    spacy.language.Language
        ``blank("en")`` with a ``sentencizer`` and a ``lemmatizer`` in lookup mode.

    Examples
    --------
    >>> nlp = load_nlp()
    >>> [t.lemma_ for t in nlp("The nurses were waiting")]
    ['The', 'nurse', 'be', 'wait']
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.max_length = 2_000_000
    return nlp
