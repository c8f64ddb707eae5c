"""Uploaded files waiting between preview and confirm (directory CSV imports, video attendance reports).

Several processes serve the app, so the file lives on disk (``UPLOAD_DIR/imports/<token>/``), not in memory.
The token is random and the folder records who uploaded it: nobody else can preview, confirm or cancel it.
``extra`` keeps what the upload is for (e.g. the meeting and session of a video report) beside it.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

TOKEN = re.compile(r"[A-Za-z0-9_-]{40,64}")
# Abandoned previews are removed when someone uploads again after this long.
MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PendingImport:
    token: str
    kind: str
    filename: str
    owner_id: int
    data: bytes
    extra: dict = field(default_factory=dict)


def _root() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / "imports"


def _folder(token: str) -> Path | None:
    return _root() / token if TOKEN.fullmatch(token or "") else None


def save(data: bytes, *, kind: str, filename: str, owner_id: int, extra: dict | None = None) -> str:
    """Keep an upload for ``owner_id`` and return the token that names it."""
    root = _root()
    root.mkdir(parents=True, exist_ok=True)
    _discard_stale(root)
    token = secrets.token_urlsafe(32)
    folder = root / token
    folder.mkdir(mode=0o700)
    (folder / "upload.csv").write_bytes(data)
    # Written last: a folder without it is an upload still being written, and is not found.
    meta = {"kind": kind, "filename": filename, "owner_id": owner_id, "created": time.time(), "extra": extra or {}}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def load(token: str, owner_id: int) -> PendingImport | None:
    """The upload named ``token`` if ``owner_id`` uploaded it and it is still there, else None."""
    folder = _folder(token)
    if folder is None:
        return None
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        data = (folder / "upload.csv").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("owner_id") != owner_id:
        return None
    return PendingImport(token, meta["kind"], meta.get("filename", ""), owner_id, data, meta.get("extra") or {})


def discard(token: str) -> None:
    folder = _folder(token)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _discard_stale(root: Path) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for folder in root.iterdir():
        try:
            if folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
