using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace HealthRecords.Contracts.Generators;

/// <summary>One <c>[ChaincodeFunction]</c> row, as the generated code needs it.</summary>
internal sealed class FunctionRow
{
    private FunctionRow(string name, bool isSubmit, ITypeSymbol request, ITypeSymbol response, string description)
    {
        Name = name;
        IsSubmit = isSubmit;
        Request = request.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        RequestName = request.Name;
        Response = response.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        ResponseName = response.Name;
        Description = description;
    }

    public string Name { get; }

    public bool IsSubmit { get; }

    /// <summary>The request type, <c>global::</c>-qualified.</summary>
    public string Request { get; }

    public string RequestName { get; }

    public string Response { get; }

    public string ResponseName { get; }

    public string Description { get; }

    /// <summary>The rows of <paramref name="table"/> in declaration order; malformed rows (the compiler reports them) are skipped.</summary>
    public static IReadOnlyList<FunctionRow> ReadTable(INamedTypeSymbol table) =>
        table.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == FunctionTableGenerator.RowAttribute && a.ConstructorArguments.Length == 5)
            .Select(a => a.ConstructorArguments)
            .Where(args => args[0].Value is string && args[1].Value is int && args[2].Value is ITypeSymbol && args[3].Value is ITypeSymbol && args[4].Value is string)
            .Select(args => new FunctionRow(
                (string)args[0].Value!,
                (int)args[1].Value! == 1, // ChaincodeFunctionKind.Submit
                (ITypeSymbol)args[2].Value!,
                (ITypeSymbol)args[3].Value!,
                (string)args[4].Value!))
            .ToList();
}
