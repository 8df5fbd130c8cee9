package conformance

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognito-conformance/cognito-conformance/cassette"
	"github.com/cognito-conformance/cognito-conformance/catalogue"
	"github.com/cognito-conformance/cognito-conformance/reports"
	"github.com/cognito-conformance/cognito-conformance/target"
)

// ReplayPrefix names a cassette as a target: --target replay:DIR (served in-process), or
// --target replay:http://127.0.0.1:9231 (a cassette served by serve --replay DIR).
const ReplayPrefix = "replay:"

// cassettes are the cassettes of one run: the one it replays as its target, and the one whose
// recorded verdicts the report cites as evidence (the replayed one, unless --evidence names
// another).
type cassettes struct {
	replay   *replaying
	evidence *cassette.Cassette
}

// replaying is a cassette served for one run.
type replaying struct {
	dir      string
	manifest cassette.Manifest
	srv      *cassette.Server // nil when the cassette is served elsewhere (serve --replay)
	c        *cassette.Cassette
}

func (c *cassettes) close() {
	if c != nil && c.replay != nil && c.replay.srv != nil {
		_ = c.replay.srv.Close()
	}
}

// openCassettes opens the run's cassettes before anything runs: a bad one is a set-up error.
func openCassettes(cfg Config) (Config, *cassettes, error) {
	cfg, r, err := openReplay(cfg)
	if err != nil {
		return cfg, nil, err
	}
	out := &cassettes{replay: r}
	switch {
	case cfg.Evidence != "":
		if out.evidence, err = cassette.Load(cfg.Evidence); err != nil {
			out.close()
			return cfg, nil, fmt.Errorf("--evidence: %w", err)
		}
	case r != nil:
		out.evidence = r.c
	}
	return cfg, out, nil
}

// annotate names a replay target in the report and gives every scenario its basis.
func (c *cassettes) annotate(rep *reports.Report) {
	if c == nil || rep == nil {
		return
	}
	c.replay.label(rep)
	attachBasis(rep, c.evidence)
}

// attachBasis says, for each scenario, what its expected behaviour rests on: its catalogue
// entries and evidence label, and what the evidence cassette recorded for it. A scenario that
// a recording of real AWS failed is marked as contradicted: the catalogue or AWS has moved.
func attachBasis(rep *reports.Report, ev *cassette.Cassette) {
	recorded := map[string][]cassette.Scenario{}
	if ev != nil {
		for _, s := range ev.Scenarios {
			k := s.URI + "\x00" + s.Name
			recorded[k] = append(recorded[k], s)
		}
	}
	for _, s := range rep.Scenarios {
		b := &reports.Basis{Evidence: s.Evidence, Catalogue: []reports.BasisEntry{}}
		for _, id := range s.Behaviours {
			e, _ := catalogue.Lookup(id)
			b.Catalogue = append(b.Catalogue, reports.BasisEntry{ID: id, Title: e.Title})
		}
		if ev != nil {
			m := ev.Manifest
			rec := &reports.Recording{Label: m.Label(), RecordedAt: m.RecordedAt, RealAWS: m.Target.RealAWS}
			k := s.URI + "\x00" + s.Name
			message := ""
			if list := recorded[k]; len(list) > 0 {
				rec.Status, message, recorded[k] = reports.Status(list[0].Status), list[0].Message, list[1:] // outline rows in order
			}
			rec.Note, rec.Observed = recordingNote(rec, message), message
			b.Recording = rec
		}
		s.Basis = b
	}
}

func recordingNote(rec *reports.Recording, message string) string {
	switch {
	case rec.Status == "":
		return rec.Label + " holds no recording of this scenario"
	case rec.RealAWS && rec.Status == reports.Failed:
		rec.Contradicts = true
		return rec.Label + " contradicts this expectation (the catalogue or AWS has moved): " + message
	case rec.Status == reports.Passed || rec.Status == reports.Warning:
		return rec.Label + " behaves as expected"
	}
	return fmt.Sprintf("%s: %s", rec.Label, rec.Status)
}

// openReplay starts the replay of --target replay:DIR on a free loopback port and points the
// run at it, the way the embedded reference is started: the run takes the recorded target's
// region, its capabilities and quirks, and the conflict side it followed, so the replay is
// asked exactly what the recording asked.
func openReplay(cfg Config) (Config, *replaying, error) {
	if !strings.HasPrefix(cfg.Target, ReplayPrefix) {
		return cfg, nil, nil
	}
	dir := strings.TrimPrefix(cfg.Target, ReplayPrefix)
	if cfg.Endpoint != "" || cfg.Profile != "" || cfg.Mutation != "" {
		return cfg, nil, fmt.Errorf("--target replay:DIR takes no --endpoint, --profile or --mutation: the cassette is the target")
	}
	var srv *cassette.Server
	var m cassette.Manifest
	u := dir
	if strings.HasPrefix(dir, "http://") || strings.HasPrefix(dir, "https://") {
		// A replay served elsewhere (serve --replay DIR): it says what it recorded.
		if err := target.CheckEndpoint(dir); err != nil {
			return cfg, nil, err
		}
		got, err := cassette.FetchManifest(context.Background(), dir)
		if err != nil {
			return cfg, nil, err
		}
		m = *got
	} else {
		c, err := cassette.Load(dir)
		if err != nil {
			return cfg, nil, fmt.Errorf("--target %s: %w", cfg.Target, err)
		}
		srv = cassette.NewServer(c)
		if u, err = srv.Start("127.0.0.1:0"); err != nil {
			return cfg, nil, fmt.Errorf("starting the replay of %s: %w", dir, err)
		}
		m = c.Manifest
	}
	cfg.Target, cfg.Endpoint = target.Custom, u
	switch m.Target.Kind {
	case target.CognitoLocal, target.Moto, target.LocalStack:
		cfg.Target = m.Target.Kind // its quirks (e-mail usernames, HTML 500s) shaped the recording
	}
	if cfg.Region == "" {
		cfg.Region = m.Target.Region
	}
	if cfg.Follows == "" {
		cfg.Follows = m.Follows
	}
	for capability := range m.Target.Off {
		if !contains(cfg.With, capability) {
			cfg.Without = append(cfg.Without, capability)
		}
	}
	cfg.Transport = cassette.TagTransport{Base: cfg.Transport}
	cfg.replayed = true
	var c *cassette.Cassette
	if srv != nil {
		c = srv.Cassette()
	}
	return cfg, &replaying{dir: dir, manifest: m, srv: srv, c: c}, nil
}

// replayQuirks: a replay checks no TOTP code (the recording did), so the run need not wait for
// a fresh 30-second window as it would for a target that checks only the current one.
func replayQuirks(tg *target.Target) {
	tg.Quirks.AcceptsNextTOTPWindow = true
}

// label names the replay in the report: the cassette, and what it recorded when.
func (r *replaying) label(rep *reports.Report) {
	if r == nil || rep == nil {
		return
	}
	rep.Target.Name = "replay"
	rep.Target.Endpoint = ReplayPrefix + r.dir
	rep.Target.Recorded = r.manifest.Label()
}

func contains(list []string, v string) bool {
	for _, l := range list {
		if l == v {
			return true
		}
	}
	return false
}

// startRecording begins recording a cassette when cfg.Record is set: the calls outside any
// scenario are recorded beneath the run's clients, the scenarios' by the steps.
func startRecording(cfg *Config) *cassette.Recording {
	if cfg.Record == "" {
		return nil
	}
	rec := cassette.NewRecording()
	cfg.Transport = rec.Transport(cfg.Transport)
	return rec
}

// writeCassette writes the recording with its manifest, after the run's clean-up (whose pool
// deletions it holds).
func writeCassette(cfg Config, p *planned, conn *connection, rec *cassette.Recording, rep *reports.Report) error {
	if rec == nil || rep == nil {
		return nil
	}
	if rep.Interrupted {
		return fmt.Errorf("no cassette written to %s: an interrupted run did not record every scenario", cfg.Record)
	}
	tg := conn.Target
	m := cassette.Manifest{
		Target: cassette.TargetInfo{Kind: tg.Name, Host: hostOf(tg.Endpoint), Region: tg.Region, RealAWS: tg.RealAWS,
			Profile: tg.Profile, Mutation: cfg.Mutation, Off: tg.Off},
		Follows:    p.follows,
		RecordedAt: time.Now().UTC().Truncate(time.Second),
		Tool:       "cognito-conformance", Version: Version,
		Model:    modelVersion(),
		Features: map[string]string{},
	}
	if tg.Embedded() || conn.ref != nil {
		m.Target.Kind, m.Target.Host = target.Reference, "embedded"
	}
	for _, f := range p.files {
		m.Features[filepath.ToSlash(f.Path)] = cassette.Checksum(f.Contents)
	}
	c := rec.Build(m, conn.Redactor)
	if err := c.Write(cfg.Record); err != nil {
		return err
	}
	return nil
}

func hostOf(endpoint string) string {
	if endpoint == "" {
		return ""
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return ""
	}
	return u.Host // never the user:password part
}

// modelVersion is the cognito-idp API model the run assumed: the API version of the AWS SDK
// for Go's client the harness is built with, and that module's version when the binary says.
func modelVersion() string {
	v := "cognito-idp " + cip.ServiceAPIVersion
	if sdk := versions()["aws-sdk-go-v2/cognitoidentityprovider"]; sdk != "" {
		v += " (aws-sdk-go-v2/service/cognitoidentityprovider " + sdk + ")"
	}
	return v
}
