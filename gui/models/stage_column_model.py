"""One column of the pipeline board: the contacts in one stage, paged in for big columns, and drops as stage moves."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from model.directory import ID, ROW, ContactRow, Entry, Listing
from model.nudges import Nudge
from model.timefmt import human_span
from model.vocabulary import Stage

ContactIdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
NudgeRole = Qt.ItemDataRole.UserRole + 3  # the contact's most pressing due nudge, or None
DaysInStageRole = Qt.ItemDataRole.UserRole + 4
DaysSinceActivityRole = Qt.ItemDataRole.UserRole + 5
StaleRole = Qt.ItemDataRole.UserRole + 6
# Everything a card shows, in one value: the delegate reads one role per card it paints instead of six.
CardRole = Qt.ItemDataRole.UserRole + 7

CONTACT_IDS_MIME = "application/x-overture-contact-ids"
# QListView lays out every row it is given; a column grows by this many cards as the user scrolls to its end.
BATCH = 200
# Stale means "meant to move on, but quiet". Nurturing is where a relationship rests, with its own keep-in-touch
# cadence by tier (30 to 180 days, see DOMAIN.md), and Parked is on hold by choice: neither goes stale.
STALE_STAGES = frozenset({Stage.SPOTTED, Stage.ENGAGING, Stage.REQUESTED, Stage.CONNECTED})

Mover = Callable[[int, Stage], str | None]
AnyIndex = QModelIndex | QPersistentModelIndex


def encode_contact_ids(contact_ids: Sequence[int]) -> QByteArray:
    return QByteArray(",".join(str(contact_id) for contact_id in contact_ids).encode("ascii"))


def decode_contact_ids(data: QMimeData) -> list[int]:
    """The ids a drag carries; none when it carries anything else (another app's data, a malformed payload)."""
    if not data.hasFormat(CONTACT_IDS_MIME):
        return []
    text = bytes(data.data(CONTACT_IDS_MIME).data()).decode("ascii", errors="replace")
    try:
        return [int(part) for part in text.split(",") if part]
    except ValueError:
        return []


def _whole_batches(rows: int) -> int:
    return -(-rows // BATCH) * BATCH


@dataclass(frozen=True, slots=True)
class Card:
    """What a card shows of a contact, worked out for the column's "now"."""

    row: ContactRow
    stage: Stage
    nudge: Nudge | None
    days_in_stage: int
    days_since_activity: int
    stale: bool


class StageColumnModel(QAbstractListModel):
    """The contacts of one stage, in name order; a drop here asks the mover to move the dropped contacts.

    The column shows its stage's part of the window's `Listing` as it is, without a copy: a search or a move at
    100,000 contacts costs the cards the column shows, not a pass over the stage.
    """

    move_refused = Signal(str)

    def __init__(self, stage: Stage, mover: Mover, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self._mover = mover
        self._listing = Listing({}, {})
        self._entries: Sequence[Entry] = ()  # the stage's entries, in name order
        self._loaded = 0
        self._now = datetime.min.replace(tzinfo=UTC)  # read only once rows arrive, with their "now"
        self._nudges: Mapping[int, Nudge] = {}
        self._stale_days = 7
        self._cards: dict[int, Card] = {}  # worked out once per row shown, for this "now" and these nudges
        self._changing = False  # within change_one: no paging in the middle of its row changes

    # -- contents ----------------------------------------------------------------------------------------

    def set_rows(
        self,
        rows: Sequence[ContactRow],
        now: datetime,
        nudges: Mapping[int, Nudge],
        stale_days: int,
        keep_loaded: int = 0,
    ) -> None:
        """Show this stage's contacts among `rows` (a `Listing`, or rows in any order), loading one batch or, in
        whole batches, at least `keep_loaded` rows."""
        listing = rows if isinstance(rows, Listing) else Listing.of_rows(rows)
        self.beginResetModel()
        self._listing = listing
        self._entries = listing.stage_entries(self.stage.value)
        self._loaded = min(len(self._entries), _whole_batches(max(1, keep_loaded)))
        self._now, self._nudges, self._stale_days = now, nudges, stale_days
        self._cards = {}
        self.endResetModel()

    def change_one(self, listing: Listing, removed: int | None, inserted: int | None, keep_loaded: int = 0) -> None:
        """Show `listing`, which differs from the shown one by one contact: taken out of this column's row `removed`
        and/or put in at row `inserted` (None: not in this column before, or after).

        Rows are removed and inserted rather than reset, and as many cards stay loaded as a reload would load (at
        least `keep_loaded`), so the views keep their layout, scroll and selection; a caller whose view has its
        current index on the removed row clears it first.
        """
        self._changing = True
        try:
            self._change_one(listing, removed, inserted, keep_loaded)
        finally:
            self._changing = False

    def _change_one(self, listing: Listing, removed: int | None, inserted: int | None, keep_loaded: int) -> None:
        entries = listing.stage_entries(self.stage.value)
        wanted = min(len(entries), _whole_batches(max(1, self._loaded, keep_loaded)))
        self._listing = listing
        if removed is not None and removed == inserted:
            self._entries = entries  # the card changed in place
            if removed < self._loaded:
                self.dataChanged.emit(self.index(removed, 0), self.index(removed, 0))
            return
        if removed is not None:
            between = list(self._entries)
            del between[removed]
            self._remove_row(removed, between)
        if inserted is not None:
            self._insert_row(inserted, entries, visible=inserted < wanted)
        self._entries = entries
        if self._loaded < wanted:
            self.beginInsertRows(QModelIndex(), self._loaded, wanted - 1)
            self._loaded = wanted
            self.endInsertRows()
        elif self._loaded > wanted:
            self.beginRemoveRows(QModelIndex(), wanted, self._loaded - 1)
            self._loaded = wanted
            self.endRemoveRows()

    def adopt(self, listing: Listing) -> None:
        """Read from `listing` from now on: one whose entries for this column are the ones shown."""
        self._listing = listing

    def _remove_row(self, row: int, entries: Sequence[Entry]) -> None:
        if row >= self._loaded:
            self._entries = entries
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._entries = entries
        self._loaded -= 1
        self.endRemoveRows()

    def _insert_row(self, row: int, entries: Sequence[Entry], *, visible: bool) -> None:
        if not visible or row > self._loaded:
            self._entries = entries
            return
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries = entries
        self._loaded += 1
        self.endInsertRows()

    def total(self) -> int:
        """Every contact of the column, loaded or not (rowCount only counts the loaded ones)."""
        return len(self._entries)

    def row_of(self, contact_id: int) -> int | None:
        """The contact's row among all of the column's contacts, loaded or not."""
        return self._listing.stage_position(contact_id, self.stage.value)

    def index_of(self, contact_id: int) -> QModelIndex:
        """The contact's index, loading rows up to it first; invalid when the contact is not in this column."""
        number = self.row_of(contact_id)
        if number is None:
            return QModelIndex()
        self.load_up_to(number)
        return self.index(number, 0)

    def load_up_to(self, row: int) -> None:
        """Load whole batches until `row` is loaded (selecting a card deep in a long column)."""
        if row < self._loaded:
            return
        wanted = min(len(self._entries), _whole_batches(row + 1))
        self.beginInsertRows(QModelIndex(), self._loaded, wanted - 1)
        self._loaded = wanted
        self.endInsertRows()

    def contact_id_at(self, index: AnyIndex) -> int | None:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        return self._entries[index.row()][ID]

    # -- paging ------------------------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._changing and self._loaded < len(self._entries)

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self.load_up_to(self._loaded)

    # -- reading -----------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        row = self._entries[index.row()][ROW]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == ContactIdRole:
            return row.id
        if role == RowRole:
            return row
        if role == NudgeRole:
            return self._nudges.get(row.id)
        if role in (DaysInStageRole, DaysSinceActivityRole, StaleRole, CardRole):
            card = self.card(row)
            if role == DaysInStageRole:
                return card.days_in_stage
            if role == DaysSinceActivityRole:
                return card.days_since_activity
            return card.stale if role == StaleRole else card
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self._summary(self.card(row))
        return None

    def card(self, row: ContactRow) -> Card:
        card = self._cards.get(row.id)
        if card is None or card.row is not row:
            quiet = row.days_since_activity(self._now)
            card = self._cards[row.id] = Card(
                row,
                self.stage,
                self._nudges.get(row.id),
                row.days_in_stage(self._now),
                quiet,
                self.stage in STALE_STAGES and quiet > self._stale_days,
            )
        return card

    def _summary(self, card: Card) -> str:
        """What the card says, as plain text for tooltips and screen readers."""
        row = card.row
        lines = [row.name]
        work = " · ".join(part for part in (row.company, row.position) if part)
        if work:
            lines.append(work)
        days = human_span(card.days_in_stage)
        lines.append(self.tr("{days} in {stage}").format(days=days, stage=self.stage.label))
        if card.stale:
            quiet = human_span(card.days_since_activity)
            lines.append(self.tr("Quiet for {days}").format(days=quiet))
        if card.nudge is not None:
            lines.append(f"{card.nudge.severity.label.capitalize()}: {card.nudge.reason}")
        if row.tags:
            lines.append(self.tr("Tags: {tags}").format(tags=row.tags))
        return "\n".join(lines)

    # -- drag and drop -----------------------------------------------------------------------------------

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Cards are dropped on the column, never on one another: the column's order is not the user's.
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CONTACT_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = [contact_id for index in indexes if (contact_id := self.contact_id_at(index)) is not None]
        data.setData(CONTACT_IDS_MIME, encode_contact_ids(ids))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        if action != Qt.DropAction.MoveAction:
            return False
        ids = decode_contact_ids(data)
        # A card dropped back on its own column goes nowhere; saying so up front shows the "no drop" cursor.
        return any(self.row_of(contact_id) is None for contact_id in ids)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        """Ask the mover to bring each dropped contact to this stage; the first refusal stops and is announced.

        Nothing changes here: after a move the window reloads the board from the services, and a refused card
        simply stays where it was.
        """
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        arriving = [contact_id for contact_id in decode_contact_ids(data) if self.row_of(contact_id) is None]
        return all(self.move_contact(contact_id, self.stage) for contact_id in arriving)

    def move_contact(self, contact_id: int, target: Stage) -> bool:
        """Ask the mover for one move (a drop, a "Move to" menu); a refusal is announced through move_refused."""
        refusal = self._mover(contact_id, target)
        if refusal is not None:
            self.move_refused.emit(refusal)
            return False
        return True
