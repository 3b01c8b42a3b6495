"""evaluate(history, today) -> flags: the warning-sign engine.

Pure and deterministic: it reads only the history and the ``today`` it is given (never the
clock), and the same inputs always give the same flags in the same order (most urgent tier first,
then the rule table's order). Entries dated after ``today`` are ignored, so evaluating "as of" a
past date shows what the journal would have said then.

Time, decided once here:

* **Durations** (the run's 7-day gap and 14-day span, the 10-minute cramp) are elapsed time
  between instants: every start is converted to UTC before subtracting, so a day is 24 hours
  whatever the offset. Across a daylight-saving change "the same clock time two weeks later" is
  therefore 14 days minus an hour in spring (does not fire) and 14 days plus an hour in autumn
  (fires): that much time really passed. Converting first also avoids Python's trap of
  subtracting wall-clock times when both datetimes share one ``tzinfo`` (e.g. one ZoneInfo).
* **Days** (is a run or a sign current, cramps on distinct days, recorded days) are the user's
  local dates: an episode's date on the clock it was logged with, a check-in's own date, and
  ``today`` as given.

What is *current* (named in ``thresholds.py`` with reasons): a run whose last episode is at most
7 local dates before today; a warning sign reported on one of the last 14 local dates and not
answered "no" on a later check-in. A flag's ``since`` is the earliest local date among its
evidence: for a sign reported again and again it goes back as long as the reports were never
more than the current window apart.

Interpretations of the table, documented where they are applied below: an episode's
"radiates below the knee / to the foot" counts as ``radiating_below_knee``; those nerve signs on
an episode marked on *both* sides count as ``both_legs`` (NHS: sciatica on both sides is an
emergency); "dizziness together with" means reported on the same local date.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from journal.i18n import _, format_date, ngettext
from journal.model import CheckIn, Episode, Kind, Radiates, Side, WarningSign
from journal.rules import thresholds as th
from journal.rules.table import RULE_ORDER, RULES_BY_ID, SIGN_LABELS, Tier

W = WarningSign

__all__ = ["Flag", "FlagRecord", "History", "Run", "evaluate", "find_runs"]


@dataclass(frozen=True)
class History:
    """Everything the rules look at: the episodes and the check-ins, in any order."""

    episodes: tuple[Episode, ...] = ()
    checkins: tuple[CheckIn, ...] = ()


@dataclass(frozen=True)
class Flag:
    """One rule that fires today, with the entries that made it fire."""

    rule: str
    tier: Tier
    title: str
    advice: str
    source: str
    evidence_episodes: tuple[str, ...]
    evidence_checkins: tuple[date, ...]
    since: date
    #: One or two sentences saying what in the journal fired it (dates, counts, signs).
    detail: str = ""
    #: The warning-sign ids among the evidence (empty for pattern rules like ``persistent``).
    signs: tuple[WarningSign, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The CLI's JSON shape (``flags --json``)."""
        return {
            "rule": self.rule,
            "tier": self.tier.value,
            "title": self.title,
            "advice": self.advice,
            "source": self.source,
            "evidence": {
                "episodes": list(self.evidence_episodes),
                "checkins": [d.isoformat() for d in self.evidence_checkins],
            },
            "since": self.since.isoformat(),
        }


@dataclass(frozen=True)
class FlagRecord:
    """When a rule first fired and when it cleared (None: still firing), kept in the file."""

    rule: str
    tier: Tier
    first_fired_on: date
    cleared_on: date | None
    dismissed: bool


class RunState(StrEnum):
    """Where a run stands as of a day: still going, ended on recorded quiet days, or unknown
    because the diary stopped (only unrecorded days since, for longer than DIARY_STOPPED_DAYS)."""

    CURRENT = "current"
    ENDED = "ended"
    DIARY_STOPPED = "diary_stopped"


@dataclass(frozen=True)
class Run:
    """Episodes of one kind, each starting at most RUN_MAX_GAP after the previous one."""

    kind: Kind
    episodes: tuple[Episode, ...]

    @property
    def first(self) -> Episode:
        return self.episodes[0]

    @property
    def last(self) -> Episode:
        return self.episodes[-1]

    @property
    def span(self) -> timedelta:
        """First start to last start, as elapsed time between the two instants."""
        return _utc(self.last.started_at) - _utc(self.first.started_at)

    @property
    def is_persistent(self) -> bool:
        return self.span > th.RUN_MIN_SPAN

    def is_current(self, today: date, recorded_days: Collection[date] | None = None) -> bool:
        """Still going as of ``today``: fewer than RUN_CURRENT_DAYS recorded days without this
        kind since the last episode, and the diary has not stopped (DIARY_STOPPED_DAYS). Without
        ``recorded_days`` every date counts as recorded (the plain calendar test)."""
        return self.state(today, recorded_days) == RunState.CURRENT

    def state(self, today: date, recorded_days: Collection[date] | None = None) -> RunState:
        last_day = self.last.local_date
        if recorded_days is None:
            quiet = (today - last_day).days - 1
            return RunState.CURRENT if quiet < th.RUN_CURRENT_DAYS else RunState.ENDED
        # Today is still going on, so only the days strictly between can have been quiet.
        quiet_days = [d for d in recorded_days if last_day < d < today]
        if len(quiet_days) >= th.RUN_CURRENT_DAYS:
            return RunState.ENDED
        if (today - self.last_entry(today, recorded_days)).days > th.DIARY_STOPPED_DAYS:
            return RunState.DIARY_STOPPED
        return RunState.CURRENT

    def last_entry(self, today: date, recorded_days: Collection[date]) -> date:
        """The latest recorded day from the run's last episode up to ``today``."""
        last_day = self.last.local_date
        return max([last_day, *(d for d in recorded_days if last_day < d <= today)])


def _utc(moment: datetime) -> datetime:
    # Always subtract in UTC: two datetimes sharing one tzinfo subtract as wall-clock times.
    return moment.astimezone(UTC)


def _by_instant(episodes: Iterable[Episode]) -> list[tuple[datetime, Episode]]:
    """(UTC start, episode) pairs in time order (ties broken by id, so the order is total)."""
    timed = [(_utc(e.started_at), e) for e in episodes]
    timed.sort(key=lambda pair: (pair[0], pair[1].id))
    return timed


def find_runs(episodes: Iterable[Episode], kind: Kind) -> list[Run]:
    """The runs of ``kind`` among ``episodes``, oldest first."""
    return _runs(_by_instant(episodes), kind)


def _runs(timed: Sequence[tuple[datetime, Episode]], kind: Kind) -> list[Run]:
    runs: list[Run] = []
    current: list[Episode] = []
    previous: datetime | None = None
    for start, ep in timed:
        if ep.kind != kind:
            continue
        if previous is not None and start - previous > th.RUN_MAX_GAP:
            runs.append(Run(kind, tuple(current)))
            current = []
        current.append(ep)
        previous = start
    if current:
        runs.append(Run(kind, tuple(current)))
    return runs


# --- evidence -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Report:
    """A sign (or another reason to fire) seen on one entry, on one local date."""

    day: date
    sign: WarningSign | None
    episode: Episode | None = None
    checkin: date | None = None

    @property
    def side(self) -> Side | None:
        return self.episode.side if self.episode is not None else None


@dataclass
class _Firing:
    tier: Tier
    reports: list[_Report] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    checkins: list[date] = field(default_factory=list)
    detail: str = ""


_NERVE_SIGNS = (W.NUMBNESS_TINGLING, W.RADIATING_BELOW_KNEE)
_COMBINES_WITH_DIZZINESS = (W.STROKE_SIGNS, W.FAINTING_OR_FALL)


class _Facts:
    """The history as of ``today``, indexed once for all the rules."""

    def __init__(self, history: History, today: date) -> None:
        self.today = today
        self.timed = _by_instant(e for e in history.episodes if e.local_date <= today)
        self.episodes = [e for _start, e in self.timed]
        self.checkins = sorted((c for c in history.checkins if c.date <= today),
                               key=lambda c: c.date)
        reports: list[_Report] = []
        for ep in self.episodes:
            signs = list(ep.warning_signs)
            # The episode's own "radiates below the knee / to the foot" is the same fact as the
            # radiating_below_knee sign; count it even when the sign was not ticked.
            if (ep.radiates_to in (Radiates.BELOW_KNEE, Radiates.FOOT)
                    and W.RADIATING_BELOW_KNEE not in signs):
                signs.append(W.RADIATING_BELOW_KNEE)
            reports.extend(_Report(ep.local_date, s, episode=ep) for s in signs)
        latest_no: dict[WarningSign, date] = {}
        for ci in self.checkins:
            reports.extend(_Report(ci.date, s, checkin=ci.date) for s in ci.warning_signs)
            for s in ci.warning_signs_asked:
                if s not in ci.warning_signs:
                    latest_no[s] = ci.date
        #: Local dates with any entry: the only days that can be quiet (unrecorded is unknown).
        self.recorded_days = frozenset({e.local_date for e in self.episodes}
                                       | {c.date for c in self.checkins})
        # A report is cleared by a "no" to the same sign on a later check-in.
        self.reports = [
            r for r in reports
            if not (th.SIGN_CLEARED_BY_NO and r.sign is not None
                    and r.sign in latest_no and latest_no[r.sign] > r.day)
        ]

    def of(self, *signs: WarningSign) -> list[_Report]:
        return [r for r in self.reports if r.sign in signs]


def _current_chain(reports: Sequence[_Report], today: date) -> list[_Report]:
    """The reports that keep a flag current: the latest one (if recent enough) and, going back,
    every earlier one no more than the current window before the next. Empty: not current."""
    if not reports:
        return []
    ordered = sorted(reports, key=_report_key)
    newest = ordered[-1].day
    if (today - newest).days >= th.SIGN_CURRENT_DAYS:
        return []
    chain: list[_Report] = []
    boundary = newest
    for rep in reversed(ordered):
        if (boundary - rep.day).days >= th.SIGN_CURRENT_DAYS:
            break
        chain.append(rep)
        boundary = rep.day
    chain.reverse()
    return chain


def _report_key(r: _Report) -> tuple[date, str, str]:
    return (r.day, r.episode.id if r.episode else "", r.sign.value if r.sign else "")


def _sign_firing(facts: _Facts, tier: Tier, *signs: WarningSign) -> _Firing | None:
    chain = _current_chain(facts.of(*signs), facts.today)
    return _Firing(tier, chain) if chain else None


def _describe_reports(reports: Sequence[_Report]) -> str:
    """What was recorded, with dates: "Reported <sign>: <dates>" per sign, and the long cramps
    with their minutes ("2 cramps longer than 10 minutes: 12 min on D1, 12 min on D2")."""
    by_sign: dict[str, list[str]] = {}
    long_cramps: list[str] = []
    for r in reports:
        where = _("check-in") if r.checkin is not None else _("episode")
        if r.sign is None and r.episode is not None:
            minutes = round(r.episode.duration_s / 60)
            long_cramps.append(_("{minutes} min on {date}").format(
                minutes=minutes, date=format_date(r.day)))
            continue
        what = _(SIGN_LABELS[r.sign]) if r.sign else _("a cramp longer than 10 minutes")
        by_sign.setdefault(what, []).append(
            _("{date} ({where})").format(date=format_date(r.day), where=where))
    parts = []
    if long_cramps:
        limit = int(th.LONG_CRAMP.total_seconds() // 60)
        shown = ", ".join(long_cramps[-3:])
        extra = len(long_cramps) - 3
        more = ngettext(" and {n} earlier", " and {n} earlier", extra).format(n=extra) \
            if extra > 0 else ""
        parts.append(ngettext("A cramp longer than {limit} minutes: {shown}{more}.",
                              "{n} cramps longer than {limit} minutes: {shown}{more}.",
                              len(long_cramps)).format(n=len(long_cramps), limit=limit,
                                                       shown=shown, more=more))
    for what, days in by_sign.items():
        unique = list(dict.fromkeys(days))
        shown = ", ".join(unique[-3:])
        extra = len(unique) - 3
        more = ngettext(" and {n} earlier", " and {n} earlier", extra).format(n=extra) \
            if extra > 0 else ""
        parts.append(_("Reported {what}: {dates}{more}.").format(what=what, dates=shown,
                                                                   more=more))
    return " ".join(parts)


# --- the rules ----------------------------------------------------------------------------------


def _bilateral_reports(facts: _Facts) -> list[_Report]:
    # Nerve symptoms on an episode marked on both sides are sciatica on both sides (NHS: an
    # emergency), so they count as both_legs.
    both_sides = [r for r in facts.of(*_NERVE_SIGNS) if r.side == Side.BOTH]
    return facts.of(W.BOTH_LEGS) + both_sides


def _stroke_or_seizure(facts: _Facts) -> _Firing | None:
    reports = facts.of(W.STROKE_SIGNS, W.SEIZURE)
    partner_days = {r.day for r in facts.of(*_COMBINES_WITH_DIZZINESS)}
    dizzy = [r for r in facts.of(W.DIZZINESS) if r.day in partner_days]
    dizzy_days = {r.day for r in dizzy}
    reports += dizzy + [r for r in facts.of(W.FAINTING_OR_FALL) if r.day in dizzy_days]
    chain = _current_chain(reports, facts.today)
    return _Firing(Tier.EMERGENCY, chain) if chain else None


def _dizziness_alone(facts: _Facts) -> _Firing | None:
    partner_days = {r.day for r in facts.of(*_COMBINES_WITH_DIZZINESS)}
    alone = [r for r in facts.of(W.DIZZINESS) if r.day not in partner_days]
    chain = _current_chain(alone, facts.today)
    return _Firing(Tier.MENTION, chain) if chain else None


def _sexual_dysfunction(facts: _Facts) -> _Firing | None:
    firing = _sign_firing(facts, Tier.URGENT, W.SEXUAL_DYSFUNCTION)
    if firing is None:
        return None
    alongside = _current_chain(
        facts.of(W.BLADDER_CHANGE, W.BOWEL_CHANGE, W.SADDLE_NUMBNESS), facts.today
    ) + _current_chain(_bilateral_reports(facts), facts.today)
    if alongside:
        firing.tier = Tier.EMERGENCY
        firing.reports += alongside
        firing.detail = _("It is current together with a change in bladder or bowel control, "
                          "numbness around the bottom, or symptoms in both legs.")
    return firing


def _long_cramp(facts: _Facts) -> _Firing | None:
    long_ones = [
        _Report(e.local_date, None, episode=e) for e in facts.episodes
        if e.kind == Kind.CRAMP and timedelta(seconds=e.duration_s) > th.LONG_CRAMP
    ]
    chain = _current_chain(long_ones + facts.of(W.WOUND_OR_TOXIN), facts.today)
    return _Firing(Tier.URGENT, chain) if chain else None


def _persistent(facts: _Facts) -> tuple[_Firing | None, _Firing | None]:
    current: _Firing | None = None
    past: _Firing | None = None
    recorded = facts.recorded_days
    for kind in (Kind.TWITCH, Kind.CRAMP):
        runs = _runs(facts.timed, kind)
        latest_state = runs[-1].state(facts.today, recorded) if runs else None
        if runs and latest_state == RunState.CURRENT and runs[-1].is_persistent:
            current = current or _Firing(Tier.SOON)
            current.episodes += runs[-1].episodes
            current.detail += _describe_run(runs[-1], facts, RunState.CURRENT)
        ended = [(r, RunState.ENDED) for r in runs[:-1] if r.is_persistent]
        if runs and latest_state != RunState.CURRENT and runs[-1].is_persistent:
            assert latest_state is not None
            ended.append((runs[-1], latest_state))
        if ended:
            run, state = ended[-1]
            past = past or _Firing(Tier.MENTION)
            past.episodes += run.episodes
            past.detail += _describe_run(run, facts, state)
    return current, past


def _describe_run(run: Run, facts: _Facts, state: RunState) -> str:
    days, rest = divmod(int(run.span.total_seconds()), 86400)
    hours = rest // 3600
    length = ngettext("{n} day", "{n} days", days).format(n=days) + (
        _(" {n} h").format(n=hours) if hours else "")
    count = ngettext("{n} episode", "{n} episodes", len(run.episodes)).format(
        n=len(run.episodes))
    # TRANSLATORS: a run of episodes, e.g. "Twitch episodes from 3 Feb 2026 to 20 Feb 2026
    # (17 days, 21 episodes, never more than 7 days apart)". The sentence goes on after it.
    span = {
        Kind.TWITCH: _("Twitch episodes from {first} to {last} ({length}, {count}, never more "
                       "than {gap} days apart)"),
        Kind.CRAMP: _("Cramp episodes from {first} to {last} ({length}, {count}, never more "
                      "than {gap} days apart)"),
    }[run.kind].format(first=format_date(run.first.local_date),
                       last=format_date(run.last.local_date), length=length, count=count,
                       gap=th.RUN_MAX_GAP.days)
    last_entry = run.last_entry(facts.today, facts.recorded_days)
    if state == RunState.ENDED:
        quiet = sum(1 for d in facts.recorded_days if run.last.local_date < d < facts.today)
        following = [e for e in facts.episodes
                     if e.kind == run.kind and e.local_date > run.last.local_date]
        if following and quiet < th.RUN_CURRENT_DAYS:
            # Split by a long gap with few entries in it: not known to have stopped.
            then = {
                Kind.TWITCH: _("; then no twitch entries until {date}. "),
                Kind.CRAMP: _("; then no cramp entries until {date}. "),
            }[run.kind]
            return span + then.format(date=format_date(following[0].local_date))
        return span + _(" and then stopped. ")
    if state == RunState.DIARY_STOPPED:
        return span + _(". No entries since {date}: the run was still going then, and whether "
                        "it still is is not known. ").format(date=format_date(last_entry))
    if (facts.today - run.last.local_date).days > th.RUN_CURRENT_DAYS:
        # On the calendar alone it would have ended: say why it has not.
        return span + _(". No entries since {date}; the last run was still going "
                        "then. ").format(date=format_date(last_entry))
    return span + ". "


def _frequent_cramps(facts: _Facts) -> _Firing | None:
    firing = _sign_firing(facts, Tier.SOON, W.SLEEP_DISTURBED, W.LEG_SWELLING) or _Firing(
        Tier.SOON)
    window_start = facts.today - timedelta(days=th.FREQUENT_CRAMP_WINDOW_DAYS - 1)
    cramps = [e for e in facts.episodes
              if e.kind == Kind.CRAMP and e.local_date >= window_start]
    cramp_days = {e.local_date for e in cramps}
    if len(cramp_days) >= th.FREQUENT_CRAMP_DAYS:
        firing.episodes += cramps
        firing.detail = _("Cramps on {n} different days between {start} and {end}.").format(
            n=len(cramp_days), start=format_date(window_start), end=format_date(facts.today))
    return firing if firing.reports or firing.episodes else None


def _worsening(facts: _Facts) -> _Firing | None:
    firing = _Firing(Tier.SOON)
    details: list[str] = []
    recorded = sorted({e.local_date for e in facts.episodes} | {c.date for c in facts.checkins})
    n = th.WORSENING_WINDOW_RECORDED_DAYS
    if len(recorded) >= 2 * n and (facts.today - recorded[-1]).days < th.WORSENING_CURRENT_DAYS:
        recent, before = set(recorded[-n:]), set(recorded[-2 * n:-n])
        recent_eps = [e for e in facts.episodes if e.local_date in recent]
        n_before = sum(1 for e in facts.episodes if e.local_date in before)
        if (len(recent_eps) >= th.WORSENING_MIN_EPISODES
                and len(recent_eps) >= th.WORSENING_RATIO * n_before):
            firing.episodes += recent_eps
            details.append(_(
                "{recent} episodes on the last {n} recorded days ({recent_start} to "
                "{recent_end}) against {before} on the {n} recorded days before "
                "({before_start} to {before_end})."
            ).format(recent=len(recent_eps), n=n, recent_start=format_date(min(recent)),
                     recent_end=format_date(max(recent)), before=n_before,
                     before_start=format_date(min(before)), before_end=format_date(max(before))))
    high = sorted(c.date for c in facts.checkins
                  if (c.interference.highest or 0) >= th.INTERFERENCE_HIGH)
    for end in reversed(high):
        if (facts.today - end).days >= th.SIGN_CURRENT_DAYS:
            break
        window = [d for d in high if 0 <= (end - d).days < th.INTERFERENCE_WINDOW_DAYS]
        if len(window) >= th.INTERFERENCE_DAYS:
            firing.checkins += window
            details.append(_(
                "Symptoms got in the way (interference {high} or more out of 10) on {n} days "
                "within a week, up to {end}."
            ).format(high=th.INTERFERENCE_HIGH, n=len(window), end=format_date(end)))
            break
    firing.detail = " ".join(details)
    return firing if firing.episodes or firing.checkins else None


def _nerve_root(facts: _Facts, worsening: bool) -> _Firing | None:
    one_side = [r for r in facts.of(*_NERVE_SIGNS) if r.side != Side.BOTH]
    chain = _current_chain(one_side, facts.today)
    if not chain:
        return None
    firing = _Firing(Tier.SOON if worsening else Tier.MENTION, chain)
    if worsening:
        firing.detail = _("Raised to 'soon' because the journal also shows symptoms getting "
                          "worse.")
    return firing


def _firings(facts: _Facts) -> dict[str, _Firing]:
    found: dict[str, _Firing | None] = {
        "cauda_equina": _sign_firing(
            facts, Tier.EMERGENCY, W.BLADDER_CHANGE, W.BOWEL_CHANGE, W.SADDLE_NUMBNESS),
        "bilateral": (
            _Firing(Tier.EMERGENCY, chain)
            if (chain := _current_chain(_bilateral_reports(facts), facts.today)) else None
        ),
        "sexual_dysfunction": _sexual_dysfunction(facts),
        "stroke_or_seizure": _stroke_or_seizure(facts),
        "major_injury": _sign_firing(facts, Tier.EMERGENCY, W.MAJOR_INJURY),
        "progressive_weakness": _sign_firing(facts, Tier.URGENT, W.LEG_WEAKNESS_WORSENING),
        "fever": _sign_firing(facts, Tier.URGENT, W.FEVER),
        "long_cramp": _long_cramp(facts),
        "twitching_elsewhere": _sign_firing(
            facts, Tier.SOON, W.TWITCHING_ELSEWHERE, W.AREA_WEAK_STIFF),
        "motor_signs": _sign_firing(facts, Tier.SOON, W.MUSCLE_WASTING, W.SPEECH_SWALLOWING),
        "medication": _sign_firing(facts, Tier.SOON, W.MEDICATION_SUSPECTED),
        "frequent_cramps": _frequent_cramps(facts),
        "worsening": _worsening(facts),
        "serious_history": _sign_firing(
            facts, Tier.SOON, W.WEIGHT_LOSS, W.NIGHT_PAIN, W.PAST_CANCER),
        "minor_injury": _sign_firing(facts, Tier.MENTION, W.MINOR_INJURY),
        "dizziness": _dizziness_alone(facts),
    }
    found["persistent"], found["persistent_past"] = _persistent(facts)
    found["nerve_root"] = _nerve_root(facts, found["worsening"] is not None)
    return {rule_id: f for rule_id, f in found.items() if f is not None}


def _to_flag(rule_id: str, firing: _Firing) -> Flag:
    rule = RULES_BY_ID[rule_id]
    episodes = list(firing.episodes) + [r.episode for r in firing.reports if r.episode]
    checkins = list(firing.checkins) + [r.checkin for r in firing.reports if r.checkin]
    episodes = sorted({e.id: e for e in episodes}.values(),
                      key=lambda e: (_utc(e.started_at), e.id))
    checkin_days = sorted(set(checkins))
    since = min([e.local_date for e in episodes] + checkin_days)
    signs = tuple(dict.fromkeys(r.sign for r in sorted(firing.reports, key=_report_key)
                                if r.sign is not None))
    detail = firing.detail.strip()
    if firing.reports:
        detail = (_describe_reports(sorted(firing.reports, key=_report_key)) + " "
                  + detail).strip()
    return Flag(
        rule=rule.id,
        tier=firing.tier,
        title=rule.title,
        advice=rule.advice,
        source=rule.source,
        evidence_episodes=tuple(e.id for e in episodes),
        evidence_checkins=tuple(checkin_days),
        since=since,
        detail=detail,
        signs=signs,
    )


def evaluate(history: History, today: date) -> list[Flag]:
    """The flags that fire as of ``today``, most urgent tier first, then in table order."""
    facts = _Facts(history, today)
    flags = [_to_flag(rule_id, firing) for rule_id, firing in _firings(facts).items()]
    flags.sort(key=lambda f: (f.tier.rank, RULE_ORDER[f.rule]))
    return flags
