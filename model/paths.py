"""Where Overture keeps its files: platformdirs' user data folder, or the folder given with --data-dir."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Overture"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @classmethod
    def resolve(cls, override: str | os.PathLike[str] | None = None) -> DataPaths:
        root = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        return cls(root.expanduser().absolute())

    @property
    def database(self) -> Path:
        return self.root / "overture.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def ensure_private(self) -> None:
        """Create the folders, readable by the user alone: contacts' data is personal."""
        for folder in (self.root, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
