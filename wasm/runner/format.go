//go:build !loopscope_precompiled

package runner

import "go/format"

// Format is gofmt for the playground's Format button.
func Format(src string) (string, error) {
	b, err := format.Source([]byte(src))
	if err != nil {
		return "", err
	}
	return string(b), nil
}
