"""Reading text files people hand us: any of the encodings real exporters write, CSV mapped by header name.

Every failure is an `ImportProblem` naming the file (and the line, where there is one): a wrong file, binary data,
a line too long to be a record, missing columns.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from model.importing.records import ImportProblem

if TYPE_CHECKING:
    from _csv import Reader as _CsvReader

# The biggest text file an import reads: a 30,000-connection export's messages.csv with 100,000 messages is ~60 MB.
MAX_TEXT_BYTES = 512 * 1024**2
# One CSV field (a long message, an About section) stays far below this; a "line" above it is not a record.
MAX_FIELD_CHARS = 1_000_000
# Headers are looked for in the first rows: LinkedIn puts a "Notes:" preamble before them since 2022.
HEADER_SEARCH_ROWS = 10

# Binary data shows itself early: a NUL among the first characters marks it.
_NUL_CHECKED_CHARS = 65536
_DECODE_CHUNK = 64 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: Path, name: str | None = None, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The file's bytes, refusing what is too big to be what it claims before reading it."""
    label = name or path.name
    try:
        size = path.stat().st_size
        if size > limit:
            raise ImportProblem(
                label, f"the file is {size / 1024**2:,.0f} MB; at most {limit // 1024**2:,} MB is read."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportProblem(label, "the file does not exist.") from None
    except IsADirectoryError:
        raise ImportProblem(label, "this is a folder, not a file.") from None
    except PermissionError:
        raise ImportProblem(label, "Overture may not read this file (permission denied).") from None
    except OSError as error:
        raise ImportProblem(label, f"the file cannot be read ({error.strerror or error}).") from None


def decode_text(data: bytes, name: str) -> str:
    """Text from UTF-8 (with or without a BOM), UTF-16 (with a BOM, or without one if it is plainly UTF-16), or
    Windows-1252 (Excel's "CSV" on Western systems). Binary data is refused."""
    return _no_nul(data.decode(detect_encoding(data, name)), name)


def decode_mixed_text(data: bytes, name: str) -> str:
    """decode_text for a file that may mix encodings: several .vcf files joined into one, a UTF-8 card beside a
    vCard 2.1 card in Latin-1. Where the whole is not UTF-8, each character that is not is read as Windows-1252,
    rather than the whole file: one odd byte no longer turns every name in UTF-8 into mojibake."""
    encoding = detect_encoding(data, name)
    if encoding in ("cp1252", "latin-1"):
        return _no_nul(data.decode("utf-8", errors=_CHARACTER_FALLBACK), name)
    return _no_nul(data.decode(encoding), name)


# A character in UTF-8 that a fold cut in two (RFC 6350 §3.2 allows a fold anywhere in the octets): its first
# bytes, the line break and space of the fold, its remaining bytes.
_FOLDED_CHARACTER = re.compile(rb"([\xc2-\xf4][\x80-\xbf]{0,2})(\r?\n[ \t])([\x80-\xbf]{1,3})")


def _character_fallback(error: UnicodeError) -> tuple[str, int]:
    """For bytes that are not UTF-8 where they stand: a character folded in two, whole (the fold kept after it, so
    lines still count as in the file), or else a Windows-1252 character (Latin-1 for its five unassigned bytes)."""
    assert isinstance(error, UnicodeDecodeError)
    data, start = error.object, error.start
    folded = _FOLDED_CHARACTER.match(data, start)
    if folded is not None:
        with contextlib.suppress(UnicodeDecodeError):
            return (folded[1] + folded[3]).decode("utf-8") + folded[2].decode("ascii"), folded.end()
    byte = data[start : start + 1]
    try:
        return byte.decode("cp1252"), start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), start + 1


_CHARACTER_FALLBACK = "overture.character-fallback"
codecs.register_error(_CHARACTER_FALLBACK, _character_fallback)


def detect_encoding(data: bytes, name: str) -> str:
    """The encoding decode_text reads `data` in, checked over the whole file piece by piece."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            error = _decode_error(data, encoding)
            if error is not None:
                raise ImportProblem(name, f"the file says it is {encoding.upper()} but is not ({error.reason}).")
            return encoding
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        # Text in UTF-16 without a BOM: every other byte of Latin text is zero.
        zeros_at_odd = head[1::2].count(0) >= len(head[1::2]) * 0.6
        encoding = "utf-16-le" if zeros_at_odd else "utf-16-be"
        if _decode_error(data, encoding) is None:
            return encoding
    if data.isascii() or _decode_error(data, "utf-8") is None:
        return "utf-8"
    if b"\x00" in head:
        raise ImportProblem(name, "this is not a text file (it holds binary data).")
    # Windows-1252 leaves five bytes undefined; Latin-1 gives them a meaning rather than refusing the file.
    return "cp1252" if _decode_error(data, "cp1252") is None else "latin-1"


def _decode_error(data: bytes, encoding: str) -> UnicodeDecodeError | None:
    """Whether `data` decodes, found a piece at a time rather than by building the whole str."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(view), _DECODE_CHUNK):
            decoder.decode(view[start : start + _DECODE_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        return error
    return None


@dataclass(frozen=True)
class EncodedText:
    """A text file's bytes and their encoding, which CsvTable reads as a stream. As one str, a file takes four
    bytes a character as soon as it holds a single emoji: 120 MB for a 30 MB messages.csv."""

    data: bytes
    encoding: str

    def open(self) -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(self.data), encoding=self.encoding, newline="")

    def head(self, chars: int) -> str:
        with self.open() as stream:
            return stream.read(chars)


def encoded_text(data: bytes, name: str) -> EncodedText:
    """The checks of decode_text (a known encoding, no binary data) without decoding the whole file at once."""
    text = EncodedText(data, detect_encoding(data, name))
    _no_nul(text.head(_NUL_CHECKED_CHARS), name)
    return text


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text[:_NUL_CHECKED_CHARS]:
        raise ImportProblem(name, "this is not a text file (it holds binary data).")
    return text


def normalise_header(header: str) -> str:
    """'E-mail 1 - Value ' and 'e-mail 1 - value' alike: case, spacing and a stray BOM do not matter."""
    return re.sub(r"\s+", " ", header.replace("\ufeff", "")).strip().casefold()


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line the record starts on, counting from 1
    values: dict[str, str]  # normalised header -> value (missing trailing cells are "")


class CsvTable:
    """A CSV file's records keyed by normalised header, after whatever preamble comes before the header row."""

    def __init__(
        self, text: str | EncodedText, name: str, required: Sequence[str], *, delimiter: str | None = None
    ) -> None:
        self.name = name
        self._text = text
        wanted = [normalise_header(h) for h in required]
        self._delimiter = delimiter or _sniff_delimiter(text if isinstance(text, str) else text.head(8192))
        reader = self._reader()
        self.headers: list[str] = []
        self.raw_headers: list[str] = []
        first_rows: list[list[str]] = []
        try:
            for row in reader:
                first_rows.append(row)
                normalised = [normalise_header(cell) for cell in row]
                if all(w in normalised for w in wanted) and any(normalised):
                    self.headers, self.raw_headers = normalised, [c.replace("\ufeff", "").strip() for c in row]
                    self._header_line = reader.line_num
                    break
                if len(first_rows) >= HEADER_SEARCH_ROWS:
                    break
        except csv.Error as error:
            raise ImportProblem(name, csv_problem(error), reader.line_num or None) from None
        if not self.headers:
            found = next((row for row in first_rows if any(cell.strip() for cell in row)), [])
            missing = ", ".join(required)
            shown = ", ".join(cell.strip() for cell in found[:8] if cell.strip()) or "nothing"
            raise ImportProblem(name, f"no header row with the columns {missing} (the file starts with: {shown}).")

    def _reader(self, taken: list[str] | None = None) -> _CsvReader:
        """csv.reader with the field size limit raised to what a real record needs; its line_num counts physical
        lines. With `taken`, each line it reads is appended to it too."""
        csv.field_size_limit(MAX_FIELD_CHARS)
        source: Iterable[str] = (
            io.StringIO(self._text, newline="") if isinstance(self._text, str) else self._text.open()
        )
        if taken is not None:
            source = _kept(source, taken)
        return csv.reader(source, delimiter=self._delimiter, strict=False)

    def has(self, header: str) -> bool:
        return normalise_header(header) in self.headers

    def column(self, header: str) -> int | None:
        """Where the column is in the cells `records` yields (as in `rows`, the last of a repeated name), or None."""
        wanted = normalise_header(header)
        found = [i for i, name in enumerate(self.headers) if name == wanted]
        return found[-1] if found else None

    def rows(self) -> Iterator[CsvRow]:
        columns = [(i, header) for i, header in enumerate(self.headers) if header]
        for line, cells in self.records():
            yield CsvRow(line, {header: cells[i] for i, header in columns})

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line, cells), the cells padded to the header row's width: `rows` without a dict a row, for files of a
        hundred thousand records."""
        width = len(self.headers)
        taken: list[str] = []  # the physical lines of the record being read
        reader = self._reader(taken)
        previous_end = 0
        try:
            while reader.line_num < self._header_line:
                next(reader)
            previous_end = reader.line_num
            for row in reader:
                line = previous_end + 1
                previous_end = reader.line_num
                if previous_end > line:
                    self._check_quotes(taken, line)
                taken.clear()
                if not (row and row[0].strip()) and not "".join(row).strip():
                    continue  # blank lines, and Excel's rows of empty cells
                if len(row) < width:
                    row += [""] * (width - len(row))
                yield line, row
        except csv.Error as error:
            raise ImportProblem(self.name, csv_problem(error), previous_end + 1) from None

    def _check_quotes(self, lines: list[str], line: int) -> None:
        """A record over several lines, read again strictly. Lenient about quotes (strict=False) as real files
        need, csv.reader takes everything after a stray quote as one field up to the next quote, rows and all, or
        to the end of the file: read strictly, such a record does not parse. A quoted field with line breaks in
        it, as messages have, does."""
        try:
            for _ in csv.reader(lines, delimiter=self._delimiter, strict=True):
                pass
        except csv.Error:
            raise ImportProblem(
                self.name,
                "a quote opened on this line is not closed where its field ends, so the lines after it would be "
                "read as part of one field. Is a quote missing or one too many?",
                line,
            ) from None


def _kept(lines: Iterable[str], taken: list[str]) -> Iterator[str]:
    for text in lines:
        taken.append(text)
        yield text


def csv_problem(error: csv.Error) -> str:
    """What csv.reader's complaint means, in a person's words."""
    text = str(error)
    if "field larger than field limit" in text:
        return f"a field longer than {MAX_FIELD_CHARS:,} characters: this is not a record of a contact or message."
    if "new-line character seen in unquoted field" in text:
        return "a line break inside an unquoted field: the file is not a well-formed CSV."
    return f"the file is not well-formed CSV ({text})."


def _sniff_delimiter(text: str) -> str:
    """Comma, unless the first lines are plainly separated by semicolons (Excel in many European locales) or tabs."""
    head = text[:8192].splitlines()[:HEADER_SEARCH_ROWS]
    counts = {d: sum(line.count(d) for line in head) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] * 2 else ","
