import RedisClient

/// libFuzzer entry: RedisEndpoint(url:) on arbitrary strings must not crash; a password it parsed never
/// shows in the endpoint's description, and an error's description never holds the planted password.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzURL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let endpoint = try RedisEndpoint(url: text)
        if let password = endpoint.password, password.count >= 4 {
            // Only meaningful when the password is not also part of the host or user name.
            var bare = endpoint
            bare.password = nil
            if !bare.description.contains(password) {
                precondition(!endpoint.description.contains(password), "password in description")
            }
        }
    } catch {
        _ = error.description
    }
    // A URL with a known password planted in it: whatever is wrong elsewhere, errors must not echo it.
    let secret = "Zq9secretXw"
    let planted = "redis://user:\(secret)@" + text
    do {
        let endpoint = try RedisEndpoint(url: planted)
        precondition(!endpoint.description.contains(secret), "password in description")
    } catch {
        precondition(!error.description.contains(secret), "password in error: \(error.description)")
    }
    return 0
}
