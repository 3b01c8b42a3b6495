"""Walk every section and every dialog of the app in one language, on an offscreen screen of a
given size (run by tests/i18n/test_german_layout.py in a process of its own, since the screen
cannot change inside one Qt process): ``python walk_driver.py FOLDER LANG``.

Prints one JSON line: ``clipped``, each single-line label or button whose text is wider than
the room it has (where it is, the text, the widths), and ``texts``, every user-visible string
seen (text, tool tip, accessible name and description, window title, placeholder, tab titles,
list, table and tree items and headers, combo items, menu entries), each with where it was seen.
The dialogs are opened as the app opens them, with the four-week sample journal behind them.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

TEXT_GETTERS = ("text", "toolTip", "accessibleName", "accessibleDescription", "title",
                "placeholderText", "windowTitle", "statusTip", "whatsThis")


def clipped(root: QWidget) -> list[str]:
    """Text wider than the room it has: single-line labels and buttons, a combo box's chosen
    entry, a list's items (a list elides them), and tab titles hidden behind scroll arrows."""
    found = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        name = f"{type(w).__name__} {w.objectName()!r}"
        if isinstance(w, QLabel) and not w.wordWrap() and w.text() and "<" not in w.text():
            room = w.contentsRect().width()
            shown = w.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            need = max(w.fontMetrics().horizontalAdvance(line) for line in shown.split("\n"))
        elif isinstance(w, QAbstractButton) and w.text():
            room = w.width() - 8  # the style's frame and padding
            need = w.fontMetrics().horizontalAdvance(w.text().replace("&", ""))
        elif isinstance(w, QComboBox) and w.currentText() and not w.isEditable():
            option = QStyleOptionComboBox()
            w.initStyleOption(option)
            room = w.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, w).width()
            need = w.fontMetrics().horizontalAdvance(w.currentText())
            if need > room + 1:
                found.append(f"{name}: {w.currentText()!r} ({need} > {room})")
            continue
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if not w.rect().contains(w.tabRect(i)):
                    found.append(f"{name}: tab {w.tabText(i)!r} hidden "
                                 f"({w.tabRect(i).getRect()} in {w.rect().getRect()})")
            continue
        elif isinstance(w, QListView) and not isinstance(w, (QTableView, QTreeView)):
            # A view that paints itself (the body map draws numbered regions, not its items'
            # text) has no item text to clip; its items exist for screen readers.
            if type(w).paintEvent is QListView.paintEvent:
                found.extend(_list_clipped(w, name))
            continue
        else:
            continue
        if need > room + 1:
            found.append(f"{name}: {w.text()!r} ({need} > {room})")
    return found


def _list_clipped(view: QListView, name: str) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found = []
    room = view.viewport().rect()
    top = QModelIndex()
    for row in range(min(model.rowCount(top), 60)):
        index = model.index(row, 0, top)
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text or view.isRowHidden(row):
            continue
        rect = view.visualRect(index)
        if not rect.intersects(room):
            continue  # scrolled out of sight: the list scrolls to it
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = rect
        hint = view.itemDelegate().sizeHint(option, index).width()
        if rect.right() > room.right() + 1 or hint > rect.width() + 1:
            found.append(f"{name}: item {text!r} ({hint} in {rect.getRect()}, view "
                         f"{room.getRect()})")
    return found


def _model_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    display = Qt.ItemDataRole.DisplayRole
    top = QModelIndex()
    try:
        columns = model.columnCount(top)
    except TypeError:  # a list model keeps its one column to itself
        columns = 1
    for col in range(columns):
        value = model.headerData(col, Qt.Orientation.Horizontal, display)
        if isinstance(value, str):
            yield value
    # The first rows are enough to see which words a table's cells use.
    for row in range(min(model.rowCount(top), 40)):
        for col in range(columns):
            index = model.index(row, col, top)
            for role in (display, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.AccessibleTextRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
            if columns > 1 and model.rowCount(index) > 0:  # a tree's children
                for child in range(min(model.rowCount(index), 20)):
                    value = model.data(model.index(child, col, index), display)
                    if isinstance(value, str):
                        yield value


def _menu_texts(menu: QMenu) -> Iterator[str]:
    for action in menu.actions():
        for value in (action.text(), action.toolTip(), action.statusTip()):
            if value:
                yield value
        if action.menu() is not None:
            yield from _menu_texts(action.menu())


def texts(root: QWidget) -> Iterator[str]:
    """Every user-visible string of ``root`` and its visible children (markup removed)."""
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() and w is not root:
            continue
        for getter in TEXT_GETTERS:
            value = getattr(w, getter, None)
            if callable(value):
                try:
                    result = value()
                except TypeError:
                    continue
                if isinstance(result, str) and result:
                    yield result
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                yield w.tabText(i)
                yield w.tabToolTip(i)
        if isinstance(w, QTextEdit):
            yield w.toPlainText()
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                yield w.itemText(i)
        if isinstance(w, QAbstractItemView):
            yield from _model_texts(w.model())
    if hasattr(root, "menuBar"):
        for action in root.menuBar().actions():
            yield action.text()
            if action.menu() is not None:
                yield from _menu_texts(action.menu())


def _plain(text: str) -> str:
    return re.sub(r"<[^>]*>", " ", text).replace("&nbsp;", " ")


def main(folder: str, lang: str) -> None:
    app = QApplication(sys.argv[:1])
    from ui.translation import install

    install(lang)
    from journal.clock import FixedClock
    from journal.service import Journal
    from ui.main_window import MainWindow
    from ui.screenshots import NOW, seed_sample

    journal = Journal.open(Path(folder) / "journal.sqlite3", FixedClock(NOW))
    seed_sample(journal, NOW)
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(journal, settings=settings)
    window.show()
    found_clipped: list[str] = []
    found_texts: list[tuple[str, str]] = []

    def wait(seconds: float, until: Callable[[], bool] | None = None) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            if until is not None and until():
                break
            time.sleep(0.02)
        for _ in range(5):
            app.processEvents()

    def look(where: str, widget: QWidget) -> None:
        wait(0.05)
        found_clipped.extend(f"{where}: {p}" for p in clipped(widget))
        found_texts.extend((where, _plain(t)) for t in texts(widget))

    wait(0.5)
    for key in ("today", "journal", "trends", "report"):
        window.show_section(key)
        view = window.views[key]
        pool = getattr(view, "pool", None)
        wait(2 if key == "trends" else 0.3,
             until=(lambda p=pool: p.activeThreadCount() == 0) if pool is not None else None)
        look(key, window)

    def dialog(where: str, opened: QWidget, pages: Callable[[], Iterator[str]] | None = None,
               close: Callable[[], object] | None = None) -> None:
        opened.show()
        look(where, opened)
        for page in (pages() if pages is not None else ()):
            look(f"{where} ({page})", opened)
        (close or opened.close)()
        wait(0.05)

    form = window.quick_log.open_form()

    def form_tabs() -> Iterator[str]:
        for i in range(1, form.tabs.count()):
            form.tabs.setCurrentIndex(i)
            yield form.tabs.tabText(i)

    dialog("episode form", form, form_tabs, form.reject)

    checkin = window.open_checkin()

    def checkin_pages() -> Iterator[str]:
        checkin.next_page()
        yield "first question"
        n = 1
        while checkin.current_question() is not None and n < 60:
            checkin.answer(n % 2 == 0)  # some yes, some no: both follow-ups are seen
            n += 1
            yield f"question {n}" if checkin.current_question() is not None else "summary"

    dialog("check-in", checkin, checkin_pages, checkin.reject)

    from ui.dialogs.flags import EmergencyDialog, EmergencyInfoDialog, WhyDialog

    flags_list = window.open_flags_list()
    dialog("flags list", flags_list)
    flags = journal.flags()
    for flag in flags[:3]:
        dialog(f"why {flag.rule}", WhyDialog(window, flag))
    dialog("emergency", EmergencyDialog(window, flags[:1]))
    dialog("emergency info", EmergencyInfoDialog(window))

    dialog("medications", window.open_medications())
    dialog("triggers", window.open_triggers())
    from ui.dialogs.help import open_help

    dialog("help", open_help(window))
    dialog("tray and reminder settings", _tray_settings(window))

    from ui.safety_actions import DeleteAllDialog, PassphraseDialog, RestoreDialog

    journal.backup_now()
    dialog("restore", RestoreDialog(journal.backups(), window, summarize=journal.summary))
    dialog("delete all", DeleteAllDialog(journal.path, len(journal.backups()), window))
    dialog("passphrase", PassphraseDialog(window))
    for where, box in _message_boxes(window, folder):
        dialog(where, box)

    print(json.dumps({"clipped": found_clipped, "texts": found_texts,
                      "flags": [f.rule for f in flags]}))
    window.close_to_tray = False
    window.close()
    journal.close()


def _tray_settings(window) -> QWidget:  # type: ignore[no-untyped-def]
    from ui.tray import TraySettingsDialog

    return TraySettingsDialog(window.tray)


def _message_boxes(window, folder: str) -> Iterator[tuple[str, QMessageBox]]:  # type: ignore[no-untyped-def]
    """The import preview and the import report, as the app words them (their boxes are shown
    here instead of run modally)."""
    from journal.clock import FixedClock
    from journal.model import Episode, Kind
    from journal.service import Journal
    from ui.screenshots import NOW

    source = Path(folder) / "other.json"
    with Journal.open(Path(folder) / "other.sqlite3", FixedClock(NOW)) as other:
        other.add_episode(Episode(Kind.CRAMP, NOW, 60, 5))
        other.export_json(source)
    actions = window.safety_actions
    asked: list[tuple[str, str, str]] = []
    reported: list[str] = []

    def confirm(title: str, text: str, yes: str) -> bool:
        asked.append((title, text, yes))
        return True

    def report(text: str) -> bool:
        reported.append(text)
        return False

    actions.confirm = confirm
    actions.report_import = report
    actions.inform = lambda *_a: None
    actions.warn = lambda *_a: None
    actions.import_path(source)
    for title, text, yes in asked:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Cancel, window)
        box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        yield f"asked: {title}", box
    for text in reported:
        box = QMessageBox(QMessageBox.Icon.Information, "", text,
                          QMessageBox.StandardButton.Ok, window)
        yield "import report", box


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
