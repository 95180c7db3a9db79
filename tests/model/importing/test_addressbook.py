"""What vCard and CSV share: which address is the profile, which labels are tags, and writing an export whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.importing.addressbook import ExportProblem, imported_tags, profile_url, web_address, write_atomically
from model.urls import normalise_profile_url


def test_a_linkedin_profile_wins_wherever_it_is() -> None:
    assert profile_url(["https://ada.example.com", "http://uk.linkedin.com/in/Ada/"]) == (
        "https://www.linkedin.com/in/ada"
    )
    assert profile_url(["www.linkedin.com/pub/ada-lovelace/1/2/3"]) == "https://www.linkedin.com/pub/ada-lovelace/1/2/3"


def test_a_company_page_or_a_homepage_is_no_profile_unless_the_source_calls_it_one() -> None:
    assert profile_url(["https://www.linkedin.com/company/analytical-engines", "https://ada.example.com"]) is None
    assert profile_url(["https://ada.example.com"], ["https://ada.example.com/"]) == "https://ada.example.com"


@given(slug=st.from_regex(r"[a-z0-9-]+", fullmatch=True))
def test_taking_a_normal_linkedin_profile_as_it_is_agrees_with_normalising_it(slug: str) -> None:
    url = f"https://www.linkedin.com/in/{slug}"
    assert web_address(url) == normalise_profile_url(url) == url


@pytest.mark.parametrize("raw", ["javascript:alert(1)", "x-apple:ada", "http://[::1", "https://example.com:99999", ""])
def test_what_is_not_a_web_address_is_no_profile(raw: str) -> None:
    assert profile_url([raw], [raw]) is None


def test_tags_keep_their_first_spelling_and_leave_out_google_s_system_groups() -> None:
    labels = [" Friends ", "friends", "* starred", "myContacts", "", "Poets", "FRIENDS"]
    assert imported_tags(labels) == ("Friends", "Poets")


def test_an_export_that_fails_midway_leaves_the_old_file_and_no_partial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"the previous export")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportProblem, match="No space left on device; nothing was written"):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"the previous export"
    assert sorted(tmp_path.iterdir()) == [path]


def test_an_interrupted_export_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(source: str, destination: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "contacts.vcf", b"new")
    assert list(tmp_path.iterdir()) == []


def test_the_export_is_private_to_its_owner(tmp_path: Path) -> None:
    write_atomically(tmp_path / "contacts.vcf", b"data")
    assert (tmp_path / "contacts.vcf").stat().st_mode & 0o077 == 0
