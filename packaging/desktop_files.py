"""Put the menu entry, icons and metainfo into the bundle's ``share/`` before it is packed.

``python -P packaging/desktop_files.py dist/SymptomJournal`` (run by ``make bundle``) lays them
out as under a prefix (``share/applications``, ``share/icons/hicolor``, ``share/metainfo``), for
packagers who unpack the folder into /opt and link ``SymptomJournal`` onto ``PATH``. People who
unpack it anywhere else run ``SymptomJournal install-desktop`` instead: that entry starts the
folder where it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from journal.service import desktop


def main(bundle: Path) -> int:
    files = desktop.install(bundle / "share", command=[bundle.name], refresh=False)
    print(f"{len(files)} desktop files in {bundle / 'share'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
