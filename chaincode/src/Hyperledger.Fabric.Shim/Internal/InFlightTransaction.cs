using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>
/// One transaction running on a stream: its (channel, tx id) key, the single request it may have
/// outstanding with the peer, and whether it is still allowed to talk to the peer.
/// </summary>
internal sealed class InFlightTransaction : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _requestGate = new(1, 1);
    private readonly CancellationTokenSource _cancellation;
    private TaskCompletionSource<ChaincodeMessage>? _pending;
    private string? _closedReason;
    private bool _disconnected;
    private int _roundTrips;

    public InFlightTransaction(string channelId, string txId, CancellationToken streamToken)
    {
        ChannelId = channelId;
        TxId = txId;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(streamToken);
        CancellationToken = _cancellation.Token;
    }

    public string ChannelId { get; }

    public string TxId { get; }

    /// <summary>Captured once: stray chaincode code may read it after the source is disposed.</summary>
    public CancellationToken CancellationToken { get; }

    public bool IsDisconnected
    {
        get { lock (_gate) { return _disconnected; } }
    }

    /// <summary>Serialises requests: the peer can answer only one request per transaction at a time.</summary>
    public Task EnterRequestAsync(CancellationToken cancellationToken) => _requestGate.WaitAsync(cancellationToken);

    public void ExitRequest() => _requestGate.Release();

    /// <summary>Registers the request about to be sent; throws when the transaction may no longer call the peer.</summary>
    public Task<ChaincodeMessage> BeginRequest(string requestType)
    {
        lock (_gate)
        {
            ThrowIfClosed(requestType);
            _pending = new TaskCompletionSource<ChaincodeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _pending.Task;
        }
    }

    public void EndRequest()
    {
        lock (_gate)
        {
            _pending = null;
        }
    }

    /// <summary>Hands a RESPONSE or ERROR to the waiting request; false when nothing was waiting.</summary>
    public bool TryDeliver(ChaincodeMessage message)
    {
        TaskCompletionSource<ChaincodeMessage>? pending;
        lock (_gate)
        {
            pending = _pending;
            _pending = null;
        }

        return pending is not null && pending.TrySetResult(message);
    }

    public void ThrowIfClosed(string requestType)
    {
        lock (_gate)
        {
            if (_disconnected)
            {
                throw new PeerRequestException(requestType, $"[{ShortTxId}] {requestType} failed: the stream to the peer is closed", disconnected: true);
            }

            if (_closedReason is not null)
            {
                throw new InvalidOperationException($"[{ShortTxId}] {requestType} is not allowed: {_closedReason}");
            }
        }
    }

    /// <summary>After this, stub calls throw: the transaction's outcome is decided and its writes are final.</summary>
    public void Close(string reason)
    {
        lock (_gate)
        {
            _closedReason ??= reason;
        }
    }

    /// <summary>The peer went away: fail the waiting request and cancel the chaincode's token.</summary>
    public void Disconnect()
    {
        TaskCompletionSource<ChaincodeMessage>? pending;
        lock (_gate)
        {
            _disconnected = true;
            pending = _pending;
            _pending = null;
        }

        pending?.TrySetException(new PeerRequestException("RESPONSE", $"[{ShortTxId}] the stream to the peer closed before it answered", disconnected: true));
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the transaction already finished
        }
    }

    /// <summary>Requests sent to the peer and waited for so far.</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public void CountRoundTrip() => Interlocked.Increment(ref _roundTrips);

    public string ShortTxId => TxId.Length <= 8 ? TxId : TxId[..8];

    /// <summary>Releases the token source; the request gate is left alone because late stub calls may still touch it.</summary>
    public void Dispose() => _cancellation.Dispose();
}
