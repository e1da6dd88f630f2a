/// Writing styled runs; each run still goes through `CellGrid.write`.
extension CellGrid {
    /// Writes `spans` one after another from `x`, within `maxWidth` cells. Returns the cells used.
    @discardableResult
    public mutating func write(_ spans: StyledLine, x: Int, y: Int, maxWidth: Int) -> Int {
        var used = 0
        for span in spans {
            let room = maxWidth - used
            guard room > 0 else { break }
            used += write(span.text, x: x + used, y: y, maxWidth: room, role: span.role, attributes: span.attributes)
        }
        return used
    }
}
