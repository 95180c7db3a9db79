"""The JSON archive: an exact round trip, and bad files refused with a clear message and nothing changed."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from model.archive import TABLES, ArchiveError, export_archive, import_archive
from model.contact_form import ContactDraft
from model.database import HEAD_REVISION, Database, open_database
from model.nudges import NudgeKind
from model.paths import DataPaths
from model.services import Services
from model.vocabulary import MessageKind
from tests.model.conftest import FakeClock, add, to_connected, to_requested


def populate(services: Services, clock: FakeClock) -> None:
    ada = add(
        services,
        "Ada Lovelace",
        company="Analytical Engines",
        tags=("math", "poetry"),
        profile_url="https://www.linkedin.com/in/ada",
        time_zone="Europe/London",
        tier="close",
    )
    services.add_fact(ada, "recent_post", "On the Analytical Engine", "https://example.com/post/1")
    to_connected(services, clock, ada)
    services.record_message(ada, "thank_you", "outgoing", "Thank you — 🙏 «merci»\nsee you")
    services.save_draft(ada, "follow_up", "How is the engine?", "collaboration")
    grace = services.add_contact(ContactDraft(name="Grace Hopper", notes='Met at a COBOL meetup, 2, "quoted"')).id
    to_requested(services, clock, grace)
    li = add(services, "李小龙", time_zone="Asia/Shanghai", time_zone_inferred=True)
    services.park(li, "Not now")
    services.update_settings(min_engagements=2, account_type="premium", user_time_zone="Europe/Berlin")
    clock.advance(days=10)
    services.snooze_nudge(grace, NudgeKind.PENDING_CHECK, clock.now + timedelta(days=2))
    # The composer's data: reminders, templates the user changed, and the own profile (in the settings).
    services.add_reminder(ada, datetime(2026, 12, 1, 9, 0), "Europe/London", "Ask how the engine is going")
    done = services.add_reminder(grace, datetime(2026, 11, 20, 17, 30), "America/New_York")
    services.complete_reminder(done.id)
    thank_yous = services.templates(MessageKind.THANK_YOU)
    services.edit_template(thank_yous[0].id, body="Thank you, {first_name}! «merci»")
    services.delete_template(services.templates(MessageKind.FOLLOW_UP)[0].id)
    services.add_template("connection_request", "Mine", "Hi {first_name}, {recent_post}?", "learning")
    services.update_own_profile(name="Charles Babbage", has_photo=True, skills_count=5, about="Engines.")


def without_timestamp(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def test_export_then_import_into_an_empty_database_restores_it_exactly(
    database: Database, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    populate(services, clock)
    first = tmp_path / "first.json"
    summary = export_archive(database.sessions, first, clock())
    assert summary.counts["contacts"] == 3
    assert summary.counts["stage_history"] >= 8

    other = open_database(DataPaths.resolve(tmp_path / "other"), clock)
    try:
        import_archive(other.sessions, first)
        second = tmp_path / "second.json"
        export_archive(other.sessions, second, clock())
        assert without_timestamp(second) == without_timestamp(first)
        restored = Services(other.sessions, clock)
        assert restored.nudges() == services.nudges()
        assert restored.settings() == services.settings()
        assert restored.own_profile() == services.own_profile()
        assert restored.templates() == services.templates()
        assert restored.reminders(1) == services.reminders(1)
        document = without_timestamp(first)
        assert len(document["reminders"]) == 2
        assert document["reminders"][0]["wall_time"] == "2026-12-01 09:00", "a wall time stays local, not UTC"
        assert document["settings"]["own_profile.name"] == "Charles Babbage"
    finally:
        other.dispose()


def test_the_archive_is_plain_documented_json(
    database: Database, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    populate(services, clock)
    path = tmp_path / "archive.json"
    export_archive(database.sessions, path, clock())
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["version"], document["schema"]) == ("overture-archive", 1, HEAD_REVISION)
    contact = document["contacts"][0]
    assert contact["stage_entered_at"].endswith("Z")
    assert "李小龙" in path.read_text(encoding="utf-8"), "non-Latin text is kept readable"
    assert path.stat().st_mode & 0o077 == 0, "the archive holds contacts' data: private to the user"


def test_an_archive_is_restored_only_into_an_empty_database(
    database: Database, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    populate(services, clock)
    path = tmp_path / "archive.json"
    export_archive(database.sessions, path, clock())
    with pytest.raises(ArchiveError, match="already holds 3 contacts"):
        import_archive(database.sessions, path)
    with pytest.raises(ArchiveError, match="already holds 3 contacts"):
        import_archive(database.sessions, path, dry_run=True)  # a dry run says what the real run would
    assert len(services.contacts()) == 3


def test_dry_run_validates_without_writing(
    database: Database, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    populate(services, clock)
    path = tmp_path / "archive.json"
    export_archive(database.sessions, path, clock())
    other = open_database(DataPaths.resolve(tmp_path / "other"), clock)
    try:
        summary = import_archive(other.sessions, path, dry_run=True)
        assert summary.counts["contacts"] == 3
        assert Services(other.sessions, clock).contacts() == []
    finally:
        other.dispose()


Mutation = Callable[[dict[str, Any]], None]


def _set(table: str, index: int, field: str, value: object) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        document[table][index][field] = value

    return mutate


def _drop(table: str, index: int, field: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        del document[table][index][field]

    return mutate


def _thank_you_with_intent(document: dict[str, Any]) -> None:
    template = next(t for t in document["templates"] if t["kind"] == "thank_you")
    template["intent"] = "hiring"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_set("reminders", 0, "wall_time", "2026-12-01 09:00:00"), r"reminders\[0\]\.wall_time must be a local time"),
        (_set("reminders", 0, "wall_time", "2026-13-01 09:00"), r"'2026-13-01 09:00' is not a local time"),
        (_set("reminders", 0, "zone", "Mars/Base"), r"reminders\[0\]\.zone 'Mars/Base' is not a known time zone"),
        (_set("reminders", 0, "contact_id", 999), r"reminders\[0\] refers to contact 999"),
        (_set("templates", 0, "kind", "telegram"), r"templates\[0\]\.kind 'telegram' is not one of"),
        (_thank_you_with_intent, "breaks a rule of the database"),
        (_set("templates", 0, "name", " "), "breaks a rule of the database"),
        (
            lambda d: d["settings"].update({"own_profile.skills_count": "many"}),
            "settings: The number of skills must be a whole number",
        ),
        (_set("contacts", 0, "stage", "limbo"), r"contacts\[0\]\.stage 'limbo' is not one of"),
        (_set("contacts", 1, "name", 42), r"contacts\[1\]\.name must be text"),
        (_drop("messages", 0, "sent_at"), r"messages\[0\] lacks \"sent_at\""),
        (_set("engagements", 0, "occurred_at", "yesterday"), r"engagements\[0\]\.occurred_at 'yesterday' is not"),
        (_set("engagements", 0, "occurred_at", "2026-11-02T09:00:00"), "has no time zone"),
        (_set("engagements", 0, "contact_id", 999), r"refers to contact 999, which the archive does not contain"),
        (_set("contacts", 0, "colour", "red"), "unknown fields: colour"),
        (_set("contacts", 0, "time_zone_inferred", "yes"), "must be true or false"),
        (lambda d: d.update(version=2), "version 2 archive, written by a newer Overture"),
        (lambda d: d.update(format="something-else"), "not an Overture archive"),
        (lambda d: d.update(contacts={"a": 1}), '"contacts" must be a list'),
        (lambda d: d["settings"].update(min_engagements=-1), "settings: The setting 'min_engagements' must be"),
        (_set("contacts", 0, "name", "  "), "breaks a rule of the database"),
        (_set("contacts", 2, "parked_from", None), "breaks a rule of the database"),
    ],
)
def test_bad_archives_are_refused_with_a_clear_message_and_nothing_changes(
    database: Database, services: Services, clock: FakeClock, tmp_path: Path, mutate: Mutation, message: str
) -> None:
    populate(services, clock)
    good = tmp_path / "good.json"
    export_archive(database.sessions, good, clock())
    document = json.loads(good.read_text(encoding="utf-8"))
    mutate(document)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    target = open_database(DataPaths.resolve(tmp_path / "target"), clock)
    try:
        with pytest.raises(ArchiveError, match=message):
            import_archive(target.sessions, bad)
        restored = Services(target.sessions, clock)
        assert restored.contacts() == []
        with target.engine.connect() as conn:
            for table in ("settings", "stage_history", "engagements", "messages", "reminders"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM templates").scalar_one() > 10, "built-ins kept"
    finally:
        target.dispose()


def test_an_archive_from_before_templates_and_reminders_still_imports(
    database: Database, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    populate(services, clock)
    path = tmp_path / "archive.json"
    export_archive(database.sessions, path, clock())
    document = json.loads(path.read_text(encoding="utf-8"))
    # What Overture wrote at schema 0001: no reminders, no templates, no own profile.
    del document["reminders"], document["templates"]
    document["schema"] = "0001"
    document["settings"] = {k: v for k, v in document["settings"].items() if not k.startswith("own_profile.")}
    path.write_text(json.dumps(document), encoding="utf-8")
    other = open_database(DataPaths.resolve(tmp_path / "other"), clock)
    try:
        built_in = Services(other.sessions, clock).templates()
        summary = import_archive(other.sessions, path)
        assert (summary.counts["contacts"], summary.counts["reminders"], summary.counts["templates"]) == (3, 0, 0)
        restored = Services(other.sessions, clock)
        assert restored.templates() == built_in, "the built-in templates stay"
        assert restored.reminders(1) == []
        assert restored.settings() == services.settings()
        assert [c.name for c in restored.contacts()] == [c.name for c in services.contacts()]
    finally:
        other.dispose()


def test_an_archive_with_no_templates_restores_none(
    database: Database, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    for template in services.templates():
        services.delete_template(template.id)
    add(services)
    path = tmp_path / "archive.json"
    export_archive(database.sessions, path, clock())
    other = open_database(DataPaths.resolve(tmp_path / "other"), clock)
    try:
        import_archive(other.sessions, path)
        assert Services(other.sessions, clock).templates() == [], "deleted built-ins stay deleted"
    finally:
        other.dispose()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"not valid JSON \(line 1, column 1"),
        (b'{"format": "overture-archive", ', "not valid JSON"),
        (b"\xff\xfe\x00\x00binary", "not UTF-8 text"),
        (b"[1, 2, 3]", "not an Overture archive"),
        (b"[" * 100_000, "not valid JSON|nests too deeply"),
    ],
)
def test_files_that_are_not_archives(database: Database, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "not-an-archive.json"
    path.write_bytes(content)
    with pytest.raises(ArchiveError, match=message):
        import_archive(database.sessions, path)


def test_missing_files_and_folders(database: Database, tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        import_archive(database.sessions, tmp_path / "nope.json")
    with pytest.raises(ArchiveError, match="is a folder"):
        import_archive(database.sessions, tmp_path)


def test_a_failed_export_leaves_no_partial_file_and_keeps_the_old_one(
    database: Database, services: Services, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(services, clock)
    path = tmp_path / "archive.json"
    path.write_text("previous archive")

    def explode(*_args: object, **_kwargs: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr("model.archive.json.dumps", explode)
    with pytest.raises(ArchiveError, match=r"Cannot write .*disk full; nothing was written"):
        export_archive(database.sessions, path, clock())
    assert path.read_text() == "previous archive"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["archive.json"]


def test_exporting_into_an_impossible_place_is_reported(database: Database, clock: FakeClock, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ArchiveError, match="Cannot write"):
        export_archive(database.sessions, blocker / "archive.json", clock())


def test_the_archive_carries_every_table(database: Database) -> None:
    with database.engine.connect() as conn:
        names = {
            name
            for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")
        }
    # Settings travel as their own object; alembic_version is the schema's, not the user's.
    assert names - {"settings", "alembic_version"} == {table.name for table in TABLES}
