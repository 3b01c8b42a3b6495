"""The bundle's entry point: the same ``symptom-journal`` executable as the console script.

In the bundle ``sys.executable`` is this executable, not a Python, so code that starts a helper
the usual way, ``[sys.executable, "-m", "journal.report.chart_pool", ...]``, lands here: such a
call runs that module of ours as ``__main__``, the way ``python -m`` would. Only our own modules:
the bundle is not a general-purpose interpreter.
"""

import runpy
import sys

from ui.launcher import main


def _run_module_like_python_m(argv: list[str]) -> bool:
    if len(argv) < 3 or argv[1] != "-m" or not argv[2].startswith("journal."):
        return False
    module = argv[2]
    sys.argv = [argv[0], *argv[3:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return True


if __name__ == "__main__":
    if not (getattr(sys, "frozen", False) and _run_module_like_python_m(sys.argv)):
        sys.exit(main())
