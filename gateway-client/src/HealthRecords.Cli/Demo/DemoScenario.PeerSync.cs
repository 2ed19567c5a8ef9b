namespace HealthRecords.Cli.Demo;

/// <content>Steps that read through another organisation's peer wait until that peer has committed the writes they depend on.</content>
internal sealed partial class DemoScenario
{
    /// <summary>
    /// Waits until the peer that serves <paramref name="reader"/> has committed each of
    /// <paramref name="transactionIds"/>. Each peer commits blocks at its own pace (tens of milliseconds
    /// apart on Raft, more on BFT), and a commit status only says the writer's peer has the block; a
    /// gateway's commit status comes from its own peer, so asking the reader's gateway is the condition.
    /// </summary>
    private async Task WaitForCommitsAtAsync(string reader, IEnumerable<string> transactionIds, CancellationToken ct)
    {
        var network = context.Gateway(reader).GetNetwork(context.Profile.Channel);
        foreach (var transactionId in transactionIds)
        {
            var status = await network.GetTransactionStatusAsync(transactionId, ct).ConfigureAwait(false);
            if (!status.Successful)
            {
                throw new InvalidOperationException($"transaction {transactionId} committed as {status.Code} at the peer of {reader}");
            }
        }
    }
}
