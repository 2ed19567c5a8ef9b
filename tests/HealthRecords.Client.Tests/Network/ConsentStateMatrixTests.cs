using System.Text;
using HealthRecords.Domain.Contracts;
using TestSupport;
using Xunit.Abstractions;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// The access matrix's consent-state dimension (issue 12, item 4), through the real chaincode on the dev network.
/// Patient pt-alice holds one laboratory record (custodian Org1), another patient pt-bob one more, on a dev network of
/// this test's own. Each consent state in turn, every identity that
/// reads through consent holds its own identity consent to read laboratory records for its purpose (treatment,
/// research for the researcher) in that state, and every function runs as every identity. The expected outcome of
/// every cell is written once, in <see cref="Table"/>; docs/consent.md shows the same table (checked below). A
/// refused cell must write nothing (neither patient's history grows) and return nothing of either patient's
/// pointers or of the other patient's records.
/// </summary>
[Collection(Name)]
public sealed class ConsentStateMatrixTests(HealthRecordsNetworkFixture fixture, ITestOutputHelper output)
{
    /// <summary>A dev network of its own: the matrix needs a patient whose consents no other test touches.</summary>
    public const string Name = "consent-state matrix dev network";

    private const string Patient = HealthRecordsNetworkFixture.Alice;
    private const string Other = HealthRecordsNetworkFixture.Bob;

    /// <summary>The consent states, in the order of each cell's letters.</summary>
    internal static readonly string[] States = ["valid", "revoked", "expired", "future", "wrong-purpose", "wrong-category"];

    /// <summary>Identities, in column order, with their relation to pt-alice.</summary>
    internal static readonly (string Name, string Relation)[] Identities =
    [
        ("alice", "the patient"),
        ("bob", "another patient"),
        ("alice-watch", "her device"),
        ("hospital-doctor", "provider, custodian org"),
        ("clinic-doctor", "provider, other org"),
        ("er-physician", "emergency"),
        ("auditor", "auditor"),
        ("researcher", "researcher"),
        (HealthRecordsNetworkFixture.Delegate, "her delegate, no role"),
        (HealthRecordsNetworkFixture.Admin, "admin"),
    ];

    /// <summary>
    /// Function x identity -> one letter per state in <see cref="States"/> order: O allowed, F FORBIDDEN, N NOT_FOUND;
    /// for CheckAccess (which never refuses) A = the decision allows, D = it denies.
    /// </summary>
    internal static readonly (string Function, string[] Expected)[] Table =
    [
        ("GetRecord",           ["OOOOOO", "NNNNNN", "NNNNNN", "OOOOOO", "NNNNNN", "NNNNNN", "NNNNNN", "NNNNNN", "OOOOOO", "NNNNNN"]),
        ("ListRecords",         ["OOOOOO", "FFFFFF", "OFFFFF", "FFFFFF", "OFFFFF", "OFFFFF", "FFFFFF", "OFFFFF", "OOOOOO", "FFFFFF"]),
        ("ListConsents",        ["OOOOOO", "FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF", "OOOOOO", "FFFFFF", "OOOOOO", "FFFFFF"]),
        ("ListAccessLog",       ["OOOOOO", "FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF", "OOOOOO", "FFFFFF", "OOOOOO", "FFFFFF"]),
        ("GetHistoryRoot",      ["OOOOOO", "OOOOOO", "OOOOOO", "OOOOOO", "OOOOOO", "OOOOOO", "OOOOOO", "OOOOOO", "OOOOOO", "OOOOOO"]),
        ("GetHistoryEntry",     ["OOOOOO", "FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF", "OOOOOO", "FFFFFF", "OOOOOO", "FFFFFF"]),
        ("CheckAccess",         ["AAAAAA", "DDDDDD", "ADDDDD", "AAAAAA", "ADDDDD", "ADDDDD", "DDDDDD", "ADDDDD", "AAAAAA", "DDDDDD"]),
        ("RequestAccess",       ["OOOOOO", "NNNNNN", "OFFFFF", "OOOOOO", "OFFFFF", "OFFFFF", "FFFFFF", "OFFFFF", "OOOOOO", "NNNNNN"]),
        ("EmergencyAccess",     ["FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF", "OOOOOO", "FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF"]),
        ("ReadAccessedRecords", ["NNNNNN", "NNNNNN", "NNNNNN", "NNNNNN", "OFFFFF", "NNNNNN", "NNNNNN", "NNNNNN", "NNNNNN", "NNNNNN"]),
    ];

    /// <summary>The identities that hold a consent in the state under test (everyone who reads through consent).</summary>
    private static readonly string[] Grantees = ["clinic-doctor", "er-physician", "auditor", "researcher", "alice-watch"];

    private static string PurposeOf(string identity) => identity == "researcher" ? "research" : "treatment";

    [Fact]
    public async Task Matrix_EveryFunctionIdentityAndConsentState_OutcomeAsTabulatedAndRefusalsChangeAndDiscloseNothing()
    {
        var clients = Identities.ToDictionary(i => i.Name, i => fixture.Client(i.Name), StringComparer.Ordinal);
        try
        {
            var record = await SeedAsync(clients, "alice", Patient);
            await fixture.BindDelegateAsync().WithTimeout();
            var other = await SeedAsync(clients, "bob", Other);
            var failures = new List<string>();
            var cells = 0;
            string? clinicEntry = null;
            var valid = new List<string>();
            for (var s = 0; s < States.Length; s++)
            {
                var state = States[s];
                await EnterStateAsync(clients, state, valid);
                if (state == "valid")
                {
                    // ReadAccessedRecords is asked, in every state, under the clinic's entry committed while its consent was valid.
                    // The consent was committed at alice's (Org1's) peer; the clinic's request endorses at Org2's first.
                    await fixture.SettleAsync();
                    clinicEntry = (await clients["clinic-doctor"].RequestAccessAsync(new ReadRecordRequest(record.RecordId, "treatment")).WithTimeout()).Access.AccessId;
                }

                foreach (var (function, expected) in Table)
                {
                    for (var i = 0; i < Identities.Length; i++)
                    {
                        cells++;
                        var identity = Identities[i].Name;
                        // Peers commit at their own pace: every cell starts from state every peer has.
                        await fixture.SettleAsync();
                        var before = await SizesAsync(clients["alice"], clients["bob"]);
                        var (outcome, message) = await RunAsync(clients[identity], function, identity, record, clinicEntry!);
                        var want = expected[i][s];
                        if (outcome != want)
                        {
                            failures.Add($"{function} x {identity} [{state}]: expected {want}, got {outcome} {message}");
                        }

                        if (outcome is 'F' or 'N')
                        {
                            var after = await SizesAsync(clients["alice"], clients["bob"]);
                            if (after != before)
                            {
                                failures.Add($"{function} x {identity} [{state}]: refused but a history grew from {before} to {after}");
                            }

                            if (message.Contains(other.RecordId, StringComparison.Ordinal) || message.Contains(Other, StringComparison.Ordinal)
                                || new[] { record, other }.Any(r => message.Contains(r.Location, StringComparison.Ordinal) || message.Contains(r.ContentHash, StringComparison.Ordinal)))
                            {
                                failures.Add($"{function} x {identity} [{state}]: the refusal discloses a pointer or another patient's record");
                            }
                        }
                    }
                }
            }

            output.WriteLine($"consent-state access matrix: {cells} cells ({Table.Length} functions x {Identities.Length} identities x {States.Length} consent states), {failures.Count} failed");
            Assert.Equal(Table.Length * Identities.Length * States.Length, cells);
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
    public void Docs_ConsentMd_ShowsTheSameTable()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "consent.md")).ReplaceLineEndings("\n");
        const string Begin = "<!-- consent-state-matrix:begin (generated from ConsentStateMatrixTests.Table) -->\n";
        const string End = "<!-- consent-state-matrix:end -->";
        var start = docs.IndexOf(Begin, StringComparison.Ordinal);
        var end = docs.IndexOf(End, StringComparison.Ordinal);

        Assert.True(start >= 0 && end > start, "docs/consent.md has no consent-state matrix section");
        Assert.Equal(RenderMarkdown(), docs[(start + Begin.Length)..end]);
    }

    /// <summary>The table as docs/consent.md shows it.</summary>
    internal static string RenderMarkdown()
    {
        var md = new StringBuilder();
        md.Append("States, in each cell's order: ").AppendJoin(", ", States).Append(".\n\n");
        md.Append("| function | ").AppendJoin(" | ", Identities.Select(i => $"{i.Name} ({i.Relation})")).Append(" |\n");
        md.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" --- |", Identities.Length))).Append('\n');
        foreach (var (function, expected) in Table)
        {
            md.Append("| ").Append(function).Append(" | ").AppendJoin(" | ", expected.Select(e => $"`{e}`")).Append(" |\n");
        }

        return md.ToString();
    }

    private async Task<RecordPointer> SeedAsync(Dictionary<string, HealthRecordsClient> clients, string patient, string patientId)
    {
        await clients[patient].RegisterPatientAsync(new RegisterPatientRequest(patientId)).WithTimeout();
        await fixture.SettleAsync();
        var added = await clients["hospital-doctor"].AddRecordAsync(new AddRecordRequest(
            patientId, "Observation", "laboratory", $"https://fhir.org1.example.com/Observation/{patientId}",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(patientId))), 321, "application/fhir+json")).WithTimeout();
        return added.Record;
    }

    /// <summary>Leaves every grantee with exactly one consent in <paramref name="state"/> that could matter (earlier ones no longer allow).</summary>
    private async Task EnterStateAsync(Dictionary<string, HealthRecordsClient> clients, string state, List<string> valid)
    {
        var patient = clients["alice"];

        // An expiring consent must end after its grant's transaction time, which a loaded machine (five grants in a
        // row, a resubmit after a lagging peer) can push past any one instant taken before the loop: each grant gets
        // its own short validity, from just before it is proposed, with the peers settled so no resubmit delays it.
        // The clinic's is granted last, so it expires last: the wait below watches the clinic's decision.
        var grantees = state == "expired" ? Grantees.OrderBy(g => g == "clinic-doctor" ? 1 : 0).ToArray() : Grantees;
        foreach (var grantee in grantees)
        {
            var identity = fixture.Profile.LoadIdentity(grantee);
            var purpose = PurposeOf(grantee);
            if (state == "expired")
            {
                await fixture.SettleAsync();
            }

            var now = DateTimeOffset.UtcNow;
            var request = state switch
            {
                "valid" => Grant(identity, "laboratory", purpose, null, null),
                "expired" => Grant(identity, "laboratory", purpose, now.AddHours(-1), now.AddSeconds(2)),
                "future" => Grant(identity, "laboratory", purpose, now.AddDays(1), null),
                "wrong-purpose" => Grant(identity, "laboratory", purpose == "research" ? "treatment" : "research", null, null),
                "wrong-category" => Grant(identity, "imaging", purpose, null, null),
                _ => null,
            };
            if (state == "revoked")
            {
                continue;
            }

            var granted = await patient.GrantConsentAsync(request!).WithTimeout();
            if (state == "valid")
            {
                valid.Add(granted.Consent.ConsentId);
            }
        }

        if (state == "revoked")
        {
            foreach (var consentId in valid)
            {
                await patient.RevokeConsentAsync(new ConsentRequest(Patient, consentId)).WithTimeout();
            }
        }

        if (state == "expired")
        {
            // Wait for the condition, not a fixed time: the clinic's decision names the expiry.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var decision = await clients["clinic-doctor"].CheckAccessAsync(new CheckAccessRequest(Patient, "read", "treatment", Category: "laboratory")).WithTimeout();
                if (decision.Reason == "consent-expired")
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
    }

    private static GrantConsentRequest Grant(Hyperledger.Fabric.Identity.X509Identity identity, string category, string purpose, DateTimeOffset? from, DateTimeOffset? until) =>
        new(Patient, new Grantee("identity", identity.Id, identity.MspId), ["read"], new ConsentScope([category]), purpose, from, until);

    private static async Task<(long Patient, long Other)> SizesAsync(HealthRecordsClient patient, HealthRecordsClient other) =>
        ((await patient.GetHistoryRootAsync(new HistoryRequest(Patient)).WithTimeout()).TreeSize,
         (await other.GetHistoryRootAsync(new HistoryRequest(Other)).WithTimeout()).TreeSize);

    /// <summary>Runs one cell: its letter and, when refused, the message.</summary>
    private static async Task<(char Outcome, string Message)> RunAsync(HealthRecordsClient client, string function, string identity, RecordPointer record, string accessId)
    {
        var purpose = PurposeOf(identity);
        try
        {
            switch (function)
            {
                case "CheckAccess":
                    var decision = await client.CheckAccessAsync(new CheckAccessRequest(Patient, "read", purpose, record.RecordId)).WithTimeout();
                    return (decision.Allowed ? 'A' : 'D', decision.Message);
                case "GetRecord":
                    await client.GetRecordAsync(new GetRecordRequest(record.RecordId)).WithTimeout();
                    break;
                case "ListRecords":
                    await client.ListRecordsAsync(new ListRecordsRequest(Patient, "laboratory", purpose)).WithTimeout();
                    break;
                case "ListConsents":
                    await client.ListConsentsAsync(new ListConsentsRequest(Patient)).WithTimeout();
                    break;
                case "ListAccessLog":
                    await client.ListAccessLogAsync(new ListAccessLogRequest(Patient)).WithTimeout();
                    break;
                case "GetHistoryRoot":
                    await client.GetHistoryRootAsync(new HistoryRequest(Patient)).WithTimeout();
                    break;
                case "GetHistoryEntry":
                    await client.GetHistoryEntryAsync(new HistoryEntryRequest(Patient, record.HistoryIndex)).WithTimeout();
                    break;
                case "RequestAccess":
                    await client.RequestAccessAsync(new ReadRecordRequest(record.RecordId, purpose)).WithTimeout();
                    break;
                case "EmergencyAccess":
                    await client.EmergencyAccessAsync(new EmergencyAccessRequest(Patient, "unconscious on arrival", record.RecordId)).WithTimeout();
                    break;
                case "ReadAccessedRecords":
                    await client.ReadAccessedRecordsAsync(new AccessedRecordsRequest(Patient, accessId)).WithTimeout();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(function), function, "not in the matrix");
            }

            return ('O', string.Empty);
        }
        catch (HealthRecordsException e)
        {
            return (e.Code switch { HealthRecordsErrorCode.Forbidden => 'F', HealthRecordsErrorCode.NotFound => 'N', _ => 'X' }, e.Message);
        }
    }
}
