package steps

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/cucumber/godog"

	"github.com/cognito-conformance/cognito-conformance/outcome"
)

// fidelitySuffix ends an assertion that is judged at fidelity severity, visibly in the
// feature: `And the response header "Content-Type" is "application/x-amz-json-1.1" (fidelity)`.
const fidelitySuffix = ` (fidelity)`

// definition is a row of the vocabulary made ready for godog, once per process: its pattern
// compiled and its handler wrapped in a function that finds the scenario's World in the step's
// context. Registering a scenario's steps is then only handing godog these values.
type definition struct {
	re  *regexp.Regexp
	fn  any
	row *Step
}

var (
	ctxType    = reflect.TypeOf((*context.Context)(nil)).Elem()
	errType    = reflect.TypeOf((*error)(nil)).Elem()
	worldType  = reflect.TypeOf((*World)(nil))
	stringType = reflect.TypeOf("")
	docType    = reflect.TypeOf((*godog.DocString)(nil))
	tableType  = reflect.TypeOf((*godog.Table)(nil))
)

// definitions compiles the vocabulary on first use; a malformed row is a programming error
// (TestVocabulary names it) and panics.
var definitions = sync.OnceValue(func() []definition {
	out := make([]definition, len(vocabulary))
	for i := range vocabulary {
		d, err := define(&vocabulary[i])
		if err != nil {
			panic(fmt.Sprintf("steps: vocabulary row %q: %v", vocabulary[i].Pattern, err))
		}
		out[i] = d
	}
	return out
})

// Pattern is the expression godog matches for a row: an Assertion also accepts the fidelity
// suffix (captured, so the handler's wrapper knows the severity); a FidelityAssertion
// requires it.
func (s Step) pattern() string {
	base := strings.TrimSuffix(s.Pattern, "$")
	switch s.Kind {
	case Assertion:
		return base + `(` + regexp.QuoteMeta(fidelitySuffix) + `)?$`
	case FidelityAssertion:
		return base + regexp.QuoteMeta(fidelitySuffix) + `$`
	}
	return s.Pattern
}

// Phrase is how the step reads in a feature, for listings: the pattern without its anchors,
// with the fidelity suffix of a fidelity assertion and an optional one of an assertion.
func (s Step) Phrase() string {
	p := strings.TrimSuffix(strings.TrimPrefix(s.Pattern, "^"), "$")
	switch s.Kind {
	case Assertion:
		return p + "[ (fidelity)]"
	case FidelityAssertion:
		return p + fidelitySuffix
	}
	return p
}

// HandlerName is the handler's method name, for listings.
func (s Step) HandlerName() string { return handlerName(s.Handler) }

func define(s *Step) (definition, error) {
	if !strings.HasPrefix(s.Pattern, "^") || !strings.HasSuffix(s.Pattern, "$") {
		return definition{}, errors.New("the pattern must be anchored with ^ and $")
	}
	own, err := regexp.Compile(s.Pattern)
	if err != nil {
		return definition{}, err
	}
	re := regexp.MustCompile(s.pattern())
	h := reflect.ValueOf(s.Handler)
	ht := h.Type()
	if ht.Kind() != reflect.Func || ht.NumIn() == 0 || ht.In(0) != worldType {
		return definition{}, fmt.Errorf("the handler must be a method expression of *World, such as (*World).aUserPool; got %T", s.Handler)
	}
	switch {
	case ht.NumOut() == 1 && ht.Out(0) == errType:
	case ht.NumOut() == 2 && ht.Out(0) == ctxType && ht.Out(1) == errType:
	default:
		return definition{}, fmt.Errorf("the handler must return error or (context.Context, error)")
	}
	takesCtx := ht.NumIn() > 1 && ht.In(1) == ctxType
	var params []reflect.Type
	for i := 1; i < ht.NumIn(); i++ {
		if i == 1 && takesCtx {
			continue
		}
		params = append(params, ht.In(i))
	}
	groups := own.NumSubexp()
	switch extra := len(params) - groups; {
	case extra == 0:
	case extra == 1 && (params[groups] == docType || params[groups] == tableType):
	default:
		return definition{}, fmt.Errorf("the handler takes %d arguments after the World; the pattern captures %d (plus at most a *godog.DocString or *godog.Table)", len(params), groups)
	}

	// The wrapper godog calls: (ctx, captured…, [fidelity suffix], [docstring or table]).
	in := []reflect.Type{ctxType}
	in = append(in, params[:groups]...)
	if s.Kind == Assertion {
		in = append(in, stringType)
	}
	in = append(in, params[groups:]...)
	outs := make([]reflect.Type, ht.NumOut())
	for i := range outs {
		outs[i] = ht.Out(i)
	}
	kind := s.Kind
	fn := reflect.MakeFunc(reflect.FuncOf(in, outs, false), func(args []reflect.Value) []reflect.Value {
		ctx, _ := args[0].Interface().(context.Context)
		w := worldFrom(ctx)
		if w == nil {
			return failWith(outs, ctx, errors.New("steps: the scenario has no World (was steps.Initializer used?)"))
		}
		severity := outcome.Contract
		rest := args[1:]
		switch kind {
		case FidelityAssertion:
			severity = outcome.Fidelity
		case Assertion:
			if rest[groups].String() != "" {
				severity = outcome.Fidelity
			}
			rest = append(rest[:groups:groups], rest[groups+1:]...)
		}
		call := make([]reflect.Value, 0, ht.NumIn())
		call = append(call, reflect.ValueOf(w))
		if takesCtx {
			call = append(call, args[0])
		}
		call = append(call, rest...)
		return w.judge(h.Call(call), severity)
	})
	return definition{re: re, fn: fn.Interface(), row: s}, nil
}

func failWith(outs []reflect.Type, ctx context.Context, err error) []reflect.Value {
	vals := make([]reflect.Value, len(outs))
	if len(outs) == 2 {
		vals[0] = reflect.ValueOf(&ctx).Elem()
	}
	vals[len(outs)-1] = reflect.ValueOf(&err).Elem()
	return vals
}

type worldKey struct{}

func withWorld(ctx context.Context, w *World) context.Context {
	return context.WithValue(ctx, worldKey{}, w)
}

func worldFrom(ctx context.Context) *World {
	if ctx == nil {
		return nil
	}
	w, _ := ctx.Value(worldKey{}).(*World)
	return w
}

// Patterns returns the compiled patterns of every step, for checking a feature for undefined
// steps before anything runs.
func Patterns() []*regexp.Regexp {
	defs := definitions()
	out := make([]*regexp.Regexp, len(defs))
	for i, d := range defs {
		out[i] = d.re
	}
	return out
}

func handlerName(h any) string {
	f := runtimeFunc(h)
	// "github.com/…/steps.(*World).aUserPool" → "aUserPool"
	if i := strings.LastIndex(f, "."); i >= 0 {
		f = f[i+1:]
	}
	return strings.TrimSuffix(f, "-fm")
}

func runtimeFunc(h any) string {
	if f := runtime.FuncForPC(reflect.ValueOf(h).Pointer()); f != nil {
		return f.Name()
	}
	return ""
}
