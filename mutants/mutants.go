// Package mutants proves the suite's sensitivity by mutation testing: it runs the suite
// against the embedded reference target once per registered mutation (a deliberate defect
// that breaks one behaviour of the catalogue, see reference.Mutations) and checks that every
// mutation is killed, i.e. fails at least one scenario tagged with a catalogue id the
// mutation claims to break. Only those scenarios can decide that, so by default they are the
// only ones a mutation's run holds (Options.Full runs the whole suite, to see off-target kills).
//
// The unmutated reference is run first, once per profile the mutations need, and must pass
// every scenario (not-applicable ones aside: they encode the other side of a conflict); a
// scenario that already fails there proves nothing about a mutant.
package mutants

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	conformance "github.com/cognito-conformance/cognito-conformance"
	"github.com/cognito-conformance/cognito-conformance/catalogue"
	"github.com/cognito-conformance/cognito-conformance/reference"
	"github.com/cognito-conformance/cognito-conformance/reports"
)

// Suite runs the suite once. conformance.Run is the real one; tests may pass another.
type Suite func(ctx context.Context, cfg conformance.Config) (*reports.Report, error)

// Options configures a mutants run.
type Options struct {
	// Mutations to run; nil runs every registered one (reference.Mutations()).
	Mutations []reference.Mutation
	// Parallel is how many suite runs go at once (each starts its own in-process reference);
	// <= 0 means one per CPU.
	Parallel int
	// Suite runs the suite; nil means conformance.Run.
	Suite Suite
	// Config is the template of every run (Tags, Paths, Concurrency...). Target, endpoint,
	// mutation, profile, conflict side and report files are set by the runner: every run is
	// against the embedded reference, follows its profile's side and writes no report.
	Config conformance.Config
	// RequireCoverage makes the run fail when a catalogue id some scenario is tagged with has
	// no mutation that claims to break it.
	RequireCoverage bool
	// Progress receives one line per finished run; nil is quiet.
	Progress io.Writer
	// Full runs the whole suite against every mutation. Without it a mutation's run holds only
	// the scenarios tagged with the ids it breaks: the verdict is the same (a mutation passes
	// only when such a scenario kills it), but a mutation that is not killed on target shows
	// as SURVIVED even when other scenarios would have killed it off target, and the kills
	// listed are the on-target ones. --full tells the two apart.
	Full bool
}

// Outcome of one mutation.
type Outcome string

const (
	Killed    Outcome = "killed"     // failed at least one scenario tagged with one of its ids
	OffTarget Outcome = "off-target" // failed only scenarios not tagged with any of its ids
	Survived  Outcome = "SURVIVED"   // failed no scenario at all
	Errored   Outcome = "error"      // the run could not be made
)

// Kill is one scenario that passed against the unmutated reference and failed against the
// mutant.
type Kill struct {
	URI      string
	Name     string
	IDs      []string // the scenario's catalogue tags: behaviours (B3) and sections (S1.2)
	OnTarget bool     // tagged with one of the ids the mutation breaks
	Message  string
}

// Result of one mutation.
type Result struct {
	Mutation reference.Mutation
	Profile  string
	Outcome  Outcome
	Kills    []Kill // in feature-file order
	Err      error
	Duration time.Duration
}

// OnTarget counts the kills tagged with one of the mutation's ids.
func (r Result) OnTarget() int {
	n := 0
	for _, k := range r.Kills {
		if k.OnTarget {
			n++
		}
	}
	return n
}

// Baseline is the unmutated reference's run under one profile.
type Baseline struct {
	Profile       string
	Passed        int
	NotApplicable int
	Broken        []string // scenarios neither passed nor not-applicable: "uri: name: status: message"
	Err           error
	Duration      time.Duration
	report        *reports.Report
}

// OK reports whether the baseline ran and passed.
func (b Baseline) OK() bool { return b.Err == nil && len(b.Broken) == 0 }

// Summary is the whole mutants run.
type Summary struct {
	Baselines []Baseline
	Results   []Result
	// Claimed is every catalogue behaviour id some scenario is tagged with; Uncovered those of
	// them no mutation of the run claims to break (filled only with RequireCoverage).
	Claimed   []string
	Uncovered []string
	Duration  time.Duration
	coverage  bool
	full      bool // every run held the whole suite (Options.Full)
}

// ErrBaselineBroken means the unmutated reference did not pass the suite, so no mutant ran.
var ErrBaselineBroken = errors.New("the unmutated reference does not pass the suite")

// Score is the number of mutations killed on target, out of those run.
func (s *Summary) Score() (killed, total int) {
	for _, r := range s.Results {
		if r.Outcome == Killed {
			killed++
		}
	}
	return killed, len(s.Results)
}

// OK reports whether the run proves the suite's sensitivity: every baseline passed, every
// mutation was killed on target and (when required) every claimed catalogue id is covered.
func (s *Summary) OK() bool {
	for _, b := range s.Baselines {
		if !b.OK() {
			return false
		}
	}
	if len(s.Results) == 0 || len(s.Uncovered) > 0 {
		return false
	}
	k, n := s.Score()
	return k == n
}

// ProfileOf is the reference profile a mutation runs under.
func ProfileOf(m reference.Mutation) string {
	if m.Profile == "" {
		return string(reference.ProfileAWS)
	}
	return string(m.Profile)
}

// Run runs the baselines, then every mutation, and judges them. The error is non-nil when a
// baseline could not be made or did not pass (ErrBaselineBroken); the summary says which.
func Run(ctx context.Context, opts Options) (*Summary, error) {
	started := time.Now()
	muts := opts.Mutations
	if muts == nil {
		muts = reference.Mutations()
	}
	suite := opts.Suite
	if suite == nil {
		suite = conformance.Run
	}
	parallel := opts.Parallel
	if parallel <= 0 {
		parallel = runtime.NumCPU()
	}
	sum := &Summary{coverage: opts.RequireCoverage, full: opts.Full}

	// Baselines: one per profile the mutations need (aws always, it is the default).
	profiles := []string{string(reference.ProfileAWS)}
	for _, m := range muts {
		if p := ProfileOf(m); !contains(profiles, p) {
			profiles = append(profiles, p)
		}
	}
	sum.Baselines = make([]Baseline, len(profiles))
	forEach(ctx, len(profiles), parallel, func(i int) {
		t0 := time.Now()
		rep, err := suite(ctx, runConfig(opts.Config, profiles[i], ""))
		b := judgeBaseline(profiles[i], rep, err)
		b.Duration = time.Since(t0)
		sum.Baselines[i] = b
		progress(opts.Progress, "baseline (%s): %d passed, %d not applicable, %d broken (%.1fs)",
			b.Profile, b.Passed, b.NotApplicable, len(b.Broken), b.Duration.Seconds())
	})
	byProfile := map[string]*reports.Report{}
	for _, b := range sum.Baselines {
		if b.Err != nil {
			sum.Duration = time.Since(started)
			return sum, b.Err
		}
		if !b.OK() {
			sum.Duration = time.Since(started)
			return sum, fmt.Errorf("%w (profile %s)", ErrBaselineBroken, b.Profile)
		}
		byProfile[b.Profile] = b.report
	}
	sum.Claimed = claimedIDs(byProfile[string(reference.ProfileAWS)])
	if opts.RequireCoverage {
		sum.Uncovered = uncovered(sum.Claimed, muts)
	}

	// Client scenarios (python start-up each) run only for the mutations they can kill on target.
	clientIDs := map[string][]string{}
	for prof, rep := range byProfile {
		clientIDs[prof] = clientScenarioIDs(rep)
	}
	sum.Results = make([]Result, len(muts))
	var done int
	var mu sync.Mutex
	forEach(ctx, len(muts), parallel, func(i int) {
		m := muts[i]
		t0 := time.Now()
		prof := ProfileOf(m)
		cfg := runConfig(opts.Config, prof, m.Name)
		var r Result
		if !opts.Full && !tagsAny(byProfile[prof], m.Breaks) {
			// No scenario of the suite is tagged with its ids: nothing can kill it on target.
			r = Result{Mutation: m, Profile: prof, Outcome: Survived}
		} else {
			if !opts.Full {
				cfg.Tags = conformance.AndTags(cfg.Tags, anyTag(m.Breaks))
			}
			if !overlaps(m.Breaks, clientIDs[prof]) {
				cfg.Tags = conformance.AndTags(cfg.Tags, conformance.NoClientScenarios)
			}
			rep, err := suite(ctx, cfg)
			r = judge(m, prof, byProfile[prof], rep, err)
		}
		r.Duration = time.Since(t0)
		sum.Results[i] = r
		mu.Lock()
		done++
		progress(opts.Progress, "[%2d/%d] %-10s %s (%d kills, %.1fs)", done, len(muts), r.Outcome, m.Name, len(r.Kills), r.Duration.Seconds())
		mu.Unlock()
	})
	for i := range sum.Results {
		if sum.Results[i].Mutation.Name == "" { // not run: the context ended first
			sum.Results[i] = Result{Mutation: muts[i], Profile: ProfileOf(muts[i]), Outcome: Errored, Err: ctx.Err()}
		}
	}
	sum.Duration = time.Since(started)
	return sum, ctx.Err()
}

// runConfig is one run's configuration: the embedded reference under profile, with the
// mutation, following the profile's side of conflicts, writing no report. Runs are strict: a
// mutation of wire fidelity (a dropped request id, another Content-Type) is only a warning
// otherwise, and a suite that sees it must still be shown to see it.
func runConfig(tmpl conformance.Config, profile, mutation string) conformance.Config {
	cfg := tmpl
	cfg.Target, cfg.Endpoint, cfg.AllowRealAWS, cfg.Region = "", "", false, ""
	cfg.Profile, cfg.Mutation, cfg.Follows = profile, mutation, ""
	cfg.ReportDir, cfg.Baseline, cfg.WriteBaseline = "", "", ""
	cfg.Progress, cfg.TestingT, cfg.Strict = nil, nil, true
	if cfg.Getenv == nil {
		// The reference is always the target: endpoint variables of the caller's shell must
		// not redirect a mutants run elsewhere.
		cfg.Getenv = func(string) string { return "" }
	}
	return cfg
}

func judgeBaseline(profile string, rep *reports.Report, err error) Baseline {
	b := Baseline{Profile: profile, report: rep}
	if rep == nil {
		if err == nil {
			err = errors.New("the run produced no report")
		}
		b.Err = err
		return b
	}
	for _, sc := range rep.Scenarios {
		switch sc.Status {
		case reports.Passed:
			b.Passed++
		case reports.NotApplicable:
			b.NotApplicable++
		default:
			b.Broken = append(b.Broken, fmt.Sprintf("%s: %s: %s: %s", sc.URI, sc.Name, sc.Status, sc.Message))
		}
	}
	if b.Passed == 0 && len(b.Broken) == 0 {
		b.Err = errors.New("no scenario passed")
	}
	return b
}

// judge compares a mutant's run with its profile's baseline. A kill is a scenario that
// passed on the baseline and failed against the mutant: the status that makes a run
// non-conforming.
func judge(m reference.Mutation, profile string, base, rep *reports.Report, err error) Result {
	r := Result{Mutation: m, Profile: profile}
	if rep == nil {
		if err == nil {
			err = errors.New("the run produced no report")
		}
		r.Outcome, r.Err = Errored, err
		return r
	}
	passed := map[string]bool{}
	for k, sc := range keyed(base) {
		passed[k] = sc.Status == reports.Passed
	}
	for k, sc := range keyed(rep) {
		if !passed[k] || sc.Status != reports.Failed {
			continue
		}
		ids := catalogue.IDs(sc.Tags)
		r.Kills = append(r.Kills, Kill{URI: sc.URI, Name: sc.Name, IDs: ids, OnTarget: overlaps(ids, m.Breaks), Message: sc.Message})
	}
	switch {
	case len(r.Kills) == 0:
		r.Outcome = Survived
	case r.OnTarget() == 0:
		r.Outcome = OffTarget
	default:
		r.Outcome = Killed
	}
	return r
}

// keyed lists a report's scenarios in file order under a key that tells apart the
// examples of an outline that share a name (their position among same-named scenarios).
func keyed(rep *reports.Report) func(yield func(string, *reports.Scenario) bool) {
	return func(yield func(string, *reports.Scenario) bool) {
		if rep == nil {
			return
		}
		seen := map[string]int{}
		for _, sc := range rep.Scenarios {
			k := sc.URI + "\x00" + sc.Name
			n := seen[k]
			seen[k]++
			if !yield(fmt.Sprintf("%s\x00%d", k, n), sc) {
				return
			}
		}
	}
}

// anyTag is the godog tag filter of the scenarios tagged with any of ids ("@B3,@B7").
func anyTag(ids []string) string { return "@" + strings.Join(ids, ",@") }

// tagsAny reports whether a scenario of the report is tagged with one of ids.
func tagsAny(rep *reports.Report, ids []string) bool {
	if rep == nil {
		return false
	}
	for _, sc := range rep.Scenarios {
		if overlaps(catalogue.IDs(sc.Tags), ids) {
			return true
		}
	}
	return false
}

// clientScenarioIDs is every catalogue id a client scenario of the report is tagged with. A
// mutation that breaks none of them can only be killed on target by other scenarios: its runs
// leave the client scenarios out (a kill they would add could only be off target).
func clientScenarioIDs(rep *reports.Report) []string {
	var out []string
	if rep == nil {
		return nil
	}
	for _, sc := range rep.Scenarios {
		if !conformance.IsClientScenario(sc.Tags) {
			continue
		}
		for _, id := range catalogue.IDs(sc.Tags) {
			if !contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

// claimedIDs is every behaviour id (B…) any scenario of the report is tagged with.
func claimedIDs(rep *reports.Report) []string {
	var out []string
	if rep == nil {
		return nil
	}
	for _, sc := range rep.Scenarios {
		for _, id := range catalogue.IDs(sc.Tags) {
			if strings.HasPrefix(id, "B") && !contains(out, id) {
				out = append(out, id)
			}
		}
	}
	sortIDs(out)
	return out
}

func uncovered(claimed []string, muts []reference.Mutation) []string {
	var out []string
	for _, id := range claimed {
		covered := false
		for _, m := range muts {
			covered = covered || contains(m.Breaks, id)
		}
		if !covered {
			out = append(out, id)
		}
	}
	return out
}

// sortIDs orders catalogue ids naturally: B2 before B10, B… before S….
func sortIDs(ids []string) {
	sort.Slice(ids, func(i, j int) bool { return catalogue.Less(ids[i], ids[j]) })
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// forEach runs f(0..n-1) with at most parallel at once; it stops handing out work when ctx ends.
func forEach(ctx context.Context, n, parallel int, f func(int)) {
	if parallel > n {
		parallel = n
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			i = n
		}
	}
	close(next)
	wg.Wait()
}

func progress(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}
