namespace Hyperledger.Fabric.Identity;

/// <summary>Computes the digest of a message before it is signed.</summary>
/// <param name="message">The bytes to hash.</param>
/// <returns>The digest.</returns>
public delegate byte[] HashFunction(ReadOnlySpan<byte> message);
