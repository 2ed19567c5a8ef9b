using Hyperledger.Fabric.Protos.Common;

namespace HealthRecords.Cli.Demo;

/// <content>Steps that read through another organisation's peer wait until that peer has the writer's blocks.</content>
internal sealed partial class DemoScenario
{
    private static readonly TimeSpan PeerSyncTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PeerSyncMaxPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waits until the peer that serves <paramref name="reader"/> is at least as high as the peers that
    /// served <paramref name="writers"/> right after their commits. Each peer commits blocks at its own
    /// pace (tens of milliseconds apart on Raft, more on BFT), and a commit status only says the
    /// writer's peer has the block, so a read through the other organisation straight after could see
    /// the state before it (a consent not yet granted, or not yet revoked).
    /// </summary>
    private async Task WaitForPeersAsync(string reader, string[] writers, CancellationToken ct)
    {
        ulong target = 0;
        foreach (var writer in writers)
        {
            target = Math.Max(target, await LedgerHeightAsync(writer, ct).ConfigureAwait(false));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(PeerSyncTimeout);
        var poll = TimeSpan.FromMilliseconds(10);
        try
        {
            while (await LedgerHeightAsync(reader, timeout.Token).ConfigureAwait(false) < target)
            {
                await Task.Delay(poll, timeout.Token).ConfigureAwait(false);
                poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, PeerSyncMaxPoll.Ticks));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the peer serving {reader} did not reach block height {target} within {PeerSyncTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>The ledger height of the peer that serves <paramref name="identity"/>, from <c>qscc GetChainInfo</c>.</summary>
    private async Task<ulong> LedgerHeightAsync(string identity, CancellationToken ct)
    {
        var channel = context.Profile.Channel;
        var reply = await context.Gateway(identity).GetNetwork(channel).GetContract("qscc")
            .EvaluateTransactionAsync("GetChainInfo", [channel], ct).ConfigureAwait(false);
        return BlockchainInfo.Parser.ParseFrom(reply.Span).Height;
    }
}
