"""Every error the core raises to its callers, in one place (the UI and the CLI catch these).

``ValidationError``: a value a person typed cannot be stored (exit status 2 on the command line).
``StorageError`` and its family: the journal file cannot be used as asked (exit status 1). Each
message is plain words a person can act on.
"""

from __future__ import annotations

from journal.i18n import N_, _


class ValidationError(ValueError):
    """A value a person typed cannot be stored. ``field`` names the input it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message


class StorageError(Exception):
    """The journal file cannot be used as asked; the message says why in plain words."""


class LowDiskError(StorageError):
    """Too little free space to write safely: refused before anything is written."""


class BadStoredValueError(StorageError):
    """A row in the journal holds a value this version cannot read (an unknown kind, a date
    that is not one, text that is not UTF-8): reported, never a crash; nothing is changed."""

    #: What was found, without the advice (``check`` lists these one per row).
    found: str = ""


#: The longest piece of a stored or imported value an error message quotes.
QUOTE_LIMIT = 120


def shorten(text: object, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with how much was left out, so a message about a
    10 MB value stays one readable line."""
    value = str(text)
    if len(value) <= limit:
        return value
    return _("{start}... ({count} more characters)").format(start=value[:limit],
                                                            count=len(value) - limit)


class JournalFileChangedError(StorageError):
    """The journal's write-ahead log was deleted or replaced by another program while the
    journal was open: further writes are refused (they would go into a file no one else sees)
    until the journal is opened again."""


class NewerFileError(StorageError):
    pass


class NotAJournalError(StorageError):
    pass


class DamagedFileError(NotAJournalError):
    """Empty, truncated, damaged or not SQLite at all: refused and left exactly as it is."""


class PassphraseRequiredError(StorageError):
    """The file is not plain SQLite: it is protected with a passphrase (or damaged)."""


class WrongPassphraseError(PassphraseRequiredError):
    """The passphrase given does not open the file; nothing was changed."""


#: How to get encryption support; shown wherever it is missing (marked here, translated where
#: it is shown).
ENCRYPTION_INSTALL_HINT = (
    N_("Encryption needs the optional SQLCipher support. Install it with `pip install "
       "\"symptom-journal[encryption]\"` (the sqlcipher3 package), then start Symptom Journal "
       "again.")
)


class EncryptionUnavailableError(StorageError):
    """The sqlcipher3 package is not installed; the message explains how to get it."""

    def __init__(self) -> None:
        super().__init__(_(ENCRYPTION_INSTALL_HINT))
