namespace HealthRecords.Client.Proofs;

/// <summary>
/// Remembers the last verified history root of each patient. The client only ever stores a root after
/// proving it consistent with the stored one (or when none is stored), and only moves forward.
/// Implementations must be safe for concurrent use.
/// </summary>
public interface IVerifiedRootStore
{
    /// <summary>The stored root of <paramref name="patientId"/>, or null if none.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<VerifiedRoot?> GetAsync(string patientId, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="root"/> as the patient's verified root, replacing the previous one.</summary>
    /// <param name="root">The newly verified root.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask SetAsync(VerifiedRoot root, CancellationToken cancellationToken = default);
}
