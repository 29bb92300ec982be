"""Print preview, printing and "Save as PDF" for the documents core makes (PDF bytes from ReportLab).

Printing renders each PDF page with QtPdf into an image at up to 300 dpi and paints it on the ``QPrinter``
chosen in the system print dialog, one page after another as one job. The page goes on the whole sheet, as
designed, unless the printer cannot print as near the edge as the documents draw (``INK_MARGINS``: 17 mm at
the sides, 8 mm at the top, 6 mm at the foot, measured on every kind of document): then it is scaled down
into the printable area, so nothing is cut off. ``print_pdf`` is a long operation (a generator yielding
``Progress``), so the window runs it on its worker thread with a progress dialog; painting on a ``QPrinter``
and rendering with ``QPdfDocument`` are both allowed off the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from omi_desktop.core.errors import OmiError
from omi_desktop.core.progress import Operation, Progress
from omi_desktop.core.reports.document import INK_MARGINS

PRINT_DPI = 300  # sharp on any office printer; a 1200 dpi page image would need half a gigabyte


def tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


class PrintFailed(OmiError):
    """The printer could not be started or the document could not be read."""


def load_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A ``QPdfDocument`` over ``data`` held in memory (nothing is written to disk); keep the buffer alive."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintFailed(tr("the document could not be read for printing"))
    return document, buffer


def new_printer(document_name: str) -> QPrinter:
    """A printer set up for our documents: A4 portrait, whole page (the PDF has its own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(document_name)
    return printer


def pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """Page indexes (from 0) chosen in the print dialog: all, or a from-to range."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return list(range(first - 1, last))
    return list(range(count))


def print_pdf(data: bytes, printer: QPrinter) -> Operation[int]:
    """Paint every chosen page of the PDF ``data`` on ``printer`` as one job; returns the pages printed."""
    document, _buffer = load_pdf(data)
    pages = pages_to_print(printer, document.pageCount())
    dpi = min(PRINT_DPI, printer.resolution())
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(tr("the printer could not be started; check that it is connected"))
    try:
        for number, index in enumerate(pages):
            if number:
                printer.newPage()
            yield Progress(
                number, len(pages), tr("Printing page {n} of {total}").format(n=number + 1, total=len(pages))
            )
            image = _page_image(document, index, dpi)
            target = page_target(printer)
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.save()
            # Centred in the target (on the whole sheet the page fills it exactly).
            painter.translate(
                target.x() + (target.width() - image.width() * scale) / 2,
                target.y() + (target.height() - image.height() * scale) / 2,
            )
            painter.scale(scale, scale)
            painter.drawImage(QPointF(0, 0), image)
            painter.restore()
    finally:
        painter.end()
    yield Progress(len(pages), len(pages), tr("Sent to the printer"))
    return len(pages)


def page_target(printer: QPrinter) -> QRectF:
    """Where a page is painted, in the printer's pixels: the whole sheet when the printer can print as near
    the edges as the document draws; otherwise the printable area (inside the printer's unprintable margins).
    """
    layout = QPageLayout(printer.pageLayout())
    sheet = QRectF(layout.fullRectPixels(printer.resolution()))
    layout.setUnits(QPageLayout.Unit.Point)
    least = layout.minimumMargins()
    unprintable = (least.left(), least.top(), least.right(), least.bottom())
    # Qt gives the margins in points rounded to hundredths: 17 mm comes back as 48.19 (48.189 exactly).
    if all(edge <= ink + 0.01 for edge, ink in zip(unprintable, INK_MARGINS, strict=True)):
        return sheet
    pixels = printer.resolution() / 72
    left, top, right, bottom = (edge * pixels for edge in unprintable)
    return sheet.adjusted(left, top, -right, -bottom)


def _page_image(document: QPdfDocument, index: int, dpi: int) -> QImage:
    """One page as a grey image on white paper (QtPdf leaves the background transparent)."""
    size = document.pagePointSize(index)
    pixels = QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
    page = document.render(index, pixels)
    paper = QImage(pixels, QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    # Black-and-white documents: a grey image is a quarter of the size to send to the printer.
    return paper.convertToFormat(QImage.Format.Format_Grayscale8)


def choose_printer(parent: QWidget | None, document_name: str, pages: int) -> QPrinter | None:
    """The system print dialog; None when the person cancels."""
    printer = new_printer(document_name)
    printer.setFromTo(1, pages)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print {name}").format(name=document_name))
    dialog.setMinMax(1, pages)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def ask_pdf_path(parent: QWidget | None, suggested: str) -> Path | None:
    """Where to save a PDF; None when the person cancels. ``.pdf`` is added if left out."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, tr("Save as PDF"), suggested, tr("PDF documents (*.pdf)")
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


class PdfPreviewDialog(QDialog):
    """Shows a document page by page, with Print… and Save as PDF…; the window does the work."""

    print_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None, title: str, data: bytes, pages: int) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.setWindowTitle(title)
        self.data = data
        self.document, self._buffer = load_pdf(data)
        self.document.setParent(self)
        self._buffer.setParent(self)

        layout = QVBoxLayout(self)
        self.summary = QLabel(
            self.tr("{title} — {pages} pages").format(title=title, pages=pages)
            if pages != 1
            else self.tr("{title} — 1 page").format(title=title)
        )
        self.summary.setObjectName("previewSummary")
        layout.addWidget(self.summary)
        self.view = QPdfView(self)
        self.view.setObjectName("previewView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        layout.addWidget(self.view, 1)

        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        self.save_button.setObjectName("saveButton")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_requested)
        self.save_button.clicked.connect(self.save_requested)
        layout.addWidget(buttons)
        self.print_button.setDefault(True)
        self.resize(820, 900)
