using System.Text;
using Hyperledger.Fabric.Gateway;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using TestSupport;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// Issue 12, "must show": every read path, evaluated or endorsed without submitting, by every identity that is
/// neither the patient nor the custodian, returns no pointer (no location, no content hash) in its answer or its
/// error. Break-glass and the two-step read are included: without a committed access entry nothing is served.
/// </summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class DevNetworkReadPathTests(HealthRecordsNetworkFixture fixture)
{
    private const string Alice = HealthRecordsNetworkFixture.Alice;

    public static TheoryData<string, string> Paths()
    {
        var data = new TheoryData<string, string>();
        string[] functions =
        [
            "GetRecord", "ListRecords", "GetHistoryEntry", "GetHistoryRoot", "GetHistoryConsistency", "CheckAccess", "RequestAccess",
            "EmergencyAccess", "ReadAccessedRecords", "ListAccessLog", "ListConsents", "GetConsent", "CountResearchRecords",
        ];
        foreach (var identity in new[] { "clinic-doctor", "er-physician", "auditor", "researcher", "alice-watch", "bob" })
        {
            foreach (var function in functions)
            {
                data.Add(identity, function);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ReadPath_EvaluatedOrEndorsedOnly_NoPointerWithoutACommittedEntry(string identity, string function)
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        using var caller = fixture.Client(identity);
        var record = seed.Records[0];
        var request = await RequestAsync(caller, function, record, seed.Consent);

        var answers = new List<string>();
        foreach (var endorse in new[] { false, true })
        {
            try
            {
                var result = endorse
                    ? (await caller.Contract.NewProposal(function, new ProposalOptions { Arguments = [request] }).EndorseAsync().WithTimeout()).Result
                    : await caller.Contract.EvaluateTransactionAsync(function, [request]).WithTimeout();
                answers.Add(Encoding.UTF8.GetString(result.Span));
            }
            catch (GatewayException e)
            {
                answers.Add(e.ToString());
            }
        }

        foreach (var answer in answers)
        {
            foreach (var pointer in seed.Records)
            {
                Assert.DoesNotContain(pointer.Location, answer, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(pointer.ContentHash, answer, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private static async Task<byte[]> RequestAsync(HealthRecordsClient caller, string function, RecordPointer record, Consent consent) => function switch
    {
        "GetRecord" => HealthRecordsJson.Serialize(new GetRecordRequest(record.RecordId)),
        "ListRecords" => HealthRecordsJson.Serialize(new ListRecordsRequest(Alice, "laboratory")),
        "GetHistoryEntry" => HealthRecordsJson.Serialize(new HistoryEntryRequest(Alice, record.HistoryIndex)),
        "GetHistoryRoot" => HealthRecordsJson.Serialize(new HistoryRequest(Alice)),
        "GetHistoryConsistency" => HealthRecordsJson.Serialize(new HistoryConsistencyRequest(Alice, 1)),
        "CheckAccess" => HealthRecordsJson.Serialize(new CheckAccessRequest(Alice, "read", "treatment", record.RecordId)),
        "RequestAccess" => HealthRecordsJson.Serialize(new ReadRecordRequest(record.RecordId, "treatment")),
        "EmergencyAccess" => HealthRecordsJson.Serialize(new EmergencyAccessRequest(Alice, "unconscious on arrival")),
        "ReadAccessedRecords" => HealthRecordsJson.Serialize(new AccessedRecordsRequest(Alice, await UncommittedAccessIdAsync(caller, record))),
        "ListAccessLog" => HealthRecordsJson.Serialize(new ListAccessLogRequest(Alice)),
        "ListConsents" => HealthRecordsJson.Serialize(new ListConsentsRequest(Alice)),
        "GetConsent" => HealthRecordsJson.Serialize(new ConsentRequest(Alice, consent.ConsentId)),
        "CountResearchRecords" => HealthRecordsJson.Serialize(new ResearchCountRequest(null)),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "no request for it"),
    };

    /// <summary>The id an evaluated (never submitted) access step would have logged, or a well-formed unknown id when it is refused.</summary>
    private static async Task<string> UncommittedAccessIdAsync(HealthRecordsClient caller, RecordPointer record)
    {
        foreach (var (function, request) in new[]
        {
            ("RequestAccess", HealthRecordsJson.Serialize(new ReadRecordRequest(record.RecordId, "treatment"))),
            ("EmergencyAccess", HealthRecordsJson.Serialize(new EmergencyAccessRequest(Alice, "unconscious on arrival"))),
        })
        {
            try
            {
                var result = await caller.Contract.EvaluateTransactionAsync(function, [request]).WithTimeout();
                return HealthRecordsJson.Deserialize<AccessGrantResponse>(result.Span).Access.AccessId;
            }
            catch (GatewayException)
            {
                // refused for this identity: try the other step
            }
        }

        return "acc-" + new string('5', 40);
    }
}
