package reports

import (
	"slices"
	"sort"

	"github.com/cognito-conformance/cognito-conformance/catalogue"
)

// Sides a run may require of conflicts.
const (
	FollowEither      = "either"
	FollowDocumented  = EvidenceDocumented
	FollowAWSVerified = EvidenceAWSVerified
)

// ResolveConflicts decides, for every conflict topic, which side the target follows, and
// re-labels the scenarios of the side it does not follow as not-applicable: a target cannot
// follow both sides of a contradiction, so only one side can pass.
//
// follows = "either" accepts whichever side passes completely; "documented" or "aws-verified"
// demands that side, so the other side is not-applicable and a failure on the demanded side
// stays a failure. A topic where no side passes keeps its failures: the target follows neither,
// unless a side could still pass once its inconclusive scenarios are judged: then the topic is
// undecided. A side with warnings does not pass, but when no side passes and exactly one side
// holds on the contract (warnings only), the target follows that side: a conflict scenario
// asserts the contested point as contract and everything else at most as fidelity, so "neither"
// means the target matches neither side on that point.
func ResolveConflicts(scenarios []*Scenario, follows string) []Conflict {
	topics := map[string]map[string][]*Scenario{}
	for _, sc := range scenarios {
		if sc.Conflict == "" {
			continue
		}
		if topics[sc.Conflict] == nil {
			topics[sc.Conflict] = map[string][]*Scenario{}
		}
		topics[sc.Conflict][sc.Evidence] = append(topics[sc.Conflict][sc.Evidence], sc)
	}
	var out []Conflict
	for topic, sides := range topics {
		c := Conflict{Topic: topic, Sides: map[string]Status{}}
		passing := []string{}
		for ev, list := range sides {
			st := combined(list)
			c.Sides[ev] = st
			if st == Passed {
				passing = append(passing, ev)
			}
			for _, sc := range list {
				for _, b := range sc.Behaviours {
					if !slices.Contains(c.Behaviours, b) {
						c.Behaviours = append(c.Behaviours, b)
					}
				}
			}
		}
		sort.Strings(passing)
		if len(passing) == 0 && !anyScenario(sides, Inconclusive) {
			// No side holds exactly. A side whose only differences are wire-fidelity bytes
			// (a message's wording, say) still holds on the contested point: the target
			// follows it, with warnings. Only a contract difference on every side is "neither".
			if w := sidesWith(sides, Warning); len(w) == 1 {
				passing = w
			}
		}
		c.Follows = followed(passing, c.Sides, anyJudged(sides))
		if c.Follows == "undecided" && follows == FollowEither {
			// A side could not be judged, so the target may follow it: a failure on another
			// side cannot be blamed on the target.
			for _, list := range sides {
				for _, sc := range list {
					if sc.Status == Failed || sc.Status == Warning {
						sc.Message = "conflict " + topic + " is undecided (a side could not be judged), so this side's difference cannot be blamed: " + sc.Message
						sc.Status, sc.Cause = Inconclusive, CauseConflict
					}
				}
			}
		}
		for ev, list := range sides {
			other := (follows == FollowEither && c.Follows != ev && len(passing) == 1) ||
				(follows != FollowEither && follows != ev)
			if !other {
				continue
			}
			for _, sc := range list {
				if judged(sc.Status) {
					sc.Message = "the target follows the " + c.Follows + " side of conflict " + topic + "; this scenario encodes the " + ev + " side"
					if follows != FollowEither {
						sc.Message = "this run requires the " + follows + " side of conflict " + topic + "; this scenario encodes the " + ev + " side"
					}
					sc.Status = NotApplicable
				}
			}
		}
		sort.Slice(c.Behaviours, func(i, j int) bool { return catalogue.Less(c.Behaviours[i], c.Behaviours[j]) })
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Topic < out[j].Topic })
	return out
}

// followed names the side the target follows, given the sides that pass, every side's
// combined status and whether any scenario of the topic was judged.
func followed(passing []string, sides map[string]Status, judgedAny bool) string {
	switch {
	case len(passing) == 1:
		return passing[0]
	case len(passing) > 1:
		return "both"
	case anySide(sides, Inconclusive):
		return "undecided"
	case !judgedAny:
		return "not-run"
	default:
		return "neither"
	}
}

// sideOrder ranks the statuses a side's scenarios may have, the one deciding the side first.
// A failure or a warning proves the side is not followed completely. Not-implemented and
// not-applicable keep the side from passing whatever else happens. Only then does an
// inconclusive scenario matter: the side would pass if it were judged a pass, so the side is
// undecided rather than failing.
var sideOrder = []Status{Failed, Warning, NotImplemented, NotApplicable, Inconclusive}

// combined is the status of one side: passed only if all its scenarios passed.
func combined(list []*Scenario) Status {
	seen := map[Status]bool{}
	for _, sc := range list {
		seen[sc.Status] = true
	}
	for _, st := range sideOrder {
		if seen[st] {
			return st
		}
	}
	return Passed
}

// sidesWith lists the sides whose scenarios all passed or warned, at least one with status want.
func sidesWith(sides map[string][]*Scenario, want Status) []string {
	var out []string
	for ev, list := range sides {
		seen := false
		ok := true
		for _, sc := range list {
			seen = seen || sc.Status == want
			ok = ok && (sc.Status == Passed || sc.Status == want)
		}
		if seen && ok {
			out = append(out, ev)
		}
	}
	sort.Strings(out)
	return out
}

func anyScenario(sides map[string][]*Scenario, want Status) bool {
	for _, list := range sides {
		for _, sc := range list {
			if sc.Status == want {
				return true
			}
		}
	}
	return false
}

func anySide(sides map[string]Status, want Status) bool {
	for _, st := range sides {
		if st == want {
			return true
		}
	}
	return false
}

func anyJudged(sides map[string][]*Scenario) bool {
	for _, list := range sides {
		for _, sc := range list {
			if judged(sc.Status) {
				return true
			}
		}
	}
	return false
}

// judged says whether the scenario ran to a verdict about the target: the statuses that
// become not-applicable on the side the target does not follow.
func judged(st Status) bool { return st == Passed || st == Failed || st == Warning }
