"""The Hugging Face recipe's data step: a word's tag on its first subword only, batches padded alike."""

from __future__ import annotations

from datasets import Dataset, DatasetDict

from scripts.baselines.recipe import IGNORED, aligner, run, tokenizer
from scripts.dataset.views import VIEWS
from scripts.schema.scheme import load_scheme

TEXTS = ["Mayor Ana Ruiz said that forty buses run in Lyon.", "She added that the fares rise in Lyon."]


def _ner() -> DatasetDict:
    features = VIEWS["ner"].features(load_scheme())
    names = features["ner_tags"].feature.names
    rows = []
    for i, text in enumerate(TEXTS):
        tokens = text.rstrip(".").split() + ["."]
        starts = [text.index(t) for t in tokens]  # every token occurs once
        tags = [names.index("B-LOCATION") if t == "Lyon" else 0 for t in tokens]
        rows.append({"id": f"d-{i}", "document_id": "d", "sentence_index": i, "tokens": tokens,
                     "token_starts": starts, "token_ends": [s + len(t) for s, t in zip(starts, tokens)],
                     "ner_tags": tags})
    return DatasetDict({"train": Dataset.from_list(rows, features=features)})


def test_labels_sit_on_first_subwords_and_ignore_the_rest() -> None:
    fast = tokenizer(TEXTS[1:])  # words of the first sentence only in pieces
    ner = _ner()
    encoded = aligner(fast)(ner["train"][:])
    pieces = 0
    for i, row in enumerate(ner["train"]):
        words = encoded.word_ids(batch_index=i)
        labels = encoded["labels"][i]
        assert words[0] is None and words[-1] is None and labels[0] == labels[-1] == IGNORED
        firsts = [j for j, w in enumerate(words) if w is not None and (j == 0 or words[j - 1] != w)]
        assert [labels[j] for j in firsts] == row["ner_tags"]
        assert all(labels[j] == IGNORED for j in range(len(words)) if j not in firsts)
        pieces += len(words) - 2 - len(firsts)
    assert pieces > 0  # some word is cut into pieces, so the rule is exercised


def test_the_collated_batches_give_every_tag_back() -> None:
    check = run(_ner(), TEXTS)
    assert check.label_names[0] == "O" and check.sentences == 2 and check.batches == 1
    assert check.columns == ("input_ids", "attention_mask", "labels") and check.same_shape == 1
    assert check.read_back == 2 and check.labelled == check.words == sum(len(t.rstrip(".").split()) + 1 for t in TEXTS)
    assert check.labelled + check.ignored == 2 * check.lengths[1]
