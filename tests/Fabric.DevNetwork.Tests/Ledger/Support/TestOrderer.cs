using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;

namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>
/// An orderer endpoint that serves whatever blocks a test gives it, tampered or not, over the real
/// AtomicBroadcast Deliver: from the requested start on, then holds the stream open. It counts, per block
/// number, the streams that asked to start there, so a test can wait for a peer's redial as a condition.
/// </summary>
internal sealed class TestOrderer : AtomicBroadcast.AtomicBroadcastBase
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, int> _requests = [];
    private Block[] _blocks = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _streams;

    public int StreamsOpened => Volatile.Read(ref _streams);

    /// <summary>Replaces the blocks served, block n at index n; open streams see the change at once.</summary>
    public void Serve(params Block[] blocks)
    {
        lock (_gate)
        {
            _blocks = blocks;
            Signal();
        }
    }

    /// <summary>Completes once <paramref name="requests"/> streams have asked to start at <paramref name="block"/>.</summary>
    public async Task WaitForRequestsAsync(ulong block, int requests)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_requests.GetValueOrDefault(block) >= requests)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.ConfigureAwait(false);
        }
    }

    public override async Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context)
    {
        Interlocked.Increment(ref _streams);
        if (!await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var payload = Payload.Parser.ParseFrom(requestStream.Current.Payload);
        var next = SeekInfo.Parser.ParseFrom(payload.Data).Start.Specified.Number;
        lock (_gate)
        {
            _requests[next] = _requests.GetValueOrDefault(next) + 1;
            Signal();
        }

        while (!context.CancellationToken.IsCancellationRequested)
        {
            Block? block;
            Task changed;
            lock (_gate)
            {
                block = next < (ulong)_blocks.Length ? _blocks[next] : null;
                changed = _changed.Task;
            }

            if (block is null)
            {
                await changed.WaitAsync(context.CancellationToken).ConfigureAwait(false);
                continue;
            }

            await responseStream.WriteAsync(new DeliverResponse { Block = block }, context.CancellationToken).ConfigureAwait(false);
            next++;
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
