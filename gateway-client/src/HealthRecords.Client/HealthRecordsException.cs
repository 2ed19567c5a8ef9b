using Hyperledger.Fabric.Gateway;

namespace HealthRecords.Client;

/// <summary>
/// The health-records chaincode refused a call with one of its stable codes. The transaction (if it was
/// a submit) committed nothing. Gateway failures that are not chaincode refusals (unreachable peer,
/// timeout, invalid commit) stay <see cref="GatewayException"/> / <see cref="CommitException"/>.
/// </summary>
public sealed class HealthRecordsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The refusal code.</param>
    /// <param name="message">The chaincode's message, without the code prefix.</param>
    /// <param name="function">The chaincode function that refused.</param>
    /// <param name="transactionId">The transaction id, when the failing step had one.</param>
    /// <param name="innerException">The gateway exception that carried the refusal.</param>
    public HealthRecordsException(HealthRecordsErrorCode code, string message, string function, string? transactionId = null, Exception? innerException = null)
        : base($"{function} failed: {ToWire(code)}: {message}", innerException)
    {
        Code = code;
        ChaincodeMessage = message;
        Function = function;
        TransactionId = transactionId;
        Reason = ParseReason(code, message);
    }

    /// <summary>The refusal code.</summary>
    public HealthRecordsErrorCode Code { get; }

    /// <summary>The code as the chaincode wrote it, e.g. <c>FORBIDDEN</c>.</summary>
    public string WireCode => ToWire(Code);

    /// <summary>The chaincode's message, without the <c>CODE: </c> prefix.</summary>
    public string ChaincodeMessage { get; }

    /// <summary>The chaincode function that refused, e.g. <c>RequestAccess</c>.</summary>
    public string Function { get; }

    /// <summary>The transaction id of the refused submit (from <see cref="TransactionException"/>), or null for queries.</summary>
    public string? TransactionId { get; }

    /// <summary>
    /// For a denial (<c>FORBIDDEN: Access denied (consent-expired): ...</c>, or <c>Append denied (...)</c> / <c>Listing denied (...)</c>), the access rule's reason code
    /// (one of the domain's <c>AccessReasons</c>); otherwise null.
    /// </summary>
    public string? Reason { get; }

    /// <summary>The wire form of <paramref name="code"/>.</summary>
    /// <param name="code">A code.</param>
    /// <returns><c>INVALID_ARGUMENT</c>, <c>NOT_FOUND</c>, <c>FORBIDDEN</c> or <c>CONFLICT</c>.</returns>
    public static string ToWire(HealthRecordsErrorCode code) => code switch
    {
        HealthRecordsErrorCode.InvalidArgument => "INVALID_ARGUMENT",
        HealthRecordsErrorCode.NotFound => "NOT_FOUND",
        HealthRecordsErrorCode.Forbidden => "FORBIDDEN",
        HealthRecordsErrorCode.Conflict => "CONFLICT",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown code."),
    };

    // The domain words its refusals "<Access|Append|Listing> denied (<reason>): ..." (docs/consent.md).
    private static readonly string[] DenialPrefixes = ["Access denied (", "Append denied (", "Listing denied ("];

    private static string? ParseReason(HealthRecordsErrorCode code, string message)
    {
        if (code != HealthRecordsErrorCode.Forbidden)
        {
            return null;
        }

        foreach (var prefix in DenialPrefixes)
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                var end = message.IndexOf(')', prefix.Length);
                return end > prefix.Length ? message[prefix.Length..end] : null;
            }
        }

        return null;
    }
}
