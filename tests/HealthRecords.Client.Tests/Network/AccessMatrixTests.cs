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
    private const string NotFound = "NOT_FOUND";

    /// <summary>Identities, in column order, with their relation to pt-alice.</summary>
    internal static readonly (string Name, string Relation)[] Identities =
    [
        ("alice", "patient"),
        ("alice-watch", "device, no consent"),
        ("hospital-doctor", "custodian"),
        ("clinic-doctor", "consented org"),
        ("er-physician", "emergency"),
        ("auditor", "auditor"),
        ("researcher", "researcher"),
        ("bob", "other patient"),
        (HealthRecordsNetworkFixture.Delegate, "her delegate, no role"),
        (HealthRecordsNetworkFixture.Admin, "admin"),
    ];

    /// <summary>Function x identity -> expected outcome, in <see cref="Identities"/> order.</summary>
    internal static readonly (string Function, string[] Expected)[] Matrix =
    [
        ("GetRecord",           [Ok, NotFound, Ok, NotFound, NotFound, NotFound, NotFound, NotFound, Ok, NotFound]),
        ("ListRecords",         [Ok, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden]),
        ("ListConsents",        [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Ok, Forbidden]),
        ("ListAccessLog",       [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Ok, Forbidden]),
        ("GetHistoryRoot",      [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        ("GetHistoryEntry",     [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Ok, Forbidden]),
        ("CheckAccess",         [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        ("RequestAccess",       [Ok, NotFound, Ok, Ok, NotFound, NotFound, Forbidden, Forbidden, Ok, NotFound]),
        ("EmergencyAccess",     [Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("ReadAccessedRecords", [NotFound, NotFound, NotFound, Ok, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
    ];

    [Fact]
    public async Task Matrix_EveryFunctionAndIdentity_OutcomeAsTabulatedAndRefusalsChangeNothing()
    {
        var seed = await fixture.SeedAsync().WithTimeout();
        await fixture.BindDelegateAsync().WithTimeout();
        var record = seed.Records[0];
        var clients = Identities.ToDictionary(i => i.Name, i => fixture.Client(i.Name), StringComparer.Ordinal);
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
                    var client = clients[Identities[i].Name];
                    // The previous cell may have committed through the other organisation: alice reads through Org1's
                    // peer, so it must have that block before the size it reads can serve as "before".
                    await fixture.SettleAsync();
                    var sizeBefore = (await clients["alice"].GetHistoryRootAsync(new HistoryRequest(Alice)).WithTimeout()).TreeSize;
                    var actual = await RunAsync(client, function, record, entry.Access.AccessId);
                    var outcome = actual is null ? Ok : actual.WireCode;
                    if (outcome != expected[i])
                    {
                        failures.Add($"{function} x {Identities[i].Name}: expected {expected[i]}, got {outcome} {actual?.Message}");
                    }

                    if (actual is not null)
                    {
                        await fixture.SettleAsync();
                        var sizeAfter = (await clients["alice"].GetHistoryRootAsync(new HistoryRequest(Alice)).WithTimeout()).TreeSize;
                        if (sizeAfter != sizeBefore)
                        {
                            failures.Add($"{function} x {Identities[i].Name}: refused but the history grew from {sizeBefore} to {sizeAfter}");
                        }

                        if (seed.Records.Any(r => actual.Message.Contains(r.Location, StringComparison.Ordinal)
                            || actual.Message.Contains(r.ContentHash, StringComparison.Ordinal)))
                        {
                            failures.Add($"{function} x {Identities[i].Name}: the refusal discloses a pointer");
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

    [Fact]
    public void Docs_SecurityMd_ShowsTheSameTable()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "security.md")).ReplaceLineEndings("\n");
        const string Begin = "<!-- access-matrix:begin (generated from AccessMatrixTests.Matrix) -->\n";
        const string End = "<!-- access-matrix:end -->";
        var start = docs.IndexOf(Begin, StringComparison.Ordinal);
        var end = docs.IndexOf(End, StringComparison.Ordinal);

        Assert.True(start >= 0 && end > start, "docs/security.md has no access matrix section");
        Assert.Equal(RenderMarkdown(), docs[(start + Begin.Length)..end]);
    }

    /// <summary>The table as docs/security.md shows it: OK, F for FORBIDDEN, N for NOT_FOUND.</summary>
    internal static string RenderMarkdown()
    {
        var md = new System.Text.StringBuilder();
        md.Append("| function | ").AppendJoin(" | ", Identities.Select(i => $"{i.Name} ({i.Relation})")).Append(" |\n");
        md.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" --- |", Identities.Length))).Append('\n');
        foreach (var (function, expected) in Matrix)
        {
            md.Append("| ").Append(function).Append(" | ").AppendJoin(" | ", expected.Select(e => e switch { Ok => "OK", NotFound => "N", _ => "F" })).Append(" |\n");
        }

        return md.ToString();
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
