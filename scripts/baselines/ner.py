"""The `ner` baseline: a spaCy NER trained from scratch on the published tokens and IOB2 tags.

The config is ner.cfg beside this file; training is spaCy's own loop reduced to what a fixed number
of epochs needs (no dev set, so nothing is chosen on the held-out documents): `nlp.initialize`, then
`nlp.update` on shuffled batches, seeded."""

from __future__ import annotations

import random
from pathlib import Path

from spacy import util
from spacy.language import Language
from spacy.schemas import ConfigSchemaTraining
from spacy.tokens import Doc
from spacy.training import Example
from spacy.vocab import Vocab

CONFIG = Path(__file__).with_name("ner.cfg")


def _doc(vocab: Vocab, row: dict, tags: list[str] | None = None) -> Doc:
    """The row's tokens as spaCy's, a space after each token that the text separates from the next."""
    spaces = [end < start for end, start in zip(row["token_ends"], row["token_starts"][1:])] + [False]
    return Doc(vocab, words=row["tokens"], spaces=spaces, ents=tags)


def train(rows: list[dict], tag_names: list[str], epochs: int | None = None) -> Language:
    """A pipeline trained on the rows' `ner_tags` (indices into `tag_names`); `epochs` overrides the config's."""
    overrides = {} if epochs is None else {"training.max_epochs": epochs}
    nlp = util.load_model_from_config(util.load_config(CONFIG, overrides=overrides), auto_fill=True, validate=True)
    training = util.registry.resolve(nlp.config.interpolate()["training"], schema=ConfigSchemaTraining)
    util.fix_random_seed(training["seed"])
    examples = [Example(_doc(nlp.vocab, row), _doc(nlp.vocab, row, [tag_names[t] for t in row["ner_tags"]]))
                for row in rows]
    optimizer = training["optimizer"]
    nlp.initialize(lambda: examples, sgd=optimizer)
    shuffle = random.Random(training["seed"]).shuffle
    for _ in range(training["max_epochs"]):
        shuffle(examples)
        for batch in training["batcher"](examples):
            nlp.update(batch, drop=training["dropout"], sgd=optimizer)
    return nlp


def tag(nlp: Language, rows: list[dict]) -> list[list[str]]:
    """IOB2 tags of each row's tokens (spaCy marks the first token of every entity B)."""
    return [[f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O" for token in doc]
            for doc in nlp.pipe(_doc(nlp.vocab, row) for row in rows)]


def epochs() -> int:
    """The number of epochs the config trains for."""
    return util.load_config(CONFIG)["training"]["max_epochs"]
