"""The main window: a sidebar of sections (Today, Journal, Trends, Report), menus, status bar.

Sections are separate modules so each can grow on its own: a view class is constructed as
``View(window)`` and reads ``window.journal``; after every mutation the window emits
``journalChanged(Change)`` and views refresh what they show. The window holds its sections and
its parts (flags banner, notice bar, quick log, safety actions, tray) as typed attributes, built
here in one place; the parts that add menus (flags, safety actions, tray) do so through
``install(window)``, called once at the end, after the menus exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME, __version__
from journal.errors import StorageError, ValidationError
from journal.service import Change, Journal
from ui.assets import resource_path
from ui.dialogs.flags import FlagsDialog, open_flags_list
from ui.dialogs.flags import install as install_flags
from ui.dialogs.help import install as install_help
from ui.geometry import fit_to_screen
from ui.safety_actions import SafetyActions
from ui.safety_actions import install as install_safety_actions
from ui.sample_data import install as install_sample_mode
from ui.session import SingleInstance, bring_forward, open_journal_or_explain
from ui.tray import Tray
from ui.tray import install as install_tray
from ui.views.today import TodayView
from ui.views.trends import TrendsView
from ui.widgets.flags_banner import FlagsBanner
from ui.widgets.notice import NoticeBar
from ui.widgets.quick_log import QuickLog

#: The sections' keys in sidebar order (also Ctrl+1..4). Titles are translated in _section_title.
SECTION_KEYS: tuple[str, ...] = ("today", "journal", "trends", "report")
#: The window's size on a screen with room for it (smaller screens get what fits).
PREFERRED_SIZE = QSize(1280, 800)

if TYPE_CHECKING:
    from ui.views.journal_view import JournalView
    from ui.views.report_view import ReportView


def _journal_view(window: MainWindow) -> QWidget:
    from ui.views.journal_view import JournalView

    return JournalView(window)


def _report_view(window: MainWindow) -> QWidget:
    from ui.views.report_view import ReportView

    return ReportView(window)


#: Sections built the first time they are shown or asked for, not at start: the Journal table
#: and the Report form are 148 of the window's 321 widgets, which the start would otherwise
#: make, lay out and style for a page that is not on screen.
LATER_SECTIONS: dict[str, Callable[[MainWindow], QWidget]] = {
    "journal": _journal_view, "report": _report_view,
}


class _Sections(Mapping[str, QWidget]):
    """The window's sections by key, in sidebar order; a later section is built when asked."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __getitem__(self, key: str) -> QWidget:
        return self._window.section(key)

    def __iter__(self) -> Iterator[str]:
        return iter(SECTION_KEYS)

    def __len__(self) -> int:
        return len(SECTION_KEYS)


class SectionStack(QStackedWidget):
    """The sections, sized by the one showing: a wide Journal must not make Today scroll."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class MainWindow(QMainWindow):
    journalChanged = Signal(object)
    journalReplaced = Signal(object)

    def __init__(self, journal: Journal, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        #: The one-instance lock of the open journal (set by the app; tests may leave it None).
        self.instance_guard: SingleInstance | None = None
        #: Per-user preferences (tray, reminder, the running cramp timer). Tests pass their own.
        self.settings = settings if settings is not None else QSettings()
        #: Set by the tray when its icon is showing: closing the window then hides it.
        self.close_to_tray = False
        #: Set by Quit (and by safety actions that must close the app): closing really closes.
        self._quitting = False
        #: The tray icon and its menu; None only until the parts are installed below.
        self.tray: Tray | None = None
        #: View > Flags…, and the flags list while it is open (both kept by ui.dialogs.flags).
        self._flags_dialog: FlagsDialog | None = None

        self.quick_log = QuickLog(self)
        self.setWindowTitle(APP_NAME)
        # Small enough for 1280x800 at 1.5x (853x533 logical pixels): the sections scroll.
        self.setMinimumSize(QSize(560, 400))
        self._menus: dict[str, QMenu] = {}

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = FlagsBanner(self)
        outer.addWidget(self.banner)
        # The notice floats over the foot of the section (see _place_notice): in the layout it
        # would push the page down when it shows and pull it up when it hides.
        self.notice = NoticeBar(central)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(body, 1)

        self.sidebar = QListWidget(central)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Sections"))
        self.sidebar.setFixedWidth(176)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = SectionStack(central)
        # A section that cannot shrink to a small or scaled screen scrolls rather than being cut.
        self.stack_scroll = QScrollArea(central)
        self.stack_scroll.setObjectName("sectionScroll")
        self.stack_scroll.setWidgetResizable(True)
        self.stack_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.stack_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack_scroll.setWidget(self.stack)
        self.stack_scroll.installEventFilter(self)
        self.notice.shown.connect(self._place_notice)
        body.addWidget(self.sidebar)
        body.addWidget(self.stack_scroll, 1)

        #: The sections made so far, by key (see LATER_SECTIONS and :meth:`section`).
        self._built: dict[str, QWidget] = {}
        self.today = TodayView(self)
        self._add_section("today", self.today)
        self._add_section("journal", None)
        self.trends = TrendsView(self)
        self._add_section("trends", self.trends)
        self._add_section("report", None)
        #: The sections by key, in sidebar order (a later one is built when asked for).
        self.views: Mapping[str, QWidget] = _Sections(self)
        self.sidebar.currentRowChanged.connect(self._show_row)
        self.sidebar.setCurrentRow(0)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_log_actions()
        self.apply_style()
        self.file_label = QLabel(self)
        self.file_label.setAccessibleName(self.tr("Journal file"))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.file_label)
        self.journalChanged.connect(self._after_change)
        self._refresh_status()
        fit_to_screen(self, "main_window", PREFERRED_SIZE, self.settings)
        # Start where people start: the Today quick log (not the first button in the banner).
        self._first_show = True

        # The parts that add to the menus, in the order their entries appear.
        self.flags_action = install_flags(self, self.menu_named("View"), self.open_flags_list)
        self.banner.listRequested.connect(self.open_flags_list)
        self.safety_actions: SafetyActions = install_safety_actions(self)
        self.tray = install_tray(self)
        self.sample_mode = install_sample_mode(self)
        self.help_action = install_help(self, self.menu_named("Help"))

    # --- sections ---------------------------------------------------------------------------

    def _add_section(self, key: str, view: QWidget | None) -> None:
        """Add a section's page and sidebar entry; None keeps its place for a later section."""
        title = self._section_title(key)
        if view is None:
            view = QWidget(self.stack)  # a place holder, never shown: see section()
        else:
            view.setObjectName(f"view_{key}")
            self._built[key] = view
        self.stack.addWidget(view)
        item = QListWidgetItem(title, self.sidebar)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        item.setSizeHint(QSize(160, 40))

    def _section_title(self, key: str) -> str:
        return {
            "today": self.tr("Today"),
            "journal": self.tr("Journal"),
            "trends": self.tr("Trends"),
            "report": self.tr("Report"),
        }[key]

    def show_section(self, key: str) -> None:
        self.sidebar.setCurrentRow(SECTION_KEYS.index(key))

    def section(self, key: str) -> QWidget:
        """The section's view, built now if it is a later section not yet made."""
        view = self._built.get(key)
        if view is None:
            view = LATER_SECTIONS[key](self)
            view.setObjectName(f"view_{key}")
            index = SECTION_KEYS.index(key)
            holder = self.stack.widget(index)
            self._built[key] = view
            self.stack.insertWidget(index, view)
            self.stack.removeWidget(holder)
            holder.deleteLater()
        return view

    def built_section(self, key: str) -> QWidget | None:
        """The section's view if it has been made (for work that must not build it)."""
        return self._built.get(key)

    @property
    def journal_view(self) -> JournalView:
        return self.section("journal")  # type: ignore[return-value]

    @property
    def report_view(self) -> ReportView:
        return self.section("report")  # type: ignore[return-value]

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(SECTION_KEYS):
            self.section(SECTION_KEYS[row])
        self.stack.setCurrentIndex(row)

    # --- menus ------------------------------------------------------------------------------

    def open_flags_list(self) -> FlagsDialog:
        """Show the Flags list (View > Flags…, or "All flags…" on the banner); one at a time."""
        self._flags_dialog = open_flags_list(self, self._flags_dialog,
                                             on_dismissed=lambda _rule: self.banner.refresh())
        return self._flags_dialog

    def menu_named(self, name: str) -> QMenu:
        """The menu with that key ('File', 'Edit', 'View', 'Help'), for extensions to add to."""
        return self._menus[name]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        titles = {"File": self.tr("&File"), "Edit": self.tr("&Edit"),
                  "View": self.tr("&View"), "Help": self.tr("&Help")}
        for key, title in titles.items():
            self._menus[key] = bar.addMenu(title)
        file_menu = self._menus["File"]

        self.open_action = QAction(self.tr("&Open journal file…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._choose_journal_file)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        self.export_json_action = QAction(self.tr("Export as &JSON…"), self)
        self.export_json_action.triggered.connect(lambda: self._export("json"))
        self.export_csv_action = QAction(self.tr("Export as &CSV…"), self)
        self.export_csv_action.triggered.connect(lambda: self._export("csv"))
        self.import_action = QAction(self.tr("&Import JSON…"), self)
        self.import_action.triggered.connect(self._import)
        for a in (self.export_json_action, self.export_csv_action, self.import_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.quit_app)
        file_menu.addAction(self.quit_action)

        edit = self._menus["Edit"]
        self.undo_action = QAction(self.tr("&Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self.tr("&Redo"), self)
        # Ctrl+Shift+Z everywhere (the standard key alone is Ctrl+Y on some platforms).
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)

        view = self._menus["View"]
        for i, key in enumerate(SECTION_KEYS):
            action = QAction(self._section_title(key), self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _=False, k=key: self.show_section(k))
            view.addAction(action)

        from ui.translation import install_language_menu

        view.addSeparator()
        self.language_menu = install_language_menu(
            self, view, self.settings, lambda text: self.statusBar().showMessage(text, 8000))

        help_menu = self._menus["Help"]
        about = QAction(self.tr("&About Symptom Journal"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self._update_undo_actions()

    def _build_log_actions(self) -> None:
        """The Log menu: quick logging, the check-in, medications and triggers."""
        from journal.model import Kind

        bar = self.menuBar()
        log_menu = QMenu(self.tr("&Log"), self)
        bar.insertMenu(self._menus["Edit"].menuAction(), log_menu)
        self._menus["Log"] = log_menu
        q = self.quick_log

        def action(text: str, slot, shortcut=None, name: str = "") -> QAction:  # type: ignore[no-untyped-def]
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(shortcut)
            a.triggered.connect(lambda _=False: slot())
            log_menu.addAction(a)
            if name:
                a.setObjectName(name)
            return a

        self.new_episode_action = action(self.tr("&New episode…"), q.open_form,
                                         QKeySequence.StandardKey.New, "newEpisode")
        self.twitch_now_action = action(self.tr("&Twitch now"), lambda: q.log_now(Kind.TWITCH),
                                        QKeySequence("Ctrl+Shift+T"), "twitchNow")
        self.cramp_now_action = action(self.tr("&Cramp now"), lambda: q.log_now(Kind.CRAMP),
                                       QKeySequence("Ctrl+Shift+C"), "crampNow")
        self.cramp_timer_action = action(self.tr("Cramp &started (timer)"),
                                         self.toggle_cramp_timer, QKeySequence("Ctrl+Shift+S"),
                                         "crampTimer")
        self.cancel_timer_action = action(self.tr("Cancel the cramp timer"), q.cancel_cramp,
                                          None, "cancelCrampTimer")
        log_menu.addSeparator()
        self.checkin_action = action(self.tr("&Daily check-in…"), self.open_checkin,
                                     QKeySequence("Ctrl+D"), "checkin")
        self.medications_action = action(self.tr("&Medications and supplements…"),
                                         self.open_medications, QKeySequence("Ctrl+M"),
                                         "medications")
        self.triggers_action = action(self.tr("My &triggers…"), self.open_triggers, None,
                                      "triggers")
        q.ongoingChanged.connect(self._update_cramp_action)
        q.ongoingChanged.connect(self.notice.revalidate)
        self._update_cramp_action()

    def toggle_cramp_timer(self) -> None:
        if self.quick_log.ongoing_start() is None:
            self.quick_log.start_cramp()
        else:
            self.quick_log.end_cramp()

    def _update_cramp_action(self) -> None:
        running = self.quick_log.ongoing_start() is not None
        self.cancel_timer_action.setEnabled(running)
        self.cramp_timer_action.setText(
            self.tr("Cramp &ended (stop timer)") if running else self.tr("Cramp &started (timer)"))

    def open_checkin(self, day=None):  # type: ignore[no-untyped-def]
        from ui.dialogs.checkin import CheckInDialog

        self.show_from_tray()
        dialog = CheckInDialog(self, day)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def open_medications(self):  # type: ignore[no-untyped-def]
        from ui.dialogs.medications import MedicationsDialog

        dialog = MedicationsDialog(self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def open_triggers(self):  # type: ignore[no-untyped-def]
        from ui.dialogs.triggers import TriggersDialog

        dialog = TriggersDialog(self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    # --- look -------------------------------------------------------------------------------

    def apply_style(self) -> None:
        """resources/style.qss; ``@pick(light | dark)`` chooses a value for the current scheme."""
        import re

        path = resource_path("style.qss")
        if not path.exists():
            return
        from ui.theme import is_dark

        dark = is_dark()
        text = path.read_text(encoding="utf-8")
        # One level of nested parentheses is allowed, e.g. @pick(palette(base) | #2b2b30).
        text = re.sub(r"@pick\(((?:[^|()]|\([^()]*\))*)\|((?:[^()]|\([^()]*\))*)\)",
                      lambda m: (m.group(2) if dark else m.group(1)).strip(), text)
        text = text.replace("@ICONS@", resource_path("icons").as_posix())
        if text != self.styleSheet():  # setting it re-polishes: only when it really changed
            self.setStyleSheet(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.stack_scroll and event.type() in (QEvent.Type.Resize,
                                                              QEvent.Type.Move):
            self._place_notice()
        return super().eventFilter(watched, event)

    def _place_notice(self) -> None:
        """Along the foot of the section area, above the status bar, over the page."""
        area = self.stack_scroll.geometry()
        height = min(self.notice.height_for(area.width()), area.height())
        self.notice.setGeometry(area.left(), area.bottom() + 1 - height, area.width(), height)
        self.notice.raise_()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self.apply_style()
        super().changeEvent(event)

    # --- tray -------------------------------------------------------------------------------

    def show_from_tray(self) -> None:
        if self.isVisible() and not self.isMinimized():
            return
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            page = self.stack.currentWidget()
            start = self.today.picker if page is self.today else page
            start.setFocus(Qt.FocusReason.OtherFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_to_tray and not self._quitting:
            # Tray apps keep running when their window closes; Quit (Ctrl+Q) really quits.
            event.ignore()
            self.hide()
            if self.tray is not None:
                self.tray.closed_to_tray()
            return
        super().closeEvent(event)

    # --- mutations --------------------------------------------------------------------------

    def run_mutation(self, mutation: Callable[[], Change]) -> Change | None:
        """Run a service mutation; show a storage or validation error; announce the change."""
        try:
            change = mutation()
        except (ValidationError, StorageError) as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return None
        self.journalChanged.emit(change)
        return change

    def announce(self, change: Change) -> None:
        """For callers that ran the service themselves (to show errors inline)."""
        self.journalChanged.emit(change)

    def undo(self) -> None:
        self._undo_redo(self.journal.undo)

    def notify_undoable(self, text: str,
                        actions: list[tuple[str, Callable[[], None]]] | None = None,
                        extra: QWidget | None = None) -> None:
        """Show a notice about the change just made, with an Undo for exactly that change.

        The notice keeps the undo step that was on top when it was shown; once another step is
        on top (Ctrl+Z undid it, or a later edit came after it) the notice hides, and its Undo
        never undoes a different change.
        """
        step = self.journal.undo_top
        journal = self.journal

        def still_on_top() -> bool:
            return self.journal is journal and step is not None and journal.undo_top is step

        def undo_this() -> None:
            if still_on_top():
                self.undo()

        self.notice.show_message(text, [*(actions or []), (self.tr("&Undo"), undo_this)],
                                 valid_while=still_on_top, extra=extra)

    def redo(self) -> None:
        self._undo_redo(self.journal.redo)

    def _undo_redo(self, step: Callable[[], Change | None]) -> None:
        try:
            change = step()
        except StorageError as exc:
            QMessageBox.warning(self, self.tr("Not changed"), str(exc))
            return
        if change is not None:
            self.statusBar().showMessage(
                (self.tr("Undone: {0}") if change.action == "undone"
                 else self.tr("Redone: {0}")).format(change.label), 4000)
            self.journalChanged.emit(change)

    def _after_change(self, _change: Change) -> None:
        self.notice.revalidate()
        self._update_undo_actions()
        self._refresh_status()

    def _update_undo_actions(self) -> None:
        j = self.journal
        self.undo_action.setEnabled(j.can_undo)
        self.redo_action.setEnabled(j.can_redo)
        self.undo_action.setText(
            self.tr("&Undo {0}").format(j.undo_label) if j.can_undo else self.tr("&Undo"))
        self.redo_action.setText(
            self.tr("&Redo {0}").format(j.redo_label) if j.can_redo else self.tr("&Redo"))

    def _refresh_status(self) -> None:
        count = self.journal.count_episodes()
        self.file_label.setText(
            self.tr("{0} episodes · {1}").format(count, str(self.journal.path)))
        self.file_label.setToolTip(str(self.journal.path))

    # --- files ------------------------------------------------------------------------------

    def open_journal_file(self, path: Path) -> bool:
        """Switch to another journal file (e.g. sample data). The current one is closed."""
        guard = None
        same = Path(path).resolve() == self.journal.path.resolve()
        if self.instance_guard is not None and not same:
            # One app per journal, for every file it opens, not only the first.
            guard = SingleInstance(Path(path))
            if not guard.acquire():
                woke = guard.notify_running()
                guard.release()
                QMessageBox.information(self, self.tr("Already open"), self.tr(
                    "{0} is open in another Symptom Journal window; that window was brought "
                    "forward.").format(str(path)) if woke else guard.held_elsewhere_text())
                return False
        new = open_journal_or_explain(Path(path), self, clock=self.journal.clock)
        if new is None:
            if guard is not None:
                guard.release()
            return False
        if guard is not None:
            self.instance_guard.release()
            self.instance_guard = guard
            guard.activationRequested.connect(lambda: bring_forward(self))
        old, self.journal = self.journal, new
        old.close()
        self.journalReplaced.emit(new)
        self.journalChanged.emit(Change("journal", "imported", (), (), self.tr("Opened file")))
        return True

    def _choose_journal_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open journal file"), str(self.journal.path.parent),
            self.tr("Symptom Journal files (*.sqlite3);;All files (*)"))
        if path:
            self.open_journal_file(Path(path))

    def _export(self, fmt: str) -> None:
        suffix = "json" if fmt == "json" else "csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export"), str(Path.home() / f"symptom-journal.{suffix}"),
            self.tr("JSON (*.json)") if fmt == "json" else self.tr("CSV (*.csv)"))
        if not path:
            return
        try:
            n = (self.journal.export_json(Path(path)) if fmt == "json"
                 else self.journal.export_csv(Path(path)))
        except (OSError, StorageError) as exc:
            QMessageBox.warning(self, self.tr("Not exported"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Exported {0} episodes to {1}").format(n, path), 6000)

    def _import(self) -> None:
        # Preview, confirmation, restore point and undo live with the other data-safety actions.
        self.safety_actions.choose_and_import()

    # --- about and quit ---------------------------------------------------------------------

    def show_about(self) -> None:
        QMessageBox.about(
            self, self.tr("About Symptom Journal"),
            self.tr(
                "<h3>Symptom Journal {0}</h3>"
                "<p>A private diary for buttock and hip muscle twitches and cramps.</p>"
                "<p>Your journal stays on this computer: <br><code>{1}</code></p>"
                "<p>It offers guidance on when to see a doctor, never a diagnosis. "
                "If in doubt, call your emergency number.</p>"
            ).format(__version__, str(self.journal.path)),
        )

    def quit_app(self) -> None:
        self._quitting = True
        self.close()
        QApplication.quit()
