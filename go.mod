module github.com/loopscope/loopscope

go 1.26.0

require (
	github.com/alecthomas/chroma/v2 v2.27.0
	github.com/andybalholm/brotli v1.2.8
	github.com/evanw/esbuild v0.28.2
	github.com/goplus/ixgo v1.1.1
	github.com/syumai/workers v0.32.0
	github.com/visualfc/gid v0.3.1
	github.com/yuin/goldmark v1.8.7
	go.etcd.io/bbolt v1.4.3
)

require (
	github.com/dlclark/regexp2/v2 v2.2.1 // indirect
	github.com/goplus/reflectx v1.7.2 // indirect
	github.com/timandy/routine v1.1.6 // indirect
	github.com/visualfc/funcval v0.1.5 // indirect
	github.com/visualfc/xtype v0.3.2 // indirect
	golang.org/x/mod v0.32.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/tools v0.41.0 // indirect
)
