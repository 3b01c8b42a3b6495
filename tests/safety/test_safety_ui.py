"""The app's side of data safety: one instance per journal (stale lock recovered, the second
launch wakes the first), the damaged-file and passphrase prompts at start, the File menu actions
and the automatic backups while the app runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from journal import errors
from journal.clock import FixedClock
from journal.service import Journal
from journal.store import backup, crypto, files
from tests.helpers.safety import DiskFull, digest, episode
from ui.app import SingleInstance, StartupPrompts, open_journal_or_explain

# The offscreen platform reports what it cannot do with real windows: not about the app.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|requestActivate)")

LOCK_HOLDER = r"""
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
print("locked" if lock.tryLock(100) else "busy", flush=True)
time.sleep(120)
"""


@pytest.fixture
def window(qtbot, journal: Journal, tmp_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    try:
        w = MainWindow(journal, settings=settings)
    except TypeError:  # a window without settings support
        w = MainWindow(journal)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    if hasattr(w, "close_to_tray"):
        w.close_to_tray = False
    yield w
    w.close()


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> None:
        self.calls.append((title, text))


def _silence(actions) -> Recorder:  # type: ignore[no-untyped-def]
    rec = Recorder()
    actions.warn = rec
    actions.inform = rec
    return rec


# --- one instance ---------------------------------------------------------------------------


def test_a_second_instance_wakes_the_first(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "data" / "journal.sqlite3"
    first = SingleInstance(path)
    second = SingleInstance(path)
    try:
        assert first.acquire()
        assert files.lock_path(path).exists()
        assert not second.acquire()
        with qtbot.waitSignal(first.activationRequested, timeout=3000):
            assert second.notify_running()
    finally:
        second.release()
        first.release()
    assert not files.lock_path(path).exists()
    again = SingleInstance(path)
    assert again.acquire()
    again.release()


def test_opening_another_journal_takes_its_lock_and_frees_the_first(
        qtbot, window, tmp_path: Path, clock: FixedClock,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = window.journal.path
    window.instance_guard = SingleInstance(first)
    assert window.instance_guard.acquire()
    other = tmp_path / "other" / "journal.sqlite3"
    with Journal.open(other, clock) as j:
        j.add_episode(episode())
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text, *a: told.append(text))
    elsewhere = SingleInstance(other)  # another window has it open
    try:
        assert elsewhere.acquire()
        with qtbot.waitSignal(elsewhere.activationRequested, timeout=3000):
            assert window.open_journal_file(other) is False
        assert window.journal.path == first and told and "another Symptom Journal" in told[0]
    finally:
        elsewhere.release()
    assert window.open_journal_file(other) is True
    assert window.journal.path == other and window.journal.count_episodes() == 1
    assert not SingleInstance(other).acquire()  # this window holds the new journal's lock...
    again = SingleInstance(first)
    try:
        assert again.acquire()  # ...and has let go of the first one
    finally:
        again.release()
        window.instance_guard.release()


def _hold_lock(path: Path) -> subprocess.Popen[str]:
    files.ensure_private_dir(path.parent)
    proc = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(files.lock_path(path))],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_lock_left_by_a_killed_process_is_recovered(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    holder = _hold_lock(path)
    try:
        live = SingleInstance(path)
        assert not live.acquire()  # a live holder is never overridden
        assert not live.notify_running(timeout_ms=300)  # and it has no window to wake
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert files.lock_path(path).exists()  # left behind by the killed process
    recovered = SingleInstance(path)
    try:
        assert recovered.acquire()
    finally:
        recovered.release()


def _app_env(tmp_path: Path, db_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SYMPTOM_JOURNAL_DB=str(db_path),
               HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"))
    (tmp_path / "home").mkdir(exist_ok=True)
    return env


def test_second_launch_brings_the_first_forward_then_a_killed_app_is_recovered(
        tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "journal.sqlite3"
    env = _app_env(tmp_path, db_path)
    launcher = [sys.executable, "-m", "ui.launcher"]
    first = subprocess.Popen(launcher, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while files.app_lock_holder(db_path) != first.pid:
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline, "the first app never took the lock"
            time.sleep(0.1)
        time.sleep(0.5)  # its local server listens right after the lock is taken
        second = subprocess.run([*launcher, "--smoke-test"], env=env, capture_output=True,
                                text=True, timeout=60)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "brought forward" in second.stdout
        assert "smoke-test ok" not in second.stdout  # it did not open the journal itself
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
        for stream in (first.stdout, first.stderr):
            if stream is not None:
                stream.close()
    assert files.lock_path(db_path).exists()
    third = subprocess.run([*launcher, "--smoke-test"], env=env, capture_output=True, text=True,
                           timeout=60)
    assert third.returncode == 0 and "smoke-test ok" in third.stdout, third.stdout + third.stderr


def test_a_journal_locked_by_something_unreachable_is_reported(tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "journal.sqlite3"
    holder = _hold_lock(db_path)
    try:
        proc = subprocess.run([sys.executable, "-m", "ui.launcher", "--smoke-test"],
                              env=_app_env(tmp_path, db_path), capture_output=True, text=True,
                              timeout=60)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert proc.returncode == 1
    assert "already open" in proc.stdout
    assert not db_path.exists()  # it did not touch the journal


# --- start-up prompts -----------------------------------------------------------------------


class FakePrompts:
    def __init__(self, choices: list[str] | None = None,
                 passphrases: list[str | None] | None = None,
                 other: Path | None = None) -> None:
        self.choices = list(choices or [])
        self.passphrases = list(passphrases or [])
        self.other = other
        self.seen: list[tuple[str, ...]] = []

    def ask_passphrase(self, path: Path, problem: str) -> str | None:
        self.seen.append(("passphrase", problem))
        return self.passphrases.pop(0)

    def damaged(self, path: Path, message: str, latest: object | None) -> str:
        self.seen.append(("damaged", message, str(getattr(latest, "path", None))))
        return self.choices.pop(0)

    def choose_file(self, near: Path) -> Path | None:
        return self.other

    def error(self, title: str, message: str) -> None:
        self.seen.append(("error", message))

    def info(self, title: str, message: str) -> None:
        self.seen.append(("info", message))


def _damaged_with_backup(tmp_path: Path, clock: FixedClock) -> tuple[Path, Path, str]:
    path = tmp_path / "data" / "journal.sqlite3"
    with Journal.open(path, clock) as j:
        kept = episode()
        j.add_episode(kept)
        good = j.backup_now()
    path.write_bytes(path.read_bytes()[:3000])
    return path, good, kept.id


def test_damaged_at_start_restore_latest_good_backup(tmp_path: Path, clock: FixedClock) -> None:
    path, good, kept_id = _damaged_with_backup(tmp_path, clock)
    damaged_bytes = path.read_bytes()
    prompts = FakePrompts(choices=["restore"])
    journal = open_journal_or_explain(path, prompts=prompts, clock=clock)
    assert journal is not None
    try:
        assert journal.get_episode(kept_id) is not None
    finally:
        journal.close()
    kind, message, offered = prompts.seen[0]
    assert kind == "damaged" and "truncated" in message and offered == str(good)
    assert prompts.seen[-1][0] == "info"
    kept = [b.path for b in backup.list_backups(path) if b.reason == "damaged"]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes  # never thrown away


def test_damaged_at_start_open_another_file_or_quit(tmp_path: Path, clock: FixedClock) -> None:
    path, _good, _ = _damaged_with_backup(tmp_path, clock)
    before = digest(path)
    assert open_journal_or_explain(path, prompts=FakePrompts(choices=["quit"]),
                                   clock=clock) is None
    other = tmp_path / "other" / "journal.sqlite3"
    with Journal.open(other, clock) as j:
        j.add_episode(episode(hours_ago=7))
    journal = open_journal_or_explain(path, prompts=FakePrompts(choices=["open"], other=other),
                                      clock=clock)
    assert journal is not None and journal.path == other
    journal.close()
    assert digest(path) == before


@pytest.mark.skipif(not crypto.available(), reason="needs the encryption extra")
def test_passphrase_prompt_at_start(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    with Journal.open(path, clock) as j:
        j.add_episode(episode())
        j.protect_with_passphrase("a long enough secret")
    before = digest(path)
    prompts = FakePrompts(passphrases=["wrong passphrase", "a long enough secret"])
    journal = open_journal_or_explain(path, prompts=prompts, clock=clock)
    assert journal is not None and journal.passphrase_protected
    assert journal.count_episodes() == 1
    journal.close()
    assert prompts.seen[0] == ("passphrase", "")
    assert "does not open" in prompts.seen[1][1]
    cancelled = FakePrompts(passphrases=[None], choices=["quit"])
    assert open_journal_or_explain(path, prompts=cancelled, clock=clock) is None
    assert digest(path) == before


def test_the_damaged_dialog_offers_restore_and_another_file(qtbot, tmp_path: Path,
                                                            clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    path, good, _ = _damaged_with_backup(tmp_path, clock)
    latest = backup.latest_good_backup(path)
    assert latest is not None and latest.path == good
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["texts"] = [b.text() for b in box.buttons()]
        box.grab().save(str(Path("/tmp") / "safety-damaged-dialog.png"))
        restore = next(b for b in box.buttons() if "Restore" in b.text())
        restore.click()

    QTimer.singleShot(200, answer)
    choice = StartupPrompts().damaged(path, "The file is truncated.", latest)
    assert choice == "restore"
    assert any("Open another file" in t for t in seen["texts"])  # type: ignore[union-attr]


# --- File menu actions ------------------------------------------------------------------------


def test_file_menu_has_the_safety_actions(window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text().replace("&", "") for a in window.menu_named("File").actions()]
    for wanted in ("Back up now", "Restore from backup…", "Protect with a passphrase…",
                   "Delete all my data…"):
        assert wanted in texts
    assert texts.index("Delete all my data…") < texts.index("Quit")


def test_back_up_now_and_restore_from_the_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    actions = window.safety_actions
    rec = _silence(actions)
    first = episode(hours_ago=3)
    window.journal.add_episode(first)
    made = actions.back_up_now()
    assert made is not None and backup.verify_backup(made)
    window.journal.add_episode(episode(hours_ago=2))
    window.journal.clock.advance(timedelta(minutes=1))
    with qtbot.waitSignal(window.journalChanged, timeout=2000):
        assert actions.restore_from(made) is not None
    assert [e.id for e in window.journal.episodes()] == [first.id]
    bad = made.with_name("bad.sqlite3")
    bad.write_bytes(b"garbage")
    assert actions.restore_from(bad) is None
    assert rec.calls and "not a Symptom Journal file" in rec.calls[-1][1]


def test_restore_dialog_lists_backups_newest_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.safety_actions import RestoreDialog

    window.journal.add_episode(episode())
    window.journal.backup_now()
    window.journal.clock.advance(timedelta(hours=1))
    newest = window.journal.backup_now()
    dialog = RestoreDialog(window.journal.backups(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grab().save("/tmp/safety-restore-dialog.png")
    assert dialog.list.count() == 2
    dialog._accept_selected()
    assert dialog.chosen == newest


def test_delete_all_needs_the_typed_word(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.safety_actions import DeleteAllDialog

    path = window.journal.path
    window.journal.add_episode(episode())
    window.journal.backup_now()
    dialog = DeleteAllDialog(path, 1, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.entry, "delet")
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.entry, "e")
    assert dialog.delete_button.isEnabled()
    dialog.grab().save("/tmp/safety-delete-dialog.png")
    rec = _silence(window.safety_actions)
    assert window.safety_actions.delete_confirmed()
    assert not path.exists() and not files.backups_dir(path).exists()
    assert rec.calls and rec.calls[-1][0] == "Deleted"


@pytest.mark.skipif(not crypto.available(), reason="needs the encryption extra")
def test_protect_from_the_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.safety_actions import PassphraseDialog

    dialog = PassphraseDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first, "short")
    qtbot.keyClicks(dialog.second, "short")
    dialog._accept_if_valid()
    assert "at least" in dialog.problem.text() and dialog.result() == 0
    dialog.grab().save("/tmp/safety-passphrase-dialog.png")
    window.journal.add_episode(episode())
    actions = window.safety_actions
    _silence(actions)
    assert actions.protect_with("a long enough secret")
    assert window.journal.passphrase_protected
    assert not actions.protect_action.isEnabled()
    assert window.journal.count_episodes() == 1


def test_protect_without_the_extra_explains_how_to_get_it(
        window, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    rec = _silence(window.safety_actions)
    assert window.safety_actions.protect() is False
    assert rec.calls and "symptom-journal[encryption]" in rec.calls[-1][1]


def test_automatic_backups_at_start_and_while_running(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.safety_actions import start_automatic_backups

    clock = window.journal.clock
    window.journal.add_episode(episode())
    start_automatic_backups(window, check_every_ms=60_000, start_delay_ms=100)
    assert window.journal.backups() == []  # not before the window has painted
    # Soon after start: the data changed since no backup.
    qtbot.waitUntil(lambda: len(window.journal.backups()) == 1, timeout=3000)
    window.safety_actions.timer.setInterval(50)
    window.journal.add_episode(episode(hours_ago=2))
    clock.advance(backup.BACKUP_INTERVAL + timedelta(minutes=1))
    due = clock.now().astimezone(UTC).replace(microsecond=0)
    # The timer makes the new backup (and retention keeps only the newest of the day).
    qtbot.waitUntil(lambda: window.journal.backups()[0].taken_at == due, timeout=3000)
    with Journal.open(window.journal.backups()[0].path, clock, create=False) as copy:
        assert copy.count_episodes() == 2
    window.safety_actions.timer.stop()


def test_disk_full_keeps_the_typed_entry_in_the_form(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.dialogs.episode_form import EpisodeForm

    form = EpisodeForm(window)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.note.setPlainText("left hip, after the long drive")
    fault = DiskFull(window.journal, fail_at=1)
    try:
        assert form.save() is False
    finally:
        fault.remove()
    assert form.isVisible()
    assert form.note.toPlainText() == "left hip, after the long drive"
    assert "disk is full" in form.error_text("")
    assert window.journal.count_episodes() == 0
    form.grab().save("/tmp/safety-disk-full-form.png")
    assert form.save() is True  # once there is room, the same entry saves
    assert window.journal.episodes()[0].note == "left hip, after the long drive"


def test_no_passphrase_for_what_may_be_damaged_offers_the_backups(tmp_path: Path,
                                                                  clock: FixedClock) -> None:
    path = tmp_path / "data" / "journal.sqlite3"
    with Journal.open(path, clock) as j:
        j.add_episode(episode())
        j.backup_now()
    path.write_bytes(b"\x00" * 8192)  # whole pages of noise: encrypted, or damaged
    prompts = FakePrompts(passphrases=[None], choices=["quit"])
    expected = errors.PassphraseRequiredError if crypto.available() else errors.DamagedFileError
    with pytest.raises(expected):
        Journal.open(path, clock)
    assert open_journal_or_explain(path, prompts=prompts, clock=clock) is None
    assert prompts.seen[-1][0] == "damaged" and prompts.seen[-1][2] != "None"
    assert path.read_bytes() == b"\x00" * 8192


def test_a_wal_deleted_under_the_app_refuses_the_save_then_offers_check_and_reopen(
        qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.dialogs.episode_form import EpisodeForm

    actions = window.safety_actions
    rec = _silence(actions)
    asked: list[str] = []

    def ask(text: str) -> str:
        asked.append(text)
        return "reopen"

    actions.ask_file_changed = ask
    window.journal.add_episode(episode(hours_ago=2))
    wal = window.journal.path.with_name(window.journal.path.name + "-wal")
    wal.unlink()  # another program (a cleaner, a sync tool) deletes it
    form = EpisodeForm(window)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.note.setPlainText("after the walk")
    assert form.save() is False
    assert "write-ahead log" in form.error_text("")
    assert form.note.toPlainText() == "after the walk"  # what was typed is kept
    qtbot.waitUntil(lambda: bool(asked))
    assert "deleted or replaced" in asked[0]
    qtbot.waitUntil(lambda: any("Checked and opened again" in t for t, _ in rec.calls))
    assert form.save() is True  # the same entry, once reopened
    assert window.journal.count_episodes() == 2
