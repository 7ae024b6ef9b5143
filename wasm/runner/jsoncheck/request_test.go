package jsoncheck_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/loopscope/loopscope/wasm/runner"
)

// unmarshalRequest is the decoding runner.ParseRequest replaces.
func unmarshalRequest(data string) (runner.Request, error) {
	var req runner.Request
	err := json.Unmarshal([]byte(data), &req)
	return req, err
}

func checkParse(t *testing.T, data string) {
	t.Helper()
	want, wantErr := unmarshalRequest(data)
	got, err := runner.ParseRequest(data)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%q: error %v, encoding/json says %v", data, err, wantErr)
	}
	if err == nil && (got.Source != want.Source || got.Clock != want.Clock || got.Limits != want.Limits || got.SlowMS != want.SlowMS) {
		t.Fatalf("%q:\n got %+v\nwant %+v", data, got, want)
	}
}

// requestSeeds: what the worker sends, and what JSON allows around it.
var requestSeeds = []string{
	`{"source":"package main\n\nfunc main() {}\n","clock":"virtual","limits":{},"slowMs":50}`,
	`{"source":"x","clock":"real","limits":{"wallMs":1000,"virtualMs":5,"events":100,"outputBytes":10}}`,
	` { "SOURCE" : "a" , "Clock":"b", "LIMITS":{"WALLMS":-3}, "SLOWMS": 0 } `,
	`{"ſource":"long s folds to s","\u0073ource":"escaped key"}`,
	`{"source":"a","source":"b","limits":{"events":1},"limits":{"wallMs":2},"limits":null}`,
	`{"source":null,"clock":null,"slowMs":null,"limits":{"events":null,"wallMs":null}}`,
	`{"unknown":[1,-2.5e+3,true,false,null,{"a":[{}]},[]],"source":"s","OnMessage":"f","-":1}`,
	`{"source":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\ud800\udc00\ud800\u0041\udc00x\uD800\"","clock":"\u2028<>&"}`,
	`{"source":"raw \u00ff bytes: ` + "\xff\xfe\xed\xa0\x80 é 😀" + `"}`,
	`null`, ` null `, `{}`, `[]`, `"s"`, `5`, `true`, ``, ` `, `{`, `}`, `{"source"}`, `{"source":}`,
	`{"source":"a",}`, `{"source":"a"}x`, `{"source":"a"}{}`, `{"source":'a'}`, `{source:"a"}`,
	`{"source":"` + "\x01" + `"}`, `{"source":"\x"}`, `{"source":"\'"}`, `{"source":"\u12"}`, `{"source":"\u12G4"}`,
	`{"source":"unterminated`, `{"source":1}`, `{"source":{}}`, `{"source":[]}`, `{"source":true}`,
	`{"slowMs":1.0}`, `{"slowMs":1e3}`, `{"slowMs":-0}`, `{"slowMs":01}`, `{"slowMs":-}`, `{"slowMs":1.}`,
	`{"slowMs":9223372036854775807}`, `{"slowMs":9223372036854775808}`, `{"slowMs":-9223372036854775808}`,
	`{"slowMs":"5"}`, `{"limits":5}`, `{"limits":[]}`, `{"limits":"x"}`, `{"limits":{"events":1e2}}`,
	`{"limits":{"events":99999999999999999999}}`, `{"x":nul}`, `{"x":nulll}`, `{"x":tru}`, `{"x":[1,]}`,
	`{"x":[,1]}`, `{"x":{"a"}}`, `{"x":{"a":1,}}`, `{"x":-01}`, `{"x":.5}`, `{"x":+1}`, `{"x":1e}`, `{"x":0x1}`,
	"\ufeff{}", "{\"source\":\"a\"}\n", "{\v}", `{"x":NaN}`, `{"a":1 "b":2}`, `{"a" 1}`,
}

func TestParseRequestLikeUnmarshal(t *testing.T) {
	for _, s := range requestSeeds {
		checkParse(t, s)
	}
}

// encoding/json allows 10000 nested objects and arrays, the request's own
// object included, and no more.
func TestParseRequestDepth(t *testing.T) {
	for _, depth := range []int{9999, 10000} {
		s := `{"x":` + strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1) + `}`
		checkParse(t, s)
		s = `{"limits":{"x":` + strings.Repeat(`{"y":`, depth-2) + `1` + strings.Repeat("}", depth-2) + `}}`
		checkParse(t, s)
	}
	if _, err := runner.ParseRequest(`{"x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`); err == nil {
		t.Error("10001 levels decoded")
	}
}

func FuzzParseRequest(f *testing.F) {
	for _, s := range requestSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkParse(t, s) })
}
