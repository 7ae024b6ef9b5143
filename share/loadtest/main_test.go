package main

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestPhasesAgainstRealServer runs both phases briefly: the tool must count
// real successes and no errors against the real handler.
func TestPhasesAgainstRealServer(t *testing.T) {
	addr, stop := serve()
	defer stop()
	post := run(addr, 4, 300*time.Millisecond, postRequest)
	if post.errors != 0 || len(post.ids) == 0 || len(post.ids) != len(post.latencies) {
		t.Fatalf("POST phase: %d errors (%v), %d ids, %d latencies", post.errors, post.firstErr, len(post.ids), len(post.latencies))
	}
	get := run(addr, 4, 300*time.Millisecond, func(w, i int) ([]byte, int) {
		return []byte("GET /api/share/" + post.ids[i%len(post.ids)] + " HTTP/1.1\r\nHost: t\r\n\r\n"), http.StatusOK
	})
	if get.errors != 0 || len(get.latencies) == 0 {
		t.Fatalf("GET phase: %d errors (%v), %d requests", get.errors, get.firstErr, len(get.latencies))
	}
	// An unknown id is a 404, which the GET phase must count as an error.
	miss := run(addr, 1, 50*time.Millisecond, func(w, i int) ([]byte, int) {
		return []byte("GET /api/share/0000000000 HTTP/1.1\r\nHost: t\r\n\r\n"), http.StatusOK
	})
	if miss.errors == 0 || !strings.Contains(miss.firstErr.Error(), "status 404") {
		t.Fatalf("404s were not counted: %d errors, %v", miss.errors, miss.firstErr)
	}
}

func TestReadResponse(t *testing.T) {
	ok := "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\ncontent-length: 8\r\n\r\n{\"id\":1}"
	status, body, err := readResponse(bufio.NewReader(strings.NewReader(ok)))
	if err != nil || status != 201 || string(body) != `{"id":1}` {
		t.Fatalf("got %d %q %v", status, body, err)
	}
	for _, bad := range []string{
		"HTTP/1.0 200 OK\r\n\r\n",
		"HTTP/1.1 2x0 OK\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
		"HTTP/1.1 200 OK\r\n\r\n",                           // no length
		"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort", // truncated
	} {
		if _, _, err := readResponse(bufio.NewReader(strings.NewReader(bad))); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
