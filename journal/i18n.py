"""Marking words for translation, and translating them where they are shown.

Modelled on Picard's ``picard/i18n.py``: ``N_("text")`` marks a string for extraction and returns
it unchanged, so tables of words can be built at import time, before any language is chosen;
``_("text")`` translates a marked string at the moment it is shown. There is no catalogue yet, so
``_`` returns its argument: a translation step later (xgettext / pybabel with ``-k N_ -k _``)
finds every marked string, and only ``_`` changes. The Qt side translates the same strings with
``QCoreApplication.translate`` where it shows them.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Mark ``text`` for extraction; it is translated later, where it is shown."""
    return text


def _(text: str) -> str:
    """Translate a marked string for display (identity until a catalogue is installed)."""
    return text


__all__ = ["N_", "_"]
