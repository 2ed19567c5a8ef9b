namespace HealthRecords.Domain.Internal;

/// <summary>How the caller stands to one patient.</summary>
internal enum Relation
{
    /// <summary>No active binding.</summary>
    None,

    /// <summary>An active own identity whose certificate names the patient with role patient.</summary>
    Self,

    /// <summary>An active guardian/delegate binding.</summary>
    Delegate,

    /// <summary>A binding that was deactivated (rotated out or removed).</summary>
    Deactivated,
}
