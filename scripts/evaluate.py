"""Compare two sets of records: span P/R/F1 (exact and overlap), link F1, attribute agreement."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scripts.convert import convert_exports
from scripts.records import PipelineError, Record, read_jsonl
from scripts.scheme import Scheme, load_scheme

MODES = ("exact", "overlap")


@dataclass
class Score:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, tp: int, gold: int, pred: int) -> None:
        self.tp, self.gold, self.pred = self.tp + tp, self.gold + gold, self.pred + pred

    def as_dict(self) -> dict:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "gold": self.gold, "pred": self.pred}


def match_spans(gold: list[dict], pred: list[dict], mode: str) -> dict[str, str]:
    """One-to-one map pred span id -> gold span id of the same label; overlap pairs by most overlap."""
    pairs = []
    for g in gold:
        for p in pred:
            if g["label"] != p["label"]:
                continue
            if mode == "exact":
                if (g["start"], g["end"]) == (p["start"], p["end"]):
                    pairs.append((0, g["start"], g["id"], p["id"]))
            else:
                shared = min(g["end"], p["end"]) - max(g["start"], p["start"])
                if shared > 0:
                    pairs.append((-shared, g["start"], g["id"], p["id"]))
    matched: dict[str, str] = {}
    used_gold: set[str] = set()
    for _, _, gid, pid in sorted(pairs):
        if pid not in matched and gid not in used_gold:
            matched[pid] = gid
            used_gold.add(gid)
    return matched


def _agrees(attribute_type: str, a: object, b: object) -> bool:
    if attribute_type == "number" and a is not None and b is not None:
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
    return a == b


def compare(gold: Iterable[Record], pred: Iterable[Record], scheme: Scheme | None = None) -> dict:
    """Scores over the documents of GOLD; each must be in PRED, and PRED's others are only counted."""
    scheme = scheme or load_scheme()
    gold_by_id, pred_by_id = _by_document(gold, "GOLD"), _by_document(pred, "PRED")
    missing = sorted(set(gold_by_id) - set(pred_by_id))
    if missing:
        raise PipelineError(f"PRED has no record of GOLD's document(s) {', '.join(missing)}")
    spans = {m: {label: Score() for label in (*scheme.label_names, "ALL")} for m in MODES}
    links = {m: {r.name: Score() for r in scheme.relations} for m in MODES}
    attributes = {a.name: [0, 0] for a in scheme.attributes if a.name != "note"}
    for doc in sorted(gold_by_id):
        g_rec, p_rec = gold_by_id[doc], pred_by_id[doc]
        for mode in MODES:
            matched = match_spans(g_rec["spans"], p_rec["spans"], mode)
            g_labels = {s["id"]: s["label"] for s in g_rec["spans"]}
            for label in scheme.label_names:
                n_gold = sum(1 for s in g_rec["spans"] if s["label"] == label)
                n_pred = sum(1 for s in p_rec["spans"] if s["label"] == label)
                tp = sum(1 for gid in matched.values() if g_labels[gid] == label)
                spans[mode][label].add(tp, n_gold, n_pred)
                spans[mode]["ALL"].add(tp, n_gold, n_pred)
            gold_links = {(r["type"], r["head"], r["tail"]) for r in g_rec["relations"]}
            for kind in links[mode]:
                p_links = [r for r in p_rec["relations"] if r["type"] == kind]
                tp = sum(1 for r in p_links
                         if (kind, matched.get(r["head"]), matched.get(r["tail"])) in gold_links)
                n_gold = sum(1 for r in g_rec["relations"] if r["type"] == kind)
                links[mode][kind].add(tp, n_gold, len(p_links))
            if mode == "overlap":
                g_spans = {s["id"]: s for s in g_rec["spans"]}
                for p_span in p_rec["spans"]:
                    if p_span["id"] not in matched:
                        continue
                    g_span = g_spans[matched[p_span["id"]]]
                    for name, tally in attributes.items():
                        attribute = scheme.attribute(name)
                        if attribute and attribute.applies_to(g_span["label"]):
                            tally[1] += 1
                            tally[0] += _agrees(attribute.type, g_span["attributes"][name],
                                                p_span["attributes"][name])
    return {
        "documents": len(gold_by_id),
        "ignored_pred_documents": len(set(pred_by_id) - set(gold_by_id)),
        "spans": {m: {label: s.as_dict() for label, s in by.items()} for m, by in spans.items()},
        "links": {m: {kind: s.as_dict() for kind, s in by.items()} for m, by in links.items()},
        "attributes": {name: {"agree": a, "matched": n, "agreement": round(a / n, 4) if n else None}
                       for name, (a, n) in attributes.items()},
    }


def _by_document(records: Iterable[Record], side: str) -> dict[str, Record]:
    by_id: dict[str, Record] = {}
    for record in records:
        if record["id"] in by_id:
            raise PipelineError(
                f"{side} has several records of document {record['id']} (annotators "
                f"{by_id[record['id']]['provenance'].get('annotator')}, "
                f"{record['provenance'].get('annotator')}): choose one with --{side.lower()}-annotator"
            )
        by_id[record["id"]] = record
    return by_id


def load_records(path: Path, annotator: str | None) -> list[Record]:
    """Records from JSONL, or from an export: its ground truth, or one annotator's annotations."""
    if path.suffix == ".jsonl":
        records = [record for _, record in read_jsonl(path)]
    else:
        records = convert_exports([path], all_annotations=annotator is not None).records
    if annotator is not None:
        records = [r for r in records if r["provenance"].get("annotator") == annotator]
        if not records:
            raise PipelineError(f"{path}: no record annotated by {annotator!r}")
    return records


def format_table(scores: dict) -> str:
    """A table a person reads: one row per label, exact and overlap side by side."""
    ignored = scores["ignored_pred_documents"]
    lines = [f"{scores['documents']} document(s)" + (f"; {ignored} PRED document(s) not in GOLD ignored"
                                                     if ignored else ""), "",
             f"{'spans':<12}{'exact P':>9}{'R':>7}{'F1':>7}   {'overlap P':>9}{'R':>7}{'F1':>7}"
             f"{'gold':>7}{'pred':>7}"]

    def row(name: str, exact: dict, overlap: dict) -> str:
        return (f"{name:<12}{exact['precision']:>9.3f}{exact['recall']:>7.3f}{exact['f1']:>7.3f}   "
                f"{overlap['precision']:>9.3f}{overlap['recall']:>7.3f}{overlap['f1']:>7.3f}"
                f"{exact['gold']:>7}{exact['pred']:>7}")

    for label in scores["spans"]["exact"]:
        lines.append(row(label, scores["spans"]["exact"][label], scores["spans"]["overlap"][label]))
    lines += ["", "links (both ends must match)"]
    for kind in scores["links"]["exact"]:
        lines.append(row(kind, scores["links"]["exact"][kind], scores["links"]["overlap"][kind]))
    lines += ["", "attributes of overlap-matched spans"]
    for name, agreement in scores["attributes"].items():
        ratio = "-" if agreement["agreement"] is None else f"{agreement['agreement']:.3f}"
        lines.append(f"{name:<12}{agreement['agree']:>4}/{agreement['matched']:<4} agree  {ratio}")
    return "\n".join(lines)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "evaluate",
        help="compare records: span, link and attribute agreement",
        description="Compare PRED with GOLD (JSONL records or Label Studio exports) over the same "
        "documents: precision, recall and F1 per label for exact and overlap span match, "
        "attribution and coreference links, and attribute agreement of matched spans.",
    )
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--gold-annotator",
                        help="from an export GOLD, take this annotator's annotations (default: the ground truth)")
    parser.add_argument("--pred-annotator",
                        help="from an export PRED, take this annotator's annotations (default: the ground truth)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scores = compare(load_records(args.gold, args.gold_annotator), load_records(args.pred, args.pred_annotator))
    print(json.dumps(scores, indent=2, sort_keys=True) if args.json else format_table(scores))
    return 0
