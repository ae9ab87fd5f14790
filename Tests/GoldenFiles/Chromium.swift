import Foundation

/// Measures how wide pages lay out in headless Chromium (Debian's `chromium`). Tests that need it run where
/// Chromium is installed, and under CI (`CI` set) always, so a missing Chromium fails there (`.ci/run` installs
/// `chromium`).
///
/// One Chromium run measures every page at every width: a harness page holds one `<iframe>` per page and width,
/// sized to that width, and once all have loaded writes each page's `scrollWidth` and `clientWidth` into its own
/// DOM, which `--dump-dom` prints. An iframe is a viewport of its own (media queries see its width), and
/// `--allow-file-access-from-files` lets the harness read the documents of `file:` pages.
public enum Chromium {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// One page laid out at one viewport width.
    public struct Measurement: Equatable, Sendable {
        /// The page's label as given to ``measure(_:widths:)``.
        public var page: String
        /// The viewport width asked for, in CSS pixels.
        public var width: Int
        /// `document.documentElement.scrollWidth`: the width of everything laid out.
        public var scrollWidth: Int
        /// `document.documentElement.clientWidth`: the viewport less a vertical scroll bar.
        public var clientWidth: Int

        /// The tables (`.table-wrap` frames) wider than their frame, which scroll inside it: each named by its
        /// first header cell.
        public var scrollingTables: [String]

        /// Whether the page is wider than its viewport (a horizontal scroll bar on the page itself).
        public var overflows: Bool { scrollWidth > clientWidth }
    }

    public static let testsRun = executable != nil || ProcessInfo.processInfo.environment["CI"] != nil

    /// The first of `chromium`, `chromium-headless-shell`, `chromium-browser`, `google-chrome` on `PATH`.
    public static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-headless-shell", "chromium-browser", "google-chrome"] {
            for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    /// Lays out each page (label, absolute file path) at each width and returns one measurement per pair, in
    /// the order pages × widths. Throws when Chromium is missing, fails, or does not report every pair.
    public static func measure(_ pages: [(label: String, path: String)], widths: [Int]) throws -> [Measurement] {
        guard let executable else { throw Failure(description: "Chromium is not installed (apt-get install chromium)") }
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let harness = folder + "/harness.html"
        try harnessPage(pages, widths: widths).write(toFile: harness, atomically: true, encoding: .utf8)

        var arguments = ["/usr/bin/timeout", "120", executable, "--headless", "--disable-gpu", "--no-first-run",
                         "--user-data-dir=" + folder + "/profile", "--allow-file-access-from-files",
                         "--window-size=1600,900", "--virtual-time-budget=15000", "--dump-dom"]
        // Chromium refuses its sandbox to root.
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 3) }
        let (status, data) = try ToolProcess.standardOutput(arguments + [URL(fileURLWithPath: harness).absoluteString])
        let dom = String(decoding: data, as: UTF8.self)
        guard status == 0 else {
            throw Failure(description: "\(executable) exited with \(status) (124: timed out)")
        }
        let measurements = parse(dom)
        guard measurements.count == pages.count * widths.count else {
            let errors = dom.components(separatedBy: "ERROR ").dropFirst().map { $0.prefix(200) }
            throw Failure(description: "Chromium reported \(measurements.count) of \(pages.count * widths.count) measurements; "
                + "errors: \(errors)")
        }
        return measurements
    }

    /// The harness: one iframe per page and width, and a script that writes
    /// `RESULT label|width|scroll|client|tables` (or `ERROR label …`) into a list once the window and every frame
    /// have loaded; `tables` names the scrolling tables, separated by `;`.
    static func harnessPage(_ pages: [(label: String, path: String)], widths: [Int]) -> String {
        var frames = ""
        for page in pages {
            for width in widths {
                let url = URL(fileURLWithPath: page.path).absoluteString
                frames += "<iframe data-page=\"\(escaped(page.label))\" data-width=\"\(width)\" "
                    + "style=\"width: \(width)px; height: 800px\" src=\"\(escaped(url))\"></iframe>\n"
            }
        }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8" /><title>Page widths</title>
            <style>body { margin: 0; } iframe { display: block; border: 0; }</style></head>
            <body>
            <ul id="results"></ul>
            \(frames)<script>
            window.addEventListener('load', function () {
              var list = document.getElementById('results');
              document.querySelectorAll('iframe').forEach(function (frame) {
                var item = document.createElement('li');
                try {
                  var root = frame.contentDocument.documentElement;
                  var tables = [];
                  frame.contentDocument.querySelectorAll('.table-wrap').forEach(function (wrap) {
                    if (wrap.scrollWidth > wrap.clientWidth) {
                      var header = wrap.querySelector('th');
                      tables.push((header ? header.textContent : 'table').replace(/[|;]/g, ' ').trim() || 'table');
                    }
                  });
                  item.textContent = 'RESULT ' + frame.dataset.page + '|' + frame.dataset.width + '|' + root.scrollWidth + '|'
                    + root.clientWidth + '|' + tables.join(';');
                } catch (error) {
                  item.textContent = 'ERROR ' + frame.dataset.page + ' ' + error;
                }
                list.appendChild(item);
              });
            });
            </script>
            </body></html>
            """
    }

    /// The `RESULT` lines of the dumped harness.
    static func parse(_ dom: String) -> [Measurement] {
        let pattern = try! NSRegularExpression(pattern: #"RESULT ([^|<]*)\|(\d+)\|(\d+)\|(\d+)\|([^|<]*)"#)
        return pattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).map { match in
            func group(_ index: Int) -> String { String(dom[Range(match.range(at: index), in: dom)!]) }
            let tables = group(5).split(separator: ";").map { String($0) }
            return Measurement(page: group(1), width: Int(group(2))!, scrollWidth: Int(group(3))!, clientWidth: Int(group(4))!,
                               scrollingTables: tables)
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }
}
