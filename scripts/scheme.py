"""The annotation scheme, read from schema/scheme.yaml: the only place a label or attribute is spelled."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEME_FILE = ROOT / "schema" / "scheme.yaml"


@dataclass(frozen=True)
class Label:
    name: str
    color: str
    hotkey: str
    definition: str
    covers: str


@dataclass(frozen=True)
class Attribute:
    """A per-span attribute; `label` is None when it applies to every label."""

    name: str
    type: str  # choice | number | text | flag
    description: str
    label: str | None = None
    values: tuple[str, ...] = ()
    pattern: str | None = None

    def applies_to(self, label: str) -> bool:
        return self.label is None or self.label == label


@dataclass(frozen=True)
class RelationType:
    name: str
    head: str
    tail: str
    description: str


@dataclass(frozen=True)
class Scheme:
    name: str
    version: int
    labels: tuple[Label, ...]
    attributes: tuple[Attribute, ...]
    relations: tuple[RelationType, ...]
    nesting: dict[str, tuple[str, ...]]
    ner_labels: tuple[str, ...]

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)

    def relation(self, name: str) -> RelationType | None:
        return next((r for r in self.relations if r.name == name), None)

    def relation_between(self, first: str, second: str) -> RelationType | None:
        """The relation type allowed between two span labels, in either order."""
        return next(
            (r for r in self.relations if {r.head, r.tail} == {first, second}),
            None,
        )

    def may_nest(self, inner: str, outer: str) -> bool:
        return outer in self.nesting.get(inner, ())

    @property
    def ner_tag_names(self) -> tuple[str, ...]:
        """IOB2 tag names of the token view, O first."""
        return ("O",) + tuple(f"{p}-{label}" for label in self.ner_labels for p in ("B", "I"))


@lru_cache(maxsize=None)
def load_scheme(path: Path = SCHEME_FILE) -> Scheme:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Scheme(
        name=raw["name"],
        version=raw["version"],
        labels=tuple(Label(**label) for label in raw["labels"]),
        attributes=tuple(
            Attribute(**{**a, "values": tuple(a.get("values", ()))}) for a in raw["attributes"]
        ),
        relations=tuple(RelationType(**r) for r in raw["relations"]),
        nesting={inner: tuple(outers) for inner, outers in raw["nesting"].items()},
        ner_labels=tuple(raw["views"]["ner_labels"]),
    )
