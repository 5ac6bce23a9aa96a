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


# Three invented stories of different kinds, two or three outlets each, as JSONL records (url, title,
# outlet, published, text): a factory fire in Portugal, a transit strike in Belgium, a football transfer.
STORY_ARTICLES: list[dict[str, str]] = [
    {"kind": "disaster", "url": "https://northquay-herald.example/2026/05/04/orvell-factory-fire",
     "title": "Four dead as fire guts Orvell textile factory", "outlet": "Northquay Herald",
     "published": "2026-05-04",
     "text": "ORVELL, Portugal - A fire tore through the Vessa Textiles factory in Orvell on Monday night, killing "
             "four workers and injuring eleven, the fire brigade said.\n\n"
             "Firefighters needed six hours to bring the blaze under control. Fire chief Rui Almada said the "
             "flames spread from a storage room full of fabric.\n\n"
             "Survivors told reporters that two emergency exits at the Vessa Textiles plant were locked. "
             "Rui Almada said investigators would examine the exits.\n\n"
             "Portugal's civil protection agency sent ambulances from three towns near Orvell."},
    {"kind": "disaster", "url": "https://lisbon-ledger.example/news/orvell-blaze",
     "title": "Orvell factory blaze: locked exits blamed as death toll rises", "outlet": "Ledger of the Coast",
     "published": "2026-05-05",
     "text": "ORVELL, Portugal - The death toll from the fire at the Vessa Textiles factory in Orvell rose to five "
             "on Tuesday after a worker died of burns in hospital.\n\n"
             "Fire chief Rui Almada said the blaze began in a storage room and that rescuers had found two "
             "locked emergency exits. Injured workers were taken to hospitals in Orvell and nearby towns.\n\n"
             "Vessa Textiles said in a statement that the exits had been open during a safety inspection in "
             "March. Portugal's labour inspectors have opened an inquiry into the fire."},
    {"kind": "labour", "url": "https://castrane-courier.example/2026/05/11/transit-strike",
     "title": "Castrane bus and tram drivers strike over pay", "outlet": "Castrane Courier",
     "published": "2026-05-11",
     "text": "CASTRANE, Belgium - Bus and tram drivers in Castrane began a 48-hour strike on Monday after the "
             "TransCast union rejected the city transit authority's pay offer.\n\n"
             "TransCast leader Mireille Dufay said drivers' wages had fallen behind rents for five years and "
             "demanded a nine percent raise. The transit authority offered four percent.\n\n"
             "Commuters in Castrane queued for taxis and the few trains still running. Mireille Dufay said "
             "the union would hold a second strike next week if the offer stayed the same."},
    {"kind": "labour", "url": "https://lowgate-times.example/belgium/castrane-strike-day-two",
     "title": "Strike halts Castrane transport for second day as union and city trade blame",
     "outlet": "Lowgate Times", "published": "2026-05-12",
     "text": "CASTRANE, Belgium - No buses or trams ran in Castrane for a second day on Tuesday as the strike "
             "called by the TransCast union continued.\n\n"
             "Union leader Mireille Dufay told a rally of striking drivers that the transit authority had "
             "refused to negotiate. The authority said it could not afford the union's wage demand.\n\n"
             "Employers' groups in Belgium warned that the walkout was costing shops in Castrane thousands "
             "of euros a day. TransCast said talks would resume on Thursday."},
    {"kind": "sport", "url": "https://harlow-sport.example/2026/06/02/kovar-signs",
     "title": "Harlow United sign midfielder Dani Kovar", "outlet": "Harlow Sport Daily",
     "published": "2026-06-02",
     "text": "Harlow United have signed midfielder Dani Kovar from Ostrava Athletic for a club-record fee, the "
             "club announced on Tuesday.\n\n"
             "Dani Kovar, 24, signed a five-year contract and will wear the number eight shirt. Harlow United "
             "coach Piet Randal said Kovar would make the team stronger in midfield.\n\n"
             "Kovar scored eleven goals for Ostrava Athletic last season and played in every league match."},
    {"kind": "sport", "url": "https://terrace-report.example/transfers/kovar-harlow",
     "title": "Kovar completes record move to Harlow United", "outlet": "Terrace Report",
     "published": "2026-06-03",
     "text": "Dani Kovar has completed his move from Ostrava Athletic to Harlow United, who paid a club record "
             "to sign the midfielder.\n\n"
             "Piet Randal, the Harlow United coach, said the club had followed Kovar for two seasons. "
             "Ostrava Athletic fans said they were sad to see their best player leave.\n\n"
             "Dani Kovar passed a medical on Monday and trained with his new team mates before the league "
             "season starts in August."},
]
