"""A thin adapter between the HTTP API / pages and :mod:`rasid.store.queries`.

The store's query functions take a ``limit`` and return plain lists of dicts; this module
adds what the API needs on top of them without touching the store's tables: offset
pagination (``page()``), an actor-to-actor graph built from the event rows (``graph()``),
and a stored document's view of its entities with corpus keys (``record_entity_keys()``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from rasid.document import DocumentRecord
from rasid.store import entity_key

MAX_LIMIT = 200
MAX_OFFSET = 10_000


def page(fetch: Callable[[int], list[dict]], limit: int, offset: int) -> dict[str, Any]:
    """One page of ``fetch(n)`` (which returns the first ``n`` rows in order).

    Returns ``{"items", "limit", "offset", "next_offset"}``; ``next_offset`` is None on the
    last page. Asks for one row more than the page to know whether another page follows.
    """
    rows = fetch(offset + limit + 1)
    items = rows[offset:offset + limit]
    more = len(rows) > offset + limit
    return {"items": items, "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


def graph_from_events(rows: list[dict], min_weight: int = 1,
                      max_nodes: int = 60) -> dict[str, Any]:
    """Actor → target network from event rows of :func:`rasid.store.queries.events`, or
    from the counted edges of :func:`rasid.store.queries.event_edges` (a row with
    ``events`` stands for that many events).

    Nodes are corpus entities (key, name, events); edges are (source, target, weight, types)
    with ``weight`` the number of events from the actor to the target. Only the
    ``max_nodes`` busiest nodes are kept.
    """
    edges: Counter[tuple[str, str]] = Counter()
    types: dict[tuple[str, str], Counter[str]] = {}
    names: dict[str, str] = {}
    degree: Counter[str] = Counter()
    for r in rows:
        a, t = r.get("actor_key"), r.get("target_key")
        if not a or not t or a == t:
            continue
        names.setdefault(a, r.get("actor") or a)
        names.setdefault(t, r.get("target") or t)
        n = r.get("events", 1)
        edges[(a, t)] += n
        types.setdefault((a, t), Counter())[r["type"]] += n
        degree[a] += n
        degree[t] += n
    keep = {k for k, _ in degree.most_common(max_nodes)}
    out_edges = [
        {"source": a, "target": t, "weight": w,
         "types": dict(types[(a, t)].most_common())}
        for (a, t), w in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0]))
        if w >= min_weight and a in keep and t in keep
    ]
    used = {e["source"] for e in out_edges} | {e["target"] for e in out_edges}
    nodes = [{"key": k, "name": names[k], "events": degree[k]}
             for k, _ in degree.most_common() if k in used]
    return {"nodes": nodes, "edges": out_edges}


def record_entity_keys(record: DocumentRecord) -> dict[str, str]:
    """Record-local entity id → corpus-wide key (the store's :func:`entity_key`)."""
    return {e.id: entity_key(e.kb_id, e.type, e.name) for e in record.entities}
