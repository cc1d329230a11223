"""The dataset card: datacard.md with its computed sections filled in, under a YAML header made by code."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from datasets.info import DatasetInfosDict  # noqa: E402
from huggingface_hub import DatasetCard, DatasetCardData  # noqa: E402

from scripts.dataset.result import BuildResult  # noqa: E402
from scripts.dataset.splits import SPLITS  # noqa: E402
from scripts.dataset.views import DEFAULT_VIEW  # noqa: E402
from scripts.evaluate.agreement import article_table  # noqa: E402
from scripts.evaluate.report import format_table  # noqa: E402
from scripts.paths import DATACARD  # noqa: E402
from scripts.schema.scheme import load_scheme  # noqa: E402
from scripts.schema.tables import table  # noqa: E402

PLOT = "label_distribution.png"
MARKER = re.compile(r"<!-- computed: (\w+) -->")


def _label_counts(result: BuildResult) -> str:
    labels = load_scheme().label_names
    per_split = {split: result.summary.labels.get(split, Counter()) for split in SPLITS}
    total = result.summary.label_totals()
    rows = [[f"`{label}`", *(per_split[s][label] for s in SPLITS), total[label]] for label in labels]
    rows += [[f"`{kind}` links", "", "", "", n] for kind, n in sorted(result.summary.relations.items()) if n]
    return table(["Label", *SPLITS, "all"], rows)


def _config_counts(result: BuildResult) -> str:
    rows = []
    for view, info in result.infos.items():
        rows.append([f"`{view}`", *(info.splits[s].num_examples if s in info.splits else 0 for s in SPLITS)])
    empty = [s for s in SPLITS if all(s not in info.splits for info in result.infos.values())]
    text = table(["Config", *SPLITS], rows)
    if empty:
        text += (f"\n\nNo document falls in {', '.join(empty)} yet: splits are assigned from the "
                 f"document id alone (the id read as a hexadecimal number, modulo 10: 0-7 train, "
                 f"8 validation, 9 test), so that a document never moves as the corpus grows, and "
                 f"with {result.summary.documents} annotated document(s) some splits are empty. "
                 "They are left out rather than invented.")
    return text


def _dropped(result: BuildResult) -> str:
    rows = [[f"`{view}`", reason, n] for view in result.infos
            for reason, n in sorted(result.summary.dropped.get(view, Counter()).items())]
    if not rows:
        return "No view dropped any span: every span of the view's labels is in the flat views."
    return table(["View", "Span left out because it", "Spans"], rows)


def _agreement(result: BuildResult) -> str:
    """The independent passes against each other: pooled over every article, then article by article."""
    if result.summary.agreement is None:
        return "No document has two independent annotations yet."
    exports = " ".join(f"annotations/{path.name}" for path in result.exports)
    rows = [pair for _, pair in result.summary.agreed.items()]
    pooled = result.summary.agreement
    text = (f"Over all {pooled['documents']} article(s) with two independent passes "
            f"(`python -m scripts evaluate --agreement {exports}`):\n\n```\n{format_table(pooled)}\n```\n\n"
            f"Article by article (overlap F1 per label and per link type; \"–\": neither pass has one):\n\n"
            f"{article_table(rows)}")
    if len(rows) < pooled["documents"]:
        text += f"\n\nThe {len(rows)} pairs of the smallest document ids are listed."
    return text


def _annotators(result: BuildResult) -> str:
    """Who made each annotation, as Label Studio recorded it."""
    rows = []
    for path in result.exports:
        tally = result.summary.annotators.get(path, Counter())
        rows += [[f"`{path.name}`", f"user {who}", role, n] for (who, role), n in sorted(tally.items())]
    return table(["Export", "Annotator", "Annotation", "Documents"], rows)


def _preannotation(result: BuildResult) -> str:
    """The pre-annotator scored against the gold, each group of articles apart, so the card
    says how much correcting it saves and how far its scores can be trusted."""
    from scripts.preannotate.calibration import table
    from scripts.preannotate.development import MEASURE_COMMAND, report
    from scripts.preannotate.predict import PROVENANCE

    sides = result.preannotation or {}
    sample = (f" on the {result.preannotated} gold documents with the smallest ids"
              if result.preannotated < result.summary.documents else "")
    return (f"Model `{PROVENANCE['model_version']}` against the gold{sample} (`{MEASURE_COMMAND}`, computed "
            f"again by the build):\n\n" + report(sides, table()))


def _licences(result: BuildResult) -> str:
    licences = result.summary.licences
    rows = [[name or "not known (null)", n] for name, n in sorted(licences.items(), key=lambda x: str(x[0]))]
    return table(["Licence of the article text", "Documents"], rows)


def _documents(result: BuildResult) -> str:
    rows = [[f"`{doc_id}`", *row] for doc_id, row in result.summary.shown.items()]
    text = table(["Document", "Split", "Spans", "Licence", "Attribution", "Unknown metadata (null)", "Why"], rows)
    if len(rows) < result.summary.documents:
        text += (f"\n\nThe {len(rows)} documents with the smallest ids are listed; "
                 f"{result.summary.documents - len(rows)} more are in the `documents` config.")
    if result.unannotated:
        text += (f"\n\n{result.unannotated} corpus document(s) have no gold annotation yet "
                 "and are not in the dataset.")
    return text


def _plot(result: BuildResult, out: Path) -> str:
    labels = load_scheme().label_names
    total = result.summary.label_totals()
    figure, axes = plt.subplots(figsize=(6, 2.5))
    axes.barh(list(labels)[::-1], [total[label] for label in labels][::-1], color="#4c72b0")
    axes.set_xlabel("spans")
    axes.set_title("Spans per label, all splits")
    figure.tight_layout()
    figure.savefig(out / PLOT, dpi=80, metadata={"Software": None})
    plt.close(figure)
    return f"![Spans per label]({PLOT})"


def _size_category(documents: int) -> str:
    """The Hub's size category: n<1K, 1K<n<10K, ... up to n>1T."""
    names = ["1K", "10K", "100K", "1M", "10M", "100M", "1B", "10B", "100B", "1T"]
    bounds = [10 ** (3 + i) for i in range(len(names))]
    for i, bound in enumerate(bounds):
        if documents < bound:
            return f"n<{names[0]}" if i == 0 else f"{names[i - 1]}<n<{names[i]}"
    return f"n>{names[-1]}"


def card_data(result: BuildResult) -> DatasetCardData:
    documents = result.summary.documents
    licences = set(result.summary.licences)
    data = DatasetCardData(
        pretty_name="Who said what, how much, and where",
        language=["en"],
        license="unknown" if None in licences else "other",  # per document, in the card's licence table
        annotations_creators=["expert-generated"],
        language_creators=["found"],
        multilinguality="monolingual",
        size_categories=[_size_category(documents)],
        source_datasets=["original"],
        task_categories=["token-classification", "text-classification"],
        task_ids=["named-entity-recognition", "fact-checking"],
        tags=["quote-attribution", "claim-detection", "relation-extraction", "quantities", "news"],
        configs=[
            {"config_name": view, "data_files": [
                {"split": split, "path": f"data/{view}/{split}-*.parquet"}
                for split in SPLITS if split in info.splits], **({"default": True} if view == DEFAULT_VIEW else {})}
            for view, info in result.infos.items()
        ],
    )
    DatasetInfosDict(result.infos).to_dataset_card_data(data)
    return data


def write_card(result: BuildResult, out: Path) -> None:
    sections = {
        "label_counts": lambda: _label_counts(result),
        "config_counts": lambda: _config_counts(result),
        "dropped": lambda: _dropped(result),
        "agreement": lambda: _agreement(result),
        "licences": lambda: _licences(result),
        "annotators": lambda: _annotators(result),
        "preannotation": lambda: _preannotation(result),
        "documents": lambda: _documents(result),
        "plot": lambda: _plot(result, out),
    }
    body = MARKER.sub(lambda m: sections[m.group(1)](), DATACARD.read_text(encoding="utf-8"))
    card = DatasetCard(f"---\n{card_data(result).to_yaml()}\n---\n\n{body}")
    (out / "README.md").write_text(str(card), encoding="utf-8")
