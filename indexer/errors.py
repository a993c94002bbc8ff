"""Fundstelle's own exceptions: the library raises these, only the CLI turns them into Click errors.

Every message is one line that says what to do next, because the CLI shows it as it is.
"""


class FundstelleError(Exception):
    """Base class of every error Fundstelle raises on purpose."""


class IndexNotFoundError(FundstelleError):
    """There is no usable index at the given location."""


class IndexVersionError(FundstelleError):
    """The index was written by an incompatible schema or analyzer version."""


class IndexDamagedError(FundstelleError):
    """The index's files are truncated, damaged or hold data Fundstelle never writes there.

    Raised by the code that reads a file with what is wrong (``detail``); once the index's
    folder is known (``index_dir``, set by :func:`indexer.store.reading`) the message says where,
    and the way out.

    >>> str(IndexDamagedError("the index file a.pst cannot be decoded", "/tmp/index"))
    "the index at /tmp/index is damaged (the index file a.pst cannot be decoded): run 'fundstelle rebuild'"
    """

    def __init__(self, detail: str, index_dir: object = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.index_dir = index_dir

    def __str__(self) -> str:
        if self.index_dir is None:
            return self.detail
        return f"the index at {self.index_dir} is damaged ({self.detail}): run 'fundstelle rebuild'"


class IndexFolderError(FundstelleError):
    """The folder given for an index holds other files: Fundstelle does not write there."""


class IndexWriteError(FundstelleError):
    """The index cannot be written: a full disk, a folder without write permission."""


class WriterProcessError(FundstelleError):
    """A writer process ended before its work was done: the run changed nothing."""


class IndexLockedError(FundstelleError):
    """Another process is writing the index."""


class ArticleError(FundstelleError):
    """An article file cannot be read as text (binary, unreadable, vanished, empty)."""


class SourceNotFoundError(FundstelleError):
    """A path given for indexing does not exist or holds no article files."""


class QueryError(FundstelleError):
    """A query that cannot be run as given: empty, only stop words, unbalanced, unknown field."""


class PlotError(FundstelleError):
    """A chart cannot be drawn or saved: the optional extra that draws it is missing, or the file
    cannot be written."""
