using HealthRecords.Domain.Contracts;
using TestSupport;
using Xunit.Abstractions;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// The access matrix on the seeded patient pt-alice (two laboratory records held by Org1, a read
/// consent for Org2 with purpose treatment): every function against every named identity of the dev
/// network, through the real chaincode over TLS. Each cell states the expected outcome once; refused
/// cells must change nothing (the patient's history size stays) and disclose no pointer.
/// </summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class AccessMatrixTests(HealthRecordsNetworkFixture fixture, ITestOutputHelper output)
{
    private const string Alice = HealthRecordsNetworkFixture.Alice;
    private const string Ok = "OK";
    private const string Forbidden = "FORBIDDEN";

    /// <summary>Identities, in column order: relation to pt-alice in the comment.</summary>
    private static readonly string[] Identities =
    [
        "alice",           // the patient herself
        "alice-watch",     // a device bound to her, with no consent
        "hospital-doctor", // provider of the custodian organisation (Org1)
        "clinic-doctor",   // provider of another organisation, consented (laboratory, read, treatment)
        "er-physician",    // emergency role, no consent
        "auditor",         // auditor role
        "researcher",      // researcher role, no research consent
        "bob",             // another patient
    ];

    /// <summary>Function x identity -> expected outcome, in <see cref="Identities"/> order.</summary>
    private static readonly (string Function, string[] Expected)[] Matrix =
    [
        ("GetRecord",           [Ok, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("ListRecords",         [Ok, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("ListConsents",        [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden]),
        ("ListAccessLog",       [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden]),
        ("GetHistoryRoot",      [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        ("GetHistoryEntry",     [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden]),
        ("CheckAccess",         [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        ("RequestAccess",       [Ok, Forbidden, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("EmergencyAccess",     [Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden]),
        ("ReadAccessedRecords", [Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
    ];

    [Fact]
    public async Task Matrix_EveryFunctionAndIdentity_OutcomeAsTabulatedAndRefusalsChangeNothing()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        var record = seed.Records[0];
        var clients = Identities.ToDictionary(i => i, i => fixture.Client(i), StringComparer.Ordinal);
        try
        {
            // ReadAccessedRecords is asked under one committed entry, the clinic's own.
            var entry = await clients["clinic-doctor"].RequestAccessAsync(new ReadRecordRequest(record.RecordId, "treatment")).WithTimeout();
            var failures = new List<string>();
            var cells = 0;
            foreach (var (function, expected) in Matrix)
            {
                Assert.Equal(Identities.Length, expected.Length);
                for (var i = 0; i < Identities.Length; i++)
                {
                    cells++;
                    var client = clients[Identities[i]];
                    var sizeBefore = (await clients["alice"].GetHistoryRootAsync(new HistoryRequest(Alice)).WithTimeout()).TreeSize;
                    var actual = await RunAsync(client, function, record, entry.Access.AccessId);
                    var outcome = actual is null ? Ok : actual.WireCode;
                    if (outcome != expected[i])
                    {
                        failures.Add($"{function} x {Identities[i]}: expected {expected[i]}, got {outcome} {actual?.Message}");
                    }

                    if (actual is not null)
                    {
                        var sizeAfter = (await clients["alice"].GetHistoryRootAsync(new HistoryRequest(Alice)).WithTimeout()).TreeSize;
                        if (sizeAfter != sizeBefore)
                        {
                            failures.Add($"{function} x {Identities[i]}: refused but the history grew from {sizeBefore} to {sizeAfter}");
                        }

                        if (seed.Records.Any(r => actual.Message.Contains(r.Location, StringComparison.Ordinal)
                            || actual.Message.Contains(r.ContentHash, StringComparison.Ordinal)))
                        {
                            failures.Add($"{function} x {Identities[i]}: the refusal discloses a pointer");
                        }
                    }
                }
            }

            output.WriteLine($"access matrix: {cells} cells ({Matrix.Length} functions x {Identities.Length} identities), {failures.Count} failed");
            Assert.Equal(Matrix.Length * Identities.Length, cells);
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Runs one cell; null when allowed, else the refusal.</summary>
    private static async Task<HealthRecordsException?> RunAsync(HealthRecordsClient client, string function, RecordPointer record, string accessId)
    {
        try
        {
            Task call = function switch
            {
                "GetRecord" => client.GetRecordAsync(new GetRecordRequest(record.RecordId)),
                "ListRecords" => client.ListRecordsAsync(new ListRecordsRequest(Alice, "laboratory", "treatment")),
                "ListConsents" => client.ListConsentsAsync(new ListConsentsRequest(Alice)),
                "ListAccessLog" => client.ListAccessLogAsync(new ListAccessLogRequest(Alice)),
                "GetHistoryRoot" => client.GetHistoryRootAsync(new HistoryRequest(Alice)),
                "GetHistoryEntry" => client.GetHistoryEntryAsync(new HistoryEntryRequest(Alice, 0)),
                "CheckAccess" => client.CheckAccessAsync(new CheckAccessRequest(Alice, "read", "treatment", record.RecordId)),
                "RequestAccess" => client.RequestAccessAsync(new ReadRecordRequest(record.RecordId, "treatment")),
                "EmergencyAccess" => client.EmergencyAccessAsync(new EmergencyAccessRequest(Alice, "unconscious on arrival", record.RecordId)),
                "ReadAccessedRecords" => client.ReadAccessedRecordsAsync(new AccessedRecordsRequest(Alice, accessId)),
                _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not in the matrix"),
            };
            await call.WithTimeout();
            return null;
        }
        catch (HealthRecordsException e)
        {
            return e;
        }
    }
}
