"""Holding Python's cyclic garbage collector off while a bulk operation allocates hundreds of thousands of objects.

Each generation-2 collection walks every live tracked object; building 100,000 rows (or an import's records)
sets off collections that, together, cost as much as the work itself. None of these objects form cycles worth
collecting mid-way, so the collector resumes when the operation ends.

What the operation leaves alive goes straight to the oldest generation (gc.freeze then gc.unfreeze moves every
tracked object there without examining any). Otherwise the first allocation after the pause examines all of them
as if they were young: 0.1 s for an import's objects, at a moment the user is waiting for a screen.
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
            gc.freeze()
            gc.unfreeze()
            gc.enable()
