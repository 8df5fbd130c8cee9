# cognito-conformance: the Cognito MFA-preference contract, checked against any endpoint.
# `make conformance` runs the suite against the embedded reference and writes the report;
# `make test` runs the project's tests. Both set themselves up (Go modules download on demand).

GO         ?= go
TARGET     ?= reference
PROFILE    ?=
REPORT_DIR ?= conformance-report
ARGS       ?=

CLI := $(GO) run ./cmd/cognito-conformance

BASELINE   ?= $(if $(wildcard baselines/$(TARGET).json),baselines/$(TARGET).json)

# Targets the Makefile starts and stops itself. TARGET names the variant (and its baseline,
# baselines/$(TARGET).json); KIND is the CLI's target kind. moto-totp is moto started with its
# TOTP checking on (MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true); the report labels it.
MOTO_PORT          ?= $(if $(filter moto-totp,$(TARGET)),5001,5000)
COGNITO_LOCAL_PORT ?= 9229
KIND := $(TARGET)
ifeq ($(TARGET),cognito-local)
SERVER   := COGNITO_LOCAL_PORT=$(COGNITO_LOCAL_PORT) scripts/cognito-local.sh
ENDPOINT := http://127.0.0.1:$(COGNITO_LOCAL_PORT)
else ifeq ($(TARGET),moto)
SERVER   := MOTO_PORT=$(MOTO_PORT) scripts/moto.sh
ENDPOINT := http://127.0.0.1:$(MOTO_PORT)
else ifeq ($(TARGET),moto-totp)
KIND     := moto
SERVER   := MOTO_PORT=$(MOTO_PORT) MOTO_TOTP=1 scripts/moto.sh
ENDPOINT := http://127.0.0.1:$(MOTO_PORT)
endif
RUN := $(CLI) run --target $(KIND) $(if $(ENDPOINT),--endpoint $(ENDPOINT)) $(if $(filter-out $(KIND),$(TARGET)),--label $(TARGET)) \
	$(if $(PROFILE),--profile $(PROFILE)) --report-dir $(REPORT_DIR)

# with_server runs $(1) with the target's server up: it starts the server when nothing answers
# (a missing server program ends here, with the script's message and exit code), and stops
# only a server it started.
ifdef SERVER
with_server = started=$$($(SERVER) start) || exit $$?; \
	$(1); status=$$?; \
	if [ "$$started" = started ]; then $(SERVER) stop >/dev/null; fi; exit $$status
else
with_server = $(1)
endif

.PHONY: cassette conformance baseline baseline-check test bench serve build vet cognito-local cognito-local-stop moto moto-stop clients test-deps mutants generate model-check

## conformance: run the whole suite against TARGET (default: the embedded reference) and write REPORT_DIR.
## TARGET=cognito-local, moto or moto-totp start their server if it is not running, and stop it afterwards.
## A checked-in baselines/$(TARGET).json is used as the expected-failure list when it exists.
conformance:
	@$(call with_server,$(RUN) $(if $(BASELINE),--baseline $(BASELINE)) $(ARGS))

## baseline: rewrite baselines/$(TARGET).json from a run against TARGET, keeping the reasons of entries
## that still fail the same way, then list the entries that need a person (new ones: no reason yet)
baseline:
	@$(call with_server,{ $(RUN) --quiet --write-baseline baselines/$(TARGET).json $(ARGS) >/dev/null; rc=$$?; \
	  if [ $$rc = 0 ] || [ $$rc = 1 ] || [ $$rc = 3 ]; then $(CLI) baseline check baselines/$(TARGET).json; \
	  else echo "the run against $(TARGET) failed (exit $$rc): baselines/$(TARGET).json not rewritten" >&2; (exit 2); fi; })

## baseline-check: every checked-in baseline entry says how it fails and why (no placeholder reason)
baseline-check:
	$(CLI) baseline check baselines/*.json

## cassette: record the whole suite against the embedded reference into cassettes/reference (checked in; replay it with
## `run --target replay:cassettes/reference`). Run it again whenever a feature file changes.
cassette:
	rm -rf cassettes/reference
	$(CLI) run --quiet --record cassettes/reference --report-dir $(REPORT_DIR)

## clients: install the clients features/clients.feature runs: the AWS CLI and boto3 (Debian packages)
## and the pinned amazon-cognito-identity-js (npm, into .js-client/); idempotent
clients:
	scripts/install-clients.sh
	scripts/install-js-client.sh

## cognito-local: install the pinned cognito-local (npm) into .cognito-local/ and start it on 127.0.0.1:9229
cognito-local:
	scripts/cognito-local.sh start

cognito-local-stop:
	scripts/cognito-local.sh stop

## generate: write features/constraints_<operation>.feature from the constraint table (package constraints);
## a test fails when the checked-in files differ from what this writes
generate:
	$(GO) run ./cmd/gen-constraints

## model-check: compare the constraint table with the cognito-idp model on this machine (MODEL=path to
## service-2.json(.gz); default $$COGNITO_IDP_MODEL, else the installed botocore's) and print the drift;
## fails on drift the table does not record as known. `make test` runs the same check (package
## constraints) whenever a model is present.
model-check:
	$(GO) run ./cmd/model-check $(if $(MODEL),--model $(MODEL))

## moto: start moto_server on 127.0.0.1:$(MOTO_PORT) (TARGET=moto-totp: with its TOTP checking on)
moto:
	$(if $(filter moto-totp,$(TARGET)),MOTO_TOTP=1) MOTO_PORT=$(MOTO_PORT) scripts/moto.sh start

moto-stop:
	MOTO_PORT=$(MOTO_PORT) scripts/moto.sh stop

## test: unit tests, the suite against both reference profiles, CLI exit codes, the HTML report in
## headless Chromium and the client scenarios (their Debian packages are installed when missing)
test: vet test-deps
	$(GO) test -count=1 -timeout 30m ./...

test-deps:
	@scripts/install-test-deps.sh

vet:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi

## bench: from one run, the harness against a bare aws-sdk-go-v2 loop making as many signed calls
## against the same served reference (ratio), the full suite's time, allocations and peak RSS.
## Ratios hold on a loaded machine; wall times do not. BENCHTIME=3x averages three runs.
BENCHTIME ?= 1x
bench:
	$(GO) test -run '^$$' -bench 'HarnessVsBareCalls|FullSuite' -benchtime $(BENCHTIME) -count 1 .

## mutants: mutation testing: against every mutation of the reference, the scenarios tagged with the ids it breaks
## (ARGS: --full runs the whole suite each time, --parallel N, --only NAME, --markdown FILE);
## fails when a mutation survives or is killed only by scenarios not tagged with the ids it breaks
mutants:
	$(CLI) mutants $(ARGS)

## serve: the reference target on 127.0.0.1:9230 for other clients
serve:
	$(CLI) serve --addr 127.0.0.1:9230 $(ARGS)

build:
	$(GO) build -o bin/cognito-conformance ./cmd/cognito-conformance
