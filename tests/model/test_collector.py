"""The collector pause around bulk work: off during it, on after it, and no examination of its survivors later."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from model.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_during_the_work_and_on_after_it() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_what_the_work_built_is_not_left_for_the_young_generation() -> None:
    """Otherwise the first allocation after the pause examines every one of them (0.1 s for an import)."""
    gc.collect()
    with collector_paused():
        kept = [[index] for index in range(50_000)]
    oldest = {id(item) for item in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in kept)


def test_cycles_made_during_the_work_are_still_collected() -> None:
    class Node:
        partner: object = None

    gc.collect()
    with collector_paused():
        for _ in range(100):
            first, second = Node(), Node()
            first.partner, second.partner = second, first
        del first, second
    assert gc.collect() >= 200
