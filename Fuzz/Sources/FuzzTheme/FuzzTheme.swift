import FlagtopUI

/// libFuzzer entry: ThemeParser.parse on arbitrary text must return a theme or a ThemeFileError, never crash
/// (TOMLPreflight guards TOMLKit's own crashes).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ThemeParser.parse(text, fallbackName: "fuzz")
    return 0
}
