"""What a new episode looks like when nothing better is known.

Shared by the quick log (one-step "Twitch now"/"Cramp now") and the episode form (a kind switched
on a new episode), so neither has to import the other for it.
"""

from __future__ import annotations

from journal.model import Kind

#: A quick-logged episode's duration when nothing better is known. Twitches are brief; a cramp
#: logged "now" is usually over within a minute (use "Cramp started" for longer ones).
DEFAULT_DURATION_S = {Kind.TWITCH: 10, Kind.CRAMP: 60}
#: Intensity used for "Twitch now"/"Cramp now" before any episode of that kind exists.
DEFAULT_INTENSITY = {Kind.TWITCH: 3, Kind.CRAMP: 5}
