"""Whatever bytes or CSV-ish text sit where LinkedIn's files should be, reading either works or says why."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, timedelta
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.errors import InvalidInput
from model.importing.linkedin import message_text, read_linkedin, unquote_path
from model.importing.records import ImportBundle, ImportProblem
from model.urls import normalise_profile_url

MEMBERS = ("Connections.csv", "Invitations.csv", "messages.csv")
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
)
HEADERS = {
    "Connections.csv": (
        "First Name,Last Name,Email Address,Company,Position,Connected On",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ),
    "Invitations.csv": (
        "From,To,Sent At,Message,Direction",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    ),
    "messages.csv": (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER",
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,"
        "FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT",
    ),
}
ROBIN, ADA, ZOE = (f"https://www.linkedin.com/in/{slug}" for slug in ("robin", "ada-lovelace", "Zo%C3%AB"))
# Per column, values that lead the parser down its real paths; arbitrary text is mixed in with them.
TYPICAL = {
    "first name": ("Ada", "José", "李娜", ""),
    "last name": ("Lovelace, PhD", "🚀 Smith", ""),
    "url": (ADA, ZOE, "", "http://[::1", "javascript:alert(1)"),
    "email address": ("", "ada@example.org"),
    "company": ("", "Acme, Inc."),
    "position": ("", "CTO"),
    "connected on": ("09 Oct 2024", "9-Oct-24", "31 Feb 2024", ""),
    "from": ("Robin", "Ada", "LinkedIn Member", ""),
    "to": ("Robin", "Ada", "Ada, Zoë", ""),
    "sent at": ("8/26/22, 8:56 PM", "12/31/22, 12:05 AM", "13/1/22, 1:00 AM", ""),
    "message": ("", "Hi Ada, loved your talk."),
    "direction": ("OUTGOING", "INCOMING", "SIDEWAYS"),
    "inviterprofileurl": (ROBIN, ADA, ""),
    "inviteeprofileurl": (ROBIN, ZOE, ""),
    "conversation id": ("2-a", "2-b", "2-c", ""),
    "conversation title": ("", "Sponsored Conversation"),
    "sender profile url": (ROBIN, ADA, ZOE, ""),
    "recipient profile urls": (ROBIN, ADA, f"{ADA};{ZOE}", ""),
    "date": ("2022-09-08 18:08:14 UTC", "2024-01-01 10:00:00 UTC", "yesterday"),
    "subject": ("",),
    "content": ("Hello, Ada", "<p>Hi<br>there</p>", "Hi %FIRSTNAME%", "", "Fish &amp; chips", "<![foo bar"),
    "folder": ("INBOX",),
    "attachments": ("",),
    "is message draft": ("No", "Yes"),
    "is conversation draft": ("No",),
}
ROBIN_, ADA_, ZOE_ = ("Robin", ROBIN), ("Ada Lovelace, PhD", ADA), ("Zoë 🚀", ZOE)
# Robin is in every conversation: two with one other person, and a group.
CONVERSATIONS = {"2-a": (ROBIN_, ADA_), "2-b": (ROBIN_, ZOE_), "2-c": (ROBIN_, ADA_, ZOE_)}


@st.composite
def base_row(draw: st.DrawFn, columns: tuple[str, ...]) -> dict[str, str]:
    """A row that makes sense: the first typical value of each column, and for messages a sender and their
    recipients in one of three conversations."""
    row = {column: TYPICAL[column][0] for column in columns}
    conversation = draw(st.sampled_from(sorted(CONVERSATIONS)))
    people = CONVERSATIONS[conversation]
    sender = draw(st.sampled_from(people))
    recipients = [person for person in people if person != sender]
    row["conversation id"] = conversation
    row["from"], row["sender profile url"] = sender
    row["to"] = ", ".join(name for name, _ in recipients)
    row["recipient profile urls"] = ";".join(url for _, url in recipients)
    return row


@st.composite
def record(draw: st.DrawFn, columns: tuple[str, ...]) -> list[str]:
    """A sensible row, some cells swapped for another typical value or arbitrary text, some rows cut or lengthened."""
    base = draw(base_row(columns))
    cells = [
        draw(st.one_of(st.just(base[c]), st.just(base[c]), st.sampled_from(TYPICAL[c]), st.text(max_size=30)))
        for c in columns
    ]
    ragged = draw(st.integers(-2, 2))
    return cells[: len(cells) + min(ragged, 0)] + ["extra"] * max(ragged, 0)


def records(header: str) -> st.SearchStrategy[list[list[str]]]:
    return st.lists(record(tuple(header.casefold().split(","))), max_size=12)


quick = settings(max_examples=100, deadline=None)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("linkedin-properties")


def read_or_refuse(path: Path) -> ImportBundle | None:
    try:
        return read_linkedin(path)
    except ImportProblem as problem:
        assert str(problem).startswith(problem.file)
        return None


def check(bundle: ImportBundle | None) -> None:
    """What any result promises, however odd the file."""
    if bundle is None:
        return
    for person in bundle.people:
        assert person.name and person.name == person.name.strip()
        assert person.connected_at is not None and person.connected_at.tzinfo is UTC
        assert person.connected_at.hour == 12
    for invitation in bundle.invitations:
        assert invitation.name and invitation.sent_at.tzinfo is UTC
    for message in bundle.messages:
        assert message.body and message.body == message.body.strip()
        assert len(message.key) == 24
        assert message.sent_at.utcoffset() == timedelta(0)
    urls = [r.profile_url for r in bundle.people] + [r.profile_url for r in bundle.invitations]
    urls += [r.profile_url for r in bundle.messages]
    assert all(url is None or url.startswith(("https://", "http://")) for url in urls)


@quick
@given(member=st.sampled_from(MEMBERS), data=st.binary(max_size=3000))
def test_arbitrary_bytes_as_a_bare_file(workdir: Path, member: str, data: bytes) -> None:
    path = workdir / member
    path.write_bytes(data)
    check(read_or_refuse(path))


@quick
@given(member=st.sampled_from(MEMBERS), data=st.binary(max_size=3000))
def test_arbitrary_bytes_inside_the_zip(workdir: Path, member: str, data: bytes) -> None:
    path = workdir / "Basic_LinkedInDataExport_01-02-2024.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"Basic_LinkedInDataExport_01-02-2024/{member}", data)
    check(read_or_refuse(path))


@quick
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_as_the_zip(workdir: Path, data: bytes) -> None:
    path = workdir / "Complete_LinkedInDataExport_11-26-2026.zip"
    path.write_bytes(b"PK\x03\x04" + data)
    check(read_or_refuse(path))


@quick
@given(data=st.data(), member=st.sampled_from(MEMBERS), era=st.integers(0, 1), preamble=st.booleans())
def test_csv_ish_text_in_the_real_layouts(
    workdir: Path, data: st.DataObject, member: str, era: int, preamble: bool
) -> None:
    header = HEADERS[member][era]
    rows = data.draw(records(header))
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    buffer = io.StringIO()
    if preamble:
        buffer.write(PREAMBLE)
    buffer.write(header + "\n")
    csv.writer(buffer, lineterminator=data.draw(st.sampled_from(["\n", "\r\n"]))).writerows(rows)
    path = workdir / member
    path.write_bytes(buffer.getvalue().encode(encoding, "surrogatepass"))
    bundle = read_or_refuse(path)
    check(bundle)
    if bundle is not None:
        # Reading the same file again gives the same messages, keys included.
        again = read_linkedin(path)
        assert again.messages == bundle.messages and again.skipped == bundle.skipped


@quick
@given(slug=st.one_of(st.from_regex(r"[A-Za-z0-9_%-]{1,40}", fullmatch=True), st.text(max_size=40)))
def test_profile_urls_are_what_normalise_profile_url_makes_of_them(workdir: Path, slug: str) -> None:
    raw = "https://www.linkedin.com/in/" + slug
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([HEADERS["Connections.csv"][1].split(","), ["Ada", "Lovelace", raw, "", "", "", "09 Oct 2024"]])
    path = workdir / "Connections.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
    bundle = read_or_refuse(path)
    if bundle is None or not bundle.people:
        return
    try:
        expected: str | None = normalise_profile_url(raw.strip())
    except (InvalidInput, ValueError):
        expected = None
    assert bundle.people[0].profile_url == expected


# Slugs as the export writes them: escaped text of any script, and stray or broken escapes among plain characters.
_escaped = st.text(max_size=20).map(lambda text: quote(text, safe=""))
_slug_parts = st.one_of(
    _escaped,
    st.from_regex(r"[A-Za-z0-9_%-]{0,8}", fullmatch=True),
    st.sampled_from(["%", "%C3", "%E2%82", "%zz", "%4"]),
)


@given(parts=st.lists(_slug_parts, max_size=6))
def test_unquote_path_is_urllibs_unquote(parts: list[str]) -> None:
    path = "/in/" + "".join(parts)
    assert unquote_path(path) == unquote(path)


@quick
@given(text=st.text(max_size=300))
def test_message_text_takes_anything(text: str) -> None:
    plain = message_text(text)
    assert plain == plain.strip()
