package reports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"
)

// TestIndentedJSONIsTheEncodersByteForByte: report.json is written by a streaming indenter; it
// must give exactly what json.Encoder with SetIndent("", "  ") gives (readers diff reports).
func TestIndentedJSONIsTheEncodersByteForByte(t *testing.T) {
	values := []any{
		map[string]any{},
		[]any{},
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{map[string]any{}, []any{}}},
		map[string]any{"s": `quote " backslash \ brackets {[,:]} <html> & é \u2028`, "n": 1.5, "t": true, "z": nil},
		[]any{"\\", "\\\"", `a\`, map[string]any{"k:,": "v{"}},
		&Report{Schema: SchemaVersion, Scenarios: []*Scenario{{Name: "a {b}", Status: Failed, Message: "x\ny\t\"z\""}}},
	}
	for _, v := range values {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		compact, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		bw := bufio.NewWriter(&got)
		if err := writeIndented(bw, compact, "  "); err != nil {
			t.Fatal(err)
		}
		bw.Flush()
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("indented differently:\ngot:\n%s\nwant:\n%s", got.Bytes(), want.Bytes())
		}
	}
}
