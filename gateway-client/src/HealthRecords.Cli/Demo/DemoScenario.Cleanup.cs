using HealthRecords.Cli.Internal;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Cli.Demo;

/// <content>
/// Making the demo repeatable on a long-lived network: read consents pt-alice already had (from an earlier
/// run, <c>make sample</c> or the README's examples) would turn the expected refusals into reads, so they are
/// suspended (revoked) before the story starts and granted again, with the same terms, at the end; every
/// consent the demo grants is revoked at the end. Each action is printed.
/// </content>
internal sealed partial class DemoScenario
{
    private readonly List<Consent> _suspended = [];
    private readonly List<string> _demoConsents = [];
    private string? _lastPatientWrite;

    /// <summary>Revokes every active read consent of pt-alice, remembering it for <see cref="RestoreAsync"/>.</summary>
    private async Task SuspendReadConsentsAsync(CancellationToken ct)
    {
        var alice = context.Client(Patient);
        string? bookmark = null;
        var active = new List<Consent>();
        do
        {
            var page = await alice.ListConsentsAsync(new ListConsentsRequest(PatientId, 100, bookmark), ct).ConfigureAwait(false);
            active.AddRange(page.Consents.Where(c => c.Status == "active" && c.Actions.Contains("read") && (c.ValidUntil is null || c.ValidUntil > DateTimeOffset.UtcNow)));
            bookmark = string.IsNullOrEmpty(page.Bookmark) ? null : page.Bookmark;
        }
        while (bookmark is not null);

        foreach (var consent in active)
        {
            await SettleLastPatientWriteAsync(ct).ConfigureAwait(false);
            var response = await alice.RevokeConsentAsync(new ConsentRequest(PatientId, consent.ConsentId), ct).ConfigureAwait(false);
            _lastPatientWrite = response.Consent.Revocation?.TxId;
            _suspended.Add(consent);
            reporter.Detail($"an earlier read consent would change the outcome: suspended {consent.ConsentId} ({Describe(consent)}); it is granted again at the end");
        }
    }

    /// <summary>The last step: revokes what the demo granted and grants again what it suspended.</summary>
    private async Task<string> RestoreAsync(CancellationToken ct)
    {
        var alice = context.Client(Patient);
        var revoked = 0;
        foreach (var consentId in _demoConsents)
        {
            var current = await alice.GetConsentAsync(new ConsentRequest(PatientId, consentId), ct).ConfigureAwait(false);
            if (current.Consent.Status == "active")
            {
                await SettleLastPatientWriteAsync(ct).ConfigureAwait(false);
                var response = await alice.RevokeConsentAsync(new ConsentRequest(PatientId, consentId), ct).ConfigureAwait(false);
                _lastPatientWrite = response.Consent.Revocation?.TxId;
                reporter.Detail($"revoked the demo's consent {consentId} ({Describe(current.Consent)})");
                revoked++;
            }
        }

        foreach (var consent in _suspended)
        {
            await SettleLastPatientWriteAsync(ct).ConfigureAwait(false);
            var again = await alice.GrantConsentAsync(
                new GrantConsentRequest(PatientId, consent.Grantee, consent.Actions, consent.Scope, consent.Purpose, null, consent.ValidUntil), ct).ConfigureAwait(false);
            _lastPatientWrite = again.Consent.TxId;
            reporter.Detail($"granted again {Describe(consent)} as {again.Consent.ConsentId} (was {consent.ConsentId})");
        }

        return $"{Count(revoked, "demo consents revoked")}, {Count(_suspended.Count, "earlier consents restored")}; the consents are as the demo found them";
    }

    /// <summary>
    /// Each of alice's writes appends to her history, and both organisations' peers endorse the next one: a
    /// peer still without the last append would endorse a different history size ("ProposalResponsePayloads
    /// do not match"). The client's retry covers a short lag; waiting at the other organisation's peer (the
    /// clinic's gateway) makes the step independent of how far behind a loaded machine lets it fall.
    /// </summary>
    private async Task SettleLastPatientWriteAsync(CancellationToken ct)
    {
        if (_lastPatientWrite is { } transactionId)
        {
            await WaitForCommitsAtAsync(Clinic, [transactionId], ct).ConfigureAwait(false);
        }
    }

    private static string Describe(Consent consent) =>
        $"{consent.Grantee.Type} {Short(consent.Grantee.Value)}: {string.Join("+", consent.Actions)} " +
        $"{string.Join(",", consent.Scope.Categories ?? [])}{(consent.Scope.RecordIds is { Count: > 0 } ids ? " records " + string.Join(",", ids) : string.Empty)} " +
        $"for {consent.Purpose}{(consent.ValidUntil is { } until ? " until " + CliOutput.Format(until) : string.Empty)}";
}
