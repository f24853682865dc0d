"""Survey question context: prompt types, improvement requests, and prior shifts.

A survey comment answers a prompt, and the prompt changes what it means.
"Nothing." under "How could we improve?" means the customer is satisfied; under
"What did we do well?" it means the opposite. "The nurses" under "What did we do
well?" is praise although it holds no opinion word, and "More parking spaces" is
an improvement request that signals a pain point.

This module is rule-based on purpose: prompts come in a handful of well-known
shapes, and a short transparent rule set is easier to audit than a model
trained on data we do not have. It provides

* :func:`prompt_type` — ``"praise"`` (what was good / what did you like / pros),
  ``"improve"`` (what could be better / what did you dislike / cons) or
  ``"neutral"`` (reason for your score, any other comments, or a prompt that
  asks both). Coded column values from survey exports (``what_good``,
  ``could_improve``, ``Q3_dislike``, ``nonspecific``) are read too;
* :func:`suggestion_cue` and :func:`is_suggestion` — whether a comment asks for
  an improvement (by its words, or by answering an improve prompt);
* :func:`satisfied_answer` — "nothing, all good"-style answers;
* :func:`answer_meaning` — the sentiment a "nothing"-style answer carries under
  its prompt (satisfied under improve, negative under praise), and a rating
  written as the answer ("10/10") under any prompt (:func:`rating_label`);
* :func:`idiom_label` — the few CX idioms whose words say the opposite of what
  they mean ("Staff couldn't do enough for us", "Nobody could have done more",
  "They couldn't care less"), and short answers that are one set verdict
  ("Absolute scam.", "Daylight robbery!", "Money well spent."), which the models
  misread and the shared training sets barely hold;
* :func:`apply_context` — shifts model probabilities by the prompt's class
  prior (Bayes' rule: the models were trained with balanced classes, a prompt
  sets a different prior) and for worded improvement requests;
* :func:`read_in_context` — all of the above for a batch, as the analyzer and
  ``cxtext evaluate sentiment --question`` use it.

The class priors per prompt type (:data:`PROMPT_PRIOR`) and the suggestion
shift (:data:`SUGGESTION_SHIFT`) are a few numbers; how they were chosen, on
development sets only, is recorded beside them. The wordings the rules know
come from how surveys ask and are answered; ``benchmarks/survey_prompts_benchmark.py``
scores them on hand-written survey answers with their prompts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = [
    "PRIOR_SHIFT",
    "PROMPT_PRIOR",
    "PROMPT_TYPES",
    "RULE_CONFIDENCE",
    "SUGGESTION_SHIFT",
    "SUGGESTION_SHIFT_MAX_WORDS",
    "answer_meaning",
    "apply_context",
    "asks_for_change",
    "context_label_for_non_answer",
    "idiom_label",
    "is_suggestion",
    "prompt_type",
    "rating_label",
    "read_comments",
    "read_in_context",
    "rule_proba",
    "satisfied_answer",
    "satisfied_non_answer",
    "suggestion_cue",
]

PROMPT_TYPES = ("praise", "improve", "neutral")

#: Class prior of the answers to each prompt type. The shipped models were
#: trained with balanced classes, so a prompt's prior enters as the log-ratio
#: ``log(prior / (1/3))`` (see :data:`PRIOR_SHIFT`). Answers to a praise prompt
#: are mostly praise, answers to an improve prompt mostly complaints and
#: requests; satisfied "nothing"-style answers and "can't say yet" answers are
#: read by rule (:func:`answer_meaning`) and do not count here.
#:
#: Chosen on the two development sets only (``benchmarks/data/survey_prompts_dev.csv``
#: and ``survey_prompts_dev2.csv``, 640 hand-written answers; the test set was
#: not used) by a grid over both priors and the suggestion shift, scoring both
#: shipped models. The best grid point put 0.05 on negative under praise; we
#: kept 0.10 (0.008 lower mean macro-F1 there) so that a clearly negative answer
#: to a praise prompt ("waited three hours, awful", P(negative) = 0.85) stays
#: negative. The suggestion shift's grid optimum was its a-priori size (×1).
PROMPT_PRIOR: dict[str, dict[str, float]] = {
    "praise": {"negative": 0.10, "neutral": 0.05, "positive": 0.85},
    "improve": {"negative": 0.75, "neutral": 0.10, "positive": 0.15},
    "neutral": {"negative": 1 / 3, "neutral": 1 / 3, "positive": 1 / 3},
}

#: Log-odds added to each class's log-probability, by prompt type (from :data:`PROMPT_PRIOR`).
PRIOR_SHIFT: dict[str, dict[str, float]] = {
    prompt: {c: math.log(p * len(prior)) for c, p in prior.items()}
    for prompt, prior in PROMPT_PRIOR.items()
}

#: Extra log-odds for a comment worded as an improvement request (a suggestion
#: signals a pain point): under a prompt whatever its length, without one (or
#: under a neutral prompt) only up to :data:`SUGGESTION_SHIFT_MAX_WORDS` words.
SUGGESTION_SHIFT: dict[str, float] = {"negative": 1.2, "neutral": -0.3, "positive": -0.8}

#: Longest comment (in words) whose suggestion wording shifts its sentiment when
#: no prompt says what it answers. A short request ("more parking spaces") is
#: the comment's point; in a longer comment it is usually an aside in a review
#: whose verdict lies elsewhere ("Love it ... I wish it came in blue"). Chosen by
#: ``benchmarks/sentiment_suggestion_shift.py``: shifting at any length lost
#: 0.015 macro-F1 on clothing reviews (median 58 words) and 0.010 on GoEmotions,
#: and shifting none lost 0.02-0.04 on the survey dev sets' answers read
#: without their prompts; at 20 words the survey gains stay and clothing's loss goes.
SUGGESTION_SHIFT_MAX_WORDS = 20

#: Probability given to the label a rule assigns (:func:`rule_proba`); a fixed
#: rule value, not a model probability.
RULE_CONFIDENCE = 0.75


def _prompt_text(question: str) -> str:
    """Lower-case a prompt and turn export codes into words (``Q3_couldImprove`` → ``q3 could improve``)."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", question)
    text = re.sub(r"[_\-–—/|:;.,?!()\[\]]+", " ", text.replace("’", "'"))
    return re.sub(r"\s+", " ", text).strip().lower()


_IMPROVE = re.compile(
    r"\b(?:improv\w*|better|change[sd]?|differently|dislike[sd]?|"
    r"(?:didn'?t|did not|don'?t|do not|weren'?t|were not|wasn'?t|was not|not) "
    r"(?:like|enjoy|happy|satisfied|good|well|go well|work|meet)\w*|"
    r"(?:didn'?t|don'?t|doesn'?t|wasn'?t|weren'?t) (?:you|u|they) (?:like|enjoy|find|think)|"
    r"(?:like[sd]?|enjoy(?:ed)?|value[sd]?) (?:\w+ )?least|least\b|worst|disappoint\w*|wrong|"
    r"problems?|issues?|complain\w*|fix|frustrat\w*|unhappy|dissatisf\w*|annoy\w*|"
    r"went badly|needs? (?:work|attention)|could (?:we|have|you) (?:do|done)|"
    r"what (?:else )?(?:should|could) (?!(?:we |you |i )?(?:keep|continue|carry on))|"
    r"what would (?:make|help|improve|it take|you (?:change|like us to))|suggest\w*|recommendations? for|"
    r"cons|negatives?|weakness\w*|downsides?|drawbacks?|bad|poor|stop doing|pain points?|concerns?|"
    r"let (?:you |us |them )?down|f[ae]ll(?:s)? short|missing|lacking|lacked|hardest|difficult\w*|struggle\w*|"
    r"(?:stopp?\w*|prevent\w*|h[eo]ld\w* (?:you |us )?back|kept) (?:\w+ )*?from (?:giving|rating|scoring)|"
    r"(?:rate|rating|score|scoring) us higher|higher (?:score|rating|mark))\b",
)
_PRAISE = re.compile(
    r"\b(?:what (?:was|were|is|went|did|do)(?: \w+){0,4}? (?:good|well|great|positive|helpful|useful|excellent)|"
    r"good (?:about|things?|points?|experiences?|parts?)|what good|"
    r"(?:went|worked|done|doing|do|did) well|what worked|(?:doing|did|do|get|got|gets) (?:it |things )?right|"
    r"(?:keep|continue|carry on) doing|good at|exceed\w*|special|made you (?:happy|smile)|"
    r"(?:did|do|does) (?:you|u) (?:most |really )?(?:like|enjoy|love|value|appreciate)|"
    r"liked|likes|like (?:most|best|about)|enjoy(?:ed|able)?|loved|love (?:most|about|best)|"
    r"value[sd]? (?:most|about)|valued|appreciated?|best|highlights?|strengths?|"
    r"(?:stood|stands?) out|impressed|good way|why (?:would|do|did|might) you recommend|praise|compliments?|thank|pros|positives?|"
    r"most (?:valuable|useful|helpful|enjoyable)|(?:happy|satisfied|pleased) with|kudos|shout ?outs?)\b",
)


def prompt_type(question: object) -> str:
    """Classify a survey prompt as ``"praise"``, ``"improve"`` or ``"neutral"``.

    A prompt that asks for both ("What went well and what could be better?",
    ``pros_cons``) is ``"neutral"``: its answers can go either way.

    Examples
    --------
    >>> prompt_type("How could we improve?")
    'improve'
    >>> prompt_type("What did we do well?")
    'praise'
    >>> prompt_type("What did you like least?")
    'improve'
    >>> prompt_type("what_good"), prompt_type("could_improve"), prompt_type("nonspecific")
    ('praise', 'improve', 'neutral')
    >>> prompt_type("What is the main reason for your score?")
    'neutral'
    >>> prompt_type("What went well, and what could we do better?")
    'neutral'
    >>> prompt_type(None)
    'neutral'
    """
    if not isinstance(question, str) or not question.strip():
        return "neutral"
    text = _prompt_text(question)
    improve = _IMPROVE.search(text) is not None
    if improve:  # a praise cue left once the improve cues are gone: the prompt asks both
        text = _IMPROVE.sub(" ", text)
    praise = _PRAISE.search(text) is not None
    if improve:
        return "neutral" if praise else "improve"
    return "praise" if praise else "neutral"


#: Improve prompts that ask for a change ("How could we improve?", "What would make you more likely to
#: recommend us?", ``suggestions``), against those that ask what went wrong ("What did you dislike?",
#: "Did anything go wrong?", ``cons``): an answer to the first is an improvement request, an
#: answer to the second a complaint, a request only when worded as one (bug bash 2026-12-07).
_ASKS_FOR_CHANGE = re.compile(
    r"\b(?:improv\w*|better|differently|suggest\w*|recommendations? for|ideas? (?:for|to|on)|"
    # "change" and "fix" as what the prompt asks for, not as its topic ("What did you dislike about the changes?")
    r"(?:would|should|could|to|we|you) (?:\w+ )?change\b|change (?:one|anything|something|about)|"
    r"needs? chang\w*|(?:should|could|would|to|we|first) (?:\w+ )?fix\b|fix first|needs? fixing|"
    r"what (?:else )?(?:should|could|would)|could (?:we|have|you) (?:do|done)|stop doing|do more|start doing|"
    r"missing|lacking|wish|would (?:make|help|it take)|(?:rate|score) us higher|higher (?:score|rating|mark))\b",
)


def asks_for_change(question: object) -> bool:
    """Whether a prompt asks what to change, so that any substantive answer is an improvement request.

    Only improve prompts (:func:`prompt_type`) ask; of those, the ones that ask
    what went wrong ("What did you dislike?") do not: their answers are complaints.

    Examples
    --------
    >>> asks_for_change("How could we improve?"), asks_for_change("What did you dislike?")
    (True, False)
    >>> asks_for_change("What would make you more likely to recommend us?"), asks_for_change("cons")
    (True, False)
    >>> asks_for_change("What did we do well?")
    False
    """
    if prompt_type(question) != "improve":
        return False
    return _ASKS_FOR_CHANGE.search(_prompt_text(str(question))) is not None


_SUGGESTION_START = re.compile(
    r"^(?:(?:maybe|perhaps|please|pls|just|i think|i feel|honestly|definitely|possibly|"
    r"it would be (?:nice|good|great|better|helpful) (?:to|if)|would be (?:nice|good|great|better) (?:to|if))[\s,]+)*"
    r"(?:more|less|fewer|better|faster|quicker|cheaper|lower|longer|shorter|clearer|add|allow|make|"
    r"provide|offer|open|improve|reduce|increase|stop|start|bring|hire|employ|train|update|fix|keep|"
    r"give|let|include|introduce|extend|tell|inform|listen|answer|reply|respond|call|ring|email|text|"
    r"send|explain|communicate|simplify|speed up|sort out|consider|need|needs|should|could|"
    r"have (?:more|a|an|better|someone)|get (?:more|rid|a|better)|be (?:more|less)|don'?t|do not|"
    r"stop|avoid|ensure|make sure|remember)\b"
    # a noun, not an imperative: "Train was cancelled", "Call got dropped", "Update has broken it"
    r"(?!\s+(?:was|were|is|are|has|had|got|came|took|left|arrived|kept|went)\b)",
    re.IGNORECASE,
)
_SUGGESTION_ANYWHERE = re.compile(
    r"\b(you should|they should|staff should|we should|should (?:be|have|offer|provide|make|let|allow|"
    r"consider|improve|employ|hire|train|answer|reply|respond|tell|give|open|stop)|could (?:you|they) (?:please )?"
    r"(?:be|have|offer|provide|make|let|allow|consider|improve|add|open|give|tell)|would be (?:nice|good|great|better|"
    r"helpful|useful)|(?:i(?:'d| would)|^would) (?:like|prefer|love) (?:to see|it if|more|less|a|an|the|you)|(?:i )?wish (?:you|they|there|it)|"
    r"needs? (?:to|more|a|an|better)|please (?:\w+)|it would help|suggest|suggestion|more (?:staff|parking|seats|"
    r"options|choice|information|info|communication|updates|availability|appointments)|"
    r"(?:a|an) option to|ability to|if only|"
    # (bug bash 2026-12-07) "Wish the app had dark mode", "Why not offer free delivery?", "Would have been
    # nice to be told", "I hope you fix the app soon"
    # a wish about the service, not about the customer's own choice or a good time ending
    r"wish (?:the|your) (?!(?:holiday|trip|stay|visit|weekend|day|evening|night|break|meal|film|show|concert)s?\b)\w+|"
    r"why not (?:\w+ )?(?:offer|have|add|make|provide|open|let|allow|give|try|introduce|include|do|"
    r"put|bring|use|hire|send|tell)|why (?:don'?t|do not|can'?t|won'?t) (?:you|they) (?:just )?(?:offer|have|add|make|"
    r"provide|open|let|allow|give|introduce|include|put|bring|hire|send|tell)|"
    r"would(?:'ve| have) been (?:nice|good|great|better|helpful|useful)|it would(?:'ve| have) helped|"
    r"hope (?:you|they|someone) (?:will |can |'ll |could |would )?(?:fix|sort|improve|add|change|bring back|"
    r"look into|reopen|reduce|consider|update|train|listen|hire|review|rethink|reconsider|do something))\b",
    re.IGNORECASE,
)
#: Words that look like a request but are not one (bug bash 2026-12-07): praise worded as a limit
#: ("Could not have been better"), regret ("I should have read the reviews first"), blame ("You
#: should be ashamed"), and asking for more of the same. Removed before looking for a request, so
#: "Couldn't have been better, but please add parking" still asks.
_NOT_A_REQUEST = re.compile(
    r"\b(?:could ?n'?t|could not|can'?t|cannot) (?:have )?(?:be|been) (?:any |much )?(?:better|happier|nicer|"
    r"easier|faster|quicker|more \w+)|"
    r"(?:i|we)(?: really| probably| definitely)? should(?:'ve| have)\b(?! been\b)|"
    r"^\W*should(?:'ve| have) (?:gone|went|read|listened|checked|stayed|booked|shopped|known|looked)\b|"
    # advice to other customers: "Why not give them a try, you won't be disappointed!"
    r"why not give (?:them|it|this place|us|this) a (?:try|go|chance)|"
    r"(?:you|they|staff|he|she|management)(?: all| really)? should (?:be|feel) (?:ashamed|embarrassed)|"
    r"(?:more of the same|keep (?:it|them|this) (?:up|coming))(?: please)?\b",
    re.IGNORECASE,
)
#: A word every match of ``_NOT_A_REQUEST`` contains (lower-cased).
_NOT_A_REQUEST_WORDS = ("could", "can't", "can\u2019t", "cant", "cannot", "should", "same", "keep", "why not give")
_SPACE_RUN = re.compile(r"\s+")
#: Warnings to other customers, not requests to the company: "Don't bother.", "Avoid like the plague",
#: "Stay away from this lot!" - the warning is the whole answer or its first sentence ("Don't bother
#: me with marketing calls" and "Avoid these queues by opening more tills" are requests).
_WARNING_START = re.compile(
    r"^(?:(?:don'?t|do not|dont|never) (?:bother|waste your (?:time|money)|buy (?:from (?:them|here)|here|it)|"
    r"book (?:here|with them)|use (?:this|them|these)|trust (?:them|this|these)|go there)|"
    r"avoid(?: like the plague| at all costs)?|steer clear|stay away)"
    r"(?:(?: with| from)? (?:this|these|them|it|here|there|the company|this company|this place|this firm|"
    r"this shop|this lot))?\s*(?:[.!,;:\-]|$)",
    re.IGNORECASE,
)
#: A need the customer did not have, or asks about: "didn't even need to send photos",
#: "no need to chase", "Do I need to be home?" (not "You don't need to send three emails a day", a
#: request, nor "Why on earth do I need to call you?", a complaint). Removed before looking for a
#: worded request.
_NOT_A_NEED = re.compile(
    r"\b(?:(?:didn'?t|did not|never) (?:even |ever |really )?need(?:ed)?|(?:i|we) (?:don'?t|do not) "
    r"(?:even |really )?need|no need|without (?:needing|the need))\b|"
    r"(?:^|[.!?]\s+)(?:do|does|did|will|would|should) (?:i|we|you|it|they|he|she) (?:still |even |really )?"
    r"needs?\b",
    re.IGNORECASE,
)
#: Longest answer (in words) read as a request when it opens with a comparative ("Friendlier staff").
_COMPARATIVE_MAX_WORDS = 4
#: A word every match of ``_SUGGESTION_ANYWHERE`` contains: texts (ASCII, lower-cased) with
#: none of them skip the search, which is slow for a pattern with this many alternatives.
_SUGGESTION_WORDS = ("should", "could", "would", "i'd", "wish", "need", "please", "help", "suggest",
                     "more", "option", "ability", "if only", "why", "hope")
_SUGGESTION_WORD = re.compile("|".join(map(re.escape, _SUGGESTION_WORDS)))
#: Words around a satisfied answer that do not change it ("honestly nothing tbh", "no, all good thanks").
_FILL_BEFORE = r"(?:(?:honestly|tbh|to be honest|hand on heart|um+|erm|well|hmm+|oh|no|nope|nah|just)[\s,.!]+)*"
_FILL_AFTER = (r"(?:[\s,.!:;)\-]+(?:tbh|to be honest|honestly|really|thanks?|thank you|thankyou|cheers|ty|thx|"
               r"at all|x+|:\)|at the moment|for now))*")
_SATISFIED = re.compile(
    r"^" + _FILL_BEFORE + r"(?:"
    r"no+|nope|none|nothing|nil|nowt|nada|not really|not much|no comments?|"
    r"nothing (?:really|at all|else|much|needed|needs? (?:to )?(?:be )?chang\w*|to (?:add|improve|say|change|fix)|"
    r"i(?:'d| would) change|springs to mind|comes to mind|i can think of|in particular)|"
    r"(?:i )?(?:can'?t|cannot|couldn'?t|can not) think of (?:anything|a (?:single )?thing|any)(?: (?:to (?:improve|change|add)|at all))?|"
    r"not a (?:single )?thing|nothing i can think of|"
    r"(?:i )?(?:wouldn'?t|would not|would ?n'?t) change (?:a (?:single )?thing|anything)|"
    r"nothing (?:really )?(?:went wrong|to (?:dislike|complain about|fault|criticise|criticize)|"
    r"(?:disappointed|bothered|annoyed|upset) (?:me|us)|let (?:me|us) down|was (?:bad|wrong|disappointing))|"
    r"no(?:thing)?,? (?:it|all|everything) (?:was|is|went) (?:great|good|fine|perfect|excellent|brilliant|spot on|smooth(?:ly)?|well)|"
    r"(?:it was |it'?s |everything was |everything'?s |all was |all )?(?:all )?(?:good|fine|great|perfect|excellent|spot on|"
    r"brilliant|faultless|fine as it is)|"
    r"keep (?:it )?(?:up|going|as it is|the same|like this)(?: the (?:good|great|excellent) work)?|"
    r"keep doing what (?:you'?re|ur|you are|youre) doing|(?:no|nothing),? (?:keep|carry on)[\w\s']*|"
    r"no (?:improvements?|changes?) (?:needed|necessary|required))"
    + _FILL_AFTER + r"[\s.!,:;)\-]*(?:\[[a-z ]+\])?[\s.!]*$",
    re.IGNORECASE,
)
#: "Nothing"-style openings of an answer ("nothing really", "can't think of anything", "n/a").
_NONE_LEAD = re.compile(
    r"^(?:(?:honestly|tbh|to be honest|hand on heart|um+|erm|well|hmm+)[\s,]+)?"
    r"(?:nothing (?:really|at all|else|much|in particular|specific|springs to mind|comes to mind|i can think of|"
    r"to (?:add|improve|change|say|report|mention))|none (?:really|at all|i can think of|that i can think of)|"
    r"(?:i )?(?:can'?t|cannot|couldn'?t|can not) (?:think of|fault) (?:anything|a (?:single )?thing|any(?:thing)?|it)|"
    r"no (?:suggestions?|improvements?|changes?|comments?)|no,? nothing|not really|not a (?:single )?thing|"
    r"(?:i )?(?:wouldn'?t|would not) change (?:a (?:single )?thing|anything)|"
    r"nothing (?:really )?(?:went wrong|to (?:dislike|complain about|fault))|"
    r"not much|not a lot|very little|no+|nope|nah|none|nothing|nil|nowt|zero|n/?a)(?=$|[\s.,!;:\-–—)]|\W)",
    re.IGNORECASE,
)
_CONTRAST = re.compile(
    r"\b(?:but|except|apart|other than|although|though|however|just|only|maybe|perhaps|possibly|"
    r"besides|unless|aside|wish|would|could|should|more|less|better)\b",
    re.IGNORECASE,
)
_CONTRAST_MARK = re.compile(
    r"\b(?:but|however|although|though|except|apart from|other than|only (?:thing|issue|problem|complaint|"
    r"downside|negative|criticism|niggle|gripe)|one thing|if anything|that said|having said that|saying that|"
    r"on the other hand|shame|pity|unfortunately|sadly)\b",
    re.IGNORECASE,
)
_POSITIVE_CUE = re.compile(
    r"(?:\b(?:good|great|fine|happy|perfect|excellent|brilliant|lovely|amazing|fantastic|wonderful|superb|"
    r"spot on|satisfied|pleased|keep|well done|thanks?|thank you|love[d]?|awesome|impressed|outstanding|"
    r"faultless|flawless|first class|top notch|no complaints|can'?t fault|10/10|5 stars?|five stars?|"
    r"all good|well|nice|helpful|cheers|carry on|quick(?:ly)?|sorted|straightforward|smooth(?:ly)?|easy|"
    r"efficient|painless|professional|(?:be|come|coming) back|will return|recommend\w*|does what it says|"
    r"does the job|no notes)\b|[👍😊🙂❤😀😃😄🙏⭐])",
    re.IGNORECASE,
)
#: Complaint words ("first visit and it was awful" is an opinion, "nothing, it was bad" no praise).
_NEGATIVE_WORDS = (r"bad|poor|awful|terrible|horrible|worse|worst|rude|slow|late|disappoint\w*|useless|rubbish|"
                   r"dreadful|appalling|shocking|waste|avoid|broken|wrong|problems?|issues?|annoy\w*|frustrat\w*|"
                   r"angry|upset")
_NEGATIVE_WORD = re.compile(rf"\b(?:{_NEGATIVE_WORDS})\b", re.IGNORECASE)
#: The same, or a negation: what keeps "nothing, ..." from reading as satisfied.
_NEGATIVE_CUE = re.compile(rf"\b(?:not|never|no one|nobody|{_NEGATIVE_WORDS})\b|n't\b", re.IGNORECASE)
#: "nothing" as the subject of what follows: "nothing went well", "nothing really stood out".
_NOTHING_AS_SUBJECT = re.compile(
    r"^ (?:really |in particular |much |at all )?(?:went|was|were|is|stood|stands|worked|impressed|special|good|great|"
    r"positive|to (?:praise|mention|say))\b",
    re.IGNORECASE,
)
#: "no queues", "no hidden fees": the absence of a pain, the thing liked under a praise prompt.
_NO_PAIN = re.compile(
    r"^no (?!(?:good|help|use|point|one|body|idea|comments?|thanks|thank you|opinion|answer|clue|nothing|not|"
    r"way|chance|interest|clue|sorry)\b)[a-z'\-]+(?: [a-z'\-]+){0,2}[\s.!]*$",
    re.IGNORECASE,
)
#: The person cannot judge (yet): "first visit so can't say", "only had it a week", "not sure".
_NO_OPINION = re.compile(
    r"\b(?:(?:can'?t|cannot|couldn'?t|can not|unable to) (?:really )?(?:comment|say|tell|judge|rate)|"
    r"too (?:early|soon)|(?:not|never|haven'?t|have not|hasn'?t|didn'?t|did not) (?:yet )?(?:used|use|tried|try|seen|"
    r"had|been|needed)|(?:it'?s|this is|this was|was|is) (?:my|our|the) first (?:time|visit|day|week|stay|order)|only (?:just )?(?:been|had|used|joined|started|arrived|moved|here|"
    r"came|come|visited|there|for)|just (?:started|joined|switched|moved|arrived|signed)|not sure|unsure|"
    r"don'?t know|dont know|dunno|no idea|not a clue|no clue|(?:no|don'?t (?:really )?have an?) (?:real )?opinion|"
    r"neither good nor bad|nothing to compare|hard to (?:say|tell|judge|compare)|enough to (?:say|comment|judge))\b",
    re.IGNORECASE,
)
#: A refusal to answer: no opinion either way, under any prompt (it was read as "nothing to
#: improve", positive; the survey dev sets label it neutral).
#: "Everything" as the whole answer: all of it needs improving, or all of it was liked (bug bash
#: 2026-12-07: "Everything" under "What could we improve?" read positive in both presets).
_EVERYTHING = re.compile(
    r"^(?:honestly |literally |just |pretty much |basically |um+ |erm )?(?:everything|all of it|the lot|"
    r"every ?thing about (?:it|you|this|the (?:service|place|company|experience)))(?: really| tbh| honestly| lol)?"
    r"[\s.!]*$",
    re.IGNORECASE,
)
_REFUSAL = re.compile(r"^(?:no comments?|no comment to make|prefer not to say|pass)[\s.!]*$",
                      re.IGNORECASE)
#: Openings that deny something bad: positive under any prompt, never a "nothing" answer to praise.
_DENIES_BAD = re.compile(
    r"^(?:no|nothing|none|not) (?:complaints?|problems?|issues?|faults?|to complain|wrong|bad|negative)|"
    r"^(?:can'?t|cannot|could ?n'?t) (?:fault|complain)",
    re.IGNORECASE,
)


def satisfied_answer(text: str) -> bool:
    """True for "nothing, all good"-style answers (satisfied, under an improve prompt).

    A "nothing"-style opening counts alone, or followed by praise with no
    "but", "except", "just", "maybe" or complaint after it.

    Examples
    --------
    >>> satisfied_answer("Nothing, it was great!"), satisfied_answer("nothing springs to mind")
    (True, True)
    >>> satisfied_answer("n/a everything was fine"), satisfied_answer("Nope, keep it up")
    (True, True)
    >>> satisfied_answer("Nothing really, just the parking"), satisfied_answer("More parking")
    (False, False)
    """
    text = text.strip()
    if _REFUSAL.match(text):
        return False
    if _SATISFIED.match(text):
        return True
    lead = _NONE_LEAD.match(text)
    if lead is None:
        return False
    rest = text[lead.end():].strip(" \t.,!;:-–—)")
    if not rest:
        return not lead.group(0).lower().startswith(("n/a", "na", "n a"))
    return (_POSITIVE_CUE.search(rest) is not None and _CONTRAST.search(rest) is None
            and _NEGATIVE_CUE.search(rest) is None)


#: Former name of :func:`satisfied_answer`, kept for callers of earlier releases.
satisfied_non_answer = satisfied_answer


def _nothing_to_praise(text: str) -> bool:
    """ "Nothing", "not a lot tbh", "nothing went well", "honestly nothing, terrible stay": nothing was good."""
    if _DENIES_BAD.match(text):
        return False
    lead = _NONE_LEAD.match(text)
    if lead is None or lead.group(0).lower().startswith(("n/a", "na", "n a")):
        return False
    rest = text[lead.end():]
    if _NOTHING_AS_SUBJECT.match(rest):  # "nothing went well", "nothing really stood out"
        return True
    rest = rest.strip(" \t.,!;:-–—)")
    return not rest or _POSITIVE_CUE.search(rest) is None or _NEGATIVE_CUE.search(rest) is not None


def rating_label(text: str) -> str | None:
    """The sentiment of an answer that is only a rating (``"10/10"``, ``"2/5"``), else None.

    Read with cxtext's documented rating rule
    (:func:`cxtext.datasets.rating_to_sentiment`: out of 5, 1–2 negative, 3
    neutral, 4–5 positive; out of 10, the NPS groups 0–6 / 7–8 / 9–10). A rating
    out of 100 is read out of 10; one above its scale ("11/10") as the top.

    Examples
    --------
    >>> [rating_label(t) for t in ["10/10", "7/10", "1 out of 5", "75/100", "★★☆☆☆", "great"]]
    ['positive', 'neutral', 'negative', 'neutral', 'negative', None]
    """
    from cxtext.clean.nonanswers import rating_answer

    rating = rating_answer(text)
    if rating is None:
        return None
    from cxtext.datasets import rating_to_sentiment

    value, scale = rating
    if scale == 100:
        value, scale = value / 10, 10
    value = min(max(value, 1.0 if scale == 5 else 0.0), float(scale))
    label: str | None = rating_to_sentiment([value], str(scale))[0]
    return label


def answer_meaning(text: str, prompt: str) -> str | None:
    """Sentiment a short answer carries under its prompt (``None``: read the words).

    A rating written as the answer ("10/10", "2 out of 5") carries its
    rating's sentiment under any prompt (:func:`rating_label`): models read it
    from its characters, and "2/10" looks like "9/10" to them. Under an improve
    prompt a satisfied "nothing"-style answer is positive; under a praise
    prompt "nothing"/"not much" is negative and "no queues" (the absence of a
    pain) is positive. Under either, an answer that says the person cannot
    judge yet ("first visit so can't say", "only had it a week") is neutral.
    Under a neutral prompt the words alone are read.

    Examples
    --------
    >>> answer_meaning("Nothing.", "improve"), answer_meaning("Nothing, all good", "improve")
    ('positive', 'positive')
    >>> answer_meaning("Nothing.", "praise"), answer_meaning("not a lot tbh", "praise")
    ('negative', 'negative')
    >>> answer_meaning("no hidden fees", "praise"), answer_meaning("too early to say", "improve")
    ('positive', 'neutral')
    >>> answer_meaning("No complaints", "praise"), answer_meaning("Nothing", "neutral") is None
    ('positive', True)
    >>> answer_meaning("Waiting times", "improve") is None, answer_meaning("8/10", "improve")
    (True, 'neutral')
    >>> answer_meaning("No comment", "improve"), answer_meaning("no comment.", "praise")
    ('neutral', 'neutral')
    >>> answer_meaning("Everything!", "improve"), answer_meaning("Everything", "praise")
    ('negative', 'positive')
    """
    from cxtext.clean.nonanswers import opens_like_rating

    text = text.strip()
    if opens_like_rating(text):  # "8/10", "★★★★☆", "Ten out of ten"
        rating = rating_label(text)
        if rating is not None:
            return rating
    if not text or prompt not in ("improve", "praise"):
        return None
    if _REFUSAL.match(text):  # "No comment": declines to answer, whatever the prompt asks
        return "neutral"
    if prompt == "improve" and satisfied_answer(text):
        return "positive"
    if _EVERYTHING.match(text):
        return "negative" if prompt == "improve" else "positive"
    if prompt == "praise" and _NO_PAIN.match(text):
        return "positive"
    if prompt == "praise" and _nothing_to_praise(text):
        return "negative"
    if _NO_OPINION.search(text) and not (_POSITIVE_CUE.search(text) or _NEGATIVE_WORD.search(text)):
        return "neutral"
    return None


_NOT = r"(?:could ?n'?t|could not|can'?t|cannot|can not)"
#: Praise worded as a limit ("couldn't do enough for us"): absent from the shared training
#: sets (0 airline, GoEmotions or clothing texts hold "couldn't do enough" or "could have
#: done more"), common in patient feedback, and read as negative by both presets.
#: "Couldn't fault them" and "does what it says on the tin" (read as negative or neutral by the
#: fast preset; 2 and 1 texts in the shared sets, labelled positive or neutral) joined on
#: 2026-12-07, with the complaints below: "thanks for nothing" (read as positive by both presets;
#: 18 of the 19 shared texts holding it are labelled negative, the other quotes it), "not fit for
#: purpose" and "zero stars" (with the wait and set-phrase rules below, 39 texts of the shared sets
#: and ours change their rule reading: 26 of the 29 with a sentiment label to that label; results
#: log, 2026-12-07).
_IDIOM_POSITIVE = re.compile(
    rf"\b(?:{_NOT} (?:have )?(?:do|done) enough (?:for|to help)\b|{_NOT} (?:have )?(?:do|done) enough\W*$|"
    r"(?:nobody|no one|no-one) could(?: have|'ve) done (?:more|any more|better)\b|"
    rf"{_NOT} (?:thank|praise|recommend) (?:[\w']+ ){{0,4}}(?:highly )?enough\b|"
    r"\b(?:(?:a|an|my|absolute|real|total) ){0,3}life ?savers?\b|"  # bounded: "a a a ..." must not backtrack
    # not a diagnosis ("Garage couldn't fault the car so charged me")
    rf"\b{_NOT} (?:have )?fault(?:ed)?\b(?!\s+(?:me|you|myself|yourself|us)\b)"
    r"(?!(?:\s+[\w']+){0,3}\s+(?:so|and so|and (?:refused|charged|said|sent))\b)|"
    r"(?<!n't )(?<!not )(?<!nt )(?<!never )(?<!always )\b(?:does|did|do) (?:exactly |just )?what it says on the tin\b|"
    # "I have nothing negative to say" (sentiment-fast 0.14.0 read it neutral: a negated negative
    # word; the negation table holds it)
    r"\bnothing (?:negative|bad) to say\b)",
    re.IGNORECASE,
)
#: What every idiom match holds: substring tests before the two full patterns.
_IDIOM_ANCHORS = ("enough", "done", "saver", "care less", "cared less", "bothered", "less helpful", "ruder",
                  "been worse", "fault", "the tin", "for nothing", "purpose", "star", "to say")
#: Complaints worded as a limit ("they couldn't care less").
_IDIOM_NEGATIVE = re.compile(
    rf"\b(?:{_NOT} (?:have )?cared? less|{_NOT} be bothered|{_NOT} have been (?:less helpful|ruder|worse))\b|"
    r"\bthank(?:s| you) (?:very much |so much )?for (?:absolutely )?nothing\b"
    r"(?!\s+(?:else|more|less|but|short|being|was|is|too)\b)(?!\s*\?)|"
    r"(?:\bnot|n't|\bnever|\bno longer) (?:(?:really|even|remotely|entirely|exactly|quite|actually) )?"
    r"fit for (?:its |the )?purpose\b|"
    r"\b(?:does ?n'?t|does not|did ?n'?t|did not|never|not always)(?: always| really| quite| exactly)? (?:do |does )?"
    r"what it says on the tin\b|"
    # zero stars for the company: given, wished, or the whole verdict ("Wifi gets zero stars" is about the wifi)
    r"\b(?:give|giving|rate|rating|deserves?)(?: (?:it|them|you|this|this place|this company|him|her|the company))? "
    r"(?:zero|0|no|minus \d+|negative) stars?\b|(?<![\d.,])\b(?:zero|0|no|minus \d+|negative) stars? if (?:i|we) could\b|"
    r"^\W*(?:zero|0|minus \d+|negative) stars?\b(?!.*\b(?:[1-9]|10)(?:\.\d+)? stars?\b)|^\W*no stars?\b(?!\W*\w)",
    re.IGNORECASE,
)


#: Short answers that are a verdict in one set phrase ("Absolute scam.", "Money well spent.",
#: "Daylight robbery!"). Survey boxes are full of them; several are British and absent from the
#: shared training sets ("daylight robbery", "money well spent", "second to none": 0 rows), and
#: the fast model read "absolute scam." and "Absolutely shocking." as positive, "Money well
#: spent." as negative. Where the shared sets hold a phrase, mostly in longer texts, its label
#: agrees ("rip off" 19 of 19 rows negative, "worth every penny" 49 of 49 positive, "above and
#: beyond" 8 of 8); "scam" alone does not (14 of 32 negative: "scam emails", questions whether an
#: offer is one), so it is read only as a verdict ("absolute scam", "what a scam", "Scam!"), and
#: "cowboys" (a football team, boots: 7 rows, none negative) is left out. In the shared sets the
#: rule reads 5 short texts, all as their gold labels.
_VERDICT_MAX_WORDS = 6
_VERDICT_NEGATIVE = re.compile(
    # "scam" only as a verdict: "absolute scam", "what a scam", "it's a scam", or the whole answer
    r"(?:\b(?:absolute|complete|total|utter|massive|what an?|such an?|(?:it'?s|it is|this is|is|was) an?"
    r"(?: absolute| complete| total| utter)?)\s+scam|^\W*scam(?=\W*$))\b(?!\s*(?:calls?|e-?mails?|texts?|messages?)\b)(?!-)|"
    r"\b(?:absolute|complete|total|utter|what an?|such an?)\s+(?:con|farce)\b|"
    r"\b(?:rip[- ]?offs?|ripped (?:me |us )?off|ripping (?:people |me |us |customers |everyone )?off|"
    r"daylight robbery|(?:con|scam) artists?|shambles|shambolic|farcical|"
    r"(?:absolutely |utterly |totally |so |really |well |proper )?(?:gutted|fuming|livid|seething)"
    r"(?!\s+(?:the|it|him|her|them|this|that|my|our|a|an|by|with|to|it's|its)\b)|"
    r"(?:absolutely|utterly|totally) (?:shocking|appalling|atrocious|dreadful|disgusting|useless)"
    r"(?=\W*$|\s+(?:service|customer service|experience|company|treatment|behaviou?r)\b))\b",
    re.IGNORECASE,
)
_VERDICT_POSITIVE = re.compile(
    r"\b(?:money well spent|worth every (?:penny|cent)|worth the money|second to none|top notch|"
    r"above and beyond|(?:absolute|total|complete) (?:legends?|stars?|gems?|diamonds?)|"
    r"(?:really |so |well |very |absolutely )?chuffed)\b",
    re.IGNORECASE,
)
#: What every verdict match holds: substring tests before the full patterns.
_VERDICT_ANCHORS = ("scam", "rip", "robber", "con", "shambl", "farc", "shock", "appall", "atroci", "dread",
                    "disgust", "useless", "spent", "penn", "cent", "money", "none", "notch", "beyond", "legend",
                    "star", "gem", "diamond", "gutted", "fuming", "livid", "seething", "chuffed")
#: A negation, a condition or a retraction anywhere in the answer ("Not a scam", "Barely worth the
#: money", "Worth the money if it worked", "Top notch... NOT", "Absolute scam lol jk") leaves it to the model.
_VERDICT_UNDONE = re.compile(
    r"\b(?:not|no|nope|nah|never|nothing|hardly|barely|scarcely|without|if|unless|elsewhere|jk|joking|kidding|"
    r"less than|far from|"
    r"my foot|rolling eyes|unamused|cannot|dont|didnt|doesnt|isnt|wasnt|werent|arent|cant|couldnt|wouldnt|"
    r"shouldnt|wont|havent|hasnt|hadnt)\b|\wn['\u2019]t\b", re.IGNORECASE)
#: A verdict in quotes is someone else's word, often mocked ("'Money well spent' my foot").
_QUOTED = re.compile("(?:^|[\\s(])['\"\u201c\u2018]|['\"\u201d\u2019](?:[\\s).,!;:]|$)")


#: Short answers in a set phrase the models misread (a helper's probe of 254 short answers, written
#: blind, 2026-12-07: "Hassle-free" and "Worry-free returns" negative in both presets, "Better than
#: last time" negative at -0.74 in the fast one, "Room for improvement" positive in the accurate
#: one). Where the shared sets hold a phrase, mostly in longer texts, its label agrees: "better than
#: expected" 17 of 20 rows positive, "went downhill" 5 of 5 negative, "needs work" 3 of 4, "on the
#: ball" 2 of 2. Unlike the verdicts above, a phrase may hold its own negation ("not too shabby",
#: "can't wait to come back", "not as good as before"): only the rest of the answer is looked at.
_SET_PHRASES = (
    ("positive", re.compile(
        r"\b(?:hassle|trouble|worry|stress|pain|fuss|problem|glitch)[- ]?free\b|"
        r"\b(?:better|cheaper|faster|quicker|cleaner|friendlier|easier|smoother|nicer) than (?:i |we )?"
        r"(?:expected|thought|feared|anticipated|before|last time|ever|usual|elsewhere|anywhere else|competitors)\b|"
        r"\bon the ball\b|^\W*(?:absolutely |simply )?top drawer\W*$|\btop drawer (?:service|staff|team|people|food)\b|"
        r"\bnot (?:too |half |so |at all )?shabby\b|\bnot half bad\b|"
        # a recommendation of the company, not advice ("would recommend sizing up")
        r"^\W*(?:i(?: would| will|'d|\u2019d|d)|would|will) (?:definitely |highly |100% )?recommend(?: (?:it|them|this|you|him|her|"
        r"this place|this company|the company|the service))?(?: to (?:anyone|everyone|others|friends|family))?\W*$|"
        r"\bwill (?:definitely |certainly |100% )?(?:order|buy|shop|book|fly|stay|use (?:them|you|it)|visit|return|"
        r"be back|come back|go back)(?: (?:here|there|with (?:them|you)))? again\b|"
        r"\bwill (?:definitely |certainly )?be back\b(?!\s+(?:with|to (?:complain|collect|return|pick)))|"
        r"\b(?:can'?t|cannot) wait to (?:come back|go back|visit again|order again|book again)\b",
        re.IGNORECASE)),
    ("negative", re.compile(
        r"(?<!little )(?<!no )\broom for improvement\b|\bneeds? (?:some |a lot of |lots of |more |serious )?work\b|"
        r"\b(?:gone|went|going|has gone) (?:right )?downhill\b|"
        r"\b(?:good|best of) luck (?:getting|trying|reaching|getting hold of|speaking to) (?:through|anyone|"
        r"someone|somebody|a human|a person|them|hold)\b|"
        r"\b(?:a bit of a|bit of a|such a|a total|a right|a massive|a) faff\b|\blike pulling teeth\b|"
        r"\b(?:a bit|bit|total|totally|absolutely|utter|utterly) pants\b|"
        r"\b(?:worse|slower|pricier|dearer|ruder) than (?:i |we )?(?:expected|thought|before|last time|ever|usual|"
        r"elsewhere|anywhere else|competitors)\b|"
        r"\bnot as (?:good|nice|friendly|quick|fast|helpful|reliable) as (?:before|last time|it used to be|"
        r"they used to be|expected|usual)\b|\bused to be (?:so |much |a lot )?(?:better|good|great|brilliant|excellent)\b",
        re.IGNORECASE)),
)
#: What every set phrase match holds: substring tests before the full patterns.
_SET_PHRASE_ANCHORS = ("free", "than", "ball", "drawer", "shabby", "half bad", "recommend", "again", "be back",
                       "wait to", "room for", "work", "downhill", "luck", "faff", "teeth", "pants", "used to be",
                       "not as")


def _one_side(text: str, patterns: Iterable[tuple[str, re.Pattern[str]]]) -> tuple[str, re.Match[str]] | None:
    """The label and match of the one ``(label, pattern)`` that ``text`` matches; None for none or several.

    Examples
    --------
    >>> hit = _one_side("Bit of a faff", _SET_PHRASES)
    >>> hit[0], hit[1].group(0)
    ('negative', 'Bit of a faff')
    >>> _one_side("no phrase here", _SET_PHRASES) is None
    True
    """
    found = [(label, m) for label, pattern in patterns if (m := pattern.search(text)) is not None]
    return found[0] if len(found) == 1 else None


def _set_phrase(text: str, low: str) -> str | None:
    """The label of a short answer (``low``: lower-cased) in a set phrase ("Hassle-free", "Needs work"), else None.

    Not when the rest of the answer negates, conditions, asks, quotes or turns
    ("Not hassle-free", "Would recommend if it worked", "Better than expected, but slow").
    """
    if len(text.split()) > _VERDICT_MAX_WORDS or "?" in text:
        return None
    if not any(anchor in low for anchor in _SET_PHRASE_ANCHORS):  # most short answers stop here
        return None
    hit = _one_side(text, _SET_PHRASES)
    if hit is None:
        return None
    label, match = hit
    rest = text[:match.start()] + " " + text[match.end():]
    if _CONTRAST_MARK.search(rest) or _VERDICT_UNDONE.search(rest) or _QUOTED.search(text):
        return None
    if _other_side(text[match.end():], label):  # "Hassle-free delivery, rude driver": what follows takes it back
        return None
    return label


def _short_verdict(text: str, low: str) -> str | None:
    """The label of a short answer (``low``: lower-cased) that is one set verdict ("Absolute scam."), else None."""
    if len(text.split()) > _VERDICT_MAX_WORDS or "?" in text:  # "Is this a scam?", "Worth the money? No."
        return None
    if not any(anchor in low for anchor in _VERDICT_ANCHORS):  # most short answers stop here
        return None
    if _CONTRAST_MARK.search(text):  # "Pricey, but worth every penny": the turn decides
        return None
    if _VERDICT_UNDONE.search(text) or _QUOTED.search(text):
        return None
    hit = _one_side(text, (("negative", _VERDICT_NEGATIVE), ("positive", _VERDICT_POSITIVE)))
    if hit is None:
        return None
    label, match = hit
    if _other_side(text[match.end():], label):  # "Gutted, best holiday ever": what follows takes it back
        return None
    return label


#: A wait read from its length: "Long wait times", "but long wait", "The queue was far too long" are
#: complaints, "Short wait", "no queues", "quick turnaround" praise. The fast model read eight of ten
#: short "long wait" phrases as positive ("can't wait" and long dresses are praise in its training
#: sets), so a waiting-time mention in such a clause came out positive (a probe, 2026-12-07; the
#: accurate model read all ten as negative). "line" is left out (a "long line bra").
_LONG_WAIT = re.compile(
    r"\b(?:long|lengthy|endless|hours?[- ]long) (?:waits?|waiting(?: times?)?|queues?|delays?|hold(?: times?)?|"
    r"turnaround(?: times?)?|response times?)\b|"
    r"\b(?:the |a |my |our )?(?:waits?|waiting(?: times?)?|queues?|delays?|hold(?: times?)?|response times?) "
    r"(?:was|were|is|are|seemed|felt)(?: (?:very|so|really|far|way|extremely|incredibly|ridiculously|quite|rather|"
    r"painfully))?(?: too)? (?:long|endless)\b|"
    r"\bwaited (?:too |so |very |far too |way too )?long\b|"
    r"\b(?:waits?|waiting(?: times?)?|queues?|delays?|hold(?: times?)?) (?:far |way |much |just )?too long\b",
    re.IGNORECASE,
)
_SHORT_WAIT = re.compile(
    r"\b(?:short|quick|little|minimal) (?:waits?|waiting(?! (?:room|list|area))(?: times?)?|queues?|delays?|"
    r"hold(?: times?)?)\b|\bno (?:waits?|waiting(?! (?:room|list|area))(?: times?)?|queues?|delays?)\b|"
    r"\bquick (?:turnaround|response)\b",
    re.IGNORECASE,
)
#: What every wait phrase holds.
_WAIT_WORDS = ("wait", "queue", "delay", "hold", "turnaround", "response")
#: Longest text (in words) read from its wait alone.
_WAIT_MAX_WORDS = 8
_WAIT_UNDONE = re.compile(
    r"\b(?:not|no|nope|never|none|hardly|barely|without|if|unless|despite|worth|but|though|however|although|"
    # an expected wait that did not come, or waits that are over ("Was dreading a long wait")
    r"expect\w*|dread\w*|prepared|braced|feared|fearing|anticipat\w*|thing of the past|days of|are over|no more|"
    r"gone are)\b|"
    r"\wn['\u2019]t\b|\b(?:dont|didnt|doesnt|isnt|wasnt|werent|arent|cant|couldnt|wouldnt)\b",
    re.IGNORECASE,
)


_CLAUSE_TURN = re.compile(
    r"^\W*(?:but|though|however|although|yet|and|except(?: for)?|apart from|aside from|other than)\b[\s,]*|"
    r"[\s,]+though\W*$",
    re.IGNORECASE,
)


def _wait_verdict(text: str, low: str) -> str | None:
    """The label of a short text that is about a wait's length ("Long wait times"), else None.

    Not when the rest of the text (the wait phrase taken out) negates, concedes
    or turns ("wasn't a long wait", "worth the long wait", "despite the long
    queue"), asks, or holds an opinion word of the other side ("long wait, great
    doctor").
    """
    if len(text.split()) > _WAIT_MAX_WORDS or "?" in text:
        return None
    if not any(w in low for w in _WAIT_WORDS):
        return None
    # a clause's own turn ("but long wait", "long wait though", "apart from the long wait") is
    # the turn away from the rest of its comment, not within the clause
    text = _CLAUSE_TURN.sub("", text)

    hit = _one_side(text, (("negative", _LONG_WAIT), ("positive", _SHORT_WAIT)))
    if hit is None:
        return None
    label, match = hit
    rest = text[:match.start()] + " " + text[match.end():]
    if _WAIT_UNDONE.search(rest) or _CONTRAST_MARK.search(rest) or _other_side(rest, label):
        return None
    return label


_OPINION_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _other_side(rest: str, label: str, at_least: int = 1) -> bool:
    """Whether ``rest`` holds an opinion word of the side opposite to ``label`` (:mod:`cxtext.clean.opinion_words`).

    The phrase rules look only at what follows their phrase: a story told before a verdict is
    the verdict's reason ("I'd had a horrible crash ... Can't thank them enough.", "Lost my wallet
    ... Lifesaver."), a complaint after it takes the verdict back ("Can't fault the food. Service
    was appalling"). ``at_least``: how many such words it takes (distinct).
    """
    from cxtext.clean.opinion_words import NEGATIVE, POSITIVE

    other = POSITIVE if label == "negative" else NEGATIVE
    return len({w for w in _OPINION_WORD.findall(rest.lower()) if w in other}) >= at_least


def _quoted_at(text: str, match: re.Match[str]) -> bool:
    """Whether the matched phrase opens right after a quotation mark ("the reviews saying 'zero stars'")."""
    before = text[:match.start()].rstrip()
    return before.endswith(("'", '"', "\u201c", "\u2018"))


#: The anchors as one search each (one regex over a short text is quicker than a loop of substring tests).
_IDIOM_ANCHOR = re.compile("|".join(map(re.escape, _IDIOM_ANCHORS)))
_SHORT_RULE_ANCHOR = re.compile("|".join(map(re.escape, (*_VERDICT_ANCHORS, *_SET_PHRASE_ANCHORS, *_WAIT_WORDS))))


def idiom_label(text: str) -> str | None:
    """The sentiment of a comment carried by a CX idiom whose words mislead, else None.

    "Staff couldn't do enough for us" and "Nobody could have done more" are
    praise, "They couldn't care less" a complaint; the models, trained on few such
    sentences, read the first two as negative. So are short answers (at most six
    words) that are one set verdict: "Absolute scam.", "Daylight robbery!",
    "Money well spent.", "Worth every penny", "Gutted.", "Chuffed to bits" (not when negated, conditional,
    quoted or taken back: "Not a scam", "Worth the money if it worked",
    "'Money well spent' my foot"). A comment that also turns ("..., but the
    food was cold") is left to the model.

    Examples
    --------
    >>> [idiom_label(t) for t in ["Staff couldn't do enough for us", "Nobody could have done more",
    ...                           "They couldn't care less", "Lifesaver.", "Great staff"]]
    ['positive', 'positive', 'negative', 'positive', None]
    >>> idiom_label("They couldn't do enough for us but the food was cold") is None
    True
    >>> [idiom_label(t) for t in ["Absolute scam.", "Money well spent.", "Not a scam, genuine company."]]
    ['negative', 'positive', None]
    >>> [idiom_label(t) for t in ["Thanks for nothing.", "Couldn't fault them.", "Not fit for purpose."]]
    ['negative', 'positive', 'negative']
    >>> idiom_label("I have nothing negative to say"), idiom_label("Nothing bad to say, but the food was cold")
    ('positive', None)
    """
    low = text.lower()
    if len(text) <= 80 and text.count(" ") < 2 * _VERDICT_MAX_WORDS:  # cheap tests before the word count
        verdict = (_short_verdict(text, low) or _set_phrase(text, low) or _wait_verdict(text, low)
                   if _SHORT_RULE_ANCHOR.search(low) else None)
        if verdict is not None:
            return verdict
    if not _IDIOM_ANCHOR.search(low):  # most comments stop here, before the full patterns
        return None
    hit = _one_side(text, (("positive", _IDIOM_POSITIVE), ("negative", _IDIOM_NEGATIVE)))
    if hit is None or _CONTRAST_MARK.search(text):
        return None
    label, match = hit
    # "Can't fault the food. Service was appalling, rude waiter": a complaint after the idiom takes it
    # back; one word is not enough in a long comment ("... got us through the worst week of our lives")
    if _quoted_at(text, match) or _other_side(text[match.end():], label, at_least=2):
        return None
    return label


def context_label_for_non_answer(text: str, prompt: str) -> str | None:
    """Sentiment a non-answer carries under its prompt (``None``: no sentiment).

    Same rule as :func:`answer_meaning`, kept under its earlier name.

    Examples
    --------
    >>> context_label_for_non_answer("Nothing.", "improve")
    'positive'
    >>> context_label_for_non_answer("Nothing.", "praise")
    'negative'
    >>> context_label_for_non_answer("n/a", "neutral") is None
    True
    """
    return answer_meaning(text, prompt)


def _comparative_request(text: str) -> bool:
    """A short answer that opens with a comparative adjective: "Friendlier staff", "Quieter rooms please"."""
    words = text.split()
    if not 1 < len(words) <= _COMPARATIVE_MAX_WORDS:
        return False
    first = words[0].lower()
    if not first.endswith("er"):
        return False
    from cxtext.clean.language import comparative_adjectives

    return first in comparative_adjectives()


def suggestion_cue(text: str) -> bool:
    """Whether a comment is worded as an improvement request, whatever the prompt.

    Examples
    --------
    >>> suggestion_cue("More parking spaces please"), suggestion_cue("Parking")
    (True, False)
    """
    text = text.strip()
    if not text or satisfied_answer(text):
        return False
    if _WARNING_START.match(text):
        return False
    if not _worded_request(text):  # most comments stop here
        return False
    low = text.lower()
    if any(word in low for word in _NOT_A_REQUEST_WORDS):  # "You should be ashamed", "Could not have been better"
        rest = _SPACE_RUN.sub(" ", _NOT_A_REQUEST.sub(" ", text)).strip(" ,.;:!-")
        return bool(rest) and _worded_request(rest)
    return True


def _worded_request(text: str) -> bool:
    """Whether ``text`` (stripped) holds the wording of a request (:func:`suggestion_cue`'s patterns)."""
    if _SUGGESTION_START.match(text):
        return True
    if _comparative_request(text):
        return True
    if text.isascii():  # every match of _SUGGESTION_ANYWHERE holds one of these words
        low = text.lower()
        if not _SUGGESTION_WORD.search(low):
            return False
        if "need" in low:
            text = _NOT_A_NEED.sub(" ", text)
    else:
        text = _NOT_A_NEED.sub(" ", text)
    return bool(_SUGGESTION_ANYWHERE.search(text))


def is_suggestion(text: str, prompt: str = "neutral") -> bool:
    """Whether a comment asks for an improvement.

    Under an ``"improve"`` prompt every substantive answer that is not a
    satisfied "nothing"-style answer is an improvement request
    (:func:`read_in_context` then drops the flag when the answer reads as praise).

    Examples
    --------
    >>> is_suggestion("More parking spaces please")
    True
    >>> is_suggestion("You should open on Sundays.")
    True
    >>> is_suggestion("The staff were lovely")
    False
    >>> is_suggestion("Parking", prompt="improve")
    True
    """
    text = text.strip()
    if not text or satisfied_answer(text):
        return False
    if prompt == "improve" and any(ch.isalpha() for ch in text):
        return True
    return suggestion_cue(text)


def apply_context(proba: np.ndarray, classes: Sequence[str], prompts: Sequence[str],
                  suggestions: Sequence[bool] | None = None) -> np.ndarray:
    """Shift probabilities by each row's prompt type (in log space) and renormalise.

    Rows flagged in ``suggestions`` (worded improvement requests, see
    :func:`suggestion_cue`) also get :data:`SUGGESTION_SHIFT`.

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([[0.3, 0.4, 0.3]])
    >>> int(apply_context(p, ["negative", "neutral", "positive"], ["improve"]).argmax())
    0
    """
    proba = np.asarray(proba, dtype=float)
    if not len(proba):
        return proba
    kinds = list(PRIOR_SHIFT)
    table = np.array([[PRIOR_SHIFT[k].get(c, 0.0) for c in classes] for k in kinds])
    row = {k: i for i, k in enumerate(kinds)}
    neutral = row["neutral"]
    shift = table[np.fromiter((row.get(p, neutral) for p in prompts), dtype=np.intp, count=len(proba))]
    if suggestions is not None:
        extra = np.array([SUGGESTION_SHIFT.get(c, 0.0) for c in classes])
        shift = shift + np.outer(np.asarray(suggestions, dtype=float), extra)
    logits = np.log(np.clip(proba, 1e-9, 1.0)) + shift
    logits -= logits.max(axis=1, keepdims=True)
    out = np.exp(logits)
    return out / out.sum(axis=1, keepdims=True)


def rule_proba(label: str, classes: Sequence[str]) -> np.ndarray:
    """The probability row a rule gives: :data:`RULE_CONFIDENCE` on ``label``, the rest shared.

    Examples
    --------
    >>> rule_proba("positive", ["negative", "neutral", "positive"]).tolist()
    [0.125, 0.125, 0.75]
    """
    rest = (1.0 - RULE_CONFIDENCE) / max(len(classes) - 1, 1)
    return np.array([RULE_CONFIDENCE if c == label else rest for c in classes])


def read_in_context(proba: np.ndarray, classes: Sequence[str], texts: Sequence[str],
                    prompts: Sequence[str], *,
                    max_request_words: int | None = SUGGESTION_SHIFT_MAX_WORDS,
                    asks_change: Sequence[bool] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Read model probabilities through each answer's prompt.

    Steps: the prompt's class prior and the shift for worded improvement
    requests (:func:`apply_context`; without a prompt, or under a neutral one,
    only for answers of at most :data:`SUGGESTION_SHIFT_MAX_WORDS` words); then
    "nothing"-style answers take the meaning their prompt gives them, and
    ratings their rating's (:func:`answer_meaning`, as :func:`rule_proba`), and a
    misleading CX idiom its meaning where the model reads it otherwise
    (:func:`idiom_label`);
    then each answer's ``is_suggestion`` flag: a worded
    request, or a substantive answer to an improve prompt that does not read as
    praise.

    Parameters
    ----------
    proba : array of shape (n, n_classes)
        The model's probabilities for ``texts``.
    classes : sequence of str
        The model's classes (``negative``/``neutral``/``positive``).
    texts, prompts : sequences of str
        The cleaned answers and their prompt types (:func:`prompt_type`).
    max_request_words : int or None, default=SUGGESTION_SHIFT_MAX_WORDS
        Under a neutral prompt, only requests of at most this many words shift
        (``None``: any length).
    asks_change : sequence of bool, optional
        Per answer, whether its improve prompt asks what to change
        (:func:`asks_for_change`); an answer to one that asks what went wrong
        ("What did you dislike?") is a suggestion only when worded as one.
        ``None``: every improve prompt asks.

    Returns
    -------
    proba : ndarray
        Probabilities read in context.
    suggestion : ndarray of bool
        ``is_suggestion`` per answer.

    Examples
    --------
    >>> import numpy as np
    >>> classes = ["negative", "neutral", "positive"]
    >>> p = np.array([[0.2, 0.6, 0.2], [0.3, 0.4, 0.3], [0.05, 0.1, 0.85]])
    >>> out, flag = read_in_context(p, classes, ["the nurses", "Nothing", "Staff were lovely"],
    ...                             ["praise", "improve", "improve"])
    >>> [classes[i] for i in out.argmax(axis=1)], flag.tolist()
    (['positive', 'positive', 'positive'], [False, False, False])
    """
    cues = np.array([suggestion_cue(t) for t in texts], dtype=bool)
    # "Love the clothes but delivery takes forever" answering an improve prompt: the complaint is the point.
    contrast = np.array([p == "improve" and _CONTRAST_MARK.search(t) is not None
                         for t, p in zip(texts, prompts)], dtype=bool)
    prompted = np.array([p != "neutral" for p in prompts], dtype=bool)
    short = np.array([max_request_words is None or len(t.split()) <= max_request_words for t in texts],
                     dtype=bool)
    out = apply_context(proba, classes, prompts, (cues & (prompted | short)) | contrast)
    by_rule = np.zeros(len(out), dtype=bool)
    for i, (text, prompt) in enumerate(zip(texts, prompts)):
        meaning = answer_meaning(text, prompt)
        if meaning is None:  # an idiom overrules the model only where the model reads it otherwise
            meaning = idiom_label(text)
            if meaning is not None and meaning in classes and classes[int(out[i].argmax())] == meaning:
                continue
        if meaning is not None and meaning in classes:
            out[i] = rule_proba(meaning, classes)
            by_rule[i] = True
    if not len(out):
        return out, cues
    col = {c: i for i, c in enumerate(classes)}
    reads_positive = (out.argmax(axis=1) == col["positive"]) if "positive" in col else np.zeros(len(out), bool)
    # Other prompts: is_suggestion is the worded cue. Under an improve prompt a substantive
    # answer that reads as praise, or that the rules read ("nothing", "can't say yet"), asks for nothing.
    suggestion = cues.copy()
    asks = np.ones(len(out), dtype=bool) if asks_change is None else np.asarray(asks_change, dtype=bool)
    for i in np.flatnonzero((np.asarray(prompts, dtype=object) == "improve") & asks & ~cues & ~reads_positive
                            & ~by_rule):
        suggestion[i] = is_suggestion(texts[i], "improve")
    return out, suggestion


def read_comments(proba: np.ndarray, classes: Sequence[str], texts: Sequence[str],
                  prompts: Sequence[str], *,
                  asks_change: Sequence[bool] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Read a sentiment model's probabilities as :func:`cxtext.analyze` reads them.

    Emoji-only texts take the emoji table's reading
    (:func:`cxtext.sentiment.emoji_polarity.apply_emoji_only`), then every text
    is read through its prompt (:func:`read_in_context`; ``"neutral"`` when a
    comment answers no known question). The analysis, ``cxtext evaluate`` and
    the training of theme-aware mention heads all read probabilities this way,
    so what is measured and learned is what an analysis outputs.

    Returns
    -------
    proba : ndarray
        Probabilities as read.
    suggestion : ndarray of bool
        ``is_suggestion`` per text.

    Examples
    --------
    >>> import numpy as np
    >>> classes = ["negative", "neutral", "positive"]
    >>> p = np.full((2, 3), 1 / 3)
    >>> out, flag = read_comments(p, classes, ["[enraged face]", "More parking please"], ["neutral"] * 2)
    >>> [classes[i] for i in out.argmax(axis=1)], flag.tolist()
    (['negative', 'negative'], [False, True])
    """
    from cxtext.sentiment.emoji_polarity import apply_emoji_only

    return read_in_context(apply_emoji_only(proba, classes, texts), classes, texts, prompts,
                           asks_change=asks_change)
