"""vCard files in and out: the address books Google, Apple, Android and Outlook export, and Overture's own export.

The reader is written here rather than taken from vobject 0.9.9, the library made for the job. On this project's
2-core machine vobject takes 16 to 20 s just to parse 30,000 cards (this module reads them into people in about
1 s), which would stall a big import; it brings pytz, python-dateutil and six (3.3 MB installed); it still needs
vCard 2.1's quoted-printable soft line breaks joined before it sees them, and it writes only 3.0. What an import
needs from a card is small: unfolding, quoted-printable, backslash escapes and a dozen properties.

vCard 2.1, 3.0 and 4.0 are read alike: the differences that matter here (quoted-printable with soft line breaks,
bare 2.1 parameters such as `EMAIL;PREF;INTERNET`, quoted 4.0 parameters) show in the lines themselves.
PHOTO, LOGO, SOUND and KEY data are never decoded, and a card or line too long to be a contact refuses the file.
A card cut short (BEGIN:VCARD with no END:VCARD before the next card or the end of the file) is skipped with
that reason rather than refusing the file: the cards before it are whole, and the preview lists what was left out.

The writer writes vCard 4.0 (RFC 6350): UTF-8, CRLF, lines folded at 75 octets, text escaped. The profile URL is
written as `URL;TYPE=profile` (Google's name for that kind of website) so that a profile which is not LinkedIn's
is known for one on the way back in.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from model.importing.addressbook import imported_tags, profile_url, write_atomically
from model.importing.records import ContactOut, ImportBundle, ImportProblem, PersonIn, Progress, Skip, no_progress
from model.importing.textio import decode_mixed_text, read_bytes

# Apple and Android export contact photos downscaled, tens to hundreds of KB in base64; a card or a line over
# this is not a contact (and would only make the import slow).
MAX_CARD_CHARS = 10_000_000
# RFC 6350 §3.2: lines SHOULD NOT be longer than 75 octets, excluding the line break.
FOLD_OCTETS = 75

_BOUNDARY = re.compile(r"\n(BEGIN|END):VCARD[ \t]*(?=\n|\Z)", re.IGNORECASE)
# The properties the import uses; the rest (PHOTO, LOGO, SOUND, KEY…) is never decoded.
_USED = (
    *("X-OVERTURE-HEADLINE", "X-SOCIALPROFILE", "CATEGORIES", "X-ABLABEL"),
    *("TITLE", "EMAIL", "NOTE", "ORG", "ADR", "URL", "FN", "N"),
)
# One of them on an unfolded line. Names are case-insensitive; spelled out letter by letter ("[Ff][Nn]") they are
# matched a quarter faster than with re.IGNORECASE, and this match is a third of the time a card takes.
_PROPERTY = re.compile(
    r"\n(?:([A-Za-z0-9-]++)\.)?"  # Apple's group ("item1.") ties an EMAIL or URL to its X-ABLabel
    + "("
    + "|".join("".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in name) for name in _USED)
    + ")"
    + r'((?:;(?:[^\n:"]|"[^"\n]*")*+)?)'  # parameters: a quoted 4.0 value may hold a colon
    + r":([^\n]*+)"
)
# A line break followed by a space or tab is no break (RFC 6350 §3.2, RFC 2425 §5.8.1, vCard 2.1 §2.1.3).
_FOLD = re.compile(r"\n[ \t]")
# vCard 2.1's quoted-printable property, with its soft line breaks (a trailing "=", RFC 2045 §6.7): Android does
# not indent the line that follows, so these are joined before folding is undone.
_QUOTED_PRINTABLE = re.compile(
    r"^[A-Za-z0-9.-]+;[^:\n]*QUOTED-PRINTABLE[^:\n]*:(?:[^\n]*=\n)*[^\n]*", re.MULTILINE | re.IGNORECASE
)
# vCard 2.1 may name the encoding alone (NOTE;QUOTED-PRINTABLE:…); every other bare parameter is a type.
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"})
_NO_PARAMS: Mapping[str, list[str]] = {}
# Properties of which the first is taken; of the others (EMAIL, ADR, URL…) the preferred, or all.
_FIRST_ONLY = frozenset({"FN", "N", "ORG", "TITLE", "NOTE", "X-OVERTURE-HEADLINE"})
_NOT_PREFERRED = 101  # RFC 6350 §5.3: PREF runs from 1 (most preferred) to 100
_QUOTED_PARAMETER = re.compile(r'(?:[^;"]|"[^"]*")+')
_CUT_BY_NEXT = "the card has no END:VCARD before the next card begins"
_CUT_BY_END = "the card has no END:VCARD: the file ends inside it (was it cut short?)"

# (Apple's group, which ties a URL to its X-ABLabel; parameters; value) of a property that may come several times.
_Found = tuple[str, Mapping[str, list[str]], str]


def read_vcards(path: Path, progress: Progress = no_progress) -> ImportBundle:
    """Everyone in a .vcf file; raises ImportProblem (naming file and line) when it cannot be read at all."""
    file = path.name
    # Led by a line break, every line (the first too) is found after one, which regular expressions find fastest.
    text = "\n" + decode_mixed_text(read_bytes(path), file).replace("\r\n", "\n").replace("\r", "\n")
    total = text.count("\n")
    progress(0, total)
    bundle = ImportBundle("vcard", path)
    found_card = False
    start: int | None = None  # the line the open card begins on
    body_at = 0  # where its properties begin in the text
    line, counted = 0, 0
    for boundary in _BOUNDARY.finditer(text):
        line += text.count("\n", counted, boundary.start() + 1)
        counted = boundary.start() + 1
        if boundary.group(1).upper() == "BEGIN":
            if start is not None:
                bundle.skipped.append(Skip(file, start, _CUT_BY_NEXT))
            found_card = True
            start, body_at = line, boundary.end()
        elif start is not None:
            person = _person(_card_text(text, body_at, boundary.start(), file, start), file, start)
            if isinstance(person, Skip):
                bundle.skipped.append(person)
            else:
                bundle.people.append(person)
            if (len(bundle.people) + len(bundle.skipped)) % 1000 == 0:
                progress(line, total)
            start = None
    if start is not None:
        _card_text(text, body_at, len(text), file, start)
        bundle.skipped.append(Skip(file, start, _CUT_BY_END))
    if not found_card:
        raise ImportProblem(file, "this is not a vCard file: it has no BEGIN:VCARD line.")
    progress(total, total)
    return bundle


def _card_text(text: str, begin: int, end: int, file: str, line: int) -> str:
    """The text between a card's BEGIN and END lines, unless it is too long to be a contact."""
    if end - begin <= MAX_CARD_CHARS:
        return text[begin:end]
    lines = text[begin:end].split("\n")  # led by the line break that ends BEGIN:VCARD
    longest = max(range(len(lines)), key=lambda index: len(lines[index]))
    if len(lines[longest]) > MAX_CARD_CHARS:
        problem = f"a line of {len(lines[longest]):,} characters; no vCard line is longer than {MAX_CARD_CHARS:,}."
        raise ImportProblem(file, problem, line + longest)
    raise ImportProblem(file, f"this card is longer than {MAX_CARD_CHARS:,} characters: it is not a contact.", line)


def _person(body: str, file: str, line: int) -> PersonIn | Skip:
    """The person on one card, from the text between its BEGIN and END lines."""
    if "=\n" in body:
        body = _QUOTED_PRINTABLE.sub(lambda m: m.group().replace("=\n", ""), body)
    first: dict[str, str] = {}
    several: dict[str, list[_Found]] = {}
    for group, name, parameters, value in _PROPERTY.findall(_FOLD.sub("", body)):
        name = name.upper()
        params = _NO_PARAMS
        if parameters:
            params = _params(parameters[1:])
            if "ENCODING" in params:
                value = _decoded(value, params)
        if name in _FIRST_ONLY:
            if name not in first and value.strip():
                first[name] = value
        else:
            several.setdefault(name, []).append((group.upper(), params, value))
    full_name = _text(first.get("FN", ""))
    if not full_name and "N" in first:
        # Given, additional and family names, and a suffix (Jr.); not the prefix, which LinkedIn names lack.
        # Each holds a list in vCard 4.0 ("John,Philip": two given names), read as the names side by side.
        parts = [" ".join(part.replace(",", " ").split()) for part in _components(first["N"], ";")] + [""] * 5
        full_name = " ".join(part for part in (parts[1], parts[2], parts[0], parts[4]) if part)
    if not full_name:
        return Skip(file, line, "no name")
    return PersonIn(
        file,
        line,
        full_name,
        company=_components(first["ORG"], ";")[0].strip() if "ORG" in first else "",
        position=_text(first.get("TITLE", "")),
        headline=_text(first.get("X-OVERTURE-HEADLINE", "")),
        location=_location(several.get("ADR", [])),
        email=_email(several.get("EMAIL", [])),
        profile_url=_profile_url(several) if "URL" in several or "X-SOCIALPROFILE" in several else None,
        notes=_text(first.get("NOTE", "")),
        tags=imported_tags(_categories(several["CATEGORIES"])) if "CATEGORIES" in several else (),
    )


def _preferred(found: list[_Found]) -> list[_Found]:
    """Most preferred first: 4.0's PREF=1..100, 3.0's TYPE=pref and 2.1's bare PREF alike; else in the card's
    order."""
    if len(found) < 2:
        return found
    return sorted(found, key=lambda item: _rank(item[1]))


def _rank(params: Mapping[str, list[str]]) -> int:
    pref = params.get("PREF")
    if pref:
        return int(pref[0]) if pref[0].isascii() and pref[0].isdigit() and len(pref[0]) < 4 else 1
    return 1 if "pref" in params.get("TYPE", ()) else _NOT_PREFERRED


def _email(found: list[_Found]) -> str:
    for _, _, value in _preferred(found):
        email = _text(value)
        if email:
            return email[7:] if email.lower().startswith("mailto:") else email
    return ""


def _location(found: list[_Found]) -> str:
    for _, _, value in _preferred(found):
        parts = _components(value, ";")
        place = ", ".join(filter(None, map(str.strip, parts[3:5] + parts[6:7])))  # locality, region, country
        if place:
            return place
    return ""


def _profile_url(several: dict[str, list[_Found]]) -> str | None:
    labels = {group: _text(value).strip("_$!<>").casefold() for group, _, value in several.get("X-ABLABEL", [])}
    urls: list[str] = []
    profiles: list[str] = []
    for group, params, value in several.get("URL", []):
        urls.append(_text(value))
        if "profile" in params.get("TYPE", ()) or (group and labels.get(group) == "profile"):
            profiles.append(urls[-1])
    for _, _, value in several.get("X-SOCIALPROFILE", []):
        url = _text(value)
        urls.append(url[url.find("http") :] if "http" in url else url)  # sometimes "linkedin:https://…"
    return profile_url(urls, profiles)


def _categories(found: list[_Found]) -> list[str]:
    return [category for _, _, value in found for category in _components(value, ",")]


def _params(text: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for item in _QUOTED_PARAMETER.findall(text) if '"' in text else text.split(";"):
        key, equals, value = item.partition("=")
        key = key.strip().upper()
        if not equals:
            key, value = ("ENCODING" if key in _BARE_ENCODINGS else "TYPE"), key
        params.setdefault(key, []).extend(part.strip().strip('"').lower() for part in value.split(","))
    return params


def _decoded(value: str, params: Mapping[str, list[str]]) -> str:
    encoding = params["ENCODING"][0]
    if encoding == "quoted-printable":
        raw = binascii.a2b_qp(value.encode())
    elif encoding in ("b", "base64"):
        try:
            raw = binascii.a2b_base64(value.encode())
        except ValueError:
            return ""
    else:
        return value
    # Android declares UTF-8; Outlook often declares nothing and means Windows-1252.
    for charset in (params.get("CHARSET", ("utf-8",))[0], "utf-8"):
        try:
            return raw.decode(charset).replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, ValueError):  # an unknown charset, or not text in it
            continue
    return raw.decode("cp1252", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def _unescape(text: str) -> str:
    """RFC 6350 §3.4's escapes undone; an unknown one (a Windows path's "\\d") is kept as written."""
    if "\\" not in text:
        return text
    if "\\\\" in text:  # an escaped backslash escapes nothing after it
        return "\\".join(map(_unescape, text.split("\\\\")))
    return text.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\:", ":")


def _components(value: str, separator: str) -> list[str]:
    """The parts of a structured (N, ORG, ADR: ";") or list (CATEGORIES: ",") value; escaped separators stay."""
    parts = value.split(separator)
    if "\\" not in value:
        return parts
    if "\\" + separator not in value:  # then only separators are left once the rest is unescaped
        return _unescape(value).split(separator)
    components: list[str] = []
    carried: str | None = None
    for part in parts:
        if carried is not None:
            part = carried + separator + part
        if (len(part) - len(part.rstrip("\\"))) % 2:  # an odd run of backslashes escapes the separator
            carried = part
        else:
            components.append(_unescape(part))
            carried = None
    if carried is not None:
        components.append(_unescape(carried))
    return components


def _text(value: str) -> str:
    return _unescape(value).strip()


def write_vcards(contacts: Iterable[ContactOut], path: Path) -> int:
    """Write every contact as a vCard 4.0 card, atomically; the number of cards written."""
    lines: list[bytes] = []
    count = 0
    for contact in contacts:
        for line in _card(contact):
            lines.extend(_folded(line))
        count += 1
    write_atomically(path, b"\r\n".join(lines) + b"\r\n" if lines else b"")
    return count


def _card(contact: ContactOut) -> list[str]:
    family, given, suffix = _name_parts(contact.name)
    card = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:" + _escaped(contact.name),
        f"N:{_escaped(family)};{_escaped(given)};;;{_escaped(suffix)}",
    ]
    for name, value in (
        ("ORG", contact.company),
        ("TITLE", contact.position),
        ("X-OVERTURE-HEADLINE", contact.headline),
        ("EMAIL", contact.email),
    ):
        if value:
            card.append(f"{name}:{_escaped(value)}")
    if contact.location:
        card.append(f"ADR:;;;{_escaped(contact.location)};;;")  # a free-text place reads best as the locality
    if contact.profile_url:
        card.append("URL;TYPE=profile:" + _escaped(contact.profile_url))
    if contact.notes:
        card.append("NOTE:" + _escaped(contact.notes))
    if contact.tags:
        card.append("CATEGORIES:" + ",".join(_escaped(tag) for tag in contact.tags))
    if contact.time_zone:
        card.append("TZ:" + _escaped(contact.time_zone))
    card.append("X-OVERTURE-STAGE:" + _escaped(contact.stage))
    card.append("X-OVERTURE-TIER:" + _escaped(contact.tier))
    if contact.connected_at is not None:
        card.append("X-OVERTURE-CONNECTED:" + _timestamp(contact.connected_at))
    card.append("REV:" + _timestamp(contact.updated_at))
    card.append("END:VCARD")
    return card


def _name_parts(name: str) -> tuple[str, str, str]:
    """(family, given, suffix), best effort: the last word is the family name, and what follows a comma is a
    suffix, as in LinkedIn's "Jane Doe, PhD"."""
    main, _, suffix = name.partition(",")
    words = main.split()
    if len(words) < 2:
        return "", " ".join(words), suffix.strip()
    return words[-1], " ".join(words[:-1]), suffix.strip()


def _escaped(text: str) -> str:
    """RFC 6350 §3.4: backslash, comma, semicolon and line breaks escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _folded(line: str) -> list[bytes]:
    """The line as UTF-8, cut into pieces of at most 75 octets, never inside a character's byte sequence; every
    piece after the first starts with the space that marks a continuation."""
    data = line.encode()
    if len(data) <= FOLD_OCTETS:
        return [data]
    pieces: list[bytes] = []
    start, room = 0, FOLD_OCTETS
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the character began earlier
            end -= 1
        pieces.append(data[start:end])
        start, room = end, FOLD_OCTETS - 1  # room for the leading space
    pieces.append(data[start:])
    return [pieces[0], *(b" " + piece for piece in pieces[1:])]
