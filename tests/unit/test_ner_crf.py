"""The NER's second model, a CRF (rasid.ner.crf): its features, its files, and how the
component merges its spans with the CNN's."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from ner_helpers import ents, with_and_without

from rasid.errors import ModelError
from rasid.ner.crf import (
    CRF_RESOURCE,
    LEXICON_FILE,
    WEIGHTS_FILE,
    CrfTagger,
    sentence_pieces,
    tag_spans,
)
from rasid.ner.crf_features import CrfFeaturizer, CrfLexicon, build_lexicon
from rasid.resources import resource_path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training" / "ner"))


@pytest.fixture(scope="module")
def crf():
    return CrfTagger()


@pytest.fixture(scope="module")
def nlp(ner_nlp):
    return ner_nlp


@pytest.fixture(scope="module")
def with_and_without_crf():
    """Segment + NER pipelines with the CRF and without it (``use_crf``)."""
    return with_and_without("use_crf")


def test_bio_tags_become_spans_as_conll_reads_them():
    tags = ["B-PER", "I-PER", "O", "I-GPE", "B-ORG", "B-ORG", "I-ORG", "I-PER"]
    assert tag_spans(tags) == [(0, 2, "PER"), (3, 4, "GPE"), (4, 5, "ORG"), (5, 7, "ORG"),
                               (7, 8, "PER")]
    assert tag_spans([]) == []


def test_features_mark_neighbours_clitics_and_edges():
    lexicon = build_lexicon({"بوتين": "LAST"}, [("بوتين", 90, 100, 95)], {"بوتين": (3, 40)})
    feats = CrfFeaturizer(lexicon).sequence(["و", "بوتين", "قال"], [False, True, False])
    putin = feats[1]
    # its key, stem start, suffix, name list, news counts in tenths and both clusters
    assert {"n=بوتين", "s3=بوت", "e2=ين", "c_LAST", "per=9", "ent=9", "k64=3",
            "k512=40"} <= set(putin)
    assert "glued" in putin  # written onto the conjunction "و"
    assert "-1n=و" in putin and "1n=قال" in putin and not any("BOUND" in f for f in putin)
    # the neighbours see its name list and counts, marked with their offset
    assert {"1c_LAST", "1per=9", "1k512=40"} <= set(feats[0]) and "-1BOUND" in feats[0]
    assert {"-1c_LAST", "-1per=9"} <= set(feats[2]) and "1BOUND" in feats[2]
    assert "unk" in feats[2] and "unk" not in putin  # "قال": no news counts here


def test_lexicon_survives_its_file(tmp_path):
    lexicon = build_lexicon({"موسكو": "GPE"}, [("بوتين", 9, 10, 10)], {"بوتين": (1, 2)})
    lexicon.write(tmp_path / "lexicon.tsv.gz", "test")
    again = CrfLexicon.read(tmp_path / "lexicon.tsv.gz")
    for word in ("موسكو", "بوتين", "غيرها"):
        assert again.word_features(word) == lexicon.word_features(word)


def test_sentences_are_decoded_apart():
    words = ["قال", "بوتين", ".", "وصل", "\n", "لافروف", "؟", "نعم"]
    assert sentence_pieces(words) == [(0, 3), (3, 5), (5, 7), (7, 8)]
    assert sentence_pieces(["كلمة"] * 450) == [(0, 200), (200, 400), (400, 450)]
    assert sentence_pieces([]) == []


def test_own_decoder_matches_crfsuite(tmp_path, corpus_text):
    """rasid decodes the exported weights itself; on real sentences its tags are crfsuite's
    and its marginals crfsuite's to within the exported weights' six decimals."""
    pycrfsuite = pytest.importorskip("pycrfsuite")
    import train_crf

    from rasid.text.tokenize import tokenize

    lexicon = CrfTagger().lexicon
    featurizer = CrfFeaturizer(lexicon)
    sentences = []
    for name in ("001", "004", "010", "016", "020", "030"):
        for line in corpus_text(name).split("."):
            tokens = [t for t in tokenize(line) if t.text.strip()]
            if 4 <= len(tokens) <= 60:
                spaces = [tokens[i].end < tokens[i + 1].start
                          for i in range(len(tokens) - 1)] + [True]
                sentences.append(([t.text for t in tokens], spaces))
    # a small CRF taught to tag the word after "في/إلى/من" a place: enough structure
    # (labels, transitions, context features) to exercise every kind of weight
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, spaces in sentences[:80]:
        tags = ["B-GPE" if i and words[i - 1] in ("في", "إلى", "من") else "O"
                for i in range(len(words))]
        trainer.append(featurizer.sequence(words, spaces), tags)
    trainer.set_params({"max_iterations": 30, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / "m.crfsuite"))
    train_crf.exported(tmp_path / "m.crfsuite").write(tmp_path / WEIGHTS_FILE)
    lexicon.write(tmp_path / LEXICON_FILE, "test")
    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    ours = CrfTagger(tmp_path)
    theirs = pycrfsuite.Tagger()
    theirs.open(str(tmp_path / "m.crfsuite"))
    assert len(sentences) > 100
    # all sentences in one call (one batch, sentence edges kept apart) = one at a time
    together = ours.scored_spans(sentences)
    alone = [ours.scored_spans([s])[0] for s in sentences]
    assert [[x[:3] for x in found] for found in together] == \
        [[x[:3] for x in found] for found in alone]
    assert [x[3] for found in together for x in found] == \
        pytest.approx([x[3] for found in alone for x in found])
    assert any(together)
    for words, spaces in sentences:
        expected = theirs.tag(featurizer.sequence(words, spaces))
        assert ours.tags(words, spaces) == expected
        found = ours.scored_spans([(words, spaces)])[0]
        for start, end, _, confidence in found:
            assert confidence == pytest.approx(
                min(theirs.marginal(expected[i], i) for i in range(start, end)), abs=1e-4)


def test_word_rows_cached_in_batches_and_afresh_give_the_same_spans(monkeypatch,
                                                                   corpus_text):
    """New words' score rows are summed many at once, their table grows, and the cache
    starts afresh when full: none of it changes what the CRF finds on a real article."""
    from rasid.ner import crf as crf_module
    from rasid.text.tokenize import tokenize

    tokens = [t for t in tokenize(corpus_text("020")) if t.text.strip()]
    spaces = [tokens[i].end < tokens[i + 1].start for i in range(len(tokens) - 1)] + [True]
    chunks = [([t.text for t in tokens[i:i + 80]], spaces[i:i + 80])
              for i in range(0, len(tokens), 80)]
    expected = CrfTagger().scored_spans(chunks)
    assert any(expected)
    monkeypatch.setattr(crf_module, "ROW_BATCH", 7)
    monkeypatch.setattr(crf_module, "WORD_ROWS", 150)
    monkeypatch.setattr(crf_module, "TABLE_ROWS", 4)
    small = CrfTagger()
    got = [small.scored_spans([chunk])[0] for chunk in chunks]
    assert len(small._rows) <= 150  # it started afresh at least once
    assert [[x[:3] for x in f] for f in got] == [[x[:3] for x in f] for f in expected]
    assert [x[3] for f in got for x in f] == pytest.approx([x[3] for f in expected for x in f])


def test_crf_is_packaged_with_its_manifest(crf):
    path = Path(str(resource_path(CRF_RESOURCE)))
    assert crf.path == path
    for name in (WEIGHTS_FILE, LEXICON_FILE, "meta.json"):
        assert (path / name).is_file()
    # both models together stay under the 50 MB
    models = path.parent
    size = sum(f.stat().st_size for f in models.rglob("*") if f.is_file())
    assert size < 50 * 1024 * 1024


def test_a_missing_or_damaged_crf_file_is_named(tmp_path):
    copy = tmp_path / "crf"
    shutil.copytree(Path(str(resource_path(CRF_RESOURCE))), copy)
    (copy / LEXICON_FILE).write_bytes(b"not gzip")
    with pytest.raises(ModelError, match=r"lexicon\.tsv\.gz.*damaged.*make train-ner"):
        CrfTagger(copy)
    (copy / WEIGHTS_FILE).unlink()
    with pytest.raises(ModelError, match=r"weights\.npz.*missing.*make train-ner"):
        CrfTagger(copy)


def test_crf_spans_are_added_only_where_the_cnn_found_nothing(nlp):
    component = nlp.get_pipe("ner")
    text = "وصل الرئيس الروسي فلاديمير بوتين إلى طهران أمس مع كلثوم كنو"
    words = text.split()
    from spacy.tokens import Doc

    copy = Doc(component.model.vocab, words=words)
    copy.ents = [copy.char_span(text.index("فلاديمير بوتين"), text.index(" إلى"),
                                label="PER")]
    crf_spans = [(4, 5, "PER"), (6, 7, "GPE"), (9, 11, "PER")]  # the CRF's confident spans
    found = component._model_spans(copy, crf_spans, lambda i, leading: True)
    # "بوتين" alone overlaps the CNN's "فلاديمير بوتين": the CNN wins
    assert found == [(3, 5, "PER"), (6, 7, "GPE"), (9, 11, "PER")]


def test_the_crf_carries_a_cnn_person_over_name_words_only(nlp):
    """A CRF person that holds the CNN's shorter person replaces it, unless it runs over
    a word that is no name's (``name_word``) or onto a second full name."""
    from spacy.tokens import Doc

    component = nlp.get_pipe("ner")
    text = "التقى ترامب كيم جونغ أون وقال فلاديمير بوتين الظهير"
    words = text.split()
    copy = Doc(component.model.vocab, words=words)
    copy.ents = [copy.char_span(text.index("ترامب"), text.index(" كيم"), label="PER"),
                 copy.char_span(text.index("كيم"), text.index(" وقال"), label="PER"),
                 copy.char_span(text.index("بوتين"), text.index(" الظهير"), label="PER")]

    def merged(crf_spans, name_word=lambda i, leading: True):
        return component._model_spans(copy, crf_spans, name_word)

    cnn = [(1, 2, "PER"), (2, 5, "PER"), (7, 8, "PER")]
    assert merged([(6, 8, "PER")]) == [(1, 2, "PER"), (2, 5, "PER"), (6, 8, "PER")]
    assert merged([(6, 8, "ORG")]) == cnn  # another type: the CNN wins
    assert merged([(1, 5, "PER")]) == cnn  # "ترامب" + "كيم جونغ أون": two names
    # "الظهير" (a defender) after a name: no name word, so the CNN's span stays
    assert merged([(6, 9, "PER")], lambda i, leading: words[i] != "الظهير") == cnn
    assert merged([(6, 9, "PER")]) == [(1, 2, "PER"), (2, 5, "PER"), (6, 9, "PER")]


def test_the_crf_completes_a_name_the_cnn_cut(with_and_without_crf, corpus_text):
    """030: the CNN finds only the first name of the lawyer "أرييه عليمي"; the CRF's
    person holds it and carries it on."""
    with_crf, without = with_and_without_crf
    text = corpus_text("030")
    assert ("أرييه عليمي", "PER") in ents(with_crf(text))
    assert ("أرييه", "PER") in ents(without(text))


def test_the_crf_finds_names_the_cnn_misses(with_and_without_crf, corpus_text):
    """Two Moroccan academics and an official the CNN leaves out, found by the CRF (and
    then spread by the rules to their later mentions)."""
    with_crf, without = with_and_without_crf
    for name, person in (("020", "سعيد خمري"), ("043", "ادريس اليزمي")):
        text = corpus_text(name)
        assert (person, "PER") in ents(with_crf(text))
        assert (person, "PER") not in ents(without(text))



def test_one_word_spans_the_crf_is_sure_name_nothing_are_dropped(with_and_without_crf):
    """The CNN made common words entities on census news ("الاقتتال", fighting, an
    organisation; "ناج", a survivor, a person); the CRF is sure they name nothing, so the
    component drops them. Sentences from real news (2017-2018)."""
    with_crf, without = with_and_without_crf
    fighting = ("يقيم مع ولديه وزوجته في فندق فخم يقع في قلب القاهرة الصاخبة، لكن استمرار"
                " الفوضى والاقتتال في بلاده وطول بقائه بمصر هربا من المتطرفين، اضطره إلى"
                " البحث عن عمل.")
    survivor = "وقال ناج آخر يدعى وائل فرج إن القارب غرق بعد ساعات من الإبحار."
    assert ("الاقتتال", "ORG") in ents(without(fighting))
    assert ("ناج", "PER") in ents(without(survivor))
    found = ents(with_crf(fighting)) | ents(with_crf(survivor))
    assert not {name for name, _ in found} & {"الاقتتال", "ناج"}
    assert {("القاهرة", "GPE"), ("مصر", "GPE"), ("وائل فرج", "PER")} <= found


def test_a_doubted_word_keeps_its_span_after_a_cue_a_quote_or_a_hashtag(nlp):
    """Only a one-word span the CRF is sure of is dropped, and not a name that a cue word
    or an opening quote announces ("شركة أمارا", "«ترحال»") nor a hashtag's word."""
    import numpy

    from rasid.ner.layout import layout_of

    component = nlp.get_pipe("ner")
    text = "وقالت شركة أمارا إن «ترحال» و #المنتخب و المولود و وزارة الصحة"
    layout = layout_of(nlp.make_doc(text))
    words = layout.texts
    found = [(words.index(w), words.index(w) + 1, "ORG")
             for w in ("أمارا", "ترحال", "المنتخب", "المولود")]
    found.append((words.index("وزارة"), words.index("الصحة") + 1, "ORG"))
    sure = numpy.full(len(words), 0.999)
    kept = component._without_doubted(found, sure, layout, 0)
    assert kept == found[:3] + found[4:]  # "المولود" alone goes
    unsure = numpy.full(len(words), 0.9)
    assert component._without_doubted(found, unsure, layout, 0) == found


def test_a_crf_person_retypes_the_cnns_misc_of_the_same_words(with_and_without_crf,
                                                              corpus_text):
    """020: the CNN typed the professor "ادريس لكريني" MISC; the CRF's confident person
    over the same words wins (the CNN's MISC is its weakest type)."""
    with_crf, without = with_and_without_crf
    text = corpus_text("020")
    assert ("ادريس لكريني", "MISC") in ents(without(text))
    assert ("ادريس لكريني", "PER") in ents(with_crf(text))


def test_the_crf_cuts_a_cnn_person_that_ran_into_a_role_verb_or_club(with_and_without_crf):
    """The CNN ran names on into the word after or before them; the CRF stopped at the name
    and is sure the extra word is no name's, which raw news's counts confirm. Sentences
    from real news (2018)."""
    with_crf, without = with_and_without_crf
    cases = [
        ("ولكن رجال المدرب نبيل معلول انتفضوا وقلصوا الفارق عبر أنيس البدري (39) ثم تمكنوا"
         " من إدراك التعادل.", "نبيل معلول انتفضوا", {("نبيل معلول", "PER")}),
        ('وأضاف أن "الثنائي بومبيو وبولتون من المدرسة التي تعتبر أن إيران في حالة تغوّل".',
         "الثنائي بومبيو", {("بومبيو", "PER")}),
        ('ولفت التقرير إلى أن "من أبرز المتهمين في القضية، محمد بديع المرشد العام لجماعة'
         ' الإخوان".', "محمد بديع المرشد", {("محمد بديع", "PER")}),
        # Zidane coaches Real Madrid: the club the CRF found stands on its own
        ("ويدرب زيدان ريال مدريد منذ 2016، وفي هذا النادي أنهى مشواره كلاعب في 2006.",
         "زيدان ريال مدريد", {("زيدان", "PER"), ("ريال مدريد", "ORG")}),
        # a verb that opens the clause before the name: Corbyn "doubted", Baggio "was
        # pursued" ("وشكك" is written 29 times to "شكك" 56, a given name far more rarely)
        ("وشكك جيريمي كوربين زعيم حزب العمال البريطاني المعارض في الأساس القانوني لمشاركة"
         " بريطانيا في الهجمات.", "شكك جيريمي كوربين", {("جيريمي كوربين", "PER")}),
        ("عقوبة حركة الرشوة.. لاحقت باجيو وأفلت منها كيليني جاء وداع يوفنتوس لدوري أبطال"
         " أوروبا الموسم الحالي", "لاحقت باجيو", {("باجيو", "PER")}),
    ]
    for text, long_span, expected in cases:
        assert (long_span, "PER") in ents(without(text))
        found = ents(with_crf(text))
        assert expected <= found
        assert (long_span, "PER") not in found


def test_a_first_name_the_counts_take_for_a_word_is_not_cut(nlp):
    """"آلان" (Alan) shares its letters with "الآن" (now), which raw news almost never
    writes inside a person: a bare word before the CRF's person is kept, while a role with
    the article ("الثنائي", the duo) and a word after it that the counts call no name's are
    cut. The CRF's spans and probabilities are given; the sentence is real news (2018)."""
    import numpy

    from rasid.ner.layout import layout_of

    component = nlp.get_pipe("ner")
    text = "وقال وزير الخارجية، آلان بيتر كايتانو، إن الثنائي بومبيو المرشد"
    layout = layout_of(nlp.make_doc(text))
    words = layout.texts
    at = words.index
    minister = (at("آلان"), at("كايتانو") + 1, "PER")
    duo = (at("الثنائي"), at("المرشد") + 1, "PER")
    crf_spans = [(at("بيتر"), at("كايتانو") + 1, "PER"), (at("بومبيو"), at("بومبيو") + 1, "PER")]
    sure = numpy.full(len(words), 0.99)
    trimmed = component._names_cut_to_crf([minister, duo], crf_spans, sure, layout, 0)
    assert trimmed == [minister, crf_spans[1]]
    # the CRF unsure of the words around the name: nothing is cut
    unsure = numpy.full(len(words), 0.6)
    assert component._names_cut_to_crf([minister, duo], crf_spans, unsure,
                                             layout, 0) == [minister, duo]


def test_an_organisation_that_ran_into_the_crfs_person_ends_before_him(with_and_without_crf):
    """The CNN read the spokesman's name as the end of the ministry's ("وزارة الداخلية
    خليفة الشيباني"), and the rules then cut the ministry and lost him; the CRF is sure of
    the person, so the ministry ends before him. Real news (2018)."""
    with_crf, without = with_and_without_crf
    text = ('وأكد الناطق الرسمي باسم وزارة الداخلية خليفة الشيباني، "أن الحماية المدنية'
            ' انتشلت صباح الأحد جثة شاب يبلغ من العمر 18 عاما')
    assert ("خليفة الشيباني", "PER") not in ents(without(text))
    assert {("وزارة الداخلية", "ORG"), ("خليفة الشيباني", "PER")} <= ents(with_crf(text))



def test_the_crf_cuts_a_cnn_place_that_ran_into_a_noun_or_adjective(with_and_without_crf):
    """Places too: the CNN took "its neighbour" and "national" (security) into the place's
    name, the CRF stopped at the name. A nationality adjective after a place is never cut
    this way ("الولايات المتحدة الأميركية" is the country's full name). Real news (2018)."""
    with_crf, without = with_and_without_crf
    greece = ("وتسعى حكومة سكوبيا إلى تغيير إسم البلاد تنفيذاً لاتفاق جرى بين اليونان ومقدونيا"
              " في محاولة لإنهاء خلاف طويل الأمد مع جارتها اليونان، وفتح الطريق أمامها"
              " للانضمام إلى الاتحاد الأوروبي وحلف الناتو .")
    security = ("التي تضعها الاستخبارات الأمريكية في قائمة المهددين لأمن الولايات المتحدة"
                " القومي.")
    for text, long_span, short in ((greece, "جارتها اليونان", "اليونان"),
                                   (security, "الولايات المتحدة القومي", "الولايات المتحدة")):
        assert (long_span, "GPE") in ents(without(text))
        found = ents(with_crf(text))
        assert (short, "GPE") in found and (long_span, "GPE") not in found
    full_name = "لوحت الولايات المتحدة الأميركية بإجراءات ضد الشركات التي تتعامل مع إيران."
    assert ("الولايات المتحدة الأميركية", "GPE") in ents(with_crf(full_name))
