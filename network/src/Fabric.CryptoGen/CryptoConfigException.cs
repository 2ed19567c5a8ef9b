namespace Fabric.CryptoGen;

/// <summary>A crypto-config.yaml is unreadable or invalid; the message says where and why.</summary>
public sealed class CryptoConfigException : Exception
{
    /// <summary>Creates an exception.</summary>
    public CryptoConfigException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What is wrong.</param>
    public CryptoConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public CryptoConfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
