using Hyperledger.Fabric.Shim;
using HealthRecords.Domain;

namespace HealthRecords.Chaincode;

/// <summary>
/// How the chaincode reports failures to clients: an error response whose message is
/// <c>CODE: text</c>, with a stable code and a status that matches it. Clients parse the code from
/// the message (the Fabric gateway passes it on as <c>chaincode response &lt;status&gt;, CODE: text</c>).
/// </summary>
public static class ChaincodeErrors
{
    /// <summary>The code of an unexpected failure inside the chaincode (status 500); details are only in the chaincode's log.</summary>
    public const string Internal = "INTERNAL";

    /// <summary>The status for a domain error code: INVALID_ARGUMENT 400, FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409, anything else 500.</summary>
    /// <param name="code">A code from <see cref="DomainErrorCodes"/>.</param>
    public static int StatusFor(string code) => code switch
    {
        DomainErrorCodes.InvalidArgument => 400,
        DomainErrorCodes.Forbidden => 403,
        DomainErrorCodes.NotFound => 404,
        DomainErrorCodes.Conflict => 409,
        _ => ChaincodeResponse.ErrorStatus,
    };

    /// <summary>The message a client sees: <c>CODE: text</c>.</summary>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The text for people.</param>
    public static string Format(string code, string message) => $"{code}: {message}";

    /// <summary>Turns a domain refusal into the exception the contract router reports as an error response.</summary>
    /// <param name="exception">The refusal.</param>
    public static ChaincodeException FromDomain(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ChaincodeException(Format(exception.Code, exception.Message), ReadOnlyMemory<byte>.Empty, StatusFor(exception.Code));
    }

    /// <summary>The generic 500 error for an unexpected exception: it names the transaction, never the exception's details.</summary>
    /// <param name="txId">The transaction id, so an operator can find the logged details.</param>
    public static ChaincodeException Unexpected(string txId) =>
        new(Format(Internal, $"The chaincode failed unexpectedly; the chaincode log has the details (transaction {txId})."),
            ReadOnlyMemory<byte>.Empty,
            ChaincodeResponse.ErrorStatus);
}
