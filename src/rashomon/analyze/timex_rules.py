"""The time-expression grammar: regular expressions, each with a normaliser to a TIMEX3 value.

Hand-written in the HeidelTime style (pattern + normalisation function) rather than built on
dateparser: dateparser resolves a string to one ``datetime`` and has no notion of TIMEX3
granularity (decades as 199X, durations as P24Y/PT24H, ISO weeks, quarters, seasons, PRESENT_REF),
nor of tense, and it finds no extents of its own beyond its ``search`` heuristics. It stays the
baseline in ``rashomon eval timex``. Extents follow TimeML: prepositions ("on", "in", "at")
stay outside, determiners and modifiers ("the", "late", "early", "the end of") inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from rashomon.analyze import timex_normalize as tn

Tense = Callable[[int, int], "str | None"]


@dataclass
class Ctx:
    """What a normaliser may look at: the DCT, the tense around a span, and the text so far."""

    dct: date | None
    tense: Tense = lambda s, e: None  # noqa: E731
    text: str = ""
    last_quarter: tuple[int, int] | None = None
    last_date: date | None = None
    last_month: tuple[int, int] | None = None  # (year, month) of the latest month or date named
    last_year: int | None = None  # the latest year named ('in 1995 ... the following year')
    last_kind: str = ""  # which of last_date / last_month / last_year the text named most recently


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    value: str
    rule: str
    text: str = ""


# ---- building blocks -------------------------------------------------------------------------
_B = r"(?<![\w'’-])"  # left word boundary (no hyphen/apostrophe compounds)
_E = r"(?![\w])"  # right word boundary
MONTH = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|a couple of|couple of|a dozen|half a dozen|a hundred|a few|several|some|many|a|an)"
)
NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?: 1/2)?|{NUMWORD})"
UNIT = r"(?:year|month|week|day|hour|minute|second|decade|centur(?:y|ie)|quarter|fortnight)"
MOD = r"(?:about|almost|nearly|roughly|around|approximately|more than|less than|over|under|at least|at most|some|just|only|up to|fewer than)"
PART = (
    r"(?:early|late|mid|earlier|later|the (?:beginning|start|end|middle|close|first half|second half"
    r"|first part|latter part|turn) of|(?:early|late) in)"
)
TZ = r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|MSK|local time|Moscow time)"
DIRWORD = r"(?:last|next|this|past|coming|previous|following|current)"
CALUNIT = r"(?:week|month|year|quarter|decade|century|weekend|summer|fall|autumn|winter|spring)"
DEICTIC = {
    "today": ("day", 0), "tonight": ("day", 0), "yesterday": ("day", -1), "tomorrow": ("day", 1),
    "the day before yesterday": ("day", -2), "the day after tomorrow": ("day", 2),
}
REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "current": "PRESENT_REF",
    "the past": "PAST_REF", "in the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the coming years": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "a later date": "FUTURE_REF", "future quarters": "FUTURE_REF",
    "future years": "FUTURE_REF", "future months": "FUTURE_REF",
}


def _x(m: re.Match[str], name: str) -> str:
    return m.group(name) or ""


def _dir(word: str) -> str:
    w = word.lower()
    return {"past": "last", "previous": "last", "coming": "next", "following": "next", "current": "this"}.get(w, w)


def _tense_dir(ctx: Ctx, m: re.Match[str], default: str = "past") -> str:
    t = ctx.tense(m.start(), m.end())
    return "future" if t == "future" else default if t is None else "past"


_WD_EXPLICIT = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next"}


def weekday_dir(ctx: Ctx, m: re.Match[str], word: str | None = None) -> str:
    """Which way a bare weekday points from the DCT: 'last'/'next' when the text says so;
    else the tense of its clause (future forward, past back); else the nearest such day.
    ('late on Tuesday', 'this Tuesday' and present-tense plans carry no direction of their own.)"""
    explicit = _WD_EXPLICIT.get((word or "").lower())
    if explicit:
        return explicit
    t = ctx.tense(m.start(), m.end())
    return t if t in ("future", "past") else "nearest"


# ---- normalisers -----------------------------------------------------------------------------
def iso_date(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    try:
        dd = date(y, mo, d)
    except ValueError:
        return None
    ctx.last_date, ctx.last_kind = dd, "day"
    if m["h"]:
        return "TIME", f"{dd.isoformat()}T{m['h']}:{m['mi']}"
    return "DATE", dd.isoformat()


def day_month(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    mo = tn.month_number(m["mon"])
    d = int(re.match(r"\d+", m["day"]).group())  # type: ignore[union-attr]
    if mo is None:
        return None
    if m["yr"]:
        y: int | None = int(m["yr"])
    elif ctx.dct:
        y = tn.day_month_year(ctx.dct, mo, d, ctx.tense(m.start(), m.end()))
    else:
        y = None
    try:
        dd = date(y or 2000, mo, d)
    except ValueError:
        return None
    if y is None:
        return "DATE", f"XXXX-{mo:02d}-{d:02d}"
    ctx.last_date = dd
    _named(ctx, y, mo, "day")
    return "DATE", dd.isoformat()


def _named(ctx: Ctx, y: int, mo: int | None = None, kind: str = "") -> None:
    """Remember the latest year (and month) the text names, for 'that year', 'the following month'."""
    ctx.last_year = y
    ctx.last_month = (y, mo) if mo else None
    ctx.last_kind = kind or ("month" if mo else "year")


def month_year(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    mo = tn.month_number(m["mon"])
    if mo:
        _named(ctx, int(m["yr"]), mo)
    return ("DATE", tn.fmt_month(int(m["yr"]), mo)) if mo else None


def month_only(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    word = m["mon"]
    if word.rstrip(".") == "May" and not (m["dw"] or m["part"] or _may_context(ctx.text, m.start("mon"))):
        return None
    mo = tn.month_number(word)
    if mo is None:
        return None
    if ctx.dct is None:
        return "DATE", f"XXXX-{mo:02d}"
    if m["dw"]:
        y = tn.month_year(ctx.dct, mo, _dir(m["dw"]))
    else:
        y = tn.nearest_month_year(ctx.dct, mo, ctx.tense(m.start(), m.end()))
    ctx.last_month, ctx.last_kind = (y, mo), "month"
    return "DATE", tn.fmt_month(y, mo)


def _may_context(text: str, start: int) -> bool:
    """'May' is a month after a time preposition, not a modal verb or a name."""
    before = text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in {"in", "since", "until", "till", "by", "of", "from", "during", "through", "to", "before", "after", "last", "next", "this", "early", "late", "mid", "mid-"}


def year(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    _named(ctx, int(m["yr"]))
    return "DATE", m["yr"]


def decade(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    if m["dec4"]:
        return "DATE", m["dec4"][:3] + "X"
    two = int(m["dec2"])
    century = 19  # undated: the '90s are the 1990s
    if ctx.dct:
        century = ctx.dct.year // 100 - (0 if two * 10 <= ctx.dct.year % 100 else 1)
    return "DATE", f"{century}{two}X"


def century(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    n = int(m["cn"])
    return "DATE", f"{n - 1:02d}"


def weekday(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    wd = tn.weekday_number(m["wd"])
    if wd is None:
        return None
    part = tn.PART_OF_DAY.get((m["pod"] or "").lower())
    if ctx.dct is None:
        return "DATE", f"XXXX-WXX-{wd}"
    d = tn.weekday_date(ctx.dct, wd, weekday_dir(ctx, m, m["dw"]))
    ctx.last_date, ctx.last_kind = d, "day"
    if part == "EV":  # TimeBank marks "Friday evening" but mostly keeps morning and night plain dates
        return "TIME", f"{d.isoformat()}T{part}"
    return "DATE", d.isoformat()


def deictic(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    word = " ".join(m["deic"].lower().split())
    unit, n = DEICTIC[word]
    part = tn.PART_OF_DAY.get((m["pod"] or "").lower())
    if word == "tonight":
        part = None
    if ctx.dct is None:
        return ("TIME" if part else "DATE"), "XXXX-XX-XX" + (f"T{part}" if part else "")
    d = ctx.dct + timedelta(days=n)
    if part:
        return "TIME", f"{d.isoformat()}T{part}"
    return "DATE", d.isoformat()


def part_of_today(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    part = tn.PART_OF_DAY[m["pod"].lower()]
    base = ctx.dct - timedelta(days=1) if m["pw"].lower() == "last" else ctx.dct
    if base is None:
        return "TIME", f"XXXX-XX-XXT{part}"
    return "TIME", f"{base.isoformat()}T{part}"


def present_ref(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'at this crucial moment': the present."""
    return "DATE", "PRESENT_REF"


def some_day(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'Islam will one day be ...': an indefinite future, not a one-day duration."""
    return "DATE", "FUTURE_REF"


def ref(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    return "DATE", REFS[" ".join(m["ref"].lower().split())]


def cal_relative(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """this/last/next week|month|year|quarter|season, with 'the past year' as a duration."""
    d, unit = m["dw"].lower(), m["cu"].lower()
    the = bool(m["the"])
    direction = _dir(d)
    n = {"last": -1, "next": 1, "this": 0}[direction]
    if unit in tn.SEASONS:
        code = tn.SEASONS[unit]
        if ctx.dct is None:
            return "DATE", f"XXXX-{code}"
        start = tn.SEASON_START[code]
        y = ctx.dct.year
        if direction == "last":
            y = y if start + 2 < ctx.dct.month else y - 1  # the last one already over
        elif direction == "next":
            y = y if start > ctx.dct.month else y + 1
        return "DATE", f"{y}-{code}"
    if ctx.dct is None:
        return "DATE", tn.unanchored(unit)
    if the and d in ("following", "previous") and unit in ("year", "month"):  # told from the story's own time
        if unit == "year" and ctx.last_year is not None:
            ctx.last_year += n
            return "DATE", f"{ctx.last_year:04d}"
        if unit == "month" and ctx.last_month is not None:
            y, mo = tn.add_months(*ctx.last_month, n)
            ctx.last_month = (y, mo)
            return "DATE", tn.fmt_month(y, mo)
    if unit == "quarter":
        q = (ctx.dct.month - 1) // 3 + 1
        y, qq = divmod((ctx.dct.year * 4 + q - 1) + n, 4)
        ctx.last_quarter = ctx.last_quarter or (y, qq + 1)
        return "DATE", tn.fmt_quarter(y, qq + 1)
    return "DATE", tn.shift(ctx.dct, n, unit)


def that_unit(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'that year', 'later that month': the year or month the story last named (else no timex)."""
    if m["u"].lower() == "year":
        return ("DATE", f"{ctx.last_year:04d}") if ctx.last_year is not None else None
    return ("DATE", tn.fmt_month(*ctx.last_month)) if ctx.last_month is not None else None


def ago(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    unit = _unit(m["u"])
    n = tn.number_value(m["n"] or "")
    rel = (m["rel"] or m["rel2"]).lower()
    if ctx.dct is None:
        return "DATE", tn.unanchored(unit)
    if n is None or n != int(n):
        return "DATE", {"year": "PAST_REF", "day": "PAST_REF"}.get(unit, "PAST_REF") if rel == "ago" else None
    sign = 1 if rel in ("later", "from now", "hence", "after") else -1
    anchor = ctx.dct
    if unit == "year" and n == 1 and ctx.last_quarter and rel in ("earlier", "ago", "before"):
        y, q = ctx.last_quarter
        return "DATE", tn.fmt_quarter(y - int(n), q)
    if unit in ("hour", "minute", "second"):
        return "DATE", tn.fmt_day(anchor)
    return "DATE", tn.shift(anchor, sign * int(n), unit)


_QUARTERLY = re.compile(r"quarter|period|three months")


def _sentence(ctx: Ctx, m: re.Match[str]) -> str:
    s = max(ctx.text.rfind(". ", 0, m.start()), ctx.text.rfind("\n", 0, m.start()))
    e = ctx.text.find(". ", m.end())
    return ctx.text[s + 1 : e if e >= 0 else len(ctx.text)].lower()


def _unit(word: str) -> str:
    w = word.lower().rstrip("s")
    return "century" if w.startswith("centur") else w


def dur(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    unit = _unit(m["u"])
    raw = (m["n"] or "").strip()
    if raw.lower() in ("a", "an") and (unit == "second" or _distributive(ctx.text, m.start())):
        return None  # "a second" is the ordinal; "700 seats a week", "$2 a day" are rates, not times
    if unit == "quarter" and raw.lower() in ("a", "an", "one", "three") and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "a quarter of the market" is a fraction
    n = tn.number_value(raw)
    if n is not None and "half" in m.groupdict() and m["half"]:
        n += 0.5  # 'a minute and a half'
    if (n is not None and n > 1000) or re.search(r"old$", m.group(0), re.I):
        return None  # ages ("a 6-year-old", "52 years old") are not time expressions in TimeML
    return "DURATION", tn.duration(n, unit)


_NOT_PLURAL = {"was", "has", "is", "this", "as", "plus", "its", "his", "thus", "us", "less", "across", "always", "perhaps"}


def _distributive(text: str, start: int) -> bool:
    """'a week' after a number or a plural noun reads 'per week'."""
    before = text[max(0, start - 30) : start].split()
    if not before:
        return False
    prev = before[-1].lower().strip(",;:")
    return bool(re.fullmatch(r"[$£€]?[\d.,]+%?|\w+s", prev)) and prev not in _NOT_PLURAL


def bare_plural(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    return "DURATION", tn.duration(None, _unit(m["u"]))
