using System.Security.Cryptography;
using Fabric.Gateway;
using Fabric.Identity;
using Grpc.Core;
using HealthRecords.Client;
using HealthRecords.Client.OffChain;
using HealthRecords.Client.Proofs;

namespace HealthRecords.Cli.Internal;

/// <summary>The one place that turns a failure into an exit code and an error message (docs/cli.md, "Exit codes").</summary>
internal static class CliErrors
{
    public static int Report(Exception exception, CliOutput output)
    {
        switch (exception)
        {
            case CliException cli:
                output.Error(cli.ExitCode, cli.Code, cli.Message, hint: cli.Hint);
                return cli.ExitCode;
            case HealthRecordsException refused:
                var exit = refused.Code switch
                {
                    HealthRecordsErrorCode.Forbidden => ExitCodes.Denied,
                    HealthRecordsErrorCode.NotFound => ExitCodes.NotFound,
                    HealthRecordsErrorCode.Conflict => ExitCodes.Conflict,
                    _ => ExitCodes.Usage,
                };
                output.Error(exit, refused.WireCode, $"{refused.Function} refused: {refused.ChaincodeMessage}", refused.Reason);
                return exit;
            case ProofVerificationException proof:
                output.Error(ExitCodes.VerificationFailed, "VERIFICATION_FAILED", proof.Message);
                return ExitCodes.VerificationFailed;
            case ContentIntegrityException content:
                output.Error(ExitCodes.VerificationFailed, "CONTENT_MISMATCH", content.Message);
                return ExitCodes.VerificationFailed;
            case VerificationException endorsement:
                output.Error(ExitCodes.VerificationFailed, "VERIFICATION_FAILED", $"endorsements do not verify: {endorsement.Message}");
                return ExitCodes.VerificationFailed;
            case CommitException commit:
                output.Error(ExitCodes.Failed, "COMMIT_FAILED", $"transaction {commit.TransactionId} committed as invalid ({commit.Code}) in block {commit.BlockNumber}");
                return ExitCodes.Failed;
            case GatewayException gateway when IsUnreachable(gateway):
                output.Error(
                    ExitCodes.Unavailable,
                    "UNAVAILABLE",
                    $"the network is unreachable ({gateway.Operation}: {gateway.StatusCode}): {FirstLine(gateway.Message)}",
                    hint: "is the network running? 'hrec network status' tells; 'hrec network up' starts the dev network");
                return ExitCodes.Unavailable;
            case GatewayException gateway:
                output.Error(ExitCodes.Failed, gateway.StatusCode.ToString().ToUpperInvariant(), FirstLine(gateway.Message));
                return ExitCodes.Failed;
            case CryptoMaterialException crypto:
                output.Error(ExitCodes.Usage, "BAD_CRYPTO_MATERIAL", crypto.Message);
                return ExitCodes.Usage;
            case FileNotFoundException or DirectoryNotFoundException:
                output.Error(ExitCodes.NotFound, "FILE_NOT_FOUND", exception.Message);
                return ExitCodes.NotFound;
            case CryptographicException crypto:
                output.Error(ExitCodes.VerificationFailed, "CRYPTO_FAILED", crypto.Message);
                return ExitCodes.VerificationFailed;
            case OperationCanceledException:
                output.Error(ExitCodes.Failed, "CANCELLED", "cancelled");
                return ExitCodes.Failed;
            default:
                output.Error(ExitCodes.Failed, "FAILED", $"{exception.GetType().Name}: {exception.Message}");
                return ExitCodes.Failed;
        }
    }

    private static bool IsUnreachable(GatewayException e) =>
        e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
        && e.Details.Count == 0;

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }
}
