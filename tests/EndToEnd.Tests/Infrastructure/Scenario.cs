using System.Text;
using HealthRecords.Client;
using HealthRecords.Client.OffChain;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace EndToEnd.Tests.Infrastructure;

/// <summary>The actors of the scenario (names in the profile) and the steps the tests share.</summary>
public static class Scenario
{
    public const string Alice = "alice";
    public const string AliceWatch = "alice-watch";
    public const string HospitalDoctor = "hospital-doctor";
    public const string ClinicDoctor = "clinic-doctor";
    public const string ErPhysician = "er-physician";
    public const string Researcher = "researcher";
    public const string Auditor = "auditor";
    public const string AlicePatientId = "pt-alice";

    /// <summary>Registers alice; on a long-lived network she may already be registered (CONFLICT), which is fine.</summary>
    public static async Task EnsureAliceRegisteredAsync(this NetworkFixture network)
    {
        try
        {
            await network.Client(Alice).RegisterPatientAsync(new RegisterPatientRequest(AlicePatientId)).WithTimeout();
        }
        catch (HealthRecordsException e) when (e.Code == HealthRecordsErrorCode.Conflict)
        {
            // registered by an earlier test or run
        }
    }

    /// <summary>
    /// Revokes alice's active consents for <paramref name="granteeValue"/> (an MSP id or role), so that a test
    /// starts from "no consent" even on a long-lived network where an interrupted earlier run left one.
    /// </summary>
    public static async Task RevokeActiveConsentsAsync(this NetworkFixture network, string granteeValue)
    {
        string? bookmark = null;
        do
        {
            var page = await network.Client(Alice).ListConsentsAsync(new ListConsentsRequest(AlicePatientId, 200, bookmark)).WithTimeout();
            foreach (var consent in page.Consents.Where(c => c.Status == "active" && c.Grantee.Value == granteeValue))
            {
                await network.RevokeAsync(consent.ConsentId);
            }

            bookmark = page.Bookmark.Length > 0 ? page.Bookmark : null;
        }
        while (bookmark is not null);
    }

    /// <summary>Stores <paramref name="text"/> off-chain, adds its pointer as <paramref name="author"/>, and waits until every organisation's peer has committed it.</summary>
    public static async Task<RecordResponse> AddRecordAsync(this NetworkFixture network, string author, string text, string category = "laboratory", string type = "DiagnosticReport", string? purpose = null)
    {
        var address = await network.Store.PutAsync(Encoding.UTF8.GetBytes(text)).WithTimeout();
        var added = await network.Client(author).AddRecordAsync(
            new AddRecordRequest(AlicePatientId, type, category, address.Uri, address.Hash, address.Size, "text/plain", purpose)).WithTimeout();
        await network.WaitForAllPeersAsync(added.Record.TxId);
        return added;
    }

    /// <summary>Grants a consent as alice, and waits until every organisation's peer has committed it.</summary>
    public static async Task<Consent> GrantAsync(this NetworkFixture network, Grantee grantee, string action, string category, string purpose = "treatment", int days = 30)
    {
        var response = await network.Client(Alice).GrantConsentAsync(
            new GrantConsentRequest(AlicePatientId, grantee, [action], new ConsentScope([category]), purpose, null, DateTimeOffset.UtcNow.AddDays(days))).WithTimeout();
        await network.WaitForAllPeersAsync(response.Consent.LastTransactionId());
        return response.Consent;
    }

    /// <summary>Revokes a consent as alice, and waits until every organisation's peer has committed the revocation.</summary>
    public static async Task RevokeAsync(this NetworkFixture network, string consentId)
    {
        var response = await network.Client(Alice).RevokeConsentAsync(new ConsentRequest(AlicePatientId, consentId)).WithTimeout();
        await network.WaitForAllPeersAsync(response.Consent.LastTransactionId());
    }

    /// <summary>Asserts that <paramref name="call"/> is refused with FORBIDDEN and returns the refusal.</summary>
    public static async Task<HealthRecordsException> AssertForbiddenAsync(Func<Task> call)
    {
        var refusal = await Assert.ThrowsAsync<HealthRecordsException>(() => call().WaitAsync(TestTimeouts.Long));
        Assert.Equal(HealthRecordsErrorCode.Forbidden, refusal.Code);
        return refusal;
    }

    /// <summary>Fetches a pointer's content from the store and asserts it matches the on-chain hash and size.</summary>
    public static async Task<string> FetchVerifiedAsync(this NetworkFixture network, RecordPointer record)
    {
        Assert.True(ContentAddress.TryParseUri(record.Location, out var hash));
        var bytes = await network.Store.ReadAllBytesAsync(hash).WithTimeout();
        Assert.Equal(record.ContentHash, ContentHash.Compute(bytes));
        Assert.Equal(record.Size, bytes.LongLength);
        return Encoding.UTF8.GetString(bytes);
    }
}
