/// One column of a pane's table: its name (its pane's `Column` case, how code finds it), its title, how narrow it may get, how it
/// grows, and which columns go first when the pane is narrow (lower `priority` stays longer).
struct TableColumn: Sendable, Equatable {
    var name: String
    var title: String
    var minWidth: Int
    var maxWidth: Int? = nil
    var flex: Int = 0
    var priority: Int
    var alignRight = false
}
