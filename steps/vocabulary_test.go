package steps_test

import (
	"bytes"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	messages "github.com/cucumber/messages/go/v21"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/featureset"
	"github.com/cognito-conformance/cognito-conformance/steps"
)

var keyword = regexp.MustCompile(`^(Given|When|Then|And|But) `)

// TestVocabulary checks each row: it compiles into a godog step, it is documented, its example
// is matched by its own pattern and by no other, and no pattern is registered twice.
func TestVocabulary(t *testing.T) {
	patterns := steps.Patterns() // panics on a malformed row
	rows := steps.Vocabulary()
	if len(patterns) != len(rows) {
		t.Fatalf("%d patterns for %d rows", len(patterns), len(rows))
	}
	seen := map[string]bool{}
	for i, row := range rows {
		if seen[row.Pattern] {
			t.Errorf("%s is registered twice", row.Pattern)
		}
		seen[row.Pattern] = true
		if strings.TrimSpace(row.Doc) == "" || strings.Contains(row.Doc, "\n") {
			t.Errorf("%s: the doc must be one line", row.Pattern)
		}
		if row.HandlerName() == "" {
			t.Errorf("%s: no handler name", row.Pattern)
		}
		kw := keyword.FindString(row.Example)
		if kw == "" {
			t.Errorf("%s: the example %q must start with its keyword", row.Pattern, row.Example)
			continue
		}
		text := strings.TrimPrefix(row.Example, kw)
		for j, re := range patterns {
			if m := re.MatchString(text); m != (i == j) {
				t.Errorf("example %q: matched by %s = %v", row.Example, re, m)
			}
		}
	}
}

// TestFeaturesUseTheVocabulary: every step of the embedded features matches exactly one row
// (so the order of the table never matters) and set-up phrases are written as Given steps. An
// action or an assertion may be a Given: it is then part of the scenario's set-up, and its
// failure is inconclusive (the outcome model reads the kind of a failed step from its keyword).
func TestFeaturesUseTheVocabulary(t *testing.T) {
	sub, err := fs.Sub(conformance.Features, ".")
	if err != nil {
		t.Fatal(err)
	}
	files, err := featureset.LoadFS(sub, "features")
	if err != nil {
		t.Fatal(err)
	}
	patterns := steps.Patterns()
	rows := steps.Vocabulary()
	used := map[int]bool{}
	for _, f := range files {
		for _, p := range f.Pickles {
			for _, st := range p.Steps {
				var hits []int
				for i, re := range patterns {
					if re.MatchString(st.Text) {
						hits = append(hits, i)
					}
				}
				if len(hits) != 1 {
					t.Errorf("%s:%d %q matches %d steps", f.Path, f.Line(st), st.Text, len(hits))
					continue
				}
				used[hits[0]] = true
				if kind := rows[hits[0]].Kind; kind == steps.SetUp && st.Type != messages.PickleStepType_CONTEXT {
					t.Errorf("%s:%d %q is a %s step written as a %s step", f.Path, f.Line(st), st.Text, kind, st.Type)
				}
			}
		}
	}
	for i, row := range rows {
		if !used[i] {
			t.Logf("no embedded feature uses %q", row.Phrase())
		}
	}
}

// TestDocsAreCurrent fails when docs/steps.md is not what the table generates.
func TestDocsAreCurrent(t *testing.T) {
	want, err := os.ReadFile("../docs/steps.md")
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := steps.WriteMarkdown(&got); err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Error("docs/steps.md is stale: regenerate it with go run ./cmd/cognito-conformance steps > docs/steps.md")
	}
}
