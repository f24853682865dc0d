"""One shared, offline spaCy pipeline: ``blank("en")`` + sentencizer + lookup lemmatizer.

No trained spaCy pipeline package is needed: the lemma table comes from
``spacy-lookups-data`` on PyPI, so this works with no network.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["import_spacy_without_torch", "load_nlp"]


def import_spacy_without_torch() -> bool:
    """Import spaCy without letting its ML library, thinc, import torch; True if it did.

    thinc imports torch when it is installed, only to offer torch-backed layers.
    The pipeline of :func:`load_nlp` uses none of them, and importing torch takes
    about a second: a third of a command-line run's start-up with the ``fast``
    preset. The command line calls this before anything imports spaCy. thinc
    then works without its torch layers (``thinc.compat.has_torch`` is False)
    for the life of the process. torch itself stays importable, and cxtext's
    torch models import it directly. Library code does not call this: in a
    user's process other spaCy pipelines may need thinc's torch layers.

    Does nothing (and returns False) when spaCy, thinc or torch is already
    imported.

    Examples
    --------
    >>> import_spacy_without_torch()  # doctest: +SKIP
    True
    """
    if any(name in sys.modules for name in ("spacy", "thinc", "torch")):
        return False
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` raise ImportError
    try:
        import spacy  # noqa: F401
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]
    return True


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
