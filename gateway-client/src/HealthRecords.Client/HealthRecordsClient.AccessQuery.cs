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
    /// Builds a <c>CheckAccess</c> proposal asking whether this client's identity may read a record, signs it
    /// with <paramref name="signer"/> (this identity's key), and returns it for a data server's
    /// <see cref="ConsentGuard"/>. Nothing is sent to the ledger.
    /// </summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="recordId">The record to be read.</param>
    /// <param name="purpose">Why (e.g. <c>treatment</c>).</param>
    /// <param name="signer">The signer of this client's identity.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <returns>The signed query.</returns>
    public async Task<AccessQuery> CreateAccessQueryAsync(
        string patientId, string recordId, string purpose, ISigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var request = new CheckAccessRequest(patientId, "read", purpose, recordId);
        var proposal = Contract.NewProposal(
            Functions.CheckAccess, new ProposalOptions { Arguments = [HealthRecordsJson.Serialize(request)] });
        var signature = await signer.SignAsync(proposal.Digest, cancellationToken).ConfigureAwait(false);
        return new AccessQuery(proposal.Bytes, signature);
    }
}
