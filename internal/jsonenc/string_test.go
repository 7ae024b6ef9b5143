package jsonenc

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func check(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendString([]byte("x"), s); !bytes.Equal(got[1:], want) || got[0] != 'x' {
		t.Errorf("%q:\n got %s\nwant %s", s, got[1:], want)
	}
}

// Every byte alone and inside text, and the runes at the edges of each
// UTF-8 length and of the escaped ranges.
func TestAppendStringLikeMarshal(t *testing.T) {
	for c := 0; c < 256; c++ {
		check(t, string([]byte{byte(c)}))
		check(t, "a"+string([]byte{byte(c)})+"b")
	}
	for _, r := range []rune{0x7f, 0x80, 0x7ff, 0x800, 0x2027, 0x2028, 0x2029, 0x202a, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, utf8.MaxRune} {
		check(t, string(r))
		check(t, "<"+string(r)+"&")
	}
	check(t, "")
	check(t, "\xed\xa0\x80\xf4\x90\x80\x80\xc0\xaf")
}

func FuzzAppendString(f *testing.F) {
	f.Add("<a href=\"x\">&amp;</a>\u2028\u2029\xff\x00\n")
	f.Fuzz(func(t *testing.T, s string) { check(t, s) })
}
