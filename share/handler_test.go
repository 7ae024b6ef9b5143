package share

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// newTestServer serves a handler on a fresh file store.
func newTestServer(t *testing.T, opts Options) (http.Handler, Store) {
	t.Helper()
	store, err := OpenFileStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if opts.Log == nil {
		opts.Log = t.Logf
	}
	return NewHandler(store, opts), store
}

type reply struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, h http.Handler, method, path, body string, headers ...string) reply {
	t.Helper()
	var r *http.Request
	if body == "" {
		r = httptest.NewRequest(method, path, nil)
	} else {
		r = httptest.NewRequest(method, path, strings.NewReader(body))
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return reply{w.Code, w.Result().Header, w.Body.String()}
}

// errorText decodes an error reply, failing unless it is JSON {"error"}.
func errorText(t *testing.T, rep reply) string {
	t.Helper()
	if ct := rep.header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("error reply has Content-Type %q, want application/json", ct)
	}
	var e struct{ Error string }
	if err := json.Unmarshal([]byte(rep.body), &e); err != nil || e.Error == "" {
		t.Fatalf("error reply %q is not JSON {\"error\": ...}", rep.body)
	}
	return e.Error
}

func postID(t *testing.T, h http.Handler, body string) string {
	t.Helper()
	rep := do(t, h, "POST", "/api/share", body, "Content-Type", "application/json")
	if rep.status != http.StatusCreated {
		t.Fatalf("POST %s: status %d %s", body, rep.status, rep.body)
	}
	var v struct{ ID string }
	if err := json.Unmarshal([]byte(rep.body), &v); err != nil {
		t.Fatal(err)
	}
	if rep.header.Get("Location") != "/api/share/"+v.ID {
		t.Errorf("Location = %q, want /api/share/%s", rep.header.Get("Location"), v.ID)
	}
	return v.ID
}

func TestPostThenGet(t *testing.T) {
	h, _ := newTestServer(t, Options{})
	id := postID(t, h, `{"source": "package main\n\nfunc main() {}\n", "clock": "real", "example": "hello-world"}`)
	if err := ParseID(id); err != nil || len(id) != MinIDLen {
		t.Fatalf("id %q: %v (want %d characters)", id, err, MinIDLen)
	}
	rep := do(t, h, "GET", "/api/share/"+id, "")
	if rep.status != http.StatusOK {
		t.Fatalf("GET: %d %s", rep.status, rep.body)
	}
	want := `{"source":"package main\n\nfunc main() {}\n","clock":"real","example":"hello-world"}`
	if rep.body != want {
		t.Errorf("GET body\n got %s\nwant %s", rep.body, want)
	}
	if ct := rep.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	head := do(t, h, "HEAD", "/api/share/"+id, "")
	if head.status != http.StatusOK || head.body != "" || head.header.Get("Content-Length") != strconv.Itoa(len(want)) {
		t.Errorf("HEAD: %d %q length %q", head.status, head.body, head.header.Get("Content-Length"))
	}
}

func TestSameContentSameID(t *testing.T) {
	h, _ := newTestServer(t, Options{})
	a := postID(t, h, `{"source":"package main","clock":"virtual"}`)
	b := postID(t, h, "{ \"clock\" : \"virtual\",\n \"source\" : \"package main\" }")
	c := postID(t, h, `{"source":"package main"}`) // virtual is the default
	if a != b || a != c {
		t.Errorf("same program got ids %s, %s, %s", a, b, c)
	}
	d := postID(t, h, `{"source":"package main","clock":"real"}`)
	if d == a {
		t.Errorf("a different clock kept id %s", a)
	}
	rep := do(t, h, "GET", "/api/share/"+c, "")
	if rep.body != `{"source":"package main","clock":"virtual"}` {
		t.Errorf("stored %s", rep.body)
	}
}

// The language is part of what an id names: the same text shared as Go and
// as Python gets two ids, each reading back with its language; Go is stored
// without a lang field, so a Go share keeps the id it had before Python
// mode, and "go" spelled out names the same document.
func TestLanguageInID(t *testing.T) {
	h, _ := newTestServer(t, Options{})
	const src = `print('hello')\n`
	def := postID(t, h, `{"source":"`+src+`"}`)
	goID := postID(t, h, `{"source":"`+src+`","lang":"go"}`)
	py := postID(t, h, `{"source":"`+src+`","lang":"python"}`)
	if goID != def {
		t.Errorf("lang go got id %s, the default (Go) %s", goID, def)
	}
	if py == def {
		t.Errorf("the Python program got the Go program's id %s", py)
	}
	if got := do(t, h, "GET", "/api/share/"+def, "").body; got != `{"source":"`+src+`","clock":"virtual"}` {
		t.Errorf("Go share stored as %s", got)
	}
	if got := do(t, h, "GET", "/api/share/"+py, "").body; got != `{"source":"`+src+`","clock":"virtual","lang":"python"}` {
		t.Errorf("Python share stored as %s", got)
	}
	if again := postID(t, h, `{"lang":"python","source":"`+src+`"}`); again != py {
		t.Errorf("the same Python program got %s, then %s", py, again)
	}
}

func TestCollisionLengthensID(t *testing.T) {
	h, store := newTestServer(t, Options{})
	_, doc, err := ParseBody([]byte(`{"source":"package main // mine"}`))
	if err != nil {
		t.Fatal(err)
	}
	// Another program already sits under this program's 10-character id.
	short := contentHash(doc)[:MinIDLen]
	other := []byte(`{"source":"package main // theirs","clock":"virtual"}`)
	if _, err := store.PutIfAbsent(context.Background(), short, other); err != nil {
		t.Fatal(err)
	}
	id := postID(t, h, `{"source":"package main // mine"}`)
	if id != contentHash(doc)[:MinIDLen+1] {
		t.Fatalf("colliding program got id %q, want %q", id, contentHash(doc)[:MinIDLen+1])
	}
	if got := do(t, h, "GET", "/api/share/"+short, "").body; got != string(other) {
		t.Errorf("the older program was overwritten: %s", got)
	}
	if got := do(t, h, "GET", "/api/share/"+id, "").body; got != string(doc) {
		t.Errorf("the newer program reads back as %s", got)
	}
	if again := postID(t, h, `{"source":"package main // mine"}`); again != id {
		t.Errorf("posting again gave %s, want %s", again, id)
	}
}

func TestPostErrors(t *testing.T) {
	big := strings.Repeat("x", MaxSourceBytes+1)
	cases := []struct {
		name, body string
		status     int
		want       string // part of the message
	}{
		{"no body", "", 400, "empty body"},
		{"blank body", " \n\t", 400, "empty body"},
		{"empty source", `{"source":""}`, 400, "empty program"},
		{"blank source", `{"source":"  \n "}`, 400, "empty program"},
		{"no source", `{"clock":"real"}`, 400, "empty program"},
		{"null", `null`, 400, "empty program"},
		{"invalid UTF-8", "{\"source\":\"package main \xff\xfe\"}", 400, "not valid UTF-8"},
		{"lone high surrogate", `{"source":"package main \ud800"}`, 400, "surrogate"},
		{"lone low surrogate", `{"source":"package main \udc00 x"}`, 400, "surrogate"},
		{"reversed pair", `{"source":"\udc00\ud800"}`, 400, "surrogate"},
		{"syntax", `{"source": "package main"`, 400, "not the expected JSON"},
		{"not an object", `["package main"]`, 400, "not the expected JSON"},
		{"wrong type", `{"source": 42}`, 400, "not the expected JSON"},
		{"unknown field", `{"source":"package main","title":"x"}`, 400, "unknown field"},
		{"trailing data", `{"source":"package main"} {}`, 400, "after the JSON object"},
		{"bad clock", `{"source":"package main","clock":"fast"}`, 400, "clock must be"},
		{"bad lang", `{"source":"package main","lang":"rust"}`, 400, "lang must be"},
		{"lang in capitals", `{"source":"import asyncio","lang":"Python"}`, 400, "lang must be"},
		{"lang not a string", `{"source":"import asyncio","lang":1}`, 400, "not the expected JSON"},
		{"bad example", `{"source":"package main","example":"../etc/passwd"}`, 400, "example name"},
		{"long example", `{"source":"package main","example":"` + strings.Repeat("a", 65) + `"}`, 400, "example name"},
		{"source over 64 KiB", `{"source":"` + big + `"}`, 413, "limit is 65536"},
		{"body over limit", `{"source":"` + strings.Repeat("\\n", maxBodyBytes/2) + `"}`, 413, "larger than"},
	}
	h, _ := newTestServer(t, Options{Writes: NoLimit})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := do(t, h, "POST", "/api/share", c.body)
			if rep.status != c.status {
				t.Fatalf("status %d, want %d (%s)", rep.status, c.status, rep.body)
			}
			if msg := errorText(t, rep); !strings.Contains(msg, c.want) {
				t.Errorf("message %q does not mention %q", msg, c.want)
			}
		})
	}
}

func TestSourceOfExactly64KiB(t *testing.T) {
	h, _ := newTestServer(t, Options{})
	// Every byte escaped as \u0001 takes 6 bytes of body: the worst case
	// must still fit.
	src := "package main" + strings.Repeat(`\u0001`, MaxSourceBytes-len("package main"))
	id := postID(t, h, `{"source":"`+src+`"}`)
	var s Snippet
	if err := json.Unmarshal([]byte(do(t, h, "GET", "/api/share/"+id, "").body), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Source) != MaxSourceBytes {
		t.Errorf("stored %d bytes, want %d", len(s.Source), MaxSourceBytes)
	}
}

func TestGetErrors(t *testing.T) {
	h, _ := newTestServer(t, Options{})
	cases := []struct {
		name, path string
		status     int
		want       string
	}{
		{"unknown id", "/api/share/0123456789", 404, "no program is shared under id 0123456789"},
		{"short id", "/api/share/abc", 400, "10 to 52 characters"},
		{"empty id", "/api/share/", 400, "10 to 52 characters"},
		{"long id", "/api/share/" + strings.Repeat("a", 53), 400, "10 to 52 characters"},
		{"bad character", "/api/share/0123456789O", 400, `found 'O'`},
		{"confusable letter", "/api/share/abcdefghijkl", 400, `found 'i'`},
		{"nested path", "/api/share/0123456789/x", 400, `found '/'`},
		{"other endpoint", "/api/other", 404, "no such endpoint"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep := do(t, h, "GET", c.path, "")
			if rep.status != c.status {
				t.Fatalf("status %d, want %d (%s)", rep.status, c.status, rep.body)
			}
			if msg := errorText(t, rep); !strings.Contains(msg, c.want) {
				t.Errorf("message %q does not mention %q", msg, c.want)
			}
		})
	}
}

func TestWrongMethod(t *testing.T) {
	h, _ := newTestServer(t, Options{})
	cases := []struct{ method, path, allow string }{
		{"GET", "/api/share", "POST, OPTIONS"},
		{"PUT", "/api/share", "POST, OPTIONS"},
		{"DELETE", "/api/share/0123456789", "GET, HEAD, OPTIONS"},
		{"POST", "/api/share/0123456789", "GET, HEAD, OPTIONS"},
	}
	for _, c := range cases {
		rep := do(t, h, c.method, c.path, "")
		if rep.status != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: status %d", c.method, c.path, rep.status)
			continue
		}
		if rep.header.Get("Allow") != c.allow {
			t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, rep.header.Get("Allow"), c.allow)
		}
		if msg := errorText(t, rep); !strings.Contains(msg, "method "+c.method+" is not allowed") {
			t.Errorf("%s %s: message %q", c.method, c.path, msg)
		}
	}
}

// clock is a hand-moved time source for the rate limiter.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestRateLimit(t *testing.T) {
	clk := &clock{t: time.Unix(1e9, 0)}
	h, _ := newTestServer(t, Options{
		Writes: Limit{Rate: 1, Burst: 3},
		Reads:  Limit{Rate: 10, Burst: 2},
		now:    clk.now,
	})
	post := func(addr string) reply {
		r := httptest.NewRequest("POST", "/api/share", strings.NewReader(`{"source":"package main"}`))
		r.RemoteAddr = addr
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return reply{w.Code, w.Result().Header, w.Body.String()}
	}
	for i := 0; i < 3; i++ {
		if rep := post("192.0.2.1:1000"); rep.status != 201 {
			t.Fatalf("POST %d within the burst: %d %s", i, rep.status, rep.body)
		}
	}
	rep := post("192.0.2.1:2000") // another port, same client
	if rep.status != http.StatusTooManyRequests {
		t.Fatalf("POST past the burst: %d %s", rep.status, rep.body)
	}
	if msg := errorText(t, rep); !strings.Contains(msg, "too many requests") {
		t.Errorf("message %q", msg)
	}
	if ra := rep.header.Get("Retry-After"); ra != "1" {
		t.Errorf("Retry-After = %q, want 1", ra)
	}
	if rep := post("192.0.2.2:1000"); rep.status != 201 {
		t.Errorf("another client was limited too: %d", rep.status)
	}
	clk.t = clk.t.Add(999 * time.Millisecond)
	if rep := post("192.0.2.1:1000"); rep.status != 429 {
		t.Errorf("POST before a token refilled: %d", rep.status)
	}
	clk.t = clk.t.Add(time.Millisecond)
	if rep := post("192.0.2.1:1000"); rep.status != 201 {
		t.Errorf("POST after a token refilled: %d %s", rep.status, rep.body)
	}

	// Reads have their own bucket.
	for i := 0; i < 2; i++ {
		if rep := do(t, h, "GET", "/api/share/0123456789", ""); rep.status != 404 {
			t.Fatalf("GET %d: %d", i, rep.status)
		}
	}
	rep = do(t, h, "GET", "/api/share/0123456789", "")
	if rep.status != 429 {
		t.Fatalf("GET past the burst: %d", rep.status)
	}
	errorText(t, rep)
}

func TestClientKey(t *testing.T) {
	h, _ := newTestServer(t, Options{
		Writes:    Limit{Rate: 1e-9, Burst: 1},
		ClientKey: func(r *http.Request) string { return r.Header.Get("CF-Connecting-IP") },
	})
	body := `{"source":"package main"}`
	if rep := do(t, h, "POST", "/api/share", body, "CF-Connecting-IP", "a"); rep.status != 201 {
		t.Fatal(rep.status)
	}
	if rep := do(t, h, "POST", "/api/share", body, "CF-Connecting-IP", "b"); rep.status != 201 {
		t.Fatal(rep.status)
	}
	if rep := do(t, h, "POST", "/api/share", body, "CF-Connecting-IP", "a"); rep.status != 429 {
		t.Fatal(rep.status)
	}
}

func TestCORS(t *testing.T) {
	h, _ := newTestServer(t, Options{AllowedOrigins: []string{"https://docs.example.org/"}})
	const ok, foreign = "https://docs.example.org", "https://evil.example"

	rep := do(t, h, "OPTIONS", "/api/share", "", "Origin", ok, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	if rep.status != 204 || rep.header.Get("Access-Control-Allow-Origin") != ok ||
		rep.header.Get("Access-Control-Allow-Methods") != "POST, OPTIONS" ||
		rep.header.Get("Access-Control-Allow-Headers") != "Content-Type" {
		t.Errorf("preflight from an allowed origin: %d %v", rep.status, rep.header)
	}
	rep = do(t, h, "OPTIONS", "/api/share", "", "Origin", foreign, "Access-Control-Request-Method", "POST")
	if rep.status != 403 || rep.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from a foreign origin: %d %v", rep.status, rep.header)
	}
	if msg := errorText(t, rep); !strings.Contains(msg, foreign) {
		t.Errorf("message %q does not name the origin", msg)
	}

	rep = do(t, h, "POST", "/api/share", `{"source":"package main"}`, "Origin", ok)
	if rep.status != 201 || rep.header.Get("Access-Control-Allow-Origin") != ok || rep.header.Get("Vary") != "Origin" {
		t.Errorf("POST from an allowed origin: %d %v", rep.status, rep.header)
	}
	// A same-origin POST carries Origin too, so it is served, but a foreign
	// page gets no CORS header and cannot read the answer.
	rep = do(t, h, "POST", "/api/share", `{"source":"package main"}`, "Origin", foreign)
	if rep.status != 201 || rep.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("POST from another origin: %d %v", rep.status, rep.header)
	}
	rep = do(t, h, "GET", "/api/share/0123456789", "")
	if rep.header.Get("Access-Control-Allow-Origin") != "" || rep.header.Get("Vary") != "" {
		t.Errorf("a request without Origin got CORS headers: %v", rep.header)
	}

	any, _ := newTestServer(t, Options{AllowedOrigins: []string{"*"}})
	rep = do(t, any, "GET", "/api/share/0123456789", "", "Origin", foreign)
	if rep.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("wildcard: %v", rep.header)
	}
	rep = do(t, any, "OPTIONS", "/api/share/0123456789", "")
	if rep.status != 204 || rep.header.Get("Allow") != "GET, HEAD, OPTIONS" {
		t.Errorf("plain OPTIONS: %d %v", rep.status, rep.header)
	}
}

// brokenStore fails every call, as a full disk or a KV outage would.
type brokenStore struct{}

var errBroken = errors.New("disk on fire")

func (brokenStore) Get(context.Context, string) ([]byte, error) { return nil, errBroken }
func (brokenStore) PutIfAbsent(context.Context, string, []byte) ([]byte, error) {
	return nil, errBroken
}
func (brokenStore) Close() error { return nil }

func TestStoreFailure(t *testing.T) {
	var logged []string
	h := NewHandler(brokenStore{}, Options{Log: func(f string, a ...any) { logged = append(logged, f) }})
	rep := do(t, h, "POST", "/api/share", `{"source":"package main"}`)
	if rep.status != 500 || !strings.Contains(errorText(t, rep), "could not be stored") {
		t.Errorf("POST: %d %s", rep.status, rep.body)
	}
	rep = do(t, h, "GET", "/api/share/0123456789", "")
	if rep.status != 500 || !strings.Contains(errorText(t, rep), "could not be read") {
		t.Errorf("GET: %d %s", rep.status, rep.body)
	}
	if len(logged) != 2 {
		t.Errorf("logged %d failures, want 2", len(logged))
	}
}
