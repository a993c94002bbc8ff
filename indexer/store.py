"""The index on disk: where it lives, its generations, its manifest, and the writers' lock.

Layout of an index folder::

    FUNDSTELLE_INDEX  marker: Fundstelle made this folder and may replace what is in it
    CURRENT           name of the live generation, replaced atomically (os.replace)
    gen-000002/       a Whoosh index plus manifest-N.json (versions and sources of Whoosh commit
                      N) and files-N.json (the sizes of its segment files, :mod:`indexer.engine.codec`)
    write.lock        held by the one process that writes (removed when it is done)

Fundstelle writes into a folder only if it is missing, empty, or has the marker (or the
CURRENT file and generation of an index written before the marker existed), and deletes nothing
there but generations, commits and temporary files it wrote.

A rebuild writes a new generation beside the live one and swaps ``CURRENT``, so searches see
either the complete old or the complete new index. An index run updates the live generation in
place through Whoosh's own commit, which also switches atomically (a new TOC file, renamed).
Opening a Whoosh index unpickles its schema and segments: every pickle is read with the
restricted unpickler of :mod:`indexer.engine.safepickle`, so a crafted index runs no code.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from platformdirs import user_data_dir
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import clean_files

from .engine.codec import FundstelleStorage, latest_commit, live_toc
from .engine.damage import DECODE_ERRORS
from .engine.filerecords import verify_files
from .engine.safepickle import UnsafePickleError
from .errors import IndexDamagedError, IndexFolderError, IndexLockedError, IndexNotFoundError, IndexVersionError
from .german import ANALYSIS_VERSION
from .lockfile import exclusive_lock
from .schema import SCHEMA_VERSION, build_schema

__all__ = [
    "Manifest",
    "ManifestHeader",
    "SourceRecord",
    "check_index",
    "claim_index_folder",
    "clean_generation",
    "default_index_dir",
    "index_exists",
    "index_stats",
    "open_live_index",
    "printable",
    "read_manifest",
    "read_manifest_header",
    "reading",
    "write_lock",
]

CURRENT_FILE = "CURRENT"
LOCK_FILE = "write.lock"
MARKER_FILE = "FUNDSTELLE_INDEX"
MARKER_TEXT = "This folder is a Fundstelle index: fundstelle replaces what is in it. Delete the folder to remove it.\n"
GENERATION_PREFIX = "gen-"
_GENERATION_RE = re.compile(r"gen-(\d{6})")
INDEX_NAME = "paragraphs"
_NOT_A_FOLDER = "{} is a file, not an index folder: give another --index"


def default_index_dir() -> Path:
    """``$FUNDSTELLE_INDEX`` if set, else a per-user data folder (``~/.local/share/fundstelle/index`` on Linux)."""
    env = os.environ.get("FUNDSTELLE_INDEX")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("fundstelle", appauthor=False)) / "index"


def printable(name: str) -> str:
    r"""A file name with the bytes that are not UTF-8 (Python's surrogate escapes) written as
    ``\xNN``: what the index holds and prints of such a name.

    >>> printable("b\udcf6se.txt"), printable("böse.txt")
    ('b\\xf6se.txt', 'böse.txt')
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass
class SourceRecord:
    """What the index knows of one article file, to tell later whether it changed."""

    path: str  # citation path
    root: str | None  # absolute folder it was found under, None for a file named directly
    size: int
    mtime_ns: int
    sha256: str
    paragraphs: int


@dataclass
class Manifest:
    """Versions and sources of one index generation, stored as JSON beside the Whoosh files."""

    schema_version: int = SCHEMA_VERSION
    analysis_version: int = ANALYSIS_VERSION
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    #: Files and folders removed with ``fundstelle remove``: left out when their folder is walked
    #: again, until they are indexed by name.
    excluded: list[str] = field(default_factory=list)
    #: JSON article fields under other names than the usual (``--json-field text=artikel``).
    json_fields: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "schema_version": self.schema_version,
            "analysis_version": self.analysis_version,
            "created": self.created,
            "updated": self.updated,
            "sources": {k: vars(v) for k, v in sorted(self.sources.items())},
            "excluded": sorted(self.excluded),
            "json_fields": self.json_fields,
        }
        return json.dumps(data, ensure_ascii=False)  # no indent: the C encoder, 3 times as fast

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        return cls(
            schema_version=data["schema_version"],
            analysis_version=data["analysis_version"],
            created=data["created"],
            updated=data["updated"],
            sources={k: SourceRecord(**v) for k, v in data["sources"].items()},
            excluded=data.get("excluded", []),
            json_fields=data.get("json_fields", {}),
        )


def _generation_number(name: str) -> int:
    """The number of a generation folder's name (gen-000002), -1 for any other name."""
    match = _GENERATION_RE.fullmatch(name)
    return int(match[1]) if match else -1


def _generations(index_dir: Path) -> list[Path]:
    """The generation folders Fundstelle wrote in ``index_dir``."""
    return [path for path in index_dir.glob(GENERATION_PREFIX + "*") if _generation_number(path.name) >= 0
            and path.is_dir()]


def current_generation(index_dir: Path) -> Path | None:
    """The live generation folder, or None where the index has none yet."""
    try:
        name = (index_dir / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise IndexNotFoundError(_NOT_A_FOLDER.format(index_dir)) from None
    except PermissionError:
        raise IndexNotFoundError(f"cannot read the index at {index_dir}: permission denied") from None
    if _generation_number(name) < 0 or not (index_dir / name).is_dir():
        raise IndexNotFoundError(
            f"the index at {index_dir} is damaged (CURRENT names no generation): run 'fundstelle rebuild'"
        )
    return index_dir / name


def index_exists(index_dir: Path) -> bool:
    """True where ``index_dir`` holds a Fundstelle index (possibly of an old version)."""
    return current_generation(index_dir) is not None


def is_unused_location(index_dir: Path) -> bool:
    """True where no index exists yet and one may be created: the folder is missing or empty."""
    if not index_dir.exists():
        return True
    return index_dir.is_dir() and not any(index_dir.iterdir())


def _is_index_folder(index_dir: Path) -> bool:
    """True where ``index_dir`` has Fundstelle's marker, or is an index written before the marker
    (its CURRENT names a generation folder)."""
    if (index_dir / MARKER_FILE).is_file():
        return True
    try:
        return current_generation(index_dir) is not None
    except IndexNotFoundError:
        return False


def claim_index_folder(index_dir: Path) -> None:
    """Make ``index_dir`` an index folder Fundstelle may write in (created where missing, marked
    where empty), or raise :class:`IndexFolderError`: a folder of other files is never written into."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexFolderError(_NOT_A_FOLDER.format(index_dir))
    if not is_unused_location(index_dir) and not _is_index_folder(index_dir):
        raise IndexFolderError(
            f"{index_dir} is not empty and not a Fundstelle index: give a new or empty folder with --index"
        )
    index_dir.mkdir(parents=True, exist_ok=True)
    marker = index_dir / MARKER_FILE
    if not marker.is_file():
        marker.write_text(MARKER_TEXT, encoding="utf-8")


def toc_generation(generation: Path) -> int:
    """The number of the Whoosh commit that is live in a generation folder (-1: none yet).

    Read from the file names alone, without opening (and so unpickling) the index.
    """
    return latest_commit(FileStorage(str(generation)), INDEX_NAME)


def _manifest_path(generation: Path, commit: int) -> Path:
    return generation / f"manifest-{commit}.json"


def live_manifest_path(generation: Path) -> Path:
    """Where the manifest of a generation's live Whoosh commit is."""
    return _manifest_path(generation, toc_generation(generation))


@dataclass(frozen=True)
class ManifestHeader:
    """The versions and times of a manifest, without its sources: all a search needs."""

    schema_version: int
    analysis_version: int
    created: float
    updated: float


# The head of the JSON that Manifest.to_json writes: the header fields come before the sources.
_HEADER_RE = re.compile(
    r'\{\s*"schema_version": (\d+),\s*"analysis_version": (\d+),\s*"created": ([0-9.eE+-]+),'
    r'\s*"updated": ([0-9.eE+-]+),'
)


def read_manifest_header(generation: Path) -> ManifestHeader:
    """The versions of a generation's live manifest, read from its first bytes.

    A search needs no source records, and parsing them all costs with every article indexed.
    Falls back to reading the whole manifest where its head looks different.
    """
    try:
        with live_manifest_path(generation).open("rb") as fh:
            head = fh.read(4096).decode("utf-8", errors="replace")
    except FileNotFoundError:
        head = ""
    match = _HEADER_RE.match(head)
    if match:
        return ManifestHeader(int(match[1]), int(match[2]), float(match[3]), float(match[4]))
    manifest = read_manifest(generation)
    return ManifestHeader(manifest.schema_version, manifest.analysis_version, manifest.created, manifest.updated)


def read_manifest(generation: Path) -> Manifest:
    """Read the manifest of a generation's live Whoosh commit; a missing or foreign one means the
    index must be rebuilt."""
    path = live_manifest_path(generation)
    try:
        # File names that are not UTF-8 are kept as the file system has them (surrogate escapes).
        manifest = Manifest.from_json(path.read_text(encoding="utf-8", errors="surrogateescape"))
    except FileNotFoundError:
        raise IndexVersionError(
            f"the index at {generation.parent} has no manifest (older version?): run 'fundstelle rebuild'"
        ) from None
    except (ValueError, KeyError, TypeError):
        raise IndexVersionError(
            f"the index at {generation.parent} has an unreadable manifest: run 'fundstelle rebuild'"
        ) from None
    return manifest


def sources_named_by_index(generation: Path) -> dict[str, tuple[str, str | None]]:
    """The article files a generation's index itself names, for a rebuild whose manifest is lost
    or unreadable: {absolute path: (citation path, folder it was found under or None)}.

    Each paragraph keeps its file's absolute path (the ``source`` field) and its citation path
    (its record), which starts with the indexed folder's name; the folder is the file's ancestor
    of that name. Raises :class:`IndexDamagedError` or :class:`IndexVersionError` where the index
    cannot be read either.
    """
    index = open_whoosh(generation)
    try:
        with index.reader() as reader:
            if reader.doc_count() == 0:
                return {}
            records = reader.column_reader("record", translate=False)
            sources = {}
            for term in reader.lexicon("source"):
                source = term.decode("utf-8") if isinstance(term, bytes) else term
                docs = reader.postings("source", term).all_ids()
                live = next((doc for doc in docs if not reader.is_deleted(doc)), None)
                if live is None:
                    continue
                path = json.loads(records[live])["path"]
                depth = len(PurePosixPath(path).parts)
                root = str(Path(source).parents[depth - 2]) if depth > 1 else None
                sources[source] = (path, root)
            return sources
    finally:
        index.close()


def check_versions(manifest: Manifest | ManifestHeader, index_dir: Path) -> None:
    """Refuse an index whose schema or analysis differs from this version of Fundstelle."""
    if (manifest.schema_version, manifest.analysis_version) != (SCHEMA_VERSION, ANALYSIS_VERSION):
        raise IndexVersionError(
            f"the index at {index_dir} was written by another version of Fundstelle "
            f"(schema {manifest.schema_version}, analysis {manifest.analysis_version}; this version "
            f"uses {SCHEMA_VERSION}, {ANALYSIS_VERSION}): run 'fundstelle rebuild'"
        )


def write_manifest(generation: Path, manifest: Manifest, commit: int) -> None:
    """Write the manifest that belongs to Whoosh commit number ``commit``.

    A writer calls this just before it commits: the manifest and the index content then switch
    together, because readers take the manifest named after the live commit. A run killed before
    its commit leaves a manifest for a commit that never happened, which nothing reads and the
    next writer deletes. Written atomically (temporary file, then rename).
    """
    path = _manifest_path(generation, commit)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as fh:
        fh.write(manifest.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def clean_generation(index) -> None:
    """Delete from an open generation's folder what no reader of its live commit needs: the
    manifests and file-size records of commits that are neither live nor the one before it, and
    what a failed or killed writer left (segment files of no live commit, a half-written TOC,
    temporary folders). Call under the write lock."""
    generation = Path(index.storage.folder)
    toc = index.toc()
    for path in [*generation.glob("manifest-*"), *generation.glob("files-*")]:
        number = path.name.split("-", 1)[1].split(".")[0]
        if not number.isdigit() or int(number) not in (toc.generation, toc.generation - 1) or path.suffix == ".tmp":
            path.unlink(missing_ok=True)
    for path in generation.glob(f"_{INDEX_NAME}_*.toc.*"):
        path.unlink(missing_ok=True)
    for path in generation.glob("*.tmp"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    clean_files(index.storage, INDEX_NAME, toc.generation, toc.segments)


def open_whoosh(generation: Path):
    """Open a generation's Whoosh index (:class:`~indexer.engine.codec.FundstelleIndex`), its TOC
    unpickled with the restricted unpickler and its files' sizes checked."""
    try:
        return FundstelleStorage(str(generation)).open_index(INDEX_NAME)
    except whoosh_index.EmptyIndexError:
        raise IndexVersionError(
            f"the index at {generation.parent} holds no Whoosh index: run 'fundstelle rebuild'"
        ) from None
    except (AttributeError, ImportError):
        # The pickled schema names a class this version no longer has.
        raise IndexVersionError(
            f"the index at {generation.parent} was written by an incompatible version: run 'fundstelle rebuild'"
        ) from None
    except IndexDamagedError as exc:
        exc.index_dir = generation.parent
        raise


@contextmanager
def reading(index_dir: Path) -> Iterator[None]:
    """Reads of the open index at ``index_dir``. A file damaged in place (its size unchanged, so
    opening the index found nothing wrong) fails when the part read cannot be decoded: that is
    said as the index's damage with the way out (:class:`IndexDamagedError`), not as a traceback
    that a script would read as "nothing found". Only decoding errors are caught here; the
    engine's own readers name the file where they can."""
    try:
        yield
    except UnsafePickleError:
        raise  # a crafted pickle met while searching is said as what it is (as ever)
    except IndexDamagedError as exc:
        if exc.index_dir is None:
            exc.index_dir = index_dir
        raise
    except DECODE_ERRORS:
        raise IndexDamagedError("an index file cannot be decoded; 'fundstelle check' names it", index_dir) from None


def open_live_index(index_dir: Path):
    """Open the live generation for reading, after checking its versions: returns (Whoosh index,
    manifest header)."""
    generation = _live_generation(index_dir)
    header = read_manifest_header(generation)
    check_versions(header, index_dir)
    return open_whoosh(generation), header


def _live_generation(index_dir: Path) -> Path:
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexNotFoundError(f"no index at {index_dir}: run 'fundstelle index' first")
    return generation


def new_generation(index_dir: Path):
    """Create an empty generation folder after the highest existing one: returns (folder, Whoosh index)."""
    numbers = [_generation_number(p.name) for p in _generations(index_dir)]
    generation = index_dir / f"{GENERATION_PREFIX}{max(numbers, default=0) + 1:06d}"
    generation.mkdir()
    return generation, FundstelleStorage(str(generation)).create_index(build_schema(), INDEX_NAME)


def make_live(index_dir: Path, generation: Path) -> None:
    """Point ``CURRENT`` at ``generation`` atomically, then drop generations no reader can need."""
    tmp = index_dir / (CURRENT_FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(generation.name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT_FILE)
    remove_stale_generations(index_dir)


def remove_stale_generations(index_dir: Path) -> list[str]:
    """Delete generations that are neither live nor the one before it (which a search that
    started before the last swap may still be reading); these include what a killed run left.
    Call only under the write lock."""
    live = current_generation(index_dir)
    live_number = _generation_number(live.name) if live else 0
    older = [_generation_number(p.name) for p in _generations(index_dir) if _generation_number(p.name) < live_number]
    keep = {live_number, max(older, default=-2)}
    removed = []
    for path in _generations(index_dir):
        if _generation_number(path.name) not in keep:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    (index_dir / (CURRENT_FILE + ".tmp")).unlink(missing_ok=True)
    return removed


@contextmanager
def write_lock(index_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the index's write lock: one writer at a time. Waits up to ``wait`` seconds, then raises
    :class:`IndexLockedError`. The lock is an OS file lock that no child process inherits
    (:mod:`indexer.lockfile`), so a killed writer never leaves it held. Call
    :func:`claim_index_folder` first."""
    locked = IndexLockedError(
        f"another fundstelle process is writing the index at {index_dir}: try again later or wait with --wait SECONDS"
    )
    with exclusive_lock(index_dir / LOCK_FILE, wait, locked):
        yield


def index_stats(index_dir: Path) -> dict:
    """Facts about the live index (``fundstelle stats``): counts, size, sources, versions, last update."""
    # The whole manifest (its sources are listed), read once, from the generation that is opened.
    generation = _live_generation(index_dir)
    manifest = read_manifest(generation)
    check_versions(manifest, index_dir)
    index = open_whoosh(generation)
    try:
        with reading(index_dir), index.reader() as reader:
            paragraphs = reader.doc_count()
            distinct_terms = sum(1 for _ in reader.lexicon("text"))
    finally:
        index.close()
    roots = sorted({printable(rec.root) for rec in manifest.sources.values() if rec.root})
    files = sorted(rec.path for rec in manifest.sources.values() if not rec.root)
    return {
        "index": str(index_dir),
        "articles": len(manifest.sources),
        "paragraphs": paragraphs,
        "distinct_terms": distinct_terms,
        "size_bytes": sum(p.stat().st_size for p in generation.iterdir() if p.is_file()),
        "sources": {"folders": roots, "files": files},
        "created": _iso(manifest.created),
        "updated": _iso(manifest.updated),
        "schema_version": manifest.schema_version,
        "analysis_version": manifest.analysis_version,
    }


def check_index(index_dir: Path) -> dict:
    """Read every file of the live index and compare it with what its commit wrote (sizes and
    SHA-256 checksums, :mod:`indexer.engine.filerecords`): ``fundstelle check``. Returns plain
    data: ``sound``, the ``files`` and ``bytes`` read, the ``seconds`` it took and the
    ``problems`` found (``{"file", "problem"}``). An index of another version raises
    :class:`IndexVersionError`, as every command does."""
    started = time.monotonic()
    generation = _live_generation(index_dir)
    check_versions(read_manifest(generation), index_dir)
    storage = FundstelleStorage(str(generation))
    try:
        toc = live_toc(storage, INDEX_NAME)
    except IndexDamagedError as exc:
        files, read, problems = 0, 0, [{"file": f"_{INDEX_NAME}_*.toc", "problem": exc.detail}]
    else:
        files, read, found = verify_files(storage, toc)
        problems = [{"file": problem.file, "problem": problem.problem} for problem in found]
    return {"index": str(index_dir), "sound": not problems, "files": files, "bytes": read,
            "seconds": round(time.monotonic() - started, 3), "problems": problems}


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")
