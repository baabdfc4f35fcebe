"""rasid batch, local engine: Parquet output of records and errors, nothing lost silently."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from rasid.batch import AnalyzeBatch, is_batch_output, read_errors, read_records, run_batch
from rasid.cli import app
from rasid.document import validate
from rasid.errors import BatchError
from rasid.pipeline import analyze


def recombined_docs(corpus_dir: Path, n: int, seed: int = 11) -> list[str]:
    """``n`` short articles of 2–4 sentences drawn at random from the shared corpus."""
    from rasid.text import split_sentences

    sentences = []
    for path in sorted(corpus_dir.glob("*.txt"))[:20]:
        text = path.read_text(encoding="utf-8")
        sentences += [text[s:e] for s, e in split_sentences(text) if 40 <= e - s <= 300]
    rng = random.Random(seed)
    return [" ".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(n)]


def write_inputs(folder: Path, texts: list[str]) -> dict[str, int]:
    """A JSONL file with bad lines, and a Parquet file with one row without text."""
    folder.mkdir(parents=True, exist_ok=True)
    half = len(texts) // 2
    lines = [json.dumps({"id": f"j{i}", "text": t, "published": "2024-10-11"},
                        ensure_ascii=False) for i, t in enumerate(texts[:half])]
    lines.insert(3, '{"id": "broken", "text": ')                       # malformed JSON
    lines.insert(7, '{"id": "surrogate", "text": "\\u0642\\u0627\\u0644 \\ud800"}')
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rest = texts[half:]
    table = pa.table({
        "id": [f"p{i}" for i in range(len(rest))] + ["no-text"],
        "text": rest + [None],
        "title": [t[:30] for t in rest] + ["x"],
        "published": ["2024-10-12"] * len(rest) + [None],
        "outlet": ["test"] * (len(rest) + 1),
    })
    pq.write_table(table, folder / "archive.parquet")
    return {"good": len(texts), "bad": 3}


@pytest.fixture(scope="module")
def texts(corpus_dir: Path) -> list[str]:
    return recombined_docs(corpus_dir, 24)


def test_local_batch_writes_records_and_errors(tmp_path: Path, texts: list[str]) -> None:
    counts = write_inputs(tmp_path / "in", texts)
    result = run_batch([tmp_path / "in", tmp_path / "missing.jsonl"], tmp_path / "out")
    assert result.records == counts["good"]
    assert result.errors == counts["bad"] + 1
    assert result.errors_by_stage == {"read": 4}
    records = {r.id: r for r in read_records(tmp_path / "out")}
    assert len(records) == counts["good"]
    # the same record analyze() gives for that text, with the input's metadata
    r = records["j0"]
    assert r.to_dict() == analyze(texts[0], "2024-10-11", doc_id="j0", source=r.source,
                                  title=r.title, metadata=r.metadata).to_dict()
    assert r.source.endswith("feed.jsonl:1")
    p = records["p0"]
    assert p.published == "2024-10-12" and p.metadata == {"outlet": "test"}
    assert p.text == texts[len(texts) // 2]
    for rec in records.values():
        validate(rec)
    errors = {(Path(e["source"]).name, e["stage"]): e for e in read_errors(tmp_path / "out")}
    assert "malformed JSON" in errors[("feed.jsonl:4", "read")]["message"]
    assert "lone surrogate" in errors[("feed.jsonl:8", "read")]["message"]
    assert errors[("archive.parquet", "read")]["id"] == "no-text"
    assert ("missing.jsonl", "read") in errors
    assert is_batch_output(tmp_path / "out") and not is_batch_output(tmp_path / "in")
    manifest = json.loads((tmp_path / "out" / "_rasid_batch.json").read_text())
    assert manifest["records"] == counts["good"] and manifest["engine"] == "local"
    # the summary columns agree with the records
    table = pq.read_table(tmp_path / "out" / "records")
    row = table.filter(pa.compute.equal(table["id"], "j0")).to_pylist()[0]
    assert row["n_entities"] == len(r.entities) and row["n_chars"] == len(r.text)


def test_analysis_failure_lands_in_errors(monkeypatch: pytest.MonkeyPatch,
                                          texts: list[str]) -> None:
    import rasid.pipeline

    real = rasid.pipeline.analyze_input

    def flaky(doc, published=None, nlp=None):
        if doc.id == "bad":
            raise RuntimeError("component exploded")
        return real(doc, published=published, nlp=nlp)

    monkeypatch.setattr(rasid.pipeline, "analyze_input", flaky)
    rows = [{"id": i, "text": t, "title": None, "published": None, "source": f"s:{i}",
             "metadata_json": "{}", "warnings_json": "[]", "error_stage": None,
             "error_message": None} for i, t in (("ok", texts[0]), ("bad", texts[1]))]
    from rasid.batch import INPUT_SCHEMA, split_output

    records, errors = split_output(AnalyzeBatch()(pa.Table.from_pylist(rows,
                                                                       schema=INPUT_SCHEMA)))
    assert records.column("id").to_pylist() == ["ok"]
    (err,) = errors.to_pylist()
    assert err["id"] == "bad" and err["stage"] == "analyze"
    assert err["message"].startswith("RuntimeError: component exploded (at ")


def test_refuses_to_overwrite_without_flag(tmp_path: Path, texts: list[str]) -> None:
    (tmp_path / "a.txt").write_text(texts[0], encoding="utf-8")
    run_batch([tmp_path / "a.txt"], tmp_path / "out")
    with pytest.raises(BatchError, match="--overwrite"):
        run_batch([tmp_path / "a.txt"], tmp_path / "out")
    again = run_batch([tmp_path / "a.txt"], tmp_path / "out", overwrite=True)
    assert again.records == 1
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "keep.txt").write_text("x")
    with pytest.raises(BatchError, match="not a rasid batch output"):
        run_batch([tmp_path / "a.txt"], tmp_path / "other", overwrite=True)


def test_cli_batch_local(tmp_path: Path, texts: list[str]) -> None:
    write_inputs(tmp_path / "in", texts[:6])
    res = CliRunner().invoke(app, ["batch", str(tmp_path / "in"), "--out",
                                   str(tmp_path / "out"), "--format", "json"])
    assert res.exit_code == 1, res.output  # three bad documents
    summary = json.loads(res.stdout)
    assert summary["records"] == 6 and summary["errors"] == 3
    assert len(list(read_records(tmp_path / "out"))) == 6


def test_cli_batch_rejects_ray_options_for_local(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("قال الوزير إن الاجتماع انتهى.", encoding="utf-8")
    res = CliRunner().invoke(app, ["batch", str(tmp_path / "a.txt"), "--out",
                                   str(tmp_path / "out"), "--workers", "4"])
    assert res.exit_code == 2
    assert "--engine ray" in res.output


def test_ray_engine_without_ray_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    import builtins

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    (tmp_path / "a.txt").write_text("قال الوزير إن الاجتماع انتهى.", encoding="utf-8")
    with pytest.raises(BatchError, match=r"pip install 'rasid\[scale\]'"):
        run_batch([tmp_path / "a.txt"], tmp_path / "out", engine="ray")


def test_parquet_dates_and_defaults(tmp_path: Path, texts: list[str]) -> None:
    import datetime as dt

    from rasid.batch import normalize_parquet
    from rasid.document import content_id

    table = pa.table({"text": [texts[0], "  "],
                      "published": pa.array([dt.date(2024, 10, 11), None], pa.date32()),
                      "rank": [1, 2]})
    rows = normalize_parquet(table, "a.parquet").to_pylist()
    assert rows[0]["published"] == "2024-10-11" and rows[0]["source"] == "a.parquet"
    assert rows[0]["id"] == content_id(texts[0])
    assert json.loads(rows[0]["metadata_json"]) == {"rank": 1}
    assert rows[1]["error_stage"] == "read" and rows[1]["text"] is None
