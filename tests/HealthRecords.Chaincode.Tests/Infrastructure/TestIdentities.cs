using System.Collections.Concurrent;
using Fabric.CryptoGen;
using Hyperledger.Fabric.Identity;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>
/// Client identities with real certificates: each organisation has a CA made by Fabric.CryptoGen,
/// and each identity's certificate carries the Fabric CA attributes <c>hrec.role</c> and
/// <c>hrec.patient</c> exactly as Fabric CA would issue them. Identities are cached, so the same
/// name gives the same certificate (and so the same creator bytes) for the whole test run.
/// </summary>
internal static class TestIdentities
{
    public const string Org1 = "Org1MSP";
    public const string Org2 = "Org2MSP";
    public const string P1 = "patient-001";
    public const string P2 = "patient-002";

    private static readonly ConcurrentDictionary<string, CertificateAuthority> Authorities = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, X509Identity> Identities = new(StringComparer.Ordinal);

    public static X509Identity Patient(string patientId = P1, string mspId = Org1) =>
        Get(mspId, $"{patientId}@{Domain(mspId)}", "patient", patientId);

    public static X509Identity Delegate(string patientId = P1, string mspId = Org1) =>
        Get(mspId, $"guardian-of-{patientId}@{Domain(mspId)}", "patient", null);

    public static X509Identity Provider(string mspId = Org1, string name = "doctor") =>
        Get(mspId, $"{name}@{Domain(mspId)}", "provider", null);

    public static X509Identity Emergency(string mspId = Org1) => Get(mspId, $"er@{Domain(mspId)}", "emergency", null);

    public static X509Identity Device(string patientId = P1, string mspId = Org1) =>
        Get(mspId, $"watch-{patientId}@{Domain(mspId)}", "device", patientId);

    public static X509Identity Researcher(string mspId = Org2) => Get(mspId, $"researcher@{Domain(mspId)}", "researcher", null);

    public static X509Identity Auditor(string mspId = Org2) => Get(mspId, $"auditor@{Domain(mspId)}", "auditor", null);

    public static X509Identity Admin(string mspId = Org1) => Get(mspId, $"Admin@{Domain(mspId)}", "admin", null);

    /// <summary>An identity whose certificate has no Fabric CA attribute extension at all.</summary>
    public static X509Identity NoAttributes(string mspId = Org1) => Get(mspId, $"plain@{Domain(mspId)}", null, null);

    /// <summary>An identity issued by the given organisation's CA.</summary>
    public static X509Identity Get(string mspId, string commonName, string? role, string? patientId) =>
        Identities.GetOrAdd($"{mspId}|{commonName}|{role}|{patientId}", _ => Issue(mspId, commonName, role, patientId));

    /// <summary>The organisation's CA certificate.</summary>
    public static CertificateAuthority Authority(string mspId) =>
        Authorities.GetOrAdd(mspId, msp => CertificateAuthority.Create(new CertificateAuthorityOptions($"ca.{Domain(msp)}", Domain(msp))));

    private static X509Identity Issue(string mspId, string commonName, string? role, string? patientId)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (role is not null)
        {
            attributes["hrec.role"] = role;
        }

        if (patientId is not null)
        {
            attributes["hrec.patient"] = patientId;
        }

        using var issued = Authority(mspId).Issue(new LeafCertificateOptions(commonName)
        {
            OrganizationalUnits = ["client"],
            Attributes = attributes,
        });
        return X509Identity.FromPem(mspId, issued.CertificatePem);
    }

    private static string Domain(string mspId) => mspId switch
    {
        Org1 => "org1.example.com",
        Org2 => "org2.example.com",
        _ => mspId.ToLowerInvariant() + ".example.com",
    };
}
