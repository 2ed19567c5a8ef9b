using System.Security.Cryptography;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;
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
            case CommitStatusException pending:
                ReportPending(output, pending.TransactionId, pending.IsTimeout ? $"its commit status did not arrive within {Describe(pending.Timeout)}" : $"the commit status could not be obtained ({pending.StatusCode})");
                return ExitCodes.CommitPending;
            case SubmitException { MayHaveCommitted: true } submit:
                ReportPending(output, submit.TransactionId, $"the ordering service did not confirm it ({submit.StatusCode})");
                return ExitCodes.CommitPending;
            case GatewayException { StatusCode: StatusCode.DeadlineExceeded } slow:
                output.Error(
                    ExitCodes.Unavailable,
                    "TIMEOUT",
                    $"{slow.Operation} timed out{(slow.Timeout is { } t ? " after " + Describe(t) : string.Empty)}; nothing was submitted: {FirstLine(slow.Message)}",
                    hint: "the network answered too slowly; 'hrec network status' shows each peer's state");
                return ExitCodes.Unavailable;
            case GatewayException gateway when IsUnreachable(gateway):
                output.Error(
                    ExitCodes.Unavailable,
                    "UNAVAILABLE",
                    $"the network is unreachable ({gateway.Operation}: {gateway.StatusCode}): {FirstLine(gateway.Message)}",
                    hint: "is the network running? 'hrec network status' tells; 'hrec network up' starts the dev network");
                return ExitCodes.Unavailable;
            case GatewayException { StatusCode: StatusCode.PermissionDenied } refused:
                output.Error(
                    ExitCodes.Denied,
                    "PERMISSION_DENIED",
                    $"the channel's access rules refused this identity ({refused.Operation}): {FirstLine(refused.Message)}",
                    hint: "whole blocks and chaincode events are for organisation admins and peers; run it as an admin identity such as Admin@org1.example.com (docs/security.md, \"Who sees what\")");
                return ExitCodes.Denied;
            case GatewayException gateway:
                output.Error(ExitCodes.Failed, gateway.StatusCode.ToString().ToUpperInvariant(), FirstLine(gateway.Message));
                return ExitCodes.Failed;
            case HsmException hsm:
                // The message names the token and key, never the PIN.
                var code = hsm.ReturnValue is "CKR_PIN_INCORRECT" or "CKR_PIN_INVALID" or "CKR_PIN_LEN_RANGE" ? "HSM_PIN_INCORRECT" : "HSM_FAILED";
                output.Error(ExitCodes.Usage, code, hsm.Message, hint: "check the identity's hsm entry in the connection profile (docs/identities.md, \"Keys in a PKCS#11 token\")");
                return ExitCodes.Usage;
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

    /// <summary>No endpoint answered at all. A timeout is not unreachability: the network may be up and slow.</summary>
    private static bool IsUnreachable(GatewayException e) =>
        e.StatusCode == StatusCode.Unavailable && e.Details.Count == 0;

    private static void ReportPending(CliOutput output, string transactionId, string why) =>
        output.Error(
            ExitCodes.CommitPending,
            "COMMIT_PENDING",
            $"transaction {transactionId} was submitted but {why}: it may still commit",
            hint: $"ask again with 'hrec tx status {transactionId}'; do not repeat the command, that would submit a second transaction");

    private static string Describe(TimeSpan? timeout) => timeout switch
    {
        null => "the commit-status timeout",
        { TotalSeconds: >= 1 } t => $"{t.TotalSeconds:0.#}s",
        { } t => $"{t.TotalMilliseconds:0}ms",
    };

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }
}
