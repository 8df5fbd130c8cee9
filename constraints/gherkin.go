package constraints

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Kinds of generated outlines, in the order a feature lists them.
const (
	kindLength   = "length"
	kindBoundary = "boundary"
	kindPattern  = "pattern"
	kindEnum     = "enum"
	kindType     = "type"
	kindRequired = "required"
	kindIgnored  = "ignored"
	kindSeveral  = "several"
)

var kinds = []string{kindLength, kindBoundary, kindPattern, kindEnum, kindType, kindRequired, kindIgnored, kindSeveral}

// unknownMember is a member no model has.
const unknownMember = "NotAModelledMember"

// row is one Examples row: one violation (or one accepted boundary or ignored member).
type row struct {
	kind      string
	settings  bool
	member    string // the member as the model spells it, entries counted from 1: "MFAOptions[2].AttributeName"
	violation string
	body      string
	at        string // the members the message must name, as AWS names them
	message   string
}

// FeatureFile is the name of the generated feature of an operation.
func FeatureFile(op string) string { return "constraints_" + snake(op) + ".feature" }

// snake spells an operation name as the hand-written features do: AdminSetUserMFAPreference
// is admin_set_user_mfa_preference.
func snake(s string) string {
	upper := func(i int) bool { return i >= 0 && i < len(s) && s[i] >= 'A' && s[i] <= 'Z' }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if upper(i) {
			if i > 0 && (!upper(i-1) || (i+1 < len(s) && !upper(i+1))) {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Features returns every generated feature: file name → content.
func Features() map[string]string {
	out := map[string]string{}
	for _, p := range plans {
		out[FeatureFile(p.op)] = feature(p)
	}
	return out
}

// Count returns the number of generated scenarios (Examples rows) per operation.
func Count() map[string]int {
	out := map[string]int{}
	for _, p := range plans {
		out[p.op] = len(rowsOf(p))
	}
	return out
}

func rowsOf(p plan) []row {
	g := generator{p: p, op: mustOperation(p.op)}
	in := mustShape(g.op.Input)
	for _, m := range in.Members {
		g.member(path{m.Name}, m, mustShape(m.Shape))
	}
	g.wholeBody()
	return g.rows
}

func mustOperation(name string) *Operation {
	o, ok := OperationNamed(name)
	if !ok {
		panic("constraints: no operation " + name)
	}
	return o
}

type generator struct {
	p    plan
	op   *Operation
	rows []row
	// strings are the top-level string members, for the several-violations row.
	strings []path
}

func (g *generator) scope(p path) (*scope, bool) {
	if g.p.settings != nil && g.p.inSettings(p) {
		return g.p.settings, true
	}
	return &g.p.request, false
}

// fill gives a valid value for a parent the generator has to create at p.
func (g *generator) fill(p path) any { return validOf(g.shapeAt(p).Name) }

func (g *generator) shapeAt(p path) *Shape {
	s := mustShape(g.op.Input)
	for _, step := range p {
		switch x := step.(type) {
		case string:
			found := false
			for _, m := range s.Members {
				if m.Name == x {
					s, found = mustShape(m.Shape), true
					break
				}
			}
			if !found {
				panic(fmt.Sprintf("constraints: %s has no member %s", s.Name, x))
			}
		case int:
			s = mustShape(s.Item)
		}
	}
	return s
}

// display spells a path the way the model names members, list entries counted from 1.
func display(p path) string {
	var b strings.Builder
	for i, step := range p {
		switch x := step.(type) {
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(x)
		case int:
			fmt.Fprintf(&b, "[%d]", x+1)
		}
	}
	return b.String()
}

// add checks a row's body against the table (the fixtures' placeholders replaced by sample
// values) and fills in what the answer must say. A row whose body does not break the table
// the way its kind says is a defect of the generator: it panics, and the tests fail.
func (g *generator) add(kind string, p path, violation string, body any, settings bool) {
	text := ""
	if body != nil {
		text = render(body)
	}
	g.addText(kind, display(p), violation, text, settings)
}

func (g *generator) addText(kind, member, violation, text string, settings bool) {
	checked := text
	for ph, v := range placeholderSamples {
		checked = strings.ReplaceAll(checked, ph, v)
	}
	out, err := Check(g.op.Name, []byte(checked), nil)
	if err != nil {
		panic(err)
	}
	r := row{kind: kind, settings: settings, member: member, violation: violation, body: text}
	switch kind {
	case kindType:
		if out.Serialization == "" {
			panic(fmt.Sprintf("constraints: %s %s %s is no serialisation error: %s", g.op.Name, member, violation, text))
		}
	case kindBoundary, kindIgnored:
		if !out.OK() {
			panic(fmt.Sprintf("constraints: %s %s %s should pass the table: %+v", g.op.Name, member, violation, out))
		}
	default:
		if out.Serialization != "" || len(out.Violations) == 0 {
			panic(fmt.Sprintf("constraints: %s %s %s breaks no constraint: %+v", g.op.Name, member, violation, out))
		}
		var names []string
		seen := map[string]bool{}
		for _, v := range out.Violations {
			if !seen[v.At] {
				seen[v.At] = true
				names = append(names, v.At)
			}
		}
		r.at = strings.Join(names, ", ")
		r.message = out.Message()
	}
	g.rows = append(g.rows, r)
}

func (g *generator) member(p path, m Member, s *Shape) {
	sc, settings := g.scope(p)
	vary := func(kind, violation string, val any, remove bool) {
		g.add(kind, p, violation, edit(sc.reject, p, val, remove, g.fill), settings)
	}
	if len(p) == 1 && m.Required {
		vary(kindRequired, "left out", nil, true)
		vary(kindRequired, "sent as null", nil, false)
	}
	switch s.Type {
	case String:
		if len(p) == 1 {
			g.strings = append(g.strings, p)
		}
		g.stringMember(p, s, sc, settings)
		// No wrong-scalar-type row (a number for a string, a string for a boolean): AWS was
		// seen answering 200 to a string where a boolean belongs (floci PR #2869, a newer
		// Cognito operation), and nothing shows what it does with a number for a string, so
		// neither answer can be asserted. A structure or list where a scalar belongs (and the
		// reverse) is refused on sibling operations (amazon-cognito-identity-js#485,
		// amplify-js#5165): those rows stay.
	case Boolean:
	case Structure:
		vary(kindType, `sent as the JSON string "on"`, "on", false)
		if len(p) == 1 && !m.Required {
			g.add(kindIgnored, p, "sent as null (an absent member)", edit(sc.accept, p, nil, false, g.fill), settings)
		}
		if settings {
			g.add(kindIgnored, p.with(unknownMember), "(a member the model does not have)",
				edit(sc.accept, p.with(unknownMember), true, false, g.fill), settings)
		}
		for _, c := range s.Members {
			g.member(p.with(c.Name), c, mustShape(c.Shape))
		}
	case List:
		vary(kindType, `sent as the JSON string "phone_number", not a list`, "phone_number", false)
		item := mustShape(s.Item)
		at := p.with(g.p.itemIndex)
		isc, iset := g.scope(at)
		if item.Type == Structure {
			g.add(kindType, at, `sent as the JSON string "SMS", not an object`, edit(isc.reject, at, "SMS", false, g.fill), iset)
			if iset {
				first := p.with(0).with(unknownMember)
				g.add(kindIgnored, first, "(a member the model does not have)", edit(isc.accept, first, true, false, g.fill), iset)
			}
			for _, c := range item.Members {
				g.member(at.with(c.Name), c, mustShape(c.Shape))
			}
		}
	}
}

func (g *generator) stringMember(p path, s *Shape, sc *scope, settings bool) {
	sample, ok := stringSamples[s.Name]
	if !ok && (s.Pattern != "" || s.Min != nil || s.Max != nil) {
		panic("constraints: no string sample for " + s.Name)
	}
	vary := func(kind, violation string, val string) {
		g.add(kind, p, violation, edit(sc.reject, p, val, false, g.fill), settings)
	}
	ofLength := sample.ofLength
	valid := func(v string) bool {
		l := utf8.RuneCountInString(v)
		return (s.Pattern == "" || Matches(s.Pattern, v)) && (s.Min == nil || l >= *s.Min) && (s.Max == nil || l <= *s.Max)
	}
	if s.Min != nil && *s.Min > 0 {
		short := ofLength(*s.Min - 1)
		vary(kindLength, fmt.Sprintf("of %s (the minimum is %d)", chars(*s.Min-1), *s.Min), short)
		if v := ofLength(*s.Min); valid(v) {
			vary(kindBoundary, fmt.Sprintf("of %s (the minimum)", chars(*s.Min)), v)
		}
	}
	if s.Max != nil {
		if v := ofLength(*s.Max); valid(v) {
			vary(kindBoundary, fmt.Sprintf("of %s (the maximum)", chars(*s.Max)), v)
		}
		vary(kindLength, fmt.Sprintf("of %s (the maximum is %d)", chars(*s.Max+1), *s.Max), ofLength(*s.Max+1))
	}
	if s.Pattern != "" {
		vary(kindPattern, fmt.Sprintf("%s (outside its pattern)", jsonString(sample.miss)), sample.miss)
	}
	if len(s.Enum) > 0 {
		miss := strings.ToLower(s.Enum[0])
		vary(kindEnum, fmt.Sprintf("%s (outside its enum, which is case-sensitive)", jsonString(miss)), miss)
	}
}

// ofLength is a value of n characters: the prefix padded, or only padding when n is shorter
// than the prefix.
func (s stringSample) ofLength(n int) string {
	if n < len(s.prefix) {
		return strings.Repeat(s.pad, n)
	}
	return s.prefix + strings.Repeat(s.pad, n-len(s.prefix))
}

func chars(n int) string {
	if n == 1 {
		return "1 character"
	}
	return fmt.Sprintf("%d characters", n)
}

// wholeBody adds the rows about the body as a whole: not JSON, empty, an unknown top-level
// member, and two members broken at once.
func (g *generator) wholeBody() {
	req := &g.p.request
	full := render(req.reject)
	g.addText(kindType, "the body", "cut short (not JSON)", strings.TrimSuffix(full, " }"), false)
	g.addText(kindRequired, "the body", "empty (every required member missing)", "", false)
	top, settings := req, false
	if g.p.settings != nil {
		top, settings = g.p.settings, true
	}
	g.add(kindIgnored, path{unknownMember}, "(a member the model does not have)", top.accept.set(unknownMember, true), settings)
	if len(g.strings) >= 2 {
		a, b := g.strings[0], g.strings[1]
		sa, sb := g.shapeAt(a), g.shapeAt(b)
		body := edit(req.reject, a, stringSamples[sa.Name].miss, false, g.fill)
		second, how := stringSamples[sb.Name].miss, "outside its pattern"
		if sb.Max != nil {
			second, how = stringSamples[sb.Name].ofLength(*sb.Max+1), fmt.Sprintf("longer than %d", *sb.Max)
		}
		body = edit(body, b, second, false, g.fill)
		g.add(kindSeveral, path{display(a) + " and " + display(b)},
			fmt.Sprintf("both broken (%s outside its pattern, %s %s)", display(a), display(b), how), body, false)
	}
}

// outline is how a kind of row is written.
type outline struct {
	title    string // after "<op>: "
	evidence string
	then     []string
	columns  []string
}

var outlines = map[string]outline{
	kindLength: {title: "<member> <violation> is InvalidParameterException naming '<at>'", evidence: "@inferred",
		then: validationThen, columns: validationColumns},
	kindBoundary: {title: "<member> <violation> passes validation", evidence: "@documented",
		then: []string{"Then the request passes validation"}, columns: []string{"member", "violation", "body"}},
	kindPattern: {title: "<member> <violation> is InvalidParameterException naming '<at>'", evidence: "@inferred",
		then: validationThen, columns: validationColumns},
	kindEnum: {title: "<member> <violation> is InvalidParameterException naming '<at>'", evidence: "@inferred",
		then: validationThen, columns: validationColumns},
	kindType: {title: "<member> <violation> is SerializationException", evidence: "@inferred",
		then:    []string{"Then the response status is 400", `And the error code is "SerializationException"`},
		columns: []string{"member", "violation", "body"}},
	kindRequired: {title: "<member> <violation> is InvalidParameterException naming '<at>'", evidence: "@inferred",
		then: validationThen, columns: validationColumns},
	kindIgnored: {title: "<member> <violation> is ignored", evidence: "@inferred",
		then: []string{"Then the response status is 200"}, columns: []string{"member", "violation", "body"}},
	kindSeveral: {title: "<member> <violation> are reported in one message naming '<at>'", evidence: "@inferred",
		then: validationThen, columns: validationColumns},
}

var validationThen = []string{
	"Then the response status is 400",
	`And the error code is "InvalidParameterException"`,
	`And the error message names "<at>"`,
	`And the validation message is "<message>" (fidelity)`,
}

var validationColumns = []string{"member", "violation", "at", "message", "body"}

var kindHeadings = map[string]string{
	kindLength:   "Length bounds: one character short of the minimum, one past the maximum",
	kindBoundary: "Length bounds: the boundary values themselves are valid",
	kindPattern:  "Patterns",
	kindEnum:     "Enumerations",
	kindType:     "Wrong JSON types and a body that is not JSON: the JSON front end rejects them before any constraint",
	kindRequired: "Required members: left out, sent as null, or an empty body",
	kindIgnored:  "Members the model does not have, and null for an optional member, are ignored",
	kindSeveral:  "Several violations at once: one message, \"N validation errors detected: …; …\"",
}

func feature(p plan) string {
	op := mustOperation(p.op)
	rows := rowsOf(p)
	signing := "signed"
	if op.Auth == "none" {
		signing = "unsigned"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Generated by `go run ./cmd/gen-constraints` (make generate) from the constraint table in\n")
	fmt.Fprintf(&b, "# package constraints, transcribed from %s.\n", Source.Model)
	fmt.Fprintf(&b, "# Do not edit: change the table or the generator and regenerate; a test fails when this file\n")
	fmt.Fprintf(&b, "# differs from what they write.\n")
	fmt.Fprintf(&b, "@%s\n", op.Name)
	fmt.Fprintf(&b, "Feature: %s checks every modelled constraint of its request members\n", op.Name)
	for _, l := range description(p, op, rows) {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	for _, kind := range kinds {
		for _, settings := range []bool{false, true} {
			var rs []row
			for _, r := range rows {
				if r.kind == kind && r.settings == settings {
					rs = append(rs, r)
				}
			}
			if len(rs) == 0 {
				continue
			}
			sc := &p.request
			if settings {
				sc = p.settings
			}
			writeOutline(&b, op, signing, kind, settings, sc, rs)
		}
	}
	return b.String()
}

func description(p plan, op *Operation, rows []row) []string {
	lines := []string{
		"Every constraint the cognito-idp model gives a request member (required, JSON type, length,",
		"pattern, enum, and those of the shapes nested in it) has a violating row below, and every",
		"length bound its boundary value too. AWS reports a violation as HTTP 400",
		"InvalidParameterException, \"N validation error(s) detected: Value 'X' at 'member' failed to",
		"satisfy constraint: …\", naming the member in lower camelCase (catalogue 1.1, M7, M8). That",
		"was observed on sibling operations only, so these rows are @inferred for this operation; that",
		"a value within its bounds is valid is what the model documents. The exact message text is",
		"judged at fidelity severity, in any order of its violations (AWS's order across members is",
		"unknown). A wrong JSON type is SerializationException, the awsJson1_1 front end's error:",
		"no catalogue entry observes it, so it is @inferred as well. List entries are counted from 1,",
		"as AWS counts them in its messages (mFAOptions.2.member.attributeName).",
	}
	if p.settings != nil {
		lines = append(lines,
			"A request whose broken member sits in the MFA settings names a real user and would change",
			"them if it were applied: those scenarios read the user back and find nothing changed.")
	}
	var notes []string
	for _, m := range mustShape(op.Input).Members {
		s := mustShape(m.Shape)
		if s.Type == String && s.Min != nil && *s.Min > 0 {
			sample := stringSamples[s.Name]
			if v := sample.ofLength(*s.Min); s.Pattern != "" && !Matches(s.Pattern, v) {
				notes = append(notes, fmt.Sprintf("No %s of %s matches its pattern %s, so its minimum has no accepted row.",
					m.Name, chars(*s.Min), s.Pattern))
			}
		}
	}
	several := false
	for _, r := range rows {
		several = several || r.kind == kindSeveral
	}
	if !several {
		notes = append(notes, "The request has a single constrained string member, so no row breaks two members at once.")
	}
	for _, k := range Known {
		if strings.HasPrefix(k.Key, "member added: "+op.Name+".request.") {
			notes = append(notes, fmt.Sprintf("Not encoded: %s (%s).", strings.TrimPrefix(k.Key, "member added: "+op.Name+".request."), k.Reason))
		}
	}
	for _, n := range notes {
		lines = append(lines, wrap(n, 96)...)
	}
	return lines
}

func wrap(s string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(out, line)
}

func writeOutline(b *strings.Builder, op *Operation, signing, kind string, settings bool, sc *scope, rs []row) {
	o := outlines[kind]
	title := o.title
	if settings {
		if kind == kindIgnored {
			title += ", and the rest of the request applies"
		} else if kind != kindBoundary {
			title += " and changes nothing"
		}
	}
	heading := kindHeadings[kind]
	if settings {
		heading += " (inside the MFA settings)"
	}
	fmt.Fprintf(b, "\n  # ---- %s\n\n", heading)
	tags := append([]string{"@" + op.Section, o.evidence}, sc.tags...)
	fmt.Fprintf(b, "  %s\n", strings.Join(tags, " "))
	fmt.Fprintf(b, "  Scenario Outline: %s: %s\n", op.Name, title)
	for _, l := range sc.givens {
		fmt.Fprintf(b, "    %s\n", l)
	}
	fmt.Fprintf(b, "    When the client sends a %s %s request:\n", signing, op.Name)
	fmt.Fprintf(b, "      \"\"\"\n      <body>\n      \"\"\"\n")
	for _, l := range o.then {
		fmt.Fprintf(b, "    %s\n", l)
	}
	if settings {
		lines := sc.rejected
		if kind == kindIgnored {
			lines = sc.accepted
		}
		if kind != kindBoundary {
			for _, l := range lines {
				fmt.Fprintf(b, "    %s\n", l)
			}
		}
	}
	fmt.Fprintf(b, "\n    Examples:\n")
	table := [][]string{o.columns}
	for _, r := range rs {
		cells := make([]string, len(o.columns))
		for i, c := range o.columns {
			switch c {
			case "member":
				cells[i] = r.member
			case "violation":
				cells[i] = r.violation
			case "at":
				cells[i] = r.at
			case "message":
				cells[i] = r.message
			case "body":
				cells[i] = r.body
			}
		}
		table = append(table, cells)
	}
	writeTable(b, table)
}

// writeTable writes an aligned Gherkin table, escaping '\' and '|' in cells.
func writeTable(b *strings.Builder, table [][]string) {
	widths := make([]int, len(table[0]))
	esc := make([][]string, len(table))
	for i, r := range table {
		esc[i] = make([]string, len(r))
		for j, c := range r {
			c = strings.ReplaceAll(c, `\`, `\\`)
			c = strings.ReplaceAll(c, "|", `\|`)
			esc[i][j] = c
			widths[j] = max(widths[j], utf8.RuneCountInString(c))
		}
	}
	for _, r := range esc {
		b.WriteString("      |")
		for j, c := range r {
			fmt.Fprintf(b, " %s%s |", c, strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c)))
		}
		b.WriteString("\n")
	}
}
