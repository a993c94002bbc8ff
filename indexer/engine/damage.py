"""Index files damaged in place: what a failed decoding of one looks like, and how it is said.

A file overwritten in the middle keeps its size, so opening the index (which compares sizes,
:mod:`.codec`) finds nothing; reading the damaged part fails to decode: zlib's checksum of a
compressed block, a pickle, a packed number. Each reader of Fundstelle's own formats decodes
inside :func:`decoding`, which names the file; :func:`indexer.store.reading` catches what
Whoosh's own readers raise on the way. Only ``fundstelle check`` (:mod:`.checksums`) finds damage
that decodes (a changed byte of a raw length or number).
"""
from __future__ import annotations

import pickle
import struct
import zlib
from contextlib import contextmanager
from typing import Iterator

from ..errors import IndexDamagedError

__all__ = ["DECODE_ERRORS", "decoding", "file_name"]

#: What decoding damaged bytes raises, and nothing else does: zlib's checksum or stream, a
#: pickle, a packed number, text, a read past the end.
DECODE_ERRORS = (zlib.error, struct.error, pickle.UnpicklingError, EOFError, UnicodeDecodeError)


def file_name(dbfile) -> str:
    """The name of an open index file (a Whoosh ``StructFile``), for messages."""
    return getattr(dbfile, "_name", None) or "?"


@contextmanager
def decoding(name: str, what: str) -> Iterator[None]:
    """Decode ``what`` of the index file ``name`` in the block: a failure is
    :class:`IndexDamagedError` naming the file. A count or an offset read from damaged bytes
    points anywhere, so an index or a value out of range is damage here too.

    >>> with decoding("a.pst", "a posting block"):
    ...     zlib.decompress(b"not zlib")
    Traceback (most recent call last):
    indexer.errors.IndexDamagedError: the index file a.pst: a posting block cannot be decoded
    """
    try:
        yield
    except IndexDamagedError:
        raise  # a pickle naming what Fundstelle never writes (safepickle), said already
    except DECODE_ERRORS + (ValueError, IndexError, OverflowError):
        raise IndexDamagedError(f"the index file {name}: {what} cannot be decoded") from None
