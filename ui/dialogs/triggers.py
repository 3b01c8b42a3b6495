"""My triggers: add your own suspected triggers next to the built-in ones."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from journal.errors import StorageError, ValidationError
from journal.model import BUILTIN_TRIGGERS, UserTrigger
from ui.widgets.labels import trigger_label


def trigger_id_for(label: str) -> str:
    """A stable id from a name: 'Cold weather!' -> 'cold_weather'."""
    slug = re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")
    if slug and not slug[0].isalpha():
        slug = "t_" + slug
    return slug[:48]


class TriggersDialog(QDialog):
    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.main_window = window
        self.journal = window.journal
        self.setWindowTitle(self.tr("My triggers"))
        self.resize(520, 460)
        root = QVBoxLayout(self)
        root.setContentsMargins(18, 14, 18, 14)
        intro = QLabel(self.tr(
            "Built in: {0}. Add anything else you suspect; it then appears in the quick log, "
            "the form and the trends.").format(
                ", ".join(trigger_label(t).lower() for t in BUILTIN_TRIGGERS)), self)
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        root.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Your triggers"))
        root.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.label_edit = QLineEdit(self)
        self.label_edit.setPlaceholderText(self.tr("Name, e.g. Cold weather"))
        self.label_edit.setAccessibleName(self.tr("Trigger name"))
        self.unit_edit = QLineEdit(self)
        self.unit_edit.setPlaceholderText(self.tr("Unit (optional)"))
        self.unit_edit.setAccessibleName(self.tr("Unit for the amount"))
        self.unit_edit.setMaximumWidth(130)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setObjectName("primary")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.label_edit, 1)
        row.addWidget(self.unit_edit)
        row.addWidget(self.add_button)
        root.addLayout(row)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        root.addWidget(self.error)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        root.addLayout(bottom)
        self.refresh()
        self.label_edit.setFocus()

    def refresh(self) -> None:
        self.list.clear()
        for t in self.journal.user_triggers():
            self.list.addItem(f"{t.label}" + (f"  ({t.unit})" if t.unit else ""))
        if not self.list.count():
            self.list.addItem(self.tr("No triggers of your own yet."))

    def add(self) -> bool:
        self.error.hide()
        label = self.label_edit.text().strip()
        trigger = UserTrigger(trigger_id_for(label), label, self.unit_edit.text().strip() or None)
        try:
            if not label:
                raise ValidationError("label", self.tr("The trigger needs a name."))
            change = self.journal.add_user_trigger(trigger)
        except (ValidationError, StorageError) as exc:
            self.error.setText("⚠ " + str(exc))
            self.error.show()
            self.label_edit.setFocus()
            return False
        self.main_window.announce(change)
        self.label_edit.clear()
        self.unit_edit.clear()
        self.refresh()
        return True
