using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>What a stub needs from a signed proposal, decoded once per transaction.</summary>
internal sealed class ProposalDetails
{
    private static readonly IReadOnlyDictionary<string, byte[]> Empty = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    private readonly ByteString _nonce;
    private readonly ulong _epoch;
    private byte[]? _binding;

    private ProposalDetails(byte[] creator, IReadOnlyDictionary<string, byte[]> transient, ByteString nonce, ulong epoch, DateTimeOffset timestamp)
    {
        Creator = creator;
        Transient = transient;
        _nonce = nonce;
        _epoch = epoch;
        Timestamp = timestamp;
    }

    public static ProposalDetails None { get; } = new([], Empty, ByteString.Empty, 0, DateTimeOffset.UnixEpoch) { _binding = [] };

    public byte[] Creator { get; }

    public IReadOnlyDictionary<string, byte[]> Transient { get; }

    /// <summary>Hashed on first use: few functions read the binding, and every transaction would pay for it.</summary>
    public byte[] Binding => _binding ??= ComputeBinding(_nonce.Span, Creator, _epoch);

    public DateTimeOffset Timestamp { get; }

    /// <summary>Decodes the proposal the way the official shims do; throws <see cref="FormatException"/> on bad input.</summary>
    public static ProposalDetails Decode(SignedProposal? signedProposal)
    {
        if (signedProposal is null)
        {
            return None;
        }

        try
        {
            var proposal = Proposal.Parser.ParseFrom(signedProposal.ProposalBytes);
            if (proposal.Header.IsEmpty)
            {
                throw new FormatException("failed to extract Proposal fields: proposal header is empty");
            }

            var header = Header.Parser.ParseFrom(proposal.Header);
            var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
            if (channelHeader.Type != (int)HeaderType.EndorserTransaction && channelHeader.Type != (int)HeaderType.Config)
            {
                throw new FormatException($"invalid channel header type {channelHeader.Type}: expected ENDORSER_TRANSACTION or CONFIG");
            }

            var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
            var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
            var transient = payload.TransientMap.Count == 0 ? Empty : payload.TransientMap.ToDictionary(e => e.Key, e => e.Value.ToByteArray(), StringComparer.Ordinal);
            var creator = signatureHeader.Creator.ToByteArray();
            var timestamp = channelHeader.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
            return new ProposalDetails(creator, transient, signatureHeader.Nonce, channelHeader.Epoch, timestamp);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FormatException("failed to decode the signed proposal: " + e.Message, e);
        }
    }

    /// <summary>SHA-256(nonce || creator || epoch as 8 little-endian bytes), as Fabric computes it.</summary>
    public static byte[] ComputeBinding(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator, ulong epoch)
    {
        var buffer = new byte[nonce.Length + creator.Length + 8];
        nonce.CopyTo(buffer);
        creator.CopyTo(buffer.AsSpan(nonce.Length));
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(nonce.Length + creator.Length), epoch);
        return SHA256.HashData(buffer);
    }
}
