# herohealth-sdk: every task a contributor or CI runs.
# `make test` and `make demo` work on a fresh clone: they install first.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Hero publishes its description next to the rendered reference; override to fetch another.
SPEC_URL ?= https://developer.herohealth.net/_bundle/apis/public-api/openapi.yaml?download
GENERATED_PACKAGE := generated/herohealth_openapi

.PHONY: install node-install generate download test test-deep lint bench demo check-generated clean \
	spec-diff update-spec

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp re-runs the install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Stoplight Prism for tests/contract/, pinned by package.json and package-lock.json.
# The stamp re-runs `npm ci` whenever either changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

node-install: node_modules/.installed

# `make test` installs Prism too when npm is here; without npm the contract tests skip
# (CI sets HERO_REQUIRE_PRISM=1, which makes them fail instead).
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
download:
	curl --fail --silent --show-error --location "$(SPEC_URL)" --output openapi.yaml.download
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

test: $(TEST_PREREQUISITES)
	$(BIN)/python -m pytest

# The schema-driven property tests with 1,000 random examples per operation (CI runs 200, derandomized).
test-deep: $(VENV)/.installed
	HYPOTHESIS_PROFILE=deep $(BIN)/python -m pytest tests/properties

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests tools bench examples
	$(BIN)/ruff format --check src tests tools bench examples
	$(BIN)/mypy --strict src tools/spec_diff.py tools/generate.py generated/herohealth_openapi

# `make generate` on a clean tree must change nothing.
check-generated: generate
	git diff --exit-code -- generated/
	@test -z "$$(git status --porcelain -- generated/)" || { git status --porcelain -- generated/; exit 1; }

# Ratios measured in one run, printed and written to bench/results.json (never timed tests).
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

# The SDK end to end against herohealth.testing.FakeHero on a loopback port: no credentials,
# no Hero host. tests/test_examples.py runs the same code.
demo: $(VENV)/.installed
	$(BIN)/python examples/demo.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
