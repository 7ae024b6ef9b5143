package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/loopscope/loopscope/share"
)

// runServer serves the site in dir and the share API (on a file store in
// dataDir) until interrupted.
func runServer(addr, dir, dataDir string) error {
	store, err := share.OpenFileStore(filepath.Join(dataDir, "share"))
	if err != nil {
		return fmt.Errorf("share store: %v", err)
	}
	defer store.Close()
	srv := &http.Server{
		Addr:              addr,
		Handler:           newSiteHandler(dir, share.NewHandler(store, share.Options{})),
		ReadHeaderTimeout: 10 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	log.Printf("serving %s on http://%s/ (docs at /docs/); Ctrl-C stops", dir, addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newSiteHandler routes the share API to api and everything else to the
// static site.
func newSiteHandler(dir string, api http.Handler) http.Handler {
	mux := http.NewServeMux()
	if api != nil {
		mux.Handle("/api/share", api)
		mux.Handle("/api/share/", api)
	}
	mux.Handle("/", &staticSite{dir: dir})
	return mux
}
