"""Generate cxtext's CX-idiom augmentation set for sentiment training (ours, CC0).

Review and tweet corpora rarely contain the idioms of survey feedback: negated
complaints ("no problems with the booking"), negated praise ("the nurse wasn't
helpful"), hedged verdicts ("could have been better") and effort phrases ("had
to chase three times"). This script writes such sentences from templates
written for cxtext, with their sentiment, so the ``fast`` and ``accurate``
models learn the constructions rather than single words. The evaluation idiom
set in ``tests/data/cx_idioms.csv`` was written separately and is never used
for training.

    python models/recipes/cx_augment.py          # prints a sample
"""

from __future__ import annotations

import itertools
import random

import pandas as pd

__all__ = ["cx_augmentation"]

SUBJECTS = [
    "the staff", "the nurse", "the doctor", "the receptionist", "the engineer", "the driver",
    "the advisor", "the agent", "the team", "the manager", "the installer", "the pharmacist",
    "the delivery", "the booking", "the app", "the website", "the checkout", "the appointment",
    "the service", "the food", "the room", "the product", "the process", "the refund",
    "the parking", "the call", "the helpline", "the treatment", "the repair", "the order",
]
PEOPLE = SUBJECTS[:12]

POSITIVE = [
    "no problems with {s}", "no issues with {s} at all", "no complaints about {s}",
    "couldn't fault {s}", "can't fault {s}", "nothing wrong with {s}", "{s} couldn't have been better",
    "{s} could not have been more helpful", "couldn't be happier with {s}", "{s} was not bad at all",
    "{s} was faultless", "{s} was spot on", "{s} never let me down", "{s} made it so easy",
    "{s} went above and beyond", "{s} was really helpful", "{s} was quick and easy",
    "{s} was no hassle at all", "i had no trouble with {s}", "{s} did not disappoint",
    "{s} was better than expected", "{s} was excellent as always", "really impressed with {s}",
    "{s} was a pleasure", "nothing to improve with {s}",
]
NEGATIVE = [
    "{s} was not helpful", "{s} wasn't helpful at all", "{s} could have been better",
    "{s} was not good enough", "{s} wasn't up to standard", "{s} did not help",
    "{s} didn't answer my questions", "not impressed with {s}", "{s} was far from perfect",
    "{s} was not the best", "{s} left a lot to be desired", "had to chase {s} several times",
    "had to call three times about {s}", "{s} never got back to me", "still waiting on {s}",
    "{s} was a nightmare", "{s} was a complete hassle", "{s} took far too long",
    "{s} was no help whatsoever", "{s} let me down", "{s} was not what i expected",
    "i'm disappointed with {s}", "{s} could do better", "{s} was nothing special",
    "{s} should have been sorted sooner",
]
NEUTRAL = [
    "i contacted {s} on monday", "{s} was on tuesday", "i used {s} for the first time",
    "{s} was as expected", "{s} was okay", "{s} was fine i suppose", "i spoke to {s} about my account",
    "{s} was booked last week", "{s} was arranged by my daughter", "i went through {s} online",
    "{s} is the same as last year", "i asked {s} about the price",
]
PEOPLE_POSITIVE = [
    "{s} listened and understood", "{s} was kind and caring", "{s} treated me with respect",
    "{s} explained everything clearly", "{s} put me at ease", "{s} knew exactly what to do",
]
PEOPLE_NEGATIVE = [
    "{s} didn't listen", "{s} was rude and dismissive", "{s} made me feel like a nuisance",
    "{s} didn't seem to care", "{s} talked down to me", "{s} had no idea what they were doing",
]
STANDALONE = {
    "positive": [
        "no complaints whatsoever", "nothing to complain about", "couldn't ask for more",
        "can't fault anything", "not a single problem", "no hassle, no fuss", "no problems at any stage",
        "would not hesitate to recommend", "never had a bad experience", "no issues whatsoever",
        "everything went smoothly", "it could not have gone better",
    ],
    "negative": [
        "not good enough", "could be a lot better", "not happy at all", "never again",
        "would not recommend", "not worth the money", "not what was promised", "no one called me back",
        "nobody seemed to know anything", "no one could help", "no apology, no explanation",
        "nothing was resolved", "i had to repeat myself every time", "it should not be this hard",
    ],
    "neutral": [
        "no further comments", "nothing else to add", "no strong feelings either way", "it was what it was",
    ],
}
ENDINGS = ["", ".", "!", ", thanks", ". thank you"]


def cx_augmentation(seed: int = 0, per_template: int = 6) -> pd.DataFrame:
    """Return a deterministic table of template sentences with ``text`` and ``label``.

    Examples
    --------
    >>> df = cx_augmentation()
    >>> sorted(df["label"].unique())
    ['negative', 'neutral', 'positive']
    >>> bool(df["text"].is_unique)
    True
    """
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    groups = [
        (POSITIVE, SUBJECTS, "positive"), (NEGATIVE, SUBJECTS, "negative"),
        (NEUTRAL, SUBJECTS, "neutral"), (PEOPLE_POSITIVE, PEOPLE, "positive"),
        (PEOPLE_NEGATIVE, PEOPLE, "negative"),
    ]
    for templates, subjects, label in groups:
        for template in templates:
            for subject in rng.sample(subjects, min(per_template, len(subjects))):
                text = template.format(s=subject) + rng.choice(ENDINGS)
                rows.append((text[0].upper() + text[1:], label))
    for label, texts in STANDALONE.items():
        for text, ending in itertools.product(texts, ENDINGS[:3]):
            rows.append(((text + ending).capitalize(), label))
    df = pd.DataFrame(rows, columns=["text", "label"]).drop_duplicates("text")
    return df.reset_index(drop=True)


if __name__ == "__main__":
    table = cx_augmentation()
    print(len(table), table["label"].value_counts().to_dict())
    print(table.sample(10, random_state=0).to_string())
