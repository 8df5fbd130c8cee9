package reports

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A render that fails half-way must leave the previous file as it was and no temporary file.
func TestWriteFileAtomicKeepsPreviousOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, JSONFile)
	if err := os.WriteFile(path, []byte("previous report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("render failed")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, `{"schema": "2", "half`); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the render's error", err)
	}
	assertOnly(t, dir, JSONFile, "previous report\n")
}

// A render that panics is no different: the panic goes on, the old file stays.
func TestWriteFileAtomicKeepsPreviousOnPanic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, JSONFile)
	if err := os.WriteFile(path, []byte("previous report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic was swallowed")
			}
		}()
		_ = WriteFileAtomic(path, func(w io.Writer) error {
			_, _ = io.WriteString(w, "half")
			panic("render bug")
		})
	}()
	assertOnly(t, dir, JSONFile, "previous report\n")
}

func TestWriteFileAtomicReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.md")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "summary.md", "new")
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("mode = %v, %v; want 0644", fi.Mode(), err)
	}
}

// Write produces every rendering and nothing else.
func TestWriteLeavesOnlyTheReport(t *testing.T) {
	dir := t.TempDir()
	written, err := Write(dir, sample())
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 4 || len(entries) != 4 {
		t.Fatalf("wrote %v; directory holds %d files", written, len(entries))
	}
	r, err := ReadJSON(filepath.Join(dir, JSONFile))
	if err != nil || len(r.Scenarios) != 6 || r.Scenarios[1].Warnings == nil || r.Scenarios[3].Cause != CauseTransient {
		t.Fatalf("report.json does not read back: %v", err)
	}
}

// assertOnly checks that dir holds exactly one file, name, with the given content.
func assertOnly(t *testing.T, dir, name, content string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != name {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("directory holds %v, want only %s", names, name)
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil || string(b) != content {
		t.Fatalf("%s = %q, %v; want %q", name, b, err, content)
	}
}
