"""Step cues: how strongly a sentence announces what happens next, read clause by clause.

Each sentence is scored with generic cues of English news prose. A clause needs a *core* cue of
the future: a scheduling construction ("is set to", "would be held", "are to discuss", "plans to",
"threatened to"), a future modal ("will", "would" + an action verb), a future time expression
("next week", "soon", "later this month", "by Friday", a date after the article's date), a
deadline or an "unless" ultimatum. Forward-looking phrases ("a new round", "future talks", "for
review") and scheduling nouns (talks, round, exchange, monitoring...) only add to a core cue.
A clause cancels when it reports what already happened ("the talks ended", "earlier this year",
"considered how ..."), denies the step ("did not provide a timeline"), assesses rather than
schedules ("described the talks as ...", "the day was 'intensive'", "hopes", "believes"), or is a
hypothetical ("would be rejected if ...") with nothing but a modal behind it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from briefing.timephrases import DAY, MONTH, MONTH_DAY, WEEKDAY_AHEAD, normal, straight, upcoming

# Cue weights. A scheduling construction alone makes a next step; a future modal or time
# expression needs a second cue or a scheduling noun; forward phrases and nouns never do alone.
SCHEDULE_WEIGHT = 2.0
WILL_WEIGHT = 1.5        # "will", "going to": a definite future
MODAL_WEIGHT = 1.0       # "would", "could", "might": reported or conditional future
TIME_WEIGHT = 1.5        # "next week", "soon", "by Friday", a deadline, "unless ..."
FORWARD_WEIGHT = 1.0     # "a new round", "future talks", "for review"
NOUN_WEIGHT = 0.5        # talks, round, exchange... (counted only in a forward-looking clause)
MAX_NOUNS = 2            # a list of nouns is not more future than two of them
# A completed event or past time in the clause ("ended", "earlier this year") outweighs one strong cue.
PAST_PENALTY = 2.5
# An assessment or opinion ("described as", "hopes") outweighs a modal but not a firm schedule.
ASSESS_PENALTY = 2.0
# Score a clause needs: one scheduling construction, or a future cue plus a scheduling noun.
MIN_SCORE = 2.0

_NOUNS = (r"talks|rounds?|meetings?|summit|exchanges?|prisoners?|visits?|vote|referendum|review|sessions?|"
          r"negotiations?|monitoring|monitored|monitors?|ceasefire|truce|proposals?|consultations|"
          r"signing|elections?|hearings?|ballot|strike|deal|agreement|budget|bill|trial|verdict|plan")
# Verbs of an action someone takes at a time: "would present", "will vote" announce an event.
_ACTIONS = (r"present|announce|submit|release|meet|vote|decide|sign|hold|send|visit|travel|unveil|introduce|"
            r"file|issue|publish|deliver|testify|appear|propose|respond|return|resume|convene|reconvene|"
            r"begin|start|open|launch|hear|rule|debate|discuss|join|attend|host|ask|name|appoint|nominate|"
            r"arrive|take\s+part|hand\s+over|expire|review|negotiate|hire|pay|escort|assess|try|urge|stage|fly|"
            r"build|extend|investigate|inspect|push|continue|seek|bring\s+in|set\s+up|sue|lead(?!\s+to\b)")

# "The aim is to end the war" states a purpose, not a schedule ("the delegations are to discuss").
PURPOSE_NOUNS = ("aim", "goal", "purpose", "objective", "task", "idea", "point", "priority", "hope", "intention",
                 "mission", "job", "role", "alternative", "option", "answer", "solution", "strategy", "tactic",
                 "tack", "trick", "way", "choice", "effect", "result", "function")
_PURPOSE = "".join(rf"(?<!\b{w}\s)" for w in PURPOSE_NOUNS)


@dataclass(frozen=True, slots=True)
class Cue:
    """A forward-looking (or, with a negative weight, cancelling) pattern, its weight and class."""

    name: str
    pattern: re.Pattern[str]
    weight: float
    core: bool = True
    modal: bool = False  # of the modal cues ("will act", "will", "would") only the strongest counts
    reported: bool = False  # "would" + action: a step only in reported speech ("he said they would meet")


def _cue(name: str, pattern: str, weight: float, core: bool = True, modal: bool = False,
         reported: bool = False) -> Cue:
    return Cue(name, re.compile(pattern), weight, core, modal, reported)


CUES = (
    # "is set to take place"; not a state ("is expected to be the focus") nor a forecast ("will be expected to").
    # "They can be expected to object": a modal before "be" tells what is likely in general, no schedule.
    _cue("scheduled", r"(?<!\bwill\s)(?<!\bwould\s)(?<!\bcan\s)(?<!\bcould\s)(?<!\bmay\s)(?<!\bmight\s)"
         r"(?<!\bmust\s)(?<!\bshould\s)\b(?:is|are|be|been|'s|'re)\s+(?:also\s+|still\s+|now\s+)?"
         r"(?:set|scheduled|due|expected|slated|planned|poised)\s+(?:to|for)\b"
         r"(?!\s+be\s+(?!held\b|[a-z]+ed\b|[a-z]+en\b))", SCHEDULE_WEIGHT),
    # "were scheduled to end on Sunday": as often a plan that already happened (or fell through).
    _cue("was scheduled", r"\b(?:was|were)\s+(?:also\s+|still\s+)?(?:set|scheduled|due|expected|slated|planned|"
         r"poised)\s+(?:to|for)\b", FORWARD_WEIGHT, core=False),
    _cue("will happen", r"\b(?:will|shall|'ll)\s+(?:\w+\s+)?(?:be\s+held|take\s+place|resume|reconvene|convene)\b",
         SCHEDULE_WEIGHT, modal=True),
    _cue("will act", rf"\b(?:will|shall|'ll)\s+(?:\w+ly\s+)?(?:{_ACTIONS})\b", SCHEDULE_WEIGHT, modal=True),
    # "would" + an action is a step when someone said so ("Klebanov said a contract would be signed");
    # in the reporter's own words it describes a hypothetical ("suppliers would deliver the parts").
    _cue("would happen", r"\bwould\s+(?:\w+\s+)?(?:be\s+held|take\s+place|resume|reconvene|convene)\b",
         SCHEDULE_WEIGHT, modal=True, reported=True),
    _cue("would act", rf"\bwould\s+(?:\w+ly\s+)?(?:{_ACTIONS})\b", SCHEDULE_WEIGHT, modal=True, reported=True),
    # "will be broadened": something will be done; not a state ("will be able", "will be needed").
    _cue("will be done", r"\b(?:will|shall)\s+(?:\w+ly\s+)?be\s+(?!able\b|used\b|based\b|worried\b|surprised\b|"
         r"interested\b|pleased\b|disappointed\b|concerned\b|tired\b|forced\b|needed\b|required\b|covered\b|"
         r"affected\b|involved\b|modeled\b|modelled\b|entitled\b|allowed\b|expected\b|determined\b|"
         r"limited\b|owned\b)[a-z]+(?:ed|en|wn)\b", SCHEDULE_WEIGHT, modal=True),
    _cue("would be done", r"\bwould\s+(?:\w+ly\s+)?be\s+(?!able\b|needed\b|required\b|covered\b|affected\b|"
         r"modeled\b|entitled\b)[a-z]+(?:ed|en|wn)\b", SCHEDULE_WEIGHT, modal=True, reported=True),
    # "a ruling is expected early next week", "the appeal, scheduled to be heard on May 11".
    _cue("expected when", r"\b(?:is|are)\s+expected\s+(?:\w+\s+)?(?:next|this|later|on|in|by|within|early|soon|"
         r"shortly)\b|\bscheduled\s+(?:a|an)\b", SCHEDULE_WEIGHT),
    # "the appeal, scheduled to be heard on May 11": a reduced relative, as often of a past plan.
    _cue("scheduled for", r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bis\s)(?<!\bare\s)\bscheduled\s+(?:to|for)\b", FORWARD_WEIGHT,
         core=False),
    # "The injunction expires at 4 p.m. Wednesday": a present tense that schedules; "Their day starts at
    # 8 a.m." without a day is a habit.
    _cue("begins on", rf"\b(?:expires|begins|starts|opens|closes|resumes|convenes|takes\s+effect|"
         rf"goes\s+into\s+effect)\s+(?:at\s+[^,.;]{{0,24}}\b(?:{DAY}|today|tonight|tomorrow)|on|in|next|this|{DAY}|"
         rf"{MONTH})\b", SCHEDULE_WEIGHT),
    # "postponed until Friday a deadline", "extended the deadline for 24 hours".
    _cue("postponed", r"\b(?:postponed|extended|delayed|pushed\s+back)\s+(?:\w+\s+){0,3}?(?:deadline|until)\b",
         TIME_WEIGHT),
    # "the delegations are to discuss"; not "it is to say", "the appeal is to the court".
    _cue("is to", r"(?=\b(?:is|are)\b|'s\b|'re\b)" + _PURPOSE
         + r"(?<!\bit\s)(?:\bis|\bare|'s|'re)\s+(?:also\s+|still\s+)?to\s+"
         r"(?!blame\b|say\b|be\s+seen\b|be\s+\w+ed\s+as\b|the\b|a\b|an\b|his\b|her\b|its\b|their\b|this\b|that\b)"
         r"[a-z]+", SCHEDULE_WEIGHT),
    # "He said the delegations were to discuss ...": reported speech of "are to"; a bare "was to"
    # ("one of its first moves was to cancel the freeze") tells what was done.
    _cue("said were to", r"\b(?:said|says|told\s+\w+|announced|added)\s+(?:that\s+)?(?:[\w']+\s+){0,6}?(?:was|were)\s+"
         r"(?:also\s+|still\s+)?to\s+(?!be\s+\w+ed\s+as\b)[a-z]+", SCHEDULE_WEIGHT),
    _cue("was to", r"\b(?:was|were)\s+(?:also\s+|still\s+)?to\s+(?!be\s+\w+ed\s+as\b)[a-z]+", FORWARD_WEIGHT,
         core=False),
    # A plan, promise or threat of an action ("plans to ballot"), not of a state ("intend to be law-abiding").
    # "the blaze that threatened to engulf the tanks": a relative "that"/"which" is a thing's, no party's plan;
    # "attacked him for pledging to ...": a gerund after a preposition tells why, not what comes.
    _cue("plans to", r"(?=\b(?:plan|intend|decides|promis|pledg|vow|threat|is|are|was|were))"
         r"(?<!\bthat\s)(?<!\bwhich\s)(?<!\bfor\s)(?<!\bof\s)(?<!\bafter\s)(?<!\bover\s)"
         r"(?<!'s\s)(?<!\bthe\s)(?<!\ba\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)(?<!-)"
         r"\b(?:plans?|intends?|decides|promised|promises|promising|pledged|pledges|"
         r"pledging|vowed|vows|vowing|threatened|threatens|threatening|(?:is|are|was|were)\s+planning)\s+to\b"
         r"(?!\s+be\b)|\bpromis(?:ed|es|ing)\s+(?:a|an|new|more|further)\b", SCHEDULE_WEIGHT),
    _cue("demanded by", r"\bdemand(?:s|ed)?\s+that\b.*\bby\b", TIME_WEIGHT),
    # "will" the verb, not "God's will" or "the will of the people".
    _cue("will", r"(?<!'s\s)(?<!the\s)(?<!free\s)\b(?:will|shall)\b(?!\s+(?:not|never|of)\b)|'ll\b|"
         r"\bgoing\s+to\b", WILL_WEIGHT, modal=True),
    # "could", "might", "may" tell what is possible, not what is to happen: no cue at all.
    _cue("would", r"\bwould\b(?!\s+(?:not|never|have)\b)", MODAL_WEIGHT, modal=True),
    _cue("next", rf"\bnext\s+(?:week|month|year|{DAY})\b", TIME_WEIGHT),
    # "shortly after his return", "soon after the vote" tie a time to another event: no step.
    _cue("soon", r"\b(?:soon|tomorrow|upcoming|shortly)\b(?!\s+(?:after|before|afterwards?)\b)", TIME_WEIGHT),
    _cue("later", r"\blater\s+(?:this|next)\s+(?:week|month|year)\b|\bin\s+the\s+coming\s+(?:days|weeks|"
         r"months)\b|\bwithin\s+(?:days|weeks|months|a\s+week|a\s+month)\b", TIME_WEIGHT),
    # "by Friday" is a deadline; "caused by Tuesday's earthquake" names a past event by its day.
    _cue("by when", rf"\bby\s+(?:{WEEKDAY_AHEAD}|(?:{MONTH})\b(?!'s\b)|the\s+end\s+of\b|next\b)", TIME_WEIGHT),
    # A deadline schedules when it has a date ("a June 30 deadline"); "beat the deadline" does not.
    _cue("deadline", r"\bdeadline\b", FORWARD_WEIGHT, core=False),
    _cue("dated deadline", rf"\b(?:{MONTH}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+\d{{1,2}}\s+"
         r"(?:\w+\s+)?deadline\b", TIME_WEIGHT),
    # "on Friday", "by March 3": a date in the clause, not the day something was said ("said Monday").
    _cue("on a day", rf"(?<!said\s)(?<!told\s)(?<!announced\s)\b(?:on|by|until|before|from)\s+(?:{WEEKDAY_AHEAD}|"
         rf"(?:{MONTH})\s+\d)", FORWARD_WEIGHT, core=False),
    _cue("unless", r"\bunless\b", TIME_WEIGHT),
    _cue("for review", r"\b(?:for|pending)\s+(?:\w+\s+)?(?:review|approval|consideration|signature|"
         r"ratification)\b", FORWARD_WEIGHT, core=False),
    _cue("new round", rf"\b(?:new|another|further|next|fresh)\s+(?:{_NOUNS})\b|"
         rf"\bfuture\s+(?:{_NOUNS})\b", FORWARD_WEIGHT, core=False),
)
PAST = (
    _cue("past time", rf"\b(?:yesterday|ago|last\s+(?:week|month|year|night|{DAY})|"
         r"earlier\s+(?:this|last)\s+(?:week|month|year)|earlier\s+today)\b", -PAST_PENALTY),
    _cue("completed", r"\b(?:ended|began|concluded|broke\s+(?:up|down)|collapsed|took\s+place|was\s+held|"
         r"were\s+held|lasted|finished|wrapped\s+up|had\s+been|was\s+signed|were\s+signed|missed|"
         r"(?:was|were)\s+(?:planning|intending|hoping)|had\s+(?:planned|intended|hoped))\b",
         -PAST_PENALTY),
    # "considered how a ceasefire might be monitored": the discussion happened; the future is its topic.
    _cue("discussed how", r"\b(?:considered|discussed|debated|explored|examined|studied|weighed|looked\s+at)"
         r"\s+(?:\w+\s+){0,3}?(?:how|whether|what|ways?|options?)\b", -PAST_PENALTY),
)
ASSESSMENTS = (
    # "The alternative for most riders is to take the night bus": a purpose or option, however worded.
    _cue("purpose", rf"\b(?:{'|'.join(PURPOSE_NOUNS)})s?\s+(?:[\w']+\s+){{1,5}}?(?:is|are|was|were)\s+to\b",
         -ASSESS_PENALTY),
    _cue("described as", r"\b(?:described|describes|describing|characteri[sz]ed|called|termed|hailed|branded|"
         r"labelled|labeled)\b.*\bas\b", -ASSESS_PENALTY),
    _cue("was 'quoted'", r"\b(?:is|are|was|were|been|be)\s+(?:\w+\s+)?[\"“']", -ASSESS_PENALTY),
    _cue("opinion", r"\b(?:hopes?|hoped|hoping|believes?|believed|thinks?|thought|feels?|felt|fears?|feared|"
         r"doubts?|doubted|worried|concerns?|optimistic|pessimistic|confident|predicted|predicts|warned|warns|"
         r"contends?|contended|argues?|argued|seems?|seemed|appears?|appeared|pleased|unlikely|probably|perhaps|warning|"
         r"possibly|warning|shocked|surprised|nervous|analysts?|economists?|experts?|observers?|critics?)\b",
         -ASSESS_PENALTY),
    _cue("uncertain", r"\b(?:unclear|not\s+clear|far\s+from\s+clear|hard\s+to\s+(?:see|say|tell)|remains\s+to\s+be\s+"
         r"seen|(?:remains?|is|was)\s+in\s+question|whether|likelihood|chances?|possibility|prospects?|"
         r"(?:refused|declined|unwilling)\s+to\s+(?:say|discuss|comment|specify|disclose)|"
         r"(?:n't|\bnot|\bnever)\s+(?:said|say|announced|disclosed|specified|decided))\b", -ASSESS_PENALTY),
)
# Opinions and doubts govern the clauses after them ("I would hope that the law would be followed").
GOVERNING = frozenset({"opinion", "uncertain"})
# "Oxygen could run out by Friday": a forecast of how things go, not a step anyone takes.
FORECAST = _cue("forecast", r"\b(?:will|would|could|may|might|likely\s+to|expected\s+to|set\s+to)\s+(?:\w+ly\s+)?"
                r"(?:be\s+)?(?:run\s+(?:out|to|into)|last|rise|fall|drop|increase|decrease|decline|grow|shrink|"
                r"remain|worsen|improve|exceed|cost|total|have\s+\w+ed|be\s+exhausted|be\s+difficult|"
                r"be\s+impossible|be\s+lost|"
                r"be\s+better|be\s+worse)\b", -ASSESS_PENALTY)
NOUN = re.compile(rf"\b(?:{_NOUNS})\b")
# The words every core cue needs: a sentence with none of them scores 0 without clause-by-clause work.
ANY_CORE = re.compile(r"\b(?:will|shall|would|set|scheduled|due|expected|slated|planned|poised|plans?|intends?|decides|"
                      r"promis\w*|pledg\w*|vow\w*|threat\w*|soon|tomorrow|upcoming|shortly|next|later|coming|within|by|"
                      r"deadline|unless|expires|begins|starts|opens|closes|resumes|convenes|takes|goes|postponed|"
                      r"extended|delayed|pushed|going|demand\w*|to)\b|'ll\b")
# A clause that denies the step ("did not provide a timeline for the next meeting") announces nothing.
NEGATION = _cue("negated", r"\b(?:did|does|do|has|have|had|is|are|was|were)\s+not\b|\bn't\b|\bwithout\b|"
                r"\bno\s+(?:timeline|date|schedule|plans?)\b|\bnot\s+yet\b|\bnever\b|\b(?:cancel+ed|abandoned|scrapped|"
                r"shelved|dropped)\s+(?:\w+\s+)?(?:plans?|talks|meeting|visit)\b", -PAST_PENALTY)
# "In April, the EU threatened to ...": a sentence that opens on a past date tells of an old plan.
PAST_OPENER = re.compile(rf"^(?:in|on|since|by)\s+(?:{MONTH}|{DAY}|\d{{4}})\b[^,]{{0,12}},\s+(?:[\w']+\s+){{1,5}}?"
                         r"[a-z]+ed\b")
# The cues a time phrase carries by itself.
TIME_CUES = frozenset({"by when", "next", "soon", "later", "dated deadline", "on a day", "unless"})
# "By Wednesday night, according to a count, 300 bodies had been found": a clause that is only a time
# phrase has no verb of its own; it is scored with the rest of its sentence, whose tense tells whether
# the time is ahead ("... the count will be final") or looked back on.
TIME_ONLY = re.compile(rf"^\s*(?:on|by|until|before|from)\s+(?:{DAY}|{MONTH}|the\s+end\s+of)\b[\w\s.]{{0,24}}$")
# "One new tack, according to a draft I've seen, is to show ...": the first person outside a quotation is a
# columnist's own voice, an argument about what others intend, not a step the news reports.
# Case counts: "US officials" is no "us".
WRITER = re.compile(r"(?<![\w'])(?:I|I'(?:ve|m|d|ll)|[Ww]e|us|[Oo]ur|[Mm]y|me)(?![\w'])")
QUOTED = re.compile(r'"[^"]*"')
# "We will strike on Monday, the union said": quotation marks lost, the first person is still reported.
SPOKEN = re.compile(r"\b(?:said|says|told|tells|added|stated|declared|insisted|announced)\b")
# Verbs that report what someone said: "would" after them is a reported future.
REPORTED = re.compile(r"\b(?:said|says|say|told|announced|announces|added|confirmed|promised|pledged|stated|"
                      r"declared|insisted|according\s+to)\b")
# "would be rejected if ...": a hypothetical; only a modal looks forward in it.
HYPOTHETICAL = re.compile(r"\b(?:if|any|whether)\b")
# A condition ("we'll introduce a rule if it is necessary") weakens a modal's step; a threat or
# promise ("threatened to strike if ...") and "unless" are ultimatums, steps in their own right.
CONDITION = re.compile(r"\bif\b")
# "it would send the wrong message", "which would allow": an impersonal subject's modal is a consequence.
IMPERSONAL = re.compile(r"(?:^|\b(?:because|since|and|but)\s+)(?:it|this|that|which|such\s+\w+)\s+"
                        r"(?:will|would|could|might|may)\b|\b(?:which|that)\s+(?:will|would|could|might|may)\b")
CONDITION_PENALTY = 1.0
# Scheduling nouns that name the same kind of event: one outlet's "another round of talks" is
# another's "further rounds"; "be held" and "take place" are one verb.
EVENT_WORDS = (
    ("eventmeeting", r"talks|rounds?|meetings?|negotiations?|sessions?|summit|consultations|discussions"),
    ("eventexchange", r"exchanges?|swaps?"),
    ("eventceasefire", r"ceasefire|truce"),
    ("eventmonitoring", r"monitoring|monitored|monitors?"),
    ("eventvote", r"vote|referendum|elections?|ballot"),
    ("eventhappen", r"be\s+held|take\s+place|took\s+place|held"),
    ("eventnew", r"new|another|further|fresh"),
)
KINDS = [(kind, re.compile(rf"\b(?:{words})\b")) for kind, words in EVENT_WORDS]
# Scheduling words every kind of step uses ("take place", "new"): they name no kind of event.
GENERIC_KINDS = frozenset({"eventhappen", "eventnew"})
# Clause boundaries: punctuation, and conjunctions that start a new finite clause.
# "demanded that ... by Monday" stays one clause: the demand and its deadline belong together.
# A relative "that threatened to ..." stays in its clause, where the "plans to" cue reads it as a thing's.
_CLAUSE = re.compile(r"[,;:—–]\s+|\s+(?:and|but|while|as|although|because|whereas|when)\s+|"
                     r"(?<!demand)(?<!demands)(?<!demanded)(?<!insisted)\s+that\s+(?!threat)")

@dataclass(frozen=True, slots=True)
class Cued:
    """A sentence's most forward-looking clause and its cue score."""

    clause: str
    score: float


def clauses(text: str) -> list[str]:
    """The clauses of a sentence (rough: split at punctuation and clause-opening conjunctions)."""
    return [c for c in _CLAUSE.split(normal(text)) if c.strip()]


def clause_score(clause: str, reference: date | None = None, conditional: bool = False,
                 reported: bool = True) -> float:
    """Cue score of one clause: core future cues, then the rest once it looks forward, minus cancellers."""
    found = [c for c in CUES if c.pattern.search(clause)]
    core = [c for c in found if c.core]
    # "will close the bridge on January 12" in an article of December: a future verb means next January.
    dated = reference is not None and upcoming(clause, reference, roll=bool(core))
    if not core and not dated:
        return 0.0
    if HYPOTHETICAL.search(clause) and all(c.name == "would" for c in core) and not dated:
        return 0.0
    modal = max((c.weight if reported or not c.reported else MODAL_WEIGHT for c in found if c.modal), default=0.0)
    future = modal + sum(c.weight for c in found if not c.modal) + (TIME_WEIGHT if dated else 0.0)
    firm = dated or any(c.core and not c.modal for c in found) or modal >= SCHEDULE_WEIGHT
    nouns = min(MAX_NOUNS, len(NOUN.findall(clause))) * NOUN_WEIGHT if firm else 0.0
    if not firm:  # forward phrases ("the next round") back a firm cue; they do not make a modal one
        future -= sum(c.weight for c in found if not c.core)
    against = sum(c.weight for c in (*PAST, *ASSESSMENTS, NEGATION, FORECAST) if c.pattern.search(clause))
    weakened = (conditional or CONDITION.search(clause) or IMPERSONAL.search(clause)) and all(c.modal for c in core)
    return future + nouns + against - (CONDITION_PENALTY if weakened else 0.0)


@lru_cache(maxsize=1 << 16)
def cue_score(text: str, reference: date | None = None) -> Cued:
    """The best clause of a sentence and its score (0 when nothing looks forward)."""
    best = Cued(text, 0.0)
    low = normal(text)
    if not ANY_CORE.search(low) and not (reference is not None and MONTH_DAY.search(low)):
        return best  # no core cue anywhere: most sentences of a day's news stop here
    if PAST_OPENER.search(low) or in_writers_voice(text):
        return best
    conditional = CONDITION.search(low) is not None
    reported = REPORTED.search(low) is not None
    governed = 0.0
    parts = clauses(text)
    for k, clause in enumerate(parts):
        if TIME_ONLY.match(clause):
            score = timed_score(parts[k:], reference, conditional, reported) - governed
        else:
            score = clause_score(clause, reference, conditional, reported) - governed
        if score > best.score:
            best = Cued(clause, score)
        if any(c.name in GOVERNING and c.pattern.search(clause) for c in ASSESSMENTS):
            governed = ASSESS_PENALTY
    return best


def timed_score(parts: list[str], reference: date | None, conditional: bool, reported: bool) -> float:
    """Score of a lone time phrase with the clauses after it: 0 unless they hold a future cue of their own."""
    rest = " ".join(parts[1:])
    if not any(c.core and c.name not in TIME_CUES and c.pattern.search(rest) for c in CUES):
        return 0.0  # "By Tuesday, the staff were already adjusting": the time is looked back on
    return clause_score(" ".join(parts), reference, conditional, reported)


def in_writers_voice(text: str) -> bool:
    """True when the first person speaks outside quotations and no one is said to speak: a columnist's voice."""
    unquoted = QUOTED.sub(" ", straight(text))
    return WRITER.search(unquoted) is not None and SPOKEN.search(unquoted) is None


def step_clause(text: str) -> str | None:
    """The clause that announces a next step, or None when the sentence announces none."""
    cued = cue_score(text)
    return cued.clause if cued.score >= MIN_SCORE else None


def event_text(clause: str) -> str:
    """The clause with scheduling words replaced by the kind of event they name."""
    for kind, pattern in KINDS:
        clause = pattern.sub(kind, clause)
    return clause
