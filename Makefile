# cognito-conformance: the Cognito MFA-preference contract, checked against any endpoint.
# `make conformance` runs the suite against the embedded reference and writes the report;
# `make test` runs the project's tests. Both set themselves up (Go modules download on demand).

GO         ?= go
TARGET     ?= reference
PROFILE    ?=
REPORT_DIR ?= conformance-report
ARGS       ?=

CLI := $(GO) run ./cmd/cognito-conformance

.PHONY: conformance test bench serve build vet

## conformance: run the whole suite against TARGET (default: the embedded reference) and write REPORT_DIR
conformance:
	$(CLI) run --target $(TARGET) $(if $(PROFILE),--profile $(PROFILE)) --report-dir $(REPORT_DIR) $(ARGS)

## test: unit tests, the suite against both reference profiles, CLI exit codes
test: vet
	$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi

## bench: benchmarks (ratios within one run; see README)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## serve: the reference target on 127.0.0.1:9230 for other clients
serve:
	$(CLI) serve --addr 127.0.0.1:9230 $(ARGS)

build:
	$(GO) build -o bin/cognito-conformance ./cmd/cognito-conformance
