// Command build turns the repository into the static site in dist/: the
// playground's wasm runner, the bundled front end, the docs and the example
// list, each file with precompressed .br and .gz siblings. With -serve it
// then serves the site (and the share API) for local use; with -watch it
// rebuilds when a source changes.
//
//	go run ./build [-out dist] [-serve 127.0.0.1:8080] [-watch]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("build: ")
	var cfg config
	flag.StringVar(&cfg.out, "out", "dist", "output directory")
	flag.BoolVar(&cfg.fast, "fast", false, "compress large files quickly rather than as small as possible (local use)")
	reportFile := flag.String("report", "", "also write the size report as JSON to this file")
	serve := flag.String("serve", "", "after building, serve the site on this address (e.g. 127.0.0.1:8080)")
	watch := flag.Bool("watch", false, "rebuild when a source file changes")
	dataDir := flag.String("data", ".data", "directory for the dev server's share store")
	restamp := flag.String("service-worker", "", "only rewrite the service worker's manifest of the built site in this directory (after changing its files)")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "build: unexpected argument %q\n", flag.Arg(0))
		flag.Usage()
		os.Exit(2)
	}
	root, err := repoRoot()
	if err != nil {
		log.Fatal(err)
	}
	cfg.root = root
	cfg.out = absUnder(root, cfg.out)
	if *restamp != "" {
		if err := restampServiceWorker(absUnder(root, *restamp)); err != nil {
			log.Fatal(err)
		}
		return
	}

	b := newBuilder(cfg)
	rep, err := b.build()
	if err != nil {
		log.Fatal(err)
	}
	rep.print(os.Stdout)
	if *reportFile != "" {
		if err := rep.writeJSON(*reportFile); err != nil {
			log.Fatal(err)
		}
	}

	if *watch {
		go b.watch(os.Stdout)
	}
	if *serve != "" {
		if err := runServer(*serve, cfg.out, absUnder(root, *dataDir)); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *watch {
		select {}
	}
}
