namespace HealthRecords.Domain.Contracts;

/// <summary>
/// One row of a chaincode function table (see <see cref="HealthRecordsFunctionTable"/>). The
/// HealthRecords.Contracts.Generators source generator reads the rows and writes the function-name
/// constants, the dispatcher's entries and the Fabric contract's transaction methods from them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ChaincodeFunctionAttribute : Attribute
{
    /// <summary>Declares one function.</summary>
    /// <param name="name">The function name clients call, e.g. <c>GetPatient</c>; the service method is <c>&lt;name&gt;Async</c>.</param>
    /// <param name="kind">Submit or evaluate.</param>
    /// <param name="requestType">The request contract (the function's one JSON argument).</param>
    /// <param name="responseType">The response contract (the JSON payload it returns).</param>
    /// <param name="description">One sentence: what it does and who may call it. Shown in the contract metadata, the XML docs and docs/chaincode.md.</param>
    public ChaincodeFunctionAttribute(string name, ChaincodeFunctionKind kind, Type requestType, Type responseType, string description)
    {
        Name = name;
        Kind = kind;
        RequestType = requestType;
        ResponseType = responseType;
        Description = description;
    }

    /// <summary>The function name.</summary>
    public string Name { get; }

    /// <summary>Submit or evaluate.</summary>
    public ChaincodeFunctionKind Kind { get; }

    /// <summary>The request contract.</summary>
    public Type RequestType { get; }

    /// <summary>The response contract.</summary>
    public Type ResponseType { get; }

    /// <summary>What the function does.</summary>
    public string Description { get; }
}
