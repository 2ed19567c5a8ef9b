using System.Text;
using HealthRecords.Client.Proofs;
using HealthRecords.Client.Tests.Support;
using HealthRecords.Domain.Contracts;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace HealthRecords.Client.Tests;

/// <summary>What the typed client logs, over the real domain on an in-memory world (see <see cref="ClientScenario"/>).</summary>
public sealed class HealthRecordsClientLogTests : IDisposable
{
    private const int HistoryRewrittenEventId = 2105;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _factory;

    public HealthRecordsClientLogTests() => _factory = _logs.CreateFactory();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SyncHistoryRootAsync_RewrittenHistory_LogsOneRewriteWarningWithoutRecordContent()
    {
        using var s = new ClientScenario(new HealthRecordsClientOptions { RootStore = new InMemoryVerifiedRootStore(), LoggerFactory = _factory });
        await s.SeedAsync(records: 3);
        await s.As(People.Audrey).SyncHistoryRootAsync(People.Patient).WithTimeout();
        using (var forged = new ClientScenario(seed: "forged"))
        {
            await forged.SeedAsync(records: 5);
            s.Contract.World = forged.World;
        }

        await Assert.ThrowsAsync<HistoryRewrittenException>(() => s.As(People.Audrey).SyncHistoryRootAsync(People.Patient).WithTimeout());

        var warning = Assert.Single(_logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(HistoryRewrittenEventId, warning.EventId.Id);
        Assert.Contains(new KeyValuePair<string, object?>("PatientId", People.Patient), warning.Values);
        Assert.Contains(new KeyValuePair<string, object?>("TrustedSize", 4L), warning.Values);
        Assert.Contains(new KeyValuePair<string, object?>("PresentedSize", 6L), warning.Values);
        AssertNoRecordContent();
    }

    [Fact]
    public async Task SyncHistoryRootAsync_HistoryGrew_LogsAdvanceAtInformation()
    {
        using var s = new ClientScenario(new HealthRecordsClientOptions { RootStore = new InMemoryVerifiedRootStore(), LoggerFactory = _factory });
        await s.SeedAsync(records: 3);

        await s.As(People.Audrey).SyncHistoryRootAsync(People.Patient).WithTimeout();

        // The first record's append is trusted at size 1; the next two records and the consent advance it to 4; the sync finds nothing new.
        var advanced = _logs.Entries.Where(e => e.EventId.Id == 2103).ToList();
        Assert.All(advanced, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.Equal(3, advanced.Count);
        Assert.Contains(new KeyValuePair<string, object?>("ToSize", 4L), advanced[^1].Values);
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 2100 && e.Level == LogLevel.Debug && e.Message.Contains("GetHistoryRoot", StringComparison.Ordinal));
        AssertNoRecordContent();
    }

    [Fact]
    public async Task GetRecordAsync_TamperedLocation_LogsProofFailureWarningWithoutRecordContent()
    {
        using var s = new ClientScenario(new HealthRecordsClientOptions { LoggerFactory = _factory });
        var (first, _) = await s.SeedAsync(records: 2);
        s.Contract.Tamper = (function, json) => function == "GetRecord"
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(json).Replace("fhir.org1.example.com", "fhir.evil.example.com", StringComparison.Ordinal))
            : json;

        await Assert.ThrowsAsync<ProofVerificationException>(() => s.As(People.Alice).GetRecordAsync(new GetRecordRequest(first.RecordId)).WithTimeout());

        var warning = Assert.Single(_logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(2104, warning.EventId.Id);
        Assert.Contains(new KeyValuePair<string, object?>("Function", "GetRecord"), warning.Values);
        Assert.Contains(new KeyValuePair<string, object?>("PatientId", People.Patient), warning.Values);
        Assert.DoesNotContain("fhir.evil.example.com", warning.Message, StringComparison.Ordinal);
        AssertNoRecordContent();
    }

    private void AssertNoRecordContent()
    {
        Assert.NotEmpty(_logs.Entries);
        foreach (var entry in _logs.Entries)
        {
            var text = entry.Message + " " + string.Join(" ", entry.Values.Select(v => v.Value?.ToString()));
            Assert.DoesNotContain("fhir.org1.example.com", text, StringComparison.Ordinal);
            Assert.DoesNotContain(People.Hash, text, StringComparison.Ordinal);
            Assert.DoesNotContain("application/fhir+json", text, StringComparison.Ordinal);
        }
    }
}
