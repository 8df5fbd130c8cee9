package steps

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"sync"
	"time"
)

// The client driver: one long-lived python process (clients_driver.py) per run that makes every
// boto3 call and, when the aws on PATH is the awscli it imports, every AWS CLI command of the
// client scenarios. Starting python and importing botocore costs about a second a call; the
// driver pays it once. It stops when the run ends (Env.Close), or earlier when no call has come
// for driverIdle, and starts again on the next call.

//go:embed clients_driver.py
var driverScript string

const driverIdle = 2 * time.Second

// driverReady is the first line the driver writes: what it can run.
type driverReady struct {
	Boto3      string `json:"boto3"`       // "boto3/1.x botocore/1.y"; empty when not importable
	Boto3Error string `json:"boto3_error"` // why not
	AWSCLI     string `json:"awscli"`      // "aws-cli/1.x Python/3.y"; empty when not importable
}

type driverRequest struct {
	ID       int64           `json:"id"`
	Client   string          `json:"client"` // "boto3" or "cli"
	Method   string          `json:"method,omitempty"`
	Kwargs   json.RawMessage `json:"kwargs,omitempty"`
	Endpoint string          `json:"endpoint,omitempty"`
	Argv     []string        `json:"argv,omitempty"`
}

// driverAnswer is what the process of that one call would have printed, and its exit status.
type driverAnswer struct {
	ID     int64  `json:"id"`
	Stdout string `json:"stdout"`
	Stderr string `json:"stderr"`
	Exit   int    `json:"exit"`
}

// clientDriver keeps at most one driver process of a run alive.
type clientDriver struct {
	python string   // the interpreter
	env    []string // the process environment (clientEnv with the run's credentials and region)

	mu      sync.Mutex
	proc    *driverProc
	pending int
	idle    *time.Timer
}

type driverProc struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	ready  driverReady
	wmu    sync.Mutex
	mu     sync.Mutex
	nextID int64
	calls  map[int64]chan driverAnswer
	err    error // set when the process ended
	done   chan struct{}
}

// driver is the run's driver, made by the first scenario that needs one.
func (e *Env) driver(python string, env []string) *clientDriver {
	e.clients.mu.Lock()
	defer e.clients.mu.Unlock()
	if e.clients.driver == nil {
		e.clients.driver = &clientDriver{python: python, env: env}
	}
	return e.clients.driver
}

// Ready starts the driver if needed and says what it can run.
func (d *clientDriver) Ready(ctx context.Context) (driverReady, error) {
	p, err := d.acquire(ctx)
	if err != nil {
		return driverReady{}, err
	}
	defer d.release()
	return p.ready, nil
}

// Call sends one request and waits for its answer.
func (d *clientDriver) Call(ctx context.Context, req driverRequest) (driverAnswer, error) {
	p, err := d.acquire(ctx)
	if err != nil {
		return driverAnswer{}, err
	}
	defer d.release()
	ch := make(chan driverAnswer, 1)
	p.mu.Lock()
	if p.err != nil {
		p.mu.Unlock()
		return driverAnswer{}, p.err
	}
	p.nextID++
	req.ID = p.nextID
	p.calls[req.ID] = ch
	p.mu.Unlock()
	line, err := json.Marshal(req)
	if err != nil {
		return driverAnswer{}, err
	}
	p.wmu.Lock()
	_, err = p.stdin.Write(append(line, '\n'))
	p.wmu.Unlock()
	if err != nil {
		return driverAnswer{}, fmt.Errorf("the client driver is gone: %w", err)
	}
	select {
	case a := <-ch:
		return a, nil
	case <-p.done:
		return driverAnswer{}, p.err
	case <-ctx.Done():
		// A call that does not finish leaves the driver in an unknown state: stop it.
		d.stop(p)
		return driverAnswer{}, ctx.Err()
	}
}

func (d *clientDriver) acquire(ctx context.Context) (*driverProc, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.idle != nil {
		d.idle.Stop()
		d.idle = nil
	}
	if d.proc != nil {
		select {
		case <-d.proc.done:
			d.proc = nil
		default:
		}
	}
	if d.proc == nil {
		p, err := startDriver(ctx, d.python, d.env)
		if err != nil {
			return nil, err
		}
		d.proc = p
	}
	d.pending++
	return d.proc, nil
}

func (d *clientDriver) release() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pending--
	if d.pending == 0 && d.proc != nil {
		p := d.proc
		d.idle = time.AfterFunc(driverIdle, func() {
			d.mu.Lock()
			stop := d.pending == 0 && d.proc == p
			if stop {
				d.proc = nil
			}
			d.mu.Unlock()
			if stop {
				_ = p.stdin.Close() // the driver ends at the end of its input
			}
		})
	}
}

// driverExitGrace is how long close waits for the driver to end at the end of its input
// before it kills it.
const driverExitGrace = time.Second

// close ends the driver process now instead of after driverIdle: the run is over. A process
// ends at the end of its input, as when it idles out; one that does not is killed, so that no
// python outlives the run.
func (d *clientDriver) close() {
	d.mu.Lock()
	p := d.proc
	d.proc = nil
	if d.idle != nil {
		d.idle.Stop()
		d.idle = nil
	}
	d.mu.Unlock()
	if p == nil {
		return
	}
	_ = p.stdin.Close()
	select {
	case <-p.done:
	case <-time.After(driverExitGrace):
		_ = p.cmd.Process.Kill()
	}
}

func (d *clientDriver) stop(p *driverProc) {
	d.mu.Lock()
	if d.proc == p {
		d.proc = nil
	}
	d.mu.Unlock()
	_ = p.cmd.Process.Kill()
}

func startDriver(ctx context.Context, python string, env []string) (*driverProc, error) {
	cmd := exec.Command(python, "-u", "-c", driverScript)
	cmd.Env = env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the client driver: %w", err)
	}
	p := &driverProc{cmd: cmd, stdin: stdin, calls: map[int64]chan driverAnswer{}, done: make(chan struct{})}
	lines := bufio.NewScanner(stdout)
	lines.Buffer(make([]byte, 64<<10), 64<<20)
	readyCh := make(chan error, 1)
	go func() {
		first := true
		for lines.Scan() {
			if first {
				first = false
				var r struct {
					Ready *driverReady `json:"ready"`
				}
				if err := json.Unmarshal(lines.Bytes(), &r); err != nil || r.Ready == nil {
					readyCh <- fmt.Errorf("the client driver did not start: %q", lines.Text())
					continue
				}
				p.ready = *r.Ready
				readyCh <- nil
				continue
			}
			var a driverAnswer
			if json.Unmarshal(lines.Bytes(), &a) != nil {
				continue
			}
			p.mu.Lock()
			ch := p.calls[a.ID]
			delete(p.calls, a.ID)
			p.mu.Unlock()
			if ch != nil {
				ch <- a
			}
		}
		werr := cmd.Wait()
		p.mu.Lock()
		p.err = fmt.Errorf("the client driver ended (%v): %s", werr, stderr.String())
		p.mu.Unlock()
		if first {
			readyCh <- p.err
		}
		close(p.done)
	}()
	select {
	case err := <-readyCh:
		if err != nil {
			_ = cmd.Process.Kill()
			return nil, err
		}
		return p, nil
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("starting the client driver: %w", ctx.Err())
	case <-time.After(probeTimeout):
		_ = cmd.Process.Kill()
		return nil, errors.New("the client driver did not start within " + probeTimeout.String())
	}
}

// limitedBuffer keeps the first 64 KiB written to it (a driver's error output).
type limitedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := 64<<10 - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
