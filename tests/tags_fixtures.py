"""Invented stories of several kinds, each with the IPTC top-level subject a reader would give it.

Made up for the tag tests: no real event, outlet or person. Each is a title and a lead, as the
topic tagger reads an article."""

from __future__ import annotations

# (expected subject slug, title, lead)
KINDS: list[tuple[str, str, str]] = [
    ("disaster", "Fire guts textile factory in Orvell, four workers dead",
     "A fire tore through a textile factory on the edge of Orvell on Tuesday night, killing four workers and "
     "injuring eleven. Firefighters needed six hours to bring the blaze under control. Survivors said the "
     "emergency exits were locked."),
    ("labour", "Transit workers walk out as pay talks with city collapse",
     "Bus and tram drivers in Castrane began a 48-hour strike on Monday after their union rejected the city "
     "transit authority's pay offer. The union says wages have fallen behind rents for five years and is "
     "demanding a nine percent raise."),
    ("sport", "Midfielder Kovar joins Harlow United for record fee",
     "Harlow United have signed midfielder Dani Kovar from Ostrava Athletic for a club-record fee, the club "
     "announced on Friday. The 24-year-old signed a five-year contract and will wear the number eight shirt "
     "in the league this season."),
    ("politics", "Governing coalition loses confidence vote in Marrow parliament",
     "The coalition government of Prime Minister Alis Denk lost a confidence vote in parliament on Thursday "
     "by 112 votes to 98. Opposition parties called for early elections, and the president said she would "
     "consult party leaders before naming a new cabinet."),
    ("crime", "Jeweller's robbery suspect charged after month-long inquiry",
     "Police in Lennick have charged a 31-year-old man with armed robbery over the theft of watches and rings "
     "from a jeweller's shop last month. Detectives said he was arrested at a motorway service station and "
     "will appear before magistrates on Monday."),
    ("health", "Measles cases rise as clinics extend vaccination hours",
     "Health officials in the Pellam region reported 46 new measles cases this week, most among unvaccinated "
     "children. Hospitals have set up isolation wards and family doctors are opening their clinics on "
     "weekends to vaccinate patients."),
    ("economy", "Central bank raises interest rate as inflation hits 7%",
     "The central bank raised its main interest rate by half a point to 4.5 percent on Wednesday, after "
     "consumer prices rose 7 percent over the year. Mortgage lenders are expected to pass on the increase, "
     "and shares in retail banks rose on the markets."),
    ("conflict", "Shelling resumes along border despite ceasefire",
     "Artillery fire hit villages on both sides of the Tasso border overnight, breaking a ceasefire agreed "
     "last week. The army said two soldiers were killed, and the rebel command accused government troops of "
     "launching the attack."),
    ("science", "Team maps deep-sea vents with autonomous submarine",
     "Researchers at the Keller Institute used an autonomous submarine to map hydrothermal vents three "
     "kilometres below the surface, the scientists reported in a study published on Monday. The robot "
     "collected samples of microbes never seen before."),
    ("environment", "Wetland birds return after river pollution clean-up",
     "Herons and storks are nesting again in the Avel wetlands, five years after a clean-up removed "
     "industrial pollution from the river. Conservation groups said the number of breeding pairs of "
     "endangered species has tripled."),
    ("arts", "Debut novel by former nurse wins Larch book prize",
     "A debut novel about a hospital night shift has won this year's Larch Prize for fiction, the judges "
     "announced at a ceremony at the city museum. The author, who worked as a nurse for twenty years, "
     "said she wrote the book on her days off."),
    ("weather", "Heavy snow and frost forecast for the weekend",
     "Forecasters have warned of heavy snow across the northern hills this weekend, with temperatures "
     "falling to minus twelve at night. The meteorological office issued a yellow warning for ice on "
     "roads from Friday evening."),
    ("education", "Teachers and parents split over new school exam timetable",
     "The education ministry will move final school exams to May from next year, giving pupils two weeks "
     "less to revise. Head teachers say the change was made without consulting schools, while universities "
     "welcomed the earlier results."),
    ("religion", "Cathedral reopens after restoration as bishop leads first service",
     "The cathedral of Sant Orel reopened on Sunday after a four-year restoration, with the bishop leading "
     "the first mass before a congregation of two thousand worshippers. The clergy said the church would "
     "hold daily prayers again."),
]
