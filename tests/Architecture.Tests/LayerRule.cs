namespace Architecture.Tests;

/// <summary>
/// One layer rule: the assembly <paramref name="Subject"/> must not reference any assembly that
/// <paramref name="IsForbidden"/> accepts.
/// </summary>
public sealed record LayerRule(string Name, string Subject, string Why, Func<string, bool> IsForbidden)
{
    /// <summary>The referenced assembly names that break the rule, in order.</summary>
    public IReadOnlyList<string> Violations(IEnumerable<string> references) =>
        references.Where(IsForbidden).Order(StringComparer.Ordinal).ToList();

    /// <inheritdoc/>
    public override string ToString() => Name;
}
