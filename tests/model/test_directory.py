"""The contact directory: instant search over messy names, filters, and one-row updates that keep the order."""

from __future__ import annotations

from model.directory import ContactDirectory, ContactQuery
from model.services import Services
from tests.model.conftest import FakeClock, add, to_connected


def names(directory: ContactDirectory, **query: object) -> list[str]:
    return [row.name for row in directory.find(ContactQuery(**query))]  # type: ignore[arg-type]


def test_search_matches_every_word_across_fields_ignoring_case_and_accents(services: Services) -> None:
    add(services, "José Ñúñez", company="Acme Robotics", position="CTO")
    add(services, "Ada Lovelace", company="Analytical Engines", notes="Met at the Royal Society")
    add(services, "李小龙", company="Golden Harvest", tags=("martial arts",))
    add(services, "Zoë O'Brien, PhD 🚀", headline="Rust and robotics")
    directory = services.directory()
    assert names(directory) == ["Ada Lovelace", "José Ñúñez", "Zoë O'Brien, PhD 🚀", "李小龙"]
    assert names(directory, text="jose") == ["José Ñúñez"]
    assert names(directory, text="ROBOTICS") == ["José Ñúñez", "Zoë O'Brien, PhD 🚀"]
    assert names(directory, text="robotics cto") == ["José Ñúñez"]
    assert names(directory, text="royal") == ["Ada Lovelace"], "notes are searched"
    assert names(directory, text="martial") == ["李小龙"], "tags are searched"
    assert names(directory, text="小龙") == ["李小龙"]
    assert names(directory, text="zoe 🚀") == ["Zoë O'Brien, PhD 🚀"]
    assert names(directory, text="nobody") == []


def test_filters_by_stage_tier_and_attention(services: Services, clock: FakeClock) -> None:
    ada = add(services, "Ada Lovelace", tier="close")
    grace = add(services, "Grace Hopper")
    to_connected(services, clock, grace)
    directory = services.directory()
    assert names(directory, stages=frozenset({"connected"})) == ["Grace Hopper"]
    assert names(directory, tier="close") == ["Ada Lovelace"]
    assert names(directory, only_ids=frozenset({ada})) == ["Ada Lovelace"]


def test_rows_carry_what_the_board_shows(services: Services, clock: FakeClock) -> None:
    ada = add(services, "Ada Lovelace", tags=("b", "a"))
    clock.advance(days=3)
    services.log_engagement(ada, "like")
    clock.advance(days=2)
    row = services.contact_row(ada)
    assert row is not None
    assert (row.stage, row.tags) == ("engaging", "a, b")
    assert row.days_in_stage(clock.now) == 2
    assert row.days_since_activity(clock.now) == 2


def test_updating_one_row_keeps_name_order(services: Services) -> None:
    ids = {name: add(services, name) for name in ("Bea", "Dan", "Fay")}
    directory = services.directory()
    assert names(directory) == ["Bea", "Dan", "Fay"], "searched once, so later updates patch the search list"
    services.edit_contact(ids["Fay"], name="Abe")
    directory.update(ids["Fay"], services.contact_row(ids["Fay"]))
    cid = add(services, "Cal")
    directory.update(cid, services.contact_row(cid))
    assert names(directory) == ["Abe", "Bea", "Cal", "Dan"]
    assert names(directory, text="cal") == ["Cal"]
    services.delete_contact(ids["Dan"])
    directory.update(ids["Dan"], services.contact_row(ids["Dan"]))
    assert names(directory) == ["Abe", "Bea", "Cal"]
    assert len(directory) == 3


def test_search_text_prepared_in_the_background_never_goes_stale(services: Services) -> None:
    ada = add(services, "Ada Lovelace", company="Engines")
    directory = services.directory()
    services.edit_contact(ada, company="Looms")
    directory.update(ada, services.contact_row(ada))
    directory.prepare_search()
    assert names(directory, text="looms") == ["Ada Lovelace"]
    assert names(directory, text="engines") == []
