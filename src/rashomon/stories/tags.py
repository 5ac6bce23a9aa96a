"""Browsable tags of stories and articles: the places, organisations and people they are about, their
subjects (``stories.topics``), and the country each story happens in (the home page's regions).

Pure functions over counts the store reads (``store.tags``): which entity an article or story
mentions, how often and in how many articles. A tag's slug comes from its kind and its name only
(``place-lowmark``, ``person-ana-ferro``, ``topic-sport``), so it is the same in every run and every
database that names the thing alike. Countries are told from other places by the English country
names of CLDR (through babel, already installed with trafilatura's courlan) and the exonym table of
``rashomon/data/exonyms.tsv``; pycountry was not used because it is not installed and knows no
exonyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from rashomon.resolve.places import table_group
from rashomon.stories.topics import TOPIC_BY_SLUG, TOPICS

# spaCy labels -> tag kinds; other labels (NORP, WORK_OF_ART, dates, numbers) make no tag.
KIND_OF_LABEL: dict[str, str] = {"GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organisation",
                                 "PERSON": "person"}
PREFIX: dict[str, str] = {"place": "place", "organisation": "org", "person": "person", "topic": "topic"}
KINDS: tuple[str, ...] = ("topic", "place", "organisation", "person")
MIN_MENTIONS = 2  # an entity named once in passing does not tag an article or a story


@dataclass(frozen=True)
class Tag:
    """One tag: its slug (the page address), kind (topic, place, organisation, person) and shown name."""

    slug: str
    kind: str
    name: str


@dataclass(frozen=True)
class EntityCount:
    """How one story or article (``owner``) mentions one entity: in how many articles, how many times."""

    owner: str
    entity: str
    canonical: str
    label: str
    articles: int
    mentions: int


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (``Łódź Metro`` -> ``lodz-metro``); '' when no letter or digit."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text or "").lower()).strip("-")[:80]


@lru_cache(maxsize=262144)
def entity_tag(canonical: str, label: str) -> Tag | None:
    """The tag of an entity with this name and spaCy label, or None for a label that makes no tag."""
    kind = KIND_OF_LABEL.get(label)
    words = slugify(canonical)
    if kind is None or not words:
        return None
    return Tag(f"{PREFIX[kind]}-{words}", kind, canonical)


def topic_tag(slug: str) -> Tag | None:
    """The tag of an IPTC subject by its short slug (``sport`` -> ``topic-sport``)."""
    topic = TOPIC_BY_SLUG.get(slug)
    return Tag(f"topic-{topic.slug}", "topic", topic.name) if topic else None


def topic_of_tag(slug: str) -> str | None:
    """The subject slug a topic tag's slug names, or None when it is no topic tag."""
    rest = slug.removeprefix("topic-")
    return rest if slug.startswith("topic-") and rest in TOPIC_BY_SLUG else None


def all_topic_tags() -> list[Tag]:
    return [Tag(f"topic-{t.slug}", "topic", t.name) for t in TOPICS]


def tags_of(counts: Iterable[EntityCount], members: int = 1) -> list[Tag]:
    """The entity tags of one story (``members`` articles) or one article (``members`` 1) from its counts.

    An entity tags it when named at least MIN_MENTIONS times, and in a story of several articles in
    at least two of them: a name met once, or in one article only, is a detail, not what it is about.
    Entities sharing a slug (one name under two ids) count together. Most mentioned first."""
    by_slug: dict[str, tuple[Tag, int, int]] = {}
    for c in counts:
        tag = entity_tag(c.canonical, c.label)
        if tag is None:
            continue
        old = by_slug.get(tag.slug)
        arts, mentions = c.articles + (old[1] if old else 0), c.mentions + (old[2] if old else 0)
        by_slug[tag.slug] = (old[0] if old else tag, arts, mentions)
    need = min(2, max(members, 1))
    kept = [(t, a, m) for t, a, m in by_slug.values() if m >= MIN_MENTIONS and a >= need]
    return [t for t, _, _ in sorted(kept, key=lambda x: (-x[1], -x[2], x[0].slug))]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Normalised English country name (CLDR, through babel) -> the name shown."""
    from babel import Locale

    names: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"):
            name = name.replace(" & ", " and ")
            names[slugify(name)] = name
    return names


@lru_cache(maxsize=65536)
def country_of(place: str) -> str | None:
    """The country a place name names (``Britain`` -> United Kingdom, ``France``), or None for any other place."""
    names = _country_names()
    hit = table_group(place, "GPE")  # the table also lists states and cities (Washington): a country only if CLDR says so
    if hit is not None:
        return names.get(slugify(hit[1]))
    return names.get(slugify(place.removeprefix("the ").removeprefix("The ")))


def story_regions(counts: Iterable[EntityCount], members: int, most: int = 2) -> list[Tag]:
    """The regions of one story: the countries named in at least a third of its articles (the most
    named first); when it names no known country, the place (GPE) named in at least half of them
    (an invented or unlisted country, a city state). At most ``most``."""
    countries: dict[str, list[int]] = {}
    places: dict[str, tuple[str, list[int]]] = {}
    for c in counts:
        if c.label != "GPE":
            continue
        country = country_of(c.canonical)
        if country is not None:
            got = countries.setdefault(country, [0, 0])
            got[0], got[1] = max(got[0], c.articles), got[1] + c.mentions
        else:
            name, got = places.setdefault(slugify(c.canonical), (c.canonical, [0, 0]))
            got[0], got[1] = max(got[0], c.articles), got[1] + c.mentions
    members = max(members, 1)
    found = [(name, a, m) for name, (a, m) in countries.items() if a * 3 >= members and m >= 1]
    if not found:
        found = [(name, a, m) for name, (a, m) in places.values() if a * 2 >= members and m >= MIN_MENTIONS]
    found.sort(key=lambda x: (-x[1], -x[2], x[0]))
    return [Tag(f"place-{slugify(name)}", "place", name) for name, _, _ in found[:most]]
