using System.Text.Json;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Merkle;

namespace HealthRecords.Client.Proofs;

/// <summary>
/// Client-side checks of the chaincode's RFC 9162 proofs (docs/merkle.md). Each method recomputes the
/// leaf hash from the leaf bytes it received (never from a re-serialisation), runs the domain's
/// <see cref="MerkleProofs"/>, and, for items, checks that the proven leaf describes the returned item.
/// A proof only shows that the item is in the tree whose root came with it: trust the root itself through
/// a verifiable read or a consistency proof to a root verified earlier (<see cref="IVerifiedRootStore"/>).
/// </summary>
public static class HistoryProofs
{
    /// <summary>
    /// Verifies an inclusion proof and returns the proven leaf's bytes (canonical <c>HistoryLeaf</c> JSON). A proof
    /// whose leaf was withheld (<see cref="HistoryProof.LeafHash"/> set, no <c>leaf</c>) verifies from the leaf hash
    /// and returns an empty array: the log is proven, the withheld leaf stays unknown.
    /// </summary>
    /// <param name="proof">The proof as returned by <c>GetHistoryEntry</c>, <c>GetRecord</c>, <c>GetConsent</c> or <c>ReadAccessedRecords</c>.</param>
    /// <returns>The leaf bytes, or an empty array for a withheld leaf.</returns>
    /// <exception cref="ProofVerificationException">The proof is malformed or does not prove the leaf into the root.</exception>
    public static byte[] VerifyInclusion(HistoryProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        byte[] leaf = [];
        byte[] leafHash;
        if (proof.Leaf is null && proof.LeafHash is not null)
        {
            leafHash = DecodeHash(proof.PatientId, proof.LeafHash, "leafHash");
        }
        else
        {
            try
            {
                leaf = Convert.FromBase64String(proof.Leaf ?? string.Empty);
            }
            catch (FormatException e)
            {
                throw new ProofVerificationException($"History of '{proof.PatientId}': the leaf is not base64.", e);
            }

            leafHash = MerkleHash.Leaf(leaf);
        }

        var root = DecodeHash(proof.PatientId, proof.RootHash, "rootHash");
        var path = new List<ReadOnlyMemory<byte>>(proof.AuditPath?.Count ?? 0);
        foreach (var node in proof.AuditPath ?? [])
        {
            path.Add(DecodeHash(proof.PatientId, node, "auditPath"));
        }

        if (!MerkleProofs.VerifyInclusion(leafHash, proof.LeafIndex, proof.TreeSize, path, root))
        {
            throw new ProofVerificationException(
                proof.PatientId, $"leaf {proof.LeafIndex} does not hash into root {proof.RootHash} at size {proof.TreeSize}.");
        }

        return leaf;
    }

    /// <summary>
    /// Verifies that <paramref name="proof"/> proves the leaf that added (or corrected) <paramref name="record"/>:
    /// the proof verifies, the leaf is a record leaf of the same patient at the record's <c>historyIndex</c>, and
    /// it names the record as returned: a format-2 leaf's commitment must match the record under
    /// <paramref name="salt"/>; a legacy format-1 leaf's subject must equal the record in every member except
    /// <c>supersededBy</c> (set later by a correction).
    /// </summary>
    /// <param name="record">The returned record pointer.</param>
    /// <param name="salt">The record's salt as returned with it (hex); null only for a record whose leaf predates commitments.</param>
    /// <param name="proof">The returned proof.</param>
    /// <returns>The proven leaf's type and position; its subject is the commitment (format 2) or the pointer (format 1).</returns>
    /// <exception cref="ProofVerificationException">The proof or the record does not verify.</exception>
    public static HistoryLeaf<JsonElement> VerifyRecord(RecordPointer record, string? salt, HistoryProof proof)
    {
        ArgumentNullException.ThrowIfNull(record);
        var bytes = VerifyInclusion(proof);
        var leaf = ParseLeaf<JsonElement>(proof, bytes);
        CheckLeaf(proof, leaf.PatientId, record.PatientId, record.HistoryIndex, leaf.Type, HistoryLeafTypes.RecordAdded, HistoryLeafTypes.RecordSuperseded);
        var matches = leaf.Version switch
        {
            2 => salt is not null && TryDecode(salt, out var key)
                && ParseLeaf<RecordCommitment>(proof, bytes).Subject.Matches(record, key),
            1 => SameJson(ParseLeaf<RecordPointer>(proof, bytes).Subject, record with { SupersededBy = null }),
            _ => false,
        };
        if (!matches)
        {
            throw new ProofVerificationException(proof.PatientId, $"the proven leaf does not describe record {record.RecordId} as returned.");
        }

        return leaf;
    }

    /// <summary>Verifies a <c>GetRecord</c> or <c>ReadAccessedRecords</c> item: see <see cref="VerifyRecord(RecordPointer, string?, HistoryProof)"/>.</summary>
    /// <param name="item">The record, its proof and its salt.</param>
    /// <returns>The proven leaf.</returns>
    /// <exception cref="ProofVerificationException">The proof or the record does not verify.</exception>
    public static HistoryLeaf<JsonElement> VerifyRecord(RecordWithProofResponse item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return VerifyRecord(item.Record, item.Salt, item.Proof);
    }

    /// <summary>
    /// Verifies that <paramref name="proof"/> proves <paramref name="consent"/>'s latest leaf
    /// (<c>consent-revoked</c> if revoked, else <c>consent-granted</c>) and that the leaf's subject equals the consent.
    /// </summary>
    /// <param name="consent">The returned consent.</param>
    /// <param name="proof">The returned proof.</param>
    /// <returns>The proven leaf.</returns>
    /// <exception cref="ProofVerificationException">The proof or the consent does not verify.</exception>
    public static HistoryLeaf<Consent> VerifyConsent(Consent consent, HistoryProof proof)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var leaf = ParseLeaf<Consent>(proof, VerifyInclusion(proof));
        var revoked = consent.Revocation is not null;
        CheckLeaf(
            proof,
            leaf.PatientId,
            consent.PatientId,
            consent.Revocation?.HistoryIndex ?? consent.HistoryIndex,
            leaf.Type,
            revoked ? HistoryLeafTypes.ConsentRevoked : HistoryLeafTypes.ConsentGranted);
        if (!SameJson(leaf.Subject, consent))
        {
            throw new ProofVerificationException(proof.PatientId, $"the proven leaf does not describe consent {consent.ConsentId} as returned.");
        }

        return leaf;
    }

    /// <summary>
    /// Checks that <paramref name="toRoot"/> at <paramref name="toSize"/> extends <paramref name="fromRoot"/> at
    /// <paramref name="fromSize"/>, using the proof nodes of <paramref name="response"/> only: the roots it
    /// names must equal the ones given, which the caller trusts (or wants to check).
    /// </summary>
    /// <param name="response">A <c>GetHistoryConsistency</c> answer for these sizes.</param>
    /// <param name="fromSize">The older size.</param>
    /// <param name="fromRoot">The older root (hex).</param>
    /// <param name="toSize">The newer size.</param>
    /// <param name="toRoot">The newer root (hex).</param>
    /// <returns>True if the proof shows the newer tree extends the older one; false otherwise (never throws for bad proofs).</returns>
    public static bool VerifyConsistency(HistoryConsistencyResponse response, long fromSize, string fromRoot, long toSize, string toRoot)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.FromSize != fromSize || response.ToSize != toSize
            || !string.Equals(response.FromRoot, fromRoot, StringComparison.Ordinal)
            || !string.Equals(response.ToRoot, toRoot, StringComparison.Ordinal)
            || !TryDecode(fromRoot, out var from) || !TryDecode(toRoot, out var to))
        {
            return false;
        }

        var path = new List<ReadOnlyMemory<byte>>(response.Proof?.Count ?? 0);
        foreach (var node in response.Proof ?? [])
        {
            if (!TryDecode(node, out var bytes))
            {
                return false;
            }

            path.Add(bytes);
        }

        return MerkleProofs.VerifyConsistency(fromSize, toSize, from, to, path);
    }

    private static HistoryLeaf<T> ParseLeaf<T>(HistoryProof proof, byte[] leaf)
    {
        try
        {
            return JsonSerializer.Deserialize<HistoryLeaf<T>>(leaf, HealthRecordsJson.Options)
                ?? throw new ProofVerificationException(proof.PatientId, "the leaf is null.");
        }
        catch (JsonException e)
        {
            throw new ProofVerificationException($"History of '{proof.PatientId}': leaf {proof.LeafIndex} is not a {typeof(T).Name} leaf: {e.Message}", e);
        }
    }

    private static void CheckLeaf(HistoryProof proof, string leafPatient, string itemPatient, long itemIndex, string leafType, params string[] allowedTypes)
    {
        if (!string.Equals(leafPatient, proof.PatientId, StringComparison.Ordinal) || !string.Equals(itemPatient, proof.PatientId, StringComparison.Ordinal))
        {
            throw new ProofVerificationException(proof.PatientId, $"the proof, its leaf ({leafPatient}) and the item ({itemPatient}) name different patients.");
        }

        if (itemIndex != proof.LeafIndex)
        {
            throw new ProofVerificationException(proof.PatientId, $"the item says it is leaf {itemIndex} but the proof is for leaf {proof.LeafIndex}.");
        }

        if (!allowedTypes.Contains(leafType, StringComparer.Ordinal))
        {
            throw new ProofVerificationException(proof.PatientId, $"leaf {proof.LeafIndex} is a '{leafType}' leaf, not {string.Join(" or ", allowedTypes)}.");
        }
    }

    private static bool SameJson<T>(T a, T b) =>
        HealthRecordsJson.Serialize(a).AsSpan().SequenceEqual(HealthRecordsJson.Serialize(b));

    private static byte[] DecodeHash(string patientId, string? hex, string field) =>
        TryDecode(hex, out var bytes)
            ? bytes
            : throw new ProofVerificationException(patientId, $"{field} '{hex}' is not a 64-digit lowercase hex hash.");

    internal static bool TryDecode(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is null || hex.Length != 2 * MerkleHash.Size || !hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return false;
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }
}
