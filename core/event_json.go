package core

import (
	"strconv"

	"github.com/loopscope/loopscope/internal/jsonenc"
)

// AppendJSON appends the event as json.Marshal encodes it (the struct tags
// of Event: same fields, order and omitempty), without reflection: the
// playground streams every event, and encoding/json's per-field reflection
// cost about as much as the step that made the event.
func (e *Event) AppendJSON(b []byte) []byte {
	b = append(b, `{"seq":`...)
	b = strconv.AppendUint(b, e.Seq, 10)
	b = append(b, `,"t":`...)
	b = strconv.AppendInt(b, int64(e.Time), 10)
	if e.Wall != 0 {
		b = append(b, `,"wall":`...)
		b = strconv.AppendInt(b, int64(e.Wall), 10)
	}
	b = append(b, `,"kind":`...)
	b = jsonenc.AppendString(b, string(e.Kind))
	if e.ID != 0 {
		b = append(b, `,"id":`...)
		b = strconv.AppendUint(b, e.ID, 10)
	}
	if e.Name != "" {
		b = append(b, `,"name":`...)
		b = jsonenc.AppendString(b, e.Name)
	}
	if e.In != 0 {
		b = append(b, `,"in":`...)
		b = strconv.AppendUint(b, e.In, 10)
	}
	if e.Ref != 0 {
		b = append(b, `,"ref":`...)
		b = strconv.AppendUint(b, e.Ref, 10)
	}
	if e.Detail != "" {
		b = append(b, `,"detail":`...)
		b = jsonenc.AppendString(b, e.Detail)
	}
	if e.Value != "" {
		b = append(b, `,"value":`...)
		b = jsonenc.AppendString(b, e.Value)
	}
	if e.Due != 0 {
		b = append(b, `,"due":`...)
		b = strconv.AppendInt(b, int64(e.Due), 10)
	}
	if e.Pos != "" {
		b = append(b, `,"pos":`...)
		b = jsonenc.AppendString(b, e.Pos)
	}
	if e.Dur != 0 {
		b = append(b, `,"dur":`...)
		b = strconv.AppendInt(b, int64(e.Dur), 10)
	}
	return append(b, '}')
}
