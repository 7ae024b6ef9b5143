// Command loadtest measures the share service on loopback: a POST phase
// that stores fresh programs, then a GET phase that reads them back, each
// for a bounded time over keep-alive connections. It prints requests per
// second and latency percentiles and fails on any error.
//
//	go run ./share/loadtest -post-duration 10s -duration 30s -conns 8
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/loopscope/loopscope/share"
)

const maxDuration = 60 * time.Second

func main() {
	duration := flag.Duration("duration", 30*time.Second, "length of each phase (at most 60s)")
	postDuration := flag.Duration("post-duration", 10*time.Second, "length of the POST phase (at most 60s)")
	conns := flag.Int("conns", 8, "concurrent keep-alive connections (1-256)")
	addr := flag.String("addr", "", "host:port of a running share server on loopback; empty serves one in this process on a fresh file store")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of both phases to this file")
	flag.Parse()
	if *duration <= 0 || *duration > maxDuration || *postDuration <= 0 || *postDuration > maxDuration {
		log.Fatalf("phases must last between 0 and %v", maxDuration)
	}
	if *conns < 1 || *conns > 256 {
		log.Fatal("-conns must be 1 to 256")
	}
	target := *addr
	if target == "" {
		var stop func()
		target, stop = serve()
		defer stop()
	} else if host, _, err := net.SplitHostPort(target); err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("-addr %q: only a loopback address is allowed", target)
	}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	post := run(target, *conns, *postDuration, postRequest)
	post.print("POST")
	if len(post.ids) == 0 {
		log.Fatal("no program was stored, so there is nothing to read")
	}
	ids := post.ids
	get := run(target, *conns, *duration, func(worker, i int) ([]byte, int) {
		id := ids[rand.IntN(len(ids))]
		return []byte("GET /api/share/" + id + " HTTP/1.1\r\nHost: loadtest\r\n\r\n"), http.StatusOK
	})
	get.print("GET")
	if post.errors+get.errors > 0 {
		log.Fatal("errors: the service failed under load")
	}
}

// serve starts the handler on a file store in a temporary directory. The
// rate limiter stays in the path with limits no test reaches, so its cost
// is measured too.
func serve() (string, func()) {
	dir, err := os.MkdirTemp("", "share-loadtest-")
	if err != nil {
		log.Fatal(err)
	}
	store, err := share.OpenFileStore(dir)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	huge := share.Limit{Rate: 1e9, Burst: 1e9}
	srv := &http.Server{Handler: share.NewHandler(store, share.Options{Writes: huge, Reads: huge})}
	go srv.Serve(ln)
	fmt.Printf("serving on %s, data in %s\n", ln.Addr(), dir)
	return ln.Addr().String(), func() {
		srv.Close()
		store.Close()
		os.RemoveAll(dir)
	}
}

// postRequest builds a distinct program for each request, about 1 KiB.
func postRequest(worker, i int) ([]byte, int) {
	body := fmt.Sprintf(`{"source":"package main\n\n// load test: worker %d, request %d\nfunc main() {\n%s}\n","clock":"virtual"}`,
		worker, i, bytes.Repeat([]byte(`\tprintln(\"hello, loop\")\n`), 36))
	req := "POST /api/share HTTP/1.1\r\nHost: loadtest\r\nContent-Type: application/json\r\nContent-Length: " +
		strconv.Itoa(len(body)) + "\r\n\r\n" + body
	return []byte(req), http.StatusCreated
}

type result struct {
	elapsed   time.Duration
	latencies []time.Duration
	errors    int
	firstErr  error
	ids       []string
}

// run drives conns connections for d, each sending one request at a time;
// req gives the bytes of a request and the status it must get.
func run(addr string, conns int, d time.Duration, req func(worker, i int) ([]byte, int)) result {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		res      result
		stopping atomic.Bool
	)
	start := time.Now()
	time.AfterFunc(d, func() { stopping.Store(true) })
	for w := 0; w < conns; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat, ids, nerr, err := drive(addr, w, &stopping, req)
			mu.Lock()
			defer mu.Unlock()
			res.latencies = append(res.latencies, lat...)
			res.ids = append(res.ids, ids...)
			res.errors += nerr
			if err != nil && res.firstErr == nil {
				res.firstErr = err
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// drive is one keep-alive connection; it reconnects after an error.
func drive(addr string, w int, stopping *atomic.Bool, req func(worker, i int) ([]byte, int)) (lat []time.Duration, ids []string, nerr int, first error) {
	var conn net.Conn
	var rd *bufio.Reader
	fail := func(err error) {
		nerr++
		if first == nil {
			first = err
		}
		if conn != nil {
			conn.Close()
			conn = nil
		}
	}
	defer func() {
		if conn != nil {
			conn.Close()
		}
	}()
	lat = make([]time.Duration, 0, 1<<16)
	for i := 0; !stopping.Load(); i++ {
		if conn == nil {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				fail(err)
				time.Sleep(10 * time.Millisecond)
				continue
			}
			conn, rd = c, bufio.NewReaderSize(c, 8<<10)
		}
		msg, want := req(w, i)
		t0 := time.Now()
		if _, err := conn.Write(msg); err != nil {
			fail(err)
			continue
		}
		status, body, err := readResponse(rd)
		lat = append(lat, time.Since(t0))
		if err != nil {
			fail(err)
			continue
		}
		if status != want {
			fail(fmt.Errorf("status %d, want %d: %s", status, want, body))
			continue
		}
		if want == http.StatusCreated {
			// The body is {"id":"..."}\n.
			id, ok := bytes.CutPrefix(bytes.TrimSpace(body), []byte(`{"id":"`))
			id, ok2 := bytes.CutSuffix(id, []byte(`"}`))
			if !ok || !ok2 {
				fail(fmt.Errorf("unexpected reply %q", body))
				continue
			}
			ids = append(ids, string(id))
		}
	}
	return lat, ids, nerr, first
}

// readResponse reads one HTTP/1.1 response with a Content-Length body,
// which is all the share handler sends.
func readResponse(rd *bufio.Reader) (int, []byte, error) {
	line, err := rd.ReadSlice('\n')
	if err != nil {
		return 0, nil, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, nil, fmt.Errorf("bad status line %q", line)
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, nil, fmt.Errorf("bad status line %q", line)
	}
	length := -1
	for {
		h, err := rd.ReadSlice('\n')
		if err != nil {
			return 0, nil, err
		}
		h = bytes.TrimRight(h, "\r\n")
		if len(h) == 0 {
			break
		}
		if k, v, ok := bytes.Cut(h, []byte(":")); ok && bytes.EqualFold(k, []byte("Content-Length")) {
			if length, err = strconv.Atoi(string(bytes.TrimSpace(v))); err != nil {
				return 0, nil, fmt.Errorf("bad Content-Length %q", v)
			}
		}
	}
	if length < 0 {
		return 0, nil, errors.New("response without Content-Length")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(rd, body); err != nil {
		return 0, nil, err
	}
	return status, body, nil
}

func (r result) print(name string) {
	slices.Sort(r.latencies)
	pct := func(p float64) time.Duration {
		if len(r.latencies) == 0 {
			return 0
		}
		return r.latencies[min(len(r.latencies)-1, int(p*float64(len(r.latencies))))]
	}
	n := len(r.latencies)
	fmt.Printf("%-4s %8d requests in %5.1fs = %7.0f req/s  p50 %-9v p99 %-9v max %-9v errors %d\n",
		name, n, r.elapsed.Seconds(), float64(n)/r.elapsed.Seconds(),
		pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond), r.errors)
	if r.firstErr != nil {
		fmt.Printf("     first error: %v\n", r.firstErr)
	}
}
