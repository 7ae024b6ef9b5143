package share

import (
	"encoding/json"
	"errors"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Options configures NewHandler. The zero value is the local server's
// default: rate limits on, cross-origin requests refused.
type Options struct {
	// AllowedOrigins lists the origins (e.g. "https://docs.example.org")
	// whose pages may call the API from a browser; "*" allows any.
	AllowedOrigins []string
	// Writes limits POSTs per client; zero means DefaultWriteLimit.
	Writes Limit
	// Reads limits GETs per client; zero means DefaultReadLimit.
	Reads Limit
	// ClientKey names the client a request counts against; nil means the
	// remote IP address. Behind a proxy use the header it sets.
	ClientKey func(*http.Request) string
	// Log receives store failures (the client only sees a 500); nil means
	// the standard logger.
	Log func(format string, args ...any)

	now func() time.Time // tests move time by hand
}

var (
	// DefaultWriteLimit lets one client share a burst of 20 programs and
	// then one every two seconds.
	DefaultWriteLimit = Limit{Rate: 0.5, Burst: 20}
	// DefaultReadLimit is far above what a person opening links needs.
	DefaultReadLimit = Limit{Rate: 50, Burst: 200}
)

const (
	apiPath  = "/api/share"
	itemPath = apiPath + "/"
)

type handler struct {
	store   Store
	origins map[string]bool
	anyOrig bool
	writes  *limiter
	reads   *limiter
	client  func(*http.Request) string
	logf    func(string, ...any)
}

// NewHandler serves POST /api/share and GET /api/share/{id} from store.
func NewHandler(store Store, opts Options) http.Handler {
	h := &handler{
		store:   store,
		origins: make(map[string]bool),
		client:  opts.ClientKey,
		logf:    opts.Log,
	}
	for _, o := range opts.AllowedOrigins {
		if o == "*" {
			h.anyOrig = true
		}
		h.origins[strings.TrimSuffix(o, "/")] = true
	}
	now := opts.now
	if now == nil {
		now = time.Now
	}
	if opts.Writes == (Limit{}) {
		opts.Writes = DefaultWriteLimit
	}
	if opts.Reads == (Limit{}) {
		opts.Reads = DefaultReadLimit
	}
	h.writes = newLimiter(opts.Writes, now)
	h.reads = newLimiter(opts.Reads, now)
	if h.client == nil {
		h.client = remoteIP
	}
	if h.logf == nil {
		h.logf = log.Printf
	}
	return h
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
	if !h.cors(w, r, preflight) {
		return
	}
	switch {
	case r.URL.Path == apiPath:
		h.route(w, r, preflight, "POST, OPTIONS", http.MethodPost, h.post)
	case strings.HasPrefix(r.URL.Path, itemPath):
		h.route(w, r, preflight, "GET, HEAD, OPTIONS", http.MethodGet, h.get)
	default:
		writeError(w, http.StatusNotFound, "no such endpoint: use POST "+apiPath+" or GET "+itemPath+"{id}")
	}
}

// route dispatches one resource's methods; HEAD is served as GET.
func (h *handler) route(w http.ResponseWriter, r *http.Request, preflight bool, allow, method string, serve http.HandlerFunc) {
	switch {
	case r.Method == http.MethodOptions:
		w.Header().Set("Allow", allow)
		if preflight {
			w.Header().Set("Access-Control-Allow-Methods", allow)
		}
		w.WriteHeader(http.StatusNoContent)
	case r.Method == method || method == http.MethodGet && r.Method == http.MethodHead:
		serve(w, r)
	default:
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed here; use "+allow)
	}
}

// cors sets the CORS headers for an allowed origin. It refuses a preflight
// from any other origin with a clear 403; other requests go on without the
// headers, so the browser hides the answer from a foreign page while a
// same-origin page (whose POSTs carry Origin too) is served.
func (h *handler) cors(w http.ResponseWriter, r *http.Request, preflight bool) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	w.Header().Add("Vary", "Origin")
	if !h.anyOrig && !h.origins[origin] {
		if preflight {
			writeError(w, http.StatusForbidden, "origin "+origin+" may not use this share service")
			return false
		}
		return true
	}
	if h.anyOrig {
		w.Header().Set("Access-Control-Allow-Origin", "*")
	} else {
		w.Header().Set("Access-Control-Allow-Origin", origin)
	}
	if preflight {
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		w.Header().Set("Access-Control-Max-Age", "86400")
	}
	w.Header().Set("Access-Control-Expose-Headers", "Location, Retry-After")
	return true
}

func (h *handler) limited(w http.ResponseWriter, r *http.Request, lm *limiter) bool {
	ok, wait := lm.allow(h.client(r))
	if ok {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	writeError(w, http.StatusTooManyRequests, "too many requests from this client; retry in "+wait.Round(time.Millisecond).String())
	return true
}

func (h *handler) post(w http.ResponseWriter, r *http.Request) {
	if h.limited(w, r, h.writes) {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "request body is larger than "+strconv.Itoa(maxBodyBytes)+" bytes; programs are limited to 64 KiB")
			return
		}
		writeError(w, http.StatusBadRequest, "reading the request body failed: "+err.Error())
		return
	}
	_, doc, err := ParseBody(body)
	if err != nil {
		status := http.StatusBadRequest
		if errIsTooLarge(err) {
			status = http.StatusRequestEntityTooLarge
		}
		writeError(w, status, err.Error())
		return
	}
	id, err := save(r.Context(), h.store, doc)
	if err != nil {
		h.logf("share: saving a program: %v", err)
		writeError(w, http.StatusInternalServerError, "the program could not be stored; try again later")
		return
	}
	w.Header().Set("Location", itemPath+id)
	writeJSON(w, http.StatusCreated, map[string]string{"id": id})
}

func (h *handler) get(w http.ResponseWriter, r *http.Request) {
	if h.limited(w, r, h.reads) {
		return
	}
	id := r.URL.Path[len(itemPath):]
	if err := ParseID(id); err != nil {
		writeError(w, http.StatusBadRequest, "bad id: "+err.Error())
		return
	}
	doc, err := h.store.Get(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, "no program is shared under id "+id)
		return
	}
	if err != nil {
		h.logf("share: reading %s: %v", id, err)
		writeError(w, http.StatusInternalServerError, "the program could not be read; try again later")
		return
	}
	// An id names its content forever, so caches may keep it.
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", `"`+id+`"`)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(doc)))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(doc)
	}
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v) // a map of strings always encodes
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
