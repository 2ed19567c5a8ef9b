using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;
using RwVersion = Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset.Version;

namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>
/// Builds signed endorser-transaction envelopes the way a Fabric client and peers would, written
/// independently for these tests (the dev network's own parsing is what is under test).
/// </summary>
public sealed class TestTransaction
{
    public const string Channel = "healthchannel";
    public const string Chaincode = "healthrecords";

    public TestTransaction(SigningIdentity creator, params SigningIdentity[] endorsers)
    {
        Creator = creator;
        Endorsers = [.. endorsers];
    }

    public SigningIdentity Creator { get; set; }

    public List<SigningIdentity> Endorsers { get; }

    public string ChannelId { get; set; } = Channel;

    public string ChaincodeName { get; set; } = Chaincode;

    public KVRWSet RwSet { get; } = new();

    /// <summary>Reads in other namespaces (for example <c>_lifecycle</c>), emitted in sorted order beside <see cref="RwSet"/>, as Fabric's peer does.</summary>
    public SortedDictionary<string, KVRWSet> OtherNamespaces { get; } = new(StringComparer.Ordinal);

    public ChaincodeEvent? Event { get; set; }

    /// <summary>Fixed nonce (to reproduce a tx id); random when null.</summary>
    public byte[]? Nonce { get; set; }

    /// <summary>Sign the envelope with this identity instead of the creator (a forged creator signature).</summary>
    public SigningIdentity? EnvelopeSigner { get; set; }

    /// <summary>
    /// Carry endorsements made for another proposal (another header and tx id), as a client that wraps
    /// someone else's endorsed but never submitted proposal in a header of its own would.
    /// </summary>
    public bool EndorsementsForAnotherProposal { get; set; }

    /// <summary>Change the write set after the endorsers signed (a tampered endorsement).</summary>
    public Action<KVRWSet>? TamperAfterEndorsement { get; set; }

    public TestTransaction Read(string key, (ulong Block, ulong Tx)? version)
    {
        RwSet.Reads.Add(new KVRead { Key = key, Version = version is { } v ? new RwVersion { BlockNum = v.Block, TxNum = v.Tx } : null });
        return this;
    }

    public TestTransaction ReadIn(string ns, string key, (ulong Block, ulong Tx)? version)
    {
        if (!OtherNamespaces.TryGetValue(ns, out var set))
        {
            OtherNamespaces[ns] = set = new KVRWSet();
        }

        set.Reads.Add(new KVRead { Key = key, Version = version is { } v ? new RwVersion { BlockNum = v.Block, TxNum = v.Tx } : null });
        return this;
    }

    public TestTransaction Write(string key, string value)
    {
        RwSet.Writes.Add(new KVWrite { Key = key, Value = ByteString.CopyFromUtf8(value) });
        return this;
    }

    public TestTransaction WriteMetadata(string key, string name, ByteString value)
    {
        RwSet.MetadataWrites.Add(new KVMetadataWrite { Key = key, Entries = { new KVMetadataEntry { Name = name, Value = value } } });
        return this;
    }

    public TestTransaction Delete(string key)
    {
        RwSet.Writes.Add(new KVWrite { Key = key, IsDelete = true });
        return this;
    }

    public TestTransaction RangeRead(string start, string end, bool exhausted, params (string Key, ulong Block, ulong Tx)[] reads)
    {
        var raw = new QueryReads();
        raw.KvReads.AddRange(reads.Select(r => new KVRead { Key = r.Key, Version = new RwVersion { BlockNum = r.Block, TxNum = r.Tx } }));
        RwSet.RangeQueriesInfo.Add(new RangeQueryInfo { StartKey = start, EndKey = end, ItrExhausted = exhausted, RawReads = raw });
        return this;
    }

    public async Task<(Envelope Envelope, string TxId)> BuildAsync()
    {
        var nonce = Nonce ?? RandomNumberGenerator.GetBytes(24);
        var creator = Creator.Identity.ToSerializedIdentity();
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator]));
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = ChannelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = ChaincodeName } }.ToByteString(),
        };
        var signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) };
        var proposalPayload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec
            {
                ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = ChaincodeName }, Input = new ChaincodeInput { Args = { ByteString.CopyFromUtf8("test") } } },
            }.ToByteString(),
        }.ToByteString();
        (ByteString ChannelHeader, ByteString SignatureHeader) endorsedHeader = EndorsementsForAnotherProposal
            ? AnotherProposalHeader(channelHeader, creator)
            : (channelHeader.ToByteString(), signatureHeader.ToByteString());
        var proposalHash = ProposalHash(endorsedHeader.ChannelHeader, endorsedHeader.SignatureHeader, proposalPayload);
        var endorsedPayload = ResponsePayload(RwSet, proposalHash);
        var endorsements = new List<Endorsement>();
        foreach (var endorser in Endorsers)
        {
            var endorserBytes = endorser.Identity.ToSerializedIdentity();
            var signature = await endorser.Signer.SignAsync(SHA256.HashData([.. endorsedPayload.ToByteArray(), .. endorserBytes]));
            endorsements.Add(new Endorsement { Endorser = ByteString.CopyFrom(endorserBytes), Signature = ByteString.CopyFrom(signature) });
        }

        var carriedPayload = endorsedPayload;
        if (TamperAfterEndorsement is not null)
        {
            var tampered = RwSet.Clone();
            TamperAfterEndorsement(tampered);
            carriedPayload = ResponsePayload(tampered, proposalHash);
        }

        var action = new ChaincodeEndorsedAction { ProposalResponsePayload = carriedPayload };
        action.Endorsements.AddRange(endorsements);
        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction
        {
            Header = signatureHeader.ToByteString(),
            Payload = new ChaincodeActionPayload { ChaincodeProposalPayload = proposalPayload, Action = action }.ToByteString(),
        });
        var payload = new Payload
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() },
            Data = transaction.ToByteString(),
        };
        var payloadBytes = payload.ToByteString();
        var envelopeSigner = (EnvelopeSigner ?? Creator).Signer;
        var envelopeSignature = await envelopeSigner.SignAsync(SHA256.HashData(payloadBytes.Span));
        return (new Envelope { Payload = payloadBytes, Signature = ByteString.CopyFrom(envelopeSignature) }, txId);
    }

    private static (ByteString ChannelHeader, ByteString SignatureHeader) AnotherProposalHeader(ChannelHeader ours, byte[] creator)
    {
        var nonce = RandomNumberGenerator.GetBytes(24);
        var other = ours.Clone();
        other.TxId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator]));
        return (other.ToByteString(), new SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) }.ToByteString());
    }

    /// <summary>Fabric's proposal hash: SHA-256 of channel header || signature header || proposal payload.</summary>
    private static ByteString ProposalHash(ByteString channelHeader, ByteString signatureHeader, ByteString proposalPayload) =>
        ByteString.CopyFrom(SHA256.HashData([.. channelHeader.Span, .. signatureHeader.Span, .. proposalPayload.Span]));

    private ByteString ResponsePayload(KVRWSet rwSet, ByteString proposalHash)
    {
        var results = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        var namespaces = new SortedDictionary<string, KVRWSet>(OtherNamespaces, StringComparer.Ordinal) { [ChaincodeName] = rwSet };
        results.NsRwset.AddRange(namespaces.Select(ns => new NsReadWriteSet { Namespace = ns.Key, Rwset = ns.Value.ToByteString() }));
        var chaincodeAction = new ChaincodeAction
        {
            Results = results.ToByteString(),
            Events = Event?.ToByteString() ?? ByteString.Empty,
            Response = new Response { Status = 200 },
            ChaincodeId = new ChaincodeID { Name = ChaincodeName, Version = "1.0" },
        };
        return new ProposalResponsePayload
        {
            ProposalHash = proposalHash,
            Extension = chaincodeAction.ToByteString(),
        }.ToByteString();
    }
}
