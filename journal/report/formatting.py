"""How the report writes numbers and dates in its tables and sentences."""

from __future__ import annotations

from datetime import date


def format_date(d: date | None) -> str:
    return d.isoformat() if d else "–"


def format_number(v: float | None, digits: int = 1) -> str:
    """A whole number without decimals, anything else with ``digits`` of them; "–" for none."""
    if v is None:
        return "–"
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.{digits}f}"


def format_rate(v: float) -> str:
    """A daily rate with two significant digits below 10 (0.24, 2.4), whole numbers above."""
    return f"{v:.2f}" if v < 1 else f"{v:.1f}" if v < 10 else f"{v:.0f}"


def format_days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"
