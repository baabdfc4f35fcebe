"""Small, data-driven patterns the statistical model misses.

``org_phrases``: an organisation head noun in construct state ("وزارة", "مجلس", "حزب",
resources/ner/org_heads.txt) followed by definite words, coordinated ("و" + definite) or
prepositional-article ones ("ل" + "لتدريب"), is an organisation's name: "وزارة الإعلام",
"مجلس الدفاع والأمن". A *definite* head is a name only with a definite adjective and a
field after it: "الأكاديمية الوطنية للتدريب", "الهيئة العامة للطيران المدني" ("ل" + a
definite word); "الهيئة الجديدة" alone is a description. The phrase stops at punctuation,
an indefinite word, or a word of org_stop.txt ("الماضي", ...).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from rasid.ner.features import packaged_classes, token_norm
from rasid.ner.gazetteer import first_keys
from rasid.ner.lexicon import title_words
from rasid.resources import read_table

__all__ = ["name_continuation", "nisba_key", "org_describers", "org_heads", "org_phrases",
           "stop_words"]

MAX_WORDS = 6


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Organisation head nouns (org_heads.txt), normalised: "وزارة", "صندوق", "مجلس"...; not
    those that head a name only with the article (:func:`definite_org_heads`)."""
    return frozenset(token_norm(r[0]) for r in read_table("ner/org_heads.txt")
                     if len(r) < 2 or r[1].strip() != "definite")


@lru_cache(maxsize=1)
def definite_org_heads() -> frozenset[str]:
    """Head nouns that open a body's name only with the article, an agreeing adjective and a
    field (org_heads.txt, second column "definite"): "الإدارة العامة للتعليم", where "إدارة
    ترامب" (the Trump administration) or "إدارة الأزمة" (crisis management) name no body."""
    return frozenset(token_norm(r[0]) for r in read_table("ner/org_heads.txt")
                     if len(r) > 1 and r[1].strip() == "definite")


@lru_cache(maxsize=1)
def _any_org_heads() -> frozenset[str]:
    """Every head noun, with or without the article (:func:`org_heads` and
    :func:`definite_org_heads`), built once: the rules ask for it at every token."""
    return org_heads() | definite_org_heads()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Words that end a name (org_stop.txt: times, demonstratives, weekdays, months)."""
    return frozenset(token_norm(r[0]) for r in read_table("ner/org_stop.txt"))


@lru_cache(maxsize=1)
def org_describers() -> frozenset[str]:
    """Participles that relate an organisation to another body after its name
    (org_describers.txt: "الموالية", "التابع"); an organisation's span ends before one."""
    return frozenset(token_norm(r[0]) for r in read_table("ner/org_describers.txt"))


@lru_cache(maxsize=1)
def _continuation_stops() -> frozenset[str]:
    """Where a head-noun name stops: org_stop.txt and the describing participles (built
    once, not per candidate head)."""
    return stop_words() | org_describers()


def org_phrases(keys: list[str], attached: str = "+") -> list[tuple[int, int]]:
    """(start, end) token ranges of head-noun organisation names over match keys (token
    norms, with ``attached`` marking a token written onto the previous one)."""
    heads = org_heads()
    definite_heads = _any_org_heads()
    candidates = []  # (start, head key, definite, end)
    for i in range(len(keys)):
        key = _head_key(keys, i, attached)
        definite = key.startswith("ال") and key[2:] in definite_heads
        if (key in heads or definite) and not (
                i + 1 < len(keys) and keys[i + 1].startswith(attached)) and not (
                not definite and keys[i + 1:i + 2] == ["ل"]):
            # an indefinite head with "ل" describes what it is for ("مركز للشرطة", a police
            # station; "جمعية للمنفعة العامة"): a name puts the head in construct state
            # "العام" ends a name as "the year" (org_stop.txt), but right after a definite
            # head it is "general": "الاتحاد العام التونسي للشغل", "المؤتمر العام"
            after = i + 2 if definite and keys[i + 1:i + 2] == ["العام"] else i + 1
            candidates.append((i, key, definite, name_continuation(keys, after, attached)))
    fields = _repeated_construct_fields(keys, candidates, attached)
    out: list[tuple[int, int]] = []
    taken = 0
    for i, key, definite, j in candidates:
        if i < taken:
            continue
        j = fields.get(i, j)
        if definite and not _adjective_and_field(key, keys, i + 1, j, attached):
            continue
        if j > i + 1:
            out.append((i, j))
            taken = j
    return out


def _head_key(keys: list[str], i: int, attached: str) -> str:
    """The key of a possible head noun at ``i``. After the preposition "ل" the article loses
    its alef ("للاتحاد" → "ل" + "لاتحاد"): that head is definite, "الاتحاد"
    (:func:`rasid.ner.gazetteer.first_keys` restores it). A word that is a head as written
    stays one ("للجنة" → "ل" + "لجنة", "for a committee")."""
    key = keys[i].lstrip(attached)
    heads = org_heads()
    definite = _any_org_heads()
    return next((k for k in first_keys(keys, i)
                 if k in heads or (k.startswith("ال") and k[2:] in definite)), key)


def _repeated_construct_fields(keys: list[str], candidates: list[tuple[int, str, bool, int]],
                               attached: str) -> dict[int, int]:
    """Start → new end of the definite-head names that go on over a field in construct
    state: "ل" + an indefinite noun + definite words ("المعهد العربي" + "لرؤساء المؤسسات",
    "الهيئة الوطنية" + "لمكافحة الفساد"). The same shape is a purpose clause after a verb
    ("جهود الاتحاد الأفريقي" + "لحل الأزمة"), which an article does not repeat word for word,
    so the longer name counts only where the article writes it twice or more. Repeats are
    compared up to the field's first definite word, and each takes the shortest of their
    lengths: "الفيدرالية العربية لحقوق الإنسان" once in a headline and once before "الحكم"
    (which a definite word would carry on) is one name twice. A noun that heads an
    organisation's name is an addressee, not a field ("لوكالة الأنباء"). The fields of
    org_fields.txt ("لكرة القدم", "لحقوق الإنسان") count even once, and so does any field
    after an adjective of institution_adjectives.txt ("الرئاسة العامة لرعاية الشباب")."""
    n, heads, stop = len(keys), org_heads(), stop_words()
    longer: dict[int, tuple[int, tuple[str, ...]]] = {}
    for i, key, definite, end in candidates:
        if not (definite and end + 2 < n and keys[end] == "ل"
                and keys[end + 1].startswith(attached)):
            continue
        noun = keys[end + 1][len(attached):]
        if (noun.startswith("ال") or noun.startswith("ل") or noun in heads or noun in stop
                or len(noun) < 3 or not keys[end + 2].startswith("ال")
                or keys[end + 2] in stop):
            continue
        j = name_continuation(keys, end + 3, attached)
        longer[i] = (j, (key, *(k.lstrip(attached) for k in keys[i + 1:end + 3])))
    if not longer:
        return {}
    counts = Counter(prefix for _, prefix in longer.values())
    shortest: dict[tuple[str, ...], int] = {}
    for i, (j, prefix) in longer.items():
        shortest[prefix] = min(j - i, shortest.get(prefix, j - i))
    known, institutional = _known_fields(), _institution_adjectives()
    return {i: i + shortest[prefix] for i, (_, prefix) in longer.items()
            if counts[prefix] >= 2 or prefix[-2:] in known or prefix[1] in institutional}


@lru_cache(maxsize=1)
def _institution_adjectives() -> frozenset[str]:
    """ner/institution_adjectives.txt as keys: after a definite head they make a field in
    construct state part of the name even when written once ("الرئاسة العامة" + "لرعاية
    الشباب")."""
    return frozenset(token_norm(r[0]) for r in read_table("ner/institution_adjectives.txt"))


@lru_cache(maxsize=1)
def _known_fields() -> frozenset[tuple[str, ...]]:
    """Construct fields that continue a body's name even when written once (org_fields.txt:
    "لكرة القدم", "لحقوق الإنسان"), as key pairs: ("كره", "القدم")."""
    return frozenset(tuple(token_norm(w) for w in r[0].split())
                     for r in read_table("ner/org_fields.txt"))


_FEMININE_ELATIVES = frozenset(("العليا", "الكبري", "الدنيا"))  # normalised: ى → ي


def _adjective_and_field(head: str, keys: list[str], start: int, end: int,
                         attached: str) -> bool:
    """``keys[start:end]`` (after the definite head noun ``head``) open with an adjective that
    agrees with it and hold a field: "ل" followed by a definite word written onto it
    ("للتدريب"). Agreement (on normalised keys: ة → ه, ى → ي) keeps a family name out: a
    feminine head takes "الوطنيه", "العليا", not "الجعفري" ("مدير عام الجمعية الجعفري"); a
    masculine one takes "الدولي", "الاعلي"."""
    if start >= end or not keys[start].startswith("ال"):
        return False
    field = next((k for k in range(start + 1, end - 1)
                  if keys[k] == "ل" and keys[k + 1].startswith(attached)), None)
    if field is None:
        return False
    # any definite word before the field may be the agreeing adjective: "الاتحاد" + "العام"
    # (no nisba ending) + "التونسي" + "للشغل"
    for adjective in keys[start:field]:
        if head.endswith("ه"):
            if adjective.endswith("ه") or adjective in _FEMININE_ELATIVES:
                return True
        elif adjective.endswith("ي"):
            return True
    return False


# titles that name an organisation's part as often as a person's role ("النجم الساحلي",
# "الفريق الوطني", "الأمن العام"): they never end a name
_NAME_PART_TITLES = frozenset(("العام", "النجم", "الفريق", "الحكم", "الحالي", "الحاليه",
                               "الايسر", "الايمن", "الامين"))


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[str]:
    """Definite title words that open a person's description after a name: "المخرج"."""
    return frozenset(w for w in title_words() if w.startswith("ال")) - _NAME_PART_TITLES


def nisba_key(key: str) -> bool:
    """The key is a nationality or origin adjective ("السودانيه"; the NISBA class of
    resources/ner/token_classes.tsv)."""
    return "NISBA" in packaged_classes().get(key, "")


def name_continuation(keys: list[str], j: int, attached: str = "+") -> int:
    """Where an organisation's name that has reached token ``j`` ends: it goes on over
    definite words ("الدراسات الدستورية"), coordinated ones ("و" + "الأمن") and
    prepositional-article ones ("ل" + "لتدريب"), at most MAX_WORDS of them, and stops at
    punctuation, an indefinite word, a title before a nationality adjective ("المخرج
    الألماني": a person is described), "و" after a nationality adjective ("وزارة الدفاع
    البريطانية" + "والشرطة"), a word of org_stop.txt ("الماضي", ...) or a describing
    participle (org_describers.txt: "التابعة")."""
    stop, heads = _continuation_stops(), _any_org_heads()
    n = len(keys)
    words = 0
    while j < n and words < MAX_WORDS:
        k = keys[j]
        if k.startswith("ال") and k not in stop and len(k) > 3:
            if k in _person_titles() and j + 1 < n and nisba_key(keys[j + 1]):
                break  # "لجنة التحكيم" + "المخرج الألماني": a person's description begins
            j += 1
        elif (k in ("و", "ل") and j + 1 < n and keys[j + 1].startswith(attached)
              and (keys[j + 1][1:].startswith("ال") or (k == "ل" and keys[j + 1][1:].startswith("ل")))
              # "ل" + "لعام" reads as "العام" (the year) too: first_keys restores the article
              and not any(x in stop for x in first_keys(keys, j + 1))
              and not (k == "و" and keys[j + 1][3:] in heads)
              # a nationality adjective closes a name: "وزارة الدفاع البريطانية" +
              # "والشرطة" (and the police)
              and not (k == "و" and nisba_key(keys[j - 1].lstrip(attached)))):
            # "و" + a definite head noun opens a second organisation: "الاتحاد الأفريقي" +
            # "والهيئة الحكومية للتنمية"
            j += 2
        else:
            break
        words += 1
    return j
