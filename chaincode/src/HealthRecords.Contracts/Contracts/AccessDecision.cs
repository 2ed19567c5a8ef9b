using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>The answer of the access rules: allowed or not, why, and under which consent.</summary>
/// <param name="Allowed">Whether the access is allowed.</param>
/// <param name="Reason">A stable reason code (see docs/consent.md), e.g. <c>consent</c>, <c>no-consent</c>, <c>consent-expired</c>.</param>
/// <param name="Basis">When allowed: <c>patient</c>, <c>delegate</c>, <c>custodian</c>, <c>provider</c> (append) or <c>consent</c>; else null.</param>
/// <param name="ConsentId">The consent that allows it, or the one that came closest when denied; null if none.</param>
/// <param name="Message">The reason in words.</param>
public sealed record AccessDecision(
    [property: JsonPropertyName("allowed"), JsonPropertyOrder(0)] bool Allowed,
    [property: JsonPropertyName("reason"), JsonPropertyOrder(1)] string Reason,
    [property: JsonPropertyName("basis"), JsonPropertyOrder(2)] string? Basis,
    [property: JsonPropertyName("consentId"), JsonPropertyOrder(3)] string? ConsentId,
    [property: JsonPropertyName("message"), JsonPropertyOrder(4)] string Message);
