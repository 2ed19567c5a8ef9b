using System.Globalization;
using System.Text;
using HealthRecords.Cli.Internal;
using HealthRecords.Client;
using HealthRecords.Client.OffChain;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Cli.Demo;

/// <summary>
/// The end-to-end story of issue 8, told through the same code paths as the <c>hrec</c> commands: each
/// actor is a named identity of the connection profile, each step one or two transactions.
/// </summary>
internal sealed partial class DemoScenario(CliContext context, DemoReporter reporter, ContentAddressedStore store)
{
    public const string Patient = "alice";
    public const string Device = "alice-watch";
    public const string Hospital = "hospital-doctor";
    public const string Clinic = "clinic-doctor";
    public const string Emergency = "er-physician";
    public const string Researcher = "researcher";
    public const string PatientId = "pt-alice";
    public const int ReadingCount = 5;
    public const int LabResultCount = 2;

    private readonly List<string> _readings = [];
    private readonly List<string> _labResults = [];
    private readonly List<string> _accessTransactions = [];
    private string? _clinicConsent;
    private string? _clinicConsentTx;
    private HistoryRootResponse? _snapshot;

    /// <summary>Runs every step of <see cref="DemoSteps.Scenario"/>; a failed step does not stop the ones after it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        await reporter.AllowedAsync(DemoSteps.Register, () => RegisterAsync(ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.DeviceConsent, () => GrantDeviceAsync(ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.DeviceReadings, () => StreamReadingsAsync(ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.LabResults, () => AddLabResultsAsync(ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.EncryptedNote, () => EncryptedNoteAsync(ct)).ConfigureAwait(false);
        await reporter.RefusedAsync(DemoSteps.UnconsentedRead, () => ReadAsAsync(Clinic, FirstOrMissing(_labResults), ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.GrantClinic, () => GrantClinicAsync(ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.ClinicReads, () => ClinicReadsAsync(ct)).ConfigureAwait(false);
        await reporter.RefusedAsync(DemoSteps.OutOfScopeRead, () => ReadAsAsync(Clinic, FirstOrMissing(_readings), ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.Revoke, () => RevokeAsync(ct)).ConfigureAwait(false);
        await reporter.RefusedAsync(DemoSteps.ReadAfterRevoke, () => ReadAfterRevokeAsync(ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.BreakGlass, () => BreakGlassAsync(ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.AccessLog, () => AccessLogAsync(ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.ResearchCounts, () => ResearchCountsAsync(ct)).ConfigureAwait(false);
        await reporter.RefusedAsync(DemoSteps.ResearchRead, () => ReadAsAsync(Researcher, FirstOrMissing(_labResults), ct, "research")).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.Consistency, () => ConsistencyAsync(ct)).ConfigureAwait(false);
        await reporter.AllowedAsync(DemoSteps.Restore, () => RestoreAsync(ct)).ConfigureAwait(false);
    }

    private async Task<string> RegisterAsync(CancellationToken ct)
    {
        try
        {
            var response = await context.Client(Patient).RegisterPatientAsync(new RegisterPatientRequest(PatientId), ct).ConfigureAwait(false);
            var self = response.Identities[0];
            reporter.Detail($"bound {self.MspId} {self.IdentityId} as '{self.Relation}'");
            return $"registered {response.Patient.PatientId} in tx {Short(response.Patient.TxId)}";
        }
        catch (HealthRecordsException e) when (e.Code == HealthRecordsErrorCode.Conflict)
        {
            // A long-lived network (the Docker test network) keeps alice, and maybe her consents, from an earlier run.
            await SuspendReadConsentsAsync(ct).ConfigureAwait(false);
            return $"{PatientId} was already registered on this network; {Count(_suspended.Count, "earlier read consents")} suspended until the end; continuing";
        }
    }

    private async Task<string> GrantDeviceAsync(CancellationToken ct)
    {
        var (mspId, id) = context.ClientId(Device);
        var response = await context.Client(Patient).GrantConsentAsync(
            new GrantConsentRequest(PatientId, new Grantee("identity", id, mspId), ["append"], new ConsentScope(["vital-signs"]), "treatment", null, DateTimeOffset.UtcNow.AddDays(365)),
            ct).ConfigureAwait(false);
        _demoConsents.Add(response.Consent.ConsentId);
        _lastPatientWrite = response.Consent.TxId;
        reporter.Detail($"consent {response.Consent.ConsentId}: identity {Device} may append vital-signs for treatment until {CliOutput.Format(response.Consent.ValidUntil)}");
        return $"history leaf {response.History.LeafIndex}, size {response.History.TreeSize}";
    }

    private async Task<string> StreamReadingsAsync(CancellationToken ct)
    {
        var publisher = new RecordPublisher(context, store);
        var start = DateTimeOffset.UtcNow.AddMinutes(-ReadingCount);
        for (var i = 0; i < ReadingCount; i++)
        {
            var bpm = 62 + (i * 3 % 11);
            var reading = FhirSamples.HeartRate(PatientId, start.AddMinutes(i), bpm);

            // Each reading appends to alice's history, which both organisations' peers endorse against.
            await SettleLastPatientWriteAsync(ct).ConfigureAwait(false);
            var response = await publisher.AddAsync(
                new RecordContent(PatientId, "Observation", "vital-signs", reading, "application/fhir+json") { Sign = true },
                ct,
                Device).ConfigureAwait(false);
            _readings.Add(response.Record.RecordId);
            _lastPatientWrite = response.Record.TxId;
            reporter.Detail($"{response.Record.RecordId}: {bpm} bpm, CMS-signed by {Device}, {response.Record.Size} bytes at {response.Record.Location}");
        }

        _snapshot = await context.Client(Patient).GetHistoryRootAsync(new HistoryRequest(PatientId), ct).ConfigureAwait(false);
        reporter.Detail($"alice notes her history root: size {_snapshot.TreeSize}, root {Short(_snapshot.RootHash)}");

        var check = await new RecordReader(context, store).ReadAsync(
            _readings[0], new RecordReadOptions { Unlogged = true, FetchContent = true, CheckSignature = true }, ct, Patient).ConfigureAwait(false);
        reporter.Detail($"alice checks {check.Record.RecordId}: proof verified, hash matches, signed by {check.Signer}");
        return $"{ReadingCount} readings added by the device";
    }

    private async Task<string> AddLabResultsAsync(CancellationToken ct)
    {
        var publisher = new RecordPublisher(context, store);
        var tests = new[] { ("2345-7", "Glucose", "5.4", "mmol/L"), ("718-7", "Hemoglobin", "13.9", "g/dL") };
        foreach (var (code, name, value, unit) in tests.Take(LabResultCount))
        {
            var report = FhirSamples.LabReport(PatientId, code, name, value, unit);
            var response = await publisher.AddAsync(
                new RecordContent(PatientId, "DiagnosticReport", "laboratory", report, "application/fhir+json"),
                ct,
                Hospital).ConfigureAwait(false);
            _labResults.Add(response.Record.RecordId);
            reporter.Detail($"{response.Record.RecordId}: {name} {value} {unit}, custodian {response.Record.Custodian}, sha256 {Short(response.Record.ContentHash)}");
        }

        return $"{_labResults.Count} lab results added; the ledger holds pointers and hashes, the content stays off-chain";
    }

    private async Task<string> EncryptedNoteAsync(CancellationToken ct)
    {
        var note = Encoding.UTF8.GetBytes("Discharge note for pt-alice: follow-up in two weeks; continue current medication.");
        var response = await new RecordPublisher(context, store).AddAsync(
            new RecordContent(PatientId, "DocumentReference", "clinical-note", note, "text/plain") { EncryptFor = [Patient, Hospital] },
            ct,
            Hospital).ConfigureAwait(false);
        reporter.Detail($"{response.Record.RecordId}: stored as CMS ciphertext ({response.Record.Size} bytes), readable only by {Patient} and {Hospital}");

        // The read is verified by both organisations' peers, so the clinic's peer must have the note's block too.
        await WaitForCommitsAtAsync(Clinic, [response.Record.TxId], ct).ConfigureAwait(false);
        var read = await new RecordReader(context, store).ReadAsync(
            response.Record.RecordId, new RecordReadOptions { Unlogged = true, FetchContent = true, Decrypt = true }, ct, Patient).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(read.Content!);
        if (!read.Content!.AsSpan().SequenceEqual(note))
        {
            throw new InvalidOperationException("the decrypted note differs from the original");
        }

        reporter.Detail($"alice decrypts it: \"{text}\"");
        return "proof verified, ciphertext hash matches, decrypted with alice's key";
    }

    private static string FirstOrMissing(List<string> ids) => ids.Count > 0 ? ids[0] : "rec-" + new string('0', 40);

    private static string Short(string hex) => hex.Length > 16 ? hex[..16] + "..." : hex;

    private static string Count(int n, string what) => n.ToString(CultureInfo.InvariantCulture) + " " + what;
}
