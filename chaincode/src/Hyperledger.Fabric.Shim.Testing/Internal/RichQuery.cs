using System.Text.Json;

namespace Hyperledger.Fabric.Shim.Testing.Internal;

/// <summary>
/// A small subset of CouchDB's Mango selectors, enough for chaincode unit tests:
/// <c>{"selector": {"field": value, "a.b": {"$gt": 1}}}</c> with $eq, $ne, $gt, $gte, $lt, $lte,
/// $in and $exists on JSON values. Anything else is rejected clearly rather than guessed.
/// </summary>
internal static class RichQuery
{
    public static Func<ReadOnlyMemory<byte>, bool> Compile(string query)
    {
        JsonElement selector;
        try
        {
            using var document = JsonDocument.Parse(query);
            if (!document.RootElement.TryGetProperty("selector", out var found) || found.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("a rich query needs a \"selector\" object", nameof(query));
            }

            selector = found.Clone();
        }
        catch (JsonException e)
        {
            throw new ArgumentException("the rich query is not valid JSON: " + e.Message, nameof(query), e);
        }

        foreach (var condition in selector.EnumerateObject())
        {
            if (condition.Name.StartsWith('$'))
            {
                throw new NotSupportedException($"the in-memory ledger does not support the top-level operator {condition.Name}");
            }
        }

        return value => Matches(selector, value);
    }

    private static bool Matches(JsonElement selector, ReadOnlyMemory<byte> value)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            foreach (var condition in selector.EnumerateObject())
            {
                var field = Find(document.RootElement, condition.Name);
                if (!Test(field, condition.Value))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static bool Test(JsonElement? field, JsonElement condition)
    {
        if (condition.ValueKind != JsonValueKind.Object || !condition.EnumerateObject().Any(p => p.Name.StartsWith('$')))
        {
            return field is { } f && JsonElement.DeepEquals(f, condition);
        }

        foreach (var op in condition.EnumerateObject())
        {
            var ok = op.Name switch
            {
                "$eq" => field is { } f && JsonElement.DeepEquals(f, op.Value),
                "$ne" => field is not { } g || !JsonElement.DeepEquals(g, op.Value),
                "$gt" => Compare(field, op.Value) is > 0,
                "$gte" => Compare(field, op.Value) is >= 0,
                "$lt" => Compare(field, op.Value) is < 0,
                "$lte" => Compare(field, op.Value) is <= 0,
                "$in" => field is { } h && op.Value.ValueKind == JsonValueKind.Array && op.Value.EnumerateArray().Any(v => JsonElement.DeepEquals(h, v)),
                "$exists" => (field is not null) == (op.Value.ValueKind == JsonValueKind.True),
                _ => throw new NotSupportedException($"the in-memory ledger does not support the operator {op.Name}"),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static int? Compare(JsonElement? field, JsonElement operand)
    {
        if (field is not { } f || f.ValueKind != operand.ValueKind)
        {
            return null;
        }

        return f.ValueKind switch
        {
            JsonValueKind.Number => f.GetDecimal().CompareTo(operand.GetDecimal()),
            JsonValueKind.String => string.CompareOrdinal(f.GetString(), operand.GetString()),
            _ => null,
        };
    }
}
