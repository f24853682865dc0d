"""A small polarity word list for the clause split (:mod:`cxtext.clean.segment`).

The clause split cuts a sentence at a comma or a spaced dash when the parts on
either side praise and blame ("Great price, poor quality."). To tell, it needs to
know which words carry an opinion, and which way. This module is that list.

Where it comes from: written by hand for cxtext, for customer feedback (service,
staff, waiting, price, product, food, rooms, apps, delivery, fit of clothes), in
the word forms that comments use (``love``, ``loved``, ``loving``). It is not a
copy or a filtered extract of any published lexicon, and it holds no scores, only
a side. Two checks were made against an independent list, the VADER valences
(MIT licence): the signs were compared (three words differ on purpose: ``joke``,
``laughable`` and ``overwhelmed`` are blame here), and the frequent words of the
shared reviews and tweets that VADER scores were read through to find CX words
we had missed; the ones added were chosen and signed by hand.

What is left out, on purpose:

* words whose polarity depends on what they describe: ``cheap``, ``long``,
  ``short``, ``small``, ``big``, ``hot``, ``warm``, ``hard``, ``busy``, ``dry``,
  ``raw``, ``thin``, ``tight``, ``sheer``, ``fair`` (a long queue / a long dress);
* intensifiers and hedges (``very``, ``super``, ``pretty``, ``really``,
  ``incredibly``, ``kind of``) and courtesy or discourse words (``thanks``,
  ``please``, ``sorry``, ``well``, ``yes``, ``right``, ``dear``, ``honest``), so
  that "Thanks, great service", "To be honest, it was perfect" or "Terrible
  service, thanks" are not read as two opinions;
* ``like`` (a preposition as often as a verb) and ``help`` (a request).

A few nouns that name a CX complaint are negative (``wait``, ``queue``,
``delay``, ``problem``, ``issue``, ``hassle``): "no queue" and "no problems" are
then praise, and "Lovely staff, queue out the door" two opinions. This list is for
finding opinion boundaries, not for scoring sentiment: the models do that.
"""

from __future__ import annotations

__all__ = ["NEGATIVE", "NEGATORS", "POSITIVE"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Praise.
POSITIVE = _words("""
good great excellent amazing amazingly awesome fantastic fantastically brilliant brilliantly
wonderful wonderfully superb superbly outstanding exceptional exceptionally perfect
perfectly lovely nice nicely fab fabulous fine decent ok okay pleasant pleasantly terrific
incredible phenomenal stellar splendid marvellous marvelous magnificent exquisite impeccable
flawless flawlessly faultless seamless seamlessly painless effortless notch friendly helpful
polite courteous kind welcoming attentive professional professionally knowledgeable
efficient efficiently competent responsive caring generous accommodating cheerful
approachable considerate respectful sweet lovelier nicer friendlier quick quickly fast
speedy swift swiftly prompt promptly punctual smooth smoothly easy easily easier simple
convenient handy intuitive reliable dependable accurate accurately clear comfortable comfy
cosy cozy clean cleaner spotless tidy fresh tasty delicious yummy scrumptious flavourful
flavorful juicy tender crispy crisp authentic beautiful beautifully gorgeous stunning
elegant stylish chic cute adorable flattering soft spacious roomy bright airy peaceful
relaxing relaxed charming quaint romantic cool fun enjoyable affordable reasonable
reasonably genuine safe secure sturdy durable solid versatile worth worthwhile bargain gem
happy happier happiest glad pleased satisfied delighted thrilled impressed impressive
grateful love loved loves loving lovingly adore adored adores enjoy enjoyed enjoys enjoying
recommend recommended recommending recommendable favourite favorite fave best better
superior resolved helped praise kudos bravo excellence awesomeness perfection compliments
compliment complimented vibrant classy prettier cuter cutest attractive comfortably winner
bonus lucky luckily thankfully ideal useful neat acceptable positive liked
""")

#: Blame, and nouns that name a CX complaint.
NEGATIVE = _words("""
bad badly poor poorly terrible terribly awful horrible horribly horrendous horrid dreadful
dreadfully appalling appallingly atrocious abysmal shocking shockingly disgusting
disgraceful disgrace pathetic useless worst worse rubbish crap crappy lousy mediocre average
subpar meh shoddy shabby sloppy tacky cheaply flimsy substandard inferior bland tasteless
flavourless flavorless stale soggy greasy oily salty overcooked undercooked burnt burned
inedible cold lukewarm tepid mouldy moldy dirty filthy grubby grimy unclean smelly stinky
stinks stank stained sticky dusty noisy loud cramped crowded overcrowded uncomfortable itchy
scratchy unflattering frumpy boxy shapeless baggy rude unfriendly unhelpful impolite
arrogant dismissive condescending incompetent unprofessional clueless ignorant careless lazy
uncaring disrespectful obnoxious aggressive hostile grumpy miserable pushy rushed ignored
ignoring lied liars slow slowly slower sluggish late delayed delay delays delaying cancelled
canceled cancel cancellation cancellations overbooked stranded stuck lost missing misplaced
unanswered unresponsive unreachable unavailable disconnected broken broke damaged faulty
defective ruined wrong incorrect inaccurate misleading confusing confused complicated
difficult frustrating frustrated frustration annoying annoyed annoyance irritating
inconvenient inconvenience unreliable inconsistent disorganised disorganized chaotic messy
mess nightmare hassle hassles fuss ordeal fiasco nasty expensive overpriced pricey costly
extortionate unreasonable ripoff scam disappointing disappointed disappointment disappoint
disappoints letdown underwhelming underwhelmed unacceptable ridiculous ridiculously
outrageous laughable joke shame pity sadly unfortunately unfortunate sad unhappy upset angry
furious livid disgusted horrified appalled dissatisfied unsatisfied fuming hate hated hates
hating dislike disliked dislikes loathe avoid regret regretted complain complained
complaining complaint complaints problem problems problematic issue issues fault faults
faulted error errors bug bugs buggy glitch glitches glitchy crash crashes crashed crashing
fail fails failed failing failure waste wasted wasting wait waiting waited queue queues
queuing queueing suck sucks sucked sucky ugh smh worried worrying concern concerned
stressful stress painful tedious boring dull dated tired overwhelmed understaffed unsafe
dangerous downside drawback bummer mistake mistakes shocked disaster ugly unattractive odd
weird ruin ruins ruining trouble struggle struggled forced refused refuse lack lacks lacking
negative missed wtf
""")

#: Words that turn the polarity of an opinion word shortly after them ("not good",
#: "no problems", "never slow", "less oily", "wasn't helpful": spaCy splits "wasn't"
#: into "was" "n't", and "wasnt" into "was" "nt").
NEGATORS = _words("""
not n't nt never no without hardly barely nothing none nobody nowhere neither nor less
""")
