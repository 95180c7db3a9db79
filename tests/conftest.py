"""Test-wide set-up: Qt runs offscreen, set once before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
