import FramedJSON

/// Cases generated at run time from the target's OpenRPC document.
public enum SchemaCases {
    /// The cases for every method `discovery` describes.
    public static func generate(from discovery: JSONObject) -> [ConformanceCase] { [] }
}
