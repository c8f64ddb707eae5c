"""Recognising uploads by content, naming them safely and storing them outside the web root."""

import hashlib
import io
from pathlib import Path

import pytest

from meetapp import uploads
from tests.agenda import samples


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (samples.PDF, uploads.PDF),
        (samples.PNG, uploads.PNG),
        (samples.JPEG, uploads.JPEG),
        (samples.ooxml("docx"), uploads.DOCX),
        (samples.ooxml("xlsx"), uploads.XLSX),
        (samples.ooxml("pptx"), uploads.PPTX),
        (samples.ole2("WordDocument"), uploads.DOC),
        (samples.ole2("Workbook"), uploads.XLS),
        (samples.ole2("PowerPoint Document"), uploads.PPT),
    ],
)
def test_known_kinds_are_recognised_by_content(tmp_path, content, kind):
    path = tmp_path / "upload"
    path.write_bytes(content)
    assert uploads.detect_kind(path) == kind


@pytest.mark.parametrize(
    "content",
    [
        samples.HTML_AS_PDF,
        samples.PDF_AFTER_SCRIPT,
        samples.ooxml("docm"),  # macro-enabled Word
        samples.ooxml("docx", content_types=False),
        samples.plain_zip(),
        samples.ole2("__substg1.0_0037001F"),  # an Outlook message, not an Office document
        samples.ole2("WordDocument")[:600],  # cut off before its directory
        b"PK\x03\x04 not really a zip",
        b"MZ\x90\x00 a Windows program",
    ],
)
def test_anything_else_is_not_recognised(tmp_path, content):
    path = tmp_path / "upload"
    path.write_bytes(content)
    assert uploads.detect_kind(path) is None


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("Agenda.pdf", uploads.PDF, "Agenda.pdf"),
        ("C:\\fakepath\\Report 2026.pdf", uploads.PDF, "Report 2026.pdf"),
        ("../../etc/passwd.pdf", uploads.PDF, "passwd.pdf"),
        ("科技创新工作报告.docx", uploads.DOCX, "科技创新工作报告.docx"),
        ("slides.pdf", uploads.PNG, "slides.png"),  # the content decides the extension
        ("photo.JPEG", uploads.JPEG, "photo.JPEG"),
        ("no extension", uploads.PDF, "no extension.pdf"),
        ("bad\x00name\r\n.pdf", uploads.PDF, "badname.pdf"),
        ("", uploads.PDF, "file.pdf"),
        (".pdf", uploads.PDF, "pdf.pdf"),
    ],
)
def test_clean_filename(raw, kind, expected):
    assert uploads.clean_filename(raw, kind) == expected


def test_clean_filename_keeps_names_within_255_characters():
    name = uploads.clean_filename("报" * 400 + ".pdf", uploads.PDF)
    assert len(name) <= 255 and name.endswith(".pdf")


def test_content_disposition_encodes_chinese_names_with_an_ascii_fallback():
    header = uploads.content_disposition("会议议程 2026.pdf")
    assert header.startswith("attachment;")
    assert 'filename="2026.pdf"' in header
    assert "filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E8%AE%AE%E7%A8%8B%202026.pdf" in header


def test_content_disposition_fallback_for_a_name_without_ascii():
    assert 'filename="download.pdf"' in uploads.content_disposition("议程.pdf")


def test_content_disposition_cannot_break_out_of_the_quotes():
    header = uploads.content_disposition('a"; filename="evil.html.pdf')
    assert header.count('"') == 2


def test_store_upload_writes_under_upload_dir_with_a_random_name_and_hash(app):
    stored = uploads.store_upload(io.BytesIO(samples.PDF), "materials", max_bytes=1024, allowed=[uploads.PDF])
    path = Path(app.config["UPLOAD_DIR"]) / "materials" / stored.name
    assert path.read_bytes() == samples.PDF
    assert stored.size == len(samples.PDF)
    assert stored.sha256 == hashlib.sha256(samples.PDF).hexdigest()
    assert uploads.STORED_NAME.match(stored.name)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", uploads.EmptyFile),
        (samples.PDF + b"x" * 2000, uploads.FileTooLarge),
        (samples.HTML_AS_PDF, uploads.UnsupportedFileType),
    ],
)
def test_refused_uploads_leave_nothing_behind(app, content, error):
    with pytest.raises(error):
        uploads.store_upload(io.BytesIO(content), "materials", max_bytes=1024, allowed=[uploads.PDF])
    assert list((Path(app.config["UPLOAD_DIR"]) / "materials").iterdir()) == []


def test_stored_names_cannot_point_elsewhere(app):
    with pytest.raises(ValueError):
        uploads.stored_path("materials", "../../config.py")


def test_upload_dir_inside_the_static_folder_is_refused(app):
    app.config["UPLOAD_DIR"] = str(Path(app.static_folder) / "uploads")
    with pytest.raises(RuntimeError):
        uploads.folder_path("materials")
