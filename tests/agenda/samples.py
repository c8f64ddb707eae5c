"""Small files of each kind, built in memory: real signatures and structures, no fixtures on disk."""

from __future__ import annotations

import io
import struct
import zipfile

from meetapp.uploads import OLE2_SIGNATURE

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20 + b"\xff\xd9"
HTML_AS_PDF = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
PDF_AFTER_SCRIPT = b"<script>alert(1)</script>\n%PDF-1.4\n%%EOF\n"

OOXML = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "word/document.xml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/workbook.xml"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
             "ppt/presentation.xml"),
    "docm": ("application/vnd.ms-word.document.macroEnabled.main+xml", "word/document.xml"),
}


def ooxml(kind: str, *, content_types: bool = True) -> bytes:
    main_type, part = OOXML[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        if content_types:
            package.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                f'content-types"><Override PartName="/{part}" ContentType="{main_type}"/></Types>',
            )
        package.writestr(part, "<xml/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "hello")
    return buffer.getvalue()


FREE, END, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def ole2(stream: str) -> bytes:
    """A minimal compound file (512-byte sectors): header, one FAT sector, one directory sector with the root
    entry and one stream called ``stream`` (Word: "WordDocument", Excel: "Workbook", PowerPoint: "PowerPoint
    Document")."""
    header = bytearray(512)
    header[0:8] = OLE2_SIGNATURE
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # one FAT sector
    struct.pack_into("<I", header, 0x30, 1)  # directory starts in sector 1
    struct.pack_into("<I", header, 0x38, 4096)
    struct.pack_into("<III", header, 0x3C, END, 0, END)  # no mini FAT, no extra DIFAT sectors
    struct.pack_into("<I", header, 0x48, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([FREE] * 108))
    fat = struct.pack("<128I", FAT_SECTOR, END, *([FREE] * 126))
    directory = bytearray(512)
    for index, (name, entry_type) in enumerate((("Root Entry", 5), (stream, 2))):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        offset = index * 128
        directory[offset : offset + len(encoded)] = encoded
        struct.pack_into("<HB", directory, offset + 0x40, len(encoded), entry_type)
    return bytes(header) + fat + bytes(directory)
