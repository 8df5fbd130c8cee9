package reports

import "bufio"

// writeIndented writes compact JSON (as json.Marshal gives it) to w indented as
// json.Encoder with SetIndent(prefix "", indent) writes it, byte for byte, without building the
// indented copy in memory: report.json is most of a megabyte, and indenting it in a growing
// buffer cost a run more than marshalling it.
func writeIndented(w *bufio.Writer, compact []byte, indent string) error {
	depth := 0
	inString, escaped := false, false
	newline := func() {
		w.WriteByte('\n')
		for range depth {
			w.WriteString(indent)
		}
	}
	// needIndent: an opening bracket was written and its first member not yet; an empty
	// object or array stays "{}" / "[]", as json.Indent leaves it.
	needIndent := false
	for _, c := range compact {
		if inString {
			w.WriteByte(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if needIndent && c != '}' && c != ']' {
			needIndent = false
			depth++
			newline()
		}
		switch c {
		case '"':
			inString = true
			w.WriteByte(c)
		case '{', '[':
			w.WriteByte(c)
			needIndent = true
		case ',':
			w.WriteByte(c)
			newline()
		case ':':
			w.WriteString(": ")
		case '}', ']':
			if needIndent {
				needIndent = false
			} else {
				depth--
				newline()
			}
			w.WriteByte(c)
		default:
			w.WriteByte(c)
		}
	}
	return w.WriteByte('\n') // bufio's errors stick: this reports any earlier one
}
