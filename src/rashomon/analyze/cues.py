"""Attribution cue lexicon: reporting verbs, nouns and phrases (PARC sense: speech, writing, belief).

A hand-written core is merged with a lexicon learned from PolNeAR's train split by
``scripts/train_attribution.py`` (``data/attribution_cues.json``: for each lemma and coarse POS,
how often a token with it heads a gold cue). The learned file is optional: without it the
hand list alone runs. Verb cues need a clause (or a quote) to report; noun cues need a
source (possessive or "from/by X") or a "that"-clause.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# Verbs of saying, writing, reporting, believing and (dis)agreeing.
VERBS = frozenset(
    """
    say tell add claim state write report accuse deny insist warn believe fear argue explain note
    announce confirm acknowledge admit assert allege purport suggest predict estimate contend
    maintain declare reply respond answer ask urge describe recall reveal indicate find think know
    feel hope expect worry agree disagree complain criticize criticise blame cite quote testify tweet
    post joke vow promise pledge threaten demand recommend propose concede emphasize emphasise stress
    observe remark comment mention question doubt dismiss reject refute dispute counter repeat
    reiterate boast brag lament speculate conclude suspect assume guess imagine understand learn hear
    realize realise recognize recognise hint imply charge condemn inform notify assure reassure
    caution advise plead swear confess disclose publish acknowledge concur characterize
    characterise call label brand decry slam blast praise tout insinuate whisper shout yell scream
    mutter read show reckon convince persuade complain retort rebut opine surmise write
    """.split()
)

# Verbs whose object (not only a clause) is what was said: "denied the allegations".
OBJECT_CONTENT_VERBS = frozenset(
    """
    deny accuse claim allege announce confirm acknowledge admit reveal dismiss reject refute dispute
    criticize criticise blame condemn praise tout question doubt describe call label brand decry slam
    blast cite predict promise pledge vow threaten demand propose recommend urge ask charge
    characterize characterise disclose mention repeat reiterate
    """.split()
)

# Prepositions that introduce content after a verb: "accused X of ...", "blamed X for ...".
CONTENT_PREPS = {"accuse": {"of"}, "charge": {"with"}, "blame": {"for"}, "criticize": {"for"},
                 "criticise": {"for"}, "warn": {"of", "about", "against"}, "complain": {"about", "of"},
                 "worry": {"about"}, "speak": {"about", "of"}, "talk": {"about"}, "boast": {"about", "of"},
                 "brag": {"about"}, "suspect": {"of"}, "praise": {"for"}, "call": {"for", "on"},
                 "insist": {"on"}, "agree": {"with", "on"}, "hope": {"for"}, "convince": {"of"},
                 "ask": {"for", "about"}, "testify": {"about", "that"}, "comment": {"on"}, "fear": {"for"},
                 "think": {"of", "about"}, "know": {"of", "about"}, "hear": {"of", "about"}, "learn": {"of", "about"}}

NOUNS = frozenset(
    """
    claim statement remark comment allegation accusation report announcement assertion belief view
    opinion argument warning denial promise pledge threat suggestion speech interview tweet testimony
    charge criticism fear hope concern message letter memo estimate prediction insistence admission
    confirmation acknowledgment acknowledgement suspicion assessment conclusion finding explanation
    contention declaration insinuation rumor rumour theory assurance complaint question response
    reply answer allegations claims
    """.split()
)

LEARNED_PATH = Path(__file__).resolve().parents[1] / "data" / "attribution_cues.json"


@dataclass(frozen=True)
class CueLexicon:
    """Which lemmas may cue an attribution, as a verb or as a noun, and how strongly."""

    verbs: frozenset[str] = VERBS
    nouns: frozenset[str] = NOUNS
    learned: dict[tuple[str, str], float] = field(default_factory=dict)

    def verb_score(self, lemma: str) -> float:
        lemma = lemma.lower()
        learned = self.learned.get((lemma, "VERB"))
        if lemma in self.verbs:
            return max(learned or 0.0, 0.6)
        return learned or 0.0

    def noun_score(self, lemma: str) -> float:
        lemma = lemma.lower()
        learned = self.learned.get((lemma, "NOUN"))
        if lemma in self.nouns:
            return max(learned or 0.0, 0.5)
        return learned or 0.0


@lru_cache(maxsize=4)
def load_lexicon(use_learned: bool = True, path: str | None = None) -> CueLexicon:
    """The hand lexicon, merged with the learned one when it is shipped (or given by path)."""
    if not use_learned:
        return CueLexicon()
    try:
        file = Path(path) if path else LEARNED_PATH
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return CueLexicon()
    learned = {(e["lemma"], e["pos"]): float(e["score"]) for e in raw.get("cues", [])}
    return CueLexicon(learned=learned)
