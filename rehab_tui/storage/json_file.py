"""One JSON data file as TinyDB sees it: read with every kind of damage named, written whole.

A file that cannot be read is reported (DamagedFileError) and left exactly as it is, until the
user chooses to set it aside. A file of valid JSON holding a record of the wrong shape is damaged
too: the caller's check (stored_records.py) names the record. The check runs once per version of
the file (its inode, size and modification time), and not on a file this storage wrote itself
from records it had read and checked, so a save does not pay for checking its whole month again;
nor on content that passed it in an earlier run (checked_files.py).
The parsed tables are kept per version too (parsed_files.py), so a file read again unchanged is
not parsed again; a walk through all of history (read_once) does not keep what it parses.
A write goes through the one atomic writer, so a crash or a full
disk leaves the old file or the new one, never half of each.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
from tinydb.storages import Storage

from rehab_tui.storage.atomic import make_private_dir, write_atomically
from rehab_tui.storage.checked_files import CheckedFiles, fingerprint
from rehab_tui.storage.errors import DamagedFileError, SaveError
from rehab_tui.storage.parsed_files import ParsedFiles, Version
from rehab_tui.storage.reading import read_text
from rehab_tui.storage.record_check import RecordError

Tables = dict[str, dict[str, Any]]  # a data file: each table's documents by id (as text)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file (temp file, fsync, rename)."""

    def __init__(
        self,
        path: Path,
        check: Callable[[dict[str, Any]], None] | None = None,
        parsed: ParsedFiles | None = None,
        on_write: Callable[[Path, Version, Tables], None] | None = None,
        checked_files: CheckedFiles | None = None,
    ):
        self.path = path
        self.check = check
        self.checked_files = checked_files  # content that passed the check in an earlier run
        self.checked: Version | None = None  # the version of the file checked
        self.parsed = parsed  # shared by the store's files: the ones read last, parsed
        self.on_write = on_write  # told of each save, once the file is in place

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._read(keep=True)

    def read_once(self) -> Tables | None:
        """As read, for a walk through history that will not read this file again (an export):
        a file kept parsed is taken from there, but one parsed now is not kept, which would cost
        more (its copy made) than it would ever save."""
        return self._read(keep=False)

    def read_tables(self, only: Collection[str]) -> Tables | None:
        """As read, for a reader of a few tables: when the file is kept parsed, only those are
        unpacked (a parse gives them all)."""
        return self._read(keep=True, only=only)

    def _read(self, keep: bool, only: Collection[str] | None = None) -> Tables | None:
        try:
            version = _version(self.path)  # before reading: a newer file is read again
        except FileNotFoundError:
            return None
        except OSError as error:
            raise DamagedFileError(self.path, error.strerror or str(error)) from None
        kept = self.parsed.get(self.path, version, only) if self.parsed is not None else None
        if kept is not None:
            return kept  # this very file, parsed and checked before: tables of the caller's own
        data = self._parse(version)
        if keep and self.parsed is not None and data is not None:
            self.parsed.put(self.path, version, data)
        return data

    def _parse(self, version: Version) -> Tables | None:
        """The file's tables, read and checked (the check once per version)."""
        try:
            text = read_text(self.path)  # a regular file only: never a device or a pipe
        except FileNotFoundError:
            return None
        except UnicodeDecodeError:
            raise DamagedFileError(self.path, "it is not UTF-8 text") from None
        except OSError as error:
            raise DamagedFileError(self.path, error.strerror or str(error)) from None
        if not text.strip():
            # We never write an empty file, so an empty one was damaged by something else.
            raise DamagedFileError(self.path, "it is empty")
        try:
            data = loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            line = getattr(error, "lineno", None)
            where = f" (line {line})" if line else ""
            raise DamagedFileError(self.path, f"it is not valid JSON{where}") from None
        except ValueError:  # a number of thousands of digits: past Python's int-string limit
            raise DamagedFileError(self.path, "it holds a number too long to read") from None
        if not isinstance(data, dict) or not all(
            isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
            for table in data.values()
        ):
            raise DamagedFileError(self.path, "it does not hold rehab-tui tables")
        if self.check is not None and version != self.checked:
            self._check(self.check, data, text)
            self.checked = version
        return data

    def _check(self, check: Callable[[Tables], None], data: Tables, text: str) -> None:
        """The records checked, unless this very content passed in an earlier run."""
        known = self.checked_files
        if known is None:
            self._check_records(check, data)
            return
        seen = fingerprint(check.__name__, text.encode())
        if not known.passed(seen):
            self._check_records(check, data)
            known.add(seen)

    def _check_records(self, check: Callable[[Tables], None], data: Tables) -> None:
        try:
            check(data)
        except RecordError as error:
            raise DamagedFileError(self.path, f"the record {error}") from None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = dump_tables(data)
        try:
            make_private_dir(self.path.parent)
            write_atomically(self.path, text)
            self.checked = version = _version(self.path)  # read from a checked file, and ours
        except OSError as error:
            raise SaveError(self.path, error) from None
        finally:
            if self.parsed is not None:
                self.parsed.drop(self.path)  # the next read parses the new file (once)
        if self.on_write is not None:
            self.on_write(self.path, version, data)

    def close(self) -> None:
        pass


def loads(text: str) -> Any:
    """A data file's JSON, parsed by msgspec: three times as fast as the standard library, and
    like it, whole numbers of any size stay whole (msgspec is imported before the first frame
    anyway: the domain's records are its Structs). What msgspec refuses is parsed again by the
    standard library, which reads what it took before (a NaN, a lone surrogate, a number past a
    double) or raises the error the file is named by."""
    try:
        return msgspec.json.decode(text)
    except (msgspec.DecodeError, RecursionError):
        return json.loads(text)


def dump_tables(data: dict[str, dict[str, Any]]) -> str:
    """A data file's text: compact, and UTF-8 as it is (names in any script stay readable)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def add_new_docs(docs: dict[str, Any], records: Sequence[Mapping[str, Any]], key: str) -> int:
    """Add to one table's documents, as TinyDB numbers them, the records whose `key` is not
    there yet; how many were added."""
    present = {doc[key] for doc in docs.values()}
    new = [record for record in records if record[key] not in present]
    next_id = max((int(doc_id) for doc_id in docs), default=0) + 1
    for offset, record in enumerate(new):
        docs[str(next_id + offset)] = dict(record)
    return len(new)


def _version(path: Path) -> Version:
    """What tells one version of a file from another: a save replaces it by a new inode."""
    found = os.stat(path)
    return found.st_ino, found.st_size, found.st_mtime_ns


def set_aside(path: Path) -> Path:
    """Rename a damaged file out of the way (kept whole, with a timestamp) so a fresh one can start.

    Call it with no Store open on the folder: an open Store may still hold the old file's tables.
    """
    aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    os.replace(path, aside)
    return aside
