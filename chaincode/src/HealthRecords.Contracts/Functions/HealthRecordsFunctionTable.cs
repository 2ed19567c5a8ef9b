using static HealthRecords.Domain.Contracts.ChaincodeFunctionKind;

namespace HealthRecords.Domain.Contracts;

/// <summary>
/// The chaincode's functions: the one table every other part is generated from. Each row gives the
/// name, the kind, the request and response contracts and the description. From it the source
/// generator writes a constant per function name on this class (what clients call), the domain
/// dispatcher's entries and the Fabric contract's transaction methods; docs/chaincode.md shows the
/// same rows (a test checks). Order: patients, records, consents, access, research, history.
/// </summary>
[ChaincodeFunction("RegisterPatient", Submit, typeof(RegisterPatientRequest), typeof(PatientResponse),
    "Registers the caller (role patient) as the patient its hrec.patient names.")]
[ChaincodeFunction("AddPatientIdentity", Submit, typeof(AddPatientIdentityRequest), typeof(IdentityBindingResponse),
    "Binds another identity (self or delegate) to a patient.")]
[ChaincodeFunction("RotatePatientIdentity", Submit, typeof(RotatePatientIdentityRequest), typeof(RotatePatientIdentityResponse),
    "Replaces the caller's own patient identity with a new one.")]
[ChaincodeFunction("DeactivatePatientIdentity", Submit, typeof(DeactivatePatientIdentityRequest), typeof(IdentityBindingResponse),
    "Deactivates one identity bound to a patient.")]
[ChaincodeFunction("GetPatient", Evaluate, typeof(GetPatientRequest), typeof(PatientResponse),
    "Reads a patient and its identity bindings.")]
[ChaincodeFunction("AddRecord", Submit, typeof(AddRecordRequest), typeof(RecordResponse),
    "Adds a record pointer (provider, or a consented device).")]
[ChaincodeFunction("SupersedeRecord", Submit, typeof(SupersedeRecordRequest), typeof(RecordResponse),
    "Corrects a record pointer with a new version.")]
[ChaincodeFunction("GetRecord", Evaluate, typeof(GetRecordRequest), typeof(RecordWithProofResponse),
    "Reads a record pointer with its inclusion proof (patient, delegate, custodian).")]
[ChaincodeFunction("ListRecords", Evaluate, typeof(ListRecordsRequest), typeof(ListRecordsResponse),
    "Lists record summaries of a patient, one page at a time.")]
[ChaincodeFunction("GrantConsent", Submit, typeof(GrantConsentRequest), typeof(ConsentResponse),
    "Grants a consent (patient or delegate).")]
[ChaincodeFunction("RevokeConsent", Submit, typeof(ConsentRequest), typeof(ConsentResponse),
    "Revokes a consent (patient or delegate).")]
[ChaincodeFunction("GetConsent", Evaluate, typeof(ConsentRequest), typeof(ConsentWithProofResponse),
    "Reads a consent with its inclusion proof.")]
[ChaincodeFunction("ListConsents", Evaluate, typeof(ListConsentsRequest), typeof(ListConsentsResponse),
    "Lists a patient's consents, one page at a time.")]
[ChaincodeFunction("CheckAccess", Evaluate, typeof(CheckAccessRequest), typeof(AccessDecision),
    "Says whether the caller may act, and why.")]
[ChaincodeFunction("RequestAccess", Submit, typeof(ReadRecordRequest), typeof(AccessGrantResponse),
    "Logs a consented access to one record; returns the access entry, no pointer.")]
[ChaincodeFunction("EmergencyAccess", Submit, typeof(EmergencyAccessRequest), typeof(AccessGrantResponse),
    "Break-glass access for the emergency role, logged and flagged; returns the access entry, no pointer.")]
[ChaincodeFunction("ReadAccessedRecords", Evaluate, typeof(AccessedRecordsRequest), typeof(AccessedRecordsResponse),
    "The pointers a committed access entry covers, to its accessor only, consent re-checked.")]
[ChaincodeFunction("ListAccessLog", Evaluate, typeof(ListAccessLogRequest), typeof(ListAccessLogResponse),
    "Lists every logged access to a patient's records.")]
[ChaincodeFunction("CountResearchRecords", Evaluate, typeof(ResearchCountRequest), typeof(ResearchCountResponse),
    "Aggregate counts over research-consenting patients.")]
[ChaincodeFunction("GetHistoryRoot", Evaluate, typeof(HistoryRequest), typeof(HistoryRootResponse),
    "The size and root hash of a patient's history log.")]
[ChaincodeFunction("GetHistoryEntry", Evaluate, typeof(HistoryEntryRequest), typeof(HistoryProof),
    "One history entry with its inclusion proof.")]
[ChaincodeFunction("GetHistoryConsistency", Evaluate, typeof(HistoryConsistencyRequest), typeof(HistoryConsistencyResponse),
    "A consistency proof between two sizes of a patient's log.")]
public static partial class HealthRecordsFunctionTable;
