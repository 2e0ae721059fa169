/// Draws the ASCII tables etcdctl prints with `-w table` (olekukonko/tablewriter with its
/// defaults: upper-case centred headers, right-aligned cells, one space of padding).
package enum TableRenderer {
    package static func render(header: [String], rows: [[String]]) -> String {
        let titles = header.map { $0.uppercased() }
        var widths = titles.map(displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        let border = "+" + widths.map { String(repeating: "-", count: $0 + 2) + "+" }.joined()
        var lines = [border]
        lines.append("|" + zip(titles, widths).map { " " + centred($0, width: $1) + " |" }.joined())
        lines.append(border)
        for row in rows {
            lines.append("|" + zip(row, widths).map { " " + rightAligned($0, width: $1) + " |" }.joined())
        }
        lines.append(border)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    private static func centred(_ text: String, width: Int) -> String {
        let gap = width - displayWidth(text)
        let left = gap / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
    }

    private static func rightAligned(_ text: String, width: Int) -> String {
        String(repeating: " ", count: width - displayWidth(text)) + text
    }
}
