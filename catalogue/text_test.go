package catalogue

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// behaviourHeading finds "B7." at the start of a line of behaviors.md section 2, and sectionHeading the
// "### 1.2 …" headings that the S1.x ids stand for.
var (
	behaviourHeading = regexp.MustCompile(`(?m)^(B\d+)\.`)
	sectionHeading   = regexp.MustCompile(`(?m)^### 1\.(\d) `)
	idInText         = regexp.MustCompile(`\b(B\d{1,2}|S1\.\d)\b`)
)

func catalogueText(t *testing.T) string {
	t.Helper()
	text, err := os.ReadFile("behaviors.md")
	if err != nil {
		t.Fatalf("the catalogue's text must live in the repo: %v", err)
	}
	return string(text)
}

// TestTextAndDataAgree: every id of Entries has its text in behaviors.md and every behaviour of the
// text is an entry, so a reader who meets an id anywhere in the repo can look it up here.
func TestTextAndDataAgree(t *testing.T) {
	t.Parallel()
	text := catalogueText(t)
	inText := map[string]bool{}
	for _, m := range behaviourHeading.FindAllStringSubmatch(text, -1) {
		inText[m[1]] = true
	}
	for _, m := range sectionHeading.FindAllStringSubmatch(text, -1) {
		inText["S1."+m[1]] = true
	}
	inData := map[string]bool{}
	for _, e := range Entries {
		inData[e.ID] = true
		if !inText[e.ID] {
			t.Errorf("%s is in catalogue.go but has no text in behaviors.md", e.ID)
		}
	}
	for id := range inText {
		if !inData[id] {
			t.Errorf("%s has a text in behaviors.md but no entry in catalogue.go", id)
		}
	}
}

// TestEveryNamedIDExists: catalogue ids named in Go comments, feature tags and the README all exist,
// so no comment cites a behaviour the repo cannot show.
func TestEveryNamedIDExists(t *testing.T) {
	t.Parallel()
	known := map[string]bool{}
	for _, e := range Entries {
		known[e.ID] = true
	}
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); strings.HasPrefix(name, ".") && path != root || name == "node_modules" || name == "conformance-report" {
				return filepath.SkipDir
			}
			return nil
		}
		if !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".feature") || filepath.Base(path) == "README.md") {
			return nil
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range idInText.FindAllStringSubmatch(string(body), -1) {
			if !known[m[1]] {
				t.Errorf("%s names %s, which the catalogue does not have", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
