#!/usr/bin/env bash
# Train rasid's NER end to end: convert the corpora, train word vectors, train the NER,
# copy the best model into the package.
#   bash training/ner/train.sh            full run (~30-40 min on 2 shared cores)
#   SMOKE=1 bash training/ner/train.sh    a few hundred sentences, 1 epoch, < 60 s (CI)
# Env: DATA (default ../shared/data), PYTHON (default .venv/bin/python), OUT (work dir),
#      VECTORS=0 to train without static vectors (no gensim needed).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python
DATA=${DATA:-../shared/data}
SMOKE=${SMOKE:-0}
VECTORS=${VECTORS:-1}
OUT=${OUT:-training/ner/work}
export PYTHONPATH=src${PYTHONPATH:+:$PYTHONPATH}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

mkdir -p "$OUT"
if [ "$SMOKE" = "1" ]; then
  "$PYTHON" training/ner/convert.py --data "$DATA" --out "$OUT/corpus" --smoke > "$OUT/convert.json"
  nice -n 10 "$PYTHON" -m spacy train training/ner/config.cfg --code training/ner/functions.py \
    --output "$OUT/model" --paths.train "$OUT/corpus/train.spacy" \
    --paths.dev "$OUT/corpus/dev.spacy" --training.max_epochs 1 --training.eval_frequency 50
  echo "smoke model in $OUT/model/model-last (not copied into the package)"
  exit 0
fi
"$PYTHON" training/ner/convert.py --data "$DATA" --out "$OUT/corpus" > "$OUT/convert.json"
# the gazetteer feature table (src/rasid/resources/ner/token_classes.tsv); the model saves
# its own copy, so rebuilding it never changes a trained model
"$PYTHON" training/ner/build_token_classes.py --data "$DATA"
EXTRA=()
if [ "$VECTORS" = "1" ]; then
  if [ ! -f "$OUT/vectors/config.cfg" ]; then
    "$PYTHON" -c "import gensim" 2>/dev/null || {
      echo "training/ner/vectors.py needs gensim (pip install gensim), or run with VECTORS=0" >&2
      exit 2; }
    nice -n 10 "$PYTHON" training/ner/vectors.py --data "$DATA" --out "$OUT/vectors"
  fi
  EXTRA=(--paths.vectors "$OUT/vectors"
         --components.tok2vec.model.embed.include_static_vectors true)
fi
nice -n 10 "$PYTHON" -m spacy train training/ner/config.cfg --code training/ner/functions.py \
  --output "$OUT/model" --paths.train "$OUT/corpus/train.spacy" \
  --paths.dev "$OUT/corpus/dev.spacy" "${EXTRA[@]}"
"$PYTHON" training/ner/finalize.py "$OUT/model/model-best"
echo "now run: $PYTHON bench/ner_eval.py"
