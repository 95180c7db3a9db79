"""Contacts from any spreadsheet's CSV, with its columns mapped to ours, and contacts out to a CSV Excel opens safely.

Google Contacts (today's and the legacy header), Outlook (in English, German, French and Spanish), LinkedIn-like
lists and Overture's own export are recognised by their headers; anything else is mapped by the person.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from model.importing.addressbook import imported_tags, profile_url, write_atomically
from model.importing.records import ContactOut, ImportBundle, ImportProblem, PersonIn, Progress, Skip, no_progress
from model.importing.textio import (
    HEADER_SEARCH_ROWS,
    MAX_FIELD_CHARS,
    CsvTable,
    csv_problem,
    decode_text,
    normalise_header,
    read_bytes,
)
from model.names import name_sort_key
from model.vocabulary import CSV_FIELDS

_NAME_FIELDS = ("name", "first_name", "last_name")


def name_is_mapped(mapping: Mapping[str, str]) -> bool:
    """The full name, or both first and last names: what the column step (the wizard's, and the command line's)
    asks for before reading, a contact being known by name before anything else. read_csv itself takes a first
    name alone, as a file that has no other gives it."""
    return bool(mapping.get("name")) or bool(mapping.get("first_name") and mapping.get("last_name"))


# Headers each field is recognised by, most telling first, as _header_key writes them (no case, accents, spaces or
# punctuation). Sources: the headers of Google Contacts (2024 and legacy), Outlook in English, German, French and
# Spanish, LinkedIn's Connections.csv, and our own export. Outlook's "Title" is a courtesy title ("Ms."), but it
# has "Job Title" too, which comes first; elsewhere a "Title" column is a job title.
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "displayname", "contactname", "nomcomplet", "nombrecompleto", "vollstandigername"),
    "first_name": ("firstname", "givenname", "forename", "vorname", "prenom", "nombre"),
    "last_name": ("lastname", "familyname", "surname", "nachname", "nom", "nomdefamille", "apellidos", "apellido"),
    "company": (
        "company",
        "companyname",
        "organization",
        "organisation",
        "organizationname",
        "organization1name",
        "employer",
        "firma",
        "unternehmen",
        "societe",
        "entreprise",
        "empresa",
        "compania",
        "organizacion",
    ),
    "position": (
        "position",
        "jobtitle",
        "organizationtitle",
        "organization1title",
        "role",
        "title",
        "berufsbezeichnung",
        "fonction",
        "poste",
        "puesto",
        "cargo",
    ),
    "headline": ("headline", "profileheadline"),
    "location": (
        "address1city",
        "businesscity",
        "homecity",
        "location",  # after the cities: Google's legacy and Outlook's "Location" columns are nearly always empty
        "city",
        "standort",
        "ort",
        "ortgeschaftlich",
        "stadt",
        "ville",
        "villebureau",
        "lieu",
        "ubicacion",
        "ciudad",
        "ciudaddetrabajo",
    ),
    "email": (
        "email",
        "emailaddress",
        "email1value",
        "mail",
        "emailadresse",
        "courriel",
        "adressedemessagerie",
        "correoelectronico",
        "direcciondecorreoelectronico",
    ),
    "profile_url": (
        "profileurl",
        "linkedinurl",
        "linkedinprofileurl",
        "linkedinprofile",
        "linkedin",
        "publicprofileurl",
        "profile",
        "url",
        "website1value",
        "website",
        "webpage",
        "webseite",
        "pageweb",
        "siteweb",
        "paginaweb",
        "sitioweb",
    ),
    "notes": ("notes", "note", "notizen", "notiz", "bemerkungen", "remarques", "notas", "nota", "comments"),
    "tags": (
        "tags",
        "tag",
        "labels",
        "groupmembership",
        "categories",
        "kategorien",
        "categorias",
        "etiquettes",
        "etiquetas",
    ),
}

# Columns for any website: only a LinkedIn profile in them is taken as the profile URL, not a homepage. A column
# named for a profile ("Profile URL", "LinkedIn") may hold any web address.
_WEBSITE_COLUMNS = frozenset(
    {"url", "website1value", "website", "webpage", "webseite", "pageweb", "siteweb", "paginaweb", "sitioweb"}
)
# Google joins a field's several values with " ::: " ("a@example.com ::: b@example.com"): the first is taken from
# these fields, and the profile URL from all of them; a name or a note may hold the text itself.
_MULTI_VALUED = frozenset({"company", "position", "location", "email"})
_GOOGLE_VALUES = " ::: "
_TAG_SEPARATORS = re.compile(r"\s*(?:,|;|:::)\s*")

# Our own export, in this order; guess_mapping maps it back.
EXPORT_HEADERS = (
    "Name",
    "Company",
    "Position",
    "Headline",
    "Location",
    "Email",
    "Profile URL",
    "Time zone",
    "Stage",
    "Tier",
    "Tags",
    "Notes",
    "Connected on",
    "Updated",
)
# OWASP, "CSV Injection": a cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number ("-3", "+44", "-1.5") is left alone: it cannot hold a formula, and a quote would only show.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class CsvPreview:
    """What the mapping step shows: the columns as the file names them, its first rows, and our guess."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # cells in header order, padded to the header's length
    mapping: dict[str, str]  # field -> header as written
    delimiter: str


def _header_key(header: str) -> str:
    """'E-mail 1 - Value' -> 'email1value', 'Prénom' -> 'prenom', 'Société' -> 'societe'."""
    return re.sub(r"[\W_]+", "", name_sort_key(normalise_header(header)))


def guess_mapping(headers: Sequence[str]) -> dict[str, str]:
    """Field -> header as written in the file, for every field a header is recognised for; no header is used
    twice."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(_header_key(header), header)
    mapping: dict[str, str] = {}
    for field, aliases in _ALIASES.items():
        known = (by_key[alias] for alias in aliases if alias in by_key)
        found = next((header for header in known if header not in mapping.values()), None)
        if found is not None:
            mapping[field] = found
    return mapping


def preview_csv(path: Path, rows: int = 20) -> CsvPreview:
    """The header and first rows for the mapping step; raises ImportProblem when the file is no CSV at all."""
    file = path.name
    text = _text(path)
    delimiter = _delimiter(text)
    first = _first_rows(text, file, delimiter, HEADER_SEARCH_ROWS + rows)
    at = _header_index(first, file)
    headers = tuple(cell.replace("\ufeff", "").strip() for cell in first[at])
    width = len(headers)
    shown = [row for row in first[at + 1 :] if any(cell.strip() for cell in row)][:rows]
    return CsvPreview(
        headers,
        tuple(tuple(row[:width]) + ("",) * (width - len(row)) for row in shown),
        guess_mapping(headers),
        delimiter,
    )


def read_csv(path: Path, mapping: Mapping[str, str], progress: Progress = no_progress) -> ImportBundle:
    """Everyone in the file, with `mapping` (field -> header as written) saying which column holds what.

    Raises ImportProblem when the file cannot be read or lacks a mapped column, and ValueError for a field that
    does not exist (a caller's mistake, not the file's)."""
    unknown = set(mapping) - {field for field, _ in CSV_FIELDS}
    if unknown:
        raise ValueError(f"No such fields: {', '.join(sorted(unknown))}.")
    file = path.name
    mapping = {field: header for field, header in mapping.items() if header}
    if not any(field in mapping for field in _NAME_FIELDS):
        raise ImportProblem(file, "choose which column holds the name (or the first and last names).")
    text = _text(path)
    delimiter = _delimiter(text)
    try:
        table = CsvTable(text, file, list(mapping.values()), delimiter=delimiter)
    except ImportProblem:
        _refuse_missing_columns(text, file, delimiter, mapping.values())
        raise
    columns = {field: table.headers.index(normalise_header(header)) for field, header in mapping.items()}
    # Overture's own export: the apostrophes it put before formula-like cells are its own, taken off again. In
    # anyone else's file an apostrophe is what the person sees in their spreadsheet, and stays.
    ours = tuple(table.raw_headers) == EXPORT_HEADERS
    any_address = _header_key(mapping.get("profile_url", "")) not in _WEBSITE_COLUMNS
    total = text.count("\n") + 1
    progress(0, total)
    bundle = ImportBundle("csv", path)
    for count, (line, cells) in enumerate(table.records(), 1):
        values = {field: cells[index] for field, index in columns.items()}
        if ours:
            values = {field: _unprotected(value) for field, value in values.items()}
        person = _person(values, file, line, any_address)
        if isinstance(person, Skip):
            bundle.skipped.append(person)
        else:
            bundle.people.append(person)
        if count % 1000 == 0:
            progress(line, total)
    progress(total, total)
    return bundle


def _refuse_missing_columns(text: str, file: str, delimiter: str, headers: Iterable[str]) -> None:
    """Name the mapped columns the file lacks, rather than list every mapped one."""
    first = _first_rows(text, file, delimiter, HEADER_SEARCH_ROWS)
    found = {normalise_header(cell) for cell in first[_header_index(first, file)]}
    missing = [header for header in headers if normalise_header(header) not in found]
    if missing:
        listed = ", ".join(f"“{header}”" for header in missing)
        raise ImportProblem(file, f"the file has no column {listed}; choose the columns again.")


def _text(path: Path) -> str:
    text = decode_text(read_bytes(path), path.name)
    if not text.strip():
        raise ImportProblem(path.name, "the file is empty.")
    return text


def _delimiter(text: str) -> str:
    """Comma, semicolon (Excel in much of Europe) or tab (Excel's "Unicode text"): whichever the header row holds
    most of, outside quotes; the rows below may hold any number of each in their notes. Excel's "sep=;" line says
    it outright. LinkedIn's preamble line ("Notes:") holds none, which means a comma, as it is."""
    line = next((line for line in text[:65536].splitlines() if line.strip()), "")
    if re.fullmatch(r"sep=[,;\t]", line.strip(), re.IGNORECASE):
        return line.strip()[4]
    unquoted = re.sub(r'"[^"]*"', "", line)
    counts = {separator: unquoted.count(separator) for separator in (",", ";", "\t")}
    return max(counts, key=lambda separator: counts[separator])  # the first, a comma, on a tie


def _first_rows(text: str, file: str, delimiter: str, count: int) -> list[list[str]]:
    """Up to `count` rows as written, for choosing the header row (CsvTable keys its rows by a header)."""
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        return list(itertools.islice(reader, count))
    except csv.Error as error:
        raise ImportProblem(file, csv_problem(error), reader.line_num or None) from None


def _header_index(rows: list[list[str]], file: str) -> int:
    """The row that names the columns: the first in which a name column is recognised (LinkedIn puts a preamble
    before its header), else the first with any text."""
    with_text = [index for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]) if any(cell.strip() for cell in row)]
    if not with_text:
        raise ImportProblem(file, f"no header row: the first {HEADER_SEARCH_ROWS} rows are empty.")
    for index in with_text:
        if any(field in _NAME_FIELDS for field in guess_mapping(rows[index])):
            return index
    return with_text[0]


def _person(cells: dict[str, str], file: str, line: int, any_address: bool) -> PersonIn | Skip:
    first, last = cells.get("first_name", "").strip(), cells.get("last_name", "").strip()
    name = cells.get("name", "").strip() or " ".join(part for part in (first, last) if part)
    if not name:
        return Skip(file, line, "no name")
    for field in _MULTI_VALUED & cells.keys():
        if _GOOGLE_VALUES in cells[field]:
            cells[field] = next((value for value in cells[field].split(_GOOGLE_VALUES) if value.strip()), "")
    urls = [url for url in cells.get("profile_url", "").split(_GOOGLE_VALUES) if url.strip()]
    return PersonIn(
        file,
        line,
        name,
        company=cells.get("company", "").strip(),
        position=cells.get("position", "").strip(),
        headline=cells.get("headline", "").strip(),
        location=cells.get("location", "").strip(),
        email=cells.get("email", "").strip(),
        profile_url=profile_url(urls, urls if any_address else ()),
        notes=cells.get("notes", "").replace("\r\n", "\n").replace("\r", "\n").strip(),
        tags=imported_tags(_TAG_SEPARATORS.split(cells.get("tags", ""))),
    )


def write_csv(contacts: Iterable[ContactOut], path: Path, *, protect_formulas: bool = True) -> int:
    """Write every contact under EXPORT_HEADERS, atomically; the number of contacts written.

    UTF-8 with a byte order mark, which Excel needs to read it as UTF-8, and CRLF line ends (RFC 4180). Tags
    share one cell ("a, b"), so a tag holding a comma or semicolon comes back as two. With `protect_formulas`, a
    cell a spreadsheet would run as a formula gets an apostrophe in front: the spreadsheet shows it as the text
    "'=Ada". Importing the file as written (its headers are EXPORT_HEADERS) takes the apostrophes off again; once
    a spreadsheet has saved it under other headers, they are the person's text and stay."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS)
    count = 0
    for contact in contacts:
        row = [
            contact.name,
            contact.company,
            contact.position,
            contact.headline,
            contact.location,
            contact.email,
            contact.profile_url or "",
            contact.time_zone or "",
            contact.stage,
            contact.tier,
            ", ".join(contact.tags),
            contact.notes,
            contact.connected_at.astimezone(UTC).date().isoformat() if contact.connected_at else "",
            contact.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        ]
        writer.writerow([_protected(cell) for cell in row] if protect_formulas else row)
        count += 1
    write_atomically(path, out.getvalue().encode("utf-8-sig"))
    return count


def _protected(cell: str) -> str:
    if cell.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _unprotected(cell: str) -> str:
    """What _protected made of a cell, undone."""
    if cell.startswith("'") and _protected(cell[1:]) == cell:
        return cell[1:]
    return cell
