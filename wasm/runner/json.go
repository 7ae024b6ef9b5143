package runner

import (
	"strconv"

	"github.com/loopscope/loopscope/core"
	"github.com/loopscope/loopscope/internal/jsonenc"
)

// The encoders of what a run sends to the page, byte for byte what
// encoding/json made of these types (json_test.go checks it): without
// reflection, streaming an event costs a fraction of what it did.

// AppendJSON appends the message in the shape of its type (MarshalJSON).
func (m *Message) AppendJSON(b []byte) []byte {
	b = append(b, `{"type":`...)
	b = jsonenc.AppendString(b, m.Type)
	switch m.Type {
	case "running":
		b = append(b, `,"in":`...)
		b = strconv.AppendUint(b, m.In, 10)
		b = append(b, `,"pos":`...)
		b = jsonenc.AppendString(b, m.Pos)
		b = append(b, `,"seq":`...)
		b = strconv.AppendUint(b, m.Seq, 10)
	case "event":
		b = append(b, `,"event":`...)
		if m.Event == nil {
			b = append(b, "null"...)
		} else {
			b = m.Event.AppendJSON(b)
		}
	default:
		b = append(b, `,"text":`...)
		b = jsonenc.AppendString(b, m.Text)
		b = append(b, `,"in":`...)
		b = strconv.AppendUint(b, m.In, 10)
		b = append(b, `,"seq":`...)
		b = strconv.AppendUint(b, m.Seq, 10)
	}
	return append(b, '}')
}

// AppendJSON appends the result.
func (r *Result) AppendJSON(b []byte) []byte {
	b = append(b, `{"outcome":`...)
	b = jsonenc.AppendString(b, r.Outcome)
	b = append(b, `,"message":`...)
	b = jsonenc.AppendString(b, r.Message)
	b = append(b, `,"output":`...)
	b = appendList(b, r.Output, (*Line).AppendJSON)
	b = append(b, `,"diagnostics":`...)
	b = appendList(b, r.Diagnostics, (*Diagnostic).AppendJSON)
	b = append(b, `,"events":`...)
	b = appendList(b, r.Events, (*core.Event).AppendJSON)
	if r.Limit != "" {
		b = append(b, `,"limit":`...)
		b = jsonenc.AppendString(b, r.Limit)
	}
	return append(b, '}')
}

// appendList appends xs as a JSON array, each element by appendOne; a nil
// slice is null, as encoding/json has it.
func appendList[T any](b []byte, xs []T, appendOne func(*T, []byte) []byte) []byte {
	if xs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendOne(&xs[i], b)
	}
	return append(b, ']')
}

// AppendJSON appends the line.
func (l *Line) AppendJSON(b []byte) []byte {
	b = append(b, `{"text":`...)
	b = jsonenc.AppendString(b, l.Text)
	b = append(b, `,"in":`...)
	b = strconv.AppendUint(b, l.In, 10)
	b = append(b, `,"seq":`...)
	b = strconv.AppendUint(b, l.Seq, 10)
	return append(b, '}')
}

// AppendJSON appends the diagnostic.
func (d *Diagnostic) AppendJSON(b []byte) []byte {
	b = append(b, `{"line":`...)
	b = strconv.AppendInt(b, int64(d.Line), 10)
	b = append(b, `,"col":`...)
	b = strconv.AppendInt(b, int64(d.Col), 10)
	b = append(b, `,"message":`...)
	b = jsonenc.AppendString(b, d.Message)
	return append(b, '}')
}
