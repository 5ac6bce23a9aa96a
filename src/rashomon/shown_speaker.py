"""The speaker a reader is shown for a statement: a name when one was found, else what the text says.

Pure functions over stored records (no parser), shared by ``rashomon quotes``, ``rashomon show``,
the web page's who-said-what section and the export:

- a speaker linked to an entity is shown by the entity's name; a pronoun or role noun resolved to
  a name, by that name;
- otherwise by the text's own description, at its fullest: a bare role noun ("the official",
  "investigators") becomes the fuller phrase the article introduced it with ("a senior official in
  the ministry said … the official added" shows "a senior official in the ministry"), or its
  capitalised qualifier ("the Harbour Board spokesman"), else "an unnamed official" / "unnamed
  investigators"; a pronoun the analysis could not resolve ("it", "they") and a statement with no
  speaker at all are "unnamed source(s)", a relative "who" the name or phrase it follows;
- never a bare pronoun, never empty.

``is_named`` tells a named speaker (its own heading in the UI) from an unnamed one (grouped apart,
under "Unnamed sources"); ``is_bare`` tells a shown speaker that is a pronoun, a lone role noun or
nothing (what the evaluation counts as ``bare_share``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import islice

from rashomon.model import Attribution

UNNAMED_SOURCE = "unnamed source"
UNNAMED_SOURCES = "unnamed sources"
UNNAMED_HEADING = "Unnamed sources"

PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs "
    "this that these those who whom whose which one someone somebody anyone anybody everyone everybody "
    "nobody none something".split()
)
_PLURAL_PRONOUNS = frozenset("we us our ours they them their theirs these those".split())
_DETERMINERS = frozenset("the a an this that these those his her its their our my your".split())
_QUANTIFIERS = frozenset(
    "some other others another both all many several most few various numerous multiple even more "
    "two three four five six seven eight nine ten dozen dozens".split()
)
_INDEFINITE = frozenset("a an one another some several two three four many".split())
# words that end a noun phrase read off plain text (verbs of saying, clause openers, conjunctions)
_PHRASE_END = frozenset(
    """
    said says say told tells added adds stated states wrote writes noted notes argued argues claimed claims
    insisted insists warned warns denied denies confirmed confirms according who whom which that and or but
    when while as because if after before since had has have was were is are be been would will could should
    did does do not also later then on
    """.split()
)
_PREPOSITIONS = ("in", "at", "of", "for", "from", "by", "with", "inside", "within", "close to", "familiar with", "near")
_WORD = re.compile(r"[^\W_][\w'’\-]*|[^\w\s]")
_STOP_LEFT = frozenset("in at of for from with to by about over into on".split())
_MAX_CHARS = 90


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text or "") if w[0].isalnum()]


def _clean(text: str | None) -> str:
    """Whitespace folded, stray quotes and punctuation trimmed from both ends."""
    text = " ".join((text or "").split())
    return text.strip(" \t\"'“”‘’«»,.;:-–—()[]")


def _content(words: list[str]) -> list[str]:
    """The words left once determiners and quantifiers are dropped."""
    return [w for w in words if w.lower() not in _DETERMINERS and w.lower() not in _QUANTIFIERS]


def _core(text: str) -> str:
    """A phrase without its apposition or clause: "Ana Vell, a lawyer in Y" -> "Ana Vell"."""
    core = re.split(r",|;|\s[–—-]\s|\s(?:who|which|whose|that)\s", text, maxsplit=1)[0]
    return core.strip()


def _mid_sentence_capital(word: str, body: str) -> bool:
    """A capitalised word the article never writes in lower case and does capitalise mid-sentence."""
    if not word[:1].isupper() or word.lower() in PRONOUNS:
        return False
    bare = re.sub(r"['’]s$", "", word)
    if re.search(r"\b" + re.escape(bare.lower()) + r"\b", body):
        return False
    return bool(re.search(r"[a-z,;:]\s+" + re.escape(bare) + r"\b", body)) if body else True


def is_bare(text: str | None, body: str = "", entity: str | None = None) -> bool:
    """A shown speaker that tells the reader nothing: empty, a pronoun, or one role noun with at most
    determiners and quantifiers around it ("the official", "investigators", "several justices") — a
    capitalised name ("Reuters", or the speaker entity's name ``entity``) is no bare role."""
    if entity and text == entity and entity[:1].isupper():
        return False
    words = _words(_clean(text))
    if not words or all(w.lower() in PRONOUNS or w.lower() in _DETERMINERS for w in words):
        return True
    rest = [w for w in _content(words) if w.lower() not in PRONOUNS]
    if not rest:
        return True
    return len(rest) == 1 and not _mid_sentence_capital(rest[0], body)


def is_named(shown: str, entity: str | None = None, body: str = "") -> bool:
    """A speaker with a name: linked to an entity, or shown by a phrase whose head (the last word of
    its core) is a capitalised name, not a common noun ("Ana Vell", "Reuters"; not "a Harbour Board
    official", "unnamed source")."""
    if entity and entity[:1].isupper():
        return True
    core = _words(_core(_clean(shown)))
    if not core or core[0].lower() in _INDEFINITE or core[0].lower() == "unnamed":
        return False
    head = re.sub(r"['’]s$", "", core[-1])
    return head[:1].isupper() and head.lower() not in PRONOUNS and (not body or _mid_sentence_capital(head, body)
                                                                      or len(core) > 1 and core[-2][:1].isupper())


def _stem(word: str) -> str:
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _plural(word: str) -> bool:
    return _stem(word) != word.lower() or word.lower() in {"people", "police", "staff", "men", "women"}


def _unnamed(noun: str, quantifiers: list[str]) -> str:
    """ "the official" -> "an unnamed official"; "investigators" -> "unnamed investigators";
    "several justices" -> "several unnamed justices"."""
    noun = noun.lower() if noun[:1].isupper() and not noun.isupper() else noun
    if quantifiers:
        return " ".join([*quantifiers, "unnamed", noun])
    if _plural(noun):
        return f"unnamed {noun}"
    return f"an unnamed {noun}"


def _fits(phrase: str, noun: str) -> bool:
    """The phrase's head (last word of its core, a prepositional phrase after it dropped) is ``noun``."""
    core = re.split(r"\s(?:" + "|".join(_PREPOSITIONS) + r")\s", _core(phrase), maxsplit=1)[0]
    words = _words(core)
    return bool(words) and _stem(words[-1]) == _stem(noun) and len(_content(words)) > 1


def _from_speakers(noun: str, earlier: Iterable[str]) -> str | None:
    """The nearest earlier speaker phrase of the article with the same head noun and more to it."""
    for phrase in reversed(list(earlier)):
        phrase = _clean(phrase)
        if phrase and _fits(phrase, noun) and not is_bare(phrase):
            core = _core(phrase)
            return core if _fits(core, noun) and not is_bare(core) else phrase
    return None


def _from_body(noun: str, body: str, before: int) -> str | None:
    """The fullest phrase before ``before`` in which the article writes the noun: the nearest
    indefinite introduction with its modifiers and prepositional phrase ("an official in the
    ministry"), else the nearest capitalised qualifier ("the Harbour Board spokesman")."""
    text = body[:before]
    target = _stem(noun)
    toks = list(_WORD.finditer(text))
    indefinite: str | None = None
    capitalised: str | None = None
    for k, m in enumerate(toks):
        if not m.group()[:1].isalpha() or _stem(m.group()) != target:
            continue
        j = k - 1  # walk left over the modifiers ("senior", "Harbour Board") to the determiner
        while j >= 0 and k - j <= 4:
            w = toks[j].group().lower()
            if not w[:1].isalnum() or w in _PHRASE_END or w in _DETERMINERS or w in _INDEFINITE or w in _STOP_LEFT:
                break
            j -= 1
        mods = [t.group() for t in toks[j + 1:k]]
        det = toks[j].group().lower() if j >= 0 else ""
        if det in _INDEFINITE:
            phrase = text[toks[j].start():m.end()] + _pp(text, m.end())
            if not is_bare(phrase, body):
                indefinite = phrase
        n = 0
        while n < len(mods) and mods[-1 - n][:1].isupper():
            n += 1
        if n and (k - n == 0 or toks[k - n - 1].group() in ".!?\"“”"):
            n = 0  # capitalised only because a sentence starts there
        if n:
            lead = "the " if det == "the" and n == len(mods) else ""
            capitalised = lead + text[toks[k - n].start():m.end()]
    return indefinite or capitalised


def _pp(text: str, at: int) -> str:
    """A prepositional phrase right after ``at`` ("in the ministry"), up to the next punctuation or
    clause word, at most six words; "" when there is none."""
    m = re.match(r"\s+(" + "|".join(p.replace(" ", r"\s+") for p in _PREPOSITIONS) + r")\s+", text[at:])
    if not m:
        return ""
    rest = text[at + m.end():]
    words = []
    for w in re.finditer(r"[^\W_][\w'’\-]*|[^\w\s]", rest):
        token = w.group()
        if not token[:1].isalnum() or token.lower() in _PHRASE_END or len(words) >= 6:
            break
        words.append(w)
    if not words or words[-1].group().lower() in _DETERMINERS:
        return ""
    return text[at:at + m.end() + words[-1].end()].replace("\n", " ")


def _relative(body: str, before: int) -> str | None:
    """ "…, Ana Vell, who said" / "the mayor, who said": the name or phrase the relative pronoun follows."""
    text = body[max(0, before - 200):before].rstrip(" ,")
    m = re.search(r"((?:[A-Z][\w'’.\-]*\s+)*[A-Z][\w'’\-]*)$", text)
    if m and (" " in m.group(1) or _mid_sentence_capital(m.group(1), body)):
        return m.group(1)
    m = re.search(r"\b((?:the|a|an)\s+(?:[\w'’\-]+\s+){0,3}[\w'’\-]+)$", text, flags=re.I)
    return m.group(1) if m else None


def _clip(text: str) -> str:
    """At most _MAX_CHARS, cut at a word; a description's sentence-initial "A"/"The" lower-cased."""
    first = text.split(" ", 1)[0]
    if first in {"A", "An", "The", "One", "Some", "Several", "Many", "Other", "Two", "Three"} and " " in text:
        text = first.lower() + text[len(first):]
    if len(text) <= _MAX_CHARS:
        return text
    return text[:_MAX_CHARS].rsplit(" ", 1)[0] + "…"


def shown_speaker(a: Attribution, body: str = "", entity: str | None = None, earlier: Iterable[str] = ()) -> str:
    """What a reader is shown as the statement's speaker (see the module's docstring). ``entity`` is the
    speaker entity's name; ``earlier`` the speaker phrases of the article's earlier statements."""
    if entity and entity[:1].isupper():
        return entity
    written = _clean(a.speaker)
    resolved = _clean(a.speaker_resolved) or written
    for phrase in dict.fromkeys([resolved, written]):
        if phrase and is_named(phrase, body=body):
            return _core(phrase) if phrase == written and _core(phrase) else phrase
    # a description: the phrase as written around the resolved head, its apposition or clause dropped
    text = resolved
    if written and resolved and resolved.lower() in _core(written).lower():
        text = _core(written)
    words = _words(text)
    if not words:
        return UNNAMED_SOURCE
    if all(w.lower() in PRONOUNS or w.lower() in _DETERMINERS for w in words):
        if words[-1].lower() in {"who", "whom"} and body:
            found = _relative(body, a.speaker_start)
            if found and not is_bare(found, body):
                return _clip(_clean(found))
        return UNNAMED_SOURCES if any(w.lower() in _PLURAL_PRONOUNS for w in words) else UNNAMED_SOURCE
    if not is_bare(text, body):
        return _clip(text)
    rest = [w for w in _content(words) if w.lower() not in PRONOUNS]
    noun = rest[-1] if rest else ""
    if len(noun) < 3 or not noun.isalpha():
        return UNNAMED_SOURCES if noun and _plural(noun) else UNNAMED_SOURCE
    quantifiers = [w.lower() for w in words if w.lower() in _QUANTIFIERS]
    # "the official", "officials" may be someone introduced before; "another official" is someone new
    new = words[0].lower() in _INDEFINITE or words[0].lower() in _QUANTIFIERS
    fuller = None if new else _from_speakers(noun, earlier) or (_from_body(noun, body, a.speaker_start) if body else None)
    if fuller and not is_bare(fuller, body):
        return _clip(_clean(fuller))
    if written and not is_bare(written, body):  # "the prosecutor, who is white"
        return _clip(written)
    return _unnamed(noun, quantifiers)


def shown_speakers(attributions: list[Attribution], bodies: Mapping[str, str],
                   entity_names: Mapping[str, str]) -> list[str]:
    """``shown_speaker`` for each attribution, each article's earlier speaker phrases in reach."""
    by_article: dict[str, list[Attribution]] = {}
    for a in attributions:
        by_article.setdefault(a.article, []).append(a)
    shown: dict[int, str] = {}
    for art, atts in by_article.items():
        ordered = sorted(atts, key=lambda x: x.speaker_start)
        # the earlier phrases grow as the statements are read in order, handed over lazily: a list
        # built afresh for each statement made a very long article's speakers quadratic (issue 23)
        phrases: list[str] = []
        j = 0
        for a in ordered:
            while ordered[j].speaker_start < a.speaker_start:
                if ordered[j].speaker.strip():
                    phrases.append(ordered[j].speaker)
                j += 1
            earlier = islice(phrases, len(phrases))
            shown[id(a)] = shown_speaker(a, bodies.get(art, ""), entity_names.get(a.speaker_entity or ""), earlier)
    return [shown[id(a)] for a in attributions]
