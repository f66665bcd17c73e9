"""Uploaded files, kept in a folder of the store under names the server makes.

An upload is a folder ``<store>.files/uploads/<32 hex digits>/`` holding the ledger, under
the client's file name made safe by Werkzeug's ``secure_filename`` (so that problems read
``ledger-fr.csv:5: ...``) with an extension from a closed list, and, when given,
``creditor.yaml``. The browser only ever names an upload by its id, checked to be 32 hex
digits: no path from the browser reaches the file system.
The creditor profile the page signs with is kept as ``<store>.files/creditor.yaml``.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from ..errors import RelanceError

__all__ = ["LEDGER_SUFFIXES", "BadUpload", "Upload", "profile_path", "save_upload"]

LEDGER_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".json")
_ID = re.compile(r"[0-9a-f]{32}")


class BadUpload(RelanceError):
    """An upload that cannot be used (missing file, wrong type, unknown id)."""

    message = "The upload cannot be used."


@dataclass(frozen=True)
class Upload:
    id: str
    folder: Path
    ledger: Path
    ledger_name: str
    """The name the user's file had, for display only."""
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
            creditor=creditor if creditor.is_file() else None,
        )


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in LEDGER_SUFFIXES:
        raise BadUpload(
            f"{Path(name).name or 'the file'}: not a ledger file (accepted: "
            f"{', '.join(LEDGER_SUFFIXES)})"
        )
    return suffix


def _display_name(name: str) -> str:
    """The client's file name reduced to its last part, printable, for messages."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable())[:120]
    return base or "ledger"


def _disk_name(name: str, suffix: str) -> str:
    """A safe file name for the ledger: ``Relevé clients.CSV`` -> ``Releve_clients.csv``."""
    stem = secure_filename(Path(_display_name(name)).stem)[:80].strip("._") or "ledger"
    return stem + suffix


def save_upload(files_dir: Path, ledger: FileStorage | None, creditor: FileStorage | None):
    """Keep the uploaded files in a new upload folder; return the :class:`Upload`."""
    if ledger is None or not ledger.filename:
        raise BadUpload("choose a ledger file to import")
    suffix = _suffix(ledger.filename)
    upload_id = secrets.token_hex(16)
    folder = files_dir / "uploads" / upload_id
    folder.mkdir(parents=True, exist_ok=False)
    try:
        disk_name = _disk_name(ledger.filename, suffix)
        ledger.save(folder / disk_name)
        if creditor is not None and creditor.filename:
            if Path(creditor.filename).suffix.lower() not in {".yaml", ".yml"}:
                raise BadUpload(f"{_display_name(creditor.filename)}: the profile must be YAML")
            creditor.save(folder / "creditor.yaml")
        meta = {"ledger": disk_name, "ledger_name": _display_name(ledger.filename)}
        (folder / "upload.json").write_text(json.dumps(meta), encoding="utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Upload.open(files_dir, upload_id)


def profile_path(files_dir: Path) -> Path:
    """Where the creditor profile the page signs with is kept."""
    return files_dir / "creditor.yaml"
