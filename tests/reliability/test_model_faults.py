"""A corrupted or missing NER model: a clear ModelError naming the file and the fix.

The packaged model directory is copied to a temporary folder and one file of it damaged
(truncated, overwritten with junk, bytes flipped in the middle, deleted). The loader takes
the copy through its ``model_path`` override, the pipeline component through its
``model_path`` config, and the CLI through a patched resource path in a subprocess.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_helpers import CLI, env

from rasid.errors import ModelError
from rasid.resources import resource_path

ner = pytest.importorskip("rasid.ner.model_files", reason="the NER component is not built yet")

FIX = "make train-ner"


@pytest.fixture(scope="module")
def packaged_model() -> Path:
    try:
        path = Path(str(resource_path(ner.MODEL_RESOURCE)))
    except ModelError:
        pytest.skip("no packaged NER model (make train-ner builds it)")
    if not (path / "config.cfg").is_file():
        pytest.skip("no packaged NER model (make train-ner builds it)")
    return path


def _truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def _junk(p: Path) -> None:
    p.write_bytes(b"\x00\xffnot a model\n" * 10)


def _delete(p: Path) -> None:
    p.unlink()


def _flip(p: Path) -> None:
    """64 random bytes in the middle: the file still parses, its weights are wrong."""
    data = bytearray(p.read_bytes())
    mid = len(data) // 2
    data[mid:mid + 64] = random.Random(7).randbytes(64)
    p.write_bytes(bytes(data))


DAMAGES = {"truncated": _truncate, "junk": _junk, "deleted": _delete, "flipped": _flip}

# (file inside the model directory, damage)
CASES = [
    ("tok2vec/model", "truncated"), ("ner/model", "truncated"), ("ner/moves", "junk"),
    ("ner/cfg", "junk"), ("config.cfg", "junk"), ("meta.json", "junk"),
    ("vocab/strings.json", "truncated"), ("tok2vec/model", "deleted"),
    ("ner/moves", "deleted"), ("vocab/strings.json", "deleted"),
]

def damaged_copy(packaged: Path, tmp_path: Path, rel: str, damage: str) -> Path:
    model = tmp_path / "model"
    shutil.copytree(packaged, model)
    DAMAGES[damage](model / rel)
    return model


@pytest.mark.parametrize(("rel", "damage"), CASES)
def test_damaged_model_file_is_named(packaged_model, tmp_path, rel, damage):
    model = damaged_copy(packaged_model, tmp_path, rel, damage)
    with pytest.raises(ModelError) as info:
        ner.load_model(model)
    message = str(info.value)
    assert FIX in message
    assert str(model / rel) in message or f"{model.name}/{rel}" in message, message


@pytest.mark.parametrize(("rel", "damage"), CASES)
def test_damaged_model_is_a_model_error_with_the_fix(packaged_model, tmp_path, rel, damage):
    """Whatever the damage, a ModelError (never a raw spaCy/msgpack error) naming the model
    and the command that rebuilds it."""
    model = damaged_copy(packaged_model, tmp_path, rel, damage)
    with pytest.raises(ModelError) as info:
        ner.load_model(model)
    assert str(model) in str(info.value) and FIX in str(info.value)


@pytest.mark.parametrize("rel", ["tok2vec/model", "ner/model"])
def test_flipped_bytes_in_the_weights_are_detected(packaged_model, tmp_path, rel):
    model = damaged_copy(packaged_model, tmp_path, rel, "flipped")
    with pytest.raises(ModelError, match=FIX):
        ner.load_model(model)


def test_missing_model_names_the_resource_and_the_fix(monkeypatch):
    def missing(relative: str):
        raise ModelError(f"rasid/resources/{relative}", "missing resource file")

    monkeypatch.setattr(ner, "resource_path", missing)
    with pytest.raises(ModelError, match=r"rasid/resources/models/ner/model.*make train-ner"):
        ner.load_model()


def test_pipeline_with_a_damaged_model_fails_when_built(packaged_model, tmp_path):
    """The component loads its model when the pipeline is built, not on the first document
    of a batch."""
    from rasid.pipeline.base import new_language

    model = damaged_copy(packaged_model, tmp_path, "ner/model", "truncated")
    nlp = new_language()
    with pytest.raises(ModelError, match=FIX):
        nlp.add_pipe("rasid_ner", config={"model_path": str(model)})


_CLI_WITH_MODEL = """
import os
from pathlib import Path
import rasid.ner.model_files as ner
ner.resource_path = lambda relative: Path(os.environ["RASID_TEST_NER_MODEL"])
""" + CLI


def test_cli_reports_a_damaged_model_in_one_line(packaged_model, tmp_path):
    from rasid.pipeline import COMPONENTS

    if "rasid_ner" not in [name for name, _, _ in COMPONENTS]:
        pytest.skip("rasid_ner is not in the default pipeline yet")
    model = damaged_copy(packaged_model, tmp_path, "tok2vec/model", "truncated")
    article = tmp_path / "a.txt"
    article.write_text("قال الرئيس الروسي فلاديمير بوتين إن المحادثات بناءة.", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _CLI_WITH_MODEL, "analyze", str(article)],
                          env={**env(), "RASID_TEST_NER_MODEL": str(model)},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("error")]
    assert len(lines) == 1 and str(model) in lines[0] and FIX in lines[0], proc.stderr[-2000:]
    assert not proc.stdout.strip()
