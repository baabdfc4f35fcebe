"""The document record: rasid's single output contract (see docs/OUTPUT.md).

Every stage of the pipeline fills a :class:`DocumentRecord`; the CLI, the store, the API and
the batch engine emit and consume nothing else. Offsets are Python ``str`` indices into
``DocumentRecord.text`` (end-exclusive), so ``text[start:end]`` is always the surface form.

The JSON Schema is derived from the dataclasses themselves (``json_schema()``), so the code
and the schema cannot drift apart.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import types
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, get_args, get_origin, get_type_hints

SCHEMA_ID = "https://rasid.dev/schema/document-record/1.json"

EntityType = Literal["PER", "ORG", "GPE", "LOC", "FAC", "WEAPON", "MISC"]
QuoteKind = Literal["direct", "indirect"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]

ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
TIME_TYPES: tuple[str, ...] = get_args(TimeType)


def content_id(text: str) -> str:
    """The default document id: first 16 hex digits of the text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Offsets:
    """A character range into the record's ``text`` (end-exclusive)."""

    start: int
    end: int


@dataclass
class Span:
    """A character range plus the exact surface form ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Entity:
    """One entity of the document with all its mentions (after in-document coreference)."""

    id: str
    type: EntityType
    name: str
    mentions: list[Span] = field(default_factory=list)
    name_en: str | None = None
    kb_id: str | None = None
    confidence: float = 1.0


@dataclass
class Quote:
    """Reported speech. ``start``/``end`` cover the quoted words without quotation marks."""

    id: str
    kind: QuoteKind
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_mention: Span | None = None
    verb: str | None = None
    source: str | None = None
    addressee: str | None = None
    confidence: float = 1.0


@dataclass
class Event:
    """A PLOVER-coded event with its evidence (the trigger and its sentence index)."""

    id: str
    type: EventType
    trigger: Span
    sentence: int
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    time: str | None = None
    negated: bool = False
    hypothetical: bool = False
    quote: str | None = None
    confidence: float = 1.0


@dataclass
class TimeExpression:
    """A TIMEX3-style time expression; ``value`` is ISO 8601 at the precision of the text."""

    id: str
    type: TimeType
    start: int
    end: int
    text: str
    value: str | None = None


@dataclass
class Relation:
    """A typed relation between two entities, with the evidence range."""

    type: str
    head: str
    tail: str
    evidence: Offsets
    label: str | None = None
    confidence: float = 1.0


@dataclass
class DocumentRecord:
    """Everything rasid knows about one document."""

    id: str
    text: str
    source: str | None = None
    published: str | None = None
    lang: str = "ar"
    title: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """``dataclasses.asdict(self)``, built faster (see :func:`_plain`)."""
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentRecord:
        return _from_dict(cls, data)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this record-local id, or None."""
        if entity_id is None:
            return None
        return next((e for e in self.entities if e.id == entity_id), None)


# --------------------------------------------------------------------------- (de)serialise

# Exactly the types copy.deepcopy returns as they are (it dispatches on the exact type).
_ATOMS = frozenset((str, int, float, bool, type(None)))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(obj: Any) -> Any:
    """What ``dataclasses.asdict`` makes of ``obj`` (same dicts, same key order, same
    copies), without its per-object ``fields()`` calls and ``deepcopy`` of every string:
    serialising a record was ~1 ms of a 500-word article."""
    cls = type(obj)
    if cls in _ATOMS:
        return obj
    names = _FIELD_NAMES.get(cls)
    if names is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(obj))
    if names is not None:
        return {name: _plain(getattr(obj, name)) for name in names}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return cls(*[_plain(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return cls(_plain(v) for v in obj)
    if isinstance(obj, dict):
        return cls((_plain(k), _plain(v)) for k, v in obj.items())
    return copy.deepcopy(obj)


def _from_dict(cls: type, data: Any) -> Any:
    hints = get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = get_args(tp)
        return [_convert(item, v) for v in value]
    if dataclasses.is_dataclass(tp):
        return _from_dict(tp, value)
    return value


# --------------------------------------------------------------------------- JSON Schema

def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in get_args(tp) if a is not type(None)]
        schemas = [_schema_for(a, defs) for a in inner]
        if type(None) in get_args(tp):
            schemas.append({"type": "null"})
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    if origin is Literal:
        return {"type": "string", "enum": list(get_args(tp))}
    if origin is list:
        (item,) = get_args(tp)
        return {"type": "array", "items": _schema_for(item, defs)}
    if origin is dict:
        return {"type": "object"}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve against recursion
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    if tp is Any:
        return {}
    raise TypeError(f"no JSON Schema mapping for {tp!r}")


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    props = {f.name: _schema_for(hints[f.name], defs) for f in dataclasses.fields(cls)}
    required = list(props)  # to_dict always writes every field
    schema: dict[str, Any] = {
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": True,  # OUTPUT.md: fields may be added
    }
    if cls.__doc__:
        schema["description"] = " ".join(cls.__doc__.split())
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`DocumentRecord`."""
    defs: dict[str, Any] = {}
    root = _object_schema(DocumentRecord, defs)
    # Tighten what OUTPUT.md states in prose.
    for name in ("Entity", "Quote", "Event", "Relation"):
        defs[name]["properties"]["confidence"].update({"minimum": 0, "maximum": 1})
    for name in ("Offsets", "Span", "Sentence", "Quote", "TimeExpression"):
        defs[name]["properties"]["start"]["minimum"] = 0
        defs[name]["properties"]["end"]["minimum"] = 0
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "rasid DocumentRecord",
        **root,
        "$defs": defs,
    }


@lru_cache(maxsize=1)
def _validator() -> Any:
    """The schema validator, built once (building it per record cost ~20 ms)."""
    import jsonschema

    schema = json_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def validate(record: DocumentRecord | dict[str, Any]) -> None:
    """Validate a record against the schema and the offset invariants.

    Raises ``rasid.errors.InvalidRecord`` naming the first problem found.
    """
    import jsonschema

    from rasid.errors import InvalidRecord

    data = record.to_dict() if isinstance(record, DocumentRecord) else record
    try:
        _validator().validate(data)
    except jsonschema.ValidationError as exc:
        path = "/".join(str(p) for p in exc.absolute_path)
        raise InvalidRecord(f"{path or '<root>'}: {exc.message}") from None
    text = data["text"]
    spans: list[tuple[str, dict[str, Any]]] = []
    for ent in data["entities"]:
        spans += [(f"entity {ent['id']}", m) for m in ent["mentions"]]
    spans += [(f"quote {q['id']}", q) for q in data["quotes"]]
    spans += [(f"quote {q['id']} speaker", q["speaker_mention"]) for q in data["quotes"]
              if q.get("speaker_mention")]
    spans += [(f"event {v['id']} trigger", v["trigger"]) for v in data["events"]]
    spans += [(f"time {t['id']}", t) for t in data["times"]]
    for what, span in spans:
        if not 0 <= span["start"] <= span["end"] <= len(text):
            raise InvalidRecord(f"{what}: offsets {span['start']}..{span['end']} out of range")
        if text[span["start"]:span["end"]] != span["text"]:
            raise InvalidRecord(f"{what}: text[{span['start']}:{span['end']}] != {span['text']!r}")
    ids = {e["id"] for e in data["entities"]}
    for q in data["quotes"]:
        for key in ("speaker", "source"):
            if q.get(key) is not None and q[key] not in ids:
                raise InvalidRecord(f"quote {q['id']}: {key} {q[key]!r} is not an entity id")
    time_ids = {t["id"] for t in data["times"]}
    for v in data["events"]:
        for key in ("actor", "target", "location"):
            if v.get(key) is not None and v[key] not in ids:
                raise InvalidRecord(f"event {v['id']}: {key} {v[key]!r} is not an entity id")
        if v.get("time") is not None and v["time"] not in time_ids:
            raise InvalidRecord(f"event {v['id']}: time {v['time']!r} is not a time id")
