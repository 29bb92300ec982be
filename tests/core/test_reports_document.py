"""The document base: marking in header and footer, "Page x of y", embedded fonts, metadata, tables that
repeat their header, parts numbered on their own, atomic writes, the protective marking setting."""

from __future__ import annotations

import pytest
from reportlab.platypus import PageBreak

from omi_desktop.core.errors import RefusedError
from omi_desktop.core.reports.document import DocumentInfo, PartStart, render_pdf
from omi_desktop.core.reports.fonts import REQUIRED_GLYPHS, has_glyphs
from omi_desktop.core.reports.marking import protective_marking, set_protective_marking
from omi_desktop.core.reports.styles import data_table, para
from omi_desktop.core.store import Store
from tests.helpers.reports import flat, fonts, page_texts, reader

INFO = DocumentInfo(
    title="Test document",
    inspection="Testwood Inspection — TRAINING DATA",
    inspection_dates="Fieldwork 2 to 6 November 2026",
    author="Test Author",
    marking="OFFICIAL-SENSITIVE",
)


def long_table(rows: int = 150):
    return data_table(
        ["Reference", "Note"],
        [
            [f"R{n:04d}", f"Row {n}: Gŵyr a Llŷn, a line of text that wraps in its cell " * 2]
            for n in range(rows)
        ],
        [0.2, 0.8],
    )


def test_every_page_has_marking_page_x_of_y_dates_and_repeated_table_header(tmp_path):
    out = tmp_path / "doc.pdf"
    rendered = render_pdf(INFO, [para("Opening paragraph ŵ ŷ Ŵ Ŷ"), long_table()], out)
    assert rendered.path == out and out.read_bytes() == rendered.data
    texts = page_texts(out)
    assert rendered.pages == len(texts) >= 4
    for number, text in enumerate(texts, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2, number  # header and footer
        assert f"Page {number} of {len(texts)}" in text
        assert "Fieldwork 2 to 6 November 2026" in text and "Generated " in text
        assert "Testwood Inspection — TRAINING DATA" in text
        assert "Reference" in text and "Note" in text  # the table header, repeated on every page
    everything = flat(" ".join(texts))
    assert "ŵ ŷ Ŵ Ŷ" in everything and "Gŵyr a Llŷn" in everything
    assert all(f"R{n:04d}" in everything for n in range(150))


def test_fonts_are_embedded_and_metadata_is_set():
    rendered = render_pdf(INFO, [para("Text"), long_table(3)])
    used = fonts(rendered.data)
    assert used and all(used.values()), used
    assert all("DejaVuSans" in name for name in used)  # no unembedded standard font slipped in
    meta = reader(rendered.data).metadata
    assert meta.title == "Test document" and meta.author == "Test Author"
    assert "OFFICIAL-SENSITIVE" in str(meta.get("/Keywords"))


def test_the_font_has_every_symbol_and_welsh_letter_the_documents_print():
    assert has_glyphs(REQUIRED_GLYPHS)
    assert not has_glyphs("漢")


def test_a_custom_marking_and_a_draft_watermark():
    info = DocumentInfo(title="Draft thing", marking="OFFICIAL", draft=True)
    texts = page_texts(render_pdf(info, [para("Body")]).data)
    assert texts[0].count("OFFICIAL") == 2 and "SENSITIVE" not in texts[0]
    assert "Draft thing — DRAFT" in texts[0]
    assert texts[0].count("DRAFT") >= 2  # header and the diagonal watermark
    with pytest.raises(RefusedError):
        render_pdf(DocumentInfo(title="x", marking="  "), [para("Body")])


def test_parts_of_a_combined_document_number_their_own_pages():
    story = [PartStart("First part"), long_table(60), PageBreak(), PartStart("Second part"), para("Short")]
    rendered = render_pdf(INFO, story)
    texts = page_texts(rendered.data)
    first = [t for t in texts if "First part" in t]
    second = [t for t in texts if "Second part" in t]
    assert len(first) >= 2 and len(second) == 1 and len(first) + 1 == len(texts)
    for number, text in enumerate(first, start=1):
        assert f"Page {number} of {len(first)}" in text
    assert "Page 1 of 1" in second[0]
    assert [item.title for item in reader(rendered.data).outline] == ["First part", "Second part"]


def test_a_missing_folder_or_a_folder_as_target_is_refused_and_nothing_is_left(tmp_path):
    with pytest.raises(RefusedError, match="does not exist"):
        render_pdf(INFO, [para("x")], tmp_path / "missing" / "doc.pdf")
    with pytest.raises(RefusedError, match="is a folder"):
        render_pdf(INFO, [para("x")], tmp_path)
    existing = tmp_path / "keep.pdf"
    existing.write_bytes(b"old")
    with pytest.raises(RefusedError, match="cannot write"):
        render_pdf(INFO, [para("x")], tmp_path / ("n" * 300 + ".pdf"))  # a name the file system refuses
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]
    assert existing.read_bytes() == b"old"


def test_the_protective_marking_setting(data_dir):
    store = Store.open(data_dir)
    assert protective_marking(store) == "OFFICIAL-SENSITIVE"
    assert set_protective_marking(store, "  OFFICIAL  ") == "OFFICIAL"
    assert protective_marking(store) == "OFFICIAL"
    with pytest.raises(RefusedError, match="at most"):
        set_protective_marking(store, "X" * 61)
    with pytest.raises(RefusedError, match="cannot print"):
        set_protective_marking(store, "SECRET 漢")
    assert protective_marking(store) == "OFFICIAL"
    assert set_protective_marking(store, None) == "OFFICIAL-SENSITIVE"
    assert protective_marking(store) == "OFFICIAL-SENSITIVE"


def test_the_marking_command(omi, data_dir):
    assert omi("report", "marking", "--data-dir", data_dir).out.strip() == "OFFICIAL-SENSITIVE"
    assert omi("report", "marking", "OFFICIAL", "--data-dir", data_dir).code == 0
    assert omi("report", "marking", "--data-dir", data_dir, "--json").json() == {"marking": "OFFICIAL"}
    empty = omi("report", "marking", "", "--data-dir", data_dir)
    assert empty.code == 1 and "cannot be empty" in empty.err and empty.err.count("\n") == 1
    assert omi("report", "marking", "--reset", "--data-dir", data_dir).code == 0
    assert omi("report", "marking", "--data-dir", data_dir).out.strip() == "OFFICIAL-SENSITIVE"
