using Hyperledger.Fabric.Shim.Contracts;

namespace HealthRecords.Chaincode;

// The transaction functions: exactly HealthRecordsDispatcher's, in its order (the constructor checks).
public sealed partial class HealthRecordsContract
{
    /// <summary>Submit: Registers the caller (role patient) as the patient its hrec.patient names. Request <c>RegisterPatientRequest</c>, response <c>PatientResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Registers the caller (role patient) as the patient its hrec.patient names. Request: RegisterPatientRequest. Response: PatientResponse.")]
    public Task<byte[]> RegisterPatientAsync(ContractContext context, string request) => RunAsync(context, "RegisterPatient", request);

    /// <summary>Submit: Binds another identity (self or delegate) to a patient. Request <c>AddPatientIdentityRequest</c>, response <c>IdentityBindingResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Binds another identity (self or delegate) to a patient. Request: AddPatientIdentityRequest. Response: IdentityBindingResponse.")]
    public Task<byte[]> AddPatientIdentityAsync(ContractContext context, string request) => RunAsync(context, "AddPatientIdentity", request);

    /// <summary>Submit: Replaces the caller's own patient identity with a new one. Request <c>RotatePatientIdentityRequest</c>, response <c>RotatePatientIdentityResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Replaces the caller's own patient identity with a new one. Request: RotatePatientIdentityRequest. Response: RotatePatientIdentityResponse.")]
    public Task<byte[]> RotatePatientIdentityAsync(ContractContext context, string request) => RunAsync(context, "RotatePatientIdentity", request);

    /// <summary>Submit: Deactivates one identity bound to a patient. Request <c>DeactivatePatientIdentityRequest</c>, response <c>IdentityBindingResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Deactivates one identity bound to a patient. Request: DeactivatePatientIdentityRequest. Response: IdentityBindingResponse.")]
    public Task<byte[]> DeactivatePatientIdentityAsync(ContractContext context, string request) => RunAsync(context, "DeactivatePatientIdentity", request);

    /// <summary>Evaluate: Reads a patient and its identity bindings. Request <c>GetPatientRequest</c>, response <c>PatientResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "Reads a patient and its identity bindings. Request: GetPatientRequest. Response: PatientResponse.")]
    public Task<byte[]> GetPatientAsync(ContractContext context, string request) => RunAsync(context, "GetPatient", request);

    /// <summary>Submit: Adds a record pointer (provider, or a consented device). Request <c>AddRecordRequest</c>, response <c>RecordResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Adds a record pointer (provider, or a consented device). Request: AddRecordRequest. Response: RecordResponse.")]
    public Task<byte[]> AddRecordAsync(ContractContext context, string request) => RunAsync(context, "AddRecord", request);

    /// <summary>Submit: Corrects a record pointer with a new version. Request <c>SupersedeRecordRequest</c>, response <c>RecordResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Corrects a record pointer with a new version. Request: SupersedeRecordRequest. Response: RecordResponse.")]
    public Task<byte[]> SupersedeRecordAsync(ContractContext context, string request) => RunAsync(context, "SupersedeRecord", request);

    /// <summary>Evaluate: Reads a record pointer with its inclusion proof (patient, delegate, custodian). Request <c>GetRecordRequest</c>, response <c>RecordWithProofResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "Reads a record pointer with its inclusion proof (patient, delegate, custodian). Request: GetRecordRequest. Response: RecordWithProofResponse.")]
    public Task<byte[]> GetRecordAsync(ContractContext context, string request) => RunAsync(context, "GetRecord", request);

    /// <summary>Evaluate: Lists record summaries of a patient, one page at a time. Request <c>ListRecordsRequest</c>, response <c>ListRecordsResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "Lists record summaries of a patient, one page at a time. Request: ListRecordsRequest. Response: ListRecordsResponse.")]
    public Task<byte[]> ListRecordsAsync(ContractContext context, string request) => RunAsync(context, "ListRecords", request);

    /// <summary>Submit: Grants a consent (patient or delegate). Request <c>GrantConsentRequest</c>, response <c>ConsentResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Grants a consent (patient or delegate). Request: GrantConsentRequest. Response: ConsentResponse.")]
    public Task<byte[]> GrantConsentAsync(ContractContext context, string request) => RunAsync(context, "GrantConsent", request);

    /// <summary>Submit: Revokes a consent (patient or delegate). Request <c>ConsentRequest</c>, response <c>ConsentResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Revokes a consent (patient or delegate). Request: ConsentRequest. Response: ConsentResponse.")]
    public Task<byte[]> RevokeConsentAsync(ContractContext context, string request) => RunAsync(context, "RevokeConsent", request);

    /// <summary>Evaluate: Reads a consent with its inclusion proof. Request <c>ConsentRequest</c>, response <c>ConsentWithProofResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "Reads a consent with its inclusion proof. Request: ConsentRequest. Response: ConsentWithProofResponse.")]
    public Task<byte[]> GetConsentAsync(ContractContext context, string request) => RunAsync(context, "GetConsent", request);

    /// <summary>Evaluate: Lists a patient's consents, one page at a time. Request <c>ListConsentsRequest</c>, response <c>ListConsentsResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "Lists a patient's consents, one page at a time. Request: ListConsentsRequest. Response: ListConsentsResponse.")]
    public Task<byte[]> ListConsentsAsync(ContractContext context, string request) => RunAsync(context, "ListConsents", request);

    /// <summary>Evaluate: Says whether the caller may act, and why. Request <c>CheckAccessRequest</c>, response <c>AccessDecision</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "Says whether the caller may act, and why. Request: CheckAccessRequest. Response: AccessDecision.")]
    public Task<byte[]> CheckAccessAsync(ContractContext context, string request) => RunAsync(context, "CheckAccess", request);

    /// <summary>Submit: Logs a consented access to one record (no pointer returned). Request <c>ReadRecordRequest</c>, response <c>AccessGrantResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Logs a consented access to one record; returns the access entry, no pointer. Request: ReadRecordRequest. Response: AccessGrantResponse.")]
    public Task<byte[]> RequestAccessAsync(ContractContext context, string request) => RunAsync(context, "RequestAccess", request);

    /// <summary>Submit: Break-glass access for the emergency role, logged and flagged (no pointer returned). Request <c>EmergencyAccessRequest</c>, response <c>AccessGrantResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Submit, Description = "Break-glass access for the emergency role, logged and flagged; returns the access entry, no pointer. Request: EmergencyAccessRequest. Response: AccessGrantResponse.")]
    public Task<byte[]> EmergencyAccessAsync(ContractContext context, string request) => RunAsync(context, "EmergencyAccess", request);

    /// <summary>Evaluate: The pointers a committed access entry covers, to its accessor only. Request <c>AccessedRecordsRequest</c>, response <c>AccessedRecordsResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "The pointers a committed access entry covers, to its accessor only, consent re-checked. Request: AccessedRecordsRequest. Response: AccessedRecordsResponse.")]
    public Task<byte[]> ReadAccessedRecordsAsync(ContractContext context, string request) => RunAsync(context, "ReadAccessedRecords", request);

    /// <summary>Evaluate: Lists every logged access to a patient's records. Request <c>ListAccessLogRequest</c>, response <c>ListAccessLogResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "Lists every logged access to a patient's records. Request: ListAccessLogRequest. Response: ListAccessLogResponse.")]
    public Task<byte[]> ListAccessLogAsync(ContractContext context, string request) => RunAsync(context, "ListAccessLog", request);

    /// <summary>Evaluate: Aggregate counts over research-consenting patients. Request <c>ResearchCountRequest</c>, response <c>ResearchCountResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "Aggregate counts over research-consenting patients. Request: ResearchCountRequest. Response: ResearchCountResponse.")]
    public Task<byte[]> CountResearchRecordsAsync(ContractContext context, string request) => RunAsync(context, "CountResearchRecords", request);

    /// <summary>Evaluate: The size and root hash of a patient's history log. Request <c>HistoryRequest</c>, response <c>HistoryRootResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "The size and root hash of a patient's history log. Request: HistoryRequest. Response: HistoryRootResponse.")]
    public Task<byte[]> GetHistoryRootAsync(ContractContext context, string request) => RunAsync(context, "GetHistoryRoot", request);

    /// <summary>Evaluate: One history entry with its inclusion proof. Request <c>HistoryEntryRequest</c>, response <c>HistoryProof</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "One history entry with its inclusion proof. Request: HistoryEntryRequest. Response: HistoryProof.")]
    public Task<byte[]> GetHistoryEntryAsync(ContractContext context, string request) => RunAsync(context, "GetHistoryEntry", request);

    /// <summary>Evaluate: A consistency proof between two sizes of a patient's log. Request <c>HistoryConsistencyRequest</c>, response <c>HistoryConsistencyResponse</c> (JSON).</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The request as JSON.</param>
    [Transaction(TransactionType.Evaluate, Description = "A consistency proof between two sizes of a patient's log. Request: HistoryConsistencyRequest. Response: HistoryConsistencyResponse.")]
    public Task<byte[]> GetHistoryConsistencyAsync(ContractContext context, string request) => RunAsync(context, "GetHistoryConsistency", request);
}
