using System.Text;

namespace HealthRecords.Domain.Tests.Merkle;

internal static class TestEntries
{
    /// <summary>Distinct deterministic leaf data of varying length, including an empty leaf.</summary>
    public static byte[][] Create(int count) =>
        [.. Enumerable.Range(0, count).Select(i => i == 0 ? [] : Encoding.ASCII.GetBytes($"entry {i} " + new string('x', i % 7)))];
}
