"""Scores as a table a person reads: one row per label, exact and overlap side by side."""

from __future__ import annotations


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
