"""Dates and times as the person's locale writes them: the one place for every view and dialog.

Before, the Journal table, the Report and the dialogs each chose a format (ISO, "02 Sep 2026",
"2 Sep 2026"), and ui.translation had a second helper that took a fixed Qt pattern ("dddd d
MMMM": German "Freitag 4 Dezember", without the comma and the day's full stop German writes).
Now every date goes through these helpers:

* numeric dates (tables, lists, date editors) ask ``QLocale()`` (set by ui.translation.install
  to the app's language, else the system's) for its short pattern with a four-digit year;
* dates in words (Today's title, the check-in's day, Trends' period) use the language's own CLDR
  patterns through the core's Babel formatting (:mod:`journal.i18n`), the same the report and
  the command line use: "Freitag, 4. Dezember 2026", "viernes, 4 de diciembre de 2026". Medium
  dates stay ISO 8601 in English, by the core's design ("2026-12-04").
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from journal import i18n

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


def date_time_edit_pattern(locale: QLocale | None = None) -> str:
    """What a date-and-time editor shows: the weekday, :func:`date_format_pattern` and the
    locale's short time ("Mo. 16.03.2026  15:05"), never a fixed English-order pattern."""
    loc = locale or QLocale()
    return f"{weekday_date_edit_pattern(loc)}  {loc.timeFormat(_SHORT)}"


def weekday_date_edit_pattern(locale: QLocale | None = None) -> str:
    """What a date editor with the weekday shows: "ddd" and :func:`date_format_pattern`."""
    return f"ddd {date_format_pattern(locale)}"


def format_long_date(day: date) -> str:
    """A date in words, as the app's language writes it in full: "Friday 4 December 2026",
    "Freitag, 4. Dezember 2026", "viernes, 4 de diciembre de 2026" (CLDR's full pattern)."""
    return i18n.format_date(day, "full")


def format_medium_date(day: date) -> str:
    """A date in the app's language's medium style: "4 dic 2026", "04.12.2026" (ISO 8601 in
    English, as the report and the command line write it)."""
    return i18n.format_date(day, "medium")


def format_medium_datetime(moment: datetime) -> str:
    """:func:`format_medium_date` and the wall-clock time as recorded: "2026-12-04 14:05" in
    English, "04.12.2026 14:05" in German."""
    return i18n.format_datetime(moment, "medium")


def format_day_month(day: date) -> str:
    """Day and month without the year, in the language's order: "4 Dec", "4. Dez.", "4 dic"."""
    return i18n.format_date(day, "dMMM")


def format_short_weekday(day: date) -> str:
    """The weekday in at most two letters, for a week strip: "Mo", "Mo", "lu"."""
    return i18n.format_weekday(day, "abbreviated")[:2]


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
