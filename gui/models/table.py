"""What the table models share: a header row named by their column enum, the flags of a read-only cell (with an
optional checkbox column), and the check state a view hands to setData."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

_Column = TypeVar("_Column", bound=IntEnum)

READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def header_text(
    context: str, headers: Mapping[_Column, str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """The translated title of column `section`, for the horizontal header's display role; None otherwise."""
    if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
        return None
    for column, title in headers.items():
        if column == section:
            return QCoreApplication.translate(context, title)
    return None


def cell_flags(index: QModelIndex | QPersistentModelIndex, checkable_column: int | None = None) -> Qt.ItemFlag:
    if not index.isValid():
        return Qt.ItemFlag.NoItemFlags
    if index.column() == checkable_column:
        return READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable
    return READ_ONLY


def is_checked(value: object) -> bool:
    """setData's value for CheckStateRole: views give the enum, or its number."""
    return value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
