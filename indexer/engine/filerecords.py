"""What each commit records of its segment files: their sizes and SHA-256 checksums.

A writer records them just before Whoosh writes the commit's TOC (:class:`RecordedCommits`), so a
commit that happened has its record (``files-N.json`` beside the TOC of commit N). Opening an
index compares every file's size with the record (:func:`check_sizes`: a stat per file, so every
search does it); ``fundstelle check`` also reads every byte and compares its checksum
(:func:`verify_files`), as ``git fsck`` or SQLite's ``PRAGMA integrity_check`` do. Segment files
never change once written (deletions live in the TOC), so a commit hashes only the files that
are new since the commit before it.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import Iterable

from ..errors import IndexDamagedError

__all__ = ["FileProblem", "RecordedCommits", "check_sizes", "record_files", "verify_files"]

_CHUNK = 1 << 20


def _record_name(generation: int) -> str:
    return f"files-{generation}.json"


def _segment_prefixes(segments) -> tuple[str, ...]:
    """What the names of a segment's files start with (``paragraphs_<segment id>.``)."""
    return tuple(segment.make_filename("") for segment in segments)


def _segment_files(storage, segments) -> Iterable[str]:
    prefixes = _segment_prefixes(segments)
    return sorted(name for name in storage.list() if name.startswith(prefixes) and not name.endswith(".tmp"))


def _sha256(storage, name: str) -> str:
    digest = hashlib.sha256()
    with open(os.path.join(storage.folder, name), "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_record(storage, generation: int) -> dict[str, dict]:
    """Commit ``generation``'s record, ``{name: {"size": bytes, "sha256": hex}}`` (raises
    ``FileNotFoundError`` where it is missing). An index written before checksums recorded sizes
    alone (``{name: bytes}``): its entries have no ``sha256`` (a rebuild that finds its manifest
    lost still reads its files)."""
    with open(os.path.join(storage.folder, _record_name(generation)), encoding="utf-8") as fh:
        try:
            record = json.load(fh)
        except ValueError:
            raise IndexDamagedError(f"the record of commit {generation}'s files is unreadable") from None
    if not isinstance(record, dict):
        raise IndexDamagedError(f"the record of commit {generation}'s files is unreadable")
    record = {name: {"size": entry} if isinstance(entry, int) else entry for name, entry in record.items()}
    if not all(isinstance(entry, dict) and isinstance(entry.get("size"), int) for entry in record.values()):
        raise IndexDamagedError(f"the record of commit {generation}'s files is unreadable")
    return record


def record_files(storage, generation: int, segments) -> None:
    """Write the size and checksum of every file of ``segments`` for Whoosh commit ``generation``
    (before its TOC is written). Files the commit before recorded keep their checksum."""
    try:
        earlier = _read_record(storage, generation - 1)
    except (FileNotFoundError, IndexDamagedError):
        earlier = {}
    record = {}
    for name in _segment_files(storage, segments):
        size = storage.file_length(name)
        known = earlier.get(name)
        digest = known["sha256"] if known and known["size"] == size and known.get("sha256") else _sha256(storage, name)
        record[name] = {"size": size, "sha256": digest}
    path = os.path.join(storage.folder, _record_name(generation))
    with open(path + ".tmp", "w", encoding="utf-8") as fh:
        json.dump(record, fh, indent=0, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(path + ".tmp", path)


def check_sizes(storage, toc) -> None:
    """Raise :class:`IndexDamagedError` where a segment file is not its recorded size (and
    ``FileNotFoundError`` where it or the record is missing)."""
    if not toc.segments:
        return
    record = _read_record(storage, toc.generation)
    unrecorded = _unrecorded_segments(toc, record)
    if unrecorded:
        raise IndexDamagedError(f"commit {toc.generation} has no record of the files of segment {unrecorded[0]}")
    for name, entry in record.items():
        actual = storage.file_length(name)
        if actual != entry["size"]:
            raise IndexDamagedError(f"the index file {name} has {actual:,} bytes instead of {entry['size']:,} "
                                    "(truncated?)")


def _unrecorded_segments(toc, record: dict[str, dict]) -> list[str]:
    """The segments of the commit ``toc`` of whose files ``record`` names none."""
    return [prefix[:-1] for prefix in _segment_prefixes(toc.segments)
            if not any(name.startswith(prefix) for name in record)]


@dataclass(frozen=True)
class FileProblem:
    """A file of the index that is not as its commit wrote it."""

    file: str
    problem: str


def verify_files(storage, toc) -> tuple[int, int, list[FileProblem]]:
    """Read every file of the live commit ``toc`` and compare its size and checksum with the
    record: (files read, bytes read, what is wrong). Slow by design: it reads the whole index."""
    try:
        record = _read_record(storage, toc.generation) if toc.segments else {}
    except FileNotFoundError:
        return 0, 0, [FileProblem(_record_name(toc.generation), "missing: the commit's record of its files")]
    except IndexDamagedError as exc:
        return 0, 0, [FileProblem(_record_name(toc.generation), exc.detail)]
    problems = [FileProblem(segment, "a segment of the commit with no record of its files")
                for segment in _unrecorded_segments(toc, record)]
    files = read = 0
    for name, entry in sorted(record.items()):
        try:
            size = storage.file_length(name)
            digest = _sha256(storage, name)
        except FileNotFoundError:
            problems.append(FileProblem(name, "missing"))
            continue
        files, read = files + 1, read + size
        if size != entry["size"]:
            problems.append(FileProblem(name, f"{size:,} bytes instead of {entry['size']:,} (truncated?)"))
        elif entry.get("sha256") and digest != entry["sha256"]:
            problems.append(FileProblem(name, f"its content is not what commit {toc.generation} wrote (checksum)"))
    return files, read, problems


class RecordedCommits:
    """A writer mixin: each commit records its segment files before the TOC is written."""

    def _commit_toc(self, segments) -> None:
        record_files(self.storage, self.generation, segments)
        super()._commit_toc(segments)
