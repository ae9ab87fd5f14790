/// Which functions a check that needs metrics could look at, so that a page never reads "none found" where the
/// check did not run: a finding section without findings says "None this month." only when every function was
/// checked, and "Not checked — needs …" for the functions whose metrics lack what the check reads.
struct CheckCoverage: Equatable {
    /// Functions the check could read, and functions it could not (their metrics lack `needs`).
    var checked: Int
    var notChecked: Int
    /// What the check reads, for the reader (`timeout_s and memory_mb`).
    var needs: String

    /// The coverage over the report's functions (the charges of no function are no function).
    init(_ functions: [FunctionCost], needs: String, canCheck: (FunctionMetrics) -> Bool) {
        let named = functions.filter { !$0.function.isUnattributed }
        checked = named.filter { $0.metrics.map(canCheck) ?? false }.count
        notChecked = named.count - checked
        self.needs = needs
    }

    private static func functions(_ count: Int) -> String { count == 1 ? "1 function" : "\(count) functions" }

    /// The sentence of a section without findings.
    var noneText: String {
        if notChecked == 0 { return "None this month." }
        if checked == 0 { return "Not checked — needs \(needs) in the metrics file (docs/metrics.md)." }
        return "None among the \(Self.functions(checked)) with \(needs) in the metrics; not checked for the "
            + "\(Self.functions(notChecked)) without them."
    }

    /// The sentence under a section's findings when some functions were not checked; empty otherwise.
    var notCheckedText: String {
        notChecked == 0 ? "" : "Not checked for \(Self.functions(notChecked)) without \(needs) in the metrics."
    }

    /// The template keys of the section `prefix` (`timeout`, `idle`).
    func templateKeys(_ prefix: String) -> [String: Any] {
        ["\(prefix)_none_text": noneText, "\(prefix)_not_checked_text": notCheckedText,
         "\(prefix)_checked_count": checked, "\(prefix)_not_checked_count": notChecked]
    }
}
