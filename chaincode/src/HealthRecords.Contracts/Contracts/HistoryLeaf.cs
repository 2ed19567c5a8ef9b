using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>
/// The canonical leaf of a patient's history log. Its <see cref="HealthRecordsJson"/> serialization,
/// byte for byte, is the leaf data the Merkle log hashes (docs/data-model.md, "Merkle leaves").
/// </summary>
/// <typeparam name="TSubject"><see cref="RecordPointer"/>, <see cref="Consent"/> or <see cref="AccessEntry"/>.</typeparam>
/// <param name="Version">The leaf format version: 1.</param>
/// <param name="Type">One of <see cref="HistoryLeafTypes"/>.</param>
/// <param name="PatientId">The patient whose log it is.</param>
/// <param name="TxId">The transaction that appended it.</param>
/// <param name="Timestamp">That transaction's timestamp.</param>
/// <param name="Subject">The item as it was stored by that transaction.</param>
public sealed record HistoryLeaf<TSubject>(
    [property: JsonPropertyName("v"), JsonPropertyOrder(0)] int Version,
    [property: JsonPropertyName("type"), JsonPropertyOrder(1)] string Type,
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(2)] string PatientId,
    [property: JsonPropertyName("txId"), JsonPropertyOrder(3)] string TxId,
    [property: JsonPropertyName("timestamp"), JsonPropertyOrder(4)] DateTimeOffset Timestamp,
    [property: JsonPropertyName("subject"), JsonPropertyOrder(5)] TSubject Subject);
