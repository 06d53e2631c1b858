"""The language of reported speech: tokens, and the English word lists the speaker rules read.

Kept apart from speakers.py, which applies the rules: this module only says what a token is
and which words are reporting verbs, titles, honorifics, clause words and the like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SET_OFF = frozenset(",—–-")
# A token: a run of initials ("U.S."), an abbreviated honorific or title with its period ("Rep."), a
# middle initial before a name ("John F. Kerry"), a word, or a sign.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:Mrs|Mr|Ms|Dr|Prof|Rep|Sen|Gov|Lt|Gen|Col|Sgt|Capt|Adm|Maj|Rev|Atty|Cmdr|Supt"
                    r"|Del|Cpl|Pvt|Det|Sens|Reps)\.(?=\s)|[A-Z]\.(?=\s+[A-Z])|\w+(?:[-'’]\w+)*|[^\w\s]")
# Runs of initials that are places and bodies, not a person's initials ("U.S. Rep. Anna Holm").
_ACRONYM_INITIALS = frozenset({"U.S.", "U.N.", "U.K.", "E.U.", "D.C.", "L.A.", "A.M.", "P.M."})
_PERSON_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}(?=\s+[A-Z][a-z])")
_PROSE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
# No caption, heading or credit runs longer than this (briefing.boilerplate.CAPTION_MAX_WORDS): a longer
# paragraph with a sentence end inside is prose whatever its tail, often a wire article without paragraph
# breaks that ends in its desk's initials ("... Interfax said. (ab/cd)").
PROSE_RUN_WORDS = 80
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?][\"'”’»)\]]*\s+[\"'“‘(]?[A-Z]")
PRONOUNS = {"he": "m", "she": "f"}
HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
               "miss": "f", "dame": "f", "lady": "f", "dr": "", "dr.": "", "prof": "", "prof.": ""}
# Reporting verbs. Those that are also common nouns (claim, note, call) only in verb-only forms.
SPEECH = frozenset("""say says said saying tell tells told telling write writes wrote writing written add adds
added adding insist insists insisted insisting argue argues argued arguing warn warns warned explain explains
explained explaining ask asks asked reply replies replied replying describe describes described describing accuse
accuses accused accusing urge urges urged urging suggest suggests suggested suggesting admit admits admitted declare
declares declared declaring stressed stressing emphasised emphasising emphasized emphasizing acknowledged
acknowledging announced announcing stated stating noted noting claimed claiming called calling posted tweeted
answered commented remarked recalled conceded complained predicted promised vowed pledged concluded confirmed denied
responded quipped joked alleged alleging characterised characterized dubbed branded labelled labeled termed hailed
praised criticised criticized demanded retorted countered shouted wondered boasted cautioned observed asserted
contended testified mused scoffed lamented reported whispered murmured exclaimed yelled snapped barked interjected
reiterated recounted elaborated grumbled griped thundered gushed sighed bemoaned decried asking answering
responding responds tweeting joking quipping complaining predicting promising vowing conceding recalling""".split())
# Verbs that report speech only in a clause right after a quote ('"...," Lund continued.',
# '"...?" Lund questioned.'); elsewhere they are nouns or mean something else ("the notes", "continued to").
# Present tense is a feature's and a profile's ('"...," Lund concedes.'): each of these is also a plural noun.
TRAILING_SPEECH = frozenset("""notes claims continued continues questioned reacted recalls states responds
counters repeated repeats acknowledges alleges announces answers asserts barks bemoans boasts cautions comments
complains concedes concludes confirms contends declares decries demands denies elaborates exclaims gripes grumbles
gushes interjects jokes laments marvels marvelled marveled murmurs muses observes pledges predicts promises quips
recounts reiterates remarks retorts scoffs shouts sighs snaps stresses testifies thunders vows whispers wonders
yells proclaimed proclaims bragged brags chided scolded opined mocked derided touted cracked confided ventured
""".split())
# Not these, common after a quote but as often a sentence of their own or a verb with an object in text
# without paragraph breaks ('"..." Lund disagreed.', 'The federation has offered 3 percent'): agreed,
# disagreed, offered, charged, maintained, mentioned, objected, protested, laughed, remembered.
# Two-word reporting verbs after a quote: '"...," Lund shot back', '"...," Lund went on'.
TRAILING_PARTICLES = {"shot": "back", "fired": "back", "went": "on", "pointed": "out", "chimed": "in"}
# Verbs that report speech only with their particle ("shoot back", "point out"), for the parse.
PARTICLE_LEMMAS = {"shoot": "back", "fire": "back", "point": "out", "chime": "in"}
# The same verbs as lemmas, for the dependency parse (briefing.attribution), with the stance
# verbs news uses for speech ("X estimated that there are '...'", "X bemoaned the '...'").
SPEECH_LEMMAS = frozenset("""say tell add write tweet post insist argue warn explain ask reply describe accuse urge
suggest admit declare stress emphasize emphasise acknowledge announce state note claim call answer comment remark
recall concede complain predict promise vow pledge conclude confirm deny respond quip joke allege
characterize characterise dub brand label term hail praise criticize criticise continue start press
estimate sing read testify assert contend maintain mention boast brag lament bemoan scoff bristle balk shout yell
chant cry tout recount observe offer issue counter retort cite quote proclaim muse wonder charge
blast slam dismiss mock question demand plead pray speak interrupt begin summarize summarise decry
deride rail thunder gush marvel concur reiterate repeat echo caution advise assure reassure inform
disclose reveal grumble snap fire hit attack blame chide scold exclaim whisper murmur opine pen
publish text email message report interject sigh bark""".split())
STOPWORDS = frozenset("""a an the this that these those it its is are was were be been being am has have had do does
did will would shall should can could may might must not no nor and or but if then so than too very of in on at by
for with from to into onto over under about after before during between against without within through across toward
towards as while when where which who whom whose what why how all any both each few more most other some such only
own same just also again even still yet there here we you he she they i me my our your his her their them us him one
ever never already out up down off further once despite among amid until since because although though whether per
via upon""".split())
# A name after one of these is an object, not the speaker ("in Abu Dhabi", "with Mr Putin").
PREPOSITIONS = frozenset("""in at on from with by to for near after before during between about against without
including into over under via among amid toward towards across behind beyond unlike""".split())
# Words that start a new clause: the speaker of a verb is never looked for across them.
CLAUSE = frozenset("""that and but while as after before because although though when whereas if since with without
so which where whom than until despite or nor yet""".split())
# A name after one of these is a place more often than a person ("in Abu Dhabi").
PLACE_PREPOSITIONS = frozenset("in at near into across from to toward towards outside inside".split())
CONTRAST = frozenset({"while", "whereas", "although", "though", ";"})
GROUP = frozenset({"including", "among", "both", "&"})
# Between a name and its verb only these may stand: "Zelensky also said", "he earlier accused".
ADVERBS = frozenset("""also earlier later has have had repeatedly again reportedly then previously once publicly
separately similarly too afterwards subsequently himself herself on this last yesterday today night morning evening
afternoon monday tuesday wednesday thursday friday saturday sunday""".split())
# Capitalised words that are titles, not names; lower-case, they end a learned title.
TITLES = frozenset("""president prime minister secretary chancellor senator sen governor gov mayor ambassador envoy
special chief general brigadier colonel lieutenant major captain admiral commander judge justice queen prince
princess pope sheikh deputy vice acting foreign defence defense interior finance spokesman spokeswoman spokesperson
director executive chairman chairwoman head leader speaker premier senior adviser advisor aide negotiator
representative official officer commissioner rep republican democrat democratic gop councillor councilor
councilman councilwoman alderman assemblyman assemblywoman congressman congresswoman lawmaker legislator
candidate nominee strategist analyst pollster professor economist activist rep. sen. gov. lt. gen. col. sgt.
capt. adm. maj. rev. atty. cmdr. supt. del. cpl. pvt. det. sens. reps. attorney principal superintendent sheriff
detective inspector sergeant
bishop archbishop rabbi host anchor coach manager owner founder author actor actress singer reporter correspondent
columnist editor publisher lawyer pastor priest chef producer novelist playwright poet composer physician surgeon
epidemiologist biologist scientist researcher historian astronaut""".split())
# Nouns a name can modify: "the Trump campaign said" is the campaign, not Trump.
ATTRIBUTIVE_HEADS = frozenset("""campaign administration team camp aides aide staff spokesman spokeswoman
spokesperson allies supporters officials family lawyers lawyer government foundation organization campaign's
administration's""".split())
# Capitalised words that never belong to a person's name (organisations, days, places).
NOT_NAMES = frozenset("""press news agency ministry office council committee party union government house
department times post journal army navy forces force brigade battalion command guard police court parliament
assembly senate congress commission institute university bank group company corporation network service authority
organisation organization association federation foundation fund centre center media radio television channel daily
star herald tribune telegraph guardian mail monday tuesday wednesday thursday friday saturday sunday january
february september october november december north south east west new united republic kingdom states federal
national international democrats republicans conservatives liberals progressives voters americans administration
campaign academy hospital school college laboratory laboratories society chamber several many others another every two
three four five none neither either""".split())
# Words that make a capitalised name an organisation that can speak ("the Security Council said",
# "Fox News reported"); plural groups ("Democrats") and places are not among them.
ORGANISATION_WORDS = frozenset("""press news agency ministry office council committee party union government house
department army navy police court parliament assembly senate congress commission institute university bank group
company corporation network service authority organisation organization association federation foundation fund
centre center media radio television channel daily times post journal star herald tribune telegraph guardian
league coalition alliance board bureau caucus chamber""".split())
# Acronyms that are titles or parties, not organisations that speak ("Trump's potential VP said").
NOT_ORGANISATIONS = frozenset({"VP", "CEO", "CFO", "COO", "MP", "MEP", "DA", "AG", "GOP", "PM", "OK", "TV"})
# Nouns for a text someone issues: "Clinton's statement said", "the IMF report stated" speak for their author.
DOCUMENT_NOUNS = frozenset("""report statement release letter memo filing website ad advertisement email tweet
document study analysis editorial transcript video""".split())
PARTICLES = frozenset("von van der den de da di du del della dos das bin ibn al el le la".split())  # in names
# Generational suffixes, read as no part of a name (an upper-case "II" would otherwise end it).
NAME_SUFFIXES = frozenset({"II", "III", "IV"})
FORMER = frozenset({"former", "ex", "late", "then", "previous", "acting", "a", "an", "another", "one"})
# Capitalised words never part of a name: "Said Ellis:", "Former Pennsylvania governor Ed Rendell",
# sentence adverbs ("Later Lund said").
NOT_IN_NAME = STOPWORDS | TITLES | frozenset(HONORIFICS) | SPEECH | FORMER | frozenset(
    "later earlier meanwhile afterwards separately similarly previously like unlike".split())  # "Later Lund said",
# "Like Lund, ...": a sentence's first word capitalised by its place, no part of the name

# Lower-case words after a name that do not make it a modifier of a noun: adverbs and clause words
# ("Tom Lund himself", "Tom Lund of the union", "Tom Lund and others").
MODIFIER_EXCEPTIONS = ADVERBS | STOPWORDS | PREPOSITIONS | CLAUSE | SPEECH | frozenset(
    "tonight tomorrow first last alone".split())
# Party labels that end a description ("the Halden Republican"), never a name.
PARTY_TITLES = frozenset("republican democrat".split())
# Two-word reporting frames anywhere: "according to X", "as X put it", 'X shot back, "..."'
# (not "went on": before a quote it is as often "went on to win").
PHRASAL_SPEECH = frozenset({("according", "to"), ("put", "it"), ("shot", "back"), ("fired", "back"),
                            ("pointed", "out"), ("chimed", "in")})
# Relative words that open a clause after a reporting verb's own quote ("..., at which point ...").
RELATIVES = frozenset("which where whereupon".split())
# Words of a bare reporting clause: before its verb (with names), and opening what may follow it
# ("Lund, the mayor, said in a statement.", not "Lund said about 20 people ...").
SUBJECT_WORDS = TITLES | frozenset(HONORIFICS) | frozenset(PRONOUNS) | frozenset("the a an also then".split())
SETTING_WORDS = frozenset("in on at during after before from of to while when as via through".split())
# Nouns that end in -ly, never adverbs before a reporting verb ("the Lund family said").
LY_NOUNS = frozenset("family ally rally assembly supply bully anomaly monopoly homily lily belly jelly folly".split())
# Subject pronouns of no one person: a name after them in the clause is their verb's object.
UNNAMED_SUBJECTS = frozenset("it they we i you".split())
# Reporting verbs whose object is the listener ("Lund told reporters.").
LISTENER_VERBS = frozenset("told tells asked".split())


@dataclass(frozen=True, slots=True)
class Token:
    """A word or sign of a sentence; a whole quotation is one token (quote >= 0)."""

    text: str
    quote: int = -1

    @property
    def low(self) -> str:
        """Lower case, curly apostrophes straightened."""
        return self.text.lower().replace("’", "'")

    @property
    def word(self) -> bool:
        """A word (letters or digits), not a sign or a quotation."""
        return self.quote < 0 and self.text[0].isalnum()

    @property
    def capital(self) -> bool:
        """A capitalised word."""
        return self.word and self.text[0].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words and signs of text[start:end]; a generational suffix after a name is left out
    ("Vann R. Newkirk II, a writer, said" reads as "Vann R. Newkirk, a writer, said")."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        if word in NAME_SUFFIXES and out and out[-1].capital:
            continue
        if word == "." and out and out[-1].text in ("Jr", "Sr"):
            out.pop()  # "King Jr." : the suffix and its period
            continue
        if word[1:2] == "." and word not in _ACRONYM_INITIALS and _PERSON_INITIALS.match(text, m.start()):
            out += [Token(c + ".") for c in word[::2]]  # "G.K. Butterfield": two initials, as "G. K."
            continue
        out.append(Token(word))
    return out


def is_prose(paragraph: str) -> bool:
    """A paragraph that ends like a sentence, or runs on past sentences (captions, headings and credits do not)."""
    if _PROSE_END.search(paragraph):
        return True
    long = len(paragraph.split(maxsplit=PROSE_RUN_WORDS)) > PROSE_RUN_WORDS
    return long and _SENTENCE_INSIDE.search(paragraph) is not None
