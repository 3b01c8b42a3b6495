"""Encryption at rest (the optional sqlcipher3 extra): protecting converts the journal after a
backup, a wrong passphrase changes nothing, backups are encrypted too, no key lands on disk;
without the package the option explains how to get it."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest

from journal import errors
from journal.clock import FixedClock
from journal.errors import ValidationError
from journal.service import Journal
from journal.store import backup, crypto, db, files
from tests.helpers.safety import digest, episode, folder_state, run_cli

PASSPHRASE = "correct horse battery staple"

needs_sqlcipher = pytest.mark.skipif(not crypto.available(),
                                     reason="the encryption extra (sqlcipher3) is not installed")


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@needs_sqlcipher
def test_protect_encrypts_the_journal_and_every_backup(db_path: Path, clock: FixedClock) -> None:
    j = Journal.open(db_path, clock)
    kept = episode(note="a private note about my hip")
    j.add_episode(kept)
    old_backup = j.backup_now()
    assert crypto.is_plain_sqlite(old_backup)
    j.protect_with_passphrase(PASSPHRASE)
    try:
        assert j.passphrase_protected
        assert j.get_episode(kept.id) == kept  # still open and working
        j.add_episode(episode(hours_ago=3))
        clock.advance(timedelta(hours=1))
        made = j.maybe_backup(at_start=True)
        assert made is not None
    finally:
        j.close()
    assert not crypto.is_plain_sqlite(db_path)
    found = list(files.backups_dir(db_path).iterdir())
    assert len(found) == 3  # the old one, the one made before converting, the new one
    for item in found:
        assert item.stat().st_size > 0 and not crypto.is_plain_sqlite(item), item
    assert backup.verify_backup(old_backup, PASSPHRASE) == db.HEAD
    assert backup.verify_backup(made, PASSPHRASE) == db.HEAD
    everything = _all_bytes(db_path.parent)
    assert b"a private note about my hip" not in everything
    assert PASSPHRASE.encode() not in everything  # no key on disk
    with Journal.open_with_passphrase(db_path, PASSPHRASE, clock) as again:
        assert again.count_episodes() == 2
        assert PASSPHRASE not in str(again.engine.url)


@needs_sqlcipher
def test_a_missing_or_wrong_passphrase_changes_nothing(db_path: Path, clock: FixedClock) -> None:
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
        j.protect_with_passphrase(PASSPHRASE)
    before = folder_state(db_path.parent)
    with pytest.raises(errors.PassphraseRequiredError, match="passphrase"):
        Journal.open(db_path, clock)
    with pytest.raises(errors.WrongPassphraseError, match="does not open"):
        Journal.open_with_passphrase(db_path, "Correct horse battery staple", clock)
    code, _out, err = run_cli(clock, "--db", str(db_path), "list")
    assert code == 1 and "passphrase" in err
    code, _out, err = run_cli(clock, "--db", str(db_path), "backup")
    assert code == 1 and "terminal" in err  # asks only where it can ask safely
    assert folder_state(db_path.parent) == before


@needs_sqlcipher
def test_restoring_an_encrypted_backup(db_path: Path, clock: FixedClock) -> None:
    with Journal.open(db_path, clock) as j:
        first = episode(hours_ago=4)
        j.add_episode(first)
        j.protect_with_passphrase(PASSPHRASE)
        made = j.backup_now()
        j.add_episode(episode(hours_ago=2))
        clock.advance(timedelta(minutes=1))
        kept = j.restore(made)
        assert [e.id for e in j.episodes()] == [first.id]
        assert kept is not None and not crypto.is_plain_sqlite(kept)
        assert j.check() == []


@needs_sqlcipher
def test_a_short_passphrase_is_refused_before_anything_changes(db_path: Path,
                                                               clock: FixedClock) -> None:
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
        backup.checkpoint(j.engine)
        before = digest(db_path)
        with pytest.raises(ValidationError, match="at least"):
            j.protect_with_passphrase("short")
        assert digest(db_path) == before and not j.passphrase_protected
        with pytest.raises(ValidationError, match="already protected"):
            j.protect_with_passphrase(PASSPHRASE)
            j.protect_with_passphrase(PASSPHRASE)


def test_without_the_extra_the_option_explains_how_to_get_it(
        db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "sqlcipher3.dbapi2", None)
    assert not crypto.available()
    with Journal.open(db_path, clock) as j:
        j.add_episode(episode())
        backup.checkpoint(j.engine)
        before = digest(db_path)
        with pytest.raises(errors.EncryptionUnavailableError) as err:
            j.protect_with_passphrase(PASSPHRASE)
        assert 'pip install "symptom-journal[encryption]"' in str(err.value)
        assert isinstance(err.value, errors.StorageError)
        assert digest(db_path) == before and j.count_episodes() == 1
    # A file that may be encrypted is refused with the same hint, and left as it is.
    other = db_path.with_name("maybe-encrypted.sqlite3")
    other.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(errors.DamagedFileError, match="symptom-journal\\[encryption\\]"):
        Journal.open(other, clock)
    assert other.read_bytes() == bytes(range(256)) * 64


def _plain_backups(db_path: Path) -> list[Path]:
    folder = files.backups_dir(db_path)
    return [p for p in folder.iterdir() if crypto.is_plain_sqlite(p)] if folder.is_dir() else []


@needs_sqlcipher
def test_plain_backups_left_by_an_interrupted_protection_are_encrypted_at_next_open(
        db_path: Path, clock: FixedClock) -> None:
    """The state a kill between encrypting the journal and its backups leaves."""
    with Journal.open(db_path, clock) as j:
        kept = episode(note="a private note about my hip")
        j.add_episode(kept)
        j.backup_now()
        clock.advance(timedelta(hours=1))
        j.backup_now()
    plain = sorted(files.backups_dir(db_path).iterdir())
    staging = db_path.with_name(db_path.name + ".enc")
    crypto.encrypt_file(db_path, staging, PASSPHRASE)
    for side in files.side_files(db_path):
        side.unlink(missing_ok=True)
    staging.replace(db_path)
    (plain[0].with_name(plain[0].name + ".part")).write_bytes(plain[0].read_bytes()[:5000])
    assert len(_plain_backups(db_path)) == 3
    with Journal.open_with_passphrase(db_path, PASSPHRASE, clock) as j:
        assert j.get_episode(kept.id) == kept
    assert _plain_backups(db_path) == []
    assert sorted(files.backups_dir(db_path).iterdir()) == plain  # encrypted, none lost
    for item in plain:
        assert backup.verify_backup(item, PASSPHRASE) == db.HEAD
        assert b"private note" not in item.read_bytes()


@needs_sqlcipher
def test_killed_at_random_moments_of_protecting_no_plain_backup_outlives_the_next_open(
        tmp_path: Path, clock: FixedClock) -> None:
    import random
    import signal
    import subprocess
    import time

    rng = random.Random(4)
    child = Path(__file__).with_name("protect_child.py")
    outcomes = {"plain": 0, "encrypted": 0}
    for round_no in range(8):
        path = tmp_path / str(round_no) / "journal.sqlite3"
        with Journal.open(path, clock) as j:
            ids = [j.add_episode(episode(hours_ago=1 + i, note="private " * 50)).ids[0]
                   for i in range(40)]
            for _ in range(3):
                clock.advance(timedelta(hours=1))
                j.backup_now()
        proc = subprocess.Popen([sys.executable, str(child), str(path), PASSPHRASE],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        if crypto.is_plain_sqlite(path):
            outcomes["plain"] += 1
            opened = Journal.open(path, clock, create=False)
        else:
            outcomes["encrypted"] += 1
            opened = Journal.open_with_passphrase(path, PASSPHRASE, clock)
            assert _plain_backups(path) == []
        with opened as j:
            assert j.check() == []
            assert all(j.get_episode(i) is not None for i in ids)
        leftovers = [p.name for p in path.parent.rglob("*") if p.name.endswith(".part")]
        assert leftovers == []
    assert sum(outcomes.values()) == 8
