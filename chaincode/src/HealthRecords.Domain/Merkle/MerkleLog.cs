using HealthRecords.Domain.Merkle.Internal;

namespace HealthRecords.Domain.Merkle;

/// <summary>
/// A persistent RFC 9162 append-only Merkle log in an <see cref="IMerkleStorage"/>. An append writes
/// the leaf data, its leaf hash, the root of every perfect subtree it completes and the head record:
/// at most log2(n) + 3 keys. The head holds the size and the log's right frontier (the roots of the
/// perfect subtrees the size decomposes into), so an append reads one key whatever the size, and the
/// current root needs no further read. Roots and proofs for earlier sizes read O(log n) keys.
/// </summary>
/// <remarks>
/// Use one instance per transaction and log, from one thread. The instance remembers the values it
/// wrote and the immutable values it read, so it stays correct on storage without read-your-writes
/// (Fabric's GetState) and several appends in one transaction chain correctly.
/// </remarks>
public sealed class MerkleLog
{
    private readonly IMerkleStorage _storage;
    private readonly Dictionary<string, byte[]> _known = new(StringComparer.Ordinal);
    private MerkleHead? _head;

    /// <summary>Creates a view of the log kept in <paramref name="storage"/>; the log does not own the storage.</summary>
    /// <param name="storage">The storage, already scoped to this one log (for example by a per-patient key prefix).</param>
    public MerkleLog(IMerkleStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    /// <summary>Appends one leaf.</summary>
    /// <param name="leafData">The leaf's canonical encoding; stored as is and hashed as SHA-256(0x00 || data).</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <returns>The new leaf's index and hash and the log's new size and root.</returns>
    /// <exception cref="MerkleStorageException">The stored log is corrupt.</exception>
    /// <exception cref="InvalidOperationException">The log already holds <see cref="long.MaxValue"/> leaves.</exception>
    public async Task<MerkleAppendResult> AppendAsync(ReadOnlyMemory<byte> leafData, CancellationToken cancellationToken = default)
    {
        var head = await GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var index = head.Size;
        if (index == long.MaxValue)
        {
            throw new InvalidOperationException("The Merkle log is full.");
        }

        var leafHash = MerkleHash.Leaf(leafData.Span);
        await PutAsync(MerkleKeys.Leaf(index), leafData.ToArray(), cancellationToken).ConfigureAwait(false);
        await PutAsync(MerkleKeys.Node(0, index), leafHash, cancellationToken).ConfigureAwait(false);

        // While the new node is a right child, its parent's subtree has just become complete; its left
        // sibling is the frontier's subtree of the same level, so no stored node needs to be read.
        var hash = leafHash;
        var level = 0;
        var position = index;
        while ((position & 1) == 1)
        {
            hash = MerkleHash.Node(head.FrontierAt(level), hash);
            level++;
            position >>= 1;
            await PutAsync(MerkleKeys.Node(level, position), hash, cancellationToken).ConfigureAwait(false);
        }

        var next = head.Append(level, hash);
        await _storage.PutAsync(MerkleKeys.Size, next.Encode(), cancellationToken).ConfigureAwait(false);
        _head = next;
        return new MerkleAppendResult(index, next.Size, (byte[])leafHash.Clone(), next.Root());
    }

    /// <summary>Reads the log's current size (0 for a log never appended to).</summary>
    /// <param name="cancellationToken">Cancels the storage call.</param>
    /// <exception cref="MerkleStorageException">The size record is malformed.</exception>
    public async Task<long> GetSizeAsync(CancellationToken cancellationToken = default) =>
        (await GetHeadAsync(cancellationToken).ConfigureAwait(false)).Size;

    /// <summary>Computes the root hash at <paramref name="treeSize"/> (default: the current size).</summary>
    /// <param name="treeSize">A size from 0 to the current size; 0 gives <see cref="MerkleHash.EmptyRoot"/>.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <returns>A new 32-byte array owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative or beyond the current size.</exception>
    /// <exception cref="MerkleStorageException">The stored log is corrupt.</exception>
    public async Task<byte[]> GetRootAsync(long? treeSize = null, CancellationToken cancellationToken = default)
    {
        var size = await ResolveSizeAsync(treeSize, nameof(treeSize), cancellationToken).ConfigureAwait(false);
        return await RootAtAsync(size, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/> leaves.</summary>
    /// <param name="index">The zero-based leaf index, less than the tree size.</param>
    /// <param name="treeSize">A size from index + 1 to the current size (default: the current size).</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <returns>The proof, with the leaf hash and the root at the tree size.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index or size is out of range.</exception>
    /// <exception cref="MerkleStorageException">The stored log is corrupt.</exception>
    public async Task<InclusionProof> GetInclusionProofAsync(
        long index, long? treeSize = null, CancellationToken cancellationToken = default)
    {
        var size = await ResolveSizeAsync(treeSize, nameof(treeSize), cancellationToken).ConfigureAwait(false);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Leaf {index} is not in a tree of {size} leaves.");
        }

        var path = new List<ReadOnlyMemory<byte>>();
        foreach (var range in ProofPlan.Inclusion(index, size))
        {
            path.Add(await HashRangeAsync(range, cancellationToken).ConfigureAwait(false));
        }

        var leafHash = await GetNodeAsync(0, index, cancellationToken).ConfigureAwait(false);
        var root = await RootAtAsync(size, cancellationToken).ConfigureAwait(false);
        return new InclusionProof(index, size, (byte[])leafHash.Clone(), root, path.AsReadOnly());
    }

    /// <summary>Builds the proof that the tree of <paramref name="size2"/> leaves extends the tree of <paramref name="size1"/> leaves.</summary>
    /// <param name="size1">The older size, 0 to <paramref name="size2"/>.</param>
    /// <param name="size2">The newer size, up to the current size.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <returns>The proof with both roots; its path is empty when the sizes are equal or <paramref name="size1"/> is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="MerkleStorageException">The stored log is corrupt.</exception>
    public async Task<ConsistencyProof> GetConsistencyProofAsync(
        long size1, long size2, CancellationToken cancellationToken = default)
    {
        await ResolveSizeAsync(size2, nameof(size2), cancellationToken).ConfigureAwait(false);
        ArgumentOutOfRangeException.ThrowIfNegative(size1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);

        var path = new List<ReadOnlyMemory<byte>>();
        if (size1 != 0 && size1 != size2)
        {
            foreach (var range in ProofPlan.Consistency(size1, size2))
            {
                path.Add(await HashRangeAsync(range, cancellationToken).ConfigureAwait(false));
            }
        }

        var root1 = await RootAtAsync(size1, cancellationToken).ConfigureAwait(false);
        var root2 = await RootAtAsync(size2, cancellationToken).ConfigureAwait(false);
        return new ConsistencyProof(size1, size2, root1, root2, path.AsReadOnly());
    }

    /// <summary>Reads the data of leaf <paramref name="index"/>.</summary>
    /// <param name="index">The zero-based leaf index.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <returns>A new array owned by the caller, or <see langword="null"/> if the log has no such leaf.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    /// <exception cref="MerkleStorageException">The stored log is corrupt.</exception>
    public async Task<byte[]?> GetLeafDataAsync(long index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index >= await GetSizeAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var data = await GetKnownAsync(MerkleKeys.Leaf(index), cancellationToken).ConfigureAwait(false)
            ?? throw new MerkleStorageException($"The Merkle log has no '{MerkleKeys.Leaf(index)}' record.");
        return (byte[])data.Clone();
    }

    /// <summary>Reads the hash of leaf <paramref name="index"/>, SHA-256(0x00 || data).</summary>
    /// <param name="index">The zero-based leaf index.</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <returns>A new 32-byte array owned by the caller, or <see langword="null"/> if the log has no such leaf.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    /// <exception cref="MerkleStorageException">The stored log is corrupt.</exception>
    public async Task<byte[]?> GetLeafHashAsync(long index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index >= await GetSizeAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return (byte[])(await GetNodeAsync(0, index, cancellationToken).ConfigureAwait(false)).Clone();
    }

    private async Task<long> ResolveSizeAsync(long? requested, string parameterName, CancellationToken cancellationToken)
    {
        var current = await GetSizeAsync(cancellationToken).ConfigureAwait(false);
        if (requested is not { } size)
        {
            return current;
        }

        if (size < 0 || size > current)
        {
            throw new ArgumentOutOfRangeException(parameterName, size, $"The log has {current} leaves; size {size} is out of range.");
        }

        return size;
    }

    private async Task<byte[]> RootAtAsync(long size, CancellationToken cancellationToken)
    {
        if (size == 0)
        {
            return MerkleHash.EmptyRoot.ToArray();
        }

        var head = await GetHeadAsync(cancellationToken).ConfigureAwait(false);
        return size == head.Size ? head.Root() : await HashRangeAsync(new TreeRange(0, size), cancellationToken).ConfigureAwait(false);
    }

    // The head is read once per view; a head of the first layout (the size alone) gets its frontier
    // from the stored subtree roots, and the next append writes it in the current layout.
    private async Task<MerkleHead> GetHeadAsync(CancellationToken cancellationToken)
    {
        if (_head is { } cached)
        {
            return cached;
        }

        var encoded = await _storage.GetAsync(MerkleKeys.Size, cancellationToken).ConfigureAwait(false);
        var head = MerkleHead.Decode(encoded, out var sizeOnly);
        if (sizeOnly)
        {
            var frontier = new List<byte[]>();
            foreach (var piece in ProofPlan.PerfectSubtrees(new TreeRange(0, head.Size)))
            {
                frontier.Add(await GetNodeAsync(piece.Level, piece.Index, cancellationToken).ConfigureAwait(false));
            }

            head = new MerkleHead(head.Size, frontier);
        }

        _head = head;
        return head;
    }

    // MTH of a range a proof needs: the right fold of its aligned perfect subtrees, each one stored key.
    private async Task<byte[]> HashRangeAsync(TreeRange range, CancellationToken cancellationToken)
    {
        var pieces = ProofPlan.PerfectSubtrees(range);
        var hash = await GetNodeAsync(pieces[^1].Level, pieces[^1].Index, cancellationToken).ConfigureAwait(false);
        for (var i = pieces.Count - 2; i >= 0; i--)
        {
            var left = await GetNodeAsync(pieces[i].Level, pieces[i].Index, cancellationToken).ConfigureAwait(false);
            hash = MerkleHash.Node(left, hash);
        }

        return pieces.Count == 1 ? (byte[])hash.Clone() : hash;
    }

    private async Task<byte[]> GetNodeAsync(int level, long index, CancellationToken cancellationToken)
    {
        var key = MerkleKeys.Node(level, index);
        var value = await GetKnownAsync(key, cancellationToken).ConfigureAwait(false);
        if (value is not { Length: MerkleHash.Size })
        {
            throw new MerkleStorageException(value is null
                ? $"The Merkle log has no '{key}' record."
                : $"The Merkle log's '{key}' record is not a {MerkleHash.Size}-byte hash.");
        }

        return value;
    }

    private async Task<byte[]?> GetKnownAsync(string key, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(key, out var known))
        {
            return known;
        }

        var value = await _storage.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (value is not null)
        {
            _known[key] = value; // leaf and node records never change once written
        }

        return value;
    }

    private async Task PutAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        await _storage.PutAsync(key, value, cancellationToken).ConfigureAwait(false);
        _known[key] = value;
    }
}
