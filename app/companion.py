"""Where the subscriber gets an application's companion phone app (seed §5.4.2, §5.4.7).

A download's answer names it (``ResultSummary.companion_link``): an ``https://`` URL the provider
gave, or the platform path of the package it stores.  The receipt and the screen show it as a
QR code: :func:`qr_data_uri`, a PNG made in memory by segno (ISO/IEC 18004) that the receipt's
HTML embeds, so the screen preview, the printer and the PDF all show the same code.
"""

from __future__ import annotations

import base64
import io
from urllib.parse import urljoin, urlparse

import segno

from app.services.base import ServiceOutcome
from app.services.query import QueryReport
from app.services.result_summary import summarise


def companion_link(result: ServiceOutcome | QueryReport, platform_url: str) -> str:
    """The absolute link of a finished download's companion app; "" when there is none."""
    summary = summarise(result)
    link = summary.companion_link if summary.ok else ""
    if not link:
        return ""
    absolute = urljoin(platform_url, link) if link.startswith("/") else link
    return absolute if urlparse(absolute).scheme == "https" else ""


def qr_png(text: str, scale: int = 4) -> bytes:
    """PNG of ``text``'s QR code (error correction M, the 4-module quiet zone), made in memory."""
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def qr_data_uri(text: str) -> str:
    """``data:image/png;base64,…`` of :func:`qr_png`, for HTML."""
    return "data:image/png;base64," + base64.b64encode(qr_png(text)).decode("ascii")
