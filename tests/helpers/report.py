"""Small journals for the report tests (PDF, report view, report command), written through the
service like a person would.

``fill_journal`` writes eight weeks ending on the clock's today (2026-03-16): twitches and cramps
on both sides, a cramp of 12 minutes (the ``long_cramp`` rule: urgent), numbness on one side
(``nerve_root``: mention), check-ins asking every warning-sign question, a statin, a diuretic and
a suspected supplement, and notes in several scripts. Three days in the period stay unrecorded.
"""

from __future__ import annotations

import random
import subprocess
from datetime import date, datetime, time, timedelta
from io import BytesIO
from pathlib import Path

from journal.model import (
    Activity,
    CheckIn,
    Episode,
    Interference,
    Kind,
    Medication,
    MedicationKind,
    Radiates,
    Region,
    Relief,
    Side,
    TriggerTag,
    UserTrigger,
    WarningSign,
)
from journal.service import Journal

START = date(2026, 1, 20)
END = date(2026, 3, 16)
UNRECORDED = (date(2026, 2, 2), date(2026, 2, 3), date(2026, 2, 20))
NOTE_LATIN = "José Müller said it started after the long drive"
NOTE_GREEK = "Ελένη: πόνος στον γλουτό"
NOTE_CYRILLIC = "Иван: судорога ночью"
#: A rare CJK ideograph (U+20000) and a private-use character: no font we ship has them.
NOTE_UNSUPPORTED = "odd glyphs \U00020000 and \ue000 here"


def _at(journal: Journal, day: date, hour: int, minute: int = 0) -> datetime:
    tz = journal.now().tzinfo
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def fill_journal(journal: Journal, per_day: int = 2, seed: int = 4) -> None:
    rng = random.Random(seed)
    journal.add_user_trigger(UserTrigger("cold_office", "Cold office ❄"))
    sides = [Side.LEFT, Side.RIGHT, Side.BOTH, None]
    regions = list(Region)
    day = START
    index = 0
    notes = [NOTE_LATIN, NOTE_GREEK, NOTE_CYRILLIC, NOTE_UNSUPPORTED]
    while day <= END:
        if day in UNRECORDED:
            day += timedelta(days=1)
            continue
        last_day = day == END
        for k in range(per_day):
            kind = Kind.CRAMP if (index % 5 == 0) else Kind.TWITCH
            hour = 8 + (k * 5 + index) % 6  # before 14:00, so never after the clock's "now"
            episode = Episode(
                kind=kind,
                started_at=_at(journal, day, hour, (index * 7) % 60),
                duration_s=rng.choice([5, 20, 45, 90]) if kind is Kind.TWITCH else 120,
                intensity=rng.randint(1, 8),
                side=sides[index % 4],
                regions=(regions[index % len(regions)],),
                radiates_to=Radiates.BUTTOCK if index % 3 == 0 else Radiates.NONE,
                activity=Activity.SITTING if index % 2 else Activity.WALKING,
                triggers=(TriggerTag("caffeine", 200, "mg"),) if index % 4 == 0 else (
                    (TriggerTag("cold_office"),) if index % 7 == 0 else ()),
                relief=(Relief.STRETCH,) if index % 3 == 0 else (),
                relief_score=6 if index % 3 == 0 else None,
                note=notes[(index // 6) % len(notes)] if index % 6 == 0 else "",
            )
            if last_day and k == 0:
                episode = episode.with_changes(kind=Kind.CRAMP, duration_s=12 * 60)
            if day == date(2026, 3, 2) and k == 0:
                episode = episode.with_changes(
                    side=Side.LEFT, warning_signs=(WarningSign.NUMBNESS_TINGLING,))
            journal.add_episode(episode)
            index += 1
        if day.weekday() != 6:  # no check-in on Sundays: those days count through episodes
            journal.save_checkin(CheckIn(
                date=day, caffeine_mg=rng.choice([0, 100, 300]), water_ml=1500,
                sitting_h=rng.choice([4, 9]), sleep_h=7, stress=rng.randint(1, 6),
                interference=Interference(sleep=rng.randint(0, 8), walking=rng.randint(0, 4),
                                          work=rng.randint(0, 7)),
                warning_signs=(WarningSign.NUMBNESS_TINGLING,) if day == date(2026, 3, 2)
                else (),
                warning_signs_asked=tuple(WarningSign),
                note="Слабость ночью" if day == date(2026, 3, 3) else "",
            ))
        day += timedelta(days=1)
    journal.add_medication(Medication("Atorvastatin", date(2025, 6, 1), dose="20 mg"))
    journal.add_medication(Medication("Furosemide", date(2026, 2, 10), dose="40 mg",
                                      stopped_on=date(2026, 3, 1)))
    journal.add_medication(Medication("Magnesium citrate", date(2026, 1, 5), dose="300 mg",
                                      kind=MedicationKind.SUPPLEMENT, suspected=True))


def pages_text(pdf: bytes) -> list[str]:
    """The text of every page, whitespace collapsed (table cells wrap over lines)."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def pdffonts(path: Path) -> list[list[str]]:
    """Rows of ``pdffonts``: name, type, encoding, emb, sub, uni, ..."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    lines = out.stdout.splitlines()[2:]
    return [line.split() for line in lines if line.strip()]
