"""rasid batch on Ray Data: a local 2-CPU cluster gives exactly the local engine's output."""

from __future__ import annotations

import faulthandler
import os
from pathlib import Path

import pytest
from test_batch_local import recombined_docs, write_inputs

from rasid.batch import read_errors, read_records, run_batch

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'rasid[scale]'")
pytest.importorskip("ray.data", reason="rasid batch needs Ray Data: pip install 'ray[data]'")


@pytest.fixture(scope="module")
def cluster():
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=2, object_store_memory=256 * 2**20, include_dashboard=False,
             log_to_driver=False, configure_logging=False)
    # a scheduling deadlock must fail CI loudly (with stacks), not hang it
    faulthandler.dump_traceback_later(600, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()
    ray.shutdown()


@pytest.mark.slow
def test_ray_output_equals_local(cluster, corpus_dir: Path, tmp_path: Path) -> None:
    texts = recombined_docs(corpus_dir, 300)
    counts = write_inputs(tmp_path / "in", texts)
    # two JSONL files so that both actors get work from the file readers
    lines = (tmp_path / "in" / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "in" / "feed.jsonl").write_text("\n".join(lines[:80]) + "\n", encoding="utf-8")
    (tmp_path / "in" / "feed2.jsonl").write_text("\n".join(lines[80:]) + "\n",
                                                 encoding="utf-8")
    inputs = [tmp_path / "in"]
    local = run_batch(inputs, tmp_path / "local", batch_size=16)
    on_ray = run_batch(inputs, tmp_path / "ray", engine="ray", batch_size=16, workers=2)
    assert local.records == counts["good"] and local.errors == counts["bad"]
    assert (on_ray.records, on_ray.errors, on_ray.workers) == (local.records, local.errors, 2)
    a = {r.id: r.to_dict() for r in read_records(tmp_path / "local")}
    b = {r.id: r.to_dict() for r in read_records(tmp_path / "ray")}
    assert len(a) == counts["good"]
    assert a.keys() == b.keys()
    different = [k for k in a if a[k] != b[k]]
    assert not different, f"records differ between engines: {different[:5]}"

    def errs(out: str) -> set[tuple]:
        return {(Path(e["source"]).name, e["stage"], e["message"], e["id"])
                for e in read_errors(tmp_path / out)}

    assert errs("ray") == errs("local")
    assert ("feed.jsonl:8", "read") in {x[:2] for x in errs("ray")}  # the lone surrogate
