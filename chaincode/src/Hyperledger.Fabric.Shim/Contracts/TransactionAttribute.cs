namespace Hyperledger.Fabric.Shim.Contracts;

/// <summary>
/// Marks a public method of a <see cref="Contract"/> as a transaction function. The method takes a
/// <see cref="ContractContext"/> first, then its arguments: <c>string</c> (the raw argument),
/// <c>byte[]</c> (raw bytes) or any type System.Text.Json can read. It returns <c>void</c>, a value,
/// <c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>; strings go back as
/// UTF-8, byte arrays as they are, a <see cref="ChaincodeResponse"/> unchanged and anything else as JSON.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class TransactionAttribute : Attribute
{
    /// <summary>A submit transaction.</summary>
    public TransactionAttribute()
        : this(TransactionType.Submit)
    {
    }

    /// <summary>A transaction of the given type.</summary>
    public TransactionAttribute(TransactionType type)
    {
        Type = type;
    }

    /// <summary>Submit (default) or evaluate.</summary>
    public TransactionType Type { get; }

    /// <summary>The function name clients call; defaults to the method name (without an <c>Async</c> suffix).</summary>
    public string? Name { get; set; }

    /// <summary>Free text for the contract metadata.</summary>
    public string? Description { get; set; }
}
