"""What a chart shows at a point, in words: the Trends screen's hover tooltips (no Qt here).

One ``describe_<chart>(data, ax_index, x, y)`` per chart (the registry's ``hover``) takes the
data the chart was drawn from, which of its axes the pointer is over and the data coordinates
there; it returns one or two plain lines, or None when the pointer is over nothing. Callers go
through ``ChartSpec.describe``, which also handles the pointer being outside the data.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from journal import i18n
from journal.analytics.factors import FACTORS_BY_ID
from journal.charts.style import KIND_LABELS, REGION_LABELS
from journal.i18n import _, ngettext
from journal.vocabulary import FACTORS as FACTOR_WORDS

_EPOCH = date(1970, 1, 1)


def date_at(x: float) -> date:
    """The date under a Matplotlib date coordinate (default epoch, whole days)."""
    return _EPOCH + timedelta(days=math.floor(x))


def _day(d: date) -> str:
    return i18n.format_date(d, "yMMMEd")


def _bucket(periods: tuple[date, ...], width: int, when: date) -> int | None:
    if not periods or when < periods[0]:
        return None
    i = (when - periods[0]).days // width
    return i if i < len(periods) else None


def _period_name(data: Any, i: int) -> str:
    start = data.periods[i]
    if data.bucket == "day":
        return _day(start)
    return _("Week of {0}").format(i18n.format_date(start, "yMMMd"))


def describe_frequency(data: Any, ax_index: int, x: float, y: float) -> str | None:
    return _frequency(data, x)


def describe_intensity(data: Any, ax_index: int, x: float, y: float) -> str | None:
    return _intensity(data, x)


def describe_time_of_day(data: Any, ax_index: int, x: float, y: float) -> str | None:
    row, col = round(y), math.floor(x)
    if not (0 <= row < 7 and 0 <= col < 24):
        return None
    n = data.counts[row][col]
    return (ngettext("{0}, {1:02d}:00-{2:02d}:00: {3} episode",
                     "{0}, {1:02d}:00-{2:02d}:00: {3} episodes", n).format(
        i18n.weekday_name(row), col, (col + 1) % 24, n))


def describe_regions(data: Any, ax_index: int, x: float, y: float) -> str | None:
    row = round(y)
    if not 0 <= row < len(data.regions):
        return None
    region = data.regions[row]
    parts = ", ".join(f"{KIND_LABELS[k].lower()} {data.counts[k][row]}" for k in data.kinds)
    return _("{0}: {1} episodes ({2})").format(
        REGION_LABELS.get(region, region), data.total(region), parts)


def describe_trigger_forest(data: Any, ax_index: int, x: float, y: float) -> str | None:
    tested = [r for r in data if r.rate_ratio is not None]
    row = round(y)
    if not 0 <= row < len(tested):
        return None
    return str(tested[row].sentence)


def describe_factor_timeline(data: Any, ax_index: int, x: float, y: float, *,
                             factor: str) -> str | None:
    return _timeline(data, factor, x)


def _frequency(data: Any, x: float) -> str | None:
    i = _bucket(data.periods, data.bucket_days, date_at(x))
    if i is None:
        return None
    recorded = data.recorded_days[i]
    total = sum(data.counts[k][i] for k in data.kinds)
    if data.bucket == "day" and recorded == 0:
        return _("{0}: unrecorded (not counted as symptom-free)").format(_period_name(data, i))
    parts = ", ".join(f"{KIND_LABELS[k].lower()} {data.counts[k][i]}" for k in data.kinds)
    text = ngettext("{0}: {1} episode ({2})", "{0}: {1} episodes ({2})", total).format(
        _period_name(data, i), total, parts)
    if data.bucket == "week":
        text += _("; {0} of 7 days recorded").format(recorded)
    mean = data.rolling_mean[i]
    if not math.isnan(mean):
        text += f"\n{data.rolling_label}: {i18n.format_decimal(mean)}"
    return text


def _intensity(data: Any, x: float) -> str | None:
    i = _bucket(data.periods, data.bucket_days, date_at(x))
    if i is None:
        return None
    lines = [_period_name(data, i)]
    for k in data.kinds:
        n = data.episodes[k][i]
        if n == 0:
            lines.append(_("{0}: none").format(KIND_LABELS[k]))
            continue
        amount = i18n.format_amount
        lines.append(ngettext("{0}: median {1}, middle half {2}-{3}, highest {4} ({5} episode)",
                              "{0}: median {1}, middle half {2}-{3}, highest {4} ({5} episodes)",
                              n).format(
                           KIND_LABELS[k], amount(data.median[k][i], 2),
                           amount(data.q1[k][i], 2), amount(data.q3[k][i], 2),
                           amount(data.highest[k][i], 2), n))
    return "\n".join(lines)


def _timeline(data: Any, factor: str, x: float) -> str | None:
    when = date_at(x)
    if not data.days or not data.days[0] <= when <= data.days[-1]:
        return None
    i = (when - data.days[0]).days
    episodes = data.episodes[i]
    if math.isnan(episodes):
        return _("{0}: unrecorded").format(_day(when))
    text = ngettext("{0}: {1} episode", "{0}: {1} episodes", int(episodes)).format(
        _day(when), int(episodes))
    value = data.values[factor][i]
    f = FACTORS_BY_ID[factor]
    if math.isnan(value):
        return text + _("; {0} not recorded").format(_(FACTOR_WORDS[factor].name))
    flag = f.exposed(value, data.thresholds[factor])
    unit = f" {f.unit}" if f.unit else ""
    return (text + f"; {_(FACTOR_WORDS[factor].name)} {i18n.format_amount(value, 2)}{unit}"
            + (f" ({data.exposures[factor]})" if flag else ""))
