"""Fundstelle's index on Whoosh's own extension points: a codec, a storage and an index class.

Whoosh 2.7.4 (pinned) lets a program choose its codec (passed to every writer, pickled into each
segment, so every reader of the segment uses it too), its storage (which opens the files) and
its index class (which reads the TOC). Fundstelle's changes to how an index is written and read
live in subclasses of these, so that they hold in every process that opens the index, whatever
the start method of a writer process (fork, spawn, forkserver), and never by replacing a name
inside Whoosh's modules:

- :class:`FundstelleCodec`: posting blocks, their headers and inlined lists pickled by
  :func:`~indexer.engine.postingblocks.dumps_postings` (protocol 3, packed), short posting lists
  inlined into the term dictionary, the term dictionary written as sorted compressed blocks
  (:mod:`indexer.engine.termblocks`), field lengths read once per segment
  (:mod:`indexer.engine.fieldlengths`), and every pickle of a segment read through
  :mod:`indexer.engine.safepickle`.
- :class:`FundstelleStorage`: files whose ``read_pickle`` is the restricted one, writers' temporary
  files inside the index folder (a killed run's are removed with it), and indexes of the class below.
- :class:`FundstelleIndex`: the TOC read with the restricted unpickler, its segments checked
  (Fundstelle's codec, no compound files) and each segment file's size compared with the size
  recorded at its commit (:mod:`indexer.engine.filerecords`): a truncated file is a damaged index, not
  silently wrong scores.

Every error of reading an index is raised as :class:`~indexer.errors.IndexDamagedError`
(:mod:`indexer.engine.damage`).
"""
from __future__ import annotations

import os
import zlib

from whoosh.codec import whoosh3
from whoosh.codec.base import FieldCursor
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import _CURRENT_TOC_VERSION, TOC, EmptyIndexError, FileIndex
from whoosh.util import random_name
from whoosh.util.numeric import length_to_byte

from ..errors import IndexDamagedError
from .damage import DECODE_ERRORS, decoding, file_name
from .fieldlengths import doc_field_length
from .filerecords import check_sizes
from .postingblocks import INLINE_LIMIT, dumps_postings
from .safepickle import UnsafePickleError, safe_load, safe_loads
from .termblocks import TermTable, TermTableWriter

__all__ = ["FundstelleCodec", "FundstelleIndex", "FundstelleStorage", "latest_commit", "live_toc"]

#: Errors that reading a damaged or foreign index file raises inside Whoosh's readers: a failed
#: decoding, and what a count or an offset read from damaged bytes leads to.
READ_ERRORS = DECODE_ERRORS + (ValueError, IndexError, KeyError, TypeError)


class FundstelleCodec(whoosh3.W3Codec):
    """Whoosh's codec 3 with compact posting blocks, inlined short lists and safe reading."""

    def __init__(self) -> None:
        super().__init__(inlinelimit=INLINE_LIMIT)

    def postings_writer(self, dbfile, byteids: bool = False) -> "CompactPostingsWriter":
        return CompactPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                     compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return SafeLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def per_document_reader(self, storage, segment) -> "LengthsInMemoryReader":
        return LengthsInMemoryReader(storage, segment)

    def field_writer(self, storage, segment) -> "BlockFieldWriter":
        return BlockFieldWriter(self, storage, segment)

    def terms_reader(self, storage, segment) -> "BlockTermsReader":
        name = segment.make_filename(self.TERMS_EXT)
        postfile = segment.open_file(storage, self.POSTS_EXT)
        return BlockTermsReader(self, storage.open_file(name), storage.file_length(name), postfile)


class CompactPostingsWriter(whoosh3.W3PostingsWriter):
    """Whoosh's posting writer, with blocks pickled by :func:`dumps_postings` and short lists inlined."""

    def start_postings(self, format_, terminfo) -> None:
        # Whoosh's field writer hands over a W3TermInfo; its inlined postings go with ours.
        super().start_postings(format_, CompactTermInfo())

    def finish_postings(self):
        # Whoosh 2.7.4 calls terminfo.set_inline, which W3TermInfo names set_inlined.
        if not self.written() and len(self) < self._inlinelimit:
            terminfo = self._terminfo
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()

    def _write_block(self, last: bool = False) -> None:
        # W3PostingsWriter._write_block with the block's data pickled by dumps_postings.
        if not self._blockcount:
            self._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes = zlib.compress(dumps_postings(data), self._compression)
        ids = self._ids
        infobytes = dumps_postings((len(ids), ids[-1], self._maxweight, self._compression,
                                    length_to_byte(self._minlength), length_to_byte(self._maxlength)))
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class SafeLeafMatcher(whoosh3.W3LeafMatcher):
    """Whoosh's block matcher, unpickling a block's postings with the restricted unpickler
    (its headers come through :class:`SafeStructFile`); a block or header that cannot be decoded
    is damage naming the file (:func:`~indexer.engine.damage.decoding`)."""

    def _read_data(self) -> None:
        with decoding(file_name(self._postfile), "a posting block"):
            data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
            self._data = safe_loads(zlib.decompress(data) if self._compression else data)

    def _goto(self, position: int) -> None:
        with decoding(file_name(self._postfile), "a posting block's header"):
            super()._goto(position)


class SafeTermInfo(whoosh3.W3TermInfo):
    """A term's statistics, with an inlined posting list unpickled by the restricted unpickler."""

    _EXTENT_SIZE = whoosh3._LONG_SIZE + whoosh3._INT_SIZE

    @classmethod
    def from_bytes(cls, s: bytes) -> "SafeTermInfo":
        size = cls._struct.size
        if not s[0]:
            return super().from_bytes(s)
        # Whoosh's decoding of the statistics, with the flag cleared and an empty extent; then
        # the inlined postings, unpickled here.
        terminfo = super().from_bytes(b"\x00" + s[1:size] + bytes(cls._EXTENT_SIZE))
        terminfo._offset = terminfo._length = None
        terminfo._inlined = safe_loads(s[size:])
        return terminfo


class CompactTermInfo(SafeTermInfo):
    """A term's statistics as Whoosh writes them, with an inlined posting list pickled by
    :func:`dumps_postings` (protocol 3: a bytes value is not a call of ``_codecs.encode``)."""

    def to_bytes(self) -> bytes:
        if not self.is_inlined():
            return super().to_bytes()
        # Whoosh's encoding of the statistics (written without the list), flagged inlined, then the list.
        inlined, self._inlined = self._inlined, None
        self._offset, self._length = 0, 0
        try:
            statistics = super().to_bytes()[:self._struct.size]
        finally:
            self._inlined = inlined
        return b"\x01" + statistics[1:] + dumps_postings(inlined)


class BlockFieldWriter(whoosh3.W3FieldWriter):
    """Whoosh's field writer, writing the term dictionary as sorted blocks (:mod:`.termblocks`)."""

    def __init__(self, codec, storage, segment) -> None:
        # W3FieldWriter.__init__ with a TermTableWriter where it makes its hash writer.
        self._codec, self._storage, self._segment = codec, storage, segment
        self._fieldname = self._fieldid = self._btext = self._fieldobj = self._format = None
        self._tindex = TermTableWriter(self._create_file(whoosh3.W3Codec.TERMS_EXT))
        self._fieldmap = self._tindex.extras["fieldmap"] = {}
        self._postfile = self._create_file(whoosh3.W3Codec.POSTS_EXT)
        self._postwriter = None
        self._infield = False
        self.is_closed = False


class BlockFieldCursor(FieldCursor):
    """A field's terms in order, from the first or from a given one (Whoosh's field cursor)."""

    def __init__(self, table: TermTable, fieldname: str, keycoder, keydecoder, fieldobj) -> None:
        self._table, self._fieldname, self._fieldobj = table, fieldname, fieldobj
        self._keycoder, self._keydecoder = keycoder, keydecoder
        self.first()

    def first(self):
        return self.find(b"")

    def find(self, term):
        if not isinstance(term, bytes):
            term = self._fieldobj.to_bytes(term)
        self._items = self._table.items_from(self._keycoder(self._fieldname, term))
        return self.next()

    def next(self):
        self._text = self._value = None
        for key, value in self._items:
            fieldname, text = self._keydecoder(key)
            if fieldname == self._fieldname:
                self._text, self._value = self._fieldobj.from_bytes(text), value
            break
        return self._text

    def text(self):
        return self._text

    def term_info(self):
        return None if self._value is None else SafeTermInfo.from_bytes(self._value)

    def is_valid(self) -> bool:
        return self._value is not None


class BlockTermsReader(whoosh3.W3TermsReader):
    """Whoosh's term dictionary reader on sorted blocks (:mod:`.termblocks`), decoding term infos
    with :class:`SafeTermInfo`."""

    def __init__(self, codec, dbfile, length: int, postfile) -> None:
        # W3TermsReader.__init__ with a TermTable where it opens its hash.
        self._codec, self._dbfile, self._postfile = codec, dbfile, postfile
        self._tindex = TermTable(dbfile, length)
        self._fieldmap = self._tindex.extras["fieldmap"]
        self._fieldunmap = [None] * len(self._fieldmap)
        for fieldname, number in self._fieldmap.items():
            self._fieldunmap[number] = fieldname

    def cursor(self, fieldname, fieldobj) -> BlockFieldCursor:
        return BlockFieldCursor(self._tindex, fieldname, self._keycoder, self._keydecoder, fieldobj)

    def items(self):
        return ((self._keydecoder(key), SafeTermInfo.from_bytes(value)) for key, value in self._tindex.items())

    def items_from(self, fieldname, prefix):
        return ((self._keydecoder(key), SafeTermInfo.from_bytes(value))
                for key, value in self._tindex.items_from(self._keycoder(fieldname, prefix)))

    def term_info(self, fieldname, tbytes):
        try:
            return SafeTermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)])
        except KeyError:
            raise whoosh3.TermNotFound(f"No term {fieldname}:{tbytes!r}") from None

    # Whoosh's reader reads these two at the value's place in its hash file; a missing term is a
    # KeyError, which its segment reader answers with 0.
    def frequency(self, fieldname, tbytes):
        return SafeTermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)]).weight()

    def doc_frequency(self, fieldname, tbytes):
        return SafeTermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)]).doc_frequency()


class LengthsInMemoryReader(whoosh3.W3PerDocReader):
    """Whoosh's per-document reader, answering field lengths from the field's length bytes read
    once (:mod:`indexer.engine.fieldlengths`) instead of a seek and a read per document."""

    def doc_field_length(self, docnum, fieldname, default=0):
        return doc_field_length(self, docnum, fieldname, default)


class SafeStructFile(StructFile):
    """A Whoosh file whose pickles are read by the restricted unpickler."""

    def read_pickle(self):
        return safe_load(self.file)


class FundstelleStorage(FileStorage):
    """A folder of index files, opened as :class:`SafeStructFile`; its indexes are
    :class:`FundstelleIndex`; writers' temporary folders are inside it (``*.tmp``)."""

    def open_file(self, name, **kwargs):
        return SafeStructFile(open(self._fpath(name), "rb"), name=name, **kwargs)

    def open_index(self, indexname="MAIN", schema=None, indexclass=None):
        return FundstelleIndex(self, schema=schema, indexname=indexname)

    def create_index(self, schema, indexname="MAIN", indexclass=None):
        return super().create_index(schema, indexname, indexclass=FundstelleIndex)

    def temp_storage(self, name=None):
        # Whoosh puts them in the system's temporary folder, where a killed writer's stay, under
        # one name for every writer of an index (``name``): each gets its own here.
        path = os.path.join(self.folder, f"{random_name()}.tmp")
        return FileStorage(path).create()


def latest_commit(storage, indexname: str) -> int:
    """The number of the live Whoosh commit in a storage's folder (-1: none yet), from the file
    names alone, without opening (and so unpickling) anything."""
    return TOC._latest_generation(storage, indexname)


def live_toc(storage, indexname: str) -> TOC:
    """The TOC of the live commit of a generation, read with the restricted unpickler, its files
    not checked (``fundstelle check`` checks them all, :func:`~indexer.engine.filerecords.verify_files`)."""
    return _read_toc(storage, indexname, latest_commit(storage, indexname))


class FundstelleIndex(FileIndex):
    """Whoosh's ``FileIndex``, reading its TOC with the restricted unpickler and checking it."""

    def __init__(self, storage, schema=None, indexname: str = "MAIN") -> None:
        # FileIndex.__init__ reads the TOC with Whoosh's TOC.read, which unpickles freely.
        self.storage = storage
        self._schema = schema
        self.indexname = indexname
        self._read_toc()

    def toc(self) -> TOC:
        """The table of contents of the live commit (its segments, its number), checked."""
        return self._read_toc()

    def _read_toc(self) -> TOC:
        while True:
            generation = latest_commit(self.storage, self.indexname)
            try:
                toc = _read_toc(self.storage, self.indexname, generation, self._schema)
                for segment in toc.segments:
                    if not isinstance(segment, whoosh3.W3Segment) or segment.is_compound() \
                            or not isinstance(segment.codec(), FundstelleCodec):
                        raise IndexDamagedError("its segments were not written by Fundstelle")
                check_sizes(self.storage, toc)
                return toc
            except FileNotFoundError as exc:
                # A writer that committed meanwhile removes the files only older commits use:
                # read its commit instead. Missing from the newest commit, a file is damage.
                if latest_commit(self.storage, self.indexname) == generation:
                    name = os.path.basename(exc.filename or "")
                    raise IndexDamagedError(f"the index file {name} is missing") from None


def _read_toc(storage, indexname: str, generation: int, schema=None) -> TOC:
    """Whoosh's ``TOC.read`` of commit ``generation`` for the current TOC version, unpickling with
    the restricted unpickler."""
    if generation < 0:
        raise EmptyIndexError(f"Index {indexname!r} does not exist in {storage!r}")
    try:
        with storage.open_file(TOC._filename(indexname, generation)) as stream:
            sizes = (stream.read_varint(), stream.read_varint(), stream.read_varint())
            if sizes != (whoosh3._INT_SIZE, whoosh3._LONG_SIZE, whoosh3._FLOAT_SIZE) or stream.read_int() != -12345:
                raise IndexDamagedError("its TOC was written on another kind of machine or is damaged")
            version = stream.read_int()
            if version != _CURRENT_TOC_VERSION:
                raise IndexDamagedError(f"its TOC has Whoosh's format {version}, not {_CURRENT_TOC_VERSION}")
            release = (stream.read_varint(), stream.read_varint(), stream.read_varint())
            stored_schema = safe_loads(stream.read_string())
            if stream.read_int() != generation:
                raise IndexDamagedError("its TOC names another commit than its file name")
            stream.read_int()  # unused
            segments = stream.read_pickle()
    except UnsafePickleError:
        raise
    except READ_ERRORS:
        raise IndexDamagedError(f"its TOC (commit {generation}) is truncated or damaged") from None
    return TOC(schema or stored_schema, segments, generation, version=version, release=release)

