namespace HealthRecords.Domain;

/// <summary>The stable error codes a <see cref="DomainException"/> carries. Clients switch on these, never on messages.</summary>
public static class DomainErrorCodes
{
    /// <summary>The request is malformed: bad JSON, a missing or oversize field, an unknown vocabulary value.</summary>
    public const string InvalidArgument = "INVALID_ARGUMENT";

    /// <summary>A patient, record, consent or history entry the request names does not exist.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>The caller's role, binding or consent does not allow the operation.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>The operation clashes with the current state (already registered, already revoked, already superseded).</summary>
    public const string Conflict = "CONFLICT";
}
