using System.Security.Cryptography;
using Hyperledger.Fabric.Gateway;
using HealthRecords.Cli.Tests.Infrastructure;
using TestSupport;
using HealthRecords.Client.Profiles;

namespace HealthRecords.Cli.Tests;

/// <summary><c>hrec tx status</c> and the "may still commit" exit code, on the dev network.</summary>
[Collection(CliCollection.Name)]
public sealed class TxCommandTests(CliNetworkFixture network)
{
    [Fact]
    public async Task Status_SubmittedTransaction_ReportsValidAndItsBlock()
    {
        using var gateway = Gateway.Connect(ConnectionProfile.Load(network.ProfilePath).CreateGatewayOptions("alice"));
        var proposal = gateway.GetNetwork("healthchannel").GetContract("healthrecords")
            .NewProposal("GetPatient", new ProposalOptions().WithArguments("{\"patientId\":\"pt-alice\"}"));
        var transaction = await proposal.EndorseAsync().WithTimeout();
        await transaction.SubmitAsync().WithTimeout();

        var result = await network.RunAsync("--json", "tx", "status", transaction.TransactionId, "-i", "alice");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.Equal(transaction.TransactionId, json.GetProperty("transactionId").GetString());
        Assert.Equal("Valid", json.GetProperty("code").GetString());
        Assert.True(json.GetProperty("blockNumber").GetUInt64() > 0);
    }

    [Fact]
    public async Task Status_NotYetCommitted_ExitsCommitPendingNamingTheTransaction()
    {
        var transactionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        var result = await network.RunAsync("--json", "tx", "status", transactionId, "--timeout", "1");

        Assert.Equal(ExitCodes.CommitPending, result.ExitCode);
        var error = result.ErrorJson();
        Assert.Equal("COMMIT_PENDING", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(transactionId, message, StringComparison.Ordinal);
        Assert.Contains("may still commit", message, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NotYetCommitted_HintsToAskAgainNotToRepeat()
    {
        var transactionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        var result = await network.RunAsync("tx", "status", transactionId, "--timeout", "1", "-i", "bob");

        Assert.Equal(ExitCodes.CommitPending, result.ExitCode);
        Assert.Contains($"hrec tx status {transactionId}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hrec network up", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NonPositiveTimeout_ExitsUsage()
    {
        var result = await network.RunAsync("tx", "status", "abc", "--timeout", "0", "-i", "alice");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }
}
