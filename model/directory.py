"""The contact directory behind the list and the board: light rows for every contact, filtered as the user types.

Filtering 100,000 contacts in Python over precomputed, case- and accent-folded text takes a few tens of
milliseconds, which keeps a keystroke-to-results round trip inside one frame budget without an index to maintain.
What keeps it there: every pass over all contacts reads only compact entries (name key, id, search text, stage,
row) laid out in name order, never the rows themselves, and a result is a `Listing` over those entries that the
list and the board read lazily instead of copying or splitting it row by row.
"""

from __future__ import annotations

import heapq
import sqlite3
import threading
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Final, NamedTuple, overload

from model.collector import collector_paused
from model.names import name_sort_key

if TYPE_CHECKING:  # SQLAlchemy loads after the window's first paint; this module is on the start-up path
    from sqlalchemy import Connection

ROWS_SQL = """
SELECT c.id, c.name, c.company, c.position, c.headline, c.stage, c.tier, c.stage_entered_at,
  max(c.stage_entered_at,
      coalesce((SELECT max(e.occurred_at) FROM engagements e WHERE e.contact_id = c.id), ''),
      coalesce((SELECT max(m.sent_at) FROM messages m WHERE m.contact_id = c.id), '')),
  coalesce((SELECT group_concat(t.name, ', ') FROM tags t WHERE t.contact_id = c.id), ''),
  c.notes, c.profile_url, c.time_zone
FROM contacts c
"""


def _instant(text: str) -> datetime:
    # The database's fixed-width UTC text (model/clock.py's TIME_FORMAT); fromisoformat reads it ~50x faster than
    # strptime, which mattered: every card painted on the board reads two of these.
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class ContactRow(NamedTuple):
    """What the list and the board show of a contact (instants as the database's UTC text)."""

    id: int
    name: str
    company: str
    position: str
    headline: str
    stage: str
    tier: str
    stage_entered_at: str
    last_activity_at: str
    tags: str
    notes: str
    profile_url: str | None
    time_zone: str | None

    def days_in_stage(self, now: datetime) -> int:
        return max(0, (now - _instant(self.stage_entered_at)).days)

    def days_since_activity(self, now: datetime) -> int:
        return max(0, (now - _instant(self.last_activity_at)).days)


def load_rows(conn: Connection, contact_ids: Sequence[int] | None = None) -> list[ContactRow]:
    # Straight from the DBAPI cursor: for 100,000 rows SQLAlchemy's result layer would double the time.
    return read_rows(conn.connection.driver_connection, contact_ids)  # type: ignore[arg-type]


def read_rows(conn: sqlite3.Connection, contact_ids: Sequence[int] | None = None) -> list[ContactRow]:
    cursor = conn.cursor()
    try:
        if contact_ids is None:
            cursor.execute(ROWS_SQL)
        else:
            cursor.execute(f"{ROWS_SQL} WHERE c.id IN ({', '.join('?' for _ in contact_ids)})", tuple(contact_ids))
        return rows_of(cursor)
    finally:
        cursor.close()


def rows_of(cursor: sqlite3.Cursor) -> list[ContactRow]:
    """The rows of a cursor that ran ROWS_SQL (or reads a table made from it)."""
    with collector_paused():  # 100,000 rows and their tuples: collections mid-way would walk them all
        return list(map(ContactRow._make, cursor.fetchall()))


def _fold(text: str) -> str:
    return name_sort_key(text)


def _search_text_of(row: ContactRow) -> str:
    return _fold("\n".join((row.name, row.company, row.position, row.headline, row.tags, row.notes)))


# An entry: (folded name, id, folded search text or "" until prepared, row). Entries sort by their first two fields,
# which are unique together.
Entry = tuple[str, int, str, ContactRow]
FOLD: Final = 0
ID: Final = 1
TEXT: Final = 2
ROW: Final = 3
_KEY = itemgetter(FOLD, ID)
_ROW = itemgetter(ROW)
# The merged name order is read in blocks of this many rows: a list view asks for a screenful at a time.
_BLOCK = 256
_KEPT_BLOCKS = 64


def _entry(row: ContactRow, fold: str, text: str = "") -> Entry:
    return (fold, row.id, text, row)


class Listing(Sequence[ContactRow]):
    """The rows a query found: each stage's in name order (the board's columns), all of them in name order (the list).

    Filtering keeps each stage's entries apart, so the board never splits 100,000 rows by stage and the counts are
    lengths. The list's name order across stages is merged lazily, a block of rows at a time, found by bisection:
    showing a screenful, or the row of one contact, never merges the whole listing.
    """

    __slots__ = ("_blocks", "_by_stage", "_folds", "_len", "_lists")

    def __init__(self, by_stage: Mapping[str, list[Entry]], folds: Mapping[int, str]) -> None:
        """Each stage's entries in name order, never changed afterwards; `folds`: contact id -> folded name."""
        self._by_stage = {stage: entries for stage, entries in by_stage.items() if entries}
        self._lists = list(self._by_stage.values())
        self._folds = folds
        self._len = sum(map(len, self._lists))
        self._blocks: dict[int, list[Entry]] = {}

    @classmethod
    def of_rows(cls, rows: Iterable[ContactRow]) -> Listing:
        """Rows from elsewhere (a test, a fake), put in name order."""
        by_stage: dict[str, list[Entry]] = {}
        for row in rows:
            by_stage.setdefault(row.stage, []).append(_entry(row, name_sort_key(row.name)))
        for entries in by_stage.values():
            entries.sort()
        return cls(by_stage, {entry[ID]: entry[FOLD] for entries in by_stage.values() for entry in entries})

    # -- by stage ------------------------------------------------------------------------------------

    def stage_entries(self, stage: str) -> Sequence[Entry]:
        return self._by_stage.get(stage, ())

    def stage_count(self, stage: str) -> int:
        return len(self._by_stage.get(stage, ()))

    def locate(self, contact_id: int) -> tuple[str, int] | None:
        """The contact's stage and place among that stage's listed contacts; None when not listed."""
        key = self._key_of(contact_id)
        if key is None:
            return None
        for stage, entries in self._by_stage.items():
            at = bisect_left(entries, key, key=_KEY)
            if at < len(entries) and entries[at][ID] == contact_id:
                return stage, at
        return None

    def stage_position(self, contact_id: int, stage: str) -> int | None:
        found = self.locate(contact_id)
        return found[1] if found is not None and found[0] == stage else None

    def with_change(self, before: tuple[str, int] | None, after: Entry | None) -> Listing:
        """This listing with one contact's entry taken out of `before` (stage, place) and put in as `after`.

        Only the stages the contact leaves or joins are copied (C-level); the others are shared, unchanged.
        """
        by_stage = dict(self._by_stage)
        if before is not None:
            stage, at = before
            entries = by_stage[stage] = list(by_stage[stage])
            del entries[at]
        if after is not None:
            stage = after[ROW].stage
            entries = by_stage.get(stage, [])
            if before is None or before[0] != stage:
                entries = by_stage[stage] = list(entries)
            entries.insert(bisect_left(entries, _KEY(after), key=_KEY), after)
        return Listing(by_stage, self._folds)

    # -- in name order -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> ContactRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[ContactRow]: ...
    def __getitem__(self, index: int | slice) -> ContactRow | list[ContactRow]:
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        block, offset = divmod(index, _BLOCK)
        entries = self._blocks.get(block)
        if entries is None:
            if len(self._blocks) >= _KEPT_BLOCKS:
                self._blocks.clear()
            entries = self._blocks[block] = self._read_block(block * _BLOCK)
        return entries[offset][ROW]

    def __iter__(self) -> Iterator[ContactRow]:
        return map(_ROW, heapq.merge(*self._lists))

    def entries(self) -> list[Entry]:
        """Every entry, in no particular order (for sorting by something else than the name)."""
        return list(chain.from_iterable(self._lists))

    def position(self, contact_id: int) -> int | None:
        """The contact's row in name order; None when the query did not find it."""
        key = self._key_of(contact_id)
        if key is None:
            return None
        rank, found = 0, False
        for entries in self._lists:
            at = bisect_left(entries, key, key=_KEY)
            found = found or (at < len(entries) and entries[at][ID] == contact_id)
            rank += at
        return rank if found else None

    def _key_of(self, contact_id: int) -> tuple[str, int] | None:
        fold = self._folds.get(contact_id)
        return None if fold is None else (fold, contact_id)

    def _read_block(self, start: int) -> list[Entry]:
        """The entries of rank `start` onwards, one block of them, merged from where each stage's list gets there."""
        starts = self._starts(start)
        parts = [entries[at : at + _BLOCK] for entries, at in zip(self._lists, starts, strict=True)]
        return list(islice(heapq.merge(*parts), _BLOCK))

    def _starts(self, rank: int) -> list[int]:
        """For each stage's list, how many of its entries come before the entry of this rank in name order."""
        if rank >= self._len:
            return [len(entries) for entries in self._lists]
        for entries in self._lists:
            # The entry of rank `rank` is in at most one list: find where, by bisection over that list.
            low, high = 0, len(entries)
            while low < high:
                middle = (low + high) // 2
                if self._rank(entries[middle]) < rank:
                    low = middle + 1
                else:
                    high = middle
            if low < len(entries) and self._rank(entries[low]) == rank:
                key = _KEY(entries[low])
                return [bisect_left(other, key, key=_KEY) for other in self._lists]
        raise AssertionError("every rank below the length is some list's entry")

    def _rank(self, entry: Entry) -> int:
        key = _KEY(entry)
        return sum(bisect_left(entries, key, key=_KEY) for entries in self._lists)


@dataclass(frozen=True)
class ContactQuery:
    """What the user asked the list for: words to find, and optional filters."""

    text: str = ""
    stages: frozenset[str] | None = None
    tier: str | None = None
    only_ids: frozenset[int] | None = None  # e.g. "needs attention": the contacts with a due nudge

    def words(self) -> list[str]:
        return _fold(self.text).split()


@dataclass
class _LastSearch:
    version: int
    words: tuple[str, ...]
    by_stage: dict[str, list[Entry]]


@dataclass
class ContactDirectory:
    """All contacts' rows, each stage's in name order, with their search text; updated one contact at a time."""

    _rows: dict[int, ContactRow] = field(default_factory=dict)
    _folds: dict[int, str] = field(default_factory=dict)
    # Each stage's entries in name order, patched in place by update(). The search texts are folded on the first
    # search (or by prepare_search, off the GUI thread): folding 100,000 contacts' text takes ~0.3 s.
    _by_stage: dict[str, list[Entry]] = field(default_factory=dict)
    _searchable: bool = False
    _last_search: _LastSearch | None = None
    _version: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def of(cls, rows: Iterable[ContactRow]) -> ContactDirectory:
        directory = cls()
        folds, by_stage = directory._folds, directory._by_stage
        # Held off: 100,000 new entries would set off collections that each walk every row, doubling the time
        # to build the directory (measured: 0.19 s without them, 0.4 s with).
        with collector_paused():
            for row in rows:
                directory._rows[row.id] = row
                fold = folds[row.id] = name_sort_key(row.name)
                entries = by_stage.get(row.stage)
                if entries is None:
                    entries = by_stage[row.stage] = []
                entries.append(_entry(row, fold))
            for entries in by_stage.values():
                entries.sort()  # by folded name then id, which are unique together
        return directory

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, contact_id: int) -> ContactRow | None:
        return self._rows.get(contact_id)

    def prepare_search(self) -> None:
        """Fold every contact's search text now (off the GUI thread) rather than on the first keystroke.

        Safe to run beside update(): it folds a copy and keeps its result only if nothing changed meanwhile, else
        folds again, reusing the text of every row that did not change.
        """
        earlier: dict[int, Entry] = {}  # from an attempt overtaken by update(): contact id -> prepared entry

        def with_text(entry: Entry) -> Entry:
            known = earlier.get(entry[ID])
            if known is not None and known[ROW] is entry[ROW]:
                return known
            return (entry[FOLD], entry[ID], _search_text_of(entry[ROW]), entry[ROW])

        while not self._searchable:
            with self._lock:
                version = self._version
                snapshot = {stage: list(entries) for stage, entries in self._by_stage.items()}
            prepared = {stage: list(map(with_text, entries)) for stage, entries in snapshot.items()}
            with self._lock:
                if self._version == version and not self._searchable:
                    # New lists: a search running meanwhile keeps reading the old ones.
                    self._by_stage = prepared
                    self._searchable = True
                    return
            earlier = {entry[ID]: entry for entries in prepared.values() for entry in entries}

    def update(self, contact_id: int, row: ContactRow | None) -> None:
        """Replace one contact's row (None: the contact is gone), keeping the name order.

        The entries are patched in place (a bisection and a C-level insert), not rebuilt: a drop on the board at
        100,000 contacts must not cost a full pass over the directory.
        """
        with self._lock:
            self._version += 1
            self._last_search = None
            old = self._rows.pop(contact_id, None)
            if old is not None:
                entries = self._by_stage[old.stage]
                del entries[bisect_left(entries, (self._folds.pop(contact_id), contact_id), key=_KEY)]
            if row is not None:
                self._rows[row.id] = row
                fold = self._folds[row.id] = name_sort_key(row.name)
                entry = _entry(row, fold, _search_text_of(row) if self._searchable else "")
                entries = self._by_stage.setdefault(row.stage, [])
                entries.insert(bisect_left(entries, _KEY(entry), key=_KEY), entry)

    def listed_entry(self, query: ContactQuery, contact_id: int) -> Entry | None:
        """The contact's entry as `find(query)` would list it now; None when the query would not find the contact."""
        if not self.matches(query, contact_id):
            return None
        row = self._rows[contact_id]
        entries = self._by_stage[row.stage]
        return entries[bisect_left(entries, (self._folds[contact_id], contact_id), key=_KEY)]

    def matches(self, query: ContactQuery, contact_id: int) -> bool:
        """Whether `find(query)` would list this contact, without running the query."""
        row = self._rows.get(contact_id)
        if row is None:
            return False
        if query.stages is not None and row.stage not in query.stages:
            return False
        if query.tier is not None and row.tier != query.tier:
            return False
        if query.only_ids is not None and contact_id not in query.only_ids:
            return False
        text = _search_text_of(row)
        return all(word in text for word in query.words())

    def find(self, query: ContactQuery) -> Listing:
        """Matching rows in name order; every word must appear in name, company, position, headline, tags or notes."""
        stages = [stage for stage in self._by_stage if query.stages is None or stage in query.stages]
        words = tuple(query.words())
        by_stage = self._text_matches(words, stages) if words else {stage: self._by_stage[stage] for stage in stages}
        if query.only_ids is not None:
            wanted = query.only_ids
            by_stage = {stage: [e for e in entries if e[ID] in wanted] for stage, entries in by_stage.items()}
        if query.tier is not None:
            tier = query.tier
            by_stage = {stage: [e for e in entries if e[ROW].tier == tier] for stage, entries in by_stage.items()}
        for stage, entries in by_stage.items():
            if entries is self._by_stage.get(stage):
                # The directory's own list: a snapshot (a C-level copy), since update() patches it in place.
                by_stage[stage] = list(entries)
        return Listing(by_stage, self._folds)

    def _text_matches(self, words: tuple[str, ...], stages: list[str]) -> dict[str, list[Entry]]:
        """Each stage's entries whose text holds every word; typing on (each earlier word narrowed) filters the
        last result rather than the whole directory."""
        self.prepare_search()
        last = self._last_search
        narrowed = (
            last is not None
            and last.version == self._version
            and all(any(old in new for new in words) for old in last.words)
        )
        found: dict[str, list[Entry]] = {}
        for stage in stages:
            entries = self._by_stage[stage]
            if narrowed and last is not None and stage in last.by_stage:
                entries = last.by_stage[stage]
            for word in words:
                entries = [entry for entry in entries if word in entry[TEXT]]
            found[stage] = entries
        self._last_search = _LastSearch(self._version, words, found)
        return found
