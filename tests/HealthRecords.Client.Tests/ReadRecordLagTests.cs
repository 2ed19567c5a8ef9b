using HealthRecords.Client.Tests.Support;
using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Tests.Support;
using TestSupport;

namespace HealthRecords.Client.Tests;

/// <summary>
/// <c>ReadRecordAsync</c> and break-glass when the evaluating peer lags the one that reported the access
/// entry's commit: the refusal with reason <c>access-not-committed</c> alone is retried (the code, not the
/// wording, decides), a bounded number of times.
/// </summary>
public sealed class ReadRecordLagTests : IDisposable
{
    private const string ReadAccessed = "ReadAccessedRecords";

    private static readonly BoundedRetryOptions FastRetry = new() { MaxRetryAttempts = 4, Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    private readonly InMemoryLedger _world = new();
    private readonly DomainContract _current;
    private readonly LaggingPeerContract _peers;
    private readonly HealthRecordsClient _client;

    public ReadRecordLagTests()
    {
        _current = new DomainContract(_world, People.Alice);
        _peers = new LaggingPeerContract(_current);
        _client = new HealthRecordsClient(_peers, new HealthRecordsClientOptions { AccessReadRetry = FastRetry });
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ReadRecordAsync_EvaluatingPeerLagsTwoAnswers_RetriesAndReturnsThePointer()
    {
        var (record, _) = await SeedAsync();
        _peers.StaleEvaluatesPerSubmit = 2;
        _current.Caller = People.DrWho;

        var read = await _client.ReadRecordAsync(new ReadRecordRequest(record.RecordId, "treatment")).WithTimeout();

        Assert.Equal(record, read.Record);
        Assert.Equal([(ReadAccessed, true), (ReadAccessed, true), (ReadAccessed, false)], _peers.Evaluates);
        Assert.Single(_current.Calls, c => c.Function == "RequestAccess"); // the entry is requested once, never again
    }

    [Fact]
    public async Task ReadRecordAsync_PeerNeverCatchesUp_ThrowsNotFoundAfterTheBoundedRetries()
    {
        var (record, _) = await SeedAsync();
        _peers.StaleEvaluatesPerSubmit = 100;
        _current.Caller = People.DrWho;

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => _client.ReadRecordAsync(new ReadRecordRequest(record.RecordId, "treatment")).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.NotFound, e.Code);
        Assert.Equal(1 + FastRetry.MaxRetryAttempts, _peers.Evaluates.Count(x => x.Function == ReadAccessed));
    }

    [Fact]
    public async Task EmergencyAccessAsync_EvaluatingPeerLags_RetriesAndReturnsTheRecords()
    {
        var (record, _) = await SeedAsync();
        _peers.StaleEvaluatesPerSubmit = 1;
        _current.Caller = People.Nurse;

        var response = await _client.EmergencyAccessAsync(new EmergencyAccessRequest(People.Patient, "unconscious", record.RecordId)).WithTimeout();

        Assert.Equal(record, Assert.Single(response.Records));
        Assert.Equal(2, _peers.Evaluates.Count(x => x.Function == ReadAccessed));
    }

    [Fact]
    public async Task ReadRecordAsync_RetryOff_LaggingPeerRefusalThrownAtOnce()
    {
        var (record, _) = await SeedAsync();
        _peers.StaleEvaluatesPerSubmit = 1;
        _current.Caller = People.DrWho;
        using var noRetry = new HealthRecordsClient(_peers, new HealthRecordsClientOptions { AccessReadRetry = null });

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => noRetry.ReadRecordAsync(new ReadRecordRequest(record.RecordId, "treatment")).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.NotFound, e.Code);
        Assert.Single(_peers.Evaluates, x => x.Function == ReadAccessed);
    }

    [Fact]
    public async Task ReadRecordAsync_NotCommittedReasonInOtherWords_Retries()
    {
        var (record, _) = await SeedAsync();
        _peers.StaleEvaluatesPerSubmit = 2;
        _peers.StaleRefusal = "NOT_FOUND: Entry unknown here (access-not-committed): worded differently from the chaincode's text";
        _current.Caller = People.DrWho;

        var read = await _client.ReadRecordAsync(new ReadRecordRequest(record.RecordId, "treatment")).WithTimeout();

        Assert.Equal(record, read.Record);
        Assert.Equal([(ReadAccessed, true), (ReadAccessed, true), (ReadAccessed, false)], _peers.Evaluates);
    }

    [Fact]
    public async Task ReadRecordAsync_NotCommittedWordingWithoutTheReason_ThrownAtOnce()
    {
        var (record, _) = await SeedAsync();
        _peers.StaleEvaluatesPerSubmit = 2;
        _peers.StaleRefusal = "NOT_FOUND: Access a1 of patient 'pt-1' is not committed; submit RequestAccess or EmergencyAccess and wait for its commit.";
        _current.Caller = People.DrWho;

        var e = await Assert.ThrowsAsync<HealthRecordsException>(() => _client.ReadRecordAsync(new ReadRecordRequest(record.RecordId, "treatment")).WithTimeout());

        Assert.Equal(HealthRecordsErrorCode.NotFound, e.Code);
        Assert.Null(e.Reason);
        Assert.Single(_peers.Evaluates, x => x.Function == ReadAccessed);
    }

    private async Task<(RecordPointer Record, Consent Consent)> SeedAsync()
    {
        _current.Caller = People.Alice;
        await _client.RegisterPatientAsync(new RegisterPatientRequest(People.Patient)).WithTimeout();
        _current.Caller = People.DrHouse;
        var added = await _client.AddRecordAsync(People.Record()).WithTimeout();
        _current.Caller = People.Alice;
        var consent = await _client.GrantConsentAsync(new GrantConsentRequest(
            People.Patient, new Grantee("organization", "Org2MSP"), ["read"], new ConsentScope(["laboratory"]), "treatment")).WithTimeout();
        _peers.Evaluates.Clear();
        return (added.Record, consent.Consent);
    }
}
