using System.Diagnostics;
using System.Globalization;
using System.Text;
using Benchmarks.Suites.Internal;
using Fabric.DevNetwork.Ordering;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Benchmarks.Suites;

/// <summary>
/// Start-up time of the dev network's channel ledger holding 100,000 committed transactions:
/// re-opening scans the block store, checks every record's checksum, the hash chain and data
/// hashes, and rebuilds world state, key history and the tx index in memory.
/// </summary>
public sealed class LedgerRecoverySuite : IBenchmarkSuite
{
    private const int Transactions = 100_000;
    private const int Reopens = 3;

    /// <inheritdoc />
    public string Name => "ledger-recovery";

    /// <inheritdoc />
    public async Task<string> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        using var folder = new TemporaryDirectory();
        var generator = new RecoveryLedgerGenerator(Path.Combine(folder.Path, "crypto"));
        var dataDirectory = Path.Combine(folder.Path, "ledger", "healthchannel");
        context.Progress.WriteLine($"  generating a ledger of {Transactions:N0} transactions");
        var generate = Stopwatch.StartNew();
        var lastTxId = await generator.GenerateAsync(dataDirectory, Transactions, done =>
        {
            if (done % 20_000 == 0)
            {
                context.Progress.WriteLine($"    {done:N0} committed ({generate.Elapsed.TotalSeconds:0} s)");
            }
        }, cancellationToken).ConfigureAwait(false);
        generate.Stop();
        var fileBytes = new FileInfo(Path.Combine(dataDirectory, "blocks.dat")).Length;

        var times = new List<double>();
        ulong height = 0;
        for (var i = 0; i < Reopens; i++)
        {
            context.Progress.WriteLine($"  re-opening ({i + 1} of {Reopens})");
            var reopen = Stopwatch.StartNew();
            await using var channel = await OrderedChannel.OpenAsync(generator.ChannelOptions(dataDirectory), cancellationToken).ConfigureAwait(false);
            reopen.Stop();
            times.Add(reopen.Elapsed.TotalSeconds);
            height = channel.Ledger.Height;
            if (channel.Ledger.FindTransaction(lastTxId) is not { Code: TxValidationCode.Valid })
            {
                throw new InvalidOperationException($"The re-opened ledger does not hold the last transaction {lastTxId} as VALID.");
            }
        }

        times.Sort();
        var median = times[times.Count / 2];
        var md = new StringBuilder();
        md.AppendLine("## Ledger recovery").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Start-up of the dev network's channel ledger (`OrderedChannel.OpenAsync`) over {Transactions:N0} committed transactions: {height - 1:N0} blocks of 10 after config block 0, {fileBytes / 1_000_000.0:N0} MB of `blocks.dat` (about {fileBytes / 1000.0 / Transactions:0.0} KB per transaction, mostly the three PEM certificates each envelope carries). Re-opening reads every record, checks its checksum, number, `previous_hash` and `data_hash`, and re-applies the VALID writes to rebuild world state, key history and the tx index in memory (signatures are not re-checked). The ledger is generated through the real path first: envelopes created by Org1's client and signed by both organisations' peers, ordered in blocks of 10, validated with every signature checked, fsynced per block.").AppendLine();
        md.AppendLine("| measurement | result |").AppendLine("| --- | --- |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| re-open, median of {Reopens} (min / max) | **{median:0.00} s** ({times[0]:0.00} s / {times[^1]:0.00} s) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| re-open per committed transaction | {median * 1_000_000 / Transactions:0.0} µs |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| generating the ledger (build + sign envelopes in process, order, validate, fsync per block) | {generate.Elapsed.TotalSeconds:0.0} s, {Transactions / generate.Elapsed.TotalSeconds:N0} tx/s |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ratio: generating / re-opening (median) | {generate.Elapsed.TotalSeconds / median:0.0}x |");
        md.AppendLine();
        md.AppendLine("The file is read through the page cache, which holds it after generation: this is a warm restart (a restart after a reboot also pays for reading the file from disk).");
        return md.ToString();
    }
}
