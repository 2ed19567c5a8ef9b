using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain;

/// <summary>
/// Maps chaincode function names to <see cref="HealthRecordsService"/> methods: each function takes
/// one argument, the request contract as UTF-8 JSON, and returns the response contract as canonical
/// UTF-8 JSON. The Fabric adapter only has to build an <see cref="ITransactionContext"/>, call
/// <see cref="InvokeAsync"/>, and turn a <see cref="DomainException"/> into an error response.
/// The functions are the rows of <see cref="HealthRecordsFunctionTable"/>; the source generator
/// writes <c>AddTableFunctions</c>, one <see cref="Add"/> per row bound to <c>HealthRecordsService.&lt;Name&gt;Async</c>.
/// </summary>
[FunctionDispatcher(typeof(HealthRecordsFunctionTable), typeof(HealthRecordsService))]
public sealed partial class HealthRecordsDispatcher
{
    private delegate Task<byte[]> Handler(ITransactionContext context, ReadOnlyMemory<byte> request, CancellationToken cancellationToken);

    private readonly Dictionary<string, Handler> _handlers = new(StringComparer.Ordinal);
    private readonly List<HealthRecordsFunction> _functions = [];

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="service">The service to call; <see langword="null"/> for one with default options.</param>
    public HealthRecordsDispatcher(HealthRecordsService? service = null)
    {
        var s = service ?? new HealthRecordsService();
        AddTableFunctions(s);
    }

    /// <summary>Every function, in the table's order (patients, records, consents, access, research, history).</summary>
    public IReadOnlyList<HealthRecordsFunction> Functions => _functions;

    /// <summary>Runs function <paramref name="function"/> with its JSON request.</summary>
    /// <param name="context">The transaction.</param>
    /// <param name="function">The function name (case-sensitive).</param>
    /// <param name="requestJson">The request contract as UTF-8 JSON.</param>
    /// <param name="cancellationToken">Cancels ledger calls.</param>
    /// <returns>The response contract as canonical UTF-8 JSON.</returns>
    /// <exception cref="DomainException">INVALID_ARGUMENT for an unknown function or malformed JSON, or whatever the function refuses with.</exception>
    public Task<byte[]> InvokeAsync(
        ITransactionContext context, string function, ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _handlers.TryGetValue(function ?? string.Empty, out var handler)
            ? handler(context, requestJson, cancellationToken)
            : throw DomainException.Invalid($"Unknown function '{function}'.");
    }

    private void Add<TRequest, TResponse>(
        string name, bool isSubmit, string description, Func<ITransactionContext, TRequest, CancellationToken, Task<TResponse>> method)
    {
        _functions.Add(new HealthRecordsFunction(name, isSubmit, typeof(TRequest), typeof(TResponse), description));
        _handlers.Add(name, async (context, request, cancellationToken) =>
        {
            var parsed = HealthRecordsJson.Deserialize<TRequest>(request.Span);
            var response = await method(context, parsed, cancellationToken).ConfigureAwait(false);
            return HealthRecordsJson.Serialize(response);
        });
    }
}
