"""Uploaded files: what they really are, where they are kept, and how they go back out.

The file name and the browser's content type are the uploader's claims; the first bytes decide the type.
Files live under ``UPLOAD_DIR`` (outside the web root) in a folder per area, named by a random token, so no part
of a stored path comes from the user. Downloads are always attachments with ``nosniff``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import struct
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from flask import abort, current_app, send_file
from flask_babel import lazy_gettext as _l

from meetapp.errors import DomainError

log = logging.getLogger("meetapp.uploads")

CHUNK = 64 * 1024


# --- refusals -------------------------------------------------------------------------------------


class EmptyFile(DomainError):
    message = _l("The file is empty.")


class FileTooLarge(DomainError):
    def __init__(self, max_mb: int):
        super().__init__(_l("The file is larger than %(max)d MB; upload a smaller file.", max=max_mb))


class UnsupportedFileType(DomainError):
    def __init__(self, allowed: Iterable[FileKind]):
        names = ", ".join(str(kind.label) for kind in allowed)
        super().__init__(
            _l("This kind of file cannot be uploaded here (its content is not one of: %(allowed)s).", allowed=names)
        )


# --- recognising a file by its content -----------------------------------------------------------


@dataclass(frozen=True)
class FileKind:
    key: str
    content_type: str
    extensions: tuple[str, ...]  # the first one is used when a name's extension does not match the content
    label: object  # lazy translatable


PDF = FileKind("pdf", "application/pdf", (".pdf",), _l("PDF"))
PNG = FileKind("png", "image/png", (".png",), _l("PNG image"))
JPEG = FileKind("jpeg", "image/jpeg", (".jpg", ".jpeg"), _l("JPEG image"))
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), _l("Word (.docx)")
)
XLSX = FileKind(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), _l("Excel (.xlsx)")
)
PPTX = FileKind(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
    _l("PowerPoint (.pptx)"),
)
DOC = FileKind("doc", "application/msword", (".doc",), _l("Word 97–2003 (.doc)"))
XLS = FileKind("xls", "application/vnd.ms-excel", (".xls",), _l("Excel 97–2003 (.xls)"))
PPT = FileKind("ppt", "application/vnd.ms-powerpoint", (".ppt",), _l("PowerPoint 97–2003 (.ppt)"))

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

# An Office Open XML package declares its main part in [Content_Types].xml and keeps it in its own folder.
# Macro-enabled packages (.docm, .xlsm, .pptm) declare other main types and so are not recognised.
OOXML_MAIN_PARTS = (
    (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "word/"),
    (XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/"),
    (PPTX, "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "ppt/"),
)
CONTENT_TYPES_LIMIT = 1024 * 1024
# Legacy Office files are OLE2 compound files; the streams inside say which application wrote them.
OLE2_MAIN_STREAMS = {"WordDocument": DOC, "Workbook": XLS, "Book": XLS, "PowerPoint Document": PPT}


def detect_kind(path: Path) -> FileKind | None:
    """The kind of the file at ``path`` judged by its content, or None when it is none of the known kinds."""
    with path.open("rb") as file:
        head = file.read(8)
        file.seek(0)
        try:
            if head.startswith(b"%PDF-"):
                return PDF
            if head.startswith(PNG_SIGNATURE):
                return PNG
            if head.startswith(JPEG_SIGNATURE):
                return JPEG
            if head.startswith(ZIP_SIGNATURE):
                return _ooxml_kind(file)
            if head.startswith(OLE2_SIGNATURE):
                return _ole2_kind(file)
        except (zipfile.BadZipFile, struct.error, ValueError, UnicodeDecodeError, OSError, EOFError):
            return None  # claims a format but is broken: not something we accept
    return None


def _ooxml_kind(file: BinaryIO) -> FileKind | None:
    with zipfile.ZipFile(file) as package:
        names = package.namelist()
        if "[Content_Types].xml" not in names:
            return None
        info = package.getinfo("[Content_Types].xml")
        if info.file_size > CONTENT_TYPES_LIMIT:
            return None
        with package.open(info) as member:
            content_types = member.read(CONTENT_TYPES_LIMIT).decode("utf-8", errors="replace")
    for kind, main_type, folder in OOXML_MAIN_PARTS:
        if f'ContentType="{main_type}"' in content_types and any(name.startswith(folder) for name in names):
            return kind
    return None


def _ole2_kind(file: BinaryIO) -> FileKind | None:
    names = _ole2_stream_names(file)
    for stream, kind in OLE2_MAIN_STREAMS.items():
        if stream in names:
            return kind
    return None


FREE, END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
MAX_CHAIN = 100_000  # a corrupt or hostile file must not loop us forever


def _ole2_stream_names(file: BinaryIO) -> set[str]:
    """The names in an OLE2 compound file's directory (MS-CFB): header → FAT → directory chain."""
    header = file.read(512)
    sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
    if sector_shift not in (9, 12):
        return set()
    size = 1 << sector_shift
    first_directory, = struct.unpack_from("<I", header, 0x30)
    next_difat, difat_count = struct.unpack_from("<II", header, 0x44)

    def sector(number: int) -> bytes:
        file.seek((number + 1) * size)
        data = file.read(size)
        if len(data) != size:
            raise ValueError("truncated compound file")
        return data

    fat_sectors = [n for n in struct.unpack_from("<109I", header, 0x4C) if n != FREE]
    for _ in range(min(difat_count, MAX_CHAIN)):
        if next_difat in (FREE, END_OF_CHAIN):
            break
        entries = struct.unpack(f"<{size // 4}I", sector(next_difat))
        fat_sectors += [n for n in entries[:-1] if n != FREE]
        next_difat = entries[-1]
    fat: list[int] = []
    for number in fat_sectors[:MAX_CHAIN]:
        fat += struct.unpack(f"<{size // 4}I", sector(number))

    names, current, steps = set(), first_directory, 0
    while current not in (END_OF_CHAIN, FREE) and steps < MAX_CHAIN and current < len(fat):
        data = sector(current)
        for offset in range(0, size, 128):
            name_length, entry_type = struct.unpack_from("<HB", data, offset + 0x40)
            if entry_type == 2 and 2 <= name_length <= 64:  # a stream
                names.add(data[offset : offset + name_length - 2].decode("utf-16-le"))
        current, steps = fat[current], steps + 1
    return names


# --- file names -----------------------------------------------------------------------------------


def clean_filename(raw: str | None, kind: FileKind) -> str:
    """A display name from what the browser sent: no folders, no control characters, at most 255 characters,
    and an extension that matches the content (``scan.pdf`` that is really a PNG becomes ``scan.png``)."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]  # browsers on Windows may send C:\fakepath\…
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if f".{extension.lower()}" not in kind.extensions:
        extension = kind.extensions[0][1:]
    stem = stem.strip() or "file"
    return f"{stem[: 250 - len(extension)]}.{extension}"


def content_disposition(filename: str) -> str:
    """``attachment`` with the name as-is (RFC 6266/5987 ``filename*``) and a plain-ASCII fallback."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9._() -]", "_", ascii_name).strip()
    stem, _dot, extension = ascii_name.rpartition(".")
    if not stem.strip("_ ."):
        ascii_name = f"download.{extension}" if extension else "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


# --- storage ----------------------------------------------------------------------------------------

STORED_NAME = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class StoredFile:
    name: str  # the random token the file is stored under
    size: int
    sha256: str
    kind: FileKind


def folder_path(folder: str) -> Path:
    """``UPLOAD_DIR/<folder>``, created when missing; refuses a directory the app serves as static files."""
    root = Path(current_app.config["UPLOAD_DIR"]).resolve()
    static = Path(current_app.static_folder).resolve() if current_app.static_folder else None
    if static is not None and root.is_relative_to(static):
        raise RuntimeError("UPLOAD_DIR must be outside the static folder: uploads are never served directly.")
    path = root / folder
    path.mkdir(parents=True, exist_ok=True)
    return path


def stored_path(folder: str, name: str) -> Path:
    if not STORED_NAME.match(name):
        raise ValueError(f"not a stored file name: {name!r}")
    return folder_path(folder) / name


def store_upload(stream: BinaryIO, folder: str, *, max_bytes: int, allowed: Iterable[FileKind]) -> StoredFile:
    """Copy ``stream`` into ``folder`` under a new random name, counting and hashing as it goes.

    Refuses (and leaves nothing behind) an empty file, one larger than ``max_bytes`` and one whose content is
    not one of the ``allowed`` kinds.
    """
    allowed = tuple(allowed)
    name = secrets.token_hex(16)
    path = stored_path(folder, name)
    digest, size = hashlib.sha256(), 0
    try:
        with path.open("xb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FileTooLarge(max_bytes // (1024 * 1024))
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise EmptyFile()
        kind = detect_kind(path)
        if kind not in allowed:
            raise UnsupportedFileType(allowed)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return StoredFile(name=name, size=size, sha256=digest.hexdigest(), kind=kind)


def remove_stored(folder: str, name: str) -> None:
    """Delete a stored file; a file already gone is only logged (the database row is what counts)."""
    try:
        stored_path(folder, name).unlink()
    except FileNotFoundError:
        log.warning("stored file %s/%s was already gone", folder, name)


def send_stored(folder: str, name: str, *, filename: str, content_type: str):
    """A download response for a stored file: always an attachment, never sniffed, never run as a page."""
    path = stored_path(folder, name)
    if not path.is_file():
        log.error("stored file %s/%s is missing", folder, name)
        abort(404)
    response = send_file(path, mimetype=content_type, conditional=True, etag=True, max_age=0)
    response.headers["Content-Disposition"] = content_disposition(filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-cache"
    return response
