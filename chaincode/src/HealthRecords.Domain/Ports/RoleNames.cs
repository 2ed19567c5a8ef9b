namespace HealthRecords.Domain.Ports;

/// <summary>The attribute spelling of each <see cref="Role"/> (lowercase, as Fabric CA issues it).</summary>
public static class RoleNames
{
    /// <summary>Returns the attribute value for <paramref name="role"/>, e.g. <c>provider</c>; <c>none</c> for <see cref="Role.None"/>.</summary>
    /// <param name="role">The role.</param>
    public static string ToName(Role role) => role switch
    {
        Role.Patient => "patient",
        Role.Provider => "provider",
        Role.Emergency => "emergency",
        Role.Device => "device",
        Role.Researcher => "researcher",
        Role.Auditor => "auditor",
        Role.Admin => "admin",
        _ => "none",
    };

    /// <summary>Parses an attribute value (exact, lowercase); anything else is <see cref="Role.None"/>.</summary>
    /// <param name="value">The attribute value, or <see langword="null"/>.</param>
    public static Role Parse(string? value) => value switch
    {
        "patient" => Role.Patient,
        "provider" => Role.Provider,
        "emergency" => Role.Emergency,
        "device" => Role.Device,
        "researcher" => Role.Researcher,
        "auditor" => Role.Auditor,
        "admin" => Role.Admin,
        _ => Role.None,
    };
}
