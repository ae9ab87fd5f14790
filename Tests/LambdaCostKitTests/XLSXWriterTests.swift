import CLibXML2
import Foundation
import GoldenFiles
import Testing
import ZIPFoundation
@testable import LambdaCostKit

/// The XLSX writer: a workbook with hostile text, account IDs with leading zeros, negative and large amounts,
/// unzipped with ZIPFoundation and every part read back with libxml2's parser.
@Suite struct XLSXWriterTests {
    static func decimal(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }

    /// Text that must arrive as text: markup, a formula, quotes and ampersands, a newline, non-ASCII, a control
    /// character, an `_xHHHH_` escape look-alike, and leading formula characters.
    static let hostile = [
        "<script>alert(\"x\")</script>",
        "=HYPERLINK(\"http://x\",\"y\")",
        "Tom's \"R&D\" & <b>ops</b>",
        "line one\nline two",
        "Zürich €",
        "bell\u{0001}here",
        "_x0041_ stays",
        "+1; -2; @SUM(A1)",
        "tab\there\r\nCRLF",
    ]

    static let functions = XLSXSheet(
        name: "Functions",
        columns: [
            .init("account_id", width: 14, format: .text), .init("function_name", width: 40),
            .init("requests", width: 14, format: .integer), .init("gb_seconds", width: 16, format: .number),
            .init("cost_usd", width: 12, format: .currency),
        ],
        rows: hostile.enumerated().map { index, text in
            [.text(index % 2 == 0 ? "004519876321" : "000000000042"), .text(text), .integer(3_000_000_000 + index),
             .number(decimal("540000.123456")), .currency(decimal("-1234.5"))]
        } + [
            [.text("210987654321"), .empty, .integer(-7), .number(decimal("0.0000250313000625")),
             .currency(decimal("98765432109.87"))],
        ])

    /// 28 columns, to reach AA and AB.
    static let teams = XLSXSheet(
        name: "Teams",
        columns: (1...28).map { .init("c\($0)", width: 8 + $0 % 3, format: .currency) },
        rows: [(1...28).map { .currency(FixedDecimal($0)) }, [.text("payments")]])

    static let workbook = XLSXWorkbook(sheets: [
        XLSXSheet(name: "Summary", columns: [.init("metric", width: 30), .init("value", width: 18, format: .currency)],
                  rows: [[.text("Lambda cost"), .currency(decimal("1501.875"))], [.text("Functions"), .integer(24)]]),
        functions,
        XLSXSheet(name: "Opportunities", columns: [.init("rank", width: 6, format: .integer)], rows: []),
        XLSXSheet(name: "Savings Plans", columns: [.init("plan", width: 20), .init("it's", width: 10)],
                  rows: [[.text("Compute"), .number(decimal("-0.5"))]]),
        teams,
    ])

    static let expectedPaths = [
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
        "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml", "xl/styles.xml",
    ]

    /// The entries of the written workbook, in archive order, unzipped by ZIPFoundation.
    static func unzipped(_ bytes: [UInt8]) throws -> [(entry: Entry, bytes: [UInt8])] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        return try archive.map { entry in
            var content = Data()
            _ = try archive.extract(entry, skipCRC32: false) { content.append($0) }
            return (entry, Array(content))
        }
    }

    static func part(_ path: String, of bytes: [UInt8]) throws -> ParsedElement {
        let entry = try #require(try unzipped(bytes).first { $0.entry.path == path }, "no \(path)")
        return try #require(ParsedElement.parse(entry.bytes), "\(path) does not parse")
    }

    @Test func theSameWorkbookGivesTheSameBytes() throws {
        let first = try Self.workbook.data()
        let rebuilt = XLSXWorkbook(sheets: Self.workbook.sheets.map {
            XLSXSheet(name: $0.name, columns: $0.columns, rows: $0.rows)
        })
        #expect(try rebuilt.data() == first)
        #expect(try Self.workbook.data() == first)
        // A different value gives different bytes, so the comparison above means something.
        var changed = Self.workbook
        changed.sheets[0].rows[0][1] = .currency(Self.decimal("1501.876"))
        #expect(try changed.data() != first)
    }

    /// A workbook of several megabytes is handed on a megabyte at a time (the render stage streams it into the
    /// staging folder), and the chunks make the ZIP that reads back with every part.
    @Test func aLargeWorkbookIsHandedOnInMegabyteChunks() throws {
        let rows = (0..<20_000).map { index in (0..<4).map { XLSXCell.text(SHA256.hex(of: Array("\(index)-\($0)".utf8))) } }
        let sheet = XLSXSheet(name: "Hashes", columns: (0..<4).map { XLSXSheet.Column("h\($0)") }, rows: rows)
        var chunks: [[UInt8]] = []
        try XLSXWorkbook.write(sheetCount: 1, sheet: { _ in sheet }, to: { chunks.append($0) })
        #expect(chunks.count >= 3)
        #expect(chunks.dropLast().allSatisfy { $0.count == 1 << 20 } && (chunks.last?.count ?? 0) <= 1 << 20)
        let archive = try Archive(data: Data(chunks.flatMap { $0 }), accessMode: .read)
        #expect(archive.map(\.path).contains("xl/worksheets/sheet1.xml"))
        var sheetXML = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheetXML.append($0) }
        #expect(String(decoding: sheetXML, as: UTF8.self).contains(SHA256.hex(of: Array("19999-3".utf8))))
    }

    /// The archive is built in a temporary file, not in memory: the file the library opens by name is unlinked with
    /// its private folder as soon as it is open, and the descriptor still reads what is written through the library's
    /// handle afterwards.
    @Test func theArchiveIsBuiltInATemporaryFileThatLeavesNothingBehind() throws {
        var seen: String?
        var handle: FileHandle?
        let descriptor = try TemporaryFile.openNamed(for: "a test") { path in
            seen = path
            #expect(FileManager.default.createFile(atPath: path, contents: Data("first ".utf8)))
            handle = FileHandle(forWritingAtPath: path)
        }
        defer { close(descriptor) }
        let path = try #require(seen)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))
        let writer = try #require(handle)
        try writer.seekToEnd()
        try writer.write(contentsOf: Data("then more".utf8))
        try writer.close()
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        #expect(String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self) == "first then more")
    }

    /// A fleet's workbook is written a sheet at a time: every sheet is made and checked before the first part, then
    /// made again to be written, and a sheet that comes out under another name the second time is refused.
    @Test func aWorkbookWrittenASheetAtATimeChecksEverySheetFirst() throws {
        let sheets = Self.workbook.sheets
        var made = [Int](repeating: 0, count: sheets.count)
        let bytes = try XLSXWorkbook.data(sheetCount: sheets.count) { index in
            made[index] += 1
            return sheets[index]
        }
        #expect(bytes == (try XLSXWorkbook(sheets: sheets).data()))
        #expect(made == Array(repeating: 2, count: sheets.count))

        var refused = sheets
        refused[refused.count - 1].rows.append(Array(repeating: .empty, count: refused[refused.count - 1].columns.count + 1))
        var parts = 0
        #expect(throws: XLSXError.self) {
            try XLSXWorkbook.forEachPart(sheetCount: refused.count, sheet: { refused[$0] }) { _, _ in parts += 1 }
        }
        #expect(parts == 0)

        var calls = 0
        #expect(throws: XLSXError.self) {
            try XLSXWorkbook.data(sheetCount: 1) { _ in
                calls += 1
                var sheet = sheets[0]
                if calls > 1 { sheet.name = "Renamed" }
                return sheet
            }
        }
        #expect(calls == 2)
    }

    /// Rows made on demand (a fleet's sheets) give the same workbook as the same rows in an array, with a row
    /// appended after them and a made row changed in place; each row is made a fixed number of times whatever
    /// the number of rows (one pass per check, not one per column).
    @Test func rowsMadeOnDemandGiveTheSameWorkbook() throws {
        let table = Self.functions.rows.map { $0 }
        let made = Locked(0)
        var lazy = XLSXSheet(name: Self.functions.name, columns: Self.functions.columns,
                             rows: XLSXRows(count: table.count) { made.withValue { $0 += 1 }; return table[$0] })
        var eager = XLSXSheet(name: Self.functions.name, columns: Self.functions.columns, rows: table)
        let total: [XLSXCell] = [.text("Total")]
        lazy.rows.append(total)
        eager.rows.append(total)
        lazy.rows[1][0] = .text("changed")
        eager.rows[1][0] = .text("changed")
        #expect(lazy.rows == eager.rows && lazy.rows.count == table.count + 1)
        made.set(0)
        let bytes = try XLSXWorkbook.data(sheetCount: 1) { _ in lazy }
        #expect(bytes == (try XLSXWorkbook(sheets: [eager]).data()))
        // Row 1 is read from its changed copy; the others are made once per pass.
        let perRow = Double(made.get()) / Double(table.count - 1)
        #expect(perRow >= 2 && perRow <= 8, "\(made.get()) rows made for \(table.count)")
    }

    /// A large worksheet is spilled to a temporary file as it is written (a fleet's would otherwise be tens of
    /// megabytes of XML in memory): its bytes are the same whatever the threshold, read back whole or in pieces
    /// that straddle the spilled part and the rest, and the workbook is the same.
    @Test func aLargeWorksheetSpilledToDiskHasTheSameBytes() throws {
        var sheet = XLSXSheet(name: "Functions", columns: [XLSXSheet.Column("Name"), XLSXSheet.Column("Cost", format: .currency)], rows: [])
        for index in 0..<3_000 {
            sheet.rows.append([.text("function-\(index) <&> \"quoted\" é"), .currency(Self.decimal("\(index).125"))])
        }
        let inMemory = try XLSXWorksheetPart.part(sheet, path: "xl/worksheets/sheet1.xml", spillThreshold: .max) { bytes in
            #expect(bytes.spilled == 0)
            return try bytes.all()
        }
        #expect(inMemory.count > 200_000)
        for threshold in [0, 1_000, 65_536] {
            try XLSXWorksheetPart.part(sheet, path: "xl/worksheets/sheet1.xml", spillThreshold: threshold) { bytes in
                #expect(bytes.spilled > 0 && bytes.spilled < bytes.count)
                #expect(try bytes.all() == inMemory)
                // Pieces of every size, across the boundary between the file and the buffer.
                var position = 0, size = 1
                var pieces: [UInt8] = []
                while position < bytes.count {
                    let length = min(size, bytes.count - position)
                    pieces += try bytes.read(position, length)
                    position += length
                    size = size * 3 % 7_919 + 1
                }
                #expect(pieces == inMemory)
                #expect(try Array(bytes.read(bytes.spilled - 5, 10)) == Array(inMemory[bytes.spilled - 5..<bytes.spilled + 5]))
            }
        }
        let workbook = try XLSXWorkbook(sheets: [sheet]).data()
        let part = try Self.unzipped(workbook).first { $0.entry.path == "xl/worksheets/sheet1.xml" }
        #expect(part?.bytes == inMemory)
    }

    @Test func entriesHaveAFixedOrderAndDate() throws {
        let entries = try Self.unzipped(Self.workbook.data())
        #expect(entries.map(\.entry.path) == Self.expectedPaths)
        for (entry, _) in entries {
            #expect(entry.fileAttributes[.modificationDate] as? Date == Date(timeIntervalSince1970: 315_532_800),
                    "\(entry.path)")
            #expect(entry.type == .file)
        }
        // Deflated, and the archive is a ZIP file from its first byte.
        #expect(entries.allSatisfy { $0.entry.isCompressed })
        #expect(try Array(Self.workbook.data().prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
    }

    @Test func everyPartIsWellFormedXML() throws {
        for (entry, bytes) in try Self.unzipped(Self.workbook.data()) {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"), "\(entry.path)")
            #expect(XHTMLValidator.problems(in: text) == [], "\(entry.path)")
            #expect(ParsedElement.parse(bytes) != nil, "\(entry.path)")
        }
        // The check itself fails on a broken part.
        #expect(XHTMLValidator.problems(in: "<c><t>bell\u{0001}</t></c>") != [])
    }

    @Test func packageRelationshipsAndContentTypesNameEveryPart() throws {
        let bytes = try Self.workbook.data()
        let workbook = try Self.part("xl/workbook.xml", of: bytes)
        let sheets = workbook.all("sheet")
        #expect(sheets.map { $0["name"] } == ["Summary", "Functions", "Opportunities", "Savings Plans", "Teams"])
        #expect(sheets.map { $0["sheetId"] } == ["1", "2", "3", "4", "5"])
        let relationships = try Self.part("xl/_rels/workbook.xml.rels", of: bytes).all("Relationship")
        let targets = Dictionary(uniqueKeysWithValues: relationships.map { ($0["Id"]!, $0["Target"]!) })
        #expect(sheets.map { targets[$0["r:id"]!] } == (1...5).map { "worksheets/sheet\($0).xml" })
        #expect(relationships.last?["Target"] == "styles.xml")
        #expect(relationships.last?["Type"] == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles")
        let root = try Self.part("_rels/.rels", of: bytes).all("Relationship")
        #expect(root.map { $0["Target"] } == ["xl/workbook.xml"])
        let overrides = try Self.part("[Content_Types].xml", of: bytes).all("Override").map { $0["PartName"]! }
        #expect(overrides == ["/xl/workbook.xml"] + (1...5).map { "/xl/worksheets/sheet\($0).xml" } + ["/xl/styles.xml"])
        // The auto-filter ranges, with the sheet name quoted and its apostrophes doubled when it has any.
        let filters = workbook.all("definedName").filter { $0["name"] == "_xlnm._FilterDatabase" }
        #expect(filters.map(\.text) == [
            "'Summary'!$A$1:$B$3", "'Functions'!$A$1:$E$11", "'Opportunities'!$A$1:$A$1",
            "'Savings Plans'!$A$1:$B$2", "'Teams'!$A$1:$AB$3",
        ])
        #expect(filters.map { $0["localSheetId"] } == ["0", "1", "2", "3", "4"])
        #expect(XLSXPackageParts.filterRange(of: XLSXSheet(name: "Bob's", columns: [.init("a", width: 1)], rows: []))
                == "'Bob''s'!$A$1:$A$1")
    }

    @Test func sheetFreezesTheHeaderRowAndSetsWidthsAndFilter() throws {
        let sheet = try Self.part("xl/worksheets/sheet2.xml", of: Self.workbook.data())
        let pane = try #require(sheet.first("sheetViews")?.first("sheetView")?.first("pane"))
        #expect(pane.attributes == ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"])
        let columns = sheet.all("col")
        #expect(columns.map { $0["width"] } == ["14", "40", "14", "16", "12"])
        #expect(columns.map { $0["min"] } == ["1", "2", "3", "4", "5"])
        #expect(columns.map { $0["max"] } == ["1", "2", "3", "4", "5"])
        #expect(columns.allSatisfy { $0["customWidth"] == "1" })
        // The columns' own formats: text, general, integer, decimal, currency.
        #expect(columns.map { $0["style"] } == ["2", nil, "4", "5", "3"])
        #expect(sheet.first("autoFilter")?["ref"] == "A1:E11")
        #expect(sheet.first("dimension")?["ref"] == "A1:E11")
        // Schema order (CT_Worksheet): sheetPr first, the filter after the data, the print setup last.
        #expect(sheet.children.map(\.name) == [
            "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "autoFilter", "printOptions",
            "pageMargins", "pageSetup", "headerFooter",
        ])
        let header = try #require(sheet.first("sheetData")?.children.first)
        #expect(header["r"] == "1")
        #expect(header.children.map { $0["s"] } == Array(repeating: "1", count: 5))
        #expect(header.children.map { $0.first("is")?.first("t")?.text } == ["account_id", "function_name", "requests", "gb_seconds", "cost_usd"])
    }

    @Test func referencesGoPastColumnZ() throws {
        let sheet = try Self.part("xl/worksheets/sheet5.xml", of: Self.workbook.data())
        let rows = try #require(sheet.first("sheetData")).children
        #expect(rows.map { $0["r"] } == ["1", "2", "3"])
        #expect(rows[1].children.map { $0["r"]! }.suffix(3) == ["Z2", "AA2", "AB2"])
        #expect(rows[1].children.last?.first("v")?.text == "28")
        #expect(sheet.first("autoFilter")?["ref"] == "A1:AB3")
        #expect([0, 25, 26, 51, 52, 701, 702, 16_383].map(XLSXCellReference.column)
                == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"])
    }

    @Test func textCellsAreInlineStringsNeverFormulas() throws {
        let bytes = try Self.workbook.data()
        let sheet = try Self.part("xl/worksheets/sheet2.xml", of: bytes)
        let rows = try #require(sheet.first("sheetData")).children.dropFirst()
        let names = rows.compactMap { $0.children.first { $0["r"]!.hasPrefix("B") } }
        #expect(names.map { $0["t"] } == Array(repeating: "inlineStr", count: Self.hostile.count))
        #expect(names.map { $0["s"] } == Array(repeating: "2", count: Self.hostile.count))
        #expect(names.map { $0.first("is")?.first("t")?["xml:space"] } == Array(repeating: "preserve", count: Self.hostile.count))
        // After XML parsing, each cell holds its text; only the control character became U+FFFD, and the
        // `_x0041_` look-alike is escaped as `_x005F_x0041_` (a spreadsheet decodes it back to `_x0041_`).
        var expected = Self.hostile
        expected[5] = "bell\u{FFFD}here"
        expected[6] = "_x005F_x0041_ stays"
        #expect(names.map { $0.first("is")?.first("t")?.text } == expected)
        // No formula anywhere in the workbook, and the markup arrives escaped.
        let raw = try Self.unzipped(bytes).map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
        #expect(sheet.all("f").isEmpty)
        #expect(!raw.contains("<f>") && !raw.contains("<f "))
        #expect(raw.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(raw.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</t></is></c>"))
        #expect(raw.contains("Tom's &quot;R&amp;D&quot; &amp; &lt;b&gt;ops&lt;/b&gt;"))
        #expect(raw.contains("Zürich €"))
        #expect(raw.contains("tab\there&#13;\nCRLF"))
        #expect(!raw.contains("\u{0001}"))
        // Account IDs are text with their leading zeros.
        let accounts = rows.compactMap { $0.children.first { $0["r"]!.hasPrefix("A") } }
        #expect(accounts.map { $0.first("is")?.first("t")?.text }.prefix(3) == ["004519876321", "000000000042", "004519876321"])
        #expect(accounts.allSatisfy { $0["t"] == "inlineStr" && $0.first("v") == nil })
    }

    @Test(arguments: [
        ("_x0041_", "_x005F_x0041_"), ("a_x00e9_b", "a_x005F_x00e9_b"), ("_X00FF_", "_x005F_X00FF_"),
        ("__x0041__", "__x005F_x0041__"), ("_x004_", "_x004_"), ("_x00G1_", "_x00G1_"), ("_x0041", "_x0041"),
        ("snake_case_x", "snake_case_x"), ("\u{0}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}", String(repeating: "\u{FFFD}", count: 7)),
        ("\t\n\r \u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}", "\t\n\r \u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}"),
    ])
    func encodesWhatXMLAndSpreadsheetsWouldMisread(text: String, encoded: String) {
        #expect(XLSXText.encoded(text) == encoded)
    }

    @Test func attributesAndHeadersAreEscapedToo() throws {
        let workbook = XLSXWorkbook(sheets: [XLSXSheet(
            name: "A&B <\"q\">", columns: [.init("=1+1 \u{0002}", width: 5), .init("a\u{FFFE}b", width: 5)], rows: [])])
        let bytes = try workbook.data()
        for (entry, part) in try Self.unzipped(bytes) {
            #expect(XHTMLValidator.problems(in: String(decoding: part, as: UTF8.self)) == [], "\(entry.path)")
        }
        #expect(try Self.part("xl/workbook.xml", of: bytes).first("sheets")?.first("sheet")?["name"] == "A&B <\"q\">")
        let header = try Self.part("xl/worksheets/sheet1.xml", of: bytes).all("c")
        #expect(header.map { $0.first("is")?.first("t")?.text } == ["=1+1 \u{FFFD}", "a\u{FFFD}b"])
        #expect(header.allSatisfy { $0["t"] == "inlineStr" })
    }

    @Test func numbersAreNumericCellsWithTheirStyle() throws {
        let sheet = try Self.part("xl/worksheets/sheet2.xml", of: Self.workbook.data())
        let rows = Array(try #require(sheet.first("sheetData")).children.dropFirst())
        func cell(_ reference: String) -> ParsedElement? {
            rows.lazy.flatMap(\.children).first { $0["r"] == reference }
        }
        // Numeric cells have no type (a number) and hold the exact decimal.
        let expected: [(String, String, String)] = [
            ("C2", "4", "3000000000"), ("D2", "5", "540000.123456"), ("E2", "3", "-1234.5"),
            ("C11", "4", "-7"), ("D11", "5", "0.0000250313000625"), ("E11", "3", "98765432109.87"),
        ]
        for (reference, style, value) in expected {
            let found = try #require(cell(reference), "\(reference)")
            #expect(found["s"] == style, "\(reference)")
            #expect(found["t"] == nil, "\(reference)")
            #expect(found.first("v")?.text == value, "\(reference)")
            #expect(found.first("is") == nil, "\(reference)")
        }
        // An empty cell is not written.
        #expect(cell("B11") == nil)
        #expect(rows.last?.children.map { $0["r"] } == ["A11", "C11", "D11", "E11"])
    }

    @Test func percentagesAreFractionsShownWithAPercentFormat() throws {
        let workbook = XLSXWorkbook(sheets: [XLSXSheet(
            name: "Shares", columns: [.init("utilization", width: 10, format: .percent)], rows: [[.percent(Self.decimal("0.9625"))]])])
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: workbook.data())
        #expect(sheet.first("cols")?.first("col")?["style"] == "6")
        let cell = try #require(sheet.all("c").first { $0["r"] == "A2" })
        #expect(cell["s"] == "6")
        #expect(cell["t"] == nil)
        #expect(cell.first("v")?.text == "0.9625")  // shown as 96.3% by the format 0.0%
    }

    /// A total as a formula: `<f>` with the value cached in `<v>`, in the currency style; a workbook with a
    /// formula asks applications to recalculate on load, one without does not.
    static let totals: XLSXWorkbook = {
        var sheet = XLSXSheet(
            name: "Totals", columns: [.init("item", width: 10, format: .text), .init("usd", width: 12, format: .currency)],
            rows: [[.text("a"), .currency(decimal("1.25"))], [.text("b"), .currency(decimal("-0.5"))],
                   // The cached value is deliberately wrong, so that a recalculation shows.
                   [.text("Total"), .currencyFormula("SUM(B2:B3)", cached: decimal("9"))]])
        sheet.footerRows = 1
        return XLSXWorkbook(sheets: [sheet])
    }()

    @Test func formulasCarryTheirCachedValue() throws {
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: Self.totals.data())
        let cell = try #require(sheet.all("c").first { $0["r"] == "B4" })
        #expect(cell["s"] == "3" && cell["t"] == nil)
        #expect(cell.first("f")?.text == "SUM(B2:B3)")
        #expect(cell.first("v")?.text == "9")
        let workbook = try Self.part("xl/workbook.xml", of: Self.totals.data())
        #expect(workbook.first("calcPr")?["fullCalcOnLoad"] == "1")
        // The total row is in the sheet's dimension but not in its auto-filter: sorting leaves it last.
        #expect(sheet.first("dimension")?["ref"] == "A1:B4")
        #expect(sheet.first("autoFilter")?["ref"] == "A1:B3")
        #expect(workbook.first("definedNames")?.first("definedName")?.text == "'Totals'!$A$1:$B$3")
        #expect(try Self.part("xl/workbook.xml", of: Self.workbook.data()).first("calcPr") == nil)
    }

    /// LibreOffice recalculates the formulas on load: the total shows 0.75, not the cached 9.
    @Test(.enabled(if: LibreOffice.testsRun, "LibreOffice is not installed"), .timeLimit(.minutes(5)))
    func libreOfficeRecalculatesFormulas() throws {
        let folder = RepositoryPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/totals.xlsx"
        try Data(Self.totals.data()).write(to: URL(fileURLWithPath: path))
        let stored = try LibreOffice.sheets(of: path, asShown: false)
        #expect(stored["Totals"]?.last == ["Total", "0.75"])
    }

    @Test func stylesDefineTheFormatsTheCellsUse() throws {
        let styles = try Self.part("xl/styles.xml", of: Self.workbook.data())
        let formats = styles.all("numFmt")
        #expect(styles.first("numFmts")?["count"] == "5")
        #expect(formats.map { $0["numFmtId"] } == ["164", "165", "166", "167", "168"])
        #expect(formats.map { $0["formatCode"] } == [
            "\"$\"#,##0.00;-\"$\"#,##0.00", "#,##0.000000", "0.0%", "\"$\"#,##0.000;-\"$\"#,##0.000",
            "\"$\"#,##0.00########;-\"$\"#,##0.00########",
        ])
        let xfs = try #require(styles.first("cellXfs")).children
        #expect(styles.first("cellXfs")?["count"] == "10")
        // Index: 0 default, 1 bold header, 2 text, 3 currency, 4 integer, 5 decimal, 6 percent, 7 hourly, 8 rate,
        // 9 wrapped text.
        #expect(xfs.map { $0["numFmtId"] } == ["0", "0", "49", "164", "3", "165", "166", "167", "168", "49"])
        #expect(xfs.map { $0["fontId"] } == ["0", "1", "0", "0", "0", "0", "0", "0", "0", "0"])
        // The header and the long texts wrap; the header sits at the bottom of its row, every other cell at the top.
        #expect(xfs.map { $0.first("alignment")?["wrapText"] } == [nil, "1", nil, nil, nil, nil, nil, nil, nil, "1"])
        #expect(xfs.map { $0.first("alignment")?["vertical"] } == ["top", "bottom"] + Array(repeating: "top", count: 8))
        #expect(xfs.allSatisfy { $0["applyAlignment"] == "1" })
        let fonts = try #require(styles.first("fonts")).children
        #expect(fonts.map { $0.first("b") != nil } == [false, true])
        #expect(styles.first("fills")?.children.map { $0.first("patternFill")?["patternType"] } == ["none", "gray125"])
        let indexes: [Int] = [XLSXStyles.header, XLSXStyles.text, XLSXStyles.currency, XLSXStyles.integer, XLSXStyles.decimal]
        #expect(indexes == [1, 2, 3, 4, 5])
    }

    @Test(arguments: [
        ("", "a sheet name must not be empty"),
        (String(repeating: "x", count: 32), "a sheet name has at most 31 characters"),
        ("Q[1]", "a sheet name must not contain \"[\""),
        ("a:b", "a sheet name must not contain \":\""),
        ("a/b", "a sheet name must not contain \"/\""),
        ("a\\b", "a sheet name must not contain \"\\\""),
        ("why?", "a sheet name must not contain \"?\""),
        ("a*", "a sheet name must not contain \"*\""),
        ("'quoted'", "a sheet name must not begin or end with \"'\""),
        ("tab\there", "a sheet name must not contain control characters"),
        ("HISTORY", "\"History\" is reserved by Excel"),
    ])
    func rejectsSheetNamesExcelRefuses(name: String, reason: String) {
        let workbook = XLSXWorkbook(sheets: [XLSXSheet(name: name, columns: [.init("a", width: 5)], rows: [])])
        #expect(throws: XLSXError.invalidSheetName(name, reason: reason)) { try workbook.data() }
    }

    @Test func acceptsTheLongestAndUnusualNames() throws {
        let names = [String(repeating: "é", count: 31), "Savings Plans (2026-10)", "it's", "Zürich €"]
        let workbook = XLSXWorkbook(sheets: names.map { XLSXSheet(name: $0, columns: [.init("a", width: 5)], rows: []) })
        let sheets = try Self.part("xl/workbook.xml", of: workbook.data()).all("sheet")
        #expect(sheets.map { $0["name"] } == names)
    }

    @Test func rejectsWorkbooksExcelWouldRepair() {
        let column = XLSXSheet.Column("a", width: 5)
        func sheet(_ name: String = "S", columns: [XLSXSheet.Column] = [column], rows: [[XLSXCell]] = []) -> XLSXSheet {
            XLSXSheet(name: name, columns: columns, rows: rows)
        }
        #expect(throws: XLSXError.noSheets) { try XLSXWorkbook(sheets: []).data() }
        #expect(throws: XLSXError.duplicateSheetName("teams")) { try XLSXWorkbook(sheets: [sheet("Teams"), sheet("teams")]).data() }
        #expect(throws: XLSXError.noColumns(sheet: "S")) { try XLSXWorkbook(sheets: [sheet(columns: [])]).data() }
        #expect(throws: XLSXError.invalidColumnWidth(sheet: "S", column: "w", width: 256)) {
            try XLSXWorkbook(sheets: [sheet(columns: [.init("w", width: 256)])]).data()
        }
        #expect(throws: XLSXError.rowTooLong(sheet: "S", row: 2, cells: 2, columns: 1)) {
            try XLSXWorkbook(sheets: [sheet(rows: [[.integer(1)], [.integer(1), .integer(2)]])]).data()
        }
        let long = String(repeating: "x", count: XLSXSheet.maximumTextLength + 1)
        #expect(throws: XLSXError.textTooLong(sheet: "S", cell: "A3", length: XLSXSheet.maximumTextLength + 1)) {
            try XLSXWorkbook(sheets: [sheet(rows: [[.empty], [.text(long)]])]).data()
        }
        #expect(throws: XLSXError.tooManyColumns(sheet: "S", count: XLSXSheet.maximumColumns + 1)) {
            try XLSXWorkbook(sheets: [sheet(columns: Array(repeating: column, count: XLSXSheet.maximumColumns + 1))]).data()
        }
        #expect(throws: XLSXError.tooManyRows(sheet: "S", count: XLSXSheet.maximumRows + 1)) {
            try XLSXWorkbook(sheets: [sheet(rows: Array(repeating: [], count: XLSXSheet.maximumRows))]).data()
        }
        // The longest text fits.
        #expect(throws: Never.self) {
            try XLSXWorkbook(sheets: [sheet(rows: [[.text(String(long.dropFirst()))]])]).data()
        }
    }

    /// Opens the workbook in LibreOffice with `scripts/check-xlsx` and reads the CSV it exports, as stored
    /// and as shown. Runs where LibreOffice is installed (`apt-get install libreoffice-calc`).
    @Test(.enabled(if: LibreOffice.testsRun, "LibreOffice is not installed"), .timeLimit(.minutes(5)))
    func libreOfficeReadsTheValuesBack() throws {
        // XLSX_KEEP_FOLDER=/some/folder keeps the workbook there (report.xlsx) for a look by hand.
        let kept = ProcessInfo.processInfo.environment["XLSX_KEEP_FOLDER"]
        let folder = kept ?? RepositoryPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let path = folder + "/report.xlsx"
        try Data(Self.workbook.data()).write(to: URL(fileURLWithPath: path))

        let stored = try LibreOffice.sheets(of: path, asShown: false)
        #expect(stored.keys.sorted() == ["Functions", "Opportunities", "Savings Plans", "Summary", "Teams"])
        let functions = try #require(stored["Functions"])
        #expect(functions.first == ["account_id", "function_name", "requests", "gb_seconds", "cost_usd"])
        #expect(functions.dropFirst().map { $0[0] } == ["004519876321", "000000000042", "004519876321", "000000000042",
                                                        "004519876321", "000000000042", "004519876321", "000000000042",
                                                        "004519876321", "210987654321"])
        var expected = Self.hostile
        expected[5] = "bell\u{FFFD}here"
        expected[8] = "tab\there\nCRLF"  // LibreOffice keeps line breaks as LF; the file has CR LF (&#13;\n)
        #expect(functions.dropFirst().prefix(9).map { $0[1] } == expected)  // `_x0041_ stays` included
        #expect(functions[1].suffix(3) == ["3000000000", "540000.123456", "-1234.5"])
        #expect(functions[10] == ["210987654321", "", "-7", "0.0000250313000625", "98765432109.87"])
        #expect(stored["Summary"] == [["metric", "value"], ["Lambda cost", "1501.875"], ["Functions", "24"]])
        #expect(stored["Teams"]?[1].suffix(2) == ["27", "28"])

        let shown = try LibreOffice.sheets(of: path, asShown: true)
        #expect(shown["Functions"]?[1].suffix(3) == ["3,000,000,000", "540,000.123456", "-$1,234.50"])
        #expect(shown["Functions"]?[10].suffix(3) == ["-7", "0.000025", "$98,765,432,109.87"])
        #expect(shown["Summary"]?[1] == ["Lambda cost", "$1,501.88"])
    }
}


/// An XML element read back with libxml2's parser: its qualified name, attributes, child elements and the
/// text of its own text nodes.
struct ParsedElement: Equatable {
    var name: String
    var attributes: [String: String]
    var children: [ParsedElement]
    var text: String

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// The first child element named `name`.
    func first(_ name: String) -> ParsedElement? { children.first { $0.name == name } }

    /// Every descendant element named `name`, in document order.
    func all(_ name: String) -> [ParsedElement] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    /// The document element of `bytes`, or `nil` when libxml2 does not parse them.
    static func parse(_ bytes: [UInt8]) -> ParsedElement? {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "part.xml", nil, options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        return xmlDocGetRootElement(document).map(element)
    }

    private static func qualifiedName(_ name: UnsafePointer<xmlChar>, _ namespace: xmlNsPtr?) -> String {
        let local = String(cString: name)
        guard let prefix = namespace?.pointee.prefix else { return local }
        return String(cString: prefix) + ":" + local
    }

    private static func element(_ node: xmlNodePtr) -> ParsedElement {
        var result = ParsedElement(name: qualifiedName(node.pointee.name, node.pointee.ns), attributes: [:], children: [], text: "")
        var attribute = node.pointee.properties
        while let current = attribute {
            var value = ""
            var child = current.pointee.children
            while let text = child {
                if let content = text.pointee.content { value += String(cString: content) }
                child = text.pointee.next
            }
            result.attributes[qualifiedName(current.pointee.name, current.pointee.ns)] = value
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: result.children.append(element(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { result.text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        return result
    }
}
