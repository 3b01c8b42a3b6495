"""``python -m journal``: the command line (subcommands only; the app starts from ui.launcher)."""

import sys

from journal.cli import main

sys.exit(main(sys.argv[1:]))
