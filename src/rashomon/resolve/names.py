"""Name normalisation: what two spellings of one name have in common once the noise is gone.

Surface noise (leading "the", possessives, trailing punctuation, titles and role nouns) is
stripped; scripts and diacritics are folded to ASCII with anyascii (Cyrillic → Latin included);
then ``translit_key`` folds the alternations that different romanisation schemes produce for the
same Cyrillic/Turkic/Arabic name (y/i/j, kh/h/g, ye/e, ts/tz, doubled letters, final -iy/-y).
The rules are general spelling rules, never a list of particular names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

# Role nouns and honorifics that precede a person's name ("Kremlin spokesman Dmitry Peskov",
# "President Ilham Aliyev"). Everything up to the last of these words is dropped from a
# PERSON name. This is vocabulary (data), not a list of names.
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss dr prof professor sir dame lord lady rev reverend fr father sheikh imam rabbi
    president vice prime minister premier chancellor secretary spokesman spokeswoman spokesperson
    spokespeople representative envoy ambassador consul senator sen rep congressman congresswoman
    governor gov mayor deputy chief head chairman chairwoman chair director ceo founder
    general gen colonel col lieutenant lt major maj captain capt sergeant sgt commander admiral
    marshal officer judge justice prosecutor attorney lawyer analyst expert researcher scholar
    journalist reporter editor correspondent king queen prince princess emperor crown pope
    patriarch metropolitan archbishop bishop cardinal ayatollah emir sultan leader mp mep
    opposition activist oligarch businessman businesswoman tycoon economist historian
    speaker whip sheriff counsel commissioner superintendent treasurer trooper detective
    """.split()
)

# Lower-case name particles that belong to the surname ("Ursula von der Leyen", "Bashar al-Assad").
PARTICLES = frozenset("von van der den de da di del della dos du la le al el bin ibn ben abu ter".split())

# Generational suffixes after a surname ("Jesse Smith Jr."): part of who the person is, never the surname.
SUFFIXES = frozenset("jr sr ii iii iv".split())

_QUOTES = "\"'‘’“”«»"
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")  # "Jones'" keeps its s
_EDGE_JUNK = re.compile(r"^[\s\-–—,.;:!?()\[\]{}" + _QUOTES + r"]+|[\s\-–—,.;:!?()\[\]{}" + _QUOTES + r"]+$")


@lru_cache(maxsize=65536)
def clean_span(text: str, start: int = 0) -> tuple[str, int, int]:
    """Strip leading 'the', possessives and edge punctuation; return text with its new offsets.

    spaCy's small model often includes these ("the Kremlin", "Azerbaijan's", "Moscow.").
    """
    s, e = start, start + len(text)
    cur = text
    for _ in range(3):  # a few passes: "the Kremlin's." → "Kremlin"
        before = cur
        m = _EDGE_JUNK.search(cur)
        while m and cur:
            if m.start() == 0:
                s += m.end()
                cur = cur[m.end():]
            else:
                e -= len(cur) - m.start()
                cur = cur[: m.start()]
            m = _EDGE_JUNK.search(cur)
        m = _LEADING_THE.match(cur)
        if m:
            s += m.end()
            cur = cur[m.end():]
        m = _POSSESSIVE.search(cur)
        if m and len(cur) > m.end() - m.start() + 1:
            e -= m.end() - m.start()
            cur = cur[: m.start()]
        if cur == before:
            break
    return " ".join(cur.split()), s, e


def ascii_fold(text: str) -> str:
    """Any script and any diacritics to plain ASCII (Türkiye → Turkiye, Гусейн → Guseyn)."""
    return anyascii(text)


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Name tokens (whitespace-separated; hyphenated names stay one token)."""
    return tuple(text.split())


def strip_title(tokens: "list[str] | tuple[str, ...]") -> "list[str]":
    """Drop role nouns and honorifics before a person's name, keeping at least one token."""
    last = -1
    for i, tok in enumerate(tokens[:-1]):
        low = re.sub(r"[^a-z]", "", ascii_fold(tok).lower())
        if low in TITLE_WORDS or (tok[:1].islower() and low not in PARTICLES):
            last = i
    return list(tokens[last + 1:])


_DIGRAPHS = (
    ("shch", "S"), ("sch", "S"), ("sh", "S"), ("tsch", "C"), ("tch", "C"), ("ch", "C"),
    ("dzh", "j"), ("dj", "j"), ("zh", "Z"), ("kh", "h"), ("gh", "h"), ("ph", "f"), ("ck", "k"),
    ("tz", "T"), ("ts", "T"), ("cz", "T"), ("x", "ks"), ("q", "k"), ("w", "v"), ("ou", "u"),
)


@lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """Fold one name token so that romanisations of the same original spelling collide.

    Gusein/Huseyn/Guseyn → "husein", Ziyaddin/Zijaddin → "ziadin", Zelensky/Zelenskyy/Zelenskiy →
    "zelenski", Yevgeny/Evgeny/Evgeniy → "evheni", Kartavykh/Kartavikh → "kartavih".
    Library rejected: jellyfish/metaphone keys are tuned to English sound changes and split
    exactly these Slavic/Turkic romanisation pairs (kh vs h, y vs i), so the folding is ours.
    """
    s = re.sub(r"^(?:al|el)[-‐‑]", "", ascii_fold(word).lower())  # al-Assad / Assad
    s = re.sub(r"[^a-z]", "", s)
    if not s:
        return ""
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r"^[yji](?=[aeou])", "", s)  # Yevgeny/Evgeny, Yakov/Iakov/Jakov, Yuri/Iouri
    s = re.sub(r"(?<=[aeiou])[yj](?=[aeiou])", "", s)  # Aliyev/Aliev, Mariya/Maria, Nikolayev
    s = s.replace("y", "i").replace("j", "i")
    s = s.replace("g", "h")  # Cyrillic Г renders as g or h (Гусейн: Gusein/Huseyn; Oleg/Oleh)
    s = re.sub(r"(.)\1+", r"\1", s)  # doubled letters: Zelenskyy, Ziyaddin
    s = re.sub(r"(?<=.)(?:ei|ii|yi)$", "i", s)  # final -ei/-iy/-y: Sergei/Serhiy, Andrey/Andriy
    s = re.sub(r"(.)\1+", r"\1", s)
    for placeholder, digraph in (("S", "sh"), ("C", "ch"), ("Z", "zh"), ("T", "ts")):
        s = s.replace(placeholder, digraph)
    return s


def tokens_match(a: str, b: str, *, threshold: float = 85.0) -> bool:
    """Two name tokens are the same name: equal translit keys, or close ones when long enough.

    A trailing feminine -a is never bridged by fuzz (Ivanov vs Ivanova are two people).
    """
    ka, kb = translit_key(a), translit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 5 or ka[0] != kb[0]:
        return False
    if ka + "a" == kb or kb + "a" == ka:
        return False
    return fuzz.ratio(ka, kb) >= threshold


@dataclass(frozen=True)
class PersonName:
    """A person's name split into given names and a surname (particles stay with the surname)."""

    given: tuple[str, ...]
    surname: str
    suffix: str = ""  # "Jr", "Sr", "III": a father and his son share given name and surname

    @property
    def suffix_key(self) -> str:
        return self.suffix.rstrip(".").lower()

    @property
    def full(self) -> bool:
        return bool(self.given)

    @property
    def surname_key(self) -> str:
        return translit_key(self.surname.split()[-1]) if self.surname else ""

    @property
    def given_key(self) -> str:
        return translit_key(self.given[0]) if self.given else ""

    @property
    def display(self) -> str:
        return " ".join([*self.given, self.surname, self.suffix]).strip()


@lru_cache(maxsize=65536)
def parse_person(text: str) -> PersonName | None:
    """Split a cleaned PERSON surface into given names and surname; None when nothing name-like."""
    toks = strip_title(words(text))
    toks = [t.strip(".,") if len(t) > 2 else t for t in toks]
    toks = [t for t in toks if t and re.search(r"[^\W\d_]", t)]
    if not toks:
        return None
    suffix = ""
    if len(toks) > 1 and toks[-1].rstrip(".").lower() in SUFFIXES:
        suffix = toks.pop().rstrip(",")
    # surname = last token plus any lower-case particles right before it
    i = len(toks) - 1
    while i > 0 and toks[i - 1].lower() in PARTICLES:
        if i == 1 and toks[0][:1].isupper() and is_given_name(toks[0]):
            break  # "Ben Roe", "Al Roe": a given name that is also a particle ("bin", "al-")
        i -= 1
    if i == 0 and len(toks) > 1:  # "von der Leyen" alone
        return PersonName((), " ".join(toks), suffix)
    return PersonName(tuple(toks[:i]), " ".join(toks[i:]), suffix)


def is_initial(token: str) -> bool:
    return len(token.rstrip(".")) == 1


@lru_cache(maxsize=1)
def _nicknamer():  # type: ignore[no-untyped-def]
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=65536)
def nickname_of(a: str, b: str) -> bool:
    """One given name is a listed nickname of the other (Bob/Robert, Chuck/Charles, Liz/Elizabeth),
    from the hand-curated English table of the ``nicknames`` package."""
    x, y = ascii_fold(a).lower().strip("."), ascii_fold(b).lower().strip(".")
    if len(x) < 2 or len(y) < 2 or x == y:
        return False
    nn = _nicknamer()
    return y in nn.nicknames_of(x) or x in nn.nicknames_of(y)


@lru_cache(maxsize=65536)
def is_given_name(token: str) -> bool:
    """A given name the nickname table lists (as a name or a nickname): Anna, Bob, Daniel."""
    x = ascii_fold(token).lower().strip(".")
    nn = _nicknamer()
    return len(x) > 1 and bool(nn.nicknames_of(x) or nn.canonicals_of(x))


def given_compatible(a: tuple[str, ...], b: tuple[str, ...], *, nicknames: bool = False) -> bool:
    """Given names agree: first names match (initials match a name's first letter; with
    ``nicknames``, a nickname matches its full name), and middle names, when both sides have
    them, do not conflict (George W. vs George H. W.)."""
    if not a or not b:
        return True
    fa, fb = a[0], b[0]
    for x, y in ((a, b), (b, a)):  # "J. Christopher Roe" goes by his middle name: "Chris Roe"
        if is_initial(x[0]) and len(x) > 1 and not is_initial(x[1]) and not is_initial(y[0]) and len(y) == 1 \
                and (tokens_match(x[1], y[0]) or nickname_of(x[1], y[0])):
            return True
    if is_initial(fa) or is_initial(fb):
        if translit_key(fa)[:1] != translit_key(fb)[:1] and ascii_fold(fa)[:1].lower() != ascii_fold(fb)[:1].lower():
            return False
    elif not tokens_match(fa, fb) and not (nicknames and nickname_of(fa, fb)):
        return False
    ma, mb = a[1:], b[1:]
    if ma and mb:
        ia = [ascii_fold(t)[:1].lower() for t in ma]
        ib = [ascii_fold(t)[:1].lower() for t in mb]
        if ia != ib:
            return False
    return True
