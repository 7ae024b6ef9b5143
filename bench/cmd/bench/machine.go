package main

import (
	"bufio"
	"os"
	goruntime "runtime"
	"strings"
)

// machine describes the computer a run measured: its processor, cores and
// how busy it was at the end. Figures move between machines, even of one
// kind (core's gather was 1.2-1.3x Node on an Intel machine and 0.75x on
// an AMD EPYC one, a day apart), so results.json keeps it with them.
func machine() measurement {
	model := "unknown processor"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	note := model
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			note += "; load average (1, 5, 15 min) at the end: " + strings.Join(f[:3], " ")
		}
	}
	return measurement{Value: float64(goruntime.NumCPU()), Unit: "cores", Note: note}
}
