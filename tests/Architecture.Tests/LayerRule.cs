namespace Architecture.Tests;

/// <summary>
/// One layer rule: the assembly <paramref name="Subject"/> must not reference any assembly that
/// <paramref name="IsForbidden"/> accepts.
/// </summary>
public sealed record LayerRule(string Name, string Subject, string Why, Func<string, bool> IsForbidden)
{
    /// <summary>Whether the rule covers what the subject references through other assemblies of ours too. Default false (direct references).</summary>
    public bool Transitive { get; init; }

    /// <summary>The references the rule reads: the subject's own, or with <see cref="Transitive"/> everything it reaches.</summary>
    public IReadOnlyList<string> ReferencesOfSubject() =>
        Transitive ? AssemblyReferences.ClosureOf(Subject) : AssemblyReferences.Of(Subject);

    /// <summary>The referenced assembly names that break the rule, in order.</summary>
    public IReadOnlyList<string> Violations(IEnumerable<string> references) =>
        references.Where(IsForbidden).Order(StringComparer.Ordinal).ToList();

    /// <inheritdoc/>
    public override string ToString() => Name;
}
