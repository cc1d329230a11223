"""Coreference: each later mention of a source linked to its first full naming, pronouns to the last source."""

from __future__ import annotations

from spacy.tokens import Token

from scripts.preannotate.attribution.speakers import PRONOUNS, Mention, SpeakerRules
from scripts.preannotate.text import Candidate, capitalised, roles

Relation = tuple[str, Candidate, Candidate]  # (type, head, tail)


class CoreferenceRules(SpeakerRules):
    """The links of a document's mentions, once every cue has been read."""

    def _full_name(self, word: str, before: int) -> list[Token] | None:
        """The first fuller naming of a one-word name earlier in the text: "Wi" -> "Wi Sung Lac"."""
        for token in self.doc:
            if token.idx >= before:
                return None
            if token.text != word:
                continue
            j = token.i + 1
            while j < len(self.doc) and capitalised(self.doc[j]):
                j += 1
            if j - token.i >= 2:
                return list(self.doc[token.i: j])
            a = token.i
            while a > 0 and capitalised(self.doc[a - 1]):
                a -= 1
            name = self._strip_title(list(self.doc[a: token.i + 1]))
            if len(name) >= 2:
                return name
        return None

    def _links(self) -> list[Relation]:
        """Attribution links, and coreference links from each later mention to its source's first."""
        sources: list[Mention] = []  # first full mention of each source
        resolved: list[Mention] = []  # the source of each mention so far, in text order
        relations: list[Relation] = []
        names = roles()
        for mention in sorted(self.mentions.values(), key=lambda m: m.candidate.start):
            source = None
            if mention.pronoun:
                kinds = PRONOUNS[mention.words[0].lower()]
                source = next((m for m in reversed(resolved) if m.kind in kinds), None)
                mention.candidate.attributes[names.speaker_type] = source.kind if source else kinds[0]
            else:
                source = next((s for s in sources if self._same_source(mention, s)), None)
                if source is None and mention.kind == "person" and len(mention.words) == 1:
                    full = self._full_name(mention.words[0], mention.candidate.start)
                    if full is not None:
                        source = self.mention(full, "person", 0.75)
                        sources.append(source)
                if source is None:
                    sources.append(mention)
            if source is not None and source is not mention:
                relations.append((names.coreference, mention.candidate, source.candidate))
                mention.candidate.attributes[names.speaker_type] = source.kind
            resolved.append(source or mention)
        return [(names.attribution, s.candidate, c) for s, c in self.attributions] + relations

    @staticmethod
    def _same_source(mention: Mention, source: Mention) -> bool:
        """The same name, or a one-word mention that is the first or last word of a fuller name."""
        if mention.words == source.words:
            return True
        return (mention.kind == source.kind == "person" and len(mention.words) == 1
                and mention.words[0] in (source.words[0], source.words[-1]))
