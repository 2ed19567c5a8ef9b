using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace TestSupport;

/// <summary>
/// Builds proposals the way a Fabric client does, from the wire schema only, so that tests share no
/// code with the gateway client or the dev network they check.
/// </summary>
public static class ProposalBuilder
{
    /// <summary>
    /// A proposal from <paramref name="creator"/> (a serialized identity) calling <paramref name="chaincodeName"/>
    /// with <paramref name="args"/> (the function name first); the tx id is SHA-256(nonce ‖ creator) as in Fabric.
    /// </summary>
    public static BuiltProposal Create(byte[] creator, string channelId, string chaincodeName, IEnumerable<string> args, ProposalBuildOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(creator);
        options ??= new ProposalBuildOptions();
        var nonce = options.Nonce ?? RandomNumberGenerator.GetBytes(24);
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator]));
        // Fabric's protoutil puts the chaincode header extension both in the channel header and on the proposal.
        var extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincodeName } }.ToByteString();
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTimeOffset(options.Timestamp ?? DateTimeOffset.UtcNow),
            Extension = extension,
        };
        options.EditHeader?.Invoke(channelHeader);
        var spec = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = chaincodeName }, Input = Input(args) },
        };
        options.EditSpec?.Invoke(spec);
        var payload = new ChaincodeProposalPayload { Input = spec.ToByteString() };
        foreach (var (key, value) in options.Transient ?? new Dictionary<string, byte[]>())
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var proposal = new Proposal
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
            }.ToByteString(),
            Payload = payload.ToByteString(),
            Extension = extension,
        }.ToByteString();
        var signed = new SignedProposal { ProposalBytes = proposal };
        if (options.Signer is { } signer)
        {
            signed.Signature = ByteString.CopyFrom(signer.SignAsync(SHA256.HashData(proposal.Span)).AsTask().WaitAsync(TestTimeouts.Short).GetAwaiter().GetResult());
        }

        return new BuiltProposal(signed, txId, nonce);
    }

    /// <summary>The chaincode input for <paramref name="args"/>, each UTF-8 encoded.</summary>
    public static ChaincodeInput Input(IEnumerable<string> args)
    {
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        return input;
    }
}

/// <summary>What <see cref="ProposalBuilder.Create"/> varies; every member is optional.</summary>
public sealed record ProposalBuildOptions
{
    /// <summary>Signs the proposal bytes' SHA-256; <see langword="null"/> leaves the proposal unsigned (the chaincode never checks it).</summary>
    public ISigner? Signer { get; init; }

    /// <summary>The nonce; random (24 bytes) when <see langword="null"/>.</summary>
    public byte[]? Nonce { get; init; }

    /// <summary>The channel header's timestamp; now when <see langword="null"/>.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The proposal payload's transient map.</summary>
    public IReadOnlyDictionary<string, byte[]>? Transient { get; init; }

    /// <summary>Bends the channel header before it is serialized, for tests of what a peer refuses.</summary>
    public Action<ChannelHeader>? EditHeader { get; init; }

    /// <summary>Bends the invocation spec before it is serialized.</summary>
    public Action<ChaincodeInvocationSpec>? EditSpec { get; init; }
}

/// <summary>A built proposal, its transaction id and the nonce it was built with.</summary>
public sealed record BuiltProposal(SignedProposal Proposal, string TxId, byte[] Nonce);
