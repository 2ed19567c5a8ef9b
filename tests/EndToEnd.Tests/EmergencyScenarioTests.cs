using EndToEnd.Tests.Infrastructure;
using HealthRecords.Domain.Contracts;
using TestSupport;
using static EndToEnd.Tests.Infrastructure.Scenario;

namespace EndToEnd.Tests;

/// <summary>Break-glass: only the emergency role, always logged, flagged for the patient and auditors.</summary>
[Collection(NetworkCollection.Name)]
public sealed class EmergencyScenarioTests(NetworkFixture network) : IAsyncLifetime
{
    public Task InitializeAsync() => network.EnsureAliceRegisteredAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EmergencyAccess_ErPhysician_ReleasesRecordsAndIsFlaggedInAccessLog()
    {
        var lab = await network.AddRecordAsync(HospitalDoctor, $"troponin negative ({Guid.NewGuid():N})");
        var reason = $"unconscious patient, ER bay 3 ({Guid.NewGuid():N})";

        var response = await network.Client(ErPhysician).EmergencyAccessAsync(new EmergencyAccessRequest(AlicePatientId, reason, lab.Record.RecordId)).WithTimeout();
        var log = await network.Client(Alice).ListAccessLogAsync(new ListAccessLogRequest(AlicePatientId, 200)).WithTimeout();
        var audited = await network.Client(Auditor).ListAccessLogAsync(new ListAccessLogRequest(AlicePatientId, 200)).WithTimeout();

        Assert.Equal([lab.Record.RecordId], response.Records.Select(r => r.RecordId));
        Assert.True(response.Access.Emergency);
        Assert.Equal("break-glass", response.Access.Basis);
        var entry = await FindAsync(Alice, response.Access.AccessId);
        Assert.True(entry.Emergency);
        Assert.Equal(reason, entry.Reason);
        Assert.Equal("emergency", entry.Accessor.Role);
        Assert.Equal("emergency", entry.Purpose);
        var seenByAuditor = await FindAsync(Auditor, response.Access.AccessId);
        Assert.Equal((entry.HistoryIndex, entry.TxId, entry.Reason), (seenByAuditor.HistoryIndex, seenByAuditor.TxId, seenByAuditor.Reason));
        Assert.NotEmpty(log.Entries);
        Assert.NotEmpty(audited.Entries);
    }

    [Fact]
    public async Task EmergencyAccess_Provider_Refused()
    {
        await AssertForbiddenAsync(() => network.Client(ClinicDoctor).EmergencyAccessAsync(new EmergencyAccessRequest(AlicePatientId, "just curious")));
    }

    [Fact]
    public async Task ListAccessLog_Provider_Refused()
    {
        await AssertForbiddenAsync(() => network.Client(ClinicDoctor).ListAccessLogAsync(new ListAccessLogRequest(AlicePatientId)));
    }

    private async Task<AccessEntry> FindAsync(string identity, string accessId)
    {
        string? bookmark = null;
        do
        {
            var page = await network.Client(identity).ListAccessLogAsync(new ListAccessLogRequest(AlicePatientId, 200, bookmark)).WithTimeout();
            var found = page.Entries.FirstOrDefault(e => e.AccessId == accessId);
            if (found is not null)
            {
                return found;
            }

            bookmark = page.Bookmark.Length > 0 ? page.Bookmark : null;
        }
        while (bookmark is not null);
        throw new Xunit.Sdk.XunitException($"access {accessId} is not in the log read by {identity}");
    }
}
