"""Coreference between SPEAKER mentions: each later mention linked to its source's first full naming.

Names link by their words: the same name, or one of its words for a person ("Okonjo" -> "Ruth
Okonjo"); a source first named where it does not speak is marked there too, as the antecedent. A
pronoun links to the most recent source of its kind, resolved to that source's first naming.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from scripts.preannotate.attribution.speakers import Source, source_of

PRONOUN_KINDS = {"he": ("person",), "she": ("person",), "it": ("organisation", "media_outlet", "document"),
                 "its": ("organisation", "media_outlet", "document"),
                 "they": ("collective", "organisation", "person"), "their": ("collective", "organisation")}


@dataclass(eq=False)
class Mention:
    source: Source
    kind: str  # the resolved speaker_type
    antecedent: Mention | None = None


def link(doc: Doc, sources: list[Source]) -> list[Mention]:
    """Mentions for the sources (in text order), each with its antecedent, plus the first namings that
    only serve as antecedents."""
    mentions: list[Mention] = []
    named: list[Mention] = []  # the first naming of each named source so far
    last_of_kind: list[Mention] = []  # resolved sources, most recent last
    for source in sorted(sources, key=lambda s: s.start):
        mention = Mention(source, source.kind)
        words = [t.text for t in source.span(doc)]
        if source.kind == "pronoun":
            kinds = PRONOUN_KINDS.get(words[0].lower(), ())
            target = next((m for m in reversed(last_of_kind) if m.kind in kinds), None)
            if target is None and (target := _entity_before(doc, source, kinds)) is not None:
                first = next((m for m in named if _same_name([t.text for t in target.source.span(doc)], m, doc)),
                             None)
                if first is None:
                    mentions.append(target)
                    named.append(target)
                else:
                    target = first
            if target is not None:
                mention.antecedent = target.antecedent or target
                mention.kind = target.kind
            else:
                mention.kind = "person" if words[0].lower() in ("he", "she") else "organisation"
        elif source.named:
            first = next((m for m in named if _same_name(words, m, doc)), None)
            if first is None:
                first = _earlier_naming(doc, source, words)
                if first is not None:
                    mentions.append(first)
                    named.append(first)
            if first is not None:
                mention.antecedent, mention.kind = first, first.kind
            else:
                named.append(mention)
        mentions.append(mention)
        last_of_kind.append(mention)
    return mentions


def _same_name(words: list[str], first: Mention, doc: Doc) -> bool:
    return _names_match(words, [t.text for t in first.source.span(doc)], first.kind)


def _names_match(words: list[str], earlier: list[str], kind: str) -> bool:
    """The same name; for a person one of its words ("Okonjo" for "Ruth Okonjo"); for an organisation
    its first words or its initials ("Ford" for "Ford Motor Company", "NEOC" for "National Emergency
    Operation Centre")."""
    if words == earlier:
        return True
    if kind == "person":
        return len(words) == 1 and words[0] in (earlier[0], earlier[-1])
    if len(words) < len(earlier) and earlier[:len(words)] == words:
        return True
    initials = "".join(w[0] for w in earlier if w[:1].isupper())
    return len(words) == 1 and len(words[0]) > 1 and words[0].isupper() and words[0] == initials


def _entity_before(doc: Doc, source: Source, kinds: tuple[str, ...]) -> Mention | None:
    """The nearest name before a pronoun of a source of its kind, where no speaker was marked: the
    pronoun's antecedent, marked there."""
    for entity in reversed(doc.ents):
        if entity.end > source.start:
            continue
        named = source_of(doc[entity.end - 1]) if entity.label_ in ("PERSON", "ORG", "GPE", "NORP") else None
        if named is not None and named.named and named.kind in kinds:
            return Mention(named, named.kind)
    return None


def _earlier_naming(doc: Doc, source: Source, words: list[str]) -> Mention | None:
    """A fuller or identical naming of the source before it, where it did not speak: "Ruth Okonjo
    opened the inquiry. ... Okonjo said ..."."""
    for entity in doc.ents:
        if entity.start >= source.start:
            return None
        if entity.label_ not in ("PERSON", "ORG", "GPE"):
            continue
        earlier = source_of(doc[entity.end - 1])
        if earlier is None or not earlier.named:
            continue
        if _names_match(words, [t.text for t in earlier.span(doc)], earlier.kind):
            return Mention(earlier, earlier.kind)
    return None
