namespace HealthRecords.Domain.Merkle;

/// <summary>
/// Thrown by <see cref="MerkleLog"/> when the storage holds a value the log did not write: a missing
/// node below the stored size, a hash that is not 32 bytes, or a malformed head record. It means the
/// stored log is corrupt (or the key prefix is wrong), never that the caller's input was bad.
/// </summary>
public sealed class MerkleStorageException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public MerkleStorageException()
        : base("The Merkle log storage is corrupt.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">What was wrong, naming the key.</param>
    public MerkleStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">What was wrong, naming the key.</param>
    /// <param name="innerException">The cause.</param>
    public MerkleStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
