namespace HealthRecords.Cli.Demo;

/// <summary>The demo's step titles, in order (the tests look for each one in the output).</summary>
internal static class DemoSteps
{
    public const string StartNetwork = "Start the dev network: hospital (Org1MSP) and clinic (Org2MSP), chaincode healthrecords as a service";
    public const string UseNetwork = "Connect to the network of the given connection profile";
    public const string Register = "alice registers as patient pt-alice";
    public const string DeviceConsent = "alice lets her watch (alice-watch) append vital signs";
    public const string DeviceReadings = "alice-watch streams a batch of signed heart-rate readings";
    public const string LabResults = "hospital-doctor (Org1MSP) adds lab results";
    public const string EncryptedNote = "hospital-doctor adds a clinical note encrypted for alice; alice decrypts it";
    public const string UnconsentedRead = "clinic-doctor (Org2MSP) tries to read a lab result without consent";
    public const string GrantClinic = "alice grants the clinic (Org2MSP) read access to laboratory results for treatment, 30 days";
    public const string ClinicReads = "clinic-doctor reads the lab results: proofs verified, content hashes checked";
    public const string OutOfScopeRead = "clinic-doctor tries to read a vital-signs reading (outside the consent's scope)";
    public const string Revoke = "alice revokes the clinic's consent";
    public const string ReadAfterRevoke = "clinic-doctor tries to read a lab result after the revocation";
    public const string BreakGlass = "er-physician (emergency role) uses break-glass access";
    public const string AccessLog = "alice reviews her access log: the break-glass access is flagged";
    public const string ResearchCounts = "alice consents to research on her vital signs; the researcher sees aggregate counts only";
    public const string ResearchRead = "researcher tries to read one of alice's lab results";
    public const string Consistency = "alice checks a consistency proof: her history was only appended to";
    public const string Restore = "alice revokes the demo's consents and restores any she had before: the network is left as the demo found it";

    /// <summary>Every step the scenario runs after the network step, in order.</summary>
    public static IReadOnlyList<string> Scenario { get; } =
    [
        Register, DeviceConsent, DeviceReadings, LabResults, EncryptedNote, UnconsentedRead, GrantClinic, ClinicReads,
        OutOfScopeRead, Revoke, ReadAfterRevoke, BreakGlass, AccessLog, ResearchCounts, ResearchRead, Consistency, Restore,
    ];
}
