"""Child process for the crash-safety test: adds episodes through the service in a loop and
prints each id once ``add_episode`` has returned (the moment the app would say "Saved")."""

from __future__ import annotations

import random
import sys
import uuid
from datetime import datetime, timedelta

from journal.model import Episode, Kind, Region, Side, TriggerTag
from journal.service import Journal


def main(path: str, seed: int) -> None:
    rng = random.Random(seed)
    journal = Journal.open(path)
    print("ready", flush=True)
    while True:
        now = datetime.now().astimezone()
        ep = Episode(
            kind=rng.choice(list(Kind)),
            started_at=now - timedelta(minutes=rng.randint(60, 60 * 24 * 30)),
            duration_s=rng.randint(1, 3600), intensity=rng.randint(0, 10),
            side=rng.choice(list(Side)), regions=(rng.choice(list(Region)),),
            triggers=(TriggerTag("caffeine", float(rng.randint(0, 400)), "mg"),),
            note="x" * rng.randint(0, 3000), id=str(uuid.UUID(int=rng.getrandbits(128))),
        )
        journal.add_episode(ep)
        print(ep.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
