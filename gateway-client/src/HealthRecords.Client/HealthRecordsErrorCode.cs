namespace HealthRecords.Client;

/// <summary>The chaincode's stable refusal codes (the domain's <c>DomainErrorCodes</c>), as an enum to switch on.</summary>
public enum HealthRecordsErrorCode
{
    /// <summary><c>INVALID_ARGUMENT</c>: malformed or oversize input, an unknown vocabulary value, inconsistent sizes.</summary>
    InvalidArgument,

    /// <summary><c>NOT_FOUND</c>: the patient, record, consent or history leaf does not exist.</summary>
    NotFound,

    /// <summary><c>FORBIDDEN</c>: wrong role, missing binding, or the access rules deny (see <see cref="HealthRecordsException.Reason"/>).</summary>
    Forbidden,

    /// <summary><c>CONFLICT</c>: already registered, already revoked, already superseded, last own identity.</summary>
    Conflict,
}
