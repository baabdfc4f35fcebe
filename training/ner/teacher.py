"""Teacher for the NER student: a small transformer pretrained from scratch, then fine-tuned.

rasid's shipped NER is a spaCy CNN (fast, small, CPU only). No pretrained Arabic encoder can
be downloaded here, so this script pretrains one itself (masked-language modelling on the raw
news packed by training/ner/teacher_data.py), fine-tunes it on the gold corpora (IOB tags on
rasid's tokens), reports ANERcorp dev/test F1, and tags the unlabelled news so that the CNN
can be trained on those tags too (distillation; training/ner/train.sh TEACHER=...). It is a
training-time tool: it needs PyTorch and the ``tokenizers`` package, neither of which rasid
depends on, and a GPU to finish in minutes (it runs on CPU for a smoke test).

    python training/ner/teacher.py --data /tmp/teacher --out /tmp/teacher/out \
        --pretrain-seconds 330

Everything is bounded by wall-clock budgets (pretraining by ``--pretrain-seconds``, the
learning rate decays over that time), so a run on a rented GPU ends when planned. Outputs
(in --out): report.json (settings, losses, F1 per run), silver.tsv.gz (line number in
pretrain.txt.xz, IOB tags, confidence), test_pred.jsonl.gz, tokenizer.json, and the
fine-tuned weights in fp16 split into <16 MB parts (model.pt.00, ...).
"""

from __future__ import annotations

import argparse
import copy
import gzip
import io
import json
import lzma
import math
import random
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD, UNK, CLS, SEP, MASK = range(5)
T0 = time.time()
AUTOCAST = False  # bf16 autocast on a GPU (main() sets it)


def log(msg: str) -> None:
    print(f"[{time.time() - T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------- data

def read_pretrain(path: Path, max_lines: int | None) -> tuple[list[str], list[int]]:
    """Lines of pretrain.txt.xz and the document index of each (blank line = next doc)."""
    lines, docs, doc = [], [], 0
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                doc += 1
                lines.append("")
                docs.append(doc)
                continue
            lines.append(line)
            docs.append(doc)
            if max_lines and len(lines) >= max_lines:
                break
    return lines, docs


def read_ner(path: Path) -> dict[str, list[tuple[list[str], list[str]]]]:
    opener = lzma.open if path.suffix == ".xz" else open
    out: dict[str, list] = {"train": [], "dev": [], "test": []}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            out[row["split"]].append((row["norms"], row["tags"]))
    return out


def train_wordpiece(texts, vocab_size: int):
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]", max_input_chars_per_word=60))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    trainer = trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=SPECIALS,
                                        min_frequency=3, show_progress=False)
    tok.train_from_iterator(texts, trainer=trainer)
    return tok


class WordPieces:
    """word → subword ids, cached (rasid's norms are already tokens: no pre-splitting)."""

    def __init__(self, tok) -> None:
        self.tok = tok
        self.cache: dict[str, list[int]] = {}

    def add(self, words) -> None:
        new = sorted({w for w in words if w not in self.cache})
        for i in range(0, len(new), 20000):
            chunk = new[i:i + 20000]
            for w, enc in zip(chunk, self.tok.encode_batch([[w] for w in chunk],
                                                           is_pretokenized=True,
                                                           add_special_tokens=False), strict=True):
                self.cache[w] = enc.ids[:8] or [UNK]

    def __call__(self, word: str) -> list[int]:
        return self.cache[word]


# --------------------------------------------------------------------------------- model

class Block(nn.Module):
    def __init__(self, dim: int, heads: int, ff: int, dropout: float) -> None:
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.ln2 = nn.LayerNorm(dim)
        self.ff1 = nn.Linear(dim, ff)
        self.ff2 = nn.Linear(ff, dim)
        self.drop = nn.Dropout(dropout)
        self.p = dropout

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        b, n, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, n, 3, self.heads, d // self.heads).unbind(2)
        a = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2),
                                           v.transpose(1, 2), attn_mask=mask,
                                           dropout_p=self.p if self.training else 0.0)
        x = x + self.drop(self.proj(a.transpose(1, 2).reshape(b, n, d)))
        return x + self.drop(self.ff2(F.gelu(self.ff1(self.ln2(x)))))


class Encoder(nn.Module):
    def __init__(self, vocab: int, dim: int, layers: int, heads: int, max_len: int,
                 dropout: float = 0.1) -> None:
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)
        self.pos = nn.Embedding(max_len, dim)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(dim, heads, 4 * dim, dropout) for _ in range(layers))
        self.ln = nn.LayerNorm(dim)
        self.apply(self._init)

    @staticmethod
    def _init(m: nn.Module) -> None:
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def forward(self, ids: torch.Tensor, pad_mask: torch.Tensor | None = None) -> torch.Tensor:
        pos = torch.arange(ids.shape[1], device=ids.device)
        x = self.drop(self.tok(ids) + self.pos(pos))
        mask = None
        if pad_mask is not None:  # (b, 1, 1, n) True where attending is allowed
            mask = pad_mask[:, None, None, :]
        for blk in self.blocks:
            x = blk(x, mask)
        return self.ln(x)


class MLMHead(nn.Module):
    def __init__(self, enc: Encoder) -> None:
        super().__init__()
        dim = enc.tok.weight.shape[1]
        self.dense = nn.Linear(dim, dim)
        self.ln = nn.LayerNorm(dim)
        self.enc = enc
        self.bias = nn.Parameter(torch.zeros(enc.tok.weight.shape[0]))

    def forward(self, h: torch.Tensor) -> torch.Tensor:  # tied output embeddings
        return self.ln(F.gelu(self.dense(h))) @ self.enc.tok.weight.T + self.bias


# ----------------------------------------------------------------------------- pretraining

def pretrain(enc: Encoder, stream: torch.Tensor, args, dev: torch.device, report: dict) -> None:
    """Masked-LM on random windows of the token stream for ``args.pretrain_seconds``."""
    head = MLMHead(enc).to(dev)
    params = list(enc.parameters()) + [p for n, p in head.named_parameters()
                                       if not n.startswith("enc.")]
    opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.9, 0.98), weight_decay=0.01,
                            **({"fused": True} if dev.type == "cuda" and not args.safe else {}))
    vocab = enc.tok.weight.shape[0]
    L, B = args.seq, args.batch
    stream = stream.to(dev)
    n = stream.numel() - L
    budget, warm = args.pretrain_seconds, 0.05 * args.pretrain_seconds
    start, step, losses = time.time(), 0, []
    enc.train()
    head.train()
    while True:
        t = time.time() - start
        if t >= budget:
            break
        lr = args.lr * min(1.0, (t + 1e-3) / warm) * max(0.02, 1.0 - t / budget)
        for g in opt.param_groups:
            g["lr"] = lr
        offs = torch.randint(0, n, (B,), device=dev)
        ids = stream[offs[:, None] + torch.arange(L - 1, device=dev)]
        ids = torch.cat([torch.full((B, 1), CLS, device=dev, dtype=ids.dtype), ids], 1)
        labels = ids.clone()
        special = ids < len(SPECIALS)
        pick = (torch.rand(ids.shape, device=dev) < args.mask_rate) & ~special
        r = torch.rand(ids.shape, device=dev)
        inp = ids.clone()
        inp[pick & (r < 0.8)] = MASK
        rnd = pick & (r >= 0.8) & (r < 0.9)
        inp[rnd] = torch.randint(len(SPECIALS), vocab, (int(rnd.sum()),), device=dev,
                                 dtype=ids.dtype)
        with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=AUTOCAST):
            h = enc(inp)
            logits = head(h[pick])
            loss = F.cross_entropy(logits.float(), labels[pick])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        if step % 100 == 0:
            losses.append(round(loss.item(), 4))
        if step % 1000 == 0 or step == 10:
            log(f"pretrain step {step} loss {loss.item():.3f} lr {lr:.2e}")
    report["pretrain"] = {"steps": step, "seconds": round(time.time() - start, 1),
                          "tokens_seen": step * B * L, "loss_every_100": losses}
    log(f"pretrained {step} steps")


# ------------------------------------------------------------------------------- tagging

# The teacher keeps its own small scorer: the GPU machine it runs on has neither spaCy nor
# rasid installed (bench/ner_eval.py scores rasid's full pipeline, not IOB tag lists).
def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """CoNLL spans from IOB tags (an I- after O or another type starts a span)."""
    out, start, typ = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def prf(gold: list[list[str]], pred: list[list[str]]) -> dict:
    tp = fp = fn = 0
    per: dict[str, list[int]] = {}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = spans(g), spans(p)
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
        for s in gs | ps:
            c = per.setdefault(s[2], [0, 0, 0])
            c[0] += s in gs and s in ps
            c[1] += s in ps and s not in gs
            c[2] += s in gs and s not in ps

    def f(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {"p": round(100 * p, 2), "r": round(100 * r, 2),
                "f": round(200 * p * r / (p + r), 2) if p + r else 0.0}

    return {**f(tp, fp, fn), "types": {k: f(*v) for k, v in sorted(per.items())}}


class Tagger(nn.Module):
    def __init__(self, enc: Encoder, n_labels: int) -> None:
        super().__init__()
        self.enc = enc
        self.drop = nn.Dropout(0.1)
        self.out = nn.Linear(enc.tok.weight.shape[1], n_labels)

    def forward(self, ids, pad_mask):
        return self.out(self.drop(self.enc(ids, pad_mask)))


def encode_sentence(words: list[str], wp: WordPieces, max_len: int):
    """[CLS] pieces [SEP] and the position of each word's first piece (None if cut off)."""
    ids, first = [CLS], []
    for w in words:
        pieces = wp(w)
        if len(ids) + len(pieces) >= max_len - 1:
            first.append(None)
            continue
        first.append(len(ids))
        ids.extend(pieces)
    ids.append(SEP)
    return ids, first


def batches(items: list, size: int, shuffle: bool, rng: random.Random):
    """Batches of similar length (sorted within shuffled pools) to waste little padding."""
    order = list(range(len(items)))
    if shuffle:
        rng.shuffle(order)
    pool = size * 50
    out = []
    for i in range(0, len(order), pool):
        chunk = sorted(order[i:i + pool], key=lambda j: len(items[j][0]))
        out.extend(chunk[k:k + size] for k in range(0, len(chunk), size))
    if shuffle:
        rng.shuffle(out)
    return out


def collate(items, idx, dev, with_labels: bool):
    n = max(len(items[j][0]) for j in idx)
    ids = torch.full((len(idx), n), PAD, dtype=torch.long)
    lab = torch.full((len(idx), n), -100, dtype=torch.long)
    for r, j in enumerate(idx):
        seq = items[j][0]
        ids[r, :len(seq)] = torch.tensor(seq)
        if with_labels:
            for pos, y in zip(items[j][1], items[j][2], strict=True):
                if pos is not None:
                    lab[r, pos] = y
    ids, lab = ids.to(dev, non_blocking=True), lab.to(dev, non_blocking=True)
    return ids, ids != PAD, lab


@torch.no_grad()
def predict_probs(model: Tagger, items, dev, batch: int = 256) -> list[torch.Tensor]:
    """Per sentence: (words, labels) probabilities; a word cut off gets all mass on O (0)."""
    model.eval()
    out: list = [None] * len(items)
    for idx in batches(items, batch, False, random.Random(0)):
        ids, mask, _ = collate(items, idx, dev, False)
        with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=AUTOCAST):
            probs = model(ids, mask).float().softmax(-1).cpu()
        for r, j in enumerate(idx):
            first = items[j][1]
            p = torch.zeros(len(first), probs.shape[-1])
            p[:, 0] = 1.0
            keep = [i for i, pos in enumerate(first) if pos is not None]
            if keep:
                p[keep] = probs[r, [first[i] for i in keep]]
            out[j] = p
    return out


def decode(probs: torch.Tensor, labels: list[str]) -> list[str]:
    """Argmax tags, with an I- that cannot continue turned into B- (a valid IOB sequence)."""
    tags = [labels[i] for i in probs.argmax(-1).tolist()]
    for i, t in enumerate(tags):
        if t.startswith("I-") and (i == 0 or tags[i - 1][2:] != t[2:]):
            tags[i] = "B-" + t[2:]
    return tags


def finetune(enc_state, make_enc, train, dev_items, gold_dev, labels, args, dev, lr: float,
             seed: int):
    """Fine-tune a copy of the pretrained encoder on ``train`` ((pieces, first piece of each
    word, label ids) per sentence, encoded once for every run); keep the epoch best on
    ANERcorp dev."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    enc = make_enc()
    enc.load_state_dict(enc_state)
    model = Tagger(enc, len(labels)).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(train) / args.ft_batch)
    warm, step = max(1, steps // 10), 0
    best, best_state, history = -1.0, None, []
    for epoch in range(args.epochs):
        model.train()
        for idx in batches(train, args.ft_batch, True, rng):
            ids, mask, lab = collate(train, idx, dev, True)
            for g in opt.param_groups:
                g["lr"] = lr * min(1.0, (step + 1) / warm) * max(0.0, 1 - step / steps)
            with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=AUTOCAST):
                logits = model(ids, mask)
            loss = F.cross_entropy(logits.float().view(-1, len(labels)), lab.view(-1),
                                   ignore_index=-100)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
        probs = predict_probs(model, dev_items, dev)
        score = prf(gold_dev, [decode(p, labels) for p in probs])["f"]
        history.append(score)
        if score > best:
            best, best_state = score, copy.deepcopy(model.state_dict())
        log(f"finetune lr {lr:g} seed {seed} epoch {epoch + 1} dev F1 {score:.2f}")
    model.load_state_dict(best_state)
    return model, {"lr": lr, "seed": seed, "dev_history": history, "dev_best": best}


# ---------------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="teacher_data.py's folder")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--vocab", type=int, default=16000)
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--layers", type=int, default=8)
    ap.add_argument("--heads", type=int, default=6)
    ap.add_argument("--seq", type=int, default=256, help="pretraining window (pieces)")
    ap.add_argument("--max-len", type=int, default=256, help="fine-tuning sentence limit")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=7e-4)
    ap.add_argument("--mask-rate", type=float, default=0.15)
    ap.add_argument("--pretrain-seconds", type=float, default=330)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--ft-batch", type=int, default=32)
    ap.add_argument("--ft-lrs", default="1e-4,2e-4,4e-4")
    ap.add_argument("--silver-from-doc", type=int, default=10000,
                    help="tag sentences of documents from this index on")
    ap.add_argument("--silver-max", type=int, default=250000, help="most sentences tagged")
    ap.add_argument("--max-lines", type=int, default=None, help="smoke tests: fewer lines")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--safe", action="store_true",
                    help="no bf16 autocast and no fused optimiser (if a GPU run fails)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)
    global AUTOCAST
    AUTOCAST = dev.type == "cuda" and not args.safe
    report: dict = {"args": {k: str(v) for k, v in vars(args).items()}, "device": str(dev),
                    "torch": torch.__version__}
    if dev.type == "cuda":
        report["gpu"] = torch.cuda.get_device_name(0)

    def save_report() -> None:
        (args.out / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")

    lines, line_docs = read_pretrain(args.data / "pretrain.txt.xz", args.max_lines)
    ner_path = args.data / "ner.jsonl.xz"
    data = read_ner(ner_path if ner_path.exists() else args.data / "ner.jsonl")
    log(f"{len(lines)} lines, {line_docs[-1] + 1} documents; "
        + ", ".join(f"{k} {len(v)}" for k, v in data.items()))
    ner_texts = [" ".join(w) for split in data.values() for w, _ in split]
    tok = train_wordpiece((x for x in lines + ner_texts if x), args.vocab)
    tok.save(str(args.out / "tokenizer.json"))
    wp = WordPieces(tok)
    wp.add(w for x in lines for w in x.split())
    wp.add(w for split in data.values() for ws, _ in split for w in ws)
    vocab = tok.get_vocab_size()
    flat: list[int] = []
    for x in lines:
        if x:
            for w in x.split():
                flat.extend(wp(w))
        flat.append(SEP)
    stream = torch.tensor(flat, dtype=torch.long)
    report["data"] = {"lines": len(lines), "pieces": len(flat), "vocab": vocab,
                      "words_cached": len(wp.cache)}
    log(f"vocab {vocab}, {len(flat)} pieces")
    save_report()

    def make_enc() -> Encoder:
        return Encoder(vocab, args.dim, args.layers, args.heads, max(args.seq, args.max_len))

    enc = make_enc().to(dev)
    report["params"] = sum(p.numel() for p in enc.parameters())
    if args.pretrain_seconds > 0:
        pretrain(enc, stream, args, dev, report)
    save_report()
    enc_state = {k: v.detach().clone() for k, v in enc.state_dict().items()}
    del enc
    if dev.type == "cuda":
        torch.cuda.empty_cache()

    labels = ["O"] + sorted({t for split in data.values() for _, tags in split for t in tags}
                            - {"O"})
    report["labels"] = labels
    test_items = [encode_sentence(w, wp, args.max_len) for w, _ in data["test"]]
    dev_items = [encode_sentence(w, wp, args.max_len) for w, _ in data["dev"]]
    gold_dev = [t for _, t in data["dev"]]
    gold_test = [t for _, t in data["test"]]
    lab_id = {t: i for i, t in enumerate(labels)}
    train_items = [(*encode_sentence(words, wp, args.max_len),
                    [lab_id.get(t, 0) for t in tags]) for words, tags in data["train"]]
    runs, models, test_probs = [], [], []
    for i, lr in enumerate(float(x) for x in args.ft_lrs.split(",")):
        model, info = finetune(enc_state, make_enc, train_items, dev_items, gold_dev, labels,
                               args, dev, lr, args.seed + i)
        test_probs.append(predict_probs(model, test_items, dev))
        info["test"] = prf(gold_test, [decode(p, labels) for p in test_probs[-1]])
        runs.append(info)
        models.append(model)
        report["finetune"] = runs
        save_report()
        log(f"lr {lr:g}: dev {info['dev_best']:.2f} test {info['test']['f']:.2f}")

    def average(per_model: list[list[torch.Tensor]]) -> list[torch.Tensor]:
        return [sum(ps) / len(ps) for ps in zip(*per_model, strict=True)]

    def ensemble_probs(items):
        return average([predict_probs(m, items, dev) for m in models])

    ens_test_probs = average(test_probs)
    ens_dev = prf(gold_dev, [decode(p, labels) for p in ensemble_probs(dev_items)])
    ens_test = prf(gold_test, [decode(p, labels) for p in ens_test_probs])
    report["ensemble"] = {"dev": ens_dev, "test": ens_test}
    best_single = max(range(len(runs)), key=lambda i: runs[i]["dev_best"])
    use_ensemble = ens_dev["f"] > runs[best_single]["dev_best"]
    report["teacher"] = "ensemble" if use_ensemble else f"run {best_single}"
    log(f"ensemble dev {ens_dev['f']:.2f} test {ens_test['f']:.2f}; teacher: "
        f"{report['teacher']}")
    save_report()

    def teacher_probs(items):
        return ensemble_probs(items) if use_ensemble else \
            predict_probs(models[best_single], items, dev)

    with gzip.open(args.out / "test_pred.jsonl.gz", "wt", encoding="utf-8") as f:
        for p in ens_test_probs if use_ensemble else test_probs[best_single]:
            f.write(json.dumps(decode(p, labels)) + "\n")

    # silver: sentences of 6..80 tokens from documents >= --silver-from-doc
    chosen = [i for i, (x, d) in enumerate(zip(lines, line_docs, strict=True))
              if x and d >= args.silver_from_doc and 6 <= len(x.split()) <= 80]
    chosen = chosen[:args.silver_max]
    log(f"tagging {len(chosen)} silver sentences")
    with gzip.open(args.out / "silver.tsv.gz", "wt", encoding="utf-8") as f:
        for start in range(0, len(chosen), 20000):
            part = chosen[start:start + 20000]
            items = [encode_sentence(lines[i].split(), wp, args.max_len) for i in part]
            for i, p in zip(part, teacher_probs(items), strict=True):
                conf = p.max(-1).values.min().item()
                f.write(f"{i}\t{' '.join(decode(p, labels))}\t{conf:.3f}\n")
    report["silver_sentences"] = len(chosen)
    save_report()

    state = {"args": {k: str(v) for k, v in vars(args).items()},
             "labels": labels, "vocab": vocab,
             "model": {k: v.half() for k, v in models[best_single].state_dict().items()}}
    buf = io.BytesIO()
    torch.save(state, buf)
    blob, part = buf.getvalue(), 15 * 2**20
    for k in range(0, len(blob), part):
        (args.out / f"model.pt.{k // part:02d}").write_bytes(blob[k:k + part])
    report["seconds"] = round(time.time() - T0, 1)
    save_report()
    log("done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
