#!/usr/bin/env python
"""Generate the bundled cxtext demo survey export (a synthetic CX survey).

The output imitates what a customer-experience platform exports for a fictional
UK telecoms and home-tech retailer, "Brightwell": one row per survey response
with NPS, CSAT and CES scores and a free-text comment. Every comment is built
from templates and phrase banks written for this script; no text is taken
from any real dataset.

The file is deliberately messy (blank and placeholder answers, emoji, HTML,
mojibake, PII, other languages, duplicates, one very long comment) and the
scores carry *planted* theme effects so that driver analysis has something to
find. See ``data/README.md`` for the documented effects, and ``--truth`` for a
per-row ground-truth file.

This is a standalone script: it only needs the standard library, numpy and
pandas (plus openpyxl/pyarrow for the xlsx/parquet formats) and never imports
cxtext. Output is byte-for-byte deterministic for a given ``--n`` and
``--seed``. The phrase banks are hand-written on purpose: no library ships
realistic, freely licensed CX comments with known ground truth.

Usage
-----
    python data/make_demo_data.py --out data/demo_survey.csv [--n 600] [--seed 0]
        [--format csv|xlsx|parquet|jsonl] [--truth truth.csv]

Examples
--------
>>> survey, truth = generate(n=120, seed=1)
>>> list(survey.columns) == list(COLUMNS)
True
>>> survey["response_id"].is_unique
True
"""

from __future__ import annotations

import argparse
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "COLUMNS",
    "EFFECTS",
    "TRUTH_COLUMNS",
    "generate",
    "main",
    "write_table",
]

logger = logging.getLogger(__name__)

COLUMNS: tuple[str, ...] = (
    "response_id",
    "submitted_at",
    "channel",
    "product",
    "region",
    "question",
    "nps",
    "csat",
    "ces",
    "comment",
)
TRUTH_COLUMNS: tuple[str, ...] = (
    "response_id",
    "kind",
    "language",
    "tone",
    "themes",
    "contradictory",
    "duplicate_of",
    "latent_nps",
)
FORMATS: tuple[str, ...] = ("csv", "xlsx", "parquet", "jsonl")
MIN_N = 60

# --------------------------------------------------------------------------
# Survey frame
# --------------------------------------------------------------------------
START = datetime(2026, 5, 1)
END = datetime(2026, 10, 31, 23, 59, 59)
N_DAYS = (END.date() - START.date()).days + 1  # 184 days, May to October 2026

Q_REASON = "What is the main reason for your score?"
Q_IMPROVE = "How could we improve?"
P_IMPROVE = 0.22

CHANNELS: tuple[str, ...] = ("web", "app", "phone", "store", "email", "chat")
CHANNEL_P = (0.27, 0.19, 0.21, 0.15, 0.07, 0.11)
PRODUCTS: tuple[str, ...] = ("Home Broadband", "Mobile", "TV", "Smart Home", "Accessories")
PRODUCT_P = (0.30, 0.30, 0.16, 0.10, 0.14)
REGIONS: tuple[str, ...] = (
    "London",
    "South East",
    "South West",
    "Midlands",
    "North West",
    "Yorkshire",
    "Scotland",
    "Wales",
)
REGION_P = (0.20, 0.16, 0.09, 0.15, 0.13, 0.10, 0.10, 0.07)

# --------------------------------------------------------------------------
# Planted effects on the latent NPS (documented in data/README.md)
# --------------------------------------------------------------------------
BASE_NPS = 7.6
TREND_NPS = 1.0  # latent NPS rises linearly by this much from May to October
NOISE_SD = 1.3  # noise on comments with themes
EDGE_NOISE_SD = 2.6  # noise on comments that carry no theme (blank, "n/a", ...)
GENERIC_EFFECT = {"pos": 1.5, "neg": -2.2, "sugg": -0.8}
EFFECTS: dict[tuple[str, str], float] = {
    ("waiting_time", "neg"): -4.7,  # 2.5 points below a generic complaint
    ("effort", "neg"): -4.7,  # 2.5 points below a generic complaint
    ("staff_attitude", "pos"): 2.5,  # 1.0 point above generic praise
    ("empathy", "pos"): 2.5,  # 1.0 point above generic praise
}
CONTRADICTORY_P = 0.035
THEMES: tuple[str, ...] = (
    "staff_attitude",
    "empathy",
    "responsiveness",
    "waiting_time",
    "knowledge",
    "effort",
    "communication",
    "resolution",
    "product_quality",
    "ease_of_use",
    "website_app",
    "price_value",
    "billing",
    "delivery",
    "packaging",
    "returns_refunds",
    "cleanliness",
    "availability",
)


def effect(theme: str, polarity: str) -> float:
    """Return the planted latent-NPS effect of one theme mention.

    Parameters
    ----------
    theme : str
        Theme key (one of ``THEMES`` or ``"general"``).
    polarity : str
        ``"pos"``, ``"neg"`` or ``"sugg"`` (a suggestion).

    Returns
    -------
    float
        Points added to the latent NPS.

    Examples
    --------
    >>> effect("waiting_time", "neg"), effect("billing", "neg")
    (-4.7, -2.2)
    """
    return EFFECTS.get((theme, polarity), GENERIC_EFFECT[polarity])


# --------------------------------------------------------------------------
# Slot fillers
# --------------------------------------------------------------------------
PERSONS: dict[str, tuple[str, ...]] = {
    "phone": (
        "the advisor",
        "the lady I spoke to",
        "the man on the phone",
        "Priya on the helpline",
        "the call handler",
        "the guy who answered",
    ),
    "chat": ("the chat advisor", "the agent on the live chat", "the person on the chat"),
    "store": (
        "the staff member",
        "the young lad in the shop",
        "the store manager",
        "Emma in the store",
        "the sales assistant",
    ),
    "web": ("the engineer", "the technician", "the advisor", "the installer"),
    "app": ("the engineer", "the advisor", "the technician", "the installer"),
    "email": ("the advisor who replied", "the person who answered my email", "the advisor"),
}
ITEMS: dict[str, tuple[str, ...]] = {
    "Home Broadband": ("router", "hub", "Wi-Fi booster"),
    "Mobile": ("phone", "handset", "SIM card"),
    "TV": ("TV box", "remote", "set-top box"),
    "Smart Home": ("smart doorbell", "thermostat", "security camera"),
    "Accessories": ("charger", "phone case", "smartwatch", "pair of earbuds"),
}
SLOTS: dict[str, tuple[str, ...]] = {
    "n_times": ("twice", "three times", "four times", "five times", "about six times"),
    "hold": ("40 minutes", "45 minutes", "over an hour", "an hour and ten minutes", "25 minutes"),
    "visit": ("three hours", "four hours", "most of the day", "two hours"),
    "days": ("three days", "a week", "nearly two weeks", "ten days", "a month"),
    "amount": ("£12", "£30", "£45.99", "£8", "£19.50", "£60"),
}
ENGINEER = ("Home Broadband", "TV", "Smart Home")
STREAM = ("Home Broadband", "TV")
REMOTE = ("web", "app", "phone", "email", "chat")


@dataclass(frozen=True)
class Clause:
    """One phrase-bank entry, optionally restricted to channels/products."""

    text: str
    channels: tuple[str, ...] | None = None
    products: tuple[str, ...] | None = None

    def fits(self, channel: str, product: str) -> bool:
        """Return True if the clause makes sense for this channel and product."""
        ok_c = self.channels is None or channel in self.channels
        ok_p = self.products is None or product in self.products
        return ok_c and ok_p


def C(text: str, ch: Sequence[str] | None = None, pr: Sequence[str] | None = None) -> Clause:
    """Shorthand constructor used by the phrase banks below."""
    return Clause(text, tuple(ch) if ch else None, tuple(pr) if pr else None)


# --------------------------------------------------------------------------
# Phrase banks (clauses: lower-case start unless a name/"I", no final stop)
# --------------------------------------------------------------------------
BANK: dict[str, dict[str, list[Clause]]] = {
    "staff_attitude": {
        "pos": [
            C("{person} was lovely"),
            C("{person} was really friendly and polite"),
            C("the staff were cheerful and welcoming", ch=["store"]),
            C("{person} couldn't have been nicer"),
            C("{person} was an absolute star"),
            C("everyone I dealt with was courteous"),
            C("{person} went above and beyond"),
            C("{person} was so pleasant to deal with"),
            C("{person} had a great attitude"),
            C("{person} was a credit to your company"),
        ],
        "neg": [
            C("{person} was rude"),
            C("{person} was really rude and dismissive"),
            C("{person} couldn't have cared less"),
            C("the staff were chatting to each other and ignored me", ch=["store"]),
            C("{person} was abrupt and made me feel stupid"),
            C("{person} was condescending"),
            C("{person} wasn't very friendly"),
            C("{person} hung up on me", ch=["phone"]),
            C("nobody even said hello when I walked in", ch=["store"]),
            C("{person} was sarcastic when I asked a simple question"),
        ],
    },
    "empathy": {
        "pos": [
            C("{person} really listened to me"),
            C("{person} understood how stressful it was for me"),
            C("{person} was very understanding about my situation"),
            C("{person} showed genuine care"),
            C("{person} was patient with me as I'm not good with technology"),
            C("they were really kind when I explained my mum had passed away"),
            C("{person} took the time to understand the problem"),
            C("I felt like they actually cared"),
        ],
        "neg": [
            C("nobody seemed to care"),
            C("{person} showed no empathy whatsoever"),
            C("{person} didn't listen to a word I said"),
            C("I felt like just a number"),
            C("{person} was completely unsympathetic even though I explained I work from home"),
            C("no one understood how stressful this has been"),
            C("{person} kept talking over me"),
            C("I was treated like a nuisance"),
        ],
    },
    "responsiveness": {
        "pos": [
            C("they got back to me the same day"),
            C("my email was answered within an hour", ch=["email"]),
            C("{person} called me back exactly when promised"),
            C("the reply on the chat was almost instant", ch=["chat"]),
            C("they responded quickly to my complaint"),
            C("very prompt response"),
        ],
        "neg": [
            C("I emailed {n_times} and never got a reply"),
            C("nobody called me back despite being promised a call back within 24 hours"),
            C("it took {days} to get a response to my email"),
            C("I'm still waiting for someone to get back to me"),
            C("the chat just left me hanging", ch=["chat"]),
            C("my complaint was ignored for {days}"),
        ],
    },
    "waiting_time": {
        "pos": [
            C("I was seen straight away", ch=["store"]),
            C("there was hardly any wait on the phone", ch=["phone"]),
            C("the queue moved quickly", ch=["store", "phone"]),
            C("I got through in under two minutes", ch=["phone", "chat"]),
            C("no waiting around at all"),
            C("the engineer arrived bang on time", pr=ENGINEER),
        ],
        "neg": [
            C("I waited {visit} for the engineer to turn up", pr=ENGINEER),
            C("I waited {visit} for the engineer to arrive", pr=ENGINEER),
            C("I was on hold for {hold}", ch=["phone"]),
            C("I waited {hold} in the queue", ch=["phone", "chat", "store"]),
            C("the wait time on the phone was ridiculous", ch=["phone"]),
            C("I was kept waiting for {hold} with no explanation"),
            C("the engineer was {visit} late", pr=ENGINEER),
            C("there was a massive queue and only one till open", ch=["store"]),
            C("it took {hold} to get through to anyone", ch=["phone", "chat"]),
            C("I spent {hold} listening to the hold music", ch=["phone"]),
            C("I waited ages to be served", ch=["store"]),
        ],
    },
    "knowledge": {
        "pos": [
            C("{person} knew exactly what they were talking about"),
            C("{person} was very knowledgeable about the {item}"),
            C("{person} explained everything clearly"),
            C("{person} really knew their stuff"),
            C("they sorted out the technical issue in minutes"),
            C("{person} gave me really useful advice"),
        ],
        "neg": [
            C("{person} didn't have a clue"),
            C("{person} had no idea how the {item} worked"),
            C("I was given wrong information"),
            C("{person} had to keep asking a colleague"),
            C("I knew more about it than {person} did"),
            C("each person told me something different"),
            C("{person} wasn't helpful and clearly hadn't been trained"),
            C('{person} just kept saying "turn it off and on again"'),
        ],
    },
    "effort": {
        "pos": [
            C("it was all sorted in one call", ch=["phone"]),
            C("really easy to get it sorted"),
            C("the whole thing was effortless"),
            C("no hassle at all"),
            C("it took two minutes from start to finish"),
            C("I didn't have to chase anything"),
        ],
        "neg": [
            C("I had to call {n_times} to get it sorted"),
            C("I had to repeat my details to every single person"),
            C("I was passed from department to department"),
            C("I had to chase it up myself {n_times}"),
            C("it took {n_times} phone calls and {days} to sort out"),
            C("I had to go into the store {n_times} for the same problem", ch=["store"]),
            C("far too much hassle for something so simple"),
            C("I had to explain the whole story again every time I called"),
            C("it shouldn't be this hard to cancel"),
            C("every time I call I'm told \"it's been escalated\""),
        ],
    },
    "communication": {
        "pos": [
            C("I was kept updated at every step"),
            C("they texted me when the engineer was on the way", pr=ENGINEER),
            C("communication was clear and regular"),
            C("{person} explained what would happen next"),
            C("the emails were clear and easy to follow"),
        ],
        "neg": [
            C("nobody told me the appointment had been cancelled"),
            C("no one bothered to let me know what was going on"),
            C("I got three different emails saying three different things"),
            C("the communication was appalling"),
            C("I wasn't told about the price increase"),
            C("nobody called to say the engineer was running late", pr=ENGINEER),
            C("I was promised a text that never came"),
        ],
    },
    "resolution": {
        "pos": [
            C("the problem was fixed first time"),
            C("{person} sorted everything out for me"),
            C("my issue was resolved quickly"),
            C("everything works perfectly now"),
            C("they fixed it there and then"),
            C("they resolved the issue within a day"),
        ],
        "neg": [
            C("the problem still isn't fixed"),
            C("nothing was resolved"),
            C("my {item} is still not working after {days}"),
            C("the fault keeps coming back"),
            C('{person} said "it should be fine now" but it wasn\'t'),
            C("three engineers later and it's still broken", pr=ENGINEER),
            C("they closed my complaint without fixing anything"),
        ],
    },
    "product_quality": {
        "pos": [
            C("the {item} is excellent"),
            C("the {item} works perfectly"),
            C("great quality {item}"),
            C("the broadband is fast and reliable", pr=["Home Broadband"]),
            C("really impressed with the {item}"),
            C("the {item} does everything I need"),
            C("the picture quality is amazing", pr=["TV"]),
        ],
        "neg": [
            C("the connection keeps dropping out", pr=["Home Broadband", "Mobile"]),
            C("the {item} stopped working after {days}"),
            C("the {item} feels cheap and flimsy"),
            C("the TV is constantly buffering", pr=STREAM),
            C("the {item} arrived faulty"),
            C("the {item} is slow and unreliable"),
            C("poor quality {item}"),
            C("the battery barely lasts half a day", pr=["Mobile", "Accessories"]),
        ],
    },
    "ease_of_use": {
        "pos": [
            C("the {item} was really easy to set up"),
            C("setup took five minutes"),
            C("simple to use even for me"),
            C("plug and play, no problems at all"),
            C("the instructions were clear"),
        ],
        "neg": [
            C("the {item} was a nightmare to set up"),
            C("the instructions made no sense"),
            C("the {item} is far too complicated to use"),
            C("I couldn't work out how to get the {item} going"),
            C("setup was confusing and there's no proper manual"),
        ],
    },
    "website_app": {
        "pos": [
            C("the app is really easy to use", ch=["app"]),
            C("the website was quick and easy", ch=["web"]),
            C("ordering online was simple", ch=["web", "app"]),
            C("the app shows everything I need"),
            C("I could do it all in the app"),
            C("checkout was quick", ch=["web", "app"]),
        ],
        "neg": [
            C("the app keeps crashing"),
            C("the website wouldn't let me log in"),
            C("the app logs me out every time"),
            C("the website is impossible to navigate"),
            C("the online chat button doesn't work"),
            C("the checkout page kept throwing an error", ch=["web", "app"]),
            C("I couldn't find anything on the website"),
        ],
    },
    "price_value": {
        "pos": [
            C("good value for money"),
            C("the price was very reasonable"),
            C("cheaper than anyone else I looked at"),
            C("great deal"),
            C("you get a lot for the price"),
        ],
        "neg": [
            C("far too expensive"),
            C("the price keeps going up every year"),
            C("new customers get better deals than loyal ones"),
            C("poor value for what you get"),
            C("I'm paying {amount} a month more than my neighbour for the same thing"),
            C("overpriced"),
        ],
    },
    "billing": {
        "pos": [
            C("my bill is clear and easy to understand"),
            C("billing has always been accurate"),
            C("the direct debit set-up was simple"),
            C("they corrected my bill straight away"),
        ],
        "neg": [
            C("I was charged {amount} extra with no explanation"),
            C("my bill is wrong again"),
            C("I was double charged"),
            C("they took the payment twice"),
            C("I've been billed for a service I cancelled"),
            C("the bill is impossible to understand"),
        ],
    },
    "delivery": {
        "pos": [
            C("delivery was really quick", ch=REMOTE),
            C("it arrived the next day", ch=REMOTE),
            C("the driver was very polite", ch=REMOTE),
            C("it arrived earlier than expected", ch=REMOTE),
            C("the delivery tracking was spot on", ch=REMOTE),
        ],
        "neg": [
            C("the delivery was late", ch=REMOTE),
            C("my parcel never arrived", ch=REMOTE),
            C("it arrived {days} late", ch=REMOTE),
            C("the courier left it on the doorstep in the rain", ch=REMOTE),
            C("the driver said nobody was in but I was home all day", ch=REMOTE),
            C("delivery was rescheduled {n_times}", ch=REMOTE),
            C("it was delivered to the wrong address", ch=REMOTE),
        ],
    },
    "packaging": {
        "pos": [
            C("nicely packaged", ch=REMOTE),
            C("it came well packed", ch=REMOTE),
            C("the packaging was recyclable which is great"),
        ],
        "neg": [
            C("the box was crushed", ch=REMOTE),
            C("far too much plastic packaging"),
            C("the packaging was damaged and the {item} was scratched", ch=REMOTE),
            C("a tiny {item} came in a huge box", ch=REMOTE),
        ],
    },
    "returns_refunds": {
        "pos": [
            C("the return was easy"),
            C("my refund came through in a couple of days"),
            C("returning the {item} was hassle free"),
            C("they gave me a full refund without any fuss"),
        ],
        "neg": [
            C("I'm still waiting for my refund"),
            C("the returns process is a joke"),
            C("it's been {days} and no refund"),
            C("they refused to take the {item} back"),
            C("I had to pay to return a faulty {item}"),
        ],
    },
    "cleanliness": {
        "pos": [
            C("the store was clean and tidy", ch=["store"]),
            C("the shop was spotless", ch=["store"]),
            C("nice bright clean store", ch=["store"]),
        ],
        "neg": [
            C("the store was filthy", ch=["store"]),
            C("the shop was messy with boxes everywhere", ch=["store"]),
            C("the toilets were disgusting", ch=["store"]),
            C("the display phones were grubby", ch=["store"]),
        ],
    },
    "availability": {
        "pos": [
            C("they had the {item} in stock"),
            C("I got an appointment the next day"),
            C("plenty of parking", ch=["store"]),
            C("the store is open late which suits me", ch=["store"]),
            C("the café in the store is a nice touch", ch=["store"]),
        ],
        "neg": [
            C("the {item} was out of stock"),
            C("there were no appointments for {days}"),
            C("the store was closed when it said it would be open", ch=["store"]),
            C("nowhere to park", ch=["store"]),
            C("the {item} I wanted is never in stock"),
            C("the earliest engineer slot was {days} away", pr=ENGINEER),
            C("the café was closed again", ch=["store"]),
        ],
    },
    "general": {
        "pos": [
            C("great service"),
            C("excellent service as always"),
            C("couldn't be happier"),
            C("no problems at all"),
            C("really happy overall"),
            C("all good"),
            C("very pleased"),
            C("not bad"),
            C("would definitely recommend"),
            C("been a customer for years and never had an issue"),
        ],
        "neg": [
            C("terrible service"),
            C("worst company I've ever dealt with"),
            C("absolutely shocking"),
            C("really disappointed"),
            C("I'll be leaving as soon as my contract ends"),
            C("never again"),
            C("wouldn't recommend to anyone"),
        ],
    },
}

# Suggestions for "How could we improve?": (text, "n" noun phrase | "v" verb phrase).
SUGGESTIONS: dict[str, list[tuple[str, str]]] = {
    "waiting_time": [
        ("more staff on the tills at weekends", "n"),
        ("answer the phone quicker", "v"),
        ("shorter queues", "n"),
        ("a call-back option instead of holding for ages", "n"),
    ],
    "effort": [
        ("let me sort everything out in one call", "v"),
        ("stop making me repeat my details to every person", "v"),
        ("fewer forms to fill in", "n"),
    ],
    "staff_attitude": [("train staff to be polite", "v"), ("friendlier staff", "n")],
    "empathy": [
        ("listen to the customer", "v"),
        ("show a bit of understanding when things go wrong", "v"),
    ],
    "responsiveness": [
        ("reply to emails within a day", "v"),
        ("get back to people when you say you will", "v"),
    ],
    "knowledge": [
        ("better training for the advisors", "n"),
        ("staff who actually know the products", "n"),
    ],
    "communication": [
        ("keep customers updated by text", "v"),
        ("tell people when the engineer is running late", "v"),
    ],
    "resolution": [
        ("fix problems first time", "v"),
        ("give advisors the power to actually sort things out", "v"),
    ],
    "product_quality": [("make the {item} more reliable", "v"), ("better build quality", "n")],
    "ease_of_use": [("simpler setup instructions", "n"), ("a proper quick start guide", "n")],
    "website_app": [
        ("make the app less glitchy", "v"),
        ("an app that remembers my login", "n"),
        ("a website that works properly on mobile", "n"),
    ],
    "price_value": [
        ("lower prices for existing customers", "n"),
        ("loyalty discounts", "n"),
        ("cheaper contracts", "n"),
    ],
    "billing": [("clearer bills", "n"), ("bills that match what I was quoted", "n")],
    "delivery": [
        ("named-day delivery", "n"),
        ("text me a delivery slot", "v"),
        ("evening delivery slots", "n"),
    ],
    "packaging": [("less plastic in the packaging", "n"), ("smaller boxes", "n")],
    "returns_refunds": [
        ("free returns", "n"),
        ("faster refunds", "n"),
        ("put a returns label in the box", "v"),
    ],
    "cleanliness": [("clean the toilets more often", "v"), ("tidy the store", "v")],
    "availability": [
        ("more parking spaces", "n"),
        ("open on Sundays", "v"),
        ("keep popular items in stock", "v"),
        ("later opening hours", "n"),
        ("more engineer appointment slots", "n"),
    ],
}
NOTHING_TO_IMPROVE = (
    "nothing to improve",
    "nothing, keep up the good work",
    "can't think of anything",
    "honestly nothing, it was spot on",
    "not a thing, carry on as you are",
    "nothing really, you're doing great",
)

# Base weight per theme and P(negative | theme mentioned).
THEME_WEIGHT = {
    "staff_attitude": 1.6,
    "empathy": 0.8,
    "responsiveness": 0.9,
    "waiting_time": 1.3,
    "knowledge": 1.0,
    "effort": 1.1,
    "communication": 0.9,
    "resolution": 1.1,
    "product_quality": 1.2,
    "ease_of_use": 0.6,
    "website_app": 0.8,
    "price_value": 0.9,
    "billing": 0.7,
    "delivery": 0.8,
    "packaging": 0.3,
    "returns_refunds": 0.4,
    "cleanliness": 0.5,
    "availability": 0.6,
    "general": 1.4,
}
NEG_SHARE = {
    "staff_attitude": 0.3,
    "empathy": 0.35,
    "responsiveness": 0.6,
    "waiting_time": 0.8,
    "knowledge": 0.4,
    "effort": 0.75,
    "communication": 0.65,
    "resolution": 0.5,
    "product_quality": 0.45,
    "ease_of_use": 0.4,
    "website_app": 0.6,
    "price_value": 0.55,
    "billing": 0.75,
    "delivery": 0.5,
    "packaging": 0.5,
    "returns_refunds": 0.55,
    "cleanliness": 0.4,
    "availability": 0.6,
    "general": 0.45,
}
CHANNEL_BOOST: dict[str, dict[str, float]] = {
    "phone": {"waiting_time": 2.2, "staff_attitude": 1.3, "knowledge": 1.5, "effort": 1.5},
    "chat": {"responsiveness": 2.0, "knowledge": 1.5, "website_app": 1.3},
    "store": {"staff_attitude": 1.8, "cleanliness": 3.0, "availability": 2.0, "waiting_time": 1.3},
    "web": {"website_app": 2.5, "delivery": 2.0, "ease_of_use": 1.5, "packaging": 1.5},
    "app": {"website_app": 3.0, "ease_of_use": 1.5, "delivery": 1.5, "billing": 1.3},
    "email": {"responsiveness": 2.5, "communication": 2.0, "billing": 1.5},
}

# --------------------------------------------------------------------------
# Edge-case banks
# --------------------------------------------------------------------------
PLACEHOLDERS = ("n/a", "N/A", "-", "nothing", "none", ".", "no comment", "NA", "None", "nothing.")
WHITESPACE = (" ", "   ", "\t", " \n ")
EMOJI_ONLY: tuple[tuple[str, str], ...] = (
    ("😡😡", "neg"),
    ("👍", "pos"),
    ("😊😊", "pos"),
    ("👎", "neg"),
    ("🙂", "pos"),
    ("🤬🤬🤬", "neg"),
    ("❤️❤️", "pos"),
    ("😐", "neu"),
)
EMOJI_TAIL = {
    "pos": ("👍", "😊", "🙂👍", "⭐⭐⭐⭐⭐", "❤️"),
    "neg": ("😡", "🙄", "😤😤", "👎", "😠"),
}
NUMBERS_ONLY = ("10", "9", "0", "7", "8/10", "10/10", "1")
EMAILS = (
    "jane.doe@example.com",
    "john.smith@example.co.uk",
    "sam_baker84@example.org",
    "priya.k@example.net",
)
PHONES = ("07700 900123", "07700900456", "+44 7700 900789", "0113 496 0321", "020 7946 0018")
POSTCODES = ("SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT")
CARD = "4111 1111 1111 1111"
# (template, themes) -- {email} {phone} {postcode} {card} {amount} filled in.
PII_SENTENCES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Please email me at {email} as nobody has replied.", (("responsiveness", "neg"),)),
    ("Call me on {phone} if you actually want to sort it.", (("general", "neg"),)),
    (
        "My card number is {card} and you've charged it twice.",
        (("billing", "neg"),),
    ),
    (
        "I live at 14 Orchard Road, {postcode} and the parcel went to the wrong house.",
        (("delivery", "neg"),),
    ),
    ("My name is Jane Doe, you can reach me on {phone} or {email}.", ()),
    (
        "Account holder John Smith, {postcode}. Still waiting for a call back.",
        (("responsiveness", "neg"),),
    ),
)
URL_SENTENCES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "The help page https://help.brightwell.example/router-setup was useless.",
        (("website_app", "neg"),),
    ),
    ("See www.brightwell.example/complaints - still no reply.", (("responsiveness", "neg"),)),
    ("Found the answer at https://brightwell.example/faq in seconds.", (("website_app", "pos"),)),
    (
        "Tracking link (https://track.parcels.example/ABC123) said delivered but nothing came.",
        (("delivery", "neg"),),
    ),
    ("Compare http://www.example.com/deals, it's half the price.", (("price_value", "neg"),)),
)
HTML_LITERAL = (
    "<b>Delivery</b> was late &amp; nobody called",
    (("delivery", "neg"), ("communication", "neg")),
)
# (text, language, themes)
FOREIGN: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Le technicien était très gentil mais j'ai attendu quatre heures.",
        "fr",
        (("staff_attitude", "pos"), ("waiting_time", "neg")),
    ),
    (
        "Service client nul, personne ne répond au téléphone.",
        "fr",
        (("general", "neg"), ("responsiveness", "neg")),
    ),
    ("Livraison rapide, rien à redire.", "fr", (("delivery", "pos"),)),
    (
        "J'ai dû appeler trois fois pour régler le problème.",
        "fr",
        (("effort", "neg"),),
    ),
    (
        "El servicio fue excelente, muy amables.",
        "es",
        (("general", "pos"), ("staff_attitude", "pos")),
    ),
    ("Esperé más de una hora al teléfono.", "es", (("waiting_time", "neg"),)),
    ("La aplicación no funciona y nadie me ayuda.", "es", (("website_app", "neg"),)),
    ("Me cobraron de más en la factura.", "es", (("billing", "neg"),)),
    ("Sehr freundliche Mitarbeiterin, alles super.", "de", (("staff_attitude", "pos"),)),
    ("Die Lieferung kam drei Tage zu spät.", "de", (("delivery", "neg"),)),
    (
        "Ich musste fünfmal anrufen, bis das Problem gelöst war.",
        "de",
        (("effort", "neg"),),
    ),
    ("Zu teuer für die Leistung.", "de", (("price_value", "neg"),)),
)
LONG_PARAGRAPHS: tuple[str, ...] = (
    (
        "Where do I even start. I moved house at the start of the summer and ordered broadband "
        "and TV from you about five weeks before the move, because a friend had warned me it can "
        "take a while, so I honestly thought I was being organised for once. The first engineer "
        "appointment was booked for the Monday after we moved in and I took the whole day off "
        "work for it, which meant using a day of my annual leave."
    ),
    (
        "Nobody turned up. Nobody called, nobody texted, and when I finally got through on the "
        "phone after nearly an hour on hold, the lady told me the appointment had been cancelled "
        "because of 'a problem at the exchange' and that I should have been sent a text (I "
        "wasn't). She was very apologetic, to be fair to her, and she rebooked me for the "
        "following week. In the meantime I was using my phone as a hotspot to work from home, "
        "which ate through my data allowance in about four days, and then I had to buy an extra "
        "data bundle, which I would like refunding by the way."
    ),
    (
        "The second engineer did turn up, about three hours after the end of the slot, and he "
        "was honestly lovely. He explained that the line had never been connected at the "
        "cabinet and that it was a different team's job, so he couldn't do anything about it "
        "himself. He said he'd raise it as urgent and someone would be in touch within 48 hours. "
        "Nobody was in touch within 48 hours."
    ),
    (
        "I called again, and this time I was passed between four different departments, each "
        "of whom asked me for my account number, my date of birth, my address and my postcode, "
        "and each of whom told me something slightly different. One person said the order had "
        "been cancelled altogether, one said it was 'in progress', and one said there was no "
        "record of me at all, which was worrying given that you had already taken the first "
        "month's payment. At this point I asked to make a complaint, and I was told a manager "
        "would call me back the same day. I'm sure you can guess what happened next."
    ),
    (
        "I went into the store in town on the Saturday because I thought talking to someone face "
        "to face might help, and the young lad there was very polite and clearly wanted to help, "
        "but he said the store can't see broadband orders and I'd have to ring the same number "
        "again. So I rang the same number again. Another 50 minutes on hold, with the same four "
        "bars of music over and over, and an automated message every two minutes telling me "
        "that I could do most things online, which I couldn't, because the app kept logging me "
        "out and the website said my account didn't exist."
    ),
    (
        "When I finally got through I spoke to a man called Gary who, I have to say, was the "
        "first person who actually seemed to care. He listened to the whole story without "
        "interrupting, apologised properly, and actually rang the engineering team while I was "
        "still on the line. It turned out the job had been closed down by mistake after the "
        "second visit. He booked a third engineer, and this one came on time, did the work at "
        "the cabinet and had us connected within an hour."
    ),
    (
        "The broadband itself, now that it works, is actually very good, fast and reliable, and "
        "the TV box is much better than the one we had with our old provider, so I'm not "
        "complaining about the product. But the whole process took just under seven weeks from "
        "when we moved in, I had to take two days off work, I spent what I estimate to be five "
        "or six hours on the phone in total, and I've still not had any compensation or even a "
        "refund for the first month I was charged for a service I didn't have. I've also now "
        "had a bill that includes a £35 installation fee, which I was told at the start would "
        "be waived, so that's another phone call I'll have to make."
    ),
    (
        "I don't normally fill in these surveys and I don't like writing long complaints, but I "
        "wanted you to know that the reason I gave you a low score isn't the product, it's the "
        "fact that nobody in your company seems to talk to anybody else, and it's the customer "
        "who ends up doing all the chasing. Gary was brilliant and should be thanked. Everyone "
        "else, I'm afraid, made a stressful time much worse. If someone could call me about the "
        "refund and the installation fee I'd appreciate it, but I won't hold my breath."
    ),
    (
        "And while I'm at it, a couple of smaller things. The welcome pack that arrived in the "
        "post still had the old appointment date on it, the router came in a box about five "
        "times bigger than it needed to be, and the leaflet inside told me to download an app "
        "that, as far as I can tell, doesn't exist any more. My neighbour, who is with you as "
        "well, says she pays about ten pounds a month less than me for exactly the same "
        "package, and when I asked about that on the phone I was told that's 'a new customer "
        "offer' and there was nothing they could do. I've been with you on my mobile for over "
        "eight years, so that was a bit of a slap in the face, honestly."
    ),
    (
        "P.S. Your text messages come from a number that says 'do not reply', so when one of "
        "them asked me to confirm the third appointment I had no way of doing it except ringing "
        "up yet again, which I did, and which took another 35 minutes. Please sort that out "
        "for the next person."
    ),
)
LONG_THEMES: tuple[tuple[str, str], ...] = (
    ("waiting_time", "neg"),
    ("communication", "neg"),
    ("effort", "neg"),
    ("resolution", "neg"),
    ("billing", "neg"),
    ("website_app", "neg"),
    ("staff_attitude", "pos"),
    ("empathy", "pos"),
    ("product_quality", "pos"),
)

# Row kinds with their share of the file (minimum one row each).
EDGE_SHARES: dict[str, float] = {
    "empty": 0.04,
    "whitespace": 0.01,
    "placeholder": 0.05,
    "emoji_only": 0.013,
    "numbers_only": 0.008,
    "html": 0.015,
    "mojibake": 0.02,
    "pii": 0.025,
    "non_english": 0.02,
    "url": 0.01,
    "emoji_text": 0.02,
    "duplicate": 0.02,
    "near_duplicate": 0.015,
}
EDGE_CYCLES: dict[str, int] = {
    "placeholder": len(PLACEHOLDERS),
    "pii": len(PII_SENTENCES),
    "non_english": len(FOREIGN),
    "emoji_only": len(EMOJI_ONLY),
}


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------
@dataclass
class _Row:
    kind: str
    channel: str
    product: str
    region: str
    question: str
    timestamp: datetime
    comment: str = ""
    language: str = "en"
    tone: str = "none"
    themes: list[tuple[str, str]] = field(default_factory=list)
    contradictory: bool = False
    source: int | None = None
    latent: float = 0.0
    nps: int = 0
    csat: int = 0
    ces: int = 0
    shift: float = 0.0  # extra latent shift for theme-less rows (emoji polarity)
    fixed_nps: int | None = None


def _pick(rng: np.random.Generator, seq: Sequence[Any]) -> Any:
    """Pick one element uniformly (deterministic given the generator state)."""
    return seq[int(rng.integers(len(seq)))]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _fill(rng: np.random.Generator, text: str, channel: str, product: str) -> str:
    """Replace ``{slot}`` placeholders in a clause."""

    def repl(match: re.Match[str]) -> str:
        slot = match.group(1)
        if slot == "person":
            return str(_pick(rng, PERSONS[channel]))
        if slot == "item":
            return str(_pick(rng, ITEMS[product]))
        return str(_pick(rng, SLOTS[slot]))

    return re.sub(r"\{(\w+)\}", repl, text)


def _choose_theme(
    rng: np.random.Generator, channel: str, product: str, polarity: str, exclude: list[str]
) -> str:
    names = [t for t in (*THEMES, "general") if t not in exclude]
    weights = []
    for name in names:
        usable = [c for c in BANK[name][polarity] if c.fits(channel, product)]
        w = THEME_WEIGHT[name] * CHANNEL_BOOST.get(channel, {}).get(name, 1.0)
        w *= NEG_SHARE[name] if polarity == "neg" else 1.0 - NEG_SHARE[name]
        weights.append(w if usable else 0.0)
    p = np.asarray(weights) / np.sum(weights)
    return names[int(rng.choice(len(names), p=p))]


def _clause(rng: np.random.Generator, theme: str, polarity: str, row: _Row) -> str:
    usable = [c for c in BANK[theme][polarity] if c.fits(row.channel, row.product)]
    return _fill(rng, _pick(rng, usable).text, row.channel, row.product)


def _end(rng: np.random.Generator, polarity: str) -> str:
    return "!" if rng.random() < (0.15 if polarity == "pos" else 0.08) else "."


def _themed_reason(rng: np.random.Generator, row: _Row) -> None:
    """Build a comment answering 'What is the main reason for your score?'."""
    tone = str(rng.choice(["pos", "neg", "mixed"], p=[0.47, 0.37, 0.16]))
    row.tone = tone
    if tone == "mixed":
        pos_t = _choose_theme(rng, row.channel, row.product, "pos", ["general"])
        neg_t = _choose_theme(rng, row.channel, row.product, "neg", ["general", pos_t])
        p, n = _clause(rng, pos_t, "pos", row), _clause(rng, neg_t, "neg", row)
        form = int(rng.integers(6))
        if form == 0:
            text = f"{_cap(p)} but {n}."
        elif form == 1:
            text = f"{_cap(p)}. However, {n}."
        elif form == 2:
            text = f"{_cap(n)}, although {p}."
        elif form == 3:
            text = f"Although {p}, {n}."
        elif form == 4:
            text = f"{_cap(n)} but {p}."
        else:
            text = f"{_cap(p)}, however {n}."
        row.themes = [(pos_t, "pos"), (neg_t, "neg")]
        if rng.random() < 0.25:  # a closing verdict that agrees with the last clause
            verdict = "pos" if form in (2, 4) else "neg"
            text += " " + _cap(_clause(rng, "general", verdict, row)) + _end(rng, verdict)
            row.themes.append(("general", verdict))
    else:
        k = int(rng.choice([1, 2, 3], p=[0.52, 0.36, 0.12]))
        themes: list[str] = []
        for _ in range(k):
            themes.append(_choose_theme(rng, row.channel, row.product, tone, themes))
        clauses = [_clause(rng, t, tone, row) for t in themes]
        if len(clauses) >= 2 and rng.random() < 0.35:
            clauses = [f"{clauses[0]} and {clauses[1]}", *clauses[2:]]
        sep = "\n" if len(clauses) > 1 and rng.random() < 0.06 else " "
        text = sep.join(_cap(c) + _end(rng, tone) for c in clauses)
        row.themes = [(t, tone) for t in themes]
    row.comment = text


def _themed_improve(rng: np.random.Generator, row: _Row) -> None:
    """Build an answer to 'How could we improve?'."""
    u = rng.random()
    if u < 0.16:
        text = _cap(str(_pick(rng, NOTHING_TO_IMPROVE)))
        row.comment = text + ("." if rng.random() < 0.6 else "")
        row.themes, row.tone = [("general", "pos")], "pos"
        return
    if u < 0.32:
        _themed_reason(rng, row)
        return
    k = 1 if rng.random() < 0.7 else 2
    parts: list[str] = []
    chosen: list[str] = []
    for _ in range(k):
        names = [
            t
            for t in SUGGESTIONS
            if t not in chosen and (t != "cleanliness" or row.channel == "store")
        ]
        w = np.asarray(
            [THEME_WEIGHT[t] * CHANNEL_BOOST.get(row.channel, {}).get(t, 1.0) for t in names]
        )
        theme = names[int(rng.choice(len(names), p=w / w.sum()))]
        chosen.append(theme)
        text, form = _pick(rng, SUGGESTIONS[theme])
        text = _fill(rng, text, row.channel, row.product)
        if form == "n":
            tmpl = _pick(rng, ("{S}.", "{S} please.", "{S} would make a big difference.", "{S}"))
        else:
            tmpl = _pick(rng, ("{S}.", "Please {s}.", "You could {s}.", "Just {s}!", "{S}"))
        parts.append(tmpl.replace("{S}", _cap(text)).replace("{s}", text))
    row.comment = " ".join(parts)
    row.themes, row.tone = [(t, "sugg") for t in chosen], "sugg"


def _style_noise(rng: np.random.Generator, row: _Row) -> None:
    """Apply realistic typing habits to a themed English comment."""
    text = row.comment
    if rng.random() < 0.12:
        text = text.replace("'", "\u2019")  # phone keyboards type curly apostrophes
    r = rng.random()
    if r < 0.07:
        text = text.lower()
    elif r < 0.09 and row.tone == "neg":
        text = text.upper()
    if rng.random() < 0.10:
        text = text.rstrip(".")
    if rng.random() < 0.04 and row.tone == "neg":
        text = text.rstrip(".!") + "!!!"
    if rng.random() < 0.03:
        text = text.replace(". ", ".  ", 1)
    row.comment = text


def _themed(rng: np.random.Generator, row: _Row) -> None:
    if row.question == Q_IMPROVE:
        _themed_improve(rng, row)
    else:
        _themed_reason(rng, row)


def _to_mojibake(text: str) -> str:
    """Simulate UTF-8 bytes mis-decoded as cp1252 (e.g. 'café' -> 'cafÃ©')."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def _edge(rng: np.random.Generator, row: _Row, slot: int) -> None:
    """Fill a non-duplicate edge-case row; ``slot`` is its index within its kind."""
    kind = row.kind
    if kind == "empty":
        row.comment = ""
    elif kind == "whitespace":
        row.comment = WHITESPACE[slot % len(WHITESPACE)]
    elif kind == "placeholder":
        row.comment = PLACEHOLDERS[slot % len(PLACEHOLDERS)]
    elif kind == "emoji_only":
        text, pol = EMOJI_ONLY[slot % len(EMOJI_ONLY)]
        row.comment, row.tone = text, pol
        row.shift = {"pos": 2.0, "neg": -4.5, "neu": -1.0}[pol]
    elif kind == "numbers_only":
        row.comment = NUMBERS_ONLY[slot % len(NUMBERS_ONLY)]
        row.fixed_nps = min(10, int(row.comment.split("/")[0]))
    elif kind == "non_english":
        text, lang, themes = FOREIGN[slot % len(FOREIGN)]
        row.comment, row.language, row.themes = text, lang, list(themes)
        row.tone = _tone_of(row.themes)
    elif kind == "long":
        paragraphs = list(LONG_PARAGRAPHS)
        if slot:  # later long comments (n >= 1200) each skip one middle paragraph
            del paragraphs[1 + (slot - 1) % (len(paragraphs) - 2)]
        row.comment = "\n\n".join(paragraphs)
        row.themes, row.tone, row.fixed_nps = list(LONG_THEMES), "mixed", 2
    elif kind == "html":
        if slot == 0:
            row.comment, themes = HTML_LITERAL
            row.themes, row.tone = list(themes), "neg"
            return
        _themed_reason(rng, row)
        sentences = re.split(r"(?<=[.!])\s+", row.comment)
        form = slot % 4
        if form == 0 or len(sentences) == 1:
            rest = " ".join(sentences[1:])
            row.comment = f"<b>{sentences[0]}</b> {rest}".rstrip().replace(" and ", " &amp; ")
        elif form == 1:
            row.comment = "<br>".join(sentences)
        elif form == 2:
            row.comment = "".join(f"<p>{s}</p>" for s in sentences)
        else:
            row.comment = "<br/>\n".join(sentences).replace("'", "&#39;")
    elif kind == "mojibake":
        if slot % 4 == 1:  # a store visit that mentions the in-store café
            row.channel = "store"
        for _ in range(30):
            _themed_reason(rng, row)
            text = row.comment.replace("'", "\u2019")
            if not text.isascii():
                break
        else:
            text = text + " Don\u2019t know what else to say."
        if row.channel == "store" and "caf\u00e9" not in text:
            pol = "pos" if row.tone == "pos" else "neg"
            cafe = (
                "The café in the store is a nice touch."
                if pol == "pos"
                else ("The café was closed again.")
            )
            text = f"{text} {cafe}"
            row.themes.append(("availability", pol))
        row.comment = _to_mojibake(text)
    elif kind == "emoji_text":
        _themed_reason(rng, row)
        pol = "neg" if row.tone == "neg" else "pos"
        row.comment = f"{row.comment} {_pick(rng, EMOJI_TAIL[pol])}"
    elif kind == "pii":
        tmpl, themes = PII_SENTENCES[slot % len(PII_SENTENCES)]
        pii = (
            tmpl.replace("{email}", str(_pick(rng, EMAILS)))
            .replace("{phone}", str(_pick(rng, PHONES)))
            .replace("{postcode}", str(_pick(rng, POSTCODES)))
            .replace("{card}", CARD)
        )
        _themed_reason(rng, row)
        if row.tone == "pos" and not themes:
            row.comment = f"{row.comment} {pii}"
        else:  # PII usually comes with a complaint
            row.themes = []
            row.question = Q_REASON
            row.tone = "neg"
            first = _themed_neg_sentence(rng, row)
            row.comment = f"{first} {pii}"
        row.themes += list(themes)
    elif kind == "url":
        text, themes = URL_SENTENCES[slot % len(URL_SENTENCES)]
        row.comment, row.themes = text, list(themes)
        row.tone = _tone_of(row.themes)
    else:  # pragma: no cover - guarded by EDGE_SHARES
        raise ValueError(f"unknown row kind {kind!r}")


def _themed_neg_sentence(rng: np.random.Generator, row: _Row) -> str:
    theme = _choose_theme(rng, row.channel, row.product, "neg", ["general"])
    row.themes.append((theme, "neg"))
    return _cap(_clause(rng, theme, "neg", row)) + "."


def _tone_of(themes: Sequence[tuple[str, str]]) -> str:
    pols = {p for _, p in themes}
    if not pols:
        return "none"
    if pols == {"pos"}:
        return "pos"
    if pols <= {"neg"}:
        return "neg"
    if pols == {"sugg"}:
        return "sugg"
    return "mixed"


def _near_duplicate(rng: np.random.Generator, text: str) -> str:
    """Case/punctuation variant of ``text`` that differs from it."""
    variants = [
        text.lower(),
        text.upper(),
        text.rstrip(".!") + "!!",
        re.sub(r"[.,!]", "", text),
        text.replace(".", "!"),
        "  " + text + " ",
        text.replace(" ", "  ", 1),
    ]
    order = rng.permutation(len(variants))
    for i in order:
        if variants[int(i)] != text:
            return variants[int(i)]
    return text + "."


def _kind_list(n: int) -> list[str]:
    kinds: list[str] = []
    for kind, share in EDGE_SHARES.items():
        count = max(1, round(share * n))
        count = max(count, min(EDGE_CYCLES.get(kind, 1), n // 40))
        kinds += [kind] * count
    kinds += ["long"] * (1 + n // 1200)
    kinds += ["themed"] * (n - len(kinds))
    return kinds


def _timestamp(rng: np.random.Generator) -> datetime:
    # Volume rises mildly over the six months (weights 1.0 -> 1.4).
    w = 1.0 + 0.4 * np.arange(N_DAYS) / (N_DAYS - 1)
    day = int(rng.choice(N_DAYS, p=w / w.sum()))
    hours = np.array([1, 1, 0, 0, 0, 0, 1, 2, 4, 5, 6, 6, 7, 7, 6, 6, 6, 6, 7, 8, 8, 6, 4, 2])
    hour = int(rng.choice(24, p=hours / hours.sum()))
    minute, second = int(rng.integers(60)), int(rng.integers(60))
    return START + timedelta(days=day, hours=hour, minutes=minute, seconds=second)


def _scores(rng: np.random.Generator, row: _Row) -> None:
    t = (row.timestamp - START).total_seconds() / (END - START).total_seconds()
    trend = TREND_NPS * (t - 0.5)
    if row.themes:
        latent = BASE_NPS + trend + sum(effect(th, p) for th, p in row.themes)
        latent += rng.normal(0.0, NOISE_SD)
    else:
        sd = NOISE_SD if row.kind == "emoji_only" else EDGE_NOISE_SD
        latent = BASE_NPS - 0.8 + trend + row.shift + rng.normal(0.0, sd)
    if row.fixed_nps is not None:
        latent = float(row.fixed_nps)
    if row.contradictory:  # e.g. scale misread: a complaint scored 9-10, praise 0-2
        latent = rng.uniform(8.6, 10.5) if row.tone == "neg" else rng.uniform(-0.5, 2.4)
    effort_neg = ("effort", "neg") in row.themes
    effort_pos = ("effort", "pos") in row.themes
    csat = 1.0 + 0.4 * latent + rng.normal(0.0, 0.9)
    ces = 6.6 - 0.55 * latent + rng.normal(0.0, 1.3) + 1.5 * effort_neg - 0.7 * effort_pos
    row.latent = float(latent)
    row.nps = int(np.clip(np.rint(latent), 0, 10))
    if row.fixed_nps is not None:
        row.nps = row.fixed_nps
    row.csat = int(np.clip(np.rint(csat), 1, 5))
    row.ces = int(np.clip(np.rint(ces), 1, 7))


def generate(n: int = 600, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Generate the demo survey and its ground truth.

    Parameters
    ----------
    n : int, default 600
        Number of responses (at least ``MIN_N``).
    seed : int, default 0
        Seed for ``numpy.random.default_rng``; same seed, same output.

    Returns
    -------
    survey : pandas.DataFrame
        Columns ``COLUMNS``, sorted by ``submitted_at``.
    truth : pandas.DataFrame
        Columns ``TRUTH_COLUMNS`` (same row order): row kind, language, tone,
        ``theme:polarity`` list joined by ``;``, contradictory flag,
        ``duplicate_of`` id and the latent NPS before rounding.

    Examples
    --------
    >>> survey, truth = generate(n=100, seed=3)
    >>> len(survey), int(survey["nps"].between(0, 10).sum())
    (100, 100)
    """
    if n < MIN_N:
        raise ValueError(f"n must be at least {MIN_N} so every edge case fits; got {n}.")
    rng = np.random.default_rng(seed)
    kinds = _kind_list(n)
    order = rng.permutation(n)
    rows: list[_Row] = []
    for i in order:
        channel = CHANNELS[int(rng.choice(len(CHANNELS), p=CHANNEL_P))]
        product = PRODUCTS[int(rng.choice(len(PRODUCTS), p=PRODUCT_P))]
        region = REGIONS[int(rng.choice(len(REGIONS), p=REGION_P))]
        question = Q_IMPROVE if rng.random() < P_IMPROVE else Q_REASON
        rows.append(_Row(kinds[int(i)], channel, product, region, question, _timestamp(rng)))

    slots: dict[str, int] = {}
    for row in rows:
        if row.kind in ("duplicate", "near_duplicate"):
            continue
        if row.kind == "themed":
            _themed(rng, row)
            _style_noise(rng, row)
        else:
            if row.kind in ("html", "mojibake", "emoji_text", "pii", "long"):
                row.question = Q_REASON
            _edge(rng, row, slots.get(row.kind, 0))
            slots[row.kind] = slots.get(row.kind, 0) + 1
        if row.kind in ("themed", "html", "emoji_text", "pii", "mojibake") and row.tone in (
            "pos",
            "neg",
        ):
            row.contradictory = bool(rng.random() < CONTRADICTORY_P)

    sources = [i for i, r in enumerate(rows) if r.kind == "themed" and r.comment.strip()]
    for row in rows:
        if row.kind not in ("duplicate", "near_duplicate"):
            continue
        src_i = int(_pick(rng, sources))
        src = rows[src_i]
        row.source = src_i
        row.channel, row.product, row.region = src.channel, src.product, src.region
        row.question, row.language, row.tone = src.question, src.language, src.tone
        row.themes = list(src.themes)
        row.timestamp = src.timestamp + timedelta(minutes=int(rng.integers(1, 90)))
        row.timestamp = min(row.timestamp, END)
        if row.kind == "duplicate":
            row.comment = src.comment
        else:
            row.comment = _near_duplicate(rng, src.comment)

    for row in rows:
        _scores(rng, row)
    for row in rows:  # exact duplicates are double submissions: same scores
        if row.kind == "duplicate" and row.source is not None:
            src = rows[row.source]
            row.nps, row.csat, row.ces, row.latent = src.nps, src.csat, src.ces, src.latent
            row.contradictory = src.contradictory

    ranked = sorted(range(n), key=lambda i: (rows[i].timestamp, i))
    width = max(4, len(str(n)))
    ids = {i: f"R{k + 1:0{width}d}" for k, i in enumerate(ranked)}
    survey = pd.DataFrame(
        [
            {
                "response_id": ids[i],
                "submitted_at": rows[i].timestamp.isoformat(timespec="seconds"),
                "channel": rows[i].channel,
                "product": rows[i].product,
                "region": rows[i].region,
                "question": rows[i].question,
                "nps": rows[i].nps,
                "csat": rows[i].csat,
                "ces": rows[i].ces,
                "comment": rows[i].comment,
            }
            for i in ranked
        ],
        columns=list(COLUMNS),
    )
    truth = pd.DataFrame(
        [
            {
                "response_id": ids[i],
                "kind": rows[i].kind,
                "language": rows[i].language,
                "tone": rows[i].tone,
                "themes": ";".join(f"{t}:{p}" for t, p in rows[i].themes),
                "contradictory": int(rows[i].contradictory),
                "duplicate_of": ids[rows[i].source] if rows[i].source is not None else "",
                "latent_nps": round(rows[i].latent, 3),
            }
            for i in ranked
        ],
        columns=list(TRUTH_COLUMNS),
    )
    for col in ("nps", "csat", "ces"):
        survey[col] = survey[col].astype("int64")
    return survey, truth


def write_table(df: pd.DataFrame, path: Path, fmt: str) -> None:
    """Write ``df`` to ``path`` as csv (utf-8, ``\\n`` line ends), xlsx, parquet or jsonl.

    Parameters
    ----------
    df : pandas.DataFrame
        Table to write.
    path : pathlib.Path
        Destination; parent folders are created.
    fmt : str
        One of ``FORMATS``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    elif fmt == "xlsx":
        df.to_excel(path, index=False, sheet_name="responses")
    elif fmt == "parquet":
        df.to_parquet(path, index=False)
    elif fmt == "jsonl":
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}.")


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Write the synthetic cxtext demo survey export (deterministic)."
    )
    parser.add_argument("--out", type=Path, required=True, help="output file")
    parser.add_argument("--n", type=int, default=600, help=f"rows (>= {MIN_N}; default 600)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: from the --out suffix, else csv)",
    )
    parser.add_argument(
        "--truth", type=Path, default=None, help="also write per-row ground truth (csv)"
    )
    args = parser.parse_args(argv)
    if args.n < MIN_N:
        parser.error(f"--n must be at least {MIN_N}; got {args.n}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = _parse_args(argv)
    fmt = args.format
    if fmt is None:
        suffix = args.out.suffix.lower().lstrip(".")
        fmt = suffix if suffix in FORMATS else "csv"
    survey, truth = generate(n=args.n, seed=args.seed)
    write_table(survey, args.out, fmt)
    logger.info("wrote %d responses to %s (%s)", len(survey), args.out, fmt)
    if args.truth is not None:
        write_table(truth, args.truth, "csv")
        logger.info("wrote ground truth to %s", args.truth)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
