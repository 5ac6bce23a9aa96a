"""Normalisers for periods, clock times, sets and holidays (the calendar-unit half of the grammar).

Split from ``timex_rules`` (dates, weekdays, relative expressions); both are wired to their
patterns in ``timex_patterns``. Quarters follow the financial-news habit TimeBank records:
'the quarter' and 'a year earlier' refer back to the quarter under discussion.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from rashomon.analyze import timex_normalize as tn
from rashomon.analyze.timex_rules import DEICTIC, Ctx, _tense_dir, _unit, day_month, weekday_dir

def quarter(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    q = tn.ORDINALS[m["q"].lower()]
    if m["qyr"]:
        y: int | None = int(m["qyr"])
    elif ctx.dct is None:
        y = None
    else:
        y = ctx.dct.year
        yw = (m["yw"] or "").lower()
        if yw.startswith("last"):
            y -= 1
        elif yw.startswith("next"):
            y += 1
        elif not yw:
            cur = (ctx.dct.month - 1) // 3 + 1
            if q > cur and ctx.tense(m.start(), m.end()) != "future":
                y -= 1
    if y is None:
        return "DATE", f"XXXX-Q{q}"
    ctx.last_quarter = ctx.last_quarter or (y, q)  # the first quarter named is the one reported on
    return "DATE", tn.fmt_quarter(y, q)


def ref_quarter(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'the quarter', 'the latest quarter', 'the year-ago quarter': the quarter under discussion."""
    if ctx.dct is None:
        return "DATE", "XXXX-QX"
    if ctx.last_quarter:
        y, q = ctx.last_quarter
    else:
        cur = (ctx.dct.month - 1) // 3 + 1
        y, q0 = divmod(ctx.dct.year * 4 + cur - 2, 4)
        q = q0 + 1
    which = (m["qw"] or "").lower()
    if which in ("latest", "same", "comparable") and ctx.last_quarter and m.group(0).lower().endswith("period"):
        return "DATE", tn.fmt_quarter(y, q)  # 'the latest period': the quarter being reported
    if which in ("latest", "last", "previous", "recent"):  # the last completed quarter
        y, q0 = divmod(ctx.dct.year * 4 + (ctx.dct.month - 1) // 3 - 1, 4)
        return "DATE", tn.fmt_quarter(y, q0 + 1)
    if which.startswith("year") or which in ("prior-year", "year-earlier", "year-ago"):
        return "DATE", tn.fmt_quarter(y - 1, q)
    return "DATE", tn.fmt_quarter(y, q)


def quarter_year_ref(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """"last year's quarter", 'the corresponding period a year ago': the quarter under discussion,
    a year off."""
    if ctx.dct is None:
        return "DATE", "XXXX-QX"
    if ctx.last_quarter:
        y, q = ctx.last_quarter
    else:
        y, q0 = divmod(ctx.dct.year * 4 + (ctx.dct.month - 1) // 3 - 1, 4)
        q = q0 + 1
    word = (m["yw"] or "").lower()
    shift = 0 if word == "this" else 1 if word == "next" else -1
    return "DATE", tn.fmt_quarter(y + shift, q)


def decade_word(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'the nineties' (spoken or spelled out): the 1990s, as '199X'."""
    n = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].index(m["dw"].lower()) + 2
    return "DATE", f"19{n}X"


def half(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    h = 1 if m["h"].lower() in ("first", "1st") else 2  # 'the last/latter half' is the second
    y = int(m["hyr"]) if m["hyr"] else (ctx.dct.year if ctx.dct else None)
    return "DATE", f"{y:04d}-H{h}" if y else f"XXXX-H{h}"


def clock(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    h = int(m["hh"])
    mi = int(m["mm"] or 0)
    ap = (m["ap"] or "").lower().replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    if h > 23 or mi > 59 or (not ap and not m["mm"]) or (m["sep"] == "." and not ap):
        return None
    day: date | None = ctx.last_date or ctx.dct
    if m["mon"]:
        res = day_month(m, ctx)
        return ("TIME", f"{res[1]}T{h:02d}:{mi:02d}") if res else None
    if m["cwd"]:
        wd = tn.weekday_number(m["cwd"])
        day = tn.weekday_date(ctx.dct, wd, weekday_dir(ctx, m)) if (ctx.dct and wd) else None
    elif m["cdx"]:
        day = ctx.dct + timedelta(days=DEICTIC[m["cdx"].lower()][1]) if ctx.dct else None
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    return "TIME", f"{prefix}T{h:02d}:{mi:02d}"


def mid_pod(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'by mid-afternoon', 'late morning': that part of the day under discussion (or of the DCT)."""
    day = ctx.last_date or ctx.dct
    part = tn.PART_OF_DAY[m["pod"].lower()]
    return "TIME", f"{day.isoformat() if day else 'XXXX-XX-XX'}T{part}"


def noon(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    day = ctx.last_date or ctx.dct
    if m["cwd"] and ctx.dct:
        day = tn.weekday_date(ctx.dct, tn.weekday_number(m["cwd"]) or 1, weekday_dir(ctx, m))
    elif m["cdx"] and ctx.dct:
        day = ctx.dct + timedelta(days=DEICTIC[m["cdx"].lower()][1])
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    return "TIME", f"{prefix}T{'24:00' if m['nn'].lower() == 'midnight' else '12:00'}"


def month_spelled(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'January nineteen ninety-seven' (broadcast transcripts spell years out)."""
    yr, mo = spelled_year(m, ctx), tn.month_number(m["mon"])
    return ("DATE", f"{yr[1]}-{mo:02d}") if yr and mo else None


def season_spelled(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'the winter of nineteen ninety-four'."""
    yr = spelled_year(m, ctx)
    return ("DATE", f"{yr[1]}-{tn.SEASONS[m['season'].lower()]}") if yr else None


def spelled_year(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'nineteen ninety-six', 'the year two thousand', 'two thousand and one'."""
    if m["cent"]:
        rest = tn.number_value(m["rest"].replace("-", " "))
        return ("DATE", f"{tn.number_value(m['cent']):02.0f}{rest:02.0f}") if rest is not None and rest < 100 else None
    rest = tn.number_value(m["rest2"]) if m["rest2"] else 0
    return ("DATE", f"{2000 + rest:04.0f}") if rest is not None else None


def weekend(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE"
    sat = tn.weekday_date(ctx.dct, 6, _tense_dir(ctx, m))
    return "DATE", tn.fmt_week(sat) + "-WE"


def every(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    w = m["eu"].lower()
    wd = tn.weekday_number(w)
    if wd and w.endswith("day") and w != "day":
        return "SET", f"XXXX-WXX-{wd}"
    if w in tn.PART_OF_DAY:
        return "SET", f"TXX{tn.PART_OF_DAY[w]}"
    return "SET", tn.duration(1, _unit(w)) if _unit(w) in tn.UNIT_CODE else None  # type: ignore[return-value]


def adverb_set(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    w = m["adv"].lower()
    unit = {"daily": "day", "nightly": "day", "weekly": "week", "monthly": "month", "hourly": "hour",
            "yearly": "year", "quarterly": "quarter"}[w]
    return "SET", tn.duration(1, unit)


def frequency(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    return "SET", tn.duration(1, _unit(m["u"]))


def holiday(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    from dateutil.easter import easter

    name = " ".join(m["hol"].lower().replace("’", "'").split())
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
             "new year's eve": (12, 31), "halloween": (10, 31), "valentine's day": (2, 14), "victory day": (5, 9),
             "independence day": (7, 4)}
    if m["hyr"]:
        y: int | None = int(m["hyr"])
    elif ctx.dct:  # the nearest one, or the last/next one when the tense says so
        y = tn.day_month_year(ctx.dct, *(fixed.get(name) or (11, 25)), ctx.tense(m.start(), m.end()))
    else:
        y = None
    if y is None:
        if name in fixed:
            return "DATE", "XXXX-{:02d}-{:02d}".format(*fixed[name])
        return None
    if name in fixed:
        mo, d = fixed[name]
        return "DATE", date(y, mo, d).isoformat()
    if name.startswith("thanksgiving"):
        first = date(y, 11, 1)
        return "DATE", (first + timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat()
    if name.startswith("easter"):
        return "DATE", easter(y).isoformat()
    if name == "election day":  # US general elections: the Tuesday after the first Monday of November
        first = date(y, 11, 1)
        return "DATE", (first + timedelta(days=(0 - first.weekday()) % 7 + 1)).isoformat()
    return None


def anaphoric_day(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'that same day', 'the next day': a day of the time the text named last (a day of 'last
    October' is some day of that month)."""
    w = m["ana"].lower()
    if ctx.last_kind == "month" and ctx.last_month and not ("next" in w or "following" in w or "previous" in w):
        return "DATE", f"{tn.fmt_month(*ctx.last_month)}-XX"
    if ctx.last_date is None:
        return None
    n = 1 if ("next" in w or "following" in w or "after" in w) else -1 if ("before" in w or "previous" in w) else 0
    return "DATE", (ctx.last_date + timedelta(days=n)).isoformat()


def month_rel_year(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'June last year', 'January this year'."""
    mo = tn.month_number(m["mon"])
    if mo is None:
        return None
    if ctx.dct is None:
        return "DATE", f"XXXX-{mo:02d}"
    y = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["dw"].lower()]
    return "DATE", tn.fmt_month(y, mo)


def year_quarter(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'the 1988 third quarter', 'the 1989 period', 'the year-ago third quarter'."""
    q = tn.ORDINALS[m["q"].lower()] if m["q"] else (ctx.last_quarter[1] if ctx.last_quarter else None)
    if m["qyr"]:
        y: int | None = int(m["qyr"])
    elif ctx.last_quarter:
        y = ctx.last_quarter[0] - 1
    elif ctx.dct:
        y = ctx.dct.year - 1
    else:
        y = None
    if q is None:
        return ("DATE", f"{y:04d}") if y else None
    if y is None:
        return "DATE", f"XXXX-Q{q}"
    if m["q"]:
        ctx.last_quarter = (y, q) if m["qyr"] else ctx.last_quarter
    return "DATE", tn.fmt_quarter(y, q)


def year_ago_adj(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'year-earlier' results: the same quarter a year before when quarters are being compared."""
    if ctx.dct is None:
        return "DATE", "XXXX"
    if ctx.last_quarter:
        y, q = ctx.last_quarter
        return "DATE", tn.fmt_quarter(y - 1, q)
    return "DATE", f"{ctx.dct.year - 1:04d}"


def long_adj(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'a day-long meeting' lasts a day; a 'decades-long dispute' an unknown number of decades."""
    return "DURATION", tn.duration(None if m["pl"] else 1, _unit(m["u"]))


def year_ended(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'the year ended March 31': a twelve-month reporting period, a duration in TimeML."""
    return "DURATION", "P1Y"


def this_year_ref(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'the full year', 'the end of the year', 'earlier in the year': the DCT's year."""
    return "DATE", f"{ctx.dct.year:04d}" if ctx.dct else "XXXX"


def season(m: re.Match[str], ctx: Ctx) -> tuple[str, str] | None:
    """'the summer' is the latest summer begun by the DCT (or the next one in future tense)."""
    code = tn.SEASONS[m["season"].lower()]
    if m["syr"]:
        return "DATE", f"{m['syr']}-{code}"
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}"
    start = tn.SEASON_START[code]
    if ctx.tense(m.start(), m.end()) == "future":
        y = ctx.dct.year if start >= ctx.dct.month else ctx.dct.year + 1
    else:
        y = ctx.dct.year if start <= ctx.dct.month else ctx.dct.year - 1
    return "DATE", f"{y:04d}-{code}"
