"""Fundstelle's storage engine: the only package that uses Whoosh's internals.

Everything here extends Whoosh 2.7.4 (pinned) through its own extension points — a codec, a
storage and an index class (:mod:`.codec`), writer subclasses (:mod:`.segmentwriter`,
:mod:`.parallel`), a format (:mod:`.formats`) and a column (:mod:`.columns`) — and never by
replacing a name in Whoosh's modules. The classes and functions an index's pickles name are
listed once, in :data:`.safepickle.ALLOWED_NAMES`: moving one means listing its new name there
(and bumping ``indexer.schema.SCHEMA_VERSION`` so that older indexes ask for a rebuild).
"""
