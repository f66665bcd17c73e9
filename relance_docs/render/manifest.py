"""The manifest of a batch: ``manifest.csv`` and ``manifest.json``, one row per document.

Each row says what the document asks the debtor to pay (``asked``: for a courtesy
reminder, the amount coming due), the claim's figures on the letter's date, the files and
their sha256, the history the wording relied on when the user stated it, and every warning
that stands for the document. Held debtors follow, with their reason.

Both files are written row by row (memory does not grow with the batch), through a
temporary name, and every CSV cell goes through :mod:`relance_docs.csvsafe` (a name
starting with ``=`` is not a formula in a spreadsheet).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..csvsafe import safe_row

__all__ = ["AMOUNT_COLUMNS", "write_manifest"]

FORMATS = ("pdf", "docx")
AMOUNT_COLUMNS = ("asked", "principal", "interest", "fixed", "total")


def _amount(value) -> str | None:
    return None if value is None else str(value)


def _history(entries) -> list[dict]:
    return [
        {
            "kind": e.kind,
            "day": e.day.isoformat(),
            "step": e.step,
            "channel": e.channel,
            "source": e.source,
        }
        for e in entries
    ]


def letter_row(item) -> dict:
    """The manifest's entry for one document (a :class:`~.batch.BatchItem`)."""
    req = item.request
    debtor = req.claim.debtor
    raw = item.raw
    return {
        "debtor_id": debtor.id,
        "debtor_name": debtor.name,
        "template": req.template,
        "step": req.step,
        "channel": req.channel,
        "language": req.language,
        "currency": req.claim.currency,
        "asked": _amount(raw.get("asked")),
        "principal": _amount(raw.get("principal")),
        "interest": _amount(raw.get("interest")),
        "fixed": _amount(raw.get("fixed")),
        "total": _amount(raw.get("total")),
        "pages": item.pages,
        "files": {fmt: path.name for fmt, path in item.files.items()},
        "sha256": dict(item.sha256),
        "history": _history(req.history),
        "warnings": list(item.warnings),
    }


def held_row(entry: Any) -> dict[str, str]:
    if isinstance(entry, Mapping):
        debtor, reason = entry.get("debtor"), entry.get("reason")
        name = entry.get("name")
    else:
        debtor, reason = entry
        name = None
    if hasattr(debtor, "id"):  # a Party
        name = name or debtor.name
        debtor = debtor.id
    return {"debtor": str(debtor), "name": str(name or ""), "reason": str(reason)}


def _history_cell(entries: list[dict]) -> str:
    return "; ".join(f"{e['source']} {e['step'] or e['kind']} {e['day']}" for e in entries)


def write_manifest(result, held: Iterable[Any], out_dir: Path) -> tuple[Path, Path]:
    """Write ``manifest.json`` and ``manifest.csv`` (one row per document, then the held)."""
    out_dir = Path(out_dir)
    items = result.items
    fmts = [f for f in FORMATS if any(f in item.files for item in items)]
    held_rows = [held_row(h) for h in held]
    columns = ["status", "debtor_id", "debtor_name", "template", "step", "channel",
               "language", "currency", *AMOUNT_COLUMNS, "pages"]  # fmt: skip
    for fmt in fmts:
        columns += [fmt, f"{fmt}_sha256"]
    columns += ["history", "warnings", "reason"]
    json_path, csv_path = out_dir / "manifest.json", out_dir / "manifest.csv"
    json_tmp, csv_tmp = out_dir / ".manifest.json.tmp", out_dir / ".manifest.csv.tmp"
    with (
        json_tmp.open("w", encoding="utf-8") as js,
        csv_tmp.open("w", encoding="utf-8", newline="") as fh,
    ):
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        js.write('{\n  "letters": [')
        for n, item in enumerate(items):
            row = letter_row(item)
            js.write(("," if n else "") + "\n    " + _dump(row))
            flat = {k: v for k, v in row.items() if k in columns}
            flat["status"] = "written"
            for fmt in fmts:
                flat[fmt] = row["files"].get(fmt, "")
                flat[f"{fmt}_sha256"] = row["sha256"].get(fmt, "")
            flat["history"] = _history_cell(row["history"])
            flat["warnings"] = " | ".join(row["warnings"])
            writer.writerow(safe_row(flat, numeric={*AMOUNT_COLUMNS, "pages"}))
        js.write('\n  ],\n  "held": [')
        for n, row in enumerate(held_rows):
            js.write(("," if n else "") + "\n    " + _dump(row))
            writer.writerow(
                safe_row(
                    {
                        "status": "held",
                        "debtor_id": row["debtor"],
                        "debtor_name": row["name"],
                        "reason": row["reason"],
                    }
                )
            )
        js.write("\n  ]")
        if result.print_pdf is not None:
            pages = print_pages(items)
            js.write(f',\n  "print": {_dump({"file": result.print_pdf.name, "pages": pages})}')
        js.write("\n}\n")
    os.replace(json_tmp, json_path)
    os.replace(csv_tmp, csv_path)
    return json_path, csv_path


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def print_pages(items) -> int:
    """Pages of print.pdf: each letter starts on an odd page (a blank page after an odd
    count, except after the last letter)."""
    total = 0
    for n, item in enumerate(items):
        total += item.pages + (item.pages % 2 if n < len(items) - 1 else 0)
    return total
