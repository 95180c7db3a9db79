"""CsvTable over an EncodedText (read as a stream) gives exactly what it gives over the decoded str, in less memory."""

from __future__ import annotations

import csv
import io
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.importing.records import ImportProblem
from model.importing.textio import CsvTable, decode_text, detect_encoding, encoded_text


def table_rows(table: CsvTable) -> list[tuple[int, dict[str, str]]]:
    return [(row.line, row.values) for row in table.rows()]


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=5), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]),
    crlf=st.booleans(),
)
def test_the_stream_reads_like_the_str(rows: list[list[str]], encoding: str, crlf: bool) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerows([["Name", "Note"], *rows])
    data = buffer.getvalue().encode(encoding, "replace")
    try:
        whole = CsvTable(decode_text(data, "x.csv"), "x.csv", ["Name"])
    except ImportProblem as problem:
        with pytest.raises(ImportProblem) as again:
            CsvTable(encoded_text(data, "x.csv"), "x.csv", ["Name"])
        assert str(again.value) == str(problem)
        return
    streamed = CsvTable(encoded_text(data, "x.csv"), "x.csv", ["Name"])
    assert streamed.headers == whole.headers
    assert table_rows(streamed) == table_rows(whole)


def test_detect_encoding_names_what_decode_text_uses() -> None:
    assert detect_encoding(b"plain", "x") == "utf-8"
    assert detect_encoding("Zoë".encode(), "x") == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbfName", "x") == "utf-8-sig"
    assert detect_encoding("Name,Zoë".encode("utf-16"), "x") == "utf-16"
    assert detect_encoding("Name,Zoë".encode("utf-16-le"), "x") == "utf-16-le"
    assert detect_encoding("Zoë, Müller".encode("cp1252"), "x") == "cp1252"
    with pytest.raises(ImportProblem, match="binary data"):
        encoded_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", "x.png")


def test_records_are_padded_and_columns_found_by_name() -> None:
    table = CsvTable("Name,E-mail, name \nAda\nGrace,g@example.org,Hopper,extra\n", "x.csv", ["Name"])
    assert list(table.records()) == [(2, ["Ada", "", ""]), (3, ["Grace", "g@example.org", "Hopper", "extra"])]
    assert table.column("e-mail") == 1
    assert table.column("NAME") == 2  # the last of a repeated name, as rows() keeps it
    assert table.column("Phone") is None


def test_a_big_file_with_one_emoji_is_never_one_wide_str() -> None:
    # As one str, 4 MB of text holding one emoji takes 16 MB; as a stream, never more than a small piece of it.
    text = "Name,Note\n" + "Ada,hello there\n" * 250_000 + "Zoë,🚀\n"
    data = text.encode()
    tracemalloc.start()
    try:
        table = CsvTable(encoded_text(data, "big.csv"), "big.csv", ["Name"])
        count = sum(1 for _ in table.records())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 250_001
    assert peak < len(data) // 10
