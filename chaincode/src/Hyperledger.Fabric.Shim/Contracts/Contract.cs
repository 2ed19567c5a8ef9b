using System.Reflection;

namespace Hyperledger.Fabric.Shim.Contracts;

/// <summary>
/// Base class of a contract: a named group of transaction functions (public methods marked with
/// <see cref="TransactionAttribute"/>). Override the hooks to run code around every function.
/// </summary>
public abstract class Contract
{
    /// <summary>Creates a contract named by its <see cref="ContractAttribute"/> or its class name.</summary>
    protected Contract()
    {
        var attribute = GetType().GetCustomAttribute<ContractAttribute>();
        Name = attribute?.Name ?? GetType().Name;
    }

    /// <summary>Creates a contract with an explicit name.</summary>
    protected Contract(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The name used in <c>name:function</c> routing and in the metadata.</summary>
    public string Name { get; }

    /// <summary>Creates the context passed to every function (override to return a derived context).</summary>
    public virtual ContractContext CreateContext(IChaincodeStub stub) => new(stub);

    /// <summary>Runs before every function of this contract; throw to fail the transaction.</summary>
    public virtual Task BeforeTransactionAsync(ContractContext context) => Task.CompletedTask;

    /// <summary>Runs after every function that succeeded, with its return value; throw to fail the transaction.</summary>
    public virtual Task AfterTransactionAsync(ContractContext context, object? result) => Task.CompletedTask;

    /// <summary>
    /// Runs when the function name matches no transaction of this contract. The default throws a
    /// <see cref="ChaincodeException"/> naming the function; returning normally succeeds with no payload.
    /// </summary>
    public virtual Task UnknownTransactionAsync(ContractContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        throw new ChaincodeException($"Unknown transaction function '{context.FunctionName}' in contract '{Name}'");
    }
}
