using System.Text.Json;
using static Hyperledger.Fabric.Gateway.ConnectionProfileJson;

namespace HealthRecords.Client.Profiles;

/// <content>Named identities: a PEM key file (<c>keyPath</c>) or a key in a PKCS#11 token (<c>hsm</c>).</content>
internal static partial class ConnectionProfileReader
{
    private static readonly HashSet<string> HsmProperties = new(StringComparer.Ordinal) { "library", "tokenLabel", "slot", "pin", "pinEnv", "keyLabel", "keyId" };

    private static ConnectionProfileIdentity ReadIdentity(string name, JsonElement identity, string field, string baseDirectory, string source)
    {
        var mspId = RequiredString(identity, "mspid", field, source);
        var certificate = ResolvePath(baseDirectory, RequiredString(identity, "certPath", field, source));
        var keyPath = OptionalString(identity, "keyPath", source);
        var hasHsm = identity.TryGetProperty("hsm", out var hsm) && hsm.ValueKind != JsonValueKind.Null;
        if (keyPath is not null && hasHsm)
        {
            throw new InvalidDataException($"{source}: {field} has both keyPath and hsm: give one (a PEM key file or a key in a PKCS#11 token)");
        }

        if (keyPath is null && !hasHsm)
        {
            throw new InvalidDataException($"{source}: {field} needs keyPath (a PEM key file) or hsm (a key in a PKCS#11 token)");
        }

        var peer = OptionalString(identity, "peer", source);
        return hasHsm
            ? new ConnectionProfileIdentity(name, mspId, certificate, null, peer) { Hsm = ReadHsm(hsm, field + ".hsm", baseDirectory, source) }
            : new ConnectionProfileIdentity(name, mspId, certificate, ResolvePath(baseDirectory, keyPath), peer);
    }

    // Strict: an unknown or misspelt property (say "pinenv") would otherwise silently fall back to another
    // field. Messages name fields, never the PIN's value.
    private static ConnectionProfileHsm ReadHsm(JsonElement hsm, string field, string baseDirectory, string source)
    {
        if (hsm.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source}: {field} must be an object");
        }

        foreach (var property in hsm.EnumerateObject())
        {
            if (!HsmProperties.Contains(property.Name))
            {
                throw new InvalidDataException($"{source}: {field}.{property.Name} is not a known property (known: {string.Join(", ", HsmProperties)})");
            }
        }

        var library = ResolvePath(baseDirectory, RequiredString(hsm, "library", field, source));
        var tokenLabel = NonEmpty(hsm, "tokenLabel", field, source);
        var slot = ReadSlot(hsm, field, source);
        if ((tokenLabel is null) == (slot is null))
        {
            throw new InvalidDataException($"{source}: {field} needs exactly one of tokenLabel and slot");
        }

        var pin = NonEmpty(hsm, "pin", field, source);
        var pinEnv = NonEmpty(hsm, "pinEnv", field, source);
        if ((pin is null) == (pinEnv is null))
        {
            throw new InvalidDataException($"{source}: {field} needs exactly one of pin and pinEnv (the name of an environment variable holding the PIN)");
        }

        var keyLabel = NonEmpty(hsm, "keyLabel", field, source);
        var keyId = ReadKeyId(hsm, field, source);
        if (keyLabel is null && keyId is null)
        {
            throw new InvalidDataException($"{source}: {field} needs keyLabel, keyId (hex CKA_ID) or both");
        }

        return new ConnectionProfileHsm
        {
            LibraryPath = library,
            TokenLabel = tokenLabel,
            Slot = slot,
            Pin = pin,
            PinEnvironmentVariable = pinEnv,
            KeyLabel = keyLabel,
            KeyId = keyId,
        };
    }

    private static string? NonEmpty(JsonElement parent, string property, string field, string source)
    {
        var value = OptionalString(parent, property, $"{source}: {field}");
        return value is { Length: 0 } ? throw new InvalidDataException($"{source}: {field}.{property} must not be empty") : value;
    }

    private static ulong? ReadSlot(JsonElement hsm, string field, string source)
    {
        if (!hsm.TryGetProperty("slot", out var slot) || slot.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return slot.ValueKind == JsonValueKind.Number && slot.TryGetUInt64(out var id)
            ? id
            : throw new InvalidDataException($"{source}: {field}.slot must be a non-negative integer");
    }

    private static byte[]? ReadKeyId(JsonElement hsm, string field, string source)
    {
        if (NonEmpty(hsm, "keyId", field, source) is not { } hex)
        {
            return null;
        }

        if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new InvalidDataException($"{source}: {field}.keyId must be the CKA_ID in hex (an even number of 0-9, a-f), not '{hex}'");
        }

        return Convert.FromHexString(hex);
    }
}
