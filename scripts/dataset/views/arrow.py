"""Rows of a view as an Arrow table with the view's features, class names replaced by their indices.

`datasets` would encode row by row through `Features.encode_example`; this maps class names with one
dictionary look-up each and builds each column at once against the features' Arrow schema, which
carries the `huggingface` metadata, so that `load_dataset` gives back the same features.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pyarrow as pa
from datasets import ClassLabel, Features, List

from scripts.dataset.views import VIEWS
from scripts.schema.scheme import load_scheme

Encode = Callable[[Any], Any]
Column = Callable[[list[dict]], pa.Array]


def _encoder(feature: Any) -> Encode | None:
    """How to encode one value of `feature`, or None when it is stored as it is."""
    if isinstance(feature, ClassLabel):
        return {None: None, **{name: i for i, name in enumerate(feature.names)}}.__getitem__
    if isinstance(feature, List):
        inner = _encoder(feature.feature)
        return None if inner is None else (lambda value: None if value is None else list(map(inner, value)))
    if isinstance(feature, dict):
        fields = {name: _encoder(sub) for name, sub in feature.items()}
        fields = {name: encode for name, encode in fields.items() if encode is not None}
        if not fields:
            return None
        return lambda value: None if value is None else {
            **value, **{name: encode(value.get(name)) for name, encode in fields.items()}}
    return None


def _column(name: str, feature: Any, arrow_type: pa.DataType) -> Column:
    """How to build one column from the rows."""
    encode = _encoder(feature)
    if encode is None:
        return lambda rows: pa.array([row[name] for row in rows], type=arrow_type)
    return lambda rows: pa.array([encode(row[name]) for row in rows], type=arrow_type)


@lru_cache(maxsize=None)
def _plan(view: str) -> tuple[pa.Schema, tuple[Column, ...]]:
    features: Features = VIEWS[view].features(load_scheme())
    arrow_schema = features.arrow_schema
    return arrow_schema, tuple(_column(name, sub, arrow_schema.field(name).type) for name, sub in features.items())


def schema(view: str) -> pa.Schema:
    """The Arrow schema of a view's Parquet files, with the features in its `huggingface` metadata."""
    return _plan(view)[0]


def to_table(view: str, rows: list[dict]) -> pa.Table:
    arrow_schema, columns = _plan(view)
    return pa.Table.from_arrays([column(rows) for column in columns], schema=arrow_schema)
