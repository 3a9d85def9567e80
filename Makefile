# herohealth-sdk: every task a contributor or CI runs.
# `make test` and `make demo` work on a fresh clone: they install first.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Hero publishes its description next to the rendered reference; override to fetch another.
SPEC_URL ?= https://developer.herohealth.net/_bundle/apis/public-api/openapi.yaml?download
GENERATED_PACKAGE := generated/herohealth_openapi

.PHONY: install node-install generate download test test-deep lint bench demo check-generated clean \
	spec-diff update-spec test-python wheel-check clean-test-python test-additive-release

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp re-runs the install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Stoplight Prism for tests/contract/ and pyright for tests/typing/, pinned by package.json
# and package-lock.json. The stamp re-runs `npm ci` whenever either changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

node-install: node_modules/.installed

# `make test` installs Prism and pyright too when npm is here; without npm the contract tests
# and tests/typing/'s pyright checks skip (CI sets HERO_REQUIRE_PRISM=1 and
# HERO_REQUIRE_PYRIGHT=1, which make them fail instead).
TEST_PREREQUISITES := $(VENV)/.installed
ifneq ($(shell command -v npm 2>/dev/null),)
TEST_PREREQUISITES += node_modules/.installed
endif

# generate needs only the generator to exist: a checkout that shares this venv (a worktree)
# must not re-run the editable install from its own tree because its pyproject.toml is newer.
$(BIN)/openapi-python-client:
	$(MAKE) install

generate: | $(BIN)/openapi-python-client
	@# tools/generate.py: sdk.yaml checked against openapi.yaml, the generator's models and
	@# raw operations (templates/ overrides, templates/README.md), the resource layer from
	@# templates/sdk/, openapi.yaml and py.typed copied into the package.
	$(BIN)/python tools/generate.py --spec openapi.yaml --sdk sdk.yaml --out $(GENERATED_PACKAGE)

# Never run by tests or CI: it reaches Hero's host.
# A description published as OpenAPI 3.0 is written as the 3.1 it means (tools/upgrade_spec.py:
# `nullable`, boolean exclusive bounds), the dialect every reader of openapi.yaml expects.
download: $(VENV)/.installed
	curl --fail --silent --show-error --location "$(SPEC_URL)" --output openapi.yaml.download
	$(BIN)/python tools/upgrade_spec.py openapi.yaml.download
	mv openapi.yaml.download openapi.yaml

# What a candidate openapi.yaml changes for SDK users (and what sdk.yaml and the handwritten
# workflows refer to that it breaks), then a last line naming the outcome and the tool's code:
#   spec-diff: no breaking changes (tools/spec_diff.py exit 0)
#   spec-diff: BREAKING changes (tools/spec_diff.py exit 1)
#   spec-diff: nothing compared, a description or sdk.yaml is unreadable or invalid (... exit 2)
# make itself exits 2 for any failed recipe, so a script that needs 0/1/2 runs the tool:
#   .venv/bin/python tools/spec_diff.py --sdk sdk.yaml openapi.yaml path/to/new.yaml
spec-diff: $(VENV)/.installed
	@test -n "$(NEW)" || { echo "usage: make spec-diff NEW=path/to/openapi.yaml"; exit 2; }
	@rc=0; $(BIN)/python tools/spec_diff.py --sdk sdk.yaml openapi.yaml "$(NEW)" || rc=$$?; \
	case $$rc in \
	0) echo "spec-diff: no breaking changes (tools/spec_diff.py exit 0)" ;; \
	1) echo "spec-diff: BREAKING changes (tools/spec_diff.py exit 1)" ;; \
	2) echo "spec-diff: nothing compared, a description or sdk.yaml is unreadable or invalid" \
		"(tools/spec_diff.py exit 2)" ;; \
	*) echo "spec-diff: tools/spec_diff.py failed (exit $$rc)" ;; \
	esac; exit $$rc

# Never run by tests or CI: it reaches Hero's host. Downloads to a temporary file, prints the
# change report, then replaces openapi.yaml, regenerates and runs the tests. Stops on breaking
# changes unless ALLOW_BREAKING=1, and on any other code than 0 or 1 (an invalid description).
# With ALLOW_BREAKING=1, `make generate` still stops while sdk.yaml names an operation the new
# description removed, renamed or re-tagged: the report lists those entries.
update-spec: $(VENV)/.installed
	curl --fail --silent --show-error --location "$(SPEC_URL)" --output openapi.yaml.download
	$(BIN)/python tools/upgrade_spec.py openapi.yaml.download
	@rc=0; $(BIN)/python tools/spec_diff.py --sdk sdk.yaml openapi.yaml openapi.yaml.download \
		|| rc=$$?; \
	kept="openapi.yaml left unchanged (see openapi.yaml.download)"; \
	case $$rc in \
	0) echo "update-spec: no breaking changes (tools/spec_diff.py exit 0)" ;; \
	1) if [ -z "$(ALLOW_BREAKING)" ]; then \
		echo "update-spec: BREAKING changes (tools/spec_diff.py exit 1): $$kept;" \
			"ALLOW_BREAKING=1 to go on"; exit 1; fi; \
	   echo "update-spec: BREAKING changes (tools/spec_diff.py exit 1), going on: ALLOW_BREAKING" ;; \
	*) echo "update-spec: nothing compared (tools/spec_diff.py exit $$rc): $$kept"; exit $$rc ;; \
	esac
	mv openapi.yaml.download openapi.yaml
	$(MAKE) generate
	$(MAKE) test

# The suite on one worker per core (pytest-xdist): about 0.6x of one process's time on two
# cores. `make test PYTEST_WORKERS=0` runs it in one process; plain `pytest` always does.
PYTEST_WORKERS ?= auto

test: $(TEST_PREREQUISITES)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS)

# The whole suite on another Python, in a venv of its own: `make test-python PYTHON_VERSION=3.13`
# makes .venv-3.13 (CI runs 3.12 and 3.13; `make test` is the default python3). The interpreter
# is the first that runs and is that version: pythonX.Y on PATH (a pyenv shim may be there and
# not run), else the newest X.Y.* under pyenv's versions/. None is an error saying where it looked.
PYTHON_VERSION ?= 3.12
PYTHON_VENV := .venv-$(PYTHON_VERSION)
PYENV_VERSIONS := $(sort $(shell pyenv root 2>/dev/null) $(or $(PYENV_ROOT),$(HOME)/.pyenv) /root/.pyenv)

$(PYTHON_VENV)/.installed: pyproject.toml
	@found=""; \
	for candidate in python$(PYTHON_VERSION) $$(ls -d $(foreach root,$(PYENV_VERSIONS),\
		$(root)/versions/$(PYTHON_VERSION).*/bin/python$(PYTHON_VERSION)) 2>/dev/null | sort -rV); do \
		if "$$candidate" -c 'import sys; sys.exit("%d.%d" % sys.version_info[:2] != "$(PYTHON_VERSION)")' \
			2>/dev/null; then found=$$candidate; break; fi; \
	done; \
	if [ -z "$$found" ]; then \
		echo "test-python: no Python $(PYTHON_VERSION) found: not python$(PYTHON_VERSION) on PATH," \
			"nor $(PYTHON_VERSION).* under $(addsuffix /versions,$(PYENV_VERSIONS))" >&2; \
		exit 1; \
	fi; \
	echo "test-python: $$found ($$("$$found" --version))"; \
	"$$found" -m venv $(PYTHON_VENV)
	@# As Python 3.13's venv does: git ignores the folder without a line in .gitignore.
	echo '*' > $(PYTHON_VENV)/.gitignore
	$(PYTHON_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON_VENV)/bin/python -m pip install --quiet -e '.[dev]'
	touch $@

test-python: $(PYTHON_VENV)/.installed $(filter-out $(VENV)/.installed,$(TEST_PREREQUISITES))
	$(PYTHON_VENV)/bin/python -m pytest -n $(PYTEST_WORKERS)

# The schema-driven property tests with 1,000 random examples per operation (CI runs 200, derandomized).
test-deep: $(VENV)/.installed
	HYPOTHESIS_PROFILE=deep $(BIN)/python -m pytest tests/properties

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests tools bench examples
	$(BIN)/ruff format --check src tests tools bench examples
	$(BIN)/mypy --strict src tools/spec_diff.py tools/generate.py tools/upgrade_spec.py \
		generated/herohealth_openapi bench examples

# The sdist, and the wheel built from it, as the package index receives them: `twine check
# --strict` (metadata, README.md rendered as the long description), then the files each must
# carry, listed in tests/typing/wheel_contents.py (LICENSE, both py.typed, openapi.yaml).
wheel-check: $(VENV)/.installed
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*
	$(BIN)/python -m tests.typing.wheel_contents dist

# `make generate` on a clean tree must change nothing.
check-generated: generate
	git diff --exit-code -- generated/
	@test -z "$$(git status --porcelain -- generated/)" || { git status --porcelain -- generated/; exit 1; }

# The spec-update path on a real checkout: a clone of HEAD (commit first) whose openapi.yaml
# is replaced by an additive Hero release (tests/spec_update/additive_release.py: new tags
# with paged, binary and form operations, a new field and enum value), as `make download`
# would replace it. Then `make generate`, `make lint` and `make test` in the clone, with
# nothing else changed, must pass. CI runs it; it installs the clone's own venv.
ADDITIVE_CLONE ?= $(or $(TMPDIR),/tmp)/herohealth-additive-release
test-additive-release: $(VENV)/.installed
	rm -rf $(ADDITIVE_CLONE)
	git clone --quiet . $(ADDITIVE_CLONE)
	cd $(ADDITIVE_CLONE) && $(abspath $(BIN))/python tests/spec_update/additive_release.py .
	$(MAKE) -C $(ADDITIVE_CLONE) generate
	$(MAKE) -C $(ADDITIVE_CLONE) lint
	$(MAKE) -C $(ADDITIVE_CLONE) test
	rm -rf $(ADDITIVE_CLONE)

# The bench extra (pydantic, msgspec: the decoding anchors), on top of dev, by its own stamp.
$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

# Ratios and figures measured in one run against a canned server in another process (bench/),
# printed and written to bench/results.json (never timed tests; tests/test_bench_smoke.py
# runs each benchmark at tiny sizes so it cannot rot).
bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench.run

# The SDK end to end against herohealth.testing.FakeHero on a loopback port: no credentials,
# no Hero host. tests/test_examples.py runs the same code.
demo: $(VENV)/.installed
	$(BIN)/python examples/demo.py

# The venvs of `make test-python`, by `make clean` too.
clean-test-python:
	rm -rf .venv-3.*

clean: clean-test-python

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
