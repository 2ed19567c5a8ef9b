using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Merkle;

namespace HealthRecords.Domain.Tests.Support;

/// <summary>Checks the hex/base64 proof contracts with the Merkle verifier, as an off-chain client would.</summary>
public static class HistoryVerifier
{
    public static bool VerifyInclusion(HistoryProof proof)
    {
        var leafHash = proof.Leaf is null
            ? Convert.FromHexString(proof.LeafHash ?? string.Empty)
            : MerkleHash.Leaf(Convert.FromBase64String(proof.Leaf));
        var path = proof.AuditPath.Select(Convert.FromHexString).ToList();
        return MerkleProofs.VerifyInclusion(leafHash, proof.LeafIndex, proof.TreeSize, path, Convert.FromHexString(proof.RootHash));
    }

    public static bool VerifyConsistency(HistoryConsistencyResponse proof) =>
        MerkleProofs.VerifyConsistency(
            proof.FromSize,
            proof.ToSize,
            Convert.FromHexString(proof.FromRoot),
            Convert.FromHexString(proof.ToRoot),
            proof.Proof.Select(Convert.FromHexString).ToList());
}
