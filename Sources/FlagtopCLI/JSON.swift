import Foundation
import SafeText

/// A JSON value with ordered object keys, so `--json` output keeps the documented field order.
indirect enum JSON: Equatable {
    case string(String)
    case number(Double)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    static func == (a: JSON, b: JSON) -> Bool { a.encoded == b.encoded }

    var encoded: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case let .string(s): JSON.writeString(s, into: &out)
        case let .number(d):
            if d.isFinite { out += d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) } else { out += "null" }
        case let .int(i): out += String(i)
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case let .object(pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                JSON.writeString(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    /// Escapes quotes, backslashes, every control character, every format character (bidi controls, zero-width
    /// characters) and the line separators, so JSON printed to a terminal cannot carry an escape sequence either.
    /// A byte of invalid UTF-8 (a raw-byte marker, see `RedisBytes`) is written as the text `\xNN`.
    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default:
                if let byte = RedisBytes.byte(ofMarker: scalar.value) {
                    out += String(format: "\\\\x%02x", byte)
                } else if scalar.value >= 0xA0, scalar.properties.generalCategory == .format {
                    out += String(format: scalar.value > 0xFFFF ? "\\u%04x\\u%04x" : "\\u%04x", arguments: utf16(scalar))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The UTF-16 code units of a scalar, as JSON's `\uXXXX` escapes need them.
    private static func utf16(_ scalar: Unicode.Scalar) -> [CVarArg] {
        String(scalar).utf16.map { Int($0) }
    }
}
