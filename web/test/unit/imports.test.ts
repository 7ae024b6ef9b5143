import { test } from "node:test";
import assert from "node:assert/strict";
import { goImports, needsHTTPRunner } from "../../src/imports";

test("single and grouped imports, with names, comments and raw strings", () => {
  const src = `// Package doc with import "os" in a comment.
package main /* trailing */

import "fmt"
import (
	"context" // the loop's context
	h "net/http"
	_ \`embed\`
	. "strings"; "time"
	/* "os" */
)

func main() { _ = "import \\"io\\"" }
`;
  assert.deepEqual(goImports(src), ["fmt", "context", "net/http", "embed", "strings", "time"]);
  assert.equal(needsHTTPRunner(src), true);
});

test("imports named only in comments, strings or code after the header do not count", () => {
  const src = `package main

// import "net/http"
import "fmt"

var s = "net/http"

func main() { fmt.Println(s) }
`;
  assert.deepEqual(goImports(src), ["fmt"]);
  assert.equal(needsHTTPRunner(src), false);
});

test("a subpackage of net/http is not net/http", () => {
  assert.equal(needsHTTPRunner(`package main\nimport "net/http/httptest"\n`), false);
});

test("a broken header yields what was read before it", () => {
  assert.deepEqual(goImports(`package main\nimport ("fmt"\n  "net/http`), ["fmt"]);
  assert.deepEqual(goImports(`import "fmt"`), []);
  assert.deepEqual(goImports(""), []);
});

test("math, math/rand and io come only with the full build, as net/http does", () => {
  for (const p of ["math", "math/rand", "io"]) {
    assert.equal(needsHTTPRunner(`package main\nimport (\n\t"fmt"\n\t"${p}"\n)\n`), true, p);
  }
  assert.equal(needsHTTPRunner(`package main\nimport (\n\t"fmt"\n\t"math/bits"\n\t"strings"\n)\n`), false);
});
