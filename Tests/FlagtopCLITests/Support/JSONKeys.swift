/// The keys of JSON objects in the order they appear in the raw text (JSONSerialization forgets the order).
enum JSONKeys {
    /// Keys of every object at nesting depth `depth` (1 = a top-level object, 2 = objects inside a top-level
    /// array or object), each object's keys in text order.
    static func objects(in text: String, depth: Int) -> [[String]] {
        var result: [[String]] = []
        var stack: [Character] = []
        var current: [Int: [String]] = [:]
        var chars = Array(text)[...]
        var expectKey = false
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case "\"":
                var s = ""
                while let d = chars.first {
                    chars = chars.dropFirst()
                    if d == "\\" { if let e = chars.first { s.append(e); chars = chars.dropFirst() }; continue }
                    if d == "\"" { break }
                    s.append(d)
                }
                if expectKey, stack.last == "{" {
                    current[stack.count, default: []].append(s)
                    expectKey = false
                }
            case "{":
                stack.append("{")
                current[stack.count] = []
                expectKey = true
            case "[":
                stack.append("[")
            case ",":
                expectKey = stack.last == "{"
            case "}":
                if stack.count == depth { result.append(current[stack.count] ?? []) }
                stack.removeLast()
                expectKey = false
            case "]":
                stack.removeLast()
            default:
                break
            }
        }
        return result
    }
}
