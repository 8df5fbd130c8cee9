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

.PHONY: conformance test bench serve build vet cognito-local cognito-local-stop clients test-deps mutants

## conformance: run the whole suite against TARGET (default: the embedded reference) and write REPORT_DIR.
## TARGET=cognito-local installs and starts cognito-local if it is not running, and stops it afterwards.
## A checked-in baselines/$(TARGET).json is used as the expected-failure list when it exists.
conformance:
ifeq ($(TARGET),cognito-local)
	@started=$$(scripts/cognito-local.sh start); \
	$(CLI) run --target $(TARGET) --report-dir $(REPORT_DIR) $(if $(BASELINE),--baseline $(BASELINE)) $(ARGS); status=$$?; \
	if [ "$$started" = started ]; then scripts/cognito-local.sh stop >/dev/null; fi; exit $$status
else
	$(CLI) run --target $(TARGET) $(if $(PROFILE),--profile $(PROFILE)) --report-dir $(REPORT_DIR) $(if $(BASELINE),--baseline $(BASELINE)) $(ARGS)
endif

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

## test: unit tests, the suite against both reference profiles, CLI exit codes, the HTML report in
## headless Chromium and the client scenarios (their Debian packages are installed when missing)
test: vet test-deps
	$(GO) test -count=1 ./...

test-deps:
	@scripts/install-test-deps.sh

vet:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi

## bench: benchmarks (ratios within one run; see README)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## mutants: mutation testing: the suite against every mutation of the reference (ARGS: --parallel N, --only NAME, --markdown FILE);
## fails when a mutation survives or is killed only by scenarios not tagged with the ids it breaks
mutants:
	$(CLI) mutants $(ARGS)

## serve: the reference target on 127.0.0.1:9230 for other clients
serve:
	$(CLI) serve --addr 127.0.0.1:9230 $(ARGS)

build:
	$(GO) build -o bin/cognito-conformance ./cmd/cognito-conformance
