"""Holding Python's cyclic garbage collector off while a bulk operation allocates hundreds of thousands of objects.

Each generation-2 collection walks every live tracked object; building 100,000 rows (or an import's records)
sets off collections that, together, cost as much as the work itself. None of these objects form cycles worth
collecting mid-way, so the collector resumes when the operation ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
