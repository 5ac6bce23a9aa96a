"""Calendar arithmetic and value formatting for TIMEX3 normalisation.

Pure functions over ``datetime.date``: every anchored value is computed from the article's
publication date (the DCT), and every function has an unanchored form that writes X
placeholders instead of guessing today's date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
UNIT_CODE = {
    "second": ("T", "S", 1), "minute": ("T", "M", 1), "hour": ("T", "H", 1),
    "day": ("", "D", 1), "week": ("", "W", 1), "weekend": ("", "D", 2), "fortnight": ("", "W", 2),
    "month": ("", "M", 1), "quarter": ("", "Q", 1), "year": ("", "Y", 1),
    "decade": ("", "Y", 10), "century": ("", "Y", 100),
}

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1, "a couple of": 2, "couple of": 2,
    "a dozen": 12, "dozen": 12, "half a dozen": 6, "a hundred": 100, "hundred": 100,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_VAGUE = {"a few", "few", "several", "some", "many", "a number of", "dozens of", "hundreds of", "a couple", "numerous"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def number_value(text: str) -> float | None:
    """'twenty four' -> 24, '5 1/2' -> 5.5, 'several' -> None (vague), '' -> 1."""
    t = " ".join(text.lower().replace("-", " ").split())
    if not t:
        return 1
    if t in _VAGUE:
        return None
    if t in _SMALL:
        return _SMALL[t]
    m = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?: (1/2|½))?", t)
    if m:
        return float(m.group(1).replace(",", "")) + (0.5 if m.group(2) else 0)
    parts = t.split()
    if parts and parts[0] in _TENS:
        rest = " ".join(parts[1:])
        if not rest:
            return _TENS[parts[0]]
        if rest in _SMALL and _SMALL[rest] < 10:
            return _TENS[parts[0]] + _SMALL[rest]
    return None


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower()[:3])


def weekday_number(word: str) -> int | None:
    return WEEKDAYS.get(word.lower()[:3])


def duration(n: float | None, unit: str) -> str:
    """P24Y, PT24H, P3W; vague counts give PXY-style placeholders; halves go one unit down."""
    t, code, mult = UNIT_CODE[unit]
    if n is None:
        return f"P{t}X{code}"
    n = n * mult
    if n != int(n):
        if code == "H":
            return f"PT{int(n)}H{int(round((n - int(n)) * 60))}M"
        if code == "M" and t == "T":
            return f"PT{int(n)}M{int(round((n - int(n)) * 60))}S"
        if code == "Y":  # '2 1/2 years' is P2Y6M, 'half a year' P6M
            months = int(round(n * 12))
            return f"P{months // 12}Y{months % 12}M" if months >= 12 else f"P{months}M"
        if code == "D":
            return f"P{int(n)}DT{int(round((n - int(n)) * 24))}H"
        return f"P{t}{n:g}{code}"
    return f"P{t}{int(n)}{code}"


def fmt_day(d: date) -> str:
    return d.isoformat()


def fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def fmt_quarter(y: int, q: int) -> str:
    return f"{y:04d}-Q{q}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def weekday_date(dct: date, wd: int, direction: str) -> date:
    """The weekday ``wd`` (1=Mon) on or before DCT ('past'), on or after ('future'),
    strictly before ('last'), strictly after ('next'), or the closest one either side
    ('nearest': at most three days away, so Wednesday in a Tuesday article is tomorrow)."""
    cur = dct.isoweekday()
    if direction == "nearest":
        fwd = (wd - cur) % 7
        return dct + timedelta(days=fwd if fwd <= 3 else fwd - 7)
    if direction in ("past", "last"):
        back = (cur - wd) % 7
        if direction == "last" and back == 0:
            back = 7
        return dct - timedelta(days=back)
    fwd = (wd - cur) % 7
    if direction == "next" and fwd == 0:
        fwd = 7
    return dct + timedelta(days=fwd)


def month_year(dct: date, month: int, direction: str) -> int:
    """The year of ``month`` not after the DCT month ('past'), not before ('future'),
    strictly before ('last'), strictly after ('next'), or the DCT's own year ('this')."""
    if direction == "this":
        return dct.year
    if direction in ("past", "last"):
        if month < dct.month or (month == dct.month and direction == "past"):
            return dct.year
        return dct.year - 1
    if month > dct.month or (month == dct.month and direction == "future"):
        return dct.year
    return dct.year + 1


def day_month_year(dct: date, month: int, day: int, tense: str | None) -> int:
    """Year for a day-and-month without year: the nearest occurrence, no more than two months
    ahead in a past-tense clause nor two months back in a future-tense one."""
    def gap(y: int) -> int:
        try:
            return (date(y, month, day) - dct).days
        except ValueError:  # 29 February
            return (date(y, month, 28) - dct).days

    years = [dct.year - 1, dct.year, dct.year + 1]
    if tense == "past":
        years = [y for y in years if gap(y) <= 61]
    elif tense == "future":
        years = [y for y in years if gap(y) >= -61]
    else:  # news looks back more often than forward
        years = [y for y in years if gap(y) <= 122]
    return min(years, key=lambda y: abs(gap(y)))


def nearest_month_year(dct: date, month: int, tense: str | None = None) -> int:
    """The year that puts ``month`` closest to the DCT month, within the same tense limits."""
    def gap(y: int) -> int:
        return (y * 12 + month) - (dct.year * 12 + dct.month)

    years = [dct.year, dct.year - 1, dct.year + 1]  # ties go to the DCT's year, then the past
    if tense == "past":
        years = [y for y in years if gap(y) <= 2]
    elif tense == "future":
        years = [y for y in years if gap(y) >= -2]
    else:
        years = [y for y in years if gap(y) <= 4]
    return min(years, key=lambda y: abs(gap(y)))


def shift(dct: date, n: int, unit: str) -> str:
    """The date ``n`` units after DCT (negative: before), at that unit's granularity."""
    if unit in ("day", "night"):
        return fmt_day(dct + timedelta(days=n))
    if unit in ("week", "fortnight"):
        return fmt_week(dct + timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "weekend":
        return fmt_week(dct + timedelta(weeks=n)) + "-WE"
    if unit == "month":
        return fmt_month(*add_months(dct.year, dct.month, n))
    if unit == "quarter":
        y, m = add_months(dct.year, dct.month, 3 * n)
        return fmt_quarter(y, (m - 1) // 3 + 1)
    if unit == "year":
        return f"{dct.year + n:04d}"
    if unit == "decade":
        return f"{(dct.year + 10 * n) // 10:03d}X"
    if unit == "century":
        return f"{(dct.year + 100 * n) // 100:02d}"
    if unit in ("hour", "minute", "second"):
        return fmt_day(dct)
    raise ValueError(unit)


def unanchored(unit: str) -> str:
    """The placeholder for a DCT-relative expression in an undated article."""
    return {
        "day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX", "fortnight": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX",
        "decade": "XXX", "century": "XX",
    }.get(unit, "XXXX-XX-XX")


def canonical_value(value: str) -> str:
    """Comparison form of a value: week numbers without leading zero, upper case, and the two
    spellings TimeML allows for a decade or century ('199' and '199X', '19' and '19XX') made one."""
    v = re.sub(r"-W0(\d)", r"-W\1", value.strip().upper())
    if re.fullmatch(r"\d{3}", v):
        return v + "X"
    if re.fullmatch(r"\d{2}", v):
        return v + "XX"
    return v
