"""Child process for the passphrase crash test: protects the journal at argv[1] with the
passphrase argv[2], printing "protected" once it returns (the parent kills it at random)."""

from __future__ import annotations

import sys

from journal.service import Journal


def main(path: str, passphrase: str) -> None:
    journal = Journal.open(path, create=False)
    print("ready", flush=True)
    journal.protect_with_passphrase(passphrase)
    journal.close()
    print("protected", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
