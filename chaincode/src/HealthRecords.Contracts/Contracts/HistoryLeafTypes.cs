namespace HealthRecords.Domain.Contracts;

/// <summary>The <c>type</c> values of history leaves (docs/data-model.md, "Merkle leaves").</summary>
public static class HistoryLeafTypes
{
    /// <summary>A first version of a record was added; the subject is the <see cref="RecordPointer"/>.</summary>
    public const string RecordAdded = "record-added";

    /// <summary>A correction was added; the subject is the new <see cref="RecordPointer"/> (its <c>supersedes</c> names the old).</summary>
    public const string RecordSuperseded = "record-superseded";

    /// <summary>A consent was granted; the subject is the <see cref="Consent"/>.</summary>
    public const string ConsentGranted = "consent-granted";

    /// <summary>A consent was revoked; the subject is the revoked <see cref="Consent"/>.</summary>
    public const string ConsentRevoked = "consent-revoked";

    /// <summary>A read through the access rules was logged; the subject is the <see cref="AccessEntry"/>.</summary>
    public const string RecordAccessed = "record-accessed";

    /// <summary>Break-glass access was logged; the subject is the flagged <see cref="AccessEntry"/>.</summary>
    public const string EmergencyAccess = "emergency-access";
}
