namespace HealthRecords.Domain.Contracts;

/// <summary>The chaincode event names. Fabric carries one event per transaction; its payload is a <see cref="HealthRecordsEvent"/>.</summary>
public static class EventNames
{
    /// <summary>A record pointer was added, or a correction superseded one.</summary>
    public const string RecordAdded = "RecordAdded";

    /// <summary>A consent was granted.</summary>
    public const string ConsentGranted = "ConsentGranted";

    /// <summary>A consent was revoked.</summary>
    public const string ConsentRevoked = "ConsentRevoked";

    /// <summary>A record was read through the access rules (and logged).</summary>
    public const string RecordAccessed = "RecordAccessed";

    /// <summary>Break-glass access happened (logged and flagged).</summary>
    public const string EmergencyAccess = "EmergencyAccess";
}
