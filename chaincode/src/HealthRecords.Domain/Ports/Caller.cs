namespace HealthRecords.Domain.Ports;

/// <summary>
/// The identity that submitted a transaction: its MSP, its unique id (Fabric's client identity id,
/// <c>x509::subject::issuer</c>) and the attributes its CA put in the certificate. Roles and patient
/// bindings come from here and never from transaction arguments.
/// </summary>
public sealed record Caller
{
    /// <summary>The certificate attribute naming the caller's role.</summary>
    public const string RoleAttribute = "hrec.role";

    /// <summary>The certificate attribute naming the patient a patient or device identity is bound to.</summary>
    public const string PatientAttribute = "hrec.patient";

    /// <summary>Creates a caller.</summary>
    /// <param name="mspId">The MSP id of the identity's organisation.</param>
    /// <param name="id">The identity's unique id within the network.</param>
    /// <param name="attributes">The certificate attributes (Fabric CA extension); <see langword="null"/> means none.</param>
    public Caller(string mspId, string id, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(mspId);
        ArgumentNullException.ThrowIfNull(id);
        MspId = mspId;
        Id = id;
        Attributes = attributes ?? new Dictionary<string, string>();
        Role = RoleNames.Parse(Attributes.TryGetValue(RoleAttribute, out var role) ? role : null);
        PatientId = Attributes.TryGetValue(PatientAttribute, out var patient) && !string.IsNullOrEmpty(patient)
            ? patient
            : null;
    }

    /// <summary>The MSP id of the identity's organisation, e.g. <c>Org1MSP</c>.</summary>
    public string MspId { get; }

    /// <summary>The identity's unique id.</summary>
    public string Id { get; }

    /// <summary>The certificate attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The role from <c>hrec.role</c>; <see cref="Role.None"/> when absent or unknown.</summary>
    public Role Role { get; }

    /// <summary>The patient id from <c>hrec.patient</c>, or <see langword="null"/>.</summary>
    public string? PatientId { get; }
}
