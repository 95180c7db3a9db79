"""What people really choose by mistake, and what a hostile zip holds: each is an ImportProblem naming the file."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import pytest

from model.importing import linkedin
from model.importing.linkedin import read_linkedin
from model.importing.records import ImportProblem
from tests.model.importing.test_linkedin import fixture, make_zip

MB = 1024**2
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
# The start of a PNG image: its signature, then the IHDR chunk (whose length field holds NUL bytes).
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" + bytes(64)


def problem(path: Path) -> ImportProblem:
    with pytest.raises(ImportProblem) as caught:
        read_linkedin(path)
    return caught.value


def zeros_zip(path: Path, megabytes: int, *, declared: int | None = None) -> Path:
    """A zip whose Connections.csv inflates to `megabytes` of zeros, written in a blink: deflate blocks of one
    megabyte of zeros after a full flush are all alike, so one is made and repeated. `declared` forges the size
    the headers claim."""
    chunk = bytes(MB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = block * megabytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    size = megabytes * MB if declared is None else declared
    name = b"Connections.csv"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0) + name
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0, 0, 0, 0, 0, 0
    )
    central += name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    path.write_bytes(local + data + central + end)
    return path


def patched_zip(path: Path, offset_in_central: int, value: bytes) -> Path:
    """A one-member zip with bytes of its central directory entry (and the local header's, where the field has
    one) replaced: flags and compression method live in both."""
    make_zip(path, {"Connections.csv": fixture("connections_2018.csv")})
    raw = bytearray(path.read_bytes())
    central = raw.index(b"PK\x01\x02")
    raw[central + offset_in_central : central + offset_in_central + len(value)] = value
    raw[offset_in_central - 2 : offset_in_central - 2 + len(value)] = value  # local header fields sit 2 bytes earlier
    path.write_bytes(bytes(raw))
    return path


# --- the wrong file --------------------------------------------------------------------------------------------


def test_a_png_renamed_zip(tmp_path: Path) -> None:
    path = tmp_path / "Basic_LinkedInDataExport_01-02-2024.zip"
    path.write_bytes(PNG)
    found = problem(path)
    assert found.file == "Basic_LinkedInDataExport_01-02-2024.zip"
    assert "this is not a zip file" in found.problem


def test_a_truncated_zip(tmp_path: Path) -> None:
    whole = make_zip(tmp_path / "whole.zip", {"Connections.csv": fixture("connections_2022.csv") * 40}).read_bytes()
    path = tmp_path / "Complete_LinkedInDataExport_11-26-2026.zip"
    path.write_bytes(whole[: len(whole) // 2])
    found = problem(path)
    assert found.file == path.name
    assert "damaged or incomplete" in found.problem and "stopped early" in found.problem


def test_a_zip_with_damaged_data(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", {"Connections.csv": fixture("connections_2022.csv") * 40})
    raw = bytearray(path.read_bytes())
    start = raw.index(b"Connections.csv") + len("Connections.csv")
    raw[start + 10 : start + 60] = bytes(range(50))  # inside the deflated data
    path.write_bytes(bytes(raw))
    found = problem(path)
    assert found.file == "export.zip"
    assert "damaged or incomplete" in found.problem


def test_nothing_there(tmp_path: Path) -> None:
    assert "does not exist" in problem(tmp_path / "gone.zip").problem
    (tmp_path / "empty").mkdir()
    found = problem(tmp_path / "empty")
    assert found.file == "empty"
    assert "no Connections.csv, Invitations.csv or messages.csv in this folder" in found.problem


def test_binary_data_in_connections(tmp_path: Path) -> None:
    found = problem(make_zip(tmp_path / "export.zip", {"Connections.csv": PNG * 10}))
    assert found.file == "Connections.csv"
    assert "not a text file" in found.problem


# --- encodings that must simply work ---------------------------------------------------------------------------

MESSY = CONNECTIONS_HEADER + (
    'José,Álvarez-Núñez,,,Telefónica,Ingeniero,02 Jan 2018\nZoë,"Smith, Jr.",,,"Acme, Inc.",CEO,21 Jul 2022\n'
)


@pytest.mark.parametrize(
    "encoded",
    [
        MESSY.encode("utf-16"),  # with a BOM, as Excel's "Unicode text" writes it
        MESSY.encode("utf-16-le"),
        MESSY.encode("cp1252"),
        b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode(),
    ],
    ids=["utf-16", "utf-16-le-without-bom", "cp1252", "utf-8-bom-crlf"],
)
def test_other_encodings_decode(tmp_path: Path, encoded: bytes) -> None:
    bundle = read_linkedin(make_zip(tmp_path / "export.zip", {"Connections.csv": encoded}))
    assert [(p.name, p.company) for p in bundle.people] == [
        ("José Álvarez-Núñez", "Telefónica"),
        ("Zoë Smith, Jr.", "Acme, Inc."),
    ]


def test_utf16_that_lies_about_itself(tmp_path: Path) -> None:
    found = problem(make_zip(tmp_path / "export.zip", {"Connections.csv": b"\xff\xfeA\x00\x00\xdc"}))
    assert found.file == "Connections.csv"
    assert "says it is UTF-16 but is not" in found.problem


# --- files that are not what they claim ------------------------------------------------------------------------


def test_a_50_mb_single_line(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(b"x" * (50 * MB))
    found = problem(folder)
    assert (found.file, found.line) == ("Connections.csv", 1)
    assert "longer than 1,000,000 characters" in found.problem


def test_a_50_mb_line_after_the_header(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(CONNECTIONS_HEADER.encode() + b"Ada,Lovelace,,,,,01 Jan 2020\n" + b"y" * (50 * MB))
    found = problem(path)
    assert (found.file, found.line) == ("Connections.csv", 3)


@pytest.mark.parametrize(
    ("member", "text", "missing"),
    [
        ("Connections.csv", "Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am\n", "Connected On"),
        ("Connections.csv", "First Name,Last Name,Company\nAda,Lovelace,Acme\n", "Connected On"),
        ("Invitations.csv", "From,To,When,Message,Direction\n", "Sent At"),
        ("messages.csv", "CONVERSATION ID,FROM,TO,DATE,BODY\n2-a,Ada,Robin,2024-01-01 10:00:00 UTC,hi\n", "CONTENT"),
    ],
)
def test_missing_or_renamed_columns(tmp_path: Path, member: str, text: str, missing: str) -> None:
    found = problem(make_zip(tmp_path / "export.zip", {member: text.encode()}))
    assert found.file == member
    assert "no header row with the columns" in found.problem and missing in found.problem


# --- hostile zips ----------------------------------------------------------------------------------------------


def test_a_600_mb_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = zeros_zip(tmp_path / "Complete_LinkedInDataExport_11-26-2026.zip", 600)
    assert path.stat().st_size < MB
    start = time.perf_counter()
    found = problem(path)
    assert time.perf_counter() - start < 0.5  # refused from the headers, not after inflating 600 MB
    assert found.file == "Connections.csv"
    assert "bigger than 512 MB" in found.problem


def test_a_member_inflating_far_beyond_any_csv(tmp_path: Path) -> None:
    found = problem(zeros_zip(tmp_path / "export.zip", 20))
    assert found.file == "Connections.csv"
    assert "zip bomb" in found.problem


def test_sizes_in_the_headers_are_not_trusted(tmp_path: Path) -> None:
    # The headers claim 1 MB; the data inflates to 50 MB. Reading stops at what was claimed and the check fails.
    found = problem(zeros_zip(tmp_path / "export.zip", 50, declared=MB))
    assert found.file == "export.zip"
    assert "damaged or incomplete" in found.problem


def test_a_member_bigger_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkedin, "MAX_MEMBER_BYTES", MB)
    text = (CONNECTIONS_HEADER + "".join(f"Ada{i},Lovelace,,,,,01 Jan 2020\n" for i in range(60_000))).encode()
    found = problem(make_zip(tmp_path / "export.zip", {"Connections.csv": text}))
    assert found.file == "Connections.csv"
    assert "bigger than 1 MB" in found.problem
    # The unpacked folder and a bare file obey the same limit.
    (tmp_path / "Connections.csv").write_bytes(text)
    assert "bigger than 1 MB" in problem(tmp_path / "Connections.csv").problem


def test_members_adding_up_beyond_the_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkedin, "MAX_TOTAL_BYTES", 2 * MB)
    text = (CONNECTIONS_HEADER + "".join(f"Ada{i},Lovelace,,,,,01 Jan 2020\n" for i in range(40_000))).encode()
    members = {"Connections.csv": text, "folder/messages.csv": text}
    found = problem(make_zip(tmp_path / "export.zip", members))
    assert found.file == "export.zip"
    assert "add up to" in found.problem


def test_an_encrypted_member(tmp_path: Path) -> None:
    found = problem(patched_zip(tmp_path / "export.zip", 8, struct.pack("<H", 0x1)))
    assert found.file == "Connections.csv"
    assert "encrypted" in found.problem


def test_an_unknown_compression_method(tmp_path: Path) -> None:
    found = problem(patched_zip(tmp_path / "export.zip", 10, struct.pack("<H", 97)))
    assert found.file == "export.zip"
    assert "compression" in found.problem


def test_nothing_is_extracted_to_disk(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", {"Connections.csv": fixture("connections_2018.csv")})
    before = sorted(tmp_path.rglob("*"))
    read_linkedin(path)
    assert sorted(tmp_path.rglob("*")) == before


def test_a_damaged_profile_is_reported_and_the_rest_still_comes_in(tmp_path: Path) -> None:
    export = make_zip(
        tmp_path / "Basic_LinkedInDataExport_11-26-2026.zip",
        {"Connections.csv": fixture("connections_2018.csv"), "Profile.csv": PNG},
    )
    bundle = read_linkedin(export)
    assert bundle.people and bundle.profile is None
    [skip] = [s for s in bundle.skipped if s.file == "Profile.csv"]
    assert skip.reason.startswith("your own profile was not read: ") and "binary" in skip.reason


def test_quotes_that_pair_up_across_two_rows_are_refused_rather_than_merging_them(tmp_path: Path) -> None:
    """A quote left open on one row closes at the next row's first quote: leniently read, the two rows are one
    person, the second one's name in the first one's company."""
    text = (
        CONNECTIONS_HEADER
        + 'Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,"Navy, Research Division,Rear Admiral,09 Oct 2024\n'
        + 'Zoë,Smith,https://www.linkedin.com/in/zoe-smith,,Lumen Health,"Staff Engineer, Platform",21 Jul 2022\n'
        + "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Mathematician,14 Mar 2018\n"
    )
    found = problem(make_zip(tmp_path / "export.zip", {"Connections.csv": text.encode()}))
    assert (found.file, found.line) == ("Connections.csv", 2)
    assert "quote opened on this line is not closed" in found.problem


def test_an_export_zipped_again_says_so_rather_than_no_export(tmp_path: Path) -> None:
    export = {"Connections.csv": CONNECTIONS_HEADER.encode()}
    inner = make_zip(tmp_path / "Basic_LinkedInDataExport_11-26-2026.zip", export)
    outer = make_zip(tmp_path / "download.zip", {inner.name: inner.read_bytes()})
    found = problem(outer)
    assert found.file == "download.zip"
    assert found.problem == (
        "this zip holds another zip, Basic_LinkedInDataExport_11-26-2026.zip: unpack it, then choose the zip inside."
    )
