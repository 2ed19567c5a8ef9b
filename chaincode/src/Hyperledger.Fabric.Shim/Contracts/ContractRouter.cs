using System.Text;
using Hyperledger.Fabric.Shim.Contracts.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperledger.Fabric.Shim.Contracts;

/// <summary>
/// A chaincode made of <see cref="Contract"/> classes. The first argument names the function:
/// <c>contract:function</c>, or just <c>function</c> for the default contract. Any failure (unknown
/// function, wrong argument count or types, malformed JSON, an exception in the function or a hook)
/// becomes one error response, so the peer discards the transaction's writes and other transactions
/// are unaffected. Input the router cannot route or bind is status 400 (<c>INVALID_ARGUMENT: ...</c>:
/// no function name, argument count, invalid UTF-8, JSON that does not fit) or 404 (<c>NOT_FOUND: ...</c>:
/// an unknown contract, listing the known ones); a failure inside a function is 500 unless its
/// <see cref="ChaincodeException.Status"/> says otherwise. <c>org.hyperledger.fabric:GetMetadata</c> returns
/// the contracts' metadata JSON.
/// </summary>
public sealed partial class ContractRouter : IChaincode
{
    /// <summary>The contract name of the built-in functions.</summary>
    public const string SystemContractName = "org.hyperledger.fabric";

    /// <summary>The built-in function that returns the metadata.</summary>
    public const string GetMetadataFunction = "GetMetadata";

    private readonly Dictionary<string, ContractDescriptor> _contracts = new(StringComparer.Ordinal);
    private readonly ContractDescriptor _default;
    private readonly ContractRouterOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<string> _metadata;

    /// <summary>Routes to <paramref name="contracts"/> with default options; the first is the default contract.</summary>
    public ContractRouter(params Contract[] contracts)
        : this(new ContractRouterOptions(), contracts)
    {
    }

    /// <summary>Routes to <paramref name="contracts"/>.</summary>
    /// <exception cref="ArgumentException">No contracts, duplicate names, or a transaction method of an unsupported shape.</exception>
    public ContractRouter(ContractRouterOptions options, params Contract[] contracts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contracts);
        if (contracts.Length == 0)
        {
            throw new ArgumentException("at least one contract is required", nameof(contracts));
        }

        var ordered = new List<ContractDescriptor>();
        foreach (var contract in contracts)
        {
            ArgumentNullException.ThrowIfNull(contract, nameof(contracts));
            var descriptor = new ContractDescriptor(contract);
            if (descriptor.Name == SystemContractName || !_contracts.TryAdd(descriptor.Name, descriptor))
            {
                throw new ArgumentException($"contract name '{descriptor.Name}' is used twice or reserved", nameof(contracts));
            }

            ordered.Add(descriptor);
        }

        var defaultName = options.DefaultContract ?? ordered[0].Name;
        _default = _contracts.TryGetValue(defaultName, out var found)
            ? found
            : throw new ArgumentException($"default contract '{defaultName}' is not one of the contracts", nameof(options));
        _options = options;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ContractRouter>();
        _metadata = new Lazy<string>(() => ContractMetadata.Build(ordered, _default.Name, options));
    }

    /// <summary>The metadata JSON that <c>org.hyperledger.fabric:GetMetadata</c> returns.</summary>
    public string GetMetadataJson() => _metadata.Value;

    /// <summary>Routes an initialisation like any transaction; with no arguments it succeeds without doing anything.</summary>
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return stub.Args.Count == 0 ? Task.FromResult(ChaincodeResponse.Success()) : RouteAsync(stub);
    }

    /// <inheritdoc />
    public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return RouteAsync(stub);
    }

    private async Task<ChaincodeResponse> RouteAsync(IChaincodeStub stub)
    {
        string function = string.Empty;
        try
        {
            if (stub.Args.Count == 0)
            {
                throw RouterErrors.InvalidArgument("No function name given: the first argument must name the transaction function");
            }

            function = DecodeFunctionName(stub.Args[0]);
            var (contractName, functionName) = Split(function);
            if (contractName == SystemContractName)
            {
                return functionName == GetMetadataFunction
                    ? ChaincodeResponse.Success(Encoding.UTF8.GetBytes(GetMetadataJson()))
                    : throw RouterErrors.NotFound($"Unknown transaction function '{functionName}' in contract '{SystemContractName}'");
            }

            var contract = contractName is null ? _default
                : _contracts.TryGetValue(contractName, out var named) ? named
                : throw RouterErrors.NotFound($"Contract '{contractName}' not found; known contracts: {string.Join(", ", _contracts.Keys.Order(StringComparer.Ordinal))}");
            return await RunAsync(contract, functionName, stub).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var response = ToErrorResponse(e);
            if (e is ChaincodeException)
            {
                // A refusal the chaincode chose (forbidden, not found, bad input) is an expected outcome: no stack.
                RouterLog.TransactionRefused(_logger, stub.TxId, function, response.Status, response.Message);
            }
            else
            {
                RouterLog.TransactionFailed(_logger, stub.TxId, function, response.Message, e);
            }

            return response;
        }
    }

    private async Task<ChaincodeResponse> RunAsync(ContractDescriptor contract, string functionName, IChaincodeStub stub)
    {
        var context = contract.Contract.CreateContext(stub) ?? throw new InvalidOperationException($"{contract.Name}.CreateContext returned null");
        context.FunctionName = functionName;
        if (!contract.Functions.TryGetValue(functionName, out var function))
        {
            await contract.Contract.UnknownTransactionAsync(context).ConfigureAwait(false);
            return ChaincodeResponse.Success();
        }

        // Arguments are bound before any hook runs: bad input fails before chaincode code can write.
        var arguments = function.BindArguments(context, stub.Args.Skip(1).ToArray(), _options.SerializerOptions);
        await contract.Contract.BeforeTransactionAsync(context).ConfigureAwait(false);
        var result = await function.InvokeAsync(contract.Contract, arguments).ConfigureAwait(false);
        await contract.Contract.AfterTransactionAsync(context, result).ConfigureAwait(false);
        return TransactionFunction.ToResponse(result, _options.SerializerOptions);
    }

    private static ChaincodeResponse ToErrorResponse(Exception exception) => exception switch
    {
        ChaincodeException chaincode => new ChaincodeResponse(chaincode.Status, chaincode.Message, chaincode.Payload),
        OperationCanceledException => ChaincodeResponse.Error("The transaction was cancelled: " + exception.Message),
        _ => ChaincodeResponse.Error(exception.Message),
    };

    private static string DecodeFunctionName(byte[] raw)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw RouterErrors.InvalidArgument("The function name is not valid UTF-8");
        }
    }

    private static (string? Contract, string Function) Split(string function)
    {
        var colon = function.LastIndexOf(':');
        return colon < 0 ? (null, function) : (function[..colon], function[(colon + 1)..]);
    }

    private static partial class RouterLog
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "[{TxId}] transaction '{Function}' failed: {Reason}")]
        public static partial void TransactionFailed(ILogger logger, string txId, string function, string reason, Exception exception);

        [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "[{TxId}] transaction '{Function}' refused ({Status}): {Reason}")]
        public static partial void TransactionRefused(ILogger logger, string txId, string function, int status, string reason);
    }
}
