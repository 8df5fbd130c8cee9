// Package featureset loads Gherkin feature files and checks them before anything runs, so that
// a broken feature file or a step with no definition is one clear message naming the file and
// line, not a wall of failing scenarios.
package featureset

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
)

// File is one parsed feature file.
type File struct {
	Path     string
	Contents []byte
	Doc      *messages.GherkinDocument
	Pickles  []*messages.Pickle
	lines    map[string]int64 // AST node id -> line
}

// ErrInvalid wraps every problem found in the feature files.
var ErrInvalid = errors.New("invalid feature files")

// LoadFS loads every *.feature file under root in fsys.
func LoadFS(fsys fs.FS, root string) ([]*File, error) {
	var files []*File
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".feature") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		f, err := Parse(p, b)
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// LoadPaths loads feature files or directories from disk.
func LoadPaths(paths []string) ([]*File, error) {
	var files []*File
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		if st.IsDir() {
			fl, err := LoadFS(os.DirFS(p), ".")
			if err != nil {
				return nil, err
			}
			for _, f := range fl {
				f.Path = filepath.ToSlash(filepath.Join(p, f.Path))
			}
			files = append(files, fl...)
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		f, err := Parse(filepath.ToSlash(p), b)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// Parse parses one feature file.
func Parse(p string, contents []byte) (*File, error) {
	ids := &messages.Incrementing{}
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(contents), ids.NewId)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrInvalid, p, err)
	}
	if doc.Feature == nil {
		return nil, fmt.Errorf("%w: %s: no Feature in the file", ErrInvalid, p)
	}
	f := &File{Path: p, Contents: contents, Doc: doc, lines: map[string]int64{}}
	f.Pickles = gherkin.Pickles(*doc, p, ids.NewId)
	collect := func(steps []*messages.Step) {
		for _, s := range steps {
			f.lines[s.Id] = s.Location.Line
		}
	}
	var walk func(children []*messages.FeatureChild)
	walk = func(children []*messages.FeatureChild) {
		for _, c := range children {
			if c.Background != nil {
				collect(c.Background.Steps)
			}
			if c.Scenario != nil {
				collect(c.Scenario.Steps)
			}
			if c.Rule != nil {
				for _, rc := range c.Rule.Children {
					if rc.Background != nil {
						collect(rc.Background.Steps)
					}
					if rc.Scenario != nil {
						collect(rc.Scenario.Steps)
					}
				}
			}
		}
	}
	walk(doc.Feature.Children)
	return f, nil
}

// Line returns the source line of a pickle step.
func (f *File) Line(st *messages.PickleStep) int64 {
	if len(st.AstNodeIds) == 0 {
		return 0
	}
	return f.lines[st.AstNodeIds[0]]
}

// CheckSteps reports every step that no pattern matches, and every step that more than one
// pattern matches, with its file and line.
func CheckSteps(files []*File, patterns []*regexp.Regexp) error {
	var problems []string
	seen := map[string]bool{}
	for _, f := range files {
		for _, p := range f.Pickles {
			if len(p.Steps) == 0 {
				problems = append(problems, fmt.Sprintf("%s: scenario %q has no steps", f.Path, p.Name))
			}
			for _, st := range p.Steps {
				n := 0
				for _, re := range patterns {
					if re.MatchString(st.Text) {
						n++
					}
				}
				msg := ""
				switch {
				case n == 0:
					msg = fmt.Sprintf("%s:%d: no step definition matches %q", f.Path, f.Line(st), st.Text)
				case n > 1:
					msg = fmt.Sprintf("%s:%d: %d step definitions match %q", f.Path, f.Line(st), n, st.Text)
				}
				if msg != "" && !seen[msg] {
					seen[msg] = true
					problems = append(problems, msg)
				}
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w:\n  %s", ErrInvalid, strings.Join(problems, "\n  "))
	}
	return nil
}

// Selected is a scenario the tag filter selects.
type Selected struct {
	Path string
	Name string
	Tags []string
}

// Select returns the scenarios (pickles) the tag filter selects, in file order.
func Select(files []*File, filter string) []Selected {
	var out []Selected
	for _, f := range files {
		for _, p := range f.Pickles {
			if tags := PickleTags(p); MatchTags(filter, tags) {
				out = append(out, Selected{Path: f.Path, Name: p.Name, Tags: tags})
			}
		}
	}
	return out
}

// PickleTags returns a pickle's tag names.
func PickleTags(p *messages.Pickle) []string {
	out := make([]string, 0, len(p.Tags))
	for _, t := range p.Tags {
		out = append(out, t.Name)
	}
	return out
}

// MatchTags applies godog v0.15.1's tag-filter syntax: "&&" joins groups that must all hold,
// "," separates alternatives inside a group, "~" negates a tag (../shared/notes/godog.md:
// in v0.15.1 "," binds tighter than "&&").
func MatchTags(filter string, tags []string) bool {
	filter = strings.TrimSpace(filter)
	if filter == "" {
		return true
	}
	has := map[string]bool{}
	for _, t := range tags {
		has[strings.TrimPrefix(t, "@")] = true
	}
	for _, group := range strings.Split(filter, "&&") {
		ok := false
		for _, alt := range strings.Split(group, ",") {
			alt = strings.TrimSpace(alt)
			neg := strings.HasPrefix(alt, "~")
			name := strings.TrimPrefix(strings.TrimPrefix(alt, "~"), "@")
			if has[name] != neg {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// tagSyntax ends every tag-filter message: godog v0.15.1's legacy syntax, the only one it has.
const tagSyntax = `use @tag, ~@tag (not), "," (or) and "&&" (and), e.g. "@B3,@B7 && ~@inferred"`

// tagWord is one alternative godog can match: an optional "~", one "@", and a name with no
// character godog splits on or strips ("@", ",", "&", "~", white space).
var tagWord = regexp.MustCompile(`^~?@[^\s@,&~]+$`)

// CheckTagFilter rejects every filter godog v0.15.1 would not read as written, in one line
// that quotes it: an empty side of "&&" or "," (godog indexes the empty tag and panics), words
// that are not tags ("not @a" selects nothing, pitfall 4 of ../shared/notes/godog.md), and tags
// with no operator between them. It mirrors godog's own split (internal/tags/tag_filter.go:
// "&&" first, then ","), so whatever it accepts godog matches without panicking.
func CheckTagFilter(filter string) error {
	if filter == "" {
		return nil
	}
	if strings.TrimSpace(filter) == "" {
		return tagFilterErr(filter, "it is blank (omit --tags to run every scenario)")
	}
	groups := strings.Split(filter, "&&")
	for i, group := range groups {
		if strings.TrimSpace(group) == "" {
			return tagFilterErr(filter, emptySide(`"&&"`, i, len(groups)))
		}
		alts := strings.Split(group, ",")
		for j, alt := range alts {
			if err := checkTagWord(filter, strings.TrimSpace(alt), j, len(alts)); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkTagWord checks the j-th of n alternatives of a group.
func checkTagWord(filter, alt string, j, n int) error {
	if alt == "" {
		return tagFilterErr(filter, emptySide(`","`, j, n))
	}
	if tagWord.MatchString(alt) {
		return nil
	}
	if strings.Contains(alt, "&") {
		return tagFilterErr(filter, fmt.Sprintf(`%q holds a single "&"; "and" is "&&"`, alt))
	}
	words := strings.Fields(alt)
	for _, w := range words {
		if !tagWord.MatchString(w) {
			return tagFilterErr(filter, fmt.Sprintf("%q is not a tag", w))
		}
	}
	// Every word is a tag: godog would read "@a @b" as one tag named "a b", matching nothing.
	return tagFilterErr(filter, fmt.Sprintf("%q and %q have no operator between them", words[0], words[1]))
}

// emptySide names which side of the i-th of n pieces split by op is missing a tag.
func emptySide(op string, i, n int) string {
	switch {
	case n == 1:
		return "there is no tag in it"
	case i == 0:
		return op + " has no tag before it"
	case i == n-1:
		return op + " has no tag after it"
	default:
		return "two " + op + " in a row have no tag between them"
	}
}

func tagFilterErr(filter, what string) error {
	return fmt.Errorf("tag filter %q: %s; %s", filter, what, tagSyntax)
}

// Name is the base name of a feature path without extension.
func Name(p string) string { return strings.TrimSuffix(path.Base(p), ".feature") }
