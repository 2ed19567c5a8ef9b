using System.Text.RegularExpressions;

namespace TestNetwork.Tests.Infrastructure;

/// <summary>
/// Compose's variable substitution for the forms our files use: <c>${NAME}</c>, <c>${NAME:-default}</c>
/// and <c>${NAME-default}</c>. Unset variables resolve to their defaults, as for an operator who set nothing.
/// </summary>
internal static partial class ComposeInterpolation
{
    public static string Resolve(string value, IReadOnlyDictionary<string, string>? environment = null) =>
        Variable().Replace(value, match =>
        {
            var name = match.Groups["name"].Value;
            var hasValue = environment is not null && environment.TryGetValue(name, out _);
            var set = hasValue ? environment![name] : null;
            if (!match.Groups["op"].Success)
            {
                return set ?? string.Empty;
            }

            var emptyCountsAsUnset = match.Groups["op"].Value == ":-";
            var useDefault = set is null || (emptyCountsAsUnset && set.Length == 0);
            return useDefault ? match.Groups["default"].Value : set!;
        });

    /// <summary>The default of the first <c>${name:-default}</c> in <paramref name="value"/>, or null.</summary>
    public static string? DefaultOf(string value, string name)
    {
        foreach (Match match in Variable().Matches(value))
        {
            if (match.Groups["name"].Value == name && match.Groups["op"].Success)
            {
                return match.Groups["default"].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?-)(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
