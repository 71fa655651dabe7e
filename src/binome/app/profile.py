"""The principal's work style in the store: show it, edit one key, import a TOML file.

The profile is stored as its dict form (``profile_to_dict``) in the ``workspaces.profile``
JSON column, one per workspace. ``{}`` means none was stored yet: the default profile
(``Profile.default()``) then applies, placed in the workspace's zone and country so that a
principal in New York does not get Paris hours by default.

Who may do what (the role table of ``app.access``):

- the **principal** and the **assistant** may edit it: keeping the director's work style
  current is part of guarding their time, and it is what an assistant is asked to do;
  every edit is audited (``profile.set`` with the key and value, ``profile.import`` with
  a digest of the whole profile);
- the **backup** may read it (they book meetings too) but not change it;
- a **viewer** sees free/busy time only, so not the profile either.

An edit is validated as a whole (``domain.profile_io``): an invalid value raises
``InvalidInput`` naming the key and the value, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from binome import demo as demo_data
from binome.app.context import App
from binome.app.uow import UnitOfWork, unit_of_work
from binome.domain import profile as profile_io  # the serial forms are re-exported there
from binome.domain.errors import N_, PermissionDenied
from binome.domain.model import Role
from binome.domain.profile import Profile
from binome.domain.text import Message

__all__ = [
    "DEMO_PROFILE_TOML",
    "ProfileView",
    "demo_profile",
    "import_profile",
    "load_profile",
    "set_profile_value",
    "show_profile",
    "store_profile",
]

# The demo principal's profile (Claire Martin, Lyon), shipped in the package: `binome demo`
# stores it; examples/profil.toml is the same file for people to copy (a test keeps them equal).
DEMO_PROFILE_TOML = Path(demo_data.__file__).with_name("profile.toml")
EDITORS = frozenset({Role.PRINCIPAL, Role.ASSISTANT})


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileView:
    """The profile as shown: the value, whether it was stored, and its plain-words lines."""

    profile: Profile
    stored: bool
    lines: tuple[Message, ...]

    def as_dict(self) -> dict[str, Any]:
        """The ``--json`` form: ``stored`` and the profile in its dict (TOML file) shape."""
        return {"stored": self.stored, "profile": profile_io.profile_to_dict(self.profile)}


def load_profile(uow: UnitOfWork) -> Profile:
    """The principal's profile: the stored one, else the default in the workspace's zone."""
    data = uow.repos.profile_data()
    if data:
        return profile_io.profile_from_dict(data)
    return default_for(uow)


def default_for(uow: UnitOfWork) -> Profile:
    ws = uow.workspace
    base = Profile.default()
    return replace(base, timezone=ws.tz, country=ws.country or base.country, region=ws.region)


def store_profile(uow: UnitOfWork, profile: Profile) -> None:
    """Write ``profile`` in this unit of work (the caller checks rights and audits)."""
    uow.repos.save_profile_data(profile_io.profile_to_dict(profile))


def show_profile(app: App) -> ProfileView:
    with unit_of_work(app, write=False) as uow:
        if uow.actor.role is Role.VIEWER:
            raise PermissionDenied(N_("A viewer sees free/busy time only."))
        stored = bool(uow.repos.profile_data())
        return _view(load_profile(uow), stored)


def set_profile_value(app: App, key: str, value: str) -> ProfileView:
    """``binome profile set KEY VALUE``: one dotted key, the whole profile re-validated."""
    with unit_of_work(app) as uow:
        _require_editor(uow)
        profile = profile_io.set_profile_value(load_profile(uow), key, value)
        store_profile(uow, profile)
        uow.audit("profile.set", "workspace", str(uow.workspace_row.id), {key: value})
        return _view(profile, True)


def import_profile(app: App, toml_text: str) -> ProfileView:
    """``binome profile import FILE.toml``: replace the whole profile (keys absent from the
    file take their defaults, as in ``profile_from_dict``)."""
    with unit_of_work(app) as uow:
        _require_editor(uow)
        profile = profile_io.profile_from_toml(toml_text)
        store_profile(uow, profile)
        data = profile_io.profile_to_dict(profile)
        uow.audit("profile.import", "workspace", str(uow.workspace_row.id), data)
        return _view(profile, True)


def demo_profile() -> Profile:
    """The demo principal's complete profile (``examples/profil.toml``)."""
    return profile_io.profile_from_toml(DEMO_PROFILE_TOML.read_text(encoding="utf-8"))


def _require_editor(uow: UnitOfWork) -> None:
    if uow.actor.role not in EDITORS:
        raise PermissionDenied(N_("Only the principal or an assistant can change the profile."))


def _view(profile: Profile, stored: bool) -> ProfileView:
    return ProfileView(
        profile=profile, stored=stored, lines=tuple(profile_io.describe_profile(profile))
    )
