namespace HealthRecords.Domain;

/// <summary>
/// A refusal by the domain, with a stable <see cref="Code"/> from <see cref="DomainErrorCodes"/>
/// and a message for people. The function that throws it has written nothing the caller could
/// rely on, and in Fabric the failed transaction commits nothing at all.
/// </summary>
public sealed class DomainException : Exception
{
    /// <summary>Creates an <see cref="DomainErrorCodes.InvalidArgument"/> exception with a default message.</summary>
    public DomainException()
        : this(DomainErrorCodes.InvalidArgument, "The request is invalid.")
    {
    }

    /// <summary>Creates an <see cref="DomainErrorCodes.InvalidArgument"/> exception with <paramref name="message"/>.</summary>
    /// <param name="message">What was wrong.</param>
    public DomainException(string message)
        : this(DomainErrorCodes.InvalidArgument, message)
    {
    }

    /// <summary>Creates an <see cref="DomainErrorCodes.InvalidArgument"/> exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = DomainErrorCodes.InvalidArgument;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="code">A code from <see cref="DomainErrorCodes"/>.</param>
    /// <param name="message">What was wrong, naming the field or item.</param>
    public DomainException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The stable error code, e.g. <c>FORBIDDEN</c>.</summary>
    public string Code { get; }

    /// <summary>
    /// The stable reason inside <see cref="Code"/> (an <c>AccessReasons</c> or <c>RefusalReasons</c> value), or null.
    /// The message carries it as <c>&lt;Lead&gt; (&lt;reason&gt;): detail</c>, which is what clients parse:
    /// Fabric passes on only the chaincode's message, never its payload.
    /// </summary>
    public string? Reason { get; private init; }

    internal static DomainException Invalid(string message) => new(DomainErrorCodes.InvalidArgument, message);

    internal static DomainException NotFound(string message) => new(DomainErrorCodes.NotFound, message);

    internal static DomainException Forbidden(string message) => new(DomainErrorCodes.Forbidden, message);

    internal static DomainException Conflict(string message) => new(DomainErrorCodes.Conflict, message);

    /// <summary>A refusal with a stable reason, worded <c>&lt;lead&gt; (&lt;reason&gt;): &lt;detail&gt;</c> (docs/consent.md, "Refusal reasons").</summary>
    internal static DomainException WithReason(string code, string lead, string reason, string detail) =>
        new(code, $"{lead} ({reason}): {detail}") { Reason = reason };
}
