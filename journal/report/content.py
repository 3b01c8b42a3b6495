"""What goes into the doctor's report, computed once from the journal as plain values.

:func:`gather` reads the period's episodes, check-ins, medications, flags, summary figures and
trigger statistics through the read protocol (:class:`journal.report.reader.ReportSource`) and
returns a :class:`ReportContent`. The PDF layout (``pdf.py`` and its sections) and the on-screen
preview read only this, so the numbers on paper are computed in one place and tests can check
them without parsing a PDF.

Rates use recorded days only (a day with a check-in or an episode): an unrecorded day is not a
symptom-free day.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final

from journal import __version__, i18n, vocabulary
from journal.i18n import _
from journal.model import (
    CheckIn,
    Episode,
    Kind,
    Medication,
    Radiates,
    Relief,
    Side,
    WarningSign,
)
from journal.report import labels
from journal.report.clinical import ClinicalPicture, gather_picture
from journal.report.formatting import format_date, format_days, format_rate
from journal.report.options import ReportOptions
from journal.report.trend import (
    NOT_ENOUGH,
    rate_text,
    trend_verdict,
)

if TYPE_CHECKING:
    from journal.report.reader import FactorFinding, ReportSource
    from journal.rules import Flag

Progress = Callable[[float, str], None]

#: Interference at or above this (0-10) counts as "a bad day" (the rule engine uses 7 as well).
HIGH_INTERFERENCE: Final = 7
#: Notes longer than this are shortened in the episode log; the full text stays in the journal.
MAX_NOTE_CHARS: Final = 600


@dataclass(frozen=True)
class FlagLine:
    rule: str
    tier: str  # emergency / urgent / soon / mention
    tier_label: str
    title: str
    advice: str
    source: str
    since: date | None
    until: date | None  # None: still current
    current: bool
    dismissed: bool = False
    #: What was recorded that made it fire (counts, durations, dates), from the rule engine.
    detail: str = ""
    #: The patient's own notes on the entries behind it: (date, note), oldest first.
    notes: tuple[tuple[date, str], ...] = ()
    #: True when ``since`` lies before the report's period (the evidence goes back further).
    since_before_period: bool = False
    #: Keys of ``journal.rules.CITATIONS``: the public guidance the rule follows.
    citations: tuple[str, ...] = ()

    @property
    def emphasis(self) -> int:
        """2 for a current emergency, 1 for a current urgent flag, 0 otherwise."""
        if not self.current:
            return 0
        return {"emergency": 2, "urgent": 1}.get(self.tier, 0)


@dataclass(frozen=True)
class SignSeen:
    sign: WarningSign
    days: int
    first: date
    last: date
    #: Where the sign stands on the report's last day: "current", "answered_no" (a later
    #: check-in asked it and got "no") or "expired" (not reported again within the window).
    status: str = "current"
    #: The day of that "no", or the first day it no longer counted as current.
    status_on: date | None = None


@dataclass(frozen=True)
class SummaryRow:
    kind: Kind
    side: Side | None  # None with all_sides False: side not given
    all_sides: bool
    episodes: int
    days_with: int
    recorded_days: int
    per_week: float | None
    median_duration_s: float | None
    longest_duration_s: int | None
    median_intensity: float | None
    highest_intensity: int | None
    first_episodes: int  # in the first two weeks of the period
    last_episodes: int  # in the last two weeks
    first_recorded: int  # recorded days in those two windows
    last_recorded: int
    trend: str  # "more", "fewer", "about the same" or "not enough data"

    @property
    def first_rate(self) -> float | None:
        return self.first_episodes / self.first_recorded if self.first_recorded else None

    @property
    def last_rate(self) -> float | None:
        return self.last_episodes / self.last_recorded if self.last_recorded else None

    @property
    def side_label(self) -> str:
        return _("All sides") if self.all_sides else labels.SIDE[self.side]


def verdict_mark(verdict: str) -> str:
    """A trend verdict as the report's tables write it: "↑ more", "↓ fewer", "≈ same"."""
    return {"more": _("\u2191 more"), "fewer": _("\u2193 fewer"),
            "about the same": _("\u2248 same"),
            NOT_ENOUGH: _("not enough data")}.get(verdict, verdict)


def trend_cell(r: SummaryRow) -> str:
    """The trend with the episodes and recorded days each side rests on ("6/13 d": 6 episodes on
    13 recorded days), or "not enough data" below the floor."""
    sides = _("{e1}/{d1} d, {e2}/{d2} d").format(e1=r.first_episodes, d1=r.first_recorded,
                                                 e2=r.last_episodes, d2=r.last_recorded)
    verdict = trend_verdict(r.first_episodes, r.last_episodes, r.first_recorded, r.last_recorded)
    if verdict == NOT_ENOUGH or r.first_rate is None or r.last_rate is None:
        return _("not enough data ({sides})").format(sides=sides)
    word = verdict_mark(verdict)
    return _("{word}: {first} \u2192 {last} ({sides})").format(
        word=word, first=format_rate(r.first_rate), last=format_rate(r.last_rate), sides=sides)


@dataclass(frozen=True)
class TriggerShare:
    trigger: str
    label: str
    episodes: int
    share: float  # of all episodes in the period


@dataclass(frozen=True)
class FactorLine:
    """One daily factor's association with the episode rate (from the analytics)."""

    factor: str
    exposure: str
    lag: int
    rate_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    significant: bool
    sentence: str  # the person's own wording (Trends screen); the report words it for a clinician
    exposed_days: int
    unexposed_days: int
    exposed_rate: float | None = None
    unexposed_rate: float | None = None
    exposed_episodes: int = 0
    unexposed_episodes: int = 0
    p_adjusted: float | None = None
    ci_level: float | None = None
    comparisons: int = 0
    method: str = ""
    adjusted_for: tuple[str, ...] = ()
    spell_widening: float | None = None
    days_needed: int = 0

    @property
    def tested(self) -> bool:
        return self.p_adjusted is not None

    @property
    def exact(self) -> bool:
        return self.method.startswith("exact")


@dataclass(frozen=True)
class MedicationLine:
    medication: Medication
    active_in_period: bool
    cramp_risk: str | None


@dataclass(frozen=True)
class ReliefLine:
    relief: Relief
    tried: int
    scored: int
    median_score: float | None
    helped: int  # scored 5 or more


@dataclass(frozen=True)
class InterferenceLine:
    area: str  # sleep / walking / work
    days: int
    median: float | None
    highest: int | None
    high_days: int


@dataclass(frozen=True)
class Completeness:
    days: int
    recorded: int
    checkin_days: int
    episode_only_days: int
    unrecorded: int
    longest_gap: tuple[date, date] | None  # the longest run of unrecorded days


@dataclass
class ReportContent:
    options: ReportOptions
    start: date
    end: date
    generated_at: datetime
    version: str
    episodes: list[Episode]
    checkins: list[CheckIn]
    medications: list[MedicationLine]
    recorded_days: set[date]
    flags_current: list[FlagLine] = field(default_factory=list)
    flags_past: list[FlagLine] = field(default_factory=list)
    signs_seen: list[SignSeen] = field(default_factory=list)
    signs_answered_no: list[WarningSign] = field(default_factory=list)
    checkins_with_questions: int = 0
    #: The last day in the period on which any warning-sign question was answered.
    questions_last_asked: date | None = None
    summary: list[SummaryRow] = field(default_factory=list)
    trigger_shares: list[TriggerShare] = field(default_factory=list)
    factors: list[FactorLine] = field(default_factory=list)
    factor_results: list[FactorFinding] = field(default_factory=list)  # for the forest chart
    radiates: dict[Kind, Counter[Radiates]] = field(default_factory=dict)
    relief: list[ReliefLine] = field(default_factory=list)
    interference: list[InterferenceLine] = field(default_factory=list)
    interference_weeks: list[tuple[date, float | None, float | None, float | None]] = field(
        default_factory=list)
    completeness: Completeness | None = None
    user_trigger_labels: dict[str, str] = field(default_factory=dict)
    emergency_note: str = vocabulary.EMERGENCY_NOTE
    #: Since when, compared with the previous period, where, doing what, at night (page 1 and
    #: the start of the detail); None when the summary is left out.
    picture: ClinicalPicture | None = None
    #: The guidance the printed flags follow (``journal.rules.CITATIONS`` keys), numbered 1.. in
    #: this order.
    citations: list[str] = field(default_factory=list)

    def citation_number(self, key: str) -> int:
        return self.citations.index(key) + 1

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def period_text(self) -> str:
        return _("{0} to {1}").format(i18n.format_date(self.start), i18n.format_date(self.end))

    def count(self, kind: Kind | None = None) -> int:
        return sum(1 for e in self.episodes if kind is None or e.kind == kind)


# --- gathering -----------------------------------------------------------------------------------


def gather(journal: ReportSource, options: ReportOptions, progress: Progress | None = None
           ) -> ReportContent:
    """Everything the report prints, for ``options``' period, read through ``journal``."""
    report = progress or (lambda _f, _m: None)
    today = journal.today()
    options.validate(today)
    start, end = options.period(today)
    report(0.02, _("Reading the diary"))
    episodes = journal.episodes(start, end)
    checkins = journal.checkins(start, end)
    recorded = journal.recorded_days(start, end)
    meds = [
        MedicationLine(m, _overlaps(m, start, end), m.cramp_risk)
        for m in sorted(journal.medications(), key=lambda m: (m.started_on, m.name.casefold()))
    ]
    content = ReportContent(
        options=options, start=start, end=end, generated_at=journal.now(),
        version=__version__, episodes=episodes, checkins=checkins, medications=meds,
        recorded_days=recorded,
        user_trigger_labels={t.id: t.label for t in journal.user_triggers()},
    )
    content.emergency_note = _(vocabulary.EMERGENCY_NOTE)
    if options.includes("flags"):
        report(0.1, _("Checking warning signs"))
        _add_flags(content, journal)
    _add_signs(content)
    content.summary = summarise(journal, start, end)
    if options.includes("summary"):
        content.picture = gather_picture(journal, episodes, recorded, start, end)
    content.trigger_shares = trigger_shares(journal, start, end, content.user_trigger_labels)
    if options.includes("triggers"):
        report(0.15, _("Testing daily factors"))
        _add_factors(content, journal)
    content.radiates = {
        k: Counter(e.radiates_to for e in episodes if e.kind == k) for k in Kind
    }
    content.relief = relief_lines(episodes)
    content.interference, content.interference_weeks = interference_lines(checkins, start, end)
    content.completeness = completeness(recorded, {c.date for c in checkins}, start, end)
    return content


def _overlaps(m: Medication, start: date, end: date) -> bool:
    return m.started_on <= end and (m.stopped_on is None or m.stopped_on >= start)


def _add_flags(content: ReportContent, journal: ReportSource) -> None:
    from journal import rules

    titles = {r.id: r.title for r in getattr(rules, "RULES", ())}
    current = journal.flags(content.end)
    notes_by_episode = {e.id: (e.local_date, e.note) for e in content.episodes if e.note.strip()}
    notes_by_day = {c.date: c.note for c in content.checkins if c.note.strip()}
    with_notes = content.options.include_notes

    def notes_of(flag: Flag) -> tuple[tuple[date, str], ...]:
        # Notes speak for the entries of a sign or a long cramp; a pattern rule (a run of 126
        # episodes) would quote notes that say nothing about why it fired.
        if not with_notes or not (flag.signs or flag.rule == "long_cramp"):
            return ()
        found = [notes_by_episode[i] for i in flag.evidence_episodes if i in notes_by_episode]
        found += [(d, notes_by_day[d]) for d in flag.evidence_checkins if d in notes_by_day]
        return tuple(sorted(dict.fromkeys(found)))

    content.flags_current = sorted(
        (FlagLine(
            rule=f.rule, tier=str(f.tier), tier_label=_tier_label(f.tier), title=f.title,
            advice=f.advice, source=f.source, since=f.since, until=None, current=True,
            detail=f.detail, notes=notes_of(f), since_before_period=f.since < content.start,
        ) for f in current),
        key=lambda fl: (_tier_rank(fl.tier), fl.since or content.end),
    )
    current_rules = {f.rule for f in current}
    past: list[FlagLine] = []
    for rec in journal.flag_history():
        cleared = rec.cleared_on
        if cleared is None or rec.rule in current_rules:
            continue
        if cleared < content.start or rec.first_fired_on > content.end:
            continue
        past.append(FlagLine(
            rule=rec.rule, tier=str(rec.tier), tier_label=_tier_label(rec.tier),
            title=titles.get(rec.rule, labels.rule_label(rec.rule)), advice="", source="",
            since=rec.first_fired_on, until=cleared, current=False, dismissed=bool(rec.dismissed),
            since_before_period=rec.first_fired_on < content.start,
        ))
    content.flags_past = sorted(past, key=lambda fl: (fl.since or content.start, fl.rule))
    cited = getattr(rules, "RULE_CITATIONS", {})
    content.flags_current = [replace(f, citations=cited.get(f.rule, ()))
                             for f in content.flags_current]
    content.flags_past = [replace(f, citations=cited.get(f.rule, ())) for f in content.flags_past]
    # Numbered in the order a reader meets them in the flags table.
    content.citations = list(dict.fromkeys(
        key for f in content.flags_current + content.flags_past for key in f.citations))


def _tier_rank(tier: str) -> int:
    order = vocabulary.TIER_ORDER
    return order.index(tier) if tier in order else len(order)


def _tier_label(tier: object) -> str:
    label = getattr(tier, "label", None)
    return _(str(label)) if label else str(tier).capitalize()


def _add_signs(content: ReportContent) -> None:
    days_by_sign: dict[WarningSign, set[date]] = defaultdict(set)
    for e in content.episodes:
        for s in e.warning_signs:
            days_by_sign[s].add(e.local_date)
    asked: set[WarningSign] = set()
    asked_days = 0
    for c in content.checkins:
        if c.warning_signs_asked:
            asked_days += 1
        asked.update(c.warning_signs_asked)
        for s in c.warning_signs:
            days_by_sign[s].add(c.date)
    content.signs_seen = sorted(
        (_sign_seen(s, d, content.checkins, content.end) for s, d in days_by_sign.items()),
        key=lambda seen: list(WarningSign).index(seen.sign),
    )
    content.signs_answered_no = [s for s in WarningSign if s in asked and s not in days_by_sign]
    content.checkins_with_questions = asked_days
    content.questions_last_asked = max(
        (c.date for c in content.checkins if c.warning_signs_asked), default=None)


def _sign_seen(sign: WarningSign, days: set[date], checkins: Sequence[CheckIn], end: date
               ) -> SignSeen:
    """A reported sign and where it stands on ``end``, as the rule engine sees it: a later
    check-in's "no" clears it; otherwise it stops counting as current once it has not been
    reported for the rules' current window."""
    from journal.rules import thresholds

    last = max(days)
    answered_no = [c.date for c in checkins
                   if last < c.date <= end and sign in c.warning_signs_asked
                   and sign not in c.warning_signs]
    if answered_no:
        return SignSeen(sign, len(days), min(days), last, "answered_no", min(answered_no))
    expires = last + timedelta(days=thresholds.SIGN_CURRENT_DAYS)
    if expires <= end:
        return SignSeen(sign, len(days), min(days), last, "expired", expires)
    return SignSeen(sign, len(days), min(days), last)


def summarise(journal: ReportSource, start: date, end: date) -> list[SummaryRow]:
    """The summary table (the Trends screen shows the same numbers)."""
    rows = []
    for r in journal.summary_by_kind_side(start, end):
        side = None if r.side in ("all", "unspecified") else Side(r.side)
        rows.append(SummaryRow(
            kind=Kind(r.kind), side=side, all_sides=r.side == "all", episodes=r.episodes,
            days_with=r.days_with_episodes, recorded_days=r.recorded_days, per_week=r.per_week,
            median_duration_s=r.median_duration_s, longest_duration_s=r.longest_duration_s,
            median_intensity=r.median_intensity, highest_intensity=r.highest_intensity,
            first_episodes=r.first_weeks, last_episodes=r.last_weeks,
            first_recorded=r.first_recorded, last_recorded=r.last_recorded, trend=r.trend,
        ))
    return rows


def trigger_shares(journal: ReportSource, start: date, end: date, user_labels: dict[str, str]
                   ) -> list[TriggerShare]:
    names = {**labels.TRIGGER, **user_labels}
    return [
        TriggerShare(t.tag, labels.trigger_label(t.tag, names), t.episodes, t.share)
        for t in journal.trigger_tag_shares(start, end)
    ]


def _add_factors(content: ReportContent, journal: ReportSource) -> None:
    results = journal.trigger_stats(content.start, content.end)
    content.factor_results = list(results)
    lines = [
        FactorLine(
            factor=r.factor, exposure=r.exposure, lag=r.lag, rate_ratio=r.rate_ratio,
            ci_low=r.ci_low, ci_high=r.ci_high, significant=bool(r.significant),
            sentence=r.sentence, exposed_days=r.exposed_days, unexposed_days=r.unexposed_days,
            exposed_rate=r.exposed_rate, unexposed_rate=r.unexposed_rate,
            exposed_episodes=r.exposed_episodes, unexposed_episodes=r.unexposed_episodes,
            p_adjusted=r.p_adjusted, ci_level=r.ci_level, comparisons=r.comparisons,
            method=r.method, adjusted_for=tuple(r.adjusted_for),
            spell_widening=r.spell_widening, days_needed=r.days_needed,
        )
        for r in results
    ]
    content.factors = sorted(lines, key=_factor_strength)


def _factor_strength(f: FactorLine) -> tuple[int, int, float, float]:
    """Best-supported first: clear findings (same day before next day), then the other tested
    comparisons by adjusted p, then what could not be tested yet."""
    if not f.tested:
        return (2, f.lag, 1.0, 0.0)
    lo = f.ci_low if f.ci_low is not None else 1.0
    hi = f.ci_high if f.ci_high is not None else 1.0
    distance = max(lo - 1, 1 - hi, 0.0) if lo > 0 else max(1 - hi, 0.0)
    return (0 if f.significant else 1, f.lag, f.p_adjusted or 1.0, -distance)


def relief_lines(episodes: Iterable[Episode]) -> list[ReliefLine]:
    tried: Counter[Relief] = Counter()
    scores: dict[Relief, list[int]] = defaultdict(list)
    for e in episodes:
        for r in e.relief:
            tried[r] += 1
            if e.relief_score is not None:
                scores[r].append(e.relief_score)
    return [
        ReliefLine(
            relief=r, tried=n, scored=len(scores[r]),
            median_score=statistics.median(scores[r]) if scores[r] else None,
            helped=sum(1 for s in scores[r] if s >= 5),
        )
        for r, n in sorted(tried.items(), key=lambda kv: (-kv[1], kv[0].value))
    ]


_AREAS: Final = ("sleep", "walking", "work")


def interference_lines(checkins: Sequence[CheckIn], start: date, end: date
                       ) -> tuple[list[InterferenceLine],
                                  list[tuple[date, float | None, float | None, float | None]]]:
    lines = []
    for area in _AREAS:
        values = [v for c in checkins if (v := getattr(c.interference, area)) is not None]
        lines.append(InterferenceLine(
            area=area, days=len(values),
            median=statistics.median(values) if values else None,
            highest=max(values) if values else None,
            high_days=sum(1 for v in values if v >= HIGH_INTERFERENCE),
        ))
    weeks: list[tuple[date, float | None, float | None, float | None]] = []
    week_start = start
    by_date = {c.date: c for c in checkins}
    while week_start <= end:
        days = [by_date[d] for i in range(7)
                if (d := week_start + timedelta(days=i)) <= end and d in by_date]
        means: list[float | None] = []
        for area in _AREAS:
            vals = [v for c in days if (v := getattr(c.interference, area)) is not None]
            means.append(statistics.fmean(vals) if vals else None)
        weeks.append((week_start, means[0], means[1], means[2]))
        week_start += timedelta(days=7)
    return lines, weeks


def completeness(recorded: set[date], checkin_days: set[date], start: date, end: date
                 ) -> Completeness:
    days = (end - start).days + 1
    longest: tuple[date, date] | None = None
    run_start: date | None = None
    day = start
    while day <= end + timedelta(days=1):
        gap_day = day <= end and day not in recorded
        if gap_day and run_start is None:
            run_start = day
        elif not gap_day and run_start is not None:
            run = (run_start, day - timedelta(days=1))
            if longest is None or (run[1] - run[0]) > (longest[1] - longest[0]):
                longest = run
            run_start = None
        day += timedelta(days=1)
    in_period = {d for d in recorded if start <= d <= end}
    checkins = {d for d in checkin_days if start <= d <= end}
    return Completeness(
        days=days, recorded=len(in_period), checkin_days=len(checkins),
        episode_only_days=len(in_period - checkins), unrecorded=days - len(in_period),
        longest_gap=longest,
    )


def shorten_note(note: str, limit: int = MAX_NOTE_CHARS) -> str:
    text = " ".join(note.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + _("… (shortened; full note in the diary)")
def picture_lines(c: ReportContent) -> list[tuple[str, str]]:
    """Page 1's "label: value" lines on when symptoms were first recorded and how this period
    compares with the previous one (empty without the summary)."""
    picture = c.picture
    if picture is None:
        return []
    pairs: list[tuple[str, str]] = []
    if picture.onsets:
        before = all(o.before_period for o in picture.onsets)
        pairs.append((_("Symptoms first recorded"), ", ".join(
            _("{kind} {date}").format(kind=labels.KIND_PLURAL[o.kind].lower(),
                                      date=format_date(o.first))
            + (_(" (before this report\u2019s period)") if o.before_period and not before else "")
            for o in picture.onsets)
            + (_(", before this report\u2019s period") if before else "")))
    comp = picture.comparison
    shown = [k for k in comp.kinds if k.episodes or k.previous_episodes]
    if shown:
        label = _("Previous {days} ({start} to {end})").format(
            days=format_days(c.days), start=format_date(comp.previous_start),
            end=format_date(comp.previous_end))
        pairs.append((label, "; ".join(
            _("{kind} {e1}/{d1} d ({r1}) \u2192 now {e2}/{d2} d ({r2}): {verdict}").format(
                kind=labels.KIND_PLURAL[k.kind].lower(), e1=k.previous_episodes,
                d1=k.previous_days, r1=rate_text(k.previous_episodes, k.previous_days),
                e2=k.episodes, d2=k.days, r2=rate_text(k.episodes, k.days),
                verdict=verdict_mark(k.verdict))
            for k in shown)))
    return pairs


def summary_text(content: ReportContent) -> str:
    """Page 1 in plain lines: the preview when no PDF renderer is installed, and for tests."""
    lines = [_("Period: {0} ({1} days)").format(content.period_text(), content.days),
             _("Recorded days: {0} of {1}").format(len(content.recorded_days), content.days),
             _("Episodes: {0} twitches, {1} cramps").format(
                 content.count(Kind.TWITCH), content.count(Kind.CRAMP)), ""]
    flags = content.flags_current + content.flags_past
    lines.append(_("Warning signs and flags:") if flags else _("No warning-sign rule fired."))
    for f in flags:
        when = (_("since {0}").format(
            f.since) if f.current else _("{0} to {1}").format(f.since, f.until))
        lines.append(f"  {f.tier_label}: {f.title} ({when})")
    lines.append("")
    lines += [f"{label}: {value}" for label, value in picture_lines(content)]
    for r in content.summary:
        lines.append(_("{0}, {1}: {2} episodes on {3} of {4} recorded days; trend {5}").format(
            labels.KIND_PLURAL[r.kind], r.side_label.lower(), r.episodes, r.days_with,
            r.recorded_days, trend_cell(r)))
    significant = [f.sentence for f in content.factors if f.significant][:3]
    if significant:
        lines += ["", *significant]
    lines += ["", content.emergency_note]
    return "\n".join(lines)
