"""The Arabic text layer: normalisation with offset maps, sentence splitting, tokenisation."""

from rasid.text.normalize import NormalizedText, normalize, normalize_key, strip_marks
from rasid.text.sentences import split_sentences
from rasid.text.tokenize import Token, never_split, segment_word, tokenize, word_frequencies

__all__ = [
    "NormalizedText", "Token", "never_split", "normalize", "normalize_key", "segment_word",
    "split_sentences", "strip_marks", "tokenize", "word_frequencies",
]
