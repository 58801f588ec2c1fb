import CCairo

/// A4 pages drawn with Cairo, text laid out and shaped by Pango. Positions are in points
/// from the top left; text wraps to the width it is given and the page breaks by itself.
public final class PDFPages {
    public static let width = 595.276, height = 841.89
    public let margin = 56.0
    let surface: OpaquePointer
    let cr: OpaquePointer
    /// Where the next line goes, from the top of the page.
    public var y: Double
    public private(set) var pageCount = 1
    private var finished = false

    public enum Align: Sendable { case left, centre, right }

    public struct Font: Sendable {
        public var size: Double
        public var bold: Bool
        public init(_ size: Double = 11, bold: Bool = false) {
            self.size = size
            self.bold = bold
        }
        var description: String { "DejaVu Sans, Noto Sans CJK SC, Noto Sans Arabic, \(bold ? "Bold " : "")\(size)" }
    }

    /// Starts a PDF at `path`; nothing is valid until `finish()`.
    public init(path: String) throws {
        surface = cairo_pdf_surface_create(path, PDFPages.width, PDFPages.height)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw DocumentError("cannot write \(path): \(String(cString: cairo_status_to_string(cairo_surface_status(surface))))")
        }
        cr = cairo_create(surface)
        y = margin
    }

    deinit {
        if !finished { cairo_destroy(cr); cairo_surface_destroy(surface) }
    }

    public var contentWidth: Double { PDFPages.width - 2 * margin }

    /// Lays out text with Pango at x, wrapping to `width`; returns its height in points.
    @discardableResult
    public func text(_ string: String, x: Double? = nil, width: Double? = nil, font: Font = Font(), grey: Double = 0,
                     advance: Bool = true, align: Align = .left, measureOnly: Bool = false, at top: Double? = nil) -> Double {
        let layout = pango_cairo_create_layout(cr)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let desc = pango_font_description_from_string(font.description)
        defer { pango_font_description_free(desc) }
        pango_layout_set_font_description(layout, desc)
        pango_layout_set_width(layout, Int32((width ?? contentWidth) * Double(rollcall_pango_scale())))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, align == .left ? PANGO_ALIGN_LEFT : align == .centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT)
        pango_layout_set_text(layout, string, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        let height = Double(h) / Double(rollcall_pango_scale())
        if measureOnly { return height }
        if advance && y + height > PDFPages.height - margin { newPage() }
        cairo_set_source_rgb(cr, grey, grey, grey)
        cairo_move_to(cr, x ?? margin, top ?? y)
        pango_cairo_show_layout(cr, layout)
        if advance { y += height }
        return height
    }

    /// How wide a text is on one line, unwrapped, in points.
    public func naturalWidth(_ string: String, font: Font) -> Double {
        let layout = pango_cairo_create_layout(cr)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let desc = pango_font_description_from_string(font.description)
        defer { pango_font_description_free(desc) }
        pango_layout_set_font_description(layout, desc)
        pango_layout_set_text(layout, string, -1)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return Double(w) / Double(rollcall_pango_scale())
    }

    /// A filled rectangle (a shaded cell, a band), in grey from 0 (black) to 1 (white).
    public func box(x: Double, y: Double, width: Double, height: Double, grey: Double) {
        cairo_set_source_rgb(cr, grey, grey, grey)
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
    }

    /// A straight line, in grey from 0 (black) to 1 (white).
    public func line(x1: Double, y1: Double, x2: Double, y2: Double, grey: Double, width: Double = 0.5) {
        cairo_set_source_rgb(cr, grey, grey, grey)
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, x1, y1)
        cairo_line_to(cr, x2, y2)
        cairo_stroke(cr)
    }

    /// A thin rule across the text column.
    public func rule() {
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6)
        cairo_set_line_width(cr, 0.5)
        cairo_move_to(cr, margin, y + 3)
        cairo_line_to(cr, PDFPages.width - margin, y + 3)
        cairo_stroke(cr)
        y += 8
    }

    public func space(_ points: Double) { y += points }

    /// Makes sure `points` fit on this page, else starts the next.
    public func keep(_ points: Double) { if y + points > PDFPages.height - margin { newPage() } }

    public func newPage() {
        cairo_show_page(cr)
        pageCount += 1
        y = margin
    }

    /// Writes the file. Throws if Cairo reports a problem (a full disk, say).
    public func finish() throws {
        finished = true
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw DocumentError("the PDF was not written: \(String(cString: cairo_status_to_string(status)))") }
    }
}

public struct DocumentError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
