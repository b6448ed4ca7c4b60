package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/sqlstore"
)

// procMemKiB reads VmRSS and VmHWM (KiB) of a process from /proc.
func procMemKiB(pid int) (rss, hwm int64) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			rss = n
		case "VmHWM":
			hwm = n
		}
	}
	return rss, hwm
}

// intakeStep is one rate held for a while: every delivery is a new chat.
type intakeStep struct {
	rate    int
	sent    int
	ok      []int // visitors answered 200
	failed  int
	p50     time.Duration
	p99     time.Duration
	max     time.Duration
	peakRSS int64
}

func (s intakeStep) passed() bool { return s.failed == 0 && s.p99 < 100*time.Millisecond }

// intakeLoad posts rate new chats per second for d, open loop: each is sent
// at its scheduled time whether or not earlier ones were answered, and its
// time-to-200 counts from that schedule, so a server falling behind shows
// as latency instead of slowing the load down.
func intakeLoad(client *http.Client, url string, pid, rate int, d time.Duration, next *atomic.Int64) intakeStep {
	n := int(int64(rate) * int64(d) / int64(time.Second))
	step := intakeStep{rate: rate, sent: n}
	took := make([]time.Duration, n)
	oks := make([]int, n)
	var failed atomic.Int64
	var inflight atomic.Int64
	var wg sync.WaitGroup
	stopMem := make(chan struct{})
	var memWG sync.WaitGroup
	memWG.Go(func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			if rss, _ := procMemKiB(pid); rss > step.peakRSS {
				step.peakRSS = rss
			}
			select {
			case <-stopMem:
				return
			case <-t.C:
			}
		}
	})
	start := time.Now()
	interval := time.Second / time.Duration(rate)
	for k := range n {
		at := start.Add(time.Duration(k) * interval)
		if w := time.Until(at); w > 0 {
			time.Sleep(w)
		}
		oks[k] = -1
		if inflight.Load() > 1000 {
			failed.Add(1) // the server is hopelessly behind: count it lost
			took[k] = time.Since(at)
			continue
		}
		visitor := int(next.Add(1))
		inflight.Add(1)
		wg.Go(func() {
			defer inflight.Add(-1)
			st := deliver(client, url, burstChat(visitor))
			took[k] = time.Since(at)
			if st == http.StatusOK {
				oks[k] = visitor
			} else {
				failed.Add(1)
			}
		})
	}
	wg.Wait()
	close(stopMem)
	memWG.Wait()
	for _, v := range oks {
		if v >= 0 {
			step.ok = append(step.ok, v)
		}
	}
	step.failed = int(failed.Load())
	slices.Sort(took)
	step.p50, step.p99, step.max = took[n*50/100], took[n*99/100], took[n-1]
	return step
}

// TestBenchServerIntake is `make bench`'s sustained webhook intake: the
// `selo server` process on this machine, JivoChat events of new chats at a
// fixed rate, raised until the 99th percentile of time-to-200 reaches
// 100 ms or a delivery fails, then narrowed; every event answered 200 is
// then looked up as a lead. It also reports the server's memory at rest and
// under that load. The load generator shares the machine's cores with the
// server and PostgreSQL.
func TestBenchServerIntake(t *testing.T) {
	if os.Getenv("SELO_BENCH") != "1" {
		t.Skip("a bench: set SELO_BENCH=1 and SELO_TEST_POSTGRES")
	}
	f := newServerFixture(t)
	p := startServerProcess(t, f)
	pid := p.cmd.Process.Pid
	url := p.base + "/webhooks/jivochat/" + f.jivoToken
	client := &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024}}
	var next atomic.Int64
	const hold = 3 * time.Second

	time.Sleep(time.Second)
	restRSS, _ := procMemKiB(pid)
	intakeLoad(client, url, pid, 50, time.Second, &next) // warm-up: connections, caches

	var steps []intakeStep
	run := func(rate int) intakeStep {
		s := intakeLoad(client, url, pid, rate, hold, &next)
		steps = append(steps, s)
		t.Logf("%4d events/s: p50 %v p99 %v max %v, %d failed, RSS %d KiB", rate,
			s.p50.Round(100*time.Microsecond), s.p99.Round(100*time.Microsecond), s.max.Round(time.Millisecond), s.failed, s.peakRSS)
		time.Sleep(500 * time.Millisecond) // let a backlog drain before the next rate
		return s
	}
	var best *intakeStep
	lo, hi := 0, 0
	for _, rate := range []int{50, 100, 200, 300, 400, 600, 800, 1200, 1600} {
		s := run(rate)
		if !s.passed() {
			hi = rate
			break
		}
		best, lo = &s, rate
	}
	for range 3 {
		if hi == 0 || hi-lo <= lo/10 {
			break
		}
		mid := (lo + hi) / 2
		if s := run(mid); s.passed() {
			best, lo = &s, mid
		} else {
			hi = mid
		}
	}
	_, hwm := procMemKiB(pid)

	// Nothing lost: every event answered 200 is a lead, read back from the
	// office database after the load.
	db, err := sqlstore.OpenPostgres(context.Background(), f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(context.Background(), `SELECT name FROM leads`)
	if err != nil {
		t.Fatal(err)
	}
	have := map[int]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		have[visitorOf(name)] = true
	}
	rows.Close()
	answered, lost := 0, 0
	for _, s := range steps {
		for _, v := range s.ok {
			answered++
			if !have[v] {
				lost++
			}
		}
	}
	if best == nil {
		t.Fatalf("not even 50 events/s met p99 < 100 ms: %+v", steps[0])
	}
	mib := func(kib int64) string { return fmt.Sprintf("%.1f", float64(kib)/1024) }
	fmt.Printf("server_intake_events_per_s: %d\n", best.rate)
	fmt.Printf("server_intake_p50_ms: %.1f\n", float64(best.p50.Microseconds())/1000)
	fmt.Printf("server_intake_p99_ms: %.1f\n", float64(best.p99.Microseconds())/1000)
	fmt.Printf("server_intake_first_failing_rate: %d\n", hi)
	fmt.Printf("server_intake_events_answered_200: %d\n", answered)
	fmt.Printf("server_intake_answered_but_missing: %d\n", lost)
	fmt.Printf("server_rss_rest_mib: %s\n", mib(restRSS))
	fmt.Printf("server_rss_load_mib: %s\n", mib(best.peakRSS))
	fmt.Printf("server_hwm_mib: %s\n", mib(hwm))
	if lost != 0 {
		t.Fatalf("%d events answered 200 are not leads", lost)
	}
}
