package catalogue

import (
	"reflect"
	"testing"
)

func TestClassify(t *testing.T) {
	m := Classify([]string{"@B12", "@S1.2", "@B3", "@inferred", "@SetUserMFAPreference", "@conflict-k", "@needs-sms",
		"@client-cli", "@other", "@B3"})
	want := Meta{Behaviours: []string{"B3", "B12", "S1.2"}, Evidence: Inferred, Operations: []string{"SetUserMFAPreference"},
		Conflict: "k", Needs: []string{"sms"}, Clients: []string{ClientCLI}}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("Classify = %+v\nwant %+v", m, want)
	}
	if got := IDs([]string{"@S1.2", "@documented", "@B7", "@S1.2"}); !reflect.DeepEqual(got, []string{"S1.2", "B7"}) {
		t.Errorf("IDs = %v", got)
	}
}

func TestIsID(t *testing.T) {
	for tag, want := range map[string]bool{"@B7": true, "B32": true, "@S1.2": true, "S1": true, "S1.2.3": true,
		"B": false, "B1.2": false, "S1.": false, "S.1": false, "S1..2": false, "@Bx": false, "@documented": false, "b7": false} {
		if IsID(tag) != want {
			t.Errorf("IsID(%q) = %v, want %v", tag, !want, want)
		}
	}
}

func TestLess(t *testing.T) {
	ids := []string{"S1.2", "B10", "B2", "S1.1"}
	for i := range ids {
		for j := range ids {
			if i != j && Less(ids[i], ids[j]) == Less(ids[j], ids[i]) {
				t.Errorf("Less(%s, %s) is not an order", ids[i], ids[j])
			}
		}
	}
	if !Less("B2", "B10") || !Less("B10", "S1.1") || !Less("S1.1", "S1.2") {
		t.Error("Less: want B2 < B10 < S1.1 < S1.2")
	}
}
