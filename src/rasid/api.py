"""rasid's HTTP API (FastAPI): analyse text, ingest into the store, query it; plus the pages.

    >>> from rasid.api import create_app
    >>> app = create_app("corpus.db", token="s3cret")      # uvicorn rasid.api:app also works

Every error, whatever raised it, is one JSON envelope::

    {"error": {"status": 404, "code": "not_found", "message": "no document 'abc'"}}

Reads open the store read-only; ``POST /documents`` writes and, when the app has a token,
needs ``Authorization: Bearer <token>``. Request bodies above ``max_body`` bytes get a 413.
OpenAPI docs are at ``/docs`` (the schema at ``/openapi.json``).
"""

from __future__ import annotations

import hmac
import json
import logging
import tempfile
import threading
from http import HTTPStatus
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasid import __version__
from rasid.document import EVENT_TYPES, DocumentRecord
from rasid.errors import InputError, RasidError, StoreError

__all__ = ["MAX_BODY_BYTES", "ApiError", "create_app", "error_body"]

MAX_BODY_BYTES = 10 * 1024 * 1024
UPLOAD_SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson")
_JSON_TYPES = ("application/json", "text/json")


# --------------------------------------------------------------------------- errors

class ApiError(Exception):
    """An error with an HTTP status and a stable code, rendered as the envelope."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
          422: "invalid_request", 500: "internal_error", 503: "store_unavailable"}


def error_body(status: int, message: str, code: str | None = None,
               details: Any = None) -> dict[str, Any]:
    """The one error envelope of the API."""
    err: dict[str, Any] = {"status": status, "code": code or _CODES.get(status, "error"),
                           "message": message}
    if details is not None:
        err["details"] = details
    return {"error": err}


def _error(status: int, message: str, code: str | None = None, details: Any = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, details), status_code=status,
                        headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return _error(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())),
                     "message": e.get("msg", "")} for e in exc.errors()]
        first = problems[0] if problems else {"where": "", "message": "invalid request"}
        return _error(422, f"{first['where']}: {first['message']}", details=problems)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> JSONResponse:
        return _error(422, exc.reason, code="bad_input")

    @app.exception_handler(RasidError)
    async def _rasid_error(request: Request, exc: RasidError) -> JSONResponse:
        return _error(500, str(exc), code=type(exc).__name__)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logging.getLogger("rasid.api").error("%s %s failed", request.method, request.url.path,
                                             exc_info=exc)
        return _error(500, f"internal error ({type(exc).__name__}); see the server log")


# --------------------------------------------------------------------------- body size

class _TooLarge(Exception):
    pass


class BodySizeLimit:
    """ASGI middleware: requests whose body exceeds ``limit`` bytes get a 413 envelope.

    Checks Content-Length up front, and counts the bytes of streamed (chunked) bodies.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.limit
                except ValueError:
                    too_big = False
                if too_big:
                    await self._reject(send)
                    return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(send)

    async def _reject(self, send: Send) -> None:
        mb = self.limit / 2**20
        body = json.dumps(error_body(
            413, f"request body larger than {mb:g} MB; send smaller documents, or ingest "
                 "large corpora with `rasid ingest`")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------- query cache

class QueryCache:
    """ASGI middleware: cache 200 responses of the read-only query endpoints.

    A response is reused only while the store file and its WAL are unchanged (size and
    mtime, checked on every request), so a commit by this server or by any other process
    (``rasid ingest``) invalidates it at once. Least recently used entries go first.
    """

    EXACT = ("/search", "/quotes", "/events", "/timeline", "/graph")
    PREFIXES = ("/entities/", "/documents/")

    def __init__(self, app: ASGIApp, settings: Settings, size: int = 512,
                 max_entry: int = 512 * 1024) -> None:
        from collections import OrderedDict

        self.app, self.settings, self.size, self.max_entry = app, settings, size, max_entry
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http":   # lifespan and websocket scopes have no path
            return False
        path = scope["path"]
        return (scope["type"] == "http" and scope["method"] == "GET"
                and (path in self.EXACT or path.startswith(self.PREFIXES)))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.size <= 0 or not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        stamp = self.settings.store_stamp()
        key = (scope["path"], scope.get("query_string", b""))
        if stamp is not None:
            with self._lock:
                entry = self._entries.get(key)
                if entry is not None and entry[0] == stamp:
                    self._entries.move_to_end(key)
                    self.hits += 1
                    headers, body = entry[1], entry[2]
                else:
                    entry = None
                    self.misses += 1
            if entry is not None:
                await send({"type": "http.response.start", "status": 200,
                            "headers": [*headers, (b"x-rasid-cache", b"hit")]})
                await send({"type": "http.response.body", "body": body})
                return
        start: dict = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        if stamp is not None and start.get("status") == 200 and len(body) <= self.max_entry:
            headers = [(k, v) for k, v in start.get("headers", []) if k != b"x-rasid-cache"]
            with self._lock:
                self._entries[key] = (stamp, headers, body)
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)


# --------------------------------------------------------------------------- settings/store

class Settings:
    """What one app instance serves: its store path, its token, its pipeline."""

    def __init__(self, db_path: str | Path | None, token: str | None,
                 components: list[str] | None) -> None:
        from rasid.store import default_db_path

        self.db_path = Path(db_path).expanduser() if db_path else default_db_path()
        self.token = token or None
        self.components = components
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._nlp_lock = threading.Lock()

    def nlp(self):
        from rasid.pipeline import load

        return load(self.components)

    def analyze(self, doc, published: str | None) -> DocumentRecord:
        """Analyse one input document; one analysis at a time per process (the pipeline's
        components are not promised to be thread-safe, and the GIL serialises them anyway)."""
        from rasid.pipeline import analyze_input

        with self._nlp_lock:
            return analyze_input(doc, published=published, nlp=self.nlp())

    def store_stamp(self) -> tuple | None:
        """What changes whenever anything commits to the store (None: no store yet)."""
        import os

        try:
            db = os.stat(self.db_path)
        except OSError:
            return None
        try:
            wal = os.stat(f"{self.db_path}-wal")
            # (an empty WAL, as a first reader creates it, holds nothing: same as none)
            wal_stamp = (wal.st_mtime_ns, wal.st_size) if wal.st_size else None
        except OSError:
            wal_stamp = None
        return (db.st_mtime_ns, db.st_size, wal_stamp)

    def reader(self):
        """A read-only store for this thread (opened once per thread, then reused)."""
        from rasid.store import Store

        store = getattr(self._local, "store", None)
        if store is None:
            if not self.db_path.exists():
                raise ApiError(404, "no_store",
                               f"no store at {self.db_path}; add documents with POST /documents "
                               f"or `rasid ingest FILES --db {self.db_path}`")
            store = Store(self.db_path, readonly=True)
            self._local.store = store
        return store


async def _settings(request: Request) -> Settings:   # async: no thread hop per request
    return request.app.state.settings


def _require_token(request: Request) -> None:
    token = request.app.state.settings.token
    if token is None:
        return
    given = request.headers.get("authorization", "")
    given = given[7:] if given.lower().startswith("bearer ") else ""
    given = given or request.headers.get("x-rasid-token", "")
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(401, "unauthorized",
                       "this endpoint writes to the store: send 'Authorization: Bearer <token>' "
                       "with the server's token")


S = Annotated[Settings, Depends(_settings)]

# Query endpoints answer a small page (the first rows, ``offset + limit`` up to this) on the
# event loop itself: a few milliseconds of SQLite, served in arrival order, which keeps the
# latency tail short under many clients (a thread hop per request, and threads taking turns
# on the GIL, cost more than the query). Deeper pages, and graphs over a date range, can
# take long and go to the thread pool so they never hold up the others.
INLINE_ROWS = 201


async def _answer(fn, inline: bool):
    """``fn()`` on the event loop when ``inline``, else in the thread pool."""
    if inline:
        return fn()
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn)


# --------------------------------------------------------------------------- input models

class TextIn(BaseModel):
    """One article as JSON."""

    text: str = Field(min_length=1, description="the article (plain text, UTF-8)")
    published: str | None = Field(None, description="publication date YYYY-MM-DD; relative "
                                                    "dates resolve against it",
                                  json_schema_extra={"format": "date"})
    title: str | None = None
    source: str | None = Field(None, description="path, URL or outlet")
    id: str | None = Field(None, description="document id (default: hash of the text)")


class DocumentsIn(BaseModel):
    """Several articles as JSON."""

    documents: list[TextIn] = Field(min_length=1, max_length=1000)


_UPLOAD_SCHEMA = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": ".txt, .html or .jsonl (one article per line); .gz not accepted"},
        "text": {"type": "string", "minLength": 1, "pattern": r"\S",
                 "description": "or the article as a form field"},
        "published": {"type": "string", "format": "date", "description": "YYYY-MM-DD"},
    },
    "anyOf": [{"required": ["file"]}, {"required": ["text"]}],
}


def _body_doc(schema_name: str) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}},
        "multipart/form-data": {"schema": _UPLOAD_SCHEMA},
    }}}


async def read_inputs(request: Request, many: bool) -> tuple[list, list[dict], str | None]:
    """The documents of a request (JSON or form/upload): (InputDocuments, errors, published)."""
    from rasid.ingest import InputDocument
    from rasid.ingest.readers import read_path

    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    docs: list[InputDocument] = []
    errors: list[dict] = []
    published: str | None = None
    if ctype in _JSON_TYPES or ctype == "":
        try:
            payload = json.loads(await request.body() or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
            # (RecursionError: JSON nested thousands deep)
            raise ApiError(400, "bad_json", f"request body is not JSON: {exc}") from None
        try:
            items = (DocumentsIn.model_validate(payload).documents
                     if many and isinstance(payload, dict) and "documents" in payload
                     else [TextIn.model_validate(payload)])
        except Exception as exc:  # pydantic.ValidationError
            from pydantic import ValidationError

            if isinstance(exc, ValidationError):
                raise RequestValidationError(exc.errors()) from None
            raise
        for item in items:
            docs.append(InputDocument(text=item.text.replace("\r\n", "\n"),
                                      source=item.source or "api", id=item.id,
                                      title=item.title or _first_line(item.text),
                                      published=item.published))
        return docs, errors, None
    if ctype not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise ApiError(415, "unsupported_media_type",
                       f"send application/json or multipart/form-data, not {ctype!r}")
    form = await request.form()
    published = _form_str(form.get("published"))
    upload = form.get("file")
    text = form.get("text")
    text = text if isinstance(text, str) and text.strip() else None   # kept as given
    if upload is not None and not isinstance(upload, str) and upload.filename:
        suffix = PurePath(upload.filename).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            suffix = ".txt"
        data = await upload.read()
        with tempfile.TemporaryDirectory(prefix="rasid-upload-") as tmp:
            path = Path(tmp) / f"upload{suffix}"   # never the client's name: no traversal
            path.write_bytes(data)
            for item in read_path(path):
                if isinstance(item, RasidError):
                    reason = getattr(item, "reason", str(item))
                    errors.append({"file": upload.filename, "line": getattr(item, "line", None),
                                   "message": reason})
                else:
                    item.source = upload.filename if item.source == str(path) else item.source
                    docs.append(item)
    elif text:
        text = text.replace("\r\n", "\n")
        docs.append(InputDocument(text=text, source="form", title=_first_line(text)))
    else:
        raise ApiError(422, "invalid_request", "send a 'file' upload or a 'text' field")
    if not docs and errors:
        raise ApiError(422, "bad_input", errors[0]["message"])
    return docs, errors, published


def _form_str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


def _check_published(value: str | None) -> str | None:
    from rasid.pipeline import parse_published

    try:
        pub = parse_published(value)
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    return pub.isoformat() if pub else None


# --------------------------------------------------------------------------- the app

Limit = Annotated[int, Query(ge=1, le=200, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000, description="rows to skip")]
DateQ = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                    description="ISO date or prefix (2024, 2024-10)")]
TypeQ = Annotated[str | None, Query(
    description="PLOVER category, e.g. THREATEN (any case)",
    json_schema_extra={"enum": [*EVENT_TYPES, *(t.lower() for t in EVENT_TYPES)]})]


def create_app(db_path: str | Path | None = None, token: str | None = None, *,
               components: list[str] | None = None,
               max_body: int = MAX_BODY_BYTES, cache_size: int = 512) -> FastAPI:
    """The API and the pages over the store at ``db_path`` (default: $RASID_DB or the user's).

    ``token``: when given, ``POST /documents`` needs it. ``components``: the pipeline
    components to analyse with (default: all). ``cache_size``: query responses kept while
    the store is unchanged (0: no cache).
    """
    from rasid.store import queries
    from rasid.web import data

    app = FastAPI(
        title="rasid",
        version=__version__,
        description="راصد rasid: Arabic news as facts. Analyse articles (entities, quotes, "
                    "events, time, with offsets into the text), store them, and query the "
                    "store. Every error is `{\"error\": {status, code, message}}`.",
    )
    app.state.settings = Settings(db_path, token, components)
    app.add_middleware(QueryCache, settings=app.state.settings, size=cache_size)
    app.add_middleware(BodySizeLimit, limit=max_body)
    _install_error_handlers(app)

    @app.get("/", include_in_schema=False)
    def root(request: Request) -> RedirectResponse:
        return RedirectResponse(str(request.url_for("page_analyse").include_query_params(
            **dict(request.query_params))), status_code=307)

    @app.get("/health", tags=["meta"])
    def health(s: S) -> dict[str, Any]:
        """Liveness, version and the store this server reads."""
        return {"status": "ok", "version": __version__, "db": str(s.db_path),
                "db_exists": s.db_path.exists(), "token_required": s.token is not None}

    @app.post("/analyze", tags=["analyse"], openapi_extra=_body_doc("TextIn"),
              responses={413: {"description": "body larger than the limit"}})
    async def analyze(request: Request, s: S) -> dict[str, Any]:
        """Analyse one article and return its record (see docs/OUTPUT.md). Nothing is stored.

        JSON `{"text": "...", "published": "2024-10-11"}`, or a form upload (`file`, or
        `text`, plus `published`) of a .txt, .html or one-line .jsonl file.
        """
        from starlette.concurrency import run_in_threadpool

        docs, errors, published = await read_inputs(request, many=False)
        if len(docs) != 1:
            raise ApiError(422, "invalid_request",
                           f"the upload holds {len(docs)} documents; /analyze takes one "
                           "(POST /documents ingests many)")
        published = _check_published(published or docs[0].published) if (
            published or docs[0].published) else None
        record = await run_in_threadpool(s.analyze, docs[0], published)
        return record.to_dict()

    @app.post("/documents", tags=["store"], status_code=201, openapi_extra=_body_doc("DocumentsIn"),
              dependencies=[Depends(_require_token)],
              responses={401: {"description": "token missing or wrong"}})
    async def add_documents(request: Request, s: S) -> dict[str, Any]:
        """Analyse articles and store them (idempotent by id). Needs the token if one is set.

        JSON `{"text": ...}` or `{"documents": [{"text": ...}, ...]}`, or a form upload
        (.txt, .html, .jsonl). Returns each id with `inserted`, `replaced` or `unchanged`,
        and per-line errors of the upload.
        """
        from starlette.concurrency import run_in_threadpool

        docs, errors, published = await read_inputs(request, many=True)
        if published:
            _check_published(published)
        return await run_in_threadpool(_ingest, s, docs, errors, published)

    @app.get("/documents/{doc_id}", tags=["store"])
    async def get_document(doc_id: str, s: S) -> dict[str, Any]:
        """A stored record, exactly as it was analysed."""
        record = s.reader().get_document(doc_id)
        if record is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r} in the store")
        return record.to_dict()

    @app.get("/search", tags=["query"])
    async def search(s: S, q: Annotated[str, Query(min_length=1, max_length=500,
                                                   description="words; Arabic-normalised")],
                     limit: Limit = 20, offset: Offset = 0, since: DateQ = None,
                     until: DateQ = None, once_per_story: bool = False) -> dict[str, Any]:
        """Full-text search over titles and texts (best first); `snippet` marks the match
        with [brackets]; `once_per_story` shows one document per near-duplicate story."""
        return await _answer(lambda: data.page(
            lambda n: queries.search(s.reader(), q, limit=n, since=since, until=until,
                                     once_per_story=once_per_story), limit, offset),
            offset + limit <= INLINE_ROWS)

    @app.get("/entities/{key:path}", tags=["query"])
    async def entity(key: str, s: S,
                     limit: Annotated[int, Query(ge=1, le=200)] = 10) -> dict[str, Any]:
        """Everything the store says about an entity: a kb_id (Q7747), a store key, or a
        name in Arabic or English (بوتين, Vladimir Putin)."""
        page = await _answer(lambda: queries.entity_page(s.reader(), key, limit=limit), True)
        if page is None:
            raise ApiError(404, "not_found", f"no entity matches {key!r}")
        return page

    @app.get("/quotes", tags=["query"])
    async def quotes(s: S, speaker: str | None = None, about: str | None = None,
                     since: DateQ = None, until: DateQ = None, limit: Limit = 20,
                     offset: Offset = 0, once_per_story: bool = False) -> dict[str, Any]:
        """Quotes by a speaker and/or about an entity, newest first."""
        return await _answer(lambda: data.page(
            lambda n: queries.quotes(s.reader(), speaker=speaker, about=about, since=since,
                                     until=until, limit=n, once_per_story=once_per_story),
            limit, offset), offset + limit <= INLINE_ROWS)

    @app.get("/events", tags=["query"])
    async def events(s: S, actor: str | None = None, target: str | None = None,
                     type: TypeQ = None, since: DateQ = None, until: DateQ = None,
                     limit: Limit = 20, offset: Offset = 0,
                     once_per_story: bool = False) -> dict[str, Any]:
        """PLOVER events filtered by actor, target, category and dates, newest first."""
        type_ = _check_type(type)
        return await _answer(lambda: data.page(
            lambda n: queries.events(s.reader(), actor=actor, target=target, type=type_,
                                     since=since, until=until, limit=n,
                                     once_per_story=once_per_story), limit, offset),
            offset + limit <= INLINE_ROWS)

    @app.get("/timeline", tags=["query"])
    async def timeline(s: S,
                       entity: Annotated[str, Query(min_length=1, description="name or kb_id")],
                       since: DateQ = None, until: DateQ = None, limit: Limit = 50,
                       offset: Offset = 0) -> dict[str, Any]:
        """What an entity did, suffered and said, oldest first."""
        found: dict[str, Any] = {}

        def fetch(n: int) -> list[dict]:
            result = queries.timeline(s.reader(), entity, since=since, until=until, limit=n)
            if result is None:
                raise ApiError(404, "not_found", f"no entity matches {entity!r}")
            found["entity"] = result["entity"]
            return result["items"]

        page = await _answer(lambda: data.page(fetch, limit, offset),
                             offset + limit <= INLINE_ROWS)
        return {"entity": found["entity"], **page}

    @app.get("/graph", tags=["query"])
    async def graph(s: S, entity: str | None = None,
                    type: TypeQ = None,
                    since: DateQ = None, until: DateQ = None,
                    max_nodes: Annotated[int, Query(ge=2, le=300)] = 60,
                    min_weight: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
        """The actor → target network of events (nodes and weighted edges); with `entity`,
        only events where it is actor or target."""
        type_ = _check_type(type)
        return await _answer(lambda: data.graph_from_events(
            _graph_rows(s.reader(), entity, type_, since, until), min_weight=min_weight,
            max_nodes=max_nodes), since is None and until is None)   # counted edges: quick

    from rasid.web.pages import install_pages

    install_pages(app)
    app.openapi = lambda: _openapi(app)
    return app


_ENVELOPE = {
    "title": "ErrorEnvelope",
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["status", "code", "message"],
        "properties": {
            "status": {"type": "integer", "description": "the HTTP status again"},
            "code": {"type": "string", "description": "stable machine-readable code"},
            "message": {"type": "string", "description": "what went wrong, what to do"},
            "details": {"description": "per-field problems of a 422"},
        },
    }},
}


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with every error response documented as the one envelope."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorEnvelope"] = _ENVELOPE
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}
    for ops in schema.get("paths", {}).values():
        for op in ops.values():
            responses = op.setdefault("responses", {})
            for code in list(responses):
                if code[0] in "45":
                    responses[code] = {"description": responses[code].get("description")
                                       or "error", "content": ref}
            responses["default"] = {"description": "any error, as the one error envelope",
                                    "content": ref}
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    app.openapi_schema = schema
    return schema


_GRAPH_EVENTS = 5000


def _graph_rows(store, entity: str | None, type_: str | None, since: str | None,
                until: str | None) -> list[dict]:
    """Rows for :func:`rasid.web.data.graph_from_events`: without dates, the counted edges
    of every stored event (the event_edges aggregate); with ``since``/``until``, the
    newest ``_GRAPH_EVENTS`` events in that range (for an entity: as actor, and as target).
    """
    from rasid.store import queries

    if entity is not None:
        matches = queries.resolve_entity(store, entity)
        if not matches:
            raise ApiError(404, "not_found", f"no entity matches {entity!r}")
    if since is None and until is None:
        if entity is None:
            return queries.event_edges(store, type=type_)
        edges = {(r["actor_key"], r["target_key"], r["type"]): r for m in matches
                 for r in queries.event_edges(store, m["key"], type_)}
        return list(edges.values())   # an edge between two matches counts once
    if entity is None:
        return queries.events(store, type=type_, since=since, until=until, limit=_GRAPH_EVENTS)
    rows = (queries.events(store, actor=entity, type=type_, since=since, until=until,
                           limit=_GRAPH_EVENTS)
            + queries.events(store, target=entity, type=type_, since=since, until=until,
                             limit=_GRAPH_EVENTS))
    unique = {(r["doc_id"], r["event_id"]): r for r in rows}   # one between two matches
    return list(unique.values())


def _check_type(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if value.upper() not in EVENT_TYPES:
        raise ApiError(422, "invalid_request",
                       f"unknown event type {value!r}; one of {', '.join(EVENT_TYPES)}")
    return value.upper()


def _ingest(s: Settings, docs: list, errors: list[dict], published: str | None) -> dict:
    from rasid.store import Store, input_hash

    items: list[dict] = []
    with s._write_lock, Store(s.db_path) as store:
        for doc in docs:
            pub = published or doc.published
            digest = input_hash(doc.text, doc.title, pub, doc.source)
            if store.stored_input_hash(doc.doc_id) == digest:
                items.append({"id": doc.doc_id, "status": "unchanged"})
                continue
            try:
                record: DocumentRecord = s.analyze(doc, published)
            except RasidError as exc:
                errors.append({"id": doc.doc_id, "message": str(exc)})
                continue
            items.append({"id": record.id, "status": store.upsert(record, digest)})
    return {"items": items, "errors": errors}


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory rasid.api:app_from_env``: $RASID_DB, $RASID_TOKEN and
    $RASID_CACHE (query responses cached; 0 turns the cache off)."""
    import os

    cache = os.environ.get("RASID_CACHE", "512")
    return create_app(os.environ.get("RASID_DB"), os.environ.get("RASID_TOKEN"),
                      cache_size=int(cache) if cache.isdigit() else 512)
