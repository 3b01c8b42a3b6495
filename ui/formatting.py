"""Dates and times as the person's locale writes them, in one place for every view and dialog.

Before, the Journal table, the Report and the dialogs each chose a format (ISO, "02 Sep 2026",
"2 Sep 2026"); now each goes through these helpers, which ask ``QLocale()`` (the system locale
unless the app set another), so a date reads the same everywhere and the way the person expects.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

_SHORT = QLocale.FormatType.ShortFormat


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_format_pattern(locale: QLocale | None = None) -> str:
    """The locale's short date pattern with a four-digit year ("dd/MM/yyyy", "M/d/yyyy",
    "dd.MM.yyyy"): a diary spans years, and a two-digit year invites misreading. Date editors
    use it too (``QDateEdit.setDisplayFormat``), so what is typed looks like what is shown."""
    loc = locale or QLocale()
    if loc.language() == QLocale.Language.C:
        # No locale chosen (LANG=C, a bare session): ISO 8601, not the C locale's "d MM yy".
        return "yyyy-MM-dd"
    pattern = loc.dateFormat(_SHORT)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def format_date(day: date | None, locale: QLocale | None = None) -> str:
    """``day`` in the locale's short date format with a four-digit year ("" for None)."""
    if day is None:
        return ""
    loc = locale or QLocale()
    return loc.toString(_qdate(day), date_format_pattern(loc))


def format_weekday_date(day: date, locale: QLocale | None = None) -> str:
    """"Wed 02/09/2026": the locale's short weekday name, then :func:`format_date`."""
    loc = locale or QLocale()
    return f"{loc.dayName(day.isoweekday(), _SHORT)} {format_date(day, loc)}"


def format_time(moment: datetime, locale: QLocale | None = None) -> str:
    """The wall-clock time of ``moment`` (as recorded, in its own offset), locale format."""
    return (locale or QLocale()).toString(QTime(moment.hour, moment.minute), _SHORT)


def format_datetime(moment: datetime, locale: QLocale | None = None) -> str:
    """Date and time of ``moment`` as recorded (its own offset), in the locale's short format."""
    loc = locale or QLocale()
    return f"{format_date(moment.date(), loc)} {format_time(moment, loc)}"


def format_date_range(first: date | None, last: date | None,
                      locale: QLocale | None = None) -> str:
    """"first – last" (one date when equal, "" when there are none)."""
    if first is None or last is None:
        return ""
    if first == last:
        return format_date(first, locale)
    return f"{format_date(first, locale)} \u2013 {format_date(last, locale)}"


def to_qdatetime(moment: datetime) -> QDateTime:
    """``moment`` for Qt, keeping the wall-clock time it was recorded at."""
    return QDateTime(_qdate(moment.date()), QTime(moment.hour, moment.minute, moment.second))


def format_count(n: int, one: str, many: str, locale: QLocale | None = None) -> str:
    """``one`` for exactly 1, else ``many`` with ``{0}`` as the number in the locale's digits
    ("1 episode", "2,920 episodes"); both forms come translated from the caller."""
    return (one if n == 1 else many).format((locale or QLocale()).toString(n))
