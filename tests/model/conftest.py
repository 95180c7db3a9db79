"""Fixtures for the domain tests: a fake clock and a fresh database per test, no Qt anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from model.contact_form import ContactDraft
from model.database import Database, open_database
from model.paths import DataPaths
from model.services import Services

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday morning


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths.resolve(tmp_path / "data")


@pytest.fixture
def database(paths: DataPaths, clock: FakeClock) -> Iterator[Database]:
    db = open_database(paths, clock)
    yield db
    db.dispose()


@pytest.fixture
def services(database: Database, clock: FakeClock) -> Services:
    return Services(database.sessions, clock)


def add(services: Services, name: str = "Ada Lovelace", **fields: object) -> int:
    return services.add_contact(ContactDraft(name=name, **fields)).id  # type: ignore[arg-type]


def engage_twice(services: Services, clock: FakeClock, contact_id: int) -> None:
    """Two engagements on two different days: enough to ask for a connection."""
    services.log_engagement(contact_id, "like", "A post on looms")
    clock.advance(days=1)
    services.log_engagement(contact_id, "comment", "A post on looms", "The punched cards are genius.")


def to_requested(services: Services, clock: FakeClock, contact_id: int) -> None:
    engage_twice(services, clock, contact_id)
    result = services.send_connection_request(contact_id, "collaboration", "Loved your post on looms.")
    assert not hasattr(result, "reason"), result


def to_connected(services: Services, clock: FakeClock, contact_id: int) -> None:
    to_requested(services, clock, contact_id)
    clock.advance(hours=5)
    result = services.record_acceptance(contact_id)
    assert not hasattr(result, "reason"), result
