//go:build !loopscope_nohttp && !loopscope_precompiled

package runner

// The full build adds what the page's default runner leaves out for size.
// net/http makes real downloads possible (ToThread + http.Get; fetch in the
// browser) and is by far the largest package (+1.6 MB brotli, see
// README.md); io (reading response bodies), math and math/rand (+54 KB
// brotli together, which no example uses) went with it when the default
// runner reached the 3 MB first-load budget. The page loads this build for a
// program importing any of them: keep web/src/imports.ts's fullBuildOnly the
// same list (TestFullBuildOnlyMatchesPage). Build with -tags
// loopscope_nohttp to leave them out.
import (
	_ "github.com/goplus/ixgo/pkg/io"
	_ "github.com/goplus/ixgo/pkg/math"
	_ "github.com/goplus/ixgo/pkg/math/rand"
	_ "github.com/goplus/ixgo/pkg/net/http"
)

// fullBuildOnly are the packages only this build has.
var fullBuildOnly = []string{"io", "math", "math/rand", "net/http"}

func init() { allowedImports = append(allowedImports, fullBuildOnly...) }
