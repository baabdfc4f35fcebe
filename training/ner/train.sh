#!/usr/bin/env bash
# Train rasid's NER end to end: convert the corpora, train word vectors, train a model on the
# gold corpora (stage 0), then self-train: label raw news with that model plus rasid's rules
# and train again on gold + labelled news (stage 1, ...); copy the last stage into the package;
# then train the second model, a CRF, on the gold corpora (training/ner/train_crf.py), and the
# third, a BiLSTM-CRF (training/ner/train_lstm.py, needs PyTorch).
#   bash training/ner/train.sh            full run (~50-60 min on 2 shared cores)
#   SMOKE=1 bash training/ner/train.sh    a few hundred sentences, 1 epoch per stage (CI)
# Env: DATA (default ../shared/data), PYTHON (default .venv/bin/python), OUT (work dir),
#      VECTORS=0 to train without static vectors (no gensim needed),
#      ROUNDS (default 1) self-training rounds after stage 0 (0 = gold only),
#      PSEUDO_TOKENS (default 120000) tokens of labelled news per round (training/ner/pseudo.py),
#      NEWS_CLASSES=1 (experiment, off by default): the gazetteer feature also marks words
#        rasid's NER mostly puts inside a person / another entity on raw news (NEWSPER /
#        NEWSENT, build_token_classes.py --news, into $OUT/token_classes.tsv),
#      SEED (default 0), FINALIZE=0 to leave the package's model alone (experiments),
#      TEACHER=dir (experiment, off by default): a teacher run's folder (training/ner/
#        teacher.py --out, on a GPU; training/ner/teacher_run is the committed one) whose tags
#        of raw news the last stage also trains on (TEACHER_TOKENS, default 200000; the news
#        text they point into is rebuilt by training/ner/teacher_data.py into $OUT/teacher).
#        TEACHER_RULES=1 passes those tags through rasid's gazetteer and rules first
#        (teacher_silver.py --rules). The shipped model is trained without a teacher
#        (MODEL_CARD.md: distillation). SMOKE runs never use a teacher.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python
DATA=${DATA:-../shared/data}
SMOKE=${SMOKE:-0}
VECTORS=${VECTORS:-1}
ROUNDS=${ROUNDS:-1}
PSEUDO_TOKENS=${PSEUDO_TOKENS:-120000}
SEED=${SEED:-0}
FINALIZE=${FINALIZE:-1}
TEACHER=${TEACHER:-}
TEACHER_TOKENS=${TEACHER_TOKENS:-200000}
TEACHER_RULES=${TEACHER_RULES:-0}
NEWS_CLASSES=${NEWS_CLASSES:-0}
OUT=${OUT:-training/ner/work}
export PYTHONPATH=src${PYTHONPATH:+:$PYTHONPATH}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

mkdir -p "$OUT"
EXTRA=(--system.seed "$SEED")
PSEUDO_ARGS=(--tokens "$PSEUDO_TOKENS")
if [ "$SMOKE" = "1" ]; then
  TEACHER=
  "$PYTHON" training/ner/convert.py --data "$DATA" --out "$OUT/corpus" --smoke > "$OUT/convert.json"
  EXTRA+=(--training.max_epochs 1 --training.eval_frequency 50)
  PSEUDO_ARGS=(--tokens 1500 --skip 0)
  ROUNDS=1
  VECTORS=0
else
  "$PYTHON" training/ner/convert.py --data "$DATA" --out "$OUT/corpus" > "$OUT/convert.json"
  # the gazetteer feature table (src/rasid/resources/ner/token_classes.tsv); the model saves
  # its own copy, so rebuilding it never changes a trained model
  "$PYTHON" training/ner/build_token_classes.py --data "$DATA"
  if [ "$NEWS_CLASSES" = "1" ]; then
    "$PYTHON" training/ner/build_token_classes.py --data "$DATA" --news \
      --out "$OUT/token_classes.tsv"
    EXTRA+=(--nlp.tokenizer.classes "$OUT/token_classes.tsv")
  fi
fi
if [ "$VECTORS" = "1" ]; then
  if [ ! -f "$OUT/vectors/config.cfg" ]; then
    "$PYTHON" -c "import gensim" 2>/dev/null || {
      echo "training/ner/vectors.py needs gensim (pip install gensim), or run with VECTORS=0" >&2
      exit 2; }
    nice -n 10 "$PYTHON" training/ner/vectors.py --data "$DATA" --out "$OUT/vectors"
  fi
  EXTRA+=(--paths.vectors "$OUT/vectors"
          --components.tok2vec.model.embed.include_static_vectors true)
fi

# stage r trains on every .spacy file in $OUT/stage<r>/train: the gold corpora, plus (r > 0)
# raw news labelled by stage r-1's model with rasid's rules and gazetteers
for r in $(seq 0 "$ROUNDS"); do
  stage="$OUT/stage$r"
  rm -rf "$stage/train" && mkdir -p "$stage/train"
  cp "$OUT/corpus/train.spacy" "$stage/train/"
  if [ "$r" -gt 0 ]; then
    nice -n 10 "$PYTHON" training/ner/pseudo.py --data "$DATA" "${PSEUDO_ARGS[@]}" \
      --model "$OUT/stage$((r - 1))/model/model-best" --out "$stage/train/pseudo.spacy" \
      > "$stage/pseudo.json"
  fi
  if [ -n "$TEACHER" ] && [ "$r" -eq "$ROUNDS" ]; then
    # distillation: the teacher's tags of raw news (training/ner/teacher_silver.py)
    [ -f "$OUT/teacher/silver.txt" ] || "$PYTHON" training/ner/teacher_data.py \
      --data "$DATA" --corpus "$OUT/corpus" --out "$OUT/teacher"
    "$PYTHON" training/ner/teacher_silver.py --tags "$TEACHER/silver.tsv.gz" \
      --text "$OUT/teacher/silver.txt" --tokens "$TEACHER_TOKENS" \
      $([ "$TEACHER_RULES" = "1" ] && echo --rules) \
      --out "$stage/train/teacher.spacy" > "$stage/teacher.json"
  fi
  nice -n 10 "$PYTHON" -m spacy train training/ner/config.cfg --code training/ner/functions.py \
    --output "$stage/model" --paths.train "$stage/train" \
    --paths.dev "$OUT/corpus/dev.spacy" "${EXTRA[@]}"
done
final="$OUT/stage$ROUNDS/model/model-best"
# the second model, a CRF (rasid.ner.crf), trained on the same gold corpora; its word
# clusters come from the CNN's vectors, so it is trained after the CNN
CRF_ARGS=(--corpus "$OUT/corpus" --vectors "$final")
[ "$SMOKE" = "1" ] && CRF_ARGS+=(--smoke)
# the third model, a BiLSTM-CRF (rasid.ner.lstm), on the same gold corpora; it reads the
# CNN's vectors, so it is trained after the CNN too (needs PyTorch: pip install -e '.[train]')
"$PYTHON" -c "import torch" 2>/dev/null || {
  echo "training/ner/train_lstm.py needs PyTorch (pip install -e '.[train]')" >&2
  exit 2; }
LSTM_ARGS=(--corpus "$OUT/corpus" --vectors "$final" --seed "$SEED")
[ "$SMOKE" = "1" ] && LSTM_ARGS+=(--smoke)
if [ "$SMOKE" = "1" ] || [ "$FINALIZE" = "0" ]; then
  nice -n 10 "$PYTHON" training/ner/train_crf.py "${CRF_ARGS[@]}" --out "$OUT/crf"
  nice -n 10 "$PYTHON" training/ner/train_lstm.py "${LSTM_ARGS[@]}" --out "$OUT/lstm"
  echo "models in $final, $OUT/crf and $OUT/lstm (not copied into the package)"
  exit 0
fi
"$PYTHON" training/ner/finalize.py "$final"
nice -n 10 "$PYTHON" training/ner/train_crf.py "${CRF_ARGS[@]}"
nice -n 10 "$PYTHON" training/ner/train_lstm.py "${LSTM_ARGS[@]}"
# the shipped component's person counts on raw news (resources/ner/person_share.tsv.gz)
"$PYTHON" training/ner/person_share.py --raw "$DATA/raw"
echo "now run: $PYTHON bench/ner_eval.py"
