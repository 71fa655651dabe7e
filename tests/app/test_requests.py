"""The requests use cases: languages, masking, commitments, series, stale options and
atomicity. ``now`` is Thursday 26 November 2026, 9:00 in Paris. On SQLite: the store is
not what is tested here (``tests/cli/test_requests_cmd.py`` runs on both databases)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from email.message import EmailMessage

import pytest
from sqlalchemy.orm import Session

from binome.app.calendar import NewEvent, add_event, agenda
from binome.app.context import App
from binome.app.items import add_person, list_commitments
from binome.app.request_actions import confirm
from binome.app.requests import ask, intake, list_requests
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.errors import Conflict, NotFound
from binome.domain.model import Classification, Role
from binome.domain.timing import zone
from binome.store.codec import to_db
from binome.store.tables import UserRow
from tests.conftest import NOW

PARIS = zone("Europe/Paris")


@pytest.fixture
def app(sqlite_url: str) -> App:
    app = App.open(sqlite_url, now=NOW)
    init_workspace(
        app, principal="Claire Martin", email="claire@example.fr", tz="Europe/Paris", country="FR"
    )
    add_person(app, name="Paul Durand", email="paul@example.com", tz="Europe/Paris")
    return app


def _paris(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def _speaks(app: App, email: str, lang: str) -> None:
    with unit_of_work(app) as uow:
        person = uow.repos.person_by_email(email)
        assert person is not None
        uow.repos.update_person(replace(person, lang=lang))


def _backup(app: App) -> App:
    with Session(app.engine) as session, session.begin():
        principal = session.query(UserRow).one()
        session.add(
            UserRow(
                workspace_id=principal.workspace_id,
                name="bea",
                email="bea@example.fr",
                role=Role.BACKUP.value,
                clearance=Classification.INTERNAL.value,
                active=True,
                created_at=to_db(NOW),
            )
        )
    return replace(app, actor_name="bea")


def test_each_recipient_reads_the_invitation_in_their_own_language(app: App) -> None:
    add_person(app, name="John Smith", email="john@example.com", tz="America/New_York")
    _speaks(app, "john@example.com", "en")
    asked = ask(app, "Organise une réunion avec Paul et John jeudi prochain à 15h")
    assert asked["status"] == "awaiting_confirmation", asked["question"]
    done = confirm(app, asked["id"])
    langs = {d["to"]: (d["lang"], d["message"]) for d in done["invitations"]}
    assert langs["paul@example.com"][0] == "fr"
    assert "vous invite" in langs["paul@example.com"][1]
    assert langs["john@example.com"][0] == "en"
    assert "Claire Martin invites you" in langs["john@example.com"][1]


def test_an_agenda_question_is_masked_for_a_backup_and_the_secret_never_stored(
    app: App,
) -> None:
    secret = NewEvent(
        title="Rachat de Zeta",
        start=_paris("2026-11-27T10:00"),
        end=_paris("2026-11-27T11:00"),
        classification=Classification.SECRET,
    )
    add_event(app, secret)
    bea = _backup(app)
    asked = ask(bea, "qu'est-ce que j'ai demain ?")
    [line] = asked["answer"]
    assert line["masked"] is True
    assert line["title"] is None
    assert "Zeta" not in str(asked)
    assert "Occupé" in asked["reformulation"]
    assert all("Zeta" not in str(r) for r in list_requests(app, all_=True))


def test_the_principal_reading_a_secret_through_a_question_is_audited(app: App) -> None:
    secret = NewEvent(
        title="Rachat de Zeta",
        start=_paris("2026-11-27T10:00"),
        end=_paris("2026-11-27T11:00"),
        classification=Classification.SECRET,
    )
    add_event(app, secret)
    asked = ask(app, "what do I have tomorrow?")
    assert [i["title"] for i in asked["answer"]] == ["Rachat de Zeta"]
    with unit_of_work(app, write=False) as uow:
        from binome.store import audit as audit_log

        actions = [e.action for e in audit_log.entries(uow.session, uow.workspace_row.id)]
    assert "read.confidential" in actions


def _mail(sender: str, body: str, message_id: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "claire@example.fr"
    msg["Subject"] = "Demande"
    msg["Message-ID"] = message_id
    msg.set_content(body)
    return msg.as_bytes()


def test_a_task_asked_by_mail_becomes_a_commitment_to_the_sender(app: App) -> None:
    data = _mail("paul@example.com", "Peux-tu m'envoyer le budget avant vendredi ?", "<b@x>")
    [request] = intake(app, data, name="budget.eml")["requests"]
    assert request["interpretation"]["intent"] == "add_task", request["interpretation"]
    done = confirm(app, request["id"])
    assert [d["type"] for d in done["done"]] == ["task", "event", "commitment"]
    [commitment] = list_commitments(app)
    assert commitment["to"] == "paul@example.com"
    due = datetime.fromisoformat(request["interpretation"]["deadline"])
    assert datetime.fromisoformat(commitment["due"]) == due


def test_cancelling_one_occurrence_of_a_series_keeps_the_others(app: App) -> None:
    weekly = NewEvent(
        title="Point équipe",
        start=_paris("2026-11-30T10:00"),
        end=_paris("2026-11-30T10:30"),
        rrule="FREQ=WEEKLY",
    )
    add_event(app, weekly)
    asked = ask(app, "Annule le point équipe de lundi prochain")
    assert asked["options"], asked["question"]
    confirm(app, asked["id"])
    first = agenda(app, what="2026-11-30")["items"]
    assert first == []
    second = agenda(app, what="2026-12-07")["items"]
    assert [i["title"] for i in second] == ["Point équipe"]


def test_an_option_on_an_event_changed_since_is_refused_and_nothing_is_done(app: App) -> None:
    added = add_event(
        app, NewEvent(title="Comité", start=_paris("2026-12-03T11:00"),
                      end=_paris("2026-12-03T12:00"))
    )  # fmt: skip
    asked = ask(app, "Décale le comité de jeudi prochain à 16h")
    with unit_of_work(app) as uow:
        event = uow.repos.event(int(added["id"][1:]))
        uow.repos.update_event(replace(event, title="Comité de direction"), now=NOW)
    with pytest.raises(Conflict):
        confirm(app, asked["id"])
    [item] = agenda(app, what="2026-12-03")["items"]
    assert item["start"] == "2026-12-03T11:00:00+01:00"
    assert [r["id"] for r in list_requests(app)] == [asked["id"]]


def test_a_request_of_another_workspace_is_not_found(app: App) -> None:
    with pytest.raises(NotFound):
        confirm(app, "Q4242")


def test_requests_naming_a_secret_event_are_masked_for_a_backup(app: App) -> None:
    secret = NewEvent(
        title="Rachat de Zeta",
        start=_paris("2026-11-27T10:00"),
        end=_paris("2026-11-27T11:00"),
        classification=Classification.SECRET,
    )
    add_event(app, secret)
    cancel = ask(app, "Annule mon rendez-vous de demain 10h")
    assert "Zeta" in str(cancel["options"])
    question = ask(app, "qu'est-ce que j'ai demain ?")
    assert "Zeta" in question["reformulation"]  # the principal's own answer, not stored
    seen_by_backup = list_requests(_backup(app), all_=True)
    assert "Zeta" not in str(seen_by_backup)
    by_id = {r["id"]: r for r in seen_by_backup}
    assert by_id[cancel["id"]]["masked"] is True
    assert by_id[question["id"]]["masked"] is False


def test_a_weekly_reminder_becomes_a_series(app: App) -> None:
    asked = ask(app, "Rappelle-moi tous les vendredis à 17h de remplir mes notes de frais")
    assert asked["interpretation"]["recurrence"], asked["interpretation"]
    confirm(app, asked["id"])
    fridays = [agenda(app, what=day)["items"] for day in ("2026-11-27", "2026-12-04")]
    assert [[i["start"] for i in items] for items in fridays] == [
        ["2026-11-27T17:00:00+01:00"],
        ["2026-12-04T17:00:00+01:00"],
    ]
    assert fridays[0][0]["kind"] == "reminder"
    assert fridays[0][0]["busy"] is False


def test_a_reminder_before_an_event_is_placed_that_many_minutes_before_it(app: App) -> None:
    add_event(app, NewEvent(title="Comité", start=_paris("2026-11-30T10:00"),
                            end=_paris("2026-11-30T12:00")))  # fmt: skip
    asked = ask(app, "Rappelle-moi 15 minutes avant le comité de lundi")
    [option] = asked["options"]
    assert option["start"] == "2026-11-30T09:45:00+01:00"


def test_a_task_typed_by_the_pair_is_no_commitment_to_anyone(app: App) -> None:
    asked = ask(app, "Ajoute une tâche : préparer le budget avant mardi")
    done = confirm(app, asked["id"])
    assert [d["type"] for d in done["done"]] == ["task", "event"]
    assert list_commitments(app) == []


def test_lunch_options_on_following_days_keep_lunch_time_across_the_dst_change(
    sqlite_url: str,
) -> None:
    spring = datetime(2027, 3, 25, 8, 0, tzinfo=PARIS)  # Thursday; clocks go forward on the 28th
    app = App.open(sqlite_url, now=spring)
    init_workspace(
        app, principal="Claire Martin", email="claire@example.fr", tz="Europe/Paris", country="FR"
    )
    add_person(app, name="Paul Durand", email="paul@example.com", tz="Europe/Paris")
    add_event(app, NewEvent(title="Board", start=datetime(2027, 3, 26, 11, tzinfo=PARIS),
                            end=datetime(2027, 3, 26, 15, tzinfo=PARIS)))  # fmt: skip
    asked = ask(app, "Déjeuner avec Paul vendredi")
    starts = [o["start"] for o in asked["options"]]
    # Monday 29 March 2027 is Easter Monday, a public holiday in France: skipped.
    assert starts == ["2027-03-30T12:00:00+02:00", "2027-03-31T12:00:00+02:00",
                      "2027-04-01T12:00:00+02:00"]  # fmt: skip
