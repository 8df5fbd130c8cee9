package reports

import "sort"

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
// stays a failure. A topic where no side passes keeps its failures: the target follows neither.
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
					c.Behaviours = appendUnique(c.Behaviours, b)
				}
			}
		}
		sort.Strings(passing)
		switch {
		case len(passing) == 1:
			c.Follows = passing[0]
		case len(passing) > 1:
			c.Follows = "both"
		case allNotRun(sides):
			c.Follows = "not-run"
		default:
			c.Follows = "neither"
		}
		for ev, list := range sides {
			other := (follows == FollowEither && c.Follows != ev && len(passing) == 1) ||
				(follows != FollowEither && follows != ev)
			if !other {
				continue
			}
			for _, sc := range list {
				if sc.Status == Passed || sc.Status == Failed {
					sc.Message = "the target follows the " + c.Follows + " side of conflict " + topic + "; this scenario encodes the " + ev + " side"
					if follows != FollowEither {
						sc.Message = "this run requires the " + follows + " side of conflict " + topic + "; this scenario encodes the " + ev + " side"
					}
					sc.Status = NotApplicable
				}
			}
		}
		sort.Slice(c.Behaviours, func(i, j int) bool { return behaviourLess(c.Behaviours[i], c.Behaviours[j]) })
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Topic < out[j].Topic })
	return out
}

func combined(list []*Scenario) Status {
	st := Passed
	for _, sc := range list {
		switch sc.Status {
		case Passed:
		case Failed:
			return Failed
		default:
			st = sc.Status
		}
	}
	return st
}

func allNotRun(sides map[string][]*Scenario) bool {
	for _, list := range sides {
		for _, sc := range list {
			if sc.Status == Passed || sc.Status == Failed {
				return false
			}
		}
	}
	return true
}
