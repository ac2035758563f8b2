"""deploy/ (README, "Scale-out"): the Compose file, the Kubernetes manifests, the Dockerfile and the
HAProxy configurations parse, and everything they name exists in the project: each image is the
one deploy/Dockerfile builds (or the load balancer's), each command is a real entry point whose
arguments our own parsers accept, each port is the one that command listens on, each Service,
probe and autoscaler points at a container that exists. No Docker engine runs here; the
loopback load-balancer test (test_deploy_lb.py) runs the same HAProxy policy for real."""

from __future__ import annotations

import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from graph.cli import COMMANDS, build_parser
from loopback_cluster import haproxy_binary

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VERSION = PYPROJECT["project"]["version"]
IMAGE = f"enforcekg:{VERSION}"
LB_IMAGES = {"haproxy:2.6"}  # Debian bookworm's HAProxy is 2.6, the one the loopback test runs
PORTS = {"endpoint": 8000, "app": 8501, "oxigraph": 7878}


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def _k8s() -> list[dict]:
    docs = []
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        docs += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return docs


def _role_and_port(command: list[str]) -> tuple[str, int]:
    """Which project entry point ``command`` runs, checked against the project itself, and the
    port it listens on."""
    if command[:2] == ["sh", "-c"]:
        for part in command[2].split("&&"):
            _role_and_port(shlex.split(part.split(">")[0]))
        return "loader", 0
    exe = command[0]
    if exe == "enforcekg":
        assert "enforcekg" in PYPROJECT["project"]["scripts"]
        sub = command[1]
        assert sub in COMMANDS, f"enforcekg has no command {sub!r}"
        args = build_parser().parse_args(command[1:])  # exits (SystemExit) on an option it does not know
        return ("endpoint", args.port) if sub == "serve" else (sub, 0)
    if exe == "python":
        assert command[1:3] == ["-m", "graph.ui.serve"], command
        assert (ROOT / "graph" / "ui" / "serve.py").is_file() and (ROOT / command[3]).is_file()
        opts = dict(zip(command[4::2], command[5::2]))
        assert opts["--server.headless"] == "true" and opts["--server.address"] == "0.0.0.0"
        return "app", int(opts["--server.port"])
    if exe == "oxigraph":
        assert any(d.startswith("oxigraph") for d in PYPROJECT["project"]["optional-dependencies"]["scale"])
        assert command[1] in ("load", "serve-read-only"), command
        if command[1] == "serve-read-only":
            assert "--union-default-graph" in command  # the dataset the remote store expects
            return "oxigraph", int(command[command.index("--bind") + 1].rsplit(":", 1)[1])
        return "loader", 0
    raise AssertionError(f"unknown command {command}")


# ------------------------------------------------------------------ Dockerfile
def test_the_dockerfile_copies_what_exists_and_installs_the_scale_extra():
    text = (DEPLOY / "Dockerfile").read_text()
    for line in re.findall(r"^COPY (.+)$", text, flags=re.MULTILINE):
        *sources, _dest = line.split()
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: no such file in the project"
    assert "'.[scale]'" in text and "scale" in PYPROJECT["project"]["optional-dependencies"]
    cmd = yaml.safe_load(re.search(r"^CMD (.+)$", text, flags=re.MULTILINE).group(1))
    assert _role_and_port(cmd) == ("endpoint", 8000)
    exposed = {int(p) for p in re.search(r"^EXPOSE (.+)$", text, flags=re.MULTILINE).group(1).split()}
    assert exposed == set(PORTS.values())
    assert "USER nobody" in text


# ------------------------------------------------------------------ Compose
def test_compose_runs_n_replicas_of_app_and_endpoint_behind_the_load_balancer():
    compose = _compose()
    services = compose["services"]
    assert {"app", "endpoint", "lb", "oxigraph", "knowledge"} <= set(services)
    for name, service in services.items():
        image = service["image"]
        assert image == IMAGE or image in LB_IMAGES, f"{name}: unknown image {image}"
        if image == IMAGE:
            assert service["build"]["dockerfile"] == "deploy/Dockerfile"
            assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).resolve().is_file()
            role, port = _role_and_port(service["command"])
            if role in PORTS:
                assert role == name and port == PORTS[role]
                assert service["expose"] == [str(port)]
    for name in ("app", "endpoint"):
        assert services[name]["deploy"]["replicas"] >= 2
        assert "ENFORCEKG_STORE" in services[name]["environment"]
        health = " ".join(services[name]["healthcheck"]["test"])
        assert f":{PORTS[name]}/" in health
    lb = services["lb"]
    mounted = lb["volumes"][0].split(":")[0]
    assert (DEPLOY / mounted).is_file()
    assert set(lb["depends_on"]) == {"app", "endpoint"}
    assert services["oxigraph"]["depends_on"]["knowledge"]["condition"] == "service_completed_successfully"


def test_the_compose_haproxy_config_names_the_compose_services_and_their_ports():
    cfg = (DEPLOY / "haproxy.cfg").read_text()
    servers = dict(re.findall(r"server-template \w+ \S+ (\w+):(\d+)", cfg))
    assert servers == {"app": str(PORTS["app"]), "endpoint": str(PORTS["endpoint"])}
    published = {p.split(":")[1] for p in _compose()["services"]["lb"]["ports"]}
    assert published == set(re.findall(r"^\s*bind :(\d+)", cfg, flags=re.MULTILINE))
    assert re.search(r"backend app\b[^#]*?cookie ENFORCEKG_APP insert", cfg, flags=re.DOTALL), "the app is not sticky"
    assert "/_stcore/health" in cfg and "timeout tunnel" in cfg and "retry-on" in cfg


@pytest.mark.skipif(haproxy_binary() is None, reason="HAProxy not installed (Debian: apt-get install haproxy)")
@pytest.mark.parametrize("name", ["haproxy.cfg", "haproxy-loopback.cfg"])
def test_haproxy_accepts_the_configs(name):
    env = {"LB_APP_PORT": "1", "LB_SPARQL_PORT": "2", "APP1_PORT": "3", "APP2_PORT": "4",
           "ENDPOINT1_PORT": "5", "ENDPOINT2_PORT": "6", "PATH": "/usr/sbin:/usr/bin:/bin"}
    done = subprocess.run([haproxy_binary(), "-c", "-f", str(DEPLOY / name)], capture_output=True, text=True, env=env, timeout=30)
    assert done.returncode == 0, done.stderr


# ------------------------------------------------------------------ Kubernetes
def test_kubernetes_has_deployments_services_and_autoscalers_that_fit_together():
    docs = _k8s()
    by_kind: dict[str, dict[str, dict]] = {}
    for d in docs:
        assert {"apiVersion", "kind", "metadata"} <= set(d), d
        by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    deployments, services, hpas = by_kind["Deployment"], by_kind["Service"], by_kind["HorizontalPodAutoscaler"]
    assert {"enforcekg-app", "enforcekg-endpoint"} <= set(deployments) and set(hpas) == {"enforcekg-app", "enforcekg-endpoint"}

    container_ports = {}
    for name, dep in deployments.items():
        spec = dep["spec"]
        assert spec["selector"]["matchLabels"].items() <= spec["template"]["metadata"]["labels"].items()
        for c in spec["template"]["spec"].get("initContainers", []) + spec["template"]["spec"]["containers"]:
            assert c["image"] == IMAGE
            role, port = _role_and_port(c["command"])
            if role in PORTS:
                assert [p["containerPort"] for p in c["ports"]] == [port] == [PORTS[role]]
                for probe in ("readinessProbe", "livenessProbe"):
                    if probe in c:
                        assert c[probe]["httpGet"]["port"] == port
                container_ports[name] = (spec["template"]["metadata"]["labels"], port)
            for ref in c.get("envFrom", []):
                assert ref["configMapRef"]["name"] in by_kind["ConfigMap"]
    for name, svc in services.items():
        matches = [dep for dep, (labels, _) in container_ports.items() if svc["spec"]["selector"].items() <= labels.items()]
        assert len(matches) == 1, f"Service {name} selects {matches}"
        assert [p["targetPort"] for p in svc["spec"]["ports"]] == [container_ports[matches[0]][1]]
    assert services["enforcekg-app"]["spec"]["sessionAffinity"] == "ClientIP"
    policy = by_kind["NetworkPolicy"]["enforcekg-endpoint-egress"]["spec"]
    assert policy["podSelector"]["matchLabels"].items() <= deployments["enforcekg-endpoint"]["spec"]["template"]["metadata"]["labels"].items()
    assert {"port": PORTS["oxigraph"], "protocol": "TCP"} in policy["egress"][0]["ports"]
    for name, hpa in hpas.items():
        target = hpa["spec"]["scaleTargetRef"]
        assert target["kind"] == "Deployment" and target["name"] in deployments
        assert 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
    for ingress in by_kind["Ingress"].values():
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                assert backend["name"] in services
                assert backend["port"]["number"] in [p["port"] for p in services[backend["name"]]["spec"]["ports"]]
    assert by_kind["Ingress"]["enforcekg-app"]["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    store = by_kind["ConfigMap"]["enforcekg-store"]["data"]["ENFORCEKG_STORE"]
    assert store == "" or store == f"http://oxigraph:{PORTS['oxigraph']}/query"
    kustomization = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted(p.name for p in (DEPLOY / "k8s").glob("*.yaml") if p.name != "kustomization.yaml")


def test_the_image_builds_the_index_cache_for_both_stores_with_its_real_script(tmp_path):
    """The Dockerfile's warm-up, deploy/warm-cache.sh, run for real: it writes the index cache
    (graph/core/cache.py) into the folder its ENV names, for the embedded graph and for an Oxigraph
    loaded from the export it leaves where the store's init containers load it from; the files
    are readable by the replicas' other user; and a replica reading such a store (a fresh process,
    ``--store``) answers from them: two requests, no bulk read."""
    import os
    import stat
    import sys

    from oxigraph_server import OxigraphServer, free_port

    text = (DEPLOY / "Dockerfile").read_text()
    cache_dir = re.search(r"^ENV ENFORCEKG_CACHE_DIR=(\S+)$", text, flags=re.MULTILINE).group(1)
    export_file = re.search(r"^RUN sh deploy/warm-cache.sh (\S+)", text, flags=re.MULTILINE).group(1)
    assert cache_dir.startswith("/srv/enforcekg/") and export_file.startswith("/srv/enforcekg/")
    loads = []
    for doc in _k8s() + list(_compose()["services"].values()):
        for c in doc.get("spec", {}).get("template", {}).get("spec", {}).get("initContainers", []) + [doc]:
            command = c.get("command") or []
            if command[:2] == ["oxigraph", "load"]:
                loads.append(command[command.index("--file") + 1])
    assert loads and set(loads) == {export_file}  # every store loads the content the cache is named for
    out = tmp_path / "enforcekg.nq"
    env = {**os.environ, "ENFORCEKG_CACHE_DIR": str(tmp_path / "cache"), "ENFORCEKG_WARM_PORT": str(free_port()),
           "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env.pop("ENFORCEKG_STORE", None)
    done = subprocess.run(["sh", str(DEPLOY / "warm-cache.sh"), str(out)], env=env, capture_output=True, text=True,
                          timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    files = list((tmp_path / "cache").iterdir())
    names = {p.name.rsplit("-", 1)[0] for p in files}
    assert names == {"route-model", "place-index", "instrument-index", "participations"}
    assert len(files) == 2 * len(names)  # one key for the embedded graph, one for the exported content
    assert all(p.stat().st_mode & stat.S_IROTH for p in files)
    probe = ("import sys; from graph.core.stores import RemoteStore; from graph.routes.finder import find_routes; "
             "s = RemoteStore(sys.argv[1]).check(); find_routes('arbitral-award', 'Taiwan', 'Shenzhen', store=s); "
             "print(s.requests, len(s._mirror))")
    with OxigraphServer(out.read_bytes(), union=True) as server:  # a store pod of the image
        replica = subprocess.run([sys.executable, "-c", probe, server.query_url], env=env, capture_output=True,
                                 text=True, timeout=300, cwd=ROOT)
    assert replica.returncode == 0, replica.stderr
    assert replica.stdout.split() == ["2", "0"]
