"""The Hugging Face token-classification recipe's data step on the `ner` config, unchanged: a fast
tokenizer, labels aligned to subwords by `word_ids`, and `DataCollatorForTokenClassification` batches.

The tokenizer is trained here with `tokenizers` on the articles of the train split (nothing is
downloaded). It is BPE rather than WordPiece, whose trainer numbers continuing subwords in hash-map
order and so gives another vocabulary on each run (huggingface/tokenizers#1794). The collator returns
NumPy arrays, so nothing here needs torch. No model is trained: see the README."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from datasets import DatasetDict
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
from transformers import BatchEncoding, DataCollatorForTokenClassification, PreTrainedTokenizerFast

VOCABULARY = 2000  # BPE tokens: small, so that rarer words come in pieces and the alignment has subwords to skip
BATCH = 16
MAX_LENGTH = 512  # subwords, as BERT's; a longer sentence would be cut, and would not read its tags back
IGNORED = -100  # the label the loss skips: special tokens, later subwords of a word, padding
PAD, UNK, CLS, SEP = "[PAD]", "[UNK]", "[CLS]", "[SEP]"


def tokenizer(texts: list[str]) -> PreTrainedTokenizerFast:
    """A BPE tokenizer of the texts that adds [CLS] and [SEP] as BERT's does."""
    bpe = Tokenizer(models.BPE(unk_token=UNK))
    bpe.normalizer = normalizers.NFC()
    bpe.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    bpe.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=VOCABULARY, special_tokens=[PAD, UNK, CLS, SEP],
                                                       show_progress=False))
    bpe.post_processor = processors.TemplateProcessing(
        single=f"{CLS} $A {SEP}", special_tokens=[(CLS, bpe.token_to_id(CLS)), (SEP, bpe.token_to_id(SEP))])
    return PreTrainedTokenizerFast(tokenizer_object=bpe, unk_token=UNK, pad_token=PAD, cls_token=CLS,
                                   sep_token=SEP, model_input_names=["input_ids", "attention_mask"],
                                   model_max_length=MAX_LENGTH)


def aligner(fast: PreTrainedTokenizerFast) -> Callable[[dict], BatchEncoding]:
    """The recipe's `tokenize_and_align_labels`: a word's tag on its first subword, IGNORED elsewhere."""

    def align(batch: dict) -> BatchEncoding:
        encoded = fast(batch["tokens"], truncation=True, is_split_into_words=True)
        labels = []
        for i, tags in enumerate(batch["ner_tags"]):
            previous, row = None, []
            for word in encoded.word_ids(batch_index=i):
                row.append(IGNORED if word is None or word == previous else tags[word])
                previous = word
            labels.append(row)
        encoded["labels"] = labels
        return encoded

    return align


@dataclass(frozen=True)
class RecipeCheck:
    """What the data step made, and whether every word's tag came back from its first subword."""

    label_names: tuple[str, ...]
    vocabulary: int
    sentences: int
    batches: int
    columns: tuple[str, ...]  # of each batch
    same_shape: int  # batches whose arrays all have one shape
    lengths: tuple[int, int]  # shortest and longest padded batch
    labelled: int  # positions with a tag
    ignored: int  # positions with IGNORED, padding included
    words: int
    read_back: int  # sentences whose labelled positions are their ner_tags, in order


def run(ner: DatasetDict, train_texts: list[str]) -> RecipeCheck:
    """The data step over every split of the `ner` config, batched as a Trainer would."""
    fast = tokenizer(train_texts)
    columns = next(iter(ner.values())).column_names
    mapped = ner.map(aligner(fast), batched=True, remove_columns=columns, keep_in_memory=True)
    collate = DataCollatorForTokenClassification(fast, return_tensors="np")
    sentences = batches = same_shape = labelled = ignored = read_back = words = 0
    columns: tuple[str, ...] = ()
    lengths: list[int] = []
    for split in ner:
        for first in range(0, len(mapped[split]), BATCH):
            batch = collate([mapped[split][i] for i in range(first, min(first + BATCH, len(mapped[split])))])
            batches += 1
            columns = tuple(batch)
            same_shape += len({array.shape for array in batch.values()}) == 1
            lengths.append(batch["labels"].shape[1])
            labelled += int((batch["labels"] != IGNORED).sum())
            ignored += int((batch["labels"] == IGNORED).sum())
            for row, labels in zip(ner[split].select(range(first, first + len(batch["labels"]))), batch["labels"]):
                sentences += 1
                words += len(row["tokens"])
                read_back += [int(x) for x in labels if x != IGNORED] == row["ner_tags"]
    names = next(iter(ner.values())).features["ner_tags"].feature.names
    return RecipeCheck(tuple(names), fast.vocab_size, sentences, batches, columns, same_shape,
                       (min(lengths), max(lengths)), labelled, ignored, words, read_back)
