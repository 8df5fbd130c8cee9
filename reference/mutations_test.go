package reference

import (
	"reflect"
	"testing"

	"github.com/cognito-conformance/cognito-conformance/catalogue"
)

// TestMutationsAreWellFormed checks the registry: kebab-case unique names, ids of behaviours
// the catalogue lists and the suite does not leave out, a description and a known profile.
func TestMutationsAreWellFormed(t *testing.T) {
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
			switch e, ok := catalogue.Lookup(b); {
			case !ok:
				t.Errorf("%s: breaks %q, which the catalogue does not list", m.Name, b)
			case e.Excluded != "":
				t.Errorf("%s: breaks %s, which the suite leaves out (%s)", m.Name, b, e.Excluded)
			}
		}
		if m.Description == "" {
			t.Errorf("%s: no description", m.Name)
		}
		if m.Profile != "" && m.Profile != ProfileAWS && m.Profile != ProfileDocumented {
			t.Errorf("%s: unknown profile %q", m.Name, m.Profile)
		}
	}
}

// TestMutationsNameTheContract links each mutation to the contract through data: every
// mutation does something (a mutation that does nothing is one no scenario can kill), every
// rule it switches off is declared and can be switched off, and every function it stands in
// for a step is declared under that name with the same type at every use of the name.
func TestMutationsNameTheContract(t *testing.T) {
	for _, m := range Mutations() {
		if len(m.Disables) == 0 && len(m.Replaces) == 0 && m.Rewrite == nil {
			t.Errorf("%s: disables, replaces and rewrites nothing", m.Name)
		}
		for _, name := range m.Disables {
			info, ok := declared[name]
			switch {
			case !ok:
				t.Errorf("%s: disables %q, which no operation declares", m.Name, name)
			case !info.switchable:
				t.Errorf("%s: disables %q, a part of an effect (replace it instead)", m.Name, name)
			}
		}
		for name, fn := range m.Replaces {
			info, ok := declared[name]
			if !ok {
				t.Errorf("%s: replaces %q, which no operation declares", m.Name, name)
				continue
			}
			if info.dataOnly {
				t.Errorf("%s: replaces %q, which can only be switched off", m.Name, name)
			}
			for _, want := range info.types {
				if got := reflect.TypeOf(fn); got != want {
					t.Errorf("%s: replaces %q (%v) with a %v", m.Name, name, want, got)
				}
			}
		}
	}
}

// TestActiveMutationReachesItsSteps: a server started with a mutation runs the mutation's
// stand-ins and skips what it switches off, and only there.
func TestActiveMutationReachesItsSteps(t *testing.T) {
	plain := New()
	if _, on := onePreferredFactor.active(plain); !on {
		t.Fatal("a server without a mutation switched a rule off")
	}
	off := New(WithMutation("accept-two-preferred-factors"))
	if _, on := onePreferredFactor.active(off); on {
		t.Error("accept-two-preferred-factors left one-preferred-factor on")
	}
	if _, on := preferredFactorEnabled.active(off); !on {
		t.Error("accept-two-preferred-factors switched another rule off")
	}
	keep := New(WithMutation("keep-preference-when-factor-disabled"))
	u := newUser("u", plain.now())
	u.mfaEnabled[factorSMS], u.preferred = true, factorSMS
	disableFactor.use(keep)(u, factorSMS, false)
	if u.preferred != factorSMS {
		t.Error("the stand-in for disable-factor did not run")
	}
	if !New(WithMutation("skip-user-pool-id-constraints")).switchedOff("user-pool-id-constraints") {
		t.Error("skip-user-pool-id-constraints does not switch UserPoolId's validation off")
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
