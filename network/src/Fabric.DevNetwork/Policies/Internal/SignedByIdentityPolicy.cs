namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>
/// A leaf naming one identity (an MSPPrincipal of classification IDENTITY): satisfied by a signer of that MSP
/// whose certificate is the same certificate, as Fabric's MSP compares the raw certificates.
/// </summary>
internal sealed class SignedByIdentityPolicy(string mspId, string certificateHash) : EndorsementPolicy
{
    public override string ToString() => $"'{mspId}' identity {certificateHash[..Math.Min(16, certificateHash.Length)]}";

    private protected override bool Evaluate(PolicyIdentity[] signers, bool[] used, IReadOnlyCollection<string> channelMspIds)
    {
        for (var i = 0; i < signers.Length; i++)
        {
            if (!used[i]
                && string.Equals(signers[i].MspId, mspId, StringComparison.Ordinal)
                && string.Equals(signers[i].CertificateHash, certificateHash, StringComparison.Ordinal))
            {
                used[i] = true;
                return true;
            }
        }

        return false;
    }
}
