using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;
using TestSupport;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Tests.Network.Support;

/// <summary>
/// A hand-built client of the orderer's <c>orderer.AtomicBroadcast</c> service (Broadcast and Deliver),
/// from the wire schema only, signing as any identity, so tests can bend any field.
/// </summary>
public sealed class RawOrdererClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AtomicBroadcast.AtomicBroadcastClient _client;
    private readonly ISigner _signer;
    private readonly string _channelId;

    /// <summary>A client signing as a user of <paramref name="mspId"/> (User1 of Org1 by default).</summary>
    /// <summary>A client signing as a named user; by default Org1's admin, since the orderer's Deliver checks /Channel/Readers (admins and peers).</summary>
    public RawOrdererClient(DevNetwork network, string user = "Admin", string mspId = "Org1MSP")
        : this(network, mspId, network.Crypto.GetOrganization(mspId).GetUser(user).SigningCertificatePath, network.Crypto.GetOrganization(mspId).GetUser(user).PrivateKeyPath)
    {
    }

    /// <summary>A client signing with any identity (a peer's, or the orderer organisation's admin).</summary>
    public RawOrdererClient(DevNetwork network, string mspId, string certificatePath, string privateKeyPath)
    {
        Creator = ByteString.CopyFrom(X509Identity.FromPemFile(mspId, certificatePath).ToSerializedIdentity());
        _signer = Signers.FromPemFile(privateKeyPath);
        _channelId = network.ChannelId;
        var orderer = network.Orderer;
        var ca = X509CertificateLoader.LoadCertificateFromFile(orderer.TlsCaCertificatePath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = orderer.Name,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => TestTls.ChainsTo(certificate, ca),
            },
        };
        _channel = GrpcChannel.ForAddress(orderer.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true, MaxReceiveMessageSize = null });
        _client = new(_channel);
    }

    public ByteString Creator { get; }

    public static SeekInfo Seek(SeekPosition start, SeekPosition stop, SeekInfo.Types.SeekBehavior behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady) =>
        new() { Start = start, Stop = stop, Behavior = behavior };

    public ByteString Sign(ByteString message) => ByteString.CopyFrom(_signer.SignAsync(SHA256.HashData(message.Span)).AsTask().GetAwaiter().GetResult());

    /// <summary>A signed DELIVER_SEEK_INFO request.</summary>
    public Envelope SeekRequest(SeekInfo seek)
    {
        var payload = Payload(HeaderType.DeliverSeekInfo, _channelId, seek.ToByteString());
        return new Envelope { Payload = payload, Signature = Sign(payload) };
    }

    /// <summary>A signed envelope of <paramref name="type"/> on <paramref name="channelId"/> (this channel by default) carrying <paramref name="data"/>.</summary>
    public Envelope Signed(HeaderType type, ByteString data, string? channelId = null)
    {
        var payload = Payload(type, channelId ?? _channelId, data);
        return new Envelope { Payload = payload, Signature = Sign(payload) };
    }

    /// <summary>Sends one seek request on a new Deliver stream and reads to its status.</summary>
    public async Task<(List<Block> Blocks, Status Status)> DeliverAsync(Envelope request)
    {
        using var stream = _client.Deliver(new CallOptions(deadline: DateTime.UtcNow + TestTimeouts.Long));
        await stream.RequestStream.WriteAsync(request);
        var blocks = new List<Block>();
        while (await stream.ResponseStream.MoveNext())
        {
            if (stream.ResponseStream.Current.TypeCase == DeliverResponse.TypeOneofCase.Status)
            {
                await stream.RequestStream.CompleteAsync();
                return (blocks, stream.ResponseStream.Current.Status);
            }

            blocks.Add(stream.ResponseStream.Current.Block);
        }

        throw new InvalidOperationException($"the Deliver stream ended without a status after {blocks.Count} blocks");
    }

    /// <summary>Broadcasts <paramref name="envelopes"/> on one stream; returns a response per envelope the orderer answered, then whether the stream ended.</summary>
    public async Task<(List<BroadcastResponse> Responses, bool Ended)> BroadcastAsync(params Envelope[] envelopes)
    {
        using var stream = _client.Broadcast(new CallOptions(deadline: DateTime.UtcNow + TestTimeouts.Long));
        var responses = new List<BroadcastResponse>();
        foreach (var envelope in envelopes)
        {
            try
            {
                await stream.RequestStream.WriteAsync(envelope);
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException)
            {
                // the orderer ended the stream after a refusal
                break;
            }

            if (!await stream.ResponseStream.MoveNext())
            {
                return (responses, true);
            }

            responses.Add(stream.ResponseStream.Current);
        }

        try
        {
            await stream.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // already closed by the orderer
        }

        var ended = !await stream.ResponseStream.MoveNext();
        return (responses, ended);
    }

    public void Dispose() => _channel.Dispose();

    private ByteString Payload(HeaderType type, string channelId, ByteString data)
    {
        var header = new ChannelHeader { Type = (int)type, ChannelId = channelId, Timestamp = Timestamp.FromDateTime(DateTime.UtcNow) };
        var signatureHeader = new SignatureHeader { Creator = Creator, Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) };
        return new Payload
        {
            Header = new Header { ChannelHeader = header.ToByteString(), SignatureHeader = signatureHeader.ToByteString() },
            Data = data,
        }.ToByteString();
    }
}
