"""The one scorer: each word's TermScorer gives Whoosh's BM25F score, by every path it offers."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from whoosh.scoring import BM25F

from queries import Searcher
from queries.parsing import parse_query
from queries.postings import rank_matches, segments
from queries.ranking import K1, TEXT_B
from queries.scoring import Bm25, paragraph_scorer

# Words of the seed article: rare and frequent, in the text and in the headline.
WORDS = [("text", "putin"), ("text", "waffenliefer"), ("text", "nordkorea"), ("title", "nordkorea"),
         ("exact", "waffenlieferungen")]


def test_the_searcher_scores_with_the_ranking_constants(seed_index: Path) -> None:
    with Searcher.open(seed_index) as searcher:
        scorer = searcher._searcher.weighting
        assert isinstance(scorer, Bm25) and scorer.K1 == K1 and scorer.B == 0.75
        assert scorer.field_b == {"text": TEXT_B, "exact": TEXT_B, "quote": TEXT_B, "speaker": TEXT_B} \
            == paragraph_scorer().field_b


@pytest.mark.parametrize(("fieldname", "text"), WORDS)
@pytest.mark.parametrize("boost", [1.0, 0.3])
def test_term_scores_are_whoosh_bm25f_scores(updated_index: Path, fieldname: str, text: str, boost: float) -> None:
    """Every posting of the word, in every segment: the list, the numpy and the dictionary paths
    give Whoosh's own scorer's score; a block's bound is no lower than any score in it."""
    with Searcher.open(updated_index) as searcher:
        top = searcher._searcher
        scorer = top.weighting
        checked = 0
        for subsearcher, _offset in segments(top):
            reader = subsearcher.reader()
            if (fieldname, text) not in reader:
                continue
            whoosh = scorer.scorer(subsearcher, fieldname, text)
            matcher = reader.postings(fieldname, text)
            ids, weights, expected = [], [], []
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                expected.append(whoosh.score(matcher) * boost)
                matcher.next()
            if not ids:  # the changed article's segment: its paragraphs are deleted
                continue
            term = scorer.term(top, reader, fieldname, text, boost)
            assert term.scores(ids, weights) == pytest.approx(expected, rel=1e-12)
            assert term.array_scores(np.array(ids), np.array(weights)).tolist() == term.scores(ids, weights)
            added: dict[int, float] = {}
            term.add([(ids, weights, ())], added)
            assert list(added.values()) == term.scores(ids, weights)
            lengths = [term.lengths[doc] for doc in ids]
            assert term.bound(max(weights), min(lengths)) >= max(term.scores(ids, weights))
            checked += len(ids)
        assert checked > 0


def test_ranking_on_the_postings_takes_no_other_weighting(seed_index: Path) -> None:
    """Another weighting is refused, not ranked silently by another path."""
    with Searcher.open(seed_index) as searcher:
        parsed = parse_query("Putin", searcher.schema)
        with searcher._index.searcher(weighting=BM25F()) as other:
            with pytest.raises(TypeError, match="needs a queries.scoring.Bm25 weighting, not BM25F"):
                rank_matches(other, parsed, 10)
