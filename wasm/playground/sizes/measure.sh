#!/bin/sh
# Measures what each standard package registered for the interpreter adds
# to the wasm: a baseline (ixgo + fmt + errors, the least a program needs)
# against the baseline plus one package, raw / gzip -9 / brotli (Node's
# zlib, quality 11). Run from the repository root: sh wasm/playground/sizes/measure.sh
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/m"
size() { # $1 = extra imports
	printf 'package main\n\nimport (\n\t"github.com/goplus/ixgo"\n\t_ "github.com/goplus/ixgo/pkg/fmt"\n\t_ "github.com/goplus/ixgo/pkg/errors"\n%s)\n\nfunc main() { ixgo.NewContext(0) }\n' "$1" > "$tmp/m/main.go"
	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$tmp/m.wasm" "$tmp/m/main.go"
	node -e 'const fs=require("fs"),z=require("zlib");const b=fs.readFileSync(process.argv[1]);console.log(b.length, z.gzipSync(b,{level:9}).length, z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)' "$tmp/m.wasm"
}
set -- $(size "")
echo "baseline (ixgo+fmt+errors): raw $1 gzip $2 brotli $3"
b1=$1 b2=$2 b3=$3
for p in ${PKGS:-context strings strconv math math/rand sort slices maps time sync io net/http cmp iter math/bits}; do
	set -- $(size "	_ \"github.com/goplus/ixgo/pkg/$p\"
")
	echo "+$p: raw +$(($1-b1)) gzip +$(($2-b2)) brotli +$(($3-b3))"
done
