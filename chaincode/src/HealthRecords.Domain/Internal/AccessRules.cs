using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Internal;

/// <summary>
/// The access decision as a pure function of the caller, its relation to the patient, the target,
/// the action, the purpose, the patient's consents (in key order) and the transaction time.
/// docs/consent.md states the same rules in words; keep them in step.
/// </summary>
internal static class AccessRules
{
    // How far a consent got before failing; the consent that got furthest explains a denial.
    private enum Stage
    {
        GranteeMismatch,
        ActionNotGranted,
        PurposeMismatch,
        ScopeMismatch,
        Revoked,
        NotYetValid,
        Expired,
        Allowed,
    }

    public static AccessDecision Decide(
        Caller caller,
        Relation relation,
        string patientId,
        RecordPointer? record,
        string category,
        string action,
        string purpose,
        IEnumerable<Consent> consents,
        DateTimeOffset now)
    {
        if (action == "append")
        {
            return DecideAppend(caller, patientId, category, purpose, consents, now);
        }

        switch (relation)
        {
            case Relation.Self:
                return Allow(AccessReasons.Patient, null, $"The caller is patient '{patientId}'.");
            case Relation.Delegate:
                return Allow(AccessReasons.Delegate, null, $"The caller is a delegate of patient '{patientId}'.");
            case Relation.Deactivated:
                return Deny(AccessReasons.IdentityDeactivated, null, "The caller's identity was deactivated for this patient.");
        }

        if (record is not null && action == "read" && caller.Role == Role.Provider && caller.MspId == record.Custodian)
        {
            return Allow(AccessReasons.Custodian, null, $"The caller is a provider of the custodian organisation {record.Custodian}.");
        }

        if (caller.Role is not (Role.Provider or Role.Emergency or Role.Device or Role.Researcher))
        {
            return Deny(AccessReasons.RoleNotPermitted, null, $"Role '{RoleNames.ToName(caller.Role)}' does not act through consent.");
        }

        return DecideByConsent(caller, patientId, record, category, action, purpose, consents, now);
    }

    /// <summary>Adding pointers: providers always (they become the custodian); bound devices through an append consent; nobody else.</summary>
    private static AccessDecision DecideAppend(
        Caller caller, string patientId, string category, string purpose, IEnumerable<Consent> consents, DateTimeOffset now)
    {
        if (caller.Role == Role.Provider)
        {
            return Allow(AccessReasons.Provider, null, "Providers add pointers to the records their organisation holds.");
        }

        if (caller.Role != Role.Device)
        {
            return Deny(AccessReasons.RoleNotPermitted, null, $"Role '{RoleNames.ToName(caller.Role)}' does not add records.");
        }

        return DecideByConsent(caller, patientId, null, category, "append", purpose, consents, now);
    }

    private static AccessDecision DecideByConsent(
        Caller caller,
        string patientId,
        RecordPointer? record,
        string category,
        string action,
        string purpose,
        IEnumerable<Consent> consents,
        DateTimeOffset now)
    {
        if (caller.Role == Role.Device && caller.PatientId != patientId)
        {
            return Deny(AccessReasons.DeviceNotBound, null, $"The device is not bound to patient '{patientId}'.");
        }

        if ((purpose == "research") != (caller.Role == Role.Researcher))
        {
            return Deny(
                AccessReasons.PurposeNotPermittedForRole,
                null,
                "The research purpose is for the researcher role only, and researchers act only for research.");
        }

        var best = Stage.GranteeMismatch;
        Consent? closest = null;
        foreach (var consent in consents)
        {
            var stage = Evaluate(consent, caller, record, category, action, purpose, now);
            if (stage == Stage.Allowed)
            {
                return Allow(AccessReasons.Consent, consent.ConsentId, $"Consent {consent.ConsentId} allows it.");
            }

            if (stage > best)
            {
                best = stage;
                closest = consent;
            }
        }

        return best switch
        {
            Stage.ActionNotGranted => Deny(AccessReasons.ActionNotGranted, closest, $"No consent grants '{action}'."),
            Stage.PurposeMismatch => Deny(AccessReasons.PurposeMismatch, closest, $"No consent covers the purpose '{purpose}'."),
            Stage.ScopeMismatch => Deny(AccessReasons.ScopeMismatch, closest, record is null
                ? $"No consent covers category '{category}'."
                : $"No consent covers record {record.RecordId} or its category '{category}'."),
            Stage.Revoked => Deny(AccessReasons.ConsentRevoked, closest, "The consent that would allow it was revoked."),
            Stage.NotYetValid => Deny(AccessReasons.ConsentNotYetValid, closest, "The consent that would allow it is not valid yet."),
            Stage.Expired => Deny(AccessReasons.ConsentExpired, closest, "The consent that would allow it has expired."),
            _ => Deny(AccessReasons.NoConsent, null, $"Patient '{patientId}' has granted the caller no consent."),
        };
    }

    public static bool GranteeMatches(Grantee grantee, Caller caller) => grantee.Type switch
    {
        "organization" => grantee.Value == caller.MspId,
        "identity" => grantee.Value == caller.Id && grantee.MspId == caller.MspId,
        "role" => grantee.Value == RoleNames.ToName(caller.Role),
        _ => false,
    };

    public static bool IsInForce(Consent consent, DateTimeOffset now) =>
        consent.Status == BindingStatus.Active && consent.ValidFrom <= now && (consent.ValidUntil is null || now < consent.ValidUntil);

    private static Stage Evaluate(
        Consent consent, Caller caller, RecordPointer? record, string category, string action, string purpose, DateTimeOffset now)
    {
        if (!GranteeMatches(consent.Grantee, caller))
        {
            return Stage.GranteeMismatch;
        }

        if (!consent.Actions.Contains(action, StringComparer.Ordinal))
        {
            return Stage.ActionNotGranted;
        }

        if (consent.Purpose != purpose)
        {
            return Stage.PurposeMismatch;
        }

        var inScope = (consent.Scope.Categories ?? []).Contains(category, StringComparer.Ordinal)
            || (record is not null && (consent.Scope.RecordIds ?? []).Contains(record.RecordId, StringComparer.Ordinal));
        if (!inScope)
        {
            return Stage.ScopeMismatch;
        }

        if (consent.Status != BindingStatus.Active)
        {
            return Stage.Revoked;
        }

        if (now < consent.ValidFrom)
        {
            return Stage.NotYetValid;
        }

        return consent.ValidUntil is { } until && now >= until ? Stage.Expired : Stage.Allowed;
    }

    private static AccessDecision Allow(string reason, string? consentId, string message) =>
        new(true, reason, reason, consentId, message);

    private static AccessDecision Deny(string reason, Consent? closest, string message) =>
        new(false, reason, null, closest?.ConsentId, message);
}
