"""Helpers and fixtures for the fault and load tests: small filesystems, real inputs, the CLI in a
subprocess.

Faults are real where the machine allows it: a disk that fills is a tmpfs of a few hundred
kilobytes, a read-only medium is a tmpfs remounted read-only (both need root; without it the
tests fall back to SQLite's ``max_page_count`` and to file permissions, or skip and say why).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasid.text import split_sentences

REPO = Path(__file__).resolve().parents[2]
CLI = "from rasid.cli import main; main()"
LIGHT = "rasid_segment"   # pipeline for tests where analysis quality is not the point


def env() -> dict[str, str]:
    """The environment for subprocesses: rasid importable from this checkout."""
    out = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "500"}
    out.pop("RASID_DB", None)
    out.pop("RASID_TOKEN", None)
    return out


def rasid(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """Run ``rasid ARGS`` in a subprocess; text stdout/stderr."""
    return subprocess.run([sys.executable, "-c", CLI, *args], env=env(), capture_output=True,
                          text=True, timeout=timeout, **kwargs)


def rasid_popen(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CLI, *args], env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **kwargs)


# --------------------------------------------------------------------------- inputs

@pytest.fixture(scope="session")
def corpus_sentences(corpus_dir: Path) -> list[str]:
    """Sentences of real corpus articles (20 files), each longer than 40 characters."""
    out = []
    for path in sorted(corpus_dir.glob("0*.txt"))[:20]:
        text = path.read_text(encoding="utf-8")
        out += [text[s:e] for s, e in split_sentences(text) if e - s > 40]
    return out


def write_jsonl(path: Path, sentences: list[str], n: int, *, prefix: str = "doc",
                per_doc: int = 6, offset: int = 0) -> list[str]:
    """``n`` documents recombined from real sentences (deterministic); their ids."""
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(offset, offset + n):
            picked = [sentences[(i * 7 + k * 13) % len(sentences)] for k in range(per_doc)]
            doc_id = f"{prefix}{i:05d}"
            ids.append(doc_id)
            fh.write(json.dumps({"id": doc_id, "text": " ".join(picked),
                                 "published": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"},
                                ensure_ascii=False) + "\n")
    return ids


# --------------------------------------------------------------------------- filesystems

def _mount(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


class Tmpfs:
    """A mounted tmpfs of a fixed size at ``path`` (a real ENOSPC / EROFS for SQLite)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def resize(self, size: str) -> None:
        r = _mount(["-o", f"remount,size={size}", str(self.path)])
        assert r.returncode == 0, r.stderr

    def readonly(self, ro: bool = True) -> None:
        r = _mount(["-o", "remount," + ("ro" if ro else "rw"), str(self.path)])
        assert r.returncode == 0, r.stderr


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator:
    """``tmpfs("1m")`` mounts a tmpfs of that size; skips cleanly where mounting is not
    allowed (not root, or a container without CAP_SYS_ADMIN)."""
    mounted: list[Path] = []

    def make(size: str, name: str = "fs") -> Tmpfs:
        if os.geteuid() != 0:
            pytest.skip("mounting a small tmpfs needs root")
        path = tmp_path / name
        path.mkdir()
        r = _mount(["-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)])
        if r.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
        mounted.append(path)
        return Tmpfs(path)

    yield make
    for path in mounted:
        with contextlib.suppress(Exception):
            subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


# --------------------------------------------------------------------------- processes

def wait_for(predicate, timeout: float, interval: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def rss_kb(pid: int) -> int:
    """Resident memory of a process (Linux /proc), in KB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")
