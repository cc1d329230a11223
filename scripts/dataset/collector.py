"""The build's main process: takes the workers' results in order, admits documents, writes their rows."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from scripts.dataset.admitted import Admitted
from scripts.dataset.parquet import SplitWriter
from scripts.dataset.splits import SPLITS
from scripts.dataset.summary import Smallest, Summary
from scripts.dataset.views import VIEWS
from scripts.dataset.views.arrow import schema
from scripts.dataset.worker import DocSummary, PartResult, from_stream
from scripts.errors import PipelineError
from scripts.labelstudio.convert import Problems
from scripts.labelstudio.exports import Range
from scripts.schema.scheme import load_scheme

PREANNOTATION_SAMPLE = 50  # gold documents (the smallest ids) the pre-annotator is scored on


class Collector:
    """Takes partition results in order: admits documents, writes their rows, counts, keeps problems."""

    def __init__(self, exports: list[Path], folder: Path, shard_bytes: int, work: Path) -> None:
        """Parquet goes to `folder`/data, the table of admitted documents to `work`."""
        scheme = load_scheme()
        self.names = (scheme.label_names, scheme.relation_names)
        self.exports = exports
        self.writers = {(view, split): SplitWriter(folder / "data" / view, split, schema(view), shard_bytes)
                        for view in VIEWS for split in SPLITS}
        self.seen = Admitted(work)
        self.summary = Summary()
        self.problems: list[tuple[int, int, int, Problems | None, tuple]] = []  # see `raise_if_any`
        self.tasks: dict[int, dict[int, int]] = {}  # export -> range start -> tasks
        self.warnings: list[str] = []
        self.sample = Smallest(PREANNOTATION_SAMPLE)  # id -> (range, position) of admitted documents

    def add(self, result: PartResult) -> None:
        export_no, part = result.part.export_no, result.part.range
        path = self.exports[export_no]
        self.tasks.setdefault(export_no, {})[part.start] = result.tasks
        self.problems += [(export_no, part.start, index, result.problems, tuple(rest))
                          for index, *rest in result.problems.entries]
        self.problems += [(export_no, part.start, position, None, (text,)) for position, text in result.invalid]
        self.summary.add_annotations(path, result.annotators, result.agreement)
        self.warnings += result.warnings
        # a partition lays out a document at most once, so its id names the rows to leave out
        dropped = {doc.id for doc in result.docs if not self._admit(doc, export_no, part) and doc.laid_out}
        if self.problems:
            return  # the build will fail: nothing more to write
        for (view, split), stream in result.tables.items():
            table = from_stream(stream)
            if dropped:
                column = table.column(VIEWS[view].key)
                table = table.filter(pc.invert(pc.is_in(column, value_set=pa.array(sorted(dropped)))))
            self.writers[(view, split)].write(table)

    def _admit(self, doc: DocSummary, export_no: int, part: Range) -> bool:
        path = self.exports[export_no]
        earlier = self.seen.get(doc.id)
        if earlier is not None:
            newer, annotation, task = earlier
            if newer == export_no and annotation == doc.annotation_id:
                self.problems.append((export_no, part.start, doc.position, None, (
                    f"{path}: document {doc.id}: the same document and annotation appear twice",)))
            elif newer == export_no:
                self.warnings.append(f"{path.name}: document {doc.id}: the same text is in task {doc.task_id} and "
                                     f"task {task}: taking task {task}, the later")
            else:
                self.warnings.append(f"document {doc.id}: taking {self.exports[newer].name} (task {task}) over "
                                     f"{path.name} (task {doc.task_id})")
            return False
        self.seen.add(doc.id, export_no, doc.annotation_id, doc.task_id)
        self.summary.add_document(doc, *self.names)
        if not doc.in_corpus:
            self.warnings.append(f"document {doc.id} (from {path.name}) is not in the corpus: "
                                 "built with null metadata")
        self.sample.offer(doc.id, (part, doc.position))
        return True

    def raise_if_any(self) -> None:
        """Every problem, in the order of the exports and their tasks, tasks named by their place in
        the whole export (known only now that every range has been counted)."""
        if not self.problems:
            return
        firsts: dict[tuple[int, int], int] = {}
        for export_no, counts in self.tasks.items():
            total = 0
            for start in sorted(counts):
                firsts[(export_no, start)] = total
                total += counts[start]
        lines = []
        for export_no, start, position, problems, text in sorted(
                self.problems, key=lambda p: (p[0], firsts[(p[0], p[1])] + p[2])):
            where = firsts[(export_no, start)] + position
            lines.append(problems.line(where, *text) if problems else text[0])
        raise PipelineError("refusing to build from invalid annotations:\n" + "\n".join(lines))
