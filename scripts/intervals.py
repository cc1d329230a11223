"""Spans found by the stretch of text they cover, at a cost that grows with the text, not with the square
of the number of spans: what matching and reconciling many spans of a long document need."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Generic, TypeVar

Item = TypeVar("Item")
BLOCK = 64  # characters per block: a span is listed in every block it touches


class Intervals(Generic[Item]):
    """Items with character offsets [start, end); `overlapping` looks only at the blocks a stretch
    touches, so a query costs the spans near it."""

    def __init__(self, items: Iterable[tuple[int, int, Item]] = ()) -> None:
        self._blocks: defaultdict[int, list[tuple[int, int, Item]]] = defaultdict(list)
        for start, end, item in items:
            self.add(start, end, item)

    def add(self, start: int, end: int, item: Item) -> None:
        for block in range(start // BLOCK, max(start, end - 1) // BLOCK + 1):
            self._blocks[block].append((start, end, item))

    def overlapping(self, start: int, end: int) -> list[Item]:
        """The items that share at least one character with [start, end), each once, in the order added
        to the first block they share."""
        found: dict[int, Item] = {}
        for block in range(start // BLOCK, max(start, end - 1) // BLOCK + 1):
            for first, last, item in self._blocks.get(block, ()):
                if first < end and last > start:
                    found.setdefault(id(item), item)
        return list(found.values())
