"""Generate cxtext's CX emotion templates for the emotion models' training (ours, CC0).

GoEmotions is Reddit comments: it teaches "this is hilarious" and "I'm so sorry
for your loss" well, but customer feedback names its feelings in words Reddit
rarely uses about a service: "absolutely furious", "livid", "fuming",
"delighted", "over the moon", "worried sick", "baffled by the bill", "gutted".
The fast emotion model 0.2.0 read "Absolutely furious." as anger only weakly,
"Fuming." and "I was livid" as no emotion, and "Delighted with my new hip" as no
emotion. This script writes CX sentences for each of the eight emotions (and
some with none) from templates written for cxtext, with their emotion lists,
for :mod:`models/recipes/emotion_fast.py` to add to GoEmotions' rows. The
evaluation set ``tests/data/cx_emotions.csv`` was written separately, by
another contributor who did not see these templates, and is never used for
training.

    python models/recipes/cx_emotion_augment.py          # prints a sample
"""

from __future__ import annotations

import itertools
import random

import pandas as pd

__all__ = ["cx_emotion_augmentation"]

SUBJECTS = [
    "the staff", "the nurse", "the doctor", "the receptionist", "the engineer", "the driver",
    "the advisor", "the agent", "the team", "the manager", "the midwife", "the pharmacist",
    "the delivery", "the booking", "the app", "the website", "the bill", "the appointment",
    "the service", "the refund", "the helpline", "the repair", "the order", "the surgery",
]
PEOPLE = [s for s in SUBJECTS if s in {
    "the staff", "the nurse", "the doctor", "the receptionist", "the engineer", "the driver",
    "the advisor", "the agent", "the team", "the manager", "the midwife", "the pharmacist"}]

# emotion -> (templates with a subject, standalone answers); a template starting with "@" takes a person
TEMPLATES: dict[str, tuple[list[str], list[str]]] = {
    "anger": ([
        "absolutely furious with {s}", "i'm livid about {s}", "fuming about {s}", "{s} made me so angry",
        "i am outraged by {s}", "disgusted with {s}", "{s} was a disgrace and i'm furious",
        "seething after dealing with {s}", "@how dare {s} treat customers like this",
    ], [
        "absolutely furious", "livid", "fuming", "so angry right now", "i'm raging", "utterly disgusted",
        "this is outrageous", "i could scream", "beyond angry", "incensed",
    ]),
    "frustration": ([
        "so frustrating dealing with {s}", "fed up with {s}", "i'm sick of chasing {s}",
        "annoyed that {s} still isn't sorted", "{s} is driving me up the wall", "exasperated with {s}",
        "getting really irritated with {s}", "@had to explain it again to {s}, so tiresome",
    ], [
        "so frustrating", "fed up", "really annoying", "sick of it", "at the end of my tether",
        "going round in circles", "tearing my hair out", "exasperating", "irritating",
    ]),
    "disappointment": ([
        "really disappointed with {s}", "let down by {s}", "gutted about {s}",
        "{s} was a real letdown", "sad to say {s} has gone downhill", "{s} didn't live up to expectations",
        "expected more from {s}", "a shame about {s}",
    ], [
        "very disappointed", "gutted", "such a letdown", "let down again", "a real shame", "what a pity",
        "sadly not as good as before", "expected better",
    ]),
    "confusion": ([
        "i'm confused by {s}", "baffled by {s}", "i don't understand {s}", "{s} makes no sense to me",
        "no idea what {s} means", "{s} was really confusing", "can someone explain {s} to me",
        "@{s} gave me conflicting information",
    ], [
        "very confusing", "i'm lost", "no idea what's going on", "makes no sense", "totally baffled",
        "what does this mean", "i'm confused", "clear as mud", "not sure what i'm supposed to do",
    ]),
    "anxiety": ([
        "i was worried sick about {s}", "nervous about {s}", "{s} left me anxious",
        "scared about {s}", "i'm stressed about {s}", "{s} made me really uneasy",
        "i couldn't sleep for worrying about {s}", "terrified about {s}",
    ], [
        "worried sick", "really anxious", "i was terrified", "so nervous", "stressed out",
        "scared stiff", "a nervous wreck", "panicking", "i was frightened",
    ]),
    "gratitude": ([
        "thank you to {s}", "so grateful to {s}", "many thanks to {s}", "i really appreciate {s}",
        "@thanks to {s} for sorting it", "huge thanks to {s}", "@grateful for {s}'s help",
    ], [
        "thank you so much", "many thanks", "thanks a million", "really grateful", "cheers for the help",
        "much appreciated", "thank you all",
    ]),
    "delight": ([
        "delighted with {s}", "thrilled with {s}", "over the moon with {s}", "so happy with {s}",
        "chuffed with {s}", "{s} made my day", "loving {s}", "{s} was an absolute joy",
    ], [
        "delighted", "thrilled", "over the moon", "so happy", "chuffed to bits", "made my day",
        "absolutely loving it", "a joy", "couldn't be happier",
    ]),
    "admiration": ([
        "{s} was amazing", "{s} were brilliant", "really impressed by {s}", "{s} was outstanding",
        "@{s} did a fantastic job", "@{s} was so professional and skilled", "hats off to {s}",
        "@{s} is a credit to the company",
    ], [
        "brilliant team", "outstanding care", "superb work", "truly impressive",
        "exceptional service from start to finish", "first class",
    ]),
}
# two emotions at once, as feedback often mixes them
PAIRS: list[tuple[str, list[str]]] = [
    ("i was so nervous but {s} were wonderful, thank you", ["anxiety", "gratitude", "admiration"]),
    ("thank you to {s}, delighted with how it went", ["gratitude", "delight"]),
    ("{s} were fantastic, thank you", ["admiration", "gratitude"]),
    ("really disappointed and quite angry with {s}", ["disappointment", "anger"]),
    ("fed up and confused by {s}", ["frustration", "confusion"]),
    ("worried and confused after talking to {s}", ["anxiety", "confusion"]),
    ("furious and fed up with {s}", ["anger", "frustration"]),
    ("so frustrating and disappointing, {s} let me down again", ["frustration", "disappointment"]),
]
NONE = [
    "i contacted {s} on monday", "{s} was on tuesday", "i used {s} for the first time",
    "@i spoke to {s} about my account", "{s} was booked last week", "@i asked {s} about the price",
    "{s} was at about ten", "i went through {s} online", "{s} was the same as last time",
]
NONE_STANDALONE = [
    "fine", "it was ok", "no comment", "as expected", "average", "standard service",
    "i paid by card", "it arrived on thursday", "i had a blood test", "second visit this year",
]
ENDINGS = ["", ".", "!", " to be honest"]

# Situations that carry an emotion without naming it (``implicit=True``, emotion-fast 0.4.0 on).
# GoEmotions labels feelings its Reddit authors name; customers often only tell what happened
# ("rang four times and still no answer") or condemn it ("disgraceful"), which GoEmotions files
# under disapproval or disgust, labels the CX set does not map. {s} a subject (a person for "@"),
# {n} a count, {m} minutes, {w} weeks.
IMPLICIT: dict[str, list[str]] = {
    "frustration": [
        "rang {n} times and still no answer", "{n} calls and it still isn't sorted",
        "on hold for {m} minutes and then cut off", "cut off again after {m} minutes on hold",
        "still waiting after {w} weeks", "@had to chase {s} {n} times", "@{s} keeps cancelling on me",
        "every time i call i get passed to someone else", "sent the same documents {n} times now",
        "why does it take {n} emails to get a simple answer", "passed from department to department",
        "waited in all day and nobody came, again", "back and forth with {s} for {w} weeks",
        "@yet another missed appointment from {s}", "promised a call back {n} times, never happened",
        "the page crashes every time i get to the payment", "@{s} never gets back to me",
        "still not fixed after {n} visits", "round and round in circles with {s}",
    ],
    "anger": [
        "@disgraceful behaviour from {s}", "@appalling treatment by {s}", "@{s} treated me like dirt",
        "@{s} had the nerve to blame me", "@{s} called me a liar", "@{s} laughed in my face",
        "absolutely disgusting way to treat a paying customer", "@{s} should be ashamed of themselves",
        "i will be making a formal complaint about {s}", "never been spoken to like that in my life",
        "@{s} was aggressive and completely out of order", "@shocking attitude from {s}, i won't stand for it",
    ],
    "disappointment": [
        "{s} used to be great, not any more", "{s} is not what it used to be",
        "i'd been looking forward to it for months and it was a letdown",
        "what happened to {s}? it used to be so good", "paid extra and got the same as everyone else",
    ],
}
IMPLICIT_STANDALONE: dict[str, list[str]] = {
    "frustration": ["still waiting", "same problem again", "nothing ever gets done", "again and again",
                    "yet again", "still nothing"],
    "anger": ["disgraceful", "appalling", "shameful", "absolutely shocking", "how dare you",
              "a total disgrace"],
}
# the same situations when they ended well or went as expected: no emotion
IMPLICIT_NONE = [
    "rang twice and it was sorted on the second call", "waited about {m} minutes, which was fine",
    "had to call back once but {s} sorted it", "{s} came on the second visit and fixed it",
    "sent the documents by email as asked", "the wait was about what i expected",
    "@{s} rang me back the next day", "it took {w} weeks, as they said it would",
]
# More situations, for all eight emotions (``more_situations=True``, emotion-fast 0.5.0 on). Patients and
# customers seldom name confusion, anxiety or gratitude either: they tell of contradictory answers, of
# not knowing what happens next, of what someone did for them. Written for cxtext from the emotion
# definitions (``src/cxtext/emotion/emotions.yaml``), not from any evaluation set.
SITUATIONS: dict[str, list[str]] = {
    "confusion": [
        "got {n} different answers from {n} different people", "@{s} told me one thing and the letter said another",
        "the letter didn't say where to go or what time", "the bill shows two different totals",
        "@{s} said i owed money, then said i was in credit", "the instructions don't match what came in the box",
        "sent to {n} different desks and none of them knew where i should be",
        "the form asks for a reference number i was never given", "which department am i meant to ring",
        "the app says delivered, the tracking says in transit", "@{s} gave me a different date every time i asked",
        "nobody explained why it was cancelled", "the signs sent us round in a loop",
        "one text says my appointment is monday, the other says friday", "the price at the till wasn't the price on the shelf",
    ],
    "anxiety": [
        "{w} weeks waiting for results and nobody will tell me anything",
        "lay awake not knowing if the operation was still going ahead",
        "money has gone from my account and i don't know where",
        "charged twice and the rent is due on friday", "the pain kept getting worse and nobody came",
        "no idea if it will arrive before the wedding", "my flight is tomorrow and i still have no ticket",
        "my baby's temperature kept rising and we were told to wait",
        "a stranger could see my account details", "the heating is off and i have a newborn at home",
        "@{s} left bare wires hanging out of the wall", "my dad was left on his own all night and nobody told us why",
        "kept checking my phone all night for news", "what happens if the payment bounces",
        "sat by the phone all day waiting for the call about the scan",
    ],
    "gratitude": [
        "@{s} stayed after the end of the shift to make sure i was ok", "@{s} rang on a sunday to check on me",
        "we owe {s} so much", "@{s} saved my husband's life", "we will never forget what {s} did for us",
        "@{s} went out of their way to find us a wheelchair", "@{s} sorted it all for me at no charge",
        "@{s} drove back to drop off the bag i left behind", "@{s} sat with my mum until we arrived",
        "can never repay {s} for the kindness", "@{s} made sure we got home safely",
    ],
    "delight": [
        "walking without pain for the first time in years", "home in time for christmas with the family",
        "@{s} had my little girl giggling the whole time", "couldn't stop smiling all the way home",
        "the children keep asking when we can go back", "finally sleeping through the night again",
        "best birthday i've had in years", "my son was beaming when he saw it", "feel like a new person",
        "danced round the kitchen when it arrived",
    ],
    "admiration": [
        "@{s} explained everything clearly and answered all our questions", "@{s} spotted the problem straight away",
        "@{s} knew exactly what to do", "@{s} stayed calm and kind on a packed ward",
        "@{s} fixed in ten minutes what others couldn't in {w} weeks", "@{s} treated my dad with such dignity",
        "@{s} remembered my name from last time", "@{s} noticed what {n} others had missed",
        "@{s} made a frightening day feel manageable", "@{s} took the time to listen properly",
    ],
    "frustration": [
        "asked the same questions by {n} different people", "told to ring at 8am and by 8:05 everything had gone",
        "the same automated reply every time i write", "made to fill in the same form again",
        "@{s} keeps saying someone will call and nobody does", "queued for {m} minutes to be told to go elsewhere",
        "had to take another day off work because nobody turned up", "the password reset link never arrives",
    ],
    "anger": [
        "@{s} accused me of stealing in front of everyone", "they took my money and then said i never paid",
        "@{s} hung up on me", "@{s} spoke to my mother as if she were stupid",
        "@{s} refused to help my disabled son and walked off", "left lying in a soiled bed for hours",
    ],
    "disappointment": [
        "paid for first class and sat in standard", "looked nothing like the pictures",
        "after all the hype it was very ordinary", "we'd saved all year for this and it was spoilt",
        "the flowers were dead the day they arrived", "not the service we have come to expect from {s}",
    ],
}
# the same kinds of situation, told with no emotion
SITUATIONS_NONE = [
    "the results came back in {w} weeks, as they said", "the letter gave the time and the ward",
    "i was asked to wait for the nurse", "i went home the same day", "@{s} came on thursday as booked",
    "the bill showed one payment for this month", "@{s} asked for my date of birth and address",
    "the parcel came the day after i ordered", "i was referred to the hospital for a scan",
    "@{s} checked my blood pressure", "i paid at the desk", "i rang to change the date",
]
COUNTS = ["two", "three", "four", "five", "six", "3", "4", "5", "7"]


def cx_emotion_augmentation(seed: int = 0, per_template: int = 4, implicit: bool = False,
                            more_situations: bool = False) -> pd.DataFrame:
    """Return a deterministic table of template sentences with ``text`` and ``emotions`` (a list).

    ``implicit`` adds the situations of :data:`IMPLICIT` (emotions shown, not named) and their
    no-emotion counterparts (emotion-fast 0.4.0 on); the rows without it are unchanged.
    ``more_situations`` (with ``implicit``) adds :data:`SITUATIONS` for all eight emotions and
    :data:`SITUATIONS_NONE` (tried for emotion-fast 0.5.0); the rows without it are unchanged.

    Examples
    --------
    >>> df = cx_emotion_augmentation()
    >>> sorted({e for labels in df["emotions"] for e in labels})[:3]
    ['admiration', 'anger', 'anxiety']
    >>> bool(df["text"].is_unique), int((df["emotions"].str.len() == 0).sum()) > 0
    (True, True)
    """
    rng = random.Random(seed)
    rows: list[tuple[str, list[str]]] = []

    def fill(template: str, labels: list[str], draw: random.Random = rng, endings: list[str] = ENDINGS,
             numbers: bool = False) -> None:
        subjects = PEOPLE if template.startswith("@") else SUBJECTS
        template = template.lstrip("@")
        for subject in draw.sample(subjects, min(per_template, len(subjects))):
            fields = ({"n": draw.choice(COUNTS), "m": draw.choice([20, 35, 40, 45, 50, 90]),
                       "w": draw.choice(["two", "three", "six", "8"])} if numbers else {})
            text = template.format(s=subject, **fields) + draw.choice(endings)
            if draw.random() < 0.5:
                text = text[0].upper() + text[1:]
            rows.append((text, labels))

    for emotion, (templates, standalone) in TEMPLATES.items():
        for template in templates:
            fill(template, [emotion])
        for text, ending in itertools.product(standalone, ENDINGS[:3]):
            rows.append(((text + ending).capitalize() if ending else text, [emotion]))
    for template, labels in PAIRS:
        fill("@" + template, labels)
    for template in NONE:
        fill(template, [])
    for text, ending in itertools.product(NONE_STANDALONE, ENDINGS[:2]):
        rows.append(((text + ending).capitalize(), []))
    if implicit:
        situations = random.Random(seed + 1)  # its own draws: the rows above stay as they were
        for emotion, templates in IMPLICIT.items():
            for template in templates:
                fill(template, [emotion], situations, ENDINGS[:3], numbers=True)
        for emotion, standalone in IMPLICIT_STANDALONE.items():
            for text, ending in itertools.product(standalone, ENDINGS[1:3]):
                rows.append(((text + ending).capitalize(), [emotion]))
        for template in IMPLICIT_NONE:
            fill(template, [], situations, ENDINGS[:3], numbers=True)
    if implicit and more_situations:
        more = random.Random(seed + 2)
        for emotion, templates in SITUATIONS.items():
            for template in templates:
                fill(template, [emotion], more, ENDINGS[:3], numbers=True)
        for template in SITUATIONS_NONE:
            fill(template, [], more, ENDINGS[:3], numbers=True)
    df = pd.DataFrame(rows, columns=["text", "emotions"]).drop_duplicates("text")
    return df.reset_index(drop=True)


if __name__ == "__main__":
    table = cx_emotion_augmentation()
    counts = pd.Series([e for labels in table["emotions"] for e in labels] or [None]).value_counts()
    print(len(table), counts.to_dict(), "none:", int((table["emotions"].str.len() == 0).sum()))
    print(table.sample(12, random_state=0).to_string())
