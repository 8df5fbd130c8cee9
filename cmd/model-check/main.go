// Command model-check compares the constraint table (package constraints) with the cognito-idp
// model on this machine and prints the members, constraints, errors and operations added,
// removed or changed since the table's version. Exit status: 0 when every difference is one
// the table records as known, 1 when there is a new one, 2 when no model can be read.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cognito-conformance/cognito-conformance/constraints"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("model-check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("model", "", "the cognito-idp model (service-2.json or .json.gz); default: $"+constraints.ModelPathEnv+", else the installed botocore's")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *path == "" {
		p, err := constraints.FindModel()
		if err != nil {
			fmt.Fprintln(stderr, "model-check:", err)
			return 2
		}
		*path = p
	}
	m, err := constraints.LoadModel(*path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			err = fmt.Errorf("%s does not exist", *path)
		}
		fmt.Fprintln(stderr, "model-check:", err)
		return 2
	}
	return constraints.Report(stdout, *path, constraints.ModelVersion(*path), constraints.Compare(m))
}
