using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using TestSupport;

namespace Benchmarks.Suites.Internal;

/// <summary>Counters of the C# chaincode process: the shim's transactions and round trips, the runtime's JIT and GC.</summary>
internal readonly record struct ChaincodeStats(long Transactions, long RoundTrips, long JitMethods, double JitMilliseconds, long Gen0Collections, long Gen2Collections, long AllocatedBytes)
{
    public static ChaincodeStats operator -(ChaincodeStats a, ChaincodeStats b) => new(
        a.Transactions - b.Transactions, a.RoundTrips - b.RoundTrips, a.JitMethods - b.JitMethods, a.JitMilliseconds - b.JitMilliseconds,
        a.Gen0Collections - b.Gen0Collections, a.Gen2Collections - b.Gen2Collections, a.AllocatedBytes - b.AllocatedBytes);
}

/// <summary>A chaincode server in its own process: the Node devnetcc, or this executable serving a C# chaincode.</summary>
internal sealed class ChaincodeUnderTest : IAsyncDisposable
{
    private readonly NodeProcess? _node;
    private readonly Process? _process;
    private readonly Channel<string> _lines;

    private ChaincodeUnderTest(NodeProcess? node, Process? process, Channel<string> lines)
    {
        _node = node;
        _process = process;
        _lines = lines;
    }

    public int Id => _node?.Id ?? _process!.Id;

    /// <summary>Starts the Node chaincode when <paramref name="csharpKind"/> is null, else the C# one of that kind; returns once it listens.</summary>
    public static async Task<ChaincodeUnderTest> StartAsync(string? csharpKind, string packageId, string address)
    {
        var lines = Channel.CreateUnbounded<string>();
        if (csharpKind is null)
        {
            var node = NodeProcess.Start("devnet/chaincode/start.js", [packageId, address]);
            await node.WaitForLineAsync(l => l.StartsWith("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            return new ChaincodeUnderTest(node, null, lines);
        }

        var process = ShimChaincodeHost.Start(csharpKind, packageId, address, line => lines.Writer.TryWrite(line));
        var started = new ChaincodeUnderTest(null, process, lines);
        await started.NextLineAsync("listening").ConfigureAwait(false);
        return started;
    }

    /// <summary>The C# chaincode's finished transactions and their round trips so far, with its JIT and GC counters.</summary>
    public async Task<ChaincodeStats> StatsAsync()
    {
        await _process!.StandardInput.WriteLineAsync("round-trips").ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        var parts = (await NextLineAsync("round-trips").ConfigureAwait(false)).Split(' ');
        long Long(int i) => long.Parse(parts[i], CultureInfo.InvariantCulture);
        return new ChaincodeStats(Long(1), Long(2), Long(3), double.Parse(parts[4], CultureInfo.InvariantCulture), Long(5), Long(6), Long(7));
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync().ConfigureAwait(false);
        }

        if (_process is not null)
        {
            // Closing standard input ends the host's read loop, and with it the process.
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }

    private async Task<string> NextLineAsync(string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await _lines.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }
}
