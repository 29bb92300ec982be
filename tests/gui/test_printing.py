"""Printing from the window, offscreen: the feedback sheet and the area feedback are made off the UI thread,
previewed with QtPdf, printed through a real QPrinter (writing a PDF file, parsed back and compared with the
document page by page) and saved as PDF. Only the system print and file dialogs are replaced."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from omi_desktop.core.clock import today
from omi_desktop.core.reports.feedback import feedback_pdf, feedback_sheets_pdf, finalised_on
from omi_desktop.gui.actions import ActionId
from omi_desktop.gui.dialogs import printing as dialogs
from omi_desktop.gui.dialogs.error import ErrorDialog
from omi_desktop.gui.dialogs.printing import PdfPreviewDialog, new_printer
from tests.gui.conftest import settle
from tests.gui.helpers import active_dialog, open_case, press

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def printed(monkeypatch, tmp_path):
    """Replace the system print dialog: the person picks "print to file" and presses Print.

    Each choice is recorded with the page count the dialog was offered; ``printed.pages`` may set a
    page range (first, last) as a person would in the dialog.
    """

    class Chosen(list):
        pages: tuple[int, int] | None = None
        offered: list[int]

    chosen = Chosen()
    chosen.offered = []

    def choose_printer(parent, name, pages):
        printer = new_printer(name)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"printed-{len(chosen) + 1}.pdf"))
        if chosen.pages:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*chosen.pages)
        chosen.append(printer)
        chosen.offered.append(pages)
        return printer

    monkeypatch.setattr(dialogs, "choose_printer", choose_printer)
    return chosen


def page_images(pdf: bytes, count: int) -> list[Image.Image]:
    """Each page as a small grey picture (8 x 8 pixel boxes at 40 dpi: the layout, not the anti-aliasing)."""
    images = []
    for page in range(1, count + 1):
        png = subprocess.run(
            ["pdftoppm", "-r", "40", "-gray", "-png", "-f", str(page), "-l", str(page), "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout
        image = Image.open(io.BytesIO(png)).convert("L")
        images.append(image.resize((image.width // 8, image.height // 8), Image.Resampling.BOX))
    return images


def distance(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def assert_same_pages(printed: bytes, original: bytes) -> None:
    """The printed file has the document's pages, A4, each looking like its own page and no other."""
    out, source = PdfReader(io.BytesIO(printed)), PdfReader(io.BytesIO(original))
    assert len(out.pages) == len(source.pages)
    for page in out.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    mine, theirs = page_images(printed, len(out.pages)), page_images(original, len(source.pages))
    blank = Image.new("L", theirs[0].size, 255)
    for number, image in enumerate(mine):
        own = distance(image, theirs[number])
        assert own < 9, f"page {number + 1} differs from the document's page by {own:.1f} grey levels"
        others = [distance(image, other) for n, other in enumerate(theirs) if n != number] + [
            distance(image, blank)
        ]
        assert own < min(others), f"page {number + 1} looks more like another page than its own"


def test_preview_then_print_and_save_the_feedback_sheet(qtbot, window, printed, monkeypatch, tmp_path):
    open_case(qtbot, window, "TRN00003")  # finalised in the training data
    press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)  # Feedback sheet preview
    dialog = active_dialog(qtbot, PdfPreviewDialog)
    expected = feedback_pdf(window.workspace.store, "TRN00003")
    assert dialog.document.pageCount() == expected.pages
    assert f"{expected.pages} pages" in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "preview.png"))

    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert len(printed) == 1
    assert_same_pages((tmp_path / "printed-1.pdf").read_bytes(), expected.data)
    assert "Sent" in window.statusBar().currentMessage()

    target = tmp_path / "saved" / "sheet"
    target.parent.mkdir()
    monkeypatch.setattr(dialogs, "ask_pdf_path", lambda parent, suggested: target.with_suffix(".pdf"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    saved = PdfReader(target.with_suffix(".pdf"))
    assert saved.metadata.title == "Case feedback sheet — TRN00003"
    assert "OFFICIAL-SENSITIVE" in saved.pages[0].extract_text()


def test_ctrl_p_prints_the_current_case_with_the_latest_answers(qtbot, window, printed, tmp_path):
    open_case(qtbot, window, "TRN00002")
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert len(printed) == 1 and printed[0].docName() == "Feedback sheet — TRN00002"
    assert_same_pages(
        (tmp_path / "printed-1.pdf").read_bytes(), feedback_pdf(window.workspace.store, "TRN00002").data
    )


def test_todays_finalised_sheets_print_as_one_job(qtbot, window, printed, tmp_path):
    store = window.workspace.store
    cases = finalised_on(store, today(), window.current_inspection().id)
    assert len(cases) == 12  # the training data finalises its first twelve cases today
    expected = feedback_sheets_pdf(store, cases)
    printed.pages = (1, 3)  # the person prints the first three pages of the job to check the printer
    window.actions[ActionId.PRINT_TODAYS_FEEDBACK].trigger()
    qtbot.waitUntil(lambda: len(printed) == 1 and not window.tasks.busy, timeout=60_000)
    assert printed.offered == [expected.pages]  # one job holding every sheet
    assert printed[0].docName() == "Feedback sheets finalised today (12)"
    first_three = PdfWriter()
    for page in PdfReader(io.BytesIO(expected.data)).pages[:3]:
        first_three.add_page(page)
    buffer = io.BytesIO()
    first_three.write(buffer)
    assert_same_pages((tmp_path / "printed-1.pdf").read_bytes(), buffer.getvalue())


def test_area_feedback_preview_prints(qtbot, window, printed, tmp_path):
    window.actions[ActionId.PRINT_AREA_FEEDBACK].trigger()
    dialog = active_dialog(qtbot, PdfPreviewDialog)
    assert dialog.windowTitle().startswith("Interim area feedback")
    assert dialog.document.pageCount() >= 4
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert len(PdfReader(tmp_path / "printed-1.pdf").pages) == dialog.document.pageCount()


def test_nothing_to_print_for_a_case_not_reviewed_and_cancel_prints_nothing(
    qtbot, window, monkeypatch, tmp_path
):
    open_case(qtbot, window, "TRN00060")  # not started
    assert not window.actions[ActionId.PRINT_FEEDBACK].isEnabled()
    assert not window.actions[ActionId.PREVIEW_FEEDBACK].isEnabled()
    window.printing.print_feedback()  # e.g. from a button that was not disabled
    box = active_dialog(qtbot, QMessageBox)
    assert "has not been reviewed yet" in box.text()
    box.accept()
    window.activateWindow()  # what the window manager does when a dialog closes (offscreen has none)
    qtbot.waitUntil(window.isActiveWindow)

    monkeypatch.setattr(dialogs, "choose_printer", lambda parent, name, pages: None)
    open_case(qtbot, window, "TRN00001")
    assert window.actions[ActionId.PRINT_FEEDBACK].isEnabled()
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_printer_that_cannot_start_gives_an_error_not_a_crash(qtbot, window, monkeypatch, tmp_path):
    def broken(parent, name, pages):
        printer = new_printer(name)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))
        return printer

    monkeypatch.setattr(dialogs, "choose_printer", broken)
    open_case(qtbot, window, "TRN00001")
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    error = active_dialog(qtbot, ErrorDialog)
    assert "printer could not be started; check that it is connected" in error.message.text()
    error.close()
    assert not window.tasks.busy


def test_the_scores_dialog_shows_the_figures_of_omi_scores(qtbot, window, tmp_path):
    from omi_desktop.core.reports.text import whole_percent
    from omi_desktop.core.scoring import inspection_scores
    from omi_desktop.gui.dialogs.scores import ScoresDialog

    window.actions[ActionId.INSPECTION_SCORES].trigger()
    dialog = active_dialog(qtbot, ScoresDialog)
    scores = inspection_scores(window.workspace.store, window.current_inspection().id)
    model = dialog.threads.model()
    assert model.rowCount() == len(scores.threads) == 3
    for row, thread in enumerate(scores.threads):
        a = thread.answers
        assert model.index(row, 1).data() == whole_percent(a.percent)
        assert model.index(row, 2).data() == f"{a.positive:g} / {a.applicable}"
        # Only this inspection is in the data folder: the region and the nation are its own figure.
        assert [model.index(row, c).data() for c in range(5, 9)] == [whole_percent(a.percent)] * 4
    assert dialog.criteria.model().rowCount() == len(scores.criteria)
    dialog.grab().save(str(tmp_path / "scores.png"))
    dialog.close()


def test_exports_for_analysts_from_the_inspection_menu(qtbot, window, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    from omi_desktop.gui.dialogs import exports

    # The save dialog: the person keeps the suggested workbook for answers and picks CSV for cases.
    picks = {"answers-TRN-EM.xlsx": "answers.xlsx", "cases-TRN-EM.xlsx": "cases.csv"}
    monkeypatch.setattr(
        exports, "ask_export_path", lambda parent, suggested: tmp_path / picks[Path(suggested).name]
    )
    window.actions[ActionId.EXPORT_ANSWERS].trigger()
    settle(qtbot, window)
    sheet = load_workbook(tmp_path / "answers.xlsx", read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "inspection_id" and len(rows) > 100
    assert "Wrote" in window.statusBar().currentMessage()
    window.actions[ActionId.EXPORT_CASE_SUMMARIES].trigger()
    settle(qtbot, window)
    lines = (tmp_path / "cases.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 101 and lines[0].startswith("inspection_id,")


def _printed_page(qapp, tmp_path, unprintable_mm: float) -> Image.Image:
    """A one-page document printed on a printer that cannot print within ``unprintable_mm`` of the edges,
    read back as a grey picture at 72 dpi (a pixel is a point)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout

    from omi_desktop.core.progress import run_to_end
    from omi_desktop.core.reports.document import DocumentInfo, render_pdf
    from omi_desktop.core.reports.styles import para

    document = render_pdf(DocumentInfo(title="Margins", marking="OFFICIAL-SENSITIVE"), [para("Body text.")])
    printer = new_printer("Margins")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / f"printed-{unprintable_mm}.pdf"
    printer.setOutputFileName(str(out))
    edge = QMarginsF(unprintable_mm, unprintable_mm, unprintable_mm, unprintable_mm)
    layout = printer.pageLayout()
    layout = QPageLayout(layout.pageSize(), layout.orientation(), edge, QPageLayout.Unit.Millimeter, edge)
    layout.setMode(QPageLayout.Mode.FullPageMode)
    assert printer.setPageLayout(layout)
    assert run_to_end(dialogs.print_pdf(document.data, printer)) == 1
    png = subprocess.run(
        ["pdftoppm", "-r", "72", "-gray", "-png", str(out)], capture_output=True, check=True
    ).stdout
    return Image.open(io.BytesIO(png)).convert("L")


def _ink_rows(image: Image.Image) -> list[int]:
    """Rows (from the top, in points) holding dark ink."""
    width = image.width
    pixels = image.load()
    return [y for y in range(image.height) if any(pixels[x, y] < 128 for x in range(width))]


def test_a_printer_with_wide_unprintable_margins_gets_the_page_inside_them(qapp, tmp_path):
    """The marking at the foot sits 7 mm from the edge: a printer that cannot print within 12 mm would cut
    it off, so the page is scaled into the printable area; a printer printing to 5 mm keeps it full size."""
    mm = 72 / 25.4
    wide = _printed_page(qapp, tmp_path, 12)
    rows = _ink_rows(wide)
    assert rows and min(rows) >= 12 * mm - 1 and max(rows) <= wide.height - 12 * mm + 1
    columns = [x for x in range(wide.width) if any(wide.getpixel((x, y)) < 128 for y in rows)]
    assert min(columns) >= 12 * mm - 1 and max(columns) <= wide.width - 12 * mm + 1
    # The whole page, scaled (A4 proportions kept: 186 mm wide, centred); the marking is its lowest ink.
    assert wide.height - 25 * mm < max(rows) and min(rows) < 25 * mm

    narrow = _ink_rows(_printed_page(qapp, tmp_path, 5))
    bottom = max(narrow)
    assert wide.height - 7.5 * mm < bottom < wide.height - 5 * mm  # full size: the marking where it was drawn


def test_the_page_stays_full_size_on_a_printer_whose_margins_fit_inside_what_the_documents_draw(qapp):
    """Nothing is drawn within 17 mm of the sides (tests/core/test_reports_margins.py measures it): a
    printer that cannot print within 17 mm of the sides keeps the page full size; 17.5 mm scales it down."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout

    def target(sides_mm: float):
        printer = new_printer("Margins")
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        edge = QMarginsF(sides_mm, 5, sides_mm, 5)
        layout = printer.pageLayout()
        layout = QPageLayout(layout.pageSize(), layout.orientation(), edge, QPageLayout.Unit.Millimeter, edge)
        layout.setMode(QPageLayout.Mode.FullPageMode)
        assert printer.setPageLayout(layout)
        sheet = QPageLayout(printer.pageLayout()).fullRectPixels(printer.resolution())
        return dialogs.page_target(printer), sheet

    kept, sheet = target(17)
    assert kept == sheet.toRectF()
    scaled, sheet = target(17.5)
    assert scaled.width() < sheet.width() and scaled.left() > 0
