"""Replicas of the endpoint and the app behind a real HAProxy (Debian's), all on 127.0.0.1, for
tests/test_deploy_lb.py, ``make lb-test`` and benchmarks/bench_scale.py.

:class:`Cluster` starts ``enforcekg serve`` and ``python -m graph.ui.serve app.py`` replicas on free
loopback ports, and HAProxy with ``deploy/haproxy-loopback.cfg`` (the policy of the Compose
deployment, ports from the environment); it stops exactly the processes it started, by their
own handles. Every wait is bounded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from oxigraph_server import free_port, wait_for

__all__ = ["Cluster", "Replica", "get", "haproxy_binary", "ROOT"]

ROOT = Path(__file__).resolve().parent.parent
HAPROXY_CFG = ROOT / "deploy" / "haproxy-loopback.cfg"


def haproxy_binary() -> str | None:
    """Debian's HAProxy (in /usr/sbin, which a non-root PATH may lack), or ``None``."""
    import shutil

    found = shutil.which("haproxy") or "/usr/sbin/haproxy"
    return found if Path(found).is_file() else None


def get(url: str, *, headers: dict | None = None, timeout: float = 30.0) -> tuple[int, dict, bytes]:
    """One GET: status, headers (lower-cased names), body; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


@dataclass
class Replica:
    name: str
    port: int
    process: subprocess.Popen

    def kill(self) -> None:
        """Stop abruptly (SIGKILL), as a crashed container would; the guard's worker goes too."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Cluster:
    """``endpoints`` endpoint replicas and ``apps`` app replicas (0–2 each) behind HAProxy."""

    endpoints: int = 2
    apps: int = 2
    store: str | None = None  # ENFORCEKG_STORE for the replicas (None: embedded)
    replicas: list[Replica] = field(default_factory=list)
    lb: subprocess.Popen | None = None

    def __post_init__(self):
        self.lb_app_port, self.lb_sparql_port = free_port(), free_port()
        self.sparql_url = f"http://127.0.0.1:{self.lb_sparql_port}/sparql"
        self.app_url = f"http://127.0.0.1:{self.lb_app_port}/"

    def _env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k != "ENFORCEKG_STORE"}
        if self.store:
            env["ENFORCEKG_STORE"] = self.store
        return env

    def start(self, timeout: float = 120.0) -> "Cluster":
        env = self._env()
        ports = {"LB_APP_PORT": self.lb_app_port, "LB_SPARQL_PORT": self.lb_sparql_port}
        try:
            for i in (1, 2):
                port = free_port()
                ports[f"ENDPOINT{i}_PORT"] = port
                if i <= self.endpoints:
                    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--workers", "1",
                                             "--per-client", "16",  # every test client is 127.0.0.1
                                             "--log-level", "warning"], cwd=ROOT, env=env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    self.replicas.append(Replica(f"endpoint{i}", port, proc))
            for i in (1, 2):
                port = free_port()
                ports[f"APP{i}_PORT"] = port
                if i <= self.apps:
                    proc = subprocess.Popen([sys.executable, "-m", "graph.ui.serve", "app.py", "--server.headless", "true",
                                             "--server.address", "127.0.0.1", "--server.port", str(port),
                                             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    self.replicas.append(Replica(f"app{i}", port, proc))
            for r in self.replicas:
                wait_for(f"http://127.0.0.1:{r.port}/", timeout=timeout)
            self.lb = subprocess.Popen([haproxy_binary(), "-db", "-f", str(HAPROXY_CFG)], env={**env, **{k: str(v) for k, v in ports.items()}},
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            self._wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self, timeout: float) -> None:
        """Until HAProxy has sent requests to every live replica (its health checks passed)."""
        deadline = time.monotonic() + timeout
        want = {r.name for r in self.replicas}
        seen: set[str] = set()
        while time.monotonic() < deadline and seen != want:
            if self.lb.poll() is not None:
                raise RuntimeError("haproxy exited: " + self.lb.stderr.read().decode(errors="replace")[-500:])
            for url, prefix in ((self.sparql_url, "endpoint"), (self.app_url + "_stcore/health", "app")):
                if not any(n.startswith(prefix) for n in want):
                    continue
                try:
                    status, headers, _ = get(url, timeout=5)
                except OSError:
                    continue
                if status == 200 and headers.get("x-enforcekg-replica"):
                    seen.add(headers["x-enforcekg-replica"])
            time.sleep(0.1)
        if seen != want:
            raise TimeoutError(f"the load balancer reached {sorted(seen)} of {sorted(want)} within {timeout} s")

    def replica(self, name: str) -> Replica:
        return next(r for r in self.replicas if r.name == name)

    def query_url(self, text: str) -> str:
        return self.sparql_url + "?" + urllib.parse.urlencode({"query": text})

    def stop(self) -> None:
        if self.lb is not None:
            if self.lb.poll() is None:
                self.lb.terminate()
                try:
                    self.lb.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.lb.kill()
                    self.lb.wait(timeout=10)
            if self.lb.stderr:
                self.lb.stderr.close()
            self.lb = None
        for r in self.replicas:
            r.stop()
        self.replicas = []

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
