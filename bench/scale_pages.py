"""Invented news pages for ``bench/scale.py``: many stories of a few to a few dozen reports each, as
in a real crawl (all text written for the benchmark: plant fires, transit strikes, player transfers).

``tests/pipeline_pages.write_pages`` gives every page one of 8 town-and-event pairs, so 256 pages are
about 6 stories of 40 reports, and 1,000 pages 3 stories of 300, whose comparison (quadratic in a
story's claims) then dwarfs every other stage and gives a second worker only 3 items to share.
"""

from __future__ import annotations

import random
from pathlib import Path

TOWNS = [a + b for a in ("Ash", "Brack", "Corr", "Dun", "Elder", "Fenn", "Garrow", "Holt")
         for b in ("ford", "mere", "wick", "stead")]
FIRST = ["Agnes", "Bram", "Celia", "Dorian", "Edda", "Florin", "Greta", "Hamid", "Ilse", "Jonas", "Katya",
         "Leopold", "Mina", "Nils", "Oona", "Pavel", "Quinn", "Rosalind", "Stellan", "Tamsin"]
LAST = ["Abernethy", "Brzezinski", "Castellano", "Drummond", "Eriksen", "Fairweather", "Gallagher", "Halvorsen",
        "Ibarra", "Jablonski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okonkwo", "Pellegrini",
        "Quist", "Rasmussen", "Szabo", "Thorne"]
FIRMS = (["Orbital", "Redline", "Sable", "Tern", "Umber", "Vantage", "Wexley", "Yarrow", "Keel", "Lumen"],
         ["Castings", "Polymers", "Foods", "Logistics", "Textiles", "Glassworks", "Paints", "Batteries"])
CLUBS = ["Athletic", "Rovers", "United", "Wanderers"]
KINDS = [
    ("fire", "A fire at the {firm} plant in {town} forced {n} workers out before dawn",
     "Fire crews said the blaze started in the drying hall and spread to the storage yard."),
    ("strike", "Bus and tram drivers in {town} walked out over pay, leaving {n} routes without service",
     "The transit authority said replacement coaches would run only on the two busiest lines."),
    ("transfer", "{town} {club} agreed to sell their captain for a fee said to be {n} million",
     "Supporters gathered outside the training ground as the medical was carried out."),
    ("recall", "{firm} recalled {n} thousand units made at its {town} site after a safety test failed",
     "Retailers were told to take the affected batches off their shelves by the weekend."),
    ("flood", "A burst water main flooded {n} streets of central {town} during the morning rush",
     "Engineers from the water company worked through the night to isolate the damaged section."),
    ("layoffs", "{firm} told staff at its {town} works that {n} jobs would go by the end of the year",
     "Union officials said they had not been consulted before the announcement was made."),
]
VERBS = ["said", "told reporters", "insisted", "claimed", "warned", "added", "argued", "conceded", "stressed"]
ROLES = ["the site manager", "a shift supervisor", "the union's regional organiser", "a council engineer",
         "the chair of the residents' association", "a spokesperson for the operator", "the deputy mayor",
         "an independent safety consultant"]
STREETS = (["Quarry", "Mill", "Station", "Kiln", "Orchard", "Canal", "Bell", "Tanner", "Rope", "Weaver", "Chapel",
            "Foundry"], ["Lane", "Road", "Parade", "Street", "Row", "Walk"])
# sentence templates; each report draws its own few, with its own numbers, as outlets word a story differently
DETAILS = [
    "An inquiry led by {b} is expected to report its first findings within {m} weeks.",
    "Councillors in {town} asked for the full inspection records to be published by {day}.",
    "Shops along {street} said they had lost {m} days of trade since the start of the week.",
    "A hotline for families who want to ask about compensation took {n} calls on its first day.",
    "Insurers are due to send {m} assessors to {street} before the end of the month.",
    "The regional authority declined to say when {firm} would be allowed to resume work.",
    "Opposition members called the response in {town} slow and poorly coordinated.",
    "Volunteers handed out food and water at the community hall on {street} until late on {day}.",
    "According to {role}, the first complaint was logged {m} months before the incident.",
    "{a} said that {n} residents had signed a petition asking for an independent review.",
    "Police closed {street} to traffic and diverted buses through the outskirts of {town}.",
    "The company's shares fell by {m} per cent in early trading after the news broke.",
    "{role} told the meeting that {n} households were still waiting for an update.",
    "Records seen by the paper show that {m} earlier warnings were filed about the same problem.",
    "The mayor of {town} is expected to visit {street} on {day} with representatives of {firm}.",
    "A statement from {firm} described the events as regrettable and promised a full account.",
    "Local schools near {street} stayed open, although {m} classes were moved to other buildings.",
    "{b} disputed the figures, saying that no more than {m} families had been affected.",
    "Emergency funding of {n} thousand was approved by the council at a late sitting on {day}.",
    "Residents of {street} described hearing a loud bang shortly before {m} o'clock.",
    "The national regulator said it had opened a file on {firm} and would publish its view later.",
    "Campaigners plan a march through the centre of {town} on {day} to demand answers.",
    "{role} said staff had followed every procedure and rejected any suggestion of negligence.",
    "Officials counted {m} incidents of this kind in {town} since the rules were changed.",
]
QUOTES = ["We raised this months ago and nobody listened", "Nobody from {firm} has knocked on a single door",
          "This town deserves a straight answer", "We were told everything was under control",
          "I have lived in {town} all my life and never seen anything like it", "The warnings were there in black and white",
          "They knew, and they chose to wait", "Give us the records and let people judge for themselves",
          "My neighbours are frightened and they are angry", "Every week of delay costs families in {town} money"]
CLAIMS = ["the warnings had reached the authority in writing", "{firm} had cut the maintenance budget twice",
          "the inspection in the spring had found nothing wrong", "the council had been told about the risk last year",
          "no one at {firm} had been disciplined", "the figures given by the company were too low",
          "the emergency plan for {town} was out of date", "the repairs could not start before the autumn",
          "the operator had ignored three letters from residents", "the regulator had approved the work in {town}"]
TITLES = ["{town}: {kind} leaves questions for {firm}", "Anger on {street} after {town} {kind}",
          "{name} demands answers over {kind} in {town}", "{firm} under pressure as {kind} hits {town}",
          "What we know about the {town} {kind}", "{street} residents count the cost of the {kind}",
          "{town} {kind}: council and {firm} trade blame", "Inquiry promised into {kind} on {street}"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["The Harbour Gazette", "Riverside Standard", "Upland Post", "Coastline Herald", "Metro Chronicle",
           "Valley Examiner"]


def _story_sizes(pages: int, rng: random.Random) -> list[int]:
    """Story sizes summing to ``pages``: mostly a handful of reports, a few stories of a few dozen."""
    sizes: list[int] = []
    while sum(sizes) < pages:
        sizes.append(rng.choice((2, 3, 4, 5, 6, 8, 10, 12, 16, 24)))
    sizes[-1] -= sum(sizes) - pages
    return [s for s in sizes if s > 0]


def page_html(story: int, report: int) -> str:
    """Report ``report`` of invented story ``story``: the story's town, event and people, in another
    outlet's wording each time, with site furniture around it."""
    kind, lead, detail = KINDS[(story // len(TOWNS) + story) % len(KINDS)]
    town = TOWNS[story % len(TOWNS)]
    srng = random.Random(story)
    people = [f"{srng.choice(FIRST)} {srng.choice(LAST)}" for _ in range(3)]
    firm, club, n = " ".join(map(srng.choice, FIRMS)), srng.choice(CLUBS), srng.randint(12, 480)
    streets = [" ".join(map(srng.choice, STREETS)) for _ in range(2)]  # names of the story's own place
    quote, claim = srng.choice(QUOTES).format(firm=firm, town=town), srng.choice(CLAIMS).format(firm=firm, town=town)
    own = srng.sample(DETAILS, 7)  # the story's own details: its reports share them, other stories mostly not
    date = f"{srng.randint(1, 28)} {srng.choice(MONTHS)}"  # the day it happened, named by every report
    rng = random.Random(story * 1009 + report)
    outlet = OUTLETS[(story + report) % len(OUTLETS)]
    a, b = rng.sample(people, 2)
    title = srng.choice(TITLES).format(town=town, kind=kind, firm=firm, street=streets[0], name=people[0].split()[1])
    slots = {"town": town, "firm": firm, "a": a, "b": b, "n": n, "club": club}

    def fill(template: str) -> str:
        return template.format(**slots, m=rng.randint(2, 19), day=rng.choice(DAYS), role=rng.choice(ROLES),
                               street=rng.choice(streets))

    paras = [
        fill(lead) + f" on {date}, {rng.choice(ROLES)} confirmed.",
        detail if srng.random() < 0.2 else fill(own[-1]),
        f"\u201c{quote},\u201d {a} {rng.choice(VERBS)}, speaking on {rng.choice(streets)} to about {n // 4 + report} people.",
        f"{b}, {rng.choice(ROLES)}, {rng.choice(VERBS)} that {claim}.",
        *(fill(t) for t in rng.sample(own, 4)),
    ]
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    day = (story * 5 + report // 3) % 27 + 1
    month = story * 7 % 12 + 1
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="2032-{month:02d}-{day:02d}T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{title}</h1>
{body}
</article>
<footer>Copyright {outlet}. Sign up for our morning briefing.</footer>
</body></html>
"""


def write_pages(folder: Path, pages: int, seed: int = 7) -> list[Path]:
    """``pages`` report pages of many invented stories, the stories' reports interleaved as in a crawl."""
    rng = random.Random(seed)
    order = [(story, report) for story, size in enumerate(_story_sizes(pages, rng)) for report in range(size)]
    rng.shuffle(order)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (story, report) in enumerate(order):
        path = folder / f"page_{i:05d}.html"
        path.write_text(page_html(story, report), encoding="utf-8")
        paths.append(path)
    return paths
