"""What the vCard and CSV formats share: which web address is a person's profile, which labels are tags, and
writing an export so that a half-written file never replaces a good one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from model.errors import InvalidInput, OvertureError
from model.files import replacing
from model.urls import normalise_profile_url

# After normalisation every LinkedIn address has this host; /pub/ is the form public profiles had until about 2016.
_LINKEDIN_PROFILES = ("https://www.linkedin.com/in/", "https://www.linkedin.com/pub/")
# A LinkedIn profile already in normal form, as exports write nearly all of them: normalising it changes nothing,
# and taking it as it is spares urlsplit, a fifth of the time it takes to read 30,000 vCards.
_NORMAL_LINKEDIN_PROFILE = re.compile(r"https://www\.linkedin\.com/in/[a-z0-9-]+")


class ExportProblem(OvertureError):
    """The export could not be written; any file already at that path is as it was."""


def web_address(raw: str) -> str | None:
    """The normalised http(s) address, or None for anything else (an x-apple: handle, a bare user name)."""
    if _NORMAL_LINKEDIN_PROFILE.fullmatch(raw):
        return raw
    try:
        return normalise_profile_url(raw)
    except (InvalidInput, ValueError):  # urlsplit raises ValueError for a bad IPv6 host or port
        return None


def profile_url(candidates: Iterable[str], fallbacks: Iterable[str] = ()) -> str | None:
    """The first LinkedIn profile among `candidates`, else the first web address among `fallbacks`.

    A company page or a personal website is not the person's profile: only addresses the source itself calls a
    profile are fallbacks."""
    for raw in candidates:
        url = web_address(raw)
        if url is not None and url.startswith(_LINKEDIN_PROFILES):
            return url
    for raw in fallbacks:
        url = web_address(raw)
        if url is not None:
            return url
    return None


def imported_tags(labels: Iterable[str]) -> tuple[str, ...]:
    """Labels as tags, first spelling kept; Google's system groups are left out: "myContacts" is on every card it
    exports (vCard) and its CSV marks system groups with "* " ("* starred"), so as tags they would say nothing."""
    seen: dict[str, str] = {}
    for label in labels:
        tag = label.strip()
        if tag and not tag.startswith("* ") and tag != "myContacts":
            seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def write_atomically(path: Path, data: bytes) -> None:
    """`data` as the whole of `path`, or `path` untouched and ExportProblem saying why."""
    with replacing(path, ExportProblem) as out:
        out.write(data)
