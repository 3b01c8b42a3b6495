"""How the report writes numbers and dates in its tables and sentences."""

from __future__ import annotations

from datetime import date

from journal import i18n


def format_date(d: date | None) -> str:
    """A date as the report's language writes it ("4 Dec 2026", "04.12.2026"); "–" for none."""
    return i18n.format_date(d) if d else "–"


def format_number(v: float | None, digits: int = 1) -> str:
    """A whole number without decimals, anything else with ``digits`` of them; "–" for none."""
    if v is None:
        return "–"
    return i18n.format_decimal(v, 0 if float(v).is_integer() else digits)


def format_rate(v: float) -> str:
    """A daily rate with two significant digits below 10 (0.24, 2.4), whole numbers above."""
    return i18n.format_decimal(v, 2 if v < 1 else 1 if v < 10 else 0)


def format_days(n: int) -> str:
    return i18n.ngettext("{0} day", "{0} days", n).format(n)
