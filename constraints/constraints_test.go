package constraints

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestTableIsClosed: every shape the table names is defined, once.
func TestTableIsClosed(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Shapes {
		if seen[s.Name] {
			t.Errorf("shape %s defined twice", s.Name)
		}
		seen[s.Name] = true
	}
	need := func(where, name string) {
		if !seen[name] {
			t.Errorf("%s names shape %q, which the table does not define", where, name)
		}
	}
	for _, o := range Operations {
		need(o.Name, o.Input)
		need(o.Name, o.Output)
	}
	for _, s := range Shapes {
		for _, m := range s.Members {
			need(s.Name+"."+m.Name, m.Shape)
		}
		if s.Type == List {
			need(s.Name, s.Item)
		}
	}
}

// TestStringSamples: every constrained string shape of a request has samples, the pattern miss
// breaks only the pattern, and padded values keep to it.
func TestStringSamples(t *testing.T) {
	for name, smp := range stringSamples {
		s := mustShape(name)
		if s.Pattern != "" && Matches(s.Pattern, smp.miss) {
			t.Errorf("%s: the pattern miss %q matches %s", name, smp.miss, s.Pattern)
		}
		if s.Max != nil && !Matches(s.Pattern, smp.ofLength(*s.Max+1)) {
			t.Errorf("%s: a padded value breaks the pattern, so a length row would break two constraints", name)
		}
	}
}

// TestValidationMessages pins the AWS message forms (catalogue M7, M8) the rows expect.
func TestValidationMessages(t *testing.T) {
	out, err := Check("AdminSetUserMFAPreference", []byte(`{"UserPoolId":"not-a-pool-id","Username":"someone"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.Message(), `1 validation error detected: Value 'not-a-pool-id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+`; got != want {
		t.Errorf("M7 form:\n got %s\nwant %s", got, want)
	}
	out, _ = Check("AdminSetUserSettings", []byte(`{"UserPoolId":"us-east-1_X","Username":"u","MFAOptions":[{"DeliveryMedium":"SMS","AttributeName":""}]}`), nil)
	if got, want := out.Message(), "2 validation errors detected: Value '' at 'mFAOptions.1.member.attributeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r ]+; Value '' at 'mFAOptions.1.member.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1"; got != want {
		t.Errorf("M8 form:\n got %s\nwant %s", got, want)
	}
	out, _ = Check("SetUserMFAPreference", []byte(`{"AccessToken":"x","SMSMfaSettings":{"Enabled":"yes"}}`), nil)
	if out.Serialization == "" {
		t.Error("a boolean sent as a string is no serialisation error")
	}
	out, _ = Check("GetUser", []byte(`{"AccessToken":"x","WhoKnows":1}`), nil)
	if !out.OK() {
		t.Errorf("an unknown member is not ignored: %+v", out)
	}
}

// TestEveryConstraintHasARow: every constraint of every request member of the table's
// operations has a violating row, and every length bound its boundary row when a value of
// that length can match the member's pattern.
func TestEveryConstraintHasARow(t *testing.T) {
	for _, p := range plans {
		op := mustOperation(p.op)
		have := map[string]bool{}
		for _, r := range rowsOf(p) {
			have[r.kind+" "+r.member] = true
		}
		var want []string
		var visit func(at string, m Member, s *Shape, top bool)
		visit = func(at string, m Member, s *Shape, top bool) {
			if m.Required && top {
				want = append(want, kindRequired+" "+at)
			}
			if s.Type == Structure || s.Type == List {
				// Scalars get no wrong-type row: no evidence says what AWS answers (gherkin.go).
				want = append(want, kindType+" "+at)
			}
			if s.Min != nil && *s.Min > 0 {
				want = append(want, kindLength+" "+at)
				if Matches(s.Pattern, stringSamples[s.Name].ofLength(*s.Min)) {
					want = append(want, kindBoundary+" "+at)
				}
			}
			if s.Max != nil {
				want = append(want, kindLength+" "+at, kindBoundary+" "+at)
			}
			if s.Pattern != "" {
				want = append(want, kindPattern+" "+at)
			}
			if len(s.Enum) > 0 {
				want = append(want, kindEnum+" "+at)
			}
			for _, c := range s.Members {
				visit(at+"."+c.Name, c, mustShape(c.Shape), false)
			}
			if s.Item != "" {
				item := mustShape(s.Item)
				entry := at + "[" + string(rune('1'+p.itemIndex)) + "]"
				want = append(want, kindType+" "+entry)
				for _, c := range item.Members {
					visit(entry+"."+c.Name, c, mustShape(c.Shape), false)
				}
			}
		}
		for _, m := range mustShape(op.Input).Members {
			visit(m.Name, m, mustShape(m.Shape), true)
		}
		for _, w := range want {
			if !have[w] {
				t.Errorf("%s: no %s row", op.Name, w)
			}
		}
	}
}

// TestGeneratedFeaturesAreCheckedIn fails when features/constraints_*.feature differ from what
// the generator writes (run `make generate`), or when a stale one is left.
func TestGeneratedFeaturesAreCheckedIn(t *testing.T) {
	files := Features()
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "features", name))
		if err != nil {
			t.Errorf("%s is not checked in (run make generate): %v", name, err)
			continue
		}
		if !bytes.Equal(got, []byte(want)) {
			t.Errorf("features/%s differs from what the generator writes: run make generate", name)
		}
	}
	onDisk, _ := filepath.Glob(filepath.Join("..", "features", "constraints_*.feature"))
	for _, p := range onDisk {
		if _, ok := files[filepath.Base(p)]; !ok {
			t.Errorf("%s is not generated any more: delete it", p)
		}
	}
}

// TestEditedModelDrifts: a copy of the model with edits (testdata/service-2.edited.json: the
// five operations of the table only; UserPoolIdType max 55 → 60; DeliveryMediumType gains
// VOICE; AdminSetUserSettingsRequest gains ClientMetadata; SetUserMFAPreferenceRequest loses
// EmailMfaSettings; AdminSetUserMFAPreference gains OperationNotEnabledException; AdminGetUser's
// Username is no longer required; a new operation GetUserMFAPreference) gives a drift report
// naming each edit, and fails the check.
func TestEditedModelDrifts(t *testing.T) {
	m, err := LoadModel(filepath.Join("testdata", "service-2.edited.json"))
	if err != nil {
		t.Fatal(err)
	}
	drift := Compare(m)
	var got []string
	for _, d := range drift {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"constraint changed: AdminSetUserMFAPreference.request.UserPoolId (max 55 → 60)",
		"constraint changed: AdminSetUserSettings.request.MFAOptions[].DeliveryMedium (enum SMS,EMAIL → SMS,EMAIL,VOICE)",
		"member added: AdminSetUserSettings.request.ClientMetadata (string)",
		"member removed: SetUserMFAPreference.request.EmailMfaSettings (structure)",
		"error added: AdminSetUserMFAPreference.OperationNotEnabledException",
		"constraint changed: AdminGetUser.request.Username (required true → false)",
		"operation added: GetUserMFAPreference",
		"operation removed: AdminCreateUser",
		"member added: AdminSetUserMFAPreference.request.WebAuthnMfaSettings (structure)\n      reason: passkey MFA",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the drift report lacks %q; it is:\n%s", want, all)
		}
	}
	var buf bytes.Buffer
	if status := Report(&buf, "testdata/service-2.edited.json", "edited", drift); status != 1 {
		t.Errorf("new drift: status %d, want 1\n%s", status, buf.String())
	}
}

// TestInstalledModelHasNoNewDrift is the drift check of `make test`: it runs when the machine
// has a cognito-idp model (the installed botocore's, or $COGNITO_IDP_MODEL) and fails on a
// difference the table does not record in Known.
func TestInstalledModelHasNoNewDrift(t *testing.T) {
	path, err := FindModel()
	if errors.Is(err, ErrNoModel) {
		t.Skip(err)
	}
	m, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	var fresh []string
	for _, d := range Compare(m) {
		if !d.Known() {
			fresh = append(fresh, d.String())
		}
	}
	sort.Strings(fresh)
	if len(fresh) > 0 {
		t.Errorf("%s (%s) has drifted from the constraint table in ways it does not record; encode each in the table (then make generate) or add it to Known with the reason:\n%s",
			path, ModelVersion(path), strings.Join(fresh, "\n"))
	}
}

// TestKnownDriftStillHappens keeps Known honest on a machine that has the table's model: a
// recorded difference the model no longer shows is stale.
func TestKnownDriftStillHappens(t *testing.T) {
	path, err := FindModel()
	if errors.Is(err, ErrNoModel) {
		t.Skip(err)
	}
	if v := ModelVersion(path); !strings.HasPrefix(Source.Model, v+",") {
		t.Skipf("the machine's model is %s, not the table's", v)
	}
	m, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range Compare(m) {
		seen[d.Key()] = true
	}
	for _, k := range Known {
		if !seen[k.Key] {
			t.Errorf("Known records %q, which the table's own model does not show", k.Key)
		}
	}
}
