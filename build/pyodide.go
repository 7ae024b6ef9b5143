package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Python mode runs CPython compiled to wasm by Pyodide (the npm package
// `pyodide`, pinned in package.json), served from the site itself: the
// files Pyodide loads keep their names in a folder named by their content.
var pyodideFiles = []string{"pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "pyodide-lock.json"}

// stdlibDropped are the parts of Pyodide's standard library zip that an
// asyncio program in a browser has no use for (no processes, no GUI, no
// test suite, no XML): left out, the zip is a third smaller. Importing one
// says "No module named ...".
var stdlibDropped = []string{
	"xml/", "xmlrpc/", "multiprocessing/", "unittest/", "wsgiref/", "lib2to3/", "pydoc_data/",
	"ensurepip/", "idlelib/", "tkinter/", "turtledemo/", "sqlite3/", "dbm/", "curses/", "distutils/",
	"doctest.py", "pydoc.py", "pdb.py", "tarfile.py", "imaplib.py", "pickletools.py", "mailbox.py",
	"nntplib.py", "smtplib.py", "ftplib.py", "poplib.py", "telnetlib.py", "turtle.py", "xdrlib.py",
	"aifc.py", "sunau.py", "wave.py", "chunk.py", "mailcap.py", "cgi.py", "cgitb.py", "smtpd.py",
	"imghdr.py", "sndhdr.py", "pipes.py", "optparse.py", "trace.py", "tabnanny.py", "pyclbr.py",
	"_pydecimal.py", "_pyio.py", "difflib.py", "plistlib.py", "lzma.py", "bz2.py",
	"encodings/cp", "encodings/mac_", "encodings/iso8859_", "encodings/euc_", "encodings/shift_jis",
	"encodings/gb", "encodings/big5", "encodings/hz", "encodings/iso2022", "encodings/koi8",
	"encodings/ptcp154", "encodings/kz1048", "encodings/tis_620", "encodings/johab", "encodings/palmos",
}

// addPyodide copies Pyodide's runtime into assets/pyodide-HASH/ with the
// trimmed standard library, and records "pyodide" (the folder's URL, ending
// in /) and "pyodide_stdlib" (the zip's).
func addPyodide(cfg config, site string, as *assets) error {
	dir := cfg.path("node_modules", "pyodide")
	files := map[string][]byte{}
	var all bytes.Buffer
	for _, f := range pyodideFiles {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return fmt.Errorf("pyodide: %v (run npm ci)", err)
		}
		files[f] = b
		all.Write(b)
	}
	std, err := trimmedStdlib(filepath.Join(dir, "python_stdlib.zip"))
	if err != nil {
		return err
	}
	files["python_stdlib.zip"] = std
	all.Write(std)
	name := "pyodide-" + contentHash(all.Bytes())
	out := filepath.Join(site, "assets", name)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for f, b := range files {
		if err := os.WriteFile(filepath.Join(out, f), b, 0o644); err != nil {
			return err
		}
	}
	url := "/assets/" + name + "/"
	if err := as.set("pyodide", url); err != nil {
		return err
	}
	if err := as.set("pyodide_stdlib", url+"python_stdlib.zip"); err != nil {
		return err
	}
	return addSnapshot(cfg, site, out, name, as)
}

// addSnapshot writes Python mode's memory snapshot (build/pyodide-snapshot.mjs
// makes it under node: Pyodide started, Loopscope's loop imported and
// warmed up) as assets/pyodide-snapshot-HASH.bin and records it as
// "pyodide_snapshot". A snapshot differs from run to run (addresses, seeds),
// so HASH names what it is made of: the runtime folder (Pyodide and the
// trimmed stdlib), the prelude, boot.py and the script. Snapshots are kept
// between builds under that name, so an unchanged prelude costs no node run.
func addSnapshot(cfg config, site, runtime, runtimeName string, as *assets) error {
	prelude := cfg.path("web", "python", "loopscope")
	boot := cfg.path("web", "src", "python", "boot.py")
	script := cfg.path("build", "pyodide-snapshot.mjs")
	var in bytes.Buffer
	in.WriteString(runtimeName + "\n")
	names, err := filepath.Glob(filepath.Join(prelude, "*.py"))
	if err != nil {
		return err
	}
	for _, f := range append(names, boot, script) {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("pyodide snapshot: %v", err)
		}
		fmt.Fprintf(&in, "%s %d\n", filepath.Base(f), len(b))
		in.Write(b)
	}
	name := "pyodide-snapshot-" + contentHash(in.Bytes()) + ".bin"
	snap, err := cached(snapshotCache(), name, func() ([]byte, error) {
		tmp, err := os.MkdirTemp("", "loopscope-snapshot-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		out := filepath.Join(tmp, "snapshot.bin")
		cmd := exec.Command("node", script, cfg.path("node_modules", "pyodide"), filepath.Join(runtime, "python_stdlib.zip"), prelude, boot, out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("pyodide snapshot: node %s: %v\n%s", filepath.Base(script), err, msg)
		}
		return os.ReadFile(out)
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(site, "assets", name), snap, 0o644); err != nil {
		return err
	}
	return as.set("pyodide_snapshot", "/assets/"+name)
}

// snapshotCache is where snapshots are kept between builds, beside the
// compressed files' cache.
func snapshotCache() string {
	if c := compressCache(); c != "" {
		return filepath.Join(filepath.Dir(c), "pyodide-snapshot")
	}
	return ""
}

// trimmedStdlib rewrites the stdlib zip without stdlibDropped, copying the
// kept entries' compressed bytes as they are.
func trimmedStdlib(path string) ([]byte, error) {
	r, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("pyodide: %v (run npm ci)", err)
	}
	defer r.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range r.File {
		if stdlibDrops(f.Name) {
			continue
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		dst, err := w.CreateRaw(&f.FileHeader)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(dst, raw); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func stdlibDrops(name string) bool {
	for _, d := range stdlibDropped {
		if strings.HasPrefix(name, d) {
			return true
		}
	}
	return false
}
