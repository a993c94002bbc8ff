"""Each change to Whoosh's writer is in place inside its block only, and gone after it, also after an error."""
from __future__ import annotations

from typing import Callable, ContextManager

import pytest
from whoosh.codec import whoosh3

from indexer.fieldlengths import doc_field_length, lengths_from_memory
from indexer.postingblocks import compact_posting_blocks, dumps_postings
from indexer.whooshpatch import swapped


@pytest.mark.parametrize(("block", "owner", "name", "replacement"), [
    (compact_posting_blocks, whoosh3, "dumps", dumps_postings),
    (lengths_from_memory, whoosh3.W3PerDocReader, "doc_field_length", doc_field_length),
])
def test_in_place_only_inside_the_block(block: Callable[[], ContextManager[None]], owner: object, name: str,
                                        replacement: object) -> None:
    original = getattr(owner, name)
    assert original is not replacement
    with block():
        assert getattr(owner, name) is replacement
    assert getattr(owner, name) is original
    with pytest.raises(RuntimeError), block():
        raise RuntimeError("writer failed")
    assert getattr(owner, name) is original


def test_swapped_blocks_nest() -> None:
    class Owner:
        value = "whoosh"

    with swapped(Owner, "value", "outer"):
        with swapped(Owner, "value", "inner"):
            assert Owner.value == "inner"
        assert Owner.value == "outer"
    assert Owner.value == "whoosh"


def test_a_name_the_owner_lacked_is_removed_after_the_block() -> None:
    class Owner:
        pass

    with swapped(Owner, "set_inline", len):
        assert Owner.set_inline is len
    assert not hasattr(Owner, "set_inline")


def test_compact_posting_blocks_supply_whooshs_missing_set_inline() -> None:
    # Whoosh 2.7.4's writer calls W3TermInfo.set_inline, a name its term info lacks.
    assert not hasattr(whoosh3.W3TermInfo, "set_inline")
    with compact_posting_blocks():
        assert whoosh3.W3TermInfo.set_inline is whoosh3.W3TermInfo.set_inlined
    assert not hasattr(whoosh3.W3TermInfo, "set_inline")
