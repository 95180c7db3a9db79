"""The command line, run as a user would through main.main(): output, JSON shapes and exit codes."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest

import main
from model.database import open_database
from model.errors import CorruptDatabase
from model.paths import DataPaths
from model.services import Services
from tests.model.conftest import FakeClock, add, to_connected


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A database with a thank-you overdue, written with a clock a few days in the real past."""
    from datetime import UTC, datetime

    clock = FakeClock(datetime.now(UTC) - timedelta(days=5))
    db = open_database(DataPaths.resolve(tmp_path / "data"), clock)
    services = Services(db.sessions, clock)
    ada = add(services, "Ada Lovelace", company="Engines", profile_url="https://www.linkedin.com/in/ada")
    to_connected(services, clock, ada)
    add(services, "Grace Hopper", company="Navy")
    db.dispose()
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_nudges_as_a_table_and_as_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "nudges")
    assert code == 0
    assert out.splitlines()[0].split() == ["SEVERITY", "DUE", "CONTACT", "KIND", "REASON"]
    assert "overdue" in out and "Ada Lovelace" in out and "thank_you_due" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "nudges", "--json")
    (nudge,) = json.loads(out)
    assert nudge["contact"] == "Ada Lovelace"
    assert nudge["profile_url"] == "https://www.linkedin.com/in/ada"
    assert nudge["kind"] == "thank_you_due"
    assert nudge["severity"] == "overdue"
    assert nudge["due"].endswith("Z") and "T" in nudge["due"]
    assert nudge["reason"].startswith("Ada Lovelace accepted")


def test_contacts_with_a_stage_filter(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "contacts", "--stage", "connected", "--json")
    assert code == 0
    assert [c["name"] for c in json.loads(out)] == ["Ada Lovelace"]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "contacts")
    assert "Grace Hopper" in out and "Spotted" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "contacts", "--stage", "nurturing")
    assert out == "No contacts in Nurturing.\n"


def test_export_import_backup_and_check(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "everything.json"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", "json", str(archive))
    assert code == 0 and out.startswith("Exported 2 contacts")
    fresh = tmp_path / "fresh"
    code, out, _ = run(capsys, "--data-dir", str(fresh), "import", "json", str(archive), "--dry-run")
    assert (code, out.split(" 2 contacts")[0]) == (0, "Would import")
    code, out, _ = run(capsys, "--data-dir", str(fresh), "import", "json", str(archive))
    assert code == 0 and out.startswith("Imported 2 contacts")
    code, out, _ = run(capsys, "--data-dir", str(fresh), "import", "json", str(archive))
    assert code == 1
    code, out, _ = run(capsys, "--data-dir", str(fresh), "check")
    assert code == 0 and "no problems found" in out
    code, out, _ = run(capsys, "--data-dir", str(fresh), "backup", str(tmp_path / "copy.db"))
    assert code == 0 and (tmp_path / "copy.db").exists()
    code, out, _ = run(capsys, "--data-dir", str(fresh), "backup")
    assert code == 0 and "backups" in out


def test_errors_are_one_clear_line_not_a_traceback(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "new"), "import", "json", str(broken))
    assert code == 1
    assert err.startswith("overture: ") and "not valid JSON (line 1, column 2" in err
    assert "Traceback" not in err


def test_a_corrupt_database_is_reported_and_can_be_restored(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "backup")
    backup = Path(out.split("Backed up to ")[1].split(" (verified)")[0])
    (data_dir / "overture.db").write_bytes(b"\x00garbage" * 1000)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "contacts")
    assert code == 1 and "cannot be read" in err and f"main.py restore {backup}" in err
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "restore", str(backup))
    assert code == 0 and out.startswith("Restored")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "contacts")
    assert code == 0 and "Ada Lovelace" in out


def test_help_for_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("nudges", "contacts", "export", "import", "backup", "check", "restore", "settings"):
        with pytest.raises(SystemExit) as exited:
            main.main([command, "--help"])
        assert exited.value.code == 0
        assert "usage: main.py" in capsys.readouterr().out


def test_settings_are_shown_and_changed(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "settings")
    assert code == 0 and "min_engagements" in out and "account_type" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "settings", "account_type=premium", "max_follow_ups=1")
    assert code == 0
    assert [line.split() for line in out.splitlines() if line.startswith(("account_type", "max_follow_ups"))] == [
        ["account_type", "premium"],
        ["max_follow_ups", "1"],
    ]
    code, _, err = run(capsys, "--data-dir", str(data_dir), "settings", "max_follow_ups=lots")
    assert code == 1 and "must be a whole number" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "settings", "nonsense")
    assert code == 1 and "is not KEY=VALUE" in err


def test_a_daily_backup_is_taken_by_the_first_command_of_the_day(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backups = data_dir / "backups"
    assert not list(backups.glob("overture-daily-*.db"))
    run(capsys, "--data-dir", str(data_dir), "contacts")
    run(capsys, "--data-dir", str(data_dir), "nudges")
    assert len(list(backups.glob("overture-daily-*.db"))) == 1


CONNECTIONS = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Difference Engines,Analyst,09 Oct 2024\r\n"
    ",,,,,,21 Jul 2022\r\n"
    "Katherine,Johnson,https://www.linkedin.com/in/katherine,,NASA,Mathematician,02 Feb 2023\r\n"
)


def test_a_linkedin_import_previews_then_merges_and_a_second_run_changes_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_bytes(CONNECTIONS.encode("utf-8-sig"))
    base = ("--data-dir", str(data_dir), "import", "linkedin", str(export))
    code, out, _ = run(capsys, *base, "--dry-run")
    assert code == 0
    assert out.splitlines()[0] == "Connections.csv: 1 new, 1 updated, 0 unchanged, 1 skipped, 1 of your edits kept."
    assert "Connections.csv line 6: hidden profile" in out
    assert "kept your edit: Ada Lovelace, Company: Engines → Difference Engines" in out
    assert out.endswith("Dry run: nothing was changed.\n")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "contacts")
    assert "Katherine" not in out

    code, out, _ = run(capsys, *base)
    assert code == 0 and out.endswith("Imported: 1 added, 1 updated, 0 unchanged, 1 skipped.\n")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "contacts", "--json")
    companies = {c["name"]: c["company"] for c in json.loads(out)}
    assert companies == {"Ada Lovelace": "Engines", "Grace Hopper": "Navy", "Katherine Johnson": "NASA"}
    code, out, _ = run(capsys, *base)
    assert out.endswith("Imported: 0 added, 0 updated, 2 unchanged, 1 skipped.\n")
    backups = list((data_dir / "backups").glob("*import*"))
    assert len(backups) == 1, "the import that changed something was preceded by a backup; the one after was not"


def test_an_unreadable_export_is_one_clear_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "Complete_LinkedInDataExport_11-26-2026.zip"
    broken.write_bytes(b"PK\x03\x04 this zip stops here")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import", "linkedin", str(broken))
    assert code == 1 and out == ""
    assert err.startswith("overture: Complete_LinkedInDataExport_11-26-2026.zip: ") and "Traceback" not in err


def test_contacts_export_as_csv_and_vcard(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for kind, name in (("csv", "contacts.csv"), ("vcard", "contacts.vcf")):
        target = tmp_path / name
        code, out, _ = run(capsys, "--data-dir", str(data_dir), "export", kind, str(target))
        assert (code, out) == (0, f"Exported 2 contacts to {target}.\n")
    text = (tmp_path / "contacts.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbfName,") and b"Ada Lovelace" in text
    card = (tmp_path / "contacts.vcf").read_bytes().decode("utf-8")
    assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and "FN:Grace Hopper" in card


def test_in_the_bundle_the_command_is_called_overture(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(SystemExit):
        main.main(["--help"])
    assert capsys.readouterr().out.startswith("usage: overture ")
    assert "'overture restore " in str(CorruptDatabase(Path("a.db"), "damaged", None, Path("b.db")))


def test_output_into_a_pipe_closed_early_ends_quietly(data_dir: Path, tmp_path: Path) -> None:
    """`overture contacts | head -1`: the rest of the output has nowhere to go, which is no error to report."""
    import subprocess

    listing = subprocess.Popen(
        [sys.executable, main.__file__, "--data-dir", str(data_dir), "contacts"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PYTHONPATH": str(Path(main.__file__).parent), "PATH": "/usr/bin:/bin"},
    )
    assert listing.stdout is not None and listing.stderr is not None
    listing.stdout.close()  # before it has written anything: its first write finds no reader
    with listing.stderr:
        errors = listing.stderr.read().decode()
    assert listing.wait(timeout=60) == 1
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


def test_a_csv_import_says_which_columns_it_reads_and_takes_the_persons_choice(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Person,Org,Work Email\nMary Somerville,Engines,mary@example.org\n", encoding="utf-8")
    base = ("--data-dir", str(data_dir), "import", "csv", str(sheet), "--dry-run")
    code, out, err = run(capsys, *base)
    assert code == 1 and "not read: Person, Org, Work Email" in out
    assert "which column holds the name? Say it with --column name=HEADER" in err
    code, out, _ = run(capsys, *base, "--column", "name=Person", "--column", "email=Work Email")
    assert code == 0
    assert out.splitlines()[:3] == [
        "  columns: name ← Person, email ← Work Email",
        "  not read: Org (--column FIELD=HEADER to read one)",
        "people.csv: 1 new, 0 updated, 0 unchanged, 0 skipped.",
    ]
    code, _, err = run(capsys, *base, "--column", "name=Nobody")
    assert code == 1 and "people.csv has no column “Nobody” (it has “Person”, “Org”, “Work Email”)" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", "vcard", str(sheet), "--column", "name=Person")
    assert code == 1 and "--column is for CSV files" in err
