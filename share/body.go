package share

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxSourceBytes bounds the program text of one share.
const MaxSourceBytes = 64 << 10

// maxBodyBytes bounds the request body: the worst JSON escaping ("\u0000"
// for every byte) of a program of MaxSourceBytes, plus room for the other
// fields. Past it the body cannot hold an acceptable program.
const maxBodyBytes = 6*MaxSourceBytes + 4<<10

// maxExampleBytes bounds the example name (a file name in web/examples).
const maxExampleBytes = 64

// Snippet is one shared program: the document a share id names.
//
// Lang is the program's language. A Go program's is stored empty (omitted),
// so shares made before Python mode keep their ids and read back as Go; a
// Python program's is "python", which is part of the hashed document: the
// same text in the two languages gets two ids.
type Snippet struct {
	Source  string `json:"source"`
	Clock   string `json:"clock"`
	Example string `json:"example,omitempty"`
	Lang    string `json:"lang,omitempty"`
}

// BodyError is a request body the service refuses; TooLarge tells 413
// from 400.
type BodyError struct {
	Msg      string
	TooLarge bool
}

func (e *BodyError) Error() string { return e.Msg }

func badBody(format string, args ...any) error {
	return &BodyError{Msg: fmt.Sprintf(format, args...)}
}

// ParseBody checks a POST body and returns the snippet it holds together
// with its canonical encoding, the bytes that are stored and hashed: equal
// programs give equal bytes whatever the key order or spacing of the body.
func ParseBody(body []byte) (Snippet, []byte, error) {
	var s Snippet
	if len(body) > maxBodyBytes {
		return s, nil, &BodyError{Msg: fmt.Sprintf("request body is larger than %d bytes", maxBodyBytes), TooLarge: true}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return s, nil, badBody("empty body: send JSON {\"source\": \"package main ...\"}")
	}
	// encoding/json would quietly turn bad UTF-8 into U+FFFD, so check first.
	if !utf8.Valid(body) {
		return s, nil, badBody("body is not valid UTF-8")
	}
	if off, ok := loneSurrogate(body); ok {
		return s, nil, badBody("body has an unpaired UTF-16 surrogate escape at byte %d: text must be valid Unicode", off)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return s, nil, badBody("body is not the expected JSON {\"source\", \"clock\", \"example\", \"lang\"}: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return s, nil, badBody("body has data after the JSON object")
	}
	if err := s.normalize(); err != nil {
		return s, nil, err
	}
	doc, err := json.Marshal(s)
	if err != nil {
		return s, nil, fmt.Errorf("share: encoding snippet: %w", err)
	}
	return s, doc, nil
}

// normalize fills defaults and checks each field.
func (s *Snippet) normalize() error {
	if len(s.Source) > MaxSourceBytes {
		return &BodyError{Msg: fmt.Sprintf("program is %d bytes; the limit is %d (64 KiB)", len(s.Source), MaxSourceBytes), TooLarge: true}
	}
	if strings.TrimSpace(s.Source) == "" {
		return badBody("empty program: \"source\" must hold the program text")
	}
	switch s.Clock {
	case "":
		s.Clock = "virtual"
	case "virtual", "real":
	default:
		return badBody("clock must be \"virtual\" or \"real\", not %q", s.Clock)
	}
	switch s.Lang {
	case "", "go":
		s.Lang = "" // Go is the default, stored as before Python mode
	case "python":
	default:
		return badBody("lang must be \"go\" or \"python\", not %q", s.Lang)
	}
	if len(s.Example) > maxExampleBytes {
		return badBody("example name is longer than %d bytes", maxExampleBytes)
	}
	for _, r := range s.Example {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return badBody("example name %q may hold only letters, digits, '-' and '_'", s.Example)
		}
	}
	return nil
}

// loneSurrogate finds a \uD800-\uDFFF escape that is not half of a valid
// pair; encoding/json would decode it to U+FFFD without complaint. A
// backslash appears in valid JSON only inside strings, so a flat scan works.
func loneSurrogate(b []byte) (int, bool) {
	pendingHigh := -1 // offset of a high surrogate waiting for its low half
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			if pendingHigh >= 0 {
				return pendingHigh, true
			}
			continue
		}
		if i+1 >= len(b) {
			break
		}
		if b[i+1] != 'u' {
			if pendingHigh >= 0 {
				return pendingHigh, true
			}
			i++ // skip the escaped character, which may be a backslash
			continue
		}
		v, ok := hex4(b[i+2:])
		if !ok {
			break // malformed escape: the JSON decoder reports it
		}
		switch {
		case v >= 0xD800 && v <= 0xDBFF:
			if pendingHigh >= 0 {
				return pendingHigh, true
			}
			pendingHigh = i
		case v >= 0xDC00 && v <= 0xDFFF:
			if pendingHigh < 0 {
				return i, true
			}
			pendingHigh = -1
		default:
			if pendingHigh >= 0 {
				return pendingHigh, true
			}
		}
		i += 5
	}
	if pendingHigh >= 0 {
		return pendingHigh, true
	}
	return 0, false
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var v rune
	for _, c := range b[:4] {
		v <<= 4
		switch {
		case c >= '0' && c <= '9':
			v |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			v |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	return v, true
}

// errIsTooLarge reports whether err is a body refused for its size.
func errIsTooLarge(err error) bool {
	var be *BodyError
	return errors.As(err, &be) && be.TooLarge
}
