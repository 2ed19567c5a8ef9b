namespace HealthRecords.Domain.Internal;

/// <summary>Status values of bindings and consents as stored.</summary>
internal static class BindingStatus
{
    public const string Active = "active";
    public const string Deactivated = "deactivated";
    public const string Revoked = "revoked";
}
