using HealthRecords.Domain.Contracts;
using TestSupport;

namespace EndToEnd.Tests.Infrastructure;

/// <summary>
/// Waiting until every organisation's peer has committed a transaction. A submit returns once the peer of
/// the submitter's gateway committed it; a read through another organisation's gateway may reach a peer that
/// has not committed that block yet (31 ms later on Fabric 3.1.5 with BFT ordering). Each gateway's commit
/// status comes from its own peer, so asking every organisation's gateway is the condition to wait for.
/// </summary>
public static class PeerCommits
{
    /// <summary>One identity per organisation whose gateway (and so whose peer) the suite reads through.</summary>
    private static readonly string[] Readers = [Scenario.HospitalDoctor, Scenario.ClinicDoctor];

    /// <summary>Waits until each organisation's peer has committed <paramref name="transactionId"/> as valid.</summary>
    /// <param name="network">The suite's network.</param>
    /// <param name="transactionId">A transaction the caller saw commit through one gateway.</param>
    public static async Task WaitForAllPeersAsync(this NetworkFixture network, string transactionId)
    {
        foreach (var reader in Readers)
        {
            var gateway = network.Client(reader).Gateway ?? throw new InvalidOperationException("the client does not own a gateway");
            var status = await gateway.GetNetwork(network.Profile.Channel ?? "healthchannel").GetTransactionStatusAsync(transactionId).WithTimeout();
            Assert.True(status.Successful, $"transaction {transactionId} committed as {status.Code} at {reader}'s peer");
        }
    }

    /// <summary>The transaction that last changed <paramref name="consent"/> (its revocation, else its grant).</summary>
    public static string LastTransactionId(this Consent consent) => consent.Revocation?.TxId ?? consent.TxId;
}
