"""Server-rendered pages (Jinja2, right-to-left Arabic, English labels with ?lang=en).

Pages call the same library functions as the JSON API (:mod:`rasid.store.queries`, the
pipeline) and never build HTML from data by hand: every string goes through Jinja's
autoescape, and the facts the page script needs are embedded with ``tojson`` (which escapes
``<``, ``>`` and ``&``), so an article containing ``<script>`` shows as text.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from rasid.document import ENTITY_TYPES, EVENT_TYPES, DocumentRecord
from rasid.web.annotate import blocks, fact_table
from rasid.web.data import graph_from_events, record_entity_keys

LANGS = ("ar", "en")
_COOKIE = "rasid_lang"


def _web_dir():
    return resources.files("rasid.web")


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    data = json.loads(_web_dir().joinpath("labels.json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(_web_dir().joinpath("templates"))),
                      autoescape=select_autoescape(["html", "xml", "svg"],
                                                   default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["entity_url"] = entity_url
    env.filters["pct"] = lambda x: f"{100 * float(x):.0f}%" if x is not None else ""
    return env


def entity_url(key: str | None, name: str | None = None) -> str:
    """The entity page of a store key; ``name`` is the fallback when the store knows the
    entity under another id (an analysed, unstored article's entities)."""
    url = "/ui/entity/" + quote(key or "", safe="")
    return f"{url}?{urlencode({'name': name})}" if name else url


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get(_COOKIE) or "ar"
    return lang if lang in LANGS else "ar"


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    lang = _lang(request)
    table = labels()

    def t(key: str) -> str:
        entry = table.get(key)
        return entry.get(lang, entry["en"]) if entry else key

    other = "en" if lang == "ar" else "ar"
    params = dict(request.query_params)
    params["lang"] = other
    html = _env().get_template(template).render(
        t=t, lang=lang, dir="rtl" if lang == "ar" else "ltr",
        toggle_url=f"{request.url.path}?{urlencode(params)}", path=request.url.path,
        entity_types=ENTITY_TYPES, event_types=EVENT_TYPES,
        all_labels={k: t(k) for k in table}, **ctx)
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response


def record_view(record: DocumentRecord, keys: dict[str, str] | None = None) -> dict[str, Any]:
    """What the annotated-text partial needs for one record."""
    keys = keys or record_entity_keys(record)
    facts = fact_table(record)
    names = {e.id: e for e in record.entities}
    for eid, key in keys.items():
        if eid in facts:
            facts[eid]["url"] = entity_url(key, names[eid].name)
    return {"record": record, "blocks": blocks(record), "facts": facts, "names": names,
            "keys": keys,
            "times": {t.id: t for t in record.times}}


# ---------------------------------------------------------------------------- SVG helpers

def bar_chart(rows: list[dict], value: str = "mentions", width: int = 640,
              height: int = 180) -> dict[str, Any]:
    """Bars for the mentions-over-time chart (months in order; 'unknown' last)."""
    known = [r for r in rows if r.get("month") != "unknown"]
    unknown = [r for r in rows if r.get("month") == "unknown"]
    rows = known + unknown
    peak = max((r.get(value) or 0 for r in rows), default=0) or 1
    n = max(len(rows), 1)
    slot = (width - 40) / n
    bars = []
    for i, r in enumerate(rows):
        v = r.get(value) or 0
        h = (height - 40) * v / peak
        w = min(max(slot * 0.8, 1), 48)
        bars.append({"x": 20 + i * slot + (slot - w) / 2, "w": w,
                     "y": height - 20 - h, "h": h, "label": r.get("month"), "value": v,
                     "lx": 20 + i * slot + slot / 2})
    return {"width": width, "height": height, "bars": bars, "peak": peak,
            "label_every": max(1, math.ceil(n / 12))}


def circle_layout(nodes: list[dict], edges: list[dict], size: int = 520,
                  center: str | None = None) -> dict[str, Any]:
    """Positions on a circle (``center`` in the middle) for a small SVG network."""
    r = size / 2 - 70
    c = size / 2
    ring = [n for n in nodes if n["key"] != center]
    pos: dict[str, tuple[float, float]] = {}
    for i, node in enumerate(ring):
        angle = 2 * math.pi * i / max(len(ring), 1) - math.pi / 2
        pos[node["key"]] = (c + r * math.cos(angle), c + r * math.sin(angle))
    if center is not None:
        pos[center] = (c, c)
    peak = max((e["weight"] for e in edges), default=1)
    # labels outside the ring (above in the upper half, below in the lower), clear of edges
    placed_nodes = [{**n, "x": pos[n["key"]][0], "y": pos[n["key"]][1],
                     "ly": pos[n["key"]][1] + (-12 if pos[n["key"]][1] < c - 1 else 22),
                     "url": entity_url(n["key"])} for n in nodes if n["key"] in pos]
    placed_edges = []
    for e in edges:
        if e["source"] not in pos or e["target"] not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        back = min(12.0, length / 3)           # stop short of the target's circle
        placed_edges.append({**e, "x1": x1, "y1": y1, "x2": x2 - (x2 - x1) * back / length,
                             "y2": y2 - (y2 - y1) * back / length,
                             "stroke": 1 + 4 * e["weight"] / peak})
    return {"size": size, "nodes": placed_nodes, "edges": placed_edges}


# ---------------------------------------------------------------------------- routes

def install_pages(app: FastAPI) -> None:
    """Add the pages under /ui and the static files under /static to ``app``."""
    from rasid.api import ApiError, read_inputs

    static_dir = str(_web_dir().joinpath("static"))
    app.mount("/static", StaticFiles(directory=static_dir, follow_symlink=False),
              name="static")

    def settings(request: Request):
        return request.app.state.settings

    def error_page(request: Request, exc: ApiError) -> HTMLResponse:
        return render(request, "error.html", status=exc.status, message=exc.message,
                      code=exc.code)

    @app.get("/ui/analyse", response_class=HTMLResponse, include_in_schema=False,
             name="page_analyse")
    def page_analyse(request: Request) -> Response:
        return render(request, "analyse.html", view=None, published="")

    @app.post("/ui/analyse", response_class=HTMLResponse, include_in_schema=False)
    async def page_analyse_post(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        from rasid.api import _check_published

        try:
            docs, _, published = await read_inputs(request, many=False)
            if len(docs) != 1:
                raise ApiError(422, "invalid_request",
                               f"the upload holds {len(docs)} documents; analyse one at a time")
            pub = published or docs[0].published
            pub = _check_published(pub) if pub else None
            s = settings(request)
            record = await run_in_threadpool(s.analyze, docs[0], pub)
        except ApiError as exc:
            return error_page(request, exc)
        return render(request, "analyse.html", view=record_view(record),
                      published=pub or "", pasted=docs[0].text if docs[0].source == "form"
                      else "")

    @app.get("/ui/article/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_article(request: Request, doc_id: str) -> Response:
        try:
            record = settings(request).reader().get_document(doc_id)
            if record is None:
                raise ApiError(404, "not_found", f"no document {doc_id!r} in the store")
        except ApiError as exc:
            return error_page(request, exc)
        return render(request, "article.html", view=record_view(record))

    @app.get("/ui/entity/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def page_entity(request: Request, key: str) -> Response:
        from rasid.api import _graph_rows
        from rasid.store import queries

        try:
            store = settings(request).reader()
            info = queries.entity_page(store, key, limit=15)
            fallback = (request.query_params.get("name") or "").strip()[:300]
            if info is None and fallback:
                info = queries.entity_page(store, fallback, limit=15)
            if info is None:
                raise ApiError(404, "not_found", f"no entity matches {key!r}")
        except ApiError as exc:
            return error_page(request, exc)
        ent = info["entity"]
        nodes = [{"key": ent["key"], "name": ent["name"], "events": ent["documents"]}]
        nodes += [{"key": c["key"], "name": c.get("name") or c["key"],
                   "events": c["documents"]} for c in info["cooccurring"]]
        edges = [{"source": ent["key"], "target": c["key"], "weight": c["documents"]}
                 for c in info["cooccurring"]]
        network = graph_from_events(_graph_rows(store, ent["key"], None, None, None),
                                    max_nodes=25)
        return render(request, "entity.html", info=info, ent=ent,
                      chart=bar_chart(info["by_month"]),
                      cooc=circle_layout(nodes, edges, center=ent["key"]),
                      network=circle_layout(network["nodes"], network["edges"]))

    @app.get("/ui/events", response_class=HTMLResponse, include_in_schema=False)
    def page_events(request: Request) -> Response:
        from rasid.api import _check_type, _graph_rows
        from rasid.store import queries
        from rasid.web.data import page

        q = request.query_params
        f = {k: (q.get(k) or "").strip() or None
             for k in ("actor", "target", "type", "since", "until")}
        try:
            offset = max(0, min(int(q.get("offset") or 0), 10_000))
        except ValueError:
            offset = 0
        try:
            type_ = _check_type(f["type"])
            for k in ("since", "until"):
                if f[k] and not _is_date_prefix(f[k]):
                    raise ApiError(422, "invalid_request", f"{k}: {f[k]!r} is not YYYY-MM-DD")
            store = settings(request).reader()
            result = page(lambda n: queries.events(
                store, actor=f["actor"], target=f["target"], type=type_, since=f["since"],
                until=f["until"], limit=n), 50, offset)
            rows = _graph_rows(store, None, type_, f["since"], f["until"]) \
                if not (f["actor"] or f["target"]) else result["items"]
            network = graph_from_events(rows, max_nodes=30)
        except ApiError as exc:
            return error_page(request, exc)
        days: list[tuple[str | None, list[dict]]] = []
        for r in result["items"]:
            if days and days[-1][0] == r["date"]:
                days[-1][1].append(r)
            else:
                days.append((r["date"], [r]))
        params = {k: v for k, v in f.items() if v}
        next_url = (f"/ui/events?{urlencode({**params, 'offset': result['next_offset']})}"
                    if result["next_offset"] is not None else None)
        prev_url = (f"/ui/events?{urlencode({**params, 'offset': max(0, offset - 50)})}"
                    if offset else None)
        return render(request, "events.html", filters=f, days=days, result=result,
                      network=circle_layout(network["nodes"], network["edges"]),
                      next_url=next_url, prev_url=prev_url)

    @app.get("/ui/search", response_class=HTMLResponse, include_in_schema=False)
    def page_search(request: Request) -> Response:
        from rasid.store import queries
        from rasid.web.data import page

        q = (request.query_params.get("q") or "").strip()[:500]
        try:
            offset = max(0, min(int(request.query_params.get("offset") or 0), 10_000))
        except ValueError:
            offset = 0
        result = None
        if q:
            try:
                store = settings(request).reader()
                result = page(lambda n: queries.search(store, q, limit=n), 20, offset)
            except ApiError as exc:
                return error_page(request, exc)
            for hit in result["items"]:
                hit["parts"] = _snippet_parts(hit.get("snippet") or "")
        next_url = (f"/ui/search?{urlencode({'q': q, 'offset': result['next_offset']})}"
                    if result and result["next_offset"] is not None else None)
        return render(request, "search.html", q=q, result=result, next_url=next_url)


def _is_date_prefix(value: str) -> bool:
    import re

    return re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) is not None


def _snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split the store's '[match]' snippet into (text, is_match) parts for <mark>."""
    out: list[tuple[str, bool]] = []
    rest = snippet
    while "[" in rest and "]" in rest[rest.index("["):]:
        a = rest.index("[")
        b = rest.index("]", a)
        out += [(rest[:a], False), (rest[a + 1:b], True)]
        rest = rest[b + 1:]
    out.append((rest, False))
    return [p for p in out if p[0]]
