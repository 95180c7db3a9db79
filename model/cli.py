"""The command line: the same services as the window, for scripts and for people who like a terminal."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from model.about import command_name
from model.errors import OvertureError
from model.vocabulary import CSV_FIELDS, Stage

# main.py builds the parser before it knows whether to open the window: what only the commands use (SQLAlchemy,
# the services, the importers: 0.3 s of imports) is imported when a command runs, not on the window's way to its
# first paint.
if TYPE_CHECKING:
    from model.clock import Clock
    from model.database import Database
    from model.importing.run import SourceKind
    from model.nudges import Nudge
    from model.records import ContactSummary
    from model.services import Services


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=command_name(),
        description="Overture: engage, connect, thank and follow up, patiently. Without a command, opens the window.",
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", help="keep the database and backups in DIR instead of the user data folder"
    )
    parser.add_argument("--version", action="store_true", help="print the name and version, then exit")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation: create a throw-away database in a temporary folder, build the window "
        "offscreen, compute nudges, print a report; exits 1 if anything fails (your data is never opened)",
    )
    # For start-up benchmarks (benchmarks/bench_bundle.py): the normal start, then the moment of the first paint
    # (seconds since the epoch) on stdout, then quit.
    parser.add_argument("--quit-after-paint", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    nudges = commands.add_parser("nudges", help="list what needs your attention now, most important first")
    nudges.add_argument("--json", action="store_true", help="print a JSON list instead of a table")

    contacts = commands.add_parser("contacts", help="list contacts")
    contacts.add_argument("--stage", choices=[stage.value for stage in Stage], help="only contacts in this stage")
    contacts.add_argument("--json", action="store_true", help="print a JSON list instead of a table")

    export = commands.add_parser("export", help="write your contacts (or everything) to a file")
    export.add_argument(
        "format",
        choices=["csv", "vcard", "json"],
        help="csv: contacts, UTF-8 with BOM, safe to open in a spreadsheet; vcard: contacts as vCard 4.0; "
        "json: the complete Overture archive (docs/archive.md)",
    )
    export.add_argument("path", type=Path)

    restore = commands.add_parser(
        "import",
        help="bring contacts in: a LinkedIn data export (the zip or its folder), vCard or CSV; or restore a JSON "
        "archive into an empty database",
    )
    restore.add_argument("format", choices=["linkedin", "vcard", "csv", "json"])
    restore.add_argument("path", type=Path)
    restore.add_argument("--dry-run", action="store_true", help="check the file and report, change nothing")
    restore.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="CSV only: the column holding FIELD, where Overture's guess is wrong or missing (FIELD= leaves it "
        "out); fields: " + ", ".join(field for field, _ in CSV_FIELDS),
    )

    backup = commands.add_parser("backup", help="write a verified backup copy of the database")
    backup.add_argument("path", nargs="?", type=Path, help="where to write it (default: the backups folder)")

    commands.add_parser("check", help="check the database's integrity; exits 1 when a problem is found")

    settings = commands.add_parser("settings", help="show the settings, or change some: settings KEY=VALUE ...")
    settings.add_argument(
        "changes",
        nargs="*",
        metavar="KEY=VALUE",
        help="e.g. account_type=premium weekly_request_budget=80 user_time_zone=Europe/Berlin",
    )

    restore_backup = commands.add_parser(
        "restore", help="put a backup back in place of the database (the current file, if any, is kept beside it)"
    )
    restore_backup.add_argument("path", type=Path, help="the backup file")
    return parser


# The command line lists this many kinds of skipped rows (each with its count and first lines).
SHOWN_SKIPS = 20


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _nudge_json(nudge: Nudge) -> dict[str, object]:
    return {
        "contact": nudge.contact_name,
        "contact_id": nudge.contact_id,
        "profile_url": nudge.profile_url,
        "kind": nudge.kind.value,
        "due": _iso(nudge.due),
        "severity": nudge.severity.label,
        "reason": nudge.reason,
    }


def _contact_json(contact: ContactSummary) -> dict[str, object]:
    return {
        "id": contact.id,
        "name": contact.name,
        "company": contact.company,
        "position": contact.position,
        "profile_url": contact.profile_url,
        "stage": contact.stage.value,
        "stage_entered_at": _iso(contact.stage_entered_at),
        "tier": contact.tier.value,
        "time_zone": contact.time_zone,
    }


def _table(rows: Sequence[Sequence[str]], out: TextIO) -> None:
    if not rows:
        return
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")


def run(args: argparse.Namespace, database: Database, clock: Clock, out: TextIO | None = None) -> int:
    """Run one subcommand; returns the process exit code. OvertureError propagates to the caller."""
    out = out or sys.stdout
    from model.services import Services

    services = Services(database.sessions, clock, backup=lambda label: database.automatic_backup(label, clock()))
    if args.command == "nudges":
        found = services.nudges()
        if args.json:
            json.dump([_nudge_json(n) for n in found], out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif not found:
            out.write("Nothing needs your attention right now.\n")
        else:
            _table(
                [("SEVERITY", "DUE", "CONTACT", "KIND", "REASON")]
                + [
                    (
                        n.severity.label,
                        n.due.strftime("%Y-%m-%d"),
                        n.contact_name or "(account)",
                        n.kind.value,
                        n.reason,
                    )
                    for n in found
                ],
                out,
            )
        return 0
    if args.command == "contacts":
        listed = services.contacts(Stage(args.stage) if args.stage else None)
        if args.json:
            json.dump([_contact_json(c) for c in listed], out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif not listed:
            out.write("No contacts yet.\n" if not args.stage else f"No contacts in {Stage(args.stage).label}.\n")
        else:
            _table(
                [("ID", "STAGE", "NAME", "COMPANY")] + [(str(c.id), c.stage.label, c.name, c.company) for c in listed],
                out,
            )
        return 0
    if args.command == "export":
        if args.format == "json":
            summary = services.export_archive(args.path)
            out.write(f"Exported {summary.describe()} to {args.path}.\n")
        else:
            count = services.export_contacts(args.format, args.path)
            out.write(f"Exported {count:,} contact{'s' if count != 1 else ''} to {args.path}.\n")
        return 0
    if args.command == "import":
        if args.column and args.format != "csv":
            raise OvertureError("--column is for CSV files: the other formats name their own fields.")
        if args.format == "json":
            summary = services.import_archive(args.path, dry_run=args.dry_run)
            verb = "Would import" if args.dry_run else "Imported"
            out.write(f"{verb} {summary.describe()} from {args.path}.\n")
            return 0
        return _import(services, args.format, args.path, dry_run=args.dry_run, out=out, columns=args.column)
    if args.command == "backup":
        path = database.backup_to(args.path) if args.path else database.automatic_backup("manual", clock())
        out.write(f"Backed up to {path} (verified).\n")
        return 0
    if args.command == "check":
        problems = database.check()
        if problems:
            for problem in problems:
                out.write(f"problem: {problem}\n")
            return 1
        out.write(f"{database.path}: no problems found.\n")
        return 0
    if args.command == "settings":
        current = services.update_settings(**_parse_changes(args.changes)) if args.changes else services.settings()
        _table([("SETTING", "VALUE")] + [(key, str(value)) for key, value in current.to_mapping().items()], out)
        return 0
    raise OvertureError(f"Unknown command {args.command!r}.")


def _csv_mapping(path: Path, columns: Sequence[str], out: TextIO) -> dict[str, str]:
    """The wizard's column step: Overture's guess, with the --column choices over it; both are printed."""
    from model.importing.csvfile import name_is_mapped, preview_csv

    preview = preview_csv(path)
    mapping = dict(preview.mapping)
    fields = {field for field, _ in CSV_FIELDS}
    for choice in columns:
        field, equals, header = choice.partition("=")
        field, header = field.strip(), header.strip()
        if not equals or field not in fields:
            raise OvertureError(f"--column {choice!r}: write FIELD=HEADER, FIELD one of {', '.join(sorted(fields))}.")
        if header and header not in preview.headers:
            listed = ", ".join(f"“{name}”" for name in preview.headers if name)
            raise OvertureError(f"--column {choice!r}: {path.name} has no column “{header}” (it has {listed}).")
        if header:
            mapping[field] = header
        else:
            mapping.pop(field, None)
    read = ", ".join(f"{field} ← {header}" for field, header in mapping.items()) or "none"
    out.write(f"  columns: {read}\n")
    unread = [name for name in preview.headers if name and name not in mapping.values()]
    if unread:
        out.write(f"  not read: {', '.join(unread)} (--column FIELD=HEADER to read one)\n")
    if not name_is_mapped(mapping):
        raise OvertureError(
            f"{path.name}: which column holds the name? Say it with --column name=HEADER (or first_name= and "
            "last_name=)."
        )
    return mapping


def _import(
    services: Services, kind: SourceKind, path: Path, *, dry_run: bool, out: TextIO, columns: Sequence[str] = ()
) -> int:
    """The wizard's preview as text, then (unless a dry run) the import; people to decide about are left out."""
    from model.importing.plan import summarise_skips

    mapping = _csv_mapping(path, columns, out) if kind == "csv" else None
    bundle = services.read_import(kind, path, mapping)
    plan = services.preview_import(bundle)
    out.write(f"{path.name}: {plan.summary()}.\n")
    for line in summarise_skips(plan.skipped, limit=SHOWN_SKIPS):
        out.write(f"  skipped: {line}\n")
    for question in plan.ambiguous:
        names = "; ".join(f"{c.name} ({c.company or 'no company'}, {c.stage.label})" for c in question.candidates)
        out.write(
            f"  to decide: {question.person.file} line {question.person.line}, {question.person.name}: "
            f"{question.reason} ({names}). Left out here; import in the window to choose.\n"
        )
    for planned in plan.planned:
        for conflict in planned.conflicts:
            out.write(
                f"  kept your edit: {planned.person.name}, {conflict.describe()} "
                "(the file's value is not taken; import in the window to take it).\n"
            )
    if dry_run:
        out.write("Dry run: nothing was changed.\n")
        return 0
    result = services.run_import(bundle, previewed=plan)
    out.write(f"Imported: {result.describe()}.\n")
    return 0


def _parse_changes(pairs: Sequence[str]) -> dict[str, object]:
    changes: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise OvertureError(f"'{pair}' is not KEY=VALUE.")
        changes[key.strip()] = int(value) if value.strip().lstrip("-").isdigit() else value.strip()
    return changes
