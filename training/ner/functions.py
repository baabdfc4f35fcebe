"""Registered functions the training config needs (``spacy train --code`` loads this)."""

import rasid.ner.features  # noqa: F401  (registers rasid.NormTokenizer.v1)
