"""Train rasid's NER CRF (rasid.ner.crf) on the converted gold corpora.

    python training/ner/train_crf.py --corpus training/ner/work/corpus \
        [--vectors src/rasid/resources/models/ner/model] [--out DIR] [--smoke]

Reads ``train.spacy`` (ANERcorp train minus its last 10% + AQMAR, on rasid's tokens, from
convert.py) and scores ``dev.spacy`` (ANERcorp's dev part) at the end. Its lexical features
are frozen into the model's ``lexicon.tsv.gz``: the gazetteer-class table and the news
person counts as packaged now, and k-means clusters of the CNN model's static vectors
(``--vectors``: the model whose vectors to cluster, by default the packaged one). Writes
``weights.npz`` (the crfsuite model's weights, exported for rasid's own decoder),
``lexicon.tsv.gz`` and ``meta.json`` (with a sha256 manifest) into
``--out`` (default: the package's ``resources/models/ner/crf``). About 5 minutes on one
core; ``--smoke`` trains on 300 sentences for 10 iterations (seconds).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy
import pycrfsuite
import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from finalize import GOLD_LICENSE, GOLD_SOURCES  # noqa: E402  (training/ner/)
from teacher_data import iob  # noqa: E402

from rasid.ner.crf import (  # noqa: E402
    LEXICON_FILE,
    WEIGHTS_FILE,
    CrfTagger,
    CrfWeights,
    tag_spans,
)
from rasid.ner.crf_features import (  # noqa: E402
    CLUSTER_SIZES,
    CrfFeaturizer,
    build_lexicon,
)
from rasid.ner.features import packaged_classes  # noqa: E402
from rasid.ner.lexicon import entity_share, person_share  # noqa: E402
from rasid.ner.model_files import file_digests  # noqa: E402
from rasid.resources import resource_path  # noqa: E402

VERSION = "1.0.0"
KMEANS_ROUNDS = 12
META = {
    "name": "rasid_ner_crf",
    "version": VERSION,
    "description": "rasid's second NER model: a linear-chain CRF (python-crfsuite) over "
                   "affix, name-list, news-count and word-cluster features; see "
                   "../MODEL_CARD.md",
    "license": GOLD_LICENSE,
    "sources": [
        *GOLD_SOURCES,
        {"name": "ANT corpus v2.1 (news counts of rasid's NER; the CNN's word vectors, "
                 "clustered)", "license": "Apache-2.0"},
        {"name": "arabic-names-akhateeb, mledoze/countries and rasid's KB seeds (name-list "
                 "classes)", "license": "MIT / ODbL 1.0"},
    ],
}


def clusters(vectors_model: Path, seed: int = 0) -> dict[str, tuple[int, ...]]:
    """Spherical k-means of the model's static vectors, once per size of CLUSTER_SIZES:
    written form → cluster ids. Deterministic for a given vectors table and seed."""
    vocab = spacy.vocab.Vocab()
    vocab.from_disk(vectors_model / "vocab")
    keys = list(vocab.vectors.keys())
    if not keys:
        return {}
    data = numpy.asarray(vocab.vectors.data)
    x = data[[vocab.vectors.key2row[k] for k in keys]]
    x = x / (numpy.linalg.norm(x, axis=1, keepdims=True) + 1e-9)
    rng = numpy.random.default_rng(seed)
    ids = []
    for size in CLUSTER_SIZES:
        centres = x[rng.choice(len(x), min(size, len(x)), replace=False)]
        for _ in range(KMEANS_ROUNDS):
            assign = numpy.argmax(x @ centres.T, axis=1)
            for k in range(len(centres)):
                members = x[assign == k]
                if len(members):
                    mean = members.mean(0)
                    centres[k] = mean / (numpy.linalg.norm(mean) + 1e-9)
        ids.append(assign)
    return {vocab.strings[key]: tuple(int(a[i]) for a in ids) for i, key in enumerate(keys)}


def person_counts() -> list[tuple[str, int, int, int]]:
    """(word, times inside a person, times seen, times inside any entity) from the packaged
    news counts, as the rules read them (rasid.ner.lexicon)."""
    entities = entity_share()
    return [(word, person, seen, entities.get(word, (0, seen))[0])
            for word, (person, seen) in person_share().items()]


def exported(model: Path) -> CrfWeights:
    """A crfsuite model's weights as rasid's decoder reads them (rasid.ner.crf)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    info = tagger.info()
    labels = tagger.labels()
    label_ids = {lab: i for i, lab in enumerate(labels)}
    attributes = sorted(info.attributes, key=lambda a: int(info.attributes[a]))
    attr_ids = {a: i for i, a in enumerate(attributes)}
    state = numpy.zeros((len(attributes), len(labels)), dtype=numpy.float32)
    for (attr, lab), w in info.state_features.items():
        state[attr_ids[attr], label_ids[lab]] = w
    transitions = numpy.zeros((len(labels), len(labels)), dtype=numpy.float32)
    for (a, b), w in info.transitions.items():
        transitions[label_ids[a], label_ids[b]] = w
    return CrfWeights(labels, attributes, state, transitions)


def score(tagger: CrfTagger, docs) -> dict:
    """CoNLL exact-span micro P/R/F1 on rasid's tokens, ANERcorp's types (GPE → LOC)."""
    tp = fp = fn = 0
    for doc in docs:
        words = [t.text for t in doc]
        spaces = [bool(t.whitespace_) for t in doc]
        aner = {"GPE": "LOC"}
        gold = {(a, b, aner.get(lab, lab)) for a, b, lab in tag_spans(iob(doc))}
        pred = {(a, b, aner.get(lab, lab)) for a, b, lab in
                tag_spans(tagger.tags(words, spaces))}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"p": round(100 * p, 1), "r": round(100 * r, 1),
            "f": round(200 * p * r / max(p + r, 1e-9), 1)}


def write_meta(out: Path, meta: dict) -> None:
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True,
                    help="convert.py's output folder (train.spacy, dev.spacy)")
    ap.add_argument("--vectors", type=Path,
                    default=Path(str(resource_path("models/ner/model"))),
                    help="the spaCy model whose static vectors are clustered")
    ap.add_argument("--out", type=Path,
                    default=Path(str(resource_path("models/ner"))) / "crf")
    ap.add_argument("--c1", type=float, default=0.1, help="L1 penalty")
    ap.add_argument("--c2", type=float, default=0.05, help="L2 penalty")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--smoke", action="store_true", help="300 sentences, 10 iterations")
    args = ap.parse_args(argv)
    started = time.time()
    nlp = spacy.blank("xx")
    train = list(DocBin().from_disk(args.corpus / "train.spacy").get_docs(nlp.vocab))
    dev = list(DocBin().from_disk(args.corpus / "dev.spacy").get_docs(nlp.vocab))
    iterations = args.iterations
    if args.smoke:
        train, dev, iterations = train[:300], dev[:50], 10
    print(f"clustering the vectors of {args.vectors} ...", file=sys.stderr)
    lexicon = build_lexicon(packaged_classes(),
                            person_counts(),
                            clusters(args.vectors))
    featurizer = CrfFeaturizer(lexicon)
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in train:
        trainer.append(featurizer.sequence([t.text for t in doc],
                                           [bool(t.whitespace_) for t in doc]), iob(doc))
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    args.out.mkdir(parents=True, exist_ok=True)
    for stale in args.out.iterdir():  # a previous model's files
        if stale.is_file():
            stale.unlink()
    print(f"training on {len(train)} sentences, {iterations} iterations ...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(str(Path(tmp) / "model.crfsuite"))
        exported(Path(tmp) / "model.crfsuite").write(args.out / WEIGHTS_FILE)
    lexicon.write(args.out / LEXICON_FILE,
                  "frozen by training/ner/train_crf.py from token_classes.tsv, "
                  "person_share.tsv.gz and k-means clusters of the NER model's vectors")
    meta = dict(META, training={"sentences": len(train), "c1": args.c1, "c2": args.c2,
                                "iterations": iterations, "smoke": args.smoke})
    meta["rasid_files"] = file_digests(args.out)
    write_meta(args.out, meta)  # the tagger loads only files its manifest names
    meta["training"]["anercorp_dev_model_alone"] = dev_score = score(CrfTagger(args.out), dev)
    write_meta(args.out, meta)
    print(json.dumps({"out": str(args.out), "anercorp_dev": dev_score,
                      "seconds": round(time.time() - started)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
