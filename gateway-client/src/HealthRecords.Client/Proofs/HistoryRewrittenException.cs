namespace HealthRecords.Client.Proofs;

/// <summary>
/// A root for a patient's history could not be proven consistent with the root this client verified
/// before: the history was rewritten (a leaf changed or removed), or the root comes from a different
/// tree. The stored root is kept; the new one is rejected.
/// </summary>
public sealed class HistoryRewrittenException : ProofVerificationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="trusted">The root verified earlier.</param>
    /// <param name="presentedSize">The size of the rejected root's tree.</param>
    /// <param name="presentedRoot">The rejected root (hex).</param>
    /// <param name="detail">Why the consistency check failed.</param>
    public HistoryRewrittenException(VerifiedRoot trusted, long presentedSize, string presentedRoot, string detail)
        : this(trusted, presentedSize, presentedRoot, detail, null)
    {
    }

    /// <summary>Creates the exception, keeping what caused it (for example the ledger's refusal to prove).</summary>
    internal HistoryRewrittenException(VerifiedRoot trusted, long presentedSize, string presentedRoot, string detail, Exception? innerException)
        : base(
            trusted?.PatientId ?? string.Empty,
            $"root {presentedRoot} at size {presentedSize} is not consistent with the verified root {trusted?.RootHash} at size {trusted?.TreeSize}: {detail}. The history may have been rewritten.",
            innerException)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        Trusted = trusted;
        PresentedSize = presentedSize;
        PresentedRoot = presentedRoot;
    }

    /// <summary>The root this client verified before (still stored).</summary>
    public VerifiedRoot Trusted { get; }

    /// <summary>The size of the rejected root's tree.</summary>
    public long PresentedSize { get; }

    /// <summary>The rejected root, lowercase hex.</summary>
    public string PresentedRoot { get; }
}
