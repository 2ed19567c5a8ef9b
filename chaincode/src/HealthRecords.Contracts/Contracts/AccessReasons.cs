namespace HealthRecords.Domain.Contracts;

/// <summary>The stable <see cref="AccessDecision.Reason"/> codes, in the order the rules test them (docs/consent.md).</summary>
public static class AccessReasons
{
    /// <summary>Allowed: the caller is the patient (an active own identity).</summary>
    public const string Patient = "patient";

    /// <summary>Allowed: the caller is an active delegate of the patient.</summary>
    public const string Delegate = "delegate";

    /// <summary>Denied: the caller's binding to the patient was deactivated (rotated out or removed).</summary>
    public const string IdentityDeactivated = "identity-deactivated";

    /// <summary>Allowed: a provider of the record's custodian organisation reads it.</summary>
    public const string Custodian = "custodian";

    /// <summary>Allowed (append only): providers add pointers for any registered patient; their organisation becomes the custodian.</summary>
    public const string Provider = "provider";

    /// <summary>Denied: the caller's role (or lack of one) never acts through consent (for append: is neither provider nor device).</summary>
    public const string RoleNotPermitted = "role-not-permitted";

    /// <summary>Denied: a device acts for a patient other than the one its certificate binds it to.</summary>
    public const string DeviceNotBound = "device-not-bound";

    /// <summary>Denied: research purpose without the researcher role, or the researcher role with another purpose.</summary>
    public const string PurposeNotPermittedForRole = "purpose-not-permitted-for-role";

    /// <summary>Denied: no consent of the patient names the caller (by identity, organisation or role).</summary>
    public const string NoConsent = "no-consent";

    /// <summary>Denied: the closest consent does not grant the action.</summary>
    public const string ActionNotGranted = "action-not-granted";

    /// <summary>Denied: the closest consent is for another purpose.</summary>
    public const string PurposeMismatch = "purpose-mismatch";

    /// <summary>Denied: the closest consent covers other categories or records.</summary>
    public const string ScopeMismatch = "scope-mismatch";

    /// <summary>Denied: the closest consent was revoked.</summary>
    public const string ConsentRevoked = "consent-revoked";

    /// <summary>Denied: the closest consent is not valid yet.</summary>
    public const string ConsentNotYetValid = "consent-not-yet-valid";

    /// <summary>Denied: the closest consent has expired.</summary>
    public const string ConsentExpired = "consent-expired";

    /// <summary>Allowed: an active, valid consent covers the access.</summary>
    public const string Consent = "consent";
}
