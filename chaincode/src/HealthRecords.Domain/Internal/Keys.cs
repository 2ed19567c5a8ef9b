namespace HealthRecords.Domain.Internal;

/// <summary>The composite-key object types the chaincode writes (docs/data-model.md lists each).</summary>
internal static class Keys
{
    /// <summary>[patientId] -> PatientInfo.</summary>
    public const string Patient = "hrec.patient";

    /// <summary>[patientId, mspId, identityId] -> IdentityBinding.</summary>
    public const string Binding = "hrec.binding";

    /// <summary>[recordId] -> RecordPointer.</summary>
    public const string Record = "hrec.record";

    /// <summary>[recordId] -> the record's commitment salt (32 bytes), served only with the pointer (docs/merkle.md).</summary>
    public const string RecordSalt = "hrec.recordSalt";

    /// <summary>[patientId, category, recordedAt, recordId] -> the record id (UTF-8).</summary>
    public const string RecordIndex = "hrec.recordIndex";

    /// <summary>[patientId, consentId] -> Consent.</summary>
    public const string Consent = "hrec.consent";

    /// <summary>[patientId, accessedAt, accessId] -> AccessEntry.</summary>
    public const string Access = "hrec.access";

    /// <summary>[patientId, accessId] -> the entry's accessedAt (UTF-8 RFC 3339), to find an access entry by id.</summary>
    public const string AccessRef = "hrec.accessRef";

    /// <summary>[patientId, merkleKey] -> the Merkle log's own values (docs/merkle.md).</summary>
    public const string History = "hrec.history";
}
