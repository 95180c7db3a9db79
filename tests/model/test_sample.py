"""Sample contacts: deterministic, coherent with the pipeline's rules, and showing every kind of nudge at once."""

from __future__ import annotations

import itertools
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from model.clock import format_utc
from model.database import Database, open_database
from model.errors import InvalidInput
from model.nudges import NudgeKind, Severity
from model.paths import DataPaths
from model.sample import STAGE_SHARES, apportion, load_sample
from model.services import Services
from model.settings import validate_time_zone
from model.urls import normalise_profile_url
from model.vocabulary import Stage
from tests.model.conftest import FakeClock, add

NOW = FakeClock().now
# Reminders are the user's own requests ("remind me at 09:00 their time"): the sample sets none.
CONTACT_KINDS = set(NudgeKind) - {NudgeKind.WEEKLY_BUDGET, NudgeKind.NOTE_BUDGET, NudgeKind.REMINDER}
TABLES = ("contacts", "stage_history", "tags", "profile_facts", "engagements", "messages", "drafts", "nudge_states")
# The moves a sample history may make, besides parking and an imported connection.
FORWARD = {
    (None, "spotted"),
    ("spotted", "engaging"),
    ("engaging", "requested"),
    ("requested", "connected"),
    ("requested", "engaging"),
    ("connected", "nurturing"),
}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One 300-person sample shared by the read-only tests (loading it per test would repeat the same work)."""
    db = open_database(DataPaths.resolve(tmp_path_factory.mktemp("sample")), FakeClock())
    load_sample(db.sessions, NOW)
    yield db
    db.dispose()


def rows(db: Database, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(row) for row in conn.exec_driver_sql(sql, params)]


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    return {table: rows(db, f"SELECT * FROM {table} ORDER BY 1, 2") for table in TABLES}


def fresh(tmp_path: Path, name: str) -> Database:
    return open_database(DataPaths.resolve(tmp_path / name), FakeClock())


def stage_counts(db: Database) -> Counter[str]:
    return Counter({stage: n for stage, n in rows(db, "SELECT stage, count(*) FROM contacts GROUP BY stage")})


def nudge_kinds(db: Database) -> Counter[NudgeKind]:
    return Counter(n.kind for n in Services(db.sessions, FakeClock()).nudges(NOW))


def test_the_same_seed_gives_the_same_network(tmp_path: Path) -> None:
    first, second, other = fresh(tmp_path, "a"), fresh(tmp_path, "b"), fresh(tmp_path, "c")
    try:
        assert load_sample(first.sessions, NOW, 120, seed=3) == 120
        load_sample(second.sessions, NOW, 120, seed=3)
        load_sample(other.sessions, NOW, 120, seed=4)
        assert dump(first) == dump(second)
        assert dump(first)["contacts"] != dump(other)["contacts"]
    finally:
        for db in (first, second, other):
            db.dispose()


def test_every_stage_is_present_in_sensible_proportions(sample_db: Database) -> None:
    counts = stage_counts(sample_db)
    assert sum(counts.values()) == 300
    assert set(counts) == {stage.value for stage in Stage}
    # Most of a network is connected; a few dozen people are being worked on; a handful are parked.
    assert counts["connected"] + counts["nurturing"] > 150
    assert counts["connected"] > counts["engaging"] > counts["requested"] > counts["parked"] >= 5
    assert counts["nurturing"] > counts["spotted"]


def test_every_contact_nudge_kind_is_due_now_for_several_people(sample_db: Database) -> None:
    nudges = Services(sample_db.sessions, FakeClock()).nudges(NOW)
    kinds = Counter(n.kind for n in nudges)
    assert set(kinds) == CONTACT_KINDS  # and no budget warning: the sample paces itself as the app advises
    assert min(kinds.values()) >= 2
    assert 25 <= len(nudges) <= 60  # a real to-do list, not a wall
    thanks = {n.severity for n in nudges if n.kind is NudgeKind.THANK_YOU_DUE}
    assert thanks == {Severity.DUE, Severity.OVERDUE}
    assert all(n.due <= NOW for n in nudges)
    # The counts the reasons quote read as a person would write them.
    assert not [n.reason for n in nudges if " 1 days" in n.reason]


def test_the_database_check_is_clean(sample_db: Database) -> None:
    assert sample_db.check() == []
    assert rows(sample_db, "PRAGMA foreign_key_check") == []


def test_a_database_with_contacts_is_refused_and_left_unchanged(
    database: Database, services: Services, clock: FakeClock
) -> None:
    add(services, "Ada Lovelace")
    before = dump(database)
    with pytest.raises(InvalidInput, match=r"^Sample contacts are for an empty database; .*1 contact\b"):
        load_sample(database.sessions, clock.now)
    assert dump(database) == before


def test_sizes_outside_the_range_are_refused(database: Database) -> None:
    for count in (0, -5, 200_001):
        with pytest.raises(InvalidInput, match="between 1 and 200,000"):
            load_sample(database.sessions, NOW, count)
    assert rows(database, "SELECT count(*) FROM contacts") == [(0,)]


def test_ids_continue_after_deleted_contacts(database: Database, services: Services) -> None:
    services.delete_contact(add(services, "Ada Lovelace"))
    load_sample(database.sessions, NOW, 10)
    assert rows(database, "SELECT min(id), max(id) FROM contacts") == [(2, 11)]


@pytest.mark.parametrize("count", [30, 3000])
def test_the_mix_holds_at_other_sizes(tmp_path: Path, count: int) -> None:
    db = fresh(tmp_path, str(count))
    try:
        load_sample(db.sessions, NOW, count)
        counts = stage_counts(db)
        assert sum(counts.values()) == count
        for stage, share in STAGE_SHARES:
            assert abs(counts[stage.value] / count - share) <= 1 / count + 1e-9, stage
        assert set(nudge_kinds(db)) == CONTACT_KINDS
        assert db.check() == []
    finally:
        db.dispose()


def test_apportion_keeps_totals_and_minimums() -> None:
    assert apportion(10, [("a", 0.5, 0), ("b", 0.3, 0), ("c", 0.2, 0)]) == [("a", 5), ("b", 3), ("c", 2)]
    assert apportion(3, [("a", 0.9, 0), ("b", 0.05, 1), ("c", 0.05, 1)]) == [("a", 1), ("b", 1), ("c", 1)]
    # Minimums that cannot all fit are dropped rather than overshooting the total.
    assert sum(n for _, n in apportion(1, [("a", 0.5, 1), ("b", 0.5, 1)])) == 1


def script(name: str) -> str:
    for ch in name:
        if ch.isalpha():
            word = unicodedata.name(ch, "").split()[0]
            return {"HIRAGANA": "CJK", "KATAKANA": "CJK"}.get(word, word)
    return "?"


def test_names_look_like_a_real_network(sample_db: Database) -> None:
    names = [name for (name,) in rows(sample_db, "SELECT name FROM contacts")]
    scripts = Counter(script(name) for name in names)
    assert {"LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "DEVANAGARI", "CJK", "HANGUL", "THAI"} <= set(scripts)
    assert scripts["LATIN"] > len(names) / 2
    assert any(ch in name for name in names for ch in "éüçøłåñőșğ")
    assert any(", PhD" in name or "MBA" in name for name in names)
    assert any(unicodedata.category(ch) == "So" for name in names for ch in name)  # an emoji or two
    assert any("'" in name for name in names)
    assert any("," in name for name in names)
    assert any(len(name) > 45 for name in names)
    single = [name for name in names if script(name) == "LATIN" and " " not in name]
    assert 1 <= len(single) <= 10
    assert len(set(names)) > 0.9 * len(names)


def test_profiles_have_what_the_screens_show(sample_db: Database) -> None:
    contacts = rows(
        sample_db, "SELECT profile_url, time_zone, location, company, position, headline, tier, notes FROM contacts"
    )
    urls = [row[0] for row in contacts]
    assert len(set(urls)) == len(urls)
    assert all(url.startswith("https://www.linkedin.com/in/") and normalise_profile_url(url) == url for url in urls)
    zones = [row[1] for row in contacts if row[1] is not None]
    assert all(validate_time_zone(zone) == zone for zone in zones)
    assert len(set(zones)) >= 40
    assert 0 < len(contacts) - len(zones) < 0.1 * len(contacts)
    assert sum(bool(row[2]) for row in contacts) > 0.95 * len(contacts)
    assert sum(bool(row[3]) for row in contacts) > 0.85 * len(contacts)
    assert all(row[4] for row in contacts)
    assert Counter(row[6] for row in contacts).keys() == {"close", "regular", "loose"}
    assert 0 < sum(bool(row[7]) for row in contacts) < 0.3 * len(contacts)
    assert rows(sample_db, "SELECT count(DISTINCT contact_id) FROM tags")[0][0] > 30
    kinds = {kind for (kind,) in rows(sample_db, "SELECT DISTINCT kind FROM profile_facts")}
    assert {"recent_post", "shared_interest", "mutual_connection", "event", "achievement"} <= kinds


def test_requests_carry_intents_and_short_notes(sample_db: Database) -> None:
    requests = rows(
        sample_db,
        "SELECT body, intent, intent_note FROM messages WHERE kind = 'connection_request' AND direction = 'outgoing'",
    )
    assert all(intent for _, intent, _ in requests)
    assert len({intent for _, intent, _ in requests}) >= 5
    notes = [body for body, _, _ in requests if body]
    assert 0 < len(notes) < len(requests)  # some requests go without a note
    # A free account's note box holds 200 characters, counted in UTF-16 units as a browser does.
    assert all(len(body.encode("utf-16-le")) // 2 <= 200 for body in notes)
    assert any(note for _, _, note in requests)


def test_every_connection_was_engaged_before_it_was_asked(sample_db: Database) -> None:
    engaged: dict[int, list[str]] = defaultdict(list)
    for contact_id, occurred in rows(sample_db, "SELECT contact_id, occurred_at FROM engagements"):
        engaged[contact_id].append(occurred)
    first_request = dict(
        rows(
            sample_db,
            "SELECT contact_id, min(sent_at) FROM messages WHERE kind = 'connection_request' "
            "AND direction = 'outgoing' GROUP BY contact_id",
        )
    )
    imported = {cid for (cid,) in rows(sample_db, "SELECT contact_id FROM stage_history WHERE imported = 1")}
    past_engaging = rows(sample_db, "SELECT id FROM contacts WHERE stage IN ('requested', 'connected', 'nurturing')")
    assert len(imported) > 50
    for (contact_id,) in past_engaging:
        if contact_id in imported:
            # A connection made on LinkedIn before Overture: imported as a fact, no request of ours.
            assert contact_id not in first_request
            continue
        sent = first_request[contact_id]
        before = [moment for moment in engaged[contact_id] if moment < sent]
        assert len(before) >= 2 and len({moment[:10] for moment in before}) >= 2, contact_id


def test_histories_walk_the_pipeline(sample_db: Database) -> None:
    contacts = {
        row[0]: row[1:]
        for row in rows(sample_db, "SELECT id, stage, parked_from, stage_entered_at, stage_reason FROM contacts")
    }
    history: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows(
        sample_db, "SELECT contact_id, from_stage, to_stage, moved_at, reason, imported FROM stage_history ORDER BY id"
    ):
        history[row[0]].append(row[1:])
    assert history.keys() == contacts.keys()
    for contact_id, (stage, parked_from, entered, reason) in contacts.items():
        steps = history[contact_id]
        assert steps[0][0] is None
        for previous, step in itertools.pairwise(steps):
            assert step[0] == previous[1] and step[2] >= previous[2], (contact_id, steps)
        for origin, target, _moved, _why, imported in steps:
            if target == "parked":
                assert origin == parked_from
            elif imported:
                assert (origin, target) == (None, "connected"), steps
            else:
                assert (origin, target) in FORWARD, steps
        assert steps[-1][1:4] == (stage, entered, reason)


def test_times_are_past_utc_and_in_order(sample_db: Database) -> None:
    now = format_utc(NOW)
    columns = {
        "contacts": ("stage_entered_at", "connected_at", "created_at", "updated_at"),
        "stage_history": ("moved_at",),
        "profile_facts": ("noted_at",),
        "engagements": ("occurred_at",),
        "messages": ("sent_at", "accepted_at", "withdrawn_at"),
        "drafts": ("updated_at",),
    }
    for table, names in columns.items():
        for name in names:
            assert rows(sample_db, f"SELECT count(*) FROM {table} WHERE {name} > ?", now) == [(0,)], (table, name)
    assert rows(sample_db, "SELECT count(*) FROM contacts WHERE created_at > stage_entered_at") == [(0,)]
    # Accepted requests set the connection date; activity follows the contact's creation.
    assert rows(
        sample_db,
        "SELECT count(*) FROM messages m JOIN contacts c ON c.id = m.contact_id "
        "WHERE m.accepted_at IS NOT NULL AND m.accepted_at <> c.connected_at",
    ) == [(0,)]
    for table, column in (("engagements", "occurred_at"), ("profile_facts", "noted_at")):
        assert rows(
            sample_db,
            f"SELECT count(*) FROM {table} t JOIN contacts c ON c.id = t.contact_id WHERE t.{column} < c.created_at",
        ) == [(0,)]
    assert rows(
        sample_db,
        "SELECT count(*) FROM messages m JOIN contacts c ON c.id = m.contact_id "
        "WHERE (m.sent_at < c.created_at) <> (m.imported = 1)",
    ) == [(0,)]
    # Everything happened within the last two years, at hours a person is awake (07:00-23:00, here UTC).
    oldest = format_utc(NOW - timedelta(days=730))
    assert rows(sample_db, "SELECT count(*) FROM engagements WHERE occurred_at < ?", oldest) == [(0,)]
    hours = {int(h) for (h,) in rows(sample_db, "SELECT substr(occurred_at, 12, 2) FROM engagements")}
    assert hours <= set(range(7, 23))


def test_the_sample_reads_like_any_other_contact(sample_db: Database) -> None:
    services = Services(sample_db.sessions, FakeClock())
    for stage in Stage:
        summary = services.contacts(stage)[0]
        record = services.contact(summary.id)
        assert record.stage is stage and record.history
    assert len(services.directory()) == 300


@pytest.mark.parametrize(
    "changes",
    [
        {
            "pending_check_days": 5,
            "pending_stale_days": 14,
            "keep_in_touch_close_days": 20,
            "keep_in_touch_regular_days": 60,
            "thank_you_overdue_days": 5,
            "engagement_stale_days": 10,
            "user_time_zone": "Asia/Tokyo",
        },
        {"account_type": "premium", "user_time_zone": "America/Los_Angeles", "follow_up_spacing_days": 4},
    ],
)
def test_the_timeline_follows_the_users_settings(tmp_path: Path, changes: dict[str, object]) -> None:
    db = fresh(tmp_path, "settings")
    try:
        Services(db.sessions, FakeClock()).update_settings(**changes)
        load_sample(db.sessions, NOW, 300)
        assert set(nudge_kinds(db)) == CONTACT_KINDS
        assert db.check() == []
    finally:
        db.dispose()


def test_the_sample_is_laid_out_around_the_moment_given(tmp_path: Path) -> None:
    later = datetime(2027, 3, 15, 18, 30, tzinfo=NOW.tzinfo)
    db = fresh(tmp_path, "later")
    try:
        load_sample(db.sessions, later, 100)
        assert rows(db, "SELECT max(stage_entered_at) FROM contacts")[0][0] <= format_utc(later)
        assert set(Counter(n.kind for n in Services(db.sessions, FakeClock()).nudges(later))) == CONTACT_KINDS
    finally:
        db.dispose()
