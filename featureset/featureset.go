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

// CheckTagFilter rejects filter syntax godog v0.15.1 silently mis-reads ("not @a" selects
// nothing, pitfall 4 of ../shared/notes/godog.md).
func CheckTagFilter(filter string) error {
	for _, word := range strings.Fields(strings.NewReplacer("&&", " ", ",", " ").Replace(filter)) {
		w := strings.TrimPrefix(word, "~")
		if !strings.HasPrefix(w, "@") {
			return fmt.Errorf("tag filter %q: %q is not a tag; use @tag, ~@tag (not), \",\" (or) and \"&&\" (and)", filter, word)
		}
	}
	return nil
}

// Name is the base name of a feature path without extension.
func Name(p string) string { return strings.TrimSuffix(path.Base(p), ".feature") }
