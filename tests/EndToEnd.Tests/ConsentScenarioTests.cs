using EndToEnd.Tests.Infrastructure;
using HealthRecords.Client;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;
using TestSupport;
using static EndToEnd.Tests.Infrastructure.Scenario;

namespace EndToEnd.Tests;

/// <summary>The hospital adds lab results; the clinic reads them only while alice's consent is in force.</summary>
[Collection(NetworkCollection.Name)]
public sealed class ConsentScenarioTests(NetworkFixture network) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await network.EnsureAliceRegisteredAsync();
        await network.RevokeActiveConsentsAsync("Org2MSP");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ClinicRead_ConsentGrantedThenRevoked_AllowedOnlyWhileGranted()
    {
        var lab = await network.AddRecordAsync(HospitalDoctor, $"HbA1c 5.6 % ({Guid.NewGuid():N})");
        var clinic = network.Client(ClinicDoctor);

        // Before any consent: refused, and nothing is logged. A clinic that no consent of the patient names
        // gets the NOT_FOUND of a missing id; one that a consent from an earlier test names is told FORBIDDEN.
        var before = await Assert.ThrowsAsync<HealthRecordsException>(
            () => clinic.ReadRecordAsync(new ReadRecordRequest(lab.Record.RecordId, "treatment")).WaitAsync(TestTimeouts.Long));
        Assert.True(before.Code is HealthRecordsErrorCode.Forbidden or HealthRecordsErrorCode.NotFound, before.Message);

        var consent = await network.GrantAsync(new Grantee("organization", "Org2MSP"), "read", "laboratory");
        var read = await clinic.ReadRecordAsync(new ReadRecordRequest(lab.Record.RecordId, "treatment")).WithTimeout();

        Assert.Equal(lab.Record.RecordId, read.Record.RecordId);
        Assert.Equal(lab.Record.ContentHash, read.Record.ContentHash);
        var leaf = HistoryProofs.VerifyRecord(read.Record, read.Salt, read.Proof);
        Assert.Equal(lab.History.LeafIndex, read.Proof.LeafIndex);
        Assert.Equal(HistoryLeafTypes.RecordAdded, leaf.Type);
        Assert.StartsWith("HbA1c 5.6 %", await network.FetchVerifiedAsync(read.Record), StringComparison.Ordinal);
        Assert.Equal("consent", read.Access.Basis);
        Assert.Equal(consent.ConsentId, read.Access.ConsentId);

        await network.RevokeAsync(consent.ConsentId);
        var refusal = await AssertForbiddenAsync(() => clinic.ReadRecordAsync(new ReadRecordRequest(lab.Record.RecordId, "treatment")));

        Assert.Equal("consent-revoked", refusal.Reason);
    }

    [Fact]
    public async Task AccessLog_AfterConsentedRead_RecordsReaderPurposeAndConsent()
    {
        var lab = await network.AddRecordAsync(HospitalDoctor, $"ferritin 80 ug/L ({Guid.NewGuid():N})");
        var consent = await network.GrantAsync(new Grantee("organization", "Org2MSP"), "read", "laboratory");
        try
        {
            var read = await network.Client(ClinicDoctor).ReadRecordAsync(new ReadRecordRequest(lab.Record.RecordId, "treatment")).WithTimeout();

            var log = await ReadAccessLogAsync(Alice);

            var entry = Assert.Single(log, e => e.AccessId == read.Access.AccessId);
            Assert.Equal([lab.Record.RecordId], entry.RecordIds);
            Assert.Equal("Org2MSP", entry.Accessor.MspId);
            Assert.Equal("provider", entry.Accessor.Role);
            Assert.Equal("treatment", entry.Purpose);
            Assert.Equal(consent.ConsentId, entry.ConsentId);
            Assert.False(entry.Emergency);
        }
        finally
        {
            await network.RevokeAsync(consent.ConsentId);
        }
    }

    [Fact]
    public async Task ClinicRead_OutsideConsentScope_RefusedWithScopeMismatch()
    {
        var reading = await network.AddRecordAsync(HospitalDoctor, $"blood pressure 120/80 ({Guid.NewGuid():N})", "vital-signs", "Observation");
        var consent = await network.GrantAsync(new Grantee("organization", "Org2MSP"), "read", "laboratory");
        try
        {
            var refusal = await AssertForbiddenAsync(() => network.Client(ClinicDoctor).ReadRecordAsync(new ReadRecordRequest(reading.Record.RecordId, "treatment")));

            Assert.Equal("scope-mismatch", refusal.Reason);
        }
        finally
        {
            await network.RevokeAsync(consent.ConsentId);
        }
    }

    [Fact]
    public async Task CheckAccess_ClinicWithLabConsent_AllowedForLaboratoryOnly()
    {
        var consent = await network.GrantAsync(new Grantee("organization", "Org2MSP"), "read", "laboratory");
        try
        {
            var clinic = network.Client(ClinicDoctor);
            var lab = await clinic.CheckAccessAsync(new CheckAccessRequest(AlicePatientId, "read", "treatment", null, "laboratory")).WithTimeout();
            var imaging = await clinic.CheckAccessAsync(new CheckAccessRequest(AlicePatientId, "read", "treatment", null, "imaging")).WithTimeout();

            Assert.True(lab.Allowed);
            Assert.Equal("consent", lab.Basis);
            Assert.False(imaging.Allowed);
        }
        finally
        {
            await network.RevokeAsync(consent.ConsentId);
        }
    }

    private async Task<List<AccessEntry>> ReadAccessLogAsync(string identity)
    {
        var entries = new List<AccessEntry>();
        string? bookmark = null;
        do
        {
            var page = await network.Client(identity).ListAccessLogAsync(new ListAccessLogRequest(AlicePatientId, 200, bookmark)).WithTimeout();
            entries.AddRange(page.Entries);
            bookmark = page.Bookmark.Length > 0 ? page.Bookmark : null;
        }
        while (bookmark is not null);
        return entries;
    }
}
