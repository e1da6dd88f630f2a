@_exported import SafeText
