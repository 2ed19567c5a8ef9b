using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Internal;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain;

public sealed partial class HealthRecordsService
{
    /// <summary>
    /// Query, researchers only: per category, how many patients with an active research consent for
    /// that category (granted to the caller's identity, organisation or the researcher role, with the
    /// read action, in force at the transaction time) have current records in it, and how many.
    /// Never names a patient; a patient count from 1 to <see cref="HealthRecordsOptions.ResearchThreshold"/> - 1
    /// is suppressed (both counts null).
    /// </summary>
    /// <param name="context">The transaction.</param>
    /// <param name="request">The categories to count, or null for all.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>One count per category, in category order.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT, FORBIDDEN (not a researcher).</exception>
    public async Task<ResearchCountResponse> CountResearchRecordsAsync(
        ITransactionContext context, ResearchCountRequest request, CancellationToken cancellationToken = default)
    {
        var scope = Begin(context, request, cancellationToken);
        var wanted = request.Categories is null
            ? [.. Vocabulary.Categories]
            : Distinct(request.Categories, "categories", c => Validate.Category(c, "categories[]"));
        if (wanted.Count == 0)
        {
            throw DomainException.Invalid("'categories' must name at least one category, or be null for all.");
        }

        if (scope.Caller.Role != Role.Researcher)
        {
            throw DomainException.Forbidden("Research counts are for identities with role 'researcher'.");
        }

        var patients = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var records = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var patient in scope.ScanAsync<PatientInfo>(Keys.Patient, [], cancellationToken).ConfigureAwait(false))
        {
            var consents = await LoadConsentsAsync(scope, patient.PatientId).ConfigureAwait(false);
            var covered = consents
                .Where(c => c.Purpose == "research" && c.Actions.Contains("read") && AccessRules.IsInForce(c, scope.Now)
                    && AccessRules.GranteeMatches(c.Grantee, scope.Caller))
                .SelectMany(c => c.Scope.Categories ?? [])
                .Intersect(wanted, StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            foreach (var category in covered)
            {
                var count = (await CurrentRecordsAsync(scope, patient.PatientId, category).ConfigureAwait(false)).Count;
                if (count > 0)
                {
                    patients[category] = patients.GetValueOrDefault(category) + 1;
                    records[category] = records.GetValueOrDefault(category) + count;
                }
            }
        }

        var threshold = _options.ResearchThreshold;
        var counts = wanted.Select(category =>
        {
            var p = patients.GetValueOrDefault(category);
            var suppressed = p > 0 && p < threshold;
            return new CategoryCount(category, suppressed ? null : p, suppressed ? null : records.GetValueOrDefault(category), suppressed);
        }).ToList();
        return new ResearchCountResponse(counts, threshold, scope.Now);
    }
}
