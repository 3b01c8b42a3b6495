"""``symptom-journal flags [--today D] [--json]``: the warning flags, most urgent first.

Plain output is one readable block per flag (tier, title, since, what to do, why, source); JSON
is a list of ``{"rule", "tier", "title", "advice", "source", "evidence": {"episodes",
"checkins"}, "since"}``. Exit status 0 whether or not anything fired. Without ``--today`` the
flag history in the file is brought up to date too (as the app does), so the report can say when
each flag first fired and cleared; with ``--today`` (a look back or ahead) nothing is written.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

import journal.vocabulary as vocabulary
from journal.i18n import _, format_date, ngettext
from journal.model import parse_date

_WIDTH = 78


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    fl = sub.add_parser(
        "flags", parents=[common], help=_("show warning flags (most urgent first)"),
        description=_("Show the warning flags the journal's entries fire as of a date, most urgent "
        "first. Exit status 0 whether or not any flag fires."),
    )
    fl.add_argument("--today", metavar="D",
                    help=_("evaluate as of this local date, e.g. 2026-03-16 (default: today)"))
    fl.add_argument("--json", action="store_true", help=_("print a JSON list instead of text"))
    fl.set_defaults(handler=cmd_flags)


def cmd_flags(args: argparse.Namespace, ctx: Any) -> int:
    today = parse_date(args.today, "--today") if args.today else None
    with ctx.open_journal(create=False) as journal:
        day = today or journal.today()
        flags = journal.flags(day) if today is not None else journal.record_flags(day)
    if args.json:
        json.dump([f.to_json() for f in flags], ctx.out, indent=2, ensure_ascii=False)
        ctx.out.write("\n")
        return 0
    out = ctx.out
    if not flags:
        print(_("No warning flag fires for the entries up to {0}.").format(
            format_date(day)), file=out)
        print(_("The journal only knows what was recorded; new or changing symptoms are worth "
                "raising with a doctor."), file=out)
    for i, flag in enumerate(flags):
        if i:
            print(file=out)
        _print_flag(flag, out)
    print(file=out)
    print(_(vocabulary.EMERGENCY_NOTE), file=out)
    return 0


def _wrapped(label: str, text: str) -> str:
    return textwrap.fill(text, _WIDTH, initial_indent=f"  {label:<12}",
                         subsequent_indent=" " * 14)


def _print_flag(flag: Any, out: Any) -> None:
    tier = _(vocabulary.TIERS[flag.tier].word)
    print(f"[{tier.upper()}] {_(flag.title)}  ({flag.rule})", file=out)
    print(_wrapped(_("Since:"), format_date(flag.since)), file=out)
    print(_wrapped(_("What to do:"), _(flag.advice)), file=out)
    if flag.detail:
        print(_wrapped(_("Why:"), flag.detail), file=out)
    entries = [_("episode {0}").format(e) for e in flag.evidence_episodes[:5]]
    if len(flag.evidence_episodes) > 5:
        more = len(flag.evidence_episodes) - 5
        entries.append(ngettext("and {0} more episode", "and {0} more episodes", more).format(more))
    entries += [_("check-in {0}").format(format_date(d)) for d in flag.evidence_checkins]
    print(_wrapped(_("Entries:"), "; ".join(entries)), file=out)
    print(_wrapped(_("Source:"), _(flag.source)), file=out)
