package reference

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMutationsAreWellFormed checks the registry: kebab-case unique names, catalogue ids,
// a description, a known profile, and a hook in the reference code for every name (a
// registered name no hook checks is a mutation nothing can kill).
func TestMutationsAreWellFormed(t *testing.T) {
	var src strings.Builder
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "mutations.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src.Write(b)
	}
	id := regexp.MustCompile(`^(B[0-9]+|S[0-9]+(\.[0-9]+)*)$`)
	seen := map[string]bool{}
	for _, m := range Mutations() {
		if !kebab.MatchString(m.Name) {
			t.Errorf("%q: not kebab-case", m.Name)
		}
		if seen[m.Name] {
			t.Errorf("%q: registered twice", m.Name)
		}
		seen[m.Name] = true
		if len(m.Breaks) == 0 {
			t.Errorf("%s: breaks no catalogue id", m.Name)
		}
		for _, b := range m.Breaks {
			if !id.MatchString(b) {
				t.Errorf("%s: %q is not a catalogue id (B7, S1.2)", m.Name, b)
			}
		}
		if m.Description == "" {
			t.Errorf("%s: no description", m.Name)
		}
		if m.Profile != "" && m.Profile != ProfileAWS && m.Profile != ProfileDocumented {
			t.Errorf("%s: unknown profile %q", m.Name, m.Profile)
		}
		if !strings.Contains(src.String(), `mutated("`+m.Name+`")`) {
			t.Errorf("%s: no s.mutated(%q) hook in the reference code", m.Name, m.Name)
		}
	}
}

func TestRegisterMutation(t *testing.T) {
	if _, err := RegisterMutation(Mutation{Name: "Not Kebab"}); err == nil {
		t.Error("a name that is not kebab-case was registered")
	}
	if _, err := RegisterMutation(Mutation{Name: "accept-two-preferred-factors"}); err == nil {
		t.Error("a registered name was registered again")
	}
	n := len(Mutations())
	undo, err := RegisterMutation(Mutation{Name: "test-only-mutation", Breaks: []string{"B3"}})
	if err != nil {
		t.Fatal(err)
	}
	if ValidateMutation("test-only-mutation") != nil || len(Mutations()) != n+1 {
		t.Error("the registered mutation is not listed")
	}
	undo()
	if ValidateMutation("test-only-mutation") == nil || len(Mutations()) != n {
		t.Error("the mutation is still listed after unregistering")
	}
}
