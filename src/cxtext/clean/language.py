"""Detect the language of each comment (ISO 639-1 code, ``"und"`` when undetermined).

A character n-gram model (:mod:`py3langid`) is reliable on a sentence but not on the
two- or three-word comments that surveys are full of: it calls "thanks" Xhosa, "ok"
Serbian and "rude staff" Danish. So each text is first checked against an English
word list:

* **English vocabulary** - the English forms of spaCy's lookup tables
  (``spacy-lookups-data``: lemma table, lexeme norms and the word-frequency table
  cut at log-probability > -13.5), spaCy's English stop words and common
  contractions, and the customer-feedback opinion words of
  :mod:`cxtext.clean.opinion_words` (written for cxtext; 45 of them, such as "punctual",
  "spotless", "disgraceful", "understaffed", are in none of the tables, and the one-word
  answer "Punctual" was read as Spanish and left unscored), minus the foreign function
  words below. About 67k lowercase forms,
  built once per process (about 0.1 s, without importing spaCy). The frequency
  table has a million entries and takes about a second to read, so the 16,812
  lowercase words above the cut ship as ``en_frequent_words.txt``, stamped with the
  ``spacy-lookups-data`` version they came from; with another installed version
  the table itself is read. ``tests/clean/test_language.py`` rebuilds the list
  from the installed table and compares.
* **Foreign function words** - spaCy's stop words of 17 other Latin-script languages
  that are not English words ("le", "que", "und" …), plus a short list such as "der"
  that the English tables hold only as rare forms. One of them in a text is evidence
  against English.

Rules, per text, on its word tokens (mentions, hashtags, URLs, ``[…]``
placeholders and single letters other than "I" and "a" removed):

1. no tokens -> ``"und"``, except emoji-only text (``"[enraged face]"``) -> ``"en"``:
   :func:`cxtext.clean.normalise_text` writes emoji as English names, so English
   models can read them, and a pipeline that scores only English keeps them;
2. every token is English, or (5+ tokens) at least 85% are, or (4 tokens) three
   are, and none is a foreign function word -> ``"en"``. Informal spellings of
   English words count as English: elongated ones ("sooo", "Awwweesssooomee", tried
   with their runs of a letter read as two or one) and written laughter
   ("hahahaha", "lolol"). py3langid is skipped: this fast path covers ~85% of
   English comments, and py3langid (a byte-wise DFA walk in Python) is the slow part;
3. otherwise py3langid, restricted to the languages that have an ISO 639-1 code,
   decides: its answer is kept when it says ``"en"``, or when it is confident
   (probability >= 0.5) or the text holds foreign function words;
4. else an English share >= 0.5 gives ``"en"`` (names and typos in English text);
5. else py3langid's answer if its probability is >= 0.2, otherwise ``"und"``.

Measured (``tests/clean/test_language.py`` checks
the first figure): share labelled ``"en"`` on the 14,640 airline tweets (all
English, after cleaning) 0.998 against 0.994 for py3langid alone; on 20,000
GoEmotions Reddit comments 0.995 against 0.977. Counting the English words that
foreign stop-word lists also hold (``_ENGLISH_ALSO_IN_FOREIGN_STOPWORDS``: "oh",
"haha", …) as English raised the share on all 40,719 GoEmotions comments
(``cxtext.datasets``) from 0.9953 to 0.9973 (comments given another language:
117 -> 33), with the airline tweets at 0.998 before and after. Speed on one core:
~40,000 tweets/s, ~24,000 review-length (300-char) texts/s, thanks to the fast path.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = ["comparative_adjectives", "detect_language", "english_vocabulary"]

logger = logging.getLogger(__name__)

# fmt: off
_FOREIGN_STOPWORD_LANGS = (
    "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "pl", "ro", "ca", "tr", "id", "hu",
    "cs", "fi",
)
# fmt: on
_PROB_CUTOFF = -13.5
_CONFIDENT = 0.5
_MIN_PROB = 0.2
_MAX_CHARS = 300  # py3langid walks bytes in Python; 300 characters are plenty
_MAX_TOKEN_CHARS = 2000
_LONG = 5  # texts with this many tokens may take the "mostly English" fast path
_MOSTLY = 0.85
_SHORT_MOSTLY = 0.75  # shorter texts: 3 of 4 tokens English ("Faan is sooo good.")

#: Foreign function words that the English lemma table also lists (as rare nouns or
#: names: "ders" -> "der"); in a comment they nearly always mean the other language.
# fmt: off
_FOREIGN_ALSO_IN_ENGLISH_TABLES = frozenset({
    "der", "den", "del", "dell", "dels", "el", "att", "van", "pour", "sans", "para", "jag", "kan",
    "moi", "mon", "tout", "nos", "sera", "mas", "lei", "poi", "sulla", "seine", "seiner", "fra",
    "mitt", "mig", "sig", "meg", "hun", "var",
})
# fmt: on

#: The reverse case: English words and interjections that some foreign stop-word list
#: also holds ("oh" in German's, "haha" in Indonesian's, "certain" in French's). In a
#: comment they are far more often English, and as foreign evidence they sent short
#: English comments ("haha love it!", "Oh Lord...") to Sesotho or Afrikaans, where
#: nothing scored them. Other words still decide a foreign comment ("Oh nein, das war
#: schlecht" stays German).
# fmt: off
_ENGLISH_ALSO_IN_FOREIGN_STOPWORDS = frozenset({
    "oh", "ha", "haha", "eh", "nah", "gah", "em", "alas", "certain", "different", "diverse",
    "eventual", "inclusive", "ta", "ty", "ur",
    # product and place words of English feedback: "SIM card", "size med", "made in USA", "til Friday"
    "sim", "med", "usa", "til",
    # "NA" written for "not applicable" (a Slavic preposition too)
    "na",
})
# fmt: on

#: Contractions, with and without the apostrophe ("dont" is common in feedback).
# fmt: off
_CONTRACTIONS = (
    "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "can't", "couldn't",
    "won't", "wouldn't", "shouldn't", "haven't", "hasn't", "hadn't", "mustn't", "needn't",
    "ain't", "i'm", "i've", "i'll", "i'd", "you're", "you've", "you'll", "you'd", "he's",
    "he'll", "he'd", "she's", "she'll", "she'd", "it's", "it'll", "we're", "we've", "we'll",
    "we'd", "they're", "they've", "they'll", "they'd", "that's", "there's", "what's", "who's",
    "let's", "here's", "where's", "how's", "y'all",
)
# fmt: on

_STRIP = re.compile(r"https?://\S+|www\.\S+|[@#][\w.]+|\[[^\]\n]{0,60}\]|\S+@\S+", re.IGNORECASE)
_EMOJI_NAME = re.compile(r"\[[a-z][^\]\n]{0,60}\]")  # "[enraged face]"; PII tags are upper case
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
#: Three or more of one letter ("sooo", "Awwweesssooomee"): elongation, read as two or one.
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
#: Any run of one letter, read as one ("Awwweesssooomee" -> "awesome").
_DOUBLED = re.compile(r"([^\W\d_])\1+")
#: Written laughter and its typos ("hahahaha", "ahahah", "hehe", "bwahaha", "lolol").
_LAUGHTER = re.compile(r"b?w?a?(?:h+[aeiou]+){2,}h*|(?:lo)+l+|lmf?a+o+|rofl")


def _read_lookup(name: str) -> dict[str, Any]:
    import gzip
    import json
    from importlib import resources

    path = resources.files("spacy_lookups_data") / "data" / f"{name}.json.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        table: dict[str, Any] = json.load(fh)
    return table


def _stop_words(lang: str) -> set[str]:
    """spaCy's stop words for ``lang`` without importing ``spacy`` or ``spacy.lang.<lang>``.

    Importing spaCy and a language package takes seconds (French compiles its
    tokenizer exceptions); the ``stop_words`` module is a plain data file, so it is
    loaded alone.
    """
    import importlib.util

    spec = importlib.util.find_spec("spacy")  # finds the folder, imports nothing
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        return set()
    from pathlib import Path

    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / lang / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location(f"_cxtext_stop_words_{lang}", path)
    if module_spec is None or module_spec.loader is None:  # pragma: no cover
        return set()
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return set(getattr(module, "STOP_WORDS", ()))


_FREQUENT_FILE = "en_frequent_words.txt"


def frequent_words_from_table() -> list[str]:
    """Lowercase words of ``en_lexeme_prob`` above the cut, sorted (reads the million-entry table)."""
    prob = _read_lookup("en_lexeme_prob")
    return sorted({w.lower() for w, p in prob.items()
                   if p > _PROB_CUTOFF and isinstance(w, str) and _WORD.fullmatch(w)})


def frequent_words_header() -> str:
    """First line of :data:`_FREQUENT_FILE`: where its words come from."""
    from importlib.metadata import version

    return (f"# spacy-lookups-data {version('spacy-lookups-data')} en_lexeme_prob "
            f"log-probability > {_PROB_CUTOFF}")


def _frequent_words() -> list[str]:
    from importlib import resources

    path = resources.files("cxtext.clean") / _FREQUENT_FILE
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    if lines and lines[0] == frequent_words_header():
        return lines[1:]
    logger.debug("%s does not match the installed spacy-lookups-data; reading its table",
                 _FREQUENT_FILE)
    return frequent_words_from_table()


@lru_cache(maxsize=1)
def _vocabularies() -> tuple[frozenset[str], frozenset[str]]:
    def words(items: Any) -> set[str]:
        return {w.lower() for w in items if isinstance(w, str) and _WORD.fullmatch(w)}

    lemma = _read_lookup("en_lemma_lookup")
    core = words(lemma) | words(lemma.values()) | words(_stop_words("en"))
    core |= set(_CONTRACTIONS) | {w.replace("'", "") for w in _CONTRACTIONS}
    norm = _read_lookup("en_lexeme_norm")
    core |= words(norm) | words(norm.values())
    from cxtext.clean.opinion_words import NEGATIVE, NEGATORS, POSITIVE

    core |= words(POSITIVE | NEGATIVE | NEGATORS)  # our own English CX words ("spotless", "punctual")
    frequent = words(_frequent_words())
    foreign: set[str] = set()
    for lang in _FOREIGN_STOPWORD_LANGS:
        foreign |= words(_stop_words(lang))
    foreign -= core
    foreign |= _FOREIGN_ALSO_IN_ENGLISH_TABLES
    foreign -= _ENGLISH_ALSO_IN_FOREIGN_STOPWORDS
    english = ((core | frequent) - foreign) | _ENGLISH_ALSO_IN_FOREIGN_STOPWORDS
    logger.debug(
        "English vocabulary: %d forms; foreign function words: %d", len(english), len(foreign)
    )
    return frozenset(english), frozenset(foreign)


@lru_cache(maxsize=1)
def comparative_adjectives() -> frozenset[str]:
    """Comparative adjectives in ``-er``/``-ier`` ("friendlier", "cheaper", "bigger").

    Read from ``spacy-lookups-data``'s English lemma table: lower-case forms whose
    lemma plus the comparative ending spells them ("nicer" -> "nice",
    "happier" -> "happy", "bigger" -> "big"); "number" (-> "numb") is left out.
    About a thousand forms, built once per process.

    Examples
    --------
    >>> words = comparative_adjectives()
    >>> "friendlier" in words, "cheaper" in words, "customer" in words, "number" in words
    (True, True, False, False)
    """
    lemma = _read_lookup("en_lemma_lookup")
    forms = {
        w for w, base in lemma.items()
        if isinstance(w, str) and isinstance(base, str) and w.islower() and w.endswith("er") and w != base
        and (w in (base + "er", base + "r") or (base.endswith("y") and w == base[:-1] + "ier")
             or (len(base) > 2 and w == base + base[-1] + "er"))
    }
    return frozenset(forms - {"number"})


def english_vocabulary() -> frozenset[str]:
    """Return the lowercase English word forms used by :func:`detect_language`.

    Built once per process (about a second) from ``spacy-lookups-data`` and spaCy's
    stop-word lists; see the module docstring.

    Examples
    --------
    >>> vocab = english_vocabulary()
    >>> "lovely" in vocab, "staff" in vocab, "servicio" in vocab
    (True, True, False)
    """
    return _vocabularies()[0]


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([c for c in ident.labels if len(c) == 2])
    # set_languages leaves a strided float16 view; a contiguous float32 copy (46 MB)
    # makes each classification about 30% faster.
    import numpy as np

    ident.nb_ptc = np.ascontiguousarray(ident.nb_ptc, dtype=np.float32)
    return ident


def _tokens(text: str) -> tuple[str, list[str]]:
    stripped = (
        _STRIP.sub(" ", text)
        if ("@" in text or "#" in text or "[" in text or "/" in text or "www" in text)
        else text
    )
    if stripped.isascii():  # lower-casing ASCII keeps every word's letters and length
        words = _WORD.findall(stripped.lower())
    else:
        words = [t.replace("\u2019", "'").lower() for t in _WORD.findall(stripped)]
    # single letters ("n/a", "b&b", "q") say nothing about the language, except I and a
    return stripped, [t for t in words if len(t) > 1 or t in ("i", "a")]


def _informal_english(token: str, english: frozenset[str]) -> bool:
    """An English word written informally: elongated ("sooo", "goood") or laughter ("hahahaha")."""
    if _LAUGHTER.fullmatch(token):
        return True
    if not _ELONGATED.search(token):
        return False
    return (_ELONGATED.sub(r"\1\1", token) in english or _ELONGATED.sub(r"\1", token) in english
            or _DOUBLED.sub(r"\1", token) in english)  # "Awwweesssooomee" -> "awesome"


def detect_language(texts: Sequence[str]) -> list[str]:
    """Return the ISO 639-1 language code of each text.

    Parameters
    ----------
    texts : sequence of str
        Comments (normalised text; non-strings are treated as empty).

    Returns
    -------
    list of str
        One code per text (``"en"``, ``"fr"`` …), ``"und"`` when there is nothing to
        decide on (empty, no letters, PII placeholders only) or the evidence is too
        weak. Emoji-only text is ``"en"`` (see the module docstring).

    Examples
    --------
    >>> detect_language(["Great service!", "Le service était excellent.", "El servicio fue muy malo", "", "42"])
    ['en', 'fr', 'es', 'und', 'und']
    """
    english, foreign = _vocabularies()
    out: list[str] = []
    for text in texts:
        if not isinstance(text, str) or not text:
            out.append("und")
            continue
        stripped, tokens = _tokens(text[:_MAX_TOKEN_CHARS])
        if not tokens:
            # emoji-only: the names written by normalise_text are English words
            out.append("en" if _EMOJI_NAME.search(text) else "und")
            continue
        n_en = sum(t in english for t in tokens)
        if n_en == len(tokens):
            out.append("en")
            continue
        n_en += sum(_informal_english(t, english) for t in tokens if t not in english)
        if n_en == len(tokens):
            out.append("en")
            continue
        n_foreign = sum(t in foreign for t in tokens)
        if not n_foreign and (n_en >= _MOSTLY * len(tokens) if len(tokens) >= _LONG
                              else len(tokens) >= 3 and n_en >= _SHORT_MOSTLY * len(tokens)):
            out.append("en")
            continue
        lang, prob = _identifier().classify(stripped[:_MAX_CHARS])
        if lang == "en" or prob >= _CONFIDENT or n_foreign:
            out.append(lang)
        elif n_en / len(tokens) >= 0.5:
            out.append("en")
        else:
            out.append(lang if prob >= _MIN_PROB else "und")
    return out
