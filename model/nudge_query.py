"""The one query that gathers every contact's nudge-relevant aggregates, and the account's activity counts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from model.clock import format_utc, parse_utc
from model.nudges import AccountActivity, ContactSnapshot, NudgeState, ReminderSnapshot
from model.reminders import format_wall
from model.settings import Settings

# Correlated subqueries sit inside CASE so SQLite only runs them for the stages whose rules read them;
# each is a range scan of the (contact_id, time) indexes. The unary "+" keeps SQLite from choosing an index
# of requests by kind (such as the one of everyone's outgoing requests by time), which would scan every request
# in the database per contact.
_SNAPSHOT_TEMPLATE = """
SELECT c.id, c.name, c.profile_url, c.stage, c.tier, c.stage_entered_at, c.connected_at,
  CASE WHEN c.stage = 'engaging' THEN
    (SELECT count(*) FROM engagements e WHERE e.contact_id = c.id) END,
  CASE WHEN c.stage = 'engaging' THEN
    (SELECT count(DISTINCT substr(e.occurred_at, 1, 10)) FROM engagements e WHERE e.contact_id = c.id) END,
  CASE WHEN c.stage IN ('engaging', 'nurturing') THEN
    (SELECT max(e.occurred_at) FROM engagements e WHERE e.contact_id = c.id) END,
  CASE WHEN c.stage = 'requested' THEN
    (SELECT r.sent_at FROM messages r WHERE r.contact_id = c.id AND +r.kind = 'connection_request'
       AND +r.direction = 'outgoing' AND r.accepted_at IS NULL AND r.withdrawn_at IS NULL) END,
  CASE WHEN c.stage = 'engaging' THEN
    (SELECT max(r.withdrawn_at) FROM messages r WHERE r.contact_id = c.id AND +r.kind = 'connection_request') END,
  m.last_in, m.last_out, m.out_since_connected,
  m.unanswered, m.unanswered_recent, m.unanswered_follow_ups
FROM contacts c
LEFT JOIN (
  SELECT x.contact_id,
    x.last_in,
    max(CASE WHEN x.direction = 'outgoing' THEN x.sent_at END) AS last_out,
    sum(x.direction = 'outgoing' AND x.sent_at >= x.connected_at) AS out_since_connected,
    sum(x.direction = 'outgoing' AND x.sent_at > coalesce(x.last_in, '')) AS unanswered,
    -- Strictly within the window: a follow-up sent exactly follow_up_spacing_days (= the window) after the last
    -- message, as FOLLOW_UP_DUE advises, does not make the two "too frequent".
    sum(x.direction = 'outgoing' AND x.sent_at > coalesce(x.last_in, '') AND x.sent_at > :recent) AS unanswered_recent,
    sum(x.direction = 'outgoing' AND x.kind = 'follow_up'
        AND x.sent_at > coalesce(x.last_in, '') AND x.sent_at >= coalesce(x.connected_at, '')) AS unanswered_follow_ups
  FROM (
    SELECT msg.contact_id, msg.direction, msg.kind, msg.sent_at, cc.connected_at, li.last_in
    FROM messages msg JOIN contacts cc ON cc.id = msg.contact_id
    -- Once per contact, not once per message and reference (SQLite flattens x and would repeat a subquery).
    LEFT JOIN (SELECT i.contact_id, max(i.sent_at) AS last_in FROM messages i
               WHERE i.direction = 'incoming'{incoming_of} GROUP BY i.contact_id) li ON li.contact_id = cc.id
    WHERE cc.stage IN ('connected', 'nurturing') AND msg.kind <> 'connection_request'{messages_of}
  ) x
  GROUP BY x.contact_id
) m ON m.contact_id = c.id
WHERE c.stage IN ('engaging', 'requested', 'connected', 'nurturing'){contact}
"""
SNAPSHOT_SQL = _SNAPSHOT_TEMPLATE.format(incoming_of="", messages_of="", contact="")
# The same query for one contact (the composer's pacing check), each part narrowed to their rows.
_ONE_SNAPSHOT_SQL = _SNAPSHOT_TEMPLATE.format(
    incoming_of=" AND i.contact_id = :contact",
    messages_of=" AND msg.contact_id = :contact",
    contact=" AND c.id = :contact",
)
# Open reminders whose wall time has passed somewhere on Earth (UTC+14 is the furthest ahead); the rules then
# resolve each in its own zone. Few rows, read through the partial index on open reminders.
REMINDERS_SQL = """
SELECT r.id, r.contact_id, c.name, c.profile_url, c.tier, r.wall_time, r.zone, r.note
FROM reminders r JOIN contacts c ON c.id = r.contact_id
WHERE r.done_at IS NULL AND r.wall_time <= ?
"""
_FURTHEST_AHEAD = timedelta(hours=14)


def snapshots(session: Session, settings: Settings, now: datetime) -> Iterator[ContactSnapshot]:
    recent = format_utc(now - timedelta(days=settings.too_frequent_window_days))
    result = session.connection().exec_driver_sql(SNAPSHOT_SQL.replace(":recent", "?"), (recent,))
    return map(ContactSnapshot._make, result)


def contact_snapshot(session: Session, settings: Settings, now: datetime, contact_id: int) -> ContactSnapshot | None:
    """One contact's snapshot, exactly as snapshots() computes it; None outside the stages the rules read."""
    recent = format_utc(now - timedelta(days=settings.too_frequent_window_days))
    row = session.execute(text(_ONE_SNAPSHOT_SQL), {"recent": recent, "contact": contact_id}).first()
    return None if row is None else ContactSnapshot._make(row)


def reminder_snapshots(session: Session, now: datetime) -> list[ReminderSnapshot]:
    latest = format_wall((now + _FURTHEST_AHEAD).astimezone(UTC).replace(tzinfo=None))
    return [ReminderSnapshot._make(row) for row in session.connection().exec_driver_sql(REMINDERS_SQL, (latest,))]


def account_activity(session: Session, settings: Settings, now: datetime) -> AccountActivity:
    zone = ZoneInfo(settings.user_time_zone or "UTC")
    local = now.astimezone(zone)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    week_ago = format_utc(now - timedelta(days=7))
    row = session.execute(
        text(
            "SELECT sum(sent_at >= :week_ago), sum(sent_at >= :month_start AND body <> '') FROM messages "
            "WHERE kind = 'connection_request' AND direction = 'outgoing' AND sent_at >= :earliest"
        ),
        {
            "week_ago": week_ago,
            "month_start": format_utc(month_start),
            "earliest": min(week_ago, format_utc(month_start)),
        },
    ).one()
    return AccountActivity(
        requests_last_7_days=row[0] or 0,
        notes_this_month=row[1] or 0,
        month_start=month_start,
        next_month_start=next_month,
    )


def nudge_states(session: Session) -> Mapping[tuple[int | None, str], NudgeState]:
    rows = session.execute(text("SELECT contact_id, kind, snoozed_until, dismissed_situation FROM nudge_states"))
    return {
        (contact_id, kind): NudgeState(parse_utc(snoozed) if snoozed else None, dismissed)
        for contact_id, kind, snoozed, dismissed in rows
    }
