"""The baseline table as a person reads it, and the blocks it fills in the README and the card source."""

from __future__ import annotations

from pathlib import Path

from scripts.baselines.experiment import Results
from scripts.baselines.recipe import BATCH, IGNORED
from scripts.baselines.scoring import RESAMPLE_SEED, RESAMPLES, Counts, f1_interval, total
from scripts.schema.tables import table, write_between_markers

BEGIN = "<!-- BEGIN GENERATED: baselines (python -m scripts baselines) -->"
END = "<!-- END GENERATED: baselines -->"


def _scores(counts: Counts) -> list[str]:
    score = total(counts).as_dict()
    low, high = f1_interval(counts)
    return [f"{score['precision']:.3f}", f"{score['recall']:.3f}", f"{score['f1']:.3f} [{low:.2f}, {high:.2f}]"]


def block(results: Results, command: str, folder: str) -> str:
    """What the command prints and writes between the markers."""
    header = ["Task and baseline", "Measure", "Gold", "P", "R", "F1 [95% interval]",
              "pre-annotator P", "R", "F1 [95% interval]"]
    rows = [[row.task, row.measure, total(row.baseline).gold, *_scores(row.baseline), *_scores(row.preannotator)]
            for row in results.rows]
    check = results.check
    names = ", ".join(f"`{name}`" for name in check.label_names)
    return "\n".join([
        f"`{command}`: the {results.documents} gold documents of `{folder}`, {results.folds} "
        f"({results.fold_count} fold(s)); every model is trained anew on each fold's other documents "
        f"(the spaCy NER for {results.epochs} epochs, seeded), and the predictions of all folds are scored "
        f"together. The pre-annotator (`python -m scripts preannotate`, rules, not trained) is scored on the "
        f"same documents. The interval is the 2.5th to 97.5th percentile of F1 over {RESAMPLES:,} resamplings "
        f"of the documents with replacement (seed {RESAMPLE_SEED}).",
        "",
        table(header, rows),
        "",
        f"Hugging Face token-classification recipe, data step, on the `ner` config as loaded: label names "
        f"from its features ({names}); a BPE tokenizer of {check.vocabulary:,} tokens trained with `tokenizers` "
        f"on the train split's articles; {check.sentences} sentences aligned by `word_ids` and collated by "
        f"`DataCollatorForTokenClassification` into {check.batches} batches of up to {BATCH} "
        f"({', '.join(check.columns)}; {check.same_shape} of {check.batches} with one shape for all three, "
        f"padded to {check.lengths[0]} to {check.lengths[1]} subwords): {check.labelled:,} subwords carry the "
        f"tag of their word ({check.words:,} words), {check.ignored:,} carry {IGNORED}, and "
        f"{check.read_back} of {check.sentences} sentences read their `ner_tags` back from the labels.",
    ])


def write(path: Path, text: str) -> None:
    """Replace the block between the markers of `path`."""
    write_between_markers(path, BEGIN, END, text)
