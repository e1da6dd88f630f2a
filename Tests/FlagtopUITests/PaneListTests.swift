import Testing
@testable import FlagtopUI

/// `Pane.allCases` is the one list: the layout, the focus order and the digit keys all come from it.
@Suite struct PaneListTests {
    @Test func everyPaneGetsARectInBothLayoutsAndNoneOverlap() {
        for (width, height) in [(160, 48), (100, 30), (80, 24), (40, 10)] {
            for focus in Pane.allCases {
                let layout = DashboardLayout.compute(width: width, height: height, focus: focus)
                #expect(Set(layout.panes.keys) == Set(Pane.allCases), "\(width)x\(height)")
                let rects = Pane.allCases.compactMap { layout.panes[$0] }
                for (i, a) in rects.enumerated() {
                    #expect(a.width > 0 && a.height > 0)
                    #expect(a.x >= 0 && a.maxX <= width && a.y >= 1 && a.maxY <= height - 2)
                    for b in rects.dropFirst(i + 1) {
                        #expect(a.maxX <= b.x || b.maxX <= a.x || a.maxY <= b.y || b.maxY <= a.y, "\(a) overlaps \(b)")
                    }
                }
                // The panes share all the rows between the header and the status line.
                let area = rects.reduce(0) { $0 + $1.width * $1.height }
                #expect(area == width * (height - 3), "\(width)x\(height)")
            }
        }
    }

    @Test func focusCyclesThroughTheListAndDigitsNameItsPlaces() {
        var pane = Pane.allCases[0]
        var seen: [Pane] = []
        for _ in Pane.allCases {
            seen.append(pane)
            #expect(pane.next.previous == pane)
            pane = pane.next
        }
        #expect(seen == Pane.allCases)
        #expect(pane == Pane.allCases[0])
        for (i, p) in Pane.allCases.enumerated() {
            #expect(p.number == i + 1)
            #expect(Pane(number: i + 1) == p)
            #expect(KeyBindings.binding(for: .char(Character(String(i + 1))), in: .main(.toggles))?.action == .focusPane)
        }
        #expect(Pane(number: 0) == nil && Pane(number: Pane.allCases.count + 1) == nil)
    }
}
