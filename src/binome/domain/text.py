"""Messages as data: what the core says, rendered later in the reader's language.

The engine never formats text for a screen. It returns ``Message`` values (an English msgid
marked with ``N_`` plus fields); ``binome.i18n.render`` turns them into French or English.
Field values may themselves be ``Message``s, dates, datetimes or durations: the renderer
formats each in the reader's locale and zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
