"""The batch engine: the same pipeline over many documents, in one process or on Ray.

    >>> from rasid.batch import run_batch, read_records
    >>> result = run_batch(["feed.jsonl", "archive.parquet"], "out/")            # one process
    >>> result = run_batch(["feed.jsonl"], "out/", engine="ray", address="auto")  # a cluster
    >>> for record in read_records("out/"): ...

Inputs are files or directories of .txt/.html/.jsonl(.gz) (read with :mod:`rasid.ingest`) and
Parquet files with the columns ``id``, ``text``, ``title``, ``published``, ``source`` (only
``text`` is required; other scalar columns go to the record's ``metadata``).

Both engines run the same steps: read each input file into *input rows*, analyse them in
batches with :class:`AnalyzeBatch` (a callable class that loads the pipeline once; on Ray it
is the ``map_batches`` UDF of an actor pool), and split the result into two Parquet
datasets under the output directory:

``records/``  one row per document: ``id, published, source, title, n_chars, n_entities,
              n_quotes, n_events, n_times, record_json`` (the record as ``rasid analyze
              --format json`` prints it).
``errors/``   one row per document that failed: ``id, source, stage, message``; ``stage`` is
              ``read`` (the input could not be read), ``analyze`` (the pipeline raised),
              ``validate`` (the record broke the contract; only with ``validate=True``) or
              ``serialize``. Nothing is dropped silently.
``_rasid_batch.json``  a manifest: counts, engine, timings, rasid version, components.

Ray is optional (``pip install 'rasid[scale]'``) and imported only by the Ray engine.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rasid.document import DocumentRecord, content_id
from rasid.errors import BatchError, InputError

__all__ = [
    "AnalyzeBatch", "BatchResult", "ENGINES", "ERROR_SCHEMA", "INPUT_SCHEMA", "RECORD_SCHEMA",
    "expand_inputs", "is_batch_output", "read_errors", "read_file_rows", "read_records",
    "run_batch",
]

ENGINES = ("local", "ray")
MANIFEST = "_rasid_batch.json"
PARQUET_SUFFIXES = (".parquet", ".pq")
_PARQUET_FIELDS = ("id", "text", "title", "published", "source")

# One document on its way in: what the readers found, or why they failed.
INPUT_SCHEMA = pa.schema([
    ("id", pa.string()), ("text", pa.string()), ("title", pa.string()),
    ("published", pa.string()), ("source", pa.string()),
    ("metadata_json", pa.string()), ("warnings_json", pa.string()),
    ("error_stage", pa.string()), ("error_message", pa.string()),
])

RECORD_SCHEMA = pa.schema([
    ("id", pa.string()), ("published", pa.string()), ("source", pa.string()),
    ("title", pa.string()), ("n_chars", pa.int64()), ("n_entities", pa.int32()),
    ("n_quotes", pa.int32()), ("n_events", pa.int32()), ("n_times", pa.int32()),
    ("record_json", pa.large_string()),
])

ERROR_SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("stage", pa.string()),
    ("message", pa.string()),
])

# What AnalyzeBatch returns: records and errors in one table, told apart by ``stage``.
_OUTPUT_SCHEMA = pa.schema(list(RECORD_SCHEMA) + [("stage", pa.string()),
                                                  ("message", pa.string())])


@dataclass
class BatchResult:
    """What a batch run did; also written to ``<out>/_rasid_batch.json``."""

    out: str
    engine: str
    documents: int = 0
    records: int = 0
    errors: int = 0
    errors_by_stage: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    docs_per_second: float = 0.0
    workers: int = 1
    components: list[str] = field(default_factory=list)
    rasid_version: str = ""
    finished: str = ""


# --------------------------------------------------------------------------- reading

def expand_inputs(paths: Iterable[str | Path]) -> tuple[list[str], list[dict[str, Any]]]:
    """The input files under ``paths`` (directories walked in sorted order), and error rows
    for paths that do not exist or hold nothing readable."""
    from rasid.ingest.readers import SUPPORTED_SUFFIXES

    suffixes = SUPPORTED_SUFFIXES + PARQUET_SUFFIXES
    files: list[str] = []
    errors: list[dict[str, Any]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.rglob("*")
                           if f.is_file() and _format_suffix(f) in suffixes)
            if not found:
                errors.append(_error_row(None, str(path), "read",
                                         "directory holds no .txt, .html, .jsonl or .parquet "
                                         "files"))
            files.extend(found)
        elif path.exists():
            files.append(str(path))
        else:
            errors.append(_error_row(None, str(path), "read", "no such file or directory"))
    return files, errors


def _format_suffix(path: Path) -> str:
    sfx = [s.lower() for s in path.suffixes]
    if sfx and sfx[-1] == ".gz":
        sfx = sfx[:-1]
    return sfx[-1] if sfx else ""


def _is_parquet(path: str) -> bool:
    return Path(path).suffix.lower() in PARQUET_SUFFIXES


def _error_row(doc_id: str | None, source: str, stage: str, message: str) -> dict[str, Any]:
    return {"id": doc_id, "text": None, "title": None, "published": None, "source": source,
            "metadata_json": None, "warnings_json": None, "error_stage": stage,
            "error_message": message}


def _check_text(text: str) -> str | None:
    """Why ``text`` cannot be analysed and stored, or None when it can."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"text is not valid Unicode (lone surrogate at character {exc.start})"
    return None


def _input_row(doc: Any) -> dict[str, Any]:
    """An input row from an :class:`rasid.ingest.InputDocument`."""
    problem = _check_text(doc.text)
    if problem:
        return _error_row(doc.id, doc.source, "read", problem)
    return {"id": doc.doc_id, "text": doc.text, "title": doc.title,
            "published": doc.published, "source": doc.source,
            "metadata_json": json.dumps(doc.metadata, ensure_ascii=False, default=str),
            "warnings_json": json.dumps(doc.warnings, ensure_ascii=False),
            "error_stage": None, "error_message": None}


def _rows_from_error(exc: InputError) -> dict[str, Any]:
    where = f"{exc.path}:{exc.line}" if exc.line is not None else exc.path
    return _error_row(None, where, "read", exc.reason)


def read_file_rows(path: str, chunk: int = 256) -> Iterator[pa.Table]:
    """The input rows of one file, as tables of at most ``chunk`` rows (INPUT_SCHEMA)."""
    if _is_parquet(path):
        try:
            pf = pq.ParquetFile(path)
            for batch in pf.iter_batches(batch_size=chunk):
                yield normalize_parquet(pa.Table.from_batches([batch]), path)
        except (OSError, pa.ArrowException) as exc:
            yield pa.Table.from_pylist([_error_row(None, path, "read",
                                                   f"cannot read Parquet: {exc}")],
                                       schema=INPUT_SCHEMA)
        return
    from rasid.ingest.readers import read_path

    rows: list[dict[str, Any]] = []
    for item in read_path(Path(path)):
        if isinstance(item, InputError):
            rows.append(_rows_from_error(item))
        else:
            rows.append(_input_row(item))
        if len(rows) >= chunk:
            yield pa.Table.from_pylist(rows, schema=INPUT_SCHEMA)
            rows = []
    if rows:
        yield pa.Table.from_pylist(rows, schema=INPUT_SCHEMA)


def _scalar(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def normalize_parquet(table: pa.Table, path: str | None = None) -> pa.Table:
    """Parquet rows (id/text/title/published/source + extras) → input rows (INPUT_SCHEMA).

    ``source`` defaults to the file path; ``id`` to the content id of the text; other
    scalar columns go to ``metadata``.
    """
    names = table.column_names
    where = path or "parquet"
    extras = [n for n in names if n not in _PARQUET_FIELDS]
    data = {n: table.column(n).to_pylist() for n in names}
    rows: list[dict[str, Any]] = []
    for i in range(table.num_rows):
        text = data["text"][i] if "text" in data else None
        source = data["source"][i] if "source" in data and data["source"][i] else where
        doc_id = data["id"][i] if "id" in data and data["id"][i] not in (None, "") else None
        if not isinstance(text, str) or not text.strip():
            rows.append(_error_row(str(doc_id) if doc_id is not None else None, str(source),
                                   "read", 'no "text": nothing to analyse'))
            continue
        published = _scalar(data["published"][i]) if "published" in data else None
        meta = {n: _scalar(data[n][i]) for n in extras
                if isinstance(data[n][i], str | int | float | bool | dt.date)}
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        rows.append({
            "id": str(doc_id) if doc_id is not None else content_id(text),
            "text": text, "title": data["title"][i] if "title" in data else None,
            "published": str(published)[:10] if published else None, "source": str(source),
            "metadata_json": json.dumps(meta, ensure_ascii=False), "warnings_json": "[]",
            "error_stage": None, "error_message": None,
        })
    return pa.Table.from_pylist(rows, schema=INPUT_SCHEMA)


# --------------------------------------------------------------------------- analysing

class AnalyzeBatch:
    """``map_batches`` UDF: input rows (a ``pyarrow.Table``) → records and errors.

    The pipeline is loaded once, in ``__init__`` (once per Ray actor). A document that fails
    becomes an error row naming the stage; the rest of the batch carries on.
    """

    def __init__(self, published: str | None = None, validate: bool = False,
                 components: list[str] | None = None) -> None:
        from rasid.pipeline import load
        from rasid.runtime import tune_gc

        tune_gc()  # a Ray actor is a rasid process (rasid.runtime)
        self.nlp = load(components)
        self.published = published
        self.validate = validate

    def __call__(self, batch: pa.Table) -> pa.Table:
        out = [self.one(row) for row in batch.to_pylist()]
        return pa.Table.from_pylist(out, schema=_OUTPUT_SCHEMA)

    def one(self, row: dict[str, Any]) -> dict[str, Any]:
        """Analyse one input row; never raises."""
        if row.get("error_stage"):
            return self._error(row, row["error_stage"], row.get("error_message") or "")
        from rasid.ingest.readers import InputDocument
        from rasid.pipeline import analyze_input

        stage = "analyze"
        try:
            doc = InputDocument(text=row["text"], source=row["source"], id=row["id"],
                                title=row["title"], published=row["published"],
                                metadata=json.loads(row["metadata_json"] or "{}"),
                                warnings=json.loads(row["warnings_json"] or "[]"))
            record = analyze_input(doc, published=self.published, nlp=self.nlp)
            if self.validate:
                stage = "validate"
                from rasid.document import validate

                validate(record)
            stage = "serialize"
            record_json = json.dumps(record.to_dict(), ensure_ascii=False,
                                     separators=(",", ":"))
            record_json.encode("utf-8")
        except Exception as exc:  # noqa: BLE001 - one bad document must not sink a batch
            return self._error(row, stage, _describe(exc))
        return {"id": record.id, "published": record.published, "source": record.source,
                "title": record.title, "n_chars": len(record.text),
                "n_entities": len(record.entities), "n_quotes": len(record.quotes),
                "n_events": len(record.events), "n_times": len(record.times),
                "record_json": record_json, "stage": None, "message": None}

    @staticmethod
    def _error(row: dict[str, Any], stage: str, message: str) -> dict[str, Any]:
        return {"id": row.get("id"), "published": None, "source": row.get("source"),
                "title": None, "n_chars": None, "n_entities": None, "n_quotes": None,
                "n_events": None, "n_times": None, "record_json": None,
                "stage": stage, "message": message}


def _describe(exc: BaseException) -> str:
    """'Type: message (at file:line in function)' for the innermost frame."""
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(tb[-1].filename).name}:{tb[-1].lineno} in {tb[-1].name})" if tb else ""
    text = str(exc).strip() or "no message"
    return f"{type(exc).__name__}: {text[:500]}{where}"


def split_output(table: pa.Table) -> tuple[pa.Table, pa.Table]:
    """AnalyzeBatch output → (records table, errors table)."""
    import pyarrow.compute as pc

    failed = pc.is_valid(table.column("stage"))
    records = table.filter(pc.invert(failed)).select(RECORD_SCHEMA.names).cast(RECORD_SCHEMA)
    errs = table.filter(failed).select(["id", "source", "stage", "message"]).cast(ERROR_SCHEMA)
    return records, errs


# --------------------------------------------------------------------------- engines

def _prepare_out(out: Path, overwrite: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise BatchError(f"{out} is not empty; choose a new directory or pass --overwrite")
        if not (out / MANIFEST).exists() and not (out / "records").exists():
            raise BatchError(f"{out} holds files that are not a rasid batch output; "
                             "refusing to overwrite it")
        for name in ("records", "errors"):
            shutil.rmtree(out / name, ignore_errors=True)
        (out / MANIFEST).unlink(missing_ok=True)
    (out / "records").mkdir(parents=True, exist_ok=True)
    (out / "errors").mkdir(parents=True, exist_ok=True)


def run_batch(inputs: Iterable[str | Path], out: str | Path, *, engine: str = "local",
              published: str | None = None, validate: bool = False,
              batch_size: int = 32, workers: int | None = None, address: str | None = None,
              runtime_env: dict[str, Any] | None = None, overwrite: bool = False,
              components: list[str] | None = None,
              progress: Callable[[int, int], None] | None = None) -> BatchResult:
    """Analyse every document under ``inputs`` and write ``out`` (see the module doc).

    ``engine`` is ``local`` (this process) or ``ray`` (an actor pool of ``workers`` actors,
    default: the cluster's CPUs; ``address`` as for ``ray.init``: None starts a local
    cluster, ``auto`` joins a running one, ``ray://host:10001`` a remote one). ``progress``
    (local engine) is called with (documents done, errors so far) after each batch.
    """
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if published is not None:
        from rasid.pipeline import parse_published

        try:
            parse_published(published)
        except ValueError as exc:
            raise BatchError(str(exc)) from None
    out_dir = Path(out)
    files, missing = expand_inputs(inputs)
    if not files and missing:
        raise BatchError("; ".join(f"{e['source']}: {e['error_message']}" for e in missing))
    _prepare_out(out_dir, overwrite)
    started = time.perf_counter()
    if engine == "local":
        try:
            counts = _run_local(files, missing, out_dir, published=published,
                                validate=validate, batch_size=batch_size,
                                components=components, progress=progress)
        except OSError as exc:  # ENOSPC, EROFS, EIO on the output: no manifest is written
            raise BatchError(f"{out_dir}: cannot write the output ({exc.strerror or exc}); "
                             "free space or choose another --out, then run again with "
                             "--overwrite") from None
        n_workers = 1
    else:
        counts, n_workers = _run_ray(files, missing, out_dir, published=published,
                                     validate=validate, batch_size=batch_size,
                                     workers=workers, address=address,
                                     runtime_env=runtime_env, components=components)
    seconds = time.perf_counter() - started
    from rasid import __version__
    from rasid.pipeline import COMPONENTS

    n_records, by_stage = counts
    n_errors = sum(by_stage.values())
    result = BatchResult(
        out=str(out_dir), engine=engine, documents=n_records + n_errors, records=n_records,
        errors=n_errors, errors_by_stage=dict(sorted(by_stage.items())),
        seconds=round(seconds, 3),
        docs_per_second=round((n_records + n_errors) / seconds, 2) if seconds else 0.0,
        workers=n_workers, components=[n.removeprefix("rasid_") for n in
                                        (components or [c for c, _, _ in COMPONENTS])],
        rasid_version=__version__,
        finished=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    (out_dir / MANIFEST).write_text(json.dumps(asdict(result), ensure_ascii=False, indent=2)
                                    + "\n", encoding="utf-8")
    return result


def _iter_input_tables(files: list[str], missing: list[dict[str, Any]],
                       batch_size: int) -> Iterator[pa.Table]:
    if missing:
        yield pa.Table.from_pylist(missing, schema=INPUT_SCHEMA)
    for path in files:
        yield from read_file_rows(path, chunk=batch_size)


def _count_stages(errs: pa.Table, by_stage: dict[str, int]) -> None:
    for stage in errs.column("stage").to_pylist():
        by_stage[stage] = by_stage.get(stage, 0) + 1


def _run_local(files: list[str], missing: list[dict[str, Any]], out: Path, *,
               published: str | None, validate: bool, batch_size: int,
               components: list[str] | None,
               progress: Callable[[int, int], None] | None) -> tuple[int, dict[str, int]]:
    udf = AnalyzeBatch(published=published, validate=validate, components=components)
    n_records = 0
    by_stage: dict[str, int] = {}
    with pq.ParquetWriter(out / "records" / "part-00000.parquet", RECORD_SCHEMA) as rw, \
            pq.ParquetWriter(out / "errors" / "part-00000.parquet", ERROR_SCHEMA) as ew:
        for table in _iter_input_tables(files, missing, batch_size):
            records, errs = split_output(udf(table))
            if records.num_rows:
                rw.write_table(records)
            if errs.num_rows:
                ew.write_table(errs)
            n_records += records.num_rows
            _count_stages(errs, by_stage)
            if progress:
                progress(n_records + sum(by_stage.values()), sum(by_stage.values()))
    return n_records, by_stage


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise BatchError("the ray engine needs Ray Data: pip install 'rasid[scale]' "
                         "(or pip install 'ray[data]')") from None
    return ray


def _read_files_udf(batch: pa.Table, chunk: int = 32) -> Iterator[pa.Table]:
    """Ray: a batch of file paths → their input rows (chunks of the files' documents)."""
    for path in batch.column("path").to_pylist():
        yield from read_file_rows(path, chunk=chunk)


def _input_udf(batch: pa.Table) -> pa.Table:
    """Ray: rows made on the driver (missing paths) → INPUT_SCHEMA."""
    return pa.Table.from_pylist(batch.to_pylist(), schema=INPUT_SCHEMA)


def _records_udf(batch: pa.Table) -> pa.Table:
    return split_output(batch)[0]


def _errors_udf(batch: pa.Table) -> pa.Table:
    return split_output(batch)[1]


def _run_ray(files: list[str], missing: list[dict[str, Any]], out: Path, *,
             published: str | None, validate: bool, batch_size: int, workers: int | None,
             address: str | None, runtime_env: dict[str, Any] | None,
             components: list[str] | None) -> tuple[tuple[int, dict[str, int]], int]:
    ray = _import_ray()
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"ignore_reinit_error": True, "log_to_driver": False}
        if address:
            kwargs["address"] = address
        if runtime_env:
            kwargs["runtime_env"] = runtime_env
        ray.init(**kwargs)
    n_workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    # Small blocks: a block is the unit an actor takes, and Ray's default (128 MB) would
    # hand a whole JSONL file of 20,000 articles to one actor. ~8 kB per article, so a
    # block holds a few batches.
    ctx = ray.data.DataContext.get_current()
    saved = ctx.target_max_block_size
    ctx.target_max_block_size = max(64 * 1024, batch_size * 8 * 1024)
    try:
        return _run_ray_dataset(ray, files, missing, out, published=published,
                                validate=validate, batch_size=batch_size,
                                n_workers=n_workers, components=components), n_workers
    except (BatchError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a whole task or actor failed (e.g. killed), after retries
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        raise BatchError(f"the Ray run failed ({type(exc).__name__}: {first}); documents "
                         "that fail on their own are never the cause (they go to errors/), "
                         "so look at the workers' logs (memory, a missing model)") from exc
    finally:
        ctx.target_max_block_size = saved


def _run_ray_dataset(ray, files: list[str], missing: list[dict[str, Any]], out: Path, *,
                     published: str | None, validate: bool, batch_size: int, n_workers: int,
                     components: list[str] | None) -> tuple[int, dict[str, int]]:
    # Reading is cheap next to analysis; the readers ask for no CPU so that an actor pool
    # holding every CPU of the cluster can never starve them (which would deadlock). Parquet
    # files go through the same reader as the others (streamed by row group), rather than
    # ray.data.read_parquet, whose file listing needs a CPU of its own.
    parts = []
    if missing:
        parts.append(ray.data.from_items(missing).map_batches(
            _input_udf, batch_format="pyarrow", num_cpus=0))
    if files:
        listing = ray.data.from_items([{"path": f} for f in files],
                                      override_num_blocks=min(len(files), 4 * n_workers))
        parts.append(listing.map_batches(_read_files_udf, batch_size=1,
                                         fn_kwargs={"chunk": batch_size},
                                         batch_format="pyarrow", num_cpus=0))
    ds = parts[0] if len(parts) == 1 else parts[0].union(*parts[1:])
    analysed = ds.map_batches(
        AnalyzeBatch, batch_size=batch_size, batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=n_workers), num_cpus=1,
        fn_constructor_kwargs={"published": published, "validate": validate,
                               "components": components},
    ).materialize()
    records = analysed.map_batches(_records_udf, batch_format="pyarrow")
    errs = analysed.map_batches(_errors_udf, batch_format="pyarrow")
    records.write_parquet(str((out / "records").resolve()))
    n_records = sum(pq.ParquetFile(f).metadata.num_rows
                    for f in (out / "records").glob("*.parquet"))
    by_stage: dict[str, int] = {}
    err_table = errs.to_arrow_refs()
    err_tables = [t for t in ray.get(err_table) if t.num_rows]
    err_all = (pa.concat_tables([t.cast(ERROR_SCHEMA) for t in err_tables])
               if err_tables else ERROR_SCHEMA.empty_table())
    pq.write_table(err_all, out / "errors" / "part-00000.parquet")
    _count_stages(err_all, by_stage)
    if not any((out / "records").glob("*.parquet")):
        pq.write_table(RECORD_SCHEMA.empty_table(), out / "records" / "part-00000.parquet")
    return n_records, by_stage


# --------------------------------------------------------------------------- reading output

def is_batch_output(path: str | Path) -> bool:
    """True if ``path`` is a directory written by :func:`run_batch` (for ``rasid ingest``:
    load its records with :func:`read_records` instead of analysing files)."""
    p = Path(path)
    return p.is_dir() and (p / MANIFEST).is_file() and (p / "records").is_dir()


def _dataset_files(out: Path, name: str) -> list[Path]:
    folder = out / name
    if not folder.is_dir():
        raise BatchError(f"{out} is not a rasid batch output (no {name}/ folder); "
                         "make one with `rasid batch INPUT --out DIR`")
    if not (out / MANIFEST).is_file():  # written last: without it the run did not finish
        raise BatchError(f"{out}: the batch run did not finish (no {MANIFEST}); run "
                         f"`rasid batch INPUT --out {out} --overwrite` again")
    return sorted(folder.glob("*.parquet"))


def read_records(out: str | Path, batch: int = 512) -> Iterator[DocumentRecord]:
    """Every record of a batch output directory, read in bounded batches."""
    for path in _dataset_files(Path(out), "records"):
        for rb in pq.ParquetFile(path).iter_batches(batch_size=batch, columns=["record_json"]):
            for value in rb.column(0).to_pylist():
                yield DocumentRecord.from_dict(json.loads(value))


def read_errors(out: str | Path) -> list[dict[str, Any]]:
    """The errors table of a batch output directory as a list of dicts."""
    rows: list[dict[str, Any]] = []
    for path in _dataset_files(Path(out), "errors"):
        rows.extend(pq.read_table(path).to_pylist())
    return rows
