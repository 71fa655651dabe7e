"""Messages as data: what the core says, rendered later in the reader's language.

The engine never formats text for a screen. It returns ``Message`` values (an English msgid
marked with ``N_`` plus fields); ``binome.i18n.render`` turns them into French or English.
Field values may themselves be ``Message``s, dates, datetimes or durations: the renderer
formats each in the reader's locale and zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from binome.domain.errors import N_

__all__ = ["N_", "Message"]


@dataclass(frozen=True, slots=True)
class Message:
    msgid: str
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, msgid: str, **params: Any) -> Message:
        return cls(msgid, dict(params))

    def as_json(self) -> dict[str, Any]:
        """``{msgid, params}`` as stored and sent: instants in ISO 8601, durations as
        ``PT<minutes>M``, nested messages likewise (``app/wording`` reads them back)."""
        params: dict[str, Any] = {}
        for key, value in self.params.items():
            if isinstance(value, datetime):
                params[key] = value.isoformat()
            elif isinstance(value, timedelta):
                params[key] = f"PT{int(value / timedelta(minutes=1))}M"
            elif isinstance(value, Message):
                params[key] = value.as_json()
            else:
                params[key] = value
        return {"msgid": self.msgid, "params": params}
