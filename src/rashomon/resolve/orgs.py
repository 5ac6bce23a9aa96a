"""Organisation keys: a qualifier (whose body it is) and a head (what kind of body it is).

"Azerbaijan's Ministry of Foreign Affairs", "Azerbaijani Foreign Ministry" and "Ministry of
Foreign Affairs of Azerbaijan" share qualifier and head; "Russian Foreign Ministry" shares the
head but not the qualifier, so it stays apart. Names are never fuzzy-matched: organisations that
share words are different bodies unless every content word agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from rashomon.resolve.names import ascii_fold
from rashomon.resolve.places import country_key

_STOP = frozenset("of the and for on in at to a an & affairs".split())
_SYNONYMS = {"defense": "defence", "organization": "organisation", "center": "centre", "ministries": "ministry"}
# A party's standing nickname, written as one word or initials, for the words of its name
# ("Ohio GOP" is the "Ohio Republican Party"). General usage, not any one story's.
PARTY_NICKNAMES = {"gop": ("republican", "party")}
# A site named by its address ("RiverNews.com"): read by analyze.entities (a mention) and here (whose name it spells).
DOMAIN = re.compile(r"(?<![\w@/.\-])[A-Za-z][A-Za-z0-9\-]{1,40}\.(?:com|org|net|gov|edu|tv|info|news|co\.uk)(?![\w\-]|\.\w)")
_POSSESSIVE_BEFORE = re.compile(r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})\s*(?:['’]s)?\s+$")


@dataclass(frozen=True)
class OrgKey:
    qualifier: str  # country key, "" when the name does not say whose body it is
    head: tuple[str, ...]  # sorted content words

    def as_str(self) -> str:
        return f"{self.qualifier}|{' '.join(self.head)}"


def _tokens(text: str) -> list[str]:
    s = ascii_fold(text)
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group().replace(".", "") + " "
               if m.group().replace(".", "").lower() in PARTY_NICKNAMES else m.group(), s)  # "G.O.P." is "GOP"
    toks = [t for t in re.split(r"[^A-Za-z0-9]+", s) if t]
    return [x for t in toks for x in PARTY_NICKNAMES.get(t.lower(), (t,))]


def _singular(word: str) -> str:
    """"elections" -> "election", "reserves" -> "reserve": a plural never makes another body."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def org_words(text: str) -> tuple[str, ...]:
    """An organisation name's words in order, folded, without a leading "the" ("The Roe Group" ->
    ("roe", "group")), for comparing one name with a longer one."""
    toks = [t.lower() for t in _tokens(text)]
    if toks and toks[0] == "the":
        toks = toks[1:]
    return tuple(toks)


def org_key(text: str, is_place: Callable[[str], bool]) -> OrgKey:
    """Split an ORG name into qualifier (a leading place/demonym or a trailing 'of PLACE')."""
    toks = _tokens(text)
    qualifier = ""
    # leading qualifier: the longest prefix (up to 3 words) that is a place or demonym
    for n in (3, 2, 1):
        if len(toks) > n and is_place(" ".join(toks[:n])):
            qualifier = country_key(" ".join(toks[:n]))
            toks = toks[n:]
            break
    if not qualifier:
        low = [t.lower() for t in toks]
        for n in (3, 2, 1):
            if len(toks) > n + 1 and low[-n - 1] == "of" and is_place(" ".join(toks[-n:])):
                qualifier = country_key(" ".join(toks[-n:]))
                toks = toks[: -n - 1]
                break
    head = sorted({_singular(_SYNONYMS.get(t.lower(), t.lower())) for t in toks if t.lower() not in _STOP} - _STOP)
    return OrgKey(qualifier, tuple(head))


def qualifier_before(body: str, start: int, is_place: Callable[[str], bool]) -> tuple[str, int] | None:
    """A place named right before an ORG mention ("Azerbaijan's | Ministry of ..."): (key, start)."""
    window = body[max(0, start - 60): start]
    m = _POSSESSIVE_BEFORE.search(window)
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        cand = " ".join(words[-n:])
        if is_place(cand):
            offset = start - len(window) + m.start(1) + len(" ".join(words[:-n])) + (1 if len(words) > n else 0)
            return country_key(cand), offset
    return None
