using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// A peer's Deliver client of the orderer's endpoint, as Fabric's peer deliver service runs one: one
/// streaming call per connection, its request a DELIVER_SEEK_INFO envelope signed by the peer's own
/// identity that seeks from the peer's height to the end of time with BLOCK_UNTIL_READY. A lost stream
/// (the orderer restarted, the connection broke, a status instead of a block) is dialled again after a
/// backoff that doubles up to a ceiling, seeking from the next block the peer lacks, so blocks arrive in
/// order with no gap and no repeat. With a <see cref="BlockSignatureVerifier"/>, a block that fails its
/// checks (data hash, hash chain, the orderer's signatures under the BlockValidation policy) is refused and
/// logged, never handed on, and the orderer is dialled again for the same block, as Fabric's peer does.
/// </summary>
internal sealed partial class OrdererDeliverClient : IOrdererBlockFeed
{
    private const int MaxBlockBytes = 100 * 1024 * 1024;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(10);

    private readonly string _peerName;
    private readonly string _channelId;
    private readonly GrpcChannel _channel;
    private readonly AtomicBroadcast.AtomicBroadcastClient _client;
    private readonly ByteString _creator;
    private readonly ISigner _signer;
    private readonly HashFunction _hash;
    private readonly TimeSpan _reconnectDelay;
    private readonly TimeSpan _maxReconnectDelay;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BlockSignatureVerifier? _verifier;

    public OrdererDeliverClient(
        string peerName, string channelId, string address, X509Certificate2? tlsRoot, X509Identity identity, ISigner signer, MspHashFamily hashFamily,
        TimeSpan reconnectDelay, TimeSpan maxReconnectDelay, TimeProvider time, ILogger logger, BlockSignatureVerifier? verifier = null)
    {
        _verifier = verifier;
        _peerName = peerName;
        _channelId = channelId;
        _creator = ByteString.CopyFrom(identity.ToSerializedIdentity());
        _signer = signer;
        _hash = Hashes.ForFamily(hashFamily);
        _reconnectDelay = reconnectDelay;
        _maxReconnectDelay = maxReconnectDelay;
        _time = time;
        _logger = logger;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,

            // a connection that died without a FIN is found by pings, not by waiting forever for the next block
            KeepAlivePingDelay = KeepAlive,
            KeepAlivePingTimeout = KeepAlive,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        OrdererTls.TrustOnly(handler, tlsRoot);
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true, MaxReceiveMessageSize = MaxBlockBytes });
        _client = new AtomicBroadcast.AtomicBroadcastClient(_channel);
    }

    public async IAsyncEnumerable<Block> ReadBlocksAsync(ulong startBlock, byte[]? previousHeaderHash, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = startBlock;
        var delay = _reconnectDelay;

        // the header hash of the last block handed on, or of the peer's last committed block before the first
        var previousHash = previousHeaderHash;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (call, problem) = await OpenAsync(next, cancellationToken).ConfigureAwait(false);
            if (call is not null)
            {
                using (call)
                {
                    while (true)
                    {
                        var (block, fault) = await ReadAsync(call, cancellationToken).ConfigureAwait(false);
                        if (block is null)
                        {
                            problem = fault;
                            break;
                        }

                        if (block.Header.Number < next)
                        {
                            continue;
                        }

                        if (block.Header.Number > next)
                        {
                            problem = $"the orderer sent block {block.Header.Number} where block {next} was due";
                            break;
                        }

                        if (_verifier?.Check(block, previousHash) is { } refusal)
                        {
                            LogRefused(_logger, _peerName, _channelId, block.Header.Number, refusal);
                            problem = "block " + block.Header.Number + " was refused";
                            break;
                        }

                        previousHash = _verifier is null ? null : BlockHashing.HeaderHash(block.Header);
                        next++;
                        delay = _reconnectDelay;
                        yield return block;
                    }
                }
            }

            LogReconnecting(_logger, _peerName, _channelId, problem ?? "the stream ended", next, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _maxReconnectDelay.Ticks));
        }
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(AsyncDuplexStreamingCall<Envelope, DeliverResponse>? Call, string? Problem)> OpenAsync(ulong start, CancellationToken cancellationToken)
    {
        // no deadline: the stream lives as long as the peer follows the orderer; keepalive pings watch the connection
        var call = _client.Deliver(cancellationToken: cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(await SeekAsync(start, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return (call, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is RpcException or IOException or HttpRequestException or InvalidOperationException)
        {
            call.Dispose();
            return (null, "could not open the Deliver stream: " + Describe(e));
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            call.Dispose();
            throw new OperationCanceledException(cancellationToken);
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private static async Task<(Block? Block, string? Problem)> ReadAsync(AsyncDuplexStreamingCall<Envelope, DeliverResponse> call, CancellationToken cancellationToken)
    {
        try
        {
            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                return (null, "the orderer ended the stream");
            }
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is RpcException or IOException or HttpRequestException or InvalidOperationException)
        {
            return (null, "the Deliver stream broke: " + Describe(e));
        }

        var response = call.ResponseStream.Current;
        return response.TypeCase == DeliverResponse.TypeOneofCase.Block && response.Block?.Header is not null
            ? (response.Block, null)
            : (null, $"the orderer answered {response.Status} instead of a block");
    }

    private async Task<Envelope> SeekAsync(ulong start, CancellationToken cancellationToken)
    {
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.DeliverSeekInfo,
            ChannelId = _channelId,
            Timestamp = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
        };
        var signatureHeader = new SignatureHeader { Creator = _creator, Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) };
        var seek = new SeekInfo
        {
            Start = new SeekPosition { Specified = new SeekSpecified { Number = start } },
            Stop = new SeekPosition { Specified = new SeekSpecified { Number = ulong.MaxValue } },
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        var payload = new Payload
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() },
            Data = seek.ToByteString(),
        }.ToByteString();
        var signature = await _signer.SignAsync(_hash(payload.Span), cancellationToken).ConfigureAwait(false);
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(signature) };
    }

    private static string Describe(Exception e) => e is RpcException rpc ? $"{rpc.StatusCode} ({rpc.Status.Detail})" : e.Message;

    [LoggerMessage(EventId = 6124, Level = LogLevel.Warning,
        Message = "Peer {Peer}, channel {ChannelId}: {Problem}; dialling the orderer again for block {NextBlock} in {DelayMs} ms.")]
    private static partial void LogReconnecting(ILogger logger, string peer, string channelId, string problem, ulong nextBlock, double delayMs);

    [LoggerMessage(EventId = 6125, Level = LogLevel.Error,
        Message = "Peer {Peer}, channel {ChannelId}: refused block {Number} from the orderer, not committing it: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string peer, string channelId, ulong number, string reason);
}
