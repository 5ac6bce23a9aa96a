"""Story grouping on invented coverage: same story across outlets, same kind of event kept apart."""

from __future__ import annotations

import pytest

from rashomon.config import default_options
from rashomon.errors import StoreError
from rashomon.stories import StoryDoc, StoryIndex, assign_stories, regroup
from rashomon.stories.features import capitalised_names

CORPUS = [
    ("castellane-1", "Daily Lantern", "2031-10-02", "Actress Mira Castellane enters Sunvale clinic for treatment",
     "Actress Mira Castellane has checked into the Sunvale clinic in Ostrava Hills for treatment, her publicist Tomas Rell said. "
     "Castellane, star of the drama Glass Harbour, asked for privacy while she recovers."),
    ("castellane-2", "Morning Courier", "2031-10-03", "Mira Castellane in rehab at Sunvale, publicist confirms",
     "Glass Harbour star Mira Castellane is receiving treatment at Sunvale, a clinic outside Ostrava Hills. "
     "Her publicist Tomas Rell confirmed that Castellane entered the programme on Tuesday."),
    ("castellane-3", "Evening Wire", "2031-10-04", "Castellane thanks fans from Sunvale clinic",
     "Mira Castellane thanked fans for their support from the Sunvale clinic, where she is being treated. "
     "Tomas Rell, her publicist, said the Glass Harbour actress would stay several weeks."),
    ("harlow-1", "Daily Lantern", "2031-10-05", "Singer Dex Harlow checks into Pinecrest treatment centre",
     "Singer Dex Harlow has entered the Pinecrest treatment centre in Lake Marrow, his manager Ilse Vong said. "
     "Harlow cancelled the remaining dates of his Northern Lights tour."),
    ("harlow-2", "Morning Courier", "2031-10-06", "Dex Harlow cancels tour, enters Pinecrest for treatment",
     "Dex Harlow called off his Northern Lights tour and checked into Pinecrest in Lake Marrow for treatment. "
     "Manager Ilse Vong asked fans to respect the singer's privacy."),
    ("velmora-1", "Evening Wire", "2031-10-02", "Magnitude 6.2 earthquake strikes Velmora",
     "A magnitude 6.2 earthquake struck the coastal town of Velmora, collapsing the old harbour market. "
     "Mayor Anika Sorel said rescuers were searching the rubble for survivors."),
    ("velmora-2", "Daily Lantern", "2031-10-03", "Velmora quake: rescuers search harbour market rubble",
     "Rescuers in Velmora searched the rubble of the harbour market after the 6.2 earthquake. "
     "Anika Sorel, the town's mayor, said forty people were injured."),
    ("tarsk-1", "Morning Courier", "2031-10-04", "Earthquake of magnitude 5.1 shakes Tarsk valley",
     "An earthquake of magnitude 5.1 shook the Tarsk valley, damaging the Brennhof dam road. "
     "Governor Lutz Amberg said no deaths were reported in Tarsk."),
    ("tarsk-2", "Evening Wire", "2031-10-05", "Tarsk valley quake damages Brennhof dam road",
     "The 5.1 earthquake in the Tarsk valley cracked the road to the Brennhof dam, Governor Lutz Amberg said. "
     "Engineers were inspecting the Brennhof dam."),
    ("oskby-1", "Daily Lantern", "2031-10-03", "Dockers strike at Oskby port over pay",
     "Dockers at the port of Oskby walked out over pay, leaving ships waiting offshore. "
     "Union leader Petra Quill said the Oskby strike would last until the port authority raised wages."),
    ("oskby-2", "Morning Courier", "2031-10-04", "Oskby port strike strands ships",
     "Ships were stranded outside Oskby as the dockers' strike went on. "
     "Petra Quill of the dockers' union said wages at the Oskby port had not risen in six years."),
]


def docs(rows=CORPUS) -> list[StoryDoc]:
    return [StoryDoc(article=a, source=f"invented://{a}", kind="article", title=t, body=b, published=p, outlet=o)
            for a, o, p, t, b in rows]


def groups(mapping: dict[str, str]) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for art, story in mapping.items():
        out.setdefault(story, set()).add(art.split("-")[0])
    return {frozenset(v) for v in out.values()}


def test_stories_group_across_outlets_and_keep_same_kind_events_apart():
    index = regroup(docs(), default_options())
    mapping = {a: index.story_of(a) for a, *_ in CORPUS}
    # every story holds articles of one event only, and each event is one story
    assert groups(mapping) == {frozenset({k}) for k in ("castellane", "harlow", "velmora", "tarsk", "oskby")}
    assert len({mapping[a] for a in mapping if a.startswith("castellane")}) == 1
    assert mapping["castellane-1"] != mapping["harlow-1"]
    assert mapping["velmora-1"] != mapping["tarsk-1"]


def test_incremental_matches_and_keeps_existing_ids_after_round_trip():
    options = default_options()
    index = StoryIndex.from_bytes(None, options)
    first = assign_stories(docs(CORPUS[:6]), index, options)
    restored = StoryIndex.from_bytes(index.to_bytes(), options)
    second = assign_stories(docs(CORPUS[6:] + CORPUS[:2]), restored, options)
    assert {a: second[a] for a in ("castellane-1", "castellane-2")} == {a: first[a] for a in ("castellane-1", "castellane-2")}
    merged = {**first, **second}
    assert groups(merged) == {frozenset({k}) for k in ("castellane", "harlow", "velmora", "tarsk", "oskby")}
    assert first["castellane-1"] == "story-castellane-1"  # named after its founding article


def test_teaser_is_grouped_on_its_own_content():
    options = default_options()
    index = regroup(docs(), options)
    teaser = StoryDoc(article="teaser-x", source="invented://page#teaser-1", kind="teaser",
                      title="Dockers at Oskby reject the port authority's wage offer", body="", published=None,
                      outlet="Daily Lantern")
    got = assign_stories([teaser], index, options)
    assert got["teaser-x"] == index.story_of("oskby-1")
    stray = StoryDoc(article="teaser-y", source="invented://page#teaser-2", kind="teaser",
                     title="Glacier cruise line adds winter route to Fjordheim", body="", published=None, outlet="Daily Lantern")
    got = assign_stories([stray], index, options)
    assert got["teaser-y"] not in {index.story_of(a) for a, *_ in CORPUS}


def test_near_duplicate_joins_its_original_and_title_prefers_articles():
    options = default_options()
    index = regroup(docs(), options)
    copy = StoryDoc(article="copy-1", source="invented://syndicated", kind="article", title="Unrelated headline text",
                    body="Completely different words about gardening and tomatoes.", published="2031-10-09",
                    outlet="Syndicate", near_duplicate_of="invented://harlow-1")
    got = assign_stories([copy], index, options)
    assert got["copy-1"] == index.story_of("harlow-1")
    story = next(s for s in index.stories() if s.id == got["copy-1"])
    assert story.title == "Singer Dex Harlow checks into Pinecrest treatment centre"
    assert (story.first, story.last) == ("2031-10-05", "2031-10-09")


def test_time_window_splits_a_repeat_months_later():
    options = default_options(story_window_days=30)
    rows = CORPUS + [("oskby-9", "Evening Wire", "2032-04-20", "Dockers strike at Oskby port over pay again",
                      "Dockers at the port of Oskby walked out over pay again. Union leader Petra Quill said the Oskby strike "
                      "would last until wages rose.")]
    index = regroup(docs(rows), options)
    assert index.story_of("oskby-9") != index.story_of("oskby-1")


def test_regroup_does_not_depend_on_input_order():
    options = default_options()
    a = regroup(docs(), options)
    b = regroup(list(reversed(docs())), options)
    assert [(s.id, s.articles) for s in a.stories()] == [(s.id, s.articles) for s in b.stories()]


def test_reassigning_known_articles_is_idempotent():
    options = default_options()
    index = regroup(docs(), options)
    before = [(s.id, list(s.articles)) for s in index.stories()]
    again = assign_stories(docs(), index, options)
    assert again == {a: index.story_of(a) for a, *_ in CORPUS}
    assert [(s.id, list(s.articles)) for s in index.stories()] == before


def test_unreadable_state_raises_store_error():
    with pytest.raises(StoreError, match="story index"):
        StoryIndex.from_bytes(b"not a grouping state", default_options())


def test_capitalised_names_skip_sentence_starts():
    names = capitalised_names("Rescuers reached Velmora. Mayor Anika Sorel said the Harbour Market fell.")
    assert "Anika Sorel" in names and "Harbour Market" in names and "Velmora" in names
    assert "Rescuers" not in names and all(not n.startswith("Mayor") for n in names)


def test_date_keys_read_written_dates_and_skip_lowercase_months():
    from rashomon.stories.features import date_keys

    keys = date_keys("Posted Friday, March 8, 2041. Crowds march 4 miles; talks set for 12 May 2041 and 2041 - 06 - 30.")
    assert keys.count("%2041-03") == 1 and "%03-08" in keys
    assert "%2041-05" in keys and "%05-12" in keys and "%2041-06" in keys and "%06-30" in keys
    assert "%03-04" not in keys  # "march 4 miles" is a verb, not a date


def test_a_shared_date_pulls_reports_of_one_event_together():
    # two fights of one invented boxer in one town: only the opponents and the dates differ
    a1 = ("Orsolya Vance retains title", "Orsolya Vance retained her title in Kellport on April 3, 2040, against challenger Mina Tarrow.")
    a2 = ("Vance keeps her belt", "On April 3, 2040 the champion Orsolya Vance kept her belt in Kellport, stopping Tarrow.")
    b1 = ("Orsolya Vance retains title again", "Orsolya Vance retained her title in Kellport on October 19, 2042, against challenger Juna Belski.")

    def margin(date_boost: float) -> float:
        options = default_options(extra={"story_date_boost": date_boost})
        index = regroup(docs([(k, "o", None, t, b) for k, (t, b) in (("a1", a1), ("a2", a2), ("b1", b1))]), options)
        from rashomon.stories.group import doc_weights

        vecs = {k: index.doc_vector(doc_weights(d, index.params)) for k, d in zip(("a1", "a2", "b1"), docs(
            [(k, "o", None, t, b) for k, (t, b) in (("a1", a1), ("a2", a2), ("b1", b1))]))}

        def cos(x: str, y: str) -> float:
            (vx, nx), (vy, ny) = vecs[x], vecs[y]
            return sum(w * vy.get(t, 0.0) for t, w in vx.items()) / (nx * ny)

        return cos("a2", "a1") - cos("a2", "b1")

    assert margin(3.0) > margin(0.0)


def test_stories_shared_resolved_entities_join_a_small_corpus_story() -> None:
    """Two outlets' accounts of one event, worded apart: in a corpus of three, idf is flat and the
    cosine alone stays under the threshold; five shared resolved names carry the join (and with
    the entity rule switched off, the same pair stays apart)."""
    from rashomon.config import default_options
    from rashomon.stories import StoryDoc, StoryIndex, assign_stories

    names = ["Odile Brask", "Port Venn", "Mardova", "Harbour Authority of Venn", "Tarn Ferries"]
    shared = " ".join(names) + "."
    a = StoryDoc("a1", "a", "article", "Ferry owner blames harbour pilots for collision",
                 shared + " The operator insisted the crew obeyed every order from the tower, that the radar "
                 "worked and that the weather was calm. Passengers described a loud bang and broken glass "
                 "in the lounge. Insurers, lawyers and unions gathered at the terminal. Pell Ridge, Ostmark, "
                 "Kell Bay, Saria Doune, Imre Tolvan and the Lantern Guild also commented.",
                 "2031-04-02", "Coast Daily", names + ["Pell Ridge", "Ostmark", "Kell Bay", "Saria Doune", "Imre Tolvan"])
    b = StoryDoc("b1", "b", "article", "Watchdog to question executive over damaged jetty",
                 shared + " Investigators will interview executives this week about concrete cracks, repair "
                 "costs and missing logbooks. Fishermen complained that their moorings are blocked, and "
                 "tourism officials fear cancelled bookings. Dora Quill, Henfield, Usk Marra, Bel Oran, "
                 "Tomas Heyne and the Quay Traders spoke too.",
                 "2031-04-03", "Venn Courier", names + ["Dora Quill", "Henfield", "Usk Marra", "Bel Oran", "Tomas Heyne"])
    c = StoryDoc("c1", "c", "article", "Orchard growers expect record apple harvest",
                 "Growers in the Lune valley expect their best harvest in a decade after a warm spring.",
                 "2031-04-03", "Farm Weekly", ["Lune"])
    options = default_options()
    got = assign_stories([a, b, c], StoryIndex.from_bytes(None, options), options)
    assert got["a1"] == got["b1"] != got["c1"]
    off = default_options(extra={"story_entity_join": 999})
    plain = assign_stories([a, b, c], StoryIndex.from_bytes(None, off), off)
    assert plain["a1"] != plain["b1"]


def test_an_undated_article_finds_a_dated_story_years_older_than_the_latest() -> None:
    """A saved page without a date may belong to any story, not only to the newest weeks'."""
    opts = default_options()
    index = StoryIndex(opts)
    old = [r for r in CORPUS if r[0].startswith("velmora")]
    assign_stories(docs([(a, o, "2019-03-0" + p[-1], t, b) for a, o, p, t, b in old]), index, opts)
    assign_stories(docs([r for r in CORPUS if not r[0].startswith("velmora")]), index, opts)
    undated = StoryDoc(article="velmora-3", source="invented://velmora-3", kind="article",
                       title="Velmora harbour market: the search for survivors goes on",
                       body="Mayor Anika Sorel said rescuers in Velmora were still searching the rubble of the "
                            "harbour market that collapsed in the 6.2 earthquake.",
                       published=None, outlet="Harbour Post")
    placed = assign_stories([undated], index, opts)
    assert placed["velmora-3"] == index.story_of("velmora-1")


# A city-hall beat: Mayor Ilka Voss, the city council and Brannock City are in every story; only
# the details (a library, a bus depot, a market, a pool) tell the stories apart.
BEAT = [
    ("library-1", "Brannock Herald", "2031-05-02", "Council votes to close Fenwick Street library",
     "Mayor Ilka Voss and the Brannock City Council voted to close the Fenwick Street library. Librarian Oda Prell "
     "said the Fenwick Street branch served four thousand readers."),
    ("depot-1", "Brannock Herald", "2031-05-03", "Council approves electric bus depot at Harrow Yard",
     "Mayor Ilka Voss and the Brannock City Council approved an electric bus depot at Harrow Yard. Engineer "
     "Tamsin Lode said the Harrow Yard depot would hold sixty buses."),
    ("market-1", "Brannock Herald", "2031-05-04", "Council moves the Saturday market to Quell Square",
     "Mayor Ilka Voss and the Brannock City Council moved the Saturday market to Quell Square. Trader Juno Pell "
     "said Quell Square had no shade."),
    ("pool-1", "Brannock Herald", "2031-05-05", "Ashgrove pool to reopen after repairs",
     "Swimmers will return to the Ashgrove pool once its roof is repaired, Mayor Ilka Voss told the Brannock City "
     "Council. Coach Rufus Dane said the Ashgrove pool had been shut for two summers."),
]
BEAT_NAMES = {"library": ["Ilka Voss", "Brannock City Council", "Brannock City", "Fenwick Street", "Oda Prell"],
              "depot": ["Ilka Voss", "Brannock City Council", "Brannock City", "Harrow Yard", "Tamsin Lode"],
              "market": ["Ilka Voss", "Brannock City Council", "Brannock City", "Quell Square", "Juno Pell"],
              "pool": ["Ilka Voss", "Brannock City Council", "Brannock City", "Ashgrove", "Rufus Dane"]}


def beat_docs(resolved: bool = True) -> list[StoryDoc]:
    return [StoryDoc(article=a, source=f"invented://{a}", kind="article", title=t, body=b, published=p, outlet=o,
                     entities=BEAT_NAMES[a.split("-")[0]] if resolved else []) for a, o, p, t, b in BEAT]


@pytest.mark.parametrize("rare, stories", [(0.05, 4), (1.0, 3)])
def test_names_every_story_of_a_beat_holds_do_not_lower_the_join(rare: float, stories: int) -> None:
    """Three council stories are known; a fourth shares with each only the mayor, the council and
    the city, which all three hold: under entity_rare they carry no join and it stays apart;
    counted as any names (entity_rare 1) they pull it into one of the three."""
    from rashomon.stories.group import _rare

    options = default_options(extra={"story_entity_rare": rare})
    index = StoryIndex.from_bytes(None, options)
    first, pool = beat_docs(resolved=False)[:3], beat_docs()[3]
    assign_stories(first, index, options)  # on their words alone: three stories
    for doc, names in zip(first, BEAT_NAMES.values()):  # as if their names were resolved later
        story = index.stories_by_id[index.story_of(doc.article)]
        index.add_weights(story, {"@" + n.lower(): 1.0 for n in names}, 1.0)
    common = {"@ilka voss", "@brannock city council", "@brannock city"}
    assert all(index.name_stories[t] == 3 for t in common)
    assert _rare(index, common | {"@harrow yard"}) == (common | {"@harrow yard"} if rare == 1.0 else {"@harrow yard"})
    assign_stories([pool], index, options)
    assert len(index.stories()) == stories


def test_name_story_counts_follow_moves_and_survive_a_round_trip() -> None:
    """name_stories is what the centroids hold: after a regroup's moves and splits and after to_bytes."""
    from collections import Counter

    options = default_options()
    index = regroup(docs() + beat_docs(), options)
    recount = Counter(t for s in index.stories_by_id.values() for t in s.centroid if t.startswith("@"))
    assert +index.name_stories == recount
    again = StoryIndex.from_bytes(index.to_bytes(), options)
    assert +again.name_stories == recount
