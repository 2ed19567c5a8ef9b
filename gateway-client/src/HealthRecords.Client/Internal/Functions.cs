namespace HealthRecords.Client.Internal;

/// <summary>The chaincode's function names (the domain dispatcher's table).</summary>
internal static class Functions
{
    public const string RegisterPatient = "RegisterPatient";
    public const string AddPatientIdentity = "AddPatientIdentity";
    public const string RotatePatientIdentity = "RotatePatientIdentity";
    public const string DeactivatePatientIdentity = "DeactivatePatientIdentity";
    public const string GetPatient = "GetPatient";
    public const string AddRecord = "AddRecord";
    public const string SupersedeRecord = "SupersedeRecord";
    public const string GetRecord = "GetRecord";
    public const string ListRecords = "ListRecords";
    public const string GrantConsent = "GrantConsent";
    public const string RevokeConsent = "RevokeConsent";
    public const string GetConsent = "GetConsent";
    public const string ListConsents = "ListConsents";
    public const string CheckAccess = "CheckAccess";
    public const string RequestAccess = "RequestAccess";
    public const string EmergencyAccess = "EmergencyAccess";
    public const string ReadAccessedRecords = "ReadAccessedRecords";
    public const string ListAccessLog = "ListAccessLog";
    public const string CountResearchRecords = "CountResearchRecords";
    public const string GetHistoryRoot = "GetHistoryRoot";
    public const string GetHistoryEntry = "GetHistoryEntry";
    public const string GetHistoryConsistency = "GetHistoryConsistency";
}
