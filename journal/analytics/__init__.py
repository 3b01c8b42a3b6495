"""Aggregations and trigger statistics: what the Trends screen, the CLI and the report show.

Everything is grouped by the user's local date in SQL; rates divide by *recorded* days (a check-in
or an episode), never by calendar days. Statistics describe associations in the person's own
records and are worded that way.
"""

from journal.analytics.factors import FACTORS, FACTORS_BY_ID, LAGS, MIN_DAYS, Factor
from journal.analytics.queries import (
    DURATION_LABELS,
    WEEKDAYS,
    DurationDistribution,
    FactorTimeline,
    Frequency,
    IntensitySeries,
    KindSideSummary,
    RecordedDays,
    RegionCounts,
    TagShare,
    TimeOfDay,
    choose_bucket,
    day_records,
    duration_distribution,
    factor_timeline,
    frequency,
    intensity_series,
    recorded_days,
    region_counts,
    summary_by_kind_side,
    time_of_day,
    trigger_statistics,
    trigger_tag_shares,
)
from journal.analytics.stats import (
    DayRecord,
    FactorResult,
    benjamini_hochberg,
    day_records_from_entries,
    trigger_statistics_from_days,
)

__all__ = [
    "DURATION_LABELS",
    "FACTORS",
    "FACTORS_BY_ID",
    "LAGS",
    "MIN_DAYS",
    "WEEKDAYS",
    "DayRecord",
    "DurationDistribution",
    "Factor",
    "FactorResult",
    "FactorTimeline",
    "Frequency",
    "IntensitySeries",
    "KindSideSummary",
    "RecordedDays",
    "RegionCounts",
    "TagShare",
    "TimeOfDay",
    "benjamini_hochberg",
    "choose_bucket",
    "day_records",
    "day_records_from_entries",
    "duration_distribution",
    "factor_timeline",
    "frequency",
    "intensity_series",
    "recorded_days",
    "region_counts",
    "summary_by_kind_side",
    "time_of_day",
    "trigger_statistics",
    "trigger_statistics_from_days",
    "trigger_tag_shares",
]
