"""Encryption at rest of confidential and secret text (AES-256-GCM, keyed per workspace).

Keys never live in the database. A workspace's keys come from, in order:

1. ``BINOME_SECRET_KEY``: a master secret (at least 32 characters); each workspace key is
   derived from it with HKDF-SHA256 (info = workspace uuid + key id).
2. A key file (JSON, mode 0600) created at ``binome init``: ``BINOME_SECRET_KEY_FILE`` if set,
   else ``<database file>.key`` beside a SQLite file, else ``<data dir>/keys/<url digest>.key``.
   It holds, per workspace uuid, the current key id and every key still needed to read old
   envelopes, so an interrupted ``key rotate`` leaves every item readable. An entry may carry
   ``"expires": "YYYY-MM-DD"``: past that day the workspace refuses to open (``KeyExpired``)
   until ``binome key rotate`` is run.

An envelope is ``enc1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>``. The additional data binds
it to its workspace and table, so a ciphertext copied elsewhere fails to open. A wrong or
missing key gives ``KeyUnavailable`` (a clear error), never garbage.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from binome.domain.errors import N_, Unavailable

PREFIX = "enc1:"


class KeyUnavailable(Unavailable):
    message = N_("The encryption key for this workspace is missing or wrong ({reason}).")


class KeyExpired(KeyUnavailable):
    message = N_("The encryption key for this workspace expired on {day}: run `binome key rotate`.")


@dataclass
class WorkspaceKeys:
    current: str
    keys: dict[str, bytes] = field(default_factory=dict)
    expires: date | None = None
    audit: bytes | None = None  # HMAC key of the audit chain; never rotated away


@dataclass
class Keyring:
    """The keys this process holds, per workspace uuid."""

    path: Path | None
    master: bytes | None = None
    workspaces: dict[str, WorkspaceKeys] = field(default_factory=dict)

    # -- loading and saving ------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None) -> Keyring:
        master_text = os.environ.get("BINOME_SECRET_KEY")
        master = None
        if master_text:
            if len(master_text) < 32:
                raise KeyUnavailable(reason="BINOME_SECRET_KEY is shorter than 32 characters")
            master = master_text.encode()
        ring = cls(path=path, master=master)
        if path is not None and path.exists():
            ring._read(path)
        return ring

    def refresh_for(self, uuid: str, key_id: str | None) -> None:
        """Re-read the key file when it may have changed under a long-lived process: the
        database names a current key (``workspaces.key_id``) this ring does not hold, as
        after another process rotated the key."""
        if self.master is not None or self.path is None or key_id is None:
            return
        wk = self.workspaces.get(uuid)
        if wk is not None and key_id in wk.keys and wk.current == key_id:
            return
        if self.path.exists():
            self.workspaces = {}
            self._read(self.path)

    def _read(self, path: Path) -> None:
        try:
            mode = path.stat().st_mode
            if mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise KeyUnavailable(reason=f"{path.name} is readable by others (chmod 600)")
            raw = json.loads(path.read_text("utf-8"))
            for uuid, entry in raw.get("workspaces", {}).items():
                keys = {kid: base64.b64decode(val) for kid, val in entry["keys"].items()}
                expires = entry.get("expires")
                audit = entry.get("audit")
                self.workspaces[uuid] = WorkspaceKeys(
                    current=entry["current"],
                    keys=keys,
                    expires=None if expires is None else date.fromisoformat(expires),
                    audit=None if audit is None else base64.b64decode(audit),
                )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KeyUnavailable(reason=f"unreadable key file {path.name}") from exc

    def save(self) -> None:
        """Write the key file atomically with mode 0600 (write, fsync, rename)."""
        if self.path is None:
            return
        data = {"workspaces": {uuid: _entry_json(wk) for uuid, wk in self.workspaces.items()}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".tmp{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)

    # -- keys --------------------------------------------------------------------------

    def create_workspace_key(self, uuid: str) -> str:
        """Give a new workspace its first key; returns the key id."""
        if self.master is not None:
            return "env1"
        if uuid in self.workspaces:  # never overwrite a key that still opens data
            raise KeyUnavailable(reason="this workspace already has a key")
        key_id = "k1"
        self.workspaces[uuid] = WorkspaceKeys(
            current=key_id, keys={key_id: os.urandom(32)}, audit=os.urandom(32)
        )
        self.save()
        return key_id

    def add_rotation_key(self, uuid: str) -> str:
        """Add a new key and make it current (old keys stay until the rotation commits)."""
        if self.master is not None:
            raise KeyUnavailable(
                reason="keys derived from BINOME_SECRET_KEY rotate by changing that secret"
            )
        wk = self._entry(uuid)
        number = 1 + max(int(k[1:]) for k in wk.keys if k.startswith("k"))
        key_id = f"k{number}"
        wk.keys[key_id] = os.urandom(32)
        wk.current = key_id
        self.save()
        return key_id

    def retire_keys_except(self, uuid: str, keep: str, *, expires: date | None = None) -> None:
        """Forget every key but ``keep`` (after a rotation committed); set its expiry."""
        wk = self._entry(uuid)
        wk.keys = {kid: k for kid, k in wk.keys.items() if kid == keep}
        wk.current = keep
        wk.expires = expires
        self.save()

    def check_not_expired(self, uuid: str, today: date) -> None:
        """Raise ``KeyExpired`` when the workspace's key file entry is past its date."""
        if self.master is not None:
            return
        wk = self.workspaces.get(uuid)
        if wk is not None and wk.expires is not None and today > wk.expires:
            raise KeyExpired(day=wk.expires.isoformat())

    def audit_key(self, uuid: str) -> bytes | None:
        """The HMAC key of the workspace's audit chain (None: a workspace from before audit
        keys, whose chain stays plain SHA-256). A missing key file entry is an error."""
        if self.master is not None:
            return self._derive(uuid, "audit")
        return self._entry(uuid).audit

    def current_key_id(self, uuid: str) -> str:
        if self.master is not None:
            return "env1"
        return self._entry(uuid).current

    def _entry(self, uuid: str) -> WorkspaceKeys:
        wk = self.workspaces.get(uuid)
        if wk is None:
            where = self.path.name if self.path else "BINOME_SECRET_KEY_FILE"
            raise KeyUnavailable(reason=f"no key for this workspace in {where}")
        return wk

    def key(self, uuid: str, key_id: str) -> bytes:
        if key_id.startswith("env"):
            if self.master is None:
                raise KeyUnavailable(reason="BINOME_SECRET_KEY is not set")
            return self._derive(uuid, key_id)
        wk = self._entry(uuid)
        if key_id not in wk.keys:
            raise KeyUnavailable(reason=f"key {key_id} is not in the key file")
        return wk.keys[key_id]

    def _derive(self, uuid: str, purpose: str) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        assert self.master is not None
        return HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=b"binome-workspace-key",
            info=f"{uuid}:{purpose}".encode(),
        ).derive(self.master)

    # -- sealing -----------------------------------------------------------------------

    def seal(self, uuid: str, table: str, plaintext: str) -> str:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        key_id = self.current_key_id(uuid)
        nonce = os.urandom(12)
        sealed = AESGCM(self.key(uuid, key_id)).encrypt(
            nonce, plaintext.encode("utf-8"), _aad(uuid, table)
        )
        return f"{PREFIX}{key_id}:{base64.b64encode(nonce + sealed).decode()}"

    def open(self, uuid: str, table: str, envelope: str) -> str:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            _, key_id, body = envelope.split(":", 2)
            raw = base64.b64decode(body)
        except ValueError as exc:
            raise KeyUnavailable(reason="damaged envelope") from exc
        try:
            plain = AESGCM(self.key(uuid, key_id)).decrypt(raw[:12], raw[12:], _aad(uuid, table))
        except InvalidTag as exc:
            raise KeyUnavailable(reason="the key does not open this data") from exc
        return plain.decode("utf-8")


def _entry_json(wk: WorkspaceKeys) -> dict[str, object]:
    entry: dict[str, object] = {
        "current": wk.current,
        "keys": {kid: base64.b64encode(k).decode() for kid, k in wk.keys.items()},
    }
    if wk.expires is not None:
        entry["expires"] = wk.expires.isoformat()
    if wk.audit is not None:
        entry["audit"] = base64.b64encode(wk.audit).decode()
    return entry


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX)


def _aad(uuid: str, table: str) -> bytes:
    return f"binome:{uuid}:{table}".encode()


def key_file_for(url: str, sqlite_file: Path | None, data_dir: Callable[[], Path]) -> Path:
    """The key file of a database: ``BINOME_SECRET_KEY_FILE``, else beside a SQLite
    file, else in ``data_dir()`` (asked only then: platformdirs costs an import)."""
    env = os.environ.get("BINOME_SECRET_KEY_FILE")
    if env:
        return Path(env).expanduser()
    if sqlite_file is not None:
        return sqlite_file.with_name(sqlite_file.name + ".key")
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    return data_dir() / "keys" / f"{digest}.key"


def new_token() -> str:
    """A 256-bit URL-safe secret (API tokens, session ids)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
