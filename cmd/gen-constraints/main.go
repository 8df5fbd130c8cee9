// Command gen-constraints writes features/constraints_<operation>.feature from the constraint
// table (package constraints). Run it from the repository root (make generate).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/cognito-conformance/cognito-conformance/constraints"
)

func main() {
	dir := flag.String("dir", "features", "the folder the features are written to")
	flag.Parse()
	files := constraints.Features()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	counts := constraints.Count()
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(*dir, name), []byte(files[name]), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen-constraints:", err)
			os.Exit(2)
		}
	}
	total := 0
	for _, op := range constraints.Operations {
		fmt.Printf("%-28s %3d scenarios  %s\n", op.Name, counts[op.Name], filepath.Join(*dir, constraints.FeatureFile(op.Name)))
		total += counts[op.Name]
	}
	fmt.Printf("%-28s %3d scenarios\n", "total", total)
}
