"""The contact directory: instant search over messy names, filters, and one-row updates that keep the order."""

from __future__ import annotations

import random

import pytest

import model.directory as directory_module
from model.directory import ROW, ContactDirectory, ContactQuery, ContactRow, Listing
from model.names import name_sort_key
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


def fake_row(contact_id: int, name: str, stage: str) -> ContactRow:
    when = "2026-11-01 09:00:00.000000"
    return ContactRow(contact_id, name, "", "", "", stage, "regular", when, when, "", "", None, None)


def test_a_listing_reads_every_stage_merged_in_name_order_at_any_row() -> None:
    chance = random.Random(7)
    stages = ["spotted", "engaging", "connected", "parked"]
    first = ["Ann", "ann", "Bob", "Éva", "eva", "Zed", "李", "Ольга"]
    for count in (0, 1, 2, 255, 256, 257, 1500):
        rows = [
            fake_row(n, f"{chance.choice(first)} {chance.randint(0, 40)}", chance.choice(stages)) for n in range(count)
        ]
        listing = Listing.of_rows(rows)
        expected = sorted(rows, key=lambda row: (name_sort_key(row.name), row.id))
        assert list(listing) == expected and len(listing) == count
        places = list(range(count))
        chance.shuffle(places)
        fresh = Listing.of_rows(rows)  # read out of order: each block found by bisection, not by merging up to it
        assert [fresh[place] for place in places] == [expected[place] for place in places]
        assert all(listing.position(row.id) == place for place, row in enumerate(expected))
        for row in expected:
            stage_rows = [other for other in expected if other.stage == row.stage]
            assert listing.locate(row.id) == (row.stage, stage_rows.index(row))
        assert listing.position(-1) is None and listing.locate(-1) is None
        assert listing[-1:] == expected[-1:] and listing[1:4] == expected[1:4]


def test_typing_on_narrows_the_last_result_and_any_change_starts_over(services: Services) -> None:
    ids = {name: add(services, name) for name in ("Anna", "Andrew", "Bea", "Dana")}
    directory = services.directory()
    assert names(directory, text="an") == ["Andrew", "Anna", "Dana"]
    assert names(directory, text="ann") == ["Anna"]
    assert names(directory, text="an") == ["Andrew", "Anna", "Dana"], "a shorter word searches everything again"
    assert names(directory, text="an dana") == ["Dana"]
    services.edit_contact(ids["Bea"], name="Beanna")
    directory.update(ids["Bea"], services.contact_row(ids["Bea"]))
    assert names(directory, text="ann") == ["Anna", "Beanna"]


def test_one_change_applied_to_a_listing_equals_finding_again(services: Services, clock: FakeClock) -> None:
    ids = {name: add(services, name, company=company) for name, company in (("Ada", "Looms"), ("Bea", "Mill"))}
    grace = add(services, "Grace", company="Navy")
    to_connected(services, clock, grace)
    directory = services.directory()
    for query in (ContactQuery(), ContactQuery(text="a"), ContactQuery(stages=frozenset({"spotted"}))):
        for contact_id, change in (
            (ids["Ada"], {"name": "Zoe"}),
            (ids["Bea"], {"company": "Looms"}),
            (grace, {"name": "Alma"}),
            (ids["Ada"], {"name": "Ada"}),
        ):
            shown = directory.find(query)
            before = shown.locate(contact_id)
            services.edit_contact(contact_id, **change)
            directory.update(contact_id, services.contact_row(contact_id))
            changed = shown.with_change(before, directory.listed_entry(query, contact_id))
            found = directory.find(query)
            assert list(changed) == list(found), (query, change)
            for stage in ("spotted", "connected"):
                assert [e[ROW] for e in changed.stage_entries(stage)] == [e[ROW] for e in found.stage_entries(stage)]


def test_search_text_prepared_while_a_contact_changes_is_prepared_again(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada, bea = add(services, "Ada Lovelace", company="Engines"), add(services, "Bea")
    directory = services.directory()
    services.edit_contact(ada, company="Looms")
    fold = directory_module._search_text_of
    folded: list[str] = []

    def folding_while_ada_changes(row: ContactRow) -> str:
        if not folded:
            directory.update(ada, services.contact_row(ada))  # as the GUI thread would, meanwhile
        folded.append(row.name)
        return fold(row)

    monkeypatch.setattr(directory_module, "_search_text_of", folding_while_ada_changes)
    directory.prepare_search()
    assert sorted(folded) == ["Ada Lovelace", "Ada Lovelace", "Bea"], "Ada folded again, Bea once"
    assert names(directory, text="looms") == ["Ada Lovelace"]
    assert names(directory, text="engines") == []
    assert bea in {row.id for row in directory.find(ContactQuery(text="bea"))}
