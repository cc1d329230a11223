"""The annotation scheme, read from schema/scheme.yaml: the only place a label, attribute or relation is named.

The code knows labels, attributes and relations by their role (`Scheme.roles`), never by name, so a
name changed in scheme.yaml changes everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.errors import PipelineError
from scripts.paths import SCHEME_FILE


@dataclass(frozen=True)
class Roles:
    """The scheme's name for each label, relation and attribute the code must know by meaning."""

    speaker: str
    claim: str
    quantity: str
    location: str
    attribution: str
    coreference: str
    speaker_type: str
    reporting: str
    denied: str
    value: str
    unit: str
    approximate: str
    location_id: str
    note: str


@dataclass(frozen=True)
class Label:
    name: str
    role: str
    color: str
    hotkey: str
    definition: str
    covers: str


@dataclass(frozen=True)
class Attribute:
    """A per-span attribute; `label` is None when it applies to every label."""

    name: str
    role: str
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
    role: str
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
    roles: Roles

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(relation.name for relation in self.relations)

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

    def empty_attributes(self, label: str) -> dict:
        """Every attribute of a span of `label` unset: flags of the label False, the rest None."""
        return {a.name: False if a.type == "flag" and a.applies_to(label) else None for a in self.attributes}

    @property
    def ner_tag_names(self) -> tuple[str, ...]:
        """IOB2 tag names of the token view, O first."""
        return ("O",) + tuple(f"{p}-{label}" for label in self.ner_labels for p in ("B", "I"))


def _roles(raw: dict, path: Path) -> Roles:
    """Each role named by exactly one label, relation or attribute of the scheme."""
    named: dict[str, list[str]] = {}
    for kind in ("labels", "relations", "attributes"):
        for item in raw[kind]:
            named.setdefault(item.get("role"), []).append(item["name"])
    wanted = [f.name for f in fields(Roles)]
    problems = [f"role {role!r} is given to {' and '.join(names)}" for role, names in named.items()
                if role in wanted and len(names) > 1]
    problems += [f"no item has role {role!r}" for role in wanted if role not in named]
    problems += [f"unknown role {role!r} (of {', '.join(names)})" for role, names in named.items()
                 if role not in wanted]
    if problems:
        raise PipelineError(f"{path}: " + "; ".join(problems))
    return Roles(**{role: named[role][0] for role in wanted})


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
        roles=_roles(raw, path),
    )
