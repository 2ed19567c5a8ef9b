namespace HealthRecords.Domain.Ports;

/// <summary>The roles a certificate's <c>hrec.role</c> attribute can name.</summary>
public enum Role
{
    /// <summary>No role attribute, or one the domain does not know: every function refuses it.</summary>
    None,

    /// <summary>A patient, bound to one patient id by <c>hrec.patient</c>.</summary>
    Patient,

    /// <summary>A clinician or system of a provider organisation.</summary>
    Provider,

    /// <summary>Emergency staff: may use break-glass access.</summary>
    Emergency,

    /// <summary>A device (wearable, monitor) bound to one patient by <c>hrec.patient</c>.</summary>
    Device,

    /// <summary>A researcher: research-purpose access and aggregate counts.</summary>
    Researcher,

    /// <summary>An auditor: reads access logs and histories.</summary>
    Auditor,

    /// <summary>An administrator of an organisation (no health-record rights of its own).</summary>
    Admin,
}
