"""Row ↔ domain translation for items whose text may be sealed, and time encodings.

``pack``/``unpack`` keep an item's free text in one ``data`` column: JSON in clear for
public and internal items, an AES-GCM envelope for confidential and secret ones. Time values
are stored naive-UTC; the helpers here are the only place that strips or adds ``tzinfo``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from binome.domain.model import Classification
from binome.store.crypto import Keyring, is_sealed

# All-day and floating rows are indexed with bounds widened by the widest UTC offsets, so a
# window query in any zone finds them (UTC-12 .. UTC+14).
FLOAT_MARGIN = timedelta(hours=14)


class Codec:
    """Seals and opens the ``data`` column of one workspace's rows."""

    def __init__(self, keyring: Keyring, workspace_uuid: str) -> None:
        self.keyring = keyring
        self.uuid = workspace_uuid

    def pack(self, table: str, classification: Classification, data: dict[str, Any]) -> str:
        blob = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
        if classification.sealed:
            return self.keyring.seal(self.uuid, table, blob)
        return blob

    def unpack(self, table: str, value: str) -> dict[str, Any]:
        if is_sealed(value):
            value = self.keyring.open(self.uuid, table, value)
        loaded = json.loads(value)
        assert isinstance(loaded, dict)
        return loaded


def to_db(value: datetime) -> datetime:
    """Aware → naive UTC for storage."""
    if value.tzinfo is None:
        raise ValueError("naive datetime handed to the store")
    return value.astimezone(UTC).replace(tzinfo=None)


def to_db_opt(value: datetime | None) -> datetime | None:
    return None if value is None else to_db(value)


def from_db(value: datetime) -> datetime:
    # ``combine`` is four times faster than ``replace(tzinfo=...)`` on CPython 3.11, and
    # a year's agenda decodes tens of thousands of these. Stored values have fold=0.
    return datetime.combine(value.date(), value.time(), UTC)


def from_db_opt(value: datetime | None) -> datetime | None:
    return None if value is None else from_db(value)


def encode_point(value: datetime | date) -> str:
    """A recurrence id / rdate / exdate as text: UTC ``...Z``, naive ISO, or a date."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        # isoformat, not strftime: strftime's %Y does not pad years before 1000
        return value.astimezone(UTC).isoformat(timespec="seconds")[:-6] + "Z"
    return value.isoformat()


def point_iso(text: str) -> str:
    """``decode_point(text).isoformat()`` without decoding (occurrence keys are built
    from it for every occurrence a year's agenda shows)."""
    if text.endswith("Z"):
        return f"{text[:-1]}+00:00"
    return text


def decode_point(text: str) -> datetime | date:
    if len(text) == 10:
        return date.fromisoformat(text)
    if text.endswith("Z"):
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
    return datetime.fromisoformat(text)
