"""Uploaded files, kept in a folder of the store under names the server makes.

An upload is a folder ``<store>.files/uploads/<32 hex digits>/`` holding:

- ``ledger/``: one ledger (CSV, XLSX, JSON, a FEC) or e-invoices (Factur-X PDFs, UBL and
  CII XML, as many as the accountant has);
- ``bank/``: the bank statements whose credits pay invoices (CAMT.053, CFONB 120, OFX,
  CSV), when given;
- ``creditor.yaml``: the creditor profile, when given.

Files keep the client's name made safe by Werkzeug's ``secure_filename`` (so that
problems read ``ledger-fr.csv:5: ...``), with an extension from a closed list. The
browser only ever names an upload by its id, checked to be 32 hex digits: no path from
the browser reaches the file system. The creditor profile the page signs with is kept as
``<store>.files/creditor.yaml``.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from ..errors import RelanceError

__all__ = [
    "BANK_SUFFIXES",
    "EINVOICE_SUFFIXES",
    "LEDGER_SUFFIXES",
    "MAX_FILES",
    "BadUpload",
    "Upload",
    "keep_profile_file",
    "profile_path",
    "save_upload",
]

LEDGER_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".json")
"""One file that is the whole ledger: a spreadsheet, a JSON export or a FEC."""
EINVOICE_SUFFIXES = (".pdf", ".xml")
"""E-invoices: Factur-X / ZUGFeRD PDFs, UBL 2.1 and CII XML; any number of them."""
BANK_SUFFIXES = (".xml", ".cfonb", ".txt", ".csv", ".ofx", ".qfx", ".dat")
MAX_FILES = 1000
"""E-invoices in one upload, at the most (bank statements: the same)."""
_ID = re.compile(r"[0-9a-f]{32}")


class BadUpload(RelanceError):
    """An upload that cannot be used (missing file, wrong type, unknown id)."""

    message = "The upload cannot be used."


@dataclass(frozen=True)
class Upload:
    id: str
    folder: Path
    ledger: Path
    """The ledger file, or the folder of e-invoices."""
    ledger_name: str
    """What the user gave, for display only."""
    bank: tuple[Path, ...]
    creditor: Path | None

    @classmethod
    def open(cls, files_dir: Path, upload_id: str) -> Upload:
        if not _ID.fullmatch(upload_id or ""):
            raise BadUpload("unknown upload")
        folder = files_dir / "uploads" / upload_id
        info = folder / "upload.json"
        if not info.is_file():
            raise BadUpload("unknown upload: import the file again")
        meta = json.loads(info.read_text(encoding="utf-8"))
        creditor = folder / "creditor.yaml"
        return cls(
            id=upload_id,
            folder=folder,
            ledger=folder / meta["ledger"],
            ledger_name=meta["ledger_name"],
            bank=tuple(folder / name for name in meta.get("bank", ())),
            creditor=creditor if creditor.is_file() else None,
        )


def _display_name(name: str) -> str:
    """The client's file name reduced to its last part, printable, for messages."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable())[:120]
    return base or "file"


def _disk_name(name: str, taken: set[str]) -> str:
    """A safe, unique file name: ``Relevé clients.CSV`` -> ``Releve_clients.csv``."""
    shown = Path(_display_name(name))
    suffix = shown.suffix.lower()
    stem = secure_filename(shown.stem)[:80].strip("._") or "file"
    candidate, n = stem + suffix, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    taken.add(candidate)
    return candidate


def _given(files: Sequence[FileStorage | None]) -> list[FileStorage]:
    return [f for f in files if f is not None and f.filename]


def _check_ledger(files: list[FileStorage]) -> str:
    """``file`` for one ledger file, ``einvoices`` for e-invoices; else BadUpload."""
    if not files:
        raise BadUpload("choose a ledger file (or e-invoices) to import")
    if len(files) > MAX_FILES:
        raise BadUpload(f"{len(files)} files: at most {MAX_FILES} e-invoices in one import")
    suffixes = {Path(f.filename or "").suffix.lower() for f in files}
    if suffixes <= set(EINVOICE_SUFFIXES):
        return "einvoices"
    if len(files) == 1 and suffixes <= set(LEDGER_SUFFIXES):
        return "file"
    wrong = next(
        (f for f in files if Path(f.filename or "").suffix.lower() not in LEDGER_SUFFIXES),
        files[0],
    )
    if len(files) > 1 and suffixes <= set(LEDGER_SUFFIXES + EINVOICE_SUFFIXES):
        raise BadUpload("give one ledger file, or e-invoices (PDF, XML) only: not both")
    raise BadUpload(
        f"{_display_name(wrong.filename or '')}: not a ledger file (accepted: "
        f"{', '.join(LEDGER_SUFFIXES)}, or e-invoices {', '.join(EINVOICE_SUFFIXES)})"
    )


def save_upload(
    files_dir: Path,
    ledger: Sequence[FileStorage | None],
    creditor: FileStorage | None,
    bank: Sequence[FileStorage | None] = (),
) -> Upload:
    """Keep the uploaded files in a new upload folder; return the :class:`Upload`."""
    ledger_files = _given(ledger)
    shape = _check_ledger(ledger_files)
    bank_files = _given(bank)
    if len(bank_files) > MAX_FILES:
        raise BadUpload(f"{len(bank_files)} statements: at most {MAX_FILES} in one import")
    for f in bank_files:
        if Path(f.filename or "").suffix.lower() not in BANK_SUFFIXES:
            raise BadUpload(
                f"{_display_name(f.filename or '')}: not a bank statement (accepted: "
                f"{', '.join(BANK_SUFFIXES)})"
            )
    if (
        creditor is not None
        and creditor.filename
        and Path(creditor.filename).suffix.lower() not in {".yaml", ".yml"}
    ):
        raise BadUpload(f"{_display_name(creditor.filename)}: the profile must be YAML")
    upload_id = secrets.token_hex(16)
    folder = files_dir / "uploads" / upload_id
    (folder / "ledger").mkdir(parents=True)
    try:
        taken: set[str] = set()
        names = []
        for f in ledger_files:
            name = _disk_name(f.filename or "", taken)
            f.save(folder / "ledger" / name)
            names.append(name)
        banks = []
        if bank_files:
            (folder / "bank").mkdir()
            for f in bank_files:
                name = _disk_name(f.filename or "", set(banks))
                f.save(folder / "bank" / name)
                banks.append(f"bank/{name}")
        if creditor is not None and creditor.filename:
            creditor.save(folder / "creditor.yaml")
        if shape == "file":
            meta_ledger, shown = f"ledger/{names[0]}", _display_name(ledger_files[0].filename)
        else:
            meta_ledger, shown = "ledger", f"{len(names)} e-invoices"
        meta = {"ledger": meta_ledger, "ledger_name": shown, "bank": banks}
        (folder / "upload.json").write_text(json.dumps(meta), encoding="utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Upload.open(files_dir, upload_id)


def profile_path(files_dir: Path) -> Path:
    """Where the creditor profile the page signs with is kept."""
    return files_dir / "creditor.yaml"


def keep_profile_file(source: Path, files_dir: Path) -> Path:
    """Make ``source`` the profile the page signs with: written beside, then renamed, so
    that a process killed half-way leaves the previous profile whole."""
    target = profile_path(files_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        shutil.copyfile(source, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target
