package reference

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/constraints"
)

// requestType is the decoded request type of a registered operation (the In of its
// operation[In], read from its validate step).
func requestType(t *testing.T, op string) reflect.Type {
	t.Helper()
	h, ok := operations[op]
	if !ok {
		t.Fatalf("the table's operation %s is not served", op)
	}
	validate, ok := reflect.TypeOf(h).FieldByName("validate")
	if !ok {
		t.Fatalf("%s: %T has no validate step", op, h)
	}
	return validate.Type.In(0).Elem()
}

// sampleOf is a value of the shape's JSON type (not necessarily a valid one).
func sampleOf(t *testing.T, shape string) any {
	s, ok := constraints.ShapeNamed(shape)
	if !ok {
		t.Fatalf("no shape %s", shape)
	}
	switch s.Type {
	case constraints.String:
		return "x"
	case constraints.Boolean:
		return true
	case constraints.List:
		return []any{sampleOf(t, s.Item)}
	case constraints.Structure:
		obj := map[string]any{}
		for _, m := range s.Members {
			obj[m.Name] = sampleOf(t, m.Shape)
		}
		return obj
	}
	t.Fatalf("shape %s: no sample for type %s", shape, s.Type)
	return nil
}

// TestTableOperationsDecodeTheTableTypes: byTable validates the decoded request, so the
// request type of each table operation must hold every member of the table with the table's
// JSON type; a member it dropped or retyped would be validated wrongly.
func TestTableOperationsDecodeTheTableTypes(t *testing.T) {
	for _, op := range constraints.Operations {
		body, _ := json.Marshal(sampleOf(t, op.Input))
		in := reflect.New(requestType(t, op.Name)).Interface()
		if err := json.Unmarshal(body, in); err != nil {
			t.Errorf("%s: the request type does not decode a body of the table's types: %v", op.Name, err)
			continue
		}
		again, _ := json.Marshal(in)
		var got, want map[string]any
		_ = json.Unmarshal(again, &got)
		_ = json.Unmarshal(body, &want)
		for member, v := range want {
			if !reflect.DeepEqual(got[member], v) {
				t.Errorf("%s: member %s decodes to %v, want %v", op.Name, member, got[member], v)
			}
		}
	}
}

// TestTableOperationsValidateByTable: each operation of the table answers the table's
// message for a request that breaks every member the table constrains.
func TestTableOperationsValidateByTable(t *testing.T) {
	s := New()
	bodies := map[string]string{
		"AdminSetUserMFAPreference": `{"Username": ""}`,
		"SetUserMFAPreference":      `{"AccessToken": "not a token"}`,
		"AdminSetUserSettings":      `{"UserPoolId": "x", "MFAOptions": [{"DeliveryMedium": "sms", "AttributeName": ""}]}`,
		"AdminGetUser":              `{}`,
		"GetUser":                   `{}`,
	}
	for op, body := range bodies {
		want, err := constraints.Check(op, []byte(body), nil)
		if err != nil || len(want.Violations) == 0 {
			t.Fatalf("%s: the sample %s breaks nothing in the table (%v)", op, body, err)
		}
		c := &call{s: s, body: []byte(body), op: op}
		_, e := operations[op].serve(c)
		if e == nil || e.Code != "InvalidParameterException" || e.Message != want.Message() {
			t.Errorf("%s %s: answered %+v, want InvalidParameterException %q", op, body, e, want.Message())
		}
	}
}

// TestConstraintMutationsCoverTheTable: one generated mutation per member the table
// constrains beyond its type, breaking the sections of the operations that have it, and each
// switches off that member's violations only.
func TestConstraintMutationsCoverTheTable(t *testing.T) {
	want := map[string][]string{
		"skip-user-pool-id-constraints":    {"S1.2", "S1.4", "S1.1"},
		"skip-username-constraints":        {"S1.2", "S1.4", "S1.1"},
		"skip-access-token-constraints":    {"S1.3", "S1.1"},
		"skip-mfa-options-constraints":     {"S1.4"},
		"skip-delivery-medium-constraints": {"S1.4"},
		"skip-attribute-name-constraints":  {"S1.4"},
	}
	got := map[string]Mutation{}
	for _, m := range Mutations() {
		if strings.HasSuffix(m.Name, "-constraints") {
			got[m.Name] = m
		}
	}
	if len(got) != len(want) {
		t.Errorf("generated %d constraint mutations, want %d", len(got), len(want))
	}
	body := []byte(`{"UserPoolId": "", "Username": "", "MFAOptions": [{"DeliveryMedium": "sms", "AttributeName": ""}]}`)
	all, _ := constraints.Check("AdminSetUserSettings", body, nil)
	for name, sections := range want {
		m, ok := got[name]
		if !ok {
			t.Errorf("no mutation %s", name)
			continue
		}
		if !slices.Equal(m.Breaks, sections) {
			t.Errorf("%s breaks %v, want %v", name, m.Breaks, sections)
		}
		if name == "skip-access-token-constraints" {
			continue // not a member of AdminSetUserSettings
		}
		vd := validator{op: "AdminSetUserSettings", off: New(WithMutation(name)).switchedOff}
		var in adminSetUserSettingsIn
		_ = json.Unmarshal(body, &in)
		vd.table(&in)
		member := strings.TrimSuffix(strings.TrimPrefix(name, "skip-"), "-constraints")
		for _, v := range all.Violations {
			skipped := !slices.Contains(vd.v, v.Text)
			if mine := kebabCase(v.Member) == member; skipped != mine {
				t.Errorf("%s: violation %q skipped=%v", name, v.Text, skipped)
			}
		}
	}
}
