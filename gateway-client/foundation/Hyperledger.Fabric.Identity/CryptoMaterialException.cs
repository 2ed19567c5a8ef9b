namespace Hyperledger.Fabric.Identity;

/// <summary>
/// Crypto material (a PEM file, a key, a certificate, an MSP folder) is malformed, unsupported or
/// inconsistent. When the material came from a file, <see cref="FilePath"/> names it and the
/// message starts with it.
/// </summary>
public sealed class CryptoMaterialException : Exception
{
    /// <summary>Creates an exception with no file.</summary>
    public CryptoMaterialException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What is wrong.</param>
    public CryptoMaterialException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public CryptoMaterialException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about the file at <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The offending file; the message is prefixed with it.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CryptoMaterialException(string filePath, string message, Exception? innerException)
        : base($"{filePath}: {message}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file the material came from, or null.</summary>
    public string? FilePath { get; }
}
