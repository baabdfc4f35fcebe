"""Language resources as data files (TSV/YAML/JSON), loaded lazily with importlib.resources.

A linguist can improve rasid by editing these files without reading Python. Every TSV has a
header comment naming its source, licence and version; lines starting with '#' are comments.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable

from rasid.errors import ModelError


def resource_path(relative: str) -> Traversable:
    """The packaged resource at ``relative`` (e.g. 'text/normalization.tsv')."""
    path = resources.files("rasid.resources").joinpath(relative)
    if not path.is_file() and not path.is_dir():
        raise ModelError(f"rasid/resources/{relative}", "missing resource file",
                         "reinstall rasid, or rebuild it with the make target named in docs/")
    return path


def read_text(relative: str) -> str:
    path = resource_path(relative)
    data = path.read_bytes()
    if relative.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")


def read_table(relative: str) -> Iterator[list[str]]:
    """Rows of a TSV resource, skipping blank lines and '#' comments. Trailing spaces kept."""
    for raw in read_text(relative).splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        yield raw.rstrip("\r\n").split("\t")


def read_records(relative: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV resource whose first non-comment row names the columns, as dicts
    (cells stripped; missing trailing cells are "")."""
    rows = read_table(relative)
    header = next(rows, None)
    if header is None:
        return
    for row in rows:
        row = row + [""] * (len(header) - len(row))
        yield dict(zip(header, (c.strip() for c in row), strict=False))
