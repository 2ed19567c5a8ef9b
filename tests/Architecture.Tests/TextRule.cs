namespace Architecture.Tests;

/// <summary>
/// One rule over an assembly's names and literals (<see cref="AssemblyText"/>): the assembly
/// <paramref name="Subject"/> must hold no text that <paramref name="IsForbidden"/> accepts.
/// </summary>
public sealed record TextRule(string Name, string Subject, string Why, Func<string, bool> IsForbidden)
{
    /// <summary>The texts that break the rule, in order.</summary>
    public IReadOnlyList<string> Violations(IEnumerable<string> texts) =>
        texts.Where(IsForbidden).Order(StringComparer.Ordinal).ToList();

    /// <inheritdoc/>
    public override string ToString() => Name;
}
