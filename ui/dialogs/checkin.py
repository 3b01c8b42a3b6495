"""The daily check-in: about 20 seconds of numbers, then the warning-sign questions one by one.

Page 1 holds the day's factors (caffeine with cup presets, water, sitting, exercise, sleep,
stress, how much it got in the way, "no episodes today"). Page 2 asks each warning sign in plain
words, one at a time, Y or N to answer. Every question answered is stored in
``warning_signs_asked``, every yes in ``warning_signs``; a question skipped is simply not asked.
Any day up to today can be opened and edited.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.errors import StorageError, ValidationError
from journal.model import (
    MAX_CAFFEINE_MG,
    MAX_EXERCISE_MIN,
    MAX_WATER_ML,
    CheckIn,
    ExerciseIntensity,
    Interference,
    WarningSign,
)
from ui.formatting import format_long_date, weekday_date_edit_pattern
from ui.geometry import fit_to_screen
from ui.widgets.intensity import ScorePicker
from ui.widgets.labels import exercise_label, warning_label, warning_question

#: Typical caffeine per serving (mg), the figures most public guidance quotes (e.g. EFSA, FDA).
CUP_PRESETS: tuple[tuple[str, int], ...] = (
    ("espresso", 63), ("coffee", 95), ("tea", 47), ("cola", 34), ("energy_drink", 80),
)
WATER_PRESETS: tuple[tuple[str, int], ...] = (("glass", 250), ("bottle", 500))
QUESTIONS: tuple[WarningSign, ...] = tuple(WarningSign)
#: The dialog's size where the screen has room for every field.
PREFERRED_SIZE = QSize(880, 610)


class OptionalNumber(QDoubleSpinBox):
    """A number that may be left unanswered: the lowest step shows "not answered"."""

    def __init__(self, parent: QWidget, maximum: float, suffix: str, step: float,
                 decimals: int = 0) -> None:
        super().__init__(parent)
        self.setDecimals(decimals)
        self.setRange(-step, maximum)
        self.setSingleStep(step)
        self.setSuffix(f" {suffix}")
        self.setSpecialValueText(self.tr("not answered"))
        self.setValue(-step)
        self.setMinimumWidth(130)

    def number(self) -> float | None:
        return None if self.value() < 0 else float(self.value())

    def set_number(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else value)

    def add(self, amount: float) -> None:
        self.setValue(max(0.0, self.value()) + amount)


class CheckInDialog(QDialog):
    def __init__(self, window, day: date | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.main_window = window
        self.journal = window.journal
        self.setObjectName("checkinDialog")
        self.setWindowTitle(self.tr("Daily check-in"))
        self.setModal(True)
        self.answers: dict[WarningSign, bool] = {}
        self.question_index = 0
        self._errors: dict[str, QLabel] = {}

        root = QVBoxLayout(self)
        root.setContentsMargins(20, 16, 20, 14)
        root.setSpacing(10)
        head = QHBoxLayout()
        title = QLabel(self.tr("Daily check-in"), self)
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(weekday_date_edit_pattern())
        self.date_edit.setMaximumDate(QDate(self.journal.today()))
        self.date_edit.setAccessibleName(self.tr("Check-in date"))
        date_label = QLabel(self.tr("&For"), self)
        date_label.setBuddy(self.date_edit)
        head.addWidget(date_label)
        head.addWidget(self.date_edit)
        root.addLayout(head)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        root.addWidget(self.status_label)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("formError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        root.addWidget(self.general_error)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_day_page())
        self.pages.addWidget(self._build_question_page())
        self.pages.addWidget(self._build_summary_page())
        # The questions scroll on a small or scaled screen; Save and Cancel stay in reach.
        self.pages_scroll = QScrollArea(self)
        self.pages_scroll.setObjectName("checkinScroll")
        self.pages_scroll.setWidgetResizable(True)
        self.pages_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.pages_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages_scroll.setWidget(self.pages)
        root.addWidget(self.pages_scroll, 1)

        bottom = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"), self)
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self)
        self.next_button.setAutoDefault(False)
        self.next_button.clicked.connect(self.next_page)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("Save check-in"), self)
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.next_button)
        bottom.addWidget(self.save_button)
        root.addLayout(bottom)

        for key, answer in (("Y", True), ("N", False)):
            sc = QShortcut(QKeySequence(key), self.question_page)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda a=answer: self.answer(a))

        self.date_edit.dateChanged.connect(lambda d: self.load(d.toPython()))
        self.date_edit.setDate(QDate(day or self.journal.today()))
        self.load(self.date_edit.date().toPython())
        self.show_page(0)
        fit_to_screen(self, "checkin", PREFERRED_SIZE, window.settings)
        self.caffeine.setFocus()

    # --- building ---------------------------------------------------------------------------

    def preset_name(self, key: str) -> str:
        return {
            "espresso": self.tr("Espresso"), "coffee": self.tr("Coffee"), "tea": self.tr("Tea"),
            "cola": self.tr("Cola"), "energy_drink": self.tr("Energy drink"),
            "glass": self.tr("Glass"), "bottle": self.tr("Bottle"),
        }[key]

    def _error(self, field: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()
        self._errors[field] = label
        return label

    def _build_day_page(self) -> QWidget:
        page = QFrame(self)
        page.setObjectName("card")
        grid = QGridLayout(page)
        grid.setContentsMargins(16, 14, 16, 14)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        row = 0

        def caption(text: str, buddy: QWidget) -> QLabel:
            label = QLabel(text, page)
            label.setObjectName("fieldLabel")
            label.setBuddy(buddy)
            return label

        self.caffeine = OptionalNumber(page, MAX_CAFFEINE_MG, "mg", 1)
        self.caffeine.setAccessibleName(self.tr("Caffeine in milligrams"))
        cups = QHBoxLayout()
        cups.setSpacing(4)
        self.cup_buttons: dict[str, QPushButton] = {}
        for name, mg in CUP_PRESETS:
            shown = self.preset_name(name)
            b = QPushButton(self.tr("+ {0} {1} mg").format(shown, mg), page)
            b.setObjectName("preset")
            b.setAutoDefault(False)
            b.setAccessibleName(self.tr("Add one {0}, {1} milligrams").format(shown, mg))
            b.clicked.connect(lambda _=False, mg=mg: self.caffeine.add(mg))
            cups.addWidget(b)
            self.cup_buttons[name] = b
        cups.addStretch(1)
        grid.addWidget(caption(self.tr("&Caffeine"), self.caffeine), row, 0)
        grid.addWidget(self.caffeine, row, 1)
        grid.addLayout(cups, row, 2)
        grid.addWidget(self._error("caffeine_mg"), row + 1, 1, 1, 2)
        row += 2

        self.water = OptionalNumber(page, MAX_WATER_ML, "ml", 50)
        self.water.setAccessibleName(self.tr("Water in millilitres"))
        waters = QHBoxLayout()
        waters.setSpacing(4)
        for name, ml in WATER_PRESETS:
            shown = self.preset_name(name)
            b = QPushButton(self.tr("+ {0} {1} ml").format(shown, ml), page)
            b.setObjectName("preset")
            b.setAutoDefault(False)
            b.setAccessibleName(self.tr("Add one {0}, {1} millilitres").format(shown, ml))
            b.clicked.connect(lambda _=False, ml=ml: self.water.add(ml))
            waters.addWidget(b)
        waters.addStretch(1)
        grid.addWidget(caption(self.tr("&Water"), self.water), row, 0)
        grid.addWidget(self.water, row, 1)
        grid.addLayout(waters, row, 2)
        grid.addWidget(self._error("water_ml"), row + 1, 1, 1, 2)
        row += 2

        self.sitting = OptionalNumber(page, 24, "h", 0.5, 1)
        self.sitting.setAccessibleName(self.tr("Hours sitting"))
        self.sleep = OptionalNumber(page, 24, "h", 0.5, 1)
        self.sleep.setAccessibleName(self.tr("Hours of sleep last night"))
        grid.addWidget(caption(self.tr("Hours &sitting"), self.sitting), row, 0)
        grid.addWidget(self.sitting, row, 1)
        sleep_row = QHBoxLayout()
        sleep_row.addWidget(caption(self.tr("S&leep last night"), self.sleep))
        sleep_row.addWidget(self.sleep)
        sleep_row.addStretch(1)
        grid.addLayout(sleep_row, row, 2)
        grid.addWidget(self._error("sitting_h"), row + 1, 1)
        grid.addWidget(self._error("sleep_h"), row + 1, 2)
        row += 2

        self.exercise = OptionalNumber(page, MAX_EXERCISE_MIN, "min", 5)
        self.exercise.setAccessibleName(self.tr("Exercise in minutes"))
        self.exercise_intensity = QComboBox(page)
        self.exercise_intensity.setAccessibleName(self.tr("Exercise intensity"))
        self.exercise_intensity.addItem(self.tr("intensity not noted"), None)
        for e in ExerciseIntensity:
            self.exercise_intensity.addItem(exercise_label(e), e.value)
        ex_row = QHBoxLayout()
        ex_row.addWidget(self.exercise_intensity)
        ex_row.addStretch(1)
        grid.addWidget(caption(self.tr("&Exercise"), self.exercise), row, 0)
        grid.addWidget(self.exercise, row, 1)
        grid.addLayout(ex_row, row, 2)
        grid.addWidget(self._error("exercise_min"), row + 1, 1, 1, 2)
        row += 2

        self.stress = ScorePicker(page, compact=True, anchors=False,
                                  low_word=self.tr("calm"), high_word=self.tr("extremely stressed"))
        self.stress.setAccessibleName(self.tr("Stress today, 0 to 10"))
        grid.addWidget(caption(self.tr("S&tress"), self.stress), row, 0)
        grid.addWidget(self.stress, row, 1, 1, 2)
        grid.addWidget(self._error("stress"), row + 1, 1, 1, 2)
        row += 2

        how = QLabel(self.tr("How much did the symptoms get in the way today? "
                             "(0 not at all, 10 completely)"), page)
        how.setObjectName("hint")
        grid.addWidget(how, row, 0, 1, 3)
        row += 1
        self.interference: dict[str, ScorePicker] = {}
        for key, text, access in (("sleep", self.tr("Sleep"), self.tr("Got in the way of sleep")),
                                  ("walking", self.tr("Walking"),
                                   self.tr("Got in the way of walking")),
                                  ("work", self.tr("Work"), self.tr("Got in the way of work"))):
            picker = ScorePicker(page, compact=True, anchors=False)
            picker.setAccessibleName(access + self.tr(", 0 to 10"))
            grid.addWidget(caption(text, picker), row, 0)
            grid.addWidget(picker, row, 1, 1, 2)
            self.interference[key] = picker
            row += 1
            grid.addWidget(self._error(f"interference_{key}"), row, 1, 1, 2)
            row += 1

        self.no_episodes = QCheckBox(self.tr("&No episodes today"), page)
        self.no_episodes.setAccessibleName(self.tr("No episodes today"))
        self.note = QLineEdit(page)
        self.note.setPlaceholderText(self.tr("A note about the day (optional)"))
        self.note.setAccessibleName(self.tr("Note about the day"))
        grid.addWidget(self.no_episodes, row, 0, 1, 2)
        grid.addWidget(self.note, row, 2)
        grid.addWidget(self._error("no_episodes"), row + 1, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(row + 2, 1)
        return page

    def _build_question_page(self) -> QWidget:
        page = QFrame(self)
        page.setObjectName("card")
        self.question_page = page
        layout = QVBoxLayout(page)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(14)
        intro = QLabel(self.tr(
            "A few yes/no questions. Most answers are no; asking every day is how the journal "
            "notices the rare sign that needs a doctor."), page)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.progress = QProgressBar(page)
        self.progress.setRange(0, len(QUESTIONS))
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.setAccessibleName(self.tr("Questions answered"))
        self.progress_label = QLabel(page)
        self.progress_label.setObjectName("progress")
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self.question_label = QLabel(page)
        self.question_label.setObjectName("question")
        self.question_label.setWordWrap(True)
        self.question_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question_label.setMinimumHeight(110)
        # After each answer the focus moves here, so a screen reader reads the next question
        # (before, the focus stayed on "No" and the new question went unannounced).
        self.question_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.question_label)
        self.previous_label = QLabel(page)
        self.previous_label.setObjectName("hint")
        self.previous_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.previous_label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.yes_button = QPushButton(self.tr("Yes   Y"), page)
        self.yes_button.setObjectName("bigSegment")
        self.yes_button.setAccessibleName(self.tr("Yes"))
        self.yes_button.setAutoDefault(False)
        self.yes_button.clicked.connect(lambda: self.answer(True))
        self.no_button = QPushButton(self.tr("No   N"), page)
        self.no_button.setObjectName("bigSegment")
        self.no_button.setAccessibleName(self.tr("No"))
        self.no_button.setAutoDefault(False)
        self.no_button.clicked.connect(lambda: self.answer(False))
        row.addWidget(self.yes_button)
        row.addSpacing(12)
        row.addWidget(self.no_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.skip_button = QPushButton(self.tr("Skip the rest"), page)
        self.skip_button.setAutoDefault(False)
        self.skip_button.setAccessibleName(self.tr("Skip the remaining questions"))
        self.skip_button.clicked.connect(lambda: self.show_page(2))
        skip_row = QHBoxLayout()
        skip_row.addStretch(1)
        skip_row.addWidget(self.skip_button)
        layout.addLayout(skip_row)
        return page

    def _build_summary_page(self) -> QWidget:
        page = QFrame(self)
        page.setObjectName("card")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 20, 24, 20)
        self.summary_label = QLabel(page)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary_label, 1)
        self.review_button = QPushButton(self.tr("Go through the questions again"), page)
        self.review_button.setAutoDefault(False)
        self.review_button.clicked.connect(lambda: self.goto_question(0))
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    # --- loading ----------------------------------------------------------------------------

    def day(self) -> date:
        return self.date_edit.date().toPython()

    def load(self, day: date) -> None:
        existing = self.journal.get_checkin(day)
        c = existing or CheckIn(day)
        self.caffeine.set_number(c.caffeine_mg)
        self.water.set_number(c.water_ml)
        self.sitting.set_number(c.sitting_h)
        self.sleep.set_number(c.sleep_h)
        self.exercise.set_number(c.exercise_min)
        self.exercise_intensity.setCurrentIndex(max(0, self.exercise_intensity.findData(
            c.exercise_intensity.value if c.exercise_intensity else None)))
        self.stress.setValue(c.stress)
        self.interference["sleep"].setValue(c.interference.sleep)
        self.interference["walking"].setValue(c.interference.walking)
        self.interference["work"].setValue(c.interference.work)
        self.no_episodes.setChecked(c.no_episodes)
        self.note.setText(c.note)
        self.answers = {s: s in c.warning_signs for s in c.warning_signs_asked}
        self.question_index = 0
        n = self.journal.count_episodes(day, day)
        when = self.tr("today") if day == self.journal.today() else format_long_date(day)
        state = (self.tr("Editing the check-in for {0}.") if existing
                 else self.tr("New check-in for {0}.")).format(when)
        logged = self.tr(" {0} episode(s) logged that day.").format(n) if n else ""
        self.status_label.setText(state + logged)
        self.no_episodes.setEnabled(n == 0 or c.no_episodes)
        if n:
            self.no_episodes.setToolTip(self.tr("Episodes are logged for this day."))
        self.show_page(0)

    # --- the question stepper ---------------------------------------------------------------

    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index > 0)
        self.next_button.setVisible(index == 0)
        self.next_button.setText(self.tr("Warning-sign questions ({0}) →").format(len(QUESTIONS)))
        if index == 1:
            self._show_question()
            self.no_button.setFocus()
        elif index == 2:
            self._show_summary()
            self.save_button.setFocus()

    def next_page(self) -> None:
        if self.pages.currentIndex() == 0:
            unanswered = [i for i, s in enumerate(QUESTIONS) if s not in self.answers]
            self.goto_question(unanswered[0] if unanswered else 0)

    def goto_question(self, index: int) -> None:
        self.question_index = max(0, min(index, len(QUESTIONS) - 1))
        self.show_page(1)

    def back(self) -> None:
        page = self.pages.currentIndex()
        if page == 1 and self.question_index > 0:
            self.question_index -= 1
            self._show_question()
        elif page == 2:
            self.goto_question(len(QUESTIONS) - 1)
        else:
            self.show_page(0)

    def _show_question(self) -> None:
        sign = QUESTIONS[self.question_index]
        answered = sum(1 for s in QUESTIONS if s in self.answers)
        self.progress.setValue(answered)
        self.progress_label.setText(self.tr("Question {0} of {1}").format(
            self.question_index + 1, len(QUESTIONS)))
        self.question_label.setText(warning_question(sign))
        self.question_label.setAccessibleName(warning_question(sign))
        self.question_label.setAccessibleDescription(self.tr(
            "Question {0} of {1}. Answer Y for yes or N for no.").format(
            self.question_index + 1, len(QUESTIONS)))
        previous = self.answers.get(sign)
        self.previous_label.setText(
            "" if previous is None else self.tr("Your answer: {0}").format(
                self.tr("yes") if previous else self.tr("no")))

    def current_question(self) -> WarningSign | None:
        return QUESTIONS[self.question_index] if self.pages.currentIndex() == 1 else None

    def answer(self, yes: bool) -> None:
        if self.pages.currentIndex() != 1:
            return
        self.answers[QUESTIONS[self.question_index]] = yes
        if self.question_index + 1 < len(QUESTIONS):
            self.question_index += 1
            self._show_question()
            self.question_label.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.show_page(2)

    def _show_summary(self) -> None:
        yes = [s for s in QUESTIONS if self.answers.get(s)]
        asked = [s for s in QUESTIONS if s in self.answers]
        # tr() outside the f-string: pyside6-lupdate does not read calls inside one.
        ready = self.tr("Ready to save")
        parts = [f"<h3>{ready}</h3>"]
        parts.append("<p>" + self.tr("{0} of {1} questions answered.").format(
            len(asked), len(QUESTIONS)) + "</p>")
        if yes:
            items = "".join(f"<li>{warning_label(s)}</li>" for s in yes)
            parts.append("<p><b>" + self.tr("You answered yes to:") + f"</b></p><ul>{items}</ul>")
            parts.append("<p>" + self.tr(
                "The journal will show what these mean and how soon to see a doctor once you "
                "save. <b>If in doubt, call your emergency number.</b>") + "</p>")
        elif asked:
            parts.append("<p>" + self.tr("No warning signs today.") + "</p>")
        self.summary_label.setText("".join(parts))

    # --- saving -----------------------------------------------------------------------------

    def checkin(self) -> CheckIn:
        ex = self.exercise_intensity.currentData()
        asked = tuple(s for s in QUESTIONS if s in self.answers)
        return CheckIn(
            date=self.day(),
            caffeine_mg=self.caffeine.number(),
            water_ml=self.water.number(),
            sitting_h=self.sitting.number(),
            exercise_min=self.exercise.number(),
            exercise_intensity=ExerciseIntensity(ex) if ex else None,
            stress=self.stress.value(),
            sleep_h=self.sleep.number(),
            interference=Interference(
                sleep=self.interference["sleep"].value(),
                walking=self.interference["walking"].value(),
                work=self.interference["work"].value()),
            no_episodes=self.no_episodes.isChecked() and self.no_episodes.isEnabled(),
            warning_signs=tuple(s for s in asked if self.answers[s]),
            warning_signs_asked=asked,
            note=self.note.text().strip(),
        )

    def error_text(self, field: str) -> str:
        label = self._errors.get(field)
        if label is None:
            return self.general_error.text() if not self.general_error.isHidden() else ""
        return label.text() if not label.isHidden() else ""

    def save(self) -> bool:
        for label in self._errors.values():
            label.hide()
        self.general_error.hide()
        try:
            change = self.journal.save_checkin(self.checkin())
        except ValidationError as exc:
            label = self._errors.get(exc.field)
            if label is None:
                self.general_error.setText(self.tr("Not saved: {0}").format(exc.message))
                self.general_error.show()
            else:
                label.setText("⚠ " + exc.message)
                label.show()
                self.show_page(0)
            return False
        except StorageError as exc:
            self.general_error.setText(self.tr("Not saved: {0}").format(exc))
            self.general_error.show()
            return False
        self.main_window.announce(change)
        self.main_window.statusBar().showMessage(change.label, 5000)
        self.accept()
        return True
