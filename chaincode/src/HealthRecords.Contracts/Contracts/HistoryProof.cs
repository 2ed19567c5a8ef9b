using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A history leaf with its RFC 9162 inclusion proof (see docs/merkle.md and docs/data-model.md).</summary>
/// <param name="PatientId">The patient whose log it is.</param>
/// <param name="LeafIndex">The leaf's index.</param>
/// <param name="TreeSize">The tree size the proof is for.</param>
/// <param name="RootHash">The root at <c>treeSize</c>, 64 lowercase hex digits.</param>
/// <param name="AuditPath">The audit path, deepest first, each 64 lowercase hex digits.</param>
/// <param name="Leaf">The leaf bytes (canonical JSON), base64; null when the leaf is withheld (then <paramref name="LeafHash"/> is set).</param>
/// <param name="LeafHash">
/// Set only when the leaf is withheld: its RFC 9162 leaf hash (hex), enough to verify the proof. The chaincode
/// withholds legacy (format 1) record leaves, which hold a full pointer, from callers not entitled to the pointer.
/// </param>
public sealed record HistoryProof(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("leafIndex"), JsonPropertyOrder(1)] long LeafIndex,
    [property: JsonPropertyName("treeSize"), JsonPropertyOrder(2)] long TreeSize,
    [property: JsonPropertyName("rootHash"), JsonPropertyOrder(3)] string RootHash,
    [property: JsonPropertyName("auditPath"), JsonPropertyOrder(4)] IReadOnlyList<string> AuditPath,
    [property: JsonPropertyName("leaf"), JsonPropertyOrder(5)] string? Leaf,
    [property: JsonPropertyName("leafHash"), JsonPropertyOrder(6)] string? LeafHash = null);
