#!/usr/bin/python3
"""End-to-end tests of what one `ogi` process loads and does before its
first file (docs/performance.md, "Start-up"; docs/architecture.md,
"Programs"): `ogi serve` runs the separate program ogi-serve, and says so
clearly when it is missing; the libraries only some commands need are not
in ogi's own list of needed libraries; the SHA-256 ogi reports of an input
is the one Python's hashlib computes. No timing is asserted here: times
are measured in bench/startup.sh.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

import serve_process
from harness import WRAP, finish, run, test

OGI = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ogi")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TMP = tempfile.mkdtemp(prefix="ogi-startup-")


def needed_libraries(binary):
    """The DT_NEEDED entries of an ELF file, read by readelf (binutils)."""
    p = subprocess.run(["readelf", "-d", binary], capture_output=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return [line.split("[", 1)[1].split("]", 1)[0]
            for line in p.stdout.decode().splitlines() if "(NEEDED)" in line]


@test
def ogi_itself_needs_no_http_server():
    """libmicrohttpd (and gnutls with it) is ogi-serve's alone."""
    own = needed_libraries(OGI)
    assert any(n.startswith("libxlsxwriter") for n in own), own  # the reader works
    assert not [n for n in own if "microhttpd" in n or "gnutls" in n], own
    serve = needed_libraries(os.path.join(os.path.dirname(OGI), "ogi-serve"))
    assert any("microhttpd" in n for n in serve), serve


@test
def libgsf_and_glib_are_linked_from_their_archives():
    """Where Debian ships the static archives of libgsf and the GLib stack
    under it (the Makefile's STATIC_NAMES), ogi has them in it and loads
    none of them, nor gio; .xls files are still read through libgsf, and
    `ogi watch` (GLib's hash tables) still starts."""
    libdir = subprocess.run(["pkg-config", "--variable=libdir", "libgsf-1"], capture_output=True,
                            timeout=60).stdout.decode().strip()
    names = ["libgsf-1", "libxml2", "libgobject-2.0", "libglib-2.0", "libpcre2-8", "libffi"]
    own = needed_libraries(OGI)
    if all(os.path.exists(os.path.join(libdir, n + ".a")) for n in names):
        loaded = [n for n in own if n.startswith(tuple(names) + ("libgio", "libgmodule"))]
        assert not loaded, own
    rc, out, err = run("check", "--format", "json", os.path.join(REPO, "samples", "tianjin-2019.xls"))
    assert rc == 0 and json.loads(out)["status"] == "pass", (rc, err)
    box = os.path.join(TMP, "watch box")
    os.makedirs(os.path.join(box, "inbox"))
    shutil.copy(os.path.join(REPO, "samples", "tianjin-2019.xls"), os.path.join(box, "inbox", "a.xls"))
    rc, out, err = run("watch", "--once", box)
    assert rc == 0, (rc, out, err)
    assert os.listdir(os.path.join(box, "archive")), os.listdir(box)


@test
def ogi_serve_runs_the_ogi_serve_program():
    """`ogi serve BOX` answers HTTP, and the process answering is ogi-serve
    (the same process id: ogi replaced itself, as a service manager needs)."""
    box = os.path.join(TMP, "收件 箱")
    p, port = serve_process.start_server(OGI, box, wait=240 if WRAP else 60)
    try:
        if not WRAP:  # under valgrind the process is valgrind's
            exe = os.readlink(f"/proc/{p.pid}/exe")
            assert os.path.basename(exe) == "ogi-serve", exe
            with open(f"/proc/{p.pid}/cmdline", "rb") as f:
                assert f.read().split(b"\0")[0] == b"ogi-serve"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=120) as r:
            assert r.status == 200 and b"<form" in r.read()
    finally:
        serve_process.stop_server(p)
    assert os.path.isdir(os.path.join(box, "inbox"))


def lone_ogi():
    """A copy of ogi alone in a folder with spaces and Chinese in its path."""
    folder = os.path.join(TMP, "单独 的 ogi")
    os.makedirs(folder, exist_ok=True)
    lone = os.path.join(folder, "ogi")
    shutil.copy2(OGI, lone)
    return folder, lone


@test
def missing_ogi_serve_is_said_in_chinese_and_english():
    folder, lone = lone_ogi()
    box = os.path.join(TMP, "no-box")
    for lang, words in (([], "找不到程序 ogi-serve"), (["--lang", "en"], "the program ogi-serve was not found")):
        p = subprocess.run(WRAP + [lone, "serve", *lang, box], capture_output=True, timeout=120)
        err = p.stderr.decode("utf-8")
        assert p.returncode == 2, (p.returncode, err)
        assert words in err and folder in err, err
        assert p.stdout == b""
    assert not os.path.exists(box)  # nothing was started
    # the other commands do not need it
    p = subprocess.run(WRAP + [lone, "check", os.path.join(REPO, "samples", "tianjin-2019.xls")],
                       capture_output=True, timeout=120)
    assert p.returncode == 0 and "通过" in p.stdout.decode("utf-8"), p


@test
def an_ogi_serve_that_cannot_run_is_said():
    folder, lone = lone_ogi()
    bad = os.path.join(folder, "ogi-serve")
    with open(bad, "w") as f:
        f.write("not a program\n")
    os.chmod(bad, 0o644)  # there, but not executable
    try:
        p = subprocess.run(WRAP + [lone, "serve", "--lang", "en", os.path.join(TMP, "b")],
                           capture_output=True, timeout=120)
        err = p.stderr.decode("utf-8")
        assert p.returncode == 2 and "ogi serve: cannot run " + bad in err, (p.returncode, err)
    finally:
        os.unlink(bad)


def ogi_without_opencc():
    """A copy of ogi as on a machine without libopencc: the library's path,
    which the build wrote into the binary (t2s_gen.pl), made one that does
    not exist (same length, so nothing else moves)."""
    with open(OGI, "rb") as f:
        data = f.read()
    found = re.findall(rb"/[^\0]*/libopencc\.so[^\0]*\0", data)
    assert len(found) == 1, found  # loaded by path, not linked
    path = found[0][:-1]
    gone = path[:-1] + (b"X" if path[-1:] != b"X" else b"Y")
    assert not os.path.exists(gone)
    copy = os.path.join(TMP, "无 OpenCC 的 ogi")
    with open(copy, "wb") as f:
        f.write(data.replace(found[0], gone + b"\0"))
    os.chmod(copy, 0o755)
    return copy, path, gone


@test
def opencc_is_loaded_only_when_a_label_needs_it():
    """ogi does not link libopencc (nor, through it, libstdc++ and marisa);
    it loads it for a traditional label, and converts by phrase."""
    assert not [n for n in needed_libraries(OGI) if "opencc" in n or "marisa" in n]
    rc, out, err = run("check", "--format", "json", os.path.join(REPO, "tests", "fixtures", "data", "traditional.xls"))
    assert rc == 0 and json.loads(out)["status"] == "pass", (rc, err, out[:500])


@test
def missing_opencc_is_said_in_chinese_and_english():
    copy, path, gone = ogi_without_opencc()
    book = os.path.join(REPO, "tests", "fixtures", "data", "traditional.xls")
    for lang, words in (([], "无法加载 OpenCC 繁简转换库"), (["--lang", "en"], "OpenCC's conversion library")):
        p = subprocess.run(WRAP + [copy, "check", *lang, book], capture_output=True, timeout=120)
        err = p.stderr.decode("utf-8")
        assert p.returncode == 2 and words in err and "libopencc" in err, (p.returncode, err)
        assert p.stdout == b"" and "ogi: ogi:" not in err, (p.stdout, err)
    # nothing but the path differs: with it restored, the copy is ogi
    with open(copy, "rb") as f, open(OGI, "rb") as g:
        assert f.read().replace(gone + b"\0", path + b"\0") == g.read()


@test
def sha256_is_hashlibs():
    """The input's SHA-256 in the JSON report, for each format ogi reads."""
    inputs = [os.path.join(REPO, "samples", n) for n in sorted(os.listdir(os.path.join(REPO, "samples")))
              if n.endswith(".xls")]
    for sub in ("excel", "lo"):
        d = os.path.join(REPO, "tests", "fixtures", "formats", sub)
        inputs += [os.path.join(d, n) for n in sorted(os.listdir(d)) if n.endswith((".xlsx", ".ods"))][:2]
    hashed = 0
    for path in inputs:
        rc, out, err = run("check", "--format", "json", path)
        if rc == 2:  # no statutory tables (huadu-2017): refused, no report
            continue
        assert rc in (0, 1), (path, rc, err)
        hashed += 1
        got = json.loads(out)
        report = got["reports"][0] if "reports" in got else got
        with open(path, "rb") as f:
            want = hashlib.sha256(f.read()).hexdigest()
        assert report["sha256"] == want, (path, report["sha256"], want)
    assert hashed >= 8, hashed


try:
    finish()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
