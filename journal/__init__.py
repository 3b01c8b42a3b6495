"""Symptom Journal's core: records, storage, rules, analytics, charts and reports. No Qt here."""

from __future__ import annotations

import os

# The statistics solve small least-squares problems (a few thousand days by a few dozen
# columns): OpenBLAS's thread pool costs more than it saves there, and on a busy two-core machine
# its spinning threads made the trigger statistics of ten years 3-6x slower (0.45 s with one
# thread against 1.6-3.4 s with the pool). Set before anything imports NumPy; a value the person
# set in the environment wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
del _variable

#: The one place the version is written (pyproject.toml reads it from here). A plain constant:
#: asking importlib.metadata costs ~40 ms at every start.
__version__ = "0.1.0"

APP_NAME = "Symptom Journal"

#: The reverse-DNS application id: the .desktop file, the icon and the AppStream component are
#: named after it, and the window announces it (setDesktopFileName) so the desktop matches them.
APP_ID = "io.github.symptom_journal.SymptomJournal"
