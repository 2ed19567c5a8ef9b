using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>When and by whom a consent was revoked.</summary>
/// <param name="RevokedAt">The revoking transaction's timestamp.</param>
/// <param name="RevokedBy">The patient identity or delegate that revoked it.</param>
/// <param name="TxId">The revoking transaction's id.</param>
/// <param name="HistoryIndex">The index of the <c>consent-revoked</c> leaf.</param>
public sealed record Revocation(
    [property: JsonPropertyName("revokedAt"), JsonPropertyOrder(0)] DateTimeOffset RevokedAt,
    [property: JsonPropertyName("revokedBy"), JsonPropertyOrder(1)] ActorRef RevokedBy,
    [property: JsonPropertyName("txId"), JsonPropertyOrder(2)] string TxId,
    [property: JsonPropertyName("historyIndex"), JsonPropertyOrder(3)] long HistoryIndex);
