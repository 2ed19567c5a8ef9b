using System;

namespace HealthRecords.Contracts.Generators;

/// <summary>One generated file; empty text means there is nothing to write.</summary>
internal sealed class GeneratedSource : IEquatable<GeneratedSource>
{
    public GeneratedSource(string hintName, string text)
    {
        HintName = hintName;
        Text = text;
    }

    public string HintName { get; }

    public string Text { get; }

    public bool Equals(GeneratedSource? other) =>
        other is not null && string.Equals(HintName, other.HintName, StringComparison.Ordinal) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as GeneratedSource);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(HintName) ^ StringComparer.Ordinal.GetHashCode(Text);
}
