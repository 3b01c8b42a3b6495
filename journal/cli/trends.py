"""Trend subcommands: ``chart``, ``stats`` and ``demo``.

* ``chart --type frequency|intensity|time_of_day|regions|trigger_forest|factor --out FILE``
  draws the same chart the Trends screen and the PDF report show (default: the last 8 weeks);
  the charts and their ids come from the chart registry, which also accepts the older spellings
  ``timeofday`` and ``triggers``.
* ``stats [--json]`` prints each kind's first against last 14 days (under the report's trend
  floor: "not enough data" below it) and the trigger statistics: one sentence (or one JSON
  object) per daily factor and lag, with the rate ratio adjusted for the other daily factors,
  its interval (widened for the comparisons made), the adjusted p, and the days it rests on,
  or how many more days are needed (default: everything recorded). See docs/statistics.md.
* ``demo --out FILE`` writes a sample journal into a new file; it never touches an existing one.

Matplotlib is imported inside the handlers so ``--help`` and the other commands stay fast.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from journal.errors import ValidationError
from journal.i18n import _, format_amount, format_date, format_number, ngettext
from journal.model import parse_date


class ChartTypes:
    """``--type``'s choices: the chart registry's ids, listed in the help; the older spellings
    ``timeofday`` and ``triggers`` are accepted too.

    Read from the service only when ``chart`` is parsed or its help shown: importing the service
    loads SQLAlchemy, and the other commands' ``--help`` should not wait for it.
    """

    def __iter__(self) -> Iterator[str]:
        from journal.service.charts import chart_ids

        return iter(chart_ids())

    def __contains__(self, name: object) -> bool:
        from journal.service.charts import is_chart

        return isinstance(name, str) and is_chart(name)


CHART_TYPES = ChartTypes()
#: Charts default to the report's period: the last 8 weeks up to today.
DEFAULT_CHART_DAYS = 56


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    ch = sub.add_parser(
        "chart", parents=[common], help=_("draw a trend chart to a PNG or SVG file"),
        description=_("Draw a chart of the journal to a PNG or SVG file (the format follows the "
        "file name). Default period: the last 8 weeks."))
    # A metavar, so that building the parser does not list (and so load) the charts.
    ch.add_argument("--type", required=True, choices=CHART_TYPES, dest="chart_type",
                    metavar="CHART", help=_("which chart: %(choices)s"))
    ch.add_argument("--out", required=True, metavar="FILE", help=_("FILE.png or FILE.svg"))
    ch.add_argument("--from", dest="start", metavar="D")
    ch.add_argument("--to", dest="end", metavar="D")
    ch.add_argument("--kind", choices=["twitch", "cramp"], action="append",
                    help=_("only this kind (repeatable; default both)"))
    ch.add_argument("--factor", default="sitting", metavar="ID",
                    help=_("for --type factor: caffeine, water, sitting, exercise, stress, sleep"))
    ch.add_argument("--width-cm", type=float, default=17.0, metavar="N")
    ch.add_argument("--height-cm", type=float, default=8.6, metavar="N")
    ch.set_defaults(handler=cmd_chart)

    st = sub.add_parser(
        "stats", parents=[common],
        help=_("trigger statistics (adjusted rate ratios with intervals)"),
        description=_("Compare the episode rate on checked-in days with and without each daily "
        "factor, adjusted for the other daily factors in one regression: same day, and next "
        "day as a secondary analysis. Benjamini-Hochberg adjusted p with intervals widened to "
        "match (see docs/statistics.md). Default period: everything recorded."))
    st.add_argument("--from", dest="start", metavar="D")
    st.add_argument("--to", dest="end", metavar="D")
    st.add_argument("--json", action="store_true", help=_("print JSON instead of sentences"))
    st.set_defaults(handler=cmd_stats)

    de = sub.add_parser(
        "demo", parents=[common], help=_("write a sample journal to a new file"),
        description=_("Write a realistic sample journal (planted effect: 8 h or more of sitting "
        "doubles the day's episodes) into a NEW file, to try the app without your own data."))
    de.add_argument("--out", required=True, metavar="FILE")
    de.add_argument("--years", type=float, default=3.0, metavar="N")
    de.add_argument("--per-day", type=float, default=8.0, metavar="N",
                    help=_("episodes per calendar day on average"))
    de.add_argument("--seed", type=int, default=1, metavar="N")
    de.set_defaults(handler=cmd_demo)


def _range(args: argparse.Namespace, journal: Any, default_days: int | None) -> tuple[date, date]:
    end = parse_date(args.end, "--to") if args.end else journal.today()
    if args.start:
        start = parse_date(args.start, "--from")
    elif default_days is not None:
        start = end - timedelta(days=default_days - 1)
    else:
        start = journal.first_entry_date() or end
    if end < start:
        raise ValidationError("--to", _("--to {0} is before --from {1}.").format(end, start))
    return start, end


def cmd_chart(args: argparse.Namespace, ctx: Any) -> int:
    from journal.service.charts import ChartSelection, factor_ids, write_chart

    out = Path(args.out)
    if out.suffix.lower() not in (".png", ".svg"):
        raise ValidationError("--out", _("Charts are saved as .png or .svg, not {0!r}.").format(
            out.name))
    if not out.parent.exists():
        raise ValidationError("--out", _("The folder {0} does not exist.").format(out.parent))
    factors = factor_ids()
    if args.factor not in factors:
        raise ValidationError("--factor", _("Unknown factor {0!r}; use one of: {1}.").format(
            args.factor, ", ".join(factors)))
    if not (2 <= args.width_cm <= 100 and 2 <= args.height_cm <= 100):
        raise ValidationError("--width-cm", _("Chart sizes must be between 2 and 100 cm."))
    kinds = tuple(args.kind) if args.kind else None
    with ctx.open_journal(create=False) as journal:
        start, end = _range(args, journal, DEFAULT_CHART_DAYS)
        selection = ChartSelection(start, end, kinds, args.factor)
        data = journal.chart_data(args.chart_type, selection)
    size = (args.width_cm / 2.54, args.height_cm / 2.54)
    write_chart(out, args.chart_type, data, selection, size_in=size)
    # TRANSLATORS: {0} is the chart type as typed after --type ("frequency"), {1} and {2} the
    # period's dates.
    print(_("Wrote the {0} chart for {1} to {2} to {3}.").format(
        args.chart_type, format_date(start), format_date(end), out), file=ctx.out)
    return 0


def _result_json(r: Any) -> dict[str, Any]:
    return {
        "factor": r.factor,
        "lag": r.lag,
        "lag_label": "same day" if r.lag == 0 else "next day",
        "exposure": r.exposure,
        "threshold": r.threshold,
        "rate_ratio": r.rate_ratio,
        "ci_low": r.ci_low,
        "ci_high": r.ci_high,
        "p_value": r.p_value,
        "p_adjusted": r.p_adjusted,
        "significant": r.significant,
        "exposed_days": r.exposed_days,
        "unexposed_days": r.unexposed_days,
        "exposed_rate": r.exposed_rate,
        "unexposed_rate": r.unexposed_rate,
        "days_needed": r.days_needed,
        "sentence": r.sentence,
        # How the figures above were made (docs/statistics.md).
        "method": r.method,
        "adjusted_for": list(r.adjusted_for),
        "ci_level": r.ci_level,
        "ci95_low": r.ci95_low,
        "ci95_high": r.ci95_high,
        "comparisons": r.comparisons,
        "exposed_episodes": r.exposed_episodes,
        "unexposed_episodes": r.unexposed_episodes,
        "spell_widening": r.spell_widening,
    }


def cmd_stats(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.open_journal(create=False) as journal:
        start, end = _range(args, journal, None)
        results = journal.trigger_stats(start, end)
        tags = journal.trigger_tag_shares(start, end)
        completeness = journal.diary_completeness(start, end)
        trends = journal.kind_trends(start, end)
    if args.json:
        doc = {
            "from": start.isoformat(), "to": end.isoformat(),
            "recorded_days": completeness.recorded, "unrecorded_days": completeness.unrecorded,
            "factors": [_result_json(r) for r in results],
            # First against last 14 days per kind, under the report's trend floor.
            "trends": [{"kind": t.kind, "first_episodes": t.first, "last_episodes": t.last,
                        "first_recorded_days": t.first_days, "last_recorded_days": t.last_days,
                        "trend": t.verdict} for t in trends],
            "trigger_tags": [{"tag": t.tag, "label": t.label, "episodes": t.episodes,
                              "total_episodes": t.total_episodes, "share": t.share}
                             for t in tags],
        }
        json.dump(doc, ctx.out, indent=2, ensure_ascii=False)
        ctx.out.write("\n")
        return 0
    out = ctx.out
    print(_("Trigger statistics for {0} to {1}: {2} recorded days, {3} unrecorded (left out of "
            "every rate).").format(
                format_date(start), format_date(end), format_number(completeness.recorded),
                format_number(completeness.unrecorded)), file=out)
    same_day = next((r.comparisons for r in results if r.tested and r.lag == 0), 0)
    next_day = next((r.comparisons for r in results if r.tested and r.lag == 1), 0)
    if same_day or next_day:
        weekend = any("weekend" in r.adjusted_for for r in results if r.tested)
        print((_("Each factor is compared in one model with the others, so its figure is "
                 "adjusted for the other daily factors and for weekdays against weekends; {0} "
                 "same-day comparisons, and {1} next-day ones as a secondary check.") if weekend
               else _("Each factor is compared in one model with the others, so its figure is "
                      "adjusted for the other daily factors; {0} same-day comparisons, and {1} "
                      "next-day ones as a secondary check.")).format(same_day, next_day),
              file=out)
    if trends:
        print(_("\nEpisodes per recorded day, first against last 14 days (the report's trend "
                "column):"), file=out)
        for t in trends:
            print(f"- {t.sentence}", file=out)
    clear = [r for r in results if r.significant]
    rest = [r for r in results if not r.significant]
    if clear:
        print(_("\nClear after adjusting for the number of comparisons:"), file=out)
        for r in clear:
            print(f"- {r.sentence}", file=out)
    if rest:
        print(_("\nNo clear difference, or not enough days yet:"), file=out)
        for r in rest:
            print(f"- {r.sentence}", file=out)
    if tags:
        print(_("\nSuspected triggers tagged on episodes:"), file=out)
        for t in tags:
            print(f"- {t.sentence}", file=out)
    print(_("\nThese are associations in your own records, not proof that one thing leads to "
            "another."), file=out)
    return 0


def cmd_demo(args: argparse.Namespace, ctx: Any) -> int:
    from journal.service import Journal, make_demo_journal

    out = Path(args.out)
    if out.exists():
        raise ValidationError("--out",
                              _("{0} already exists; sample data only goes into a new file, "
                                "never into an existing journal.").format(out))
    if not out.parent.exists():
        raise ValidationError("--out", _("The folder {0} does not exist.").format(out.parent))
    if not (0 < args.years <= 30):
        raise ValidationError("--years", _("--years must be more than 0 and at most 30."))
    if not (0 <= args.per_day <= 200):
        raise ValidationError("--per-day", _("--per-day must be between 0 and 200."))
    today = ctx.clock.now().date()
    path = make_demo_journal(out, years=args.years, episodes_per_day=args.per_day,
                             seed=args.seed, today=today)
    with Journal.open(path, ctx.clock, create=False) as journal:
        count = journal.count_episodes()
        checkins = len(journal.checkins())
    years = ngettext("{0} year", "{0} years", 1 if args.years == 1 else 2).format(
        format_amount(args.years, 2))
    print(_("Wrote a sample journal to {0}: {1} episodes and {2} check-ins over {3}. "
            "Open it with --db {0}.").format(path, format_number(count), format_number(checkins),
                                             years), file=ctx.out)
    return 0
