"""GUI fixtures: real services over a temporary database, with the domain tests' fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from model.database import open_database
from model.paths import DataPaths
from model.services import Services
from tests.model.conftest import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def services(tmp_path: Path, clock: FakeClock) -> Iterator[Services]:
    db = open_database(DataPaths.resolve(tmp_path / "data"), clock)
    yield Services(db.sessions, clock)
    db.dispose()
