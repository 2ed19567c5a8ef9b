using Fabric.CryptoGen;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Policies;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using TestSupport;

namespace Benchmarks.Suites.Internal;

/// <summary>
/// Writes a dev-network channel ledger of N committed transactions through the real ordering and
/// validation path: each transaction is created by Org1's client, endorsed (signed) by both
/// organisations' peers, ordered in blocks of 10, validated with every signature checked and
/// fsynced per block. The envelopes are built by <see cref="WriteOnlyTransaction"/>, independently of the network's own code.
/// </summary>
internal sealed class RecoveryLedgerGenerator
{
    public const string ChaincodeName = "healthrecords";
    private const string ChannelId = "healthchannel";

    private readonly (X509Identity Identity, ISigner Signer) _client;
    private readonly (X509Identity Identity, ISigner Signer)[] _endorsers;
    private readonly (X509Identity Identity, ISigner Signer) _orderer;
    private readonly IReadOnlyList<MspVerifier> _verifiers;

    public RecoveryLedgerGenerator(string cryptoDirectory)
    {
        var config = Fabric.CryptoGen.CryptoConfig.Load(Path.Combine(RepositoryPaths.Root, "network", "crypto-config.yaml"));
        var material = CryptoGenerator.Generate(config, cryptoDirectory);
        var org1 = material.Organizations.Single(o => o.MspId == "Org1MSP");
        var org2 = material.Organizations.Single(o => o.MspId == "Org2MSP");
        var orderer = material.Organizations.Single(o => o.IsOrdererOrg);
        _client = Load(org1.GetUser("User1").MspDirectory, org1.MspId);
        _endorsers = [Load(org1.Nodes[0].MspDirectory, org1.MspId), Load(org2.Nodes[0].MspDirectory, org2.MspId)];
        _orderer = Load(orderer.Nodes[0].MspDirectory, orderer.MspId);
        _verifiers = [MspDirectory.Load(org1.MspDirectory, org1.MspId).CreateVerifier(), MspDirectory.Load(org2.MspDirectory, org2.MspId).CreateVerifier()];
    }

    /// <summary>The channel options of the generated ledger (Fabric's test-network batch size of 10).</summary>
    public OrderedChannelOptions ChannelOptions(string dataDirectory) => new()
    {
        DataDirectory = dataDirectory,
        ChannelId = ChannelId,
        Organizations = _verifiers,
        OrdererIdentity = _orderer.Identity,
        OrdererSigner = _orderer.Signer,
        EndorsementPolicies = new Dictionary<string, EndorsementPolicy>
        {
            [ChaincodeName] = EndorsementPolicy.Parse("AND('Org1MSP.peer','Org2MSP.peer')"),
        },
        Batch = new BatchOptions { MaxMessageCount = 10, BatchTimeout = TimeSpan.FromMilliseconds(100) },
    };

    /// <summary>Commits <paramref name="transactions"/> transactions (each writes one of 10,000 patient keys); returns the last tx id.</summary>
    public async Task<string> GenerateAsync(string dataDirectory, int transactions, Action<int> progress, CancellationToken cancellationToken)
    {
        const int Chunk = 1000;
        var lastTxId = string.Empty;
        await using var channel = await OrderedChannel.OpenAsync(ChannelOptions(dataDirectory), cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < transactions; start += Chunk)
        {
            var count = Math.Min(Chunk, transactions - start);
            var built = await Task.WhenAll(Enumerable.Range(start, count).Select(i => Task.Run(
                () => BuildAsync($"patient-{i % 10_000:D5}", $"pointer {i}", cancellationToken), cancellationToken))).ConfigureAwait(false);
            foreach (var (envelope, _) in built)
            {
                await channel.Orderer.SubmitAsync(envelope, cancellationToken).ConfigureAwait(false);
            }

            lastTxId = built[^1].TxId;
            await channel.Ledger.WaitForCommitAsync(lastTxId, cancellationToken).ConfigureAwait(false);
            progress(start + count);
        }

        return lastTxId;
    }

    private Task<(Envelope Envelope, string TxId)> BuildAsync(string key, string value, CancellationToken cancellationToken) =>
        WriteOnlyTransaction.BuildAsync(
            ChannelId,
            ChaincodeName,
            new KVRWSet { Writes = { new KVWrite { Key = key, Value = ByteString.CopyFromUtf8(value) } } },
            ["put", key, value],
            _client,
            _endorsers,
            cancellationToken);

    private static (X509Identity Identity, ISigner Signer) Load(string mspDirectory, string mspId)
    {
        var msp = MspDirectory.Load(mspDirectory, mspId);
        return (msp.Identity, msp.CreateSigner());
    }
}
