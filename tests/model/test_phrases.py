"""Phrases built from a contact's facts and engagements: about them, naming the specific thing, credited as such."""

from __future__ import annotations

from model.note_analysis import FindingCode, NoteContext, analyse
from model.phrases import specifics
from model.services import Services
from model.settings import Settings
from model.vocabulary import EngagementKind, FactKind, Intent, MessageKind
from tests.model.conftest import FakeClock, add


def test_facts_come_first_then_recent_engagements_without_repeats(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    services.add_fact(ada, FactKind.SHARED_INTEREST, "  analytical engines. ")
    clock.advance(hours=1)
    services.add_fact(ada, FactKind.RECENT_POST, "Notes on the Bernoulli numbers")
    services.log_engagement(ada, EngagementKind.LIKE, "")  # nothing specific to say about it
    clock.advance(hours=1)
    services.log_engagement(ada, EngagementKind.COMMENT, "poetical science", "Lovely framing")
    clock.advance(hours=1)
    services.log_engagement(ada, EngagementKind.COMMENT, "poetical science")
    found = specifics(services.contact(ada))
    assert [(s.label, s.text) for s in found] == [
        ("Recent post", "Notes on the Bernoulli numbers"),
        ("Shared interest", "analytical engines"),
        ("You commented on", "poetical science"),
    ]
    assert found[0].phrase == "Your recent post on Notes on the Bernoulli numbers got me thinking."
    assert found[1].phrase == "We share an interest in analytical engines."


def test_a_note_built_from_the_phrases_earns_the_credit_for_specifics(services: Services, clock: FakeClock) -> None:
    ada = add(services, company="Analytical Engines Ltd")
    services.add_fact(ada, FactKind.RECENT_POST, "Bernoulli numbers on the engine")
    contact = services.contact(ada)
    [post] = specifics(contact)
    note = f"Hi Ada, {post.phrase} I would like to connect and learn from your approach."
    analysis = analyse(
        note, MessageKind.CONNECTION_REQUEST, NoteContext.for_contact(contact, Intent.LEARNING), Settings()
    )
    assert FindingCode.MENTIONS_FACT in analysis.codes
    assert FindingCode.NOTHING_SPECIFIC not in analysis.codes
