"""Guards against a broken Qt binding: PySide6 6.12.0 on Python 3.11 leaked a reference to None per call."""

from __future__ import annotations

import subprocess
import sys


def test_many_void_qt_calls_do_not_exhaust_none() -> None:
    # Python 3.11 starts with a few thousand references to None; a leak of one per call aborts within 20,000 calls.
    script = "from PySide6.QtGui import QFont\nf = QFont()\nfor _ in range(50_000): f.setBold(True)\nprint('ok')"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-500:]
