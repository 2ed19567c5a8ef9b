using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HealthRecords.Domain.Contracts;
using TestSupport;
using Xunit.Abstractions;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// The write side of the access matrix (issue 12, item 4), through the real chaincode on a dev network of this
/// test's own. Every write function runs as every named identity against pt-alice and against pt-bob (for each
/// identity one is its own patient or none is); AddRecord does so once for each state of the append consent
/// pt-alice gives her watch. The expected outcome of every cell is written once, in <see cref="Table"/>, in the
/// order the cells run; docs/consent.md shows the same table (checked below). Every refused cell must leave both
/// patients' registrations, identity bindings, consents and history roots exactly as they were, and its message
/// must hold no pointer (location or content hash) and nothing of the patient it was not about; every allowed cell
/// must have changed one of those. Allowed cells
/// write only what poisons no later cell: bindings and consents of identities nobody holds, records that grant
/// nothing; what an allowed cell consumes (a binding to deactivate, a consent to revoke, the current version to
/// supersede) is made again before the next cell, and the key rotation, which retires its caller, runs last, followed
/// by the rows that show the rotated-out identities refused.
/// </summary>
[Collection(Name)]
public sealed class WriteAccessMatrixTests(HealthRecordsNetworkFixture fixture, ITestOutputHelper output)
{
    /// <summary>A dev network of its own: RegisterPatient needs patients nobody registered yet.</summary>
    public const string Name = "write access matrix dev network";

    private const string Ok = "OK";
    private const string NotThatPatient = "F:not-that-patient";
    private const string PatientOrDelegate = "F:patient-or-delegate";
    private const string CustodianOnly = "F:custodian-only";
    private const string NotFound = "NOT_FOUND";
    private const string OwnIdentityOnly = "F:own-identity-only";
    private const string Deactivated = "F:" + AccessReasons.IdentityDeactivated;
    private const string RoleNotPermitted = "F:" + AccessReasons.RoleNotPermitted;
    private const string DeviceNotBound = "F:" + AccessReasons.DeviceNotBound;
    private const string DeviceCategory = "vital-signs";

    private static readonly string[] Patients = [HealthRecordsNetworkFixture.Alice, HealthRecordsNetworkFixture.Bob];

    /// <summary>Identities, in column order, with their relation to pt-alice / pt-bob.</summary>
    internal static readonly (string Name, string Relation)[] Identities =
    [
        ("alice", "patient pt-alice"),
        ("bob", "patient pt-bob"),
        ("alice-watch", "device of pt-alice"),
        ("hospital-doctor", "provider Org1, custodian"),
        ("clinic-doctor", "provider Org2"),
        ("er-physician", "emergency"),
        ("auditor", "auditor"),
        ("researcher", "researcher"),
        (HealthRecordsNetworkFixture.Delegate, "delegate of pt-alice, no role"),
        (HealthRecordsNetworkFixture.Admin, "admin"),
    ];

    /// <summary>The watch's append consent states, in the order they are entered; each reports its own reason.</summary>
    internal static readonly string[] DeviceStates = ["none", "wrong-purpose", "wrong-category", "valid", "revoked", "future", "expired"];

    /// <summary>
    /// Function, consent state ("-" where none applies), target patient -> expected outcome per identity in
    /// <see cref="Identities"/> order: OK, or F:reason for FORBIDDEN with that reason. Rows run top to bottom.
    /// </summary>
    internal static readonly (string Function, string State, string Patient, string[] Expected)[] Table = BuildTable();

    private static (string, string, string, string[])[] BuildTable()
    {
        static string[] Row(params string[] cells) => cells;
        const string A = HealthRecordsNetworkFixture.Alice;
        const string B = HealthRecordsNetworkFixture.Bob;
        var n = NotThatPatient;
        var p = PatientOrDelegate;
        var c = CustodianOnly;
        var f = NotFound;
        var r = RoleNotPermitted;
        var rows = new List<(string, string, string, string[])>
        {
            ("RegisterPatient", "-", A, Row(Ok, n, n, n, n, n, n, n, n, n)),
            ("RegisterPatient", "-", B, Row(n, Ok, n, n, n, n, n, n, n, n)),
        };
        foreach (var function in new[] { "AddPatientIdentity", "DeactivatePatientIdentity", "GrantConsent", "RevokeConsent" })
        {
            rows.Add((function, "-", A, Row(Ok, p, p, p, p, p, p, p, Ok, p)));
            rows.Add((function, "-", B, Row(p, Ok, p, p, p, p, p, p, p, p)));
        }

        // Only the patient and its delegate, who may read the record, are told why; to everyone else it is a missing id.
        rows.Add(("SupersedeRecord", "-", A, Row(c, f, f, Ok, f, f, f, f, c, f)));
        rows.Add(("SupersedeRecord", "-", B, Row(f, c, f, Ok, f, f, f, f, f, f)));
        foreach (var state in DeviceStates)
        {
            var device = state switch
            {
                "none" => "F:" + AccessReasons.NoConsent,
                "wrong-purpose" => "F:" + AccessReasons.PurposeMismatch,
                "wrong-category" => "F:" + AccessReasons.ScopeMismatch,
                "valid" => Ok,
                "revoked" => "F:" + AccessReasons.ConsentRevoked,
                "future" => "F:" + AccessReasons.ConsentNotYetValid,
                _ => "F:" + AccessReasons.ConsentExpired,
            };
            rows.Add(("AddRecord", state, A, Row(r, r, device, Ok, Ok, r, r, r, r, r)));
            rows.Add(("AddRecord", state, B, Row(r, r, DeviceNotBound, Ok, Ok, r, r, r, r, r)));
        }

        // Last: an allowed rotation retires its caller's identity for that patient.
        // A delegate acts for the patient in everything but rotating the patient's own keys.
        var o = OwnIdentityOnly;
        rows.Add(("RotatePatientIdentity", "-", A, Row(Ok, p, p, p, p, p, p, p, o, p)));
        rows.Add(("RotatePatientIdentity", "-", B, Row(p, Ok, p, p, p, p, p, p, p, p)));

        // Then the rotated-out identities: alice's and bob's certificates still say their patient, but their bindings are
        // deactivated; pt-alice's delegate, bound apart from her key, still acts for her.
        var d = Deactivated;
        foreach (var function in new[] { "AddPatientIdentity", "GrantConsent", "RotatePatientIdentity" })
        {
            rows.Add((function, "rotated-out", A, Row(d, p, p, p, p, p, p, p, function == "RotatePatientIdentity" ? o : Ok, p)));
            rows.Add((function, "rotated-out", B, Row(p, d, p, p, p, p, p, p, p, p)));
        }

        return [.. rows];
    }

    [Fact]
    public async Task Matrix_EveryWriteFunctionIdentityAndPatient_OutcomeAsTabulatedAndRefusalsWriteAndDiscloseNothing()
    {
        var clients = Identities.ToDictionary(i => i.Name, i => fixture.Client(i.Name), StringComparer.Ordinal);
        try
        {
            var run = new Run(fixture, clients);
            var failures = new List<string>();
            var cells = 0;
            var state = "-";
            foreach (var (function, rowState, patient, expected) in Table)
            {
                Assert.Equal(Identities.Length, expected.Length);
                if (function != "RegisterPatient")
                {
                    // pt-alice designates her guardian once she is registered, as the product does it.
                    await fixture.BindDelegateAsync();
                }

                if (function == "SupersedeRecord" && run.Current.Count == 0)
                {
                    await run.SeedRecordsAsync();
                }

                if (function == "AddRecord" && rowState != state)
                {
                    state = rowState;
                    await run.EnterDeviceStateAsync(state);
                }

                for (var i = 0; i < Identities.Length; i++)
                {
                    cells++;
                    var identity = Identities[i].Name;
                    var cell = $"{function} [{rowState}] {patient} x {identity}";
                    await run.PrepareAsync(function, patient);
                    await run.SettleAsync();
                    var before = await run.SnapshotAsync();
                    var (outcome, message) = await run.CellAsync(clients[identity], function, patient);
                    if (outcome != expected[i])
                    {
                        failures.Add($"{cell}: expected {expected[i]}, got {outcome} {message}");
                    }

                    await run.SettleAsync();
                    var after = await run.SnapshotAsync();
                    if (outcome == Ok)
                    {
                        // An allowed write that left no trace would make the refusals' check meaningless.
                        if (after == before)
                        {
                            failures.Add($"{cell}: allowed but neither patient's registration, bindings, consents nor history changed");
                        }

                        continue;
                    }

                    if (after != before)
                    {
                        failures.Add($"{cell}: refused but the ledger changed{Environment.NewLine}  before {before}{Environment.NewLine}  after  {after}");
                    }

                    if (run.Discloses(message, patient))
                    {
                        failures.Add($"{cell}: the refusal discloses a pointer or the other patient: {message}");
                    }
                }
            }

            output.WriteLine($"write access matrix: {cells} cells ({Table.Length} rows x {Identities.Length} identities), {failures.Count} failed");
            Assert.Equal(Table.Length * Identities.Length, cells);
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
    public void Docs_ConsentMd_ShowsTheSameWriteTable()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "consent.md")).ReplaceLineEndings("\n");
        const string Begin = "<!-- write-access-matrix:begin (generated from WriteAccessMatrixTests.Table) -->\n";
        const string End = "<!-- write-access-matrix:end -->";
        var start = docs.IndexOf(Begin, StringComparison.Ordinal);
        var end = docs.IndexOf(End, StringComparison.Ordinal);

        Assert.True(start >= 0 && end > start, "docs/consent.md has no write access matrix section");
        Assert.Equal(RenderMarkdown(), docs[(start + Begin.Length)..end]);
    }

    /// <summary>The table as docs/consent.md shows it.</summary>
    internal static string RenderMarkdown()
    {
        var md = new StringBuilder();
        md.Append("| function | state | patient | ").AppendJoin(" | ", Identities.Select(i => $"{i.Name} ({i.Relation})")).Append(" |\n");
        md.Append("| --- | --- | --- |").Append(string.Concat(Enumerable.Repeat(" --- |", Identities.Length))).Append('\n');
        foreach (var (function, state, patient, expected) in Table)
        {
            md.Append("| ").Append(function).Append(" | ").Append(state).Append(" | ").Append(patient).Append(" | ")
                .AppendJoin(" | ", expected.Select(e => $"`{e}`")).Append(" |\n");
        }

        return md.ToString();
    }

    /// <summary>The classification of a refusal: the access reason AddRecord names, else which rule refused.</summary>
    private static string Classify(HealthRecordsException e)
    {
        if (e.Code != HealthRecordsErrorCode.Forbidden)
        {
            return e.WireCode;
        }

        const string Append = "Append denied (";
        var message = e.Message;
        var at = message.IndexOf(Append, StringComparison.Ordinal);
        if (at >= 0)
        {
            var from = at + Append.Length;
            return "F:" + message[from..message.IndexOf(')', from)];
        }

        return message switch
        {
            _ when message.Contains("may register that patient", StringComparison.Ordinal) => NotThatPatient,
            _ when message.Contains("or an active delegate may", StringComparison.Ordinal) => PatientOrDelegate,
            _ when message.Contains("Only providers of the record's custodian organisation", StringComparison.Ordinal) => CustodianOnly,
            _ when message.Contains("identity was deactivated for patient", StringComparison.Ordinal) => Deactivated,
            _ when message.Contains("Only the patient's own active identity can rotate", StringComparison.Ordinal) => OwnIdentityOnly,
            _ => "F:unclassified",
        };
    }

    /// <summary>The matrix's running state: what allowed cells consumed is made again before the next cell.</summary>
    private sealed class Run(HealthRecordsNetworkFixture fixture, Dictionary<string, HealthRecordsClient> clients)
    {
        private readonly Dictionary<string, string?> _victimIdentity = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _victimConsent = new(StringComparer.Ordinal);
        private readonly List<RecordPointer> _records = [];
        private readonly List<string> _deviceConsents = [];
        private int _serial;

        /// <summary>Per patient, the current version of its Org1 record (the one SupersedeRecord targets).</summary>
        public Dictionary<string, RecordPointer> Current { get; } = new(StringComparer.Ordinal);

        private HealthRecordsClient Own(string patient) => clients[patient == HealthRecordsNetworkFixture.Alice ? "alice" : "bob"];

        private string Ghost() => $"x509::CN=ghost-{++_serial}::CN=ca.org1.example.com";

        public async Task SeedRecordsAsync()
        {
            foreach (var patient in Patients)
            {
                var added = await clients["hospital-doctor"].AddRecordAsync(NewRecord(patient, "laboratory")).WithTimeout();
                _records.Add(added.Record);
                Current[patient] = added.Record;
            }
        }

        /// <summary>Makes what the next cell of <paramref name="function"/> acts on, if an allowed cell consumed it.</summary>
        public async Task PrepareAsync(string function, string patient)
        {
            if (function == "DeactivatePatientIdentity" && _victimIdentity.GetValueOrDefault(patient) is null)
            {
                var ghost = Ghost();
                await Own(patient).AddPatientIdentityAsync(new AddPatientIdentityRequest(patient, "Org1MSP", ghost, "delegate")).WithTimeout();
                _victimIdentity[patient] = ghost;
            }

            if (function == "RevokeConsent" && _victimConsent.GetValueOrDefault(patient) is null)
            {
                var granted = await Own(patient).GrantConsentAsync(GhostConsent(patient)).WithTimeout();
                _victimConsent[patient] = granted.Consent.ConsentId;
            }
        }

        /// <summary>Runs one cell: OK, or the refusal's classification and message.</summary>
        public async Task<(string Outcome, string Message)> CellAsync(HealthRecordsClient client, string function, string patient)
        {
            try
            {
                switch (function)
                {
                    case "RegisterPatient":
                        await client.RegisterPatientAsync(new RegisterPatientRequest(patient)).WithTimeout();
                        break;
                    case "AddPatientIdentity":
                        await client.AddPatientIdentityAsync(new AddPatientIdentityRequest(patient, "Org1MSP", Ghost(), "delegate")).WithTimeout();
                        break;
                    case "DeactivatePatientIdentity":
                        await client.DeactivatePatientIdentityAsync(new DeactivatePatientIdentityRequest(patient, "Org1MSP", _victimIdentity[patient]!)).WithTimeout();
                        _victimIdentity[patient] = null;
                        break;
                    case "GrantConsent":
                        await client.GrantConsentAsync(GhostConsent(patient)).WithTimeout();
                        break;
                    case "RevokeConsent":
                        await client.RevokeConsentAsync(new ConsentRequest(patient, _victimConsent[patient]!)).WithTimeout();
                        _victimConsent[patient] = null;
                        break;
                    case "SupersedeRecord":
                        var n = ++_serial;
                        var superseded = await client.SupersedeRecordAsync(new SupersedeRecordRequest(
                            Current[patient].RecordId, $"https://fhir.org1.example.com/Observation/v{n}", Hash($"v{n}"), 400 + n, "application/fhir+json")).WithTimeout();
                        _records.Add(superseded.Record);
                        Current[patient] = superseded.Record;
                        break;
                    case "AddRecord":
                        var added = await client.AddRecordAsync(NewRecord(patient, DeviceCategory)).WithTimeout();
                        _records.Add(added.Record);
                        break;
                    case "RotatePatientIdentity":
                        await client.RotatePatientIdentityAsync(new RotatePatientIdentityRequest(patient, "Org1MSP", Ghost())).WithTimeout();
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(function), function, "not in the matrix");
                }

                return (Ok, string.Empty);
            }
            catch (HealthRecordsException e)
            {
                return (Classify(e), e.Message);
            }
        }

        /// <summary>
        /// Waits until every peer has committed every block the orderer has: peers commit at their own pace, and a
        /// snapshot or an endorsement on a peer behind the last allowed cell's commit would see the state before it.
        /// </summary>
        public Task SettleAsync() => fixture.SettleAsync();

        /// <summary>
        /// Both patients' registration and bindings, consents and history root, as the auditor reads them (the auditor
        /// stays able to read after the rotation retires a patient's identity); an error code where the read is refused.
        /// </summary>
        public async Task<string> SnapshotAsync()
        {
            var auditor = clients["auditor"];
            var parts = new List<string>();
            foreach (var patient in Patients)
            {
                parts.Add(await ReadAsync(() => auditor.GetPatientAsync(new GetPatientRequest(patient))));
                parts.Add(await ReadAsync(() => auditor.ListConsentsAsync(new ListConsentsRequest(patient, 100))));
                parts.Add(await ReadAsync(() => auditor.GetHistoryRootAsync(new HistoryRequest(patient))));
            }

            return string.Join(" | ", parts);
        }

        /// <summary>Whether a refusal about <paramref name="patient"/> holds a pointer or anything of the other patient.</summary>
        public bool Discloses(string message, string patient)
        {
            var other = Patients.Single(p => p != patient);
            return message.Contains(other, StringComparison.Ordinal)
                || _records.Any(r => message.Contains(r.Location, StringComparison.Ordinal) || message.Contains(r.ContentHash, StringComparison.Ordinal)
                    || (r.PatientId == other && message.Contains(r.RecordId, StringComparison.Ordinal)));
        }

        /// <summary>Leaves pt-alice's watch with append consents whose furthest-reaching one is in <paramref name="state"/>.</summary>
        public async Task EnterDeviceStateAsync(string state)
        {
            var alice = clients["alice"];
            var watch = fixture.Profile.LoadIdentity("alice-watch");
            var now = DateTimeOffset.UtcNow;
            GrantConsentRequest Append(string category, string purpose, DateTimeOffset? from = null, DateTimeOffset? until = null) =>
                new(HealthRecordsNetworkFixture.Alice, new Grantee("identity", watch.Id, watch.MspId), ["append"], new ConsentScope([category]), purpose, from, until);

            var request = state switch
            {
                "wrong-purpose" => Append(DeviceCategory, "operations"),
                "wrong-category" => Append("imaging", "treatment"),
                "valid" => Append(DeviceCategory, "treatment"),
                "future" => Append(DeviceCategory, "treatment", now.AddDays(1)),
                "expired" => Append(DeviceCategory, "treatment", now.AddHours(-1), now.AddSeconds(5)),
                _ => null,
            };
            if (request is not null)
            {
                _deviceConsents.Add((await alice.GrantConsentAsync(request).WithTimeout()).Consent.ConsentId);
            }

            if (state == "revoked")
            {
                // The valid one is the last granted.
                await alice.RevokeConsentAsync(new ConsentRequest(HealthRecordsNetworkFixture.Alice, _deviceConsents[^1])).WithTimeout();
            }

            if (state == "expired")
            {
                // Wait for the condition, not a fixed time: the watch's own decision names the expiry.
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while ((await clients["alice-watch"].CheckAccessAsync(new CheckAccessRequest(
                    HealthRecordsNetworkFixture.Alice, "append", "treatment", Category: DeviceCategory)).WithTimeout()).Reason != AccessReasons.ConsentExpired)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
                }
            }
        }

        private AddRecordRequest NewRecord(string patient, string category)
        {
            var n = ++_serial;
            return new AddRecordRequest(patient, "Observation", category, $"https://fhir.example.com/Observation/{patient}-{n}", Hash($"{patient}-{n}"), 100 + n, "application/fhir+json");
        }

        private GrantConsentRequest GhostConsent(string patient) =>
            new(patient, new Grantee("identity", Ghost(), "Org2MSP"), ["read"], new ConsentScope(["allergy"]), "treatment");

        private static string Hash(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

        private static async Task<string> ReadAsync<T>(Func<Task<T>> read)
        {
            try
            {
                return JsonSerializer.Serialize(await read().WithTimeout());
            }
            catch (HealthRecordsException e)
            {
                return e.WireCode;
            }
        }
    }
}
