"""`ner`: one sentence per row, tokens and IOB2 tags; counts every span the flat view cannot hold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from datasets import ClassLabel, Features, List, Value

from scripts.dataset.views.base import Document, View, string
from scripts.schema.scheme import Scheme, load_scheme


def features(scheme: Scheme) -> Features:
    return Features(
        {
            "id": string(),
            "document_id": string(),
            "sentence_index": Value("int32"),
            "tokens": List(string()),
            "token_starts": List(Value("int32")),
            "token_ends": List(Value("int32")),
            "ner_tags": List(ClassLabel(names=list(scheme.ner_tag_names))),
        }
    )


def rows(doc: Document, dropped: Counter) -> Iterator[dict]:
    labels = set(load_scheme().ner_labels)
    text, sentences = doc.text, doc.sentences
    tags = [["O"] * len(s.tokens) for s in sentences]
    positions: dict[int, tuple[dict[int, int], dict[int, int]]] = {}  # sentence -> token starts, ends
    for span in sorted(doc.record["spans"], key=lambda s: (s["start"], -s["end"])):
        if span["label"] not in labels:
            continue
        first, last = doc.sentence_range(span["start"], span["end"])
        if first != last:
            dropped["crosses a sentence boundary"] += 1
            continue
        if first not in positions:
            tokens = sentences[first].tokens
            positions[first] = ({s: i for i, (s, _) in enumerate(tokens)}, {e: i for i, (_, e) in enumerate(tokens)})
        starts, ends = positions[first]
        if span["start"] not in starts or span["end"] not in ends:
            dropped["not on token boundaries"] += 1
            continue
        covered = range(starts[span["start"]], ends[span["end"]] + 1)
        if any(tags[first][i] != "O" for i in covered):
            dropped["overlaps another span of the view"] += 1
            continue
        for i in covered:
            tags[first][i] = ("B-" if i == covered.start else "I-") + span["label"]
    for index, (sentence, sentence_tags) in enumerate(zip(sentences, tags)):
        yield {
            "id": f"{doc.id}-{index}",
            "document_id": doc.id,
            "sentence_index": index,
            "tokens": [text[s:e] for s, e in sentence.tokens],
            "token_starts": [s for s, _ in sentence.tokens],
            "token_ends": [e for _, e in sentence.tokens],
            "ner_tags": sentence_tags,
        }


VIEW = View("ner", features, rows)
