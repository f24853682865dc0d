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
from collections.abc import Collection
from pathlib import Path

import pandas as pd

__all__ = ["cx_augmentation", "fact_contrasts", "situation_sentiments"]

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

# Short survey answers (``short_answers=True``, sentiment-fast 0.4.0 on): survey verbatims are
# often a few words ("always late", "friendly staff", "took 5 minutes", "10/10"), where review and
# tweet corpora teach little: "late" and "slow" read as neutral, "a joke" as amusement. Written for
# cxtext from how such answers are phrased, not taken from any survey set.
SHORT_ADVERBS = ["", "very ", "really ", "so ", "always "]
SHORT_POSITIVE_ADJ = [
    "quick", "fast", "friendly", "helpful", "efficient", "clean", "easy", "professional", "polite",
    "reliable", "punctual", "caring", "knowledgeable", "convenient", "affordable", "spotless",
    "smooth", "straightforward", "welcoming", "patient", "cheerful", "organised", "responsive",
]
SHORT_NEGATIVE_ADJ = [
    "slow", "late", "rude", "dirty", "expensive", "overpriced", "unhelpful", "unreliable",
    "confusing", "noisy", "crowded", "packed", "unprofessional", "useless", "disorganised",
    "patronising", "understaffed", "complicated", "cold", "delayed", "pricey", "scruffy",
]
SHORT_NOUNS = ["staff", "service", "team", "delivery", "people", "support", "process", "app"]
SHORT_STANDALONE = {
    "positive": [
        "on time", "always on time", "arrived early", "ready on time", "seen on time", "seen straight away",
        "in and out in 10 minutes", "took 5 minutes", "sorted in minutes", "done in 2 minutes",
        "answered within a minute", "same day", "next day delivery", "arrived the next morning",
        "10/10", "5 stars", "five stars", "9/10", "top marks", "spot on", "value for money",
        "good prices", "great value", "fair price", "easy to use", "no waiting", "no queue",
        "no fuss", "all sorted first time", "kept me updated", "called back the same day",
        "remembered my name", "went the extra mile", "lovely people", "a pleasure to deal with",
    ],
    "negative": [
        "always late", "never on time", "took 3 hours", "waited 2 hours", "took weeks",
        "still waiting after 6 weeks", "40 minutes on hold", "an hour in the queue", "no signal",
        "no wifi", "no parking", "nobody answered", "no one picks up", "bill went up", "hidden charges",
        "charged twice", "prices keep going up", "a joke", "an absolute joke", "a shambles",
        "a waste of time", "a disgrace", "0/10", "1 star", "one star", "terrible", "awful service",
        "cancelled again", "broke after a week", "kept me waiting", "passed from pillar to post",
        "same problem every time", "nobody knew anything", "had to repeat myself", "never again",
    ],
    "neutral": [
        "ok", "it's ok", "average", "as expected", "same as usual", "the usual", "a routine visit",
        "picked up a prescription", "bought a ticket online", "first visit", "only been once",
        "mixed", "some good, some bad", "neither good nor bad", "it does the job i suppose",
    ],
}

# Litotes and hedged verdicts (``litotes=True``, sentiment-fast 0.6.0 on). Understatement is how
# many satisfied customers answer ("wasn't bad", "can't grumble"), and "not the greatest" is how
# many dissatisfied ones do; the shared corpora carry few such phrases, and the clothing reviews
# put "not bad" in 3-star reviews. Written for cxtext as constructions with varied subjects; the
# sentences of the negation test table and of tests/data/cx_idioms.csv are not among them.
LITOTES_POSITIVE = [
    "{s} was not bad", "{s} wasn't bad", "{s} was not bad really", "{s} wasn't bad at all, thanks",
    "{s} was not too bad", "{s} wasn't too shabby", "not bad, {s} sorted it", "honestly {s} was not bad",
    "i can't grumble about {s}", "nothing bad to say about {s}", "{s} was never any trouble",
    "no request was too much for {s}", "nothing seemed too much bother for {s}",
    "{s} didn't make me wait", "i have no complaints about {s}, none", "{s} did not put a foot wrong",
    "{s} wasn't slow at all", "{s} was not at all rude",
]
LITOTES_NEGATIVE = [
    "{s} was not the greatest", "{s} wasn't the best i've seen", "{s} has been better",
    "i've had better from {s}", "not the best visit, {s} was poor", "{s} was far from the best",
    "not my favourite experience with {s}", "{s} is not what it used to be", "{s} was not up to much",
    "{s} wasn't great to be honest", "not the smoothest process with {s}", "{s} was not good at all",
    "{s} did nothing to help", "i'm not sure {s} cared", "{s} was hardly helpful",
]
LITOTES_STANDALONE = {
    "positive": [
        "not bad, not bad at all", "pretty not bad", "not too bad really", "not half bad",
        "can't grumble", "mustn't grumble", "no grumbles", "wasn't bad", "not bad considering",
        "not bad for a first visit", "all in all not bad", "not a bad experience", "not a bad service",
        "nothing was any trouble", "nothing was too much bother",
    ],
    "negative": [
        "not the best", "not the greatest", "not the best service", "not the best visit",
        "not great", "not brilliant", "not ideal", "not good", "not the best value", "not the best day",
        "could have gone better", "i've had better", "seen better", "has been better",
    ],
}
# Care settings (``care=True``, sentiment-fast 0.6.0 on): patient feedback describes pain, food,
# wards and bedside manner, which the shared corpora (tweets, clothes, restaurants, Reddit) barely
# cover; the fast model had read "gentle and supportive" as negative and "in agony" as positive.
CARE_SUBJECTS = [
    "the midwife", "the ward staff", "the surgeon", "the gp", "the consultant", "the physio",
    "the paramedics", "the dentist", "the carers", "the night staff", "the anaesthetist", "the hygienist",
]
CARE_POSITIVE = [
    "{s} was gentle and supportive", "{s} was so reassuring", "{s} kept me comfortable",
    "{s} made sure my pain was under control", "{s} took my pain seriously", "{s} explained every step",
    "{s} was calm and kind throughout", "{s} treated me with dignity", "{s} were attentive all night",
    "{s} checked on me regularly", "{s} was thorough and unhurried", "{s} made a scary day bearable",
]
CARE_NEGATIVE = [
    "{s} left me in pain for hours", "{s} ignored me while i was in agony", "{s} was cold and uncaring",
    "{s} dismissed my concerns", "{s} rushed me out", "{s} sent me home too early",
    "{s} never explained what was happening", "{s} left me lying in a soiled bed", "{s} forgot my medication",
    "{s} was rough and impatient", "{s} made me feel like a burden", "{s} didn't wash their hands",
]
CARE_STANDALONE = {
    "positive": [
        "pain was well managed", "painless procedure", "hardly any pain", "the meals were tasty and hot",
        "the ward was spotless", "felt safe and cared for", "excellent aftercare", "a calm, clean clinic",
        "no pain at all afterwards", "treated like a person not a number",
    ],
    "negative": [
        "meals were cold and inedible", "the food was disgusting", "in agony all night",
        "waited hours for pain relief", "the ward was filthy", "discharged without any information",
        "buzzer ignored for an hour", "left in pain", "no dignity", "felt like a number",
        "appointment cancelled twice", "the waiting room was packed and dirty",
    ],
    "neutral": [
        "i was admitted on a tuesday", "i had a blood test", "the clinic is on the second floor",
        "i was seen by the nurse first", "my husband came with me", "the scan took twenty minutes",
        "i was transferred to another ward", "i had a follow up appointment",
    ],
}

# Colloquial feedback (``colloquial=True``; tried for sentiment-fast 0.9.0, not shipped:
# benchmarks/RESULTS_LOG.md, *Colloquial feedback*): survey boxes and patient feedback are written the way people talk ("the
# nurse was fab", "parking is a joke", "vg"), in regional slang and textspeak that the shared
# corpora (US tweets, US reviews, Reddit, restaurant reviews) barely hold: fast 0.8.0 read "The
# nurse was fab" as negative (0.67) and "The wait was shocking" as neutral. Written for cxtext as
# constructions with varied subjects, named staff included; the colloquial evaluation set
# (tests/data/cx_colloquial.csv) was written separately.
COLLOQUIAL_SUBJECTS = [
    "the nurse", "nurse kelly", "dr ahmed", "the receptionist", "mike the engineer", "the delivery driver",
    "the lads", "the staff", "the girl on the phone", "the bloke at the counter", "the food", "the app",
    "the service", "the wifi", "the coffee", "the room", "the new system", "customer service",
    "the surgery", "the ward", "sam on reception", "the fitter", "the courier", "the chemist",
]
COLLOQUIAL_POSITIVE = [
    "{s} was fab", "{s} were brill", "{s} was ace", "{s} was mint", "{s} was class", "{s} was cracking",
    "{s} was top notch", "{s} was bang on", "{s} was a legend", "{s} was sound", "{s} was grand",
    "{s} was on point", "{s} was stellar", "big shout out to {s}", "{s} was a star", "{s} nailed it",
    "{s} sorted me right out", "{s} was a diamond", "{s} was proper helpful", "{s} was well good",
    "{s} was dead helpful", "{s} was lush", "{s} was a lifesaver", "{s} was first class",
]
COLLOQUIAL_NEGATIVE = [
    "{s} was shocking", "{s} was dire", "{s} was rubbish", "{s} was pants", "{s} was naff",
    "{s} is a joke", "{s} was a shambles", "{s} was a total faff", "{s} is a rip-off", "{s} was dodgy",
    "{s} was useless", "{s} took the mick", "{s} was a nightmare tbh", "{s} was a right pain",
    "{s} was diabolical", "{s} was atrocious", "{s} was a mess", "{s} was garbage", "{s} sucked",
    "{s} was a letdown", "{s} was a con", "{s} was poor tbh", "{s} was a waste of space",
    "{s} couldn't care less",
]
COLLOQUIAL_STANDALONE = {
    "positive": [
        "fab", "brill", "ace", "top notch", "bang on", "class", "mint", "cracking service",
        "sound as a pound", "spot on as usual", "vg", "v good", "gr8", "gr8 service", "thx so much",
        "ty", "ta very much", "cheers", "cheers guys", "10/10 lads", "a1 service", "couldn't fault it tbh",
        "legends", "superstars", "lush", "well chuffed", "chuffed to bits", "made up with it",
        "happy days", "proper good", "dead good", "a belter", "a+", "a+++", "5* all round",
    ],
    "negative": [
        "shocking", "dire", "rubbish", "pants", "naff", "shambolic", "a total faff", "rip off",
        "daylight robbery", "diabolical", "atrocious", "useless tbh", "joke of a service", "taking the mick",
        "not impressed tbh", "smh", "sort it out", "ffs sort it out", "absolute shambles", "fuming",
        "gutted", "well annoyed", "proper rubbish", "utter garbage", "nightmare from start to finish",
        "total con", "zero stars if i could", "worst ever", "never using them again lol",
    ],
    "neutral": [
        "it was ok tbh", "alright i suppose", "bog standard", "middle of the road", "so-so", "fine ta",
        "popped in for a prescription", "rang them about my bill", "got the bus there",
        "had my jabs done", "picked up my specs", "booked it online", "went in on a saturday",
        "second time there", "my mum came with me", "used the self checkout",
    ],
}


# Service events (``events=True``; sentiment-fast 0.10.0 on): customers often report what happened
# and leave the verdict implied ("the parcel never arrived", "the bin wasn't collected", "the food
# arrived cold"), and say praise by denying a fault ("the driver was never late", "the room wasn't
# dirty"). The shared corpora hold few such sentences, and a bug bash (2026-12-06) found fast 0.9.0
# reading 10 of 25 plain failure statements as neutral and "not late at all" as negative (0.99).
# Written for cxtext as constructions with varied subjects; none of the bug bash's sentences, the
# negation table's or tests/data/cx_idioms.csv's is among them (the idiom set shares constructions).
EVENT_SUBJECTS = [
    "the parcel", "my order", "the delivery", "the package", "the replacement", "my refund",
    "my prescription", "the engineer", "the technician", "the courier", "the repair", "my appointment",
    "the bus", "the train", "the installer", "the callback", "the new sofa", "my passport",
    "the plumber", "the taxi", "the food", "my meal", "the bin collection", "the test results",
]
EVENT_NEGATIVE = [
    "{s} never came", "{s} still hasn't turned up", "{s} didn't show up", "{s} went missing",
    "{s} was left outside in the rain", "{s} came damaged", "{s} turned up two weeks late",
    "{s} was cancelled at the last minute", "{s} wasn't ready when i got there", "{s} got lost on the way",
    "{s} went to the wrong address", "{s} was missing half the items", "{s} broke after a week",
    "{s} was rescheduled three times", "{s} took six weeks", "i'm still chasing {s}",
    "i was billed twice for {s}", "{s} was never processed", "{s} came cold", "{s} took forever",
    "{s} was an hour behind", "{s} never turned up and nobody rang", "had to take another day off for {s}",
    "{s} was left at the wrong house", "{s} never arrived", "{s} still hasn't arrived", "{s} arrived broken",
    "{s} arrived late again", "{s} arrived stone cold", "{s} took ages", "{s} was out of order",
    "{s} wasn't collected", "{s} wasn't ready", "{s} kept cutting out",
]
EVENT_POSITIVE = [
    "{s} came a day early", "{s} turned up bang on time", "{s} came the very next day",
    "{s} was ready and waiting", "{s} showed up when they said", "{s} was sorted within minutes",
    "{s} was here the next morning", "{s} was done the same day", "{s} came back within the hour as promised",
    "{s} went through in two days", "{s} came hot and fresh", "{s} was early if anything",
    "{s} was never late", "{s} was not late at all", "{s} wasn't late once", "{s} was not delayed at all",
    "{s} was never a problem", "{s} didn't keep me waiting", "{s} was not a hassle in the slightest",
    "{s} wasn't complicated at all", "{s} arrived early", "{s} arrived right on time", "{s} arrived hot",
    "{s} arrived in perfect condition", "{s} was ready on time",
]
NEGATED_FAULT_SUBJECTS = [
    "the room", "the ward", "the shop", "the staff", "the waiter", "the driver", "the bathroom",
    "the hotel", "the carriage", "the receptionist", "the kitchen", "the crew", "the fitting room",
    "the waiting area", "the team", "the courier",
]
NEGATED_FAULT_POSITIVE = [
    "{s} wasn't dirty at all", "{s} was not dirty", "{s} was never untidy", "{s} wasn't noisy",
    "{s} was not rude in the slightest", "{s} were never rude", "{s} were not unfriendly at all",
    "{s} wasn't unhelpful", "{s} was never pushy", "{s} was not cramped", "{s} wasn't smelly at all",
    "{s} was not cold", "{s} was not slow", "{s} was second to none", "{s} couldn't have been nicer",
]
NEGATED_FAULT_NEGATIVE = [
    "{s} wasn't clean", "{s} was not tidy at all", "{s} was never on time", "{s} weren't friendly",
    "{s} was not welcoming", "{s} wasn't ready", "{s} was not working", "{s} wasn't warm enough",
    "{s} was not on time", "{s} wasn't up to scratch",
]
EVENT_STANDALONE = {
    "positive": [
        "nothing was missing", "nothing was broken", "no one was rude", "nobody was unfriendly",
        "not a thing was out of place", "never once late", "not once did it fail",
        "no delays at all", "no waiting around", "it came early", "all there and in one piece",
    ],
    "negative": [
        "nothing turned up", "no one came", "nobody showed", "it never came", "half of it was missing",
        "it came broken", "still not here", "it got lost", "it was cold when it came", "it didn't work",
        "it never worked", "waited in all day for nothing", "the box was crushed", "it came open",
    ],
    "neutral": [
        "it came on tuesday", "the courier rang the bell", "i collected it from the depot",
        "it was delivered to my neighbour as i asked", "the engineer came at ten", "i rebooked for friday",
        "it is due next week", "i picked it up myself",
    ],
}


# Stories and tallies (the arcs block; tried 2026-12-06, in no shipped model). A blind set of
# six genres (insurance, energy, food delivery, garages, transport, courses; tests/data/cx_genres_2.csv)
# showed the fast preset reading long comments that open with a setback and end in praise as negative,
# complaints told as a tally of failures or as a promise not kept as neutral, and "not once did anyone
# ..." as positive. Written for cxtext as constructions with varied subjects; none of that set's
# sentences (nor the other evaluation sets') is among them (tests/test_cx_augment.py checks).
# Measured by benchmarks/sentiment_arcs.py (benchmarks/results/sentiment_arcs.md): blind new genres
# +0.007 to +0.036, left-out genres +0.003 to +0.005, validation on the genres trained on -0.0034 to
# -0.0038, over the limit set before the runs; not shipped.
ARC_SUBJECTS = [
    "the boiler repair", "my claim", "the leak", "my order", "the refund", "the engineer visit",
    "the bin collection", "my account", "the booking", "the install", "the fault", "the heating",
    "my membership", "the ticket", "the replacement part", "the appointment", "the meter", "the course",
    "the tenancy deposit", "the dispute", "the invoice", "the car", "the prescription", "the complaint",
]
ARC_POSITIVE = [
    "{s} went wrong at first but they sorted it within a day, can't fault them",
    "had a nightmare with {s} to begin with but the team put everything right and kept me posted",
    "i was dreading {s} but honestly they made it painless",
    "{s} was delayed, they rang to apologise and fixed it the same week",
    "bit of a hiccup with {s} but the person i spoke to went out of their way to help",
    "thought {s} would be a battle, it was sorted in one phone call",
    "{s} fell through and they had someone on it within hours, brilliant",
    "after a rocky start with {s} they really turned it around",
    "was ready to complain about {s} but they beat me to it and put it right",
    "{s} took longer than planned but they explained why and it was worth the wait",
    "problem with {s} on day one, fixed by day two, no fuss",
    "i expected the worst with {s} and was pleasantly surprised",
]
ARC_NEGATIVE = [
    "{s} started off fine but three weeks on it's still not sorted",
    "they promised to sort {s} and nothing has happened since",
    "third time {s} has gone wrong this month",
    "two visits booked for {s}, two no shows",
    "not once did anyone ring me back about {s}",
    "not one person has apologised for {s}",
    "no one has bothered to update me on {s}",
    "told {s} would be done by friday, three fridays ago",
    "{s} was marked as resolved, it wasn't",
    "every time i chase {s} i get a different answer",
    "{s} was fixed and went wrong again two days later",
    "five emails about {s} and not a single reply",
    "paid for {s} in march and still waiting",
    "{s} was lovely at the start then it all went downhill",
    "the first month was great, then {s} turned into a saga",
    "they were friendly enough but {s} still isn't done",
]
ARC_STANDALONE = {
    "positive": [
        "the money was back in my account the next morning", "they waived the fee without me asking",
        "quoted less than i expected and finished early", "came out on a sunday for us",
        "renewed in two minutes online", "they rang me before i had a chance to chase",
        "sorted on the first call", "passed first time", "up and running the same afternoon",
    ],
    "negative": [
        "three missed collections in a row", "fourth call this week about the same thing",
        "still no callback", "nobody turned up, again", "six weeks and counting",
        "same fault as last time", "we've been without heating since monday", "still waiting on a reply",
        "back to square one", "the same problem for the third time",
    ],
    "neutral": [
        "the visit is booked for the 14th", "i rang on monday about the renewal",
        "moved the appointment to next week at my request", "the reference number is in the email",
        "the engineer is due between eight and twelve", "i paid by direct debit",
        "i've been a customer for three years", "the course has six modules",
    ],
}


# Descriptive verdicts (the verdicts block, 2026-12-07). Survey and patient feedback describe people and
# services with a predicate: "the porter was grumpy", "pharmacy staff were unfriendly", "the nurses were
# terrific". sentiment-fast 0.10.0 read 21% of such sentences wrong in a probe of 20 subjects x 40 common
# adjectives (positive ones as negative 73 times: the frame "the nurses were" leans negative in the review
# and tweet corpora, and rarer adjectives carry little weight; "unfriendly" read positive). Written for
# cxtext: subjects from many sectors, a wide list of predicative adjectives and noun verdicts of each side,
# and factual descriptions in the same frame as neutral, so the frame itself carries no polarity.
VERDICT_SINGULAR = [
    "the porter", "the cashier", "the waiter", "the waitress", "the chef", "the courier", "the plumber",
    "the electrician", "the mechanic", "the tutor", "the vet", "the optician", "the physio", "the concierge",
    "the tour guide", "the host", "the ward sister", "the call handler", "the sales assistant", "reception",
    "the front desk", "the kitchen", "the branch", "the helpdesk", "the handyman", "the decorator",
    "the cleaner", "the locksmith", "the landlord", "the letting agent", "the surveyor", "the instructor",
    "the hairdresser", "the barber", "the therapist", "the caseworker", "the claims handler", "my adviser",
    "our rep", "the bus driver", "the conductor", "the guard", "the pilot", "the hotel manager", "the lawyer",
    "customer service", "the technician", "the checkout lady", "the security guard", "the salesman",
]
VERDICT_PLURAL = [
    "the nurses", "the doctors", "the staff", "the carers", "the waiting staff", "the bar staff",
    "the cabin crew", "the fitters", "the drivers", "the engineers", "the teachers", "the receptionists",
    "the paramedics", "the midwives", "the porters", "the shop staff", "the call centre staff",
    "the builders", "the cleaners", "the lifeguards", "the volunteers", "the sales team", "the support team",
    "the kitchen staff",
]
VERDICT_POSITIVE = [
    "kind", "lovely", "brilliant", "fantastic", "wonderful", "amazing", "superb", "excellent", "great",
    "marvellous", "terrific", "outstanding", "exceptional", "first class", "fab", "brill", "ace", "courteous",
    "considerate", "attentive", "thoughtful", "respectful", "gentle", "reassuring", "compassionate",
    "understanding", "accommodating", "obliging", "charming", "pleasant", "warm", "approachable", "cheerful",
    "enthusiastic", "diligent", "meticulous", "conscientious", "thorough", "competent", "capable", "skilled",
    "efficient", "prompt", "tidy", "honest", "genuine", "trustworthy", "dependable", "sympathetic", "calm",
    "a star", "a credit to the company", "a gem", "a godsend", "a lifesaver", "a pleasure to deal with",
    "spot on", "top notch", "faultless", "impeccable", "a delight", "nice", "good", "friendly", "helpful",
    "fabulous", "stellar", "splendid", "caring", "polite", "professional", "knowledgeable", "patient",
]
VERDICT_NEGATIVE = [
    "rude", "awful", "terrible", "dreadful", "appalling", "shocking", "abysmal", "atrocious", "hopeless",
    "useless", "pathetic", "disgraceful", "poor", "horrible", "lazy", "incompetent", "careless", "sloppy",
    "grumpy", "clueless", "unfriendly", "unhelpful", "impolite", "inattentive", "unprofessional",
    "disorganised", "uncaring", "unsympathetic", "dismissive", "abrupt", "arrogant", "patronising",
    "condescending", "impatient", "rough", "pushy", "aggressive", "sarcastic", "miserable", "surly", "curt",
    "brusque", "offhand", "indifferent", "disinterested", "slapdash", "shoddy", "a joke", "a nightmare",
    "a disgrace", "a shambles", "rubbish", "dire", "diabolical", "shambolic", "cold", "snappy", "moody",
    "obnoxious", "argumentative", "evasive", "unreliable", "unapproachable", "bad", "nasty", "incapable",
    "unpleasant", "uninterested", "rushed", "hostile", "unhygienic", "inept", "hopeless as usual",
]
VERDICT_NEUTRAL = [
    "new", "a young man", "from the agency", "on the second floor", "the same as last time",
    "there at nine", "on the phone", "from head office", "in her fifties", "on nights that week",
    "covering for a colleague", "the only one on", "from the local depot", "a locum", "on a training day",
    "at the other branch", "on holiday the week after", "based in manchester",
]
VERDICT_ADVERBS = ["", "", "", "very ", "really ", "so ", "extremely ", "always ", "super ", "absolutely "]


def cx_augmentation(seed: int = 0, per_template: int = 6, short_answers: bool = False,
                    litotes: bool = False, care: bool = False, colloquial: bool = False,
                    events: bool = False, arcs: bool = False, verdicts: bool = False,
                    situations: bool | Collection[str] = False,
                    situation_neutrals: bool | Collection[str] = False,
                    health_situations: bool = False, facts: bool = False) -> pd.DataFrame:
    """Return a deterministic table of template sentences with ``text`` and ``label``.

    ``short_answers=True`` adds the short survey answers (sentiment-fast 0.4.0
    on), ``litotes=True`` the understatements and hedged verdicts and
    ``care=True`` the patient-feedback sentences (both 0.6.0 on), ``colloquial=True``
    slang and textspeak (tried, in no shipped model), ``events=True`` service
    events and denied faults ("the parcel never came", "the room wasn't dirty"),
    ``arcs=True`` stories that turn and tallies of failures ("had a nightmare with
    the claim to begin with but ...", "two visits booked, two no shows"),
    ``verdicts=True`` people and services described with a predicate ("the porter
    was grumpy", "the nurses were terrific", "the locksmith was a locum"), ``situations=True``
    the polar rows of cxtext's CX situation corpus (``data/cx_emotion_situations.csv``: a comment
    showing only negative emotions is negative, only positive ones positive; confusion, mixed
    and no-emotion rows are left out), or only those of the industries given,
    ``situation_neutrals=True`` the corpus's no-emotion rows as neutral (facts, plain
    questions, lukewarm verdicts; sentiment-fast 0.13.0 on), ``health_situations=True`` the same
    two readings (polar rows, then no-emotion rows as neutral) of the healthcare situation corpus
    (``data/cx_health_situations.csv``), ``facts=True`` the fact contrasts
    (``data/cx_fact_contrasts.csv``: on one topic, a plain fact as neutral, a complaint
    and a compliment; :func:`fact_contrasts`); the defaults
    reproduce the table earlier models were trained with, and each switch
    leaves the rows of the others as they were.

    Examples
    --------
    >>> df = cx_augmentation()
    >>> sorted(df["label"].unique())
    ['negative', 'neutral', 'positive']
    >>> bool(df["text"].is_unique)
    True
    >>> len(cx_augmentation(short_answers=True)) > len(df)
    True
    >>> with_litotes = cx_augmentation(short_answers=True, litotes=True)
    >>> with_litotes.iloc[:len(cx_augmentation(short_answers=True))].equals(cx_augmentation(short_answers=True))
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
        rows += _filled(rng, templates, subjects, label, per_template)
    for label, texts in STANDALONE.items():
        for text, ending in itertools.product(texts, ENDINGS[:3]):
            rows.append(((text + ending).capitalize(), label))
    if short_answers:
        rows += _short_answers(rng)
    # the later blocks draw from their own generators, so each switch leaves the others' rows as they were
    if litotes:
        rows += _block(random.Random(seed + 1), per_template, SUBJECTS,
                       LITOTES_POSITIVE, LITOTES_NEGATIVE, LITOTES_STANDALONE)
    if care:
        rows += _block(random.Random(seed + 2), per_template, CARE_SUBJECTS,
                       CARE_POSITIVE, CARE_NEGATIVE, CARE_STANDALONE)
    if colloquial:
        rows += _block(random.Random(seed + 3), per_template, COLLOQUIAL_SUBJECTS,
                       COLLOQUIAL_POSITIVE, COLLOQUIAL_NEGATIVE, COLLOQUIAL_STANDALONE)
    if events:
        rows += _block(random.Random(seed + 4), per_template, EVENT_SUBJECTS,
                       EVENT_POSITIVE, EVENT_NEGATIVE, EVENT_STANDALONE)
        rows += _block(random.Random(seed + 5), per_template, NEGATED_FAULT_SUBJECTS,
                       NEGATED_FAULT_POSITIVE, NEGATED_FAULT_NEGATIVE, {})
    if arcs:
        rows += _block(random.Random(seed + 6), per_template, ARC_SUBJECTS, ARC_POSITIVE, ARC_NEGATIVE,
                       ARC_STANDALONE)
    if verdicts:
        rows += _verdicts(random.Random(seed + 7))
    if situations is not False:
        rows += situation_sentiments(None if situations is True else situations)
    if situation_neutrals is not False:
        rows += situation_sentiments(None if situation_neutrals is True else situation_neutrals, neutral=True)
    if health_situations:
        rows += situation_sentiments(csv=HEALTH_SITUATIONS_CSV)
        rows += situation_sentiments(neutral=True, csv=HEALTH_SITUATIONS_CSV)
    if facts:
        rows += fact_contrasts()
    df = pd.DataFrame(rows, columns=["text", "label"]).drop_duplicates("text")
    return df.reset_index(drop=True)


#: The CX situation corpus written for the emotion models (its SOURCE.md beside it).
SITUATIONS_CSV = Path(__file__).resolve().parent / "data" / "cx_emotion_situations.csv"
#: Its healthcare counterpart: patients', relatives' and carers' situations (its SOURCE.md beside it).
HEALTH_SITUATIONS_CSV = Path(__file__).resolve().parent / "data" / "cx_health_situations.csv"
#: Contrast triples: on one topic, a plain fact (neutral), a complaint and a compliment (its SOURCE.md beside it).
FACT_CONTRASTS_CSV = Path(__file__).resolve().parent / "data" / "cx_fact_contrasts.csv"
#: Emotions whose comments read negative or positive; confusion has no polarity of its own.
NEGATIVE_EMOTIONS = frozenset({"anger", "frustration", "disappointment", "anxiety"})
POSITIVE_EMOTIONS = frozenset({"gratitude", "delight", "admiration"})


def situation_sentiments(industries: Collection[str] | None = None, *, neutral: bool = False,
                         csv: Path = SITUATIONS_CSV) -> list[tuple[str, str]]:
    """``(text, label)`` of the corpus rows whose emotions all share a polarity (of ``industries`` only if given).

    With ``neutral=True``, the rows that show no emotion instead, labelled ``neutral``. ``csv``: the
    corpus (:data:`SITUATIONS_CSV`, or :data:`HEALTH_SITUATIONS_CSV`, whose rows name a ``setting``
    rather than an industry: pass no ``industries`` with it).

    Examples
    --------
    >>> rows = situation_sentiments()
    >>> sorted({label for _, label in rows})
    ['negative', 'positive']
    >>> 0 < len(situation_sentiments(["banking"])) < len(rows)
    True
    """
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
    if industries is not None:
        frame = frame[frame["industry"].isin(set(industries))]
    if neutral:
        return [(text, "neutral") for text in frame.loc[frame["emotions"] == "none", "text"]]
    rows = []
    for text, cell in zip(frame["text"], frame["emotions"]):
        emotions = set(cell.split(";"))
        if emotions <= NEGATIVE_EMOTIONS:
            rows.append((text, "negative"))
        elif emotions <= POSITIVE_EMOTIONS:
            rows.append((text, "positive"))
    return rows


def fact_contrasts(csv: Path = FACT_CONTRASTS_CSV) -> list[tuple[str, str]]:
    """``(text, sentiment)`` of every row of the fact contrasts, in file order.

    Each topic holds three rows: a plain statement of fact that names no verdict
    ("The phone line opens at 8 to book."), labelled ``neutral``; a complaint and
    a compliment about the same thing, most of them shown by what happened rather
    than named. Models trained on complaints alone learn that the words of a
    complaint's topic (phone lines, refunds, appointments) are negative; the
    triples teach them that the topic is not the verdict.

    Examples
    --------
    >>> rows = fact_contrasts()
    >>> sorted({label for _, label in rows})
    ['negative', 'neutral', 'positive']
    >>> [label for _, label in rows[:3]]
    ['neutral', 'negative', 'positive']
    """
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
    return list(zip(frame["text"], frame["sentiment"]))


def _filled(rng: random.Random, templates: list[str], subjects: list[str], label: str,
            per_template: int) -> list[tuple[str, str]]:
    """Each template with ``per_template`` subjects drawn from ``subjects`` and a random ending."""
    rows: list[tuple[str, str]] = []
    for template in templates:
        for subject in rng.sample(subjects, min(per_template, len(subjects))):
            text = template.format(s=subject) + rng.choice(ENDINGS)
            rows.append((text[0].upper() + text[1:], label))
    return rows


def _block(rng: random.Random, per_template: int, subjects: list[str], positive: list[str],
           negative: list[str], standalone: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Subject templates filled ``per_template`` times, then standalone answers as typed and capitalised."""
    rows = (_filled(rng, positive, subjects, "positive", per_template)
            + _filled(rng, negative, subjects, "negative", per_template))
    for label, texts in standalone.items():
        for text in texts:
            rows.append((text, label))
            rows.append(((text + rng.choice([".", "!"])).capitalize(), label))
    return rows


def _verdicts(rng: random.Random, per_word: int = 3, pairs: int = 25) -> list[tuple[str, str]]:
    """Each verdict word with ``per_word`` subjects, ``pairs`` two-word verdicts per side, the neutral facts."""
    def sentence(subject: str, predicate: str, *, adverb: bool = True) -> str:
        plural = subject in VERDICT_PLURAL
        verb = rng.choice(["were", "are"] if plural else ["was", "is"])
        how = rng.choice(VERDICT_ADVERBS) if adverb and not predicate.startswith("a ") else ""
        text = f"{subject} {verb} {how}{predicate}"
        if rng.random() < 0.2:  # survey shorthand drops the verb and the article: "porter very grumpy"
            text = f"{subject.removeprefix('the ')} {how}{predicate}"
        text += rng.choice(["", ".", "!"] if adverb else ["", "."])  # no facts told with "!"
        return text[0].upper() + text[1:] if rng.random() < 0.7 else text

    subjects = VERDICT_SINGULAR + VERDICT_PLURAL
    rows: list[tuple[str, str]] = []
    for words, label in ((VERDICT_POSITIVE, "positive"), (VERDICT_NEGATIVE, "negative")):
        for word in words:
            rows += [(sentence(subject, word), label) for subject in rng.sample(subjects, per_word)]
        single = [w for w in words if not w.startswith("a ")]
        for _ in range(pairs):
            first, second = rng.sample(single, 2)
            rows.append((sentence(rng.choice(subjects), f"{first} and {second}"), label))
    for fact in VERDICT_NEUTRAL:
        rows += [(sentence(subject, fact, adverb=False), "neutral") for subject in rng.sample(subjects, per_word)]
    return rows


def _short_answers(rng: random.Random) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for adjectives, label in ((SHORT_POSITIVE_ADJ, "positive"), (SHORT_NEGATIVE_ADJ, "negative")):
        for adj in adjectives:
            for adverb in rng.sample(SHORT_ADVERBS, 2):
                rows.append((adverb + adj, label))
            for noun in rng.sample(SHORT_NOUNS, 2):
                rows.append((f"{adj} {noun}", label))
    for label, texts in SHORT_STANDALONE.items():
        for text in texts:
            for ending in ("", rng.choice([".", "!", "!!"])):
                rows.append((text + ending, label))
    # survey answers come in any case: half as typed, half capitalised
    return [(t.capitalize() if i % 2 else t, lab) for i, (t, lab) in enumerate(rows)]


if __name__ == "__main__":
    table = cx_augmentation()
    print(len(table), table["label"].value_counts().to_dict())
    print(table.sample(10, random_state=0).to_string())
