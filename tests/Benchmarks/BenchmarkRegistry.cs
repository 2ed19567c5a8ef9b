using Benchmarks.Suites;

namespace Benchmarks;

/// <summary>Every suite the harness knows. Add a suite here: one line, in the order it should appear.</summary>
public static class BenchmarkRegistry
{
    /// <summary>The registered suites.</summary>
    public static IReadOnlyList<IBenchmarkSuite> Suites { get; } =
    [
        new GatewayClientSuite(),
        new DevNetworkSuite(),
        new LedgerRecoverySuite(),
        new CryptoAndMerkleSuite(),
        new ChaincodeCpuSuite(),
    ];
}
