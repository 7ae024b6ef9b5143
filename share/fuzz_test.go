package share

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseBody(f *testing.F) {
	for _, seed := range []string{
		`{"source":"package main","clock":"real","example":"hello"}`,
		`{"source":"x"}`, `{"source":""}`, `null`, `{}`, ``, `{"source":"a\ud83d\ude00b"}`,
		`{"source":"\ud800"}`, `{"source":"\\ud800"}`, `{"source":"a"} x`, "{\"source\":\"\xff\"}",
		`{"Source":"x","CLOCK":"virtual"}`, `{"source":"x","source":"y"}`,
		`{"source":"print(1)","lang":"python"}`, `{"source":"x","lang":"go"}`, `{"source":"x","lang":"Python"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		s, doc, err := ParseBody(body)
		if err != nil {
			var be *BodyError
			if !errors.As(err, &be) || be.Msg == "" {
				t.Fatalf("error %v is not a BodyError with a message", err)
			}
			return
		}
		if !utf8.Valid(body) {
			t.Fatalf("accepted invalid UTF-8 %q", body)
		}
		if strings.TrimSpace(s.Source) == "" || len(s.Source) > MaxSourceBytes || !utf8.ValidString(s.Source) {
			t.Fatalf("accepted source %q", s.Source)
		}
		if s.Clock != "virtual" && s.Clock != "real" {
			t.Fatalf("accepted clock %q", s.Clock)
		}
		if s.Lang != "" && s.Lang != "python" {
			t.Fatalf("stored lang %q (Go is stored empty)", s.Lang)
		}
		if strings.ContainsRune(s.Source, utf8.RuneError) && !bytes.ContainsRune(body, utf8.RuneError) && !bytes.Contains(bytes.ToLower(body), []byte(`\ufffd`)) {
			t.Fatalf("body %q decoded to a replacement character", body)
		}
		// The canonical document parses to itself: what is stored, hashed
		// and served back is a fixed point.
		s2, doc2, err := ParseBody(doc)
		if err != nil || s2 != s || !bytes.Equal(doc, doc2) {
			t.Fatalf("canonical %s reparsed to %s, %v", doc, doc2, err)
		}
	})
}

func FuzzParseID(f *testing.F) {
	for _, seed := range []string{"0123456789", "abc", "", contentHash([]byte("x")), contentHash([]byte("x")) + "0", "abcdefghij", "ABCDEFGHJK", "0123456789/"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := ParseID(id)
		valid := len(id) >= MinIDLen && len(id) <= MaxIDLen
		for i := 0; i < len(id); i++ {
			valid = valid && strings.IndexByte(idAlphabet, id[i]) >= 0
		}
		if (err == nil) != valid {
			t.Fatalf("ParseID(%q) = %v, want valid=%v", id, err, valid)
		}
		// Every id the service hands out must parse.
		full := contentHash([]byte(id))
		for n := MinIDLen; n <= len(full); n++ {
			if err := ParseID(full[:n]); err != nil {
				t.Fatalf("issued id %q does not parse: %v", full[:n], err)
			}
		}
	})
}

// FuzzRoundTrip posts arbitrary bodies through the handler: each gets 201,
// 400 or 413 with the matching body, and a 201's id reads back the program.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte(`{"source":"package main"}`))
	f.Add([]byte(`{"source":"package main","clock":"real"}`))
	f.Add([]byte(`{"source":"import asyncio","lang":"python"}`))
	f.Add([]byte(`{"source":`))
	store, err := OpenFileStore(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	defer store.Close()
	h := NewHandler(store, Options{Writes: NoLimit, Reads: NoLimit})
	f.Fuzz(func(t *testing.T, body []byte) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("POST", "/api/share", bytes.NewReader(body)))
		switch w.Code {
		case http.StatusCreated:
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			var e struct{ Error string }
			if json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Error == "" {
				t.Fatalf("%d without a JSON error: %q", w.Code, w.Body)
			}
			return
		default:
			t.Fatalf("status %d for %q", w.Code, body)
		}
		var v struct{ ID string }
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		_, doc, err := ParseBody(body)
		if err != nil {
			t.Fatalf("handler accepted what ParseBody refuses: %v", err)
		}
		g := httptest.NewRecorder()
		h.ServeHTTP(g, httptest.NewRequest("GET", "/api/share/"+v.ID, nil))
		if g.Code != http.StatusOK || !bytes.Equal(g.Body.Bytes(), doc) {
			t.Fatalf("GET %s: %d %q, want %q", v.ID, g.Code, g.Body, doc)
		}
	})
}
