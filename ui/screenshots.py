"""PNG screenshots of the daily-logging screens, light and dark: ``python -m ui.screenshots OUT``.

``make screenshots`` runs it offscreen. Each run builds a throw-away journal with four weeks of
made-up but plausible entries (a fixed seed and a fixed clock, so the pictures do not change from
run to run), opens the real main window at 1280x800 and grabs Today, Journal, Trends, Report, the
episode form, the check-in (numbers and a warning-sign question) and the body map.

``--fit`` leaves every window at the size it picks for the screen (run it on a small or scaled
screen: ``QT_QPA_PLATFORM=offscreen:configfile=screens.json`` or ``QT_SCALE_FACTOR=1.5``) instead
of 1280x800, to see what a person on that screen sees.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

#: The moment the screenshots pretend it is: a Monday afternoon.
NOW = datetime(2026, 3, 16, 15, 5, tzinfo=timezone(timedelta(hours=1)))
SIZE = (1280, 800)


def seed_sample(journal, now: datetime = NOW) -> None:  # type: ignore[no-untyped-def]
    """Four weeks of entries that look like a real diary (deterministic)."""
    from journal.model import (
        Activity,
        CheckIn,
        Episode,
        ExerciseIntensity,
        Interference,
        Kind,
        Medication,
        Radiates,
        Region,
        Relief,
        Side,
        TriggerTag,
        WarningSign,
    )

    rng = random.Random(7)
    notes = ["", "", "", "after a long drive", "during a meeting", "woke me at 4am",
             "after the gym, no stretching", "left cheek, like a flicker", "calmed after a walk"]
    for day_back in range(27, -1, -1):
        day = (now - timedelta(days=day_back)).date()
        if day_back > 0 and rng.random() < 0.12:
            continue  # an unrecorded day
        count = rng.choice([0, 1, 1, 2, 2, 3, 4])
        if day_back == 0:
            count = 4
        for n in range(count):
            hour = rng.choice([8, 9, 11, 13, 14, 16, 18, 21, 22])
            start = datetime.combine(day, datetime.min.time(), now.tzinfo).replace(
                hour=hour, minute=rng.randrange(60))
            if day_back == 0:
                start = now - timedelta(hours=(4 - n) * 1.3, minutes=rng.randrange(20))
            if start > now - timedelta(minutes=5):
                continue
            kind = Kind.CRAMP if rng.random() < 0.35 else Kind.TWITCH
            triggers: list[TriggerTag] = []
            if rng.random() < 0.5:
                triggers.append(TriggerTag("caffeine", float(rng.choice([95, 190, 250])), "mg"))
            if rng.random() < 0.35:
                triggers.append(TriggerTag("prolonged_sitting", float(rng.choice([2, 3, 5])), "h"))
            if kind == Kind.CRAMP and rng.random() < 0.4:
                triggers.append(TriggerTag("exercise", 45.0, "min"))
            journal.add_episode(Episode(
                kind=kind, started_at=start,
                duration_s=rng.choice([5, 10, 20, 40]) if kind == Kind.TWITCH
                else rng.choice([30, 60, 90, 180]),
                intensity=rng.randint(1, 5) if kind == Kind.TWITCH else rng.randint(3, 8),
                side=rng.choice([Side.LEFT, Side.LEFT, Side.RIGHT, Side.BOTH]),
                regions=rng.choice([(Region.GLUTE_MAX_UPPER,), (Region.PIRIFORMIS,),
                                    (Region.GLUTE_MED, Region.LATERAL_HIP),
                                    (Region.GLUTE_MAX_LOWER,)]),
                radiates_to=Radiates.THIGH if kind == Kind.CRAMP and rng.random() < 0.3
                else Radiates.NONE,
                activity=rng.choice([Activity.SITTING, Activity.SITTING, Activity.STANDING,
                                     Activity.LYING, None]),
                triggers=tuple(triggers),
                relief=(Relief.STRETCH,) if kind == Kind.CRAMP else (),
                relief_score=rng.randint(4, 9) if kind == Kind.CRAMP else None,
                note=rng.choice(notes),
            ))
        if day_back > 0 and rng.random() < 0.8:
            journal.save_checkin(CheckIn(
                date=day, caffeine_mg=float(rng.choice([95, 190, 253, 285])),
                water_ml=float(rng.choice([1000, 1500, 2000])),
                sitting_h=float(rng.choice([5, 7.5, 9])), exercise_min=float(rng.choice([0, 30])),
                exercise_intensity=ExerciseIntensity.MODERATE, stress=rng.randint(2, 7),
                sleep_h=float(rng.choice([6, 6.5, 7, 8])),
                interference=Interference(sleep=rng.randint(0, 3), walking=rng.randint(0, 2),
                                          work=rng.randint(0, 3)),
                warning_signs_asked=tuple(WarningSign),
            ))
    journal.add_medication(Medication("Magnesium glycinate", now.date() - timedelta(days=20),
                                      dose="300 mg"))


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        app.processEvents()


def _wait(app, seconds: float, until=None) -> None:  # type: ignore[no-untyped-def]
    """Process events for up to ``seconds``, or until ``until()`` is true (work on threads)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if until is not None and until():
            break
        time.sleep(0.02)
    _settle(app)


def capture(outdir: Path, lang: str | None = None, schemes: tuple[str, ...] = ("light", "dark"),
            *, fit: bool = False) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from journal.clock import FixedClock
    from journal.model import Region, TriggerTag
    from journal.service import Journal
    from ui.app import apply_palette, make_application
    from ui.main_window import MainWindow
    from ui.widgets.body_map import RegionPicker

    app = make_application()
    suffix = ""
    if lang:
        from ui.translation import install

        suffix = "-" + install(lang)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        _settle(app)
        path = outdir / name.replace(".png", suffix + ".png")
        widget.grab().save(str(path))
        written.append(path)

    for scheme in schemes:
        apply_palette(app, scheme)
        with tempfile.TemporaryDirectory() as tmp:
            journal = Journal.open(Path(tmp) / "journal.sqlite3", FixedClock(NOW))
            seed_sample(journal)
            settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(journal, settings=settings)
            if not fit:
                window.resize(*SIZE)
            window.show()
            window.show_section("today")
            save(window, f"today-{scheme}.png")
            window.quick_log.log_now(window.today.kind())
            save(window, f"today-notice-{scheme}.png")
            window.undo()

            window.show_section("journal")
            save(window, f"journal-{scheme}.png")

            window.show_section("trends")
            _wait(app, 1.5)  # the charts draw once the view is shown
            save(window, f"trends-{scheme}.png")

            window.show_section("report")
            report = window.stack.currentWidget()
            pool = getattr(report, "pool", None)
            _wait(app, 30, until=lambda p=pool: p is None or p.activeThreadCount() == 0)
            _wait(app, 0.3)
            save(window, f"report-{scheme}.png")
            window.show_section("today")

            flags = window.journal.flags()
            if flags:
                from ui.dialogs.flags import WhyDialog

                why = WhyDialog(window, flags[0])
                why.resize(820, 600)
                why.show()
                save(why, f"why-{scheme}.png")
                why.close()

            form = window.quick_log.open_form()
            form.set_start_minutes_ago(15)
            form.intensity.setValue(6)
            form.triggers.set_tags((TriggerTag("caffeine", 190.0, "mg"),))
            save(form, f"episode-form-{scheme}.png")
            form.reject()

            checkin = window.open_checkin()
            checkin.caffeine.set_number(190)
            checkin.water.set_number(1500)
            checkin.sleep.set_number(6.5)
            checkin.stress.setValue(4)
            save(checkin, f"checkin-{scheme}.png")
            checkin.next_page()
            checkin.answer(False)
            checkin.answer(False)
            save(checkin, f"checkin-question-{scheme}.png")
            checkin.reject()

            holder = QWidget()
            holder.setStyleSheet(window.styleSheet())
            box = QVBoxLayout(holder)
            box.setContentsMargins(20, 16, 20, 16)
            caption = QLabel(holder.tr("Where? Back view: your left is on the left."), holder)
            caption.setObjectName("cardTitle")
            box.addWidget(caption)
            picker = RegionPicker(holder)
            picker.setRegions([Region.PIRIFORMIS, Region.GLUTE_MED])
            box.addWidget(picker, 1)
            holder.resize(780, 540)
            holder.show()
            picker.list.setFocus()
            save(holder, f"body-map-{scheme}.png")
            holder.close()

            window.close_to_tray = False
            window.close()
            journal.close()
    return written


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m ui.screenshots")
    parser.add_argument("outdir", nargs="?", default="screenshots", type=Path)
    parser.add_argument("--lang", metavar="CODE", help="language of the pictures (name suffix)")
    parser.add_argument("--light-only", action="store_true")
    parser.add_argument("--fit", action="store_true",
                        help="keep the size each window picks for the screen (not 1280x800)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    schemes = ("light",) if args.light_only else ("light", "dark")
    for path in capture(args.outdir, args.lang, schemes, fit=args.fit):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
