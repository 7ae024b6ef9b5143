//go:build !loopscope_nohttp

package runner

// net/http makes real downloads possible (ToThread + http.Get; fetch in the
// browser). It is by far the largest package (+1.6 MB brotli, see
// README.md): build with -tags loopscope_nohttp to leave it out.
import _ "github.com/goplus/ixgo/pkg/net/http"

func init() { allowedImports = append(allowedImports, "net/http") }
