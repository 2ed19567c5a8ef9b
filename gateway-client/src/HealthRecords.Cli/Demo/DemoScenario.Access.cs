using HealthRecords.Cli.Internal;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Cli.Demo;

/// <content>The consent, access, research and history steps.</content>
internal sealed partial class DemoScenario
{
    /// <summary>The transaction that last changed the clinic's consent (its revocation, else its grant).</summary>
    private string ClinicConsentTransaction => _clinicConsentTx ?? throw new InvalidOperationException("no clinic consent was granted");

    private Task ReadAsAsync(string identity, string recordId, CancellationToken ct, string purpose = "treatment") =>
        context.Client(identity).ReadRecordAsync(new ReadRecordRequest(recordId, purpose), ct);

    private async Task<string> GrantClinicAsync(CancellationToken ct)
    {
        var response = await context.Client(Patient).GrantConsentAsync(
            new GrantConsentRequest(PatientId, new Grantee("organization", "Org2MSP"), ["read"], new ConsentScope(["laboratory"]), "treatment", null, DateTimeOffset.UtcNow.AddDays(30)),
            ct).ConfigureAwait(false);
        _clinicConsent = response.Consent.ConsentId;
        _clinicConsentTx = response.Consent.TxId;
        _demoConsents.Add(response.Consent.ConsentId);
        reporter.Detail($"consent {response.Consent.ConsentId} ({response.Consent.PurposeCode}) valid until {CliOutput.Format(response.Consent.ValidUntil)}");
        return $"granted; history leaf {response.History.LeafIndex}";
    }

    private async Task<string> ClinicReadsAsync(CancellationToken ct)
    {
        await WaitForCommitsAtAsync(Clinic, [ClinicConsentTransaction], ct).ConfigureAwait(false);
        var listed = await context.Client(Clinic).ListRecordsAsync(new ListRecordsRequest(PatientId, "laboratory", "treatment"), ct).ConfigureAwait(false);
        reporter.Detail($"the clinic lists alice's laboratory records: {listed.Records.Count} found (summaries only)");
        var reader = new RecordReader(context, store);
        foreach (var recordId in _labResults)
        {
            var read = await reader.ReadAsync(recordId, new RecordReadOptions { FetchContent = true }, ct, Clinic).ConfigureAwait(false);
            _accessTransactions.Add(read.Access!.TxId);
            reporter.Detail(
                $"{recordId}: inclusion proof verified (leaf {read.Proof.LeafIndex} of {read.Proof.TreeSize}), " +
                $"{read.Stored!.Length} bytes match sha256 {Short(read.Record.ContentHash)}, access {read.Access!.AccessId} logged under {read.Access.ConsentId}");
        }

        return Count(_labResults.Count, "lab results read and verified");
    }

    /// <summary>The clinic's read once its peer has the revocation: a refusal must come from the revocation, not race it.</summary>
    private async Task ReadAfterRevokeAsync(CancellationToken ct)
    {
        await WaitForCommitsAtAsync(Clinic, [ClinicConsentTransaction], ct).ConfigureAwait(false);
        await ReadAsAsync(Clinic, FirstOrMissing(_labResults), ct).ConfigureAwait(false);
    }

    private async Task<string> RevokeAsync(CancellationToken ct)
    {
        var consentId = _clinicConsent ?? throw new InvalidOperationException("no clinic consent was granted");
        var response = await context.Client(Patient).RevokeConsentAsync(new ConsentRequest(PatientId, consentId), ct).ConfigureAwait(false);
        _clinicConsentTx = response.Consent.Revocation?.TxId ?? response.Consent.TxId;
        reporter.Detail($"consent {consentId} is now {response.Consent.Status} (kept on the ledger, revocation at leaf {response.History.LeafIndex})");
        return "revoked";
    }

    private async Task<string> BreakGlassAsync(CancellationToken ct)
    {
        var response = await context.Client(Emergency).EmergencyAccessAsync(
            new EmergencyAccessRequest(PatientId, "Unconscious patient in the emergency room; allergies and recent labs needed", null, "laboratory"),
            ct).ConfigureAwait(false);
        _accessTransactions.Add(response.Access.TxId);
        reporter.Detail($"access {response.Access.AccessId}: basis {response.Access.Basis}, emergency {response.Access.Emergency}, reason \"{response.Access.Reason}\"");
        return Count(response.Records.Count, "laboratory records released without consent; logged and flagged");
    }

    private async Task<string> AccessLogAsync(CancellationToken ct)
    {
        await WaitForCommitsAtAsync(Patient, _accessTransactions, ct).ConfigureAwait(false);
        var entries = await Commands.AccessCommands.ReadLogAsync(context, PatientId, Patient, ct).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            reporter.Detail(
                $"{CliOutput.Format(entry.AccessedAt)} {entry.Accessor.MspId}/{entry.Accessor.Role} {entry.Purpose} via {entry.Basis}" +
                (entry.Emergency ? $"  <-- BREAK-GLASS: {entry.Reason}" : string.Empty));
        }

        var flagged = entries.Count(e => e.Emergency);
        if (flagged == 0)
        {
            throw new InvalidOperationException("the access log shows no break-glass entry");
        }

        return $"{Count(entries.Count, "accesses")}, {flagged} flagged as break-glass";
    }

    private async Task<string> ResearchCountsAsync(CancellationToken ct)
    {
        var consent = await context.Client(Patient).GrantConsentAsync(
            new GrantConsentRequest(PatientId, new Grantee("role", "researcher"), ["read"], new ConsentScope(["vital-signs"]), "research", null, DateTimeOffset.UtcNow.AddDays(365)),
            ct).ConfigureAwait(false);
        _demoConsents.Add(consent.Consent.ConsentId);
        _lastPatientWrite = consent.Consent.TxId;
        reporter.Detail($"consent {consent.Consent.ConsentId}: role researcher may read vital-signs for research ({consent.Consent.PurposeCode})");
        var counts = await context.Client(Researcher).CountResearchRecordsAsync(new ResearchCountRequest(["laboratory", "vital-signs"]), ct).ConfigureAwait(false);
        foreach (var row in counts.Counts)
        {
            reporter.Detail(row.Suppressed
                ? $"{row.Category}: suppressed (fewer than {counts.Threshold} patients)"
                : $"{row.Category}: {CliOutput.Format(row.Patients)} patients, {CliOutput.Format(row.Records)} records");
        }

        return "counts only: no patient id, no pointer";
    }

    private async Task<string> ConsistencyAsync(CancellationToken ct)
    {
        var snapshot = _snapshot ?? throw new InvalidOperationException("no earlier root was noted");
        var result = await HistoryChecks.ProveAppendOnlyAsync(context.Client(Patient), PatientId, snapshot.TreeSize, snapshot.RootHash, null, ct).ConfigureAwait(false);
        reporter.Detail($"size {result.FromSize} root {Short(result.FromRoot)} -> size {result.ToSize} root {Short(result.ToRoot)}, proof of {result.ProofLength} hashes");
        var last = await context.Client(Patient).GetHistoryEntryAsync(new HistoryEntryRequest(PatientId, result.ToSize - 1), ct).ConfigureAwait(false);
        reporter.Detail($"latest entry (leaf {last.LeafIndex}, {Commands.ProofCommands.LeafType(last)}) proven into the same root");
        return "verified: nothing earlier was changed or removed";
    }
}
