using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>
/// The subject of a record leaf (format version 2): the record's id and version and a commitment to its
/// pointer, never the pointer itself, so anyone may verify the log without learning where the content
/// lives or what it hashes to (docs/merkle.md, "Record leaves").
/// </summary>
/// <param name="RecordId">The record version the leaf added.</param>
/// <param name="Version">1 for the first version, one more for each correction.</param>
/// <param name="Supersedes">The record id this version corrects, or null.</param>
/// <param name="Commitment">
/// <see cref="Compute"/> of the pointer: HMAC-SHA-256 keyed with the record's salt over the pointer's canonical
/// JSON (with <c>supersededBy</c> null), 64 lowercase hex digits.
/// </param>
public sealed record RecordCommitment(
    [property: JsonPropertyName("recordId"), JsonPropertyOrder(0)] string RecordId,
    [property: JsonPropertyName("version"), JsonPropertyOrder(1)] int Version,
    [property: JsonPropertyName("supersedes"), JsonPropertyOrder(2)] string? Supersedes,
    [property: JsonPropertyName("commitment"), JsonPropertyOrder(3)] string Commitment)
{
    /// <summary>The size of a record salt in bytes.</summary>
    public const int SaltSize = 32;

    /// <summary>The leaf subject that commits to <paramref name="record"/> under <paramref name="salt"/>.</summary>
    /// <param name="record">The pointer as stored by the adding transaction.</param>
    /// <param name="salt">The record's salt, <see cref="SaltSize"/> bytes.</param>
    /// <returns>The subject.</returns>
    public static RecordCommitment For(RecordPointer record, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.RecordId, record.Version, record.Supersedes, Compute(record, salt));
    }

    /// <summary>
    /// The commitment: HMAC-SHA-256(key = salt, message = canonical JSON of <paramref name="record"/> with
    /// <c>supersededBy</c> null, the one member a later correction changes), as 64 lowercase hex digits.
    /// </summary>
    /// <param name="record">The pointer.</param>
    /// <param name="salt">The record's salt, <see cref="SaltSize"/> bytes.</param>
    /// <returns>The commitment.</returns>
    /// <exception cref="ArgumentException">The salt is not <see cref="SaltSize"/> bytes.</exception>
    public static string Compute(RecordPointer record, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"A record salt is {SaltSize} bytes, not {salt.Length}.", nameof(salt));
        }

        var mac = HMACSHA256.HashData(salt, HealthRecordsJson.Serialize(record with { SupersededBy = null }));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>True when this commitment names <paramref name="record"/> under <paramref name="salt"/> (compared in constant time).</summary>
    /// <param name="record">The pointer the reader received.</param>
    /// <param name="salt">The salt that came with it, <see cref="SaltSize"/> bytes.</param>
    /// <returns>Whether id, version, supersedes and the commitment all match.</returns>
    public bool Matches(RecordPointer record, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (salt.Length != SaltSize || record.RecordId != RecordId || record.Version != Version || record.Supersedes != Supersedes)
        {
            return false;
        }

        var expected = System.Text.Encoding.ASCII.GetBytes(Compute(record, salt));
        var actual = System.Text.Encoding.ASCII.GetBytes(Commitment);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
