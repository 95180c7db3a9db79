"""Overture's entry point and composition root: resolves paths, opens the database, builds services and the UI."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from model import cli
from model.about import app_name, app_version
from model.clock import system_clock
from model.errors import OvertureError
from model.paths import DataPaths


def main(argv: Sequence[str] | None = None) -> int:
    parser = cli.build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"{app_name()} {app_version()}")
        return 0
    if args.self_test:
        if args.command is not None:
            parser.error("--self-test runs on its own, without a command")
        from gui.self_test import run_self_test

        return run_self_test(sys.stdout, sys.stderr, system_clock)
    if args.quit_after_paint and args.command is not None:
        parser.error("--quit-after-paint is for starting the window, without a command")
    paths = DataPaths.resolve(args.data_dir)
    if args.command is None:
        from model.startup import StartRead

        early = StartRead(paths.database)  # reads while Qt's modules load (see model/startup.py)
        from gui.app import run_app

        return run_app(paths, system_clock, sys.argv[:1], quit_after_paint=args.quit_after_paint, early=early)
    try:
        if args.command == "restore":
            from model.database import restore_backup

            aside = restore_backup(paths, args.path, system_clock())
            kept = f" The previous file was kept as {aside}." if aside else ""
            print(f"Restored {args.path} as {paths.database}.{kept}")
            return 0
        from model.database import open_database

        database = open_database(paths, system_clock)
        try:
            database.backup_if_due(system_clock())
            code = cli.run(args, database, system_clock)
            sys.stdout.flush()  # a reader gone away is found here, not by Python's flush at exit (status 120)
            return code
        finally:
            database.dispose()
    except OvertureError as error:
        print(f"overture: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("overture: interrupted; nothing was half-written.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`overture nudges | head -1`): what was asked is done, the rest of the output has
        # nowhere to go. Python would report the pipe again when it flushes stdout at exit: it goes to nothing.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
