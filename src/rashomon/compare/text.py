"""Small text helpers over stored bodies: their home is ``rashomon.text.terms`` (stories use them too,
and stories sit below compare); re-exported here, their old home, for compare's modules."""

from rashomon.text.terms import (  # noqa: F401
    STOPWORDS, content_stems, count_terms, has_term, jaccard, sentence_of, stem, term_spans, words,
)
