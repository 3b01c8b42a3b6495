"""Core subcommands: add, checkin, list, export, import, check."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from typing import Any

from journal import vocabulary
from journal.errors import ValidationError
from journal.i18n import _, format_date, format_datetime, format_number, in_sentence, ngettext
from journal.model import (
    Activity,
    CheckIn,
    Episode,
    Interference,
    Kind,
    Radiates,
    Region,
    Relief,
    Side,
    TriggerTag,
    WarningSign,
    format_duration,
    parse_date,
    parse_duration,
    parse_enum_list,
    parse_instant,
)

_AMOUNT_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([a-zA-Z%/]*)\s*$")


def _choices(enum: Any) -> list[str]:
    return [m.value for m in enum]


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    add = sub.add_parser("add", parents=[common], help=_("log an episode"))
    add.add_argument("--kind", required=True, choices=_choices(Kind))
    add.add_argument("--at", required=True, metavar="ISO",
                     help=_("start, e.g. 2026-03-01T14:30 (local time) or with an offset"))
    add.add_argument("--duration", required=True, help=_("e.g. 90s, 5m, 1h30m"))
    add.add_argument("--intensity", required=True, type=int, metavar="N", help=_("0-10"))
    add.add_argument("--side", choices=_choices(Side))
    add.add_argument("--region", action="append", default=[], choices=_choices(Region))
    add.add_argument("--radiates", default="none", choices=_choices(Radiates))
    add.add_argument("--activity", choices=_choices(Activity))
    add.add_argument("--trigger", action="append", default=[], metavar="ID[=AMOUNT]",
                     help=_("suspected trigger, e.g. caffeine=200mg (repeatable)"))
    add.add_argument("--warning", action="append", default=[], metavar="ID",
                     help=_("a warning sign noticed (repeatable)"))
    add.add_argument("--relief", action="append", default=[], choices=_choices(Relief))
    add.add_argument("--relief-score", type=int, metavar="N", help=_("how well it helped, 0-10"))
    add.add_argument("--note", default="")
    add.set_defaults(handler=cmd_add)

    ci = sub.add_parser("checkin", parents=[common], help=_("record the daily check-in"))
    ci.add_argument("--date", required=True, metavar="D")
    ci.add_argument("--caffeine-mg", type=float, metavar="N")
    ci.add_argument("--water-ml", type=float, metavar="N")
    ci.add_argument("--sitting-h", type=float, metavar="N")
    ci.add_argument("--exercise-min", type=float, metavar="N")
    ci.add_argument("--stress", type=int, metavar="N")
    ci.add_argument("--sleep-h", type=float, metavar="N")
    ci.add_argument("--interference-sleep", type=int, metavar="N")
    ci.add_argument("--interference-walking", type=int, metavar="N")
    ci.add_argument("--interference-work", type=int, metavar="N")
    ci.add_argument("--no-episodes", action="store_true")
    ci.add_argument("--warning", action="append", default=[], metavar="ID",
                    help=_("a warning sign answered yes (repeatable)"))
    ci.add_argument("--asked", action="append", default=[], metavar="ID",
                    help=_("a warning sign asked and answered no (repeatable); signs not given "
                           "with --warning or --asked were not asked"))
    ci.add_argument("--note", default="")
    ci.set_defaults(handler=cmd_checkin)

    ls = sub.add_parser("list", parents=[common], help=_("list episodes and check-ins"))
    ls.add_argument("--from", dest="start", metavar="D")
    ls.add_argument("--to", dest="end", metavar="D")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list)

    ex = sub.add_parser("export", parents=[common], help=_("export to JSON or CSV"))
    ex.add_argument("--format", required=True, choices=["json", "csv"])
    ex.add_argument("--out", required=True, metavar="FILE")
    ex.add_argument("--from", dest="start", metavar="D")
    ex.add_argument("--to", dest="end", metavar="D")
    ex.set_defaults(handler=cmd_export)

    im = sub.add_parser("import", parents=[common],
                        help=_("import a JSON export (by id, no dupes)"))
    im.add_argument("file", metavar="FILE")
    im.set_defaults(handler=cmd_import)

    ck = sub.add_parser("check", parents=[common], help=_("integrity check; exit 0 when healthy"))
    ck.set_defaults(handler=cmd_check)


def parse_trigger(text: str) -> TriggerTag:
    trigger_id, _sep, amount_text = text.partition("=")
    trigger_id = trigger_id.strip()
    if not amount_text:
        return TriggerTag(trigger_id)
    m = _AMOUNT_RE.match(amount_text)
    if not m:
        raise ValidationError("triggers", _("Trigger amount {0!r} is not a number.").format(
            amount_text))
    return TriggerTag(trigger_id, float(m.group(1)), m.group(2) or None)


def date_range(args: argparse.Namespace) -> tuple[date | None, date | None]:
    start = parse_date(args.start, "--from") if args.start else None
    end = parse_date(args.end, "--to") if args.end else None
    if start and end and end < start:
        raise ValidationError("--to", _("--to {0} is before --from {1}.").format(
            format_date(end), format_date(start)))
    return start, end


def cmd_add(args: argparse.Namespace, ctx: Any) -> int:
    # Everything that needs no journal is parsed first, so bad input never touches the file.
    episode = Episode(
        kind=Kind(args.kind),
        started_at=parse_instant(args.at),
        duration_s=parse_duration(args.duration),
        intensity=args.intensity,
        side=Side(args.side) if args.side else None,
        regions=parse_enum_list(Region, args.region, "--region"),
        radiates_to=Radiates(args.radiates),
        activity=Activity(args.activity) if args.activity else None,
        triggers=tuple(parse_trigger(t) for t in args.trigger),
        warning_signs=parse_enum_list(WarningSign, args.warning, "--warning"),
        relief=parse_enum_list(Relief, args.relief, "--relief"),
        relief_score=args.relief_score,
        note=args.note,
    )
    with ctx.open_journal() as journal:
        journal.add_episode(episode)
    # TRANSLATORS: {0} is the kind ("Cramp"), {1} the episode's id, {2} its start.
    print(_("Added {0} {1} at {2}, {3}, intensity {4}.").format(
        in_sentence(_(vocabulary.KINDS[episode.kind.value].name)), episode.id,
        format_datetime(episode.started_at), format_duration(episode.duration_s),
        episode.intensity), file=ctx.out)
    return 0


def cmd_checkin(args: argparse.Namespace, ctx: Any) -> int:
    yes = parse_enum_list(WarningSign, args.warning, "--warning")
    # Asked means answered: only the signs given here were asked. Defaulting to "every sign"
    # turned a caffeine-only check-in into 26 answers of "no" and cleared signs reported earlier.
    asked = parse_enum_list(WarningSign, args.asked, "--asked")
    checkin = CheckIn(
        date=parse_date(args.date, "--date"),
        caffeine_mg=args.caffeine_mg,
        water_ml=args.water_ml,
        sitting_h=args.sitting_h,
        exercise_min=args.exercise_min,
        stress=args.stress,
        sleep_h=args.sleep_h,
        interference=Interference(args.interference_sleep, args.interference_walking,
                                  args.interference_work),
        no_episodes=args.no_episodes,
        warning_signs=yes,
        warning_signs_asked=tuple(dict.fromkeys(asked + yes)),
        note=args.note,
    )
    from journal.model import validate_checkin

    validate_checkin(checkin, ctx.clock.now().date())
    with ctx.open_journal() as journal:
        earlier = next(iter(journal.checkins(checkin.date, checkin.date)), None)
        if earlier is not None:
            checkin = merge_checkin(earlier, checkin)
        change = journal.save_checkin(checkin)
    day = format_date(checkin.date)
    print((_("Check-in for {0} added.") if change.action == "added" else
           _("Check-in for {0} updated.")).format(day), file=ctx.out)
    if earlier is not None:
        print(_("Answers given earlier that day were kept; the ones given here replace theirs."),
              file=ctx.out)
    return 0


def merge_checkin(earlier: CheckIn, given: CheckIn) -> CheckIn:
    """A second check-in of the same day from the command line adds to the first: what is given
    replaces the earlier value, what is not given keeps it. A warning sign answered "yes" earlier
    stays "yes" unless it is now answered "no" (``--asked``); replacing the whole check-in would
    silently clear a sign the person reported in the app."""
    said_no = set(given.warning_signs_asked) - set(given.warning_signs)
    yes = [s for s in earlier.warning_signs if s not in said_no]
    yes += [s for s in given.warning_signs if s not in yes]
    asked = list(dict.fromkeys((*earlier.warning_signs_asked, *given.warning_signs_asked)))

    def pick(name: str) -> object:
        value = getattr(given, name)
        return getattr(earlier, name) if value is None else value

    fields = ("caffeine_mg", "water_ml", "sitting_h", "exercise_min", "exercise_intensity",
              "stress", "sleep_h")
    interference = Interference(
        *(getattr(earlier.interference, n) if getattr(given.interference, n) is None
          else getattr(given.interference, n) for n in ("sleep", "walking", "work")))
    return earlier.with_changes(
        **{name: pick(name) for name in fields}, interference=interference,
        no_episodes=given.no_episodes or earlier.no_episodes, warning_signs=tuple(yes),
        warning_signs_asked=tuple(asked), note=given.note or earlier.note)


def cmd_list(args: argparse.Namespace, ctx: Any) -> int:
    start, end = date_range(args)
    with ctx.open_journal(create=False) as journal:
        episodes = journal.episodes(start, end)
        checkins = journal.checkins(start, end)
    if args.json:
        from journal.service.interchange import entries_document

        doc = entries_document(episodes, checkins)
        print(json.dumps(doc, ensure_ascii=False, indent=1), file=ctx.out)
        return 0
    if not episodes and not checkins:
        print(_("No entries in that period."), file=ctx.out)
        return 0
    for e in episodes:
        where = ",".join(r.value for r in e.regions) or "-"
        print(_("{0:%Y-%m-%d %H:%M%z}  {1:<6}  {2:>7}  intensity {3:>2}  {4:<5}  {5}  {6}").format(
            e.started_at, e.kind.value, format_duration(e.duration_s), e.intensity,
            e.side.value if e.side else '-', where, e.id), file=ctx.out)
    if checkins:
        print(ngettext("{0} check-in: {1}", "{0} check-ins: {1}", len(checkins)).format(
            format_number(len(checkins)), ", ".join(format_date(c.date) for c in checkins)),
            file=ctx.out)
    return 0


def cmd_export(args: argparse.Namespace, ctx: Any) -> int:
    from pathlib import Path

    start, end = date_range(args)
    out = Path(args.out)
    if not out.parent.exists():
        raise ValidationError("--out", _("The folder {0} does not exist.").format(out.parent))
    with ctx.open_journal(create=False) as journal:
        count = (journal.export_json(out, start, end) if args.format == "json"
                 else journal.export_csv(out, start, end))
    print(ngettext("Exported {0} episode to {1}.", "Exported {0} episodes to {1}.", count).format(
        format_number(count), out), file=ctx.out)
    return 0


def cmd_import(args: argparse.Namespace, ctx: Any) -> int:
    from pathlib import Path

    from journal.service.interchange import check_import_file
    from journal.service.journal_file import default_journal_path

    # An unreadable, oversized or non-JSON file must not create an empty journal; the rest is
    # read as a stream once the journal is open, in one transaction.
    check_import_file(Path(args.file))
    target = Path(ctx.db) if ctx.db is not None else default_journal_path()
    existed = target.exists()
    restore_point = None
    try:
        with ctx.open_journal() as journal:
            if existed:
                # A restore point first, as the app makes one: an import cannot be undone.
                restore_point = journal.backup_now(reason="pre-import")
            result = journal.import_file(Path(args.file))
    except BaseException:
        if not existed:
            # The journal this command created holds nothing: leave no empty file behind.
            for leftover in (target, target.with_name(target.name + "-wal"),
                             target.with_name(target.name + "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    print(result.summary(), file=ctx.out)
    if restore_point is not None:
        print(_("Restore point made first: {0}").format(restore_point), file=ctx.out)
    return 0


def cmd_check(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.open_journal(create=False) as journal:
        problems = journal.check()
        path = journal.path
    if problems:
        for p in problems[:20]:
            print(_("problem: {0}").format(p), file=ctx.err)
        print(ngettext("{0}: {1} problem found.", "{0}: {1} problems found.",
                       len(problems)).format(path, format_number(len(problems))), file=ctx.err)
        return 1
    print(_("{0}: healthy.").format(path), file=ctx.out)
    return 0
