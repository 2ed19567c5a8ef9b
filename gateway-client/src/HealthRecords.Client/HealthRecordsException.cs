using System.Text.RegularExpressions;
using Hyperledger.Fabric.Gateway;

namespace HealthRecords.Client;

/// <summary>
/// The health-records chaincode refused a call with one of its stable codes. The transaction (if it was
/// a submit) committed nothing. Gateway failures that are not chaincode refusals (unreachable peer,
/// timeout, invalid commit) stay <see cref="GatewayException"/> / <see cref="CommitException"/>.
/// </summary>
public sealed partial class HealthRecordsException : Exception
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
        Reason = ParseReason(message);
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
    /// The refusal's stable reason, when the chaincode gave one: for a denial (<c>FORBIDDEN: Access denied (consent-expired): ...</c>,
    /// <c>Append denied (...)</c>, <c>Listing denied (...)</c>) the access rule's reason (one of <c>AccessReasons</c>); for other
    /// refusals one of <c>RefusalReasons</c> (e.g. <c>NOT_FOUND: Access entry not found (access-not-committed): ...</c>); otherwise null.
    /// Switch on this, never on the wording.
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

    // The domain words a refusal with a reason "<Lead> (<reason>): detail" (DomainException.WithReason, docs/consent.md):
    // a capitalised lead of words, then a lower-case kebab reason in parentheses, at the very start of the message.
    private static string? ParseReason(string message)
    {
        var match = ReasonPattern().Match(message);
        return match.Success ? match.Groups["reason"].Value : null;
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z]*(?: [a-z]+)* \((?<reason>[a-z]+(?:-[a-z]+)*)\): ", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonPattern();
}
