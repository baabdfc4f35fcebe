"""The NER's third model, a BiLSTM-CRF (rasid.ner.lstm): its files, its numpy forward pass
against PyTorch's, and how the component adds its spans."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import numpy
import pytest
from ner_helpers import ents, with_and_without

from rasid.errors import ModelError
from rasid.ner.crf import LEXICON_FILE
from rasid.ner.lstm import LSTM_RESOURCE, WEIGHTS_FILE, LstmTagger, lstm_additions
from rasid.resources import resource_path
from rasid.text import tokenize

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training" / "ner"))

# raw news sentences (../shared/corpus/018.txt, 049.txt)
YELLEN = ("من جهتها، قالت وزيرة الخزانة الأميركية جانيت يلين إن القانون الأميركي لا يسمح بأن "
          "تصادر الولايات المتحدة أصولاً مجمدة للبنك المركزي الروسي للمساعدة في إعادة بناء "
          "أوكرانيا بعد انتهاء الحرب.")
MORA = ("وأعرب متحدث باسم وزارة الخارجية الأميركية عن تقديره لزيارة المبعوث الأوروبي إنريكي "
        "مورا لطهران مؤخرا، لكنه أشار إلى أن \"الاتفاق في هذه المرحلة ما زال غير مؤكد\".")


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    toks = tokenize(text)
    spaces = [i + 1 < len(toks) and toks[i + 1].start > t.end for i, t in enumerate(toks)]
    return [t.text for t in toks], spaces


@pytest.fixture(scope="module")
def lstm():
    return LstmTagger()


@pytest.fixture(scope="module")
def with_and_without_lstm():
    """Segment + NER pipelines with the LSTM and without it (``use_lstm``)."""
    return with_and_without("use_lstm")


def test_the_packaged_lstm_reads_names_in_news(lstm):
    words, spaces = words_and_spaces(YELLEN)
    (found, outside), = lstm.read([(words, spaces)])
    spans = {(" ".join(words[a:b]), label) for a, b, label, p in found if p >= 0.9}
    assert ("جانيت يلين", "PER") in spans
    assert outside.shape == (len(words),)
    assert outside[words.index("القانون")] > 0.9 > outside[words.index("يلين")]
    assert lstm.tags(words, spaces)[words.index("جانيت")] == "B-PER"


def test_empty_input_reads_nothing(lstm):
    assert lstm.read([]) == []
    (found, outside), = lstm.read([([], [])])
    assert found == [] and outside.shape == (0,)
    assert lstm.tags([], []) == []
    (found, _), = lstm.read([(["."], [False])])
    assert found == []


def test_the_numpy_forward_pass_is_pytorchs(lstm):
    """rasid runs the trained network with numpy; its tag scores are those of the PyTorch
    network the weights came from, token for token."""
    torch = pytest.importorskip("torch")
    import train_lstm

    with numpy.load(lstm.path / WEIGHTS_FILE) as z:
        w = {k: z[k] for k in z.files}
    table = numpy.asarray(lstm._vector_table, dtype=numpy.float32)
    table = table / (numpy.linalg.norm(table, axis=1, keepdims=True) + 1e-6)
    table = numpy.vstack([numpy.zeros((1, table.shape[1]), numpy.float32), table])
    net = train_lstm.Tagger(len(w["features"]) + 1, len(w["letters"]) + 1, table,
                            len(w["labels"]), lstm.hidden, 0.0)
    state = net.state_dict()
    state["bag.weight"] = torch.tensor(numpy.stack(
        [lstm._feature_row(i) for i in range(len(lstm._feature_emb))]))
    state["letters.weight"] = torch.tensor(w["letter_emb"])
    state["conv.weight"], state["conv.bias"] = torch.tensor(w["conv_w"]), torch.tensor(w["conv_b"])
    for d, suffix in (("f", ""), ("b", "_reverse")):
        state[f"lstm.weight_ih_l0{suffix}"] = torch.tensor(w[f"w_ih_{d}"])
        state[f"lstm.weight_hh_l0{suffix}"] = torch.tensor(w[f"w_hh_{d}"])
        state[f"lstm.bias_ih_l0{suffix}"] = torch.tensor(w[f"b_{d}"])
        state[f"lstm.bias_hh_l0{suffix}"] = torch.zeros(4 * lstm.hidden)
    state["out.weight"], state["out.bias"] = torch.tensor(w["out_w"]), torch.tensor(w["out_b"])
    state["transitions"] = torch.tensor(w["transitions"])
    net.load_state_dict(state)
    net.eval()
    features = {str(f): i + 1 for i, f in enumerate(w["features"])}
    letters = {str(c): i + 1 for i, c in enumerate(w["letters"])}
    sentences = [words_and_spaces(YELLEN), words_and_spaces(MORA),
                 words_and_spaces("ولموسكو وإسرائيل")]
    items = []
    for words, spaces in sentences:
        feats = [[features.get(f, 0) for f in lstm.lexicon.word_features(word)[0]]
                 + ([features["glued"]] if i and not spaces[i - 1] else [])
                 for i, word in enumerate(words)]
        rows = [lstm._key2row.get(lstm_hash(word), -1) + 1 for word in words]
        chars = [[letters.get(c, 0) for c in word[:20]] for word in words]
        items.append(train_lstm.Encoded(feats, [0] * len(words), rows, chars, [0] * len(words)))
    batch, _ = train_lstm.batchify(items, 0.0, random.Random(0))
    with torch.no_grad():
        expected = net.emissions(batch).numpy()
    for k, (words, spaces) in enumerate(sentences):
        mine = lstm.emissions(words, spaces, [(0, len(words))])
        assert numpy.abs(mine - expected[k, :len(words)]).max() < 1e-3


def lstm_hash(word: str) -> int:
    from spacy.strings import hash_string

    return hash_string(word)


def test_the_component_adds_the_lstms_names_where_nothing_was_found(with_and_without_lstm):
    with_lstm, without = with_and_without_lstm
    found, before = ents(with_lstm(MORA)), ents(without(MORA))
    assert ("إنريكي مورا", "PER") in found - before
    assert before <= found  # it only adds


def test_lstm_additions_keep_out_of_found_names_doubts_and_common_words():
    words = ["بعد", "مخاض", "عسير", "زار", "إنريكي", "مورا", "طهران"]
    outside = numpy.array([1.0, 0.99, 0.2, 1.0, 0.1, 0.1, 0.995])
    scored = [(2, 3, "GPE", 0.95),   # "عسير" (difficult): a name of ambiguous.txt
              (4, 6, "PER", 0.97),   # added
              (4, 5, "PER", 0.5),    # not confident
              (6, 7, "GPE", 0.93),   # the CRF is sure "طهران" here names nothing
              (1, 2, "ORG", 0.99)]   # overlaps a span already found
    found = [(0, 2, "MISC")]
    assert lstm_additions(found, scored, outside, words) == [(4, 6, "PER")]
    # without the CRF's reading, only the other guards apply
    assert lstm_additions([], scored[:2] + scored[3:4], None, words) == [(4, 6, "PER"),
                                                                          (6, 7, "GPE")]


def test_a_missing_or_damaged_lstm_file_is_named(tmp_path):
    copy = tmp_path / "lstm"
    shutil.copytree(Path(str(resource_path(LSTM_RESOURCE))), copy)
    (copy / LEXICON_FILE).write_bytes(b"not gzip")
    with pytest.raises(ModelError, match=r"lexicon\.tsv\.gz.*damaged.*make train-ner"):
        LstmTagger(copy)
    (copy / WEIGHTS_FILE).unlink()
    with pytest.raises(ModelError, match=r"weights\.npz.*missing.*make train-ner"):
        LstmTagger(copy)


def test_other_word_vectors_than_the_lstm_was_trained_with_are_refused():
    from spacy.vectors import Vectors

    other = Vectors(shape=(3, 100))
    with pytest.raises(ModelError, match="other word vectors"):
        LstmTagger(vectors=other)
