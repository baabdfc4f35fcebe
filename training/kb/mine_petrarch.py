"""Mine person names from UniversalPetrarch's Arabic actor dictionary into the KB seed.

    python training/kb/mine_petrarch.py      # writes src/rasid/resources/kb/petrarch_people.tsv

Reads ../shared/data/universalpetrarch-arabic-dicts/actor_dict_ar_v4.txt (MIT). Keeps entries
that look like personal names (2-4 words, none of them an office, institution or place noun,
nor a nationality adjective) with a country code, and writes one row per person: the
Arabic name, the ISO3 country and the CAMEO affiliations with their dates. The KB build loads
them as weak entries (used to link spans NER found, never to scan text on their own).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from rasid.kb.keys import match_key  # noqa: E402
from rasid.resources import read_table  # noqa: E402

SOURCE = REPO.parent / "shared" / "data" / "universalpetrarch-arabic-dicts" / "actor_dict_ar_v4.txt"
OUT = REPO / "src" / "rasid" / "resources" / "kb" / "petrarch_people.tsv"
_CODE = re.compile(r"\[([A-Z]{3})([A-Z]*)\s*([0-9]{8})?-?([0-9]{8})?\]")
# words that make an entry a description rather than a personal name
_STOP = set("""مجلس وزير وزارة حكومة سفارة مسؤول جيش شرطة قوة نظام رئيس أمين عام حزب حركة جبهة
منظمة اتحاد جامعة هيئة لجنة مكتب شركة بنك وكالة قناة صحيفة مجلة محكمة برلمان نائب سفير متحدث
زعيم ملك أمير شيخ قائد جنرال عقيد لواء فريق رئيسة وزيرة ديوان مؤتمر اتفاق تنظيم جماعة قوات
مليشيا ميليشيا دولة مدينة محافظة ولاية إقليم مجموعة معارضة عاهل مرشد سلطة مصدر مواطن متظاهر
لاجئ طالب عامل أرض سفينة دبابة قام بئر بني مخيم قرية حي شارع ساحة مسجد كنيسة سجن مطار ميناء
معهد مركز مستشفى مدرسة نقابة رابطة تحالف ائتلاف كتلة مصرف صندوق برنامج خلية عناصر ملكي
الديوان ديوان أعضاء عضو جنود جندي ضابط ضباط مقاتل مقاتلين مسلح مسلحين جبل اقليم شمال جنوب
شرق غرب مستثمر محققين وطني طاقة""".split())


def _date(s: str | None) -> str | None:
    return f"{s[:4]}-{s[4:6]}-{s[6:]}" if s else None


def main() -> int:
    countries = {row[0] for row in list(read_table("kb/countries.tsv"))[1:]}
    nisba = {match_key(n) for row in list(read_table("kb/countries.tsv"))[1:]
             for n in (row[5].split("|") if len(row) > 5 else []) if n}
    entries: list[list] = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t" and "[" in line:
            if entries:
                entries[-1][1] += _CODE.findall(line)
            continue
        m = re.match(r"^\s*(\S+)\s*(.*)$", line)
        entries.append([m.group(1), _CODE.findall(m.group(2))])
    rows: dict[str, tuple[str, str, str]] = {}
    for name, codes in entries:
        words = [w for w in name.split("_") if w]
        if not name.endswith("_") or not 2 <= len(words) <= 4:
            continue
        if any(w in _STOP or match_key(w) in nisba or len(w) < 2 for w in words):
            continue
        codes = [c for c in codes if c[0] in countries]
        if not codes:
            continue
        text = " ".join(words)
        affil = []
        for _iso, sub, start, end in codes:
            if end and start and end < start:
                end = ""  # PETRARCH writes an open end as an earlier sentinel date
            affil.append(f"{sub or '-'}:{_date(start) or ''}..{_date(end) or ''}")
        key = match_key(text)
        if key in rows:
            continue
        rows[key] = (text, codes[0][0], ";".join(dict.fromkeys(affil)))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# rasid KB seed: people mined from UniversalPetrarch's Arabic actor dictionary\n"
                 "# (github.com/openeventdata/UniversalPetrarch, dictionaries/actor_dict_ar_v4.txt,\n"
                 "# MIT licence) by training/kb/mine_petrarch.py. Weak entries: they link names NER\n"
                 "# found, and never scan text by themselves. No English names, no Wikidata ids.\n"
                 "# Columns: name_ar, country (iso3), cameo (CAMEO sector:from..to; ';'-separated)\n")
        fh.write("name_ar\tcountry\tcameo\n")
        for text, iso, affil in sorted(rows.values()):
            fh.write(f"{text}\t{iso}\t{affil}\n")
    print(f"{len(rows)} people -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
