"""Unpickling an index's data without running code: only the names Fundstelle and Whoosh write.

Whoosh keeps Python pickles in an index: the schema and segment list in the TOC file, the
field map of each term dictionary, each posting block's header and postings, short posting lists
in the term dictionary. A pickle may name any importable callable, so a crafted index folder
could run ``os.system`` when it is opened. Every pickle Fundstelle reads from an index goes
through :class:`IndexUnpickler`, which resolves only the names in :data:`ALLOWED_NAMES`; any
other name raises :class:`UnsafePickleError`.

The list is what Fundstelle's schema and Whoosh's segments pickle (found by unpickling a built
index with a recording ``find_class``; ``tests/test_safepickle.py`` checks that a built and
updated index names nothing else). It is
also the one place that decides which module-level names an index depends on: a class moved to
another module stays loadable by listing its old name here with the new object.
"""
from __future__ import annotations

import io
import pickle
from typing import IO, Any

from ..errors import IndexDamagedError

__all__ = ["ALLOWED_NAMES", "IndexUnpickler", "UnsafePickleError", "safe_load", "safe_loads"]

#: (module, name) pairs an index's pickles may name. Python 2 names (``__builtin__``) come from
#: Whoosh's protocol-2 pickles.
ALLOWED_NAMES: frozenset[tuple[str, str]] = frozenset({
    # Python's own types, as Whoosh's pickles name them.
    ("__builtin__", "frozenset"), ("__builtin__", "set"), ("__builtin__", "long"), ("__builtin__", "int"),
    ("builtins", "frozenset"), ("builtins", "set"), ("builtins", "int"),
    ("collections", "defaultdict"), ("copy_reg", "_reconstructor"), ("copyreg", "_reconstructor"),
    ("__builtin__", "object"), ("builtins", "object"),
    # Whoosh's schema, fields, formats, columns and analysis parts that the schema uses.
    ("whoosh.fields", "Schema"), ("whoosh.fields", "ID"), ("whoosh.fields", "COLUMN"),
    ("whoosh.formats", "Existence"), ("whoosh.columns", "NumericColumn"),
    ("whoosh.analysis.tokenizers", "IDTokenizer"),
    # Whoosh's segment, holding Fundstelle's codec.
    ("whoosh.codec.whoosh3", "W3Segment"),
    ("indexer.engine.codec", "FundstelleCodec"),
    # Fundstelle's schema parts.
    ("indexer.schema", "GapText"), ("indexer.schema", "CoarseDateTime"), ("indexer.schema", "CopyKeys"),
    ("indexer.engine.formats", "GapPositions"), ("indexer.engine.columns", "BlockCompressedColumn"),
    ("indexer.engine.keylists", "KeyListColumn"),
    ("indexer.analysis", "GermanAnalyzer"), ("indexer.analysis", "ExactAnalyzer"),
    ("indexer.analysis", "QuoteAnalyzer"), ("indexer.analysis", "SpeakerAnalyzer"),
    # Packed posting blocks (indexer.engine.postingblocks.PICKLED_NAME).
    ("indexer", "unpack_postings"),
})


class UnsafePickleError(IndexDamagedError, pickle.UnpicklingError):
    """An index pickle names something Fundstelle never writes there: the index is refused."""


class IndexUnpickler(pickle.Unpickler):
    """A ``pickle.Unpickler`` that resolves only :data:`ALLOWED_NAMES`.

    >>> import os
    >>> safe_loads(pickle.dumps(frozenset({1, 2}), 2))
    frozenset({1, 2})
    >>> safe_loads(pickle.dumps(os.system))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    indexer.engine.safepickle.UnsafePickleError: the pickle names posix.system, which Fundstelle never ...
    """

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED_NAMES:
            raise UnsafePickleError(f"the pickle names {module}.{name}, which Fundstelle never writes into an index")
        return super().find_class(module, name)


def safe_loads(data: bytes) -> Any:
    """``pickle.loads`` for data read from an index."""
    return IndexUnpickler(io.BytesIO(data)).load()


def safe_load(file: IO[bytes]) -> Any:
    """``pickle.load`` for a file of an index."""
    return IndexUnpickler(file).load()
