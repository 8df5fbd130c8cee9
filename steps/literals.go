package steps

import (
	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/redact"
)

// What a scenario wrote itself is not a secret (redact.Literals): a literal token the feature
// sends, and a target's echo of it, appear in messages and records as written. Only values the
// run obtained are masked.

// scenarioLiterals collects the literal values of a scenario's steps, docstrings and tables.
func scenarioLiterals(sc *godog.Scenario) redact.Literals {
	var texts []string
	for _, st := range sc.Steps {
		texts = append(texts, st.Text)
		if st.Argument == nil {
			continue
		}
		if d := st.Argument.DocString; d != nil {
			texts = append(texts, d.Content)
		}
		if t := st.Argument.DataTable; t != nil {
			for _, row := range t.Rows {
				for _, c := range row.Cells {
					texts = append(texts, c.Value)
				}
			}
		}
	}
	return redact.LiteralsOf(texts...)
}

// learn registers secret values with the run's redactor, except the scenario's literals.
func (w *World) learn(values ...string) {
	w.env.Redactor.Add(w.literals.Secrets(values...)...)
}

// redactor is the run's redactor as this scenario sees it: its literals stay readable.
func (w *World) redactor() redact.View { return redact.View{R: w.env.Redactor, Keep: w.literals} }
