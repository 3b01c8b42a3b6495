"""The ``report`` subcommand: the doctor's report as a PDF file.

``symptom-journal [--db PATH] report --out FILE.pdf [--from D] [--to D] [--name ..] [--dob ..]
[--letter] [--no-notes] [--questions TEXT] [--only SECTION ...]``

The name and date of birth are printed on the report only; they are never stored. fpdf2 and
matplotlib are imported inside the handler so ``--help`` and the other commands stay fast.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from journal.errors import ValidationError
from journal.i18n import _, format_date, format_number, os_error_reason
from journal.model import parse_date
from journal.service.report import DEFAULT_WEEKS, SECTION_IDS, ReportOptions


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    rp = sub.add_parser(
        "report", parents=[common], help=_("write the doctor's report as a PDF"),
        description=_("Write the report for your doctor: a one-page summary (warning-sign "
                      "flags, summary per kind and side, episodes per day, trigger findings), "
                      "the detail, and the episode log. Default period: the last {weeks} weeks "
                      "up to today. The name and date of birth are printed on the report only, "
                      "never stored.").format(weeks=DEFAULT_WEEKS))
    rp.add_argument("--out", required=True, metavar="FILE.pdf")
    rp.add_argument("--from", dest="start", metavar="D", help=_("first day, e.g. 2026-01-20"))
    rp.add_argument("--to", dest="end", metavar="D", help=_("last day (default: today)"))
    rp.add_argument("--name", default="", help=_("your name, as printed on the report"))
    rp.add_argument("--dob", metavar="D", help=_("your date of birth, as printed on the report"))
    rp.add_argument("--letter", action="store_true", help=_("US Letter paper (default: A4)"))
    rp.add_argument("--no-notes", action="store_true",
                    help=_("leave out the free-text notes of episodes and check-ins"))
    rp.add_argument("--questions", default="", metavar="TEXT",
                    help=_("your questions for the visit (use \\n or quotes for several lines)"))
    rp.add_argument("--only", action="append", choices=SECTION_IDS, metavar="SECTION",
                    help=_("include only these sections (repeatable): {sections}").format(
                        sections=", ".join(SECTION_IDS)))
    rp.add_argument("--report-lang", metavar="CODE", default=None,
                    help=_("the report's language, e.g. the doctor's: en, de or es (default: "
                           "the language of the messages, --lang)"))
    rp.set_defaults(handler=cmd_report)


def options_from_args(args: argparse.Namespace, today: date) -> ReportOptions:
    """ReportOptions from the command line, validated (ValidationError names the option)."""
    start = parse_date(args.start, "--from") if args.start else None
    end = parse_date(args.end, "--to") if args.end else None
    if end is not None and end > today:
        raise ValidationError("--to", _("--to {0} is in the future.").format(end))
    if start is not None and end is None and start > today:
        raise ValidationError("--from", _("--from {0} is in the future.").format(start))
    options = ReportOptions(
        start=start,
        end=end,
        name=args.name.strip(),
        dob=parse_date(args.dob, "--dob") if args.dob else None,
        sections=frozenset(args.only) if args.only else frozenset(SECTION_IDS),
        include_notes=not args.no_notes,
        paper="Letter" if args.letter else "A4",
        questions=args.questions.replace("\\n", "\n"),
        language=args.report_lang,
    )
    try:
        options.validate(today)
    except ValidationError as exc:
        flag = {"start": "--from", "end": "--to", "dob": "--dob", "name": "--name",
                "questions": "--questions"}.get(exc.field, exc.field)
        raise ValidationError(flag, f"{flag}: {exc.message}") from None
    return options


def cmd_report(args: argparse.Namespace, ctx: Any) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise ValidationError("--out", _("--out {0} should end in .pdf.").format(out))
    if not out.parent.exists():
        raise ValidationError("--out", _("The folder {0} does not exist.").format(out.parent))
    if out.is_dir():
        raise ValidationError("--out",
                              _("{0} is a folder; give a file name ending in .pdf.").format(out))
    options = options_from_args(args, ctx.clock.now().date())
    with ctx.open_journal(create=False) as journal:
        start, end = options.period(journal.today())
        try:
            journal.write_report(out, options)
        except OSError as exc:
            from journal.errors import StorageError

            raise StorageError(_("The report could not be written to {0}: {1}.").format(
                out, os_error_reason(exc))) from exc
        episodes = journal.count_episodes(start, end)
    print(_("Wrote the report for {0} to {1} ({2} episodes) to {3}.").format(
        format_date(start), format_date(end), format_number(episodes), out), file=ctx.out)
    return 0
