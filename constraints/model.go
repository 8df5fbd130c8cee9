package constraints

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// The drift check: the table against a cognito-idp model (botocore's service-2.json, plain or
// gzipped). It reports what the model added, removed or changed since the table's version,
// for the table's operations (members, constraints, errors, auth) and the service's operation
// list.

// Model is the part of a botocore model the check reads.
type Model struct {
	Operations map[string]modelOperation `json:"operations"`
	Shapes     map[string]modelShape     `json:"shapes"`
}

type modelOperation struct {
	Input    *struct{ Shape string }  `json:"input"`
	Output   *struct{ Shape string }  `json:"output"`
	Errors   []struct{ Shape string } `json:"errors"`
	AuthType string                   `json:"authtype"`
}

type modelShape struct {
	Type      string                            `json:"type"`
	Min       *float64                          `json:"min"`
	Max       *float64                          `json:"max"`
	Pattern   string                            `json:"pattern"`
	Enum      []string                          `json:"enum"`
	Sensitive bool                              `json:"sensitive"`
	Required  []string                          `json:"required"`
	Members   map[string]struct{ Shape string } `json:"members"`
	Member    *struct{ Shape string }           `json:"member"`
}

// LoadModel reads a botocore cognito-idp model.
func LoadModel(path string) (*Model, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if raw, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	var m Model
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s is not a botocore model: %w", path, err)
	}
	if len(m.Operations) == 0 || len(m.Shapes) == 0 {
		return nil, fmt.Errorf("%s is not a botocore model: no operations or shapes", path)
	}
	return &m, nil
}

// ModelPathEnv overrides where the model is looked for.
const ModelPathEnv = "COGNITO_IDP_MODEL"

// ErrNoModel: no cognito-idp model on this machine.
var ErrNoModel = errors.New("no cognito-idp model found: install botocore (pip install boto3) or give the path of service-2.json(.gz) with --model or " + ModelPathEnv)

// FindModel returns the model the machine has: $COGNITO_IDP_MODEL, else the one inside the
// botocore that python3 imports (the preinstalled boto3's).
func FindModel() (string, error) {
	if p := os.Getenv(ModelPathEnv); p != "" {
		return p, nil
	}
	out, err := exec.Command("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))").Output()
	if err != nil {
		return "", ErrNoModel
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "data", "cognito-idp", "2016-04-18")
	for _, name := range []string{"service-2.json.gz", "service-2.json"} {
		if p := filepath.Join(dir, name); fileExists(p) {
			return p, nil
		}
	}
	return "", ErrNoModel
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

var botocoreVersion = regexp.MustCompile(`__version__\s*=\s*['"]([^'"]+)['"]`)

// ModelVersion says which botocore a model path belongs to, when it can tell.
func ModelVersion(path string) string {
	dir := filepath.Dir(path)
	for i := 0; i < 5; i++ {
		if b, err := os.ReadFile(filepath.Join(dir, "__init__.py")); err == nil {
			if m := botocoreVersion.FindSubmatch(b); m != nil && filepath.Base(dir) == "botocore" {
				return "botocore " + string(m[1])
			}
		}
		dir = filepath.Dir(dir)
	}
	return "unknown version"
}

// Drift is one difference between the table and a model.
type Drift struct {
	Change string // "member added", "member removed", "constraint changed", "error added", …
	Where  string // "AdminSetUserMFAPreference.request.WebAuthnMfaSettings"
	Detail string
	// Reason is set when the table records this drift as known.
	Reason string
}

// Key is how Known names a drift.
func (d Drift) Key() string { return d.Change + ": " + d.Where }

// Known reports whether the table records the drift.
func (d Drift) Known() bool { return d.Reason != "" }

func (d Drift) String() string {
	s := d.Key()
	if d.Detail != "" {
		s += " (" + d.Detail + ")"
	}
	if d.Reason != "" {
		s += "\n      reason: " + d.Reason
	}
	return s
}

// facts are one node's comparable constraints.
type facts struct {
	typ       string
	min, max  string
	pattern   string
	enum      string
	sensitive bool
	required  bool
}

func (f facts) diff(g facts) []string {
	var out []string
	cmp := func(what, a, b string) {
		if a != b {
			out = append(out, fmt.Sprintf("%s %s → %s", what, show(a), show(b)))
		}
	}
	cmp("type", f.typ, g.typ)
	cmp("min", f.min, g.min)
	cmp("max", f.max, g.max)
	cmp("pattern", f.pattern, g.pattern)
	cmp("enum", f.enum, g.enum)
	cmp("sensitive", fmt.Sprint(f.sensitive), fmt.Sprint(g.sensitive))
	cmp("required", fmt.Sprint(f.required), fmt.Sprint(g.required))
	return out
}

func show(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func num(p *int) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}

func fnum(p *float64) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(int(*p))
}

// tableTree flattens the table's shape tree below a shape: path → facts.
func tableTree(shape, at string, required bool, out map[string]facts, depth int) {
	s := mustShape(shape)
	out[at] = facts{typ: string(s.Type), min: num(s.Min), max: num(s.Max), pattern: s.Pattern,
		enum: strings.Join(s.Enum, ","), sensitive: s.Sensitive, required: required}
	if depth > 8 {
		return
	}
	for _, m := range s.Members {
		tableTree(m.Shape, at+"."+m.Name, m.Required, out, depth+1)
	}
	if s.Item != "" {
		tableTree(s.Item, at+"[]", false, out, depth+1)
	}
}

func modelTree(m *Model, shape, at string, required bool, out map[string]facts, depth int) {
	s, ok := m.Shapes[shape]
	if !ok {
		out[at] = facts{typ: "(undefined shape " + shape + ")"}
		return
	}
	out[at] = facts{typ: s.Type, min: fnum(s.Min), max: fnum(s.Max), pattern: s.Pattern,
		enum: strings.Join(s.Enum, ","), sensitive: s.Sensitive, required: required}
	if depth > 8 {
		return
	}
	req := map[string]bool{}
	for _, r := range s.Required {
		req[r] = true
	}
	for name, mem := range s.Members {
		modelTree(m, mem.Shape, at+"."+name, req[name], out, depth+1)
	}
	if s.Member != nil {
		modelTree(m, s.Member.Shape, at+"[]", false, out, depth+1)
	}
}

// Compare lists the drift between the table and the model, known drift marked with its reason.
func Compare(m *Model) []Drift {
	var out []Drift
	ops := map[string]bool{}
	for _, name := range ModelOperations {
		ops[name] = true
	}
	var names []string
	for name := range m.Operations {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !ops[name] {
			out = append(out, Drift{Change: "operation added", Where: name})
		}
	}
	for _, name := range ModelOperations {
		if _, ok := m.Operations[name]; !ok {
			out = append(out, Drift{Change: "operation removed", Where: name})
		}
	}
	for _, op := range Operations {
		mo, ok := m.Operations[op.Name]
		if !ok {
			continue // reported above: the table's operations are in ModelOperations
		}
		auth := "sigv4"
		if mo.AuthType == "none" {
			auth = "none"
		}
		if auth != op.Auth {
			out = append(out, Drift{Change: "auth changed", Where: op.Name, Detail: op.Auth + " → " + auth})
		}
		out = append(out, compareErrors(op, mo)...)
		for _, side := range []struct {
			name, table string
			model       *struct{ Shape string }
		}{
			{"request", op.Input, mo.Input}, {"response", op.Output, mo.Output},
		} {
			want, got := map[string]facts{}, map[string]facts{}
			root := op.Name + "." + side.name
			tableTree(side.table, root, false, want, 0)
			if side.model != nil {
				modelTree(m, side.model.Shape, root, false, got, 0)
			}
			out = append(out, compareTrees(want, got)...)
		}
	}
	known := map[string]string{}
	for _, k := range Known {
		known[k.Key] = k.Reason
	}
	for i := range out {
		out[i].Reason = known[out[i].Key()]
	}
	return out
}

func compareErrors(op Operation, mo modelOperation) []Drift {
	var out []Drift
	have := map[string]bool{}
	for _, e := range op.Errors {
		have[e] = true
	}
	model := map[string]bool{}
	for _, e := range mo.Errors {
		model[e.Shape] = true
		if !have[e.Shape] {
			out = append(out, Drift{Change: "error added", Where: op.Name + "." + e.Shape})
		}
	}
	for _, e := range op.Errors {
		if !model[e] {
			out = append(out, Drift{Change: "error removed", Where: op.Name + "." + e})
		}
	}
	return out
}

// compareTrees reports added and removed members (only the topmost of a new or gone subtree)
// and changed constraints.
func compareTrees(want, got map[string]facts) []Drift {
	var out []Drift
	paths := map[string]bool{}
	for p := range want {
		paths[p] = true
	}
	for p := range got {
		paths[p] = true
	}
	sorted := make([]string, 0, len(paths))
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)
	// under: an ancestor of p below the root ("Op.request") is missing from set.
	under := func(p string, set map[string]facts) bool {
		root := len(p)
		if i := strings.Index(p, "."); i >= 0 {
			if j := strings.IndexAny(p[i+1:], ".["); j >= 0 {
				root = i + 1 + j
			}
		}
		for i := len(p) - 1; i > root; i-- {
			if p[i] == '.' || p[i] == '[' {
				if _, ok := set[p[:i]]; !ok {
					return true
				}
			}
		}
		return false
	}
	for _, p := range sorted {
		w, inTable := want[p]
		g, inModel := got[p]
		switch {
		case inTable && inModel:
			if d := w.diff(g); len(d) > 0 {
				out = append(out, Drift{Change: "constraint changed", Where: p, Detail: strings.Join(d, "; ")})
			}
		case inModel && !under(p, want):
			out = append(out, Drift{Change: "member added", Where: p, Detail: g.typ})
		case inTable && !under(p, got):
			out = append(out, Drift{Change: "member removed", Where: p, Detail: w.typ})
		}
	}
	return out
}

// Report prints the drift and returns the exit status: 1 when some drift is not known.
func Report(w io.Writer, path, version string, drift []Drift) int {
	fmt.Fprintf(w, "model: %s (%s)\n", path, version)
	fmt.Fprintf(w, "table: %s\n", Source.Model)
	fresh := 0
	for _, d := range drift {
		if !d.Known() {
			fresh++
		}
	}
	if len(drift) == 0 {
		fmt.Fprintln(w, "no drift: the model states exactly what the table holds")
		return 0
	}
	for _, d := range drift {
		mark := "NEW  "
		if d.Known() {
			mark = "known"
		}
		fmt.Fprintf(w, "%s %s\n", mark, d)
	}
	fmt.Fprintf(w, "%d differences: %d known, %d new\n", len(drift), len(drift)-fresh, fresh)
	if fresh > 0 {
		fmt.Fprintln(w, "each new difference is a decision: encode it in the table (package constraints, then make generate) or record it in constraints.Known with the reason")
		return 1
	}
	return 0
}
