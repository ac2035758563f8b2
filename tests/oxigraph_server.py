"""A real Oxigraph SPARQL server on loopback, for the remote-store tests and the scale benchmark.

``oxigraph`` (PyPI, in the ``test`` extras) ships the server binary of the same engine and
version as the embedded pyoxigraph store. :class:`OxigraphServer` loads N-Quads into a fresh
RocksDB folder with ``oxigraph load`` and starts ``oxigraph serve-read-only`` (or the writable
``oxigraph serve``) on a free 127.0.0.1 port; leaving the ``with`` block stops that process (by
its own pid) and nothing else. Waiting for the port is a bounded loop.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

__all__ = ["oxigraph_binary", "free_port", "OxigraphServer"]


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed beside this Python (or on PATH)."""
    local = Path(sys.executable).with_name("oxigraph")
    found = str(local) if local.is_file() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the `oxigraph` server is not installed: pip install -e '.[test]' (it is in the test extras)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 20.0) -> None:
    """Until ``url`` answers HTTP at all (any status), at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


class OxigraphServer:
    """``with OxigraphServer(nq_bytes) as server: server.query_url``. ``union``: start with
    ``--union-default-graph``; ``writable``: ``oxigraph serve`` (exposes ``store_url``)."""

    def __init__(self, nquads: bytes | None = None, *, union: bool = True, writable: bool = False,
                 location: Path | None = None):
        self.nquads, self.union, self.writable = nquads, union, writable
        self._tmp = None if location else tempfile.TemporaryDirectory(prefix="enforcekg-oxigraph-")
        self.location = location or Path(self._tmp.name) / "db"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.query_url, self.store_url = self.base + "/query", self.base + "/store"
        self.process: subprocess.Popen | None = None
        self.load_seconds = 0.0

    def start(self) -> "OxigraphServer":
        binary = oxigraph_binary()
        if self.nquads is not None:
            nq = self.location.parent / "data.nq"
            nq.parent.mkdir(parents=True, exist_ok=True)
            nq.write_bytes(self.nquads)
            t0 = time.perf_counter()
            subprocess.run([binary, "load", "--location", str(self.location), "--file", str(nq)],
                           check=True, capture_output=True, timeout=600)
            self.load_seconds = time.perf_counter() - t0
        cmd = [binary, "serve" if self.writable else "serve-read-only", "--location", str(self.location),
               "--bind", f"127.0.0.1:{self.port}"]
        if self.union:
            cmd.append("--union-default-graph")
        self.process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for(self.base + "/")
        except TimeoutError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()
        self.process = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> "OxigraphServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
