"""Export calendars as RFC 5545 for any client, with the reader's clearance applied.

Series stay series (the writer emits RRULE/RDATE/EXDATE and one VEVENT per override).
An event the reader may not read is exported as busy time only: its times, the label
"Busy" in the reader's language, ``CLASS:PRIVATE`` and no text (``ExportEvent.masked``),
the same rule as the agenda's masking (``app/access.can_read``). Reading confidential
content through an export is audited like the agenda (ids only). Calendars imported for a
colleague (``--owner``) are exported only when named with ``calendar``.
"""

from __future__ import annotations

from sqlalchemy import select

from binome.app.access import can_read
from binome.app.calendar import window_for
from binome.app.context import App
from binome.app.uow import unit_of_work
from binome.app.views import event_ref
from binome.domain.errors import N_
from binome.i18n import render
from binome.sources.ical import ExportEvent, write_calendar
from binome.store.tables import EventRow

__all__ = ["export_calendar"]

PRODID = "-//binome//binome//EN"


def export_calendar(
    app: App,
    *,
    start: str | None = None,
    end: str | None = None,
    calendar: str | None = None,
) -> bytes:
    """The .ics bytes of the reader's events (series whole, if any occurrence may fall in
    ``[start, end)`` when a window is given)."""
    with unit_of_work(app) as uow:
        repos = uow.repos
        if start or end:
            lo, hi = window_for(uow.workspace.tz, None, start, end, uow.now)
            rows = list(repos.event_rows_in_window(lo, hi))
        else:
            rows = list(
                repos.session.scalars(
                    select(EventRow).where(EventRow.workspace_id == repos.ws).order_by(EventRow.id)
                )
            )
        if calendar is not None:
            rows = [r for r in rows if r.calendar == calendar]
        else:
            rows = [r for r in rows if not r.owner_email]
        items = []
        read: list[str] = []
        for row in rows:
            event = repos.event_to_domain(row)
            ref = event_ref(event)
            visible = can_read(uow.actor, event.classification, ref)
            items.append(ExportEvent(event=event, masked=not visible))
            if visible and event.classification.sealed:
                read.append(ref)
        if read:
            uow.audit("read.confidential", "event", "export", sorted(read))
        return write_calendar(
            items,
            tz=uow.workspace.tz,
            prodid=PRODID,
            busy_label=render(N_("Busy"), uow.lang),
            now=uow.now,
        )
