"""The trained baselines: the spaCy NER seeded and in IOB2, the sentence classifier, the folds."""

from __future__ import annotations

from scripts.baselines import claims, ner
from scripts.baselines.data import folds
from scripts.dataset.views import VIEWS
from scripts.schema.scheme import load_scheme

WORDS = ["Mayor", "Ana", "Ruiz", "said", "40", "buses", "run", "in", "Lyon", "."]
TAGS = ["O", "B-SPEAKER", "I-SPEAKER", "O", "B-QUANTITY", "O", "O", "O", "B-LOCATION", "O"]


def _row(i: int) -> dict:
    starts, position = [], 0
    for word in WORDS:
        position += word != "."  # a space before every word but the full stop
        starts.append(position)
        position += len(word)
    names = VIEWS["ner"].features(load_scheme())["ner_tags"].feature.names
    return {"id": f"d-{i}", "document_id": "d", "tokens": WORDS, "token_starts": starts,
            "token_ends": [s + len(w) for s, w in zip(starts, WORDS)], "ner_tags": [names.index(t) for t in TAGS]}


def test_the_ner_is_seeded_and_tags_in_iob2_with_the_features_names() -> None:
    names = VIEWS["ner"].features(load_scheme())["ner_tags"].feature.names
    rows = [_row(i) for i in range(8)]
    first, second = (ner.tag(ner.train(rows, names, epochs=3), rows[:2]) for _ in range(2))
    assert first == second
    assert all(len(tags) == len(WORDS) and set(tags) <= set(names) for tags in first)
    assert all(not tag.startswith("I-") or i and tags[i - 1][2:] == tag[2:] for tags in first
               for i, tag in enumerate(tags))
    assert ner.epochs() > 0


def test_the_sentence_classifier_learns_from_words_and_quotation_marks() -> None:
    said = [{"text": f"“We will build {n} roads,” the mayor said.", "contains_claim": 1} for n in range(6)]
    plain = [{"text": f"The road number {n} opened in the morning.", "contains_claim": 0} for n in range(6)]
    model = claims.train(said + plain)
    assert claims.classify(model, [{"text": "“Fares will fall,” she said."},
                                   {"text": "The bridge opened in May."}]) == [True, False]


def test_the_test_split_is_used_once_it_has_ten_documents_else_each_document_in_turn() -> None:
    split_of = {f"t{n}": "test" for n in range(10)} | {"a": "train", "b": "validation"}
    how, one = folds(split_of)
    assert how == "the test split" and [(f.train, f.test) for f in one] == [(("a", "b"), tuple(f"t{n}" for n in range(10)))]
    how, each = folds({"b": "train", "a": "validation", "c": "test"})
    assert how == "leave-one-document-out"
    assert [(f.train, f.test) for f in each] == [(("b", "c"), ("a",)), (("a", "c"), ("b",)), (("a", "b"), ("c",))]
