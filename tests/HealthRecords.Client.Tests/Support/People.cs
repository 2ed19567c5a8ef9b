using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Client.Tests.Support;

/// <summary>Callers as the chaincode adapter builds them from certificates (MSP id, identity id, attributes).</summary>
public static class People
{
    public const string Patient = "pat-0001";
    public const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static Caller Alice { get; } = Make("Org1MSP", "alice", "patient", Patient);

    public static Caller DrHouse { get; } = Make("Org1MSP", "dr-house", "provider");

    public static Caller DrWho { get; } = Make("Org2MSP", "dr-who", "provider");

    public static Caller DrNo { get; } = Make("Org3MSP", "dr-no", "provider");

    public static Caller Nurse { get; } = Make("Org2MSP", "er-nurse", "emergency");

    public static Caller Rita { get; } = Make("Org2MSP", "rita", "researcher");

    public static Caller Audrey { get; } = Make("Org2MSP", "audrey", "auditor");

    public static AddRecordRequest Record(string category = "laboratory", string location = "https://fhir.org1.example.com/Observation/1") =>
        new(Patient, "Observation", category, location, Hash, 2048, "application/fhir+json");

    private static Caller Make(string msp, string name, string role, string? patient = null)
    {
        var attributes = new Dictionary<string, string> { [Caller.RoleAttribute] = role };
        if (patient is not null)
        {
            attributes[Caller.PatientAttribute] = patient;
        }

        return new Caller(msp, $"x509::CN={name},OU=client::CN=ca.{msp.ToLowerInvariant()}.example.com", attributes);
    }
}
