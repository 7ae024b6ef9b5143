package runner

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// ParseRequest decodes a request's JSON (the playground worker sends
// JSON.stringify of {source, clock, limits, slowMs}) exactly as
// json.Unmarshal into a Request would: keys matched without regard to case,
// unknown keys and nulls skipped, the last of repeated keys kept, any
// syntax or type error an error. Hand-written because the request was the
// last use of encoding/json in the precompiled playground build: without
// it, that wasm is 577 KB (12%) smaller.
func ParseRequest(data string) (Request, error) {
	var req Request
	d := reqDecoder{s: data}
	d.space()
	var err error
	switch d.peek() {
	case '{':
		err = d.object(func(key string) error { return d.requestField(&req, key) })
	case 'n':
		err = d.literal("null")
	default:
		err = d.typeError("the request", "an object")
	}
	if err != nil {
		return Request{}, err
	}
	d.space()
	if d.i < len(d.s) {
		return Request{}, d.syntaxError("after the request")
	}
	return req, nil
}

func (d *reqDecoder) requestField(req *Request, key string) error {
	switch {
	case strings.EqualFold(key, "source"):
		return d.stringInto(&req.Source, key)
	case strings.EqualFold(key, "clock"):
		return d.stringInto(&req.Clock, key)
	case strings.EqualFold(key, "slowMs"):
		return d.intInto(&req.SlowMS, key)
	case strings.EqualFold(key, "limits"):
		switch d.peek() {
		case '{':
			return d.object(func(key string) error { return d.limitsField(&req.Limits, key) })
		case 'n':
			return d.literal("null")
		}
		return d.typeError(key, "an object")
	}
	return d.skip()
}

func (d *reqDecoder) limitsField(l *Limits, key string) error {
	switch {
	case strings.EqualFold(key, "wallMs"):
		return d.intInto(&l.WallMS, key)
	case strings.EqualFold(key, "virtualMs"):
		return d.intInto(&l.VirtualMS, key)
	case strings.EqualFold(key, "events"):
		return d.platformIntInto(&l.Events, key)
	case strings.EqualFold(key, "outputBytes"):
		return d.platformIntInto(&l.OutputBytes, key)
	}
	return d.skip()
}

// reqDecoder reads JSON text from s at i.
type reqDecoder struct {
	s     string
	i     int
	depth int
}

// maxDepth is encoding/json's limit on nested objects and arrays.
const maxDepth = 10000

func (d *reqDecoder) peek() byte {
	if d.i < len(d.s) {
		return d.s[d.i]
	}
	return 0
}

func (d *reqDecoder) space() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *reqDecoder) syntaxError(where string) error {
	if d.i >= len(d.s) {
		return errors.New("unexpected end of JSON input")
	}
	return fmt.Errorf("invalid JSON at byte %d (%s)", d.i, where)
}

func (d *reqDecoder) typeError(key, want string) error {
	return fmt.Errorf("%s must be %s", key, want)
}

// object reads an object at d.i, calling field with d.i at each value.
func (d *reqDecoder) object(field func(key string) error) error {
	return d.nested('{', '}', func() error {
		if d.peek() != '"' {
			return d.syntaxError("an object key")
		}
		key, err := d.str()
		if err != nil {
			return err
		}
		d.space()
		if d.peek() != ':' {
			return d.syntaxError("expected a colon")
		}
		d.i++
		d.space()
		return field(key)
	})
}

// nested reads a { or [ container, calling item with d.i at each item.
func (d *reqDecoder) nested(open, close byte, item func() error) error {
	if d.depth++; d.depth > maxDepth {
		return errors.New("JSON nested too deep")
	}
	d.i++ // open
	d.space()
	if d.peek() == close {
		d.i++
		d.depth--
		return nil
	}
	for {
		if err := item(); err != nil {
			return err
		}
		d.space()
		switch d.peek() {
		case ',':
			d.i++
			d.space()
		case close:
			d.i++
			d.depth--
			return nil
		default:
			return d.syntaxError("expected a comma or " + string(close))
		}
	}
}

// skip reads any value.
func (d *reqDecoder) skip() error {
	switch c := d.peek(); {
	case c == '{':
		return d.object(func(string) error { return d.skip() })
	case c == '[':
		return d.nested('[', ']', d.skip)
	case c == '"':
		_, err := d.str()
		return err
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		_, err := d.number()
		return err
	}
	return d.syntaxError("expected a value")
}

func (d *reqDecoder) literal(word string) error {
	if !strings.HasPrefix(d.s[d.i:], word) {
		return d.syntaxError("expected " + word)
	}
	d.i += len(word)
	return nil
}

// stringInto reads a string into dst; null leaves dst as it is.
func (d *reqDecoder) stringInto(dst *string, key string) error {
	switch d.peek() {
	case '"':
		s, err := d.str()
		if err == nil {
			*dst = s
		}
		return err
	case 'n':
		return d.literal("null")
	}
	if err := d.skip(); err != nil {
		return err
	}
	return d.typeError(key, "a string")
}

func (d *reqDecoder) intInto(dst *int64, key string) error {
	return d.intIntoBits(dst, key, 64)
}

// platformIntInto reads an int (of the platform's size, as encoding/json
// checks it); null leaves dst as it is.
func (d *reqDecoder) platformIntInto(dst *int, key string) error {
	n := int64(*dst)
	err := d.intIntoBits(&n, key, strconv.IntSize)
	*dst = int(n)
	return err
}

// intIntoBits reads an integer that fits in bits into dst; null leaves dst
// as it is.
func (d *reqDecoder) intIntoBits(dst *int64, key string, bits int) error {
	switch c := d.peek(); {
	case c == '-' || '0' <= c && c <= '9':
		num, err := d.number()
		if err != nil {
			return err
		}
		n, err := strconv.ParseInt(num, 10, bits)
		if err != nil {
			return d.typeError(key, "an integer in range")
		}
		*dst = n
		return nil
	case c == 'n':
		return d.literal("null")
	}
	if err := d.skip(); err != nil {
		return err
	}
	return d.typeError(key, "an integer")
}

// number reads a number as JSON's grammar has it and returns its text.
func (d *reqDecoder) number() (string, error) {
	start := d.i
	digits := func() bool {
		n := len(leadingDigits(d.s[d.i:]))
		d.i += n
		return n > 0
	}
	if d.peek() == '-' {
		d.i++
	}
	if d.peek() == '0' {
		d.i++
	} else if !digits() {
		return "", d.syntaxError("in a number")
	}
	if d.peek() == '.' {
		d.i++
		if !digits() {
			return "", d.syntaxError("in a number")
		}
	}
	if c := d.peek(); c == 'e' || c == 'E' {
		d.i++
		if c := d.peek(); c == '+' || c == '-' {
			d.i++
		}
		if !digits() {
			return "", d.syntaxError("in a number")
		}
	}
	return d.s[start:d.i], nil
}

// str reads a string at d.i as encoding/json decodes it: a lone or broken
// surrogate escape and invalid UTF-8 become U+FFFD.
func (d *reqDecoder) str() (string, error) {
	d.i++ // the quote
	start := d.i
	// Most strings need no decoding: return a slice of the input.
	for d.i < len(d.s) {
		d.i += plainASCII(d.s[d.i:])
		if d.i == len(d.s) {
			break
		}
		c := d.s[d.i]
		if c == '"' {
			d.i++
			return d.s[start : d.i-1], nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		r, size := utf8.DecodeRuneInString(d.s[d.i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		d.i += size
	}
	b := []byte(d.s[start:d.i])
	for d.i < len(d.s) {
		// A program's source escapes every line's end: the text between
		// escapes is copied whole, not byte by byte in this large loop.
		if n := plainASCII(d.s[d.i:]); n > 0 {
			b = append(b, d.s[d.i:d.i+n]...)
			d.i += n
			continue
		}
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return string(b), nil
		case c < 0x20:
			return "", d.syntaxError("a control character in a string")
		case c == '\\':
			d.i++
			switch e := d.peek(); e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r := d.hex4(d.i + 1)
				if r < 0 {
					return "", d.syntaxError("in a \\u escape")
				}
				d.i += 4
				if utf16.IsSurrogate(r) {
					// A pair when the next escape completes it; otherwise
					// U+FFFD, the next escape read on its own.
					if d.i+2 < len(d.s) && d.s[d.i+1] == '\\' && d.s[d.i+2] == 'u' {
						if r2 := d.hex4(d.i + 3); r2 >= 0 {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								d.i += 6
								r = dec
							}
						}
					}
					if utf16.IsSurrogate(r) {
						r = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, r)
			default:
				return "", d.syntaxError("in an escape")
			}
			d.i++
		default:
			r, size := utf8.DecodeRuneInString(d.s[d.i:])
			b = utf8.AppendRune(b, r)
			d.i += size
		}
	}
	return "", d.syntaxError("in a string")
}

// plainASCII is the length of s's prefix that a JSON string holds as it is:
// ASCII other than the quote, the backslash and control characters. A small
// loop of its own: in the browser, V8 recompiles a function with its
// optimizing compiler once it has run long enough, at a cost that grows
// with the function's size (str's, in the first run's request, took 65 ms
// of a background thread during a cold start).
func plainASCII(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return i
		}
	}
	return len(s)
}

// hex4 is the value of the four hex digits at i, or -1.
func (d *reqDecoder) hex4(i int) rune {
	if i+4 > len(d.s) {
		return -1
	}
	var r rune
	for _, c := range []byte(d.s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}
