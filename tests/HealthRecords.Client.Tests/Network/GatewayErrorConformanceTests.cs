using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;
using Fabric.DevNetwork;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// Every Gateway error case real Fabric 2.5.16 and 3.1.5 gave the official Node client
/// (../shared/fabric-reference/errors.json), made again on the dev network over real sockets: with the
/// official Node client 1.11.0 (tests/interop/devnet/gateway-errors.js), comparing error class, gRPC code,
/// message, details and cause; and with our C# client, comparing status code, status message and
/// per-endpoint details. Transaction ids, record ids and peer addresses are normalised as the reference's
/// README allows. A case of the file that is neither reproduced nor listed with a reason fails the test.
/// </summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class GatewayErrorConformanceTests(HealthRecordsNetworkFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Chaincode = "healthrecords";
    private const string AddRecordArgument = "<add-record>";
    private const string VitalSignsReadArgument = "<vital-signs-read>";
    private const string AliceQuery = "{\"patientId\":\"pt-alice\"}";

    /// <summary>Every case of errors.json the dev network reproduces, by case name (the texts are the same on 2.5.16 and 3.1.5).</summary>
    private static readonly Dictionary<string, GatewayErrorCase> Reproduced = new(StringComparer.Ordinal)
    {
        ["evaluate-unknown-function"] = new(CaseCaller.Org1Doctor, "evaluate", Chaincode, "NoSuchFunction") { Arguments = ["{}"] },
        ["evaluate-malformed-json-400"] = new(CaseCaller.Org1Doctor, "evaluate", Chaincode, "GetPatient") { Arguments = ["{not json"] },
        ["submit-malformed-json-400"] = new(CaseCaller.Org1Doctor, "submit", Chaincode, "AddRecord") { Arguments = ["{not json"] },
        ["evaluate-forbidden-403"] = new(CaseCaller.Org1Doctor, "evaluate", Chaincode, "CountResearchRecords") { Arguments = ["{}"] },
        ["submit-forbidden-403-emergency"] = new(CaseCaller.Org2Doctor, "submit", Chaincode, "EmergencyAccess")
        {
            Arguments = ["{\"patientId\":\"pt-alice\",\"reason\":\"capture\"}"],
        },
        // The captured chaincode (7b743da) named this function ReadRecord; ours names the same ReadRecordRequest function RequestAccess.
        // A vital-signs record of pt-alice, whose consent for Org2 covers only laboratory records:
        ["submit-forbidden-403-readrecord"] = new(CaseCaller.Org2Doctor, "submit", Chaincode, "RequestAccess") { Arguments = [VitalSignsReadArgument] },
        // the record id the capture used, which exists on no dev network ledger either
        ["submit-notfound-404-readrecord"] = new(CaseCaller.Org2Doctor, "submit", Chaincode, "RequestAccess")
        {
            Arguments = ["{\"recordId\":\"rec-77db8fa0a663cffc12e3810e296c4a593733be4f\",\"purpose\":\"treatment\"}"],
            ChaincodeWordingChanged = "our chaincode adds to the captured text where consent readers should go (\"… does not exist or is not visible to the caller; …\")",
        },
        ["submit-mvcc-getStatus"] = new(CaseCaller.Org1Doctor, "mvcc-status", Chaincode, "AddRecord") { Arguments = [AddRecordArgument] },
        ["submit-mvcc-CommitError"] = new(CaseCaller.Org1Doctor, "mvcc-submit", Chaincode, "AddRecord") { Arguments = [AddRecordArgument] },
        ["unknown-ca-evaluate-Org1MSP"] = new(CaseCaller.RogueClaimingOrg1, "evaluate", Chaincode, "GetHistoryRoot") { Arguments = [AliceQuery] },
        ["unknown-ca-submit-Org1MSP"] = new(CaseCaller.RogueClaimingOrg1, "submit", Chaincode, "AddRecord") { Arguments = [AddRecordArgument] },
        ["unknown-ca-evaluate-RogueMSP"] = new(CaseCaller.RogueClaimingRogueMsp, "evaluate", Chaincode, "GetHistoryRoot") { Arguments = [AliceQuery] },
        ["unknown-ca-submit-RogueMSP"] = new(CaseCaller.RogueClaimingRogueMsp, "submit", Chaincode, "AddRecord") { Arguments = [AddRecordArgument] },
        ["undefined-chaincode-evaluate"] = new(CaseCaller.Org1Doctor, "evaluate", "nosuchcc", "GetHistoryRoot") { Arguments = [AliceQuery] },
        ["undefined-chaincode-submit"] = new(CaseCaller.Org1Doctor, "submit", "nosuchcc", "AddRecord") { Arguments = [AddRecordArgument] },
        // A transaction id whose characters the Node client's protobuf reader skips as unknown fields but Go's (and ours) refuses as
        // malformed, as the capture's was: the client sends it, and the peer cannot parse it.
        ["commit-status-undecodable-request"] = new(CaseCaller.Org1Doctor, "commit-status-undecodable", Chaincode, "")
        {
            TransactionId = "23b894042e5853d82f4216b1aa9603a9717d66673cd2ed053b10a8cd8d41a906",
        },
        ["peer-identity-evaluate"] = new(CaseCaller.Org1PeerIdentity, "evaluate", Chaincode, "GetHistoryRoot") { Arguments = [AliceQuery] },
        ["peer-identity-submit"] = new(CaseCaller.Org1PeerIdentity, "submit", Chaincode, "AddRecord") { Arguments = [AddRecordArgument] },
        // the message after the code is the client library's deadline wording, not the peer's
        ["commit-status-unknown-txid"] = new(CaseCaller.Org1Doctor, "commit-status", Chaincode, "") { CodeOnly = true },
    };

    /// <summary>Cases of errors.json the dev network does not reproduce, each with the reason. None at present.</summary>
    private static readonly Dictionary<string, string> NotReproduced = new(StringComparer.Ordinal);

    /// <summary>Reproduced cases our C# client cannot make the same way, each with the reason.</summary>
    private static readonly Dictionary<string, string> NotMadeWithOurClient = new(StringComparer.Ordinal)
    {
        ["commit-status-undecodable-request"] =
            "our client parses the request inside the signed bytes and refuses undecodable ones before sending (ArgumentException from NewSignedCommit), so no call reaches the peer",
        ["submit-mvcc-CommitError"] =
            "both submits must reach the orderer before either peer commits; the Node run holds the peers' commits until its gRPC interceptor saw both Submit calls return, and our client's SubmitTransactionAsync gives no such point (submit-mvcc-getStatus covers the same conflict with our client)",
    };

    private readonly TemporaryDirectory _files = new();
    private readonly ECDsa _rogueKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private string _rogueCertificatePath = "";
    private string _rogueKeyPath = "";

    public static TheoryData<string> ReproducedCases => new(Reproduced.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> OurClientCases => new(Reproduced.Keys.Except(NotMadeWithOurClient.Keys).Order(StringComparer.Ordinal));

    public async Task InitializeAsync()
    {
        await fixture.SeedAsync();
        var request = new CertificateRequest("CN=rogue-user", _rogueKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var rogue = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        _rogueCertificatePath = Path.Combine(_files.Path, "rogue-cert.pem");
        _rogueKeyPath = Path.Combine(_files.Path, "rogue-key.pem");
        await File.WriteAllTextAsync(_rogueCertificatePath, rogue.ExportCertificatePem());
        await File.WriteAllTextAsync(_rogueKeyPath, _rogueKey.ExportPkcs8PrivateKeyPem());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _rogueKey.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void ErrorsJson_EveryCase_ReproducedOrListedWithAReason()
    {
        var cases = ReferenceCases().Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(cases);
        var unlisted = cases.Where(c => !Reproduced.ContainsKey(c) && !NotReproduced.ContainsKey(c)).ToList();
        var stale = Reproduced.Keys.Concat(NotReproduced.Keys).Where(c => !cases.Contains(c)).ToList();
        Assert.True(unlisted.Count == 0, "errors.json cases neither reproduced nor listed with a reason: " + string.Join(", ", unlisted));
        Assert.True(stale.Count == 0, "listed cases errors.json no longer has: " + string.Join(", ", stale));
        Assert.Empty(Reproduced.Keys.Intersect(NotReproduced.Keys));
        Assert.All(NotReproduced.Values.Concat(NotMadeWithOurClient.Values), reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
    }

    [Theory]
    [MemberData(nameof(ReproducedCases))]
    public async Task NodeClient_Case_SameErrorAsFabric(string name)
    {
        var spec = Reproduced[name];
        await fixture.SettleAsync();
        var call = await NodeCallAsync(name, spec);

        var outcomes = spec.Operation == "mvcc-submit" ? await RunNodeWithCommitsHeldAsync(call) : await RunNodeAsync(call);

        AssertSameAsFabric(name, spec, outcomes, compareMessage: !spec.CodeOnly);
    }

    [Theory]
    [MemberData(nameof(OurClientCases))]
    public async Task OurClient_Case_SameStatusAndDetailsAsFabric(string name)
    {
        var spec = Reproduced[name];
        await fixture.SettleAsync();

        var outcome = await RunOurClientAsync(spec);

        AssertSameAsFabric(name, spec, [outcome], compareMessage: false);
    }

    private static List<(string Version, string Name, JsonElement Json)> ReferenceCases()
    {
        var path = Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", "errors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => (c.GetProperty("fabricVersion").GetString()!, c.GetProperty("case").GetString()!, c.Clone()))
            .ToList();
    }

    /// <summary>Compares the outcomes with each Fabric version's entries of the case; entries and outcomes pair up by error class.</summary>
    private void AssertSameAsFabric(string name, GatewayErrorCase spec, IReadOnlyList<GatewayErrorOutcome> outcomes, bool compareMessage)
    {
        var differences = new List<string>();
        foreach (var version in ReferenceCases().Where(c => c.Name == name).GroupBy(c => c.Version, StringComparer.Ordinal))
        {
            var expected = version.Select(c => GatewayErrorOutcome.FromJson(c.Json)).OrderBy(o => o.ErrorClass, StringComparer.Ordinal).ToList();
            var actual = outcomes.OrderBy(o => o.ErrorClass, StringComparer.Ordinal).ToList();
            if (expected.Count != actual.Count)
            {
                differences.Add($"{version.Key}: {expected.Count} outcomes expected, {actual.Count} seen");
                continue;
            }

            for (var i = 0; i < expected.Count; i++)
            {
                differences.AddRange(Compare(expected[i], actual[i], spec, compareMessage).Select(d => $"{version.Key}: {d}"));
            }
        }

        Assert.True(differences.Count == 0, $"{name}:\n" + string.Join("\n", differences));
    }

    private IEnumerable<string> Compare(GatewayErrorOutcome expected, GatewayErrorOutcome actual, GatewayErrorCase spec, bool compareMessage)
    {
        if (expected.Ok != actual.Ok || expected.ErrorClass != actual.ErrorClass)
        {
            yield return $"outcome: expected {expected.ErrorClass ?? "success"}, got {actual.ErrorClass ?? "success"} ({actual.StatusDetail ?? actual.Message})";
            yield break;
        }

        if (expected.Statuses is { } statuses)
        {
            var want = statuses.Select(s => (s.Code, s.Successful)).Order().ToList();
            var got = (actual.Statuses ?? []).Select(s => (s.Code, s.Successful)).Order().ToList();
            if (!want.SequenceEqual(got))
            {
                yield return $"statuses: expected [{string.Join(", ", want)}], got [{string.Join(", ", got)}]";
            }

            if ((actual.Statuses ?? []).Select(s => s.TransactionId).Distinct(StringComparer.Ordinal).Count() != want.Count)
            {
                yield return "statuses: the transactions are not distinct";
            }

            yield break;
        }

        if (expected.GrpcCode != actual.GrpcCode)
        {
            yield return $"gRPC code: expected {expected.GrpcCode}, got {actual.GrpcCode} ({actual.StatusDetail})";
        }

        if (expected.CommitStatusCode != actual.CommitStatusCode)
        {
            yield return $"commit status code: expected {expected.CommitStatusCode}, got {actual.CommitStatusCode}";
        }

        if (!string.IsNullOrEmpty(expected.TransactionId) && string.IsNullOrEmpty(actual.TransactionId))
        {
            yield return "transaction id: expected one, got none";
        }

        if (spec.CodeOnly)
        {
            yield break;
        }

        var wantDetails = string.Join("\n", expected.Details.Select(d => $"{Fabric(d.Address)} | {d.MspId} | {Fabric(d.Message)}"));
        var gotDetails = string.Join("\n", actual.Details.Select(d => $"{Ours(d.Address)} | {d.MspId} | {Ours(d.Message)}"));
        foreach (var (field, want, got) in new[]
        {
            ("message", compareMessage ? Fabric(expected.Message) : "", compareMessage ? Ours(actual.Message) : ""),
            ("status detail", Fabric(expected.StatusDetail), Ours(actual.StatusDetail)),
            ("details", wantDetails, spec.ChaincodeWordingChanged is not null && gotDetails.StartsWith(wantDetails.TrimEnd('.'), StringComparison.Ordinal) ? wantDetails : gotDetails),
        })
        {
            if (want != got)
            {
                yield return $"{field}:\n  expected: {want}\n  got:      {got}";
            }
        }
    }

    private static string Fabric(string? text) => GatewayErrorText.Normalise(text, GatewayErrorText.FabricPeerOrganisation);

    private string Ours(string? text) =>
        GatewayErrorText.Normalise(text, port => fixture.Network.Peers.FirstOrDefault(p => p.Port == port)?.MspId);

    private async Task<Dictionary<string, object?>> NodeCallAsync(string name, GatewayErrorCase spec)
    {
        var (peer, mspId, certPath, keyPath) = Caller(spec.Caller);
        return new Dictionary<string, object?>
        {
            ["id"] = name,
            ["url"] = peer.Url,
            ["tlsCaPath"] = peer.UsesTls ? peer.TlsCaCertificatePath : null,
            ["hostOverride"] = peer.UsesTls ? peer.Name : null,
            ["mspId"] = mspId,
            ["certPath"] = certPath,
            ["keyPath"] = keyPath,
            ["channel"] = fixture.Network.ChannelId,
            ["chaincode"] = spec.Chaincode,
            ["op"] = spec.Operation,
            ["fn"] = spec.Function,
            ["args"] = await ArgumentsAsync(spec),
            ["txId"] = spec.TransactionId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            ["deadlineMs"] = spec.DeadlineMs,
        };
    }

    private async Task<IReadOnlyList<GatewayErrorOutcome>> RunNodeAsync(Dictionary<string, object?> call)
    {
        var path = WriteCalls(call);
        var output = await NodeInterop.RunAsync("devnet/gateway-errors.js", [path], TestTimeouts.Long * 2);
        return ParseNodeOutput(output);
    }

    /// <summary>
    /// Holds every peer's commits while the Node client's two concurrent submitTransaction calls endorse and
    /// submit, so both read the same committed history: the script prints "submitted 2" once both Submit calls
    /// have returned, and only then do the peers commit, the second transaction as MVCC_READ_CONFLICT.
    /// </summary>
    private async Task<IReadOnlyList<GatewayErrorOutcome>> RunNodeWithCommitsHeldAsync(Dictionary<string, object?> call)
    {
        var path = WriteCalls(call);
        var faults = fixture.Network.Peers.Select(p => fixture.Network.GetCommitFaults(p.Name)).ToList();
        faults.ForEach(f => f.Pause());
        await using var node = NodeProcess.Start("devnet/gateway-errors.js", [path]);
        try
        {
            node.Input.Close();
            await node.WaitForLineAsync(l => l.Trim() == "submitted 2", TestTimeouts.Long);
        }
        finally
        {
            faults.ForEach(f => f.Resume());
        }

        return ParseNodeOutput(await node.WaitForSuccessAsync(TestTimeouts.Long));
    }

    private string WriteCalls(Dictionary<string, object?> call)
    {
        var path = Path.Combine(_files.Path, $"calls-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new[] { call }));
        return path;
    }

    private static List<GatewayErrorOutcome> ParseNodeOutput(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("outcomes").EnumerateArray().Select(GatewayErrorOutcome.FromJson).ToList();
    }

    private async Task<GatewayErrorOutcome> RunOurClientAsync(GatewayErrorCase spec)
    {
        var (peer, mspId, certPath, keyPath) = Caller(spec.Caller);
        var signer = Signers.FromPemFile(keyPath);
        var identity = X509Identity.FromPemFile(mspId, certPath);
        using var gateway = Gateway.Connect(new GatewayOptions
        {
            Identity = identity,
            Signer = signer,
            Endpoints = [fixture.Profile.GetEndpoints(null, peer.Name)[0]],
            EvaluateTimeout = TestTimeouts.Long,
            EndorseTimeout = TestTimeouts.Long,
            SubmitTimeout = TestTimeouts.Long,
            CommitStatusTimeout = TestTimeouts.Long,
        });
        var network = gateway.GetNetwork(fixture.Network.ChannelId);
        var contract = network.GetContract(spec.Chaincode);
        var arguments = (await ArgumentsAsync(spec)).ToArray();
        var deadline = GatewayCallOptions.WithTimeout(TimeSpan.FromMilliseconds(spec.DeadlineMs));
        try
        {
            switch (spec.Operation)
            {
                case "evaluate":
                    await contract.EvaluateTransactionAsync(spec.Function, arguments, CancellationToken.None).WithTimeout(TestTimeouts.Long * 2);
                    break;
                case "submit":
                    await contract.SubmitTransactionAsync(spec.Function, arguments, CancellationToken.None).WithTimeout(TestTimeouts.Long * 2);
                    break;
                case "commit-status":
                    await network.GetTransactionStatusAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), deadline).WithTimeout();
                    break;
                case "mvcc-status":
                    return await EndorseBothThenSubmitAsync(contract, spec.Function, arguments);
                default:
                    throw new InvalidOperationException($"operation {spec.Operation} is not made with our client");
            }

            return new GatewayErrorOutcome { Ok = true };
        }
        catch (Exception error) when (error is GatewayException or CommitException)
        {
            return GatewayErrorOutcome.FromException(error);
        }
    }

    private static async Task<GatewayErrorOutcome> EndorseBothThenSubmitAsync(IContract contract, string function, string[] arguments)
    {
        var options = new ProposalOptions().WithArguments(arguments);
        var first = await contract.NewProposal(function, options).EndorseAsync().WithTimeout();
        var second = await contract.NewProposal(function, options).EndorseAsync().WithTimeout();
        var submitted = await Task.WhenAll(first.SubmitAsync(), second.SubmitAsync()).WithTimeout();
        var statuses = await Task.WhenAll(submitted.Select(s => s.GetStatusAsync())).WithTimeout();
        return new GatewayErrorOutcome
        {
            Ok = true,
            Statuses = statuses.Select(s => ((int)s.Code, s.Successful, s.TransactionId)).ToList(),
        };
    }

    private (PeerInfo Peer, string MspId, string CertificatePath, string KeyPath) Caller(CaseCaller caller)
    {
        var org1 = fixture.Network.Peers.First(p => p.MspId == "Org1MSP");
        var org2 = fixture.Network.Peers.First(p => p.MspId == "Org2MSP");
        switch (caller)
        {
            case CaseCaller.Org1Doctor:
            case CaseCaller.Org2Doctor:
                var identity = fixture.Profile.Identities[caller == CaseCaller.Org1Doctor ? "hospital-doctor" : "clinic-doctor"];
                return (caller == CaseCaller.Org1Doctor ? org1 : org2, identity.MspId, identity.CertificatePath, identity.KeyPath!);
            case CaseCaller.RogueClaimingOrg1:
                return (org1, "Org1MSP", _rogueCertificatePath, _rogueKeyPath);
            case CaseCaller.RogueClaimingRogueMsp:
                return (org1, "RogueMSP", _rogueCertificatePath, _rogueKeyPath);
            default:
                var node = fixture.Network.Crypto.GetOrganization("Org1MSP").Nodes[0];
                return (org1, "Org1MSP", node.SigningCertificatePath, node.PrivateKeyPath);
        }
    }

    private async Task<string[]> ArgumentsAsync(GatewayErrorCase spec)
    {
        var arguments = new List<string>();
        foreach (var argument in spec.Arguments)
        {
            arguments.Add(argument switch
            {
                AddRecordArgument => JsonSerializer.Serialize(NewRecord("laboratory"), HealthRecordsJson.Options),
                VitalSignsReadArgument => $"{{\"recordId\":\"{await AddVitalSignsRecordAsync()}\",\"purpose\":\"treatment\"}}",
                _ => argument,
            });
        }

        return [.. arguments];
    }

    private async Task<string> AddVitalSignsRecordAsync()
    {
        using var doctor = fixture.Client("hospital-doctor");
        var added = await doctor.AddRecordAsync(NewRecord("vital-signs")).WithTimeout();
        await fixture.SettleAsync();
        return added.Record.RecordId;
    }

    private static AddRecordRequest NewRecord(string category)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return new(HealthRecordsNetworkFixture.Alice, "Observation", category, $"https://fhir.org1.example.com/Observation/conformance-{id}",
            Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))), 100, "application/fhir+json");
    }
}
