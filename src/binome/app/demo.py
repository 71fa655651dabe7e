"""The demo workspace: a director's three weeks, built by code from data, reproducibly.

``build_demo`` creates a workspace for Claire Martin (head of Lumen Industries, Lyon) from
``binome/demo/workspace.toml``: logins, ~40 contacts across four continents, five weighted
objectives, recurring series with cancelled (EXDATE) and moved (RECURRENCE-ID) occurrences,
all-day events, confidential and secret items, tasks, commitments and requests waiting for
confirmation. Dates in the data are offsets from ``today``; the clock is pinned to 07:30 on
``today`` in the director's zone and randomness comes from ``seed`` only, so two builds give
the same agenda. The workspace itself is created by ``init_workspace`` (its own
transaction); everything in it is then written in ONE unit of work with its audit entries.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from binome import demo as demo_data
from binome.app.access import DEFAULT_CLEARANCE
from binome.app.context import App, Clock
from binome.app.expansion import occurrences, override_of
from binome.app.profile import demo_profile as demo_work_style
from binome.app.profile import store_profile
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.model import (
    Attendee,
    Classification,
    Commitment,
    CommitmentStatus,
    Event,
    EventKind,
    Objective,
    Person,
    Priority,
    Recurrence,
    Request,
    RequestStatus,
    Role,
    Task,
    TaskStatus,
    WorkingHours,
    Workspace,
)
from binome.domain.profile import profile_to_dict
from binome.domain.timing import AllDay, Span, Timed, local_to_utc, parse_duration, zone
from binome.store.codec import to_db
from binome.store.tables import UserRow

DEMO_TODAY = date(2026, 11, 26)
DEMO_SEED = 20261126
MORNING = time(7, 30)


@dataclass(frozen=True, slots=True, kw_only=True)
class Login:
    """A demo login. The password is demo-only and printed by ``binome demo``."""

    login: str
    name: str
    role: Role
    password: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoResult:
    workspace: Workspace
    today: date
    now: datetime
    logins: tuple[Login, ...]
    counts: Mapping[str, int]
    profile: Mapping[str, Any] = field(default_factory=dict)


def demo_morning(today: date, tz: str = "Europe/Paris") -> datetime:
    """07:30 on ``today`` in ``tz``: the instant the demo's brief is read."""
    return local_to_utc(datetime.combine(today, MORNING), zone(tz))


def build_demo(
    app: App,
    *,
    today: date = DEMO_TODAY,
    lang: str = "fr",
    seed: int = DEMO_SEED,
    hasher: Callable[[str], str] | None = None,
) -> DemoResult:
    """Create the demo workspace in ``app``'s database (which must hold none by that name)."""
    data = demo_data.load()
    ws = data["workspace"]
    now = demo_morning(today, ws["tz"])
    # The seed drives the content only. The workspace UUID (init_workspace draws it from
    # app.random) must differ between builds: keys are filed by UUID, and two demos sharing
    # one key file would otherwise overwrite each other's key.
    demo_app = replace(app, clock=Clock.fixed(now), actor_name=None, random=random.Random())
    init_workspace(
        demo_app,
        principal=ws["principal"],
        email=ws["email"],
        tz=ws["tz"],
        lang=lang,
        country=ws["country"],
        name=ws["name"],
        login=data["users"][0]["login"],
    )
    hash_password = hasher or _argon2_hasher()
    with unit_of_work(demo_app) as uow:
        builder = _Builder(uow, data, today, random.Random(seed))
        builder.people()
        logins = builder.users(hash_password)
        builder.objectives()
        builder.events()
        builder.tasks()
        builder.commitments()
        builder.requests()
        work_style = demo_work_style()  # Claire's complete profile (binome/demo/profile.toml)
        store_profile(uow, work_style)
        profile = profile_to_dict(work_style)
        uow.audit("profile.import", "workspace", str(uow.workspace_row.id), profile)
        workspace = uow.workspace
        counts = dict(builder.counts)
    return DemoResult(
        workspace=workspace,
        today=today,
        now=now,
        logins=tuple(logins),
        counts=counts,
        profile=profile,
    )


def _argon2_hasher() -> Callable[[str], str]:
    from argon2 import PasswordHasher

    hasher = PasswordHasher()  # Argon2id with the library's OWASP-grade defaults
    return lambda password: str(hasher.hash(password))


class _Builder:
    """Writes the data of ``workspace.toml`` through the repositories of one unit of work."""

    def __init__(
        self, uow: UnitOfWork, data: Mapping[str, Any], today: date, rng: random.Random
    ) -> None:
        self.uow = uow
        self.data = data
        self.today = today
        self.rng = rng
        self.tz = zone(uow.workspace.tz)
        self.emails: dict[str, str] = {}
        self.objective_ids: dict[str, int] = {}
        self.events_made: list[Event] = []
        self.counts: dict[str, int] = {}

    # -- helpers -------------------------------------------------------------------------

    def at(self, day: int, hhmm: str) -> datetime:
        """Wall time ``hhmm`` on ``today + day`` in the director's zone (RFC 5545 rules)."""
        wall = datetime.combine(self.today + timedelta(days=day), time.fromisoformat(hhmm))
        return local_to_utc(wall, self.tz).astimezone(self.tz)

    def email(self, ref: str) -> str:
        return self.emails[ref]

    def attendees(self, refs: Sequence[str]) -> tuple[Attendee, ...]:
        people = {p.email: p for p in self.uow.repos.people()}
        return tuple(Attendee(self.email(r), people[self.email(r)].name) for r in refs)

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def audit(self, kind: str, object_id: int, content: Any) -> None:
        self.uow.audit(f"{kind}.create", kind, str(object_id), content)
        self.count(kind)

    # -- people and logins ---------------------------------------------------------------

    def people(self) -> None:
        principal = self.uow.workspace_row.principal_user_id
        row = self.uow.session.get(UserRow, principal)
        assert row is not None
        self.emails["claire"] = row.email
        self.count("person")
        for name, email, tz, country, hours, vip, org in self.data["people"]["rows"]:
            person = self.uow.repos.add_person(
                Person(
                    name=name,
                    email=email,
                    tz=tz,
                    country=country,
                    hours=WorkingHours.parse(hours),
                    vip=vip,
                    organization=org,
                    lang="fr" if country == "FR" else "en",
                )
            )
            self.emails[email.split("@")[0]] = person.email
            self.audit("person", person.id, {"email": person.email})

    def users(self, hash_password: Callable[[str], str]) -> list[Login]:
        session = self.uow.session
        logins: list[Login] = []
        for spec in self.data["users"]:
            role = Role.parse(spec["role"])
            if role is Role.PRINCIPAL:
                row = session.get(UserRow, self.uow.workspace_row.principal_user_id)
                assert row is not None
                name = self.data["workspace"]["principal"]
            else:
                person = self.uow.repos.person_by_email(spec["email"])
                assert person is not None
                name = spec["name"]
                row = UserRow(
                    workspace_id=self.uow.workspace_row.id,
                    person_id=person.id,
                    name=spec["login"],
                    email=person.email,
                    role=role.value,
                    clearance=DEFAULT_CLEARANCE[role].value,
                    active=True,
                    created_at=to_db(self.uow.now),
                )
                session.add(row)
            row.password_hash = hash_password(spec["password"])
            session.flush()
            self.uow.audit(
                "user.create", "user", str(row.id), {"login": row.name, "role": role.value}
            )
            self.count("user")
            logins.append(
                Login(login=spec["login"], name=name, role=role, password=spec["password"])
            )
        return logins

    def objectives(self) -> None:
        for spec in self.data["objectives"]:
            stored = self.uow.repos.add_objective(
                Objective(title=spec["title"], weight=spec["weight"])
            )
            self.objective_ids[spec["key"]] = stored.id
            self.audit("objective", stored.id, {"title": stored.title})

    # -- calendar ------------------------------------------------------------------------

    def _event(self, spec: Mapping[str, Any], timing: Timed | AllDay, **extra: Any) -> Event:
        objective = spec.get("objective")
        return Event(
            title=spec["title"],
            timing=timing,
            attendees=self.attendees(spec.get("attendees", ())),
            organizer=self.emails["claire"],
            location=spec.get("location"),
            classification=Classification.parse(spec.get("classification", "internal")),
            kind=EventKind(spec.get("kind", "meeting")),
            important=bool(spec.get("important", False)),
            transparent=bool(spec.get("transparent", False)),
            objective_id=None if objective is None else self.objective_ids[objective],
            **extra,
        )

    def _store_event(self, event: Event) -> Event:
        stored = self.uow.repos.add_event(event, now=self.uow.now)
        self.events_made.append(stored)
        self.audit("event", stored.id, {"title": stored.title})
        return stored

    def _timed(self, day: int, start: str, minutes: int) -> Timed:
        begin = self.at(day, start)
        return Timed(begin, begin + timedelta(minutes=minutes))

    def events(self) -> None:
        for spec in self.data["series"]:
            self._series(spec)
        for spec in self.data["all_day"]:
            first = self.today + timedelta(days=spec["day"])
            self._store_event(
                self._event(spec, AllDay(first, first + timedelta(days=spec["days"])))
            )
        for spec in self.data["events"]:
            self._store_event(
                self._event(spec, self._timed(spec["day"], spec["start"], spec["minutes"]))
            )
        self._fillers()

    def _series(self, spec: Mapping[str, Any]) -> None:
        timing = self._timed(spec["first"], spec["start"], spec["minutes"])
        exdates = tuple(self.at(d, spec["start"]) for d in spec.get("exdates", ()))
        master = self._store_event(
            self._event(spec, timing, recurrence=Recurrence(rrule=spec["rrule"], exdates=exdates))
        )
        self.count("series")
        for move in spec.get("moves", ()):
            # The override keeps the series' identity: series_id + RECURRENCE-ID, the
            # original start of the occurrence it replaces (RFC 5545 §3.8.4.4).
            original = self.at(move["day"], spec["start"])
            moved = self._timed(move["to_day"], move["start"], move["minutes"])
            self._store_event(override_of(master, original, moved))
            self.count("moved")
        self.counts["exdates"] = self.counts.get("exdates", 0) + len(exdates)

    def _fillers(self) -> None:
        """Seeded short meetings in free late afternoons, except today and the fair."""
        pool = self.data["fillers"]
        window = Span(self.at(-10, "00:00"), self.at(11, "00:00"))
        busy = [
            o.span for o in occurrences(self.events_made, window, self.tz) if not o.event.all_day
        ]
        for day in range(-10, 11):
            current = self.today + timedelta(days=day)
            if day == 0 or current.isoweekday() > 5 or self.rng.random() > 0.45:
                continue
            timing = self._timed(day, "16:45", 45)
            slot = timing.span(self.tz)
            if any(slot.overlaps(b) for b in busy):
                continue
            pick = self.rng.randrange(len(pool["titles"]))
            spec = {"title": pool["titles"][pick], "attendees": [pool["attendees"][pick]]}
            self._store_event(self._event(spec, timing))
            busy.append(slot)
            self.count("filler")

    # -- work ----------------------------------------------------------------------------

    def tasks(self) -> None:
        ids: dict[str, int] = {}
        for spec in self.data["tasks"]:
            done = spec.get("done")
            objective = spec.get("objective")
            created = self.uow.now - timedelta(
                days=self.rng.randint(5, 30), hours=self.rng.randint(0, 8)
            )
            task = Task(
                title=spec["title"],
                estimate=parse_duration(spec["estimate"]),
                due=self.at(*spec["due"]),
                priority=Priority.parse(spec.get("priority", "medium")),
                objective_id=None if objective is None else self.objective_ids[objective],
                owner=spec.get("owner", "principal"),
                depends_on=tuple(ids[k] for k in spec.get("after", ())),
                waiting_on=self.email(spec["waiting_on"]) if "waiting_on" in spec else None,
                status=TaskStatus.OPEN if done is None else TaskStatus.DONE,
                done_at=None if done is None else self.at(done, "17:30"),
                classification=Classification.parse(spec.get("classification", "internal")),
                created_at=created,
            )
            stored = self.uow.repos.add_task(task, now=self.uow.now)
            ids[spec["key"]] = stored.id
            self.audit("task", stored.id, {"title": stored.title})

    def commitments(self) -> None:
        for spec in self.data["commitments"]:
            kept = spec.get("kept")
            stored = self.uow.repos.add_commitment(
                Commitment(
                    what=spec["what"],
                    owner=self.email(spec.get("owner", "claire")),
                    beneficiary=self.email(spec["to"]),
                    due=self.at(*spec["due"]),
                    status=CommitmentStatus.OPEN if kept is None else CommitmentStatus.KEPT,
                    done_at=None if kept is None else self.at(kept, "16:00"),
                    classification=Classification.parse(spec.get("classification", "internal")),
                    created_at=self.at(spec["due"][0] - 10, "10:00"),
                ),
                now=self.uow.now,
            )
            self.audit("commitment", stored.id, {"what": stored.what})

    def requests(self) -> None:
        for number, spec in enumerate(self.data["requests"]):
            options = tuple(self._option(o) for o in spec["options"])
            stored = self.uow.repos.add_request(
                Request(
                    text=spec["text"],
                    lang="fr",
                    requester=self.email(spec["requester"]),
                    interpretation={"intent": "schedule", "source": "demo"},
                    reformulation=spec["reformulation"],
                    options=options,
                    status=RequestStatus.AWAITING_CONFIRMATION,
                    created_at=self.uow.now - timedelta(hours=14 - number),
                ),
                now=self.uow.now,
            )
            self.audit("request", stored.id, {"text": stored.text})

    def _option(self, spec: Mapping[str, Any]) -> dict[str, Any]:
        timing = self._timed(spec["day"], spec["start"], spec["minutes"])
        return {
            "start": timing.start.isoformat(),
            "end": timing.end.isoformat(),
            "reason": spec["reason"],
        }


# -- the database the demo goes into ------------------------------------------------


def make_room(url: str, *, force: bool) -> None:
    """Refuse a database that already holds a workspace, unless ``--force`` on SQLite
    (then the file and its -wal/-shm/-journal companions are removed first)."""
    from binome.domain.errors import N_, Conflict, InvalidInput
    from binome.store.db import sqlite_path

    path = sqlite_path(url)

    if not _holds_workspace(url):
        return
    if not force:
        raise Conflict(
            N_(
                "This database already holds a workspace: use another --db, or --force to "
                "replace the SQLite file."
            )
        )
    if path is None:
        raise InvalidInput(
            N_("--force only replaces SQLite files; drop the PostgreSQL database yourself.")
        )
    from binome.store.db import make_engine

    make_engine(url).dispose()  # close pooled connections to the file being replaced
    make_engine.cache_clear()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _holds_workspace(url: str) -> bool:
    from sqlalchemy import inspect, select
    from sqlalchemy.exc import OperationalError

    from binome.store.db import make_engine, sqlite_path
    from binome.store.tables import WorkspaceRow

    path = sqlite_path(url)
    if path is not None and not path.exists():
        return False
    try:
        engine = make_engine(url)
        if not inspect(engine).has_table(WorkspaceRow.__tablename__):
            return False
        with engine.connect() as conn:
            return conn.execute(select(WorkspaceRow.id).limit(1)).first() is not None
    except OperationalError:
        return False
