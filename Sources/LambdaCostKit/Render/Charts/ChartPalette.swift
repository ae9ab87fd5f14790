/// Default colours of the charts, written as presentation attributes so a chart reads well without any style
/// sheet; the CSS classes on every element can override them (a class rule beats a presentation attribute).
/// Nothing relies on colour alone: bars and markers carry value labels, series differ by dash pattern and
/// point shape, and the heat strip's steps differ in lightness (they stay distinct in grey print).
enum ChartPalette {
    static let ink = "#1d2330"
    static let muted = "#5b6475"
    static let grid = "#d9dde5"
    static let background = "#ffffff"
    static let bar = "#1f6feb"
    static let negative = "#cf222e"
    static let highlight = "#bc4c00"

    /// Line series colours and dash patterns, by series index (cycled).
    static let series = ["#1f6feb", "#bc4c00", "#1a7f37", "#8250df"]
    static let dashes: [String?] = [nil, "6 4", "2 3", "8 3 2 3"]

    /// The heat strip's steps, light to dark (ColorBrewer Blues): distinct in lightness, so also in grey.
    static let heat = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
}
