"""Quick logging, shared by Today, the menus and the tray.

``QuickLog`` knows the smart defaults (kind, side and regions of the last episode), saves
"twitch now" / "cramp now" in one step, runs the ongoing-cramp timer (its start is kept in
QSettings so closing or a crash does not lose it) and opens the full episode form. Every save goes
through the journal service; errors are shown in plain words and nothing is half-saved.

Whatever a quick entry takes without being told (an intensity, the side and regions of the last
episode, a usual length) is named in its notice, with "Add details…" one click away to change
it. A cramp timed with the timer asks how painful it was in its notice (the timer only measured
its length); until answered it is saved with the last cramp's intensity, and the notice says so.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from journal.errors import StorageError, ValidationError
from journal.model import MAX_DURATION_S, Episode, Kind, TriggerTag, format_duration
from ui.defaults import DEFAULT_DURATION_S, DEFAULT_INTENSITY
from ui.widgets.labels import kind_label, region_compact, side_label

ONGOING_KEY = "quicklog/cramp_started_at"


class QuickLog(QObject):
    ongoingChanged = Signal()
    logged = Signal(object)  # the Episode just saved

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.current_form = None  # the open EpisodeForm, if any (tests and the tray use it)

    @property
    def journal(self):  # type: ignore[no-untyped-def]
        return self.window.journal

    # --- defaults ---------------------------------------------------------------------------

    def defaults(self, kind: Kind | None = None) -> Episode:
        """A new episode starting now, shaped like the last one."""
        j = self.journal
        last = j.last_episode()
        chosen = Kind(kind) if kind is not None else (last.kind if last else Kind.TWITCH)
        last_same = last if last is not None and last.kind == chosen else j.last_episode(chosen)
        intensity = last_same.intensity if last_same else DEFAULT_INTENSITY[chosen]
        return Episode(
            kind=chosen,
            started_at=j.now(),
            duration_s=DEFAULT_DURATION_S[chosen],
            intensity=intensity,
            side=last.side if last else None,
            regions=last.regions if last else (),
        )

    # --- one-step logging -------------------------------------------------------------------

    def log_now(self, kind: Kind, intensity: int | None = None,
                triggers: tuple[str, ...] = ()) -> Episode | None:
        episode = self.defaults(kind)
        if intensity is not None:
            episode = episode.with_changes(intensity=intensity)
        if triggers:
            episode = episode.with_changes(triggers=tuple(TriggerTag(t) for t in triggers))
        return self._save_new(episode, intensity_chosen=intensity is not None)

    def assumed(self, episode: Episode, *, intensity_chosen: bool,
                duration_measured: bool = False) -> list[str]:
        """What a quick entry took without being told, in words, for its notice."""
        parts: list[str] = []
        if not intensity_chosen:
            last = self.journal.last_episode(episode.kind)
            parts.append(
                self.tr("intensity {0} (as your last {1})").format(
                    episode.intensity, kind_label(episode.kind).lower())
                if last is not None and last.id != episode.id
                else self.tr("intensity {0} (a starting value)").format(episode.intensity))
        where = []
        if episode.side is not None:
            where.append(side_label(episode.side).lower())
        where += [region_compact(r) for r in episode.regions]
        if where:
            parts.append(self.tr("{0} (as last time)").format(", ".join(where)))
        if not duration_measured:
            parts.append(self.tr("{0} (usual length)").format(
                format_duration(episode.duration_s)))
        return parts

    def _save_new(self, episode: Episode, *, intensity_chosen: bool,
                  duration_measured: bool = False) -> Episode | None:
        assumed = self.assumed(episode, intensity_chosen=intensity_chosen,
                               duration_measured=duration_measured)
        try:
            change = self.journal.add_episode(episode)
        except (ValidationError, StorageError) as exc:
            self._notify(self.tr("Not saved: {0}").format(exc), error=True)
            return None
        self.window.announce(change)
        self.logged.emit(episode)
        text = self._logged_text(episode, assumed, intensity_chosen=intensity_chosen)
        if intensity_chosen:
            self.window.notify_undoable(text, [
                (self.tr("Add &details…"), lambda: self.edit(episode.id))])
        else:
            self._ask_intensity(episode, text)
        self._tell_tray(text, status=text.split(" · ")[0])
        return episode

    def _logged_text(self, episode: Episode, assumed: list[str], *,
                     intensity_chosen: bool) -> str:
        when = episode.started_at.strftime("%H:%M")
        text = self.tr("{0} logged at {1}").format(kind_label(episode.kind), when)
        if intensity_chosen:  # otherwise the intensity is named among the assumptions
            text += " · " + self.tr("intensity {0}").format(episode.intensity)
        if episode.kind == Kind.CRAMP and episode.duration_s >= 60:
            text += " · " + format_duration(episode.duration_s)
        if assumed:
            text += " · " + self.tr("assumed: {0}").format("; ".join(assumed))
        return text

    def _ask_intensity(self, episode: Episode, text: str) -> None:
        """The notice asks how bad it was, one click on 0-10; the answer replaces the guess."""
        from ui.widgets.intensity import ScorePicker

        question = (self.tr("How painful was it?") if episode.kind == Kind.CRAMP
                    else self.tr("How bothersome was it?"))
        box = QWidget(self.window.notice)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(question, box)
        label.setObjectName("noticeQuestion")
        picker = ScorePicker(box, allow_none=True, anchors=False, compact=True,
                             kind=episode.kind)
        picker.setObjectName("noticeIntensity")
        picker.setAccessibleName(question)
        picker.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a notice never takes the focus
        picker.setMinimumWidth(11 * 26)
        picker.setMaximumWidth(11 * 36)
        label.setBuddy(picker)
        picker.picked.connect(lambda value: self.set_intensity(episode.id, value))
        row.addWidget(label)
        row.addWidget(picker, 1)
        row.addStretch(0)
        self.window.notify_undoable(
            text, [(self.tr("Add &details…"), lambda: self.edit(episode.id))], extra=box)

    def set_intensity(self, episode_id: str, value: int) -> Episode | None:
        """The answer to a notice's "how painful?": the saved entry gets that intensity."""
        episode = self.journal.get_episode(episode_id)
        if episode is None:
            return None
        updated = episode.with_changes(intensity=value)
        try:
            change = self.journal.update_episode(updated)
        except (ValidationError, StorageError) as exc:
            self._notify(self.tr("Not saved: {0}").format(exc), error=True)
            return None
        self.window.announce(change)
        self.window.notify_undoable(
            self.tr("{0} at {1}: intensity {2} saved").format(
                kind_label(updated.kind), updated.started_at.strftime("%H:%M"), value),
            [(self.tr("Add &details…"), lambda: self.edit(episode_id))])
        return updated

    def _notify(self, text: str, actions=None, *, error: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.window.notice.show_message(text, actions, error=error)
        self._tell_tray(text, error=error)

    def _tell_tray(self, text: str, *, error: bool = False, status: str = "") -> None:
        """A hidden window's notice is not seen: the tray says it too; the status bar keeps it
        (``status``: a shorter line for the status bar, whose right side holds the file)."""
        if not self.window.isVisible() and self.window.tray is not None:
            self.window.tray.show_message(text, error=error)
        self.window.statusBar().showMessage(status or text, 8000)

    # --- ongoing cramp ----------------------------------------------------------------------

    def ongoing_start(self) -> datetime | None:
        raw = self.window.settings.value(ONGOING_KEY, "")
        if not raw:
            return None
        try:
            value = datetime.fromisoformat(str(raw))
        except ValueError:
            return None
        return value if value.tzinfo is not None else None

    def ongoing_elapsed(self) -> timedelta | None:
        start = self.ongoing_start()
        return None if start is None else max(timedelta(0), self.journal.now() - start)

    def start_cramp(self) -> None:
        self.window.settings.setValue(ONGOING_KEY, self.journal.now().isoformat())
        self.window.settings.sync()
        self.ongoingChanged.emit()
        # Up while the timer runs: its Cancel must not vanish after a few seconds.
        self.window.notice.show_message(
            self.tr("Cramp started: the timer is running. Press “Cramp ended” when it stops."),
            [(self.tr("Cancel timer"), self.cancel_cramp)], timeout_ms=0,
            valid_while=lambda: self.ongoing_start() is not None)

    def cancel_cramp(self) -> None:
        self.window.settings.remove(ONGOING_KEY)
        self.window.settings.sync()
        self.ongoingChanged.emit()

    def end_cramp(self) -> Episode | None:
        start = self.ongoing_start()
        if start is None:
            return None
        seconds = round((self.journal.now() - start).total_seconds())
        if seconds > MAX_DURATION_S:
            self._notify(self.tr("The cramp timer ran for more than a day, so it was not saved. "
                                 "Log the cramp with the form instead."),
                         [(self.tr("Open the form"), lambda: self.open_form(Kind.CRAMP))],
                         error=True)
            self.cancel_cramp()
            return None
        episode = self.defaults(Kind.CRAMP).with_changes(
            started_at=start, duration_s=max(1, seconds))
        saved = self._save_new(episode, intensity_chosen=False, duration_measured=True)
        if saved is not None:
            self.cancel_cramp()
        return saved

    # --- the form ---------------------------------------------------------------------------

    def open_form(self, kind: Kind | None = None,  # type: ignore[no-untyped-def]
                  triggers: tuple[str, ...] = ()):
        from ui.dialogs.episode_form import EpisodeForm

        base = self.defaults(kind)
        if triggers:
            base = base.with_changes(triggers=tuple(TriggerTag(t) for t in triggers))
        return self._show(EpisodeForm(self.window, base=base))

    def edit(self, episode_id: str):  # type: ignore[no-untyped-def]
        from ui.dialogs.episode_form import EpisodeForm

        episode = self.journal.get_episode(episode_id)
        if episode is None:
            self._notify(self.tr("That episode no longer exists."), error=True)
            return None
        return self._show(EpisodeForm(self.window, episode=episode))

    def _show(self, form):  # type: ignore[no-untyped-def]
        if self.current_form is not None:
            self.current_form.close()
        self.current_form = form
        form.finished.connect(lambda _r: self._forget(form))
        if not self.window.isVisible():
            self.window.show_from_tray()
        form.open()
        return form

    def _forget(self, form) -> None:  # type: ignore[no-untyped-def]
        if self.current_form is form:
            self.current_form = None
        form.deleteLater()
