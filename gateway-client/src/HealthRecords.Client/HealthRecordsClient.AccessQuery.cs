using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;
using HealthRecords.Client.Internal;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Client;

/// <content>Signed access queries for a custodian's <see cref="ConsentGuard"/>.</content>
public sealed partial class HealthRecordsClient
{
    /// <summary>
    /// Builds a <c>ReadAccessedRecords</c> proposal for a committed access entry of this client's identity (from
    /// <see cref="RequestAccessAsync"/> or break-glass), signs it with <paramref name="signer"/> (this identity's
    /// key), and returns it for a data server's <see cref="ConsentGuard"/>. Nothing is sent to the ledger.
    /// </summary>
    /// <param name="access">The committed access entry (its patient and id are used).</param>
    /// <param name="signer">The signer of this client's identity.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <returns>The signed query.</returns>
    public async Task<AccessQuery> CreateAccessQueryAsync(AccessEntry access, ISigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(signer);
        var request = new AccessedRecordsRequest(access.PatientId, access.AccessId);
        var proposal = Contract.NewProposal(
            Functions.ReadAccessedRecords, new ProposalOptions { Arguments = [HealthRecordsJson.Serialize(request)] });
        var signature = await signer.SignAsync(proposal.Digest, cancellationToken).ConfigureAwait(false);
        return new AccessQuery(proposal.Bytes, signature);
    }
}
