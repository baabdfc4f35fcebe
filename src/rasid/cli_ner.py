"""NER command: ``rasid ner`` (the named entities of texts, before linking).

A thin shell over the ``rasid_segment`` + ``rasid_ner`` stages; ``rasid analyze`` gives the
linked entities of the whole pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rasid.cli_output import (
    DataFormat,
    emit_rows,
    err,
    read_text_arg,
)

COLUMNS = ["file", "type", "start", "end", "text"]


def entity_rows(texts: list[tuple[str, str]], use_model: bool = True,
                use_gazetteer: bool = True, use_crf: bool = True,
                use_lstm: bool = True) -> list[dict]:
    """(name, text) pairs → one row per entity (library function behind the command)."""
    import rasid.pipeline.ner  # noqa: F401
    import rasid.pipeline.segment  # noqa: F401
    from rasid.pipeline.base import new_language

    nlp = new_language()
    nlp.add_pipe("rasid_segment", name="segment")
    nlp.add_pipe("rasid_ner", name="ner",
                 config={"use_model": use_model, "use_gazetteer": use_gazetteer,
                         "use_crf": use_crf, "use_lstm": use_lstm})
    rows = []
    for (name, _), doc in zip(texts, nlp.pipe(t for _, t in texts), strict=True):
        for e in doc.ents:
            rows.append({"file": name, "type": e.label_, "start": e.start_char,
                         "end": e.end_char, "text": e.text})
    return rows


def ner_cmd(
    files: Annotated[list[Path], typer.Argument(help="Text files (UTF-8); '-' reads stdin")],
    format: Annotated[DataFormat, typer.Option(
        "--format", "-f", help="table (terminal), json, jsonl or csv")] = DataFormat.table,
    model: Annotated[bool, typer.Option(help="use the statistical models")] = True,
    crf: Annotated[bool, typer.Option(
        help="add the CRF's and the LSTM's names where the CNN found none (--no-crf: the "
             "CNN alone)")] = True,
    lstm: Annotated[bool, typer.Option(
        help="add the BiLSTM-CRF's names where the CNN and the CRF found none (--no-lstm: "
             "without the third model)")] = True,
    gazetteer: Annotated[bool, typer.Option(help="use the gazetteer ruler")] = True,
) -> None:
    """List the named entities (PER ORG GPE LOC FAC WEAPON MISC) of Arabic texts, with
    character offsets.

    Examples:

      rasid ner article.txt

      echo "نشرت تركيا منظومة إس-400 قرب أنقرة" | rasid ner - --format json

      rasid ner article.txt --no-crf    (what the second and third models add)

      rasid ner article.txt --no-lstm   (what the third model, the BiLSTM-CRF, adds)
    """
    from rasid.errors import RasidError

    texts = [(str(p), read_text_arg(p)) for p in files]
    try:
        rows = entity_rows(texts, use_model=model, use_gazetteer=gazetteer, use_crf=crf,
                            use_lstm=lstm)
    except RasidError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(exc.exit_code) from None
    emit_rows(rows, COLUMNS, format, "named entities")


def register(app: typer.Typer) -> None:
    app.command("ner")(ner_cmd)
