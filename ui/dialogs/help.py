"""Help > Guide and shortcuts (F1): a short guide to the app and the list of its keyboard shortcuts.

The shortcut list is read from the window's menus when the dialog opens, so it always says what
the keys really do (a shortcut added or changed in a menu shows up here without an edit).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

#: Keys that work without a menu entry (shown after the menus' shortcuts), in Qt's portable key
#: names: shown in the language's own names ("Entf" for Delete in German) by :func:`key_names`.
EXTRA_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("HelpDialog", "Move to the next / previous control")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("HelpDialog", "Journal: search in notes")),
    ("Enter", QT_TRANSLATE_NOOP("HelpDialog", "Journal: edit the selected episode")),
    ("Delete", QT_TRANSLATE_NOOP(
        "HelpDialog", "Journal: delete the selected episode (Ctrl+Z brings it back)")),
    ("Escape", QT_TRANSLATE_NOOP("HelpDialog", "Close a form or dialog without saving")),
)


def key_names(keys: str) -> str:
    """``keys`` ("Tab / Shift+Tab", "Escape") as the keyboard's keys are named in the app's
    language, through Qt's own catalogue (the portable names are English)."""
    native = QKeySequence.SequenceFormat.NativeText
    return " / ".join(QKeySequence(part.strip()).toString(native) for part in keys.split("/"))


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action text, keys) for every menu action with a shortcut, in menu order."""
    found: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, title)
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText)
                    for k in action.shortcuts() if not k.isEmpty()]
            if keys and not action.isSeparator():
                text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
                # Undo and Redo name the change they would undo ("Undo Add cramp at ..."):
                # the guide names the key, not today's change.
                if action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo):
                    text = QCoreApplication.translate("HelpDialog", "Undo the last change")
                elif QKeySequence("Ctrl+Shift+Z") in action.shortcuts():
                    text = QCoreApplication.translate("HelpDialog", "Redo what was undone")
                either = QCoreApplication.translate("HelpDialog", "{0} or {1}")
                shown = keys[0]
                for more in keys[1:]:
                    shown = either.format(shown, more)
                found.append((title, text.rstrip("…").strip(), shown))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, top.text().replace("&", ""))
    return found


class HelpDialog(QDialog):
    """The guide and the shortcut table in one scrollable page."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Guide and shortcuts"))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpText")
        self.browser.setAccessibleName(self.tr("Guide and keyboard shortcuts"))
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(self._guide_html() + self._shortcuts_html(window))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen = window.screen().availableGeometry() if window.screen() else None
        width, height = 640, 620
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)

    def _guide_html(self) -> str:
        parts = [
            ("h2", self.tr("Symptom Journal in five steps")),
            ("p", self.tr("<b>1. Log it when it happens.</b> On Today, press Twitch or Cramp "
                          "(or Ctrl+Shift+T / Ctrl+Shift+C from anywhere). The notice that "
                          "appears says what was saved and offers Add details… and Undo. For a "
                          "cramp you can time, use Cramp started and Cramp ended.")),
            ("p", self.tr("<b>2. Add details when you have a moment.</b> New episode… (Ctrl+N) "
                          "opens the full form: where it was felt, how strong, what you were "
                          "doing, suspected triggers, warning signs, what helped.")),
            ("p", self.tr("<b>3. Check in once a day.</b> Daily check-in (Ctrl+D) asks about "
                          "caffeine, water, sitting, exercise, stress and sleep, and the "
                          "warning-sign questions one by one. A day without a check-in or an "
                          "episode counts as unrecorded, not as a good day.")),
            ("p", self.tr("<b>4. Look at the pattern.</b> Journal lists every episode (filter, "
                          "search, edit, delete). Trends shows charts and which triggers go "
                          "with more episodes on your recorded days.")),
            ("p", self.tr("<b>5. Take a report to your doctor.</b> Report writes a PDF with a "
                          "one-page summary first.")),
            ("p", self.tr("<b>Flags.</b> The banner at the top says when something you recorded "
                          "is a reason to see a doctor, how soon, and why (Why?). It never "
                          "diagnoses. If in doubt, call your emergency number.")),
            ("p", self.tr("<b>Your data.</b> The journal stays on this computer. File has Back "
                          "up now, Restore from backup, Export and Import, Protect with a "
                          "passphrase, and Delete all my data. Backups are made automatically "
                          "while the app runs.")),
        ]
        return "".join(f"<{tag}>{text}</{tag}>" for tag, text in parts)

    def _shortcuts_html(self, window: QMainWindow) -> str:
        rows = [(keys, f"{menu}: {text}") for menu, text, keys in menu_shortcuts(window)]
        rows += [(key_names(keys), QCoreApplication.translate("HelpDialog", what))
                 for keys, what in EXTRA_SHORTCUTS]
        body = "".join(
            f"<tr><td style='padding-right:16px'><b>{html.escape(keys)}</b></td>"
            f"<td>{html.escape(what)}</td></tr>" for keys, what in rows)
        # tr() outside the f-string: pyside6-lupdate does not read calls inside one.
        title = self.tr("Keyboard shortcuts")
        return f"<h2>{html.escape(title)}</h2><table>{body}</table>"


def open_help(window: QMainWindow) -> HelpDialog:
    dialog = HelpDialog(window)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog


def install(window: QMainWindow, help_menu: QMenu) -> QAction:
    """Help > Guide and shortcuts (F1), first in the Help menu."""
    # translate() with the dialog's context: window.tr() here was extracted under "window".
    action = QAction(QCoreApplication.translate("HelpDialog", "&Guide and shortcuts"), window)
    action.setObjectName("helpGuide")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.triggered.connect(lambda _=False: open_help(window))
    first = help_menu.actions()[0] if help_menu.actions() else None
    if first is not None:
        help_menu.insertAction(first, action)
    else:
        help_menu.addAction(action)
    return action
