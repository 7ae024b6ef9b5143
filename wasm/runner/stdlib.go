//go:build !loopscope_precompiled

package runner

// The standard library a program may import. Each package costs wasm size
// (measured in README.md); keep the list to what the examples and the
// asyncio introduction need.
import (
	_ "github.com/goplus/ixgo/pkg/cmp"       // needed by slices and maps (source packages)
	_ "github.com/goplus/ixgo/pkg/context"   // the ctx every task receives
	_ "github.com/goplus/ixgo/pkg/errors"    // errors.Is(err, core.ErrCancelled), errors.New
	_ "github.com/goplus/ixgo/pkg/fmt"       // printing
	_ "github.com/goplus/ixgo/pkg/iter"      // needed by slices and maps; range-over-func
	_ "github.com/goplus/ixgo/pkg/maps"      // everyday collections
	_ "github.com/goplus/ixgo/pkg/math/bits" // needed by slices
	_ "github.com/goplus/ixgo/pkg/slices"    // everyday collections
	_ "github.com/goplus/ixgo/pkg/sort"      // ordering results for printing
	_ "github.com/goplus/ixgo/pkg/strconv"   // number formatting
	_ "github.com/goplus/ixgo/pkg/strings"   // text
	_ "github.com/goplus/ixgo/pkg/sync"      // ToThread work that shares state
	_ "github.com/goplus/ixgo/pkg/time"      // durations for CallLater and Sleep
)

// allowedImports are the packages a program may import.
var allowedImports = []string{
	"cmp", "context", "errors", "fmt", "iter", "maps", "math/bits",
	"slices", "sort", "strconv", "strings", "sync", "time",
	"github.com/loopscope/loopscope/core",
}
