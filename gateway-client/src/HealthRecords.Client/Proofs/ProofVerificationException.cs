namespace HealthRecords.Client.Proofs;

/// <summary>
/// A Merkle proof, or the item it should prove, did not verify: the leaf does not hash into the root, the
/// leaf does not describe the returned item, or a hash is malformed. The response must not be trusted.
/// </summary>
public class ProofVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProofVerificationException()
        : this(string.Empty, "The proof did not verify.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public ProofVerificationException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ProofVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
        PatientId = string.Empty;
    }

    /// <summary>Creates the exception for one patient's history.</summary>
    /// <param name="patientId">The patient whose history the proof is about.</param>
    /// <param name="message">What failed.</param>
    public ProofVerificationException(string patientId, string message)
        : this(patientId, message, null)
    {
    }

    /// <summary>Creates the exception for one patient's history, keeping what caused it.</summary>
    internal ProofVerificationException(string patientId, string message, Exception? innerException)
        : base(string.IsNullOrEmpty(patientId) ? message : $"History of '{patientId}': {message}", innerException)
    {
        PatientId = patientId ?? string.Empty;
    }

    /// <summary>The patient whose history the proof is about; empty when unknown.</summary>
    public string PatientId { get; }
}
