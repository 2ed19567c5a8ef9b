namespace HealthRecords.Domain;

/// <summary>
/// The closed vocabularies the domain accepts. Values are lowercase kebab-case (resource types use
/// FHIR's spelling); anything else is <see cref="DomainErrorCodes.InvalidArgument"/>.
/// Documented in docs/domain.md and docs/consent.md.
/// </summary>
public static class Vocabulary
{
    /// <summary>Record categories, sorted ordinally.</summary>
    public static IReadOnlyList<string> Categories { get; } =
    [
        "allergy", "clinical-note", "device-reading", "imaging", "immunization",
        "laboratory", "medication", "procedure", "vital-signs",
    ];

    /// <summary>Purposes of use and their HL7 v3-ActReason codes (FHIR Consent.provision.purpose).</summary>
    public static IReadOnlyDictionary<string, string> Purposes { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["emergency"] = "ETREAT",
        ["operations"] = "HOPERAT",
        ["payment"] = "HPAYMT",
        ["research"] = "HRESCH",
        ["treatment"] = "TREAT",
    };

    /// <summary>Consent actions: <c>append</c> (add record pointers) and <c>read</c>.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["append", "read"];

    /// <summary>Grantee types of a consent.</summary>
    public static IReadOnlyList<string> GranteeTypes { get; } = ["identity", "organization", "role"];

    /// <summary>Roles a consent may be granted to (the roles that act through consent).</summary>
    public static IReadOnlyList<string> GrantableRoles { get; } = ["device", "emergency", "provider", "researcher"];

    /// <summary>Relations of an identity to a patient.</summary>
    public static IReadOnlyList<string> Relations { get; } = ["delegate", "self"];

    /// <summary>FHIR R4/R5 resource types a record pointer may name, sorted ordinally.</summary>
    public static IReadOnlyList<string> ResourceTypes { get; } =
    [
        "AllergyIntolerance", "Binary", "Bundle", "CarePlan", "Composition", "Condition",
        "DiagnosticReport", "DocumentReference", "Encounter", "ImagingStudy", "Immunization", "Media",
        "MedicationAdministration", "MedicationRequest", "MedicationStatement", "Observation",
        "Procedure", "QuestionnaireResponse", "Specimen",
    ];

    /// <summary>URI schemes a record location may use.</summary>
    public static IReadOnlyList<string> LocationSchemes { get; } = ["cas", "https", "ipfs", "urn"];
}
