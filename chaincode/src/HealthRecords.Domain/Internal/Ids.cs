using System.Security.Cryptography;
using System.Text;

namespace HealthRecords.Domain.Internal;

/// <summary>
/// Identifiers derived from the transaction id: <c>prefix-</c> followed by the first 40 hex digits of
/// SHA-256("prefix:txId"). Every endorser computes the same id, and ids of different kinds never collide.
/// </summary>
internal static class Ids
{
    public const string RecordPrefix = "rec";
    public const string ConsentPrefix = "con";
    public const string AccessPrefix = "acc";

    public static string Derive(string prefix, string txId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prefix + ":" + txId));
        return prefix + "-" + Convert.ToHexStringLower(hash)[..40];
    }
}
