"""What the AppTest modules and the live-server tests share: the app's path, a page's path as
``st.navigation`` registered it, the bytes a download button sends, the no-exception check, and a
free loopback port. (Not a test module: pytest collects nothing here.)"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any, Callable

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

__all__ = ["APP", "SENT", "DEFERRED", "record_downloads", "page_path", "download", "no_exception", "free_port"]

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SENT: dict[str, bytes] = {}  # media file id -> bytes, recorded as download buttons register them
DEFERRED: dict[str, Callable[[], Any]] = {}  # deferred file id -> the callable a click would run


@pytest.fixture(autouse=True, scope="module")
def record_downloads():
    """AppTest keeps download data in a mock runtime it drops after each run: record it.
    Import it into a test module to make it apply there."""
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        SENT[file_id] = self._files_by_id[file_id].content
        return file_id

    deferred = MediaFileManager.add_deferred

    def recording_deferred(self, data_callable, *args, **kwargs):  # data made only on a click
        file_id = deferred(self, data_callable, *args, **kwargs)
        DEFERRED[file_id] = data_callable
        return file_id

    MemoryMediaFileStorage.load_and_get_id = recording
    MediaFileManager.add_deferred = recording_deferred
    yield
    MemoryMediaFileStorage.load_and_get_id = original
    MediaFileManager.add_deferred = deferred


def page_path(name: str) -> str:
    """A page's script path as st.navigation registered it: the imported package's file (a
    checkout, or an installed wheel as under ``make test``), relative to app.py as AppTest wants it."""
    import graph.ui.pages

    target = Path(graph.ui.pages.__file__).resolve().parent / f"{name}.py"
    return os.path.relpath(target, Path(APP).parent)


def download(at: AppTest, key: str) -> bytes:
    """The bytes the download button ``key`` hands the browser (made now if the button makes
    them on a click: ``data=`` a callable)."""
    for el in at.get("download_button"):
        if el.proto.id.endswith(f"-{key}"):
            if el.proto.deferred_file_id:
                data = DEFERRED[el.proto.deferred_file_id]()
                return data.encode("utf-8") if isinstance(data, str) else data
            return SENT[el.proto.url.rsplit("/", 1)[-1].split(".")[0]]
    raise AssertionError(f"no download button {key!r}: {[e.proto.id for e in at.get('download_button')]}")


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(proc, url: str, log: Path, poll: float = 0.1, timeout: float = 60.0) -> None:
    """Wait until the Streamlit server ``proc`` answers ``url``'s health check, or fail the test
    with the end of its ``log``."""
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"streamlit did not start: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(poll)
