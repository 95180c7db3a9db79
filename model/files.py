"""Files written whole or not at all: exports and archives go to a private temporary file beside the destination,
which takes the destination's place in one rename only once everything is written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from model.errors import OvertureError


@contextmanager
def replacing(path: Path, problem: Callable[[str], OvertureError], *, text: bool = False) -> Iterator[IO[Any]]:
    """A file to write (UTF-8 text, or bytes); when the block ends normally it is synced to disk and renamed over
    `path`, readable by the user alone (mkstemp's 0600). When the block fails, it is removed and `path` is as it was;
    an OSError becomes `problem("Cannot write …")`. A symbolic link is written through (the file it points to is
    replaced, the link stays); a device, a pipe or a folder is refused before anything is written."""
    if path.is_symlink():
        path = path.resolve()
    if path.exists() and not path.is_file():
        raise problem(f"Cannot write {path}: it is not a file (a folder, a device or a pipe); nothing was written.")
    try:
        handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as error:
        raise problem(f"Cannot write {path}: {error.strerror or error}.") from None
    try:
        with os.fdopen(handle, "w" if text else "wb", encoding="utf-8" if text else None) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except OSError as error:
        Path(partial).unlink(missing_ok=True)
        raise problem(f"Cannot write {path}: {error.strerror or error}; nothing was written.") from None
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
