using System.Numerics;
using System.Text.RegularExpressions;
using HealthRecords.Domain.Merkle;
using TestSupport;

namespace HealthRecords.Domain.Tests.Merkle;

public sealed partial class MerkleLogStorageTests
{
    private const int Size = 1024;

    private static readonly byte[][] Entries = TestEntries.Create(Size);
    private static readonly ReferenceMerkle Reference = new(Entries);

    [Fact]
    public async Task AppendAsync_EachAppendUpTo1024_WritesAtMostCeilLog2PlusThreeKeys()
    {
        var storage = new CountingMerkleStorage();
        var log = new MerkleLog(storage);
        var maxExtra = 0;
        for (var i = 0; i < Size; i++)
        {
            storage.ResetCounters();

            await log.AppendAsync(Entries[i]).WithTimeout();

            var n = i + 1;
            // Leaf data, leaf hash, one node per perfect subtree completed, and the size record.
            Assert.Equal(3 + BitOperations.TrailingZeroCount(n), storage.Writes);
            Assert.Equal(storage.Writes, storage.WrittenKeys.Distinct().Count());
            Assert.True(storage.Writes <= MerkleLogFixture.CeilLog2(n) + 3, $"append {n} wrote {storage.Writes} keys");
            maxExtra = Math.Max(maxExtra, storage.Writes - MerkleLogFixture.CeilLog2(n));
        }

        Assert.Equal(3, maxExtra); // reached at n = 1, where ceil(log2 1) is 0
    }

    [Fact]
    public async Task AppendAsync_FreshViewEachAppendUpTo1024_ReadsOnlyTheHead()
    {
        var storage = new CountingMerkleStorage();
        for (var i = 0; i < Size; i++)
        {
            storage.ResetCounters();

            var result = await new MerkleLog(storage).AppendAsync(Entries[i]).WithTimeout();

            Assert.Equal(1, storage.Reads);
            Assert.Equal(Reference.Mth(0, i + 1), result.RootHash.ToArray());
        }
    }

    [Fact]
    public async Task AppendAsync_HeadOfFirstLayoutHoldingSizeOnly_ContinuesTheSameTreeAndRewritesHead()
    {
        // Logs written before the frontier was kept have an 8-byte head; they must carry on unchanged.
        var storage = await FilledStorageAsync(300);
        storage.Set("size", storage.Committed["size"][..8]);

        var log = new MerkleLog(storage);
        Assert.Equal(Reference.Mth(0, 300), await log.GetRootAsync().WithTimeout());
        for (var i = 300; i < 310; i++)
        {
            var result = await log.AppendAsync(Entries[i]).WithTimeout();
            Assert.Equal(Reference.Mth(0, i + 1), result.RootHash.ToArray());
        }

        // 310 = 0b100110110: five frontier hashes after the size.
        Assert.Equal(8 + (5 * MerkleHash.Size), storage.Committed["size"].Length);
        storage.ResetCounters();
        Assert.Equal(Reference.Mth(0, 310), await new MerkleLog(storage).GetRootAsync().WithTimeout());
        Assert.Equal(1, storage.Reads);
    }

    [Fact]
    public async Task AppendAsync_EveryAppend_ReturnsIndexSizeLeafHashAndReferenceRoot()
    {
        var log = new MerkleLog(new CountingMerkleStorage());
        for (var i = 0; i < 70; i++)
        {
            var result = await log.AppendAsync(Entries[i]).WithTimeout();

            Assert.Equal((i, i + 1), ((int)result.LeafIndex, (int)result.TreeSize));
            Assert.Equal(ReferenceMerkle.LeafHash(Entries[i]), result.LeafHash.ToArray());
            Assert.Equal(Reference.Mth(0, i + 1), result.RootHash.ToArray());
            Assert.Equal(i + 1, await log.GetSizeAsync().WithTimeout());
        }
    }

    [Fact]
    public async Task GetRootAsync_EveryHistoricalSizeFromAFreshView_MatchesReferenceAndReadsFewKeys()
    {
        var storage = await FilledStorageAsync(Size);
        for (var n = 0; n <= Size; n++)
        {
            storage.ResetCounters();

            var root = await new MerkleLog(storage).GetRootAsync(n).WithTimeout();

            Assert.Equal(Reference.Mth(0, n), root);
            // The head, which holds the current root's pieces, plus one perfect subtree root per set bit of an earlier n.
            Assert.Equal(1 + (n is 0 or Size ? 0 : BitOperations.PopCount((uint)n)), storage.Reads);
        }
    }

    [Fact]
    public async Task GetInclusionProofAsync_FreshView_ReadsLogarithmicKeys()
    {
        var storage = await FilledStorageAsync(Size);
        for (var n = 1; n <= Size; n++)
        {
            foreach (var i in new[] { 0, n / 3, n / 2, n - 2, n - 1 }.Where(i => i >= 0).Distinct())
            {
                storage.ResetCounters();

                var proof = await new MerkleLog(storage).GetInclusionProofAsync(i, n).WithTimeout();

                Assert.True(MerkleProofs.VerifyInclusion(proof, ReferenceMerkle.LeafHash(Entries[i])));
                // The size record, the leaf hash, one key per path node below the last non-perfect
                // sibling, that sibling's perfect pieces, and whatever root piece is not yet cached.
                var bound = (2 * MerkleLogFixture.CeilLog2(n)) + 2;
                Assert.True(storage.Reads <= bound, $"leaf {i} of {n}: {storage.Reads} reads > {bound}");
            }
        }
    }

    [Fact]
    public async Task GetConsistencyProofAsync_FreshView_ReadsLogarithmicKeys()
    {
        var storage = await FilledStorageAsync(Size);
        for (var n = 1; n <= Size; n++)
        {
            var sizes = n <= 128 ? Enumerable.Range(1, n - 1) : new[] { 1, n / 3, n / 2, n - 1 }.Distinct();
            foreach (var m in sizes)
            {
                storage.ResetCounters();

                var proof = await new MerkleLog(storage).GetConsistencyProofAsync(m, n).WithTimeout();

                Assert.True(MerkleProofs.VerifyConsistency(proof));
                var bound = (2 * MerkleLogFixture.CeilLog2(n)) + 4;
                Assert.True(storage.Reads <= bound, $"{m} -> {n}: {storage.Reads} reads > {bound}");
            }
        }
    }

    [Fact]
    public async Task AppendAsync_KeysWritten_AreSortableAsciiWithoutNul()
    {
        var storage = await FilledStorageAsync(300);
        var keys = storage.Committed.Keys.ToList();

        Assert.All(keys, key => Assert.Matches(KeyPattern(), key));
        Assert.Equal(300, keys.Count(k => k.StartsWith("leaf/", StringComparison.Ordinal)));
        Assert.Equal(300 + 150 + 75 + 37 + 18 + 9 + 4 + 2 + 1, keys.Count(k => k.StartsWith("node/", StringComparison.Ordinal)));
        var leafKeys = keys.Where(k => k.StartsWith("leaf/", StringComparison.Ordinal)).ToList();
        Assert.Equal(leafKeys.Order(StringComparer.Ordinal), leafKeys.OrderBy(k => Convert.ToInt64(k[5..], 16)));
        // The size (300 = 0b100101100), then one frontier hash per set bit.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 1, 0x2c }, storage.Committed["size"][..8]);
        Assert.Equal(8 + (4 * MerkleHash.Size), storage.Committed["size"].Length);
    }

    [Fact]
    public async Task AppendAsync_SeveralAppendsPerTransactionWithoutReadYourWrites_MatchesReference()
    {
        // Fabric's GetState does not see the transaction's own writes; one log view per transaction.
        var storage = new CountingMerkleStorage(readYourWrites: false);
        var appended = 0;
        for (var batch = 1; appended + batch <= 120; batch = (batch % 5) + 1)
        {
            var log = new MerkleLog(storage);
            for (var j = 0; j < batch; j++)
            {
                var result = await log.AppendAsync(Entries[appended]).WithTimeout();
                Assert.Equal(appended, result.LeafIndex);
                Assert.Equal(Reference.Mth(0, appended + 1), result.RootHash.ToArray());
                appended++;
            }

            var proof = await log.GetInclusionProofAsync(appended - 1).WithTimeout();
            Assert.True(MerkleProofs.VerifyInclusion(proof, ReferenceMerkle.LeafHash(Entries[appended - 1])));
            storage.Commit();
        }

        Assert.Equal(Reference.Mth(0, appended), await new MerkleLog(storage).GetRootAsync().WithTimeout());
    }

    [Fact]
    public async Task AppendAsync_SameLeavesInTwoLogs_WritesIdenticalKeysAndBytes()
    {
        var first = await FilledStorageAsync(77);
        var second = await FilledStorageAsync(77);

        Assert.Equal(first.WrittenKeys, second.WrittenKeys);
        Assert.All(first.Committed, pair => Assert.Equal(pair.Value, second.Committed[pair.Key]));
    }

    [Fact]
    public async Task GetLeafDataAsync_StoredAndMissingLeaves_ReturnsDataOrNull()
    {
        var log = new MerkleLog(await FilledStorageAsync(10));

        Assert.Equal(Entries[3], await log.GetLeafDataAsync(3).WithTimeout());
        Assert.Equal(Entries[0], await log.GetLeafDataAsync(0).WithTimeout());
        Assert.Null(await log.GetLeafDataAsync(10).WithTimeout());
        Assert.Equal(ReferenceMerkle.LeafHash(Entries[9]), await log.GetLeafHashAsync(9).WithTimeout());
        Assert.Null(await log.GetLeafHashAsync(10).WithTimeout());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.GetLeafDataAsync(-1)).WithTimeout();
    }

    [Fact]
    public async Task GetProofs_IndexOrSizeOutOfRange_ThrowArgumentOutOfRange()
    {
        var log = new MerkleLog(await FilledStorageAsync(10));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.GetInclusionProofAsync(10)).WithTimeout();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.GetInclusionProofAsync(5, 5)).WithTimeout();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.GetInclusionProofAsync(-1)).WithTimeout();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.GetInclusionProofAsync(0, 11)).WithTimeout();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.GetRootAsync(11)).WithTimeout();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.GetConsistencyProofAsync(3, 11)).WithTimeout();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.GetConsistencyProofAsync(6, 5)).WithTimeout();
    }

    [Fact]
    public async Task GetRootAsync_EmptyLog_ReturnsEmptyRoot()
    {
        var log = new MerkleLog(new CountingMerkleStorage());

        Assert.Equal(MerkleHash.EmptyRoot.ToArray(), await log.GetRootAsync().WithTimeout());
        Assert.Equal(0, await log.GetSizeAsync().WithTimeout());
        Assert.True(MerkleProofs.VerifyConsistency(await log.GetConsistencyProofAsync(0, 0).WithTimeout()));
    }

    [Fact]
    public async Task GetRootAsync_CorruptStorage_ThrowsMerkleStorageException()
    {
        // The root at 5 is built from node(2,0) and leaf 4's hash; the current root comes from the head.
        var missing = await FilledStorageAsync(6);
        missing.Set("node/00/0000000000000004", null);
        var shortHash = await FilledStorageAsync(6);
        shortHash.Set("node/02/0000000000000000", new byte[31]);
        var badHead = await FilledStorageAsync(6);
        badHead.Set("size", [6]);
        var truncatedFrontier = await FilledStorageAsync(6);
        truncatedFrontier.Set("size", [.. truncatedFrontier.Committed["size"][..^1]]);

        await Assert.ThrowsAsync<MerkleStorageException>(() => new MerkleLog(missing).GetRootAsync(5)).WithTimeout();
        await Assert.ThrowsAsync<MerkleStorageException>(() => new MerkleLog(shortHash).GetRootAsync(5)).WithTimeout();
        await Assert.ThrowsAsync<MerkleStorageException>(() => new MerkleLog(badHead).GetSizeAsync()).WithTimeout();
        await Assert.ThrowsAsync<MerkleStorageException>(() => new MerkleLog(truncatedFrontier).GetSizeAsync()).WithTimeout();
    }

    [Fact]
    public void MerkleLog_Assembly_ReferencesNothingFromFabric()
    {
        var references = typeof(MerkleLog).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);

        Assert.DoesNotContain(references, name => name.StartsWith("Fabric", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<CountingMerkleStorage> FilledStorageAsync(int count)
    {
        var storage = new CountingMerkleStorage();
        var log = new MerkleLog(storage);
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(Entries[i]).WithTimeout();
        }

        return storage;
    }

    [GeneratedRegex("^(size|leaf/[0-9a-f]{16}|node/[0-9a-f]{2}/[0-9a-f]{16})$")]
    private static partial Regex KeyPattern();
}
