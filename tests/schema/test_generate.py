"""Everything derived from the scheme is up to date, and would be reported stale if the scheme changed."""

from __future__ import annotations

import dataclasses

import pytest

from scripts.__main__ import main
from scripts.schema.generate import stale_files
from scripts.schema.label_config import LABELS_CONTROL, label_config
from scripts.schema.scheme import load_scheme


def test_generated_files_are_up_to_date() -> None:
    assert stale_files() == [], "run: python -m scripts generate"


def test_a_scheme_change_makes_them_stale() -> None:
    scheme = load_scheme()
    renamed = dataclasses.replace(scheme, labels=(dataclasses.replace(scheme.labels[0], name="SOURCE"),
                                                 *scheme.labels[1:]))
    assert {p.name for p in stale_files(renamed)} == {
        "label_config.xml", "record.schema.json", "features.json", "guidelines.md", "datacard.md"}


def test_label_config_is_accepted_by_the_label_studio_sdk() -> None:
    from label_studio_sdk.label_interface import LabelInterface

    interface = LabelInterface(label_config(load_scheme()))
    scheme = load_scheme()
    assert interface.get_control(LABELS_CONTROL).labels == list(scheme.label_names)
    assert {name for name in interface._controls} >= {a.name for a in scheme.attributes}


def test_help_lists_the_pipeline_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.split("<command>")[-1].split("options:")[0].splitlines()
              if line.startswith("    ") and line[4:5].strip()]  # not a wrapped help line
    order = ["ingest", "preannotate", "ls", "convert", "validate", "build", "publish", "evaluate",
             "generate", "bench", "baselines"]
    assert listed == [step for step in order if step in listed]
    assert {"ingest", "convert", "validate", "build", "evaluate", "generate"} <= set(listed)
