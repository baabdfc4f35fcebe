"""Loading the trained NER model and checking its files against the manifest that
``training/ner/finalize.py`` writes, so a damaged file is named instead of loaded."""

import hashlib
import json
from pathlib import Path

from spacy.language import Language

from rasid.errors import ModelError
from rasid.ner.blas import use_blas_ops
from rasid.resources import resource_path

MODEL_RESOURCE = "models/ner/model"
MODEL_FIX = "run `make train-ner` (bash training/ner/train.sh) to build it"


def load_model(path: str | Path | None = None) -> Language:
    """Load the trained spaCy NER model (from the package unless ``path`` is given)."""
    import spacy

    import rasid.ner.features  # noqa: F401  (registers the model's tokenizer)

    if path is None:
        try:
            path = Path(str(resource_path(MODEL_RESOURCE)))
        except ModelError:
            raise ModelError(f"rasid/resources/{MODEL_RESOURCE}", "NER model missing",
                             MODEL_FIX) from None
    path = Path(path)
    if not (path / "config.cfg").is_file():
        raise ModelError(str(path), "NER model missing (no config.cfg)", MODEL_FIX)
    verify_manifest(path)
    try:
        model = spacy.load(path)
    except Exception as exc:  # corrupt or incompatible model files
        raise ModelError(str(path), f"NER model could not be loaded: {exc}", MODEL_FIX) from exc
    if "ner" not in model.pipe_names:
        raise ModelError(str(path), "model has no 'ner' component", MODEL_FIX)
    use_blas_ops(model)  # same entities, half the CPU (rasid.ner.blas)
    return model


def file_digests(path: Path) -> dict[str, str]:
    """sha256 of every file of a model directory except meta.json (which records them)."""
    return {f.relative_to(path).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(path.rglob("*")) if f.is_file() and f.name != "meta.json"}


def verify_manifest(path: Path) -> None:
    """Check the model's files against the sha256 manifest in meta.json ("rasid_files").

    spaCy loads damaged weights silently or fails with messages that do not name the file;
    the manifest names exactly which file is missing or damaged. Models without a manifest
    (your own training runs before finalize.py) are loaded unchecked.
    """
    meta_path = path / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(str(meta_path), "NER model file missing", MODEL_FIX) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(str(meta_path), f"NER model file damaged ({exc})", MODEL_FIX) from None
    expected = meta.get("rasid_files") if isinstance(meta, dict) else None
    if not expected:
        return
    for rel, digest in expected.items():
        f = path / rel
        if not f.is_file():
            raise ModelError(str(f), "NER model file missing", MODEL_FIX)
        if hashlib.sha256(f.read_bytes()).hexdigest() != digest:
            raise ModelError(str(f), "NER model file damaged (checksum mismatch)", MODEL_FIX)


def checked_dir(path: str | Path | None, resource: str, names: tuple[str, ...],
                what: str) -> Path:
    """A second or third model's directory (``resource`` of the package when ``path`` is
    None) once its files ``names`` and meta.json are there and match their manifest."""
    path = Path(str(resource_path(resource))) if path is None else Path(path)
    for name in (*names, "meta.json"):
        if not (path / name).is_file():
            raise ModelError(str(path / name), f"{what} file missing", MODEL_FIX)
    verify_manifest(path)
    return path
