"""Train rasid's NER BiLSTM-CRF (rasid.ner.lstm) on the converted gold corpora.

    python training/ner/train_lstm.py --corpus training/ner/work/corpus \
        [--vectors src/rasid/resources/models/ner/model] [--out DIR] [--smoke]

Needs PyTorch (``pip install -e '.[train]'``; CPU is enough: about 10 minutes on two
cores); rasid itself runs the trained model with numpy. Reads ``train.spacy`` (ANERcorp train
minus its last 10% + AQMAR, on rasid's tokens, from convert.py), keeps the epoch that scores
best on ``dev.spacy`` (ANERcorp's dev part) and writes ``weights.npz``, ``lexicon.tsv.gz``
(the per-word features frozen as the CRF's are: name lists, news counts, clusters of the
CNN's vectors) and ``meta.json`` (sha256 manifest, the digest of the CNN's vectors it read,
scores) into ``--out`` (default: the package's ``resources/models/ner/lstm``).

Each token's input: the sum of embeddings of its CRF features (the key feature dropped one
time in ten while training, so rare words lean on the rest), its unit-length static vector
(frozen), and a width-3 convolution over its letters, max-pooled; one bidirectional LSTM
layer; a linear layer to tag scores; a CRF's label transitions on top (no start or end
weights, so rasid.ner.crf's decoder reads them).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy
import spacy
from spacy.tokens import DocBin

try:
    import torch
    from torch import nn
except ImportError:  # pragma: no cover - training only
    sys.exit("train_lstm.py needs PyTorch: pip install -e '.[train]'")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from finalize import GOLD_LICENSE, GOLD_SOURCES  # noqa: E402  (training/ner/)
from teacher_data import iob  # noqa: E402
from train_crf import clusters, person_counts, write_meta  # noqa: E402

from rasid.ner.crf import LEXICON_FILE, tag_spans  # noqa: E402
from rasid.ner.crf_features import build_lexicon  # noqa: E402
from rasid.ner.features import packaged_classes  # noqa: E402
from rasid.ner.lstm import GLUED, MAX_LETTERS, WEIGHTS_FILE, vectors_digest  # noqa: E402
from rasid.ner.model_files import file_digests  # noqa: E402
from rasid.resources import resource_path  # noqa: E402

VERSION = "1.0.0"
FEATURE_DIMS, LETTER_DIMS, FILTERS = 64, 32, 64
META = {
    "name": "rasid_ner_lstm",
    "version": VERSION,
    "description": "rasid's third NER model: a BiLSTM-CRF over the CRF's features, the CNN's "
                   "static vectors and letters; see ../MODEL_CARD.md",
    "license": GOLD_LICENSE,
    "sources": [
        *GOLD_SOURCES,
        {"name": "ANT corpus v2.1 (news counts of rasid's NER; the CNN's word vectors)",
         "license": "Apache-2.0"},
        {"name": "arabic-names-akhateeb, mledoze/countries and rasid's KB seeds (name-list "
                 "classes)", "license": "MIT / ODbL 1.0"},
    ],
}


class Encoded:
    """A sentence as index lists: features per token, key feature, vector row, letters,
    gold tags."""

    def __init__(self, feats, keys, rows, letters, tags) -> None:
        self.feats, self.keys, self.rows, self.letters, self.tags = (
            feats, keys, rows, letters, tags)


class Tagger(nn.Module):
    def __init__(self, n_features: int, n_letters: int, vectors: numpy.ndarray,
                 n_labels: int, hidden: int, dropout: float) -> None:
        super().__init__()
        self.bag = nn.EmbeddingBag(n_features, FEATURE_DIMS, mode="sum", padding_idx=0)
        self.vectors = nn.Embedding.from_pretrained(torch.tensor(vectors), freeze=True)
        self.letters = nn.Embedding(n_letters, LETTER_DIMS, padding_idx=0)
        self.conv = nn.Conv1d(LETTER_DIMS, FILTERS, 3, padding=1)
        self.drop = nn.Dropout(dropout)
        self.lstm = nn.LSTM(FEATURE_DIMS + vectors.shape[1] + FILTERS, hidden,
                            batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_labels)
        self.transitions = nn.Parameter(torch.zeros(n_labels, n_labels))

    def emissions(self, batch) -> torch.Tensor:
        flat, offsets, mask, rows, letters, letter_mask = batch
        b, t = mask.shape
        bag = torch.zeros(b * t, FEATURE_DIMS)
        bag[mask.view(-1)] = self.bag(flat, offsets)
        c = self.conv(self.letters(letters.view(b * t, -1)).transpose(1, 2)).relu()
        c = c.masked_fill(~letter_mask.view(b * t, 1, -1), 0).max(2).values
        x = torch.cat([bag.view(b, t, -1), self.vectors(rows), c.view(b, t, -1)], 2)
        lengths = mask.sum(1)
        packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths,
                                                   batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
        return self.out(self.drop(h))

    def nll(self, em: torch.Tensor, y: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Negative log-likelihood of the gold tags under the linear-chain CRF."""
        trans = self.transitions
        score = em[:, 0].gather(1, y[:, :1]).squeeze(1)
        alpha = em[:, 0]
        for t in range(1, em.shape[1]):
            m = mask[:, t]
            step = trans[y[:, t - 1], y[:, t]] + em[:, t].gather(1, y[:, t:t + 1]).squeeze(1)
            score = torch.where(m, score + step, score)
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans + em[:, t].unsqueeze(1), 1)
            alpha = torch.where(m.unsqueeze(1), nxt, alpha)
        return (torch.logsumexp(alpha, 1) - score).sum()

    def viterbi(self, em: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        trans = self.transitions.detach()
        em = em.detach()
        alpha, back = em[:, 0], []
        n_labels = trans.shape[0]
        for t in range(1, em.shape[1]):
            v, bp = (alpha.unsqueeze(2) + trans).max(1)
            m = mask[:, t].unsqueeze(1)
            alpha = torch.where(m, v + em[:, t], alpha)
            back.append(torch.where(m, bp, torch.arange(n_labels).expand_as(bp)))
        best = alpha.argmax(1)
        path = [best]
        for bp in reversed(back):
            best = bp.gather(1, best.unsqueeze(1)).squeeze(1)
            path.append(best)
        tags = torch.stack(path[::-1], 1)
        return [tags[k, :int(mask[k].sum())].tolist() for k in range(em.shape[0])]


def batchify(items: list[Encoded], key_dropout: float, rng: random.Random):
    b, t = len(items), max(len(it.rows) for it in items)
    width = max(len(w) for it in items for w in it.letters)
    mask = torch.zeros(b, t, dtype=torch.bool)
    rows = torch.zeros(b, t, dtype=torch.long)
    y = torch.zeros(b, t, dtype=torch.long)
    letters = torch.zeros(b, t, width, dtype=torch.long)
    letter_mask = torch.zeros(b, t, width, dtype=torch.bool)
    flat: list[int] = []
    offsets: list[int] = []
    for k, it in enumerate(items):
        n = len(it.rows)
        mask[k, :n] = True
        rows[k, :n] = torch.tensor(it.rows)
        y[k, :n] = torch.tensor(it.tags)
        for i in range(n):
            feats = it.feats[i]
            if key_dropout and rng.random() < key_dropout:
                feats = [f for f in feats if f != it.keys[i]]
            offsets.append(len(flat))
            flat.extend(feats)
            letters[k, i, :len(it.letters[i])] = torch.tensor(it.letters[i])
            letter_mask[k, i, :len(it.letters[i])] = True
    return (torch.tensor(flat, dtype=torch.long), torch.tensor(offsets, dtype=torch.long),
            mask, rows, letters, letter_mask), y


def score(model: Tagger, data: list[Encoded], labels: list[str]) -> dict:
    """CoNLL exact-span micro P/R/F1 on rasid's tokens, ANERcorp's types (GPE → LOC)."""
    model.eval()
    tp = fp = fn = 0
    aner = {"GPE": "LOC"}
    with torch.no_grad():
        for k in range(0, len(data), 64):
            items = data[k:k + 64]
            batch, _ = batchify(items, 0.0, random.Random(0))
            for it, tags in zip(items, model.viterbi(model.emissions(batch), batch[2]),
                                strict=True):
                gold = {(a, b, aner.get(x, x)) for a, b, x in
                        tag_spans([labels[i] for i in it.tags])}
                pred = {(a, b, aner.get(x, x)) for a, b, x in
                        tag_spans([labels[i] for i in tags])}
                tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    model.train()
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"p": round(100 * p, 1), "r": round(100 * r, 1),
            "f": round(200 * p * r / max(p + r, 1e-9), 2)}


def quantized(name: str, table: numpy.ndarray) -> dict[str, numpy.ndarray]:
    """``table`` as int8 rows with one float scale per row (rasid.ner.lstm reads it back):
    the feature embeddings are most of the model, and a quarter of their float32 size
    keeps the NER models under 50 MB."""
    scale = numpy.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return {name: numpy.round(table / scale[:, None]).astype(numpy.int8),
            f"{name}_scale": scale.astype(numpy.float32)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True,
                    help="convert.py's output folder (train.spacy, dev.spacy)")
    ap.add_argument("--vectors", type=Path,
                    default=Path(str(resource_path("models/ner/model"))),
                    help="the CNN model whose static vectors the LSTM reads (the packaged "
                         "one at run time: train after it)")
    ap.add_argument("--out", type=Path,
                    default=Path(str(resource_path("models/ner"))) / "lstm")
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--smoke", action="store_true", help="300 sentences, one epoch")
    args = ap.parse_args(argv)
    started = time.time()
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
    nlp = spacy.blank("xx")
    train = list(DocBin().from_disk(args.corpus / "train.spacy").get_docs(nlp.vocab))
    dev = list(DocBin().from_disk(args.corpus / "dev.spacy").get_docs(nlp.vocab))
    epochs = args.epochs
    if args.smoke:
        train, dev, epochs = train[:300], dev[:50], 1
    print(f"clustering the vectors of {args.vectors} ...", file=sys.stderr)
    lexicon = build_lexicon(packaged_classes(), person_counts(), clusters(args.vectors))
    vocab = spacy.vocab.Vocab()
    vocab.from_disk(args.vectors / "vocab")
    key2row = dict(vocab.vectors.key2row)
    table = numpy.asarray(vocab.vectors.data, dtype=numpy.float32)
    table = table / (numpy.linalg.norm(table, axis=1, keepdims=True) + 1e-6)
    table = numpy.vstack([numpy.zeros((1, table.shape[1]), numpy.float32), table])

    def words_of(doc):
        return [t.text for t in doc], [bool(t.whitespace_) for t in doc]

    feature_counts: Counter = Counter({GLUED: 1})
    letter_set: set[str] = set()
    for doc in train:
        for word in words_of(doc)[0]:
            feature_counts.update(lexicon.word_features(word)[0])
            letter_set.update(word[:MAX_LETTERS])
    features = {f: i + 1 for i, f in enumerate(sorted(feature_counts))}
    letters = {c: i + 1 for i, c in enumerate(sorted(letter_set))}
    labels = sorted({tag for doc in train for tag in iob(doc)} | {"O"})
    label_ids = {tag: i for i, tag in enumerate(labels)}

    def encode(doc) -> Encoded:
        words, spaces = words_of(doc)
        feats, keys = [], []
        for i, word in enumerate(words):
            own = lexicon.word_features(word)[0]
            ids = [features.get(f, 0) for f in own]
            if i > 0 and not spaces[i - 1]:
                ids.append(features[GLUED])
            feats.append(ids)
            keys.append(features.get(own[0], 0))  # own[0] is "n=<key>"
        rows = [key2row.get(vocab.strings[w], -1) + 1 for w in words]
        chars = [[letters.get(c, 0) for c in w[:MAX_LETTERS]] for w in words]
        tags = [label_ids.get(t, label_ids["O"]) for t in iob(doc)]
        return Encoded(feats, keys, rows, chars, tags)

    train_enc, dev_enc = [encode(d) for d in train], [encode(d) for d in dev]
    model = Tagger(len(features) + 1, len(letters) + 1, table, len(labels),
                   args.hidden, args.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    best: tuple[float, int, dict] = (-1.0, -1, {})
    history = []
    for epoch in range(epochs):
        t0 = time.time()
        order = list(range(len(train_enc)))
        rng.shuffle(order)
        total = 0.0
        for k in range(0, len(order), 16):
            items = [train_enc[i] for i in order[k:k + 16]]
            batch, y = batchify(items, 0.1, rng)
            loss = model.nll(model.emissions(batch), y, batch[2])
            opt.zero_grad()
            (loss / len(items)).backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item()
        dev_score = score(model, dev_enc, labels)
        history.append({"epoch": epoch, "loss": round(total), "dev": dev_score})
        print(f"epoch {epoch}: loss {total:.0f}, ANERcorp-dev {dev_score} "
              f"({time.time() - t0:.0f}s)", file=sys.stderr, flush=True)
        if dev_score["f"] > best[0]:
            best = (dev_score["f"], epoch,
                    {k: v.detach().clone() for k, v in model.state_dict().items()})
    model.load_state_dict(best[2])
    sd = {k: v.numpy() for k, v in model.state_dict().items()}
    args.out.mkdir(parents=True, exist_ok=True)
    for stale in args.out.iterdir():  # a previous model's files
        if stale.is_file():
            stale.unlink()
    numpy.savez_compressed(
        args.out / WEIGHTS_FILE,
        labels=numpy.array(labels), transitions=sd["transitions"],
        features=numpy.array(sorted(features, key=features.get)),
        **quantized("feature_emb", sd["bag.weight"]),
        letters=numpy.array(sorted(letters, key=letters.get)),
        letter_emb=sd["letters.weight"], conv_w=sd["conv.weight"], conv_b=sd["conv.bias"],
        w_ih_f=sd["lstm.weight_ih_l0"], w_hh_f=sd["lstm.weight_hh_l0"],
        b_f=sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
        w_ih_b=sd["lstm.weight_ih_l0_reverse"], w_hh_b=sd["lstm.weight_hh_l0_reverse"],
        b_b=sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
        out_w=sd["out.weight"], out_b=sd["out.bias"])
    lexicon.write(args.out / LEXICON_FILE,
                  "frozen by training/ner/train_lstm.py from token_classes.tsv, "
                  "person_share.tsv.gz and k-means clusters of the NER model's vectors")
    meta = dict(META, vectors_sha256=vectors_digest(vocab.vectors),
                training={"sentences": len(train), "epochs": epochs, "best_epoch": best[1],
                          "hidden": args.hidden, "dropout": args.dropout, "lr": args.lr,
                          "seed": args.seed, "smoke": args.smoke,
                          "anercorp_dev_model_alone": history[best[1]]["dev"] if history
                          else None, "history": history})
    meta["rasid_files"] = file_digests(args.out)
    write_meta(args.out, meta)
    print(json.dumps({"out": str(args.out), "best_epoch": best[1],
                      "anercorp_dev": history[best[1]]["dev"] if history else None,
                      "seconds": round(time.time() - started)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
