// Package cassette records a run's exchanges with a target and serves them back as a target.
//
// A cassette is a directory: manifest.json (what was recorded, where, when, with what),
// pools.json (the user pools the run created, each with its creation and deletion, and the
// calls made outside any scenario, such as the preflight) and one file per feature under
// scenarios/, holding every scenario's exchanges in order with the verdict the run gave it.
//
// Nothing secret and nothing volatile is kept verbatim: pool and client ids, subs and request
// ids, the run's generated names, tokens, sessions, TOTP secrets and codes, passwords, account
// ids and dates are replaced by numbered placeholders ("<pool:1>", "<uuid:2>", "<token:1>"),
// consistently within each scenario (and within each pool's creation), so a replay can bind
// them to the values of the run it serves (replay.go).
package cassette

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Schema versions the cassette format.
const Schema = "1"

// Files of a cassette directory.
const (
	ManifestFile = "manifest.json"
	PoolsFile    = "pools.json"
	ScenarioDir  = "scenarios"
)

// Headers the harness adds to every request only when it runs against a replay: which scenario
// the request belongs to, and which execution of it (a rerun starts the sequence again).
const (
	HeaderScenario = "X-Cogconf-Scenario"
	HeaderSteps    = "X-Cogconf-Steps"
	HeaderSession  = "X-Cogconf-Session"
)

// Manifest says what a cassette holds and where it comes from.
type Manifest struct {
	Schema string `json:"schema"`
	// Target is the kind of target recorded ("aws", "reference", "moto", …), with its host
	// (never a credential), region and, for the reference, profile and mutation.
	Target TargetInfo `json:"target"`
	// Follows is the side of documented-vs-observed conflicts the recording run required.
	Follows    string    `json:"follows"`
	RecordedAt time.Time `json:"recordedAt"`
	Tool       string    `json:"tool"`
	Version    string    `json:"version"`
	// Model is the version of the cognito-idp API model the run assumed: that of the AWS SDK
	// for Go's cognitoidentityprovider module the harness was built with.
	Model string `json:"cognitoIdpModel,omitempty"`
	// Features maps each feature file to the SHA-256 of its contents at recording time.
	Features  map[string]string `json:"features"`
	Scenarios int               `json:"scenarios"`
	Exchanges int               `json:"exchanges"`
}

// TargetInfo describes the recorded target.
type TargetInfo struct {
	Kind     string `json:"kind"`
	Host     string `json:"host"`
	Region   string `json:"region"`
	RealAWS  bool   `json:"realAws"`
	Profile  string `json:"profile,omitempty"`
	Mutation string `json:"mutation,omitempty"`
	// Off lists the capabilities the recorded target lacked (their scenarios made no call).
	Off map[string]string `json:"capabilitiesOff,omitempty"`
}

// Label names the recording for people: "AWS as recorded on 2026-11-30".
func (m *Manifest) Label() string {
	who := m.Target.Kind
	switch {
	case m.Target.RealAWS:
		who = "AWS"
	case m.Target.Mutation != "":
		who += " (mutation " + m.Target.Mutation + ")"
	case m.Target.Profile != "":
		who += ":" + m.Target.Profile
	}
	return who + " as recorded on " + m.RecordedAt.UTC().Format("2006-01-02")
}

// Exchange is one recorded request and response, with placeholders for volatile values.
type Exchange struct {
	Role      string  `json:"role"`
	Operation string  `json:"operation"`
	Signed    bool    `json:"signed,omitempty"`
	Attempt   int     `json:"attempt,omitempty"`
	Request   Message `json:"request"`
	Status    int     `json:"status"`
	Response  Message `json:"response"`
	// TransportError: no answer came back (the replay then closes the connection).
	TransportError string `json:"transportError,omitempty"`
}

// Message is one side of an exchange.
type Message struct {
	Headers http.Header `json:"headers,omitempty"`
	Body    string      `json:"body"`
}

// Scenario is one scenario's recorded exchanges and the verdict the recording run gave it.
type Scenario struct {
	ID        string     `json:"id"`    // "<feature>/<scenario name>"
	Steps     string     `json:"steps"` // hash of its steps: tells outline rows apart
	Feature   string     `json:"feature"`
	URI       string     `json:"uri"`
	Name      string     `json:"name"`
	Status    string     `json:"status"`
	Message   string     `json:"message,omitempty"`
	Exchanges []Exchange `json:"exchanges"`
}

// Pool is one user pool the run created, with the calls that made and deleted it.
type Pool struct {
	Name      string     `json:"name"` // the pool name with the run prefix as <run>
	Exchanges []Exchange `json:"exchanges"`
}

// Pools is pools.json: the shared pools and the calls made outside any scenario.
type Pools struct {
	Pools []Pool     `json:"pools"`
	Run   []Exchange `json:"run"`
	// Own are the calls outside any scenario about pools of their own (their deletion at the
	// run's end). A replay answers them only for a pool a scenario's replay made.
	Own []Exchange `json:"own,omitempty"`
}

// Cassette is a whole cassette in memory.
type Cassette struct {
	Manifest  Manifest
	Pools     Pools
	Scenarios []Scenario
}

// Write writes c into dir (created if needed), one file per feature, each written whole.
func (c *Cassette) Write(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, ScenarioDir), 0o755); err != nil {
		return fmt.Errorf("the cassette directory %s cannot be created: %w", dir, err)
	}
	byFeature := map[string][]Scenario{}
	for _, s := range c.Scenarios {
		byFeature[s.Feature] = append(byFeature[s.Feature], s)
	}
	files := map[string]any{ManifestFile: c.Manifest, PoolsFile: c.Pools}
	for f, list := range byFeature {
		files[filepath.Join(ScenarioDir, f+".json")] = list
	}
	for name, v := range files {
		b, err := encode(v)
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, name), append(b, '\n')); err != nil {
			return err
		}
	}
	return nil
}

// encode writes a cassette file for people and diffs: indented, but each exchange on one line
// (an exchange indented member by member would triple the size of a cassette).
func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	writeIndented(&out, doc, "")
	return out.Bytes(), nil
}

func writeIndented(out *bytes.Buffer, v any, indent string) {
	compact := func(v any) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		out.Write(bytes.TrimRight(b.Bytes(), "\n"))
	}
	switch t := v.(type) {
	case map[string]any:
		if _, isExchange := t["request"]; isExchange {
			compact(t)
			return
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				out.WriteString(",")
			}
			out.WriteString("\n" + indent + " ")
			compact(k)
			out.WriteString(": ")
			writeIndented(out, t[k], indent+" ")
		}
		out.WriteString("\n" + indent + "}")
	case []any:
		if len(t) == 0 {
			out.WriteString("[]")
			return
		}
		out.WriteString("[")
		for i, e := range t {
			if i > 0 {
				out.WriteString(",")
			}
			out.WriteString("\n" + indent + " ")
			writeIndented(out, e, indent+" ")
		}
		out.WriteString("\n" + indent + "]")
	default:
		compact(t)
	}
}

// MarshalJSON writes headers as one string each (values joined by "\n"): a cassette holds
// thousands of them.
func (m Message) MarshalJSON() ([]byte, error) {
	h := map[string]string{}
	for k, vs := range m.Headers {
		h[k] = strings.Join(vs, "\n")
	}
	type plain struct {
		Headers map[string]string `json:"headers,omitempty"`
		Body    string            `json:"body"`
	}
	return json.Marshal(plain{Headers: h, Body: m.Body})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (m *Message) UnmarshalJSON(b []byte) error {
	var p struct {
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	m.Body = p.Body
	m.Headers = nil
	if len(p.Headers) > 0 {
		m.Headers = http.Header{}
		for k, v := range p.Headers {
			m.Headers[k] = strings.Split(v, "\n")
		}
	}
	return nil
}

func writeFile(path string, b []byte) error {
	tmp := path + ".partial"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("writing the cassette: %w", err)
	}
	return os.Rename(tmp, path)
}

// ErrNotCassette means a directory holds no cassette.
var ErrNotCassette = errors.New("not a cassette (no " + ManifestFile + ")")

// IsCassette reports whether path is a cassette directory.
func IsCassette(path string) bool {
	_, err := os.Stat(filepath.Join(path, ManifestFile))
	return err == nil
}

// Load reads a cassette directory.
func Load(dir string) (*Cassette, error) {
	c := &Cassette{}
	if err := readJSON(filepath.Join(dir, ManifestFile), &c.Manifest); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotCassette)
		}
		return nil, err
	}
	if c.Manifest.Schema != Schema {
		return nil, fmt.Errorf("%s: cassette schema %q, this tool reads %q", dir, c.Manifest.Schema, Schema)
	}
	if err := readJSON(filepath.Join(dir, PoolsFile), &c.Pools); err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, ScenarioDir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		var list []Scenario
		if err := readJSON(f, &list); err != nil {
			return nil, err
		}
		c.Scenarios = append(c.Scenarios, list...)
	}
	return c, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// Checksum is the SHA-256 of a feature file's contents, as the manifest keeps it.
func Checksum(contents []byte) string {
	s := sha256.Sum256(contents)
	return hex.EncodeToString(s[:])
}

// Find returns the recorded scenario of a tag: by id, and among several with that id (the
// rows of an outline) by the hash of its steps.
func (c *Cassette) Find(id, steps string) *Scenario {
	var only *Scenario
	n := 0
	for i := range c.Scenarios {
		s := &c.Scenarios[i]
		if s.ID != id {
			continue
		}
		if s.Steps == steps {
			return s
		}
		only = s
		n++
	}
	if n == 1 {
		return only // its steps were edited since: the requests will say what changed
	}
	return nil
}

// featureOf is the feature name of a scenario id.
func featureOf(id string) string {
	f, _, _ := strings.Cut(id, "/")
	return f
}
