namespace HealthRecords.Client.Proofs;

/// <summary>A patient's history root that a client verified: the size and the root are trusted together.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="TreeSize">The number of leaves.</param>
/// <param name="RootHash">The RFC 9162 root at <paramref name="TreeSize"/>, 64 lowercase hex digits.</param>
public sealed record VerifiedRoot(string PatientId, long TreeSize, string RootHash);
