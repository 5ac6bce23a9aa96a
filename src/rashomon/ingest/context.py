"""What every reader needs besides the bytes: options, what the user supplied, a fetcher.

Why one object: readers stay pure functions of (source, bytes, context), and tests can swap
the HTTP transport for a double without touching module state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from dateutil import parser as dateparser

from rashomon.config import Options
from rashomon.errors import InputError
from rashomon.model import Page

if TYPE_CHECKING:  # pragma: no cover
    import httpx

_DEFAULTS = (datetime(1, 1, 1), datetime(2, 2, 2, 1, 1, 1))
_DAY_FIRST = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}\b")  # 10.03.2026 is 10 March wherever dots are used


def _parse(value: str) -> tuple[datetime, bool] | None:
    """(date-time, whether the value gave a time of day), or None when it is not a full date."""
    try:
        parsed = parsedate_to_datetime(value)
        return parsed, True
    except (TypeError, ValueError, IndexError):
        pass
    dayfirst = bool(_DAY_FIRST.match(value))
    try:
        first, second = (dateparser.parse(value, default=d, dayfirst=dayfirst) for d in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None
    if first is None or second is None or first.date() != second.date():  # a field came from the defaults
        return None
    return first, (first.hour, first.minute) == (second.hour, second.minute)


def parse_datetime(value: str | None) -> datetime | None:
    """Parse an RFC 822 (feeds, HTTP) or ISO-ish date; None when it is not a full date.

    A value missing its year, month or day ("12 March", "March 2026") is refused rather
    than completed from defaults: a wrong date is worse than no date.
    """
    if not value or not str(value).strip():
        return None
    parsed = _parse(str(value).strip())
    return parsed[0] if parsed else None


def iso_date(value: str | None) -> str | None:
    """The calendar date (YYYY-MM-DD) of ``value`` in its own timezone, or None."""
    parsed = parse_datetime(value)
    return parsed.date().isoformat() if parsed else None


def iso_datetime(value: str | None) -> str | None:
    """``value`` as ISO 8601 (keeping its offset); a value without a time stays a bare date."""
    if not value or not str(value).strip():
        return None
    parsed = _parse(str(value).strip())
    if parsed is None:
        return None
    moment, has_time = parsed
    return moment.isoformat() if has_time else moment.date().isoformat()


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Supplied:
    """Metadata the user gave on the command line (--outlet, --published, --captured).

    It wins over what the input says, and is flagged on the Page so that extract applies
    outlet and published date to the page's main article only, never to its teasers.
    """

    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    captured: str | None = None  # ISO date or datetime

    @classmethod
    def from_user(cls, outlet: str | None, published: str | None, captured: str | None) -> "Supplied":
        """Normalise user values; raise InputError naming the option when a date is not one."""
        pub = iso_date(published) if published else None
        if published and pub is None:
            raise InputError("--published", f"not a date: {published!r} (use YYYY-MM-DD)")
        cap = iso_datetime(captured) if captured else None
        if captured and cap is None:
            raise InputError("--captured", f"not a date: {captured!r} (use YYYY-MM-DD or an ISO date-time)")
        return cls(outlet=(outlet or "").strip() or None, published=pub, captured=cap)

    def apply(self, page: Page) -> Page:
        changes: dict[str, object] = {}
        if self.outlet:
            changes.update(outlet=self.outlet, user_outlet=True)
        if self.published:
            changes.update(published=self.published, user_published=True)
        if self.captured:
            changes["captured"] = self.captured
        return replace(page, **changes) if changes else page


@dataclass
class Context:
    """Passed to every reader; owns the HTTP client it creates (closed by ``close``)."""

    options: Options
    supplied: Supplied = field(default_factory=Supplied)
    client: "httpx.Client | None" = None
    _own_client: bool = False

    def http(self) -> "httpx.Client":
        """The HTTP client, created on first use: guarded like the web server's fetches (every hop's
        address checked, loopback and private networks refused unless ``allow_private_fetch``, the
        body bounded by ``fetch_max_bytes`` after gzip/deflate), with the configured timeout."""
        if self.client is None:
            from rashomon.fetch_guard import guarded_client, limits_from

            # no cap on the number of fetches: the user named every URL, and a feed's links are
            # bounded by the feed's own size (the web server keeps its per-request cap)
            limits = replace(limits_from(self.options), max_fetches=1 << 62)
            self.client, _ = guarded_client(limits, self.options.user_agent, self.options.fetch_timeout)
            self._own_client = True
        return self.client

    def close(self) -> None:
        if self._own_client and self.client is not None:
            self.client.close()
            self.client = None
            self._own_client = False
