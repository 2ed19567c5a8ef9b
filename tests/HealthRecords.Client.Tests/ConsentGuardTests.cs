using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;
using HealthRecords.Client.Tests.Support;
using HealthRecords.Domain.Contracts;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace HealthRecords.Client.Tests;

/// <summary>
/// The guard's own checks, which run before it asks the ledger. The proposals are built and signed by the
/// real gateway client; the gateway points at a closed loopback port, so a query that passes every check
/// surfaces the transport failure. Ledger decisions are covered by the dev-network tests.
/// </summary>
public sealed class ConsentGuardTests : IDisposable
{
    private readonly TestCertificates _pki = new();
    private readonly IGateway _requesterGateway;
    private readonly ISigner _requesterSigner;
    private readonly IGateway _custodianGateway;

    public ConsentGuardTests()
    {
        var (requester, key) = _pki.Issue("dr-who@org2.example.com");
        _requesterSigner = Signers.FromPrivateKey(key);
        _requesterGateway = Connect(new X509Identity("Org2MSP", requester), _requesterSigner);
        var (custodian, custodianKey) = _pki.Issue("server@org1.example.com");
        _custodianGateway = Connect(new X509Identity("Org1MSP", custodian), Signers.FromPrivateKey(custodianKey));
    }

    public void Dispose()
    {
        _requesterGateway.Dispose();
        _custodianGateway.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task AuthorizeReadAsync_QueryForAnotherPatient_DeniesQueryMismatch()
    {
        var query = await NewQueryAsync("rec-" + new string('1', 40));

        var decision = await new ConsentGuard(_custodianGateway).AuthorizeReadAsync(query, "pat-0002", "rec-" + new string('1', 40), "treatment").WithTimeout();

        Assert.False(decision.Allowed);
        Assert.Equal("query-mismatch", decision.Reason);
        Assert.Equal("Org2MSP", decision.RequesterMspId);
        Assert.StartsWith("x509::CN=dr-who@org2.example.com", decision.RequesterId, StringComparison.Ordinal);
        Assert.Null(decision.Record);
    }

    [Fact]
    public async Task AuthorizeReadAsync_CheckAccessQuery_DeniesQueryMismatch()
    {
        // The old form of query: a signed CheckAccess leaves no access entry, so it no longer authorises content.
        using var client = new HealthRecordsClient(_requesterGateway.GetNetwork("healthchannel"));
        var proposal = client.Contract.NewProposal("CheckAccess", new ProposalOptions
        {
            Arguments = [HealthRecords.Domain.HealthRecordsJson.Serialize(new CheckAccessRequest(People.Patient, "read", "treatment", "rec-" + new string('1', 40)))],
        });
        var query = new AccessQuery(proposal.Bytes, await _requesterSigner.SignAsync(proposal.Digest).AsTask().WithTimeout());

        var decision = await new ConsentGuard(_custodianGateway).AuthorizeReadAsync(query, People.Patient, "rec-" + new string('1', 40), "treatment").WithTimeout();

        Assert.False(decision.Allowed);
        Assert.Equal("query-mismatch", decision.Reason);
    }

    [Fact]
    public async Task AuthorizeReadAsync_StaleQuery_DeniesQueryExpired()
    {
        var record = "rec-" + new string('1', 40);
        var query = await NewQueryAsync(record);
        var guard = new ConsentGuard(_custodianGateway, new ConsentGuardOptions { TimeProvider = new ShiftedTime(TimeSpan.FromMinutes(6)) });

        var decision = await guard.AuthorizeReadAsync(query, People.Patient, record, "treatment").WithTimeout();

        Assert.Equal("query-expired", decision.Reason);
    }

    [Fact]
    public async Task AuthorizeReadAsync_SignatureByAnotherKey_DeniesBadSignature()
    {
        var record = "rec-" + new string('1', 40);
        var (_, otherKey) = _pki.Issue("mallory@org2.example.com");
        var honest = await NewQueryAsync(record);
        var forged = honest with { Signature = await Signers.FromPrivateKey(otherKey).SignAsync(new byte[32]) };

        var decision = await new ConsentGuard(_custodianGateway).AuthorizeReadAsync(forged, People.Patient, record, "treatment").WithTimeout();

        Assert.Equal("bad-signature", decision.Reason);
    }

    [Fact]
    public async Task AuthorizeReadAsync_Garbage_DeniesInvalidQuery()
    {
        var decision = await new ConsentGuard(_custodianGateway)
            .AuthorizeReadAsync(new AccessQuery(new byte[] { 1, 2, 3 }, new byte[] { 4 }), People.Patient, "rec-" + new string('1', 40), "treatment").WithTimeout();

        Assert.Equal("invalid-query", decision.Reason);
    }

    [Fact]
    public async Task AuthorizeReadAsync_OtherChannel_DeniesQueryMismatch()
    {
        var record = "rec-" + new string('1', 40);
        var query = await NewQueryAsync(record);
        var guard = new ConsentGuard(_custodianGateway, new ConsentGuardOptions { Channel = "otherchannel" });

        var decision = await guard.AuthorizeReadAsync(query, People.Patient, record, "treatment").WithTimeout();

        Assert.Equal("query-mismatch", decision.Reason);
    }

    [Fact]
    public async Task AuthorizeReadAsync_ValidQueryUnreachableLedgerThenReplay_ThrowsGatewayThenDeniesReplay()
    {
        var record = "rec-" + new string('1', 40);
        var query = AccessQuery.Decode((await NewQueryAsync(record)).Encode());
        var guard = new ConsentGuard(_custodianGateway);

        var e = await Assert.ThrowsAsync<GatewayException>(() => guard.AuthorizeReadAsync(query, People.Patient, record, "treatment").WithTimeout());
        var replay = await guard.AuthorizeReadAsync(query, People.Patient, record, "treatment").WithTimeout();

        Assert.Equal(Grpc.Core.StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("query-replayed", replay.Reason);
    }

    [Fact]
    public async Task AuthorizeReadAsync_Denied_LogsDecisionWithReason()
    {
        var query = await NewQueryAsync("rec-" + new string('1', 40));
        var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        var guard = new ConsentGuard(_custodianGateway, new ConsentGuardOptions { LoggerFactory = factory });

        await guard.AuthorizeReadAsync(query, "pat-0002", "rec-" + new string('1', 40), "treatment").WithTimeout();

        var entry = Assert.Single(logs.Entries);
        Assert.Equal(2107, entry.EventId.Id);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains(new KeyValuePair<string, object?>("Outcome", "denied"), entry.Values);
        Assert.Contains(new KeyValuePair<string, object?>("Reason", "query-mismatch"), entry.Values);
        Assert.Contains(new KeyValuePair<string, object?>("RequesterMspId", "Org2MSP"), entry.Values);
        Assert.Contains("query-mismatch", entry.Message, StringComparison.Ordinal);
    }

    private async Task<AccessQuery> NewQueryAsync(string recordId)
    {
        using var client = new HealthRecordsClient(_requesterGateway.GetNetwork("healthchannel"));
        var access = new AccessEntry(
            "acc-" + new string('3', 40), People.Patient, [recordId], new ActorRef("Org2MSP", "x509::dr-who", "provider"), "treatment", "consent",
            null, false, null, DateTimeOffset.UtcNow, new string('4', 64), 1);
        return await client.CreateAccessQueryAsync(access, _requesterSigner).WithTimeout();
    }

    private static IGateway Connect(IIdentity identity, ISigner signer) => Gateway.Connect(new GatewayOptions
    {
        Identity = identity,
        Signer = signer,
        Endpoints = [new GatewayEndpoint { Address = "grpc://127.0.0.1:1" }],
        EvaluateTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
