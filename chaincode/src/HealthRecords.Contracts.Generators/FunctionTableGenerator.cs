using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HealthRecords.Contracts.Generators;

/// <summary>
/// Writes everything a chaincode function table implies (see HealthRecordsFunctionTable): on the
/// table class, one name constant per row; on a <c>[FunctionDispatcher]</c> class, the dispatcher
/// entries; on a <c>[FunctionContract]</c> class, the Fabric transaction methods. The table may sit
/// in a referenced assembly: the rows are read from the attributes on its type symbol.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FunctionTableGenerator : IIncrementalGenerator
{
    private const string Namespace = "HealthRecords.Domain.Contracts.";
    internal const string RowAttribute = Namespace + "ChaincodeFunctionAttribute";
    private const string DispatcherAttribute = Namespace + "FunctionDispatcherAttribute";
    private const string ContractAttribute = Namespace + "FunctionContractAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Each output is (hint name, source text): plain strings, so unchanged tables cost nothing.
        var tables = context.SyntaxProvider.ForAttributeWithMetadataName(
                RowAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (c, _) => Sources.Table((INamedTypeSymbol)c.TargetSymbol, FunctionRow.ReadTable((INamedTypeSymbol)c.TargetSymbol)))
            .Collect();
        var dispatchers = context.SyntaxProvider.ForAttributeWithMetadataName(
                DispatcherAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (c, _) => Sources.Dispatcher((INamedTypeSymbol)c.TargetSymbol, c.Attributes[0]))
            .Collect();
        var contracts = context.SyntaxProvider.ForAttributeWithMetadataName(
                ContractAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (c, _) => Sources.Contract((INamedTypeSymbol)c.TargetSymbol, c.Attributes[0]))
            .Collect();

        context.RegisterSourceOutput(tables, Write);
        context.RegisterSourceOutput(dispatchers, Write);
        context.RegisterSourceOutput(contracts, Write);
    }

    // A partial class with rows on two of its declarations is reported once per declaration.
    private static void Write(SourceProductionContext context, ImmutableArray<GeneratedSource> sources)
    {
        foreach (var source in sources.Where(s => s.Text.Length > 0).GroupBy(s => s.HintName).Select(g => g.First()))
        {
            context.AddSource(source.HintName, source.Text);
        }
    }
}
