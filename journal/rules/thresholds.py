"""Every number the warning-sign rules use, in one place, each with the reason it has this value.

These are product choices, not clinical facts (``shared/domain.md``): change one here and the
engine, the tests' boundaries and the "why" text all follow. Durations are elapsed time between
instants (a day is 24 hours); windows counted in days are local calendar dates.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

#: A run of one kind of episode keeps going while each episode starts at most this long after the
#: previous one. Reason: people with persistent twitching do not log every day; a quiet week still
#: belongs to the same spell, a longer gap starts a new one (domain.md "Run").
RUN_MAX_GAP: Final = timedelta(days=7)

#: A run fires ``persistent`` when it lasts MORE than this (first start to last start).
#: Reason: NHS Twitching advises seeing a GP when twitching lasts "more than 2 weeks", and the
#: seed article says "beyond two weeks". Exactly 14 days does not fire; 14 days and a minute does.
RUN_MIN_SPAN: Final = timedelta(days=14)

#: A run has ended once at least this many RECORDED days (a check-in, or an episode of the other
#: kind) without an episode of its kind have passed since its last episode; until then it is
#: current. Reason: the same quiet week that keeps a run going (RUN_MAX_GAP) is the one after which
#: it has ended, but only days the person recorded can be quiet: an unrecorded day is unknown, not
#: symptom-free (domain.md "Unrecorded gaps"), so eight days without any entry do not end a run.
RUN_CURRENT_DAYS: Final = 7

#: A current run followed only by unrecorded days stays current for at most this many days after
#: the last entry of any kind; after that the diary has stopped and the flag says so (the run was
#: still going on the last entry's date; whether it still is, is not known). Reason: four weeks is
#: twice the persistence window; after a month of silence an "ask a doctor soon" flag would rest
#: on nothing the person recorded.
DIARY_STOPPED_DAYS: Final = 28

#: A warning sign (or a long cramp) reported on one of the last this-many local dates, today
#: included, is current. Reason: two weeks matches the persistence window and the question a
#: doctor asks ("in the last two weeks?"); a sign from long ago is history for the report, not an
#: alarm today. The check-in asks every sign again, so a sign still present is reported again,
#: and a later check-in answering "no" to that sign clears it sooner (see SIGN_CLEARED_BY_NO).
SIGN_CURRENT_DAYS: Final = 14

#: A check-in on a later date that asked a sign and got "no" clears earlier reports of that sign.
#: Reason: the person told us it has gone; keeping an emergency notice up after that would teach
#: them to ignore it.
SIGN_CLEARED_BY_NO: Final = True

#: A cramp lasting MORE than this fires ``long_cramp``. Reason: NHS Leg cramps advises seeing a
#: GP when cramps "last longer than 10 minutes". Exactly 10 minutes does not fire.
LONG_CRAMP: Final = timedelta(minutes=10)

#: ``frequent_cramps``: cramps on at least this many distinct local dates ...
FREQUENT_CRAMP_DAYS: Final = 3
#: ... within the last this-many local dates, today included. Reason: NHS Leg cramps advises a
#: GP visit when cramps happen often; "three days in a week" is our reading of "often".
FREQUENT_CRAMP_WINDOW_DAYS: Final = 7

#: ``worsening`` compares the last this-many RECORDED days with the same number before them.
#: Reason: recorded days only (unrecorded is not symptom-free, domain.md); two weeks matches the
#: persistence window and smooths out day-to-day noise.
WORSENING_WINDOW_RECORDED_DAYS: Final = 14
#: The recent window must have at least this multiple of the earlier window's episodes ...
WORSENING_RATIO: Final = 1.5
#: ... and at least this many episodes, so that 1 -> 2 episodes is not called "worse".
WORSENING_MIN_EPISODES: Final = 5
#: The comparison is only current if the latest recorded day is this recent (local dates).
#: Reason: after weeks without entries we cannot say anything is getting worse now.
WORSENING_CURRENT_DAYS: Final = 14

#: ``worsening`` also fires when a check-in's highest interference score is at least this ...
INTERFERENCE_HIGH: Final = 7
#: ... on at least this many distinct days ...
INTERFERENCE_DAYS: Final = 3
#: ... within any this-many consecutive local dates ("3 days within a week"). Reason: NHS
#: Sciatica advises help when pain is "stopping you doing daily activities"; 7/10 or more on
#: three days of one week is our reading of that. The latest such day must be current
#: (SIGN_CURRENT_DAYS).
INTERFERENCE_WINDOW_DAYS: Final = 7
