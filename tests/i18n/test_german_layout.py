"""Every section and every dialog at 1280x800, in German and in Spanish: no label, button, combo
box entry, list item or tab title is wider than its room (German and Spanish words run about a
third longer than English ones); and in the pseudo-locale every user-visible string of every
section and dialog came through a catalogue (named, so the list of what is left only shrinks).

The walk runs in a process of its own on an offscreen screen of 1280x800, so the windows and
dialogs size themselves as they would on that screen (tests/i18n/walk_driver.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from tests.helpers.i18n import untranslated
from tests.i18n.walk_driver import clipped as _clipped

DRIVER = Path(__file__).with_name("walk_driver.py")
#: Every place the walk looks; a dialog that did not open would be missing here.
PLACES = {"today", "journal", "trends", "report", "episode form", "check-in",
          "check-in (first question)", "check-in (summary)", "flags list", "emergency",
          "emergency info", "medications", "triggers", "help", "tray and reminder settings",
          "restore", "delete all", "passphrase", "import report"}
_walks: dict[str, dict] = {}  # type: ignore[type-arg]


def walk(code: str, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    """The app walked in ``code`` at 1280x800 (once per test run and language)."""
    if code not in _walks:
        folder = tmp_path_factory.mktemp(f"walk-{code}")
        screens = folder / "screens.json"
        screens.write_text(json.dumps({"screens": [{
            "name": "test", "x": 0, "y": 0, "width": 1280, "height": 800,
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
        env = dict(os.environ)
        env.update({"QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
                    "XDG_CONFIG_HOME": str(folder / "config"),
                    "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
        env.pop("QT_SCALE_FACTOR", None)
        done = subprocess.run([sys.executable, str(DRIVER), str(folder), code], env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        _walks[code] = json.loads(done.stdout.strip().splitlines()[-1])
    return _walks[code]


def _places(result: dict) -> set[str]:  # type: ignore[type-arg]
    return {where.split(" (")[0] if not where.startswith("check-in") else where
            for where, _text in result["texts"]} | {w for w, _t in result["texts"]}


@pytest.mark.parametrize("code", ["de", "es"])
def test_no_text_is_clipped_on_any_section_or_dialog(code, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    result = walk(code, tmp_path_factory)
    assert _places(result) >= PLACES, PLACES - _places(result)
    assert any(where.startswith("why ") for where, _t in result["texts"])
    assert result["clipped"] == []


def test_qts_own_buttons_speak_german_too(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    """Cancel, Close and Save come from Qt's own catalogue (qtbase), loaded with ours."""
    shown = {text for _where, text in walk("de", tmp_path_factory)["texts"]}
    assert not shown & {"Cancel", "&Cancel", "Close", "&Close", "Save", "&Save"}  # OK is OK


def test_the_clip_check_can_fail(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("Eine sehr lange deutsche Beschriftung, die nicht passt", holder)
    label.setFixedWidth(60)
    holder.show()
    assert _clipped(holder)


#: UI words not yet through tr() (found by the pseudo-locale walk); this list only shrinks.
UI_LEFT_TO_DO: set[str] = set()
#: Core words the walk finds in Trends' findings, from journal/analytics (not yet marked for
#: translation there: the daily-factor names, "over 190 mg of caffeine (your median)", and the
#: tag-share sentence "48% of episodes (16 of 33) were tagged with caffeine as a suspected
#: trigger"); this list only shrinks.
CORE_LEFT_TO_DO = {"caffeine", "episodes", "exercise", "prolonged", "sitting", "suspected",
                   "tagged", "were", "with"}
#: Qt's own standard buttons: the pseudo-locale has no qtbase catalogue (German has; see above).
QT_OWN = {"Cancel", "Close", "Save", "Apply", "Reset", "Discard"}
#: The pseudo-locale formats dates with English locale data (its CLDR base is English).
ENGLISH_LOCALE_DATA = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Jan", "Feb", "Mar",
                       "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
#: The sample journal's own words: notes and a medication the person typed.
SAMPLE_DATA = {"after", "long", "drive", "during", "meeting", "woke", "the", "gym", "stretching",
               "left", "cheek", "like", "flicker", "calmed", "walk", "Magnesium", "glycinate"}


def test_every_section_and_dialog_in_the_pseudo_locale_is_all_translated(  # type: ignore[no-untyped-def]
        tmp_path_factory) -> None:
    result = walk("qps", tmp_path_factory)
    assert _places(result) >= PLACES, PLACES - _places(result)
    allowed = UI_LEFT_TO_DO | CORE_LEFT_TO_DO | QT_OWN | ENGLISH_LOCALE_DATA | SAMPLE_DATA
    left: dict[str, set[str]] = {}
    for where, text in result["texts"]:
        for word in untranslated(text, allowed):
            left.setdefault(word, set()).add(f"{where}: {text[:80]}")
    assert left == {}
