"""``install-desktop [--uninstall]``: the app's menu entry, icons and store metadata for this user.

Writes (or removes) the files :mod:`journal.service.desktop` places under ``$XDG_DATA_HOME``.
The entry starts this installation, whichever it is (bundle, pipx, venv), so run it again after
moving it.
"""

from __future__ import annotations

import argparse
from typing import Any

from journal.i18n import _


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    dp = sub.add_parser(
        "install-desktop", parents=[common],
        help=_("add the app to your applications menu (for you only; --uninstall removes it)"),
        description=_("Add Symptom Journal to your applications menu, with its icon and the "
        "metadata software centres show, for the current user only (under $XDG_DATA_HOME, "
        "usually ~/.local/share). The menu entry starts this installation."))
    dp.add_argument("--uninstall", action="store_true",
                    help=_("remove the menu entry, icons and metadata again"))
    dp.set_defaults(handler=cmd_install_desktop)


def cmd_install_desktop(args: argparse.Namespace, ctx: Any) -> int:
    from journal.service import desktop

    home = desktop.data_home()
    if args.uninstall:
        removed = desktop.uninstall(home)
        if removed:
            print(_("Removed the menu entry and {0} other files from {1}").format(
                len(removed) - 1, home),
                  file=ctx.out)
        else:
            print(_("Nothing to remove: no menu entry in {0}").format(home), file=ctx.out)
        return 0
    written = desktop.install(home)
    entry = written[0]
    print(_("Added to the applications menu: {0}").format(entry), file=ctx.out)
    print(_("It starts: {0}").format(desktop.launch_command()[0]), file=ctx.out)
    print(_("Icons and metadata: {0} files under {1}").format(len(written) - 1, home), file=ctx.out)
    return 0
