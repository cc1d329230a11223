"""Scores of one set of records against another: span P/R/F1 (exact and overlap), link F1, attribute agreement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scripts.errors import PipelineError
from scripts.intervals import Intervals
from scripts.records import Record
from scripts.schema.scheme import Scheme, load_scheme

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
    """One-to-one map pred span id -> gold span id of the same label; overlap pairs by most overlap.
    Only spans that share text are paired, found through their offsets, so the cost grows with the spans
    and their overlaps, not with the product of the two sets."""
    pairs = []
    if mode == "exact":
        same: dict[tuple, list[str]] = {}
        for g in gold:
            same.setdefault((g["label"], g["start"], g["end"]), []).append(g["id"])
        for p in pred:
            for gid in same.get((p["label"], p["start"], p["end"]), ()):
                pairs.append((0, p["start"], gid, p["id"]))
    else:
        index = Intervals((g["start"], g["end"], g) for g in gold)
        for p in pred:
            for g in index.overlapping(p["start"], p["end"]):
                if g["label"] == p["label"]:
                    shared = min(g["end"], p["end"]) - max(g["start"], p["start"])
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


def compare(gold: Iterable[Record], pred: Iterable[Record], scheme: Scheme | None = None,
            files: tuple[str, str] = ("GOLD", "PRED")) -> dict:
    """Scores over the documents of GOLD; each must be in PRED, and PRED's others are only counted.
    `files` names the two sides in messages."""
    scheme = scheme or load_scheme()
    gold_by_id, pred_by_id = _by_document(gold, "GOLD", files[0]), _by_document(pred, "PRED", files[1])
    missing = sorted(set(gold_by_id) - set(pred_by_id))
    if missing:
        raise PipelineError(f"{files[1]}: PRED has no record of GOLD's document(s) {', '.join(missing)}")
    spans = {m: {label: Score() for label in (*scheme.label_names, "ALL")} for m in MODES}
    links = {m: {r.name: Score() for r in scheme.relations} for m in MODES}
    attributes = {a.name: [0, 0] for a in scheme.attributes if a.name != scheme.roles.note}
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


def _by_document(records: Iterable[Record], side: str, file: str) -> dict[str, Record]:
    by_id: dict[str, Record] = {}
    for record in records:
        if record["id"] in by_id:
            raise PipelineError(
                f"{file}: {side} has several records of document {record['id']} (annotators "
                f"{by_id[record['id']]['provenance'].get('annotator')}, "
                f"{record['provenance'].get('annotator')}): choose one with --{side.lower()}-annotator"
            )
        by_id[record["id"]] = record
    return by_id


def add_scores(total: dict | None, scores: dict) -> dict:
    """Two results of `evaluate.compare` as one over both sets of documents."""
    if total is None:
        return scores

    def score(a: dict, b: dict) -> dict:
        return Score(a["tp"] + b["tp"], a["gold"] + b["gold"], a["pred"] + b["pred"]).as_dict()

    def agreement(a: dict, b: dict) -> dict:
        agree, matched = a["agree"] + b["agree"], a["matched"] + b["matched"]
        return {"agree": agree, "matched": matched, "agreement": round(agree / matched, 4) if matched else None}

    return {
        "documents": total["documents"] + scores["documents"],
        "ignored_pred_documents": total["ignored_pred_documents"] + scores["ignored_pred_documents"],
        **{part: {mode: {name: score(by[name], scores[part][mode][name]) for name in by}
                  for mode, by in total[part].items()} for part in ("spans", "links")},
        "attributes": {name: agreement(a, scores["attributes"][name]) for name, a in total["attributes"].items()},
    }
