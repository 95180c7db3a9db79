"""Previewing and applying an import: matching, merging without losing edits, stages only forward, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from model.database import Database
from model.errors import OvertureError
from model.importing.plan import Decisions, Status
from model.importing.records import (
    ImportBundle,
    ImportCancelled,
    InvitationIn,
    MessageIn,
    OwnProfileIn,
    PersonIn,
    Skip,
)
from model.nudges import NudgeKind
from model.services import Services
from model.vocabulary import Direction, MessageKind, Stage
from tests.model.conftest import FakeClock, add, to_requested

ADA = "https://www.linkedin.com/in/ada-lovelace"
GRACE = "https://www.linkedin.com/in/grace-hopper"
ALAN = "https://www.linkedin.com/in/alan-turing"
KATHERINE = "https://www.linkedin.com/in/katherine-johnson"


def at(days_ago: float, clock: FakeClock) -> datetime:
    return clock() - timedelta(days=days_ago)


def connection(line: int, name: str, url: str | None, days_ago: float, clock: FakeClock, **fields: str) -> PersonIn:
    return PersonIn("Connections.csv", line, name, profile_url=url, connected_at=at(days_ago, clock), **fields)  # type: ignore[arg-type]


def message(
    line: int, name: str, url: str | None, days_ago: float, clock: FakeClock, body: str, *, out: bool
) -> MessageIn:
    return MessageIn("messages.csv", line, name, url, at(days_ago, clock), body, out, key=f"key-{line:04d}-{body[:8]}")


def export(clock: FakeClock, *, company: str = "Analytical Engines") -> ImportBundle:
    """A small LinkedIn export: three connections, a pending invitation, an invitation to the user, some messages."""
    return ImportBundle(
        "linkedin",
        Path("Basic_LinkedInDataExport_11-26-2026.zip"),
        people=[
            connection(5, "Ada Lovelace", ADA, 400, clock, company=company, position="Analyst"),
            connection(6, "Grace Hopper", GRACE, 2, clock, company="Navy", position="Rear Admiral"),
            connection(7, "Alan Turing", ALAN, 900, clock, company="Bletchley Park"),
        ],
        invitations=[
            InvitationIn("Invitations.csv", 2, "Katherine Johnson", KATHERINE, at(3, clock), "Your orbit work!", True),
            InvitationIn("Invitations.csv", 3, "Grace Hopper", GRACE, at(4, clock), "COBOL fan here.", True),
            InvitationIn("Invitations.csv", 4, "Mallory Spam", None, at(1, clock), "Buy my course", False),
        ],
        messages=[
            message(2, "Ada Lovelace", ADA, 399, clock, "Thanks for connecting, Ada!", out=True),
            message(3, "Ada Lovelace", ADA, 398, clock, "My pleasure.", out=False),
            message(4, "Ada Lovelace", ADA, 200, clock, "How are the engines?", out=True),
            message(5, "Ada Lovelace", ADA, 190, clock, "Any news?", out=True),
            message(6, "Eve Stranger", None, 10, clock, "Hello", out=False),
        ],
        profile=OwnProfileIn(name="Charles Babbage", headline="Engines for everyone"),
        owner_name="Charles Babbage",
    )


def by_name(services: Services) -> dict[str, int]:
    return {c.name: c.id for c in services.contacts()}


def test_a_first_import_places_each_person_in_the_right_stage_with_their_history(
    services: Services, clock: FakeClock
) -> None:
    bundle = export(clock)
    plan = services.preview_import(bundle)
    assert (plan.count(Status.NEW), plan.count(Status.UPDATED), plan.count(Status.UNCHANGED)) == (4, 0, 0)
    assert plan.message_count == 4 + 2  # Ada's messages, and the two outgoing invitations
    assert [i.name for i in plan.inviters] == ["Mallory Spam"], "an invitation to the user is offered, not added"
    assert any("Eve Stranger" in s.reason and s.line == 6 for s in plan.skipped)
    assert services.contacts() == [], "a preview writes nothing"

    result = services.run_import(bundle)
    assert (result.added, result.messages) == (4, 6)
    ids = by_name(services)
    ada = services.contact(ids["Ada Lovelace"])
    assert ada.stage is Stage.NURTURING, "she was written to after connecting"
    assert ada.connected_at == at(400, clock)
    # Newest first: a second unanswered message is a follow-up, a message after their reply is not; the first is
    # the thank-you.
    assert [m.kind for m in ada.messages if m.direction is Direction.OUTGOING] == [
        MessageKind.FOLLOW_UP,
        MessageKind.OTHER,
        MessageKind.THANK_YOU,
    ]
    assert all(m.imported for m in ada.messages)
    assert [(h.to_stage, h.imported) for h in ada.history] == [(Stage.NURTURING, True), (Stage.CONNECTED, True)]
    grace = services.contact(ids["Grace Hopper"])
    assert grace.stage is Stage.CONNECTED
    [request] = grace.messages
    assert (request.kind, request.body, request.accepted_at) == (
        MessageKind.CONNECTION_REQUEST,
        "COBOL fan here.",
        at(2, clock),
    )
    assert "does not record why" in request.intent_note
    katherine = services.contact(ids["Katherine Johnson"])
    assert katherine.stage is Stage.REQUESTED and katherine.connected_at is None
    assert services.contact(ids["Alan Turing"]).stage is Stage.CONNECTED
    kinds = {(n.contact_name, n.kind) for n in services.nudges()}
    assert ("Grace Hopper", NudgeKind.THANK_YOU_DUE) in kinds, "a recent acceptance asks for a thank-you"
    assert not any(n.kind is NudgeKind.THANK_YOU_DUE for n in services.nudges() if n.contact_name != "Grace Hopper")
    assert services.own_profile().headline == "Engines for everyone"


def test_importing_the_same_export_again_changes_nothing(services: Services, clock: FakeClock) -> None:
    services.run_import(export(clock))
    before = services.contacts()
    again = services.preview_import(export(clock))
    assert (again.count(Status.NEW), again.count(Status.UPDATED), again.message_count) == (0, 0, 0)
    assert again.count(Status.UNCHANGED) == 4
    assert not again.changes_anything, "the own profile was filled in the first time: nothing left to fill"
    services.run_import(export(clock))
    assert services.contacts() == before
    assert len(services.contact(by_name(services)["Ada Lovelace"]).messages) == 4


def test_a_newer_export_updates_what_the_user_left_alone_and_shows_what_they_edited(
    services: Services, clock: FakeClock
) -> None:
    services.run_import(export(clock))
    ada = by_name(services)["Ada Lovelace"]
    services.edit_contact(ada, position="Poetical scientist")  # the user's own word for it
    newer = export(clock, company="Difference Engines Ltd")
    newer.people[0].position = "Lead Analyst"
    plan = services.preview_import(newer)
    [planned] = [p for p in plan.planned if p.contact_id == ada]
    assert [c.field for c in planned.changes] == ["company"], "not edited since the last import: updated"
    assert [(c.field, c.current, c.incoming) for c in planned.conflicts] == [
        ("position", "Poetical scientist", "Lead Analyst")
    ]
    services.run_import(newer)
    record = services.contact(ada)
    assert (record.company, record.position) == ("Difference Engines Ltd", "Poetical scientist")

    # Shown once and kept: the same export does not ask again; the person may also take the file's value.
    assert services.preview_import(newer).conflict_count == 0
    newest = export(clock, company="Difference Engines Ltd")
    newest.people[0].position = "Chief Analyst"
    services.run_import(newest, Decisions(accepted={("Connections.csv", 5, "position")}))
    assert services.contact(ada).position == "Chief Analyst"


def test_stages_only_move_forward_and_parked_stays_parked(services: Services, clock: FakeClock) -> None:
    services.run_import(export(clock))
    ids = by_name(services)
    services.park(ids["Alan Turing"], "On sabbatical")
    newer = export(clock)
    newer.messages.append(message(9, "Alan Turing", ALAN, 1, clock, "Back soon?", out=True))
    services.run_import(newer)
    alan = services.contact(ids["Alan Turing"])
    assert alan.stage is Stage.PARKED and len(alan.messages) == 1, "the message is added, the stage left alone"
    assert services.contact(ids["Ada Lovelace"]).stage is Stage.NURTURING


def test_existing_contacts_are_matched_by_url_email_then_name_and_company(services: Services, clock: FakeClock) -> None:
    ada = add(services, "Ada Lovelace", company="Analytical Engines")  # added by hand, no URL yet
    grace = add(services, "Grace Hopper", company="Harvard")  # same name, another company: ask
    alan = add(services, "A. Turing", email="alan@bletchley.example")
    bundle = export(clock)
    bundle.people[2].email = "ALAN@bletchley.example"
    plan = services.preview_import(bundle)
    matched = {p.person.name: p.contact_id for p in plan.planned}
    assert matched["Ada Lovelace"] == ada
    assert matched["Alan Turing"] == alan
    [question] = plan.ambiguous
    assert question.person.name == "Grace Hopper" and [c.contact_id for c in question.candidates] == [grace]
    assert "another company" in question.reason
    assert "1 to decide" in plan.summary()

    result = services.run_import(bundle, Decisions(matches={question.key: grace}))
    assert result.added == 1  # only Katherine is new
    record = services.contact(ada)
    assert record.profile_url == ADA and record.stage is Stage.NURTURING
    assert services.contact(grace).company == "Harvard", "a value the user typed is kept unless they accept the file's"
    assert services.contact(alan).name == "A. Turing"


def test_an_undecided_ambiguity_is_skipped_and_someone_new_can_be_chosen(services: Services, clock: FakeClock) -> None:
    add(services, "Grace Hopper", company="Harvard")
    bundle = export(clock)
    [question] = services.preview_import(bundle).ambiguous
    services.run_import(bundle)
    assert [c.name for c in services.contacts()].count("Grace Hopper") == 1
    services.run_import(bundle, Decisions(matches={question.key: None}))
    assert [c.name for c in services.contacts()].count("Grace Hopper") == 2


def test_a_request_recorded_in_overture_is_not_imported_twice(services: Services, clock: FakeClock) -> None:
    katherine = add(services, "Katherine Johnson", profile_url=KATHERINE)
    to_requested(services, clock, katherine)
    bundle = export(clock)
    bundle.invitations[0].sent_at = clock() - timedelta(hours=1)
    plan = services.preview_import(bundle)
    [planned] = [p for p in plan.planned if p.contact_id == katherine]
    assert planned.messages == [] and planned.status is Status.UNCHANGED
    # Once they accept (the next export lists them as a connection), the recorded request is the accepted one.
    sent = bundle.invitations[0].sent_at
    clock.advance(days=2)
    later = export(clock)
    later.invitations[0].sent_at = sent  # the same request, as LinkedIn recorded it
    later.invitations[0].message = "Loved your post on looms."
    later.people.append(connection(8, "Katherine Johnson", KATHERINE, 1, clock))
    services.run_import(later)
    record = services.contact(katherine)
    [request] = [m for m in record.messages if m.kind is MessageKind.CONNECTION_REQUEST]
    assert request.accepted_at == at(1, clock) and not request.imported
    assert record.stage is Stage.CONNECTED


def test_an_inviter_the_user_chooses_is_added_as_spotted(services: Services, clock: FakeClock) -> None:
    bundle = export(clock)
    [mallory] = services.preview_import(bundle).inviters
    services.run_import(bundle, Decisions(add_inviters={(mallory.file, mallory.line)}))
    record = services.contact(by_name(services)["Mallory Spam"])
    assert record.stage is Stage.SPOTTED
    assert [m.direction for m in record.messages] == [Direction.INCOMING]


def test_a_file_breaking_a_rule_imports_nothing_after_a_backup(
    database: Database, clock: FakeClock, tmp_path: Path
) -> None:
    backups: list[str] = []
    services = Services(database.sessions, clock, backup=backups.append)
    add(services, "Ada Lovelace")
    bundle = export(clock)
    bundle.people.append(PersonIn("Connections.csv", 9, "Bad Url", profile_url="ftp://nowhere"))
    before = services.contacts()
    with pytest.raises(
        OvertureError, match=r"^Basic_LinkedInDataExport_11-26-2026\.zip breaks a rule.*nothing was imported"
    ):
        services.run_import(bundle)
    assert backups == ["import"]
    assert services.contacts() == before


def test_the_same_message_twice_in_a_file_is_added_once(services: Services, clock: FakeClock) -> None:
    bundle = export(clock)
    bundle.messages.append(bundle.messages[0])
    services.run_import(bundle)
    assert len(services.contact(by_name(services)["Ada Lovelace"]).messages) == 4


def test_a_large_first_import_is_one_quick_transaction(services: Services, clock: FakeClock) -> None:
    people = [
        connection(
            i + 5, f"Person {i:05d}", f"https://www.linkedin.com/in/person-{i}", 30 + i % 700, clock, company="Co"
        )
        for i in range(3000)
    ]
    bundle = ImportBundle("linkedin", Path("Connections.csv"), people=people)
    result = services.run_import(bundle)
    assert result.added == 3000
    contacts = services.contacts()
    assert len(contacts) == 3000 and {c.stage for c in contacts} == {Stage.CONNECTED}
    assert datetime(2000, 1, 1, tzinfo=UTC) < min(c.stage_entered_at for c in contacts)


def test_a_preview_made_stale_by_a_change_is_planned_again(
    services: Services, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = export(clock)
    plan = services.preview_import(bundle)
    add(services, "Katherine Johnson", profile_url=KATHERINE)  # added by hand while the preview was open
    services.run_import(bundle, previewed=plan)
    assert [c.name for c in services.contacts()].count("Katherine Johnson") == 1

    # Unchanged since the preview, the previewed plan is applied as it is: no second planning pass.
    again = export(clock)
    again.people.append(connection(8, "Dorothy Vaughan", "https://www.linkedin.com/in/dorothy", 5, clock))
    fresh = services.preview_import(again)
    from model.importing import run

    def must_not_plan(*args: object, **kwargs: object) -> None:
        raise AssertionError("planned again")

    monkeypatch.setattr(run, "plan_import", must_not_plan)
    assert services.run_import(again, previewed=fresh).added == 1


def test_cancelling_half_way_leaves_the_database_as_it_was(database: Database, clock: FakeClock) -> None:
    services = Services(database.sessions, clock)
    add(services, "Ada Lovelace", company="Analytical Engines")
    with database.engine.connect() as conn:
        before = [list(conn.exec_driver_sql(f"SELECT * FROM {t}")) for t in ("contacts", "messages", "stage_history")]
    calls: list[tuple[int, int]] = []

    def cancel_after_the_contacts(done: int, total: int) -> None:
        calls.append((done, total))
        if len(calls) == 2:  # the new contacts are written by now, inside the transaction
            raise ImportCancelled

    with pytest.raises(ImportCancelled):
        services.run_import(export(clock), progress=cancel_after_the_contacts)
    with database.engine.connect() as conn:
        after = [list(conn.exec_driver_sql(f"SELECT * FROM {t}")) for t in ("contacts", "messages", "stage_history")]
    assert after == before


def test_the_same_messages_from_an_export_of_another_era_are_not_added_again(
    services: Services, clock: FakeClock
) -> None:
    services.run_import(export(clock))
    older = export(clock)
    for message in older.messages:  # the 2022 layout has no profile URLs, so its messages hash to other keys
        message.key = "2022-" + message.key
    assert services.preview_import(older).message_count == 0


def test_the_own_profile_is_filled_in_only_where_the_user_left_it_empty(services: Services, clock: FakeClock) -> None:
    services.update_own_profile(headline="Making looms think")
    plan = services.preview_import(export(clock))
    assert plan.profile_fill == {"name": "Charles Babbage"}
    services.run_import(export(clock), previewed=plan)
    profile = services.own_profile()
    assert (profile.name, profile.headline) == ("Charles Babbage", "Making looms think")


def test_the_same_person_twice_in_an_address_book_becomes_one_contact(services: Services) -> None:
    """By e-mail, or by name and company, as a contact is matched: two contacts from one file would make every
    later import ask which of them someone is."""
    book = ImportBundle(
        "csv",
        Path("contacts.csv"),
        people=[
            PersonIn("contacts.csv", 2, "Carl Same", company="Gamma"),
            PersonIn("contacts.csv", 3, "carl  same", company="GAMMA"),
            PersonIn("contacts.csv", 4, "Bob Smith", email="bob@example.com"),
            PersonIn("contacts.csv", 5, "Robert Smith", email="Bob@Example.com"),
            PersonIn("contacts.csv", 6, "Carl Same", company="Delta"),  # another Carl: another company
            PersonIn("contacts.csv", 7, "Dana Doe"),
            PersonIn("contacts.csv", 8, "Dana Doe"),  # nothing but a name to go by: not taken for the same person
        ],
    )
    plan = services.preview_import(book)
    assert plan.count(Status.NEW) == 5
    assert [(skip.line, skip.reason) for skip in plan.skipped] == [
        (3, "the same person as line 2"),
        (5, "the same person as line 4"),
    ]
    services.run_import(book)
    again = services.preview_import(book)
    assert again.count(Status.UNCHANGED) == 3, "a later import finds Carl, Bob and the other Carl"
    assert [ambiguity.person.line for ambiguity in again.ambiguous] == [7, 8], "two of one name: a question"


def test_a_record_the_contact_form_would_refuse_is_skipped_with_the_forms_reason(services: Services) -> None:
    """Imported, it would be a contact whose every later edit fails on the form's checks."""
    book = ImportBundle(
        "csv",
        Path("contacts.csv"),
        people=[
            PersonIn("contacts.csv", 2, "X" * 301),
            PersonIn("contacts.csv", 3, "Bob Smith", email="not-an-email"),
            PersonIn("contacts.csv", 4, "Ada Lovelace", email="ada@example.org", company="C" * 500),
        ],
    )
    plan = services.preview_import(book)
    assert [(skip.line, skip.reason) for skip in plan.skipped] == [
        (2, "The name is 301 characters long; the limit is 300."),
        (3, "'not-an-email' is not an email address."),
    ]
    services.run_import(book)
    (ada,) = services.contacts()
    assert services.edit_contact(ada.id, notes="Met at the talk").notes == "Met at the talk"


def test_people_skipped_are_counted_apart_from_messages_left_out(services: Services, clock: FakeClock) -> None:
    """A LinkedIn export leaves out thousands of messages (group conversations, sponsored ones, strangers'):
    counted with the people skipped, they made a network look as if thousands of people were lost."""
    bundle = export(clock)
    bundle.messages += [message(7, "Eve Stranger", None, 9, clock, "Hello again", out=False)]
    bundle.skipped += [
        Skip("Connections.csv", 9, "hidden profile: LinkedIn gives only the date of connecting, not who it was"),
        Skip("messages.csv", 8, "a group conversation", 1),
    ]
    plan = services.preview_import(bundle)
    assert (plan.skipped_people, plan.messages_left_out) == (1, 3)
    assert ", 1 skipped, " in plan.summary()
    assert plan.summary().endswith(", 3 messages left out, 1 invitation to you (not added)")
    assert services.run_import(bundle, previewed=plan).skipped == 1
