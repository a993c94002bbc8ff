"""Building the index: find article files, tell what changed, write paragraph documents.

``index_paths`` updates the live index incrementally (only added and changed files are read and
analysed; files gone from an indexed folder are removed). ``rebuild_index`` re-reads every
recorded source into a new generation and swaps it in atomically.
"""
from __future__ import annotations

import errno
import fnmatch
import gc
import hashlib
import os
import re
import shutil
import signal
import stat as stat_module
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from .engine.codec import FundstelleCodec
from .engine.parallel import ParallelWriter
from .engine.segmentwriter import BulkSegmentWriter
from .errors import (
    ArticleError,
    FundstelleError,
    IndexDamagedError,
    IndexVersionError,
    IndexWriteError,
    SourceNotFoundError,
)
from .german.quotes import has_quotation_marks
from .german.wordlist import word_list
from .schema import encode_record, published_day, published_minutes
from .sources import DEFAULT_INCLUDE, JSON_SUFFIXES, Article, read_bytes, read_source
from .store import (
    Manifest,
    SourceRecord,
    check_versions,
    claim_index_folder,
    clean_generation,
    current_generation,
    make_live,
    new_generation,
    open_whoosh,
    printable,
    read_manifest,
    reading,
    remove_stale_generations,
    sources_named_by_index,
    write_lock,
    write_manifest,
)

__all__ = ["BuildOptions", "IndexReport", "SourceFile", "find_sources", "index_paths", "rebuild_index",
           "recorded_paths", "remove_paths"]

def _processes() -> int:
    return min(os.cpu_count() or 1, 4)


@dataclass(frozen=True)
class BuildOptions:
    """How an index run builds, for the machine it runs on (figures: docs/performance.md). Pass
    them to :func:`index_paths`, :func:`rebuild_index` and :func:`remove_paths`; a test or a
    benchmark passes others instead of patching module names.

    >>> BuildOptions(processes=2, parallel_min_bytes=0).processes
    2
    """

    #: Writer processes of a large run: the machine's cores, at most 4 (more gained nothing).
    processes: int = field(default_factory=_processes)
    #: Runs that read at least this much text (bytes) analyse in several processes.
    parallel_min_bytes: int = 4_000_000
    #: Whoosh's indexing buffer per writer process, in MB.
    memory_mb: int = 256
    #: Paragraphs handed to a writer process at a time (whole articles: a job ends with one).
    batch_size: int = 100


#: The options of a run given none (every run of the command line). A harness that runs the
#: command in a process of its own sets its own here (benchmarks.processes).
DEFAULT_BUILD = BuildOptions()

#: Called after each file with (files done, files total, paragraphs written so far).
ProgressCallback = Callable[[int, int, int], None]


@dataclass(frozen=True)
class SourceFile:
    """An article file to index: its absolute path, its citation path, and the folder it came from."""

    source: Path
    path: str
    root: Path | None

    @property
    def key(self) -> str:
        """The file's key in the manifest: its absolute path as the file system has it."""
        return str(self.source)

    @property
    def term(self) -> str:
        """The file's term in the index's ``source`` field (:func:`printable`)."""
        return printable(self.key)


@dataclass
class IndexReport:
    """What an index or rebuild run did, per file (citation paths)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, what was not used): indexed anyway
    missing: list[str] = field(default_factory=list)  # recorded sources gone at rebuild
    paragraphs: int = 0  # paragraphs written in this run
    found: int = 0  # article files found under the paths given
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for people, short enough for a terminal of 80 columns: the files of each kind
        that are any, then the paragraphs written and the time taken.

        >>> IndexReport(added=["a.txt"] * 5191, unchanged=["b.txt"], paragraphs=108_300, seconds=43.41).summary()
        '5,191 added, 1 unchanged (108,300 paragraphs, 43.4 s)'
        >>> IndexReport().summary()
        'no files (0 paragraphs, 0.0 s)'
        """
        kinds = (("added", self.added), ("updated", self.updated), ("removed", self.removed),
                 ("unchanged", self.unchanged), ("skipped", self.skipped), ("missing", self.missing))
        text = ", ".join(f"{len(files):,} {kind}" for kind, files in kinds if files) or "no files"
        paragraphs = f"{self.paragraphs:,} paragraph{'s' if self.paragraphs != 1 else ''}"
        return text + f" ({paragraphs}, {self.seconds:.1f} s)"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["skipped"] = [{"path": p, "reason": r} for p, r in self.skipped]
        data["warnings"] = [{"path": p, "warning": w} for p, w in self.warnings]
        return data


def _name_matcher(include: Sequence[str]) -> Callable[[str], bool]:
    """Whether a file name matches one of the ``include`` patterns (:func:`fnmatch.fnmatch`'s
    rules), as one pattern compiled once: a walk checks every file of an archive.

    >>> matches = _name_matcher(["*.md", "*.txt"])
    >>> matches("a.md"), matches("a.html")
    (True, False)
    """
    pattern = re.compile("|".join(fnmatch.translate(os.path.normcase(one)) for one in include) or "(?!)")
    return lambda name: pattern.match(os.path.normcase(name)) is not None


def find_sources(
    paths: Iterable[str | Path], include: Sequence[str] = DEFAULT_INCLUDE, follow: bool = False
) -> tuple[list[SourceFile], list[Path]]:
    """Expand files and folders into article files (folders recursively, hidden entries skipped).

    Returns the files and the folder roots that were walked. A file named directly is indexed
    whatever its name; its citation is its file name. A file found in folder ``news`` at
    ``2024/a.txt`` is cited as ``news/2024/a.txt``.

    Symbolic links, as ripgrep treats them: a path named directly is followed; inside a folder,
    links to files and folders are left alone unless ``follow`` (``--follow``), and then each
    folder is walked once (a link back up makes no loop). Either way one file is indexed once,
    however many names lead to it (links, hard links, a folder named twice): under its first name.
    """
    files: dict[Path, SourceFile] = {}
    seen: set[tuple[int, int]] = set()  # (device, inode) of each file taken
    included = _name_matcher(include)
    roots: list[Path] = []

    def take(file: Path, source: SourceFile) -> None:
        try:
            status = file.stat()
        except OSError:
            identity = None  # a broken link: kept, to be reported as skipped with its reason
        else:
            identity = (status.st_dev, status.st_ino)
            if identity in seen:
                return
            seen.add(identity)
        files.setdefault(file, source)

    for given in paths:
        path = Path(given).expanduser()
        if not path.exists():
            raise SourceNotFoundError(f"no such file or folder: {given}")
        path = path.resolve()
        if path.is_file():
            take(path, SourceFile(path, printable(path.name), None))
            continue
        if not path.is_dir():
            raise SourceNotFoundError(f"not a regular file or folder: {given}")
        roots.append(path)
        walked: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(path, followlinks=follow):
            status = os.stat(dirpath)
            if (status.st_dev, status.st_ino) in walked:
                dirnames[:] = []  # a link back to a folder walked already
                continue
            walked.add((status.st_dev, status.st_ino))
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            folder = Path(dirpath)
            inside = folder.relative_to(path).as_posix()
            cited_folder = f"{path.name}/" if inside == "." else f"{path.name}/{inside}/"
            for name in sorted(filenames):
                if name.startswith(".") or not included(name):
                    continue
                file = folder / name
                if not follow and file.is_symlink():
                    continue
                take(file, SourceFile(file, printable(cited_folder + name), path))
    return list(files.values()), roots


def _documents(source: SourceFile, article: Article) -> Iterable[dict]:
    """The Whoosh documents of one article: one per paragraph (per part of a long one)."""
    published_at = article.published_at
    path = source.path + (article.anchor or "")
    for ordinal, paragraph in enumerate(article.paragraphs, 1):
        # The record keeps only what a hit shows: a part, a url where there is one.
        shown = {"part": paragraph.part} if paragraph.part else {}
        if article.url:
            shown["url"] = article.url
        doc = {
            "source": source.term,
            "path": path,
            "title": article.title,
            "text": paragraph.text,
            "exact": paragraph.text,
            "record": encode_record(
                source=source.term, path=path, paragraph=paragraph.number, title=article.title,
                heading=paragraph.heading, text=paragraph.text, published_iso=article.published, **shown,
            ),
        }
        if paragraph.heading:
            doc["heading"] = paragraph.heading
        if has_quotation_marks(paragraph.text):
            # Analysed into the quoted words and the speakers' names (indexer.analysis).
            doc["quote"] = doc["speaker"] = paragraph.text
        doc["copies"] = paragraph.text  # analysed into its near-copy keys (indexer.analysis)
        if published_at is not None:
            doc["published"] = published_at
        doc["published_order"] = published_minutes(published_at) if published_at is not None else 0
        doc["published_day"] = published_day(published_at)
        # The article's documents counted in reading order (parts of a paragraph each one): a hit's
        # neighbours are the documents next to it that continue this count (queries.searching).
        doc["paragraph"] = ordinal
        yield doc


def _read_source(source: SourceFile, json_fields: dict[str, str]) -> tuple[list[Article], SourceRecord]:
    """Read and parse one file; returns its articles and the record to keep in the manifest."""
    try:
        stat = source.source.stat()
    except FileNotFoundError:
        if source.source.is_symlink():
            raise ArticleError(f"broken symbolic link (to {os.readlink(source.source)})") from None
        raise ArticleError("file vanished before it could be read") from None
    except OSError as exc:
        raise ArticleError(f"cannot read ({exc.strerror or exc})") from None
    if not stat_module.S_ISREG(stat.st_mode):
        # A FIFO or device would block or never end: only regular files are articles.
        raise ArticleError("not a regular file")
    data = read_bytes(source.source)
    articles = read_source(data, source.source, json_fields)
    record = SourceRecord(
        path=source.path,
        root=str(source.root) if source.root else None,
        size=len(data),
        mtime_ns=stat.st_mtime_ns,
        sha256=hashlib.sha256(data).hexdigest(),
        paragraphs=sum(len(article.paragraphs) for article in articles),
    )
    return articles, record


def _as_recorded(source: SourceFile, record: SourceRecord | None) -> SourceFile:
    """A file named directly that the index holds from a folder keeps the folder's citation
    (``artikel/art00006.txt``, not ``art00006.txt``): an article has one citation however it is
    named, and an unchanged file stays unchanged. (A folder walk gives its files the folder's
    citation: a file named before joins the folder it lies in.)"""
    if source.root is None and record is not None and record.root is not None:
        return SourceFile(source.source, record.path, Path(record.root))
    return source


def _unchanged(source: SourceFile, record: SourceRecord | None) -> bool:
    """Cheap check first (size and mtime), then the content hash: a touched file is not re-analysed."""
    if record is None or record.path != source.path:
        return False
    try:
        stat = source.source.stat()
    except OSError:
        return False
    if stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns:
        return True
    if stat.st_size != record.size:
        return False
    try:
        digest = hashlib.sha256(read_bytes(source.source)).hexdigest()
    except ArticleError:
        return False
    if digest == record.sha256:
        record.mtime_ns = stat.st_mtime_ns
        return True
    return False


@contextmanager
def _writer(ix, sources: Sequence[SourceFile], options: BuildOptions) -> Iterator:
    """A writer for indexing ``sources``, committed at the end of the block (cancelled on an
    exception): the bulk writer (:mod:`indexer.engine.segmentwriter`) with Fundstelle's codec
    (:mod:`indexer.engine.codec`), in several processes for a large run (:mod:`indexer.engine.parallel`).
    A Ctrl-C that Python dropped in the block cancels it too (:func:`_interrupts_noted`)."""
    with _interrupts_noted() as check_interrupted, _collector_paused(), \
            _segment_writer(ix, sources, options) as writer:
        yield writer
        check_interrupted()


@contextmanager
def _write_errors_explained(index_dir: Path) -> Iterator[None]:
    """A full disk or a folder Fundstelle may not write in, said in one line (:class:`IndexWriteError`)."""
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise IndexWriteError(f"the disk holding {index_dir} is full: nothing of this run was saved; "
                                  "free some space and run it again") from None
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise IndexWriteError(f"cannot write the index at {index_dir} ({exc.strerror}): "
                                  "give a folder you may write in with --index") from None
        raise


@contextmanager
def _undone_on_failure(ix, new: bool) -> Iterator[None]:
    """Remove what a write into the generation of the open index ``ix`` left if it fails (a full
    disk, a lost writer process, Ctrl-C): a new generation whole, else the files of the commit
    that did not happen."""
    try:
        yield
    except BaseException:
        if new:
            shutil.rmtree(ix.storage.folder, ignore_errors=True)
        else:
            clean_generation(ix)
        raise


@contextmanager
def _interrupts_noted() -> Iterator[Callable[[], None]]:
    """Ctrl-C in the block raises KeyboardInterrupt as always, and is noted too: Python drops an
    exception raised in a weakref callback or a ``__del__`` ("Exception ignored in: … _get_module_lock
    … KeyboardInterrupt", an import under way when Ctrl-C came), and the run went on to commit.
    The check it yields raises a noted Ctrl-C, before the commit. (Signals are the main thread's;
    a run that ignores Ctrl-C, as one a script starts in its background does, keeps ignoring it.)"""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        yield lambda: None
        return
    noted: list[int] = []

    def interrupted(signum: int, frame: object) -> None:
        noted.append(signum)
        raise KeyboardInterrupt

    def check() -> None:
        if noted:
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield check
    finally:
        # None: a handler not set from Python, which cannot be set again from it.
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (and in the writer processes forked in
    it). A build holds millions of lists of postings, which every full collection walks again,
    and makes few cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _segment_writer(ix, sources: Sequence[SourceFile], build: BuildOptions):
    """Large runs analyse in parallel on every core (``build.processes``).

    With ``multisegment`` each process writes its own segment and no final merge is needed;
    Whoosh merges small segments in later commits.
    """
    total = 0
    for source in sources:
        try:
            total += source.source.stat().st_size
        except OSError:
            pass
    # compound=False: Whoosh 2.7 reads a sub-file of a compound segment by copying it into memory
    # (BytesIO over the mmap) each time a searcher opens, a second per search on a large index;
    # separate segment files are read in place.
    options = {"limitmb": build.memory_mb, "compound": False, "codec": FundstelleCodec()}
    if build.processes > 1 and total >= build.parallel_min_bytes:
        # Loaded once here, the word list is shared by forked workers instead of read by each.
        word_list()
        return ParallelWriter(ix, build.processes, options, build.batch_size)
    # The index's write lock is Fundstelle's (indexer.store), not Whoosh's.
    return BulkSegmentWriter(ix, _lk=False, **options)


def _write_sources(writer, manifest: Manifest, sources: Sequence[SourceFile], report: IndexReport,
                   progress: ProgressCallback | None, replace: bool) -> None:
    """Index ``sources`` through one Whoosh writer, recording each in the manifest and the report."""
    for done, source in enumerate(sources, 1):
        _write_source(writer, manifest, source, report, replace)
        if progress:
            progress(done, len(sources), report.paragraphs)


def _write_source(writer, manifest: Manifest, source: SourceFile, report: IndexReport, replace: bool) -> None:
    key = source.key
    known = key in manifest.sources
    try:
        articles, record = _read_source(source, manifest.json_fields)
    except ArticleError as exc:
        report.skipped.append((source.path, str(exc)))
        if known and replace:
            # The file is no longer usable: its old paragraphs would be stale.
            writer.delete_by_term("source", source.term)
            del manifest.sources[key]
            report.removed.append(source.path)
        return
    if replace:
        writer.delete_by_term("source", source.term)
    # A group stays in one segment, in order (indexer.engine.parallel): a hit's neighbours (the context
    # of a question's hit, queries.context) are the documents next to it.
    for article in articles:
        with writer.group():
            for doc in _documents(source, article):
                writer.add_document(**doc)
        report.warnings += [(source.path + (article.anchor or ""), warning) for warning in article.warnings]
        report.warnings += [(source.path, warning) for warning in article.file_warnings]
    report.paragraphs += record.paragraphs
    manifest.sources[key] = record
    (report.updated if known else report.added).append(source.path)


def index_paths(
    index_dir: str | Path,
    paths: Iterable[str | Path],
    include: Sequence[str] = DEFAULT_INCLUDE,
    wait: float = 0.0,
    progress: ProgressCallback | None = None,
    follow: bool = False,
    json_fields: Mapping[str, str] | None = None,
    options: BuildOptions | None = None,
) -> IndexReport:
    """Add or update the articles under ``paths`` in the index at ``index_dir`` (created if needed);
    ``follow``: follow symbolic links inside folders (:func:`find_sources`); ``json_fields``: the
    names of JSON articles' fields where they are not the usual, kept for later runs and rebuilds
    (JSON files are read again when they change); ``options``: how to build (:class:`BuildOptions`).

    Only added and changed files are read and analysed; files gone from a folder that is indexed
    again are removed. Unusable files are skipped with a reason in the report.
    """
    started = time.monotonic()
    index_dir = Path(index_dir)
    paths = list(paths)
    sources, roots = find_sources(paths, include, follow)
    report = IndexReport(found=len(sources))
    given = [Path(path).expanduser().absolute() for path in paths]
    with _write_errors_explained(index_dir):
        _index_sources(index_dir, sources, roots, report, wait, progress, given, json_fields,
                       options or DEFAULT_BUILD)
    report.seconds = time.monotonic() - started
    return report


def _index_sources(index_dir: Path, sources: list[SourceFile], roots: list[Path], report: IndexReport, wait: float,
                   progress: ProgressCallback | None, given: list[Path], json_fields: Mapping[str, str] | None,
                   options: BuildOptions) -> None:
    claim_index_folder(index_dir)
    with write_lock(index_dir, wait):
        remove_stale_generations(index_dir)
        generation = current_generation(index_dir)
        if generation is None:
            generation, ix = new_generation(index_dir)
            manifest = Manifest()
            fresh = True
        else:
            manifest = read_manifest(generation)
            check_versions(manifest, index_dir)
            ix = open_whoosh(generation)
            clean_generation(ix)  # what a killed run left
            fresh = False

        # What was removed by name stays out when its folder is walked, until it is named again.
        manifest.excluded = [path for path in manifest.excluded
                             if not any(_is_under(target, _spellings([Path(path)])) for target in given)]
        excluded = _spellings(Path(path) for path in manifest.excluded)
        sources = [_as_recorded(source, manifest.sources.get(source.key)) for source in sources
                   if not _is_under(source.source, excluded)]
        # New JSON field names change what a JSON file holds: its articles are read again.
        fields_changed = json_fields is not None and dict(json_fields) != manifest.json_fields
        if fields_changed:
            manifest.json_fields = dict(json_fields)
        changed = []
        for source in sources:
            json_file = source.source.suffix.lower() in JSON_SUFFIXES
            if not (fields_changed and json_file) and _unchanged(source, manifest.sources.get(source.key)):
                report.unchanged.append(source.path)
            else:
                changed.append(source)
        # A file of a folder walked again is removed when it is gone, not when this run leaves it
        # out (another --include, a link not followed): that takes 'fundstelle remove'.
        seen = {s.key for s in sources}
        root_names = {str(r) for r in roots}
        gone = [k for k, rec in manifest.sources.items()
                if rec.root in root_names and k not in seen and not os.path.lexists(k)]

        manifest.updated = time.time()
        with reading(index_dir), _undone_on_failure(ix, new=fresh):
            if changed or gone or fresh:
                with _writer(ix, changed, options) as writer:
                    for key in gone:
                        writer.delete_by_term("source", printable(key))
                        report.removed.append(manifest.sources.pop(key).path)
                    _write_sources(writer, manifest, changed, report, progress, replace=not fresh)
                    write_manifest(generation, manifest, writer.generation)  # the commit follows at once
            else:
                # Nothing to index; touched files' new times go into the live commit's manifest.
                write_manifest(generation, manifest, ix.latest_generation())
        clean_generation(ix)
        ix.close()
        if fresh:
            make_live(index_dir, generation)


def recorded_paths(index_dir: str | Path) -> list[Path]:
    """The folders and single files the index at ``index_dir`` holds (none where there is no
    index): what ``fundstelle index`` without a path updates.

    >>> recorded_paths("/no/index/here")
    []
    """
    generation = current_generation(Path(index_dir))
    if generation is None:
        return []
    sources = read_manifest(generation).sources
    roots = {rec.root for rec in sources.values() if rec.root}
    files = {key for key, rec in sources.items() if not rec.root}
    return [Path(path) for path in sorted(roots | files)]


def remove_paths(index_dir: str | Path, paths: Iterable[str | Path], wait: float = 0.0,
                 options: BuildOptions | None = None) -> IndexReport:
    """Remove from the index the articles of the files and folders ``paths`` (gone or not), so that
    neither a run without paths nor a rebuild brings them back (``options``: :class:`BuildOptions`)."""
    started = time.monotonic()
    index_dir = Path(index_dir)
    report = IndexReport()
    if current_generation(index_dir) is None:
        raise FundstelleError(f"no index at {index_dir}: nothing to remove")
    targets = [Path(path).expanduser().absolute() for path in paths]
    with _write_errors_explained(index_dir), write_lock(index_dir, wait):
        generation = current_generation(index_dir)
        manifest = read_manifest(generation)
        check_versions(manifest, index_dir)
        matched = {target: [key for key in manifest.sources if _is_under(Path(key), _spellings([target]))]
                   for target in targets}
        unknown = [str(target) for target, keys in matched.items() if not keys]
        if unknown:
            raise SourceNotFoundError(f"nothing in the index comes from {', '.join(unknown)}")
        manifest.excluded = sorted(set(manifest.excluded) | {str(target) for target in targets})
        ix = open_whoosh(generation)
        with reading(index_dir), _undone_on_failure(ix, new=False), \
                _writer(ix, [], options or DEFAULT_BUILD) as writer:
            for key in sorted({key for keys in matched.values() for key in keys}):
                writer.delete_by_term("source", printable(key))
                report.removed.append(manifest.sources.pop(key).path)
            manifest.updated = time.time()
            write_manifest(generation, manifest, writer.generation)
        clean_generation(ix)
        ix.close()
    report.seconds = time.monotonic() - started
    return report


def _spellings(paths: Iterable[Path]) -> frozenset[Path]:
    """``paths`` as written and with links resolved, resolved once for every file checked against them."""
    return frozenset(spelling for path in paths for spelling in (path, path.resolve()))


def _is_under(path: Path, targets: frozenset[Path]) -> bool:
    """Whether ``path`` is one of ``targets`` (:func:`_spellings`) or in one of them."""
    # Checked for every file of every run, mostly with no targets: a path's hash and parents cost
    # some 30 µs, a second of an archive's 29,000 files.
    return bool(targets) and (path in targets or not targets.isdisjoint(path.parents))


def rebuild_index(
    index_dir: str | Path, wait: float = 0.0, progress: ProgressCallback | None = None,
    options: BuildOptions | None = None,
) -> IndexReport:
    """Re-read every recorded source into a new generation, then swap it in atomically
    (``options``: how to build, :class:`BuildOptions`).

    Works on an index of an older version too (that is what it is for): only its manifest is read.
    Sources that are gone are reported as ``missing`` and left out of the new index.
    """
    started = time.monotonic()
    index_dir = Path(index_dir)
    report = IndexReport()
    if current_generation(index_dir) is None:
        raise FundstelleError(f"no index at {index_dir} to rebuild: run 'fundstelle index' first")
    with _write_errors_explained(index_dir):
        _rebuild(index_dir, report, wait, progress, options or DEFAULT_BUILD)
    report.seconds = time.monotonic() - started
    return report


def _rebuild(index_dir: Path, report: IndexReport, wait: float, progress: ProgressCallback | None,
             options: BuildOptions) -> None:
    claim_index_folder(index_dir)
    with write_lock(index_dir, wait):
        remove_stale_generations(index_dir)
        old = current_generation(index_dir)
        try:
            old_manifest = read_manifest(old)
            recorded = {key: (rec.path, rec.root) for key, rec in old_manifest.sources.items()}
        except IndexVersionError:
            # The manifest is lost or unreadable: the paragraphs themselves name their files (no
            # exclusions, no JSON field names are known).
            old_manifest = Manifest()
            try:
                recorded = sources_named_by_index(old)
            except (IndexVersionError, IndexDamagedError):
                raise FundstelleError(
                    f"the index at {index_dir} has no readable record of its article files, so it cannot be "
                    f"rebuilt: delete the folder {index_dir} and index your folders again (fundstelle index FOLDER)"
                ) from None
        sources = []
        for key, (path, root) in sorted(recorded.items(), key=lambda item: item[1][0]):
            if Path(key).is_file():
                sources.append(SourceFile(Path(key), path, Path(root) if root else None))
            else:
                report.missing.append(path)
        # Files added to an indexed folder since are picked up too.
        roots = sorted({root for _, root in recorded.values() if root and Path(root).is_dir()})
        known = {source.key for source in sources}
        excluded = _spellings(Path(path) for path in old_manifest.excluded)
        sources += [source for source in find_sources(roots)[0]
                    if source.key not in known and not _is_under(source.source, excluded)]
        generation, ix = new_generation(index_dir)
        manifest = Manifest(excluded=old_manifest.excluded, json_fields=old_manifest.json_fields)
        with _undone_on_failure(ix, new=True), _writer(ix, sources, options) as writer:
            _write_sources(writer, manifest, sources, report, progress, replace=False)
            write_manifest(generation, manifest, writer.generation)
        clean_generation(ix)
        ix.close()
        make_live(index_dir, generation)
