using HealthRecords.Domain.Internal;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain;

/// <summary>
/// The health-records domain: patients, record pointers, consent, access audit, research counts and
/// per-patient Merkle history. Each public method is one chaincode transaction function: it takes the
/// transaction context and a request contract and returns a response contract. Methods documented as
/// queries only read; the others write state, append to the patient's history log and set one event.
/// </summary>
/// <remarks>
/// Every refusal is a <see cref="DomainException"/> with a stable code, thrown before anything is
/// written where the input is at fault (and in Fabric a failed transaction commits nothing). The
/// service is stateless and thread-safe; the chaincode adapter can keep one instance.
/// </remarks>
public sealed partial class HealthRecordsService
{
    private readonly HealthRecordsOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="options">Tunables; <see langword="null"/> for the defaults. Every endorser must use the same values.</param>
    public HealthRecordsService(HealthRecordsOptions? options = null)
    {
        _options = options ?? new HealthRecordsOptions();
        if (_options.DefaultPageSize < 1 || _options.MaxPageSize < _options.DefaultPageSize
            || _options.ResearchThreshold < 1 || _options.MaxEmergencyRecords < 1 || _options.AccessWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("Page sizes, the research threshold, the emergency limit and the access window must be positive.", nameof(options));
        }
    }

    private static TxScope Begin(ITransactionContext context, object? request, CancellationToken cancellationToken)
    {
        var scope = new TxScope(context, cancellationToken);
        if (request is null)
        {
            throw DomainException.Invalid("The request is required.");
        }

        return scope;
    }
}
