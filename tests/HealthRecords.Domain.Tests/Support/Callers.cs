using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Tests.Support;

/// <summary>Identities as the chaincode adapter would build them from certificates.</summary>
public static class Callers
{
    public const string Org1 = "Org1MSP";
    public const string Org2 = "Org2MSP";
    public const string P1 = "pat-0001";
    public const string P2 = "pat-0002";

    public static Caller Patient(string patientId = P1, string name = "alice", string msp = Org1) =>
        Make(msp, name, "patient", patientId);

    public static Caller Guardian(string name = "gina") => Make(Org1, name, "patient", "pat-guardian");

    public static Caller Provider(string msp = Org1, string name = "dr-house") => Make(msp, name, "provider");

    public static Caller Emergency(string msp = Org2, string name = "er-nurse") => Make(msp, name, "emergency");

    public static Caller Device(string patientId = P1, string name = "watch-1") => Make(Org1, name, "device", patientId);

    public static Caller Researcher(string msp = Org2, string name = "rita") => Make(msp, name, "researcher");

    public static Caller Auditor(string msp = Org2, string name = "audrey") => Make(msp, name, "auditor");

    public static Caller Admin(string msp = Org1) => Make(msp, "admin", "admin");

    public static Caller NoRole(string msp = Org1) => Make(msp, "nobody", null);

    public static string IdOf(string msp, string name) => $"x509::CN={name},OU=client::CN=ca.{msp.ToLowerInvariant()}.example.com";

    private static Caller Make(string msp, string name, string? role, string? patientId = null)
    {
        var attributes = new Dictionary<string, string>();
        if (role is not null)
        {
            attributes[Caller.RoleAttribute] = role;
        }

        if (patientId is not null)
        {
            attributes[Caller.PatientAttribute] = patientId;
        }

        return new Caller(msp, IdOf(msp, name), attributes);
    }
}
