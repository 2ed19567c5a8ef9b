using System.Reflection;
using System.Text;
using Hyperledger.Fabric.Shim;
using Hyperledger.Fabric.Shim.Contracts;
using HealthRecords.Chaincode.Internal;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthRecords.Chaincode;

/// <summary>
/// The health-records contract (<c>healthrecords</c>, the default contract): one transaction function
/// per row of <see cref="HealthRecordsFunctionTable"/>, submit or evaluate as the row declares. The
/// source generator writes those methods (<c>&lt;Name&gt;Async(context, request)</c>, each calling
/// <see cref="RunAsync"/>); the constructor checks they match the dispatcher.
/// Each takes the request as one JSON string argument and returns the response's canonical JSON
/// bytes. A <see cref="DomainException"/> becomes an error response <c>CODE: message</c> (see
/// <see cref="ChaincodeErrors"/>); any other exception a generic 500 <c>INTERNAL</c> error.
/// </summary>
[FunctionContract(typeof(HealthRecordsFunctionTable))]
[Contract(Name = ContractName, Title = "Health records", Version = ContractVersion,
    Description = "Patient-controlled record pointers, consent, access audit and per-patient Merkle history.")]
public sealed partial class HealthRecordsContract : Contract
{
    /// <summary>The contract name (also the chaincode name every network uses).</summary>
    public const string ContractName = "healthrecords";

    /// <summary>The version shown in the contract metadata.</summary>
    public const string ContractVersion = "1.0.0";

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly HealthRecordsDispatcher _dispatcher;
    private readonly Dictionary<string, bool> _isSubmit;
    private readonly ILogger _logger;

    /// <summary>Creates the contract.</summary>
    /// <param name="dispatcher">The domain dispatcher; <see langword="null"/> for one with default options (every endorser must use the same).</param>
    /// <param name="loggerFactory">Logging; <see langword="null"/> logs nothing.</param>
    /// <exception cref="InvalidOperationException">The contract's transactions differ from the dispatcher's functions (a build mistake).</exception>
    public HealthRecordsContract(HealthRecordsDispatcher? dispatcher = null, ILoggerFactory? loggerFactory = null)
    {
        _dispatcher = dispatcher ?? new HealthRecordsDispatcher();
        _isSubmit = _dispatcher.Functions.ToDictionary(f => f.Name, f => f.IsSubmit, StringComparer.Ordinal);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<HealthRecordsContract>();
        EnsureMatchesDispatcher();
    }

    /// <summary>An unknown function name is an <c>INVALID_ARGUMENT</c> error (status 400) that names the function.</summary>
    /// <param name="context">The transaction.</param>
    public override Task UnknownTransactionAsync(ContractContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        throw ChaincodeErrors.FromDomain(new DomainException(
            DomainErrorCodes.InvalidArgument, $"Unknown function '{context.FunctionName}' in contract '{ContractName}'."));
    }

    /// <summary>Runs one dispatcher function and maps its failures to error responses.</summary>
    private async Task<byte[]> RunAsync(ContractContext context, string function, string request)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        try
        {
            var transaction = ShimTransactionContext.Create(stub, _isSubmit[function]);
            var response = await _dispatcher.InvokeAsync(transaction, function, StrictUtf8.GetBytes(request ?? string.Empty), context.CancellationToken)
                .ConfigureAwait(false);
            ContractLog.Completed(_logger, stub.TxId, function, response.Length);
            return response;
        }
        catch (DomainException e)
        {
            ContractLog.Refused(_logger, stub.TxId, function, e.Code, e.Message);
            throw ChaincodeErrors.FromDomain(e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ContractLog.Failed(_logger, stub.TxId, function, e);
            throw ChaincodeErrors.Unexpected(stub.TxId);
        }
    }

    private void EnsureMatchesDispatcher()
    {
        var declared = GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<TransactionAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToDictionary(m => m.Method.Name.EndsWith("Async", StringComparison.Ordinal) ? m.Method.Name[..^5] : m.Method.Name, m => m.Attribute!.Type, StringComparer.Ordinal);
        var expected = _dispatcher.Functions.ToDictionary(
            f => f.Name, f => f.IsSubmit ? TransactionType.Submit : TransactionType.Evaluate, StringComparer.Ordinal);
        var mismatched = declared.Keys.Union(expected.Keys)
            .Where(name => !declared.TryGetValue(name, out var d) || !expected.TryGetValue(name, out var x) || d != x)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (mismatched.Length > 0)
        {
            throw new InvalidOperationException(
                $"HealthRecordsContract and HealthRecordsDispatcher disagree on: {string.Join(", ", mismatched)}");
        }
    }

    private static partial class ContractLog
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "[{TxId}] {Function} returned {Bytes} bytes")]
        public static partial void Completed(ILogger logger, string txId, string function, int bytes);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "[{TxId}] {Function} refused: {Code}: {Reason}")]
        public static partial void Refused(ILogger logger, string txId, string function, string code, string reason);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "[{TxId}] {Function} failed unexpectedly")]
        public static partial void Failed(ILogger logger, string txId, string function, Exception exception);
    }
}
