package runner

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCoreExportUpToDate fails when core's exported API changed without
// `go generate ./wasm/runner`: the generated table must be exactly what the
// generator makes from core now.
func TestCoreExportUpToDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "core_export.go")
	cmd := exec.Command("go", "run", "./internal/gencore", "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencore: %v\n%s", err, b)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("core_export.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("core_export.go is stale: run `go generate ./wasm/runner`\n%s", firstDiff(string(want), string(got)))
	}
}

// TestCoreExportComplete checks the table against core's source directly:
// every exported top-level name of core is registered (or deliberately
// hidden), so a program can use all of core.
func TestCoreExportComplete(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, "../../core", func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	registered := map[string]bool{}
	for _, m := range []map[string]bool{
		keys(corePackage.Funcs), keys(corePackage.Vars), keys(corePackage.NamedTypes),
		keys(corePackage.Interfaces), keys(corePackage.AliasTypes), keys(corePackage.TypedConsts),
		keys(corePackage.UntypedConsts),
	} {
		for k := range m {
			registered[k] = true
		}
	}
	for _, f := range pkgs["core"].Files {
		for name, obj := range f.Scope.Objects {
			if !ast.IsExported(name) || obj.Kind == ast.Fun && isGeneric(obj) || name == "DefaultOptions" {
				continue
			}
			if !registered[name] {
				t.Errorf("core.%s is not registered for the interpreter: run `go generate ./wasm/runner`", name)
			}
		}
	}
}

func isGeneric(obj *ast.Object) bool {
	fd, ok := obj.Decl.(*ast.FuncDecl)
	return ok && fd.Type.TypeParams != nil
}

func keys[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}
