"""Indexes derived from the embedded graph, kept on disk between processes.

Why: a fresh process used to rebuild the route model, the place index and the instrument index
from the store (about 0.6 s of the 0.8–1.1 s cold start, ``benchmarks/bench_places.py``). They
depend only on the graph files, so each is saved once under a key made of those files and read
back by the next process (tens of milliseconds), the way CPython keeps ``.pyc`` files.

- **Key** (:func:`files_fingerprint`): the name, size and modification time of every graph
  file and of the Python modules that build the indexes (``graph/core``, ``graph/kg``,
  ``graph/routes``; a new release changes them too), this module's format number and the Python
  version. That is CPython's default rule for ``.pyc`` files (PEP 552): editing a Turtle file or
  the code of an index, ``enforcekg build`` or a new release makes a new key, and an old file is
  never read for the new graph.
- **A remote store** (``ENFORCEKG_STORE``) has a key only when it says what it holds: an N-Quads
  export ends with ``<…/graph> dcterms:identifier "blake2b-…"`` and ``void:triples N`` in the
  graph ``<…/graph/meta>`` (graph.formats.rdf.identity_triples; ``enforcekg publish`` writes the
  same): a hash of exactly the statements exported, and their number, which the store must still
  hold (``RemoteStore.fingerprint``). :func:`dataset_fingerprint` makes the key of that name and of the code, as
  above, so a replica's second start against the same store reads no index from it. A store
  without that statement, or a store loaded from other files, is always read afresh. The name is
  trusted as HTTP trusts an ETag: a store changed by other means than a new export or ``publish``
  (a SPARQL Update by hand) must be loaded again, or run with the cache off.
- **Where**: ``$ENFORCEKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/enforcekg``, else
  ``~/.cache/enforcekg``. ``ENFORCEKG_CACHE_DIR=off`` turns the cache off. A folder that cannot
  be written just means no cache: the indexes are built as before.
- **Format**: pickle of plain values (dicts, lists, tuples, sets, strings, numbers) and of the
  frozen dataclasses a caller names (``classes``, e.g. ``Citation``), read by an unpickler that
  refuses every other class and every function (:class:`_PlainUnpickler`), so a tampered file
  can fail to load but cannot run code. A file that fails to load is rebuilt.
- Writes are atomic (a temporary file renamed into place), so two processes starting together
  never read half a file. Each index keeps the files of its :data:`KEEP` most recently written
  keys (the embedded graph's and a remote store's live side by side, as in the Docker image);
  older ones are removed when a new one is written.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

__all__ = ["FORMAT", "KEEP", "CACHE_ENV", "cache_dir", "files_fingerprint", "dataset_fingerprint", "fingerprint_of",
           "holds", "cached", "persisted"]

FORMAT = 1  # bump when an encoded layout changes
KEEP = 3  # keys kept per index: the embedded graph's, a remote store's, one more
CACHE_ENV = "ENFORCEKG_CACHE_DIR"

T = TypeVar("T")  # logging and tempfile are imported where used: a cold start needs neither


def cache_dir(environ: dict | None = None) -> Path | None:
    """The cache folder, or ``None`` when the cache is off."""
    env = environ if environ is not None else os.environ
    value = env.get(CACHE_ENV, "").strip()
    if value.lower() in ("off", "none", "0", "false"):
        return None
    if value:
        return Path(value)
    base = env.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "enforcekg"


def _code_files() -> list[Path]:
    package = Path(__file__).resolve().parent.parent  # graph/
    return sorted(p for sub in ("core", "kg", "routes") for p in (package / sub).glob("*.py"))


def _key(head: str, files: Iterable[Path]) -> str:
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{FORMAT}|{sys.version_info[:3]}{head}".encode())
    for path in [*files, *_code_files()]:
        st = os.stat(path)
        digest.update(f"|{Path(path).name}|{st.st_size}|{st.st_mtime_ns}".encode())
    return digest.hexdigest()


def files_fingerprint(files: Iterable[Path]) -> str:
    """A key for the graph made of ``files`` and for the code that derives the indexes from it
    (see the module docstring)."""
    return _key("", files)


def dataset_fingerprint(identifier: str) -> str:
    """The key of a remote store that names its content ``identifier`` (see the module
    docstring), and of the code that derives the indexes."""
    return _key(f"|dataset|{identifier}", ())


def holds(fingerprint: str | None) -> bool:
    """Whether an earlier process saved any index under ``fingerprint`` (so a start need not read
    the store's bulk patterns ahead, ``graph.core.store.warm_default_store``)."""
    folder = cache_dir()
    if fingerprint is None or folder is None:
        return False
    try:
        return any(folder.glob(f"*-{fingerprint}.pickle"))
    except OSError:
        return False


def fingerprint_of(store: Any) -> str | None:
    """The key of ``store``'s graph: the embedded store has one, a remote store one when it names
    its content, any other store ``None``. A remote store that cannot be reached raises its
    ``StoreError`` here, as its first query would."""
    value = getattr(store, "fingerprint", None)
    return value if isinstance(value, str) else None


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain values and the named data classes only: any other class or function named in
    the file (``os.system``, ``builtins.eval`` …) is refused before it is looked up."""

    def __init__(self, data: bytes, classes: tuple[type, ...]):
        super().__init__(io.BytesIO(data))
        self.allowed = {(c.__module__, c.__qualname__): c for c in classes}

    def find_class(self, module: str, name: str):  # noqa: D401 - pickle's hook
        found = self.allowed.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"the index cache holds plain values only, not {module}.{name}")
        return found


def _read(path: Path, classes: tuple[type, ...]) -> Any:
    data = path.read_bytes()
    # A million small objects are created and none is garbage: without the cyclic collector
    # running over them again and again the read takes ~30% less (measured
    # with `enforcekg routes` on a loaded 2-core machine: 0.42-1.06 s instead of 0.54-1.44 s).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _PlainUnpickler(data, classes).load()
    finally:
        if enabled:
            gc.enable()


def _log():
    import logging

    return logging.getLogger(__name__)


def _write(path: Path, name: str, value: Any) -> None:
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=5)
        # mkstemp makes the file private (0600): readable by all instead, as a .pyc is, so a
        # cache built at image build as root is read by replicas that run as another user.
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    def age(p: Path) -> float:
        try:
            return -p.stat().st_mtime
        except OSError:  # removed meanwhile by another process
            return 0.0

    for old in sorted(path.parent.glob(f"{name}-*.pickle"), key=age)[KEEP:]:
        old.unlink(missing_ok=True)  # an older key's file: not read again


def cached(name: str, fingerprint: str | None, build: Callable[[], T],
           encode: Callable[[T], Any], decode: Callable[[Any], T], classes: tuple[type, ...] = ()) -> T:
    """``build()``, or its value saved under ``name`` and ``fingerprint`` by an earlier process.

    ``encode`` turns the value into plain values (and instances of ``classes``, frozen data
    classes with no behaviour on construction) and ``decode`` turns them back; without a
    fingerprint or a cache folder this is just ``build()``."""
    folder = cache_dir()
    if fingerprint is None or folder is None:
        return build()
    path = folder / f"{name}-{fingerprint}.pickle"
    try:
        return decode(_read(path, classes))
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign file: rebuild it, say so in the log
        _log().warning("index cache %s unreadable (%s); rebuilding it", path, exc)
    value = build()
    try:
        _write(path, name, encode(value))
    except OSError as exc:  # read-only home, full disk: no cache, same answers
        _log().info("index cache not written to %s: %s", folder, exc)
    return value


def persisted(name: str, encode: Callable[[Any], Any], decode: Callable[[Any], Any],
              classes: tuple[type, ...] = ()):
    """Decorator for ``build(store)``: on the embedded store, the result is read from (or saved
    to) the cache under ``name``; on any other store ``build`` runs as before."""

    def wrap(build: Callable[[Any], T]) -> Callable[[Any], T]:
        def get(store: Any) -> T:
            return cached(name, fingerprint_of(store), lambda: build(store), encode, decode, classes)

        get.__name__ = getattr(build, "__name__", name)
        get.__doc__ = build.__doc__
        get.__wrapped__ = build
        return get

    return wrap
