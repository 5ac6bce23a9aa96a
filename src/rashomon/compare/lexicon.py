"""Lexicons for questions and disagreements, kept as data so analysts can extend them.

No NLI/contradiction model ships on PyPI (checked: none with weights), so incompatibility is
read from the text: the question a claim answers is the *frame* whose terms it uses most, and
opposite answers are either opposite predicate sets within a frame, a denial, or a negation.
Terms are lower-case word prefixes ("tortur" matches tortured, torture, torturing); a term with
a space is matched as a phrase of prefixes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    name: str
    summary: str  # "{target}" is replaced by the most named participant of the question
    terms: tuple[str, ...]
    opposed: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (position label, terms) pairs
    priority: int = 1  # breaks ties between frames with equal hits
    targets: tuple[str, ...] = ("PERSON", "NORP")  # entity labels naming what it is about, in order
    fallback: str = "them"  # the target when no entity of those labels is named
    # Nouns naming the event the question is about ("collapse"): the most used one in the claims,
    # as "the collapse", is the target before any entity ("What caused Brenna Dam?" reads wrong).
    event_nouns: tuple[str, ...] = ()


FRAMES: tuple[Frame, ...] = (
    Frame(
        "death",
        "How did {target} die?",
        ("died", "death", "dead=", "killed", "killing", "dying", "cause of death", "to death"),
        opposed=(
            ("natural causes or illness", ("natural caus", "heart attack", "cardiac", "illness", "disease",
                                           "stroke", "suicid", "health problem", "chronic", "accident")),
            ("killed by violence", ("beat", "tortur", "violen", "murder", "shot", "stabbed", "strangl",
                                    "kill", "lynch", "execut")),
        ),
        priority=3,
        targets=("PERSON",),
        fallback="the victims",
    ),
    Frame(
        "cause",
        "What caused {target}?",
        ("caused by", "cause of", "blame", "responsib", "sabotag", "neglig", "neglect", "fault", "collapse",
         "failure", "explosion", "blast"),
        opposed=(
            ("deliberate act", ("sabotag", "deliberate", "attack", "bomb", "explosive", "plot", "arson", "intentional")),
            ("accident or neglect", ("neglig", "neglect", "accident", "maintenance", "wear", "weather", "rain=",
                                     "heavy rain", "natural", "design flaw", "crack")),
        ),
        priority=2,
        targets=("FAC", "EVENT", "PRODUCT", "ORG"),
        fallback="it",
        event_nouns=("collapse", "failure", "explosion", "blast"),  # the frame's own cue nouns
    ),
    Frame(
        "mistreatment",
        "Were {target} mistreated?",
        ("abuse", "mistreat", "ill-treat", "beat", "beaten", "tortur", "injur", "electrocut", "brutal", "violen",
         "harass", "denied access", "consular access", "access to consular", "consular", "bruise", "wound"),
        priority=2,
        targets=("NORP", "PERSON"),
        fallback="the detainees",
    ),
    Frame(
        "criminality",
        "Were {target} involved in crime?",
        ("criminal", "crime", "gang", "ring", "conviction", "convicted", "trafficking", "smuggl", "fraud",
         "counterfeit", "murders", "charges", "guilty", "espionage", "terroris", "cartel"),
        priority=2,
        targets=("NORP", "PERSON"),
        fallback="the accused",
    ),
    Frame(
        "responsibility",
        "Who is responsible for {target}?",
        ("responsib", "blame", "accountab", "culprit", "to blame", "behind the"),
        priority=1,
        targets=("FAC", "EVENT", "PRODUCT", "ORG"),
        fallback="it",
    ),
)

# Words that deny another's claim, or negate one's own; they make a claim's polarity negative.
DENIAL_TERMS: tuple[str, ...] = (
    "unfounded", "baseless", "groundless", "false", "untrue", "fabricat", "lies=", "a lie=", "fake",
    "denied that", "denies that", "deny that", "rejected", "dismissed", "refuted", "no evidence",
    "without providing any evidence", "without evidence", "nonsense", "slander", "absurd",
    "fairy tale", "myth=", "propaganda", "fiction", "smear", "disinformation", "invented",
)
NEGATION_TERMS: tuple[str, ...] = (
    "not=", "no=", "never=", "n't=", "none=", "nothing=", "only one=", "only a few=", "only two=",
    "innocent", "neither=", "nor=",
)
# Phrases where "denied" names the act being complained about, not a denial of a claim.
NOT_DENIAL: tuple[str, ...] = ("denied access", "been denied", "previously denied", "were denied", "was denied")
# Phrases whose "not"/"no" adds or affirms rather than negates ("this is not just a tragedy, it is ...",
# "there is no doubt that ..."): a statement holding one answers no question the other way.
NOT_NEGATION: tuple[str, ...] = (
    "not just", "not only", "not merely", "not simply", "not least", "no doubt", "no wonder", "no question that",
)


def without_false_negations(low: str) -> str:
    """Lower-cased text with the phrases that look like a denial or negation but are not one blanked out."""
    for phrase in NOT_DENIAL + NOT_NEGATION:
        low = low.replace(phrase, " ")
    return low

# Markers joining two clauses whose attributions answer one question in opposite ways.
CONTRAST_MARKERS: tuple[str, ...] = (
    "while", "whereas", "despite", "but", "however", "although", "even though", "contrary to",
    "in contrast", "yet", "though",
)

# Hedges that turn an outlet's own assertion into an allegation.
HEDGES: tuple[str, ...] = (
    "alleged", "allegedly", "reportedly", "presumed", "purported", "apparently", "suspected",
    "claimed", "said to", "believed to", "unconfirmed", "could not be independently verified",
)

# Units after a number that make it a time span or a quantity of something else, not a head count.
NON_COUNT_UNITS: tuple[str, ...] = (
    "year", "month", "week", "day", "hour", "minute", "second", "percent", "per", "km", "kilometre",
    "kilometer", "mile", "metre", "meter", "dollar", "euro", "rouble", "ruble", "pound", "time", "am",
    "pm", "gmt", "utc", "decade", "century", "m", "bn", "million", "billion",
)

# What a counted noun underwent: two numbers disagree only when they count the same event.
COUNT_EVENTS: dict[str, tuple[str, ...]] = {
    "died": ("died", "killed", "dead=", "death", "lost their lives", "victims"),
    "injured": ("injur", "wounded", "hurt="),
    "detained": ("detain", "arrest", "held=", "custody", "jailed", "imprison"),
    "evacuated": ("evacuat", "displac", "fled", "homeless", "rescued"),
    "missing": ("missing",),
}

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12,
}
