using HealthRecords.Domain.Merkle;
using TestSupport;

namespace HealthRecords.Domain.Tests.Merkle;

/// <summary>
/// One stored log of 300 leaves with every inclusion proof of every historical size, and every
/// consistency proof between sizes 0..100, built once through the public API and shared by the
/// exhaustive tests.
/// </summary>
public sealed class MerkleLogFixture : IAsyncLifetime
{
    public const int MaxInclusionSize = 300;
    public const int MaxConsistencySize = 100;

    public byte[][] Entries { get; } = TestEntries.Create(MaxInclusionSize);

    public ReferenceMerkle Reference { get; }

    public CountingMerkleStorage Storage { get; } = new();

    /// <summary>InclusionProofs[n][i]: leaf i in the tree of size n.</summary>
    public InclusionProof[][] InclusionProofs { get; } = new InclusionProof[MaxInclusionSize + 1][];

    /// <summary>ConsistencyProofs[m, n] for 0 &lt;= m &lt;= n &lt;= 100.</summary>
    public ConsistencyProof[,] ConsistencyProofs { get; } = new ConsistencyProof[MaxConsistencySize + 1, MaxConsistencySize + 1];

    public MerkleLogFixture()
    {
        Reference = new ReferenceMerkle(Entries);
        LeafHashes = [.. Entries.Select(ReferenceMerkle.LeafHash)];
    }

    /// <summary>The reference leaf hashes, computed once.</summary>
    public byte[][] LeafHashes { get; }

    public async Task InitializeAsync()
    {
        var log = new MerkleLog(Storage);
        foreach (var entry in Entries)
        {
            await log.AppendAsync(entry).WithTimeout();
        }

        for (var n = 1; n <= MaxInclusionSize; n++)
        {
            InclusionProofs[n] = new InclusionProof[n];
            for (var i = 0; i < n; i++)
            {
                InclusionProofs[n][i] = await log.GetInclusionProofAsync(i, n).WithTimeout();
            }
        }

        for (var n = 0; n <= MaxConsistencySize; n++)
        {
            for (var m = 0; m <= n; m++)
            {
                ConsistencyProofs[m, n] = await log.GetConsistencyProofAsync(m, n).WithTimeout();
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public byte[] LeafHash(int index) => LeafHashes[index];

    public static int CeilLog2(long n) => n <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1));

    public static byte[][] Nodes(IReadOnlyList<ReadOnlyMemory<byte>> path) => [.. path.Select(p => p.ToArray())];
}
