#!/bin/sh
# Build the index cache (graph/core/cache.py, README "Start-up: the index cache") into
# $ENFORCEKG_CACHE_DIR at image build, for both ways a replica reads the knowledge:
#   1. the embedded graph (the default): one route question builds and saves its indexes;
#   2. the shared Oxigraph (ENFORCEKG_STORE): the graph is exported to $1 (the file the store's
#      init container loads, so every store started from this image names the same content),
#      loaded into a throw-away Oxigraph on loopback, and the same question asked through it, so
#      the indexes are saved under that content's name too.
# A replica of this image then answers its first question from saved indexes with either store.
# Usage: sh deploy/warm-cache.sh EXPORT_FILE   (ENFORCEKG_WARM_PORT: the loopback port, default 17878)
set -eu
export_file=$1
port=${ENFORCEKG_WARM_PORT:-17878}
question="routes --instrument arbitral-award --origin Taiwan --assets Shenzhen"

enforcekg $question > /dev/null
enforcekg export --format nq > "$export_file"
db=$(mktemp -d)
oxigraph load --location "$db" --file "$export_file" > /dev/null 2>&1
oxigraph serve-read-only --location "$db" --bind "127.0.0.1:$port" --union-default-graph > /dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$db"' EXIT
python - "$port" <<'PY'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/"
for _ in range(200):
    try:
        urllib.request.urlopen(url, timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit(f"the Oxigraph server on {url} did not start")
PY
enforcekg --store "http://127.0.0.1:$port/query" $question > /dev/null
