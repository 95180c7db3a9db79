"""Templates: the built-in set, filling placeholders from a contact's facts, and the template services."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from model.errors import InvalidInput, NotFound
from model.note_analysis import FindingCode, NoteContext, Severity, analyse, utf16_length
from model.records import ContactRecord, EngagementRecord, FactRecord
from model.services import Services
from model.settings import Settings
from model.templates import (
    INTENT_PHRASES,
    PLACEHOLDERS,
    Filled,
    engagement_phrase,
    fill,
    first_name,
    placeholders_in,
    template_values,
)
from model.vocabulary import EngagementKind, FactKind, Intent, MessageKind, Stage, Tier
from tests.model.conftest import FakeClock, add

# Typical, rather long values: a built-in connection note must still fit a free account's 200 characters with
# DOMAIN.md's small margin.
TYPICAL = {
    "first_name": "Ada",
    "company": "Analytical Engines Ltd",
    "recent_post": "why punched cards still matter",
    "shared_interest": "accessible data visualisation",
    "mutual": "Grace Hopper",
    "event": "PyData Berlin 2026",
    "achievement": "the Royal Society medal",
    "last_engagement": "your post on punched cards",
    "my_name": "Charles Babbage",
}
NOTE_BUDGET_CHARS = 200 - 5
# ../shared/DOMAIN.md: LinkedIn's default texts and the clichés to warn about.
FORBIDDEN = (
    "add you to my professional network",
    "join your linkedin network",
    "connect with you on linkedin",
    "came across your profile",
    "love to add you to my network",
    "expand my network",
    "grow my network",
    "a lot in common",
    "impressed with your background",
    "synerg",
    "mutually beneficial",
    "finds you well",
    "pick your brain",
    "quick call",
    "15 minutes",
)
SPECIFIC = {"recent_post", "shared_interest", "mutual", "event", "company", "last_engagement", "achievement"}


# -- the built-in templates --------------------------------------------------------------------------------


def test_every_kind_has_built_in_templates_and_requests_cover_the_intents(services: Services) -> None:
    templates = services.templates()
    by_kind = {kind: [t for t in templates if t.kind is kind] for kind in MessageKind}
    assert len(by_kind[MessageKind.CONNECTION_REQUEST]) >= 8
    assert len(by_kind[MessageKind.THANK_YOU]) >= 2
    assert len(by_kind[MessageKind.FOLLOW_UP]) >= 2
    assert len(by_kind[MessageKind.OTHER]) >= 1
    intents = {t.intent for t in by_kind[MessageKind.CONNECTION_REQUEST]}
    assert set(Intent) - {Intent.OTHER} <= intents
    assert None in intents, "one template fits any intent through {intent}"
    assert all(t.intent is None for t in templates if t.kind is not MessageKind.CONNECTION_REQUEST)
    assert [t.position for t in by_kind[MessageKind.THANK_YOU]] == list(range(len(by_kind[MessageKind.THANK_YOU])))


def test_built_in_templates_use_only_known_placeholders_and_something_specific(services: Services) -> None:
    for template in services.templates():
        used = set(placeholders_in(template.body))
        assert used <= set(PLACEHOLDERS), template.name
        assert "first_name" in used, template.name
        assert used & SPECIFIC, f"{template.name} names nothing specific to the recipient"
        folded = template.body.casefold().replace("\u2019", "'")
        assert not [phrase for phrase in FORBIDDEN if phrase in folded], template.name


def test_built_in_connection_notes_fit_a_free_account_and_state_their_intent(services: Services) -> None:
    for template in services.templates(MessageKind.CONNECTION_REQUEST):
        intents = [template.intent] if template.intent else list(Intent)
        if template.intent is None:
            assert "{intent}" in template.body
        for intent in intents:
            filled = fill(template.body, {**TYPICAL, "intent": INTENT_PHRASES[intent]})
            assert filled.unfilled == ()
            assert utf16_length(filled.text) <= NOTE_BUDGET_CHARS, (template.name, intent, filled.text)


def test_the_note_analysis_finds_no_default_text_cliche_or_placeholder_in_filled_built_ins(
    services: Services,
) -> None:
    context = NoteContext(
        first_name="Ada",
        full_name="Ada Lovelace",
        company=TYPICAL["company"],
        facts=(
            (FactKind.RECENT_POST, TYPICAL["recent_post"]),
            (FactKind.SHARED_INTEREST, TYPICAL["shared_interest"]),
            (FactKind.MUTUAL_CONNECTION, TYPICAL["mutual"]),
            (FactKind.EVENT, TYPICAL["event"]),
            (FactKind.ACHIEVEMENT, TYPICAL["achievement"]),
        ),
    )
    for template in services.templates():
        intent = template.intent or Intent.NETWORKING
        text = fill(template.body, {**TYPICAL, "intent": INTENT_PHRASES[intent]}).text
        analysis = analyse(text, template.kind, context, Settings())
        bad = {f.code for f in analysis.findings if f.severity is Severity.BLOCK} | (
            analysis.codes & {FindingCode.CLICHE, FindingCode.NOTHING_SPECIFIC, FindingCode.INTENT_MISSING}
        )
        assert bad == set(), (template.name, text, analysis.findings)


# -- filling --------------------------------------------------------------------------------------------------


def test_fill_replaces_what_it_knows_and_leaves_the_rest_in_place() -> None:
    filled = fill(
        "Hi {first_name}, loved {recent_post}. {unknown} {first_name} {mutual}",
        {"first_name": "Ada", "recent_post": "your post", "mutual": "  "},
    )
    assert filled == Filled("Hi Ada, loved your post. {unknown} Ada {mutual}", ("unknown", "mutual"))


def test_fill_does_not_expand_values_or_touch_other_template_syntaxes() -> None:
    filled = fill("{first_name} {{company}} %FIRSTNAME% [Name]", {"first_name": "{company}", "company": "X"})
    assert filled.text == "{company} {{company}} %FIRSTNAME% [Name]"
    assert filled.unfilled == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada Lovelace", "Ada"),
        ("Dr. Ada Lovelace, PhD", "Ada"),
        ("Prof. Dr. Grace Hopper", "Grace"),
        ("María José García-López", "María"),
        ("李小龙", "李小龙"),
        ("山田 太郎", "山田太郎"),
        ("김민준", "김민준"),
        ("Ada Lovelace 🚀", "Ada"),
        ("🚀 Ada Lovelace", "Ada"),
        ("Don Norman", "Don"),
        ("Lovelace", "Lovelace"),
        ("  ", ""),
    ],
)
def test_first_name(name: str, expected: str) -> None:
    assert first_name(name) == expected


def _engagement(target: str, kind: EngagementKind = EngagementKind.COMMENT, days_ago: int = 1) -> EngagementRecord:
    return EngagementRecord(1, 1, kind, target, "", NOW - timedelta(days=days_ago))


NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("target", "kind", "expected"),
    [
        ("A post on looms", EngagementKind.LIKE, "your post on looms"),
        ("The article about punched cards.", EngagementKind.SHARE, "your article about punched cards"),
        ("Analytical Engine notes", EngagementKind.COMMENT, "your post on Analytical Engine notes"),
        ("https://www.linkedin.com/posts/ada_123", EngagementKind.LIKE, "your recent post"),
        ("", EngagementKind.REPLY, "your comment"),
    ],
)
def test_engagement_phrase(target: str, kind: EngagementKind, expected: str) -> None:
    assert engagement_phrase(_engagement(target, kind)) == expected


def _contact(**fields: object) -> ContactRecord:
    base: dict[str, object] = {
        "id": 1,
        "name": "Dr. Ada Lovelace, PhD",
        "headline": "",
        "company": "Analytical Engines",
        "position": "",
        "location": "",
        "time_zone": None,
        "time_zone_inferred": False,
        "profile_url": None,
        "network": "linkedin",
        "email": "",
        "tier": Tier.REGULAR,
        "tags": (),
        "notes": "",
        "stage": Stage.ENGAGING,
        "stage_entered_at": NOW,
        "stage_reason": "",
        "parked_from": None,
        "connected_at": None,
        "created_at": NOW,
        "updated_at": NOW,
    }
    base.update(fields)
    return ContactRecord(**base)  # type: ignore[arg-type]


def test_template_values_take_the_newest_fact_of_each_kind_and_the_newest_engagement() -> None:
    def fact(kind: FactKind, text: str, days_ago: int) -> FactRecord:
        return FactRecord(1, 1, kind, text, None, NOW - timedelta(days=days_ago))

    contact = _contact(
        facts=(
            fact(FactKind.RECENT_POST, "Old post", 9),
            fact(FactKind.RECENT_POST, "The Analytical Engine.", 2),
            fact(FactKind.SHARED_INTEREST, "poetical science", 5),
            fact(FactKind.MUTUAL_CONNECTION, "Charles Babbage", 5),
            fact(FactKind.EVENT, "the Royal Society soirée", 5),
            fact(FactKind.ACHIEVEMENT, "the first published algorithm", 5),
            fact(FactKind.OTHER, "Likes horses", 1),
        ),
        engagements=(
            _engagement("A post on looms", days_ago=3),
            _engagement("Mathematics", EngagementKind.ENDORSEMENT, days_ago=1),
            _engagement("A post on Bernoulli numbers", EngagementKind.LIKE, days_ago=2),
        ),
    )
    assert template_values(contact, Intent.MENTORSHIP, " Charles ") == {
        "first_name": "Ada",
        "company": "Analytical Engines",
        "recent_post": "The Analytical Engine",
        "shared_interest": "poetical science",
        "mutual": "Charles Babbage",
        "event": "the Royal Society soirée",
        "achievement": "the first published algorithm",
        "last_engagement": "your post on Bernoulli numbers",
        "intent": "to learn from your experience",
        "my_name": "Charles",
    }


def test_template_values_leave_out_what_is_unknown() -> None:
    assert template_values(_contact(company=" "), None, None) == {"first_name": "Ada"}


def test_every_intent_has_a_short_phrase() -> None:
    assert set(INTENT_PHRASES) == set(Intent)
    assert all(phrase.startswith("to ") and len(phrase) <= 40 for phrase in INTENT_PHRASES.values())


# -- services -------------------------------------------------------------------------------------------------


def test_add_edit_and_delete_a_template(services: Services, clock: FakeClock) -> None:
    before = services.templates(MessageKind.THANK_YOU)
    added = services.add_template("thank_you", "  Short thanks ", "Thanks, {first_name}!")
    assert (added.kind, added.name, added.intent, added.position) == (
        MessageKind.THANK_YOU,
        "Short thanks",
        None,
        before[-1].position + 1,
    )
    assert services.templates("thank_you")[-1] == added
    clock.advance(hours=1)
    edited = services.edit_template(added.id, body="Thank you, {first_name}.")
    assert (edited.name, edited.body, edited.updated_at) == ("Short thanks", "Thank you, {first_name}.", clock.now)
    services.delete_template(added.id)
    assert services.templates(MessageKind.THANK_YOU) == before
    with pytest.raises(NotFound):
        services.delete_template(added.id)


def test_a_template_intent_is_kept_changed_or_cleared(services: Services) -> None:
    template = services.add_template("connection_request", "Mine", "Hi {first_name}", "learning")
    assert services.edit_template(template.id, name="Mine, renamed").intent is Intent.LEARNING
    assert services.edit_template(template.id, intent="hiring").intent is Intent.HIRING
    assert services.edit_template(template.id, intent=None).intent is None


@pytest.mark.parametrize(
    ("kind", "name", "body", "intent", "message"),
    [
        ("thank_you", "Thanks", "Thank you!", "networking", "Only a connection request's template states an intent"),
        ("thank_you", "  ", "Thank you!", None, "Give the template a name"),
        ("thank_you", "Thanks", " \n ", None, "Write the template's text"),
        ("postcard", "Thanks", "Thank you!", None, "The kind of message must be one of"),
        ("connection_request", "X", "Hi", "bribery", "The intent must be one of"),
        ("thank_you", "x" * 101, "Hi", None, "the limit is 100"),
    ],
)
def test_bad_templates_are_refused(
    services: Services, kind: str, name: str, body: str, intent: str | None, message: str
) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        services.add_template(kind, name, body, intent)


def test_template_names_are_unique_per_kind_whatever_the_case(services: Services) -> None:
    services.add_template("follow_up", "Nudge", "Hi {first_name}")
    services.add_template("thank_you", "Nudge", "Thanks {first_name}")  # another kind: fine
    with pytest.raises(InvalidInput, match="already a follow-up template called 'Nudge'"):
        services.add_template("follow_up", "NUDGE", "Hello {first_name}")
    other = services.add_template("follow_up", "Other", "Hey {first_name}")
    with pytest.raises(InvalidInput, match="already a follow-up template called 'Nudge'"):
        services.edit_template(other.id, name="nudge")
    assert services.edit_template(other.id, name="other").name == "other", "renaming itself is fine"


def test_fill_template_from_the_contact_and_the_own_profile(services: Services) -> None:
    ada = add(services, "Dr. Ada Lovelace, PhD", company="Analytical Engines")
    services.add_fact(ada, "recent_post", "the Analytical Engine")
    services.log_engagement(ada, "like", "A post on looms")
    template = services.add_template(
        "connection_request",
        "Test",
        "Hi {first_name}, {last_engagement} on {recent_post}: I'd like {intent}. {my_name}",
    )
    assert services.fill_template(template.id, ada, "learning") == Filled(
        "Hi Ada, your post on looms on the Analytical Engine: I'd like to learn from you. {my_name}", ("my_name",)
    )
    services.update_own_profile(name="Charles Babbage")
    assert services.fill_template(template.id, ada, "learning").unfilled == ()
    no_intent = services.fill_template(template.id, ada)
    assert no_intent.unfilled == ("intent",), "no intent chosen: the note analysis will flag it"


def test_fill_template_uses_the_template_intent_when_none_is_chosen(services: Services) -> None:
    ada = add(services)
    template = services.add_template("connection_request", "Hiring", "Hi {first_name}, {intent}.", "hiring")
    assert services.fill_template(template.id, ada).text == "Hi Ada, to tell you about a role on my team."
    with pytest.raises(NotFound):
        services.fill_template(template.id, 999)
