namespace Hyperledger.Fabric.Identity;

/// <summary>The outcome of validating a certificate against an MSP.</summary>
/// <param name="IsValid">True when the certificate is a valid identity of the MSP.</param>
/// <param name="Reason">Why it is not valid (null when valid), in words an operator can act on.</param>
public sealed record MspValidationResult(bool IsValid, string? Reason)
{
    /// <summary>A successful result.</summary>
    public static MspValidationResult Valid { get; } = new(true, null);

    /// <summary>A failed result with <paramref name="reason"/>.</summary>
    /// <param name="reason">Why validation failed.</param>
    public static MspValidationResult Invalid(string reason) => new(false, reason);
}
