using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;
using DeliverResponse = Hyperledger.Fabric.Protos.Peer.DeliverResponse;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>
/// A hand-built client of a peer's <c>protos.Deliver</c> service: it signs DELIVER_SEEK_INFO envelopes
/// itself, from the wire schema only, so tests can bend any field (timestamp, channel, signature).
/// </summary>
public sealed class RawDeliverClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Hyperledger.Fabric.Protos.Peer.Deliver.DeliverClient _deliver;
    private readonly ISigner _signer;
    private readonly ByteString _creator;
    private readonly string _channelId;

    /// <summary>A client signing as a named user of an organisation; by default its admin, whom the Readers policy admits to whole blocks.</summary>
    public RawDeliverClient(DevNetwork network, string peerName, string user = "Admin", string mspId = "Org1MSP")
        : this(network, peerName, mspId, network.Crypto.GetOrganization(mspId).GetUser(user).SigningCertificatePath, network.Crypto.GetOrganization(mspId).GetUser(user).PrivateKeyPath)
    {
    }

    /// <summary>A client signing with any identity (a peer's or an orderer organisation's, for example).</summary>
    public RawDeliverClient(DevNetwork network, string peerName, string mspId, string certificatePath, string privateKeyPath)
    {
        _creator = ByteString.CopyFrom(X509Identity.FromPemFile(mspId, certificatePath).ToSerializedIdentity());
        _signer = Signers.FromPemFile(privateKeyPath);
        _channelId = network.ChannelId;
        _channel = RawGatewayClient.CreateChannel(network.Peers.Single(p => p.Name == peerName));
        _deliver = new(_channel);
    }

    public enum Call
    {
        Deliver,
        Filtered,
        WithPrivateData,
    }

    public static SeekPosition Oldest => new() { Oldest = new SeekOldest() };

    public static SeekPosition Newest => new() { Newest = new SeekNewest() };

    public static SeekPosition At(ulong number) => new() { Specified = new SeekSpecified { Number = number } };

    public static SeekInfo Seek(SeekPosition? start, SeekPosition? stop, SeekInfo.Types.SeekBehavior behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady) =>
        new() { Start = start, Stop = stop, Behavior = behavior };

    /// <summary>A signed seek request; <paramref name="edit"/> bends the channel header before signing.</summary>
    public Envelope Request(SeekInfo seek, Action<ChannelHeader>? edit = null, bool badSignature = false)
    {
        var header = new ChannelHeader
        {
            Type = (int)HeaderType.DeliverSeekInfo,
            ChannelId = _channelId,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
        };
        edit?.Invoke(header);
        var signatureHeader = new SignatureHeader { Creator = _creator, Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) };
        var payload = new Payload
        {
            Header = new Header { ChannelHeader = header.ToByteString(), SignatureHeader = signatureHeader.ToByteString() },
            Data = seek.ToByteString(),
        }.ToByteString();
        var signed = badSignature ? ByteString.CopyFromUtf8("not the payload") : payload;
        var signature = _signer.SignAsync(SHA256.HashData(signed.Span)).AsTask().GetAwaiter().GetResult();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(signature) };
    }

    /// <summary>Opens a stream of <paramref name="call"/> with a deadline.</summary>
    public AsyncDuplexStreamingCall<Envelope, DeliverResponse> Open(Call call = Call.Deliver, TimeSpan? timeout = null)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow + (timeout ?? TestSupport.TestTimeouts.Long));
        return call switch
        {
            Call.Filtered => _deliver.DeliverFiltered(options),
            Call.WithPrivateData => _deliver.DeliverWithPrivateData(options),
            _ => _deliver.Deliver(options),
        };
    }

    /// <summary>Sends one request on a new stream and reads to its status.</summary>
    public async Task<(List<DeliverResponse> Blocks, Status Status)> DeliverAsync(Envelope request, Call call = Call.Deliver)
    {
        using var stream = Open(call);
        await stream.RequestStream.WriteAsync(request);
        var result = await ReadToStatusAsync(stream.ResponseStream);
        await stream.RequestStream.CompleteAsync();
        return result;
    }

    /// <summary>Reads the responses of one request: blocks, then its status.</summary>
    public static async Task<(List<DeliverResponse> Blocks, Status Status)> ReadToStatusAsync(IAsyncStreamReader<DeliverResponse> responses)
    {
        var blocks = new List<DeliverResponse>();
        while (await responses.MoveNext())
        {
            if (responses.Current.TypeCase == DeliverResponse.TypeOneofCase.Status)
            {
                return (blocks, responses.Current.Status);
            }

            blocks.Add(responses.Current);
        }

        throw new InvalidOperationException($"the stream ended without a status after {blocks.Count} blocks");
    }

    public void Dispose() => _channel.Dispose();
}
