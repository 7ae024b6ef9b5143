package runner

import (
	"strconv"

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

// AppendJSON appends the result; a nil slice is null, as encoding/json has it.
func (r *Result) AppendJSON(b []byte) []byte {
	b = append(b, `{"outcome":`...)
	b = jsonenc.AppendString(b, r.Outcome)
	b = append(b, `,"message":`...)
	b = jsonenc.AppendString(b, r.Message)
	b = append(b, `,"output":`...)
	if r.Output == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Output {
			if i > 0 {
				b = append(b, ',')
			}
			b = r.Output[i].AppendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"diagnostics":`...)
	if r.Diagnostics == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Diagnostics {
			if i > 0 {
				b = append(b, ',')
			}
			b = r.Diagnostics[i].AppendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"events":`...)
	if r.Events == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Events {
			if i > 0 {
				b = append(b, ',')
			}
			b = r.Events[i].AppendJSON(b)
		}
		b = append(b, ']')
	}
	if r.Limit != "" {
		b = append(b, `,"limit":`...)
		b = jsonenc.AppendString(b, r.Limit)
	}
	return append(b, '}')
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
