namespace HealthRecords.Domain.Contracts;

/// <summary>
/// Marks a partial dispatcher class: the source generator adds a private <c>AddTableFunctions(service)</c>
/// that calls the class's own <c>Add&lt;TRequest, TResponse&gt;(name, isSubmit, description, method)</c>
/// once per row of <see cref="Table"/>, binding each to the service method <c>&lt;Name&gt;Async</c>.
/// </summary>
/// <param name="table">The class that holds the <see cref="ChaincodeFunctionAttribute"/> rows.</param>
/// <param name="service">The service whose methods implement the functions.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FunctionDispatcherAttribute(Type table, Type service) : Attribute
{
    /// <summary>The function table.</summary>
    public Type Table { get; } = table;

    /// <summary>The service class.</summary>
    public Type Service { get; } = service;
}
