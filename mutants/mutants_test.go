package mutants_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/featureset"
	"github.com/cognito-conformance/cognito-conformance/mutants"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
)

// The real runs below leave out the client scenarios (they start Python processes and add
// nothing these tests need), so the tests stay a few seconds long.
var noClients = conformance.NoClientScenarios

// TestMutationWithNoScenarioBehindItFailsTheRun registers a mutation that switches off,
// replaces and rewrites nothing, so nothing on the wire changes: no scenario can notice it.
// The mutants run must report it SURVIVED and fail, while a known mutation in the same run is
// killed by the @B3 scenarios.
func TestMutationWithNoScenarioBehindItFailsTheRun(t *testing.T) {
	unregister, err := reference.RegisterMutation(reference.Mutation{
		Name: "test-mutation-without-hook", Breaks: []string{"B3"},
		Description: "registered by mutants_test.go; disables, replaces and rewrites nothing",
	})
	if err != nil {
		t.Fatal(err)
	}
	defer unregister()
	known, ok := reference.LookupMutation("accept-two-preferred-factors")
	if !ok {
		t.Fatal("accept-two-preferred-factors is not registered")
	}
	noop, _ := reference.LookupMutation("test-mutation-without-hook")

	sum, err := mutants.Run(context.Background(), mutants.Options{
		Mutations: []reference.Mutation{known, noop}, Parallel: 2,
		Config: conformance.Config{Tags: noClients},
	})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if sum.OK() {
		t.Error("the run passed although a mutation survived")
	}
	if k, n := sum.Score(); k != 1 || n != 2 {
		t.Errorf("score %d/%d, want 1/2", k, n)
	}
	byName := map[string]mutants.Result{}
	for _, r := range sum.Results {
		byName[r.Mutation.Name] = r
	}
	if r := byName["test-mutation-without-hook"]; r.Outcome != mutants.Survived || len(r.Kills) != 0 {
		t.Errorf("no-hook mutation: %s with %d kills, want SURVIVED with none", r.Outcome, len(r.Kills))
	}

	r := byName["accept-two-preferred-factors"]
	if r.Outcome != mutants.Killed {
		t.Fatalf("accept-two-preferred-factors: %s (%v), want killed", r.Outcome, r.Err)
	}
	for _, k := range r.Kills {
		if !k.OnTarget {
			t.Errorf("accept-two-preferred-factors killed %q, which is not tagged @B3 (%v)", k.Name, k.IDs)
		}
	}
	if r.OnTarget() < 2 {
		t.Errorf("accept-two-preferred-factors killed by %d @B3 scenarios, want both preference operations' (>= 2)", r.OnTarget())
	}

	var out bytes.Buffer
	sum.WriteTable(&out)
	for _, want := range []string{"test-mutation-without-hook", "SURVIVED", "mutation score: 1/2", "result: FAILED"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}

// fake is a Suite that answers canned reports: scenario name -> status, per mutation ("" is
// the baseline).
func fake(runs map[string]map[string]reports.Status, tags map[string][]string) mutants.Suite {
	return func(_ context.Context, cfg conformance.Config) (*reports.Report, error) {
		statuses, ok := runs[cfg.Mutation]
		if !ok {
			return nil, &conformance.SetupError{Err: errors.New("unknown run " + cfg.Mutation)}
		}
		rep := &reports.Report{}
		for _, name := range []string{"a", "b", "c"} {
			st, ok := statuses[name]
			if !ok {
				st = reports.Passed
			}
			rep.Scenarios = append(rep.Scenarios, &reports.Scenario{URI: "features/x.feature", Name: name, Tags: tags[name], Status: st})
		}
		return rep, nil
	}
}

func TestJudgement(t *testing.T) {
	tags := map[string][]string{"a": {"@B3", "@aws-verified"}, "b": {"@B26", "@S1.1"}, "c": {"@inferred"}}
	runs := map[string]map[string]reports.Status{
		"":            {"c": reports.NotApplicable},
		"on-target":   {"a": reports.Failed, "b": reports.Failed},
		"off-target":  {"b": reports.Failed},
		"survives":    {"a": reports.Inconclusive}, // not a failure: an unjudged scenario kills nothing
		"already-n/a": {"c": reports.Failed},       // c was not passing on the baseline: proves nothing
	}
	muts := []reference.Mutation{
		{Name: "on-target", Breaks: []string{"B3"}},
		{Name: "off-target", Breaks: []string{"B3"}},
		{Name: "survives", Breaks: []string{"B3"}},
		{Name: "already-n/a", Breaks: []string{"B3"}},
	}
	sum, err := mutants.Run(context.Background(), mutants.Options{Mutations: muts, Suite: fake(runs, tags), Parallel: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []mutants.Outcome{mutants.Killed, mutants.OffTarget, mutants.Survived, mutants.Survived}
	for i, r := range sum.Results {
		if r.Outcome != want[i] {
			t.Errorf("%s: %s, want %s", r.Mutation.Name, r.Outcome, want[i])
		}
	}
	if r := sum.Results[0]; r.OnTarget() != 1 || len(r.Kills) != 2 || strings.Join(r.Kills[1].IDs, ",") != "B26,S1.1" {
		t.Errorf("on-target kills: %+v", r.Kills)
	}
	if sum.OK() {
		t.Error("the run passed with an off-target and a surviving mutation")
	}

	// Coverage: B26 is claimed by scenario b but no mutation breaks it.
	sum, err = mutants.Run(context.Background(), mutants.Options{
		Mutations: muts[:1], Suite: fake(runs, tags), RequireCoverage: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(sum.Uncovered, ",") != "B26" || sum.OK() {
		t.Errorf("uncovered %v, OK %v; want [B26], false", sum.Uncovered, sum.OK())
	}
}

func TestBrokenBaselineRunsNoMutant(t *testing.T) {
	runs := map[string]map[string]reports.Status{"": {"b": reports.Failed}, "m": {"a": reports.Failed}}
	sum, err := mutants.Run(context.Background(), mutants.Options{
		Mutations: []reference.Mutation{{Name: "m", Breaks: []string{"B3"}}},
		Suite:     fake(runs, map[string][]string{"a": {"@B3"}}),
	})
	if !errors.Is(err, mutants.ErrBaselineBroken) {
		t.Fatalf("err %v, want ErrBaselineBroken", err)
	}
	if len(sum.Results) != 0 || sum.OK() || len(sum.Baselines) != 1 || len(sum.Baselines[0].Broken) != 1 {
		t.Errorf("summary %+v", sum)
	}
}

// A mutation declared for the documented profile runs under it, against that profile's baseline.
func TestProfileOfMutation(t *testing.T) {
	var profiles []string
	suite := func(_ context.Context, cfg conformance.Config) (*reports.Report, error) {
		profiles = append(profiles, cfg.Profile+"/"+cfg.Mutation)
		if cfg.Follows != "" || cfg.ReportDir != "" {
			t.Errorf("run config follows %q, report dir %q; want both empty", cfg.Follows, cfg.ReportDir)
		}
		return &reports.Report{Scenarios: []*reports.Scenario{{Name: "a", Tags: []string{"@B20"}, Status: reports.Passed}}}, nil
	}
	_, _ = mutants.Run(context.Background(), mutants.Options{
		Mutations: []reference.Mutation{{Name: "d", Breaks: []string{"B20"}, Profile: reference.ProfileDocumented}},
		Suite:     suite, Parallel: 1,
	})
	if got := strings.Join(profiles, " "); got != "aws/ documented/ documented/d" {
		t.Errorf("runs %q, want the aws and documented baselines, then d under documented", got)
	}
}

// TestClientScenariosRunOnlyForMutationsTheyCanKill: a mutation whose ids no client scenario
// is tagged with runs without the client scenarios; one that breaks a client scenario's id
// runs them. The suite is a stand-in that answers from a fixed report.
func TestClientScenariosRunOnlyForMutationsTheyCanKill(t *testing.T) {
	t.Parallel()
	scenarios := []*reports.Scenario{
		{URI: "features/clients.feature", Name: "a client", Tags: []string{"@B1", "@client-cli"}, Status: reports.Passed},
		{URI: "features/x.feature", Name: "B1 raw", Tags: []string{"@B1"}, Status: reports.Passed},
		{URI: "features/x.feature", Name: "B3 raw", Tags: []string{"@B3"}, Status: reports.Passed},
	}
	var mu sync.Mutex
	tagsOf := map[string]string{}
	suite := func(_ context.Context, cfg conformance.Config) (*reports.Report, error) {
		mu.Lock()
		tagsOf[cfg.Mutation] = cfg.Tags
		mu.Unlock()
		rep := &reports.Report{}
		for _, sc := range scenarios {
			if !featureset.MatchTags(cfg.Tags, sc.Tags) {
				continue
			}
			c := *sc
			if cfg.Mutation != "" && slices.Contains(c.Tags, "@"+strings.TrimPrefix(cfg.Mutation, "breaks-")) {
				c.Status = reports.Failed
			}
			rep.Scenarios = append(rep.Scenarios, &c)
		}
		return rep, nil
	}
	for _, full := range []bool{true, false} {
		sum, err := mutants.Run(context.Background(), mutants.Options{
			Mutations: []reference.Mutation{{Name: "breaks-B1", Breaks: []string{"B1"}}, {Name: "breaks-B3", Breaks: []string{"B3"}}},
			Suite:     suite, Parallel: 2, Config: conformance.Config{Tags: "~@wip"}, Full: full,
		})
		if err != nil || !sum.OK() {
			t.Fatalf("full=%v: run: %v, ok %v", full, err, sum != nil && sum.OK())
		}
		// Without --full a mutation's run holds only the scenarios tagged with its ids.
		b1, b3 := "~@wip && @B1", "~@wip && @B3 && "+conformance.NoClientScenarios
		if full {
			b1, b3 = "~@wip", "~@wip && "+conformance.NoClientScenarios
		}
		if got := tagsOf["breaks-B1"]; got != b1 {
			t.Errorf("full=%v: a mutation of a client scenario's behaviour ran with tags %q, want %q", full, got, b1)
		}
		if got := tagsOf["breaks-B3"]; got != b3 {
			t.Errorf("full=%v: a mutation no client scenario can see ran with tags %q, want %q", full, got, b3)
		}
	}
	if tagsOf[""] != "~@wip" {
		t.Errorf("the baseline ran with tags %q, want the run's own", tagsOf[""])
	}
}
