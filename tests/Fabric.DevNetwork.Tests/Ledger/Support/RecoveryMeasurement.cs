using System.Diagnostics;
using Fabric.DevNetwork.Ordering;

namespace Fabric.DevNetwork.Tests.Ledger.Support;

/// <summary>What one recovery measurement found.</summary>
public sealed record RecoveryMeasurementResult(
    int Transactions,
    ulong Height,
    long BlockFileBytes,
    TimeSpan GenerateTime,
    TimeSpan RecoveryTime,
    int RecoveredTransactions);

/// <summary>
/// Builds a ledger of N committed transactions through the real ordering and validation path
/// (blocks of 10, as Fabric's test network cuts them), closes it, and times re-opening it (block
/// scan, checksum and hash-chain checks, state/history/tx-index rebuild). The unit test runs it small
/// and checks correctness only; the timed 100,000-transaction measurement is the `ledger-recovery`
/// suite of tests/Benchmarks (its own generator, so the benchmark references no test project).
/// </summary>
public static class RecoveryMeasurement
{
    public static async Task<RecoveryMeasurementResult> RunAsync(NetworkMaterial material, string dataDirectory, int transactions, int chunk = 1000)
    {
        var options = ChannelHarness.DefaultOptions(material, dataDirectory, maxMessageCount: 10, batchTimeout: TimeSpan.FromMilliseconds(100));
        var generate = Stopwatch.StartNew();
        await using (var channel = await OrderedChannel.OpenAsync(options))
        {
            for (var start = 0; start < transactions; start += chunk)
            {
                var count = Math.Min(chunk, transactions - start);
                var built = await Task.WhenAll(Enumerable.Range(start, count).Select(i => Task.Run(() =>
                    new TestTransaction(material.Org1Client, material.Org1Peer, material.Org2Peer)
                        .Write($"patient-{i % 10_000:D5}", $"pointer {i}")
                        .BuildAsync())));
                foreach (var (envelope, _) in built)
                {
                    await channel.Orderer.SubmitAsync(envelope);
                }

                await channel.Ledger.WaitForCommitAsync(built[^1].TxId);
            }
        }

        generate.Stop();
        var recovery = Stopwatch.StartNew();
        await using var reopened = await OrderedChannel.OpenAsync(options);
        recovery.Stop();
        var recovered = 0;
        var snapshot = reopened.Ledger.GetSnapshot();
        for (var i = 0; i < Math.Min(transactions, 10_000); i++)
        {
            recovered += snapshot.GetHistory(TestTransaction.Chaincode, $"patient-{i:D5}").Count;
        }

        return new RecoveryMeasurementResult(
            transactions,
            reopened.Ledger.Height,
            new FileInfo(Path.Combine(dataDirectory, "blocks.dat")).Length,
            generate.Elapsed,
            recovery.Elapsed,
            recovered);
    }
}
