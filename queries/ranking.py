"""Every constant that tunes the ranking, in one place; how each was chosen, with its figures, is
in docs/relevance.md ("Tuning constants").

The one weight of the index itself, a compound part's (``indexer.german.terms.COMPOUND_PART_WEIGHT``),
lives with the analysis: changing it means rebuilding the index.
"""
from __future__ import annotations

__all__ = ["COMPOUND_PART_BOOST", "CONTEXT_CANDIDATES", "CONTEXT_FIELDS", "CONTEXT_WEIGHT", "CONTEXT_WINDOW",
           "EXACT_FORM_BOOST", "K1", "NEIGHBOUR_WEIGHT", "TEXT_B", "TITLE_WEIGHT"]

#: BM25 length normalisation of the paragraph fields (``indexer.schema.PARAGRAPH_FIELDS``): almost
#: none, against the usual 0.75. A paragraph is already a unit of bounded size: a long one that
#: answers should not lose to short ones that merely share a word, and scores stay nearly
#: independent of the average length of whatever else is indexed.
TEXT_B = 0.02
#: BM25 term-frequency saturation, lower than the usual 1.2: a word's further mentions in one
#: paragraph add less.
K1 = 0.8

#: With --match any, each word also matches its exact form, and a compound its parts, weighted so.
EXACT_FORM_BOOST = 0.3
COMPOUND_PART_BOOST = 0.5

#: Context ranking of --match any (queries.context): the best CONTEXT_CANDIDATES paragraphs are
#: ranked again by ``score × (1 + CONTEXT_WEIGHT × coverage)``, the share of the question's
#: terms within CONTEXT_WINDOW paragraphs of the hit.
CONTEXT_WINDOW = 1
CONTEXT_WEIGHT = 2.0
CONTEXT_CANDIDATES = 30
#: The fields of a hit's article that count as its context too (a term there is covered).
CONTEXT_FIELDS = ("title",)
#: Before the coverage, each candidate's score gains its article's evidence (queries.context):
#: TITLE_WEIGHT × the score of the question's words in the article's title (the title is part of
#: every paragraph, and weighs more than a word of it), and NEIGHBOUR_WEIGHT × the mean score of
#: the paragraphs within CONTEXT_WINDOW of it, its own included.
TITLE_WEIGHT = 1.5
NEIGHBOUR_WEIGHT = 0.4
#: Copies collapsed (queries.collapsing) leave the ranking: a search that shows N hits ranks
#: N × COLLAPSE_DEPTH + COLLAPSE_DEPTH_EXTRA paragraphs first, and COLLAPSE_DEEPER times as many
#: again each time that was too few (not all at once: a boilerplate group of hundreds of copies
#: among hundreds of thousands of matches). The depth changes no answer, only the work: a
#: frequent word's best paragraphs cost more posting blocks the deeper they are ranked, and
#: most of a hit's copies rank far below it; a ranking again, deeper, costs more than a few more
#: ranked the first time (docs/performance.md).
COLLAPSE_DEPTH = 2
COLLAPSE_DEPTH_EXTRA = 10
COLLAPSE_DEEPER = 4
