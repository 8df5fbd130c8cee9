package constraints

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// A request body the generator edits: an object keeps its members in order, so that a
// generated feature reads like a hand-written one.
type (
	object []field
	field  struct {
		key string
		val any // string, bool, raw, object, []any, nil (JSON null)
	}
	raw string // JSON text written as is (a number, or a value of the wrong type)
)

// step of a path: a member name or a list index (0-based).
type path []any

func (p path) with(s any) path { return append(append(path{}, p...), s) }

func (o object) get(k string) (any, bool) {
	for _, f := range o {
		if f.key == k {
			return f.val, true
		}
	}
	return nil, false
}

func (o object) set(k string, v any) object {
	for i, f := range o {
		if f.key == k {
			out := append(object{}, o...)
			out[i].val = v
			return out
		}
	}
	return append(append(object{}, o...), field{k, v})
}

func (o object) without(k string) object {
	out := object{}
	for _, f := range o {
		if f.key != k {
			out = append(out, f)
		}
	}
	return out
}

// edit returns a copy of v with the value at p replaced (remove: left out). A missing parent
// object or list entry is created from fill, which gives a valid value of the shape there.
func edit(v any, p path, val any, remove bool, fill func(path) any) any {
	return editAt(v, nil, p, val, remove, fill)
}

func editAt(v any, done, rest path, val any, remove bool, fill func(path) any) any {
	if len(rest) == 0 {
		return val
	}
	here := done.with(rest[0])
	switch s := rest[0].(type) {
	case string:
		o, _ := v.(object)
		if len(rest) == 1 && remove {
			return o.without(s)
		}
		child, ok := o.get(s)
		if !ok && len(rest) > 1 {
			child = fill(here)
		}
		return o.set(s, editAt(child, here, rest[1:], val, remove, fill))
	case int:
		l, _ := v.([]any)
		l = append([]any{}, l...)
		for len(l) <= s {
			l = append(l, fill(done.with(len(l))))
		}
		l[s] = editAt(l[s], here, rest[1:], val, remove, fill)
		return l
	}
	panic(fmt.Sprintf("constraints: bad path step %v", rest[0]))
}

// render writes a body on one line, with a space after every ':' and ',' as the hand-written
// features do, and placeholders such as ${UserPoolId} left as they are.
func render(v any) string {
	var b strings.Builder
	write(&b, v)
	return b.String()
}

func write(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case raw:
		b.WriteString(string(x))
	case bool:
		fmt.Fprint(b, x)
	case string:
		b.WriteString(jsonString(x))
	case object:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{ ")
		for i, f := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(jsonString(f.key) + ": ")
			write(b, f.val)
		}
		b.WriteString(" }")
	case []any:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[ ")
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, e)
		}
		b.WriteString(" ]")
	default:
		panic(fmt.Sprintf("constraints: cannot render %T", v))
	}
}

func jsonString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}
