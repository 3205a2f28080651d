"""`ogi serve` as a process for the serve tests (test_serve.py in a browser,
test_serve_http.py over plain HTTP): started on a port the kernel chooses,
stopped with SIGTERM as a service manager would."""
import signal
import subprocess
import threading
import time

from harness import WRAP


def start_server(ogi, box, *extra, wait=60):
    """ogi serve of box on a free port: (process, port). wait: seconds for it
    to say where it listens."""
    p = subprocess.Popen(WRAP + [ogi, "serve", "--listen", "127.0.0.1:0", *extra, box],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        line = p.stdout.readline().decode("utf-8")
        if "http://127.0.0.1:" in line:
            # the rest of the log is drained so that the server never blocks on it
            threading.Thread(target=p.stdout.read, daemon=True).start()
            return p, int(line.split("http://127.0.0.1:")[1].split("/")[0])
        if not line and p.poll() is not None:
            break
    p.kill()
    raise AssertionError("ogi serve did not start: " + p.stderr.read().decode("utf-8"))


def stop_server(p, wait=120):
    """SIGTERM, then the exit status must be 0."""
    p.send_signal(signal.SIGTERM)
    rc = p.wait(timeout=wait)
    err = p.stderr.read().decode("utf-8", "replace")
    assert rc == 0, f"ogi serve exited {rc} on SIGTERM: {err}"
