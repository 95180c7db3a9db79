"""The database enforces the pipeline itself: plain sqlite3 writes that break the rules are rejected."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

import pytest

from model.database import Database
from model.services import Services
from model.vocabulary import Stage
from tests.model.conftest import FakeClock, add, engage_twice, to_connected, to_requested


@pytest.fixture
def raw(database: Database) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(database.path, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        yield conn


def stage_of(raw: sqlite3.Connection, contact_id: int) -> str:
    return str(raw.execute("SELECT stage FROM contacts WHERE id = ?", (contact_id,)).fetchone()[0])


def move(raw: sqlite3.Connection, contact_id: int, stage: str, **extra: object) -> None:
    sets = ", ".join(["stage = ?", *(f"{key} = ?" for key in extra)])
    raw.execute(f"UPDATE contacts SET {sets} WHERE id = ?", (stage, *extra.values(), contact_id))


def test_skipping_stages_is_rejected(services: Services, raw: sqlite3.Connection) -> None:
    ada = add(services)
    for target in ("engaging", "requested", "connected", "nurturing"):
        with pytest.raises(sqlite3.IntegrityError, match="illegal stage move"):
            move(raw, ada, target, connected_at="2026-11-02 09:00:00.000000")
    assert stage_of(raw, ada) == "spotted"


def test_engage_first_is_enforced_by_the_database(
    services: Services, clock: FakeClock, raw: sqlite3.Connection
) -> None:
    ada = add(services)
    services.log_engagement(ada, "like", "A post")
    # A request recorded behind the services' back, with a single engagement: still not allowed to move.
    raw.execute(
        "INSERT INTO messages (contact_id, kind, direction, intent, sent_at) "
        "VALUES (?, 'connection_request', 'outgoing', 'networking', '2026-11-02 10:00:00.000000')",
        (ada,),
    )
    with pytest.raises(sqlite3.IntegrityError, match="illegal stage move"):
        move(raw, ada, "requested")
    clock.advance(days=1)
    services.log_engagement(ada, "comment", "Another post")
    move(raw, ada, "requested")
    assert stage_of(raw, ada) == "requested"


def test_two_engagements_on_one_day_are_not_enough(services: Services, raw: sqlite3.Connection) -> None:
    ada = add(services)
    services.log_engagement(ada, "like", "A post")
    services.log_engagement(ada, "comment", "A post")
    raw.execute(
        "INSERT INTO messages (contact_id, kind, direction, intent, sent_at) "
        "VALUES (?, 'connection_request', 'outgoing', 'networking', '2026-11-02 10:00:00.000000')",
        (ada,),
    )
    with pytest.raises(sqlite3.IntegrityError, match="illegal stage move"):
        move(raw, ada, "requested")


def test_requested_needs_a_pending_request_row(services: Services, clock: FakeClock, raw: sqlite3.Connection) -> None:
    ada = add(services)
    engage_twice(services, clock, ada)
    with pytest.raises(sqlite3.IntegrityError, match="illegal stage move"):
        move(raw, ada, "requested")


def test_connected_needs_an_accepted_request_and_a_date(
    services: Services, clock: FakeClock, raw: sqlite3.Connection
) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    with pytest.raises(sqlite3.IntegrityError, match="illegal stage move"):
        move(raw, ada, "connected", connected_at="2026-11-05 09:00:00.000000")
    raw.execute("UPDATE messages SET accepted_at = '2026-11-05 09:00:00.000000' WHERE contact_id = ?", (ada,))
    with pytest.raises(sqlite3.IntegrityError, match="connected_has_date"):
        move(raw, ada, "connected")
    move(raw, ada, "connected", connected_at="2026-11-05 09:00:00.000000")
    assert stage_of(raw, ada) == "connected"


def test_nurturing_needs_a_message_after_connecting(
    services: Services, clock: FakeClock, raw: sqlite3.Connection
) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    with pytest.raises(sqlite3.IntegrityError, match="illegal stage move"):
        move(raw, ada, "nurturing")


def test_parking_remembers_the_origin_and_restores_only_there(services: Services, raw: sqlite3.Connection) -> None:
    ada = add(services)
    with pytest.raises(sqlite3.IntegrityError, match="parked_has_origin"):
        move(raw, ada, "parked")
    move(raw, ada, "parked", parked_from="spotted")
    with pytest.raises(sqlite3.IntegrityError, match="illegal stage move"):
        move(raw, ada, "engaging", parked_from=None)
    move(raw, ada, "spotted", parked_from=None)
    assert stage_of(raw, ada) == "spotted"


def test_new_contacts_start_in_spotted_unless_imported(raw: sqlite3.Connection) -> None:
    row = ("Grace Hopper", "2026-11-02 09:00:00.000000")
    with pytest.raises(sqlite3.IntegrityError, match="starts in Spotted"):
        raw.execute(
            "INSERT INTO contacts (name, stage, connected_at, stage_entered_at, created_at, updated_at) "
            "VALUES (?, 'connected', ?2, ?2, ?2, ?2)",
            row,
        )
    raw.execute(
        "INSERT INTO contacts (name, stage, connected_at, stage_entered_at, created_at, updated_at, "
        "stage_move_imported) VALUES (?, 'connected', ?2, ?2, ?2, ?2, 1)",
        row,
    )
    history = raw.execute("SELECT from_stage, to_stage, imported FROM stage_history").fetchall()
    assert history == [(None, "connected", 1)]
    # The import flag is cleared once the imported fact is recorded: it does not stick to the contact.
    assert raw.execute("SELECT stage_move_imported FROM contacts").fetchone() == (0,)


def test_an_imported_fact_sets_the_stage_from_evidence_and_is_recorded(
    services: Services, raw: sqlite3.Connection
) -> None:
    ada = add(services)
    move(raw, ada, "connected", connected_at="2019-05-01 12:00:00.000000", stage_move_imported=1)
    assert stage_of(raw, ada) == "connected"
    last = raw.execute("SELECT from_stage, to_stage, imported FROM stage_history ORDER BY id DESC").fetchone()
    assert last == ("spotted", "connected", 1)
    with pytest.raises(sqlite3.IntegrityError, match="illegal stage move"):
        move(raw, ada, "nurturing")


def test_the_import_flag_cannot_be_set_without_a_move(services: Services, raw: sqlite3.Connection) -> None:
    ada = add(services)
    with pytest.raises(sqlite3.IntegrityError, match="only accompanies a stage change"):
        raw.execute("UPDATE contacts SET stage_move_imported = 1 WHERE id = ?", (ada,))


def test_every_move_is_recorded_in_the_history(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    history = [(h.from_stage, h.to_stage) for h in reversed(services.contact(ada).history)]
    assert history == [
        (None, Stage.SPOTTED),
        (Stage.SPOTTED, Stage.ENGAGING),
        (Stage.ENGAGING, Stage.REQUESTED),
        (Stage.REQUESTED, Stage.CONNECTED),
    ]


@pytest.mark.parametrize(
    ("sql", "constraint"),
    [
        ("UPDATE contacts SET name = '   '", "name_not_blank"),
        ("UPDATE contacts SET tier = 'best friend'", "CHECK constraint failed"),
        ("UPDATE contacts SET profile_url = 'javascript:alert(1)'", "profile_url_http"),
        ("UPDATE contacts SET created_at = '2026-11-02T09:00:00Z'", "CHECK constraint failed"),
        ("UPDATE contacts SET stage = 'lost'", "illegal stage move"),
    ],
)
def test_impossible_values_are_rejected(services: Services, raw: sqlite3.Connection, sql: str, constraint: str) -> None:
    add(services)
    with pytest.raises(sqlite3.IntegrityError, match=constraint):
        raw.execute(sql)


def test_messages_reject_impossible_states(services: Services, clock: FakeClock, raw: sqlite3.Connection) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    insert = "INSERT INTO messages (contact_id, kind, direction, intent, sent_at, accepted_at, withdrawn_at) VALUES "
    t = "'2026-11-05 09:00:00.000000'"
    earlier = "'2026-11-01 09:00:00.000000'"
    cases = {
        f"({ada}, 'connection_request', 'outgoing', NULL, {t}, NULL, NULL)": "request_has_intent",
        f"({ada}, 'thank_you', 'outgoing', NULL, {t}, {t}, NULL)": "outcome_only_for_requests",
        f"({ada}, 'connection_request', 'outgoing', 'hiring', {t}, {t}, {t})": "one_outcome",
        f"({ada}, 'connection_request', 'outgoing', 'hiring', {t}, {earlier}, NULL)": "outcome_after_sending",
        f"({ada}, 'connection_request', 'outgoing', 'hiring', {t}, NULL, NULL)": "UNIQUE constraint failed",
        f"(999, 'thank_you', 'outgoing', NULL, {t}, NULL, NULL)": "FOREIGN KEY",
    }
    for values, constraint in cases.items():
        with pytest.raises(sqlite3.IntegrityError, match=constraint):
            raw.execute(insert + values)


def test_deleting_a_contact_deletes_their_history(
    services: Services, clock: FakeClock, raw: sqlite3.Connection
) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    services.delete_contact(ada)
    for table in ("engagements", "messages", "stage_history"):
        assert raw.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
