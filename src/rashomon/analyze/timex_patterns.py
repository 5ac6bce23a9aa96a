"""Which strings are time expressions: the pattern table and the longest-match scan.

Each rule is (name, regex, normaliser from ``timex_rules``). Every rule scans the whole text;
overlapping matches are resolved longest first, then left to right, and normalised in text
order so that 'the quarter' or 'the next day' can look back at what came before.
"""

from __future__ import annotations

import re
from typing import Callable

from rashomon.analyze import timex_periods as p
from rashomon.analyze import timex_rules as r
from rashomon.analyze.timex_rules import (
    _B, _E, CALUNIT, DAYNUM, DIRWORD, MOD, MONTH, NUM, PART, TZ, UNIT, WEEKDAY, YEAR4, Candidate, Ctx,
)

Normaliser = Callable[[re.Match[str], Ctx], "tuple[str, str] | None"]

_DEIC = "|".join(sorted(r.DEICTIC, key=len, reverse=True))  # plain words: no escaping needed
_REFS = "|".join(sorted(r.REFS, key=len, reverse=True))
_POD = r"(?:morning|afternoon|evening|night)"
_WDPRE = rf"(?:{WEEKDAY},? )?"
_HOL = (
    r"(?-i:Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|New Year’s (?:Day|Eve)|Thanksgiving(?: Day)?"
    r"|Easter(?: Sunday| Monday)?|Halloween|Valentine's Day|Victory Day|Independence Day|Election Day)"
)
_QW = r"(?:latest|last|current|previous|same|year-ago|year-earlier|prior-year|comparable|recent|fiscal|year-before|second|first)"

_SPELLED = (
    r"(?P<cent>nineteen|eighteen) (?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen)"
)

RULES: list[tuple[str, str, Normaliser]] = [
    ("iso", rf"{_B}(?P<y>\d{{4}})-(?P<mo>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?{_E}", r.iso_date),
    ("dmy", rf"{_B}{_WDPRE}(?:the )?(?P<day>{DAYNUM})(?: of)? (?P<mon>{MONTH})(?:,? (?P<yr>{YEAR4}))?(?!\w)", r.day_month),
    ("mdy", rf"{_B}{_WDPRE}(?P<mon>{MONTH}) (?:the )?(?P<day>{DAYNUM})(?!\d|:\d)(?:,? (?P<yr>{YEAR4}))?(?![\w%])", r.day_month),
    ("month_year", rf"{_B}(?:{PART} |(?:early|late|mid)-)?(?P<mon>{MONTH}),?(?: of)? (?P<yr>{YEAR4}){_E}", r.month_year),
    ("month", rf"{_B}(?:(?P<part>{PART} |(?:early|late|mid)-))?(?:(?P<dw>last|next|this|past|coming|early|late) )?(?P<mon>{MONTH})(?![\w-])", r.month_only),
    ("year", rf"(?<![\w$£€.,/'’-])(?:(?:{PART}|fiscal|the year|calendar|the end of|the summer of|the spring of|the autumn of|the fall of|the winter of) |(?:early|late|mid|pre|post)-)?(?P<yr>{YEAR4})(?![\w%$]|,\d|\.\d|-\d|/\d|s\b)", r.year),
    ("decade", rf"{_B}(?:the )?(?:{PART} |(?:early|late|mid)-)?(?:(?P<dec4>1[0-9]\d0|20[0-9]0)s|'(?P<dec2>\d)0s){_E}", r.decade),
    ("decade_word", rf"{_B}the (?:(?:early|late|mid-?) ?)?(?:nineteen[- ])?(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties){_E}", p.decade_word),
    ("century", rf"{_B}(?:the )?(?:{PART} |(?:early|late|mid)-)?(?P<cn>1\d|2[01]|[1-9])(?:st|nd|rd|th)[- ]century{_E}", r.century),
    ("weekday", rf"{_B}(?:(?P<dw>last|next|this|past|coming|early|late|early on|late on) )?(?P<wd>{WEEKDAY})(?: (?P<pod>{_POD}))?(?!\w)", r.weekday),
    ("deictic", rf"{_B}(?P<deic>{_DEIC})(?: (?P<pod>morning|afternoon|evening))?{_E}", r.deictic),
    ("pod_deictic", rf"{_B}(?:mid[- ]?|early |late )?(?P<pod>morning|afternoon|evening) (?P<deic>yesterday|today|tomorrow){_E}", r.deictic),
    ("mid_pod", rf"{_B}(?:mid[- ]?|early |late )(?P<pod>morning|afternoon)(?! (?:of|on)\b){_E}", p.mid_pod),
    ("part_of_today", rf"{_B}(?P<pw>this|last) (?P<pod>morning|afternoon|evening|night){_E}", r.part_of_today),
    ("this_moment", rf"{_B}this (?:[a-z]+ )?moment{_E}", r.present_ref),
    ("some_day", rf"{_B}(?:will|would|could|might|may|can|should|must|shall) (?P<x>one day|someday|some day)(?= [a-z])", r.some_day),
    ("ref", rf"{_B}(?P<ref>{_REFS}){_E}", r.ref),
    ("cal_relative", rf"{_B}(?:(?:{PART}) )?(?P<the>the )?(?P<dw>{DIRWORD}) (?P<cu>{CALUNIT}){_E}", r.cal_relative),
    # 'three days later/after/before' is the duration 'three days' (TimeML: the adverb is a signal
    # tying it to another event, not to the DCT); '… ago', '… from now' and 'a year earlier' are dates.
    ("ago", rf"{_B}(?:{MOD} )?(?P<n>{NUM}) (?:more )?(?P<u>{UNIT})s?(?: (?P<rel>ago|from now|hence)|(?<=year)\s+(?P<rel2>earlier|before(?! (?:the|a|an|his|her|their|its|he|she|they|it|we|i)\b))){_E}", r.ago),
    ("duration", rf"{_B}(?:{MOD} (?!the ))?(?:the )?(?:(?:first|last|past|next|coming|previous|following|final|latest|recent|initial|remaining|entire|full) )?(?P<n>{NUM})(?: more| full| straight| consecutive| long| additional| extra| further)?(?: trading| business| working)? (?P<u>{UNIT})s?(?P<half> and a half)?(?: (?:long|old|straight|running))?(?![\w-])", r.dur),
    ("duration_adj", rf"{_B}(?P<n>\d+|{NUM})-(?P<u>year|month|week|day|hour|minute|decade|century)(?:-long|-old)?(?![\w-])", r.dur),
    ("units_ahead", rf"{_B}the (?P<u>days|weeks|months|years) ahead{_E}", r.bare_plural),
    ("recent_units", rf"{_B}recent (?P<u>days|weeks|months|years|quarters|decades){_E}", r.bare_plural),
    ("bare_units", rf"{_B}(?:for|within|in) (?P<x>(?P<u>hours|days|weeks|months|years|decades|centuries))(?=[.,;:!?]| (?:and|or|now|before|after|to come)\b)", r.bare_plural),
    ("past_unit", rf"{_B}(?:the )?(?:past|last|next|coming|previous|following) (?P<n>few|several|many)? ?(?P<u>years|months|weeks|days|hours|decades){_E}", r.bare_plural),
    ("month_rel_year", rf"{_B}(?P<mon>{MONTH}) (?:of )?(?P<dw>last|this|next) year{_E}", p.month_rel_year),
    ("year_quarter", rf"{_B}the (?:(?P<qyr>{YEAR4})|(?P<qw>year-ago|year-earlier|prior-year|comparable year-ago|comparable year-earlier)) (?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ])?(?:fiscal )?(?:quarter|period){_E}", p.year_quarter),
    ("quarter", rf"{_B}(?:(?P<yw>this year's|last year's|next year's)|the)? ?(?:(?:fiscal|calendar) )?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal )?(?:-|)quarter(?: of (?P<qyr>{YEAR4}))?{_E}", p.quarter),
    ("ref_quarter", rf"{_B}the (?:(?P<qw>{_QW}) )?quarter(?!ly|s|\w)(?! of| century)", p.ref_quarter),
    ("quarter_year_ref", rf"{_B}(?:(?P<yw>last|this|next) year['’]s (?:comparable |same |corresponding )?(?:quarter|period)|the (?:corresponding|comparable|same) (?:quarter|period) (?P<yw2>last year|a year ago|a year earlier|the previous year|the year before)){_E}", p.quarter_year_ref),
    ("latest_period", rf"{_B}the (?P<qw>latest|same|comparable) period{_E}", p.ref_quarter),
    ("year_ago_adj", rf"{_B}(?P<qw>year-earlier|year-ago|prior-year)(?![\w-])", p.year_ago_adj),
    ("year_ago_quarter", rf"{_B}(?:the )?(?P<qw>year-ago|year-earlier|prior-year) (?:quarter|period){_E}", p.ref_quarter),
    ("half", rf"{_B}the (?P<h>first|second|1st|2nd|last|latter) half(?: of (?P<hyr>{YEAR4}))?{_E}", p.half),
    ("clock", rf"(?<![\w$£€.,:'’-])(?P<hh>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<mm>[0-5]\d))?(?: ?(?P<ap>(?-i:a\.m\.|p\.m\.|a\.m|p\.m|am|pm|AM|PM)))?(?: (?:{TZ}))?(?:,? (?:on )?(?:(?P<cwd>{WEEKDAY})|(?P<cdx>today|yesterday|tomorrow)|(?P<mon>{MONTH}) (?P<day>{DAYNUM})(?:,? (?P<yr>{YEAR4}))?))?(?![\w:])", p.clock),
    ("noon", rf"{_B}(?P<nn>noon|midday|midnight)(?:,? (?:on )?(?:(?P<cwd>{WEEKDAY})|(?P<cdx>today|yesterday|tomorrow)))?{_E}", p.noon),
    ("month_spelled", rf"{_B}(?P<mon>{MONTH}),? (?:of )?{_SPELLED}{_E}", p.month_spelled),
    ("season_spelled", rf"{_B}(?:the )?(?P<season>summer|winter|spring|autumn|fall) of {_SPELLED}{_E}", p.season_spelled),
    ("spelled_year", rf"{_B}(?:the year )?(?:(?P<cent>nineteen|eighteen) (?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two thousand(?: and (?P<rest2>one|two|three|four|five|six|seven|eight|nine|ten))?){_E}(?! (?:people|dollars|years|of)\b)", p.spelled_year),
    ("weekend", rf"{_B}the weekend{_E}", p.weekend),
    ("year_ended", rf"{_B}(?P<x>the (?:fiscal |financial )?year)(?= (?:ended|ending|to) )", p.year_ended),
    ("the_year", rf"{_B}(?:for|of|throughout|during) (?P<x>the (?:fiscal )?year)(?![\w'’-]| (?:before|after|earlier|later|ago|ended|ending|to|of|in which|when)\b)", p.this_year_ref),
    ("this_year_ref", rf"{_B}(?:the (?:full|current|current fiscal|calendar) year|(?:the )?year[- ]end|year['’]s end|(?:the (?:end|beginning|start|middle) of|(?:earlier|later) in) the year){_E}", p.this_year_ref),
    ("season", rf"{_B}(?:the )?(?:(?:early|late|mid-?) ?)?(?P<season>summer|winter|spring|autumn|(?<=the\s)fall)(?: of (?P<syr>{YEAR4}))?(?![\w-])", p.season),
    ("every", rf"{_B}(?:every|each) (?:other )?(?:single )?(?P<eu>day|week|month|year|morning|evening|night|afternoon|weekend|hour|quarter|{WEEKDAY}){_E}", p.every),
    ("adverb_set", rf"{_B}(?P<adv>daily|nightly|weekly|monthly|hourly|yearly){_E}", p.adverb_set),
    ("frequency", rf"{_B}(?:once|twice|three times|four times|\w+ times) (?:a|per|an|each|every) (?P<u>day|week|month|year|hour){_E}", p.frequency),
    ("holiday", rf"{_B}(?P<hol>{_HOL})(?: (?P<hyr>{YEAR4}))?{_E}", p.holiday),
    ("that_unit", rf"{_B}(?:(?:earlier|later) (?:in )?)?that (?P<u>year|month){_E}", r.that_unit),
    ("long_adj", rf"{_B}(?P<u>day|week|month|year|hour|decade|centur(?:y|ie))(?P<pl>s?)-long(?![\w-])", p.long_adj),
    ("anaphoric", rf"{_B}(?P<ana>the (?:next|following|previous|same) day|that (?:same )?day|the next morning){_E}", p.anaphoric_day),
]
# A space in a pattern stands for any run of whitespace (line breaks inside expressions).
COMPILED = [(name, re.compile(rx.replace(" ?", r"\s*").replace(" ", r"\s+"), re.IGNORECASE), fn) for name, rx, fn in RULES]

# Cheap keyword triggers: a rule's full pattern only runs in windows around its trigger's hits,
# which keeps the scan a small fraction of the parser's cost on long articles.
_T_MONTH = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_T_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_T_UNIT = r"year|month|week|day|hour|minute|second|decade|centur|quarter|fortnight"
TRIGGERS: dict[str, str] = {
    "iso": r"\d{4}-\d", "dmy": _T_MONTH, "mdy": _T_MONTH, "month_year": _T_MONTH, "month": _T_MONTH,
    "year": r"\d{4}", "decade": r"0s\b", "century": r"century", "decade_word": r"ties\b", "weekday": _T_WD,
    "deictic": r"today|tonight|yesterday|tomorrow", "part_of_today": r"morning|afternoon|evening|night", "pod_deictic": r"yesterday|today|tomorrow", "mid_pod": r"morning|afternoon",
    "some_day": r"day", "this_moment": r"moment", "ref": r"now|current|recent|lately|past|future|present|these days|moment|term|later date",
    "cal_relative": _T_UNIT + r"|summer|fall|autumn|winter|spring", "ago": _T_UNIT, "duration": _T_UNIT,
    "duration_adj": _T_UNIT, "past_unit": _T_UNIT, "recent_units": r"recent", "units_ahead": r"ahead", "bare_units": r"hours|days|weeks|months|years|decades|centuries", "quarter": r"quarter",
    "ref_quarter": r"quarter", "latest_period": r"period", "quarter_year_ref": r"quarter|period", "year_quarter": r"quarter|period", "month_rel_year": r"year", "year_ago_quarter": r"year-", "year_ago_adj": r"year-|prior-year", "half": r"half", "clock": r"\d[:.]\d\d|\d ?[ap]\.?m\b",
    "noon": r"noon|midday|midnight", "spelled_year": r"nineteen|eighteen|thousand", "month_spelled": r"nineteen|eighteen", "season_spelled": r"nineteen|eighteen", "weekend": r"weekend", "this_year_ref": r"year", "year_ended": r"year", "the_year": r"year", "season": r"summer|winter|spring|autumn|fall",
    "every": r"every|each", "adverb_set": r"daily|nightly|weekly|monthly|hourly|yearly", "frequency": r"times|once|twice",
    "holiday": r"Christmas|New Year|Thanksgiving|Easter|Halloween|Valentine|Victory|Independence|Election Day",
    "anaphoric": r"day|morning", "that_unit": r"that", "long_adj": r"-long",
}
_CASED = {"dmy", "mdy", "month_year", "month", "holiday"}  # triggers matched on the original text
# Case-insensitive alternations are ten times slower in ``re``: the others run on a lowered copy.
_TRIGGER_RX = {name: re.compile(rx) for name, rx in TRIGGERS.items()}
_BEFORE, _AFTER = 70, 60


def _windows(text: str, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """Disjoint (start, end) windows around the trigger's hits, ends pushed to whitespace."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in trigger.finditer(text):
        s, e = max(0, m.start() - _BEFORE), min(n, m.end() + _AFTER)
        while e < n and not text[e].isspace():
            e += 1
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def find_timexes(text: str, ctx: Ctx) -> list[Candidate]:
    """Every time expression in ``text`` with its TIMEX3 type and value, in text order."""
    matches: list[tuple[int, int, int, str, re.Match[str], Normaliser]] = []
    seen: dict[tuple[str, bool], list[tuple[int, int]]] = {}
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two; keep offsets aligned
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for order, (name, rx, fn) in enumerate(COMPILED):
        trigger = _TRIGGER_RX.get(name)
        if trigger is None:
            windows = [(0, len(text))]
        else:
            key = (trigger.pattern, name in _CASED)
            if key not in seen:
                seen[key] = _windows(text if name in _CASED else low, trigger)
            windows = seen[key]
        for m in (m for ws, we in windows for m in rx.finditer(text, ws, we)):
            s, e = m.span("x") if "x" in rx.groupindex else m.span()
            while e > s and text[e - 1] in " ,":
                e -= 1
            while s < e and text[s].isspace():  # an optional word's ' ?' may have matched a line break
                s += 1
            if e > s and text[s:e].strip():
                matches.append((s, e, order, name, m, fn))
    matches.sort(key=lambda t: (-(t[1] - t[0]), t[2], t[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for s, e, order, name, m, fn in matches:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        chosen.append((s, e, name, m, fn))
    chosen.sort(key=lambda t: t[0])
    out: list[Candidate] = []
    ctx.text = text
    for s, e, name, m, fn in chosen:
        try:
            res = fn(m, ctx)
        except (ValueError, KeyError, OverflowError, TypeError):
            res = None
        if res is not None and res[1]:
            out.append(Candidate(s, e, res[0], res[1], name, text[s:e]))
    return out
