"""Undo/redo support: a captured contact state is put back exactly, across moves, edits and deletion."""

from __future__ import annotations

import pytest

from model.errors import InvalidInput
from model.services import Services
from model.vocabulary import Stage
from tests.model.conftest import FakeClock, add, to_connected, to_requested


def test_undoing_an_acceptance_puts_the_request_back_pending(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    before = services.capture(ada)
    clock.advance(days=1)
    services.record_acceptance(ada)
    after = services.capture(ada)
    services.put_back(before)
    record = services.contact(ada)
    assert record.stage is Stage.REQUESTED
    assert record.messages[0].accepted_at is None
    assert services.capture(ada) == before, "exactly as it was, history included"
    services.put_back(after)
    assert services.contact(ada).stage is Stage.CONNECTED
    assert services.capture(ada) == after


def test_undoing_a_deletion_brings_everything_back(services: Services, clock: FakeClock) -> None:
    ada = add(services, tags=("math",))
    to_connected(services, clock, ada)
    services.add_fact(ada, "event", "Met at the Royal Society")
    before = services.capture(ada)
    services.delete_contact(ada)
    assert services.contacts() == []
    services.put_back(before)
    assert services.capture(ada) == before
    assert services.contact(ada).tags == ("math",)


def test_undoing_a_creation_removes_the_contact(services: Services) -> None:
    absent = services.capture(1)
    assert not absent.exists
    ada = add(services)
    assert ada == 1
    services.put_back(absent)
    assert services.contacts() == []


def test_undoing_an_edit(services: Services) -> None:
    ada = add(services, company="Engines")
    before = services.capture(ada)
    services.edit_contact(ada, company="Looms", tags=["weaving"])
    services.put_back(before)
    assert (services.contact(ada).company, services.contact(ada).tags) == ("Engines", ())


def test_a_state_that_conflicts_with_later_changes_is_refused(services: Services) -> None:
    ada = add(services, profile_url="https://www.linkedin.com/in/ada")
    before_delete = services.capture(ada)
    services.delete_contact(ada)
    again = add(services, "Ada Again", profile_url="https://www.linkedin.com/in/ada")
    assert again != ada, "ids are never reused"
    with pytest.raises(InvalidInput, match="can no longer be undone"):
        services.put_back(before_delete)
    assert [c.name for c in services.contacts()] == ["Ada Again"]
