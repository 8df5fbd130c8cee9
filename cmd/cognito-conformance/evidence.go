package main

import (
	"fmt"
	"io"

	"github.com/cognito-conformance/cognito-conformance/reports"
)

// writeContradictions lists the scenarios whose expectation a recording of real AWS
// contradicts: the catalogue or AWS has moved, and the scenario's verdicts mean less until
// someone looks.
func writeContradictions(w io.Writer, rep *reports.Report) {
	list := rep.Contradicted()
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(w, "\nExpectations contradicted by real AWS (%d):\n", len(list))
	for _, s := range list {
		fmt.Fprintf(w, "  %s  %s %v\n       %s\n", s.Feature, s.Name, s.Behaviours, s.Basis.Recording.Note)
	}
}
