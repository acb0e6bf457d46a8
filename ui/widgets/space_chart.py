"""Free / used / recorded space of the SE as a donut, drawn with QPainter.

QtCharts lives in PySide6-Addons, which we do not ship; a donut and a legend are a few lines.
"Recorded" free space is what the platform believes (seed §5.8.7.1 note 3); when it differs from
what the card measured, the difference is the first thing a technician wants to see.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

USED = QColor("#d9534f")
FREE = QColor("#2e9d5b")
RECORDED = QColor("#1f6fb2")
TRACK = QColor("#e6e9ee")


def human_bytes(n: int | None) -> str:
    if n is None:
        return "—"
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.2f} MB"


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color)
    pen.setWidthF(float(width))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


class SpaceChart(QWidget):
    """A donut of used vs free, with a legend; ``set_space(None)`` clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = self.used = self.free_measured = 0
        self.free_recorded: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_space(self, total: int, used: int, free_measured: int, free_recorded: int | None) -> None:
        self.total, self.used = max(total, 0), max(used, 0)
        self.free_measured, self.free_recorded = max(free_measured, 0), free_recorded
        self.updateGeometry()  # the legend's width changed with its numbers
        self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Room for the ring and the whole legend in the current font (the kiosk's is large)."""
        metrics = self.fontMetrics()
        height = max(130, (metrics.height() + 8) * 4 + 12)
        text = max(metrics.horizontalAdvance(t) for _, t in self.legend())
        return QSize(min(height - 20, 150) + 20 + 22 + text + 12, height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSizeHint()

    def clear(self) -> None:
        self.set_space(0, 0, 0, None)

    def legend(self) -> list[tuple[QColor, str]]:
        rows = [(USED, self.tr("Used: %1").replace("%1", human_bytes(self.used))),
                (FREE, self.tr("Free (measured): %1").replace("%1", human_bytes(self.free_measured)))]
        if self.free_recorded is not None:
            rows.append((RECORDED, self.tr("Free (platform record): %1")
                         .replace("%1", human_bytes(self.free_recorded))))
        rows.append((TRACK, self.tr("Total: %1").replace("%1", human_bytes(self.total))))
        return rows

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.height() - 20, 150)
        ring = QRectF(10 + 10, 10 + 10, side - 20, side - 20)
        self._draw_ring(painter, ring)
        painter.setPen(self.palette().text().color())
        share = f"{100 * self.used / self.total:.0f}%" if self.total else "—"
        painter.drawText(ring, Qt.AlignmentFlag.AlignCenter, share)
        self._draw_legend(painter, int(side + 20))
        painter.end()

    def _draw_ring(self, painter: QPainter, ring: QRectF) -> None:
        width = max(ring.width() / 6, 8)
        painter.setPen(_pen(TRACK, width))
        painter.drawArc(ring, 0, 360 * 16)
        if not self.total:
            return
        used_span = int(-360 * 16 * min(self.used / self.total, 1.0))
        free_span = int(-360 * 16 * min(self.free_measured / self.total, 1.0))
        start = 90 * 16
        painter.setPen(_pen(USED, width))
        painter.drawArc(ring, start, used_span)
        painter.setPen(_pen(FREE, width))
        painter.drawArc(ring, start + used_span, free_span)
        if self.free_recorded is not None:
            # A thin outer tick marks where the platform's record ends.
            mark = start + int(-360 * 16 * min((self.total - self.free_recorded) / self.total, 1.0))
            outer = ring.adjusted(-width / 2 - 4, -width / 2 - 4, width / 2 + 4, width / 2 + 4)
            painter.setPen(_pen(RECORDED, 4))
            painter.drawArc(outer, mark, -(self.total and int(360 * 16 * self.free_recorded / self.total)))

    def _draw_legend(self, painter: QPainter, left: int) -> None:
        line = painter.fontMetrics().height() + 8
        top = max((self.height() - line * 4) // 2, 6)
        for i, (color, text) in enumerate(self.legend()):
            y = top + i * line
            painter.fillRect(left, y + 3, 14, 14, color)
            painter.setPen(self.palette().text().color())
            painter.drawText(left + 22, y + painter.fontMetrics().ascent() + 2, text)
