"""The `sentences` baseline: whether a sentence holds a claim, from its words, by a linear model.

Word unigrams and bigrams with quotation marks kept as words of their own (they mark direct speech),
TF-IDF weighted, and a logistic regression with classes weighted by their frequency (fewer sentences
hold a claim than not). lbfgs has no randomness, so the same rows give the same model."""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

WORDS_AND_QUOTES = r"(?u)\b\w+\b|[\"“”‘’«»]"


def train(rows: list[dict]) -> Pipeline:
    """A model of `contains_claim` (ClassLabel no/yes: 1 is yes) from `text`."""
    model = make_pipeline(
        TfidfVectorizer(token_pattern=WORDS_AND_QUOTES, ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(class_weight="balanced", max_iter=1000),
    )
    return model.fit([row["text"] for row in rows], [row["contains_claim"] for row in rows])


def classify(model: Pipeline, rows: list[dict]) -> list[bool]:
    return [bool(label) for label in model.predict([row["text"] for row in rows])]
