package share

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// BenchmarkGet is the handler's share of a GET: routing, the rate limiter,
// id parsing, the bbolt read and the reply, without the network.
func BenchmarkGet(b *testing.B) {
	store, err := OpenFileStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	h := NewHandler(store, Options{Reads: Limit{Rate: 1e9, Burst: 1e9}})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/api/share", strings.NewReader(`{"source":"package main\n\nfunc main() {}\n"}`)))
	if w.Code != http.StatusCreated {
		b.Fatal(w.Body)
	}
	path := "/api/share/" + strings.Split(w.Body.String(), `"`)[3]
	req := httptest.NewRequest("GET", path, nil)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatal(w.Code)
			}
		}
	})
}

// BenchmarkPost stores a new program per operation, fsync included.
func BenchmarkPost(b *testing.B) {
	store, err := OpenFileStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	h := NewHandler(store, Options{Writes: NoLimit})
	b.ReportAllocs()
	b.SetParallelism(8) // concurrent writers share an fsync, as in production
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body := fmt.Sprintf(`{"source":"package main // %d"}`, n.Add(1))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("POST", "/api/share", strings.NewReader(body)))
			if w.Code != http.StatusCreated {
				b.Fatal(w.Code, w.Body)
			}
		}
	})
}
