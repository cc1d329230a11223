"""Everything derived from the scheme is up to date, and would be reported stale if the scheme changed."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

from scripts.generate import label_config, stale_files
from scripts.scheme import ROOT, load_scheme


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
    assert interface.get_control("label").labels == ["SPEAKER", "CLAIM", "QUANTITY", "LOCATION"]
    assert {name for name in interface._controls} >= {"speaker_type", "reporting", "value", "unit",
                                                      "approximate", "location_id", "note"}


def test_help_lists_the_pipeline_in_order() -> None:
    out = subprocess.run([sys.executable, "-m", "scripts", "--help"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    listed = [line.split()[0] for line in out.split("<command>")[-1].split("options:")[0].splitlines()
              if line.startswith("    ") and line[4:5].strip()]  # not a wrapped help line
    order = ["ingest", "preannotate", "ls", "convert", "validate", "build", "publish", "evaluate",
             "generate", "bench"]
    assert listed == [step for step in order if step in listed]
    assert {"ingest", "convert", "validate", "build", "evaluate", "generate"} <= set(listed)
