"""TZID resolution: every date-time of a file gets an IANA zone, an embedded one, or a flag.

SECURITY.md row 34 (vobject#393, gromox PR#346): unknown, custom and "globally unique"
TZIDs must be resolved or flagged for review, never silently read as UTC. Order:

1. the TZID is an IANA key (``Europe/Paris``);
2. a "globally unique" TZID (RFC 5545 §3.2.19, a leading ``/``) whose tail is an IANA key:
   ``/freeassociation.sourceforge.net/Tzfile/Europe/Berlin``, ``/mozilla.org/.../Europe/Paris``;
3. a Windows name (Outlook, Exchange: ``W. Europe Standard Time``) through icalendar's
   CLDR-derived table;
4. the VTIMEZONE embedded in the file (icalendar built a ``tzinfo`` from it): replaced by
   the first IANA zone with the same offsets every week for three years (``equivalent``),
   else kept as is with a warning that wall times follow the file's own rules;
5. otherwise the caller's default zone, with a warning naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from binome.domain.errors import N_, InvalidInput
from binome.domain.text import Message
from binome.domain.timing import UTC, zone

__all__ = ["ZoneResolver"]


def iana(tzid: str) -> ZoneInfo | None:
    """The IANA zone a TZID names, directly, by prefix strip or via the Windows table."""
    name = tzid.strip().strip('"')
    if not name:
        return None
    if name.upper() in ("UTC", "GMT", "Z", "ETC/UTC"):
        return zone("UTC")
    candidates = [name]
    if name.startswith("/"):
        parts = [p for p in name.split("/") if p]
        candidates += ["/".join(parts[-n:]) for n in (3, 2, 1) if len(parts) >= n]
    windows = WINDOWS_TO_OLSON.get(name)
    if windows:
        candidates.append(windows)
    for candidate in candidates:
        try:
            return zone(candidate)
        except InvalidInput:
            continue
    return None


@lru_cache(maxsize=1)
def _candidates() -> list[str]:
    names = sorted(available_timezones())
    odd = ("Etc/", "US/", "SystemV/", "Canada/", "Brazil/", "Chile/", "Mexico/")
    return [n for n in names if "/" in n and not n.startswith(odd)]


def _city(name: str) -> str:
    return "".join(c for c in name.rsplit("/", 1)[-1].lower() if c.isalpha())


@lru_cache(maxsize=256)
def equivalent(tz: tzinfo, tzid: str, year: int) -> ZoneInfo | None:
    """An IANA zone with the same UTC offsets as the file's VTIMEZONE ``tz`` every week
    for three years from ``year`` (the event's), or ``None``. Outlook writes only the
    current rules, so earlier years would never match. Lets a custom Outlook
    zone ("Customized Time Zone") be stored, expanded and exported as an IANA zone."""
    start = datetime(max(year, 1901), 1, 1, 12)
    samples = [start + timedelta(weeks=w) for w in range(3 * 53)]
    try:
        wanted = [s.replace(tzinfo=tz).utcoffset() for s in samples]
    except (ValueError, OverflowError, TypeError):
        return None
    # Names that share the TZID's city come first ("Europe_London" → Europe/London, not
    # the alphabetically first zone with the same offsets, Atlantic/Canary).
    words = "".join(c for c in tzid.lower() if c.isalpha())
    ranked = sorted(_candidates(), key=lambda n: _city(n) not in words)
    for name in ranked:
        candidate = zone(name)
        if all(s.replace(tzinfo=candidate).utcoffset() == w for s, w in zip(samples, wanted)):
            return candidate
    return None


@dataclass(slots=True)
class ZoneResolver:
    """Turns icalendar date values into binome's kinds; collects zone warnings."""

    name: str
    default: tzinfo
    warnings: list[Message]

    def value(self, dt: object, tzid: str | None, line: int) -> datetime | date | None:
        """``date`` (all-day), naive ``datetime`` (floating) or aware in a resolved zone."""
        if isinstance(dt, datetime):
            return self._datetime(dt, tzid, line)
        if isinstance(dt, date):
            return dt
        return None

    def _datetime(self, dt: datetime, tzid: str | None, line: int) -> datetime:
        if dt.tzinfo is not None and dt.utcoffset() == UTC.utcoffset(None) and not tzid:
            return dt.astimezone(UTC)
        if tzid is None:
            return dt
        found = iana(tzid)
        if found is not None:
            return dt.replace(tzinfo=found)
        if dt.tzinfo is not None:
            twin = equivalent(dt.tzinfo, tzid, dt.year)
            if twin is not None:
                return dt.replace(tzinfo=twin)
            self.warn(
                line,
                N_(
                    "{where}: time zone {zone} is not a known IANA zone; using "
                    "the definition embedded in the file."
                ),
                tzid,
            )
            return dt
        self.warn(
            line, N_("{where}: unknown time zone {zone}; read in {default}, please review."), tzid
        )
        return dt.replace(tzinfo=self.default)

    def warn(self, line: int, msgid: str, tzid: str) -> None:
        message = Message.of(
            msgid,
            where=f"{self.name}:{line}",
            zone=tzid[:80],
            default=getattr(self.default, "key", str(self.default)),
        )
        if message not in self.warnings:
            self.warnings.append(message)
