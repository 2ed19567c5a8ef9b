using System.Text;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// A verified read: the pointer, its checked proof, the access entry (logged reads), the stored bytes that
/// matched the on-chain hash, the content after decryption and signature checks, and the device signer.
/// </summary>
internal sealed record RecordReadResult(RecordPointer Record, HistoryProof Proof, AccessEntry? Access, byte[]? Stored, byte[]? Content, string? Signer)
{
    /// <summary>The <c>--json</c> document of <c>record get</c>.</summary>
    public object ToJson(string? writtenTo) => new
    {
        record = Record,
        proof = new { verified = true, leafIndex = Proof.LeafIndex, treeSize = Proof.TreeSize, rootHash = Proof.RootHash },
        access = Access,
        content = Stored is null
            ? null
            : new
            {
                verified = true,
                sha256 = Record.ContentHash,
                size = Stored.LongLength,
                signer = Signer,
                text = Content is not null && IsText(Content) ? Encoding.UTF8.GetString(Content) : null,
                writtenTo,
            },
    };

    private static bool IsText(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
