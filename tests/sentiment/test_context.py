from __future__ import annotations

import numpy as np
import pytest

from cxtext.sentiment.context import (
    PRIOR_SHIFT,
    PROMPT_PRIOR,
    SUGGESTION_SHIFT_MAX_WORDS,
    answer_meaning,
    apply_context,
    asks_for_change,
    context_label_for_non_answer,
    idiom_label,
    is_suggestion,
    prompt_type,
    rating_label,
    read_comments,
    read_in_context,
    satisfied_answer,
    satisfied_non_answer,
)

CLASSES = ["negative", "neutral", "positive"]


@pytest.mark.parametrize("question,kind", [
    ("How could we improve?", "improve"),
    ("What could we have done better?", "improve"),
    ("Is there anything we could have done differently?", "improve"),
    ("What did you dislike about your stay?", "improve"),
    ("What did we do well?", "praise"),
    ("What was good about your care?", "praise"),
    ("What did you like most?", "praise"),
    ("What is the main reason for your score?", "neutral"),
    ("Any other comments?", "neutral"),
    ("What did you like least?", "improve"),
    ("What don't you like?", "improve"),
    ("What should we keep doing?", "praise"),
    ("What let us down?", "improve"),
    ("Where did we fall short?", "improve"),
    ("What stopped you from rating us higher?", "improve"),
    ("Tell us something we got right", "praise"),
    ("What would make you more likely to recommend us?", "improve"),
    ("Was there anything you weren't happy with?", "improve"),
    ("What was the worst part of your stay?", "improve"),
    ("What do you value most about working here?", "praise"),
    ("What was the highlight of your stay?", "praise"),
    ("Is there anything else you would like to tell us?", "neutral"),
    ("We'd love to hear about your visit", "neutral"),
    ("How would you describe your experience?", "neutral"),
    # prompts that ask both ways collect both kinds of answer
    ("What went well, and what could we do better?", "neutral"),
    ("What did you like and dislike?", "neutral"),
    ("Pros/Cons", "neutral"),
    # coded column values from survey exports
    ("what_good", "praise"),
    ("could_improve", "improve"),
    ("nonspecific", "neutral"),
    ("Q3_dislike", "improve"),
    ("Q1 - Positives", "praise"),
    ("Q2 - Areas for improvement", "improve"),
    ("positive_feedback", "praise"),
    ("negative_feedback", "improve"),
    ("bestPart", "praise"),
    ("Cons", "improve"),
    ("pros", "praise"),
    ("why_score", "neutral"),
    ("", "neutral"),
    (float("nan"), "neutral"),
])
def test_prompt_type(question, kind):
    assert prompt_type(question) == kind


@pytest.mark.parametrize("text,expected", [
    ("More parking spaces", True),
    ("Please call me back when you say you will", True),
    ("You should open on Sundays.", True),
    ("It would be nice to have a coffee machine", True),
    ("I'd like more updates on my order", True),
    ("Needs more staff at weekends", True),
    ("Better signage in the car park", True),
    ("The staff were lovely", False),
    ("I waited four hours", False),
    ("Nothing to improve", False),
    ("Keep up the good work!", False),
    # a short answer opening with a comparative asks for it (bug bash 2026-12-06)
    ("Friendlier staff", True),
    ("Quieter rooms please", True),
    ("Would love a dark mode", True),
    ("Number of staff on the ward", False),
    ("Customer service was great", False),
    ("Friendlier staff than last time, well done team", False),
    ("Would love to come back", False),
    ("Train was cancelled with no announcement", False),  # "train" the noun, not the verb
    ("Update has broken the app", False),
    ("Train staff to listen", True),
    # a need the customer did not have or asks about, and warnings to other customers (six-genre set)
    ("no hassle at all, didn't even need to send photos", False),
    ("Do I need to be home when the smart meter is swapped?", False),
    ("No need to chase, they called me", False),
    ("Why do I need to call you to change my address? Sort it out.", True),
    ("You need to hire more staff", True),
    ("Staff need to listen", True),
    ("dont bother", False), ("Don't bother.", False), ("Do not bother with this company", False),
    ("Avoid.", False), ("Avoid like the plague", False), ("Stay away", False),
    ("Avoid cancelling trains at the last minute", True), ("Don't make us wait so long", True),
    ("Don't bother. Total waste of time", False), ("Stay away from this lot!", False),
    # requests that open like a warning, or say what the company need not do (a bash, 2026-12-06)
    ("Don't expect customers to wait 40 minutes.", True), ("Don't bother me with marketing calls.", True),
    ("Don't bother sending surveys if nothing changes.", True), ("Don't waste our time with automated menus.", True),
    ("Don't book two patients into the same slot.", True), ("Avoid these long queues by opening more tills.", True),
    ("You don't need to send me three emails a day.", True), ("Why on earth do I need to call you every month?", True),
    # a bash of clause sentiment, prompts and suggestions (2026-12-07): blame, regret, praise worded as a
    # limit and more of the same are not requests; wishes, "why not ...", "would have been nice" and hopes are
    ("You should be ashamed of yourselves", False), ("Could not have been better", False),
    ("Couldn't be happier", False), ("I should have read the reviews first", False),
    ("More of the same please!", False), ("Keep it up please", False), ("I wish I had never bought this", False),
    ("Couldn't have been better, but please add more parking", True),
    ("We should have been told about the delay", True),
    ("Wish the app had dark mode", True), ("Why not offer free delivery over £50?", True),
    ("Why don't you open on Sundays?", True), ("Would have been nice to be told about the delay", True),
    ("I hope you fix the app soon", True),
    # a bash of this session's rules: wishes about oneself or a good time ending, advice to other
    # customers and good wishes are no requests
    ("Wish that I'd never come here", False), ("Wish the holiday had lasted longer!", False),
    ("Why not give them a try, you won't be disappointed!", False), ("Why not give customers a refund?", True),
    ("Hope you get well soon Sarah, you were brilliant", False), ("Hope they get the recognition they deserve", False),
    ("Should have gone elsewhere", False), ("Hope they bring back the old menu", True),
])
def test_is_suggestion(text, expected):
    assert is_suggestion(text) is expected


@pytest.mark.parametrize(("question", "expected"), [
    ("How could we improve?", True), ("What would make you more likely to recommend us?", True),
    ("If you could change one thing, what would it be?", True), ("suggestions", True), ("What's missing?", True),
    ("What should we stop doing?", True), ("could_improve", True),
    ("What did you dislike?", False), ("Did anything go wrong?", False), ("What was the worst part?", False),
    ("cons", False), ("Q3_dislike", False), ("What let us down?", False),
    ("What did we do well?", False), ("Any other comments?", False), (None, False),
    ("What did you dislike about the changes?", False), ("What did you dislike? We want to know", False),
    ("What went wrong with your fix?", False), ("What is the one thing we should fix first?", True),
    ("What should we change for next year?", True),
])
def test_asks_for_change(question, expected):
    assert asks_for_change(question) is expected


def test_answers_to_what_went_wrong_are_complaints_not_requests():
    classes = ["negative", "neutral", "positive"]
    p = np.array([[0.6, 0.3, 0.1]] * 3)
    texts = ["The staff", "The staff", "More staff"]
    _, flag = read_in_context(p, classes, texts, ["improve"] * 3, asks_change=[True, False, False])
    assert flag.tolist() == [True, False, True]  # a worded request is one under any prompt


def test_improve_prompt_makes_any_substantive_answer_a_suggestion():
    assert is_suggestion("Parking", prompt="improve")
    assert not is_suggestion("Nothing, it was perfect.", prompt="improve")
    assert not is_suggestion("", prompt="improve")


@pytest.mark.parametrize("text", ["Nothing", "nothing.", "None", "No", "Nothing really", "Nothing to improve",
                                  "Can't think of anything", "No, all good", "Keep it up!"])
def test_satisfied_answers(text):
    assert satisfied_non_answer(text)
    assert context_label_for_non_answer(text, "improve") == "positive"


@pytest.mark.parametrize("text", ["nothing springs to mind", "Nope, keep it up", "n/a everything was fine",
                                  "not a thing, 10/10", "None - great service", "nothing to add, very happy",
                                  "Honestly nothing, it was perfect"])
def test_satisfied_answers_with_praise_after_the_nothing(text):
    assert satisfied_answer(text)
    assert answer_meaning(text, "improve") == "positive"


@pytest.mark.parametrize("text", ["Nothing really, just the parking", "nothing except the wait",
                                  "None, but the food was cold", "not much, maybe more staff",
                                  "Nothing, it was not good", "More parking", "n/a"])
def test_answers_that_only_start_like_nothing_are_not_satisfied(text):
    assert not satisfied_answer(text)
    assert answer_meaning(text, "improve") is None


@pytest.mark.parametrize("text,meaning", [
    ("Nothing", "negative"), ("not a lot tbh", "negative"), ("honestly nothing, terrible stay", "negative"),
    ("Very little", "negative"), ("nothing went well", "negative"), ("No complaints", "positive"),
    ("no queues", "positive"), ("no hidden fees", "positive"), ("Can't fault anything", None),
    ("first visit so can't say", "neutral"), ("n/a", None), ("the nurses", None),
])
def test_nothing_answered_to_a_praise_prompt(text, meaning):
    assert answer_meaning(text, "praise") == meaning


@pytest.mark.parametrize(("text", "improve", "praise"), [
    ("Everything", "negative", "positive"), ("everything!", "negative", "positive"),
    ("Honestly everything", "negative", "positive"), ("All of it.", "negative", "positive"),
    ("Everything about it", "negative", "positive"),
    ("Everything was great", "positive", None), ("Everything except the wait", None, None),
])
def test_everything_answered_to_a_prompt(text, improve, praise):
    # bug bash 2026-12-07: "Everything" under "What could we improve?" read positive
    assert answer_meaning(text, "improve") == improve
    assert answer_meaning(text, "praise") == praise
    assert answer_meaning(text, "neutral") is None


def test_prompt_prior_is_a_distribution_and_neutral_prompts_shift_nothing():
    for prior in PROMPT_PRIOR.values():
        assert sum(prior.values()) == pytest.approx(1.0)
    assert all(v == pytest.approx(0.0) for v in PRIOR_SHIFT["neutral"].values())


def test_read_in_context_reads_fragments_by_their_prompt():
    # a fragment with no opinion word reads as neutral alone, as praise under a praise prompt
    p = np.array([[0.2, 0.6, 0.2]] * 3)
    texts = ["the receptionist", "the receptionist", "parking"]
    out, flag = read_in_context(p, CLASSES, texts, ["neutral", "praise", "improve"])
    assert [CLASSES[i] for i in out.argmax(axis=1)] == ["neutral", "positive", "negative"]
    assert flag.tolist() == [False, False, True]
    assert np.allclose(out[0], p[0])


def test_read_in_context_keeps_clear_evidence_against_the_prompt():
    p = np.array([[0.85, 0.1, 0.05], [0.03, 0.07, 0.9]])
    out, flag = read_in_context(p, CLASSES, ["waited three hours, awful", "The staff were lovely"],
                                ["praise", "improve"])
    assert [CLASSES[i] for i in out.argmax(axis=1)] == ["negative", "positive"]
    assert flag.tolist() == [False, False]  # praise answered to an improve prompt is no request


def test_read_in_context_rules_and_worded_requests():
    p = np.array([[0.5, 0.3, 0.2], [0.6, 0.3, 0.1], [0.3, 0.4, 0.3]])
    out, flag = read_in_context(p, CLASSES, ["Nothing, all good", "Nothing", "More staff at weekends"],
                                ["improve", "praise", "neutral"])
    assert [CLASSES[i] for i in out.argmax(axis=1)] == ["positive", "negative", "negative"]
    assert out[0].max() == pytest.approx(0.75)  # a rule's fixed confidence, not a model probability
    assert flag.tolist() == [False, False, True]


def test_a_request_in_a_long_comment_without_a_prompt_keeps_the_models_reading():
    review = ("Love this dress, the fabric is soft, the fit is perfect and it washes well. "
              "I wish it came in more colours.")
    assert len(review.split()) > SUGGESTION_SHIFT_MAX_WORDS
    p = np.array([[0.25, 0.15, 0.6]] * 3)
    out, flag = read_in_context(p, CLASSES, [review, review, "I wish it came in more colours"],
                                ["neutral", "improve", "neutral"])
    np.testing.assert_allclose(out[0], p[0])  # no prompt: an aside in a review, not its verdict
    assert flag.tolist() == [True, True, True]  # still flagged as a suggestion
    assert out[1][0] > p[1][0] and out[2][0] > p[2][0]  # under a prompt, or short: shifted
    assert out[2][2] < p[2][2]


def test_non_answer_meaning_by_prompt():
    assert context_label_for_non_answer("Nothing", "praise") == "negative"
    assert context_label_for_non_answer("Nothing", "neutral") is None
    assert context_label_for_non_answer("-", "praise") is None


def test_apply_context_shifts_but_keeps_strong_evidence():
    classes = ["negative", "neutral", "positive"]
    p = np.array([[0.2, 0.45, 0.35], [0.02, 0.03, 0.95]])
    out = apply_context(p, classes, ["praise", "improve"])
    assert np.allclose(out.sum(axis=1), 1)
    assert out[0].argmax() == 2  # an ambiguous answer to "what was good" leans positive
    assert out[1].argmax() == 2  # clear praise stays praise under an improve prompt
    assert np.allclose(apply_context(p, classes, ["neutral", "neutral"]), p)


@pytest.mark.parametrize("text", ["Staff were lovely but the wait was long",
                                  "Lovely staff. The only thing I'd say is the wait was long",
                                  "Great care, shame about the parking"])
def test_a_mixed_answer_to_an_improve_prompt_leans_to_its_complaint(text):
    p = np.array([[0.3, 0.2, 0.5]])  # the words alone lean positive
    assert CLASSES[read_in_context(p, CLASSES, [text], ["improve"])[0].argmax()] == "negative"
    assert CLASSES[read_in_context(p, CLASSES, [text], ["neutral"])[0].argmax()] == "positive"


@pytest.mark.parametrize("text, label", [
    ("10/10", "positive"), ("9/10!", "positive"), ("11/10", "positive"), ("7 / 10", "neutral"),
    ("2/10", "negative"), ("0/10", "negative"), ("5/5", "positive"), ("3/5", "neutral"),
    ("1 out of 5", "negative"), ("0/5", "negative"), ("95/100", "positive"),
    ("★★★★★", "positive"), ("★★★☆☆", "neutral"), ("★☆☆☆☆", "negative"), ("★ ★ ★ ★", "positive"),
    # numbers in words (the accurate preset read "Ten out of ten." as negative)
    ("Ten out of ten.", "positive"), ("ten out of ten!!", "positive"), ("Five stars", "positive"),
    ("one star", "negative"), ("Zero stars.", "negative"), ("Nought out of ten", "negative"),
    ("seven out of ten", "neutral"), ("7 out of ten", "neutral"), ("three out of five", "neutral"),
])
def test_rating_only_answers_are_read_from_the_rating(text, label):
    classes = ["negative", "neutral", "positive"]
    confident_wrong = np.array([[0.05, 0.05, 0.9] if label != "positive" else [0.9, 0.05, 0.05]])
    out, _ = read_comments(confident_wrong, classes, [text], ["neutral"])
    assert classes[int(out.argmax())] == label


def test_rating_reading_leaves_other_texts_alone():
    for text in ("10/10 would fly again", "10/12", "[thumbs up]", "42", "★★★★★★", "★ great",
                 "Ten out of ten would recommend", "Ten", "one star hotel at best", "Seven stars", "eleven out of ten",
                 "One of the best", "Five minutes late"):
        assert rating_label(text) is None, text
        assert answer_meaning(text, "neutral") is None, text


def test_a_rating_under_an_improve_prompt_keeps_its_reading_and_asks_for_nothing():
    classes = ["negative", "neutral", "positive"]
    out, flag = read_comments(np.full((2, 3), 1 / 3), classes, ["8/10", "10/10"], ["improve", "improve"])
    assert [classes[i] for i in out.argmax(axis=1)] == ["neutral", "positive"]
    assert flag.tolist() == [False, False]


@pytest.mark.parametrize("prompt", ["improve", "praise"])
def test_a_refusal_to_answer_is_neutral_under_any_prompt(prompt):
    """"No comment" declines to answer: not "nothing to improve" (positive), not "nothing was good"."""
    for text in ("No comment", "no comments.", "Prefer not to say", "pass"):
        assert answer_meaning(text, prompt) == "neutral", text
        assert not satisfied_answer(text), text
    assert answer_meaning("No comments, all good", "improve") == "positive"


def test_comparative_request_reads_negative_under_an_improve_prompt():
    classes = ["negative", "neutral", "positive"]
    # the model's reading of "Friendlier staff": praise-like words, so it leans positive
    proba = np.array([[0.1, 0.2, 0.7]])
    out, flag = read_in_context(proba, classes, ["Friendlier staff"], ["improve"])
    assert flag.tolist() == [True]
    assert classes[int(out.argmax())] == "negative"


@pytest.mark.parametrize(("text", "expected"), [
    ("Staff couldn't do enough for us", "positive"), ("The nurses could not do enough to help", "positive"),
    ("They couldnt do enough.", "positive"), ("Nobody could have done more", "positive"),
    ("No one could've done more for him", "positive"), ("I can't thank the team enough", "positive"),
    ("couldn't recommend them highly enough", "positive"), ("An absolute lifesaver", "positive"),
    ("They couldn't care less", "negative"), ("Staff couldn't be bothered", "negative"),
    ("Could not have been less helpful", "negative"),
    # controls: other meanings, and comments that turn are left to the model
    ("Couldn't do enough to make up for the mess", None), ("They couldn't do enough for us but the food was cold", None),
    ("I couldn't do anything", None), ("Could have done more to help", None), ("Great staff", None),
    ("My life savings are gone", None), ("I can't thank them enough, but the wait was awful", None),
    # short answers that are one set verdict
    ("Absolute scam.", "negative"), ("scam!", "negative"), ("What a con.", "negative"), ("Total rip-off", "negative"),
    ("Daylight robbery!", "negative"), ("Complete shambles.", "negative"), ("Utter farce", "negative"),
    ("Absolutely shocking.", "negative"), ("Money well spent.", "positive"), ("Worth every penny!", "positive"),
    ("Absolute legends", "positive"), ("Second to none", "positive"), ("Top notch.", "positive"),
    # controls: negated, asked, about something else, long, or turning
    ("Not a scam, genuine company.", None), ("No rip off here", None), ("Wasn't worth the money", None),
    ("Is this a scam?", None), ("Worth the money? No.", None), ("Scam emails every day", None), ("Con: pricey", None), ("Cowboys.", None),
    ("Not cheap but worth every penny", None), ("Pricey, but worth every penny", None),
    ("I thought it would be a rip off when I booked but honestly it was great value", None),
    # a bash of the rule (2026-12-06): other senses, conditions, retractions, quotes, mixed phrases
    ("Scam-free checkout, brilliant.", None), ("Warned me about a scam, thanks!", None),
    ("Scam alert feature is brilliant", None), ("Hilarious farce, great cast.", None),
    ("Absolutely shocking how good it was!", None), ("Loads of pros, barely a con.", None),
    ("Barely worth the money.", None), ("Worth the money if it worked.", None), ("Worth the money - NOT", None),
    ("Money well spent elsewhere next time.", None), ("'Money well spent' my foot.", None),
    ("Was it worth the money. Nope.", None), ("Absolute legends at ripping people off.", None),
    ("Top notch scam artists.", None), ("Absolute scam lol jk", None), ("Wasnt worth the money", None),
    ("It's a total rip off", "negative"), ("Absolutely shocking service.", "negative"),
    ("Money well spent", "positive"), ("TOP NOTCH", "positive"), ("Expensive. Worth every penny.", "positive"),
    # idioms a probe of sixty CX phrases found misread (2026-12-07): both presets read "Thanks for nothing."
    # as positive (the shared sets hold it in 19 texts, 18 labelled negative)
    ("Thanks for nothing.", "negative"), ("@united thanks for nothing", "negative"),
    ("Thank you for nothing. 5 hours in urgent care", "negative"), ("Not fit for purpose.", "negative"),
    ("The app isn't fit for purpose", "negative"), ("Zero stars if I could.", "negative"),
    ("Would give it no stars", "negative"), ("No stars.", "negative"), ("0 stars", "negative"),
    ("Doesn't do what it says on the tin", "negative"), ("Does what it says on the tin.", "positive"),
    ("Could not fault them.", "positive"), ("Can't fault the care my dad got", "positive"),
    ("Gutted.", "negative"), ("Absolutely fuming!", "negative"), ("Livid.", "negative"),
    ("Chuffed to bits.", "positive"), ("Well chuffed", "positive"),
    # controls: other senses, negated or turning
    ("You can't fault me for trying", None), ("Fit for purpose.", None), ("5 stars", None),
    ("No stars needed, it was fine", None), ("They gutted the kitchen", None), ("Not gutted at all", None),
    ("Can't fault the staff but the food was cold", None), ("Five stars, thanks for nothing else", None),
    # a wait read from its length (short texts and clauses; the fast model read "Long wait times" as positive)
    ("Long wait times", "negative"), ("but long wait", "negative"), ("long wait though", "negative"),
    ("Apart from the long wait", "negative"), ("The queue was far too long", "negative"),
    ("Waited too long", "negative"), ("Long queues at check-in", "negative"),
    ("Short wait", "positive"), ("No waiting", "positive"), ("Quick turnaround", "positive"),
    ("Lovely staff but long wait", None), ("Despite the long wait", None), ("Worth the long wait", None),
    ("No long queues", None), ("Wasn't a long wait", None), ("The wait was not long", None),
    ("Long wait, great doctor", None), ("Long wait?", None), ("No waiting room", None), ("Long line", None),
    # set phrases from a helper's blind probe of 254 short answers (2026-12-07)
    ("Hassle-free", "positive"), ("Worry-free returns", "positive"), ("Stress free", "positive"),
    ("Better than last time", "positive"), ("Cheaper than elsewhere", "positive"), ("On the ball", "positive"),
    ("Would recommend", "positive"), ("I would highly recommend it.", "positive"), ("Will order again", "positive"),
    ("Can't wait to come back", "positive"), ("Not too shabby", "positive"), ("We will be back.", "positive"),
    ("Room for improvement", "negative"), ("Needs work", "negative"), ("Gone downhill", "negative"),
    ("Good luck getting through", "negative"), ("Bit of a faff", "negative"), ("Like pulling teeth", "negative"),
    ("Worse than before", "negative"), ("Not as good as before", "negative"), ("Used to be better", "negative"),
    ("Pricier than competitors", "negative"),
    ("Not hassle-free", None), ("Better than expected, but slow", None), ("Would not recommend", None),
    ("Would recommend if it worked", None), ("I would recommend sizing up", None), ("Won't be back", None),
    ("Can't wait to return this", None), ("Good luck with your exams", None), ("I work from home", None),
    ("Never used to be better", None), ("Better than expected?", None),
    # a bash of this session's rules (2026-12-07): the rest of the comment, ratings, other senses
    ("Rated 5.0 stars, superb service", None), ("Fantastic hotel, lovely staff. Wifi gets zero stars.", None),
    ("I'd give the competitor zero stars, these guys are great", None),
    ("0 stars for the old app, 5 stars for the new one!", None),
    ("The reviews saying 'zero stars' are wrong, it's great", None), ("Would give it zero stars", "negative"),
    ("Not only fit for purpose, it's beautiful too", None), ("Thanks for nothing short of amazing service", None),
    ("Thanks for nothing being too much trouble", None), ("Thanks for nothing? No, thanks for everything!", None),
    ("Can't fault the food. Service was appalling, rude waiter, freezing room, never again", None),
    ("Garage couldn't fault the car so charged me 80 pounds for nothing", None),
    ("Doesnt do what it says on the tin", "negative"), ("Never does what it says on the tin", "negative"),
    ("Gutted to leave, best holiday ever", None), ("Gutted to go home!", None), ("Gutted, best holiday ever", None),
    ("Less than chuffed", None), ("Far from chuffed", None),
    ("Hassle-free delivery, rude driver", None), ("Better than last time, still awful", None),
    ("Far from hassle-free.", None), ("Little room for improvement", None), ("Top drawer broken on arrival", None),
    ("Top drawer sticks", None), ("Top drawer", "positive"), ("Will be back with a lawyer", None),
    ("I'd recommend", "positive"),
    ("Expected a long wait, there was none", None), ("Was dreading a long wait", None),
    ("Long waits are a thing of the past", None), ("No hold music, just silence for an hour", None),
    ("Prepared for a long wait.", None), ("Wait too long", "negative"), ("Queue too long", "negative"),
])
def test_idioms_whose_words_mislead(text, expected):
    assert idiom_label(text) == expected


def test_an_idiom_overrules_the_model_only_where_it_disagrees():
    classes = ["negative", "neutral", "positive"]
    p = np.array([[0.7, 0.2, 0.1], [0.05, 0.05, 0.9]])
    out, _ = read_in_context(p, classes, ["Staff couldn't do enough for us", "I can't thank them enough"],
                             ["neutral", "neutral"])
    assert out[0].argmax() == 2 and out[1].tolist() == pytest.approx(p[1].tolist())  # the confident reading kept


def test_phrase_rules_do_not_backtrack_on_long_repetitive_text():
    # "(?:a |an |...)*life ?saver" took 95 s on 100,000 characters of "a a a ... thanks for nothing"
    import time

    text = "a " * 20000 + "thanks for nothing"
    start = time.perf_counter()
    idiom_label(text)
    assert time.perf_counter() - start < 2.0
