"""Which split a document is in: decided by its id alone, so a document never moves as the corpus grows."""

from __future__ import annotations

SPLITS = ("train", "validation", "test")


def split_of(document_id: str) -> str:
    """The id read as a hexadecimal number, modulo 10: 0-7 train, 8 validation, 9 test."""
    bucket = int(document_id, 16) % 10
    return "train" if bucket < 8 else "validation" if bucket == 8 else "test"
