namespace HealthRecords.Cli.Internal;

/// <summary>A verified consistency proof between two sizes of a patient's history.</summary>
internal sealed record ConsistencyResult(string PatientId, bool Consistent, long FromSize, string FromRoot, long ToSize, string ToRoot, int ProofLength);
