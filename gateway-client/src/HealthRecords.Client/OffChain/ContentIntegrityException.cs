namespace HealthRecords.Client.OffChain;

/// <summary>Off-chain content does not hash to the SHA-256 it is supposed to have: it was corrupted or replaced.</summary>
public sealed class ContentIntegrityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContentIntegrityException()
        : this(string.Empty, string.Empty, "The content does not match its hash.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public ContentIntegrityException(string message)
        : this(string.Empty, string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ContentIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExpectedHash = string.Empty;
        ActualHash = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="expectedHash">The hash the content should have.</param>
    /// <param name="actualHash">The hash it has.</param>
    /// <param name="message">What failed.</param>
    public ContentIntegrityException(string expectedHash, string actualHash, string message)
        : base(message)
    {
        ExpectedHash = expectedHash;
        ActualHash = actualHash;
    }

    /// <summary>The SHA-256 the content should have (lowercase hex).</summary>
    public string ExpectedHash { get; }

    /// <summary>The SHA-256 it has (lowercase hex); empty when unknown.</summary>
    public string ActualHash { get; }
}
