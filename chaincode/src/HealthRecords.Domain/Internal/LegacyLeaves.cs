using System.Text.Json;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Domain.Internal;

/// <summary>
/// Record leaves written before leaves committed to pointers (format 1) hold the full pointer. An
/// append-only log cannot rewrite them, so the chaincode withholds their bytes from callers who may only
/// verify (docs/merkle.md, "Migration").
/// </summary>
internal static class LegacyLeaves
{
    public static bool HoldsPointer(byte[] leaf)
    {
        try
        {
            using var document = JsonDocument.Parse(leaf);
            var root = document.RootElement;
            return root.TryGetProperty("v", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == 1
                && root.TryGetProperty("type", out var type)
                && type.GetString() is HistoryLeafTypes.RecordAdded or HistoryLeafTypes.RecordSuperseded;
        }
        catch (JsonException)
        {
            // Not a leaf this chaincode wrote: withhold it rather than guess what it holds.
            return true;
        }
    }
}
