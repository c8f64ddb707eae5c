"""The desk's camera: a frame from a browser that has no QR reader of its own (``BarcodeDetector``) is decoded
here. The code found is only handed back to the desk, which sends it as a scan like a scanner's input."""

from __future__ import annotations

import io
import warnings

import zxingcpp
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

from meetapp.errors import DomainError

MAX_FRAME_BYTES = 1024 * 1024
# A phone's frame, downscaled by the desk to 640 px or so; more is refused before it is decoded.
MAX_FRAME_PIXELS = 2_000_000


class NotAFrame(DomainError):
    message = _l("The camera's picture could not be read.")


def decode_ticket(frame: bytes) -> str | None:
    """The text of the first QR code in ``frame`` (JPEG, PNG or WebP), or None when the picture shows none."""
    if not frame or len(frame) > MAX_FRAME_BYTES:
        raise NotAFrame()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(frame), formats=("JPEG", "PNG", "WEBP"))
            if image.width * image.height > MAX_FRAME_PIXELS:
                raise NotAFrame()
            image = image.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombWarning,
            Image.DecompressionBombError):
        raise NotAFrame() from None
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return next((result.text for result in found if result.valid and result.text), None)
