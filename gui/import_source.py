"""The wizard's first steps: what to import (a kind, guessed from the file's name, and a file or folder), and for a
CSV file, which column is which."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from gui.import_widgets import ProgressPanel, item_table
from gui.labels import InlineMessage, plain_label, quiet
from gui.models.csv_preview_model import CsvPreviewModel
from gui.worker import BackgroundRunner, CancellableWork
from model.importing.csvfile import CsvPreview, name_is_mapped, preview_csv
from model.importing.records import ImportCancelled
from model.vocabulary import CSV_FIELDS

Kind = Literal["linkedin", "vcard", "csv", "archive"]


@dataclass(frozen=True)
class KindInfo:
    label: str
    help: str
    file_filter: str


KINDS: dict[Kind, KindInfo] = {
    "linkedin": KindInfo(
        "LinkedIn data export (the .zip as downloaded, or its folder)",
        "On LinkedIn: Me → Settings & Privacy → Data privacy → Get a copy of your data. Pick Connections, "
        "Messages and Invitations (ready in minutes) or the whole archive (about a day); LinkedIn e-mails you a "
        "link to download it. Connections, invitations and messages come in, each person in the stage they reached.",
        "LinkedIn data export (*.zip Connections.csv);;All files (*)",
    ),
    "vcard": KindInfo(
        "vCard (.vcf)",
        "An address book export: Google Contacts (Export → vCard), Apple Contacts (File → Export → Export vCard…), "
        "Outlook or a phone. Names, companies, titles, e-mail addresses, profile links and notes come in as Spotted.",
        "vCard (*.vcf *.vcard);;All files (*)",
    ),
    "csv": KindInfo(
        "CSV (spreadsheet or Google Contacts)",
        "A spreadsheet saved as CSV, or Google Contacts' Google CSV export. On the next page you say which column "
        "is the name, the company and so on.",
        "CSV (*.csv *.txt);;All files (*)",
    ),
    "archive": KindInfo(
        "Overture archive (.json)",
        "Everything Overture held, saved with File → Export → Everything as Overture Archive. It is restored "
        "exactly, into an empty database only.",
        "Overture archive (*.json);;All files (*)",
    ),
}
_LINKEDIN_FILES = ("connections.csv", "invitations.csv", "messages.csv")


def guess_kind(path: Path) -> Kind | None:
    """What a file or folder most likely is, from its name: LinkedIn's files are CSV too, so they go first."""
    name = path.name.casefold()
    if path.is_dir() or path.suffix.casefold() == ".zip" or name in _LINKEDIN_FILES:
        return "linkedin"
    suffix = path.suffix.casefold()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix == ".json":
        return "archive"
    return None


@dataclass(frozen=True)
class Source:
    """What the wizard reads: equal sources give the same bundle, so going back and forth reads once."""

    kind: Kind
    path: Path
    mapping: tuple[tuple[str, str], ...] | None = None  # a CSV's (field, column) pairs


class SourcePage(QWizardPage):
    """What to import: a kind (guessed from the file, and changeable) and a file or folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSourcePage")
        self.setTitle(self.tr("What to import"))
        self.setSubTitle(self.tr("Nothing changes until the last step: first you see what the file would do."))
        self.kinds = QButtonGroup(self)
        self.buttons: dict[Kind, QRadioButton] = {}
        kinds_box = QVBoxLayout()
        kinds_box.setSpacing(2)
        indent = self._indicator_width()
        for row, (kind, info) in enumerate(KINDS.items()):
            button = QRadioButton(self.tr(info.label))
            button.setObjectName(f"importKind_{kind}")
            self.kinds.addButton(button, row)
            self.buttons[kind] = button
            help_text = quiet(plain_label(self.tr(info.help), f"importKindHelp_{kind}", wrap=True))
            button.setAccessibleDescription(help_text.text())
            help_row = QHBoxLayout()
            help_row.addSpacing(indent)  # under the button's text, not its circle
            help_row.addWidget(help_text, 1)
            if row:
                kinds_box.addSpacing(self.fontMetrics().lineSpacing() // 2)
            kinds_box.addWidget(button)
            kinds_box.addLayout(help_row)
        self.buttons["linkedin"].setChecked(True)

        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setAccessibleName(self.tr("File or folder to import"))
        self.path.setPlaceholderText(self.tr("Choose a file, or drop it on Overture's window"))
        self.path.setClearButtonEnabled(True)
        self.choose_file = QPushButton(self.tr("Choose &File…"))
        self.choose_file.setObjectName("importChooseFile")
        self.choose_file.setAccessibleName(self.tr("Choose a file to import"))
        self.choose_folder = QPushButton(self.tr("Choose F&older…"))
        self.choose_folder.setObjectName("importChooseFolder")
        self.choose_folder.setAccessibleName(self.tr("Choose an unpacked LinkedIn export folder"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.choose_file)
        path_row.addWidget(self.choose_folder)
        path_label = QLabel(self.tr("File or fol&der"))
        path_label.setBuddy(self.path)
        self.message = InlineMessage("importSourceMessage")

        layout = QVBoxLayout(self)
        layout.addLayout(kinds_box)
        layout.addSpacing(self.fontMetrics().lineSpacing())
        layout.addWidget(path_label)
        layout.addLayout(path_row)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self._refused: tuple[Path, str, int] | None = None  # the file (kind, version) last found unusable
        self.kinds.idToggled.connect(self._on_kinds_id_toggled)
        self.path.textChanged.connect(self._on_path_text_changed)
        self.choose_file.clicked.connect(self._on_choose_file_clicked)
        self.choose_folder.clicked.connect(self._on_choose_folder_clicked)
        self._update_buttons()

    def _indicator_width(self) -> int:
        style = self.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + style.pixelMetric(
            QStyle.PixelMetric.PM_RadioButtonLabelSpacing
        )

    def kind(self) -> Kind:
        for kind, button in self.buttons.items():
            if button.isChecked():
                return kind
        return "linkedin"

    def set_kind(self, kind: Kind) -> None:
        self.buttons[kind].setChecked(True)

    def source(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text).expanduser() if text else None

    def set_source(self, path: Path) -> None:
        """Fill in the path (a drop, the file dialogs, a test); the kind follows the file's name."""
        self.path.setText(str(path))

    def show_problem(self, text: str) -> None:
        """Why the file named could not be used: Next stays off for it (it would only say so again) until another
        file, another kind, or the same file changed on disk."""
        self.message.say(text, warning=True)
        self._refused = self._identity()
        self.completeChanged.emit()

    def _identity(self) -> tuple[Path, str, int] | None:
        path = self.source()
        try:
            return (path, self.kind(), path.stat().st_mtime_ns) if path is not None else None
        except OSError:
            return None

    def isComplete(self) -> bool:
        path = self.source()
        if path is None or not path.exists() or (self._refused is not None and self._refused == self._identity()):
            return False
        return not path.is_dir() or self.kind() == "linkedin"

    def _update_buttons(self) -> None:
        self.choose_folder.setEnabled(self.kind() == "linkedin")

    def _check_path(self) -> None:
        path = self.source()
        if path is None:
            self.message.clear_message()
        elif not path.exists():
            self.message.say(self.tr("There is no file or folder at {0}.").format(path), warning=True)
        elif path.is_dir() and self.kind() != "linkedin":
            self.message.say(
                self.tr("Only a LinkedIn export can be a folder: for this kind, choose the file itself."), warning=True
            )
        else:
            self.message.clear_message()
        self.completeChanged.emit()

    def _on_path_text_changed(self, _text: str) -> None:
        path = self.source()
        kind = guess_kind(path) if path is not None and path.exists() else None
        if kind is not None:
            self.set_kind(kind)
        self._check_path()

    def _on_kinds_id_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._update_buttons()
            self._check_path()

    def _start_folder(self) -> str:
        path = self.source()
        if path is not None and path.parent.is_dir():
            return str(path.parent)
        # LinkedIn's export and most address book exports arrive as downloads.
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)

    def _on_choose_file_clicked(self) -> None:
        info = KINDS[self.kind()]
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the file to import"), self._start_folder(), self.tr(info.file_filter)
        )
        if path:
            self.set_source(Path(path))

    def _on_choose_folder_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the unpacked LinkedIn export"), self._start_folder()
        )
        if path:
            self.set_source(Path(path))


class ColumnsPage(QWizardPage):
    """Which column of a CSV file is which field, pre-set from the file's headers, over its first rows."""

    another_file_wanted = Signal(str)  # the person wants to choose another file; why this one failed, or ""

    def __init__(
        self, background: BackgroundRunner, source: Callable[[], Path | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importColumnsPage")
        self.setTitle(self.tr("Which column is which"))
        self.setSubTitle(self.tr("Overture guessed from the column names; change whatever it got wrong."))
        self._source = source
        self.jobs = CancellableWork(background, ImportCancelled, self)
        self.preview: CsvPreview | None = None
        self._preview_of: Path | None = None
        self.model = CsvPreviewModel(dict(CSV_FIELDS), self)
        self.view = item_table("csvPreviewTable", self.tr("The file's first rows"))
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(self.fontMetrics().averageCharWidth() * 2)
        rows = (len(CSV_FIELDS) + 1) // 2
        for number, (field, label) in enumerate(CSV_FIELDS):
            combo = QComboBox()
            combo.setObjectName(f"csvColumn_{field}")
            combo.setAccessibleName(self.tr("Column for {0}").format(self.tr(label)))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
            self.combos[field] = combo
            caption = QLabel(self.tr(label))
            caption.setBuddy(combo)
            row, column = number % rows, 2 * (number // rows)
            grid.addWidget(caption, row, column)
            grid.addWidget(combo, row, column + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.message = InlineMessage("csvColumnsMessage")
        self.progress = ProgressPanel("csvProgress")
        self.choose_other = QPushButton(self.tr("Choose &Another File…"))
        self.choose_other.setObjectName("csvChooseOther")
        self.choose_other.setAccessibleName(self.tr("Go back and choose another file"))
        self.choose_other.hide()

        mapping = QWidget()
        mapping_layout = QVBoxLayout(mapping)
        mapping_layout.setContentsMargins(0, 0, 0, 0)
        mapping_layout.addWidget(quiet(plain_label(self.tr("The file's first rows:"), wrap=True)))
        mapping_layout.addWidget(self.view, 1)
        mapping_layout.addLayout(grid)
        self.mapping_widget = mapping
        self.stack = QStackedWidget()
        self.stack.addWidget(self.progress)
        self.stack.addWidget(mapping)
        # A file that cannot be read shows its reason alone, not a greyed-out form of nothing to choose from.
        self.nothing = QWidget()
        self.nothing.setObjectName("csvNothingToMap")
        self.stack.addWidget(self.nothing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)  # above what it speaks of: which column to choose, or why there is none
        layout.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_other)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        for combo in self.combos.values():
            combo.currentIndexChanged.connect(self._on_combo_changed)
        self.progress.cancel_clicked.connect(self._on_progress_cancel_clicked)
        self.jobs.running_changed.connect(lambda _running: self.completeChanged.emit())
        self.choose_other.clicked.connect(self._on_choose_other_clicked)

    def initializePage(self) -> None:
        path = self._source()
        if path is None or (self.preview is not None and path == self._preview_of):
            return  # back and forth on the same file: the person's mapping stays
        self.preview = None
        self._preview_of = None
        self.message.clear_message()
        self.choose_other.hide()
        self.progress.begin(self.tr("Reading the first rows of {0}…").format(path.name))
        self.stack.setCurrentWidget(self.progress)
        self.jobs.start(
            lambda _progress: preview_csv(path), lambda preview: self._on_previewed(path, preview), self._on_failed
        )

    def cleanupPage(self) -> None:
        self.jobs.abandon()

    def isComplete(self) -> bool:
        return self.preview is not None and not self.jobs.running and name_is_mapped(self.mapping())

    def mapping(self) -> dict[str, str]:
        """field -> header as written, for the fields given a column."""
        chosen = {field: str(combo.currentData() or "") for field, combo in self.combos.items()}
        return {field: header for field, header in chosen.items() if header}

    def mapping_pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.mapping().items())

    def set_column(self, field: str, header: str) -> None:
        """Map `field` to the column named `header` ("" for none), as picking it in the combo box does."""
        combo = self.combos[field]
        combo.setCurrentIndex(max(0, combo.findData(header)))

    def _on_previewed(self, path: Path, preview: CsvPreview) -> None:
        self.preview = preview
        self._preview_of = path
        self.model.set_preview(preview.headers, preview.rows)
        headers = list(dict.fromkeys(header for header in preview.headers if header))
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— not imported —"), "")
            for header in headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(field, ""))))
            combo.blockSignals(False)
        em = self.view.fontMetrics().averageCharWidth()
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            # Wide enough for the header's two lines, never so wide that one long note hides the rest.
            self.view.setColumnWidth(column, min(max(self.view.columnWidth(column), 12 * em), 36 * em))
        self.stack.setCurrentWidget(self.mapping_widget)
        self._on_combo_changed()

    def _on_failed(self, message: str, cancelled: bool) -> None:
        if cancelled:
            self.message.say(self.tr("Stopped: the file was not read."))
        else:
            self.message.say(message, warning=True)
        self.choose_other.show()
        self.stack.setCurrentWidget(self.nothing)
        self.completeChanged.emit()

    def _on_combo_changed(self, *_args: object) -> None:
        mapping = self.mapping()
        self.model.set_mapping(mapping)
        if self.preview is not None and not name_is_mapped(mapping):
            self.message.say(
                self.tr("Choose the column with the full name, or the columns with the first and last names.")
            )
        else:
            self.message.clear_message()
        self.completeChanged.emit()

    def _on_progress_cancel_clicked(self) -> None:
        self.jobs.abandon()  # reading the first rows cannot be interrupted, and changes nothing
        self._on_failed("", True)

    def _on_choose_other_clicked(self) -> None:
        self.another_file_wanted.emit(self.message.text() if self.message.property("warning") else "")
