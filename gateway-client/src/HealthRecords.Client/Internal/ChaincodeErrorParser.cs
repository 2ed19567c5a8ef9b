using System.Text.RegularExpressions;
using Hyperledger.Fabric.Gateway;

namespace HealthRecords.Client.Internal;

/// <summary>
/// Finds the chaincode's <c>CODE: message</c> inside a gateway failure. Peers wrap chaincode errors in
/// their own text (<c>chaincode response 500, FORBIDDEN: ...</c>) and the gateway puts it in the status
/// message (evaluate) or in the per-endpoint details (endorse), so both are searched, details first.
/// </summary>
internal static partial class ChaincodeErrorParser
{
    public static HealthRecordsException? TryMap(GatewayException error, string function)
    {
        var transactionId = (error as TransactionException)?.TransactionId;
        foreach (var detail in error.Details)
        {
            if (TryParse(detail.Message, out var code, out var message))
            {
                return new HealthRecordsException(code, message, function, transactionId, error);
            }
        }

        return TryParse(error.GrpcStatus.Detail, out var c, out var m) || TryParse(error.Message, out c, out m)
            ? new HealthRecordsException(c, m, function, transactionId, error)
            : null;
    }

    public static bool TryParse(string? text, out HealthRecordsErrorCode code, out string message)
    {
        code = default;
        message = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var match = CodePattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        code = match.Groups["code"].Value switch
        {
            "INVALID_ARGUMENT" => HealthRecordsErrorCode.InvalidArgument,
            "NOT_FOUND" => HealthRecordsErrorCode.NotFound,
            "FORBIDDEN" => HealthRecordsErrorCode.Forbidden,
            _ => HealthRecordsErrorCode.Conflict,
        };
        message = match.Groups["message"].Value.TrimEnd();

        // The gateway appends the endpoint list after the message: " [peer0...: ...]". Drop it.
        var bracket = message.IndexOf(" [", StringComparison.Ordinal);
        if (bracket > 0 && message.EndsWith(']'))
        {
            message = message[..bracket];
        }

        return true;
    }

    // The code is preceded by the start, a space, a comma or a colon, so "XFORBIDDEN:" never matches.
    [GeneratedRegex(@"(?:^|[\s,:(])(?<code>INVALID_ARGUMENT|NOT_FOUND|FORBIDDEN|CONFLICT): (?<message>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
