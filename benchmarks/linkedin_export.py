"""Writes a large, realistic and deterministic LinkedIn data export (2024 layout) to time the LinkedIn import on.

uv run python benchmarks/linkedin_export.py OUT.zip --connections 30000 --messages 100000 [--measure]
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import random
import resource
import statistics
import sys
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

# Run as a script, Python puts benchmarks/ first on sys.path, not the repository that holds `model`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import (
    COMPANY_FORMS,
    COMPANY_KINDS,
    COMPANY_STEMS,
    CULTURES,
    FOREIGN_COMPANIES,
    MESSAGES_IN,
    MESSAGES_OUT,
    NAME_SUFFIXES,
    NOW,
    POSITIONS,
    REQUEST_NOTES,
    TOPICS,
)

from model.importing.linkedin import read_linkedin

EXPORT_NAME = f"Complete_LinkedInDataExport_{NOW:%m-%d-%Y}.zip"
# Fixed, so that the same arguments always give the same bytes.
ZIP_TIME = (NOW.year, NOW.month, NOW.day, 9, 0, 0)
FIRST_CONNECTION = datetime(2011, 3, 1, tzinfo=UTC)
OWNER = ("Robin", "Okonkwo-Hartmann", "https://www.linkedin.com/in/robin-okonkwo-hartmann")

CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will '
    "only see email addresses for connections who have allowed their connections to see or download their email "
    "address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTION_COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
INVITATION_COLUMNS = ("From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl")
MESSAGE_COLUMNS = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
    "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
)
PROFILE_COLUMNS = (
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Headline",
    "Summary",
    "Industry",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
)
# Longer, multi-line and HTML bodies next to the short ones of generate.py: real inboxes mix all three.
LONG_BODIES = (
    "Hi {first},\n\nThanks for the intro last week. I read {topic} twice, and the part about trade-offs stuck "
    "with me; we are about to make the same call, so I would love to hear what you would do differently now.\n\n"
    "No rush at all — best,\n{me}",
    "Hello {first}, quick update: the workshop moved to Thursday, same room. Agenda: 1) intros, 2) demo, "
    '3) "what went wrong" — bring questions!',
    "<p>Hi {first},</p><p>Following up on {topic}: here are the slides &amp; notes.<br>Let me know what you think!</p>",
)
SPONSORED_BODY = (
    "Hi %FIRSTNAME%, as a leader in your field you are invited to our exclusive webinar on AI-driven growth."
)


@dataclass(frozen=True, slots=True)
class Member:
    first: str
    last: str
    url: str
    company: str
    position: str
    connected: datetime

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}".strip()


def write_export(path: Path, connections: int, messages: int, seed: int = 7) -> Path:
    """The export at `path` (a .zip file, or a folder to hold one under LinkedIn's own name); returns its path."""
    target = path if path.suffix.casefold() == ".zip" else path / EXPORT_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    members = [_member(rng, index) for index in range(connections)]
    members.sort(key=lambda member: member.connected, reverse=True)  # LinkedIn lists the newest first
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _write(archive, "Connections.csv", CONNECTION_COLUMNS, _connection_rows(rng, members), CONNECTIONS_PREAMBLE)
        _write(archive, "Invitations.csv", INVITATION_COLUMNS, _invitation_rows(rng, members))
        _write(archive, "messages.csv", MESSAGE_COLUMNS, _message_rows(rng, members, messages))
        _write(archive, "Profile.csv", PROFILE_COLUMNS, [_profile_row()])
        # Files the import does not read, so that finding the ones it does is part of the work.
        _write(archive, "Skills.csv", ("Name",), [("Python",), ("Mentoring",), ("Distributed Systems",)])
        _write(archive, "Email Addresses.csv", ("Email Address", "Confirmed", "Primary"), [("robin@example.org",) * 3])
    return target


def _write(
    archive: zipfile.ZipFile,
    name: str,
    columns: Sequence[str],
    rows: Iterator[Sequence[str]] | list[Sequence[str]],
    preamble: str = "",
) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        text.write(preamble)
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def _member(rng: random.Random, index: int) -> Member:
    culture = rng.choices(CULTURES, weights=[c.weight for c in CULTURES])[0]
    first, last = rng.choice(culture.given), rng.choice(culture.family)
    if rng.random() < 0.04:
        last += rng.choice(NAME_SUFFIXES)
    slug = (
        quote(f"{first}-{last}".lower().replace(" ", "-").replace(",", ""), safe="-")
        + f"-{index:x}{rng.getrandbits(24):06x}"
    )
    span = (NOW - FIRST_CONNECTION).total_seconds()
    # Networks grow: more connections are recent than old.
    connected = NOW - timedelta(seconds=span * rng.random() ** 1.6)
    company = "" if rng.random() < 0.1 else _company(rng)
    return Member(first, last, f"https://www.linkedin.com/in/{slug}", company, rng.choice(POSITIONS), connected)


def _company(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(FOREIGN_COMPANIES)
    return f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_KINDS)}{rng.choice(COMPANY_FORMS)}"


def _connection_rows(rng: random.Random, members: list[Member]) -> Iterator[Sequence[str]]:
    for member in members:
        connected_on = f"{member.connected:%d} {_month(member.connected)} {member.connected:%Y}"
        if rng.random() < 0.01:
            yield ("", "", "", "", "", "", connected_on)  # a hidden profile: only the date
            continue
        email = f"{member.url.rsplit('-', 1)[-1]}@example.com" if rng.random() < 0.03 else ""
        yield (member.first, member.last, member.url, email, member.company, member.position, connected_on)


def _month(moment: datetime) -> str:
    """English whatever the locale this script runs in, as LinkedIn writes it."""
    return ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[moment.month - 1]


def _sent_at(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{moment.month}/{moment.day}/{moment:%y}, {hour}:{moment:%M} {'PM' if moment.hour >= 12 else 'AM'}"


def _invitation_rows(rng: random.Random, members: list[Member]) -> Iterator[Sequence[str]]:
    """About 200 invitations of the last months: accepted ones (now connections), incoming ones, and pending
    outgoing ones to people who are not (yet) connections."""
    owner_name, owner_url = f"{OWNER[0]} {OWNER[1]}", OWNER[2]
    recent = [m for m in members if NOW - m.connected < timedelta(days=150)][:150]
    rows: list[tuple[datetime, Sequence[str]]] = []
    for member in recent:
        sent = member.connected - timedelta(hours=rng.uniform(1, 200))
        note = rng.choice(REQUEST_NOTES).format(first=member.first, topic=rng.choice(TOPICS), position="engineer")
        if rng.random() < 0.6:
            row = (owner_name, member.name, _sent_at(sent), note if rng.random() < 0.4 else "", "OUTGOING")
            rows.append((sent, (*row, owner_url, member.url)))
        else:
            row = (member.name, owner_name, _sent_at(sent), "", "INCOMING")
            rows.append((sent, (*row, member.url, owner_url)))
    for index in range(50):
        stranger = _member(rng, 10_000_000 + index)
        sent = NOW - timedelta(hours=rng.uniform(2, 24 * 60))
        note = rng.choice(REQUEST_NOTES).format(first=stranger.first, topic=rng.choice(TOPICS), position="designer")
        rows.append((sent, (owner_name, stranger.name, _sent_at(sent), note, "OUTGOING", owner_url, stranger.url)))
    rows.sort(key=lambda pair: pair[0], reverse=True)
    return (row for _, row in rows)


def _message_rows(rng: random.Random, members: list[Member], total: int) -> Iterator[Sequence[str]]:
    """Conversations of a few to a few dozen messages with some of the connections, newest conversation first;
    a few sponsored InMails and group conversations among them, as in any real inbox."""
    owner_name, owner_url = f"{OWNER[0]} {OWNER[1]}", OWNER[2]
    written = 0
    while written < total and members:
        conversation = "2-" + base64.b64encode(rng.randbytes(30)).decode().rstrip("=")
        roll = rng.random()
        if roll < 0.01:
            sent = NOW - timedelta(days=rng.uniform(0, 900))
            advert = ("Sponsored Conversation", "Northstar Talent", "", owner_name, owner_url, _date(sent))
            yield (conversation, *advert, "Exclusive invitation", SPONSORED_BODY, "INBOX", "", "No", "No")
            written += 1
            continue
        people = rng.sample(members, 3 if roll < 0.03 else 1)
        count = min(total - written, max(1, int(rng.expovariate(1 / 7))))
        start = max(person.connected for person in people)
        moments = sorted(start + (NOW - start) * rng.random() for _ in range(count))
        for moment in reversed(moments):
            everyone = [(owner_name, owner_url), *((p.name, p.url) for p in people)]
            sender = everyone[0] if rng.random() < 0.5 else rng.choice(everyone[1:])
            to = [person for person in everyone if person != sender]
            other = people[0]
            template = rng.choice(LONG_BODIES if rng.random() < 0.08 else MESSAGES_OUT + MESSAGES_IN)
            body = template.format(first=other.first, me=OWNER[0], topic=rng.choice(TOPICS))
            yield (
                conversation,
                "" if len(people) == 1 else "Meetup organisers",
                sender[0],
                sender[1],
                ", ".join(name for name, _ in to),
                ";".join(url for _, url in to),
                _date(moment),
                "",
                body,
                "INBOX",
                "",
                "No",
                "No",
            )
        written += count


def _date(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC"


def _profile_row() -> Sequence[str]:
    return (
        OWNER[0],
        OWNER[1],
        "",
        "Berlin, DE",
        "",
        "Engineering manager · distributed systems · mentoring",
        "I build calm, reliable teams.\nPreviously at Basalt Robotics and Lumen Health.",
        "Software Development",
        "10115",
        "Berlin, Berlin, Germany",
        "",
        "[PERSONAL:https://robin.example.org]",
        "",
    )


def measure(path: Path, runs: int = 3) -> tuple[float, float]:
    """(median seconds, peak resident MB) of read_linkedin on the export at `path`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_linkedin(path)
        times.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return statistics.median(times), peak_kb / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the .zip to write (or a folder to write it into)")
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--measure", action="store_true", help="then time read_linkedin on it (median of 3)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    target = write_export(args.out, args.connections, args.messages, args.seed)
    print(f"wrote {target} ({target.stat().st_size / 1024**2:.1f} MB) in {time.perf_counter() - start:.1f} s")
    if args.measure:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        median, peak = measure(target)
        print(f"read_linkedin: median {median:.2f} s of 3; peak RSS {peak:.0f} MB (after writing: {before:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
