using System.Collections;

namespace HealthRecords.Domain.Merkle.Internal;

/// <summary>Views a list of arrays as a list of memories without copying; a null array reads as empty.</summary>
internal sealed class ArrayNodes(IReadOnlyList<byte[]> arrays) : IReadOnlyList<ReadOnlyMemory<byte>>
{
    public int Count => arrays.Count;

    public ReadOnlyMemory<byte> this[int index] => arrays[index];

    public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
    {
        for (var i = 0; i < arrays.Count; i++)
        {
            yield return arrays[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
