using System.Security.Cryptography;
using System.Text;

namespace HealthRecords.Domain.Internal;

/// <summary>
/// A record's commitment salt. It must be the same on every endorser (so no random numbers) and not
/// guessable from anything a verifier sees: it derives from the proposal's binding, which hashes the
/// client's random nonce, and is stored beside the pointer, readable only through the calls that return
/// the pointer.
/// </summary>
internal static class RecordSalts
{
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("hrec.record-salt.v1\0");

    public static byte[] Derive(ReadOnlySpan<byte> binding, string recordId)
    {
        if (binding.Length < 32)
        {
            // Without the binding the salt would derive from public values only, and the commitment could be brute-forced.
            throw new InvalidOperationException("The transaction has no proposal binding to derive a record salt from.");
        }

        var id = Encoding.UTF8.GetBytes(recordId);
        var input = new byte[Label.Length + binding.Length + id.Length];
        Label.CopyTo(input, 0);
        binding.CopyTo(input.AsSpan(Label.Length));
        id.CopyTo(input, Label.Length + binding.Length);
        return SHA256.HashData(input);
    }
}
