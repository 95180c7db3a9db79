"""The services as the window and the CLI use them: each intent one transaction, bad input changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from model.contact_form import ContactDraft
from model.errors import InvalidInput, NotFound
from model.pipeline import Refusal
from model.records import Moved
from model.services import Services
from model.vocabulary import Direction, MessageKind, Stage, Tier
from tests.model.conftest import FakeClock, add, engage_twice, to_connected, to_requested


def test_add_contact_normalises_and_returns_a_record(services: Services) -> None:
    record = services.add_contact(
        ContactDraft(
            name="  José Ñúñez  ",
            company="Acme",
            profile_url="http://DE.linkedin.com/in/Jos%C3%A9-Nunez/?trk=abc",
            time_zone="America/Mexico_City",
            tags=("mentor", "Mentor", " rust "),
            tier=Tier.CLOSE,
        )
    )
    assert record.name == "José Ñúñez"
    assert record.profile_url == "https://www.linkedin.com/in/josé-nunez"
    assert record.tags == ("mentor", "rust")
    assert record.stage is Stage.SPOTTED
    assert services.contacts()[0].name == "José Ñúñez"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "   "}, "needs a name"),
        ({"name": "x" * 301}, "301 characters long; the limit is 300"),
        ({"name": "Ada", "profile_url": "javascript:alert(1)"}, "not a web address"),
        ({"name": "Ada", "profile_url": "ftp://example.com/ada"}, "not a web address"),
        ({"name": "Ada", "time_zone": "Mars/Olympus_Mons"}, "not a known time zone"),
        ({"name": "Ada", "time_zone": "../../etc/passwd"}, "not a time zone name"),
        ({"name": "Ada", "email": "not-an-email"}, "is not an email address"),
        ({"name": "Ada", "tier": "bestie"}, "The tier must be one of"),
    ],
)
def test_bad_contact_input_is_refused_and_changes_nothing(
    services: Services, fields: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        services.add_contact(ContactDraft(**fields))  # type: ignore[arg-type]
    assert services.contacts() == []


def test_profile_urls_are_unique_per_network(services: Services) -> None:
    add(services, "Ada Lovelace", profile_url="https://www.linkedin.com/in/ada")
    with pytest.raises(InvalidInput, match="Ada Lovelace already has this profile URL"):
        add(services, "Ada L.", profile_url="https://linkedin.com/in/ADA/")
    add(services, "Ada on Mastodon", profile_url="https://www.linkedin.com/in/ada", network="mastodon")


def test_edit_contact_validates_and_keeps_the_rest(services: Services, clock: FakeClock) -> None:
    ada = add(services, company="Engines Ltd")
    clock.advance(minutes=5)
    record = services.edit_contact(ada, position="Analyst", tags=["poetry"])
    assert (record.company, record.position, record.tags) == ("Engines Ltd", "Analyst", ("poetry",))
    assert record.updated_at == clock.now
    with pytest.raises(InvalidInput, match="cannot be edited: stage"):
        services.edit_contact(ada, stage="connected")
    with pytest.raises(InvalidInput, match="needs a name"):
        services.edit_contact(ada, name="")
    assert services.contact(ada).position == "Analyst"


def test_unknown_ids_are_reported(services: Services) -> None:
    with pytest.raises(NotFound, match="no contact #42"):
        services.contact(42)
    with pytest.raises(NotFound):
        services.log_engagement(42, "like")
    with pytest.raises(NotFound, match="engagement no longer exists"):
        services.delete_engagement(42)


def test_first_engagement_moves_spotted_to_engaging(services: Services) -> None:
    ada = add(services)
    services.log_engagement(ada, "like", "A post on looms")
    record = services.contact(ada)
    assert record.stage is Stage.ENGAGING
    assert record.history[0].reason == "First engagement logged"
    assert record.engagements[0].target == "A post on looms"


def test_engagements_cannot_be_logged_in_the_future(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    with pytest.raises(InvalidInput, match="cannot be in the future"):
        services.log_engagement(ada, "like", at=clock.now + timedelta(days=1))
    with pytest.raises(InvalidInput, match="kind of engagement must be one of"):
        services.log_engagement(ada, "poke")
    assert services.contact(ada).stage is Stage.SPOTTED


def test_a_refused_request_records_nothing(services: Services) -> None:
    ada = add(services)
    services.log_engagement(ada, "like")
    result = services.send_connection_request(ada, "mentorship", "Hi Ada")
    assert result == Refusal("Log one more engagement with Ada Lovelace first: 1 of 2.")
    record = services.contact(ada)
    assert record.messages == ()
    assert record.stage is Stage.ENGAGING


def test_a_request_records_its_intent_and_moves_to_requested(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    engage_twice(services, clock, ada)
    result = services.send_connection_request(ada, "job_search", "Your team's work on looms...", "Looking at roles")
    assert isinstance(result, Moved)
    assert result.contact.stage is Stage.REQUESTED
    message = services.contact(ada).messages[0]
    assert (message.kind, message.direction, message.intent.value if message.intent else None) == (
        MessageKind.CONNECTION_REQUEST,
        Direction.OUTGOING,
        "job_search",
    )
    with pytest.raises(InvalidInput, match="intent must be one of"):
        services.send_connection_request(ada, "world domination")


def test_spotted_contacts_cannot_be_requested(services: Services) -> None:
    ada = add(services)
    result = services.send_connection_request(ada, "networking")
    assert isinstance(result, Refusal)
    assert "Engage with Ada Lovelace's content before connecting" in result.reason


def test_acceptance_and_withdrawal_record_their_dates(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    clock.advance(days=2)
    moved = services.move_stage(ada, Stage.CONNECTED)
    assert isinstance(moved, Moved)
    assert moved.contact.connected_at == clock.now
    assert services.contact(ada).messages[0].accepted_at == clock.now

    grace = add(services, "Grace Hopper")
    to_requested(services, clock, grace)
    clock.advance(days=3)
    back = services.record_withdrawal(grace)
    assert isinstance(back, Moved) and back.contact.stage is Stage.ENGAGING
    assert services.contact(grace).messages[0].withdrawn_at == clock.now
    again = services.send_connection_request(grace, "networking")
    assert isinstance(again, Refusal) and "LinkedIn allows a new one after 21 days" in again.reason


def test_an_answer_cannot_precede_its_request(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    with pytest.raises(InvalidInput, match="cannot come before the request"):
        services.record_acceptance(ada, at=clock.now - timedelta(days=5))
    assert services.contact(ada).stage is Stage.REQUESTED


def test_the_first_message_after_connecting_starts_nurturing(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    services.record_message(ada, "other", "incoming", "Thanks for the invite!")
    assert services.contact(ada).stage is Stage.CONNECTED
    services.record_message(ada, "thank_you", "outgoing", "Thank you for connecting")
    record = services.contact(ada)
    assert record.stage is Stage.NURTURING
    assert record.history[0].reason == "Thank-you sent"


def test_outgoing_requests_go_through_send_connection_request(services: Services) -> None:
    ada = add(services)
    with pytest.raises(InvalidInput, match="with its intent"):
        services.record_message(ada, "connection_request", "outgoing", "Hi")


def test_the_request_that_holds_requested_cannot_be_deleted(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_requested(services, clock, ada)
    request = services.contact(ada).messages[0]
    with pytest.raises(InvalidInput, match="record it as withdrawn instead"):
        services.delete_message(request.id)


def test_park_needs_a_reason_and_restore_returns_to_the_stage(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    with pytest.raises(InvalidInput, match="Say why"):
        services.park(ada, "  ")
    parked = services.park(ada, "Changed careers")
    assert isinstance(parked, Moved) and parked.contact.stage is Stage.PARKED
    assert parked.contact.parked_from is Stage.CONNECTED
    refused = services.move_stage(ada, Stage.NURTURING)
    assert isinstance(refused, Refusal) and "restore them to Connected first" in refused.reason
    restored = services.restore(ada)
    assert isinstance(restored, Moved) and restored.contact.stage is Stage.CONNECTED
    assert services.restore(ada) == Refusal("Ada Lovelace is not parked.")


def test_drag_refusals_are_values_with_reasons(services: Services) -> None:
    ada = add(services)
    result = services.move_stage(ada, "requested")
    assert isinstance(result, Refusal)
    assert result.reason.startswith("Ada Lovelace is in Spotted; the next step is Engaging")
    with pytest.raises(InvalidInput, match="stage must be one of"):
        services.move_stage(ada, "limbo")


def test_facts_and_drafts(services: Services) -> None:
    ada = add(services)
    fact = services.add_fact(ada, "recent_post", "Wrote about the Analytical Engine", "https://example.com/Post/1")
    assert fact.url == "https://example.com/Post/1"
    with pytest.raises(InvalidInput, match="not a web address"):
        services.add_fact(ada, "event", "Met at PyCon", "file:///etc/passwd")
    with pytest.raises(InvalidInput, match="Write down the fact"):
        services.add_fact(ada, "event", "   ")
    first = services.save_draft(ada, "connection_request", "Hi Ada", "learning")
    second = services.save_draft(ada, "connection_request", "Hi Ada, loved your post", "learning")
    assert first.id == second.id, "one draft per kind, updated in place"
    record = services.contact(ada)
    assert [f.text for f in record.facts] == ["Wrote about the Analytical Engine"]
    assert [d.body for d in record.drafts] == ["Hi Ada, loved your post"]
    services.delete_fact(fact.id)
    services.delete_draft(first.id)
    assert services.contact(ada).facts == ()


def test_settings_are_validated_and_persisted(services: Services) -> None:
    assert services.settings().min_engagements == 2
    services.update_settings(min_engagements=3, account_type="premium", user_time_zone="Asia/Kolkata")
    stored = services.settings()
    assert (stored.min_engagements, stored.note_limit, stored.user_time_zone) == (3, 300, "Asia/Kolkata")
    bad_changes: list[tuple[dict[str, object], str]] = [
        ({"min_engagements": "three"}, "must be a whole number"),
        ({"pending_check_days": 0}, "between 1 and 3650"),
        ({"thank_you_due_days": 5}, "overdue before it is due"),
        ({"account_type": "gold"}, "'free' or 'premium'"),
        ({"colour": "blue"}, "no setting called 'colour'"),
    ]
    for bad, message in bad_changes:
        with pytest.raises(InvalidInput, match=message):
            services.update_settings(**bad)
    assert services.settings() == stored


def test_settings_reach_the_database_rules(services: Services, clock: FakeClock) -> None:
    """The schema's trigger reads the same settings as the Python guard."""
    services.update_settings(min_engagements=1, min_engagement_days=1)
    ada = add(services)
    services.log_engagement(ada, "like")
    assert isinstance(services.send_connection_request(ada, "networking"), Moved)


def test_delete_contact(services: Services, clock: FakeClock) -> None:
    ada = add(services)
    to_connected(services, clock, ada)
    services.delete_contact(ada)
    assert services.contacts() == []
    with pytest.raises(NotFound):
        services.delete_contact(ada)


def test_contacts_filter_by_stage_and_sort_by_name(services: Services) -> None:
    add(services, "zoë Zimmer")
    add(services, "Ángel Alvarez")
    bob = add(services, "bob Brown")
    services.log_engagement(bob, "like")
    assert [c.name for c in services.contacts()] == ["Ángel Alvarez", "bob Brown", "zoë Zimmer"]
    assert [c.name for c in services.contacts(Stage.ENGAGING)] == ["bob Brown"]
